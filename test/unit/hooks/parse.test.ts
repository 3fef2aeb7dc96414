import assert from 'node:assert/strict';
import { parseHookFile, type HookSource } from '../../../src/core/hooks';

function src(name: string): HookSource {
  const defaultName = name.replace(/\.kiro\.hook$|\.json$/, '');
  return { file: `/ws/.kiro/hooks/${name}`, id: `.kiro/hooks/${name}`, defaultName, scope: 'workspace' };
}

describe('hooks: parsing', () => {
  describe('legacy .kiro.hook', () => {
    it('reads an askAgent file hook', () => {
      const text = JSON.stringify(
        {
          enabled: true,
          name: 'Lint',
          version: '1',
          when: { type: 'fileEdited', patterns: ['src/**/*.ts', '!src/gen/**'] },
          then: { type: 'askAgent', prompt: 'Check it' },
        },
        null,
        2,
      );
      const { hooks, diagnostics } = parseHookFile(text, src('lint.kiro.hook'));
      assert.deepEqual(diagnostics, []);
      assert.equal(hooks.length, 1);
      const [h] = hooks;
      assert.equal(h.id, '.kiro/hooks/lint.kiro.hook');
      assert.equal(h.format, 'legacy');
      assert.equal(h.trigger, 'fileSaved');
      assert.deepEqual(h.patterns, ['src/**/*.ts', '!src/gen/**']);
      assert.deepEqual(h.action, { type: 'agent', prompt: 'Check it' });
      assert.equal(h.enabled, true);
      assert.deepEqual(h.errors, []);
    });

    it("reads a runCommand hook with a timeout in seconds, enabled by default, and Tiller's gitCommit", () => {
      const text =
        '{"name":"T","when":{"type":"gitCommit"},"then":{"type":"runCommand","command":"npm test","timeout":30}}';
      const [h] = parseHookFile(text, src('t.kiro.hook')).hooks;
      assert.equal(h.trigger, 'commit');
      assert.deepEqual(h.action, { type: 'command', command: 'npm test', timeoutMs: 30_000 });
      assert.equal(h.enabled, true);
      assert.deepEqual(h.errors, []);
    });

    it('maps every legacy trigger', () => {
      const expected: Record<string, string> = {
        fileEdited: 'fileSaved',
        fileCreated: 'fileCreated',
        fileDeleted: 'fileDeleted',
        userTriggered: 'manual',
        promptSubmit: 'promptSubmit',
        agentStop: 'agentStop',
        preTaskExecution: 'preTask',
        postTaskExecution: 'postTask',
        gitCommit: 'commit',
      };
      for (const [type, trigger] of Object.entries(expected)) {
        const when = type.startsWith('file') ? { type, patterns: ['**'] } : { type };
        const [h] = parseHookFile(
          JSON.stringify({ when, then: { type: 'askAgent', prompt: 'x' } }),
          src('x.kiro.hook'),
        ).hooks;
        assert.equal(h.trigger, trigger, type);
        assert.deepEqual(h.errors, [], type);
      }
    });

    it('reports an unknown trigger and action on their lines, keeping the rest of the hook', () => {
      const text =
        '{\n  "name": "Bad",\n  "when": {\n    "type": "onSave"\n  },\n  "then": {\n    "type": "sendMessage"\n  }\n}';
      const { hooks, diagnostics } = parseHookFile(text, src('bad.kiro.hook'));
      assert.equal(hooks[0].name, 'Bad');
      assert.equal(hooks[0].errors.length, 2);
      assert.deepEqual(
        diagnostics.map((d) => [d.line, d.severity, d.code]),
        [
          [4, 'error', 'hook-unknown-trigger'],
          [7, 'error', 'hook-unknown-action'],
        ],
      );
    });

    it('requires patterns for file triggers', () => {
      const { hooks, diagnostics } = parseHookFile(
        '{"when":{"type":"fileCreated"},"then":{"type":"askAgent","prompt":"x"}}',
        src('p.kiro.hook'),
      );
      assert.equal(hooks[0].errors.length, 1);
      assert.equal(diagnostics[0].code, 'hook-missing-field');
    });

    it('turns invalid JSON into one broken entry with a positioned diagnostic', () => {
      const { hooks, diagnostics } = parseHookFile('{\n  "name": "x",\n  "when": {,\n}', src('broken.kiro.hook'));
      assert.equal(hooks.length, 1);
      assert.equal(hooks[0].name, 'broken');
      assert.equal(hooks[0].enabled, false);
      assert.match(hooks[0].errors[0], /not valid JSON/);
      assert.equal(diagnostics[0].code, 'hook-invalid-json');
      assert.equal(diagnostics[0].line, 3);
    });
  });

  describe('v1 .json', () => {
    it('reads several hooks with matcher, action timeout and hook-level timeout', () => {
      const text = JSON.stringify(
        {
          version: 'v1',
          hooks: [
            {
              name: 'A',
              trigger: 'PostFileSave',
              matcher: '^src/.*\\.ts$',
              action: { type: 'agent', prompt: 'Review' },
            },
            {
              name: 'B',
              trigger: 'PreTaskExec',
              action: { type: 'command', command: 'make check', timeout: 5 },
              enabled: false,
            },
            { name: 'C', trigger: 'PostCommit', action: { type: 'command', command: 'echo hi' }, timeout: 7 },
          ],
        },
        null,
        2,
      );
      const { hooks, diagnostics } = parseHookFile(text, src('h.json'));
      assert.deepEqual(diagnostics, []);
      assert.deepEqual(
        hooks.map((h) => [h.id, h.name, h.format, h.trigger, h.enabled]),
        [
          ['.kiro/hooks/h.json#0', 'A', 'v1', 'fileSaved', true],
          ['.kiro/hooks/h.json#1', 'B', 'v1', 'preTask', false],
          ['.kiro/hooks/h.json#2', 'C', 'v1', 'commit', true],
        ],
      );
      assert.equal(hooks[0].matcher, '^src/.*\\.ts$');
      assert.deepEqual(hooks[1].action, { type: 'command', command: 'make check', timeoutMs: 5000 });
      assert.deepEqual(hooks[2].action, { type: 'command', command: 'echo hi', timeoutMs: 7000 });
      assert.deepEqual(
        hooks.map((h) => h.line),
        [4, 13, 23],
      );
    });

    it('maps every v1 trigger', () => {
      const triggers: Record<string, string> = {
        SessionStart: 'sessionStart',
        Stop: 'agentStop',
        UserPromptSubmit: 'promptSubmit',
        PreToolUse: 'preToolUse',
        PostToolUse: 'postToolUse',
        PreTaskExec: 'preTask',
        PostTaskExec: 'postTask',
        PostFileCreate: 'fileCreated',
        PostFileSave: 'fileSaved',
        PostFileDelete: 'fileDeleted',
        Manual: 'manual',
        PostCommit: 'commit',
      };
      const hooks = Object.keys(triggers).map((trigger) => ({ trigger, action: { type: 'agent', prompt: 'x' } }));
      const parsed = parseHookFile(JSON.stringify({ version: 'v1', hooks }), src('all.json')).hooks;
      assert.deepEqual(
        parsed.map((h) => h.trigger),
        Object.values(triggers),
      );
      assert.ok(parsed.every((h) => h.errors.length === 0));
    });

    it('keeps good entries beside a bad one: unknown trigger, unknown action, invalid regex', () => {
      const text = JSON.stringify(
        {
          version: 'v1',
          hooks: [
            { name: 'ok', trigger: 'Manual', action: { type: 'agent', prompt: 'x' } },
            { name: 'bad trigger', trigger: 'OnSave', action: { type: 'agent', prompt: 'x' } },
            { name: 'bad action', trigger: 'Manual', action: { type: 'sendMessage' } },
            { name: 'bad regex', trigger: 'PostFileSave', matcher: '([a-z', action: { type: 'agent', prompt: 'x' } },
          ],
        },
        null,
        2,
      );
      const { hooks, diagnostics } = parseHookFile(text, src('mixed.json'));
      assert.deepEqual(
        hooks.map((h) => h.errors.length),
        [0, 1, 1, 1],
      );
      assert.deepEqual(
        diagnostics.map((d) => d.code),
        ['hook-unknown-trigger', 'hook-unknown-action', 'hook-invalid-matcher'],
      );
      assert.ok(diagnostics.every((d) => d.line > 1));
    });

    it('reports a .json file that is not a v1 container', () => {
      const { hooks, diagnostics } = parseHookFile('{"event":"onFileSave","prompt":"x"}', src('flat.json'));
      assert.equal(hooks.length, 1);
      assert.match(hooks[0].errors[0], /not a Kiro v1 hook file/);
      assert.equal(diagnostics[0].code, 'hook-not-a-hook');
    });
  });
});
