// AGENTS.md: https://agents.md (TARGETS.md §5.1, §5.2)
// - Plain markdown, no frontmatter, read by Codex, Cursor, Copilot (cloud agent, CLI, VS Code),
//   opencode, Zed, Cline, Windsurf and Roo; the user usually writes in it too, so persona owns only
//   a managed block listing the personas and where each tool reads them.
// - Codex reads the AGENTS.md chain up to `project_doc_max_bytes` (32 KiB by default) and drops
//   the rest silently, so a longer file gets a warning.
import { z } from "zod";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { managedMarkdownBlock } from "../formats/managed-block.js";
import { defineOutput, defineTarget, emit } from "./define-target.js";
import { activationCues, dedupe } from "./support.js";
import { singleLine } from "./values.js";

/** Per-persona overrides under frontmatter `targets.agents-md`. */
export const AgentsMdOptionsSchema = z.strictObject({
  /** Leave the persona out of the AGENTS.md list. */
  exclude: z.boolean().optional(),
  description: z.string().optional(),
});
export type AgentsMdOptions = z.infer<typeof AgentsMdOptionsSchema>;

/** A persona's entry in the list: a few lines of text, not the persona. */
export interface AgentsMdPart {
  id: string;
  title: string;
  description: string;
  whenToUse: string;
  files: { title: string; path: string }[];
  source: string;
}

const outputs = {
  block: defineOutput({
    path: "AGENTS.md",
    format: managedMarkdownBlock,
    description: "a managed block in AGENTS.md listing the personas and each tool's file for them",
    limit: {
      bytes: 32 * 1024,
      what: "AGENTS.md",
      effect: "Codex reads the AGENTS.md chain only up to 32 KiB (`project_doc_max_bytes`) and silently drops the rest",
    },
  }),
};

export const agentsMd = defineTarget({
  id: "agents-md",
  title: "AGENTS.md persona list",
  docs: ["https://agents.md"],
  outputs,
  optionsSchema: AgentsMdOptionsSchema,
  listsOtherOutputs: true,
  compilePersona(persona, options, ctx) {
    if (options.exclude === true) return { files: [], diagnostics: [] };
    const description = singleLine(options.description ?? persona.description) || persona.title;
    const part: AgentsMdPart = {
      id: persona.id,
      title: persona.title,
      description: /[.!?]$/.test(description) ? description : `${description}.`,
      whenToUse: activationCues(persona).join("; "),
      files: ctx.emitted.map((e) => ({ title: e.description, path: e.path })),
      source: persona.source.path,
    };
    return { files: [], diagnostics: [], part };
  },
  compileShared(parts: readonly AgentsMdPart[], ctx) {
    const diagnostics: Diagnostic[] = [];
    if (parts.length === 0 && !ctx.existing.has(outputs.block.path)) return { files: [], diagnostics };
    const prose = ctx.render.render("agents-md/block.hbs", { personas: parts });
    diagnostics.push(...prose.diagnostics);
    if (prose.text === undefined) return { files: [], diagnostics: dedupe(diagnostics) };
    const file = emit(outputs.block, { prose: prose.text }, { sources: parts.map((p) => p.source) });
    return { files: [file], diagnostics: dedupe(diagnostics) };
  },
});
