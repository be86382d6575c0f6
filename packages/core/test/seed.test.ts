import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HAS_SHARED, sharedPath } from "../../../test/helpers/shared.js";
import { parsePersona } from "../src/index.js";

// The persona this project was created from. Its model is reviewed field by field below; a change
// here is a change in what every user's persona compiles to.
const text = HAS_SHARED ? readFileSync(sharedPath("seed/backend.md"), "utf8") : "";
const { persona, diagnostics } = parsePersona(text, { path: "seed/backend.md" });

describe.skipIf(!HAS_SHARED)("the seed persona (shared/seed/backend.md)", () => {
  it("parses with one diagnostic: the b00t block's encoding damage (`python.🐍` read as Mac Roman)", () => {
    expect(diagnostics.map((d) => [d.rule, d.line, d.column])).toEqual([["file/mojibake", 68, 101]]);
    expect(persona).toBeDefined();
  });

  it("has the id, title and description", () => {
    expect(persona?.id).toBe("backend");
    expect(persona?.title).toBe("Backend Agent");
    expect(persona?.description).toBe(
      "Use for API design, database architecture, reliability engineering, and server-side development",
    );
  });

  it("reads the inline identity and priority hierarchy", () => {
    expect(persona?.identity).toBe("Reliability engineer, API specialist, data integrity focus");
    expect(persona?.priorities).toEqual(["Reliability", "security", "performance", "features", "convenience"]);
  });

  it("reads the core principles as titled items", () => {
    expect(persona?.principles).toEqual([
      { title: "Reliability First", text: "Systems must be fault-tolerant and recoverable" },
      { title: "Security by Default", text: "Implement defense in depth and zero trust" },
      { title: "Data Integrity", text: "Ensure consistency and accuracy across all operations" },
    ]);
  });

  it("reads the reliability budgets with constraints, qualifiers and the note", () => {
    expect(persona?.budgets).toEqual([
      {
        group: "Reliability Budgets",
        metric: "Uptime",
        raw: "99.9% (8.7h/year downtime)",
        constraints: [{ value: 99.9, unit: "%" }],
        note: "8.7h/year downtime",
      },
      {
        group: "Reliability Budgets",
        metric: "Error Rate",
        raw: "<0.1% for critical operations",
        constraints: [{ op: "<", value: 0.1, unit: "%", qualifier: "for critical operations" }],
      },
      {
        group: "Reliability Budgets",
        metric: "Response Time",
        raw: "<200ms for API calls",
        constraints: [{ op: "<", value: 200, unit: "ms", qualifier: "for API calls" }],
      },
      {
        group: "Reliability Budgets",
        metric: "Recovery Time",
        raw: "<5 minutes for critical services",
        constraints: [{ op: "<", value: 5, unit: "minutes", qualifier: "for critical services" }],
      },
    ]);
  });

  it("reads quality standards, focus areas and the analysis approach", () => {
    expect(persona?.qualityStandards).toEqual([
      { title: "Reliability", text: "99.9% uptime with graceful degradation" },
      { title: "Security", text: "Defense in depth with zero trust architecture" },
      { title: "Data Integrity", text: "ACID compliance and consistency guarantees" },
    ]);
    expect(persona?.focusAreas).toEqual([
      "API design and backend build optimization",
      "Server-side development and infrastructure",
      "Database design and data consistency",
      "Security and reliability engineering",
    ]);
    expect(persona?.approach.map((a) => a.title)).toEqual([
      "Reliability Assessment",
      "Security Analysis",
      "Performance Optimization",
      "Data Integrity",
      "Scalability Planning",
    ]);
    expect(persona?.approach[2]).toEqual({ title: "Performance Optimization", text: "Optimize API response times" });
  });

  it("reads the triggers: quoted keywords and context bullets", () => {
    expect(persona?.triggers).toEqual({
      keywords: ["API", "database", "service", "reliability", "backend"],
      files: [],
      contexts: ["Server-side development or infrastructure work", "Security or data integrity mentioned"],
    });
  });

  it("reads both workflows with the commands of each step", () => {
    expect(persona?.workflows.map((w) => w.title)).toEqual(["Context Gathering Instructions", "b00t Workflow"]);
    expect(persona?.workflows[0]?.steps.map((s) => s.commands)).toEqual([["flashback agent --context"], [], []]);
    expect(persona?.workflows[0]?.steps[0]?.text).toBe(
      "**Get Project Context**: Run `flashback agent --context` to gather project context bundle",
    );
    expect(persona?.workflows[1]?.steps.map((s) => s.commands)).toEqual([
      ["b00t status", "b00t stack list"],
      ["b00t learn <skill>", "b00t learn bash", "b00t learn python.\uf8ffüêç", 'b00t lfmf claude "reason: summary"'],
      ["b00t", "b00t stack ansible k0s-kata", "b00t cli install <datum>"],
      ["b00t status"],
    ]);
  });

  it("finds {USER_PROMPT} in the code block but not the prose braces", () => {
    expect(persona?.placeholders).toEqual(["USER_PROMPT"]);
  });

  it("keeps every section with its verbatim markdown, in source order", () => {
    expect(persona?.sections.map((s) => [s.title, s.depth, s.field])).toEqual([
      ["Backend Agent", 1, "title"],
      ["Context Gathering Instructions", 2, "workflows"],
      ["Backend Development Persona", 1, undefined],
      ["Core Principles", 2, "principles"],
      ["Reliability Budgets", 2, "budgets"],
      ["Quality Standards", 2, "qualityStandards"],
      ["Focus Areas", 2, "focusAreas"],
      ["Auto-Activation Triggers", 2, "triggers"],
      ["Analysis Approach", 2, "approach"],
      ["b00t Workflow", 2, "workflows"],
    ]);
    // Every section's markdown is a verbatim slice of the source.
    for (const section of persona?.sections ?? []) expect(text).toContain(section.markdown);
    // The code block of the instructions section is not a workflow step, so it stays in `rest`.
    expect(persona?.sections[1]?.rest).toBe(
      "Use this approach:\n```\nUser Request: {USER_PROMPT}\n\nProject Context: {Use flashback agent --context output}\n\nAnalysis: {Apply backend development principles with project awareness}\n```",
    );
    expect(persona?.sections[0]?.rest).toBe(
      "When you receive a user request, first gather comprehensive project context to provide backend development analysis with full project awareness.",
    );
  });

  it("keeps the rest of the frontmatter and the source hash", () => {
    expect(persona?.tools).toBeUndefined();
    expect(persona?.model).toBeUndefined();
    expect(persona?.targets).toEqual({});
    expect(persona?.meta).toEqual({});
    expect(persona?.source.path).toBe("seed/backend.md");
    expect(persona?.source.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
