// Claude Code subagents: https://code.claude.com/docs/en/sub-agents (TARGETS.md §1.1)
// - `name` and `description` are required; a `name` that starts with `-` or holds `:` makes Claude
//   Code skip the file silently, so it is checked here.
// - Claude delegates on `description` alone, so it carries the persona's activation cues, on one
//   line: a wrapped `description:` turns into a mapping and the agent silently does not load
//   (anthropics/claude-code#7943).
// - `tools` is the documented comma-separated string; VS Code's reader of .claude/agents expects it.
// - The body replaces the subagent's system prompt.
import { z } from "zod";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { MESSAGES, RULES } from "../diagnostics/rules.js";
import type { FrontmatterField } from "../formats/frontmatter.js";
import type { Persona } from "../model/persona.js";
import { targetOutputs } from "./declarations.js";
import { defineTarget } from "./define-target.js";
import {
  activationDescription,
  checkDescription,
  dedupe,
  personaDiagnostic,
  personaFile,
  renderBody,
} from "./support.js";
import { singleLine, unique } from "./values.js";
import { MODELS } from "./vocabulary.js";

/** Per-persona overrides under frontmatter `targets.claude`, as Claude Code's subagent fields. */
export const ClaudeOptionsSchema = z.strictObject({
  description: z.string().optional(),
  tools: z.union([z.string(), z.array(z.string())]).optional(),
  disallowedTools: z.union([z.string(), z.array(z.string())]).optional(),
  model: z.string().optional(),
  permissionMode: z
    .enum(["default", "acceptEdits", "auto", "dontAsk", "bypassPermissions", "plan", "manual"])
    .optional(),
  maxTurns: z.number().int().positive().optional(),
  skills: z.array(z.string()).optional(),
  memory: z.enum(["user", "project", "local"]).optional(),
  background: z.boolean().optional(),
  effort: z.enum(["low", "medium", "high", "xhigh", "max"]).optional(),
  isolation: z.literal("worktree").optional(),
  color: z.enum(["red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan"]).optional(),
  initialPrompt: z.string().optional(),
});
export type ClaudeOptions = z.infer<typeof ClaudeOptionsSchema>;

// The documented rule is "lowercase letters and hyphens"; digits are accepted in practice and
// persona ids may hold them. No leading hyphen and no `:` (reserved for `plugin:agent`).
const CLAUDE_NAME = /^[a-z0-9][a-z0-9-]*$/;
// Claude Code tool names are PascalCase (`Read`, `Agent(worker)`) or MCP (`mcp__server__tool`).
const CLAUDE_TOOL = /^(?:[A-Z][A-Za-z]*(?:\(.*\))?|mcp__.+)$/;

// Overrides copied into the frontmatter as given, after the fields derived from the model.
const PASSTHROUGH = [
  "permissionMode",
  "maxTurns",
  "skills",
  "memory",
  "background",
  "effort",
  "isolation",
  "color",
  "initialPrompt",
] as const satisfies readonly (keyof ClaudeOptions)[];

// Copilot's tool aliases → Claude Code tools, so an agent written for Copilot keeps its tools here
// (the reverse of copilot.ts's mapping; GitHub documents the Claude names each alias covers).
const FROM_COPILOT: Readonly<Record<string, readonly string[]>> = {
  read: ["Read"],
  edit: ["Edit", "Write"],
  search: ["Grep", "Glob"],
  execute: ["Bash"],
  agent: ["Agent"],
  web: ["WebFetch", "WebSearch"],
  todo: ["TodoWrite"],
};

/** The persona's tools in Claude Code's vocabulary; names Claude does not know are kept as written. */
export function claudeTools(tools: readonly string[]): string[] {
  return unique(tools.flatMap((t) => FROM_COPILOT[t] ?? [t]));
}

function toolString(value: string | readonly string[] | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === "string" ? singleLine(value) : value.map((t) => t.trim()).join(", ");
  return text === "" ? undefined : text;
}

/**
 * The persona's MCP servers under their configured names: the preferred ones (primary, secondary,
 * tertiary, in that order) and the avoided ones. A server the map does not name is left out: only
 * the user knows what a server is called in their setup. Names match without regard to case.
 */
export function mappedMcpServers(
  persona: Persona,
  map: Readonly<Record<string, string>>,
): { preferred: string[]; avoided: string[] } {
  const byName = new Map(Object.entries(map).map(([from, to]) => [from.toLowerCase(), to]));
  const named = (role: (r: string) => boolean) =>
    unique(persona.mcpServers.filter((m) => role(m.role)).flatMap((m) => byName.get(m.name.toLowerCase()) ?? []));
  const avoided = named((r) => r === "avoided");
  return { preferred: named((r) => r !== "avoided").filter((s) => !avoided.includes(s)), avoided };
}

/** Frontmatter values for one persona, with warnings about values Claude Code would misread. */
function agentFrontmatter(
  persona: Persona,
  options: ClaudeOptions,
  into: Diagnostic[],
  mcpMap: Readonly<Record<string, string>> | undefined,
): FrontmatterField[] {
  // Both tools require a description (Claude Code silently skips an agent without one), so a blank
  // override falls back to the persona's own.
  const override = singleLine(options.description ?? "");
  const description = override === "" ? activationDescription(persona) : override;
  checkDescription(persona, description, "The Claude agent description", into, [
    "targets.claude.description",
    "description",
  ]);
  const mapped = persona.tools && claudeTools(persona.tools);
  const tools = toolString(options.tools ?? mapped);
  if (options.tools === undefined && mapped && mapped.length > 0 && !mapped.some((t) => CLAUDE_TOOL.test(t))) {
    const message = MESSAGES.claudeTools(mapped);
    into.push(personaDiagnostic(persona, "warning", RULES.targetUnsupportedValue, message, { keys: ["tools"] }));
  }
  let model = options.model;
  if (model === undefined && persona.model !== undefined) {
    // TARGETS.md §6.5: never copy another tool's model id (Copilot's "GPT-4.1") into Claude's file.
    if (MODELS.claude.pattern.test(persona.model)) model = persona.model;
    else
      into.push(
        personaDiagnostic(persona, "warning", RULES.targetUnsupportedValue, MESSAGES.claudeModel(persona.model), {
          keys: ["model"],
        }),
      );
  }
  // Without the config's map nothing goes into tool lists: persona cannot know the servers' names.
  const servers = mcpMap === undefined ? undefined : mappedMcpServers(persona, mcpMap);
  const avoided = servers?.avoided.map((s) => `mcp__${s}__*`) ?? [];
  return [
    { key: "name", value: persona.id },
    { key: "description", value: description },
    { key: "tools", value: tools },
    {
      key: "disallowedTools",
      value: toolString(options.disallowedTools ?? (avoided.length > 0 ? avoided : undefined)),
    },
    { key: "model", value: model },
    { key: "mcpServers", value: servers && servers.preferred.length > 0 ? servers.preferred : undefined },
    ...PASSTHROUGH.map((key) => ({ key, value: options[key] })),
  ];
}

const outputs = targetOutputs["claude"];

export const claude = defineTarget({
  id: "claude",
  title: "Claude Code subagents",
  docs: ["https://code.claude.com/docs/en/sub-agents"],
  outputs,
  optionsSchema: ClaudeOptionsSchema,
  compilePersona(persona, options, ctx) {
    const diagnostics: Diagnostic[] = [];
    if (!CLAUDE_NAME.test(persona.id)) {
      const rule = "lowercase letters, digits and hyphens, not starting with a hyphen";
      const message = MESSAGES.targetName(persona.id, "Claude agent", rule);
      diagnostics.push(personaDiagnostic(persona, "error", RULES.targetInvalidName, message, { keys: ["name"] }));
      return { files: [], diagnostics };
    }
    const frontmatter = agentFrontmatter(persona, options, diagnostics, ctx.mcpServers);
    const body = renderBody(ctx.render, "claude/agent.hbs", persona);
    diagnostics.push(...body.diagnostics);
    if (body.text === undefined) return { files: [], diagnostics: dedupe(diagnostics) };
    const file = personaFile(outputs.agent, persona, { frontmatter, body: body.text });
    return { files: [file], diagnostics: dedupe(diagnostics) };
  },
});
