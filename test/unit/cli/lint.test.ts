import assert from 'node:assert/strict';
import { demoSpec } from './demoSpec';
import { SPAWN_TIMEOUT_MS, Sandbox } from './harness';

interface Row {
  file: string;
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
}

describe('tiller lint', function () {
  this.timeout(SPAWN_TIMEOUT_MS);
  it('merges spec and steering diagnostics with workspace-relative files, exit 1 on errors', () => {
    const box = new Sandbox();
    try {
      const r = box.run('lint', '--json');
      assert.equal(r.code, 1, 'the fixture has lint errors');
      const rows = JSON.parse(r.stdout) as Row[];
      for (const row of rows) {
        assert.deepEqual(Object.keys(row), ['file', 'line', 'column', 'severity', 'code', 'message']);
        assert.ok(!row.file.startsWith('/') && !row.file.includes('\\'), row.file);
      }
      assert.ok(rows.some((d) => d.severity === 'error' && d.file.startsWith('.kiro/specs/')));
      const steering = rows.filter((d) => d.code.startsWith('steering-'));
      assert.deepEqual(
        steering.map((d) => [d.file, d.line, d.column, d.severity, d.code]),
        [['.kiro/steering/data-model.md', 10, 31, 'warning', 'steering-reference-missing']],
      );
      const sorted = [...rows].sort(
        (a, b) => a.file.localeCompare(b.file, 'en') || a.line - b.line || a.column - b.column,
      );
      assert.deepEqual(rows, sorted);
    } finally {
      box.dispose();
    }
  });

  it('exits 0 when there are only warnings', () => {
    const box = new Sandbox('empty');
    try {
      box.write({ ...demoSpec, '.kiro/steering/x.md': '---\ninclusion: sometimes\n---\n' });
      const r = box.run('lint', '--json');
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(
        (JSON.parse(r.stdout) as Row[]).map((d) => [d.file, d.line, d.severity, d.code]),
        [['.kiro/steering/x.md', 2, 'warning', 'steering-inclusion-unknown']],
      );
      const human = box.run('lint').stdout;
      assert.match(human, /^\.kiro\/steering\/x\.md:2:1 warning steering-inclusion-unknown: /m);
      assert.match(human, /^By code:\n {2}steering-inclusion-unknown +1 {2}warning$/m);
      assert.match(human, /^1 problem\(s\): 0 error\(s\), 1 warning\(s\), 0 info$/m);
      const capped = box.run('lint', '--max-warnings', '0');
      assert.equal(capped.code, 1);
      assert.match(capped.stdout, /Too many warnings: 1 \(at most 0\)/);
      assert.equal(box.run('lint', '--max-warnings', '1').code, 0);
      const summary = box.run('lint', '--summary', '--json');
      assert.deepEqual(JSON.parse(summary.stdout), {
        errors: 0,
        warnings: 1,
        infos: 0,
        codes: [{ code: 'steering-inclusion-unknown', severity: 'warning', count: 1 }],
      });
      assert.equal(box.run('lint', '--max-warnings', 'many').code, 2);
    } finally {
      box.dispose();
    }
  });

  it('reports broken steering front matter as an error', () => {
    const box = new Sandbox('empty');
    try {
      box.write({ '.kiro/steering/x.md': '---\ninclusion: [always\n---\n' });
      const r = box.run('lint');
      assert.equal(r.code, 1);
      assert.match(r.stdout, /\.kiro\/steering\/x\.md:\d+:\d+ error steering-frontmatter-invalid/);
    } finally {
      box.dispose();
    }
  });
});
