import type { McpPrompt, Persona } from "@personas/core";
import { describe, expect, it } from "vitest";
import { type PromptSource, PromptStore } from "../src/mcp/prompt-store.js";

function prompt(name: string, text: string): McpPrompt {
  return {
    name,
    title: name,
    description: `The ${name} persona`,
    arguments: [],
    messages: [{ role: "user", content: { type: "text", text } }],
  };
}

/** A source that serves whatever prompts the test sets, for no personas. */
function source(): PromptSource & { prompts: McpPrompt[] } {
  const s = {
    prompts: [] as McpPrompt[],
    load: async () => ({ personas: [], diagnostics: [], files: [], withdrawn: [] }),
    build: (_personas: readonly Persona[]) => ({ prompts: s.prompts, diagnostics: [] }),
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
