import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { compile, type Persona, parsePersona } from "../../src/index.js";
import { defaultTemplates } from "../../src/render/default-templates.generated.js";

const persona = ((): Persona => {
  const text =
    "---\nname: lit\ndescription: Keeps {{constructor.constructor}} & <b>\n---\n# Lit {{x}}\n\nBody {{> evil}}.\n";
  const r = parsePersona(text, { path: "personas/lit.md" });
  if (!r.persona) throw new Error(JSON.stringify(r.diagnostics));
  return r.persona;
})();

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A templates folder holding the given files, as a user would pass with `templatesDir`. */
function templatesDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "persona-templates-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const claudeBody = (result: ReturnType<typeof compile>) =>
  result.files.find((f) => f.target === "claude")?.contents.split("-->\n\n")[1];

/** Errors and warnings: infos say what a target left out (Cline, for a persona without file triggers). */
const problems = (result: { diagnostics: { severity: string }[] }) =>
  result.diagnostics.filter((d) => d.severity !== "info");

describe("templates", () => {
  it("embeds exactly the files of templates/ (run `node scripts/embed-templates.mjs` after editing)", () => {
    const root = fileURLToPath(new URL("../../../../templates/", import.meta.url));
    const walk = (d: string): string[] =>
      readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
    const onDisk = Object.fromEntries(
      walk(root)
        .filter((f) => f.endsWith(".hbs"))
        .map((f) => [relative(root, f).split("\\").join("/"), readFileSync(f, "utf8")]),
    );
    expect(defaultTemplates).toEqual(onDisk);
  });

  it("never compiles the persona's own text: Handlebars syntax in it comes out literally", () => {
    const result = compile([persona]);
    expect(problems(result)).toEqual([]);
    const claude = result.files.find((f) => f.target === "claude")?.contents ?? "";
    expect(claude).toContain("# Lit {{x}}\n\nBody {{> evil}}.");
    expect(claude).toContain("Keeps {{constructor.constructor}} & <b>");
  });

  it("lets a user template in templatesDir replace a default, keeping the other defaults", () => {
    const dir = templatesDir({ "claude/agent.hbs": "Custom {{title}} — {{description}}\n" });
    const result = compile([persona], { templatesDir: dir });
    expect(problems(result)).toEqual([]);
    expect(claudeBody(result)).toBe("Custom Lit {{x}} — Keeps {{constructor.constructor}} & <b>\n");
    expect(result.files.find((f) => f.target === "cursor")?.contents).toContain("# Lit {{x}}");
  });

  it("lets a user partial replace the shared persona body", () => {
    const dir = templatesDir({ "_partials/persona-body.hbs": "Only {{id}}" });
    expect(claudeBody(compile([persona], { templatesDir: dir }))).toBe("Only lit\n");
  });

  it.each([
    ["a misspelt field", "line one\n  {{nmae}}\n", 2, /"nmae" not defined/],
    // Handlebars notices an unclosed block at the end of the input, so that is the line reported.
    ["an unclosed block", "ok\n{{#if title}}\nnever closed\n", 4, /Parse error/],
    ["an unknown helper", "{{upper title}}", 1, /upper/],
    ["a missing partial", "x\n\n  {{> footer}}\n", 3, /footer/],
  ])("reports %s with the template's path, line and column, and emits no file", (_, source, line, message) => {
    const dir = templatesDir({ "claude/agent.hbs": source });
    const result = compile([persona], { templatesDir: dir });
    expect(result.files.some((f) => f.target === "claude")).toBe(false);
    expect(result.files.some((f) => f.target === "cursor")).toBe(true);
    expect(problems(result)).toHaveLength(1);
    expect(problems(result)[0]).toMatchObject({
      severity: "error",
      rule: "template/error",
      file: `${dir}/claude/agent.hbs`,
      line,
    });
    expect(result.diagnostics[0]?.column).toBeGreaterThanOrEqual(1);
    expect(result.diagnostics[0]?.message).toMatch(message);
  });

  it("turns a self-recursive user partial into a diagnostic, not a crash", () => {
    const dir = templatesDir({ "_partials/persona-body.hbs": "{{> persona-body}}" });
    const result = compile([persona], { templatesDir: dir, targets: ["claude"] });
    expect(result.files).toEqual([]);
    expect(result.diagnostics).toMatchObject([{ severity: "error", rule: "template/error" }]);
  });

  it("renders prototype paths in a user template as empty, with no access to constructors", () => {
    const source = '[{{lookup this "constructor"}}][{{constructor}}][{{#with this}}{{__proto__}}{{/with}}]';
    const result = compile([persona], { templates: { "claude/agent.hbs": source }, targets: ["claude"] });
    expect(claudeBody(result)).toBe("[][][]\n");
  });

  it("refuses output into which a user template smuggled hidden characters (ADVERSARIAL row 4)", () => {
    const tags = String.fromCodePoint(0xe0041, 0xe0042);
    const result = compile([persona], { templates: { "claude/agent.hbs": `ok${tags}` }, targets: ["claude"] });
    expect(result.files).toEqual([]);
    expect(result.diagnostics).toMatchObject([{ severity: "error", rule: "output/hidden-unicode" }]);
  });
});

describe("AGENTS.md's list of entries", () => {
  const personas = ["a", "b"].map((name) => {
    const r = parsePersona(`---\nname: ${name}\ndescription: Does ${name}.\n---\n# ${name}\n`, {
      path: `personas/${name}.md`,
    });
    if (!r.persona) throw new Error(JSON.stringify(r.diagnostics));
    return r.persona;
  });
  const agentsMd = (templates?: Record<string, string>) =>
    compile(personas, { targets: ["agents-md"], ...(templates ? { templates } : {}) }).files.find(
      (f) => f.path === "AGENTS.md",
    );

  it("is written in pieces, one per entry, with the text the template makes of the joined entries", () => {
    const file = agentsMd();
    const entries = file?.contents.slice(
      file.contents.indexOf("<!-- persona:entry "),
      file.contents.indexOf("<!-- persona:entries-end -->"),
    );
    expect(entries?.match(/<!-- persona:entry /g)).toHaveLength(2);
    // Each entry is a piece of its own: the block is never one string.
    expect(file?.chunks().length).toBeGreaterThanOrEqual(2 * 2 + 3);
    const twice = agentsMd({
      ...defaultTemplates,
      "agents-md/block.hbs": "## Personas\n\n{{entries}}\n\nAgain:\n\n{{entries}}\n",
    });
    // A template that places the entries other than once is given them joined.
    expect(twice?.contents.match(/<!-- persona:entries-end -->/g)).toHaveLength(2);
    // The same entries (their build keys differ: the templates are part of them).
    const unkeyed = (text: string | undefined) => text?.replace(/entry [0-9a-f]{16}/g, "entry KEY");
    expect(unkeyed(twice?.contents)).toContain(unkeyed(entries));
  });
});
