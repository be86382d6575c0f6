import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { CallToolResult, ListToolsResult, Tool } from "@modelcontextprotocol/sdk/types.js";
import { type RouteResult, RouteResultSchema, route } from "@personas/core";
import { z } from "zod";
import { guard, invalidParams, quote, requireObject } from "./errors.js";
import type { PromptStore } from "./prompt-store.js";

/** The tool's name, as hosts show it (`mcp__persona__route_persona` in Claude Code). */
export const ROUTE_TOOL_NAME = "route_persona";

// Bounds keep one call cheap: routing is linear in request length × personas and paths × globs.
const MAX_REQUEST_LENGTH = 64 * 1024;
const MAX_FILES = 1000;
const MAX_PATH_LENGTH = 4096;

/** The tool's input; its JSON Schema is derived from it, so the two cannot disagree. */
const RouteToolInputSchema = z.object({
  request: z.string().max(MAX_REQUEST_LENGTH).describe("The user's request, in their words"),
  files: z
    .array(z.string().max(MAX_PATH_LENGTH))
    .max(MAX_FILES)
    .optional()
    .describe("Paths the request is about, relative to the project root"),
  minConfidence: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe("Leave out personas matched with a lower confidence, from 0 to 1 (default 0; 0.7 drops noise)"),
});

/**
 * The JSON Schema of an object schema, as a tool's `inputSchema`/`outputSchema`. Draft-07 because
 * hosts validate `structuredContent` with Ajv, whose default dialect it is; with zod's default
 * (2020-12) the SDK client rejects the schema.
 */
function toObjectSchema(schema: z.ZodObject, io: "input" | "output"): Tool["inputSchema"] {
  const { properties, required, ...rest } = z.toJSONSchema(schema, { target: "draft-07", io });
  const objects = Object.entries(properties ?? {}).flatMap(([key, value]) =>
    typeof value === "object" ? [[key, value] as const] : [],
  );
  return { ...rest, type: "object", properties: Object.fromEntries(objects), ...(required ? { required } : {}) };
}

const ROUTE_TOOL: Tool = {
  name: ROUTE_TOOL_NAME,
  title: "Route a request to personas",
  description:
    "Ranks the personas a request activates, best first, each with a confidence from 0 to 1 (0.7 and " +
    "above is a real match) and the reasons: an @id or --persona-id in the request wins outright; persona " +
    "keywords (in any word form), paths given or written in the request that match a persona's file " +
    "globs, and words of the persona's description, focus areas and contexts add points.",
  inputSchema: toObjectSchema(RouteToolInputSchema, "input"),
  outputSchema: toObjectSchema(RouteResultSchema, "output"),
  annotations: { readOnlyHint: true, idempotentHint: true, openWorldHint: false },
};

const ListToolsRequest = z.object({ method: z.literal("tools/list"), params: z.unknown().optional() });
const CallToolRequest = z.object({ method: z.literal("tools/call"), params: z.unknown().optional() });

/** A one-line reason per zod issue: "`files.3`: Too big: expected string to have <=4096 characters". */
function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `\`${i.path.join(".") || "arguments"}\`: ${i.message}`).join("; ");
}

function callRoute(store: PromptStore, params: unknown): CallToolResult {
  const { name, arguments: args } = requireObject(params, "params");
  if (name !== ROUTE_TOOL_NAME) throw invalidParams(`Unknown tool ${quote(String(name))}`);
  const input = RouteToolInputSchema.safeParse(args ?? {});
  if (!input.success) {
    // SEP-1303 (MCP 2025-11-25): bad tool input is a tool error the model can read and correct,
    // not a protocol error.
    return { isError: true, content: [{ type: "text", text: `Invalid arguments: ${describeIssues(input.error)}` }] };
  }
  const { request, files, minConfidence } = input.data;
  const result: RouteResult = route(store.personas(), {
    request,
    ...(files ? { files } : {}),
    ...(minConfidence === undefined ? {} : { minConfidence }),
  });
  // The spec asks tools with structured content to repeat it as JSON text for older clients.
  return { content: [{ type: "text", text: JSON.stringify(result) }], structuredContent: result };
}

/** Serves the `route_persona` tool: `route()` over the personas the server currently serves. */
export function registerRouteTool(server: Server, store: PromptStore, onInternalError: (error: unknown) => void): void {
  server.setRequestHandler(ListToolsRequest, (): ListToolsResult => ({ tools: [ROUTE_TOOL] }));
  server.setRequestHandler(
    CallToolRequest,
    guard(onInternalError, (request) => callRoute(store, request.params)),
  );
}
