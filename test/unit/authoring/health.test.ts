// Spec health figures: EARS share, citation coverage both ways, requirements without criteria,
// ambiguous words.
import assert from 'node:assert/strict';
import { buildSpec, type SpecSource } from '../../../src/core/specs';
import { document } from '../../../src/core/specs/load-spec';
import { ambiguousWords, specHealth } from '../../../src/core/specs/workflow';

function spec(requirements: string, tasks: string) {
  const source: SpecSource = {
    name: 's',
    dir: '/ws/.kiro/specs/s',
    requirements: document('/ws/.kiro/specs/s/requirements.md', requirements),
    tasks: document('/ws/.kiro/specs/s/tasks.md', tasks),
  };
  return buildSpec(source);
}

const REQUIREMENTS = `# Requirements Document

## Requirements

### Requirement 1: Export

**User Story:** As an analyst, I want CSV, so that I can use a spreadsheet.

#### Acceptance Criteria

1. WHEN the analyst exports THEN THE SYSTEM SHALL write the file quickly
2. The export is user-friendly, etc.
3. IF the report is empty THEN THE SYSTEM SHALL write the header row

### Requirement 2: Progress

**User Story:** As an analyst, I want progress, so that I can wait.

#### Acceptance Criteria

1. WHILE an export runs THE SYSTEM SHALL show the rows written so far

### Requirement 3: Later

**User Story:** As an analyst, I want more.
`;

describe('spec health', () => {
  it('measures EARS, citations both ways, requirements without criteria and ambiguous words', () => {
    const health = specHealth(
      spec(
        REQUIREMENTS,
        '- [ ] 1. Parent\n  - [ ] 1.1 Write\n    - _Requirements: 1.1_\n  - [ ] 1.2 Progress\n    - _Requirements: 2_\n  - [ ] 1.3 Docs\n',
      ),
    );
    assert.deepEqual(health, {
      criteria: 4,
      earsPercent: 75,
      citedPercent: 50,
      tasks: 3,
      tasksCitingPercent: 67,
      requirementsWithoutCriteria: ['3'],
      ambiguous: [
        { criterion: '1.1', words: ['quickly'] },
        { criterion: '1.2', words: ['user-friendly', 'etc.'] },
      ],
    });
  });

  it('says null, not 0 %, when there is nothing to measure', () => {
    const health = specHealth(spec('# Requirements Document\n', ''));
    assert.equal(health.earsPercent, null);
    assert.equal(health.citedPercent, null);
    assert.equal(health.tasksCitingPercent, null);
  });

  it('matches whole words only', () => {
    assert.deepEqual(ambiguousWords('a breakfast menu, simplest steps, robustness'), []);
    assert.deepEqual(ambiguousWords('Fast, as appropriate and/or EASY'), ['fast', 'easy', 'as appropriate', 'and/or']);
  });
});
