import { describe, expect, it } from "vitest";
import { parsePersona } from "../src/index.js";
import { parseBudgetValue } from "../src/parse/extract-budgets.js";
import { splitPriorities } from "../src/parse/extract-items.js";
import { findPlaceholders } from "../src/parse/extract-placeholders.js";

const parse = (text: string, path = "personas/x.md") => parsePersona(text, { path });
const must = (text: string, path?: string) => {
  const r = parse(text, path);
  if (!r.persona) throw new Error(JSON.stringify(r.diagnostics));
  return r.persona;
};

describe("budget values", () => {
  it.each([
    ["99.9% (8.7h/year downtime)", [{ value: 99.9, unit: "%" }], "8.7h/year downtime"],
    ["< 50%", [{ op: "<", value: 50, unit: "%" }], undefined],
    ["≥80", [{ op: ">=", value: 80, unit: "" }], undefined],
    [">=80% line coverage", [{ op: ">=", value: 80, unit: "%", qualifier: "line coverage" }], undefined],
    ["≤ 3 levels", [{ op: "<=", value: 3, unit: "", qualifier: "levels" }], undefined],
    ["CLS <0.1", [{ op: "<", value: 0.1, unit: "", qualifier: "CLS" }], undefined],
    [
      "<3s on 3G, <1s on WiFi",
      [
        { op: "<", value: 3, unit: "s", qualifier: "on 3G" },
        { op: "<", value: 1, unit: "s", qualifier: "on WiFi" },
      ],
      undefined,
    ],
    [
      "<50ms p95 for OLTP reads, <500ms for reports",
      [
        { op: "<", value: 50, unit: "ms", qualifier: "p95 for OLTP reads" },
        { op: "<", value: 500, unit: "ms", qualifier: "for reports" },
      ],
      undefined,
    ],
    [
      "<5 minutes for critical services",
      [{ op: "<", value: 5, unit: "minutes", qualifier: "for critical services" }],
      undefined,
    ],
    ["0 critical findings", [{ value: 0, unit: "", qualifier: "critical findings" }], undefined],
    ["1,000 req/s sustained", [{ value: 1000, unit: "req/s", qualifier: "sustained" }], undefined],
    ["as low as possible", [], undefined],
  ])("%s", (raw, constraints, note) => {
    const parsed = parseBudgetValue(raw);
    expect(parsed.constraints).toEqual(constraints);
    expect(parsed.note).toBe(note);
  });

  it("reads a two-column budget table, header skipped, raw value as written", () => {
    const p = must(
      "# T\n\n## Performance Budgets\n\n| Metric | Target |\n|---|---|\n| LCP | <2.5s on 4G |\n| CLS | <0.1 |\n",
    );
    expect(p.budgets).toEqual([
      {
        group: "Performance Budgets",
        metric: "LCP",
        raw: "<2.5s on 4G",
        constraints: [{ op: "<", value: 2.5, unit: "s", qualifier: "on 4G" }],
      },
      { group: "Performance Budgets", metric: "CLS", raw: "<0.1", constraints: [{ op: "<", value: 0.1, unit: "" }] },
    ]);
  });

  it("keeps a table with more columns in the section's rest, so no column is lost", () => {
    const p = must("# T\n\n## Budgets\n\n| Metric | Target | Why |\n|---|---|---|\n| LCP | <2.5s | users leave |\n");
    expect(p.budgets.map((b) => [b.metric, b.raw])).toEqual([["LCP", "<2.5s"]]);
    expect(p.sections[1]?.rest).toBe("| Metric | Target | Why |\n|---|---|---|\n| LCP | <2.5s | users leave |");
  });

  it("keeps a budget bullet it cannot read, with a warning at its line", () => {
    const r = parse("# T\n\nA tester.\n\n## Budgets\n- **Uptime**: 99%\n- keep it fast\n");
    expect(r.persona?.budgets[1]).toEqual({ group: "Budgets", metric: "", raw: "keep it fast", constraints: [] });
    expect(r.diagnostics).toEqual([expect.objectContaining({ rule: "body/unknown-budget", line: 7, column: 1 })]);
  });
});

describe("identity and priorities", () => {
  it("reads **Role**: as the identity and an Identity section", () => {
    expect(must("**Role**: Senior reviewer\n").identity).toBe("Senior reviewer");
    expect(must("# T\n\n## Identity\n\nA careful reviewer\nwho reads diffs.\n").identity).toBe(
      "A careful reviewer\nwho reads diffs.",
    );
  });

  it("splits inline priority lines on >, ≥ and >=", () => {
    expect(splitPriorities("A > B ≥ C >= D")).toEqual(["A", "B", "C", "D"]);
    expect(must("**Priority Hierarchy**: Safety > speed ≥ cost\n").priorities).toEqual(["Safety", "speed", "cost"]);
  });

  it("reads a numbered Priority Hierarchy section in order", () => {
    const p = must("# T\n\n## Priority Hierarchy\n1. Correctness\n2. Clarity\n3. Speed\n");
    expect(p.priorities).toEqual(["Correctness", "Clarity", "Speed"]);
  });

  it("treats a bold-label-only line as a section, at any nesting", () => {
    const p = must(
      "# T\n\n**Core Principles**:\n1. **Evidence**: Check it\n2. Plain item\n\n**Focus Areas:**\n- One\n",
    );
    expect(p.principles).toEqual([{ title: "Evidence", text: "Check it" }, { text: "Plain item" }]);
    expect(p.focusAreas).toEqual(["One"]);
    expect(p.sections.map((s) => [s.title, s.depth])).toEqual([
      ["T", 1],
      ["Core Principles", 2],
      ["Focus Areas", 2],
    ]);
  });
});

describe("triggers", () => {
  it("reads quoted and unquoted keyword lists, bold labels and file patterns", () => {
    const p = must(
      "# T\n\n## Auto-Activation Triggers\n- Keywords: \"API\", 'database'\n- **Keywords**: a11y, WCAG\n- File patterns: `**/*.sql`, `migrations/**`\n- Files: `src/**/*.ts, lib/**`\n- Accessibility work mentioned\n",
    );
    expect(p.triggers).toEqual({
      keywords: ["API", "database", "a11y", "WCAG"],
      files: ["**/*.sql", "migrations/**", "src/**/*.ts", "lib/**"],
      contexts: ["Accessibility work mentioned"],
    });
  });

  it("keeps brace globs whole when splitting on commas", () => {
    const p = must('---\nglobs: "src/**/*.{ts,tsx}, docs/**"\n---\n# T\n\n## Triggers\n- Files: `**/*.{js,jsx}`\n');
    expect(p.triggers.files).toEqual(["src/**/*.{ts,tsx}", "docs/**", "**/*.{js,jsx}"]);
  });

  it("merges frontmatter globs, applyTo and triggers first, without duplicates", () => {
    const p = must(
      '---\nglobs: "**/*.ts, **/*.tsx"\napplyTo: ["**/*.md"]\ntriggers:\n  keywords: [deploy]\n---\n# T\n\n## Triggers\n- Keywords: deploy, release\n- Files: `**/*.ts`\n',
    );
    expect(p.triggers.keywords).toEqual(["deploy", "release"]);
    expect(p.triggers.files).toEqual(["**/*.ts", "**/*.tsx", "**/*.md"]);
  });
});

describe("workflows, placeholders and sections", () => {
  it("reads every section whose title names a workflow, instructions, procedure or process", () => {
    const p = must(
      "# T\n\n## Release Procedure\n1. Run `pnpm test` then `pnpm build`\n2. Tag it\n\n## Review Process\n- Read `git diff`\n",
    );
    expect(p.workflows).toEqual([
      {
        title: "Release Procedure",
        steps: [
          { text: "Run `pnpm test` then `pnpm build`", commands: ["pnpm test", "pnpm build"] },
          { text: "Tag it", commands: [] },
        ],
      },
      { title: "Review Process", steps: [{ text: "Read `git diff`", commands: ["git diff"] }] },
    ]);
  });

  it("finds {UPPER_SNAKE} placeholders but not $-prefixed shell or CI expressions", () => {
    const shell = "$" + "{HOME}";
    const ci = "$" + "{{ secrets.TOKEN }} $" + "{{X}}";
    expect(findPlaceholders(`Do {USER_PROMPT} in {TARGET_DIR}; echo ${shell} ${ci} {lower} {USER_PROMPT}`)).toEqual([
      "USER_PROMPT",
      "TARGET_DIR",
    ]);
  });

  it("ignores headings inside code fences", () => {
    const p = must("# T\n\n## Example\n\n```md\n# Not a heading\n## Nor this\n```\n\n## Next\ntext\n");
    expect(p.sections.map((s) => s.title)).toEqual(["T", "Example", "Next"]);
    expect(p.sections[1]?.markdown).toContain("# Not a heading");
  });

  it("keeps unknown sections verbatim in sections", () => {
    const p = must("# T\n\n## Deployment Notes\n- **Primary**: Sequential\n");
    expect(p.sections[1]).toEqual({
      title: "Deployment Notes",
      depth: 2,
      line: 3,
      markdown: "## Deployment Notes\n- **Primary**: Sequential",
      rest: "- **Primary**: Sequential",
    });
  });

  it("reads MCP server preferences and optimized commands (SuperClaude v3), keeping what they do not read", () => {
    const p = must(
      "# T\n\n**MCP Server Preferences**:\n- **Primary**: Context7 - For patterns\n- **Avoided**: Magic\n\nAsk first.\n\n**Optimized Commands**:\n- `/build --api` - API design\n- `/git`\n\n## MCP Servers\n- **Primary**: Playwright\n- Ask first\n",
    );
    expect(p.mcpServers).toEqual([
      { name: "Context7", role: "primary", note: "For patterns" },
      { name: "Magic", role: "avoided" },
    ]);
    expect(p.commands).toEqual(["/build --api", "/git"]);
    // A list with an item that is no preference stays whole and unread; commands keep their explanations.
    expect(p.sections.map((s) => [s.field, s.rest])).toEqual([
      ["title", ""],
      ["mcpServers", "Ask first."],
      ["commands", "- `/build --api` - API design\n- `/git`"],
      ["mcpServers", "- **Primary**: Playwright\n- Ask first"],
    ]);
  });
});

describe("files without the usual structure", () => {
  it("reads a BOM + CRLF file like its LF twin", () => {
    const lf = "---\nname: crlf\ndescription: d\n---\n# Title\n\n**Identity**: x\n";
    const crlf = `\uFEFF${lf.replace(/\n/g, "\r\n")}`;
    const a = must(lf);
    const b = must(crlf);
    expect({ ...b, source: undefined }).toEqual({ ...a, source: undefined });
  });

  it("takes the id from the file stem and the description from the first paragraph when there is no frontmatter", () => {
    const p = must(
      "# Accessibility Auditor\n\nAudits pages for WCAG 2.2 AA.\nAlso reviews ARIA.\n",
      "x/Accessibility_Auditor.md",
    );
    expect(p.id).toBe("accessibility-auditor");
    expect(p.title).toBe("Accessibility Auditor");
    expect(p.description).toBe("Audits pages for WCAG 2.2 AA. Also reviews ARIA.");
  });

  it("parses a headingless file: title is the id, everything is one section", () => {
    const p = must("Just do careful code review.\n\n- check tests\n", "personas/plain.md");
    expect(p.title).toBe("plain");
    expect(p.description).toBe("Just do careful code review.");
    expect(p.sections).toEqual([
      {
        title: "",
        depth: 0,
        line: 1,
        markdown: "Just do careful code review.\n\n- check tests",
        rest: "Just do careful code review.\n\n- check tests",
      },
    ]);
  });

  it("slugifies a display name with a warning at the name's position", () => {
    const r = parse("---\nname: John Carmack\ndescription: Thinks from first principles.\n---\n# JC\n");
    expect(r.persona?.id).toBe("john-carmack");
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ severity: "warning", rule: "persona/slugified-name", line: 2, column: 7 }),
    ]);
  });

  it("reads tools from a list, a comma-separated string and a JSON array in a string", () => {
    expect(must("---\ntools: [Read, Grep]\n---\n").tools).toEqual(["Read", "Grep"]);
    expect(must("---\ntools: Read, Grep, Bash\n---\n").tools).toEqual(["Read", "Grep", "Bash"]);
    expect(must('---\ntools: \'["Read", "Write"]\'\n---\n').tools).toEqual(["Read", "Write"]);
  });
});

describe("nesting pre-scan", () => {
  const timed = (text: string) => {
    const start = performance.now();
    const r = parsePersona(text, { path: "personas/deep.md" });
    return { r, ms: performance.now() - start };
  };

  it.each([
    ["`- ` × 8,000 on one line", `${"- ".repeat(8000)}x\n`, 8000],
    ["`>` × 100,000", `${">".repeat(100_000)} x\n`, 100_000],
    ["an 800-level indented list", Array.from({ length: 800 }, (_, i) => `${"  ".repeat(i)}- item`).join("\n"), 33],
    ["`[` × 100,000", `${"[".repeat(100_000)}\n`, 100_000],
  ])("refuses %s in well under a second", (_name, text, depth) => {
    const { r, ms } = timed(text);
    expect(ms).toBeLessThan(1000);
    expect(r.persona).toBeUndefined();
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ rule: "file/too-deeply-nested", message: `Nesting depth ${depth} exceeds 32` }),
    ]);
  });

  it("accepts ordinary nesting and ignores fenced code", () => {
    const fenced = `# T\n\nA tester.\n\n\`\`\`\n${"  ".repeat(40)}deep: yaml\n${"[".repeat(50)}\n\`\`\`\n\n- a\n  - b\n    - c\n`;
    expect(parsePersona(fenced, { path: "x.md" }).diagnostics).toEqual([]);
  });
});
