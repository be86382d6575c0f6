import type { z } from "zod";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { Persona } from "../model/persona.js";
import type { Renderer } from "../render/renderer.js";

/** A file a target wants written, before the finalise step adds the marker and normalises it. */
export interface TargetFile {
  /** POSIX path relative to the output root. */
  path: string;
  contents: string;
  /** The persona the file belongs to; undefined for files shared by several personas. */
  personaId?: string;
  /** Source paths named in the file's marker. */
  sources: string[];
  /** How the marker is embedded: after YAML frontmatter, as a markdown comment, or a JSON field. */
  marker: "frontmatter" | "markdown" | "json" | "managed-block";
}

/** What a target's `compile` receives. */
export interface TargetContext<Options> {
  /** Valid personas, sorted by id. */
  personas: readonly Persona[];
  /** Per-persona options from frontmatter `targets.<id>`, already validated by `optionsSchema`. */
  optionsOf(persona: Persona): Options;
  /** The Handlebars renderer with the default or user templates for this target. */
  render: Renderer;
  /** Existing file contents the target must merge with (the copilot managed block), by path. */
  existing: ReadonlyMap<string, string>;
}

/** A target: one AI tool's native file format. */
export interface Target<Id extends string = string, Options = Record<string, unknown>> {
  id: Id;
  /** A short human name: "Claude Code subagents". */
  title: string;
  /** Output paths for docs and `persona targets`, with `<id>` for the persona id. */
  outputs: readonly string[];
  /** The tool documentation each output follows. */
  docs: readonly string[];
  /** Schema of the per-target overrides a persona may set under frontmatter `targets.<id>`. */
  optionsSchema: z.ZodType<Options>;
  /** Files this target emits for the personas, plus diagnostics for what the tool would reject. */
  compile(context: TargetContext<Options>): { files: TargetFile[]; diagnostics: Diagnostic[] };
}

/** Declares a target; an identity function that checks the shape and keeps the literal id type. */
export function defineTarget<const Id extends string, Options>(target: Target<Id, Options>): Target<Id, Options> {
  return target;
}
