// Starting steering files. product / tech / structure are the three foundation documents Kiro
// creates; a custom file gets front matter for the inclusion mode the user picked.
import type { Inclusion } from '../steering/model';

export type SteeringTemplateKind = 'product' | 'tech' | 'structure';

export const STEERING_TEMPLATES: Record<SteeringTemplateKind, { description: string; text: string }> = {
  product: {
    description: 'Purpose, users and key features of the product',
    text: `---
inclusion: always
---

# Product Overview

## Purpose
What the product does and the problem it solves.

## Target Users
Who uses it, and what they need from it.

## Key Features
- 

## Business Rules
Constraints every change must respect.
`,
  },
  tech: {
    description: 'Technology stack, build commands and conventions',
    text: `---
inclusion: always
---

# Technology Stack

## Languages and Frameworks
- 

## Build and Test Commands
- Build: \`\`
- Test: \`\`

## Conventions
Coding standards, libraries to prefer, libraries to avoid.
`,
  },
  structure: {
    description: 'Folder layout, naming and architecture patterns',
    text: `---
inclusion: always
---

# Project Structure

## Layout
Where each kind of code lives.

## Naming
File, module and symbol naming rules.

## Architecture Patterns
Layers, dependencies allowed between them, and why.
`,
  },
};

export interface CustomSteeringOptions {
  inclusion: Inclusion;
  /** fileMatch only: workspace-relative globs. */
  patterns?: string[];
  /** auto only: what the document is about, so the agent can decide when to use it. */
  description?: string;
  name: string;
}

export function customSteering(options: CustomSteeringOptions): string {
  const front = [`inclusion: ${options.inclusion}`];
  if (options.inclusion === 'fileMatch') {
    const patterns = options.patterns?.length ? options.patterns : ['**/*'];
    front.push(
      patterns.length === 1
        ? `fileMatchPattern: ${JSON.stringify(patterns[0])}`
        : `fileMatchPattern:\n${patterns.map((p) => `  - ${JSON.stringify(p)}`).join('\n')}`,
    );
  }
  if (options.inclusion === 'auto') {
    front.push(`name: ${options.name}`, `description: ${JSON.stringify(options.description ?? '')}`);
  }
  return `---\n${front.join('\n')}\n---\n\n# ${options.name}\n\nGuidance for the agent.\n`;
}
