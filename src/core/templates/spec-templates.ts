// Starting documents for a new spec, in the shape Kiro writes, so a spec created in Tiller opens
// unchanged in Kiro and cc-sdd. Each placeholder says what belongs there; the task and its
// requirement reference are real so the new spec lints clean and has a next task from the start.
import { randomUUID } from 'node:crypto';

/** Kebab-case: lower-case letters and digits in words joined by single hyphens. */
export const SPEC_NAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** What is wrong with a spec or steering file name, or null when it is fine. */
export function kebabNameProblem(name: string, what: 'spec' | 'steering file' = 'spec'): string | null {
  if (!name) return `Enter a name for the ${what}.`;
  if (!SPEC_NAME_PATTERN.test(name)) {
    return 'Use kebab-case: lower-case letters and digits joined by hyphens, e.g. user-auth.';
  }
  return null;
}

function titleOf(name: string): string {
  return name
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

export interface SpecFiles {
  'requirements.md': string;
  'design.md': string;
  'tasks.md': string;
  '.config.kiro': string;
}

export function specTemplates(name: string): SpecFiles {
  const title = titleOf(name);
  return {
    'requirements.md': `# Requirements Document

## Introduction

${title}: describe the problem this feature solves, who it is for, and what is out of scope.

## Requirements

### Requirement 1: ${title}

**User Story:** As a <role>, I want <capability>, so that <benefit>.

#### Acceptance Criteria

1. WHEN <event> THEN THE SYSTEM SHALL <response>
2. IF <unwanted condition> THEN THE SYSTEM SHALL <response>
3. WHILE <state> THE SYSTEM SHALL <response>
`,
    'design.md': `# Design Document

## Overview

How ${title} will be built, and why this approach.

## Architecture

## Components and Interfaces

## Data Models

## Error Handling

## Testing Strategy
`,
    'tasks.md': `# Implementation Plan

- [ ] 1. Set up the structure for ${title}
  - Create the modules and interfaces named in design.md
  - _Requirements: 1.1_
`,
    '.config.kiro': `${JSON.stringify({ specId: randomUUID(), workflowType: 'requirements-first', specType: 'feature' })}\n`,
  };
}
