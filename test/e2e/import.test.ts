import { readdir } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeProject, type Project, parseJson } from "../helpers/cli.js";
import { HAS_SHARED, sharedPath } from "../helpers/shared.js";

const CLAUDE_AGENT = `---
name: reviewer
description: Reviews diffs for correctness. Use proactively after code changes.
tools: Read, Grep
color: blue
---

You are a careful reviewer.

## Core Principles
1. **Evidence**: cite file:line
`;

const CURSOR_RULE = `---
description: SQL migrations
globs: migrations/**/*.sql
alwaysApply: false
---
- Never edit a migration that has shipped
`;

const PERSONAS_MD = `# Personas

## \`--persona-backend\`
**Identity**: Reliability engineer

## \`--persona-scribe=lang\`
**Identity**: Professional writer
`;

let p: Project;
beforeEach(async () => {
  p = await makeProject({
    "incoming/.claude/agents/reviewer.md": CLAUDE_AGENT,
    "incoming/.cursor/rules/sql.mdc": CURSOR_RULE,
    "incoming/PERSONAS.md": PERSONAS_MD,
  });
});
afterEach(() => p.remove());

describe("persona import", () => {
  it("writes one persona file per persona and prints what went where (exit 0)", async () => {
    const r = await p.run("import", "incoming");
    expect(r.code).toBe(0);
    expect((await readdir(p.path("personas"))).sort()).toEqual(["backend.md", "reviewer.md", "scribe.md", "sql.md"]);
    expect(r.stdout).toContain(
      "created personas/reviewer.md ← incoming/.claude/agents/reviewer.md (Claude Code subagent)\n",
    );
    expect(r.stdout).toContain(
      "  frontmatter: `name` → name, `description` → description, `tools` → tools, `color` → targets.claude.color\n",
    );
    expect(r.stdout).toContain("  builds back to .cursor/rules/sql.mdc (persona build --target cursor)\n");
    expect(r.stderr).toContain("4 personas created, from 3 files\n");
    expect(await p.read("personas/reviewer.md")).toContain("layout: verbatim\ntargets:\n  claude:\n    color: blue\n");
  });

  it("--dry-run shows the same and writes nothing", async () => {
    const r = await p.run("import", "--dry-run", "incoming/.claude/agents/reviewer.md");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("would create personas/reviewer.md");
    expect(r.stderr).toContain("1 persona would be created (dry run: nothing written), from 1 file\n");
    expect(p.exists("personas")).toBe(false);
  });

  it("refuses to overwrite: an error naming the file, the file kept, the other personas still written (exit 1)", async () => {
    await p.write("personas/reviewer.md", "---\nname: reviewer\ndescription: mine\n---\nHand written\n");
    const r = await p.run("import", "incoming/.claude/agents/reviewer.md", "incoming/.cursor/rules/sql.mdc");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "incoming/.claude/agents/reviewer.md:8:1: error import/exists: Not imported: `reviewer` would go to personas/reviewer.md, but personas/reviewer.md exists",
    );
    expect(r.stdout).toContain("refused personas/reviewer.md");
    expect(await p.read("personas/reviewer.md")).toBe("---\nname: reviewer\ndescription: mine\n---\nHand written\n");
    expect(p.exists("personas/sql.md")).toBe(true);
    const again = await p.run("import", "incoming/.cursor/rules/sql.mdc");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("but personas/sql.md exists");
  });

  it("refuses an id another persona file already defines", async () => {
    await p.write("personas/other-name.md", "---\nname: backend\ndescription: taken\n---\nText\n");
    const r = await p.run("import", "incoming/PERSONAS.md");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("but personas/other-name.md already defines the id `backend`");
    expect(p.exists("personas/backend.md")).toBe(false);
    expect(p.exists("personas/scribe.md")).toBe(true);
  });

  it("gives files that `persona build` compiles without errors, back to each source's tool", async () => {
    expect((await p.run("import", "incoming")).code).toBe(0);
    const build = await p.run("build");
    expect(build.code).toBe(0);
    expect(build.stderr).not.toMatch(/ error /);
    const agent = await p.read(".claude/agents/reviewer.md");
    expect(agent).toContain("tools: Read, Grep\n");
    expect(agent).toContain("You are a careful reviewer.\n\n## Core Principles\n1. **Evidence**: cite file:line\n");
    expect(await p.read(".cursor/rules/sql.mdc")).toMatch(
      /^---\ndescription: SQL migrations\nglobs: migrations\/\*\*\/\*\.sql\n/,
    );
  });

  it("--json reports each persona with its status, kind, output and report", async () => {
    const r = await p.run("import", "--json", "--dry-run", "incoming/.cursor/rules/sql.mdc");
    expect(r.code).toBe(0);
    const json = parseJson<{ ok: boolean; dryRun: boolean; personas: Record<string, unknown>[] }>(r);
    expect(json).toMatchObject({ ok: true, dryRun: true });
    expect(json.personas).toEqual([
      expect.objectContaining({
        id: "sql",
        path: "personas/sql.md",
        status: "would-create",
        kind: "cursor-rule",
        target: "cursor",
        output: ".cursor/rules/sql.mdc",
        source: { path: "incoming/.cursor/rules/sql.mdc", line: 6 },
      }),
    ]);
  });

  it("needs a path, and one that exists (exit 2)", async () => {
    expect((await p.run("import")).code).toBe(2);
    const r = await p.run("import", "nope.md");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("persona import: no such file or folder nope.md");
    await p.write(".roomodes", "customModes: []\n");
    const yaml = await p.run("import", ".roomodes");
    expect(yaml.code).toBe(2);
    expect(yaml.stderr).toContain("persona import: cannot import .roomodes: only markdown files");
  });
});

describe.skipIf(!HAS_SHARED)("persona import of the whole corpus", () => {
  it("imports every file, refusing only ids taken earlier in the run, and the result builds with no errors", async () => {
    const r = await p.run("import", "--json", sharedPath("corpus"));
    const json = parseJson<{
      personas: { id: string; status: string }[];
      diagnostics: { rule: string; severity: string }[];
    }>(r);
    const errors = json.diagnostics.filter((d) => d.severity === "error");
    // Several sources hold a persona of the same id (backend, john-carmack, backend-architect, …).
    expect(errors.every((d) => d.rule === "import/exists")).toBe(true);
    expect(json.personas.filter((x) => x.status === "created").length).toBeGreaterThanOrEqual(60);
    const build = await p.run("build");
    expect(build.code, build.stderr).toBe(0);
  });
});

describe("an imported persona with fragments", () => {
  it("keeps its body as written and places the fragments where they stand (layout: verbatim)", async () => {
    expect((await p.run("import", "incoming/.claude/agents/reviewer.md")).code).toBe(0);
    const imported = await p.read("personas/reviewer.md");
    await p.write("personas/_fragments/start.md", "## Before\nGather context first.\n");
    await p.write("personas/_fragments/end.md", "## After\nReport back.\n");
    const include = "include:\n  - { path: _fragments/start.md, at: start }\n  - _fragments/end.md\nlayout: verbatim\n";
    await p.write("personas/reviewer.md", imported.replace("layout: verbatim\n", include));
    const build = await p.run("build", "--target", "claude");
    expect(build.code, build.stderr).toBe(0);
    const agent = await p.read(".claude/agents/reviewer.md");
    const body = agent.slice(agent.indexOf("-->") + 4);
    expect(body).toBe(
      "\n## Before\nGather context first.\n\nYou are a careful reviewer.\n\n## Core Principles\n1. **Evidence**: cite file:line\n\n## After\nReport back.\n",
    );
  });
});
