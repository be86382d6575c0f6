import { describe, expect, it } from "vitest";
import {
  buildMcpPrompts,
  fillPrompt,
  type McpPrompt,
  type Persona,
  parsePersona,
  promptDigest,
  serveMcpPrompts,
} from "../../src/index.js";
import { findPlaceholders } from "../../src/parse/extract-placeholders.js";

// Shell `${VAR}` and CI `${{ expr }}` syntax in plain strings is the point of these fixtures.
const SHELL = "$" + "{HOME}";
const CI = "$" + "{{ secrets.X }}";

const persona = (text: string, path = "personas/x.md"): Persona => {
  const r = parsePersona(text, { path });
  if (!r.persona) throw new Error(JSON.stringify(r.diagnostics));
  return r.persona;
};

const withPlaceholders = persona(
  `---\nname: migrator\ndescription: Writes migrations\n---\n# Migrator\n\nChange {SCHEMA_FILE} for {USER_PROMPT}; keep \`${SHELL}\`, \`${CI}\` and {{NOT_ONE}}.\n`,
);
const plain = persona("---\nname: plain\ndescription: Plain persona\n---\n# Plain\n\nBe brief.\n");

const only = (prompts: McpPrompt[]): McpPrompt => {
  expect(prompts).toHaveLength(1);
  return prompts[0] as McpPrompt;
};

describe("buildMcpPrompts", () => {
  it("turns each {PLACEHOLDER} into a required string argument, in the persona's order", () => {
    const { prompts, diagnostics } = buildMcpPrompts([withPlaceholders]);
    expect(diagnostics).toEqual([]);
    const prompt = only(prompts);
    expect(prompt.name).toBe("migrator");
    expect(prompt.title).toBe("Migrator");
    expect(prompt.description).toBe("Writes migrations");
    expect(prompt.arguments).toEqual([
      { name: "schema_file", description: "Text that replaces {SCHEMA_FILE} in the persona's prompt", required: true },
      { name: "user_prompt", description: "Text that replaces {USER_PROMPT} in the persona's prompt", required: true },
    ]);
    expect(prompt.messages).toHaveLength(1);
    expect(prompt.messages[0]?.role).toBe("user");
  });

  it("gives a persona without placeholders one optional `request` argument", () => {
    expect(only(buildMcpPrompts([plain]).prompts).arguments).toEqual([
      { name: "request", description: "What you want the persona to do; appended to the prompt", required: false },
    ]);
  });

  it("sorts prompts by persona id and applies targets.mcp overrides", () => {
    const named = persona(
      "---\nname: zed\ntargets:\n  mcp:\n    name: zed_prompt\n    title: Zed\n---\n# Z\n\nText.\n",
    );
    const { prompts } = buildMcpPrompts([named, plain, withPlaceholders]);
    expect(prompts.map((p) => [p.name, p.title])).toEqual([
      ["migrator", "Migrator"],
      ["plain", "Plain"],
      ["zed_prompt", "Zed"],
    ]);
  });

  it("renders with a user template passed as source", () => {
    const { prompts } = buildMcpPrompts([plain], { templates: { "mcp/prompt.hbs": "You are {{title}}. {{intro}}" } });
    expect(only(prompts).messages[0]?.content.text).toBe("You are Plain. Be brief.");
  });

  it("reports a broken user template instead of throwing", () => {
    const { prompts, diagnostics } = buildMcpPrompts([plain], { templates: { "mcp/prompt.hbs": "{{nmae}}" } });
    expect(prompts).toEqual([]);
    expect(diagnostics).toMatchObject([{ severity: "error", rule: "template/error", line: 1 }]);
  });

  it("reports two personas that map to the same prompt name", () => {
    const twin = persona("---\nname: other\ntargets:\n  mcp:\n    name: plain\n---\n# Other\n\nText.\n");
    const { prompts, diagnostics } = buildMcpPrompts([plain, twin]);
    expect(prompts.map((p) => p.name)).toEqual(["plain"]);
    expect(diagnostics).toMatchObject([{ severity: "error", rule: "target/invalid-name", file: "personas/x.md" }]);
  });
});

describe("serveMcpPrompts", () => {
  const twin = persona("---\nname: other\ntargets:\n  mcp:\n    name: plain\n---\n# Other\n\nText.\n");
  const personas = [twin, withPlaceholders, plain];
  const templates = { "mcp/prompt.hbs": "You are {{title}}. {{intro}}" };

  it("serves what buildMcpPrompts builds, without messages until promptOf renders them again", () => {
    for (const options of [{}, { templates }]) {
      const built = buildMcpPrompts(personas, options);
      const served = serveMcpPrompts(personas, options);
      expect(served.diagnostics).toEqual(built.diagnostics);
      expect(served.prompts.map((p) => "messages" in p)).toEqual([false, false]);
      expect(served.prompts.map((p) => served.promptOf(p))).toEqual(built.prompts);
      expect(served.prompts.map((p) => p.digest)).toEqual(built.prompts.map(promptDigest));
    }
  });

  it("renders a prompt with the templates it was served with, and refuses one it did not build", () => {
    const served = serveMcpPrompts([plain], { templates });
    const prompt = served.prompts[0];
    if (!prompt) return expect.fail("no prompt");
    expect(served.promptOf(prompt).messages[0]?.content.text).toBe("You are Plain. Be brief.");
    const other = serveMcpPrompts([plain]);
    expect(() => other.promptOf(prompt)).toThrow("was not built by this serveMcpPrompts");
    expect(other.prompts[0]?.digest).not.toBe(prompt.digest);
  });
});

describe("fillPrompt", () => {
  const migrator = only(buildMcpPrompts([withPlaceholders]).prompts);
  const plainPrompt = only(buildMcpPrompts([plain]).prompts);

  it("substitutes every placeholder and leaves shell and CI syntax alone", () => {
    const result = fillPrompt(migrator, { schema_file: "db/schema.sql", user_prompt: "add an index", extra: "x" });
    if ("error" in result) throw new Error(result.error);
    const text = result.messages[0]?.content.text ?? "";
    expect(text).toContain("Change db/schema.sql for add an index;");
    expect(text).toContain(`\`${SHELL}\`, \`${CI}\` and {{NOT_ONE}}`);
  });

  it("inserts values literally: no `$&` expansion and no second pass over inserted text", () => {
    const result = fillPrompt(migrator, { schema_file: "$& {USER_PROMPT}", user_prompt: "$1" });
    if ("error" in result) throw new Error(result.error);
    expect(result.messages[0]?.content.text).toContain("Change $& {USER_PROMPT} for $1;");
  });

  it("names the first missing required argument", () => {
    expect(fillPrompt(migrator, { schema_file: "a" })).toEqual({ error: "Missing required argument `user_prompt`" });
    expect(fillPrompt(migrator, {})).toEqual({ error: "Missing required argument `schema_file`" });
  });

  it("does not read arguments from the prototype chain", () => {
    const args = Object.create({ schema_file: "x", user_prompt: "y" }) as Record<string, string>;
    expect(fillPrompt(migrator, args)).toHaveProperty("error");
  });

  it("appends `request` when the persona has no placeholders, and nothing when it is absent", () => {
    const filled = fillPrompt(plainPrompt, { request: "Summarise the diff" });
    if ("error" in filled) throw new Error(filled.error);
    expect(filled.messages[0]?.content.text).toBe("# Plain\n\nBe brief.\n\n## Request\n\nSummarise the diff");
    expect(fillPrompt(plainPrompt, {})).toEqual({ messages: plainPrompt.messages });
  });

  it("substitutes exactly the tokens the parser counts as placeholders", () => {
    const text = `{A} {B_2} $\{C} $\{{ D }} {{E}} \\{F} {g} {H}} {I_J}`;
    const prompt: McpPrompt = {
      name: "t",
      title: "t",
      description: "",
      arguments: findPlaceholders(text).map((p) => ({ name: p.toLowerCase(), description: "", required: true })),
      messages: [{ role: "user", content: { type: "text", text } }],
    };
    const args = Object.fromEntries(prompt.arguments.map((a) => [a.name, "•"]));
    const filled = fillPrompt(prompt, args);
    if ("error" in filled) throw new Error(filled.error);
    expect(findPlaceholders(text)).toEqual(["A", "B_2", "I_J"]);
    expect(filled.messages[0]?.content.text).toBe(`• • $\{C} $\{{ D }} {{E}} \\{F} {g} {H}} •`);
  });
});
