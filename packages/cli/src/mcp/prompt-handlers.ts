import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import type { GetPromptResult, ListPromptsResult, Prompt } from "@modelcontextprotocol/sdk/types.js";
import { fillPrompt, type McpPrompt, type ServedPrompt } from "@personas/core";
import { z } from "zod";
import { guard, invalidParams, quote, requireObject } from "./errors.js";
import type { PromptStore } from "./prompt-store.js";

/** Prompts per `prompts/list` page; hosts follow `nextCursor` for the rest. */
export const PROMPT_PAGE_SIZE = 50;

/** The longest accepted argument value, in UTF-16 code units (a pasted file fits; a flood does not). */
export const MAX_ARGUMENT_LENGTH = 256 * 1024;

// The SDK validates params with its own schemas before a handler runs and answers a mismatch with
// -32603 and the raw zod text; these accept any params so the handlers answer -32602 in our words.
const ListPromptsRequest = z.object({ method: z.literal("prompts/list"), params: z.unknown().optional() });
const GetPromptRequest = z.object({ method: z.literal("prompts/get"), params: z.unknown().optional() });

const CURSOR_PREFIX = "after:";

/**
 * The cursor is the name of the last prompt served, so a page boundary stays put when prompts are
 * added or removed between two pages (an offset would skip or repeat one). It is base64url so
 * clients treat it as opaque, as the spec asks.
 */
function encodeCursor(lastName: string): string {
  return Buffer.from(`${CURSOR_PREFIX}${lastName}`, "utf8").toString("base64url");
}

function decodeCursor(cursor: string): string | undefined {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  if (!text.startsWith(CURSOR_PREFIX) || encodeCursor(text.slice(CURSOR_PREFIX.length)) !== cursor) return undefined;
  return text.slice(CURSOR_PREFIX.length);
}

/** The `prompts/list` entry of a prompt: the same definition `.mcp/prompts.json` holds, minus messages. */
function toDefinition(prompt: ServedPrompt): Prompt {
  return {
    name: prompt.name,
    title: prompt.title,
    description: prompt.description,
    arguments: prompt.arguments.map((a) => ({ name: a.name, description: a.description, required: a.required })),
  };
}

function listPrompts(store: PromptStore, params: unknown): ListPromptsResult {
  const { cursor } = requireObject(params ?? {}, "params");
  if (cursor !== undefined && cursor !== null && typeof cursor !== "string") {
    throw invalidParams("`cursor` must be a string");
  }
  const all = store.list();
  let start = 0;
  if (typeof cursor === "string") {
    const after = decodeCursor(cursor);
    if (after === undefined) throw invalidParams(`Invalid cursor ${quote(cursor)}`);
    start = all.findIndex((p) => p.name > after);
    if (start === -1) start = all.length;
  }
  const page = all.slice(start, start + PROMPT_PAGE_SIZE);
  const last = page.at(-1);
  const more = start + PROMPT_PAGE_SIZE < all.length && last !== undefined;
  return { prompts: page.map(toDefinition), ...(more ? { nextCursor: encodeCursor(last.name) } : {}) };
}

// Characters that hide text (Unicode tags), reorder it (bidi overrides and isolates) or drive a
// terminal (C0/C1 controls other than tab and line breaks): a model reads them, a person checking
// what was sent does not (trojan source, "Rules File Backdoor"). Zero-width joiners stay allowed:
// emoji and several scripts need them.
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\u{e0000}-\u{e007f}]/u;

function checkArgument(name: string, value: unknown): string {
  if (typeof value !== "string") {
    throw invalidParams(`Argument ${quote(name)} must be a string, not ${typeName(value)}`);
  }
  if (value.length > MAX_ARGUMENT_LENGTH) {
    throw invalidParams(`Argument ${quote(name)} is longer than ${MAX_ARGUMENT_LENGTH} characters`);
  }
  const hidden = HIDDEN.exec(value);
  if (hidden) {
    const label = `U+${(hidden[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
    throw invalidParams(`Argument ${quote(name)} contains the hidden or control character ${label} at ${hidden.index}`);
  }
  return value;
}

/** Declared arguments only: extra arguments are ignored, whatever their type. */
function readArguments(prompt: McpPrompt, value: unknown): Record<string, string> {
  const given = requireObject(value ?? {}, "arguments");
  const out: Record<string, string> = {};
  for (const { name } of prompt.arguments) {
    if (!Object.hasOwn(given, name)) continue;
    const v = given[name];
    if (v === undefined || v === null) continue;
    out[name] = checkArgument(name, v);
  }
  return out;
}

function typeName(value: unknown): string {
  return Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function getPrompt(store: PromptStore, params: unknown): GetPromptResult {
  const { name, arguments: args } = requireObject(params, "params");
  if (typeof name !== "string") throw invalidParams("`name` must be a string");
  const prompt = store.get(name);
  if (!prompt) throw invalidParams(`Unknown prompt ${quote(name)}; prompts/list names the available prompts`);
  const filled = fillPrompt(prompt, readArguments(prompt, args));
  if ("error" in filled) throw invalidParams(filled.error);
  return { description: prompt.description, messages: filled.messages };
}

/** Serves `prompts/list` (paginated) and `prompts/get` from the store. */
export function registerPromptHandlers(
  server: Server,
  store: PromptStore,
  onInternalError: (error: unknown) => void,
): void {
  server.setRequestHandler(
    ListPromptsRequest,
    guard(onInternalError, (request) => listPrompts(store, request.params)),
  );
  server.setRequestHandler(
    GetPromptRequest,
    guard(onInternalError, (request) => getPrompt(store, request.params)),
  );
}
