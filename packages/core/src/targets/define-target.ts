import type { z } from "zod";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { FileText } from "../formats/file-text.js";
import type { Format } from "../formats/format.js";
import type { Persona } from "../model/persona.js";
import type { Renderer } from "../render/renderer.js";

/**
 * One kind of file a target writes, declared once: where it goes, in which format, and what it
 * is. Emitted paths, what pruning may delete, which output a diagnostic belongs to, the docs
 * tables and `persona targets` all derive from these declarations.
 */
export interface Output<Doc = never> {
  /** Path relative to the output root, POSIX; `<id>` stands for the persona id. No `<id>`: shared. */
  path: string;
  /**
   * Path relative to the user's home folder for `persona build --scope user`, where the tool reads
   * one there (`.claude/agents/<id>.md` is `~/.claude/agents/<id>.md`); undefined: project only.
   */
  user?: string;
  format: Format<Doc>;
  /** What the file is to its tool, for docs and `persona targets`: "Claude Code subagent". */
  description: string;
  /**
   * A size past which the tool reads only part of the file, or advises against it, checked on the
   * finished file (the user's text around a managed block included): a warning saying what the
   * tool does past it.
   */
  limit?: { characters?: number; bytes?: number; lines?: number; what: string; effect: string };
}

/** Declares an output; an identity function that checks the shape and keeps the document type. */
export function defineOutput<Doc>(output: Output<Doc>): Output<Doc> {
  return output;
}

/** A file a target wants written: a document for its output's format. */
export interface TargetFile {
  output: Output<unknown>;
  /** The persona the file belongs to (fills `<id>`); undefined for a file shared by every persona. */
  personaId?: string;
  /** Source paths named in the file's marker. */
  sources: readonly string[];
  doc: unknown;
}

/** A file of `output` holding `doc`: the only way a target makes a `TargetFile`, so doc and format agree. */
export function emit<Doc>(
  output: Output<Doc>,
  doc: NoInfer<Doc>,
  owner: { personaId?: string | undefined; sources: readonly string[] },
): TargetFile {
  const file: TargetFile = { output: output as Output<unknown>, sources: owner.sources, doc };
  if (owner.personaId !== undefined) file.personaId = owner.personaId;
  return file;
}

/** The path of an output for a persona id (or of a shared output). */
export function outputPath(pattern: string, personaId: string | undefined): string {
  return personaId === undefined ? pattern : pattern.replaceAll("<id>", personaId);
}

/** A file another target made for the same persona: which tool, and where. */
export interface EmittedPath {
  target: string;
  /** What the file is, from its output's declaration ("Claude Code subagent"). */
  description: string;
  path: string;
}

/** What a target's compile functions receive besides the persona. */
export interface TargetContext {
  /** The Handlebars renderer with the default or user templates. */
  render: Renderer;
  /** Current contents of the files the target's merged outputs go into, by path. */
  existing: ReadonlyMap<string, string>;
  /**
   * For a target that `listsOtherOutputs`: the files the other selected targets made for this
   * persona, in registry order. Empty for every other target.
   */
  emitted: readonly EmittedPath[];
  /** Where the files go: the project (the default) or the user's home folder. */
  scope: "project" | "user";
  /** The config's map from the MCP server names personas use to configured servers (see `CompileOptions`). */
  mcpServers: Readonly<Record<string, string>> | undefined;
}

/** One persona's part of a target's shared files, with its id (the order) and its build key. */
export interface SharedPart<Part> {
  id: string;
  build: string;
  part: Part;
}

/** What a target makes of one persona: its own files, and its share of the target's shared files. */
export interface PersonaOutput<Part> {
  files: TargetFile[];
  diagnostics: Diagnostic[];
  /** What the persona contributes to `compileShared`; undefined when it contributes nothing. */
  part?: Part | undefined;
}

/**
 * A target: one AI tool. It declares its outputs and maps the model into the tool's vocabulary;
 * formats do the rest (serialising, markers, hashes, merging). Personas are compiled one at a time,
 * so a build can write each persona's files and let go of them (memory stays flat as a library
 * grows); files that list every persona are assembled at the end from small per-persona parts.
 */
export interface Target<Id extends string = string, Options = Record<string, unknown>, Part = unknown> {
  id: Id;
  /** A short human name: "Claude Code subagents". */
  title: string;
  /** The tool documentation its outputs follow. */
  docs: readonly string[];
  /** Every kind of file the target writes, by name. */
  outputs: Readonly<Record<string, Output<never>>>;
  /** Schema of the per-target overrides a persona may set under frontmatter `targets.<id>`. */
  optionsSchema: z.ZodType<Options>;
  /**
   * True for a target whose files say where the other tools' files are (the AGENTS.md block): it
   * is compiled after the others, with their files for the persona in `context.emitted`.
   */
  listsOtherOutputs?: boolean;
  /**
   * The files of one valid persona, plus diagnostics for what the tool would reject. `options` are
   * the persona's `targets.<id>` overrides, already validated by `optionsSchema`.
   */
  compilePersona(persona: Persona, options: Options, context: TargetContext): PersonaOutput<Part>;
  /**
   * Files shared by every persona (Copilot's repository instructions, MCP's prompts.json), from
   * the parts of the personas compiled, in id order.
   */
  compileShared?(
    parts: readonly SharedPart<Part>[],
    context: TargetContext,
  ): { files: TargetFile[]; diagnostics: Diagnostic[] };
  /**
   * The parts of the personas a shared file lists, read back from the file (keyed by source path,
   * with the build key each was made with), so a build that compiles only changed personas can
   * assemble the file again without parsing the others. Undefined when the file cannot be read so.
   */
  recoverParts?(text: FileText): Map<string, { build: string; part: Part }> | undefined;
}

/** Declares a target; an identity function that checks the shape and keeps the literal id type. */
export function defineTarget<const Id extends string, Options, Part = never>(
  target: Target<Id, Options, Part>,
): Target<Id, Options, Part> {
  return target;
}
