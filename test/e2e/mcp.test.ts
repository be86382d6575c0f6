import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildMcpPrompts, loadPersonas, route } from "../../packages/core/src/index.js";
import { connect, personaFolder, personaText, type Session } from "./mcp-harness.js";

const REVIEWER = personaText("reviewer", {
  title: "Code Reviewer",
  description: "Reviews a change before it merges.",
  keywords: ["review", "pull request", "API"],
  files: ["**/*.ts"],
  body: "## Instructions\n1. Review this change: {USER_PROMPT}\n2. Focus on {FOCUS_AREA}.",
});
const DATABASE = personaText("database", {
  keywords: ["SQL", "migration", "API"],
  files: ["**/*.sql", "**/migrations/**"],
});

describe("persona mcp: prompts and the route tool", () => {
  let folder: Awaited<ReturnType<typeof personaFolder>>;
  let session: Session;

  beforeAll(async () => {
    folder = await personaFolder({
      "reviewer.md": REVIEWER,
      "database.md": DATABASE,
      "README.md": "# not a persona\n",
    });
    session = await connect(folder.dir);
  });
  afterAll(async () => {
    await session?.close();
    await folder?.remove();
  });

  it("declares prompts and tools, without listChanged when not watching", () => {
    expect(session.client.getServerCapabilities()).toMatchObject({
      prompts: { listChanged: false },
      tools: {},
    });
    expect(session.client.getServerVersion()?.name).toBe("persona");
  });

  it("lists one prompt per persona with its arguments", async () => {
    const { prompts, nextCursor } = await session.client.listPrompts();
    expect(nextCursor).toBeUndefined();
    expect(prompts.map((p) => p.name)).toEqual(["database", "reviewer"]);
    expect(prompts[1]).toEqual({
      name: "reviewer",
      title: "Code Reviewer",
      description: "Reviews a change before it merges.",
      arguments: [
        { name: "user_prompt", description: expect.any(String), required: true },
        { name: "focus_area", description: expect.any(String), required: true },
      ],
    });
    expect(prompts[0]?.arguments).toEqual([{ name: "request", description: expect.any(String), required: false }]);
  });

  it("lists the same definitions as the mcp target builds for .mcp/prompts.json", async () => {
    const { personas } = await loadPersonas(folder.dir);
    const built = buildMcpPrompts(personas).prompts.map(({ messages: _, ...definition }) => definition);
    expect((await session.client.listPrompts()).prompts).toEqual(built);
  });

  it("gets a prompt with its arguments substituted and extra arguments ignored", async () => {
    const result = await session.client.getPrompt({
      name: "reviewer",
      arguments: { user_prompt: "the {FOCUS_AREA} diff", focus_area: "naming", unrelated: "ignored" },
    });
    expect(result.description).toBe("Reviews a change before it merges.");
    expect(result.messages).toHaveLength(1);
    const message = result.messages[0];
    expect(message?.role).toBe("user");
    const text = message?.content.type === "text" ? message.content.text : "";
    expect(text).toContain("Review this change: the {FOCUS_AREA} diff");
    expect(text).toContain("Focus on naming.");
    expect(text).not.toContain("{USER_PROMPT}");
    expect(text).not.toContain("ignored");
  });

  it("appends the optional request to a persona without placeholders", async () => {
    const result = await session.client.getPrompt({
      name: "database",
      arguments: { request: "Index the orders table" },
    });
    const message = result.messages.at(-1);
    expect(message?.content.type === "text" ? message.content.text : "").toContain("Index the orders table");
  });

  it("answers a missing required argument with -32602 naming it", async () => {
    await expect(
      session.client.getPrompt({ name: "reviewer", arguments: { focus_area: "naming" } }),
    ).rejects.toMatchObject({ code: -32602, message: expect.stringContaining("user_prompt") });
  });

  it.each(["nope", "__proto__", "toString", "constructor"])(
    "answers the unknown prompt %j with -32602",
    async (name) => {
      await expect(session.client.getPrompt({ name })).rejects.toMatchObject({
        code: -32602,
        message: expect.stringContaining(`Unknown prompt "${name}"`),
      });
    },
  );

  it("answers the route tool with the ranking as structured content", async () => {
    const { tools } = await session.client.listTools();
    expect(tools.map((t) => t.name)).toEqual(["route_persona"]);
    expect(tools[0]?.outputSchema?.type).toBe("object");
    const args = { request: "Please review the API migration", files: ["db/migrations/001.sql", "src/app.ts"] };
    const result = await session.client.callTool({ name: "route_persona", arguments: args });
    expect(result.isError).toBeFalsy();
    const { personas } = await loadPersonas(folder.dir);
    const expected = route(personas, args);
    expect(result.structuredContent).toEqual(expected);
    // A tie (the shared keyword "API", one keyword and one path each) is broken by id.
    expect(expected.matches.map((m) => [m.id, m.score, m.confidence])).toEqual([
      ["database", 8.89, 0.99],
      ["reviewer", 8.89, 0.99],
    ]);
    // The same ranking as JSON text, for clients that ignore structured content.
    const [content] = result.content as { type: string; text: string }[];
    expect(JSON.parse(content?.text ?? "")).toEqual(expected);
  });

  it("passes minConfidence and a path written in the request to route(), and returns its result unchanged", async () => {
    const args = { request: "@reviewer check db/migrations/002.sql", minConfidence: 0.7 };
    const result = await session.client.callTool({ name: "route_persona", arguments: args });
    const { personas } = await loadPersonas(folder.dir);
    const expected = route(personas, args);
    expect(result.structuredContent).toEqual(expected);
    expect(expected.matches.map((m) => [m.id, m.confidence])).toEqual([
      ["reviewer", 1],
      // The path matches `**/*.sql`, and its word "migrations" the keyword "migration".
      ["database", 0.99],
    ]);
    const low = await session.client.callTool({ name: "route_persona", arguments: { request: "x", minConfidence: 2 } });
    expect(low.isError).toBe(true);
    expect(JSON.stringify(low.content)).toContain("minConfidence");
  });

  it("reports invalid tool input as a tool error and an unknown tool as -32602", async () => {
    const bad = await session.client.callTool({ name: "route_persona", arguments: { request: 42 } });
    expect(bad.isError).toBe(true);
    expect(JSON.stringify(bad.content)).toContain("request");
    await expect(session.client.callTool({ name: "nope", arguments: {} })).rejects.toMatchObject({ code: -32602 });
  });

  it("logs its start to stderr", () => {
    expect(session.stderr()).toContain("serving 2 prompts");
  });
});

describe("persona mcp: pagination", () => {
  let folder: Awaited<ReturnType<typeof personaFolder>>;
  let session: Session;
  const ids = Array.from({ length: 120 }, (_, i) => `persona-${String(i).padStart(3, "0")}`);

  beforeAll(async () => {
    folder = await personaFolder(Object.fromEntries(ids.map((id) => [`${id}.md`, personaText(id)])));
    session = await connect(folder.dir);
  });
  afterAll(async () => {
    await session?.close();
    await folder?.remove();
  });

  it("pages through every prompt with an opaque cursor", async () => {
    const names: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await session.client.listPrompts(cursor === undefined ? {} : { cursor });
      names.push(...page.prompts.map((p) => p.name));
      cursor = page.nextCursor;
      pages++;
    } while (cursor !== undefined && pages < 10);
    expect(pages).toBeGreaterThan(1);
    expect(names).toEqual(ids);
  });

  it("answers an invalid cursor with -32602", async () => {
    await expect(session.client.listPrompts({ cursor: "not-a-cursor" })).rejects.toMatchObject({ code: -32602 });
  });
});
