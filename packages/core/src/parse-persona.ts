import { fillVariables } from "./compose/fill.js";
import { type Diagnostic, diagnostic, hasErrors, sortDiagnostics } from "./diagnostics/diagnostic.js";
import { MESSAGES, RULES } from "./diagnostics/rules.js";
import type { Persona, Triggers } from "./model/persona.js";
import { readBody } from "./parse/body.js";
import { findHiddenInValues } from "./parse/decoded-values.js";
import { findPlaceholders } from "./parse/extract-placeholders.js";
import { mergeUnique, splitList } from "./parse/extract-triggers.js";
import { type Frontmatter, findFrontmatter, keyPositions, parseFrontmatter } from "./parse/frontmatter.js";
import { scanHiddenUnicode } from "./parse/hidden-unicode.js";
import { parseMarkdown } from "./parse/markdown.js";
import { scanMojibake } from "./parse/mojibake.js";
import { findExcessiveNesting, MAX_NESTING_DEPTH } from "./parse/nesting.js";
import { LineIndex, normalizeText, sourceHash } from "./parse/text.js";
import { FrontmatterSchema, KNOWN_KEYS } from "./validate/frontmatter-schema.js";
import { issuesToDiagnostics } from "./validate/issue-to-diagnostic.js";
import { idFromName, idFromPath } from "./validate/persona-id.js";
import { findScaffoldPlaceholders } from "./validate/scaffold-placeholders.js";

/** Options of `parsePersona`. */
export interface ParseOptions {
  /** The file's path as it should appear in diagnostics and markers (POSIX separators). */
  path: string;
  /**
   * The config's `vars`: each `{{name}}` in the file is filled in before it is read, and one
   * without a value is an error at its position (DESIGN.md §8). Without vars, braces stay as written.
   */
  vars?: Readonly<Record<string, string>>;
}

/** What `parsePersona` returns: the persona when there was no error, and every diagnostic. */
export interface ParseResult {
  persona?: Persona;
  diagnostics: Diagnostic[];
}

/**
 * Parses one persona file into the model (DESIGN.md §3). Never throws for bad input: every problem
 * is a diagnostic with its line and column, and the persona is returned only when there are no
 * errors (warnings alone still yield one).
 *
 * @example
 * const { persona, diagnostics } = parsePersona(text, { path: "personas/backend.md" });
 */
export function parsePersona(text: string, options: ParseOptions): ParseResult {
  return parseOne(text, options);
}

/**
 * One persona of a multi-persona file (DESIGN.md §8): its id from the flag heading (at `at`), and
 * the hash of the whole file (any change to it rebuilds every persona it holds).
 */
export interface FlagPersona {
  id: string;
  at: { line: number; column: number };
  sha256: string;
}

/**
 * A file's text as it is read: BOM dropped, CRLF as LF, and the config's `vars` filled in (with an
 * error at each undefined one) when there are vars.
 */
export function filledSource(text: string, options: ParseOptions): { text: string; diagnostics: Diagnostic[] } {
  const normal = normalizeText(text);
  if (options.vars === undefined) return { text: normal, diagnostics: [] };
  return fillVariables(normal, { path: options.path, values: options.vars, strict: true });
}

/** `parsePersona`, or with `flag` one persona of a multi-persona file whose other text is blanked out. */
export function parseOne(text: string, options: ParseOptions, flag?: FlagPersona): ParseResult {
  const file = options.path;
  const filled = filledSource(text, options);
  const source = filled.text;
  const index = new LineIndex(source);
  const diagnostics: Diagnostic[] = [...filled.diagnostics, ...scanHiddenUnicode(source, file, index)];
  diagnostics.push(...scanMojibake(source, file, index));

  const deep = findExcessiveNesting(source);
  if (deep) {
    const at = { line: deep.line + 1, column: deep.column + 1 };
    diagnostics.push(diagnostic("error", RULES.fileTooDeep, MESSAGES.tooDeep(deep.depth, MAX_NESTING_DEPTH), file, at));
    return { diagnostics: sortDiagnostics(diagnostics) };
  }

  const fence = findFrontmatter(source, file);
  diagnostics.push(...fence.diagnostics);
  if (!fence.readable) return { diagnostics: sortDiagnostics(diagnostics) };

  let frontmatter: Frontmatter | undefined;
  if (fence.frontmatter) {
    const { content, contentOffset, bodyOffset } = fence.frontmatter;
    const parsed = parseFrontmatter(content, contentOffset, bodyOffset, file, index);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.frontmatter) return { diagnostics: sortDiagnostics(diagnostics) };
    frontmatter = parsed.frontmatter;
    // Characters that also stand literally in the frontmatter were reported where they stand.
    const fm = frontmatter;
    const shown = (hidden: readonly string[]) => hidden.every((ch) => content.includes(ch));
    diagnostics.push(...findHiddenInValues(fm.data, file, (path) => fm.valueAt(path), shown));
  }
  const bodyOffset = fence.frontmatter?.bodyOffset ?? 0;
  const data = frontmatter?.data ?? (Object.create(null) as Record<string, unknown>);

  const checked = FrontmatterSchema.safeParse(withoutEmptyKnownKeys(data), { reportInput: true });
  if (!checked.success && frontmatter)
    diagnostics.push(...issuesToDiagnostics(checked.error.issues, frontmatter, file));
  diagnostics.push(...findScaffoldPlaceholders(source, file, index));
  const fm = checked.success ? checked.data : undefined;

  const body = readBody(parseMarkdown(source), source, bodyOffset, file, index);
  diagnostics.push(...body.diagnostics);

  // The name is checked even when another key failed the schema, so one run reports both.
  const rawName = fm?.name ?? (typeof data.name === "string" ? data.name : undefined);
  const id = flag?.id ?? resolveId(rawName, file, frontmatter, diagnostics);
  if (hasErrors(diagnostics) || fm === undefined || id === undefined)
    return { diagnostics: sortDiagnostics(diagnostics) };

  // A flag persona's title is its id: the file's H1 titles the whole file, not this persona.
  const title = flag === undefined ? (body.title ?? id) : id;
  // A persona that extends another says what differs in its body; its description, when its
  // frontmatter gives none, is the parent's (filled in when composed), not its first paragraph.
  // A flag persona says who it is in its `**Identity**:` line, which is the best description it has.
  const given =
    nonBlank(fm.description) ??
    (flag === undefined ? undefined : nonBlank(body.identity)) ??
    (fm.extends === undefined ? nonBlank(body.firstParagraph) : undefined);
  // Claude Code skips an agent without a description, and every tool routes by it; the title is a
  // stand-in so the output stays valid, not a description anyone wrote.
  if (given === undefined && fm.extends === undefined)
    diagnostics.push(
      diagnostic("warning", RULES.noDescription, MESSAGES.noDescription(), file, flag?.at ?? { line: 1, column: 1 }),
    );
  const persona: Persona = {
    id,
    title,
    // Empty until composed when the persona extends another (it takes the parent's).
    description: given ?? (fm.extends === undefined ? title.trim() : ""),
    priorities: body.priorities,
    principles: body.principles,
    budgets: body.budgets,
    qualityStandards: body.qualityStandards,
    focusAreas: body.focusAreas,
    triggers: mergeTriggers(body.triggers, fm),
    approach: body.approach,
    workflows: body.workflows,
    mcpServers: body.mcpServers,
    commands: body.commands,
    placeholders: findPlaceholders(source.slice(bodyOffset)),
    sections: body.sections,
    targets: toOrdinary(fm.targets ?? {}) as Persona["targets"],
    meta: metaOf(data),
    source: { path: file, sha256: flag?.sha256 ?? sourceHash(text) },
  };
  if (frontmatter) persona.source.positions = keyPositions(frontmatter);
  if (flag !== undefined) {
    // The flag heading states the id: a collision with another file is reported there.
    persona.source.positions = { ...persona.source.positions, name: { key: flag.at, value: flag.at } };
    const heading = persona.sections.find((s) => s.depth > 0);
    if (heading !== undefined && heading.field === undefined) heading.field = "title";
  }
  if (body.identity !== undefined) persona.identity = body.identity;
  const tools = fm.tools === undefined ? undefined : readList(fm.tools);
  if (tools !== undefined) persona.tools = tools;
  if (fm.model !== undefined) persona.model = fm.model;
  if (fm.include !== undefined) {
    persona.include = fm.include.map((i) =>
      typeof i === "string" ? { path: i, at: "end" } : { path: i.path, at: i.at ?? "end" },
    );
  }
  if (fm.extends !== undefined) persona.extends = fm.extends;
  if (fm.layout !== undefined) persona.layout = fm.layout;
  return { persona, diagnostics: sortDiagnostics(diagnostics) };
}

function resolveId(
  name: string | undefined,
  file: string,
  frontmatter: Frontmatter | undefined,
  diagnostics: Diagnostic[],
): string | undefined {
  if (name !== undefined) {
    const at = frontmatter?.valueAt(["name"]) ?? { line: 1, column: 1 };
    const result = idFromName(name);
    if ("error" in result) {
      diagnostics.push(diagnostic("error", RULES.idInvalid, MESSAGES.idInvalid(name, result.error), file, at));
      return undefined;
    }
    if (result.slugified)
      diagnostics.push(diagnostic("warning", RULES.idSlugified, MESSAGES.idSlugified(name, result.id), file, at));
    const stem = idFromPath(file);
    // `gpt-5` in `gpt5-cursor.md`: Claude Code and Cursor document agent names as lowercase letters
    // and hyphens, and the outputs are named `gpt-5` where the file says `gpt5-cursor`. A name of
    // letters and hyphens that differs from its file is an ordinary choice and is not reported.
    if (!result.slugified && stem !== "" && stem !== result.id && !/^[a-z]+(?:-[a-z]+)*$/.test(result.id)) {
      const base = file.split(/[/\\]/).pop() ?? file;
      diagnostics.push(
        diagnostic("warning", RULES.nameNotFileName, MESSAGES.nameNotFileName(result.id, base, stem), file, at),
      );
    }
    return result.id;
  }
  const id = idFromPath(file);
  if (id === "") {
    diagnostics.push(diagnostic("error", RULES.idInvalid, MESSAGES.idFromStem(file), file, { line: 1, column: 1 }));
    return undefined;
  }
  return id;
}

/** A list from a YAML list, a JSON array in a string, or a comma-separated string. */
export function readList(value: string | string[]): string[] {
  if (Array.isArray(value)) return value.map((v) => v.trim()).filter((v) => v !== "");
  const trimmed = value.trim();
  if (trimmed.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed) && parsed.every((v) => typeof v === "string")) return readList(parsed as string[]);
    } catch {
      // Not JSON: fall through to the comma-separated reading.
    }
  }
  return splitList(trimmed);
}

type CheckedFrontmatter = NonNullable<ReturnType<typeof FrontmatterSchema.safeParse>["data"]>;

/** Frontmatter triggers first (explicit), then the body's section; duplicates dropped. */
function mergeTriggers(body: Triggers, fm: CheckedFrontmatter): Triggers {
  const out: Triggers = { keywords: [], files: [], contexts: [] };
  if (fm.triggers?.keywords !== undefined) mergeUnique(out.keywords, readList(fm.triggers.keywords));
  if (fm.triggers?.files !== undefined) mergeUnique(out.files, readList(fm.triggers.files));
  if (fm.globs !== undefined) mergeUnique(out.files, readList(fm.globs));
  if (fm.applyTo !== undefined) mergeUnique(out.files, readList(fm.applyTo));
  if (fm.triggers?.contexts !== undefined) mergeUnique(out.contexts, fm.triggers.contexts);
  mergeUnique(out.keywords, body.keywords);
  mergeUnique(out.files, body.files);
  mergeUnique(out.contexts, body.contexts);
  return out;
}

/**
 * `description:` or `globs:` with nothing after it is common in Cursor rules and means "not set";
 * known keys whose value is null are treated as absent instead of as a type error.
 */
function withoutEmptyKnownKeys(data: Record<string, unknown>): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(data)) if (!(KNOWN_KEYS.has(key) && value === null)) out[key] = value;
  return out;
}

/** A string with something in it, trimmed; undefined for a missing or blank one. */
function nonBlank(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}

/**
 * The model's `meta`: the entries of the `meta:` mapping, and every top-level key the model does
 * not type (`x-` keys, and unknown keys, which were warned about), kept as written. A key given
 * both ways takes the `meta:` entry, the one written as data on purpose.
 */
function metaOf(data: Record<string, unknown>): Record<string, unknown> {
  const entries = new Map<string, unknown>();
  for (const key of Object.keys(data)) if (!KNOWN_KEYS.has(key)) entries.set(key, data[key]);
  const block = data.meta;
  if (block !== null && typeof block === "object" && !Array.isArray(block))
    for (const [key, value] of Object.entries(block)) entries.set(key, value);
  const meta: Record<string, unknown> = {};
  for (const key of [...entries.keys()].sort()) meta[key] = toOrdinary(entries.get(key));
  return meta;
}

/** Deep copy into ordinary objects; prototype keys were refused earlier, so none is copied. */
function toOrdinary(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toOrdinary);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toOrdinary(v)]));
  }
  return value;
}
