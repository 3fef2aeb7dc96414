// Sub-command dispatch. Each command lives in its own module and returns an exit code:
// 0 success, 1 a finding (lint errors, a failed run), 2 a usage error.
import { AmbiguousSpecError } from '../core/workspace';
import { UsageError } from './args';

type Command = (argv: string[]) => Promise<number>;

const commands: Record<string, () => Promise<{ run: Command }>> = {
  specs: () => import('./specs'),
  tasks: () => import('./tasks'),
  next: () => import('./next'),
  task: () => import('./task'),
  lint: () => import('./lint'),
  steering: () => import('./steering'),
  'check-command': () => import('./check-command'),
  hooks: () => import('./hooks'),
  watch: () => import('./watch'),
  run: () => import('./run'),
  runs: () => import('./runs'),
  spec: () => import('./spec'),
  export: () => import('./export'),
  waves: () => import('./waves'),
};

export const USAGE = `usage: tiller <command> [options]

commands:
${Object.keys(commands)
  .sort()
  .map((c) => `  ${c}`)
  .join('\n')}

Run \`tiller <command> --help\` for a command's options.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    (name ? console.log : console.error)(USAGE);
    return name ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    console.error(`tiller: unknown command '${name}'\n\n${USAGE}`);
    return 2;
  }
  try {
    return await (await load()).run(rest);
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`tiller ${name}: ${err.message}\n\n${err.usage}`);
      return 2;
    }
    // A name two spec folders carry is a usage problem: the person must say which folder.
    if (err instanceof AmbiguousSpecError) {
      console.error(`tiller ${name}: ${err.message}`);
      return 2;
    }
    throw err;
  }
}
