import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { initializeLine, type Message, personaFolder, personaText, type RawServer, spawnRaw } from "./mcp-harness.js";

const request = (id: number, method: string, params?: unknown) =>
  JSON.stringify({ jsonrpc: "2.0", id, method, ...(params === undefined ? {} : { params }) });
const byId = (id: unknown) => (m: Message) => m["id"] === id;

describe("persona mcp over raw stdio", () => {
  let folder: Awaited<ReturnType<typeof personaFolder>>;
  const servers: RawServer[] = [];
  const start = (...args: string[]) => {
    const server = spawnRaw(["mcp", "--personas", folder.dir, ...args]);
    servers.push(server);
    return server;
  };

  beforeAll(async () => {
    folder = await personaFolder({
      "reviewer.md": personaText("reviewer", { body: "Review this: {USER_PROMPT}" }),
    });
  });
  afterEach(() => {
    for (const server of servers.splice(0)) server.child.kill("SIGKILL");
  });
  afterAll(async () => {
    await folder?.remove();
  });

  it("answers malformed JSON-RPC with protocol errors and keeps serving", async () => {
    const server = start();
    server.send("{this is not json");
    server.send(JSON.stringify({ jsonrpc: "1.0", id: 7, method: "prompts/list" }));
    server.send(JSON.stringify([{ jsonrpc: "2.0", id: 8, method: "ping" }]));
    server.send("");
    server.send('"just a string"');
    server.send(request(9, "no/such/method"));
    server.send(initializeLine(1));
    server.send(request(2, "prompts/list"));

    const list = await server.waitFor(byId(2));
    expect(list["result"]).toMatchObject({ prompts: [{ name: "reviewer" }] });
    expect(server.messages.filter((m) => m.error).map((m) => [m["id"], m.error?.code])).toEqual([
      [null, -32700],
      [7, -32600],
      [null, -32600],
      [null, -32600],
      [9, -32601],
    ]);
    expect(server.notJson).toEqual([]);
    expect(server.stderr()).not.toMatch(/\n\s+at /);
  });

  it("discards an oversized message with an error and answers the next one", async () => {
    const server = start();
    server.send(initializeLine(1));
    await server.waitFor(byId(1));
    const huge = "x".repeat(12 * 1024 * 1024);
    server.send(request(2, "prompts/get", { name: "reviewer", arguments: { user_prompt: huge } }));
    server.send(request(3, "prompts/list"));
    const list = await server.waitFor(byId(3), 20_000);
    expect(list["result"]).toMatchObject({ prompts: [{ name: "reviewer" }] });
    expect(server.messages.find((m) => m.error?.code === -32600)?.error?.message).toMatch(/too large/);
    expect(server.child.exitCode).toBeNull();
  });

  it("answers bad prompt arguments with -32602, never -32603", async () => {
    const server = start();
    server.send(initializeLine(1));
    const get = (id: number, args: unknown) =>
      server.send(request(id, "prompts/get", { name: "reviewer", arguments: args }));
    get(2, { user_prompt: 42 });
    get(3, ["not", "an", "object"]);
    get(4, { user_prompt: "y".repeat(300 * 1024) });
    get(5, {});
    server.send(request(6, "prompts/get", { name: 5 }));
    server.send(request(7, "prompts/list", { cursor: 3 }));
    get(8, { user_prompt: "fine\u{e0049}\u{e0047}\u{e004e}" });
    get(9, { user_prompt: "\u001b[2K\u001b[1Afaked line" });
    get(10, { user_prompt: "a \u202eevil" });
    for (const id of [2, 3, 4, 5, 6, 7, 8, 9, 10]) {
      const answer = await server.waitFor(byId(id));
      expect(answer.error?.code, `id ${id}: ${answer.error?.message}`).toBe(-32602);
      expect(answer.error?.message).not.toMatch(/MCP error|\/tmp\//);
    }
    expect((await server.waitFor(byId(2))).error?.message).toMatch(/user_prompt.*string/);
    expect((await server.waitFor(byId(8))).error?.message).toContain("U+E0049");
    // Emoji joiners, tabs and line breaks are ordinary text.
    get(11, { user_prompt: "👩‍💻\tline one\r\nline two" });
    expect((await server.waitFor(byId(11)))["result"]).toBeDefined();
  });

  it.each([[[]], [["--watch"]]])("exits 0 within 2 s when stdin closes (args %j)", async (args) => {
    const server = start(...args);
    await server.waitForStderr("serving 1 prompt from");
    const since = Date.now();
    server.child.stdin.end();
    const { code, ms } = await server.exited(since);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(2000);
  });

  it.each(["SIGTERM", "SIGINT"] as const)("exits 0 within 2 s on %s while watching", async (signal) => {
    const server = start("--watch");
    server.send(initializeLine(1));
    await server.waitFor(byId(1));
    const since = Date.now();
    server.child.kill(signal);
    const { code, ms } = await server.exited(since);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(2000);
  });
});
