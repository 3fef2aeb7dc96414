// Decoding of bash's ANSI-C quoting `$'…'`, so that `$'\x72m'` and `$'\162\155'` are compared as
// `rm`. Unknown escapes keep their backslash, as bash does. A NUL stays in the result so that the
// caller can treat the word as truncated (SEMANTICS.md §9h).

const SIMPLE: Record<string, string> = {
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** `\xHH` and `\NNN` give bytes (bash works on bytes), so the result is decoded as UTF-8 at the end. */
export function decodeAnsiC(raw: string): string {
  const bytes: number[] = [];
  const text = (t: string) => bytes.push(...encoder.encode(t));
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c !== '\\' || i + 1 >= raw.length) {
      text(c);
      continue;
    }
    const e = raw[++i];
    if (e in SIMPLE) text(SIMPLE[e]);
    else if (e >= '0' && e <= '7') {
      const m = /^[0-7]{1,3}/.exec(raw.slice(i))![0];
      bytes.push(parseInt(m, 8) & 0xff);
      i += m.length - 1;
    } else if (e === 'x' || e === 'u' || e === 'U') {
      const max = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      const m = new RegExp(`^[0-9a-fA-F]{1,${max}}`).exec(raw.slice(i + 1))?.[0];
      if (!m) {
        text(`\\${e}`);
        continue;
      }
      const code = parseInt(m, 16);
      if (e === 'x') bytes.push(code);
      else if (code === 0) bytes.push(0);
      else if (code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)) text(String.fromCodePoint(code));
      i += m.length;
    } else if (e === 'c' && i + 1 < raw.length) {
      const x = raw[++i];
      bytes.push(x === '?' ? 0x7f : x.toUpperCase().charCodeAt(0) & 0x1f);
    } else text(`\\${e}`);
  }
  return decoder.decode(new Uint8Array(bytes));
}
