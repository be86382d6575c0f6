import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HAS_SHARED, sharedPath } from "../../../test/helpers/shared.js";
import { SUPERCLAUDE_V3_IDS } from "../../../test/helpers/superclaude.js";
import { type Persona, parsePersona, parsePersonas } from "../src/index.js";

const V3 = "corpus/superclaude-v3/";
const IDS = SUPERCLAUDE_V3_IDS;

/** The model without where it came from: the file, its hash, and the lines of its sections. */
function withoutSource(p: Persona): unknown {
  const { source: _source, ...rest } = p;
  return { ...rest, sections: p.sections.map(({ line: _line, ...s }) => s) };
}

describe.skipIf(!HAS_SHARED)("SuperClaude v3 PERSONAS.md, a multi-persona file", () => {
  const text = HAS_SHARED ? readFileSync(sharedPath(`${V3}PERSONAS.md`), "utf8") : "";
  const result = parsePersonas(text, { path: "PERSONAS.md" });
  const byId = new Map(result.personas.map((p) => [p.id, p]));

  it("yields the 11 personas of its flag headings, with no diagnostic", () => {
    expect(result.diagnostics).toEqual([]);
    expect([...byId.keys()].sort()).toEqual(IDS);
  });

  it("gives each persona exactly the model its split file gives (but for where it came from)", () => {
    const split = readdirSync(sharedPath(`${V3}split`)).sort();
    expect(split).toHaveLength(11);
    for (const name of split) {
      const path = `split/${name}`;
      const own = parsePersonas(readFileSync(sharedPath(`${V3}${path}`), "utf8"), { path });
      expect(own.diagnostics).toEqual([]);
      expect(own.personas).toHaveLength(1);
      const one = own.personas[0] as Persona;
      expect(one.id).toBe(name.replace(/^persona-|\.md$/g, ""));
      expect(withoutSource(byId.get(one.id) as Persona), name).toEqual(withoutSource(one));
    }
  });

  it("reads each persona's identity, priorities, principles, budgets, standards, triggers, servers and commands", () => {
    const backend = byId.get("backend") as Persona;
    expect(backend.title).toBe("backend");
    expect(backend.description).toBe("Reliability engineer, API specialist, data integrity focus");
    expect(backend.identity).toBe("Reliability engineer, API specialist, data integrity focus");
    expect(backend.priorities).toEqual(["Reliability", "security", "performance", "features", "convenience"]);
    expect(backend.principles.map((i) => i.title)).toEqual([
      "Reliability First",
      "Security by Default",
      "Data Integrity",
    ]);
    expect(backend.budgets.map((b) => b.metric)).toEqual(["Uptime", "Error Rate", "Response Time", "Recovery Time"]);
    expect(backend.qualityStandards.map((i) => i.title)).toEqual(["Reliability", "Security", "Data Integrity"]);
    expect(backend.triggers.keywords).toEqual(["API", "database", "service", "reliability"]);
    expect(backend.mcpServers).toEqual([
      { name: "Context7", role: "primary", note: "For backend patterns, frameworks, and best practices" },
      { name: "Sequential", role: "secondary", note: "For complex backend system analysis" },
      { name: "Magic", role: "avoided", note: "Focuses on UI generation rather than backend concerns" },
    ]);
    expect(backend.commands).toEqual(["/build --api", "/git"]);
    expect(byId.get("analyzer")?.mcpServers[2]).toEqual({
      name: "All servers for comprehensive analysis when needed",
      role: "tertiary",
    });
    expect(byId.get("performance")?.budgets.length).toBeGreaterThan(0);
    for (const p of result.personas) {
      expect(p.identity, p.id).toBeTruthy();
      expect(p.priorities.length, p.id).toBeGreaterThan(1);
      expect(p.principles.length, p.id).toBe(3);
      expect(p.qualityStandards.length, p.id).toBeGreaterThan(0);
      expect(p.triggers.keywords.length, p.id).toBeGreaterThan(0);
      expect(p.mcpServers.length, p.id).toBeGreaterThan(1);
      expect(p.commands.length, p.id).toBeGreaterThan(1);
    }
  });

  it("points into the file: the flag heading's line, and the file's own hash", () => {
    const backend = byId.get("backend") as Persona;
    const lines = text.split("\n");
    expect(lines[(backend.sections[0]?.line ?? 0) - 1]).toBe("## `--persona-backend`");
    expect(backend.sections[0]?.field).toBe("title");
    expect(backend.source.positions?.name?.value.line).toBe(backend.sections[0]?.line);
    for (const s of backend.sections) expect(text.includes(s.markdown)).toBe(true);
    // The file's own sections (overview, integration) belong to no persona.
    const titles = result.personas.flatMap((p) => p.sections.map((s) => s.title));
    expect(titles).not.toContain("Overview");
    expect(titles).not.toContain("Integration and Auto-Activation");
    expect(new Set(result.personas.map((p) => p.source.sha256)).size).toBe(1);
  });

  it("leaves parsePersona reading the whole file as one persona", () => {
    expect(parsePersona(text, { path: "PERSONAS.md" }).persona?.id).toBe("personas");
  });
});

describe("multi-persona files", () => {
  const file = (body: string) => parsePersonas(body, { path: "team.md" });

  it("takes flags at any heading level, drops a `=param`, and stops at the next heading of its level", () => {
    const r = file(
      "# Team\n\nIntro.\n\n### `--persona-writer=lang`\n\n**Identity**: Writes\n\n#### Notes\n\nKeep it short.\n\n### `--persona-reviewer`\n\nReviews code.\n\n## Appendix\n\nNot a persona.\n",
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.personas.map((p) => p.id)).toEqual(["writer", "reviewer"]);
    const [writer, reviewer] = r.personas as [Persona, Persona];
    expect(writer.sections.map((s) => s.title)).toEqual(["--persona-writer=lang", "Notes"]);
    expect(writer.sections[1]?.line).toBe(9);
    expect(reviewer.description).toBe("Reviews code.");
    expect(reviewer.sections.map((s) => s.markdown).join("\n")).not.toContain("Appendix");
  });

  it("refuses a flag heading with nothing under it, at its line, and yields no persona", () => {
    const r = file("## `--persona-a`\n\n## `--persona-b`\n\nText.\n");
    expect(r.personas).toEqual([]);
    expect(r.diagnostics).toMatchObject([{ severity: "error", rule: "persona/empty-flag", line: 1, column: 1 }]);
  });

  it("refuses two flags with one id, at the second, naming the first line", () => {
    const r = file("## `--persona-a`\n\nOne.\n\n## `--persona-a=x`\n\nTwo.\n");
    expect(r.personas).toEqual([]);
    expect(r.diagnostics).toMatchObject([{ severity: "error", rule: "persona/duplicate-flag", line: 5 }]);
    expect(r.diagnostics[0]?.message).toContain("line 1");
  });

  it("reports hidden characters once, wherever they are in the file", () => {
    const r = file("Intro\u200b.\n\n## `--persona-a`\n\nOne\u200b.\n\n## `--persona-b`\n\nTwo.\n");
    expect(r.diagnostics.map((d) => [d.rule, d.line])).toEqual([
      ["security/hidden-unicode", 1],
      ["security/hidden-unicode", 5],
    ]);
  });

  it("is one persona when the frontmatter names it, and an ordinary file is one persona", () => {
    expect(file("---\nname: crew\n---\n## `--persona-a`\n\nOne.\n").personas.map((p) => p.id)).toEqual(["crew"]);
    expect(file("# Team\n\nJust one.\n").personas.map((p) => p.id)).toEqual(["team"]);
  });
});
