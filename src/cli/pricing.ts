// `--pricing FILE|JSON`: the person's prices per model, per million input and output tokens, as
// `tiller.agent.pricing` holds them in VS Code. There is no built-in price list to go stale.
import { readFileSync } from 'node:fs';
import type { Pricing } from '../core/trace';
import { UsageError } from './args';

export const PRICING_HELP = `--pricing FILE|JSON  prices per model per million tokens, {"model": {"input": 3, "output": 15}}: adds the cost`;

export function pricingOption(value: string | undefined, usage: string): Pricing | undefined {
  if (value === undefined) return undefined;
  const inline = value.trimStart().startsWith('{');
  let text = value;
  if (!inline) {
    try {
      text = readFileSync(value, 'utf8');
    } catch (err) {
      throw new UsageError(`--pricing: cannot read ${value}: ${(err as Error).message}`, usage);
    }
  }
  const where = inline ? '--pricing' : `--pricing ${value}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${where}: not JSON: ${(err as Error).message}`, usage);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new UsageError(`${where}: expected an object of models, {"model": {"input": 3, "output": 15}}`, usage);
  const pricing: Pricing = {};
  for (const [model, price] of Object.entries(parsed as Record<string, unknown>)) {
    const p = price as { input?: unknown; output?: unknown } | null;
    if (!p || typeof p.input !== 'number' || typeof p.output !== 'number' || p.input < 0 || p.output < 0)
      throw new UsageError(
        `${where}: "${model}" needs "input" and "output" prices (numbers, per million tokens)`,
        usage,
      );
    pricing[model] = { input: p.input, output: p.output };
  }
  return pricing;
}
