// The `tiller` command: the same engine as the extension, from a terminal or CI.
import { main } from './cli/main';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`tiller: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
