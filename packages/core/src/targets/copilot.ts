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
import { type Diagnostic, diagnostic } from "../diagnostics/diagnostic.js";
import { MESSAGES, RULES } from "../diagnostics/rules.js";
import type { Persona } from "../model/persona.js";
import { managedBlock, mergeManagedBlock, positionOf } from "./copilot-managed-block.js";
import { defineTarget, type TargetContext, type TargetFile } from "./define-target.js";
import { type FrontmatterEntry, frontmatter, listOf, singleLine, unique } from "./frontmatter.js";
import {
  activationDescription,
  checkDescription,
  commaGlobs,
  dedupe,
  personaDiagnostic,
  readOptions,
  renderBody,
} from "./support.js";

/** Per-persona overrides under frontmatter `targets.copilot`. */
export const CopilotOptionsSchema = z.strictObject({
  description: z.string().optional(),
  tools: z.union([z.string(), z.array(z.string())]).optional(),
  model: z.union([z.string(), z.array(z.string())]).optional(),
  target: z.enum(["vscode", "github-copilot"]).optional(),
  "disable-model-invocation": z.boolean().optional(),
  "user-invocable": z.boolean().optional(),
  "argument-hint": z.string().optional(),
  applyTo: z.union([z.string(), z.array(z.string())]).optional(),
  excludeAgent: z.enum(["code-review", "coding-agent"]).optional(),
});
export type CopilotOptions = z.infer<typeof CopilotOptionsSchema>;

const AGENT_PROMPT_LIMIT = 30_000;
const CODE_REVIEW_LIMIT = 4_000;
const AGENT_FILENAME = /^[A-Za-z0-9._-]+$/;
const INSTRUCTIONS_PATH = ".github/copilot-instructions.md";

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

/** What a persona contributes to the repository instructions' list: a line, not the persona. */
export interface CopilotPart {
  id: string;
  title: string;
  description: string;
  source: string;
  agent?: string;
  instructions?: string;
  files: string[];
}

function agentFile(ctx: TargetContext<CopilotOptions>, persona: Persona, options: CopilotOptions, into: Diagnostic[]) {
  const path = `.github/agents/${persona.id}.agent.md`;
  const filename = `${persona.id}.agent.md`;
  if (!AGENT_FILENAME.test(filename)) {
    const message = MESSAGES.targetName(filename, "Copilot agent file", "the characters A-Z a-z 0-9 . - _");
    into.push(personaDiagnostic(persona, "error", RULES.targetInvalidName, message));
    return undefined;
  }
  // Both tools require a description (Claude Code silently skips an agent without one), so a blank
  // override falls back to the persona's own.
  const override = singleLine(options.description ?? "");
  const description = override === "" ? activationDescription(persona) : override;
  checkDescription(persona, description, "The Copilot agent description", into);
  const tools = options.tools !== undefined ? listOf(options.tools) : persona.tools?.map(copilotTool);
  const entries: FrontmatterEntry[] = [
    { key: "name", value: persona.id },
    { key: "description", value: description },
    { key: "target", value: options.target },
    { key: "tools", value: tools && tools.length > 0 ? unique(tools) : undefined },
    { key: "model", value: options.model },
    { key: "argument-hint", value: options["argument-hint"] },
    { key: "disable-model-invocation", value: options["disable-model-invocation"] },
    { key: "user-invocable", value: options["user-invocable"] },
  ];
  const body = renderBody(ctx.render, "copilot/agent.hbs", persona);
  into.push(...body.diagnostics);
  if (body.text === undefined) return undefined;
  if (body.text.length > AGENT_PROMPT_LIMIT) {
    const effect = "GitHub rejects longer agent prompts, so the agent file is not emitted; trim the persona";
    into.push(limit(persona, "error", "The Copilot agent prompt", body.text.length, AGENT_PROMPT_LIMIT, effect));
    return undefined;
  }
  return { path, contents: `${frontmatter(entries)}\n${body.text}` };
}

function instructionsFile(
  ctx: TargetContext<CopilotOptions>,
  persona: Persona,
  options: CopilotOptions,
  into: Diagnostic[],
) {
  const globs = commaGlobs(listOf(options.applyTo ?? persona.triggers.files), persona, into);
  if (globs.length === 0) return undefined;
  const entries: FrontmatterEntry[] = [
    { key: "applyTo", value: globs.join(",") },
    { key: "excludeAgent", value: options.excludeAgent },
  ];
  const body = renderBody(ctx.render, "copilot/instructions.hbs", persona);
  into.push(...body.diagnostics);
  if (body.text === undefined) return undefined;
  const contents = `${frontmatter(entries)}\n${body.text}`;
  if (contents.length > CODE_REVIEW_LIMIT && options.excludeAgent !== "code-review") {
    const effect = "Copilot code review reads only the first 4,000 characters (Chat and the coding agent read it all)";
    into.push(limit(persona, "warning", "The Copilot instruction file", contents.length, CODE_REVIEW_LIMIT, effect));
  }
  return { path: `.github/instructions/${persona.id}.instructions.md`, contents, globs };
}

/** The managed block listing the personas, merged into the user's copilot-instructions.md. */
function repositoryInstructions(
  ctx: TargetContext<CopilotOptions>,
  emitted: readonly CopilotPart[],
  into: Diagnostic[],
) {
  const existing = ctx.existing.get(INSTRUCTIONS_PATH);
  if (emitted.length === 0 && existing === undefined) return undefined;
  const personas = emitted.map((e) => ({
    id: e.id,
    title: e.title,
    description: e.description,
    agent: e.agent ?? "",
    instructions: e.instructions ?? "",
    files: e.files,
  }));
  const prose = ctx.render.render("copilot/managed-block.hbs", { personas });
  into.push(...prose.diagnostics);
  if (prose.text === undefined) return undefined;
  const sources = emitted.map((e) => e.source);
  const merged = mergeManagedBlock(existing, managedBlock(prose.text, sources));
  if ("problem" in merged) {
    const at = positionOf(existing ?? "", merged.offset);
    into.push(
      diagnostic("error", RULES.targetManagedBlock, MESSAGES.managedBlock(merged.problem), INSTRUCTIONS_PATH, at),
    );
    return undefined;
  }
  if (merged.text.length > CODE_REVIEW_LIMIT) {
    const message = MESSAGES.targetLimit(
      "The repository instruction file",
      merged.text.length,
      CODE_REVIEW_LIMIT,
      "Copilot code review reads only the first 4,000 characters",
    );
    into.push(diagnostic("warning", RULES.targetLimit, message, INSTRUCTIONS_PATH, { line: 1, column: 1 }));
  }
  return { path: INSTRUCTIONS_PATH, contents: merged.text, sources };
}

export const copilot = defineTarget({
  id: "copilot",
  title: "GitHub Copilot custom agents and instructions",
  outputs: [".github/agents/<id>.agent.md", ".github/instructions/<id>.instructions.md", INSTRUCTIONS_PATH],
  merges: [INSTRUCTIONS_PATH],
  docs: ["https://docs.github.com/copilot/reference/custom-agents-configuration"],
  optionsSchema: CopilotOptionsSchema,
  compilePersona(persona, ctx) {
    const files: TargetFile[] = [];
    const diagnostics: Diagnostic[] = [];
    const options = readOptions(CopilotOptionsSchema, ctx.optionsOf(persona), persona, "copilot", diagnostics);
    if (options === undefined) return { files, diagnostics: dedupe(diagnostics) };
    const own = { personaId: persona.id, sources: [persona.source.path], marker: "frontmatter" as const };
    const entry: CopilotPart = {
      id: persona.id,
      title: persona.title,
      description: sentence(singleLine(persona.description)),
      source: persona.source.path,
      files: [],
    };
    const agent = agentFile(ctx, persona, options, diagnostics);
    if (agent) {
      files.push({ ...own, ...agent });
      entry.agent = agent.path;
    }
    const instructions = instructionsFile(ctx, persona, options, diagnostics);
    if (instructions) {
      files.push({ ...own, path: instructions.path, contents: instructions.contents });
      entry.instructions = instructions.path;
      entry.files = instructions.globs;
    }
    return { files, diagnostics: dedupe(diagnostics), part: agent || instructions ? entry : undefined };
  },
  compileShared(parts, ctx) {
    const diagnostics: Diagnostic[] = [];
    const shared = repositoryInstructions(ctx, parts, diagnostics);
    const files: TargetFile[] = shared ? [{ ...shared, marker: "managed-block" }] : [];
    return { files, diagnostics: dedupe(diagnostics) };
  },
});
