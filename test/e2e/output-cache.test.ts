import { rm } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { makeProject, type Project, parseJson, persona } from "../helpers/cli.js";

// The outputs are the cache: a persona whose files carry the build key its source gives, with
// content hashes that match and no file missing, is neither parsed nor compiled (`compiled` in
// `--json` lists the ones that were). Everything that changes a key, or an edit, or a missing
// file, makes exactly the affected personas be compiled again; nothing stale is ever trusted.

interface BuildJson {
  ok: boolean;
  compiled: string[];
  files: { path: string; action: string }[];
  summary: { written: number; unchanged: number; removed: number; edited: number };
}

const projects: Project[] = [];
afterEach(async () => {
  for (const p of projects.splice(0)) await p.remove();
});

/** A project with three personas, built once; builds run with no parse cache anywhere. */
async function built(extra: Record<string, string> = {}): Promise<Project> {
  const p = await makeProject({
    "persona.config.json": "{}\n",
    "personas/alpha.md": persona("alpha", { keywords: ["review"], files: ["src/**"] }),
    "personas/beta.md": persona("beta"),
    "personas/gamma.md": persona("gamma"),
    ...extra,
  });
  projects.push(p);
  const first = await build(p);
  expect(first.compiled).toEqual(["alpha", "beta", "gamma"]);
  return p;
}

async function build(p: Project, ...args: string[]): Promise<BuildJson> {
  const r = await p.run("build", "--json", ...args);
  return parseJson<BuildJson>(r);
}

const changed = (json: BuildJson) => json.files.filter((f) => f.action !== "unchanged").map((f) => f.path);

describe("the outputs as the cache", () => {
  it("compiles nothing on a no-op build or --check, and writes nothing", async () => {
    const p = await built();
    const again = await build(p);
    expect(again.compiled).toEqual([]);
    expect(again.summary.written).toBe(0);
    const check = await build(p, "--check");
    expect(check.ok).toBe(true);
    expect(check.compiled).toEqual([]);
  });

  it("compiles only a changed persona, and rewrites its files and the shared files", async () => {
    const p = await built();
    await p.write("personas/beta.md", persona("beta", { title: "Beta, changed" }));
    const json = await build(p);
    expect(json.compiled).toEqual(["beta"]);
    const paths = changed(json);
    expect(paths).toContain(".claude/agents/beta.md");
    expect(paths).toContain(".mcp/prompts.json");
    expect(paths.some((f) => f.includes("alpha") || f.includes("gamma"))).toBe(false);
    // The shared files assembled from the others' recovered parts are exactly a full build's.
    const prompts = await p.read(".mcp/prompts.json");
    const agents = await p.read("AGENTS.md");
    await rm(p.path(".mcp"), { recursive: true });
    const full = await build(p);
    expect(full.compiled).toEqual(["alpha", "beta", "gamma"]);
    expect(await p.read(".mcp/prompts.json")).toBe(prompts);
    expect(await p.read("AGENTS.md")).toBe(agents);
  });

  it("compiles every persona when a template changes", async () => {
    const p = await built({ "templates/claude/agent.hbs": "{{title}}\n" });
    await p.write("persona.config.json", JSON.stringify({ templates: "templates" }));
    expect((await build(p)).compiled).toEqual(["alpha", "beta", "gamma"]);
    expect((await build(p)).compiled).toEqual([]);
    await p.write("templates/claude/agent.hbs", "{{title}} (changed)\n");
    const json = await build(p);
    expect(json.compiled).toEqual(["alpha", "beta", "gamma"]);
    expect(await p.read(".claude/agents/alpha.md")).toContain("(changed)");
  });

  it("compiles the persona of a file whose key is stale, malformed, or from before keys", async () => {
    const p = await built();
    const claude = await p.read(".claude/agents/alpha.md");
    const stale = claude.replace(/build:[0-9a-f]{16}/, "build:0123456789abcdef");
    await p.write(".claude/agents/alpha.md", stale);
    let json = await build(p);
    expect(json.compiled).toEqual(["alpha"]);
    // Only the marker differed: the file is rewritten with the right key.
    expect(changed(json)).toEqual([".claude/agents/alpha.md"]);
    expect(await p.read(".claude/agents/alpha.md")).toBe(claude);

    await p.write(
      ".codex/agents/beta.toml",
      (await p.read(".codex/agents/beta.toml")).replace(/build:[0-9a-f]{16}/, "build:zz"),
    );
    json = await build(p);
    expect(json.compiled).toEqual(["beta"]);

    const older = (await p.read(".cursor/rules/gamma.mdc")).replace(/; build:[0-9a-f]{16}; files:[^)]*/, "");
    await p.write(".cursor/rules/gamma.mdc", older);
    json = await build(p, "--check");
    expect(json.compiled).toEqual(["gamma"]);
    expect(json.ok).toBe(false);
  });

  it("still finds a hand edit, a deleted output and a deleted source", async () => {
    const p = await built();
    await p.write(".claude/agents/alpha.md", `${await p.read(".claude/agents/alpha.md")}a hand edit\n`);
    let json = await build(p, "--check");
    expect(json.compiled).toEqual(["alpha"]);
    expect(json.files.find((f) => f.path === ".claude/agents/alpha.md")?.action).toBe("edited");

    await rm(p.path(".gemini/commands/persona/beta.toml"));
    json = await build(p, "--check");
    expect(json.compiled).toEqual(["alpha", "beta"]);
    expect(json.files.find((f) => f.path === ".gemini/commands/persona/beta.toml")?.action).toBe("add");

    await rm(p.path("personas/gamma.md"));
    json = await build(p, "--force");
    expect(json.compiled).toEqual(["alpha", "beta"]);
    expect(changed(json)).toContain(".claude/agents/gamma.md");
    expect(json.files.find((f) => f.path === ".claude/agents/gamma.md")?.action).toBe("remove");
    expect((await build(p)).compiled).toEqual([]);
  });

  it("compiles nothing for a persona built in a fresh clone with no cache anywhere", async () => {
    const p = await built();
    await rm(p.path("node_modules"), { recursive: true, force: true });
    const r = await p.runWith({ PERSONA_CACHE: "0" }, "build", "--check", "--json");
    expect(parseJson<BuildJson>(r).compiled).toEqual([]);
  });
});
