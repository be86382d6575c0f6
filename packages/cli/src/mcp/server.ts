import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { registerPromptHandlers } from "./prompt-handlers.js";
import type { PromptStore } from "./prompt-store.js";
import { registerRouteTool } from "./route-tool.js";

/** Options of `createPersonaServer`. */
export interface PersonaServerOptions {
  store: PromptStore;
  version: string;
  /** Whether prompts can change while serving; declared to the client as `prompts.listChanged`. */
  watch: boolean;
  /** Receives a failure the client is only told is an "Internal error". */
  onInternalError(error: unknown): void;
}

/**
 * The MCP server behind `persona mcp`: the personas as prompts, and the `route_persona` tool. Built
 * on the SDK's low-level `Server` rather than `McpServer`, whose `prompts/list` has no pagination
 * and whose argument validation answers -32603 with raw zod text where the spec wants -32602.
 */
export function createPersonaServer(options: PersonaServerOptions): Server {
  const server = new Server(
    { name: "persona", title: "Personas", version: options.version },
    {
      capabilities: { prompts: { listChanged: options.watch }, tools: { listChanged: false } },
      instructions:
        "Each prompt is a persona: an expert role to adopt. Call the route_persona tool with the user's " +
        "request (and the paths it concerns) to find which persona fits best, then get that prompt.",
    },
  );
  registerPromptHandlers(server, options.store, options.onInternalError);
  registerRouteTool(server, options.store, options.onInternalError);
  return server;
}
