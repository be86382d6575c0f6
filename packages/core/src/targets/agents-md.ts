// AGENTS.md: https://agents.md (TARGETS.md §5.1, §5.2)
// - Plain markdown, no frontmatter, read by Codex, Cursor, Copilot (cloud agent, CLI, VS Code),
//   opencode, Zed, Cline, Windsurf and Roo; the user usually writes in it too, so persona owns only
//   a managed block listing the personas and where each tool reads them.
// - Codex reads the AGENTS.md chain up to `project_doc_max_bytes` (32 KiB by default) and drops
//   the rest silently, so a longer file gets a warning.
import { z } from "zod";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { entryPieces, readEntries, wrapEntries } from "../formats/managed-block.js";
import { targetOutputs } from "./declarations.js";
import { defineTarget, emit } from "./define-target.js";
import { activationCues, dedupe } from "./support.js";
import { singleLine } from "./values.js";

/** Per-persona overrides under frontmatter `targets.agents-md`. */
export const AgentsMdOptionsSchema = z.strictObject({
  /** Leave the persona out of the AGENTS.md list. */
  exclude: z.boolean().optional(),
  description: z.string().optional(),
});
export type AgentsMdOptions = z.infer<typeof AgentsMdOptionsSchema>;

/** A persona's entry in the list, rendered by `agents-md/entry.hbs`: a few lines, not the persona. */
export interface AgentsMdPart {
  source: string;
  text: string;
}

const outputs = targetOutputs["agents-md"];

/** What the block's template is given as its entries, to be replaced by them; text no template writes. */
const ENTRIES_SLOT = "persona-entries-slot-4c1f";

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
    const entry = ctx.render.render("agents-md/entry.hbs", {
      id: persona.id,
      title: persona.title,
      description: /[.!?]$/.test(description) ? description : `${description}.`,
      whenToUse: activationCues(persona).join("; "),
      files: ctx.emitted.map((e) => ({ title: e.description, path: e.path })),
    });
    if (entry.text === undefined) return { files: [], diagnostics: entry.diagnostics };
    const part: AgentsMdPart = { source: persona.source.path, text: entry.text };
    return { files: [], diagnostics: entry.diagnostics, part };
  },
  compileShared(parts, ctx) {
    const diagnostics: Diagnostic[] = [];
    if (parts.length === 0 && !ctx.existing.has(outputs.block.path)) return { files: [], diagnostics };
    const entries = parts.map((p) => ({ source: p.part.source, build: p.build, text: p.part.text }));
    // Rendered around a slot the entries then fill as pieces (see `entryPieces`); a template that
    // does not place the slot exactly once as it is gets the entries joined instead.
    const around = ctx.render.render("agents-md/block.hbs", { entries: ENTRIES_SLOT, count: parts.length });
    diagnostics.push(...around.diagnostics);
    if (around.text === undefined) return { files: [], diagnostics: dedupe(diagnostics) };
    const slotted = around.text.split(ENTRIES_SLOT);
    let prose: string | string[];
    if (slotted.length === 2) {
      prose = [slotted[0] as string, ...entryPieces(entries), slotted[1] as string];
    } else {
      const joined = ctx.render.render("agents-md/block.hbs", { entries: wrapEntries(entries), count: parts.length });
      if (joined.text === undefined) return { files: [], diagnostics: dedupe([...diagnostics, ...joined.diagnostics]) };
      prose = joined.text;
    }
    const file = emit(outputs.block, { prose }, { sources: parts.map((p) => p.part.source) });
    return { files: [file], diagnostics: dedupe(diagnostics) };
  },
  recoverParts(text) {
    const entries = readEntries(text);
    if (!entries) return undefined;
    return new Map([...entries].map(([source, e]) => [source, { build: e.build, part: { source, text: e.text } }]));
  },
});
