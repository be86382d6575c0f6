// GitHub Copilot custom agents and instructions (TARGETS.md §3.1–3.3, §3.7):
// https://docs.github.com/copilot/reference/custom-agents-configuration
// https://docs.github.com/copilot/customizing-copilot/adding-repository-custom-instructions-for-github-copilot
// https://code.visualstudio.com/docs/copilot/customization/custom-agents
// - Agents: `.github/agents/<name>.agent.md`, filename chars `[A-Za-z0-9._-]`, prompt ≤ 30,000
//   characters; `tools` takes Copilot's aliases (read/edit/search/execute/agent/web/todo).
// - Path-specific instructions: `.github/instructions/<name>.instructions.md` with `applyTo`, one
//   comma-separated string of globs. Code review reads only the first 4,000 characters.
// - `.github/copilot-instructions.md`: plain markdown the user also writes in; persona owns only its
//   managed block.
// - `model` comes only from `targets.copilot.model`: Copilot names models "GPT-5 (copilot)", and a
//   Claude alias copied from the persona would be wrong here (TARGETS.md §6.5).
import { z } from "zod";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { MESSAGES, RULES } from "../diagnostics/rules.js";
import { type FrontmatterField, frontmatter } from "../formats/frontmatter.js";
import { readEntries, wrapEntries } from "../formats/managed-block.js";
import type { Persona } from "../model/persona.js";
import { CODE_REVIEW_LIMIT, targetOutputs } from "./declarations.js";
import {
  defineTarget,
  emit,
  outputPath,
  type SharedPart,
  type TargetContext,
  type TargetFile,
} from "./define-target.js";
import {
  activationDescription,
  checkDescription,
  commaGlobs,
  dedupe,
  personaDiagnostic,
  personaFile,
  renderBody,
} from "./support.js";
import { listOf, singleLine, unique } from "./values.js";

/** Per-persona overrides under frontmatter `targets.copilot`. */
export const CopilotOptionsSchema = z.strictObject({
  description: z.string().optional(),
  tools: z.union([z.string(), z.array(z.string())]).optional(),
  model: z.union([z.string(), z.array(z.string())]).optional(),
  target: z.enum(["vscode", "github-copilot"]).optional(),
  "disable-model-invocation": z.boolean().optional(),
  "user-invocable": z.boolean().optional(),
  "argument-hint": z.string().optional(),
  // Passed through as written (TARGETS.md §3.3): VS Code's handoff buttons and allowed subagents,
  // GitHub's MCP servers for the cloud agent (YAML of .mcp.json) and string metadata.
  handoffs: z.array(z.looseObject({ label: z.string(), agent: z.string(), prompt: z.string().optional() })).optional(),
  agents: z.union([z.literal("*"), z.array(z.string())]).optional(),
  "mcp-servers": z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  applyTo: z.union([z.string(), z.array(z.string())]).optional(),
  excludeAgent: z.enum(["code-review", "coding-agent"]).optional(),
});
export type CopilotOptions = z.infer<typeof CopilotOptionsSchema>;

const AGENT_PROMPT_LIMIT = 30_000;
const AGENT_FILENAME = /^[A-Za-z0-9._-]+$/;

const outputs = targetOutputs["copilot"];

// Claude Code tool names → Copilot aliases, as GitHub's docs list the compatible names.
const TOOL_ALIASES: Readonly<Record<string, string>> = {
  bash: "execute",
  shell: "execute",
  powershell: "execute",
  read: "read",
  notebookread: "read",
  edit: "edit",
  multiedit: "edit",
  write: "edit",
  notebookedit: "edit",
  grep: "search",
  glob: "search",
  // Not in GitHub's list; listing a directory is a search in Copilot's vocabulary.
  ls: "search",
  agent: "agent",
  task: "agent",
  "custom-agent": "agent",
  websearch: "web",
  webfetch: "web",
  todowrite: "todo",
};

/**
 * A tool name in Copilot's vocabulary: Claude names become aliases (`Agent(worker)` → `agent`),
 * `mcp__server__tool` becomes `server/tool`, and anything else (Copilot's own names such as
 * `search/codebase`) is kept; Copilot ignores names it does not know.
 */
export function copilotTool(name: string): string {
  const mcp = /^mcp__([^_]+(?:_[^_]+)*?)(?:__(.+))?$/.exec(name);
  if (mcp) return `${mcp[1]}/${mcp[2] ?? "*"}`;
  const base = name.replace(/\(.*\)$/, "").toLowerCase();
  return TOOL_ALIASES[base] ?? name;
}

/** Ends a one-line description with punctuation, so list entries read as sentences. */
function sentence(text: string): string {
  return text === "" || /[.!?]$/.test(text) ? text : `${text}.`;
}

function limit(
  persona: Persona,
  severity: "error" | "warning",
  what: string,
  length: number,
  max: number,
  effect: string,
) {
  return personaDiagnostic(persona, severity, RULES.targetLimit, MESSAGES.targetLimit(what, length, max, effect));
}

/** What a persona contributes to the repository instructions: its entry, rendered. */
export interface CopilotPart {
  source: string;
  /** The persona's entry in the list, rendered by `copilot/managed-block-entry.hbs`. */
  text: string;
}

function agentFile(ctx: TargetContext, persona: Persona, options: CopilotOptions, into: Diagnostic[]) {
  const path = outputPath(outputs.agent.path, persona.id);
  const filename = path.slice(path.lastIndexOf("/") + 1);
  if (!AGENT_FILENAME.test(filename)) {
    const message = MESSAGES.targetName(filename, "Copilot agent file", "the characters A-Z a-z 0-9 . - _");
    into.push(personaDiagnostic(persona, "error", RULES.targetInvalidName, message, { keys: ["name"] }));
    return undefined;
  }
  // Both tools require a description (Claude Code silently skips an agent without one), so a blank
  // override falls back to the persona's own.
  const override = singleLine(options.description ?? "");
  const description = override === "" ? activationDescription(persona) : override;
  checkDescription(persona, description, "The Copilot agent description", into, [
    "targets.copilot.description",
    "description",
  ]);
  const tools = options.tools !== undefined ? listOf(options.tools) : persona.tools?.map(copilotTool);
  const entries: FrontmatterField[] = [
    { key: "name", value: persona.id },
    { key: "description", value: description },
    { key: "target", value: options.target },
    { key: "tools", value: tools && tools.length > 0 ? unique(tools) : undefined },
    { key: "model", value: options.model },
    { key: "argument-hint", value: options["argument-hint"] },
    { key: "disable-model-invocation", value: options["disable-model-invocation"] },
    { key: "user-invocable", value: options["user-invocable"] },
    { key: "agents", value: options.agents },
    { key: "handoffs", value: options.handoffs },
    { key: "mcp-servers", value: options["mcp-servers"] },
    { key: "metadata", value: options.metadata },
  ];
  const body = renderBody(ctx.render, "copilot/agent.hbs", persona);
  into.push(...body.diagnostics);
  if (body.text === undefined) return undefined;
  if (body.text.length > AGENT_PROMPT_LIMIT) {
    const effect = "GitHub rejects longer agent prompts, so the agent file is not emitted; trim the persona";
    into.push(limit(persona, "error", "The Copilot agent prompt", body.text.length, AGENT_PROMPT_LIMIT, effect));
    return undefined;
  }
  return { path, file: personaFile(outputs.agent, persona, { frontmatter: entries, body: body.text }) };
}

function instructionsFile(ctx: TargetContext, persona: Persona, options: CopilotOptions, into: Diagnostic[]) {
  const globs = commaGlobs(listOf(options.applyTo ?? persona.triggers.files), persona, into, [
    "targets.copilot.applyTo",
  ]);
  if (globs.length === 0) return undefined;
  const entries: FrontmatterField[] = [
    { key: "applyTo", value: globs.join(",") },
    { key: "excludeAgent", value: options.excludeAgent },
  ];
  const body = renderBody(ctx.render, "copilot/instructions.hbs", persona);
  into.push(...body.diagnostics);
  if (body.text === undefined) return undefined;
  // Counted without the marker line, as the limit was always counted. The frontmatter is two
  // short keys, so serialising it again here costs little.
  const length = frontmatter(entries).length + 1 + body.text.length;
  if (length > CODE_REVIEW_LIMIT && options.excludeAgent !== "code-review") {
    const effect = "Copilot code review reads only the first 4,000 characters (Chat and the coding agent read it all)";
    into.push(limit(persona, "warning", "The Copilot instruction file", length, CODE_REVIEW_LIMIT, effect));
  }
  const file = personaFile(outputs.instructions, persona, { frontmatter: entries, body: body.text });
  return { path: outputPath(outputs.instructions.path, persona.id), file, globs };
}

/** The managed block listing the personas, merged by its format into the user's file. */
function repositoryInstructions(ctx: TargetContext, parts: readonly SharedPart<CopilotPart>[], into: Diagnostic[]) {
  if (parts.length === 0 && !ctx.existing.has(outputs.repository.path)) return undefined;
  const entries = wrapEntries(parts.map((p) => ({ source: p.part.source, build: p.build, text: p.part.text })));
  const prose = ctx.render.render("copilot/managed-block.hbs", { entries, count: parts.length });
  into.push(...prose.diagnostics);
  if (prose.text === undefined) return undefined;
  return emit(outputs.repository, { prose: prose.text }, { sources: parts.map((p) => p.part.source) });
}

export const copilot = defineTarget({
  id: "copilot",
  title: "GitHub Copilot custom agents and instructions",
  docs: ["https://docs.github.com/copilot/reference/custom-agents-configuration"],
  outputs,
  optionsSchema: CopilotOptionsSchema,
  compilePersona(persona, options, ctx) {
    const files: TargetFile[] = [];
    const diagnostics: Diagnostic[] = [];
    const agent = agentFile(ctx, persona, options, diagnostics);
    if (agent) files.push(agent.file);
    const instructions = instructionsFile(ctx, persona, options, diagnostics);
    if (instructions) files.push(instructions.file);
    if (!agent && !instructions) return { files, diagnostics: dedupe(diagnostics) };
    const entry = ctx.render.render("copilot/managed-block-entry.hbs", {
      id: persona.id,
      title: persona.title,
      description: sentence(singleLine(persona.description)),
      agent: agent?.path ?? "",
      instructions: instructions?.path ?? "",
      files: instructions?.globs ?? [],
    });
    diagnostics.push(...entry.diagnostics);
    const part = entry.text === undefined ? undefined : { source: persona.source.path, text: entry.text };
    return { files, diagnostics: dedupe(diagnostics), part };
  },
  compileShared(parts, ctx) {
    const diagnostics: Diagnostic[] = [];
    const shared = repositoryInstructions(ctx, parts, diagnostics);
    return { files: shared ? [shared] : [], diagnostics: dedupe(diagnostics) };
  },
  recoverParts(text) {
    const entries = readEntries(text);
    if (!entries) return undefined;
    return new Map([...entries].map(([source, e]) => [source, { build: e.build, part: { source, text: e.text } }]));
  },
});
