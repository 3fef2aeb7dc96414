// node:crypto for the engine inside the fake host page: contentHash() only needs a stable digest
// of a string, and FNV-1a (two lanes, 64 bits) is plenty to tell a test's texts apart.
export function createHash(_algorithm: string) {
  let text = '';
  const hash = {
    update(chunk: string) {
      text += chunk;
      return hash;
    },
    digest(_encoding: string) {
      let a = 0x811c9dc5;
      let b = 0x01000193;
      for (let i = 0; i < text.length; i++) {
        a = Math.imul(a ^ text.charCodeAt(i), 0x01000193) >>> 0;
        b = Math.imul(b ^ text.charCodeAt(i), 0x5bd1e995) >>> 0;
      }
      return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
    },
  };
  return hash;
}
