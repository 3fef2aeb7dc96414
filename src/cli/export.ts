// `tiller export`: a run's trace as one Markdown artifact (task, context, decisions beside diffs,
// commands, outcome) on stdout, for a pull request or an audit.
import { exportMarkdown, listRuns, readRun } from '../core/trace';
import { parse, required } from './args';
import { PRICING_HELP, pricingOption } from './pricing';

const USAGE = `usage: tiller export --run ID|latest [--workspace DIR] [--pricing FILE|JSON]

Prints the Markdown artifact of a run recorded in .kiro/tiller/runs/<ID>.jsonl.

  ${PRICING_HELP}`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parse<{ run?: string; pricing?: string }>(
    argv,
    { run: { type: 'string' }, pricing: { type: 'string' } },
    USAGE,
  );
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const runs = await listRuns(values.workspace);
  let id = required(values.run, 'run', USAGE);
  const pricing = pricingOption(values.pricing, USAGE);
  if (id === 'latest') id = runs[runs.length - 1] ?? id;
  if (!runs.includes(id)) {
    const recent = runs.slice(-5).reverse();
    console.error(
      `tiller export: no run '${id}' in ${values.workspace}; ${recent.length ? `recent runs: ${recent.join(', ')}` : 'no runs recorded yet'}`,
    );
    return 1;
  }
  process.stdout.write(exportMarkdown(await readRun(values.workspace, id), pricing));
  return 0;
}
