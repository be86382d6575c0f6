import { createHash } from "node:crypto";
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

/**
 * A managed block with its hash sealed again after an edit, as persona seals it: over the text
 * after the notice line through the end line. What a tool that wrote the file itself would give.
 */
function resealBlock(text: string, end: string): string {
  const begin = text.indexOf("persona:begin");
  const noticeStart = text.indexOf("\n", begin) + 1;
  const noticeEnd = text.indexOf("\n", noticeStart);
  const body = text.slice(noticeEnd + 1, text.indexOf(end) + end.length);
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 16);
  const notice = text.slice(noticeStart, noticeEnd).replace(/sha256:[0-9a-f]{16}/, `sha256:${hash}`);
  return text.slice(0, noticeStart) + notice + text.slice(noticeEnd);
}

/** The text with the last `word` replaced (the first ones are in the notice, which is not hashed). */
function editLast(text: string, word: string, by: string): string {
  const at = text.lastIndexOf(word);
  return text.slice(0, at) + by + text.slice(at + word.length);
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

  it("compiles every persona when a config value that changes outputs changes, and none for one that does not", async () => {
    const p = await built();
    await p.write("persona.config.json", JSON.stringify({ mcpServers: { Context7: "context7" } }));
    expect((await build(p)).compiled).toEqual(["alpha", "beta", "gamma"]);
    expect((await build(p)).compiled).toEqual([]);
    // Where things are, or how big a file may be, changes no output: nothing is compiled.
    await p.write(
      "persona.config.json",
      JSON.stringify({ mcpServers: { Context7: "context7" }, maxFileBytes: 2_000_000 }),
    );
    const json = await build(p, "--check");
    expect(json).toMatchObject({ ok: true, compiled: [] });
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

  it("trusts a shared file on its key and block hash, and assembles it again when either is off", async () => {
    const p = await built();
    const agents = await p.read("AGENTS.md");
    // Sealed again after the edit: the key and the hash both say "current", so the file is not
    // assembled (a build of 10,000 current personas never reads their parts) and stays as it is.
    const sealed = resealBlock(editLast(agents, "beta", "beta (sealed edit)"), "<!-- persona:end -->");
    await p.write("AGENTS.md", sealed);
    let json = await build(p, "--check");
    expect(json).toMatchObject({ ok: true, compiled: [] });
    expect(await p.read("AGENTS.md")).toBe(sealed);

    // The same edit left unsealed is a hand edit inside persona's block: its parts are not trusted
    // (the edit would be carried over), so every persona is compiled and the block made again.
    await p.write("AGENTS.md", editLast(agents, "beta", "beta (hand edit)"));
    json = await build(p, "--check");
    expect(json.ok).toBe(false);
    expect(json.compiled).toEqual(["alpha", "beta", "gamma"]);
    expect(changed(json)).toEqual(["AGENTS.md"]);
    json = await build(p);
    expect(await p.read("AGENTS.md")).toBe(agents);

    // A stale key on a file whose hash matches: assembled again from the recovered parts.
    await p.write("AGENTS.md", agents.replace(/build:[0-9a-f]{16}\)/, "build:0123456789abcdef)"));
    json = await build(p);
    expect(json.compiled).toEqual([]);
    expect(changed(json)).toEqual(["AGENTS.md"]);
    expect(await p.read("AGENTS.md")).toBe(agents);
  });

  it("keeps a user's text around a current block as it is, and still refuses a clashing Roo mode", async () => {
    const p = await built();
    const agents = await p.read("AGENTS.md");
    await p.write("AGENTS.md", `# Our agents\n\nWritten by us.\n\n${agents}\nMore of ours.\n`);
    const json = await build(p, "--check");
    expect(json).toMatchObject({ ok: true, compiled: [] });

    const modes = await p.read(".roomodes");
    const mine = "  - slug: beta\n    name: Mine\n    roleDefinition: My own beta.\n    groups: [read]\n";
    await p.write(".roomodes", modes.replace("customModes:\n", `customModes:\n${mine}`));
    const r = await p.run("build", "--check");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\.roomodes:2:\d+: error target\/managed-block: .*slug `beta`/);
  });

  it("builds again, checking every part, when a shared file lacks a current persona's part", async () => {
    // A build of fewer targets updates a persona's own files but not prompts.json; the next full
    // build finds the persona current by its own files, and its part in prompts.json stale.
    const p = await built({ "persona.config.json": JSON.stringify({ targets: ["claude", "mcp"] }) });
    await p.write("personas/beta.md", persona("beta", { title: "Beta, changed" }));
    expect((await build(p, "--target", "claude")).compiled).toEqual(["beta"]);
    const json = await build(p);
    expect(changed(json)).toEqual([".mcp/prompts.json"]);
    expect(await p.read(".mcp/prompts.json")).toContain("Beta, changed");
    expect(await build(p, "--check")).toMatchObject({ ok: true, compiled: [] });
  });

  it("lists in AGENTS.md the files of the targets built, when the targets built change", async () => {
    const p = await built();
    expect(await p.read("AGENTS.md")).toContain(".claude/agents/alpha.md");
    await build(p, "--target", "agents-md");
    expect(await p.read("AGENTS.md")).not.toContain(".claude/agents/alpha.md");
    const json = await build(p, "--check");
    expect(json.ok).toBe(false);
    expect(changed(json)).toEqual(["AGENTS.md"]);
    await build(p);
    expect(await p.read("AGENTS.md")).toContain(".claude/agents/alpha.md");
  });

  it("compiles nothing for a persona built in a fresh clone with no cache anywhere", async () => {
    const p = await built();
    await rm(p.path("node_modules"), { recursive: true, force: true });
    const r = await p.runWith({ PERSONA_CACHE: "0" }, "build", "--check", "--json");
    expect(parseJson<BuildJson>(r).compiled).toEqual([]);
  });
});
