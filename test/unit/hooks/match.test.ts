import assert from 'node:assert/strict';
import { matchEvent, matchingHooks, relativePath } from '../../../src/core/hooks';
import { hook } from './helpers';

describe('hooks: matching', () => {
  it('matches legacy globs with ! exclusions, dot files included', () => {
    const h = hook({ id: 'a', trigger: 'fileSaved', patterns: ['src/**/*.ts', '!src/**/*.test.ts', '.github/**'] });
    const payload = matchEvent(
      h,
      {
        type: 'saved',
        paths: ['src/a.ts', 'src/x/b.test.ts', 'src/deep/c.ts', 'lib/d.ts', '.github/workflows/ci.yml'],
      },
      false,
    );
    assert.deepEqual(payload, {
      trigger: 'fileSaved',
      paths: ['src/a.ts', 'src/deep/c.ts', '.github/workflows/ci.yml'],
    });
    assert.equal(matchEvent(h, { type: 'saved', paths: ['lib/d.ts'] }, false), undefined);
  });

  it('reads only-exclusion patterns as everything but those', () => {
    const h = hook({ id: 'a', trigger: 'fileCreated', patterns: ['!**/*.md'] });
    assert.deepEqual(matchEvent(h, { type: 'created', paths: ['a.md', 'b.ts'] }, false)?.paths, ['b.ts']);
  });

  it('searches a v1 matcher regex in the workspace-relative path', () => {
    const h = hook({ id: 'v', trigger: 'fileDeleted', format: 'v1', matcher: '\\.(ts|tsx)$' });
    assert.deepEqual(matchEvent(h, { type: 'deleted', paths: ['a.ts', 'b/c.tsx', 'd.js'] }, false)?.paths, [
      'a.ts',
      'b/c.tsx',
    ]);
  });

  it('tests a task hook matcher against spec/task; without a task only hooks with no matcher fire', () => {
    const every = hook({ id: 'e', trigger: 'postTask', format: 'v1' });
    const auth = hook({ id: 'a', trigger: 'postTask', format: 'v1', matcher: '^user-auth/' });
    const globbed = hook({ id: 'g', trigger: 'preTask', patterns: ['billing/*'] });
    assert.deepEqual(matchEvent(auth, { type: 'task-end', spec: 'user-auth', task: '2.1' }, false), {
      trigger: 'postTask',
      paths: [],
      task: { spec: 'user-auth', task: '2.1' },
    });
    assert.equal(matchEvent(auth, { type: 'task-end', spec: 'billing', task: '1' }, false), undefined);
    assert.equal(matchEvent(globbed, { type: 'task-start', spec: 'billing', task: '3' }, false)?.trigger, 'preTask');
    assert.deepEqual(matchEvent(every, { type: 'task-end' }, false), { trigger: 'postTask', paths: [] });
    assert.equal(matchEvent(auth, { type: 'task-end' }, false), undefined);
    assert.equal(matchEvent(globbed, { type: 'task-start' }, false), undefined);
  });

  it('fires save hooks on a change on disk only when the host counts it as a save', () => {
    const h = hook({ id: 's', trigger: 'fileSaved', patterns: ['**'] });
    assert.equal(matchEvent(h, { type: 'changed', paths: ['a'] }, false), undefined);
    assert.deepEqual(matchEvent(h, { type: 'changed', paths: ['a'] }, true)?.paths, ['a']);
  });

  it('fires a commit hook for any commit, or for commits touching its patterns', () => {
    const any = hook({ id: 'c1', trigger: 'commit' });
    const docs = hook({ id: 'c2', trigger: 'commit', patterns: ['docs/**'] });
    const commit = { type: 'commit' as const, sha: 'abc', message: 'm', files: ['src/a.ts'] };
    assert.deepEqual(matchEvent(any, commit, false), {
      trigger: 'commit',
      paths: ['src/a.ts'],
      commits: [{ sha: 'abc', message: 'm', files: ['src/a.ts'] }],
    });
    assert.equal(matchEvent(docs, commit, false), undefined);
    assert.deepEqual(matchEvent(docs, { ...commit, files: ['docs/x.md', 'src/a.ts'] }, false)?.paths, ['docs/x.md']);
  });

  it('maps task, manual, stop, prompt and tool events to their triggers', () => {
    const pre = hook({ id: 'pre', trigger: 'preTask' });
    const post = hook({ id: 'post', trigger: 'postTask' });
    const manual = hook({ id: 'm', trigger: 'manual' });
    const stop = hook({ id: 'stop', trigger: 'agentStop' });
    const tool = hook({ id: 'tool', trigger: 'preToolUse', matcher: '^write' });
    const all = [pre, post, manual, stop, tool];
    const ids = (event: Parameters<typeof matchingHooks>[1]) => matchingHooks(all, event, false).map((m) => m.hook.id);
    assert.deepEqual(ids({ type: 'task-start', spec: 's', task: '1' }), ['pre']);
    assert.deepEqual(ids({ type: 'task-end', spec: 's', task: '1', status: 'done' }), ['post']);
    assert.deepEqual(ids({ type: 'manual', hookId: 'm' }), ['m']);
    assert.deepEqual(ids({ type: 'manual', hookId: 'other' }), []);
    assert.deepEqual(ids({ type: 'agent-stop' }), ['stop']);
    assert.deepEqual(ids({ type: 'pre-tool-use', tool: 'writeFile' }), ['tool']);
    assert.deepEqual(ids({ type: 'pre-tool-use', tool: 'readFile' }), []);
    assert.deepEqual(
      matchingHooks(all, { type: 'task-end', spec: 's', task: '1', status: 'done' }, false)[0].payload.task,
      { spec: 's', task: '1', status: 'done' },
    );
  });

  it('skips disabled hooks and hooks with errors', () => {
    const off = hook({ id: 'off', trigger: 'manual', enabled: false });
    const broken = hook({ id: 'broken', trigger: 'manual', errors: ['bad'] });
    assert.deepEqual(matchingHooks([off, broken], { type: 'manual', hookId: 'off' }, false), []);
    assert.deepEqual(matchingHooks([off, broken], { type: 'manual', hookId: 'broken' }, false), []);
  });

  it('makes paths workspace-relative with / and leaves outside paths absolute', () => {
    assert.equal(relativePath('/ws', '/ws/src/a.ts'), 'src/a.ts');
    assert.equal(relativePath('/ws', './src/a.ts'), 'src/a.ts');
    assert.equal(relativePath('/ws', '/elsewhere/a.ts'), '/elsewhere/a.ts');
  });
});
