import { describe, expect, it } from "vitest";
import { createBuildKeys } from "../../src/build-key.js";
import { createCompiler } from "../../src/compile.js";
import { parsePersona } from "../../src/parse-persona.js";
import { hasSharedOutputs, listingTargets, targetIds, targetOutputs } from "../../src/targets/declarations.js";
import type { Target } from "../../src/targets/define-target.js";
import { targets } from "../../src/targets/index.js";

// The declarations are what reading outputs back needs without loading the compile code; they
// must say exactly what the registry's targets do.
describe("target declarations", () => {
  it("list the registry's targets in its order", () => {
    expect(Object.keys(targets)).toEqual([...targetIds]);
  });

  it.each(targetIds.map((id) => [id]))("%s takes its outputs from them and agrees on shared files", (id) => {
    const target = targets[id] as unknown as Target;
    expect(target.outputs).toBe(targetOutputs[id]);
    // A target with a file shared by every persona assembles it and can read its parts back.
    expect(hasSharedOutputs(id)).toBe(target.compileShared !== undefined);
    expect(hasSharedOutputs(id)).toBe(target.recoverParts !== undefined);
    expect(listingTargets.has(id)).toBe(target.listsOtherOutputs === true);
  });
});

describe("createBuildKeys", () => {
  const persona = parsePersona("---\nname: alpha\ndescription: Use for alpha work.\n---\n\n# Alpha\n\nDoes alpha.\n", {
    path: "personas/alpha.md",
  }).persona;

  it("gives the keys the compiler stamps, when handed to it", () => {
    if (!persona) throw new Error("fixture does not parse");
    const options = { targets: ["claude", "agents-md"] as const, buildSalt: "salt" };
    const own = createCompiler(options);
    const keys = createBuildKeys(options);
    const shared = createCompiler({ ...options, keys });
    const a = own.add(persona).files.map((f) => f.contents);
    const b = shared.add(persona).files.map((f) => f.contents);
    expect(b).toEqual(a);
    expect(shared.finish().files.map((f) => f.contents)).toEqual(own.finish().files.map((f) => f.contents));
    // The personas the compiler adds are counted in the caller's keys.
    expect(keys.sharedKeyOf("agents-md", "block")).toBe(own.sharedKeyOf("agents-md", "block"));
    expect(keys.keyOf([{ path: "personas/alpha.md", sha256: persona.source.sha256 }])).toBe(
      own.keyOf([{ path: "personas/alpha.md", sha256: persona.source.sha256 }]),
    );
  });

  it("are refused by a compiler with other templates", () => {
    const keys = createBuildKeys({ templates: { "claude/agent.hbs": "other" } });
    expect(() => createCompiler({ keys })).toThrow(/other templates/);
  });

  it("key a listing target's parts by the targets built", () => {
    const two = createBuildKeys({ targets: ["claude", "agents-md"] });
    const all = createBuildKeys();
    expect(two.partKeyOf("claude", "k")).toBe("k");
    expect(two.partKeyOf("agents-md", "k")).not.toBe("k");
    expect(two.partKeyOf("agents-md", "k")).not.toBe(all.partKeyOf("agents-md", "k"));
  });
});
