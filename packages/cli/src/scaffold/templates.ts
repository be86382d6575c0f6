/** "api-designer" → "Api Designer": the H1 of a new persona. */
export function titleFromId(id: string): string {
  return id
    .split("-")
    .map((w) => (w === "" ? w : `${w[0]?.toUpperCase() ?? ""}${w.slice(1)}`))
    .join(" ");
}

/**
 * The text of a new persona file: every part of the format (DESIGN.md §3) filled with a
 * placeholder that reads as an instruction, so the file validates as is and shows where each part
 * goes. Kept in the same shape as the bundled personas.
 */
export function personaTemplate(id: string): string {
  const title = titleFromId(id);
  return `---
name: ${id}
description: Use when <the situations this persona should handle; one sentence, it is how tools decide to activate it>.
tools: [Read, Grep, Glob, Bash]
model: sonnet
---

# ${title} Persona

One paragraph on who this persona is and what it cares about most.

**Identity**: <three or four roles, comma-separated>

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
- Keywords: "${id}", "<keyword>", "<another keyword>"
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
