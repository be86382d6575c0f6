import { describe, expect, it } from "vitest";
import {
  type CompositionHost,
  composePersona,
  fillVariables,
  type Persona,
  parsePersona,
  resolveInclude,
} from "../src/index.js";

/** A project in memory: persona and fragment files by root-relative path. */
function project(files: Record<string, string>, vars?: Record<string, string>) {
  const parsed = new Map<string, Persona | "invalid">();
  for (const [path, text] of Object.entries(files)) {
    if (path.includes("/_")) continue;
    const result = parsePersona(text, { path, ...(vars === undefined ? {} : { vars }) });
    const id = result.persona?.id ?? path.replace(/^.*\/|\.md$/g, "");
    parsed.set(id, result.persona ?? "invalid");
  }
  const host: CompositionHost = {
    persona: (id) => parsed.get(id),
    fragment: (path) => (files[path] === undefined ? { problem: "no such file" } : { text: files[path] as string }),
  };
  const compose = (id: string) => {
    const persona = parsed.get(id);
    if (persona === undefined || persona === "invalid") throw new Error(`${id} did not parse`);
    return composePersona(persona, host, vars === undefined ? {} : { vars });
  };
  return { compose };
}

const BASE = `---
name: base
description: The base persona
tools: [Read, Grep]
---

# Base Persona

**Identity**: Careful engineer

## Core Principles
1. **Measure first**: Profile before optimising

## Focus Areas
- Services

## Budgets
- **Latency**: <200ms

## Release Workflow
1. Run \`make test\`
`;

describe("include", () => {
  const files = {
    "personas/backend.md": `---
name: backend
description: Use for APIs
include:
  - { path: _fragments/preamble.md, at: start }
  - _fragments/workflow.md
---

# Backend

## Focus Areas
- APIs
`,
    "personas/_fragments/preamble.md": `Before anything, run \`flashback agent --context\` for {{id}}.

## Context Gathering
1. Read the context bundle for {{title}}.

User Request: {USER_PROMPT}
`,
    "personas/_fragments/workflow.md": `## b00t Workflow
- Run \`b00t status\` first.
- Record pivots with \`b00t lfmf {{id}} "reason"\`.

## Focus Areas
- Tooling
`,
  };

  it("places start fragments before the persona's sections and end fragments after, in order", () => {
    const { persona, diagnostics } = project(files).compose("backend");
    expect(diagnostics).toEqual([]);
    expect(persona?.sections.map((s) => [s.title, s.source ?? "own"])).toEqual([
      ["", "personas/_fragments/preamble.md"],
      ["Context Gathering", "personas/_fragments/preamble.md"],
      ["Backend", "own"],
      ["Focus Areas", "own"],
      ["b00t Workflow", "personas/_fragments/workflow.md"],
      ["Focus Areas", "personas/_fragments/workflow.md"],
    ]);
  });

  it("fills the including persona's id and title into a fragment", () => {
    const { persona } = project(files).compose("backend");
    const text = persona?.sections.map((s) => s.markdown).join("\n") ?? "";
    expect(text).toContain("run `flashback agent --context` for backend.");
    expect(text).toContain("Read the context bundle for Backend.");
    expect(persona?.workflows).toEqual([
      {
        title: "b00t Workflow",
        steps: [
          { text: "Run `b00t status` first.", commands: ["b00t status"] },
          { text: 'Record pivots with `b00t lfmf backend "reason"`.', commands: ['b00t lfmf backend "reason"'] },
        ],
      },
    ]);
  });

  it("joins list fields in section order and keeps runtime placeholders", () => {
    const { persona } = project(files).compose("backend");
    expect(persona?.focusAreas).toEqual(["APIs", "Tooling"]);
    expect(persona?.placeholders).toEqual(["USER_PROMPT"]);
    expect(persona?.description).toBe("Use for APIs");
  });

  it("lists every fragment as a dependency with the hash of its text", () => {
    const { persona } = project(files).compose("backend");
    expect(persona?.source.dependencies?.map((d) => d.path)).toEqual([
      "personas/_fragments/preamble.md",
      "personas/_fragments/workflow.md",
    ]);
    expect(persona?.source.dependencies?.[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reports a missing fragment at its include entry", () => {
    const broken = { ...files, "personas/backend.md": files["personas/backend.md"].replace("workflow.md", "flow.md") };
    const { persona, diagnostics } = project(broken).compose("backend");
    expect(persona).toBeUndefined();
    expect(diagnostics).toEqual([
      {
        severity: "error",
        rule: "compose/include",
        message: 'Cannot include "_fragments/flow.md": no such file',
        file: "personas/backend.md",
        line: 6,
        column: 5,
      },
    ]);
  });

  it("refuses a path that leaves the project, and a persona that includes itself", () => {
    const text = `---\nname: self\ndescription: d\ninclude: [../../etc/passwd, self.md]\n---\n# Self\n`;
    const { diagnostics } = project({ "personas/self.md": text }).compose("self");
    expect(diagnostics.map((d) => [d.message, d.line, d.column])).toEqual([
      [expect.stringContaining('Cannot include "../../etc/passwd": it is outside the project'), 4, 11],
      ['Cannot include "self.md": it includes itself', 4, 29],
    ]);
  });

  it("catches a fragment that includes itself, in the fragment's file", () => {
    const { diagnostics } = project({
      "personas/a.md": `---\nname: a\ndescription: d\ninclude: [_f/loop.md]\n---\n# A\n`,
      "personas/_f/loop.md": `---\ninclude: [loop.md]\n---\n## Loop\ntext\n`,
    }).compose("a");
    expect(diagnostics).toEqual([
      expect.objectContaining({
        rule: "compose/include",
        message: 'Cannot include "loop.md": it includes itself',
        file: "personas/_f/loop.md",
        line: 2,
      }),
    ]);
  });

  it("reports hidden Unicode inside a fragment in the fragment's file", () => {
    const { diagnostics } = project({
      "personas/a.md": `---\nname: a\ndescription: d\ninclude: [_f/x.md]\n---\n# A\n`,
      "personas/_f/x.md": `## X\nrun this\u200B now\n`,
    }).compose("a");
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: "error", file: "personas/_f/x.md", line: 2, column: 9 }),
    ]);
  });
});

describe("extends", () => {
  const child = `---
name: api
description: Use for API work
extends: base
tools: [Read]
---

## Core Principles
1. **Contracts first**: Design the schema before the handler

## Style Guide
Prefer small handlers.
`;

  it("starts from the parent and replaces a section of the same title in its place", () => {
    const { persona, diagnostics } = project({ "personas/base.md": BASE, "personas/api.md": child }).compose("api");
    expect(diagnostics).toEqual([]);
    expect(persona?.id).toBe("api");
    expect(persona?.title).toBe("Base Persona");
    expect(persona?.sections.map((s) => s.title)).toEqual([
      "Base Persona",
      "Core Principles",
      "Focus Areas",
      "Budgets",
      "Release Workflow",
      "Style Guide",
    ]);
    expect(persona?.principles).toEqual([{ title: "Contracts first", text: "Design the schema before the handler" }]);
    expect(persona?.identity).toBe("Careful engineer");
    expect(persona?.focusAreas).toEqual(["Services"]);
    expect(persona?.budgets.map((b) => b.metric)).toEqual(["Latency"]);
    expect(persona?.workflows.map((w) => w.title)).toEqual(["Release Workflow"]);
  });

  it("takes the child's frontmatter values over the parent's and lists the parent as a dependency", () => {
    const { persona } = project({ "personas/base.md": BASE, "personas/api.md": child }).compose("api");
    expect(persona?.description).toBe("Use for API work");
    expect(persona?.tools).toEqual(["Read"]);
    expect(persona?.source.path).toBe("personas/api.md");
    expect(persona?.source.dependencies?.map((d) => d.path)).toEqual(["personas/base.md"]);
  });

  it("takes the parent's description when the child has none", () => {
    const bare = "---\nname: bare\nextends: base\n---\n\n## Notes\nMore.\n";
    const { persona, diagnostics } = project({ "personas/base.md": BASE, "personas/bare.md": bare }).compose("bare");
    expect(diagnostics).toEqual([]);
    expect(persona?.description).toBe("The base persona");
  });

  it("reports a missing parent and a cycle at the extends value", () => {
    const orphan = "---\nname: orphan\ndescription: d\nextends: nobody\n---\n# O\n";
    const a = "---\nname: a\ndescription: d\nextends: b\n---\n# A\n";
    const b = "---\nname: b\ndescription: d\nextends: a\n---\n# B\n";
    const p = project({ "personas/orphan.md": orphan, "personas/a.md": a, "personas/b.md": b });
    expect(p.compose("orphan").diagnostics).toEqual([
      {
        severity: "error",
        rule: "compose/extends",
        message: "Cannot extend `nobody`: no persona has that id",
        file: "personas/orphan.md",
        line: 4,
        column: 10,
      },
    ]);
    expect(p.compose("a").diagnostics.map((d) => [d.message, d.file, d.line])).toEqual([
      ["`extends` goes round in a cycle: a → b → a", "personas/a.md", 4],
    ]);
  });

  it("fills a parent's fragments with the child's id", () => {
    const base = BASE.replace("tools: [Read, Grep]", "include: [_f/sign.md]");
    const { persona } = project({
      "personas/base.md": base,
      "personas/api.md": child,
      "personas/_f/sign.md": "## Signature\nSigned by {{id}}.\n",
    }).compose("api");
    expect(persona?.sections.at(-1)?.markdown).toContain("Signed by api.");
    expect(persona?.source.dependencies?.map((d) => d.path)).toEqual(["personas/base.md", "personas/_f/sign.md"]);
  });
});

describe("install-time variables", () => {
  // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub Actions' ${{ }} is text here, left as it is
  it("fills {{name}} from vars and leaves ${{ }} and runtime placeholders alone", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub Actions' ${{ }} is text here, left as it is
    const text = "Deploy {{project}} with `${{ github.sha }}` for {USER_PROMPT}; keep \\{{literal}}.";
    expect(fillVariables(text, { path: "p.md", values: { project: "shop" }, strict: true })).toEqual({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: GitHub Actions' ${{ }} is text here, left as it is
      text: "Deploy shop with `${{ github.sha }}` for {USER_PROMPT}; keep {{literal}}.",
      diagnostics: [],
    });
  });

  it("is an error at the variable's position when the config has vars but not this one", () => {
    const { diagnostics } = fillVariables("line one\n  uses {{region}} here", {
      path: "p.md",
      values: { project: "shop" },
      strict: true,
    });
    expect(diagnostics).toEqual([
      {
        severity: "error",
        rule: "compose/undefined-variable",
        message:
          "Undefined variable `{{region}}`: the config's `vars` has no `region` (it has `project`); write `\\{{region}}` to keep the braces",
        file: "p.md",
        line: 2,
        column: 8,
      },
    ]);
  });

  it("leaves braces as written when the config has no vars", () => {
    expect(fillVariables("Use {{ message }} in Vue", { path: "p.md", values: {}, strict: false }).text).toBe(
      "Use {{ message }} in Vue",
    );
  });

  it("fills a persona's own file through parsePersona's vars", () => {
    const text = "---\nname: ops\ndescription: Runs {{project}}\n---\n# Ops\n\n## Focus Areas\n- {{project}} uptime\n";
    const { persona } = parsePersona(text, { path: "ops.md", vars: { project: "shop" } });
    expect(persona?.description).toBe("Runs shop");
    expect(persona?.focusAreas).toEqual(["shop uptime"]);
  });
});

describe("resolveInclude", () => {
  it("resolves relative to the including file and refuses paths out of the project", () => {
    expect(resolveInclude("personas/a.md", "_fragments/x.md")).toBe("personas/_fragments/x.md");
    expect(resolveInclude("personas/team/a.md", "../_fragments/x.md")).toBe("personas/_fragments/x.md");
    expect(resolveInclude("personas/a.md", "../../x.md")).toBeUndefined();
    expect(resolveInclude("personas/a.md", "/etc/passwd")).toBeUndefined();
    expect(resolveInclude("personas/a.md", "C:\\x.md")).toBeUndefined();
  });
});

describe("loadPersonas composes", () => {
  it("reads fragments relative to the including file and fills vars", async () => {
    const { mkdtemp, mkdir, writeFile, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { loadPersonas } = await import("../src/index.js");
    const dir = await mkdtemp(join(tmpdir(), "persona-compose-"));
    try {
      await mkdir(join(dir, "_fragments"));
      await writeFile(
        join(dir, "app.md"),
        "---\nname: app\ndescription: Use for app work.\ninclude: [_fragments/team.md]\n---\n\n# App\n\nText.\n",
      );
      await writeFile(join(dir, "_fragments/team.md"), "## Team\n\nAsk {{team}} about {{id}}.\n");
      const loaded = await loadPersonas(dir, { vars: { team: "core" } });
      expect(loaded.diagnostics).toEqual([]);
      expect(loaded.personas.map((p) => p.id)).toEqual(["app"]);
      const team = loaded.personas[0]?.sections.find((s) => s.title === "Team");
      expect(team?.markdown).toContain("Ask core about app.");
      expect(loaded.personas[0]?.source.dependencies?.map((d) => d.path)).toEqual([join(dir, "_fragments/team.md")]);

      const missing = await loadPersonas(dir, {});
      expect(missing.personas[0]?.sections.find((s) => s.title === "Team")?.markdown).toContain(
        "Ask {{team}} about app.",
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
