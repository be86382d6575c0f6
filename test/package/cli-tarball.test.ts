import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { initializeLine, spawnRaw } from "../e2e/mcp-harness.js";
import { persona, type RunResult, runProcess } from "../helpers/cli.js";
import { exec, packPackage, tarballFile, tarballFiles } from "../helpers/pack.js";

// The CLI bundles everything it runs into dist/, so the published package declares no dependencies:
// `npm install @personas/cli` is one package. This installs the packed tarball the way a user would,
// with the registry pointed at a closed port, so any attempt to fetch something fails the install.

/** Runs a program to its end, whatever its exit code, without colour. */
function run(file: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): Promise<RunResult> {
  return runProcess(file, args, { cwd, env: { ...process.env, NO_COLOR: "1", ...env } });
}

const PERSONAS = 30; // more than the 24 files from which parsing moves to worker threads

describe("@personas/cli installed from its tarball into an empty folder", () => {
  let tarball: string;
  let project: string;
  let bin: string;

  beforeAll(async () => {
    tarball = await packPackage("cli");
    project = await mkdtemp(join(tmpdir(), "persona-install-"));
    await writeFile(join(project, "package.json"), `${JSON.stringify({ name: "fresh", private: true })}\n`);
    await exec(
      "npm",
      [
        "install",
        "--no-audit",
        "--no-fund",
        "--registry",
        "http://127.0.0.1:9/",
        "--cache",
        join(project, ".npm"),
        tarball,
      ],
      { cwd: project },
    );
    await rm(join(project, ".npm"), { recursive: true, force: true });
    bin = join(project, "node_modules", ".bin", "persona");
    for (let i = 1; i <= PERSONAS; i++) {
      const id = `p${String(i).padStart(2, "0")}`;
      await mkdir(join(project, "personas"), { recursive: true });
      await writeFile(join(project, "personas", `${id}.md`), persona(id, { files: [`src/${id}/**`] }));
    }
  }, 180_000);

  afterAll(async () => {
    if (project) await rm(project, { recursive: true, force: true });
    if (tarball) await rm(dirname(tarball), { recursive: true, force: true });
  });

  it("ships dist, the third-party notices, README and LICENSE, and declares no dependencies", async () => {
    const files = await tarballFiles(tarball);
    for (const f of ["LICENSE", "README.md", "package.json", "dist/persona.js", "dist/parse-worker.js"])
      expect(files).toContain(`package/${f}`);
    expect(files).toContain("package/dist/THIRD_PARTY_NOTICES.md");
    expect(files).toContain("package/dist/persona.config.schema.json");
    expect(files.filter((f) => !f.startsWith("package/dist/"))).toEqual([
      "package/LICENSE",
      "package/README.md",
      "package/package.json",
    ]);
    const manifest = JSON.parse(await tarballFile(tarball, "package/package.json")) as Record<string, unknown>;
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.bin).toEqual({ persona: "./dist/persona.js" });
  });

  it("lists every bundled third-party package in dist/THIRD_PARTY_NOTICES.md, with its licence text", async () => {
    const dist = join(project, "node_modules", "@personas", "cli", "dist");
    // esbuild heads each bundled module with a `// <path>` comment: the packages whose code is in dist.
    const bundled = new Set<string>();
    for (const file of (await readdir(dist)).filter((f) => f.endsWith(".js"))) {
      for (const m of (await readFile(join(dist, file), "utf8")).matchAll(
        /^\/\/ \S*node_modules\/((?:@[^/\s]+\/)?[^/\s]+)\//gm,
      ))
        bundled.add(m[1] as string);
    }
    const notices = await readFile(join(dist, "THIRD_PARTY_NOTICES.md"), "utf8");
    const listed = [...notices.matchAll(/^## ((?:@[^/\s]+\/)?[^@\s]+)@(\S+)$/gm)].map((m) => m[1] as string);
    expect(bundled.size).toBeGreaterThan(40);
    expect(new Set(listed)).toEqual(bundled);
    for (const name of ["yaml", "zod", "handlebars", "@modelcontextprotocol/sdk", "micromark", "diff"])
      expect(listed).toContain(name);
    // Every section quotes a licence: a file, or the README's License section where there is none.
    const sections = notices.split(/^## /m).slice(1);
    expect(sections).toHaveLength(listed.length);
    for (const section of sections)
      expect(section, section.split("\n")[0]).toMatch(
        /\n```+text\n[\s\S]*?(?:Permission|Redistribution|License|Copyright)/i,
      );
  });

  it("is one package in node_modules", async () => {
    const top = (await readdir(join(project, "node_modules"))).filter((n) => !n.startsWith("."));
    expect(top).toEqual(["@personas"]);
    expect(await readdir(join(project, "node_modules", "@personas"))).toEqual(["cli"]);
  });

  it("builds, checks and validates from the install, parse workers included", async () => {
    const built = await run(bin, ["build"], project);
    expect(built.stderr).toContain(`${PERSONAS} personas`);
    expect(built.code).toBe(0);
    expect(await readFile(join(project, ".claude", "agents", "p01.md"), "utf8")).toContain("Generated by persona");

    const clean = await run(bin, ["build", "--check"], project);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toBe("");

    await writeFile(join(project, "personas", "p01.md"), persona("p01", { title: "Renamed" }));
    const drift = await run(bin, ["build", "--check"], project);
    expect(drift.code).toBe(1);
    expect(drift.stdout).toContain("+++ b/.claude/agents/p01.md");
    expect(drift.stderr).toMatch(/changed +\.claude\/agents\/p01\.md/);

    // 30 files, none of them cached: validate parses them in worker threads, so the install's
    // dist/parse-worker.js runs (a broken worker chunk fails every file).
    const validated = await run(bin, ["validate"], project, { PERSONA_CACHE: "0" });
    expect(validated.stderr).toContain(`${PERSONAS} files checked, no problems`);
    expect(validated.code).toBe(0);
  });

  it("answers an MCP prompts/list over stdio from the install", async () => {
    const server = spawnRaw(["mcp"], {
      bin: join(project, "node_modules", "@personas", "cli", "dist", "persona.js"),
      cwd: project,
    });
    server.send(initializeLine(1));
    await server.waitFor((m) => m.id === 1);
    server.send(JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }));
    server.send(JSON.stringify({ jsonrpc: "2.0", id: 2, method: "prompts/list" }));
    const list = (await server.waitFor((m) => m.id === 2)) as { result?: { prompts: { name: string }[] } };
    expect(list.result?.prompts.map((p) => p.name).slice(0, 2)).toEqual(["p01", "p02"]);
    expect(list.result?.prompts).toHaveLength(PERSONAS);
    server.child.stdin.end();
    expect((await server.exited()).code).toBe(0);
    expect(server.notJson).toEqual([]);
  });
});
