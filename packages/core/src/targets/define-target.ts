import type { z } from "zod";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Persona } from "../model/persona.js";
import type { Renderer } from "../render/renderer.js";

/** A file a target wants written, before the finalise step adds the marker and normalises it. */
export interface TargetFile {
  /** POSIX path relative to the output root. */
  path: string;
  contents: string;
  /**
   * For a large file: its contents as pieces in order, set instead of `contents` (which is then
   * empty), so the file is never held as one string unless someone asks for it whole.
   */
  pieces?: readonly string[];
  /** The persona the file belongs to; undefined for files shared by several personas. */
  personaId?: string;
  /** Source paths named in the file's marker. */
  sources: string[];
  /** How the marker is embedded: after YAML frontmatter, as a markdown comment, or a JSON field. */
  marker: "frontmatter" | "markdown" | "json" | "managed-block";
}

/** What a target's compile functions receive. */
export interface TargetContext<Options> {
  /** Per-persona options from frontmatter `targets.<id>`, already validated by `optionsSchema`. */
  optionsOf(persona: Persona): Options;
  /** The Handlebars renderer with the default or user templates for this target. */
  render: Renderer;
  /** Existing file contents the target must merge with (the copilot managed block), by path. */
  existing: ReadonlyMap<string, string>;
}

/** What a target makes of one persona: its own files, and its share of the target's shared files. */
export interface PersonaOutput<Part> {
  files: TargetFile[];
  diagnostics: Diagnostic[];
  /** What the persona contributes to `compileShared`; undefined when it contributes nothing. */
  part?: Part | undefined;
}

/**
 * A target: one AI tool's native file format. Personas are compiled one at a time, so a build can
 * write each persona's files and let go of them (memory stays flat as a library grows); files that
 * list every persona are assembled at the end from small per-persona parts, never from the
 * personas themselves.
 */
export interface Target<Id extends string = string, Options = Record<string, unknown>, Part = unknown> {
  id: Id;
  /** A short human name: "Claude Code subagents". */
  title: string;
  /** Output paths for docs and `persona targets`, with `<id>` for the persona id. */
  outputs: readonly string[];
  /** The tool documentation each output follows. */
  docs: readonly string[];
  /**
   * Outputs the target merges into rather than owns (Copilot's repository instructions hold the
   * user's text around persona's block): their current contents reach `compileShared` through
   * `existing`. Nothing else is read before compiling.
   */
  merges?: readonly string[];
  /** Schema of the per-target overrides a persona may set under frontmatter `targets.<id>`. */
  optionsSchema: z.ZodType<Options>;
  /** The files of one valid persona, plus diagnostics for what the tool would reject. */
  compilePersona(persona: Persona, context: TargetContext<Options>): PersonaOutput<Part>;
  /**
   * Files shared by every persona (Copilot's repository instructions, MCP's prompts.json), from
   * the parts of the personas compiled, in id order.
   */
  compileShared?(
    parts: readonly Part[],
    context: TargetContext<Options>,
  ): { files: TargetFile[]; diagnostics: Diagnostic[] };
}

/** Declares a target; an identity function that checks the shape and keeps the literal id type. */
export function defineTarget<const Id extends string, Options, Part = never>(
  target: Target<Id, Options, Part>,
): Target<Id, Options, Part> {
  return target;
}
