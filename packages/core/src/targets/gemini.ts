// Gemini CLI subagents and custom commands (TARGETS.md §5.3, §8):
// https://github.com/google-gemini/gemini-cli/blob/main/docs/core/subagents.md
// https://github.com/google-gemini/gemini-cli/blob/main/docs/cli/custom-commands.md
// - Agents: `.gemini/agents/<name>.md`, YAML frontmatter read by a strict schema: only `kind`,
//   `name` (`[a-z0-9-_]`), `description`, `display_name`, `tools`, `mcp_servers`, `model`,
//   `temperature`, `max_turns`, `timeout_mins`; any other key is `Unrecognized key(s)`, and a tool
//   name Gemini does not know (a Claude name such as `Read`) is `Invalid tool name`.
// - Commands: `.gemini/commands/persona/<id>.toml` is `/persona:<id>`; `prompt` is required,
//   `description` is cut to 100 characters; `{{args}}` is where the user's text goes.
import { z } from "zod";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { FrontmatterField } from "../formats/frontmatter.js";
import type { Persona } from "../model/persona.js";
import { targetOutputs } from "./declarations.js";
import { defineTarget } from "./define-target.js";
import {
  activationDescription,
  checkDescription,
  dedupe,
  leftOut,
  mappedModel,
  personaFile,
  renderBody,
} from "./support.js";
import { singleLine } from "./values.js";
import { MODELS, mapTools } from "./vocabulary.js";

/** Per-persona overrides under frontmatter `targets.gemini`: Gemini CLI's own agent keys. */
export const GeminiOptionsSchema = z.strictObject({
  description: z.string().optional(),
  display_name: z.string().optional(),
  tools: z.array(z.string()).optional(),
  model: z.string().optional(),
  temperature: z.number().min(0).max(2).optional(),
  max_turns: z.number().int().positive().optional(),
  timeout_mins: z.number().int().positive().optional(),
  /** The `/persona:<id>` command's description (cut to 100 characters). */
  commandDescription: z.string().optional(),
});
export type GeminiOptions = z.infer<typeof GeminiOptionsSchema>;

// Gemini CLI shows (and keeps) at most this much of a command's description.
const COMMAND_DESCRIPTION_LIMIT = 100;

const outputs = targetOutputs["gemini"];

/** Gemini's name for an MCP tool: `mcp_<server>_<tool>`, or `mcp_<server>_*` for all of them. */
function geminiMcpName(server: string, tool: string | undefined): string {
  return `mcp_${server}_${tool ?? "*"}`;
}

/** The persona's tools as Gemini tool names; what has no equivalent is left out with an info. */
function geminiTools(persona: Persona, options: GeminiOptions, into: Diagnostic[]): string[] | undefined {
  if (options.tools !== undefined) return options.tools;
  if (persona.tools === undefined) return undefined;
  const { mapped, leftOut: missing } = mapTools(
    persona.tools,
    (m) => m.gemini,
    (t) => geminiMcpName(t.server, t.tool),
  );
  if (missing.length > 0) {
    const why = "Gemini CLI has no such tool; it refuses tool names it does not know";
    into.push(leftOut(persona, "Gemini CLI", "tools", missing, why, ["tools"]));
  }
  return mapped;
}

/** A description of at most 100 characters, cut at a word with an ellipsis. */
function shortDescription(text: string): string {
  if (text.length <= COMMAND_DESCRIPTION_LIMIT) return text;
  const cut = text.slice(0, COMMAND_DESCRIPTION_LIMIT - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > 40 ? cut.slice(0, space) : cut).replace(/[\s.,;:]+$/, "")}…`;
}

export const gemini = defineTarget({
  id: "gemini",
  title: "Gemini CLI subagents and commands",
  docs: ["https://github.com/google-gemini/gemini-cli/blob/main/docs/core/subagents.md"],
  outputs,
  optionsSchema: GeminiOptionsSchema,
  compilePersona(persona, options, ctx) {
    const diagnostics: Diagnostic[] = [];
    const override = singleLine(options.description ?? "");
    const description = override === "" ? activationDescription(persona) : override;
    checkDescription(persona, description, "The Gemini agent description", diagnostics, [
      "targets.gemini.description",
      "description",
    ]);
    const model = mappedModel(persona, options.model, MODELS.gemini, "Gemini CLI", "gemini", diagnostics);
    const frontmatter: FrontmatterField[] = [
      { key: "name", value: persona.id },
      { key: "display_name", value: options.display_name },
      { key: "description", value: description },
      { key: "tools", value: geminiTools(persona, options, diagnostics) },
      { key: "model", value: model },
      { key: "temperature", value: options.temperature },
      { key: "max_turns", value: options.max_turns },
      { key: "timeout_mins", value: options.timeout_mins },
    ];
    const agent = renderBody(ctx.render, "gemini/agent.hbs", persona);
    const command = renderBody(ctx.render, "gemini/command.hbs", persona);
    diagnostics.push(...agent.diagnostics, ...command.diagnostics);
    if (agent.text === undefined || command.text === undefined) return { files: [], diagnostics: dedupe(diagnostics) };
    const commandDescription = shortDescription(
      singleLine(options.commandDescription ?? "") || singleLine(persona.description) || persona.title,
    );
    // `{{args}}` is Gemini's own placeholder for what the user types after the command.
    const prompt = `${command.text.replace(/\s+$/, "")}\n\n## Request\n\n{{args}}`;
    const files = [
      personaFile(outputs.agent, persona, { frontmatter, body: agent.text }),
      personaFile(outputs.command, persona, { value: { description: commandDescription, prompt } }),
    ];
    return { files, diagnostics: dedupe(diagnostics) };
  },
});
