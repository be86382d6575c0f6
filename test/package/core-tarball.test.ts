import { mkdir, mkdtemp, readdir, readFile, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { targetIds } from "../../packages/core/src/index.js";
import { exec, packPackage, ROOT, tarballFiles } from "../helpers/pack.js";

// The packed @personas/core as a consumer resolves it. Its dependencies come from the registry in
// real life; here the tarball is unpacked into node_modules and its dependencies are linked from
// the workspace's install, so the test needs no network and still resolves through the packed
// package.json exactly as Node does.

describe("@personas/core from its tarball", () => {
  let tarball: string;
  let app: string;

  beforeAll(async () => {
    tarball = await packPackage("core");
    app = await mkdtemp(join(tmpdir(), "persona-core-consumer-"));
    const pkg = join(app, "node_modules", "@personas", "core");
    await mkdir(pkg, { recursive: true });
    await exec("tar", ["-xzf", tarball, "-C", pkg, "--strip-components=1"], { cwd: app });
    const manifest = JSON.parse(await readFile(join(pkg, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    for (const dep of Object.keys(manifest.dependencies)) {
      const target = await realpath(join(ROOT, "packages", "core", "node_modules", dep));
      await mkdir(dirname(join(app, "node_modules", dep)), { recursive: true });
      await symlink(target, join(app, "node_modules", dep), "dir");
    }
    await writeFile(join(app, "package.json"), `${JSON.stringify({ name: "consumer", private: true })}\n`);
  }, 120_000);

  afterAll(async () => {
    if (app) await rm(app, { recursive: true, force: true });
    if (tarball) await rm(dirname(tarball), { recursive: true, force: true });
  });

  it("publishes no source condition, and a default one for require()", async () => {
    const manifest = JSON.parse(await readFile(join(app, "node_modules/@personas/core/package.json"), "utf8")) as {
      exports: Record<string, unknown>;
      publishConfig?: unknown;
    };
    expect(JSON.stringify(manifest.exports)).not.toContain("@personas/source");
    expect(manifest.exports["."]).toEqual({ types: "./dist/index.d.ts", default: "./dist/index.js" });
    const files = await tarballFiles(tarball);
    expect(files).toContain("package/LICENSE");
    expect(files.some((f) => f.startsWith("package/src/"))).toBe(false);
  });

  it("can be require()d (Node 20.19 and later load ESM with require)", async () => {
    const script = [
      'const core = require("@personas/core");',
      'const { persona } = core.parsePersona("---\\nname: a\\ndescription: Reviews.\\n---\\n# A\\n", { path: "a.md" });',
      "console.log(JSON.stringify({ id: persona.id, targets: core.targetIds }));",
    ].join("\n");
    await writeFile(join(app, "use.cjs"), script);
    const { stdout, stderr } = await exec(process.execPath, ["use.cjs"], { cwd: app });
    expect(JSON.parse(stdout)).toEqual({ id: "a", targets: [...targetIds] });
    expect(stderr).toBe("");
  });

  it("can be imported", async () => {
    await writeFile(
      join(app, "use.mjs"),
      'import { compile, parsePersona } from "@personas/core";\n' +
        'const { persona } = parsePersona("# B\\n\\nA reviewer.\\n", { path: "b.md" });\n' +
        'console.log(compile([persona], { targets: ["claude"] }).files.map((f) => f.path).join(","));\n',
    );
    const { stdout } = await exec(process.execPath, ["use.mjs"], { cwd: app });
    expect(stdout.trim()).toBe(".claude/agents/b.md");
    expect(await readdir(join(app, "node_modules", "@personas"))).toEqual(["core"]);
  });
});
