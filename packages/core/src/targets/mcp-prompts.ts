// MCP prompts: https://modelcontextprotocol.io/specification/2025-11-25/server/prompts (TARGETS.md §4)
// - Prompt arguments are strings only; `prompts/get` returns messages, one content block each, with
//   role `user` or `assistant` (there is no system role, so the persona is a `user` message).
// - The spec puts no rule on names, but Claude Code shows prompts as `/mcp__server__prompt` and
//   turns spaces into `_`, so names with spaces get a warning.
import { createHash } from "node:crypto";
import { z } from "zod";
import { compareStrings, type Diagnostic, diagnostic, type Position } from "../diagnostics/diagnostic.js";
import { MESSAGES, RULES } from "../diagnostics/rules.js";
import type { Persona } from "../model/persona.js";
import type { Renderer, TemplateSet } from "../render/renderer.js";
import { rendererFor } from "../render/renderer.js";
import { readTargetOptions } from "../validate/read-options.js";
import { dedupe, personaDiagnostic, positionOf, renderBody } from "./support.js";
import { singleLine } from "./values.js";

/** Per-persona overrides under frontmatter `targets.mcp`. */
export const McpOptionsSchema = z.strictObject({
  name: z.string().optional(),
  title: z.string().optional(),
  description: z.string().optional(),
});
export type McpOptions = z.infer<typeof McpOptionsSchema>;

/** An argument of a prompt; MCP passes every argument value as a string. */
export interface McpPromptArgument {
  name: string;
  description: string;
  required: boolean;
}

/** A message `prompts/get` returns: MCP has no system role, so the persona is a user message. */
export interface McpPromptMessage {
  role: "user";
  content: { type: "text"; text: string };
}

/** A prompt as `prompts/list` describes it, plus the messages `prompts/get` fills in. */
export interface McpPrompt {
  name: string;
  title: string;
  description: string;
  arguments: McpPromptArgument[];
  messages: McpPromptMessage[];
}

/** The argument a persona without placeholders takes; its value is appended to the message. */
export const REQUEST_ARGUMENT = "request";
const REQUEST_HEADING = "## Request";

// The same `{UPPER_SNAKE}` rule as parse/extract-placeholders.ts: not `${VAR}`, `\{X}` or `{{X}}`.
const PLACEHOLDER = /(?<![$\\{])\{([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)\}(?!\})/g;

function placeholdersIn(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(PLACEHOLDER), (m) => m[1] as string))];
}

function argumentsFor(persona: Persona, text: string): McpPromptArgument[] {
  const inText = placeholdersIn(text);
  // The persona's order first (the order its author wrote them), then any a template added.
  const names = [...persona.placeholders.filter((p) => inText.includes(p)), ...inText];
  const unique = [...new Set(names)];
  if (unique.length === 0) {
    const description = "What you want the persona to do; appended to the prompt";
    return [{ name: REQUEST_ARGUMENT, description, required: false }];
  }
  return unique.map((p) => ({
    name: p.toLowerCase(),
    description: `Text that replaces {${p}} in the persona's prompt`,
    required: true,
  }));
}

/** One persona's prompt, before prompt names are checked across personas. */
export interface PromptPart {
  /** The persona's source path: the prompts file's marker names it, and diagnostics point at it. */
  source: string;
  /** Where the prompt's name comes from in the source (`targets.mcp.name`, else `name`). */
  at?: Position | undefined;
  /** Undefined when the persona's options or its template failed (already diagnosed). */
  prompt?: McpPrompt | undefined;
}

/** The text of a persona's prompt message: `mcp/prompt.hbs` rendered, trailing space trimmed. */
function promptText(persona: Persona, render: Renderer): { text?: string; diagnostics: Diagnostic[] } {
  const body = renderBody(render, "mcp/prompt.hbs", persona);
  return body.text === undefined ? body : { text: body.text.replace(/\s+$/, ""), diagnostics: body.diagnostics };
}

/** Renders one persona's prompt; the per-persona half of `promptsWith`. */
export function promptPart(
  persona: Persona,
  render: Renderer,
  options: McpOptions,
): { part: PromptPart; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const cause = { keys: ["targets.mcp.name", "name"] };
  const part: PromptPart = { source: persona.source.path, at: positionOf(persona, cause) };
  const name = options.name?.trim() || persona.id;
  if (/\s/.test(name)) {
    const message = MESSAGES.targetName(name, "MCP prompt", "no spaces (Claude Code shows it as /mcp__server__name)");
    diagnostics.push(personaDiagnostic(persona, "warning", RULES.targetInvalidName, message, cause));
  }
  const body = promptText(persona, render);
  diagnostics.push(...body.diagnostics);
  const text = body.text;
  if (text === undefined) return { part, diagnostics };
  part.prompt = {
    name,
    title: singleLine(options.title ?? persona.title),
    description: singleLine(options.description ?? persona.description),
    arguments: argumentsFor(persona, text),
    messages: [{ role: "user", content: { type: "text", text } }],
  };
  return { part, diagnostics };
}

/**
 * Prompts of personas in id order, keeping the first of each name: a later prompt whose name an
 * earlier persona already took is an error and left out (MCP clients address prompts by name).
 */
export function uniquePromptNames<P extends { source: string; at?: Position | undefined; name?: string | undefined }>(
  parts: readonly P[],
): { kept: P[]; diagnostics: Diagnostic[] } {
  const kept: P[] = [];
  const diagnostics: Diagnostic[] = [];
  const names = new Set<string>();
  for (const part of parts) {
    if (part.name === undefined) continue;
    if (names.has(part.name)) {
      const message = MESSAGES.targetName(part.name, "MCP prompt", "a name no other persona uses");
      diagnostics.push(
        diagnostic("error", RULES.targetInvalidName, message, part.source, part.at ?? { line: 1, column: 1 }),
      );
      continue;
    }
    names.add(part.name);
    kept.push(part);
  }
  return { kept, diagnostics };
}

/**
 * Builds the prompts over a renderer, personas in id order and options checked as `compile` checks
 * them; `keep` turns each prompt into what the caller holds, as soon as it is rendered.
 */
function promptsWith<P extends { name: string }>(
  personas: readonly Persona[],
  render: Renderer,
  keep: (prompt: McpPrompt, persona: Persona) => P,
): { prompts: P[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const sorted = [...personas].sort((a, b) => compareStrings(a.id, b.id));
  const parts = sorted.map((persona): { source: string; at?: Position | undefined; kept?: P } => {
    const read = readTargetOptions(McpOptionsSchema, persona, "mcp");
    diagnostics.push(...read.diagnostics);
    if (read.options === undefined) return { source: persona.source.path };
    const one = promptPart(persona, render, read.options);
    diagnostics.push(...one.diagnostics);
    const { prompt, ...rest } = one.part;
    return prompt === undefined ? rest : { ...rest, kept: keep(prompt, persona) };
  });
  const unique = uniquePromptNames(parts.map((part) => ({ ...part, name: part.kept?.name })));
  return {
    prompts: unique.kept.flatMap((part) => (part.kept ? [part.kept] : [])),
    diagnostics: dedupe([...diagnostics, ...unique.diagnostics]),
  };
}

/**
 * The prompt definitions of the mcp target — the one code path shared by `.mcp/prompts.json` and
 * `persona mcp`. Personas are taken in id order; each becomes one prompt whose single user message
 * is the persona rendered by `mcp/prompt.hbs` (a user template in `templatesDir` or `templates`
 * replaces the default). Every `{PLACEHOLDER}` is a required string argument (`user_prompt`); a
 * persona without placeholders takes an optional `request` argument instead.
 *
 * @example
 * const { prompts } = buildMcpPrompts(personas);
 * const filled = fillPrompt(prompts[0], { user_prompt: "Review this diff" });
 */
export function buildMcpPrompts(
  personas: readonly Persona[],
  options: { templates?: TemplateSet; templatesDir?: string } = {},
): { prompts: McpPrompt[]; diagnostics: Diagnostic[] } {
  return promptsWith(personas, rendererFor(options), (prompt) => prompt);
}

/** A prompt as a server holds it between requests: its definition, and a digest in place of its messages. */
export interface ServedPrompt extends Omit<McpPrompt, "messages"> {
  /** `promptDigest` of the whole prompt, messages included: equal digests, equal prompts. */
  digest: string;
}

/** The prompts `serveMcpPrompts` built, and the way back to each one's messages. */
export interface ServedPrompts {
  prompts: ServedPrompt[];
  diagnostics: Diagnostic[];
  /** The whole prompt, its messages rendered again from the persona with the same templates. */
  promptOf(prompt: ServedPrompt): McpPrompt;
}

/** SHA-256 (hex) of a prompt's JSON: tells a server whether a reload changed what it serves. */
export function promptDigest(prompt: McpPrompt): string {
  return createHash("sha256").update(JSON.stringify(prompt)).digest("hex");
}

/**
 * `buildMcpPrompts` for a server that holds prompts for a long time: the same prompts, but each
 * message is dropped once rendered and rendered again when `promptOf` asks for it. At 10,000
 * personas the messages are 14 MB that `prompts/list` never reads; a `prompts/get` renders one
 * body (well under a millisecond). The personas must not change while `promptOf` is in use; a
 * persona is immutable data, so that only means "keep the objects given".
 *
 * @example
 * const served = serveMcpPrompts(personas);
 * const prompt = served.promptOf(served.prompts[0]); // with its messages, as buildMcpPrompts gives it
 */
export function serveMcpPrompts(
  personas: readonly Persona[],
  options: { templates?: TemplateSet; templatesDir?: string } = {},
): ServedPrompts {
  const render = rendererFor(options);
  const personaOf = new Map<ServedPrompt, Persona>();
  const built = promptsWith(personas, render, (prompt, persona) => {
    const { messages: _messages, ...definition } = prompt;
    const served: ServedPrompt = { ...definition, digest: promptDigest(prompt) };
    personaOf.set(served, persona);
    return served;
  });
  return {
    ...built,
    promptOf(prompt) {
      const persona = personaOf.get(prompt);
      const text = persona === undefined ? undefined : promptText(persona, render).text;
      // Rendering is deterministic and this persona rendered once already: only a foreign prompt gets here.
      if (text === undefined) throw new Error(`The prompt \`${prompt.name}\` was not built by this serveMcpPrompts`);
      const { digest: _digest, ...definition } = prompt;
      return { ...definition, messages: [{ role: "user", content: { type: "text", text } }] };
    },
  };
}

/**
 * Substitutes arguments into a prompt's messages ({USER_PROMPT} ← args.user_prompt; `request`
 * appended when the persona has no placeholders). Extra args ignored.
 *
 * Values are inserted as given and never re-scanned, so an argument holding `{OTHER}` stays
 * literal. The error names the first missing required argument, in declaration order.
 */
export function fillPrompt(
  prompt: McpPrompt,
  args: Readonly<Record<string, string>>,
): { messages: McpPromptMessage[] } | { error: string } {
  const value = (name: string): string | undefined => (Object.hasOwn(args, name) ? args[name] : undefined);
  for (const arg of prompt.arguments) {
    if (arg.required && typeof value(arg.name) !== "string") return { error: MESSAGES.missingPromptArgument(arg.name) };
  }
  const declared = new Set(prompt.arguments.map((a) => a.name));
  const request = declared.has(REQUEST_ARGUMENT) ? value(REQUEST_ARGUMENT) : undefined;
  const messages = prompt.messages.map((message, index): McpPromptMessage => {
    let text = message.content.text.replace(PLACEHOLDER, (token, name: string) => {
      const key = name.toLowerCase();
      const given = declared.has(key) ? value(key) : undefined;
      return typeof given === "string" ? given : token;
    });
    const appendHere =
      index === prompt.messages.length - 1 && !placeholdersIn(message.content.text).includes("REQUEST");
    if (appendHere && typeof request === "string" && request.trim() !== "") {
      text = `${text}\n\n${REQUEST_HEADING}\n\n${request}`;
    }
    return { role: message.role, content: { type: "text", text } };
  });
  return { messages };
}
