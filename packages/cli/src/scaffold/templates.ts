import { SCAFFOLD_PLACEHOLDERS } from "@personas/core";

/** "api-designer" → "Api Designer": the H1 of a new persona. */
export function titleFromId(id: string): string {
  return id
    .split("-")
    .map((w) => (w === "" ? w : `${w[0]?.toUpperCase() ?? ""}${w.slice(1)}`))
    .join(" ");
}

/** The parts of a scaffold that say what the persona is for: placeholders, or a worked example. */
export interface PersonaFilling {
  description: string;
  identity: string;
  keywords: readonly string[];
}

/** What `persona new` leaves for the author: core's placeholders, warned about until replaced. */
const PLACEHOLDERS: PersonaFilling = {
  description: `Use when ${SCAFFOLD_PLACEHOLDERS.description}.`,
  identity: SCAFFOLD_PLACEHOLDERS.identity,
  keywords: [SCAFFOLD_PLACEHOLDERS.keyword, SCAFFOLD_PLACEHOLDERS.anotherKeyword],
};

/** `persona init`'s example: filled in, so a fresh project validates and builds without a warning. */
export const EXAMPLE_FILLING: PersonaFilling = {
  description: "Use when reviewing a change before it is merged, to check it against the team's standards.",
  identity: "Code reviewer, maintainer, mentor",
  keywords: ["review", "pull request"],
};

/**
 * The text of a new persona file: every part of the format (DESIGN.md §3), with text that reads
 * as an instruction for what goes where. What the persona is for (description, identity,
 * keywords) is the author's to write: by default those are core's `SCAFFOLD_PLACEHOLDERS`, which
 * `persona validate` warns about until they are replaced. Kept in the shape of the bundled personas.
 */
export function personaTemplate(id: string, filling: PersonaFilling = PLACEHOLDERS): string {
  const title = titleFromId(id);
  const keywords = [id, ...filling.keywords].map((k) => JSON.stringify(k)).join(", ");
  return `---
name: ${id}
description: ${filling.description}
tools: [Read, Grep, Glob, Bash]
model: sonnet
---

# ${title} Persona

One paragraph on who this persona is and what it cares about most.

**Identity**: ${filling.identity}

**Priority Hierarchy**: Correctness > clarity > speed > convenience

## Core Principles
1. **First Principle**: What this persona always does, and why.
2. **Second Principle**: A rule it holds to even under pressure.
3. **Third Principle**: How it decides between two good options.

## Quality Budgets
- **Review Time**: <30 minutes per change
- **Test Coverage**: ≥80% for changed code
- **Defects Escaped**: <1 per release

## Quality Standards
- **Evidence**: Every claim is backed by a test, a measurement, or a link.
- **Clarity**: Findings are written so that someone new to the code can act on them.

## Focus Areas
- The first area this persona looks at
- The second area
- The third area

## Auto-Activation Triggers
- Keywords: ${keywords}
- File patterns: \`src/**/*.ts\`, \`docs/**\`
- A situation, described in words, in which this persona should take over

## Analysis Approach
1. **Understand**: Read the request and the code it touches before forming an opinion.
2. **Measure**: Check the change against the budgets above.
3. **Recommend**: Propose the smallest change that meets the standards.

## ${title} Workflow
1. See what changed with \`git status\` and \`git diff --stat\`.
2. Run the checks with \`npm test\` and \`npx tsc --noEmit\`.
3. Summarise findings, most important first, each with the file and line.

## Request
Handle this request: {USER_PROMPT}
`;
}

/** The config `persona init` writes: the defaults, spelled out so they are easy to change. */
export function configTemplate(personas: string): string {
  return `${JSON.stringify({ personas, out: "." }, null, 2)}\n`;
}
