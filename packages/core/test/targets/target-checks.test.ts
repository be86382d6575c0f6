import { describe, expect, it } from "vitest";
import { compile, type Persona, parsePersona } from "../../src/index.js";
import { claudeTools } from "../../src/targets/claude.js";
import { copilotTool } from "../../src/targets/copilot.js";
import { activationDescription, commaGlobs, expandBraces } from "../../src/targets/support.js";

const parse = (text: string, path = "personas/x.md"): Persona => {
  const r = parsePersona(text, { path });
  if (!r.persona) throw new Error(JSON.stringify(r.diagnostics));
  return r.persona;
};
const base = parse("---\nname: base\ndescription: Does things\n---\n# Base\n\nText.\n");
const file = (personas: Persona[], path: string) => compile(personas).files.find((f) => f.path === path);

describe("descriptions", () => {
  it("carries keywords, file globs and contexts as activation cues on one line", () => {
    const p = parse(
      "---\nname: a\ndescription: |\n  Reviews SQL\n  carefully\n---\n# A\n\n## Auto-Activation Triggers\n- Keywords: sql, index\n- Files: `**/*.sql`\n- A schema change is requested.\n",
    );
    expect(activationDescription(p)).toBe(
      "Reviews SQL carefully. Use when: the request mentions sql, index; working on files matching **/*.sql; A schema change is requested.",
    );
    expect(activationDescription(base)).toBe("Does things");
  });
});

describe("globs written comma-joined (Cursor globs, Copilot applyTo)", () => {
  it("expands brace lists, since both tools split on commas", () => {
    expect(expandBraces("src/{a,b}/*.{ts,tsx}")).toEqual(["src/a/*.ts", "src/a/*.tsx", "src/b/*.ts", "src/b/*.tsx"]);
    expect(expandBraces("**/*.md")).toEqual(["**/*.md"]);
    expect(expandBraces("{a,b}{c,d}{e,f}{g,h}{i,j}{k,l}{m,n}").length).toBeLessThanOrEqual(64);
  });

  it("reports globs a one-line list cannot hold, and drops duplicates", () => {
    const into: Parameters<typeof commaGlobs>[2] = [];
    expect(commaGlobs(["a/**", "a/**", "bad\nline", '"quoted"', " b/* "], base, into)).toEqual(["a/**", "b/*"]);
    expect(into.map((d) => [d.severity, d.rule])).toEqual([
      ["error", "target/invalid-glob"],
      ["error", "target/invalid-glob"],
    ]);
  });
});

describe("claude", () => {
  it("rejects a name Claude Code would skip", () => {
    const bad: Persona = { ...base, id: "a:b" };
    const result = compile([bad], { targets: ["claude"] });
    expect(result.files).toEqual([]);
    expect(result.diagnostics).toMatchObject([{ severity: "error", rule: "target/invalid-name" }]);
  });

  it("leaves out another tool's model with a warning, unless targets.claude.model forces it", () => {
    const p = parse("---\nname: m\nmodel: GPT-4.1\n---\n# M\n\nText.\n");
    const result = compile([p], { targets: ["claude"] });
    expect(result.files[0]?.contents).not.toContain("model:");
    expect(result.diagnostics).toMatchObject([{ severity: "warning", rule: "target/unsupported-value" }]);
    const forced = parse("---\nname: m\nmodel: GPT-4.1\ntargets:\n  claude:\n    model: opus\n---\n# M\n\nText.\n");
    expect(compile([forced], { targets: ["claude"] }).files[0]?.contents).toContain("\nmodel: opus\n");
  });

  it("maps Copilot's tool aliases to Claude tools", () => {
    expect(claudeTools(["read", "search", "Bash", "search", "context7/*"])).toEqual([
      "Read",
      "Grep",
      "Glob",
      "Bash",
      "context7/*",
    ]);
  });

  it("skips a persona whose targets.claude block is invalid (built in code, past the parser)", () => {
    const bad: Persona = { ...base, targets: { claude: { color: "mauve" } } };
    const result = compile([bad], { targets: ["claude"] });
    expect(result.files).toEqual([]);
    expect(result.diagnostics).toMatchObject([{ severity: "error", rule: "frontmatter/invalid-target-option" }]);
  });
});

describe("cursor rule types", () => {
  const head = (p: Persona) => file([p], `.cursor/rules/${p.id}.mdc`)?.contents.split("\n---\n")[0];

  it("is agent-requested by description without file triggers", () => {
    expect(head(base)).toBe("---\ndescription: Does things\nalwaysApply: false");
  });

  it("is auto-attached on file triggers, with an explicit description kept beside the globs", () => {
    const p = parse(
      "---\nname: g\nglobs: ['**/*.ts']\ntargets:\n  cursor:\n    description: TS rules\n---\n# G\n\nText.\n",
    );
    expect(head(p)).toBe("---\ndescription: TS rules\nglobs: **/*.ts\nalwaysApply: false");
  });

  it("is always-apply when targets.cursor.alwaysApply is true", () => {
    const p = parse(
      "---\nname: g\nglobs: ['**/*.ts']\ntargets:\n  cursor:\n    alwaysApply: true\n---\n# G\n\nText.\n",
    );
    expect(head(p)).toBe("---\nalwaysApply: true");
  });
});

describe("copilot", () => {
  it("maps Claude tools to Copilot aliases, and MCP tools to server/tool", () => {
    expect(
      ["Bash", "Read", "Write", "MultiEdit", "Grep", "Agent(worker)", "Task", "WebFetch", "TodoWrite"].map(copilotTool),
    ).toEqual(["execute", "read", "edit", "edit", "search", "agent", "agent", "web", "todo"]);
    expect(["mcp__github__get_pr", "mcp__my_srv", "mcp__x__*", "search/codebase"].map(copilotTool)).toEqual([
      "github/get_pr",
      "my_srv/*",
      "x/*",
      "search/codebase",
    ]);
  });

  it("refuses an agent prompt over 30,000 characters rather than let GitHub reject it", () => {
    const long = parse(
      `---\nname: long\ndescription: Long\nglobs: ['**/*.md']\n---\n# Long\n\n${"word ".repeat(7000)}\n`,
    );
    const result = compile([long], { targets: ["copilot"] });
    expect(result.files.map((f) => f.path)).toEqual([
      ".github/copilot-instructions.md",
      ".github/instructions/long.instructions.md",
    ]);
    expect(result.diagnostics.map((d) => [d.severity, d.rule])).toEqual([
      ["error", "target/limit-exceeded"],
      ["warning", "target/limit-exceeded"],
    ]);
  });

  it("warns when an instruction file is past the 4,000 characters code review reads", () => {
    const p = parse(`---\nname: mid\ndescription: Mid\nglobs: ['**/*.md']\n---\n# Mid\n\n${"word ".repeat(900)}\n`);
    const result = compile([p], { targets: ["copilot"] });
    expect(result.diagnostics).toMatchObject([{ severity: "warning", rule: "target/limit-exceeded" }]);
    expect(result.diagnostics[0]?.message).toContain("Copilot code review reads only the first 4,000 characters");
  });

  it("writes no instruction file for a persona without file triggers", () => {
    expect(compile([base], { targets: ["copilot"] }).files.map((f) => f.path)).toEqual([
      ".github/agents/base.agent.md",
      ".github/copilot-instructions.md",
    ]);
  });
});
