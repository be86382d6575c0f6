import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BIN, makeProject, type Project, persona, runProcess } from "../helpers/cli.js";

// A build whose outputs are current parses and compiles nothing, so it must not even load the
// code that would (issue 15: in a small repository that code is most of a `--check`). Each run
// records every module the process loads, through a module hook, and the bundle's chunks are
// read for the packages they hold (esbuild heads each bundled module with a `// path` comment).

const HEAVY = ["zod", "handlebars", "micromark", "unified", "remark-parse", "picomatch"];

/** The packages bundled into the dist files a run loaded. */
async function packagesLoaded(
  cwd: string,
  args: readonly string[],
): Promise<{ code: number | null; packages: Set<string> }> {
  const dir = await mkdtemp(join(tmpdir(), "persona-loads-"));
  try {
    const log = join(dir, "loaded.txt");
    const hooks = join(dir, "hooks.mjs");
    await writeFile(
      hooks,
      `import { appendFileSync } from "node:fs";\nexport async function load(url, context, next) {\n  appendFileSync(${JSON.stringify(log)}, url + "\\n");\n  return next(url, context);\n}\n`,
    );
    const register = join(dir, "register.mjs");
    await writeFile(
      register,
      `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`,
    );
    const env = { ...process.env, PERSONA_CACHE: "0", NO_COLOR: "1" };
    const run = await runProcess(process.execPath, ["--import", pathToFileURL(register).href, BIN, ...args], {
      cwd,
      env,
    });
    const urls = (await readFile(log, "utf8")).split("\n").filter((u) => u.startsWith("file:"));
    const packages = new Set<string>();
    for (const url of urls) {
      const text = readFileSync(fileURLToPath(url), "utf8");
      for (const m of text.matchAll(/^\/\/ \S*node_modules\/\.pnpm\/(@?[^@/]+)@/gm)) packages.add(m[1] as string);
    }
    return { code: run.code, packages };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe("the code a build loads", () => {
  let project: Project;
  beforeEach(async () => {
    project = await makeProject({ "personas/alpha.md": persona("alpha"), "personas/beta.md": persona("beta") });
  });
  afterEach(() => project.remove());

  it("compiling loads the parser, the compiler and Handlebars", async () => {
    const cold = await packagesLoaded(project.dir, ["build"]);
    expect(cold.code).toBe(0);
    for (const name of ["zod", "handlebars", "micromark", "unified"]) expect(cold.packages).toContain(name);
  });

  it("--check and a no-op build with current outputs load none of it", async () => {
    expect((await project.run("build")).code).toBe(0);
    for (const args of [["build", "--check"], ["build"]]) {
      const current = await packagesLoaded(project.dir, args);
      expect(current.code).toBe(0);
      expect([...current.packages].filter((p) => HEAVY.includes(p))).toEqual([]);
    }
  });

  it("a config with keys the plain reader leaves to the schema still loads zod, and only zod", async () => {
    expect((await project.run("build")).code).toBe(0);
    await writeFile(join(project.dir, "persona.config.json"), '{ "idPrefix": "" }\n');
    const bad = await packagesLoaded(project.dir, ["build", "--check"]);
    expect(bad.code).toBe(2);
    expect(bad.packages).toContain("zod");
    expect(bad.packages).not.toContain("handlebars");
  });
});
