// What a draft run is told: Tiller's author instructions and the format of each phase's document,
// in the shapes Kiro writes (so a drafted spec opens unchanged in Kiro and lints clean in Tiller).
import type { PhaseName } from '../specs/workflow';

export const DRAFT_INSTRUCTIONS = (
  file: string,
  phase: PhaseName,
) => `You are Tiller's spec author. You draft ONE document of a spec in the user's workspace: ${file} (the ${phase} phase). A person reviews and approves it before the next phase is drafted.

How to work:
- Learn what exists before you write: list_files, search_files and read_file reach the whole workspace (paths relative to its root).
- Write only ${file}, with write_file (whole content) or edit_file, each with a rationale. Every other write is refused: other phases are drafted later, after approval, and code is written by the tasks once the spec is approved.
- Follow the format below exactly; the spec view measures it (EARS form, requirement citations).
- When ${file} is written, answer with a short summary of what you drafted and the open questions a reviewer should settle, and make no tool call: that ends the draft.`;

const REQUIREMENTS = `Format of requirements.md (Kiro's):
# Requirements Document

## Introduction

<what the feature is for, who uses it, what is out of scope>

## Requirements

### Requirement 1: <short title>

**User Story:** As a <role>, I want <capability>, so that <benefit>.

#### Acceptance Criteria

1. WHEN <event> THEN THE SYSTEM SHALL <response>
2. IF <unwanted condition> THEN THE SYSTEM SHALL <response>

Rules: number requirements 1, 2, 3 …; number each requirement's criteria 1, 2, 3 … (criterion N.M is the M-th criterion of requirement N). Every criterion is one EARS sentence with SHALL: WHEN <event>, IF <condition> THEN, WHILE <state>, WHERE <feature is included>, or THE SYSTEM SHALL <always true>. Every requirement has at least one criterion. Say what is measured, not vague qualities: never "fast", "user-friendly", "intuitive", "etc.", "as appropriate"; give numbers and observable behaviour.`;

const BUGFIX = `Format of bugfix.md (Kiro's bugfix spec):
# Bugfix Requirements Document

## Introduction

<the bug, where it shows, its impact>

## Bug Analysis

### Current Behavior (Defect)

1.1 WHEN <condition> THEN the system <does the wrong thing>

### Expected Behavior (Correct)

2.1 WHEN <condition> THEN the system SHALL <do the right thing>

### Unchanged Behavior (Regression Prevention)

3.1 WHEN <condition> THEN the system SHALL CONTINUE TO <keep doing what works>

Rules: number clauses as shown (1.x defect, 2.x expected, 3.x unchanged); every expected and unchanged clause is an EARS sentence with SHALL; no vague words ("fast", "etc.", "as appropriate").`;

const DESIGN = `Format of design.md:
# Design Document

## Overview
## Architecture
## Components and Interfaces
## Data Models
## Error Handling
## Testing Strategy

Rules: these six sections, in this order, each with real content for this workspace (name the actual modules, files and types you found). Cite requirement or criterion ids (e.g. "Requirement 2", "1.3") where a design choice serves them. Diagrams as Mermaid code blocks when they help.`;

const TASKS = `Format of tasks.md:
# Implementation Plan

- [ ] 1. <top-level task>
  - [ ] 1.1 <sub-task: one coding step a developer or agent can do and verify>
    - <detail: files, functions, tests>
    - _Requirements: 1.1, 1.2_
  - [ ] 1.2 <sub-task>
    - _Requirements: 2.1_
- [ ] 2. <next top-level task>

Rules: every task is a checkbox "- [ ]" with a number (1, 1.1, 1.2, 2 …), in the order to build them; each leaf task ends with a "_Requirements: …_" line citing the criterion ids it implements, and together the tasks cite every criterion. Only coding and testing work (no deployment, no meetings). Never mark a task done.`;

export const FORMAT_RULES: Readonly<Record<PhaseName, string>> = {
  requirements: REQUIREMENTS,
  bugfix: BUGFIX,
  design: DESIGN,
  tasks: TASKS,
};
