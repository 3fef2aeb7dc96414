// `tiller spec …` as a process against the fake model server: the CLI contract (README "Spec
// authoring from the CLI"), the gates between phases, and the draft's write restriction.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { startFakeModelServer, type FakeModelServer, type FakeReply } from '../../support/fake-model-server';
import { assertCliBuilt, FAKE_KEY, fakeModelFlags, lastLine, runTiller as tiller } from '../../support/tiller-cli';
import { TempWorkspace } from '../agent/helpers';

function put(ws: TempWorkspace, rel: string, text: string): void {
  mkdirSync(dirname(ws.path(rel)), { recursive: true });
  writeFileSync(ws.path(rel), text);
}

const write = (path: string, content: string): FakeReply => ({
  toolCalls: [{ name: 'write_file', arguments: JSON.stringify({ path, content, rationale: 'the draft' }) }],
});

export const REQUIREMENTS = `# Requirements Document

## Introduction

Export a report as CSV.

## Requirements

### Requirement 1: Export

**User Story:** As an analyst, I want to export a report, so that I can open it in a spreadsheet.

#### Acceptance Criteria

1. WHEN the analyst chooses Export THEN THE SYSTEM SHALL write report.csv within 2 seconds
2. IF the report is empty THEN THE SYSTEM SHALL write only the header row
`;

const DESIGN = `# Design Document

## Overview

A CSV writer beside the report view (Requirement 1).
`;

/** Every tool result the model was sent, across all requests, by call id. */
function toolResults(server: FakeModelServer): string[] {
  const out = new Map<string, string>();
  for (const r of server.requests)
    for (const m of r.body.messages ?? []) if (m.role === 'tool') out.set(m.tool_call_id, String(m.content));
  return [...out.values()];
}

describe('tiller spec (process)', function () {
  this.timeout(60_000);
  let server: FakeModelServer;
  let ws: TempWorkspace;
  let model: string[];
  const spec = '.kiro/specs/csv-export';
  before(assertCliBuilt);
  beforeEach(async () => {
    server = await startFakeModelServer({ apiKey: FAKE_KEY });
    ws = new TempWorkspace();
    model = [...fakeModelFlags(server), '--no-checkpoint'];
  });
  afterEach(async () => {
    await server.close();
    ws.dispose();
  });

  it('new drafts the first phase only; writes to design.md or src/ and commands are refused with the reason', async () => {
    server.script([
      write(`${spec}/design.md`, '# Design\n'),
      write('src/export.ts', 'export {};\n'),
      write(`${spec}/spec.json`, '{"approvals":{}}'),
      { toolCalls: [{ name: 'run_command', arguments: '{"command":"touch x","rationale":"r"}' }] },
      write(`${spec}/requirements.md`, REQUIREMENTS),
      { text: 'Drafted the requirements; open question: the file name.' },
    ]);
    const r = await tiller(ws, ['spec', 'new', 'csv-export', '--idea', 'Export reports as CSV', ...model]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(lastLine(r.stdout), {
      spec: 'csv-export',
      phase: 'requirements',
      file: `${spec}/requirements.md`,
      status: 'drafted',
    });
    assert.equal(ws.read(`${spec}/requirements.md`), REQUIREMENTS);
    assert.equal(existsSync(ws.path(`${spec}/design.md`)), false);
    assert.equal(existsSync(ws.path('src/export.ts')), false);
    const config = JSON.parse(ws.read(`${spec}/.config.kiro`));
    assert.equal(config.workflowType, 'requirements-first');
    assert.equal(config.specType, 'feature');
    assert.match(config.specId, /^[0-9a-f-]{36}$/);

    const results = toolResults(server);
    assert.match(
      results[0],
      /this run drafts \.kiro\/specs\/csv-export\/requirements\.md \(requirements\) only, so \.kiro\/specs\/csv-export\/design\.md may not be written: .*another phase/,
    );
    assert.match(results[1], /so src\/export\.ts may not be written: a draft writes nothing but its document/);
    assert.match(results[2], /spec\.json holds the spec's workflow and approvals, which only a person changes/);
    assert.match(results[3], /run_command is not available in this run/);
    const offered = server.requests[0].body.tools.map((t: { function: { name: string } }) => t.function.name);
    assert.deepEqual(offered.sort(), [
      'edit_file',
      'list_files',
      'read_file',
      'record_decision',
      'search_files',
      'write_file',
    ]);
    assert.match(server.requests[0].body.messages[0].content, /EARS/);
    assert.match(server.requests[0].body.messages[1].content, /Export reports as CSV/);
  });

  it('holds every gate: draft exits 3 naming the blocking phase, approve records the hash, a hand edit makes it stale', async () => {
    put(ws, `${spec}/.config.kiro`, '{"specType":"feature","workflowType":"requirements-first"}\n');
    put(ws, `${spec}/requirements.md`, REQUIREMENTS);

    let r = await tiller(ws, ['spec', 'draft', 'csv-export', 'design', ...model]);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /cannot draft design yet: requirements \(requirements\.md\) is not approved/);
    r = await tiller(ws, ['spec', 'draft', 'csv-export', 'tasks', ...model]);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /requirements/);
    assert.equal(server.requests.length, 0, 'a refused draft asks the model nothing');

    r = await tiller(ws, ['spec', 'approve', 'csv-export', 'design']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /design\.md does not exist; draft it first/);
    r = await tiller(ws, ['spec', 'approve', 'csv-export', 'requirements', '--by', 'ada']);
    assert.equal(r.code, 0, r.stderr);

    let status = JSON.parse((await tiller(ws, ['spec', 'status', 'csv-export', '--json'])).stdout);
    assert.equal(status.spec, 'csv-export');
    assert.equal(status.type, 'feature');
    assert.equal(status.workflow, 'requirements-first');
    assert.equal(status.next, 'design');
    const [req, design, tasks] = status.phases;
    assert.deepEqual(
      { phase: req.phase, file: req.file, exists: req.exists, approved: req.approved, stale: req.stale },
      { phase: 'requirements', file: `${spec}/requirements.md`, exists: true, approved: true, stale: false },
    );
    assert.match(req.approvedAt, /^\d{4}-\d\d-\d\dT/);
    assert.match(req.approvedHash, /^[0-9a-f]{64}$/);
    assert.deepEqual([design.exists, design.approved, tasks.exists], [false, false, false]);
    assert.deepEqual(status.health.requirementsWithoutCriteria, []);
    assert.equal(status.health.earsPercent, 100);
    const specJson = JSON.parse(ws.read(`${spec}/spec.json`));
    assert.equal(specJson.approvals.requirements.approved, true);
    assert.equal(specJson.approvals.requirements.approvedBy, 'ada');
    assert.equal(specJson.approvals.requirements.sha256, req.approvedHash);

    server.script([write(`${spec}/design.md`, DESIGN), { text: 'Design drafted.' }]);
    r = await tiller(ws, ['spec', 'draft', 'csv-export', 'design', ...model]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(lastLine(r.stdout).status, 'drafted');
    assert.match(
      server.requests[0].body.messages[0].content,
      /## Approved \.kiro\/specs\/csv-export\/requirements\.md/,
    );
    assert.match(server.requests[0].body.messages[0].content, /Testing Strategy/);
    assert.equal(ws.read(`${spec}/design.md`), DESIGN);

    // A hand edit of the approved requirements: stale, and the tasks may not be drafted.
    writeFileSync(ws.path(`${spec}/requirements.md`), `${REQUIREMENTS}\n3. extra\n`);
    r = await tiller(ws, ['spec', 'approve', 'csv-export', 'design']);
    assert.equal(r.code, 0);
    status = JSON.parse((await tiller(ws, ['spec', 'status', 'csv-export', '--json'])).stdout);
    assert.equal(status.phases[0].stale, true);
    assert.equal(status.next, 'requirements');
    r = await tiller(ws, ['spec', 'draft', 'csv-export', 'tasks', ...model]);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /requirements\.md changed since it was approved/);
  });

  it('refine drafts the phase again and withdraws its approval', async () => {
    put(ws, `${spec}/.config.kiro`, '{"specType":"feature","workflowType":"requirements-first"}\n');
    put(ws, `${spec}/requirements.md`, REQUIREMENTS);
    assert.equal((await tiller(ws, ['spec', 'approve', 'csv-export', 'requirements'])).code, 0);
    const revised = REQUIREMENTS.replace('within 2 seconds', 'within 1 second');
    server.script([
      {
        toolCalls: [
          {
            name: 'edit_file',
            arguments: JSON.stringify({
              path: `${spec}/requirements.md`,
              old_string: 'within 2 seconds',
              new_string: 'within 1 second',
              rationale: 'feedback',
            }),
          },
        ],
      },
      { text: 'Tightened the time.' },
    ]);
    const r = await tiller(ws, [
      'spec',
      'refine',
      'csv-export',
      'requirements',
      '--feedback',
      'One second, not two',
      ...model,
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(lastLine(r.stdout).status, 'drafted');
    assert.equal(ws.read(`${spec}/requirements.md`), revised);
    assert.match(server.requests[0].body.messages[1].content, /One second, not two/);
    const status = JSON.parse((await tiller(ws, ['spec', 'status', 'csv-export', '--json'])).stdout);
    assert.equal(status.phases[0].approved, false);
    assert.equal(status.phases[0].approvedHash, null);
    assert.equal(status.next, 'requirements');
  });

  it('a draft whose model writes nothing fails; refine of a missing document exits 1', async () => {
    put(ws, `${spec}/.config.kiro`, '{"specType":"bugfix"}\n');
    server.script([{ text: 'I would rather not.' }]);
    let r = await tiller(ws, ['spec', 'draft', 'csv-export', 'bugfix', ...model]);
    assert.equal(r.code, 2, 'the first phase needs an idea');
    r = await tiller(ws, ['spec', 'refine', 'csv-export', 'bugfix', '--feedback', 'x', ...model]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /bugfix\.md does not exist yet/);
    r = await tiller(ws, ['spec', 'draft', 'csv-export', 'requirements', ...model]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /its phases are bugfix, design, tasks/);
    r = await tiller(ws, [
      'spec',
      'draft',
      'csv-export',
      'bugfix',
      '--idea',
      'Export crashes on empty reports',
      ...model,
    ]);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(lastLine(r.stdout), {
      spec: 'csv-export',
      phase: 'bugfix',
      file: `${spec}/bugfix.md`,
      status: 'failed',
    });
    assert.match(r.stderr, /the model ended the draft without writing \.kiro\/specs\/csv-export\/bugfix\.md/);
    assert.match(server.requests[0].body.messages[0].content, /Bug Analysis/);
  });

  it('tiller run refuses a tracked spec whose tasks are not approved, unless --allow-unapproved', async () => {
    // user-auth (the fixture) has no approval records: it runs as it always did (see cli-run tests).
    writeFileSync(ws.path('.kiro/specs/user-auth/spec.json'), '{}\n');
    assert.equal((await tiller(ws, ['spec', 'approve', 'user-auth', 'requirements'])).code, 0);
    const args = ['run', '--spec', 'user-auth', '--task', '2.1', ...model];
    let r = await tiller(ws, args);
    assert.equal(r.code, 3);
    assert.match(r.stderr, /not approved to run: design \(design\.md\) is not approved.*--allow-unapproved/);
    server.script([{ status: 401 }]);
    r = await tiller(ws, [...args, '--allow-unapproved']);
    assert.equal(r.code, 1, 'it ran (and failed on the 401)');
    assert.match(r.stderr, /running unapproved/);
  });

  it('update-tasks merges the revised plan: statuses and hand-written lines kept, removed tasks listed', async () => {
    put(ws, `${spec}/.config.kiro`, '{"specType":"feature","workflowType":"requirements-first"}\n');
    put(ws, `${spec}/requirements.md`, REQUIREMENTS);
    put(ws, `${spec}/design.md`, DESIGN);
    const tasks =
      '# Implementation Plan\n\n- [x] 1. Write the CSV\n  - my note: use the BOM\n  - _Requirements: 1.1_\n- [ ] 2. Progress bar\n';
    put(ws, `${spec}/tasks.md`, tasks);
    let r = await tiller(ws, ['spec', 'update-tasks', 'csv-export', ...model]);
    assert.equal(r.code, 3, 'gated like drafting the tasks');
    assert.equal((await tiller(ws, ['spec', 'approve', 'csv-export', 'requirements'])).code, 0);
    assert.equal((await tiller(ws, ['spec', 'approve', 'csv-export', 'design'])).code, 0);
    server.script([
      write(`${spec}/tasks.md`, 'clobbered'),
      {
        text: '```markdown\n# Implementation Plan\n\n- [ ] 1. Write the CSV\n  - _Requirements: 1.1, 1.2_\n- [ ] 3. Header row for empty reports\n  - _Requirements: 1.2_\n```',
      },
    ]);
    r = await tiller(ws, ['spec', 'update-tasks', 'csv-export', ...model]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(lastLine(r.stdout), {
      spec: 'csv-export',
      phase: 'tasks',
      file: `${spec}/tasks.md`,
      status: 'drafted',
      kept: 1,
      added: ['3'],
      removed: [{ id: '2', title: 'Progress bar', status: 'todo', dropped: false }],
    });
    assert.match(toolResults(server)[0], /write_file is not available in this run/);
    assert.equal(
      ws.read(`${spec}/tasks.md`),
      '# Implementation Plan\n\n- [x] 1. Write the CSV\n  - _Requirements: 1.1, 1.2_\n  - my note: use the BOM\n- [ ] 3. Header row for empty reports\n  - _Requirements: 1.2_\n\n## Not in the revised plan\n\n- [ ] 2. Progress bar\n',
    );
    assert.match(r.stderr, /kept \(not in the revised plan\): 2 Progress bar/);
  });

  it('steering generate writes new files, keeps an existing one unless --overwrite, and writes nothing itself', async () => {
    for (const f of ['tech.md', 'structure.md']) rmSync(ws.path(`.kiro/steering/${f}`), { force: true });
    put(ws, '.kiro/steering/product.md', '# Mine\n');
    const doc = (title: string) => `---\ninclusion: always\n---\n\n# ${title}\n`;
    server.script([
      write('.kiro/steering/product.md', 'clobbered'),
      { text: doc('Product Overview') },
      { text: `\`\`\`markdown\n${doc('Technology Stack')}\`\`\`` },
      { status: 401 },
    ]);
    let r = await tiller(ws, ['steering', 'generate', ...model]);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual(
      lastLine(r.stdout).files.map((f: { file: string; status: string }) => [f.file, f.status]),
      [
        ['.kiro/steering/product.md', 'kept'],
        ['.kiro/steering/tech.md', 'written'],
        ['.kiro/steering/structure.md', 'failed'],
      ],
    );
    assert.equal(ws.read('.kiro/steering/product.md'), '# Mine\n');
    assert.equal(ws.read('.kiro/steering/tech.md'), doc('Technology Stack'));
    assert.match(toolResults(server)[0], /write_file is not available in this run/);
    const offered = server.requests[0].body.tools.map((t: { function: { name: string } }) => t.function.name);
    assert.deepEqual(offered.sort(), ['list_files', 'read_file', 'search_files']);

    server.script([{ text: doc('Product') }, { text: doc('Tech') }, { text: doc('Structure') }]);
    r = await tiller(ws, ['steering', 'generate', '--overwrite', ...model]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(ws.read('.kiro/steering/product.md'), doc('Product'));
    assert.match(server.requests.at(-3)!.body.messages[1].content, /exists; its current text:\n\n# Mine/);
  });
});
