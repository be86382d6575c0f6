import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { HAS_SHARED, sharedPath } from "../../../test/helpers/shared.js";
import { type Persona, parsePersona } from "../src/index.js";

// Real persona, agent and rule files from public repositories (shared/corpus/SOURCES.md).
const CORPUS = sharedPath("corpus/");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return walk(full);
    return /\.(md|mdc)$/.test(name) && name !== "SOURCES.md" ? [full] : [];
  });
}

const files = HAS_SHARED ? walk(CORPUS).sort() : [];
const results = new Map(
  files.map((file) => {
    const path = relative(CORPUS, file).split("\\").join("/");
    return [path, parsePersona(readFileSync(file, "utf8"), { path })] as const;
  }),
);
const persona = (path: string): Persona => {
  const p = results.get(path)?.persona;
  if (!p) throw new Error(`${path} did not parse: ${JSON.stringify(results.get(path)?.diagnostics)}`);
  return p;
};

describe.skipIf(!HAS_SHARED)("the corpus of real persona files", () => {
  it("goes through parsePersona without throwing, and all but two files yield a persona", () => {
    expect(files.length).toBeGreaterThanOrEqual(70);
    const yielded = [...results.values()].filter((r) => r.persona).length;
    const failed = [...results.entries()]
      .filter(([, r]) => !r.persona)
      .map(([p, r]) => [p, r.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}: ${d.message}`)]);
    // Recorded: two files are not valid frontmatter, and Claude Code skips a file whose YAML does not
    // parse, so neither would load there either. One opens `---` and never closes it; the other has
    // `datums: [\`b00t-cli\`, …]`, list items starting with a backtick, which YAML reserves (only
    // Cursor's `*` globs and an unquoted `: ` are read leniently). A parser change that loses
    // another file fails here.
    expect(failed).toEqual([
      [
        "b00t/b00t-plumber.agent.md",
        ["1:1 frontmatter/unterminated: Unterminated frontmatter: expected a closing `---` line"],
      ],
      [
        "b00t/cli-master.md",
        [10, 22, 37].map(
          (column) =>
            `5:${column} frontmatter/yaml-syntax: Plain value cannot start with reserved character \` [yaml/BAD_SCALAR_START]`,
        ),
      ],
    ]);
    expect(yielded).toBe(files.length - 2);
  });

  it("gives every diagnostic a file, a line and a column", () => {
    for (const [path, r] of results) {
      for (const d of r.diagnostics) {
        expect(d.file).toBe(path);
        expect(d.line).toBeGreaterThanOrEqual(1);
        expect(d.column).toBeGreaterThanOrEqual(1);
        expect(d.rule).toMatch(/^[a-z]+\/[a-z-]+$/);
      }
    }
  });

  it("keeps every section's markdown as a verbatim slice of its file", () => {
    for (const [path, r] of results) {
      const text = readFileSync(join(CORPUS, path), "utf8").replace(/\r\n/g, "\n");
      for (const s of r.persona?.sections ?? []) expect(text.includes(s.markdown), `${path}: ${s.title}`).toBe(true);
    }
  });
});

describe.skipIf(!HAS_SHARED)("spot checks, one file of each source folder", () => {
  it("superclaude-v3 split: bold-label sections, inline priorities and multi-constraint budgets", () => {
    const p = persona("superclaude-v3/split/persona-performance.md");
    expect(p.id).toBe("persona-performance");
    expect(p.identity).toBe("Optimization specialist, bottleneck elimination expert, metrics-driven analyst");
    expect(p.priorities).toEqual([
      "Measure first",
      "optimize critical path",
      "user experience",
      "avoid premature optimization",
    ]);
    expect(p.principles.map((i) => i.title)).toEqual(["Measurement-Driven", "Critical Path Focus", "User Experience"]);
    expect(p.budgets[0]).toEqual({
      group: "Performance Budgets & Thresholds",
      metric: "Load Time",
      raw: "<3s on 3G, <1s on WiFi, <500ms for API responses",
      constraints: [
        { op: "<", value: 3, unit: "s", qualifier: "on 3G" },
        { op: "<", value: 1, unit: "s", qualifier: "on WiFi" },
        { op: "<", value: 500, unit: "ms", qualifier: "for API responses" },
      ],
    });
    expect(p.triggers.keywords).toEqual(["optimize", "performance", "bottleneck"]);
    expect(p.sections.map((s) => s.title)).toContain("MCP Server Preferences");
  });

  it("superclaude-v1: one file holding many personas keeps all of them as sections", () => {
    const p = persona("superclaude-v1/PERSONAS.md");
    expect(p.title).toBe("PERSONAS.md - Behavioral Profiles");
    expect(p.sections.map((s) => s.title)).toEqual(expect.arrayContaining(["architect", "frontend", "backend"]));
  });

  it("superclaude-v4: frontmatter name and category kept in meta", () => {
    const p = persona("superclaude-v4/backend-architect.md");
    expect(p.id).toBe("backend-architect");
    expect(p.meta).toHaveProperty("category");
  });

  it("flashbacker persona and agent: sections titled as the model names them", () => {
    const p = persona("flashbacker-persona/performance.md");
    expect(p.budgets.map((b) => b.metric)).toEqual(["Load Time", "Bundle Size", "Memory Usage", "CPU Usage"]);
    expect(p.focusAreas).toHaveLength(4);
    expect(p.approach).toHaveLength(5);
    const qa = persona("flashbacker-agent/qa.md");
    expect(qa.placeholders).toContain("USER_PROMPT");
  });

  it("b00t: the seed's twin, plus a file name that is not an id", () => {
    expect(persona("b00t/backend.md").triggers.keywords).toEqual([
      "API",
      "database",
      "service",
      "reliability",
      "backend",
    ]);
    expect(persona("b00t/--role=reviewer.md").id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("awesome-cursorrules: Cursor globs from frontmatter become file triggers", () => {
    const p = persona("awesome-cursorrules/rust.mdc");
    expect(p.triggers.files).toEqual(["programs/**/*.rs", "src/**/*.rs", "tests/**/*.ts"]);
    expect(p.workflows[0]?.steps[2]?.commands).toEqual(["anchor build", "anchor deploy", "anchor test"]);
  });

  it("awesome-copilot: applyTo becomes file triggers, tools are read", () => {
    const shell = persona("awesome-copilot/shell.instructions.md");
    expect(shell.id).toBe("shell");
    expect(shell.triggers.files.length).toBeGreaterThan(0);
    const agent = persona("awesome-copilot/context7.agent.md");
    // `name: Context7-Expert` is slugified (with a warning) rather than taken from the file name.
    expect(agent.id).toBe("context7-expert");
    expect(results.get("awesome-copilot/context7.agent.md")?.diagnostics.map((d) => d.rule)).toContain(
      "persona/slugified-name",
    );
  });

  it("the other sources parse to personas with ids and descriptions", () => {
    for (const path of [
      "0xfurai/gin-expert.md",
      "bfra-me-works/changeset-workflow.mdc",
      "get-rules/persona.mdc",
      "lst97/backend-architect.md",
      "vijaythecoder/code-reviewer.md",
      "voltagent/sre-engineer.md",
      "wshobson-agents/debugger.md",
    ]) {
      const p = persona(path);
      expect(p.id, path).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(p.description.length, path).toBeGreaterThan(0);
    }
  });
});
