import { stringify } from "yaml";
import { type Diagnostic, diagnostic, hasErrors, sortDiagnostics } from "../diagnostics/diagnostic.js";
import { MESSAGES, RULES } from "../diagnostics/rules.js";
import { GENERATED_MARKER } from "../formats/marker.js";
import type { Persona } from "../model/persona.js";
import { normalizeText } from "../parse/text.js";
import { parsePersona } from "../parse-persona.js";
import type { TargetId } from "../targets/index.js";
import { idFromPath } from "../validate/persona-id.js";
import { detectKind, looksLikeFlashbacker, SOURCE_KINDS, type SourceKind } from "./kinds.js";
import { type ImportMove, mapFrontmatter } from "./map-frontmatter.js";
import { readSource } from "./read-source.js";
import { type PersonaSplitter, splitFlagHeadings } from "./split-flags.js";

/** Options of `importPersonas`. */
export interface ImportOptions {
  /** The source file's path as it should appear in diagnostics and the report (POSIX separators). */
  path: string;
  /** The personas folder the files are meant for, as shown to the user (`personas`); default `personas`. */
  personasDir?: string;
  /** How a multi-persona file is split; default: SuperClaude's flag headings. */
  splitter?: PersonaSplitter;
}

/** One persona source file an import produces. */
export interface ImportedFile {
  id: string;
  /** Where it belongs: `<personasDir>/<id>.md`. */
  path: string;
  /** The persona file: YAML frontmatter serialised from an object, then the body as written. */
  text: string;
  kind: SourceKind;
  /** The target that writes the kind of file it came from (compiling for it gives the file back). */
  home: TargetId;
  /** The file `home` writes for it (`.cursor/rules/<id>.mdc`), relative to the output root. */
  output: string;
  /** The source file and the 1-based line where this persona's body starts in it. */
  source: { path: string; line: number };
  /** The source's body for this persona, as written (what a round trip must carry). */
  body: string;
  /** What became which field, and what was kept as plain sections. */
  report: ImportMove[];
}

/** What `importPersonas` returns: the persona files and every diagnostic. */
export interface ImportResult {
  files: ImportedFile[];
  diagnostics: Diagnostic[];
}

/**
 * Converts another tool's file into persona source files (DESIGN.md §8): one file per persona (a
 * multi-persona file gives several), frontmatter mapped to persona's fields with the rest under
 * `targets.<tool>` or `meta:`, and the body kept as written under `layout: verbatim`, so that
 * compiling the persona back to the source's tool gives the same prompt. Pure: nothing is read or
 * written; a persona whose file would not parse is left out with its diagnostics.
 *
 * @example
 * const { files, diagnostics } = importPersonas(text, { path: ".claude/agents/reviewer.md" });
 */
export function importPersonas(text: string, options: ImportOptions): ImportResult {
  const indented = dedentWholeFile(normalizeText(text), options.path);
  const source = indented.text;
  const parts = readSource(source, options.path);
  const diagnostics = [...indented.diagnostics, ...parts.diagnostics];
  if (hasErrors(diagnostics)) return { files: [], diagnostics: sortDiagnostics(diagnostics) };
  const body = withoutMarker(parts.body);
  const markerLines = parts.body.split("\n").length - body.split("\n").length;
  if (body.trim() === "" && parts.data === undefined) {
    diagnostics.push(
      diagnostic("error", RULES.importNothing, MESSAGES.importNothing(), options.path, { line: 1, column: 1 }),
    );
    return { files: [], diagnostics };
  }
  // A file whose frontmatter names it is one persona whatever its headings, as the parser reads it.
  const named = typeof parts.data?.name === "string";
  const split = named ? undefined : (options.splitter ?? splitFlagHeadings)(body, parts.bodyLine);
  let kind = detectKind(options.path, parts.data, split !== undefined);
  if (kind === "markdown" && parts.data === undefined && looksLikeFlashbacker(body)) kind = "flashbacker-persona";
  const units =
    split === undefined
      ? [{ id: undefined, text: body, line: parts.bodyLine + markerLines + indented.skipped }]
      : split.slices.map((s) => ({ id: s.id, text: s.text, line: s.line + markerLines + indented.skipped }));
  if (split !== undefined && split.leftOver.length > 0) {
    const at = { line: split.leftOver[0]?.line ?? 1, column: 1 };
    const titles = split.leftOver.map((l) => l.title);
    diagnostics.push(diagnostic("warning", RULES.importLeftOver, MESSAGES.importLeftOver(titles), options.path, at));
  }

  const files: ImportedFile[] = [];
  const dir = (options.personasDir ?? "personas").replace(/\/+$/, "");
  const seen = new Set<string>();
  for (const unit of units) {
    const flagProblem = unit.id === undefined ? undefined : checkFlag(unit, seen);
    if (flagProblem !== undefined) {
      const at = { line: unit.line, column: 1 };
      diagnostics.push(diagnostic("error", RULES.importFlag, flagProblem, options.path, at));
      continue;
    }
    const done = importUnit(unit, { kind, data: parts.data ?? {}, dir, sourcePath: options.path });
    diagnostics.push(...done.diagnostics);
    if (done.file) files.push(done.file);
  }
  return { files, diagnostics: sortDiagnostics(diagnostics) };
}

/** What is wrong with a flag heading's persona: no text under it, or an id the file already gave. */
function checkFlag(unit: Unit, seen: Set<string>): string | undefined {
  const id = unit.id as string;
  if (seen.has(id)) return MESSAGES.importFlagTwice(id);
  seen.add(id);
  return unit.text
    .split("\n")
    .slice(1)
    .some((l) => l.trim() !== "")
    ? undefined
    : MESSAGES.importFlagEmpty(id);
}

/** One persona's part of a source file: its text, where it starts, and the id its heading gives. */
interface Unit {
  id: string | undefined;
  text: string;
  line: number;
}

/** Makes one persona file; its diagnostics point into the source, where the user can act on them. */
function importUnit(
  unit: Unit,
  from: { kind: SourceKind; data: Readonly<Record<string, unknown>>; dir: string; sourcePath: string },
): { file?: ImportedFile; diagnostics: Diagnostic[] } {
  const { kind } = from;
  const mapped = mapFrontmatter(kind, from.data, unit.id ?? (idFromPath(from.sourcePath) || "persona"));
  const frontmatter = mapped.frontmatter;
  if (unit.id !== undefined) frontmatter.name = unit.id;
  // A persona file keeps the layout its author chose; any other tool's body is kept as written.
  if (kind !== "persona") frontmatter.layout = "verbatim";
  const id = String(frontmatter.name);
  const path = `${from.dir}/${id}.md`;
  const leading = /^(?:[ \t]*\n)*/.exec(unit.text)?.[0] ?? "";
  const body = `${unit.text.slice(leading.length).replace(/\s+$/, "")}\n`;
  const source = { path: from.sourcePath, line: unit.line + (leading.match(/\n/g)?.length ?? 0) };
  const moves = [...mapped.moves];
  let parsed = parsePersona(serialize(frontmatter, body), { path });
  // Without a description the parser takes the first paragraph; an identity line says it better.
  if (frontmatter.description === undefined && parsed.persona?.identity !== undefined) {
    frontmatter.description = parsed.persona.identity;
    moves.push({ from: "the identity line", to: "description" });
    parsed = parsePersona(serialize(frontmatter, body), { path });
  }
  const text = serialize(frontmatter, body);
  const bodyStart = text.split("\n").length - body.split("\n").length + 1;
  const frontmatterLine = unit.id === undefined ? 1 : unit.line;
  const diagnostics = parsed.diagnostics.map((d) => {
    if (d.file !== path) return d;
    if (d.line < bodyStart) return { ...d, file: source.path, line: frontmatterLine, column: 1 };
    return { ...d, file: source.path, line: d.line - bodyStart + source.line };
  });
  if (!parsed.persona) return { diagnostics };
  const file: ImportedFile = {
    id,
    path,
    text,
    kind,
    home: SOURCE_KINDS[kind].home,
    output: homeOutput(kind, parsed.persona),
    source,
    body,
    report: [...moves, ...sectionMoves(parsed.persona)],
  };
  return { file, diagnostics };
}

/**
 * The path the home target writes for the persona. Copilot writes an instructions file only for a
 * persona with file triggers; one without `applyTo` comes back as a custom agent.
 */
function homeOutput(kind: SourceKind, persona: Persona): string {
  const instructionsWithoutFiles = kind === "copilot-instructions" && persona.triggers.files.length === 0;
  const pattern = instructionsWithoutFiles ? SOURCE_KINDS["copilot-agent"].output : SOURCE_KINDS[kind].output;
  return pattern.replace("<id>", persona.id);
}

/** The persona file's text: frontmatter from the object (never by concatenating values), then the body. */
function serialize(frontmatter: Record<string, unknown>, body: string): string {
  const order = ["name", "description", "tools", "model", "globs", "applyTo", "layout", "targets", "meta"];
  const sorted: Record<string, unknown> = {};
  for (const key of order) if (frontmatter[key] !== undefined) sorted[key] = frontmatter[key];
  for (const [key, value] of Object.entries(frontmatter))
    if (!(key in sorted) && value !== undefined) sorted[key] = value;
  const yaml = stringify(sorted, {
    lineWidth: 0,
    defaultStringType: "PLAIN",
    defaultKeyType: "PLAIN",
    aliasDuplicateObjects: false,
  });
  return `---\n${yaml}---\n\n${body}`;
}

/** Where each section of the body went: a model field, or kept as written. */
function sectionMoves(persona: Persona): ImportMove[] {
  return persona.sections.map((s) => ({
    from: s.depth === 0 ? "the text before the first heading" : `section \`${s.title}\``,
    to: s.field === undefined ? "kept as written" : s.field === "title" ? "title" : s.field,
  }));
}

/**
 * A file whose every line is indented alike and whose first line is an indented `---` (seen in a
 * published agent collection) is a code block to markdown readers, and its tool never sees the
 * frontmatter; it is read dedented, with a warning, since that is plainly what its author meant.
 * `skipped` counts the blank lines dropped before it, so reported lines still point into the file.
 */
function dedentWholeFile(text: string, path: string): { text: string; skipped: number; diagnostics: Diagnostic[] } {
  const lines = text.split("\n");
  const first = lines.findIndex((l) => l.trim() !== "");
  const indent = /^([ \t]+)---[ \t]*$/.exec(lines[first] ?? "")?.[1];
  if (indent === undefined || !lines.every((l) => l.trim() === "" || l.startsWith(indent)))
    return { text, skipped: 0, diagnostics: [] };
  const dedented = lines
    .slice(first)
    .map((l) => l.slice(indent.length))
    .join("\n");
  const at = { line: first + 1, column: 1 };
  const message = MESSAGES.importIndented(indent.length);
  const diagnostics = [diagnostic("warning", RULES.importFrontmatter, message, path, at)];
  return { text: dedented, skipped: first, diagnostics };
}

/** A file persona generated carries its marker comment; importing it again drops that line. */
function withoutMarker(body: string): string {
  return body.replace(new RegExp(`^\\s*<!-- ${GENERATED_MARKER}[^\\n]*-->[ \\t]*\\n`), "");
}
