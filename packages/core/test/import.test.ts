import { describe, expect, it } from "vitest";
import { compile, importPersonas, type PersonaSplitter, parsePersona } from "../src/index.js";
import { lostLines, normalizeLine } from "./round-trip.js";

/** Imports one file and returns its only persona file, failing the test when there is not exactly one. */
function importOne(text: string, path: string) {
  const result = importPersonas(text, { path });
  expect(result.files).toHaveLength(1);
  return { file: result.files[0] as NonNullable<(typeof result.files)[0]>, diagnostics: result.diagnostics };
}

const CLAUDE_AGENT = `---
name: code-reviewer
description: Reviews diffs. Use proactively after code changes.
tools: Read, Grep, Glob
model: sonnet
color: blue
permissionMode: plan
owner: platform-team
---

You are a senior code reviewer.

## Core Principles
1. **Evidence**: cite file:line

## Checklist
- No secrets in code
`;

describe("importPersonas", () => {
  it("maps a Claude agent's keys to persona fields, targets.claude and meta, and keeps the body as written", () => {
    const { file, diagnostics } = importOne(CLAUDE_AGENT, ".claude/agents/code-reviewer.md");
    expect(diagnostics).toEqual([]);
    expect(file).toMatchObject({ id: "code-reviewer", path: "personas/code-reviewer.md", kind: "claude-agent" });
    expect(file.output).toBe(".claude/agents/code-reviewer.md");
    expect(file.text).toBe(`---
name: code-reviewer
description: Reviews diffs. Use proactively after code changes.
tools:
  - Read
  - Grep
  - Glob
model: sonnet
layout: verbatim
targets:
  claude:
    color: blue
    permissionMode: plan
meta:
  owner: platform-team
---

${CLAUDE_AGENT.slice(CLAUDE_AGENT.indexOf("You are"))}`);
    expect(file.report).toEqual([
      { from: "frontmatter `name`", to: "name" },
      { from: "frontmatter `description`", to: "description" },
      { from: "frontmatter `tools`", to: "tools" },
      { from: "frontmatter `model`", to: "model" },
      { from: "frontmatter `color`", to: "targets.claude.color" },
      { from: "frontmatter `permissionMode`", to: "targets.claude.permissionMode" },
      { from: "frontmatter `owner`", to: "meta.owner" },
      { from: "the text before the first heading", to: "kept as written" },
      { from: "section `Core Principles`", to: "principles" },
      { from: "section `Checklist`", to: "kept as written" },
    ]);
  });

  it("gives the same agent back when compiled for Claude Code", () => {
    const { file } = importOne(CLAUDE_AGENT, ".claude/agents/code-reviewer.md");
    const persona = parsePersona(file.text, { path: file.path }).persona;
    expect(persona?.principles).toEqual([{ title: "Evidence", text: "cite file:line" }]);
    const out = compile(persona ? [persona] : [], { targets: ["claude"] }).files[0]?.contents ?? "";
    expect(out).toContain("tools: Read, Grep, Glob\nmodel: sonnet\npermissionMode: plan\ncolor: blue\n");
    expect(lostLines(file.body, out)).toEqual([]);
  });

  it("reads a Cursor rule's globs as file triggers and keeps alwaysApply, quoting a leading *", () => {
    const rule =
      "---\ndescription: TS rules\nglobs: **/*.ts, src/**/*.tsx\nalwaysApply: false\n---\n- Use strict mode\n";
    const { file } = importOne(rule, ".cursor/rules/ts.mdc");
    expect(file.kind).toBe("cursor-rule");
    expect(file.text).toContain('globs:\n  - "**/*.ts"\n  - src/**/*.tsx\n');
    const persona = parsePersona(file.text, { path: file.path });
    expect(persona.diagnostics).toEqual([]);
    expect(persona.persona?.triggers.files).toEqual(["**/*.ts", "src/**/*.tsx"]);
    expect(persona.persona?.targets).toEqual({ cursor: { alwaysApply: false, description: "TS rules" } });
  });

  it("puts a Copilot agent's model and argument-hint under targets.copilot, not into Claude's model", () => {
    const agent =
      "---\ndescription: Plans\nmodel: GPT-4.1\nargument-hint: a feature\ntools: ['search', 'fetch']\n---\nPlan first.\n";
    const { file } = importOne(agent, "planner.agent.md");
    expect(file.kind).toBe("copilot-agent");
    const persona = parsePersona(file.text, { path: file.path }).persona;
    expect(persona?.model).toBeUndefined();
    expect(persona?.targets).toEqual({ copilot: { model: "GPT-4.1", "argument-hint": "a feature" } });
    expect(persona?.tools).toEqual(["search", "fetch"]);
    expect(file.output).toBe(".github/agents/planner.agent.md");
  });

  it("reads a rulesync subagent's per-tool block into targets and its tool list into meta", () => {
    const sub = `---
targets: ["*"]
name: planner
description: Plans work
claudecode:
  model: inherit
  unknownKey: 1
---
Plan the work.
`;
    const { file } = importOne(sub, ".rulesync/subagents/planner.md");
    expect(file.kind).toBe("rulesync-subagent");
    const persona = parsePersona(file.text, { path: file.path }).persona;
    expect(persona?.targets).toEqual({ claude: { model: "inherit" } });
    expect(persona?.meta).toEqual({ "rulesync-targets": ["*"], "claudecode.unknownKey": 1 });
  });

  it("takes a display name as the slug and keeps it in meta; uses the identity for a missing description", () => {
    const text = "# John Carmack\n\n**Identity**: Performance engineer\n\n**Priority Hierarchy**: Speed > clarity\n";
    const { file } = importOne(`---\nname: John Carmack\n---\n${text}`, "agents/jc.md");
    const persona = parsePersona(file.text, { path: file.path });
    expect(persona.diagnostics).toEqual([]);
    expect(persona.persona).toMatchObject({ id: "john-carmack", description: "Performance engineer" });
    expect(persona.persona?.meta).toEqual({ name: "John Carmack" });
    const flashbacker = importOne(text, "personas-in/carmack.md").file;
    expect(flashbacker.kind).toBe("flashbacker-persona");
  });

  it("reads frontmatter that strict YAML rejects line by line, with a warning at the problem", () => {
    const text = "---\nname: cli\ndescription: CLI work\ndatums: [`b00t-cli`, `x`]\n---\nBody\n";
    const { file, diagnostics } = importOne(text, "cli.md");
    expect(diagnostics.map((d) => [d.rule, d.line])).toEqual([["import/frontmatter-read-leniently", 4]]);
    expect(parsePersona(file.text, { path: file.path }).persona?.meta).toEqual({ datums: "[`b00t-cli`, `x`]" });
  });

  it("never carries a prototype key over, however the frontmatter is read", () => {
    const { file } = importOne("---\nname: p\n__proto__: x\ndescription: [`a`]\n---\nText\n", "p.md");
    expect(file.text).not.toContain("__proto__");
    expect(Object.getPrototypeOf(parsePersona(file.text, { path: file.path }).persona?.meta)).toBe(Object.prototype);
  });

  it("reads a frontmatter that is never closed up to its last key, the rest as the body", () => {
    const text = "---\n# a comment\nname: plumber\ndescription:\n\nuse the skills\n# loop\n* one\n";
    const { file, diagnostics } = importOne(text, "plumber.agent.md");
    expect(diagnostics.map((d) => [d.rule, d.line])).toEqual([["import/frontmatter-read-leniently", 5]]);
    expect(file.body).toBe("use the skills\n# loop\n* one\n");
    expect(file.source.line).toBe(6);
  });

  it("reads a file indented as a whole as the file its author meant", () => {
    const text = "\n    ---\n    name: sqs\n    description: Queues\n    ---\n\n    ## Focus Areas\n    - FIFO\n";
    const { file, diagnostics } = importOne(text, "sqs.md");
    expect(diagnostics.map((d) => d.rule)).toEqual(["import/frontmatter-read-leniently"]);
    expect(file.text).toContain("name: sqs\ndescription: Queues\n");
    expect(file.body).toBe("## Focus Areas\n- FIFO\n");
    expect(file.source.line).toBe(7);
  });

  it("drops the marker of a file persona generated, so a generated agent imports as its source", () => {
    const generated =
      "---\nname: a\ndescription: A\n---\n\n<!-- Generated by persona from personas/a.md (sha256:1). Do not edit. -->\n\n# A\n";
    expect(importOne(generated, ".claude/agents/a.md").file.body).toBe("# A\n");
  });

  it("splits a multi-persona file at its flag headings, id without =param, sections outside reported", () => {
    const text = [
      "# Personas",
      "Overview text",
      "## `--persona-backend`",
      "**Identity**: Reliability engineer",
      "```",
      "## `--persona-not-a-heading`",
      "```",
      "## `--persona-scribe=lang`",
      "**Identity**: Writer",
      "### Languages",
      "- en",
      "## Integration",
      "How they combine",
      "",
    ].join("\n");
    const result = importPersonas(text, { path: "PERSONAS.md" });
    expect(result.files.map((f) => [f.id, f.kind, f.source.line])).toEqual([
      ["backend", "superclaude-personas", 3],
      ["scribe", "superclaude-personas", 8],
    ]);
    expect(result.files[1]?.body).toBe("## `--persona-scribe=lang`\n**Identity**: Writer\n### Languages\n- en\n");
    expect(result.diagnostics.map((d) => [d.rule, d.line, d.message])).toEqual([
      ["import/not-imported", 1, 'Sections that belong to no persona were not imported: "Personas", "Integration"'],
    ]);
  });

  it("refuses a flag heading with nothing under it and a second flag with the same id, at their lines", () => {
    const text = "## `--persona-a`\n\n## `--persona-b`\nText\n## `--persona-b=x`\nMore\n";
    const result = importPersonas(text, { path: "P.md" });
    expect(result.files.map((f) => f.id)).toEqual(["b"]);
    expect(result.diagnostics.map((d) => [d.rule, d.line, d.severity])).toEqual([
      ["import/flag-heading", 1, "error"],
      ["import/flag-heading", 5, "error"],
    ]);
  });

  it("counts the marker line of a generated file, so lines point into it", () => {
    const generated = "---\nname: a\ndescription: A\n---\n\n<!-- Generated by persona from x.md -->\n\n# A\n";
    expect(importOne(generated, "a.md").file.source.line).toBe(8);
  });

  it("ends a persona at the next flag heading even when it is deeper, and never splits a named file", () => {
    const text = "# All\n## `--persona-a`\nA text\n### `--persona-b`\nB text\n";
    expect(importPersonas(text, { path: "P.md" }).files.map((f) => [f.id, f.body])).toEqual([
      ["a", "## `--persona-a`\nA text\n"],
      ["b", "### `--persona-b`\nB text\n"],
    ]);
    const named = importPersonas(`---\nname: all\n---\n${text}`, { path: "P.md" });
    expect(named.files.map((f) => f.id)).toEqual(["all"]);
  });

  it.each([
    [".clinerules/sql.md", "cline-rule", ".clinerules/sql.md"],
    ["repo/.opencode/agent/review.md", "opencode-agent", ".opencode/agents/review.md"],
    [".github/chatmodes/review.chatmode.md", "copilot-chatmode", ".github/agents/review.agent.md"],
    ["SuperClaude/agents/review.md", "superclaude-agent", ".claude/agents/review.md"],
    ["notes/review.md", "claude-agent", ".claude/agents/review.md"],
  ])("recognises %s as a %s that builds back to %s", (path, kind, output) => {
    const { file } = importOne("---\ndescription: Reviews\n---\nReview it.\n", path);
    expect([file.kind, file.output]).toEqual([kind, output]);
  });

  it("takes another splitter, so the parser's own multi-persona reading can replace the built-in one", () => {
    const splitter: PersonaSplitter = (body, line) => ({
      slices: [{ id: "only", text: body, line }],
      leftOver: [],
    });
    const result = importPersonas("# Anything\nText\n", { path: "x.md", splitter });
    expect(result.files.map((f) => f.id)).toEqual(["only"]);
  });

  it("keeps a persona file's own frontmatter and layout, and points a problem in it at the source", () => {
    const own =
      "---\nname: base\ndescription: Base\ntriggers:\n  keywords:\n    - api\ninclude:\n  - _fragments/x.md\n---\n# Base\n";
    const { file } = importOne(own, "old/base.md");
    expect(file.kind).toBe("persona");
    expect(file.text).toBe(own.replace("---\n# Base", "---\n\n# Base"));
    const hidden = importPersonas("---\nname: h\ndescription: H\n---\n\nline one\nzero\u200bwidth\n", {
      path: "in/h.md",
    });
    expect(hidden.files).toEqual([]);
    expect(hidden.diagnostics.map((d) => [d.file, d.line, d.column, d.rule])).toEqual([
      ["in/h.md", 7, 5, "security/hidden-unicode"],
    ]);
  });

  it("refuses an empty file and a frontmatter in another language, with positions", () => {
    expect(importPersonas("", { path: "empty.md" }).diagnostics.map((d) => d.rule)).toEqual(["import/no-persona"]);
    const js = importPersonas("---js\n{}\n---\nx\n", { path: "js.md" });
    expect(js.files).toEqual([]);
    expect(js.diagnostics.map((d) => [d.rule, d.line])).toEqual([["frontmatter/unsupported-language", 1]]);
  });
});

describe("normalizeLine", () => {
  it("ignores whitespace, list and heading markers, not words", () => {
    expect(normalizeLine("  1.  **Reliability**:   fault tolerant ")).toBe("**Reliability**: fault tolerant");
    expect(normalizeLine("### - item")).toBe("item");
    expect(normalizeLine("-not a marker")).toBe("-not a marker");
  });

  it("reports a missing line and one found only out of order", () => {
    expect(lostLines("a\n\nb\nc\n", "- c\n- a\n")).toEqual([
      { line: 3, text: "b", why: "missing" },
      { line: 4, text: "c", why: "out-of-order" },
    ]);
  });
});
