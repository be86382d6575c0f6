import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createContext } from "./context.js";
import { compositionPaths, projectPaths, scratchDir, seedPaths } from "./project.js";
import { toolList } from "./registry.js";
import { createSandbox } from "./sandbox.js";
import { type CheckContext, formatFinding } from "./tool.js";

let context: CheckContext;
beforeAll(async () => {
  context = await createContext();
});

// Proxy variables cannot stop a raw socket: only a network namespace can pass this test.
const namespaced = createSandbox().cut !== "proxy variables";

describe("the sandbox the loaders run in", () => {
  it.skipIf(!namespaced)("has no network: a connection to the npm registry fails", async () => {
    const home = await scratchDir("net-home");
    const connect = `fetch("https://registry.npmjs.org/").then(() => process.exit(0), (e) => { console.log(e.cause?.code ?? e.message); process.exit(3); })`;
    const result = await context.sandbox.run(process.execPath, ["-e", connect], { cwd: home, home });
    await rm(home, { recursive: true, force: true });
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/EAI_AGAIN|ENOTFOUND|ENETUNREACH/);
  });
});

describe.each(toolList)("$title reads examples/generated", (tool) => {
  it("loads every generated file without a complaint", async () => {
    const result = await tool.check(projectPaths().out, context);
    expect(result.checked.length).toBeGreaterThan(0);
    expect(result.findings.map(formatFinding)).toEqual([]);
  });
});

// The reference persona, as every target's golden files hold it. A target may write
// nothing for it (Cline writes only personas with file triggers), so only complaints count here:
// the examples above prove that each check reads files at all.
describe("the seed's golden output", () => {
  let seed: { out: string; context: CheckContext };
  beforeAll(async () => {
    const paths = await seedPaths();
    seed = { out: paths.out, context: await createContext(paths.personas) };
  });
  afterAll(async () => {
    await rm(seed.out, { recursive: true, force: true });
  });

  it.each(toolList)("$title loads it without a complaint", async (tool) => {
    const result = await tool.check(seed.out, seed.context);
    expect(result.findings.map(formatFinding)).toEqual([]);
  });
});

// The worked example of composition (examples/composition): a persona made of flashbacker's
// persona and two fragments, compiled for every target. What a tool reads is the composed text.
describe("the composition example's output", () => {
  let example: { out: string; context: CheckContext };
  beforeAll(async () => {
    const paths = compositionPaths();
    example = { out: paths.out, context: await createContext(paths.personas) };
  });

  it.each(toolList)("$title loads it without a complaint", async (tool) => {
    const result = await tool.check(example.out, example.context);
    expect(result.findings.map(formatFinding)).toEqual([]);
  });
});
