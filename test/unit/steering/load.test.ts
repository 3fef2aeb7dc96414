import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { loadSteering } from '../../../src/core/steering/load';
import { selectSteering } from '../../../src/core/steering/select';
import { fixtureWorkspace } from './paths';

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

describe('steering loading', () => {
  let tmp: string;
  let ws: string;
  let home: string;
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'tiller-steering-'));
    ws = join(tmp, 'ws');
    home = join(tmp, 'home');
    mkdirSync(ws);
    mkdirSync(home);
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('reads workspace and global steering; a workspace file of the same name wins', async () => {
    write(ws, {
      '.kiro/steering/tech.md': 'workspace tech',
      '.kiro/steering/b.md': 'b',
      '.kiro/steering/notes.txt': 'x',
      '.kiro/steering/old.md.disabled': 'x',
    });
    write(home, {
      '.kiro/steering/tech.md': 'global tech',
      '.kiro/steering/personal.md': '---\ninclusion: manual\n---\nme',
    });
    const { docs } = await loadSteering({ workspaceRoot: ws, homeDir: home });
    assert.deepEqual(
      docs.map((d) => [d.name, d.scope, d.body]),
      [
        ['b', 'workspace', 'b'],
        ['tech', 'workspace', 'workspace tech'],
        ['personal', 'global', 'me'],
      ],
    );
  });

  it('loads nothing and reports nothing for a workspace without steering', async () => {
    assert.deepEqual(await loadSteering({ workspaceRoot: ws, homeDir: home }), { docs: [], diagnostics: [] });
  });

  it('finds AGENTS.md at the root and nested, skipping dependencies, build output and dot-folders', async () => {
    write(ws, {
      'AGENTS.md': 'root',
      'packages/web/AGENTS.md': 'web',
      'src/AGENTS.md': 'src',
      'node_modules/lib/AGENTS.md': 'no',
      'dist/AGENTS.md': 'no',
      '.git/AGENTS.md': 'no',
      'src/agents.md': 'wrong case',
    });
    const { docs } = await loadSteering({ workspaceRoot: ws, homeDir: null });
    assert.deepEqual(
      docs.map((d) => [d.name, d.scope, d.inclusion, d.folder, d.body]),
      [
        ['AGENTS.md', 'agents', 'always', '', 'root'],
        ['src/AGENTS.md', 'agents', 'always', 'src', 'src'],
        ['packages/web/AGENTS.md', 'agents', 'always', 'packages/web', 'web'],
      ],
    );
  });

  it('bounds the AGENTS.md search and says so', async () => {
    write(ws, { 'a/AGENTS.md': 'a', 'a/b/c/AGENTS.md': 'deep' });
    const set = await loadSteering({ workspaceRoot: ws, homeDir: null, agentsLimits: { maxDepth: 1 } });
    assert.deepEqual(
      set.docs.map((d) => d.folder),
      ['a'],
    );
    assert.deepEqual(
      set.diagnostics.map((d) => [d.code, d.severity]),
      [['steering-agents-search-truncated', 'info']],
    );
  });

  it('stops after the folder budget, keeping what the levels read so far found', async () => {
    write(ws, { 'AGENTS.md': 'root', 'a/AGENTS.md': 'a', 'b/x/AGENTS.md': 'x' });
    const set = await loadSteering({ workspaceRoot: ws, homeDir: null, agentsLimits: { maxFolders: 3 } });
    assert.deepEqual(
      set.docs.map((d) => d.folder),
      ['', 'a'],
    );
    assert.deepEqual(
      set.diagnostics.map((d) => d.code),
      ['steering-agents-search-truncated'],
    );
  });

  it('collects every diagnostic of every doc', async () => {
    write(ws, {
      '.kiro/steering/x.md': '---\ninclusion: nope\n---\n#[[file:gone.md]]\n',
      'AGENTS.md': 'see #[[file:also-gone.md]]',
    });
    const { diagnostics } = await loadSteering({ workspaceRoot: ws, homeDir: null });
    assert.deepEqual(
      diagnostics.map((d) => [d.file.slice(ws.length + 1), d.code, d.line, d.column]),
      [
        ['.kiro/steering/x.md', 'steering-inclusion-unknown', 2, 1],
        ['.kiro/steering/x.md', 'steering-reference-missing', 4, 1],
        ['AGENTS.md', 'steering-reference-missing', 1, 5],
      ],
    );
  });

  it('reads the fixture workspace', async () => {
    const set = await loadSteering({ workspaceRoot: fixtureWorkspace, homeDir: null });
    assert.deepEqual(
      set.docs.map((d) => [d.name, d.inclusion]),
      [
        ['api-style', 'fileMatch'],
        ['architecture', 'always'],
        ['data-model', 'fileMatch'],
        ['product', 'always'],
        ['release-checklist', 'manual'],
        ['security-review', 'auto'],
        ['tech', 'always'],
        ['AGENTS.md', 'always'],
        ['src/api/AGENTS.md', 'always'],
      ],
    );
    assert.deepEqual(
      set.diagnostics.map((d) => [d.file.slice(fixtureWorkspace.length + 1), d.code, d.line, d.column]),
      [['.kiro/steering/data-model.md', 'steering-reference-missing', 10, 31]],
    );
    const architecture = set.docs.find((d) => d.name === 'architecture');
    assert.deepEqual(
      architecture?.references.map((r) => [r.target, r.exists]),
      [['docs/architecture.md', true]],
    );

    const included = selectSteering(set.docs, { files: ['src/api/reports.ts'] })
      .filter((s) => s.included)
      .map((s) => s.doc.name);
    assert.deepEqual(included, ['api-style', 'architecture', 'product', 'tech', 'AGENTS.md', 'src/api/AGENTS.md']);
  });
});
