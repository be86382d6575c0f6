import { type McpPrompt, type Persona, parsePersonas, promptDigest, type ServedPrompts } from "@personas/core";
import { describe, expect, it } from "vitest";
import { type PromptSource, PromptStore, type SourceLoad } from "../src/mcp/prompt-store.js";

function prompt(name: string, text: string): McpPrompt {
  return {
    name,
    title: name,
    description: `The ${name} persona`,
    arguments: [],
    messages: [{ role: "user", content: { type: "text", text } }],
  };
}

/** What a source's `build` gives for these whole prompts: definitions and digests, messages on demand. */
function served(prompts: readonly McpPrompt[]): ServedPrompts {
  const byName = new Map(prompts.map((p) => [p.name, p]));
  return {
    prompts: prompts.map((prompt) => {
      const { messages: _messages, ...definition } = prompt;
      return { ...definition, digest: promptDigest(prompt) };
    }),
    diagnostics: [],
    promptOf: (p) => byName.get(p.name) ?? expect.fail(`no prompt ${p.name}`),
  };
}

/** A source that serves whatever prompts the test sets, for no personas. */
function source(): PromptSource & { prompts: McpPrompt[] } {
  const s = {
    prompts: [] as McpPrompt[],
    load: async () => ({ personas: [], diagnostics: [], files: [], withdrawn: [] }),
    build: (_personas: readonly Persona[]) => served(s.prompts),
  };
  return s;
}

describe("PromptStore reload", () => {
  it("says changed only when a served prompt's definition or messages differ", async () => {
    const src = source();
    const store = new PromptStore(src, () => undefined);
    src.prompts = [prompt("b", "Be brief."), prompt("a", "Be kind.")];
    expect(await store.reload()).toEqual({ changed: true });
    expect(store.list().map((p) => p.name)).toEqual(["a", "b"]);

    // The same prompts, built afresh and in another order: nothing changed for a client.
    src.prompts = [prompt("a", "Be kind."), prompt("b", "Be brief.")];
    expect(await store.reload()).toEqual({ changed: false });

    src.prompts = [prompt("a", "Be kind."), prompt("b", "Be briefer.")];
    expect(await store.reload()).toEqual({ changed: true });
    expect(store.get("b")?.messages[0]?.content.text).toBe("Be briefer.");

    // A text moved from one prompt's field to the next must not hash like the original.
    src.prompts = [prompt("a", "Be kind.Be briefer."), { ...prompt("b", ""), description: "The b persona" }];
    expect(await store.reload()).toEqual({ changed: true });
  });
});

describe("PromptStore and multi-persona files", () => {
  it("keeps serving every persona of a multi-persona file while its new version does not load", async () => {
    const team = "# Team\n\n## `--persona-a`\n\nA.\n\n## `--persona-b`\n\nB.\n";
    const { personas } = parsePersonas(team, { path: "personas/team.md" });
    expect(personas.map((p) => p.id)).toEqual(["a", "b"]);
    let loaded: SourceLoad = { personas, diagnostics: [], files: ["personas/team.md"], withdrawn: [] };
    const src: PromptSource = {
      load: async () => loaded,
      build: (ps) => served(ps.map((p) => prompt(p.id, p.description))),
    };
    const log: string[] = [];
    const store = new PromptStore(src, (line) => log.push(line));
    await store.reload();
    expect(store.list().map((p) => p.name)).toEqual(["a", "b"]);
    // Being edited: the file has an error now, so it yields no persona; both stay served.
    loaded = { personas: [], diagnostics: [], files: ["personas/team.md"], withdrawn: [] };
    await store.reload();
    expect(store.list().map((p) => p.name)).toEqual(["a", "b"]);
    expect(log).toContain("personas/team.md: still serving the last valid version of `b`");
    // Withdrawn for a security finding: neither is served.
    loaded = { ...loaded, withdrawn: ["personas/team.md"] };
    await store.reload();
    expect(store.list()).toEqual([]);
  });
});
