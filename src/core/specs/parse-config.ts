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
    if (value && typeof value === 'object' && !Array.isArray(value)) return { config: value as SpecConfig, diagnostics: [] };
    return { config: null, diagnostics: [diagnostic(file, 1, 1, `${name} must hold a JSON object such as {"specType": "feature"}; it is ignored.`)] };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const position = /position (\d+)/.exec(reason);
    const starts = lineStarts(text);
    const offset = position ? Number(position[1]) : 0;
    const line = lineOf(starts, offset);
    return { config: null, diagnostics: [diagnostic(file, line, offset - starts[line - 1] + 1, `${name} is not valid JSON (${reason}); it is ignored until fixed.`)] };
  }
}

function diagnostic(file: string, line: number, column: number, message: string): Diagnostic {
  return { file, line, column, severity: 'error', code: 'config-invalid', message };
}
