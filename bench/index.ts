// `npm run bench`: runs every suite and prints one table with machine info. Suites are plain
// functions returning rows, so each area owns its own measurements.
import { cpus, totalmem } from 'node:os';
import type { BenchRow } from './harness';

type Suite = () => Promise<BenchRow[]>;
const suites: Array<[string, () => Promise<{ default: Suite }>]> = [
  ['specs', () => import('./specs')],
  ['policy', () => import('./policy')],
  ['agent', () => import('./agent')],
  ['hooks', () => import('./hooks')],
  ['webview', () => import('./webview')],
  ['waves', () => import('./waves')],
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  console.log(
    `machine: ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`,
  );
  const rows: BenchRow[] = [];
  for (const [name, load] of suites) {
    if (only.length && !only.includes(name)) continue;
    const suite = (await load()).default;
    rows.push(...(await suite()));
  }
  const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toFixed(4));
  const lines = rows.map((r) => {
    const verdict = r.target === undefined ? '' : r.value <= r.target ? 'ok' : 'OVER';
    const target = r.target === undefined ? '' : `<= ${fmt(r.target)} ${r.unit}`;
    return [r.group, r.name, `${fmt(r.value)} ${r.unit}`, target, verdict];
  });
  const header = ['group', 'benchmark (median)', 'value', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const print = (cols: string[]) =>
    console.log(
      cols
        .map((c, i) => c.padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    );
  print(header);
  print(widths.map((w) => '-'.repeat(w)));
  lines.forEach(print);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
