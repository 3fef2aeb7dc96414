import { strict as assert } from 'node:assert';
import { describe, it } from 'mocha';
import { classifyEars, parseDesign, parseRequirementRefs, parseRequirements } from '../../../src/core/specs';
import { fixture } from './helpers';

describe('parseRequirements', () => {
  it('reads requirements, user stories and criteria ids with their lines', () => {
    const { path, text } = fixture('user-auth', 'requirements.md');
    const { requirements, diagnostics } = parseRequirements(text, path, false);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(
      requirements.map((r) => [r.id, r.title, r.criteria.length]),
      [
        ['1', 'Sign in', 3],
        ['2', 'Sessions', 3],
        ['3', 'Password reset', 2],
      ],
    );
    assert.match(requirements[0].userStory ?? '', /^As a registered user, I want to sign in/);
    const c = requirements[0].criteria[1];
    assert.equal(c.id, '1.2');
    assert.equal(c.ears, 'IF');
    assert.equal(c.line, 16);
    assert.deepEqual(
      requirements[1].criteria.map((x) => x.ears),
      ['WHILE', 'WHEN', 'ubiquitous'],
    );
    assert.equal(requirements[2].criteria[1].ears, 'WHERE');
  });

  it('reads cc-sdd Objective lines and "When …, the X shall" criteria', () => {
    const { text } = fixture('flat-ccsdd', 'requirements.md');
    const { requirements } = parseRequirements(text, '', false);
    assert.equal(requirements[0].userStory, 'As an analyst, I want to export a report, so that I can share it.');
    assert.deepEqual(
      requirements.flatMap((r) => r.criteria.map((c) => `${c.id}:${c.ears}`)),
      ['1.1:WHEN', '1.2:IF', '1.3:ubiquitous', '2.1:WHILE', '2.2:WHEN'],
    );
  });

  it('reads bugfix clauses 1.x / 2.x / 3.x as groups titled by their heading', () => {
    const { text } = fixture('bugfix-spec', 'bugfix.md');
    const { requirements } = parseRequirements(text, '', true);
    assert.deepEqual(
      requirements.map((r) => [r.id, r.title, r.criteria.map((c) => c.id)]),
      [
        ['1', 'Current Behavior (Defect)', ['1.1', '1.2']],
        ['2', 'Expected Behavior (Correct)', ['2.1', '2.2']],
        ['3', 'Unchanged Behavior (Regression Prevention)', ['3.1']],
      ],
    );
    assert.equal(requirements[0].criteria[0].ears, 'not-ears', 'a defect clause says what happens, not what shall');
    assert.equal(requirements[2].criteria[0].ears, 'WHEN');
  });
});

describe('classifyEars', () => {
  it('recognises each form, case-insensitively', () => {
    const cases: Array<[string, string]> = [
      ['WHEN x THEN THE SYSTEM SHALL y', 'WHEN'],
      ['when x, the system shall y', 'WHEN'],
      ['IF x THEN THE SYSTEM SHALL y', 'IF'],
      ['While x, the app shall y', 'WHILE'],
      ['WHERE x THE SYSTEM SHALL y', 'WHERE'],
      ['THE SYSTEM SHALL log', 'ubiquitous'],
      ['The Benchmark_Runner shall stop', 'ubiquitous'],
      ['When ユーザーがスクロールする, the hook shall 返す', 'WHEN'],
      ['DURING a run, THE SYSTEM SHALL record', 'not-ears'],
      ['The palette should look nice', 'not-ears'],
      ['WHEN x THEN the page renders', 'not-ears'],
    ];
    for (const [text, form] of cases) assert.equal(classifyEars(text), form, text);
  });
});

describe('parseRequirementRefs', () => {
  it('reads the forms real files use', () => {
    const cases: Array<[string, string[]]> = [
      ['- _Requirements: 1.2, 3.1_', ['1.2', '3.1']],
      ['**Requirements:** 1.1, 1.2', ['1.1', '1.2']],
      ['**Validates: Requirements 1.2, 4.3**', ['1.2', '4.3']],
      ['_Requirements: 1.1–1.3, 2.1-2.2_', ['1.1', '1.2', '1.3', '2.1', '2.2']],
      ['_Requirements: 5.1-5.10_', ['5.1', '5.2', '5.3', '5.4', '5.5', '5.6', '5.7', '5.8', '5.9', '5.10']],
      ['_Requirements: 4.3, 5.x, 6.x_', ['4.3', '5', '6']],
      ['_Requirements: 5, 6, 8_', ['5', '6', '8']],
      ['_Requirements: 2.4 (extended to MCP configs)_', ['2.4']],
      ['_Requirements: NFR Performance 1_', []],
      ['_Requirements: 全要件の統合検証_', []],
      ['_Requirements: 2.1.4, Error Handling section_', ['2.1.4']],
      ['- Implement the requirements of 1.1', []],
      ['_Depends: 1.1_', []],
    ];
    for (const [line, refs] of cases) assert.deepEqual(parseRequirementRefs(line), refs, line);
  });
});

describe('parseDesign', () => {
  it('makes one section per heading, ignoring headings in fences', () => {
    const { text } = fixture('design-only', 'design.md');
    const sections = parseDesign(text);
    assert.deepEqual(
      sections.map((s) => [s.depth, s.title, s.line]),
      [
        [1, 'Design', 1],
        [2, 'Overview', 3],
        [2, 'Details', 11],
        [3, 'Deep', 13],
      ],
    );
    assert.equal(
      text.slice(sections[1].span.start, sections[1].span.end),
      '## Overview\n\nText.\n\n```md\n# not a heading\n```\n',
    );
    assert.equal(sections[0].span.end, text.length);
    assert.equal(text.slice(sections[3].span.start, sections[3].span.end), '### Deep\n\nMore.');
  });
});
