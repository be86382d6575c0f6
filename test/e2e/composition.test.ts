import { readFile, symlink } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeProject, type Project, parseJson, persona, REPO_ROOT, runCli } from "../helpers/cli.js";
import { HAS_SHARED, sharedPath } from "../helpers/shared.js";

// Composition (DESIGN.md §8) through the built binary: `include:` fragments at the start or end,
// `extends:`, install-time `{{vars}}`; errors at their positions with nothing written; and build
// keys that cover every file a persona is made from.

interface BuildJson {
  ok: boolean;
  compiled: string[];
  files: { path: string; action: string }[];
  diagnostics: { file: string; line: number; column: number; severity: string; message: string }[];
  summary: { written: number };
}

const EXAMPLE = join(REPO_ROOT, "examples/composition");
const projects: Project[] = [];
afterEach(async () => {
  for (const p of projects.splice(0)) await p.remove();
});

async function project(files: Record<string, string>): Promise<Project> {
  const p = await makeProject(files);
  projects.push(p);
  return p;
}

async function build(p: Project, ...args: string[]): Promise<BuildJson> {
  return parseJson<BuildJson>(await p.run("build", "--json", ...args));
}

/** The example's two fragments: flashbacker's context preamble and b00t's workflow block. */
async function exampleFragments(): Promise<Record<string, string>> {
  const read = (name: string) => readFile(join(EXAMPLE, "personas/_fragments", name), "utf8");
  return {
    "personas/_fragments/flashback-context.md": await read("flashback-context.md"),
    "personas/_fragments/b00t-workflow.md": await read("b00t-workflow.md"),
  };
}

const FRONTMATTER = [
  "---",
  "name: backend",
  "description: Use for API design, database architecture, reliability engineering, and server-side development",
  "include:",
  "  - path: _fragments/flashback-context.md",
  "    at: start",
  "  - _fragments/b00t-workflow.md",
  "---",
  "",
].join("\n");

/**
 * The instruction lines of a markdown file: every non-blank line of its body except H1 headings
 * (a persona has one title) and code fences, as words. Markup a target may rewrite — list
 * markers, `**Label**:` layouts, table pipes, quotes around keywords — is not a word, so a line
 * is kept when its words appear in the output in the same order.
 */
function instructionLines(markdown: string): string[][] {
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, "");
  return (
    body
      .split("\n")
      .filter((line) => line.trim() !== "" && !/^# /.test(line) && !/^```/.test(line))
      // `**Identity**: text` may become a heading over the text: the label and the text are two lines.
      .flatMap((line) => {
        const labelled = /^\*\*([^*]+)\*\*:\s*(.*)$/.exec(line);
        return labelled ? [labelled[1] as string, labelled[2] as string] : [line];
      })
      .map(words)
      .filter((w) => w.length > 0)
  );
}

function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}_]+|\p{Extended_Pictographic}/gu) ?? [];
}

/**
 * The lines of `expected` missing from `actual`, in order: each line's words must follow the
 * previous line's in the output, each word at most four words after the one before (room for a
 * list number, a table cell, a rewritten label), or the line counts as lost.
 */
function missingLines(expected: readonly string[][], actual: string): string[] {
  const out = words(actual);
  const missing: string[] = [];
  let cursor = 0;
  for (const line of expected) {
    let found = -1;
    for (let start = cursor; start < out.length && found < 0; start++) {
      if (out[start] !== line[0]) continue;
      let at = start;
      let ok = true;
      for (const word of line.slice(1)) {
        const next = out.indexOf(word, at + 1);
        if (next < 0 || next - at > 4) {
          ok = false;
          break;
        }
        at = next;
      }
      if (ok) found = at;
    }
    if (found < 0) missing.push(line.join(" "));
    else cursor = found + 1;
  }
  return missing;
}

/** A persona `app` with one more frontmatter line or block. */
function app(frontmatter: string): string {
  return `---\nname: app\ndescription: Use for app work.\n${frontmatter}\n---\n\n# App\n\nText.\n`;
}

describe.skipIf(!HAS_SHARED)("the seed, composed from flashbacker's persona and two fragments", () => {
  it("compiles to a Claude agent with every instruction line of the seed, in order, and an MCP prompt taking USER_PROMPT", async () => {
    const body = await readFile(sharedPath("corpus/flashbacker-persona/backend.md"), "utf8");
    const p = await project({
      "persona.config.json": `${JSON.stringify({ vars: { agent: "claude" } })}\n`,
      "personas/backend.md": FRONTMATTER + body,
      ...(await exampleFragments()),
    });
    const json = await build(p, "--target", "claude,mcp");
    expect(json.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(json.ok).toBe(true);

    // The seed's b00t block was saved through a Mac Roman decoder (`python.üêç`); the fragment
    // carries the intended `python.🐍`, so the seed is compared as it was meant.
    const seed = (await readFile(sharedPath("seed/backend.md"), "utf8")).replace("üêç", "🐍");
    const agent = await p.read(".claude/agents/backend.md");
    const expected = instructionLines(seed);
    expect(expected.length).toBeGreaterThan(30);
    expect(missingLines(expected, agent)).toEqual([]);
    // The preamble stands before the persona's own sections, the workflow block after them.
    expect(agent.indexOf("## Context Gathering Instructions")).toBeLessThan(agent.indexOf("## Identity"));
    expect(agent.indexOf("## b00t Workflow")).toBeGreaterThan(agent.indexOf("## Analysis Approach"));
    expect(agent).toContain("`b00t lfmf claude ");

    const prompts = JSON.parse(await p.read(".mcp/prompts.json")) as {
      prompts: { name: string; arguments: { name: string; description: string; required: boolean }[] }[];
    };
    const prompt = prompts.prompts.find((x) => x.name === "backend");
    expect(prompt?.arguments).toEqual([
      { name: "user_prompt", description: expect.stringContaining("{USER_PROMPT}"), required: true },
    ]);
  });

  it("finds a line that is lost (the comparison can fail)", () => {
    const expected = instructionLines("## A\n- keep this line\n- and this one\n");
    expect(missingLines(expected, "## A\n\n- keep this line\n")).toEqual(["and this one"]);
    expect(missingLines(expected, "## A\n\n- and this one\n- keep this line\n")).toEqual(["and this one"]);
    expect(
      missingLines(instructionLines("**Identity**: a careful reviewer\n"), "## Identity\n\na careful reviewer\n"),
    ).toEqual([]);
  });
});

describe("the composition example", () => {
  it("is up to date and builds with no problems", async () => {
    const r = await runCli(["build", "--config", "examples/composition/persona.config.json", "--check", "--json"], {
      cwd: REPO_ROOT,
    });
    const json = parseJson<BuildJson>(r);
    expect(json.diagnostics).toEqual([]);
    expect(json.ok).toBe(true);
    expect(r.code).toBe(0);
  });
});

describe("composition errors", () => {
  const includer = (entry: string) => app(`include:\n  - ${entry}`);

  async function fails(files: Record<string, string>, message: string, at: string): Promise<void> {
    const p = await project({ "persona.config.json": "{}\n", ...files });
    const r = await p.run("build");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(at);
    expect(r.stderr).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
    // Nothing written: no output folder of any target.
    expect(p.exists(".claude")).toBe(false);
    expect(p.exists("AGENTS.md")).toBe(false);
  }

  it("a missing fragment, at its include entry", async () => {
    await fails(
      { "personas/app.md": includer("_fragments/nope.md") },
      'Cannot include "_fragments/nope.md": no such file',
      "personas/app.md:5:5",
    );
  });

  it("a fragment outside the project", async () => {
    await fails(
      { "personas/app.md": includer("../../etc/passwd") },
      "it is outside the project",
      "personas/app.md:5:5",
    );
  });

  it("a fragment that is a symlink out of the project", async () => {
    const p = await project({ "persona.config.json": "{}\n", "personas/app.md": includer("_fragments/link.md") });
    const outside = await makeProject({ "secret.md": "## Secret\n\nDo not read.\n" });
    projects.push(outside);
    await p.write("personas/_fragments/.keep", "");
    await symlink(outside.path("secret.md"), p.path("personas/_fragments/link.md"));
    const r = await p.run("build");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("personas/app.md:5:5");
    expect(r.stderr).toContain("symlink to a file outside the project");
    expect(p.exists(".claude")).toBe(false);
  });

  it("a fragment that includes itself", async () => {
    await fails(
      {
        "personas/app.md": includer("_fragments/loop.md"),
        "personas/_fragments/loop.md": "---\ninclude:\n  - loop.md\n---\n\n## Loop\n\nText.\n",
      },
      'Cannot include "loop.md": it includes itself',
      "personas/_fragments/loop.md:3:5",
    );
  });

  it("an extends cycle, at the extends line", async () => {
    const child = (id: string, parent: string) =>
      `---\nname: ${id}\ndescription: Use for ${id} work.\nextends: ${parent}\n---\n\n# ${id}\n\nText.\n`;
    await fails(
      { "personas/a.md": child("a", "b"), "personas/b.md": child("b", "a") },
      "extends",
      "personas/a.md:4:10",
    );
  });

  it("a missing parent", async () => {
    await fails(
      { "personas/a.md": "---\nname: a\ndescription: Use for a.\nextends: ghost\n---\n\n# A\n\nText.\n" },
      "Cannot extend `ghost`: no persona has that id",
      "personas/a.md:4:10",
    );
  });

  it("an undefined variable, where it is used in the fragment", async () => {
    const p = await project({
      "persona.config.json": `${JSON.stringify({ vars: { team: "core" } })}\n`,
      "personas/app.md": includer("_fragments/vars.md"),
      "personas/_fragments/vars.md": "## Team\n\nAsk {{team}} or {{owner}}.\n",
    });
    const r = await p.run("build");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("personas/_fragments/vars.md:3:17");
    expect(r.stderr).toContain("{{owner}}");
    expect(p.exists(".claude")).toBe(false);
  });
});

describe("composed personas and build keys", () => {
  const files = () => ({
    "persona.config.json": `${JSON.stringify({ vars: { team: "core" } })}\n`,
    "personas/app.md": app("include: [_fragments/team.md]"),
    "personas/other.md": persona("other"),
    "personas/_fragments/team.md": "## Team\n\nAsk {{team}} about {{id}}.\n",
  });

  it("fills vars and the includer's id, and is current on a second build", async () => {
    const p = await project(files());
    const first = await build(p);
    expect(first.compiled).toEqual(["app", "other"]);
    const agent = await p.read(".claude/agents/app.md");
    expect(agent).toContain("## Team\n\nAsk core about app.");
    expect(agent).toContain("from personas/app.md, personas/_fragments/team.md (");
    expect((await build(p)).compiled).toEqual([]);
    expect((await build(p, "--check")).ok).toBe(true);
  });

  it("rebuilds the includer when the fragment changes, and --check sees the drift first", async () => {
    const p = await project(files());
    await build(p);
    await p.write("personas/_fragments/team.md", "## Team\n\nAsk {{team}} first.\n");
    const check = await p.run("build", "--check");
    expect(check.code).toBe(1);
    const json = await build(p);
    expect(json.compiled).toEqual(["app"]);
    expect(await p.read(".claude/agents/app.md")).toContain("Ask core first.");
  });

  it("rebuilds every persona when a var changes", async () => {
    const p = await project(files());
    await build(p);
    await p.write("persona.config.json", `${JSON.stringify({ vars: { team: "platform" } })}\n`);
    const json = await build(p);
    expect(json.compiled).toEqual(["app", "other"]);
    expect(await p.read(".claude/agents/app.md")).toContain("Ask platform about app.");
  });

  it("extends a parent: a section with the same title replaces the parent's, the rest is inherited", async () => {
    const p = await project({
      "persona.config.json": "{}\n",
      "personas/base.md":
        "---\nname: base\ndescription: Use for base work.\n---\n\n# Base\n\n## Core Principles\n1. **Parent**: from the parent\n\n## Notes\n\nInherited notes.\n",
      "personas/child.md":
        "---\nname: child\ndescription: Use for child work.\nextends: base\n---\n\n# Child\n\n## Core Principles\n1. **Child**: from the child\n",
    });
    const json = await build(p);
    expect(json.ok).toBe(true);
    const agent = await p.read(".claude/agents/child.md");
    expect(agent).toContain("**Child**: from the child");
    expect(agent).not.toContain("from the parent");
    expect(agent).toContain("Inherited notes.");
    expect(agent).toContain("from personas/child.md, personas/base.md (");
    // A change to the parent rebuilds the child.
    await p.write("personas/base.md", (await p.read("personas/base.md")).replace("Inherited notes.", "New notes."));
    const again = await build(p);
    expect(again.compiled).toEqual(["base", "child"]);
    expect(await p.read(".claude/agents/child.md")).toContain("New notes.");
  });
});
