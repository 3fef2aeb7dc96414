// Every steering file in the real corpus, read in place: each must load, and each is pinned to
// what its front matter means.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSteering } from '../../src/core/steering/load';
import { parseSteeringFile } from '../../src/core/steering/parse';
import type { Inclusion, SteeringDoc } from '../../src/core/steering/model';
import { readCorpus, type Corpus, type CorpusEntry as IndexEntry } from './corpus';

interface Expected {
  inclusion: Inclusion;
  patterns?: string[];
  name?: string;
  codes?: string[];
}

const expected: Record<string, Expected> = {
  '13nosui/kiro-development-template-heroui-nextjs/.kiro/steering/product.md': { inclusion: 'always' },
  'Bestehorn/CodingProjectSetupPrompt/.kiro/steering/tests-must-not-fail.md': { inclusion: 'always' },
  'comejia/voice-assistant/.kiro/steering/conventional-commits.md': {
    inclusion: 'always',
    codes: ['steering-key-unknown'],
  },
  'emi-a-dinh/KiroHacks/.kiro/steering/token-miser.md': { inclusion: 'auto', codes: ['steering-auto-incomplete'] },
  'Harol-Medina/Agentes_Especializado/.kiro/steering/lessons-learned.md': {
    inclusion: 'auto',
    codes: ['steering-auto-incomplete'],
  },
  'Harol-Medina/Agentes_Especializado/.kiro/steering/stack-context.md': {
    inclusion: 'auto',
    codes: ['steering-auto-incomplete'],
  },
  'jajera/pr-readiness-coach/.kiro/steering/cdk-infra.md': { inclusion: 'fileMatch', patterns: ['infra/**'] },
  'jajera/pr-readiness-coach/.kiro/steering/testing.md': { inclusion: 'fileMatch', patterns: ['tests/**'] },
  'sabaszx/dify-airplan/.kiro/steering/definition-of-done.md': { inclusion: 'always' },
  'sabaszx/dify-airplan/.kiro/steering/rf-domain.md': { inclusion: 'auto', name: 'rf-domain' },
  'Tensure/kiro-lab-paddle-ball/.kiro/steering/delivery-standards.md': { inclusion: 'always' },
  'Tensure/kiro-lab-paddle-ball/.kiro/steering/phaser-typescript.md': {
    inclusion: 'fileMatch',
    patterns: ['src/**/*.ts', 'src/**/*.tsx'],
  },
  'tvmensal2025/igreen-page-magic/.kiro/steering/igreen-sync-oficial.md': {
    inclusion: 'fileMatch',
    name: 'igreen-sync-oficial',
    patterns: [
      'worker-igreen-sync/**',
      'supabase/functions/sync-igreen-customers/**',
      'supabase/functions/_shared/igreen-sync-worker.ts',
      'src/lib/igreenSync.ts',
    ],
    // Only the steering file was copied, not the helper it references.
    codes: ['steering-reference-missing'],
  },
  'Wcdaren/hacktson-autobots/.kiro/steering/medusa-jobs.md': {
    inclusion: 'fileMatch',
    patterns: ['apps/medusa/src/jobs/**/*'],
  },
  'Yuvraj-ai/oneMind/.kiro/steering/wizard.md': { inclusion: 'manual' },
};

let corpus: Corpus;
let entries: IndexEntry[] = [];
const workspaceOf = (e: IndexEntry) => corpus.workspaceOf(e);

function parseAs(e: IndexEntry, text: string): SteeringDoc {
  const root = workspaceOf(e);
  return parseSteeringFile(text, {
    file: join(root, e.path),
    scope: 'workspace',
    workspaceRoot: root,
    exists: () => false,
  });
}

function summary(doc: SteeringDoc) {
  return {
    inclusion: doc.inclusion,
    patterns: doc.patterns,
    name: doc.name,
    description: doc.description,
    body: doc.body.replace(/\r\n/g, '\n'),
    diagnostics: doc.diagnostics.map((d) => [d.code, d.line, d.column, d.severity]),
  };
}

describe('corpus: real steering files', () => {
  before(function () {
    const found = readCorpus();
    if (!found) return this.skip();
    corpus = found;
    entries = corpus.entries.filter((e) => e.kind === 'steering');
  });

  it('has an expectation for every steering file in INDEX.json', () => {
    assert.deepEqual(entries.map((e) => `${e.repo}/${e.path}`).sort(), Object.keys(expected).sort());
  });

  it('reads every steering file as its front matter means', () => {
    for (const entry of entries) {
      const key = `${entry.repo}/${entry.path}`;
      const text = readFileSync(join(workspaceOf(entry), entry.path), 'utf8');
      const doc = parseAs(entry, text);
      const want = expected[key];
      assert.equal(doc.inclusion, want.inclusion, key);
      assert.deepEqual(doc.patterns, want.patterns ?? [], key);
      assert.equal(doc.name, want.name ?? entry.path.split('/').pop()?.replace(/\.md$/, ''), key);
      assert.deepEqual(
        doc.diagnostics.map((d) => d.code),
        want.codes ?? [],
        key,
      );
      assert.ok(doc.body.length > 0 && !doc.body.startsWith('---'), `${key}: body excludes the front matter`);
      // The corpus is all LF; the same file with CRLF endings must mean the same.
      assert.deepEqual(summary(parseAs(entry, text.replace(/\n/g, '\r\n'))), summary(doc), key);
    }
  });

  it('points the typo key of conventional-commits.md at its line, suggesting inclusion', () => {
    const entry = entries.find((e) => e.repo === 'comejia/voice-assistant');
    assert.ok(entry);
    const [d] = parseAs(entry, readFileSync(join(workspaceOf(entry), entry.path), 'utf8')).diagnostics;
    assert.deepEqual([d.line, d.column, d.severity], [2, 1, 'warning']);
    assert.match(d.message, /'include'.*'inclusion'/);
  });

  it('locates the #[[file:]] reference of igreen-sync-oficial.md', () => {
    const entry = entries.find((e) => e.repo === 'tvmensal2025/igreen-page-magic');
    assert.ok(entry);
    const doc = parseAs(entry, readFileSync(join(workspaceOf(entry), entry.path), 'utf8'));
    assert.deepEqual(
      doc.references.map((r) => [r.target, r.line, r.column]),
      [['supabase/functions/_shared/igreen-sync-worker.ts', 14, 9]],
    );
  });

  it('loads every real repository folder as a workspace', async () => {
    for (const root of new Set(entries.map(workspaceOf))) {
      const set = await loadSteering({ workspaceRoot: root, homeDir: null });
      const want = entries.filter((e) => workspaceOf(e) === root).length;
      assert.equal(set.docs.filter((d) => d.scope === 'workspace').length, want, root);
    }
  });
});
