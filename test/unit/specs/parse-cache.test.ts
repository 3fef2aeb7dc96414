// The parse cache is bounded by the size of what it holds: big documents push old ones out by
// their weight, small ones are many, and a hit makes an entry the newest again.
import { strict as assert } from 'node:assert';
import { cached, isCached, PARSE_CACHE_BYTES, parseCacheSize } from '../../../src/core/specs/parse-cache';
import { contentHash } from '../../../src/core/specs/text';

const parse = (text: string) => ({ length: text.length, diagnostics: [] });

describe('parse cache', () => {
  it('holds at most PARSE_CACHE_BYTES of text: 100 documents of 400 KB keep only the newest', () => {
    const texts = Array.from({ length: 100 }, (_, i) => `${i}:`.padEnd(400 * 1024, 'x'));
    for (const text of texts) cached('bytes-test', text, 'a.md', parse);
    const { bytes } = parseCacheSize();
    assert.ok(bytes <= PARSE_CACHE_BYTES, `${bytes} bytes cached`);
    const kept = texts.filter((t) => isCached('bytes-test', contentHash(t))).length;
    assert.ok(kept > 0 && kept < 25, `${kept} of 100 kept`);
    assert.ok(isCached('bytes-test', contentHash(texts[99])), 'the newest is kept');
    assert.ok(!isCached('bytes-test', contentHash(texts[0])), 'the oldest went');
  });

  it('a hit makes an entry the newest; a text bigger than the cache is parsed, not cached', () => {
    const first = 'first'.padEnd(1024 * 1024, 'y');
    cached('lru-test', first, 'a.md', parse);
    let parses = 0;
    const counting = (text: string) => (parses++, parse(text));
    for (let i = 0; i < 20; i++) {
      // Touch the first document between the others: it stays while they come and go.
      assert.equal(cached('lru-test', first, 'a.md', counting).length, first.length);
      cached('lru-test', `${i}`.padEnd(1024 * 1024, 'z'), 'b.md', parse);
    }
    assert.equal(parses, 0, 'the first document was never parsed again');
    assert.ok(isCached('lru-test', contentHash(first)));

    const huge = 'h'.repeat(PARSE_CACHE_BYTES / 2 + 1);
    const before = parseCacheSize();
    cached('huge-test', huge, 'c.md', parse);
    assert.ok(!isCached('huge-test', contentHash(huge)));
    assert.deepEqual(parseCacheSize(), before, 'nothing was pushed out for it');
  });

  it('many small documents share the space', () => {
    for (let i = 0; i < 6_000; i++) cached('small-test', `- [ ] ${i}. task`, 'tasks.md', parse);
    assert.ok(isCached('small-test', contentHash('- [ ] 0. task')), 'more than the old 4,000-entry limit');
  });
});
