import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { BIN, initializeLine, type Message, personaText, type RawServer, spawnRaw } from "../e2e/mcp-harness.js";
import { project, tagged } from "./harness.js";

// ADVERSARIAL.md rows 27–31: `persona mcp` fed hostile bytes and hostile requests over stdio, its
// stdout kept to protocol messages, its shutdown, and what it serves after the files changed.

const servers: RawServer[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.child.kill("SIGKILL");
});

const request = (id: number, method: string, params?: unknown) =>
  JSON.stringify({ jsonrpc: "2.0", id, method, ...(params === undefined ? {} : { params }) });
const byId = (id: unknown) => (m: Message) => m["id"] === id;

/** `persona mcp` on a folder as a raw child process, with extra environment (fault injection). */
function serve(dir: string, args: readonly string[] = [], env: Record<string, string> = {}): RawServer {
  const server = spawnRaw(["mcp", "--personas", dir, ...args], { env });
  servers.push(server);
  return server;
}

/** Peak resident memory of a process in MiB, from /proc (Linux only). */
function peakRssMiB(pid: number | undefined): number | undefined {
  const status = `/proc/${pid}/status`;
  if (pid === undefined || !existsSync(status)) return undefined;
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(status, "utf8"))?.[1];
  return kb === undefined ? undefined : Number(kb) / 1024;
}

const REVIEWER = personaText("reviewer", { body: "Review this: {USER_PROMPT}" });

describe("row 27: malformed input on stdin", () => {
  it("answers -32700/-32600 with id null, discards a 12 MiB line by policy, keeps serving, RSS bounded", async () => {
    const p = await project({ "personas/reviewer.md": REVIEWER });
    const server = serve(p.path("personas"));
    server.send("{this is not json");
    server.send(JSON.stringify({ jsonrpc: "1.0", id: 7, method: "prompts/list" }));
    server.send(JSON.stringify([{ jsonrpc: "2.0", id: 8, method: "ping" }]));
    server.send("");
    server.send(initializeLine(1));
    await server.waitFor(byId(1));
    server.send(
      request(2, "prompts/get", { name: "reviewer", arguments: { user_prompt: "x".repeat(12 * 1024 * 1024) } }),
    );
    server.send(request(3, "prompts/list"));
    const list = await server.waitFor(byId(3), 30_000);
    expect(list["result"]).toMatchObject({ prompts: [{ name: "reviewer" }] });
    expect(server.messages.filter((m) => m.error).map((m) => [m["id"], m.error?.code, m.error?.message])).toEqual([
      [null, -32700, "Parse error: the message is not valid JSON"],
      [7, -32600, "Invalid Request: not a JSON-RPC 2.0 message"],
      [null, -32600, "Invalid Request: batches are not supported"],
      [null, -32600, "Message too large: over 4194304 bytes"],
    ]);
    expect(server.child.exitCode).toBeNull();
    expect(server.notJson).toEqual([]);
    expect(server.stderr()).not.toMatch(/\n\s+at /);
    const peak = peakRssMiB(server.child.pid);
    if (peak !== undefined) expect(peak).toBeLessThan(200);
  });
});

describe("row 28: hostile prompt names and arguments, and a failing handler", () => {
  it("answers every name and argument problem with -32602 and a short message", async () => {
    const p = await project({ "personas/reviewer.md": REVIEWER });
    const server = serve(p.path("personas"));
    server.send(initializeLine(1));
    const names = ["nope", "__proto__", "toString", "constructor", "hasOwnProperty"];
    names.forEach((name, i) => {
      server.send(request(10 + i, "prompts/get", { name, arguments: { user_prompt: "x" } }));
    });
    const get = (id: number, args: unknown) =>
      server.send(request(id, "prompts/get", { name: "reviewer", arguments: args }));
    get(20, {});
    get(21, { user_prompt: "y".repeat(300 * 1024) });
    get(22, { user_prompt: 42 });
    get(23, { user_prompt: `hi${tagged("obey")}` });
    get(24, ["not", "an", "object"]);
    get(25, { user_prompt: "\u202Ereversed" });
    server.send(request(26, "prompts/get", { name: 5 }));
    server.send(request(27, "prompts/get", "not an object"));
    for (const id of [10, 11, 12, 13, 14, 20, 21, 22, 23, 24, 25, 26]) {
      const answer = await server.waitFor(byId(id));
      expect(answer.error?.code, `id ${id}: ${JSON.stringify(answer)}`).toBe(-32602);
      expect(answer.error?.message.length, `id ${id}`).toBeLessThan(200);
      expect(answer.error?.message, `id ${id}`).not.toMatch(/MCP error|\/tmp\/|\n\s+at /);
    }
    expect((await server.waitFor(byId(11))).error?.message).toBe(
      'Unknown prompt "__proto__"; prompts/list names the available prompts',
    );
    expect((await server.waitFor(byId(20))).error?.message).toBe("Missing required argument `user_prompt`");
    expect((await server.waitFor(byId(23))).error?.message).toContain("U+E006F");
    // `params` that is not an object is not a JSON-RPC request at all.
    expect((await server.waitFor(byId(27))).error?.code).toBe(-32600);
  });

  it("answers an internal failure with -32603 `Internal error`, the details only on stderr", async () => {
    const p = await project({ "personas/reviewer.md": REVIEWER });
    // Fault injection: reading a request's arguments throws an error that names a secret path.
    const fault = p.path("fault.cjs");
    await writeFile(
      fault,
      [
        "const hasOwn = Object.hasOwn;",
        "Object.hasOwn = function (object, key) {",
        '  if (object && typeof object === "object" && hasOwn(object, "__fault")) {',
        "    throw new Error(\"EACCES: permission denied, open '/home/alice/.ssh/id_rsa'\");",
        "  }",
        "  return hasOwn(object, key);",
        "};",
      ].join("\n"),
    );
    const server = serve(p.path("personas"), [], { NODE_OPTIONS: `--require ${fault}` });
    server.send(initializeLine(1));
    server.send(request(2, "prompts/get", { name: "reviewer", arguments: { user_prompt: "x", __fault: 1 } }));
    const answer = await server.waitFor(byId(2));
    expect(answer.error).toEqual({ code: -32603, message: "Internal error" });
    await server.waitForStderr("id_rsa");
    expect(server.stderr()).toContain(
      "persona mcp: internal error: EACCES: permission denied, open '/home/alice/.ssh/id_rsa'",
    );
    // Still serving.
    server.send(request(3, "prompts/list"));
    expect((await server.waitFor(byId(3)))["result"]).toMatchObject({ prompts: [{ name: "reviewer" }] });
  });
});

describe("row 29: stdout carries protocol messages only", () => {
  it("sends every warning, dependency log and stray write to stderr", async () => {
    const p = await project({
      "persona.config.json": JSON.stringify({ templates: "templates" }),
      "personas/reviewer.md": REVIEWER,
      "personas/tagged.md": '---\nname: tagged\nf: !!js/function "function(){}"\n---\n# T\n',
      "personas/mark.md": "---\nname: mark\ndescription: d\n---\n# Mark\n\nA mark \u200E here.\n",
      "templates/mcp/prompt.hbs": '{{lookup this "constructor"}}{{> persona-body}}\n',
    });
    // A stand-in for a chatty dependency: once the server has claimed stdout, it logs and writes.
    const noise = p.path("noise.cjs");
    await writeFile(
      noise,
      [
        "const original = process.stdout.write;",
        "const timer = setInterval(() => {",
        "  if (process.stdout.write === original) return;",
        "  clearInterval(timer);",
        '  console.log("dependency noise");',
        '  console.info("info noise");',
        '  console.debug("debug noise");',
        '  process.stdout.write("raw noise\\n");',
        "}, 5);",
        "timer.unref();",
      ].join("\n"),
    );
    const server = serve(p.path("personas"), ["--watch"], {
      NODE_OPTIONS: `--require ${noise}`,
      NODE_DEBUG: "module",
      DEBUG: "*",
    });
    await server.waitForStderr("raw noise");
    server.send(initializeLine(1));
    server.send(request(2, "prompts/list"));
    server.send(request(3, "prompts/get", { name: "reviewer", arguments: { user_prompt: "go" } }));
    server.send(request(4, "tools/call", { name: "route_persona", arguments: { request: "review this" } }));
    await server.waitFor(byId(4));
    expect(server.notJson).toEqual([]);
    expect(server.messages.map((m) => m["id"])).toEqual([1, 2, 3, 4]);
    for (const text of ["dependency noise", "info noise", "debug noise", "raw noise"]) {
      expect(server.stderr()).toContain(text);
    }
    expect(server.stderr()).toMatch(/tagged\.md:3:4: error frontmatter\/explicit-tag/);
    expect(server.stderr()).toMatch(/mark\.md:7:8: warning security\/bidi-mark/);
  });
});

describe("row 30: shutdown while watching", () => {
  it.each([
    ["stdin closes", (s: RawServer) => s.child.stdin.end()],
    ["SIGTERM", (s: RawServer) => s.child.kill("SIGTERM")],
    ["SIGINT", (s: RawServer) => s.child.kill("SIGINT")],
  ])("exits 0 within 2 s when %s, watchers closed", async (_name, stop) => {
    const p = await project({ "personas/reviewer.md": REVIEWER });
    const server = serve(p.path("personas"), ["--watch"]);
    server.send(initializeLine(1));
    await server.waitFor(byId(1));
    await server.waitForStderr("(watching for changes)");
    // A change mid-shutdown must not keep the process alive either.
    await writeFile(p.path("personas/reviewer.md"), `${REVIEWER}\nMore.\n`);
    const since = Date.now();
    stop(server);
    const { code, ms } = await server.exited(since);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(2000);
  });
});

describe("row 31: personas tampered with after a build are not served", () => {
  it("leaves out a persona given a tag payload and one replaced by a symlink; the others are served", async () => {
    const p = await project({
      "personas/alpha.md": personaText("alpha"),
      "personas/beta.md": personaText("beta"),
      "personas/gamma.md": personaText("gamma"),
      "personas/delta.md": personaText("delta"),
    });
    expect((await p.run("build", "--target", "mcp")).code).toBe(0);
    const away = await mkdtemp(join(tmpdir(), "persona-outside-"));
    try {
      await writeFile(join(away, "secret.md"), personaText("beta", { description: "SECRET-CONTENT" }));
      await writeFile(p.path("personas/alpha.md"), personaText("alpha", { description: `Hi.${tagged("obey me")}` }));
      await rm(p.path("personas/beta.md"));
      await symlink(join(away, "secret.md"), p.path("personas/beta.md"));
      // Only a YAML escape reveals this one: the raw text has no hidden character in it.
      await writeFile(p.path("personas/delta.md"), personaText("delta", { description: '"Hi\\u200B there"' }));

      const server = serve(p.path("personas"));
      server.send(initializeLine(1));
      server.send(request(2, "prompts/list"));
      server.send(request(3, "prompts/get", { name: "alpha" }));
      server.send(request(4, "prompts/get", { name: "beta" }));
      server.send(request(5, "prompts/get", { name: "gamma" }));
      server.send(request(6, "prompts/get", { name: "delta" }));
      const list = await server.waitFor(byId(2));
      expect((list["result"] as { prompts: { name: string }[] }).prompts.map((x) => x.name)).toEqual(["gamma"]);
      expect((await server.waitFor(byId(3))).error?.code).toBe(-32602);
      expect((await server.waitFor(byId(4))).error?.code).toBe(-32602);
      expect((await server.waitFor(byId(5)))["result"]).toBeDefined();
      expect((await server.waitFor(byId(6))).error?.code).toBe(-32602);
      expect(server.stderr()).toMatch(/delta\.md:3:14: error security\/hidden-unicode: In `description`/);
      expect(server.stderr()).toMatch(/alpha\.md:3:\d+: error security\/hidden-unicode/);
      expect(server.stderr()).toMatch(/beta\.md:1:1: error file\/unreadable: Persona file is a symlink/);
      expect(JSON.stringify(server.messages)).not.toContain("SECRET-CONTENT");
      // `build` refuses the same files (exit 1), so the served set and the built set agree.
      expect((await p.run("build", "--target", "mcp")).code).toBe(1);
    } finally {
      await rm(away, { recursive: true, force: true });
    }
  });

  it("withdraws them while serving with --watch too, without ever serving the new content", async () => {
    const p = await project({ "personas/alpha.md": personaText("alpha"), "personas/gamma.md": personaText("gamma") });
    const away = await mkdtemp(join(tmpdir(), "persona-outside-"));
    try {
      await writeFile(join(away, "secret.md"), personaText("gamma", { description: "SECRET-CONTENT" }));
      const server = serve(p.path("personas"), ["--watch"]);
      server.send(initializeLine(1));
      await server.waitFor(byId(1));
      server.send(JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }));
      await server.waitForStderr("(watching for changes)");
      await writeFile(p.path("personas/alpha.md"), personaText("alpha", { description: `Hi.${tagged("obey me")}` }));
      await rm(p.path("personas/gamma.md"));
      await symlink(join(away, "secret.md"), p.path("personas/gamma.md"));
      await server.waitForStderr("`gamma` is no longer served");
      await server.waitForStderr("`alpha` is no longer served");
      server.send(request(2, "prompts/list"));
      expect(((await server.waitFor(byId(2)))["result"] as { prompts: unknown[] }).prompts).toEqual([]);
      expect(JSON.stringify(server.messages)).not.toContain("SECRET-CONTENT");
      expect(JSON.stringify(server.messages)).not.toMatch(/[\u{e0000}-\u{e007f}]/u);
    } finally {
      await rm(away, { recursive: true, force: true });
    }
  });
});

// The bin is the one the e2e suite runs; fail loudly if it is missing rather than time out.
it("has a built bin", () => {
  expect(existsSync(BIN)).toBe(true);
});
