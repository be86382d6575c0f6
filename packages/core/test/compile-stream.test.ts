import { describe, expect, it } from "vitest";
import {
  type CompileResult,
  compile,
  createCompiler,
  declaredOutputs,
  type PartStore,
  type Persona,
  type SharedPart,
  type TargetId,
} from "../src/index.js";
import { casePersonas, cases } from "./compile-support.js";

/** Runs the streaming compiler over personas in the given order and gathers what it returned. */
function streamed(personas: readonly Persona[], options: Parameters<typeof createCompiler>[0] = {}): CompileResult {
  const compiler = createCompiler(options);
  const results = [...personas.map((p) => compiler.add(p)), compiler.finish()];
  return {
    files: results.flatMap((r) => r.files).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    diagnostics: results.flatMap((r) => r.diagnostics),
  };
}

const key = (d: { file: string; line: number; column: number; rule: string; message: string }) =>
  `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`;

/** A part store that keeps each part as JSON text, as the CLI's spool does on disk. */
function jsonPartStore(): PartStore & { kept: Map<TargetId, string[]> } {
  const kept = new Map<TargetId, string[]>();
  return {
    kept,
    add(target, part) {
      kept.set(target, [...(kept.get(target) ?? []), JSON.stringify(part)]);
    },
    take(target) {
      const texts = kept.get(target) ?? [];
      kept.delete(target);
      return texts.map((text) => JSON.parse(text) as SharedPart<unknown>);
    },
  };
}

describe("createCompiler (one persona at a time)", () => {
  for (const name of cases) {
    it(`${name}: gives the same files when its parts of shared files are kept as JSON (a part store)`, () => {
      const personas = casePersonas(name);
      const store = jsonPartStore();
      const compiler = createCompiler({ partStore: store });
      const own = personas.map((p) => compiler.add(p));
      // Every target with shared files keeps its parts in the store until finish.
      expect([...store.kept.keys()].sort()).toEqual(["agents-md", "copilot", "mcp", "roo"]);
      const shared = compiler.finish();
      expect(store.kept.size).toBe(0);
      const files = [...own.flatMap((r) => r.files), ...shared.files].sort((a, b) => (a.path < b.path ? -1 : 1));
      expect(files).toEqual(compile(personas).files);
    });
  }

  for (const name of cases) {
    it(`${name}: gives compile()'s files and diagnostics, in any order of adding`, () => {
      const personas = casePersonas(name);
      const whole = compile(personas);
      for (const order of [personas, [...personas].reverse()]) {
        const one = streamed(order);
        expect(one.files).toEqual(whole.files);
        expect(one.diagnostics.map(key).sort()).toEqual(whole.diagnostics.map(key).sort());
      }
    });
  }

  it("returns each persona's own files from add, and only the shared files from finish", () => {
    const personas = cases
      .flatMap((name) => casePersonas(name))
      .filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i);
    const compiler = createCompiler();
    for (const persona of personas) {
      const { files } = compiler.add(persona);
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) expect(file.personaId).toBe(persona.id);
    }
    const shared = compiler.finish();
    const sharedOutputs = declaredOutputs().filter((d) => !d.output.path.includes("<id>"));
    expect(shared.files.map((f) => f.path).sort()).toEqual(sharedOutputs.map((d) => d.output.path).sort());
    for (const file of shared.files) expect(file.personaId).toBeUndefined();
    // Shared files list personas by id, whatever order they were added in.
    const prompts = JSON.parse(shared.files.find((f) => f.path === ".mcp/prompts.json")?.contents ?? "{}") as {
      prompts: { name: string }[];
    };
    const names = prompts.prompts.map((p) => p.name);
    expect(names).toEqual([...names].sort());
    expect(names).toHaveLength(personas.length);
  });

  it("reports a broken user template once per target, not once per persona", () => {
    const personas = casePersonas(cases[0] as string);
    const broken = { "claude/agent.hbs": "{{#each}}" };
    const { diagnostics } = streamed([...personas, ...personas.map((p) => ({ ...p, id: `${p.id}-copy` }))], {
      targets: ["claude"],
      templates: broken,
    });
    const templateErrors = diagnostics.filter((d) => d.file.includes("agent.hbs"));
    expect(templateErrors).toHaveLength(1);
  });
});

describe("the MCP prompts file in pieces", () => {
  it("is sealed without joining: its chunks are its bytes, and its marker's hash verifies", async () => {
    const { ownershipOf, ownershipOfChunks } = await import("../src/index.js");
    const personas = casePersonas(cases[0] as string);
    const file = compile(personas, { targets: ["mcp"] }).files.find((f) => f.path === ".mcp/prompts.json");
    if (!file) throw new Error("no prompts file");
    expect(file.chunks().length).toBeGreaterThan(3);
    expect(file.chunks().join("")).toBe(file.contents);
    expect(ownershipOf("json", file.contents)).toBe("generated");
    expect(ownershipOfChunks("json", file.chunks())).toBe("generated");
  });
});
