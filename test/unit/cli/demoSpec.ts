// A spec the CLI tests own, written into the sandbox, so that exact JSON can be asserted without
// depending on how the shared fixture specs evolve.
export const DEMO_REQUIREMENTS = `# Requirements

### Requirement 1: Export

#### Acceptance Criteria

1. WHEN a user exports a report THE SYSTEM SHALL write a CSV file.
2. WHEN the report is empty THE SYSTEM SHALL write only the header row.

### Requirement 2: Totals

#### Acceptance Criteria

1. THE SYSTEM SHALL show the total of every report.
`;

export const DEMO_TASKS = `# Implementation Plan

- [ ] 1. Export
  - [x] 1.1 Write the CSV writer
    - _Requirements: 1.1_
  - [ ] 1.2 Handle empty reports
    - _Requirements: 1.2_
- [-] 2. Totals
  - _Requirements: 2.1_
- [~] 3. Polish the export dialog
- [ ]* 4. Property tests for the CSV writer
  - _Requirements: 1.1_
`;

export const demoSpec = {
  '.kiro/specs/cli-demo/requirements.md': DEMO_REQUIREMENTS,
  '.kiro/specs/cli-demo/tasks.md': DEMO_TASKS,
};
