import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diskFiles, headlessApprover, ToolBox, type Approver, type ToolBoxOptions } from '../../../src/core/agent';
import type { TraceEvent, TraceEventBody } from '../../../src/core/trace';
import { RULES, TempWorkspace } from './helpers';

describe('agent tools', function () {
  // Real git, real processes and real sockets: slow on a loaded CI machine.
  this.timeout(20_000);
  let ws: TempWorkspace;
  let events: TraceEvent[];
  let touched: string[];

  function box(extra: Partial<ToolBoxOptions> = {}): ToolBox {
    let seq = 0;
    return new ToolBox({
      root: ws.root,
      runId: 'r1',
      signal: new AbortController().signal,
      rules: RULES,
      approver: headlessApprover,
      files: diskFiles,
      headless: true,
      tasksFile: ws.path('.kiro/specs/user-auth/tasks.md'),
      taskId: '2.1',
      taskRequirements: ['1.1', '1.2'],
      emit: (body: TraceEventBody) => {
        const e = { ...body, seq: ++seq, time: '', runId: 'r1' } as TraceEvent;
        events.push(e);
        return e;
      },
      touched: (rel) => touched.push(rel),
      ...extra,
    });
  }
  const call = (name: string, args: unknown) => ({
    id: 'c1',
    name,
    arguments: typeof args === 'string' ? args : JSON.stringify(args),
  });

  beforeEach(() => {
    ws = new TempWorkspace();
    events = [];
    touched = [];
    writeFileSync(ws.path('.gitignore'), 'build/\n*.log\n');
    mkdirSync(ws.path('build'));
    writeFileSync(ws.path('build/out.js'), 'const needle = 1;\n');
    writeFileSync(ws.path('debug.log'), 'needle\n');
    writeFileSync(ws.path('src/api/routes.ts'), 'export const needle = 2;\nexport const other = 3;\n');
  });
  afterEach(() => ws.dispose());

  describe('read_file', () => {
    it('returns the content and puts the file in play', async () => {
      const r = await box().execute(call('read_file', { path: 'src/api/routes.ts' }));
      assert.equal(r.isError, false);
      assert.match(r.content, /needle = 2/);
      assert.deepEqual(touched, ['src/api/routes.ts']);
      assert.equal(events[0].type, 'tool');
    });
    for (const [what, args, message] of [
      ['a missing file', { path: 'nope.ts' }, /does not exist/],
      ['a path outside the workspace', { path: '../outside.txt' }, /outside the workspace/],
      ['a folder', { path: 'src' }, /is a folder/],
      ['a missing path argument', {}, /path must be/],
      ['malformed JSON', '{"path": ', /not valid JSON/],
      ['an array instead of an object', '[1]', /one JSON object/],
    ] as const) {
      it(`refuses ${what} with a tool error`, async () => {
        const r = await box().execute(call('read_file', args));
        assert.equal(r.isError, true);
        assert.match(r.content, message);
        assert.equal(events[0].type, 'tool');
        assert.equal((events[0] as Extract<TraceEvent, { type: 'tool' }>).isError, true);
      });
    }
    it('refuses a symlink that leads out of the workspace', async () => {
      mkdirSync(ws.home);
      writeFileSync(join(ws.home, 'secret.txt'), 'secret');
      symlinkSync(ws.home, ws.path('escape'));
      const r = await box().execute(call('read_file', { path: 'escape/secret.txt' }));
      assert.equal(r.isError, true);
      assert.match(r.content, /outside the workspace/);
    });
    it('reads through the workspace files host: an open buffer, not the disk', async () => {
      writeFileSync(ws.path('notes.txt'), 'on disk\n');
      const files = { ...diskFiles, read: async (p: string) => (p.endsWith('notes.txt') ? 'in the editor\n' : null) };
      const r = await box({ files }).execute(call('read_file', { path: 'notes.txt' }));
      assert.equal(r.content, 'in the editor\n');
    });
    it('refuses binary files', async () => {
      writeFileSync(ws.path('img.bin'), Buffer.from([1, 0, 2, 3]));
      const r = await box().execute(call('read_file', { path: 'img.bin' }));
      assert.match(r.content, /binary/);
    });
  });

  describe('list_files and search_files', () => {
    it('lists a folder, leaving out .gitignore matches and .git', async () => {
      mkdirSync(ws.path('.git'));
      const r = await box().execute(call('list_files', { path: '.' }));
      const lines = r.content.split('\n');
      assert.ok(lines.includes('src/'));
      assert.ok(lines.includes('AGENTS.md'));
      assert.ok(!lines.includes('build/'));
      assert.ok(!lines.includes('debug.log'));
      assert.ok(!lines.includes('.git/'));
    });
    it('lists recursively', async () => {
      const r = await box().execute(call('list_files', { path: 'src', recursive: true }));
      assert.deepEqual(r.content.split('\n'), ['src/api/', 'src/api/AGENTS.md', 'src/api/routes.ts']);
    });
    it('honours nested .gitignore files', async () => {
      writeFileSync(ws.path('src/api/.gitignore'), 'routes.ts\n');
      const r = await box().execute(call('search_files', { pattern: 'needle' }));
      assert.equal(r.content, 'No line matches needle.');
    });
    it('searches text files with a regex, respecting .gitignore', async () => {
      const r = await box().execute(call('search_files', { pattern: 'needle\\s*=' }));
      assert.equal(r.content, 'src/api/routes.ts:1: export const needle = 2;');
    });
    it('searches one file or folder', async () => {
      const r = await box().execute(call('search_files', { pattern: 'other', path: 'src/api/routes.ts' }));
      assert.equal(r.content, 'src/api/routes.ts:2: export const other = 3;');
    });
    it('reports an invalid regex as a tool error', async () => {
      const r = await box().execute(call('search_files', { pattern: '(' }));
      assert.equal(r.isError, true);
      assert.match(r.content, /not a valid JavaScript regular expression/);
    });
    it('reports listing a file as a tool error', async () => {
      const r = await box().execute(call('list_files', { path: 'AGENTS.md' }));
      assert.equal(r.isError, true);
    });
  });

  describe('write_file and edit_file', () => {
    it('edits through a symbolic link: the target changes, the link stays a link', async () => {
      writeFileSync(ws.path('AGENTS-real.md'), 'Use tabs.\n');
      symlinkSync('AGENTS-real.md', ws.path('CLAUDE.md'));
      const r = await box().execute(
        call('edit_file', { path: 'CLAUDE.md', old_string: 'tabs', new_string: 'spaces', rationale: 'style' }),
      );
      assert.equal(r.isError, false, r.content);
      assert.equal(ws.read('AGENTS-real.md'), 'Use spaces.\n');
      assert.ok(lstatSync(ws.path('CLAUDE.md')).isSymbolicLink(), 'the link was replaced by a file');
      const w = await box().execute(call('write_file', { path: 'CLAUDE.md', content: 'Whole.\n', rationale: 'all' }));
      assert.equal(w.isError, false, w.content);
      assert.equal(ws.read('AGENTS-real.md'), 'Whole.\n');
      assert.ok(lstatSync(ws.path('CLAUDE.md')).isSymbolicLink());
    });
    it('refuses to write through a link that leads out of the workspace', async () => {
      mkdirSync(ws.home);
      writeFileSync(join(ws.home, 'profile'), 'mine\n');
      symlinkSync(join(ws.home, 'profile'), ws.path('profile'));
      const r = await box().execute(call('write_file', { path: 'profile', content: 'theirs\n', rationale: 'x' }));
      assert.equal(r.isError, true);
      assert.match(r.content, /outside the workspace/);
      assert.equal(readFileSync(join(ws.home, 'profile'), 'utf8'), 'mine\n');
    });
    it("refuses a link that names an ordinary file and reaches Tiller's records or a spec's approvals", async () => {
      mkdirSync(ws.path('.kiro/tiller/runs'), { recursive: true });
      writeFileSync(ws.path('.kiro/tiller/runs/r0.jsonl'), '{"type":"start"}\n');
      symlinkSync('.kiro/tiller/runs/r0.jsonl', ws.path('notes.md'));
      const trace = await box().execute(call('write_file', { path: 'notes.md', content: 'forged\n', rationale: 'x' }));
      assert.equal(trace.isError, true);
      assert.match(trace.content, /\.kiro\/tiller\/runs\/r0\.jsonl is inside \.kiro\/tiller/);
      assert.equal(ws.read('.kiro/tiller/runs/r0.jsonl'), '{"type":"start"}\n');

      writeFileSync(ws.path('.kiro/specs/user-auth/spec.json'), '{"approvals":{}}\n');
      symlinkSync('.kiro/specs/user-auth/spec.json', ws.path('plan.json'));
      const approvals = await box().execute(
        call('write_file', { path: 'plan.json', content: '{"approvals":{"tasks":true}}\n', rationale: 'x' }),
      );
      assert.equal(approvals.isError, true);
      assert.match(approvals.content, /spec\.json holds the spec's workflow and approvals/);
      assert.equal(ws.read('.kiro/specs/user-auth/spec.json'), '{"approvals":{}}\n');
    });
    it("holds a narrowed run's scope for the file a link reaches", async () => {
      writeFileSync(ws.path('src/api/keep.ts'), 'export {};\n');
      symlinkSync('../../../src/api/keep.ts', ws.path('.kiro/specs/user-auth/bugfix.md'));
      const scoped = box({
        scope: {
          tools: ['write_file'],
          mayWrite: (rel) => (rel === '.kiro/specs/user-auth/bugfix.md' ? null : `only bugfix.md, not ${rel}`),
        },
      });
      const r = await scoped.execute(
        call('write_file', { path: '.kiro/specs/user-auth/bugfix.md', content: '# B\n', rationale: 'draft' }),
      );
      assert.equal(r.isError, true);
      assert.match(r.content, /only bugfix\.md, not src\/api\/keep\.ts/);
      assert.equal(ws.read('src/api/keep.ts'), 'export {};\n');
    });
    it('creates a file with its folders and records an edit with a diff', async () => {
      const r = await box().execute(
        call('write_file', { path: 'src/auth/session.ts', content: 'export {};\n', rationale: 'sessions live here' }),
      );
      assert.equal(r.isError, false);
      assert.equal(ws.read('src/auth/session.ts'), 'export {};\n');
      const edit = events[0] as Extract<TraceEvent, { type: 'edit' }>;
      assert.equal(edit.type, 'edit');
      assert.equal(edit.created, true);
      assert.match(edit.diff, /^--- \/dev\/null\n\+\+\+ b\/src\/auth\/session\.ts/);
      assert.deepEqual(edit.requirements, ['1.1', '1.2']);
      assert.deepEqual(touched, ['src/auth/session.ts']);
    });
    it('replaces exactly one occurrence', async () => {
      const r = await box().execute(
        call('edit_file', {
          path: 'src/api/routes.ts',
          old_string: 'other = 3',
          new_string: 'other = 4',
          rationale: 'r',
        }),
      );
      assert.equal(r.isError, false);
      assert.equal(ws.read('src/api/routes.ts'), 'export const needle = 2;\nexport const other = 4;\n');
    });
    it('refuses old_string that does not match', async () => {
      const r = await box().execute(
        call('edit_file', { path: 'src/api/routes.ts', old_string: 'missing', new_string: 'x', rationale: 'r' }),
      );
      assert.equal(r.isError, true);
      assert.match(r.content, /was not found/);
    });
    it('refuses old_string that matches more than once', async () => {
      const r = await box().execute(
        call('edit_file', { path: 'src/api/routes.ts', old_string: 'export const', new_string: 'x', rationale: 'r' }),
      );
      assert.match(r.content, /appears 2 times/);
      assert.match(ws.read('src/api/routes.ts'), /^export const needle/);
    });
    it('refuses edit_file on a missing file and a write without rationale', async () => {
      assert.match(
        (await box().execute(call('edit_file', { path: 'nope.ts', old_string: 'a', new_string: 'b', rationale: 'r' })))
          .content,
        /does not exist/,
      );
      assert.match(
        (await box().execute(call('write_file', { path: 'a.ts', content: 'x' }))).content,
        /rationale is required/,
      );
    });
    it('refuses writes outside the workspace and into Tiller records', async () => {
      assert.match(
        (await box().execute(call('write_file', { path: '../x.ts', content: 'x', rationale: 'r' }))).content,
        /outside the workspace/,
      );
      assert.match(
        (await box().execute(call('write_file', { path: '.kiro/tiller/runs/x.jsonl', content: 'x', rationale: 'r' })))
          .content,
        /Tiller keeps run traces/,
      );
    });
    it('headless: refuses protected files, naming who could approve', async () => {
      const settings = ws.read('.vscode/settings.json');
      const r = await box().execute(
        call('write_file', { path: '.vscode/settings.json', content: '{}', rationale: 'r' }),
      );
      assert.equal(r.isError, true);
      assert.match(r.content, /there is no one to approve it/);
      assert.equal(ws.read('.vscode/settings.json'), settings);
    });
    it('a person may approve a protected write', async () => {
      const asked: string[] = [];
      const approver: Approver = {
        ...headlessApprover,
        approveFileWrite: async (req) => (asked.push(req.path), { approved: true }),
      };
      const r = await box({ approver, headless: false }).execute(
        call('write_file', { path: '.vscode/settings.json', content: '{}\n', rationale: 'r' }),
      );
      assert.equal(r.isError, false);
      assert.deepEqual(asked, ['.vscode/settings.json']);
      assert.equal(ws.read('.vscode/settings.json'), '{}\n');
    });
    it('refuses changing task markers of the running spec, allowing other tasks.md edits', async () => {
      const tasks = ws.read('.kiro/specs/user-auth/tasks.md');
      const tick = await box().execute(
        call('edit_file', {
          path: '.kiro/specs/user-auth/tasks.md',
          old_string: '- [ ] 2.1 Verify',
          new_string: '- [x] 2.1 Verify',
          rationale: 'done',
        }),
      );
      assert.equal(tick.isError, true);
      assert.match(tick.content, /2\.1 \[ \] → \[x\]/);
      assert.equal(ws.read('.kiro/specs/user-auth/tasks.md'), tasks);
      const added = await box().execute(
        call('write_file', {
          path: '.kiro/specs/user-auth/tasks.md',
          content: tasks.replace('  - [ ] 2.2', '  - [x] 2.3 Sneaky\n  - [ ] 2.2'),
          rationale: 'r',
        }),
      );
      assert.match(added.content, /2\.3 \(new\) → \[x\]/);
      const reword = await box().execute(
        call('edit_file', {
          path: '.kiro/specs/user-auth/tasks.md',
          old_string: 'Lock the account',
          new_string: 'Lock the user account',
          rationale: 'clearer',
        }),
      );
      assert.equal(reword.isError, false);
    });
    it('supervised: a rejected edit leaves the file alone and tells the model why', async () => {
      const r = await box({ reviewEdit: async () => ({ accept: false, reason: 'use the existing helper' }) }).execute(
        call('edit_file', {
          path: 'src/api/routes.ts',
          old_string: 'other = 3',
          new_string: 'other = 4',
          rationale: 'r',
        }),
      );
      assert.equal(r.isError, true);
      assert.match(r.content, /rejected.*use the existing helper/);
      assert.match(ws.read('src/api/routes.ts'), /other = 3/);
      const edit = events[0] as Extract<TraceEvent, { type: 'edit' }>;
      assert.equal(edit.review, 'rejected');
      assert.equal(edit.applied, false);
    });
  });

  describe('run_command', () => {
    it('runs allowed commands and reports the exit code', async () => {
      const r = await box().execute(call('run_command', { command: 'echo hello', rationale: 'r' }));
      assert.equal(r.isError, false);
      assert.match(r.content, /exited with code 0[\s\S]*hello/);
      const ev = events[0] as Extract<TraceEvent, { type: 'command' }>;
      assert.equal(ev.verdict, 'allow');
      assert.equal(ev.decidedBy, 'policy');
      assert.equal(ev.exitCode, 0);
      assert.equal(ev.pattern, 'echo *');
    });
    it('never runs denied commands and names the pattern', async () => {
      const r = await box().execute(call('run_command', { command: 'sudo touch /tmp/x', rationale: 'r' }));
      assert.equal(r.isError, true);
      assert.match(r.content, /deny pattern 'sudo \*'/);
      const ev = events[0] as Extract<TraceEvent, { type: 'command' }>;
      assert.equal(ev.ran, false);
      assert.equal(ev.pattern, 'sudo *');
    });
    it('headless: refuses ask commands, telling the model there is no one to approve', async () => {
      const r = await box().execute(call('run_command', { command: 'touch made.txt', rationale: 'r' }));
      assert.equal(r.isError, true);
      assert.match(r.content, /there is no one to approve it/);
      assert.equal(existsSync(ws.path('made.txt')), false);
      assert.equal((events[0] as Extract<TraceEvent, { type: 'command' }>).decidedBy, 'headless');
    });
    it('runs an ask command a person approves, and reports a rejection with its reason', async () => {
      const yes: Approver = { ...headlessApprover, approveCommand: async () => ({ approved: true }) };
      await box({ approver: yes, headless: false }).execute(
        call('run_command', { command: 'touch made.txt', rationale: 'r' }),
      );
      assert.equal(existsSync(join(ws.root, 'made.txt')), true);
      assert.equal((events[0] as Extract<TraceEvent, { type: 'command' }>).decidedBy, 'person');
      const no: Approver = {
        ...headlessApprover,
        approveCommand: async () => ({ approved: false, reason: 'not now' }),
      };
      const r = await box({ approver: no, headless: false }).execute(
        call('run_command', { command: 'touch other.txt', rationale: 'r' }),
      );
      assert.match(r.content, /not now/);
    });
    it('a command still waiting for a person when the run stops is interrupted, not rejected by anyone', async () => {
      const controller = new AbortController();
      const waiting: Approver = {
        ...headlessApprover,
        approveCommand: (_request, signal) =>
          new Promise((resolve) =>
            signal.addEventListener('abort', () => resolve({ approved: false, reason: 'cancelled' }), { once: true }),
          ),
      };
      const pending = box({ approver: waiting, headless: false, signal: controller.signal }).execute(
        call('run_command', { command: 'touch late.txt', rationale: 'r' }),
      );
      controller.abort();
      await pending;
      const command = events[0] as Extract<TraceEvent, { type: 'command' }>;
      assert.equal(command.decidedBy, 'interrupted');
      assert.equal(command.ran, false);
      assert.match(command.refusal ?? '', /stopped while the command waited for a person/);
    });
    it('reads live rules at every command: trust granted while a command asks applies to the next one', async () => {
      let allow = [...RULES.allow];
      const asked: string[] = [];
      const trusting: Approver = {
        ...headlessApprover,
        approveCommand: async (request) => {
          asked.push(request.command);
          allow = [...allow, 'touch *'];
          return { approved: true };
        },
      };
      const b = box({ approver: trusting, headless: false, rules: () => ({ allow, deny: RULES.deny }) });
      await b.execute(call('run_command', { command: 'touch first.txt', rationale: 'r' }));
      await b.execute(call('run_command', { command: 'touch second.txt', rationale: 'r' }));
      assert.deepEqual(asked, ['touch first.txt']);
      const commands = events.filter((e): e is Extract<TraceEvent, { type: 'command' }> => e.type === 'command');
      assert.deepEqual(
        commands.map((e) => [e.decidedBy, e.pattern]),
        [
          ['person', null],
          ['policy', 'touch *'],
        ],
      );
      assert.equal(existsSync(ws.path('second.txt')), true);
    });
    it('a failing command is a tool error with its output', async () => {
      const r = await box().execute(
        call('run_command', { command: 'node -e "console.error(42); process.exit(3)"', rationale: 'r' }),
      );
      assert.equal(r.isError, true);
      assert.match(r.content, /code 3[\s\S]*42/);
    });
  });

  describe('record_decision, complete_task, unknown tools', () => {
    it('records a decision and links later edits to it', async () => {
      const b = box();
      await b.execute(
        call('record_decision', {
          title: 'Store',
          decision: 'Use a Map',
          rationale: 'simple',
          alternatives: ['SQLite: too heavy'],
          requirements: ['1.2'],
        }),
      );
      await b.execute(call('write_file', { path: 'a.ts', content: 'x\n', rationale: 'r' }));
      const [decision, edit] = events as [
        Extract<TraceEvent, { type: 'decision' }>,
        Extract<TraceEvent, { type: 'edit' }>,
      ];
      assert.deepEqual(decision.alternatives, ['SQLite: too heavy']);
      assert.equal(edit.decisionSeq, decision.seq);
      assert.deepEqual(edit.requirements, ['1.2']);
    });
    it('takes comma-separated lists and refuses a decision without a title', async () => {
      const b = box();
      await b.execute(
        call('record_decision', {
          title: 'T',
          decision: 'd',
          rationale: 'r',
          alternatives: 'a, b',
          requirements: '1.1, 1.2',
        }),
      );
      assert.deepEqual((events[0] as Extract<TraceEvent, { type: 'decision' }>).requirements, ['1.1', '1.2']);
      const r = await b.execute(
        call('record_decision', { decision: 'd', rationale: 'r', alternatives: [], requirements: [] }),
      );
      assert.match(r.content, /title is required/);
    });
    it('complete_task records the summary; a missing summary is an error', async () => {
      const b = box();
      assert.equal((await b.execute(call('complete_task', {}))).isError, true);
      assert.equal(b.completion, null);
      await b.execute(call('complete_task', { summary: 'All done' }));
      assert.equal(b.completion, 'All done');
    });
    it('an unknown tool is a tool error listing the tools', async () => {
      const r = await box().execute(call('delete_everything', {}));
      assert.equal(r.isError, true);
      assert.match(r.content, /no tool named delete_everything.*read_file/);
    });
  });
});
