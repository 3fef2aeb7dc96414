// `.config.kiro` (Kiro) and `spec.json` (cc-sdd): JSON objects, kept whole.
import type { Diagnostic } from '../diagnostics';
import type { SpecConfig } from './model';
import { lineOf, lineStarts } from './text';

export interface ParsedConfig {
  config: SpecConfig | null;
  diagnostics: Diagnostic[];
}

export function parseConfig(text: string, file: string): ParsedConfig {
  const name = file.split(/[\\/]/).pop() ?? file;
  try {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    if (value && typeof value === 'object' && !Array.isArray(value))
      return { config: value as SpecConfig, diagnostics: [] };
    return {
      config: null,
      diagnostics: [
        diagnostic(file, 1, 1, `${name} must hold a JSON object such as {"specType": "feature"}; it is ignored.`),
      ],
    };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const starts = lineStarts(text);
    const offset = errorOffset(text, reason);
    const line = lineOf(starts, offset);
    return {
      config: null,
      diagnostics: [
        diagnostic(
          file,
          line,
          offset - starts[line - 1] + 1,
          `${name} is not valid JSON (${reason}); it is ignored until fixed.`,
        ),
      ],
    };
  }
}

function diagnostic(file: string, line: number, column: number, message: string): Diagnostic {
  return { file, line, column, severity: 'error', code: 'config-invalid', message };
}

/**
 * Where JSON.parse stopped. V8 says `at position N` for some errors; for an unexpected token it
 * quotes the text around it instead (`..."lowType": requiremen"...`, the token 10 characters in
 * when the quote is cut on the left), so the quote is looked up in the text.
 */
function errorOffset(text: string, reason: string): number {
  const position = /position (\d+)/.exec(reason);
  if (position) return Number(position[1]);
  const quoted = /Unexpected token '(.)', (\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON/.exec(reason);
  const at = quoted ? text.indexOf(quoted[3]) : -1;
  if (!quoted || at === -1) return 0;
  return at + (quoted[2] ? 10 : Math.max(0, quoted[3].indexOf(quoted[1])));
}
