import { type Diagnostic, diagnostic, hasErrors, sortDiagnostics } from "./diagnostics/diagnostic.js";
import { MESSAGES, RULES } from "./diagnostics/rules.js";
import type { Persona } from "./model/persona.js";
import { findFrontmatter } from "./parse/frontmatter.js";
import { scanHiddenUnicode } from "./parse/hidden-unicode.js";
import { parseMarkdown } from "./parse/markdown.js";
import { scanMojibake } from "./parse/mojibake.js";
import { findFlagHeadings, maskOutside } from "./parse/persona-flags.js";
import { LineIndex, sourceHash } from "./parse/text.js";
import { filledSource, type ParseOptions, parseOne } from "./parse-persona.js";
import { collisionKey } from "./persona-index.js";
import { idFromName } from "./validate/persona-id.js";

/** What `parsePersonas` returns: every persona the file holds (none when it has errors), and every diagnostic. */
export interface FileParseResult {
  personas: Persona[];
  diagnostics: Diagnostic[];
}

/**
 * Parses a persona file into the personas it holds: one for an ordinary file, and one per flag
 * heading for a multi-persona file (DESIGN.md §8: SuperClaude's PERSONAS.md, headings such as
 * `` ## `--persona-backend` `` at any level). A flag persona's id comes from its flag
 * (`--persona-scribe=lang` → `scribe`), its text runs to the next heading of the same or a higher
 * level, and every position points into the file; the file's other sections belong to no persona.
 * A file whose frontmatter has a `name:` is one persona whatever its headings. Never throws: a
 * flag heading with nothing under it, a bad flag, or two flags of one id are errors at their
 * headings, and then the file yields no persona at all.
 *
 * @example
 * const { personas } = parsePersonas(readFileSync("PERSONAS.md", "utf8"), { path: "PERSONAS.md" });
 */
export function parsePersonas(text: string, options: ParseOptions): FileParseResult {
  const single = (): FileParseResult => {
    const r = parseOne(text, options);
    return { personas: r.persona ? [r.persona] : [], diagnostics: r.diagnostics };
  };
  // Cheap gate, before any other work: a file that never writes `--persona-` cannot be a
  // multi-persona file (and `parseOne` fills its vars itself).
  if (!text.includes("--persona-")) return single();
  const file = options.path;
  const filled = filledSource(text, options);
  const source = filled.text;
  const fence = findFrontmatter(source, file);
  if (!fence.readable) return single();
  if (fence.frontmatter && /^name[ \t]*:/m.test(fence.frontmatter.content)) return single();
  const flags = findFlagHeadings(parseMarkdown(source), source);
  if (flags.length === 0) return single();

  const index = new LineIndex(source);
  const diagnostics: Diagnostic[] = [...filled.diagnostics];
  const ids: { id: string; line: number }[] = [];
  for (const flag of flags) {
    const at = index.position(flag.start);
    if (source.slice(flag.headingEnd, flag.end).trim() === "") {
      diagnostics.push(diagnostic("error", RULES.flagEmpty, MESSAGES.flagEmpty(flag.name), file, at));
      continue;
    }
    const named = idFromName(flag.name);
    if ("error" in named) {
      diagnostics.push(diagnostic("error", RULES.idInvalid, MESSAGES.idInvalid(flag.name, named.error), file, at));
      continue;
    }
    const twin = ids.find((seen) => collisionKey(seen.id) === collisionKey(named.id));
    if (twin !== undefined) {
      diagnostics.push(diagnostic("error", RULES.flagDuplicate, MESSAGES.flagDuplicate(named.id, twin.line), file, at));
      continue;
    }
    ids.push({ id: named.id, line: at.line });
  }
  if (hasErrors(diagnostics)) return { personas: [], diagnostics: sortDiagnostics(diagnostics) };

  const sha256 = sourceHash(text);
  const frontmatterEnd = fence.frontmatter?.bodyOffset ?? 0;
  const personas: Persona[] = [];
  // The whole file is scanned once; each persona's own scan then repeats findings, dropped below.
  diagnostics.push(...scanHiddenUnicode(source, file, index), ...scanMojibake(source, file, index));
  for (const [i, flag] of flags.entries()) {
    const masked = maskOutside(source, [
      { start: 0, end: frontmatterEnd },
      { start: flag.start, end: flag.end },
    ]);
    const id = (ids[i] as { id: string }).id;
    const r = parseOne(masked, { path: file }, { id, at: index.position(flag.start), sha256 });
    diagnostics.push(...r.diagnostics);
    if (r.persona) personas.push(r.persona);
  }
  const all = uniqueDiagnostics(diagnostics);
  return { personas: hasErrors(all) ? [] : personas, diagnostics: all };
}

/** Diagnostics without repeats (the frontmatter and the whole-file scans are seen by every persona). */
function uniqueDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return sortDiagnostics(
    diagnostics.filter((d) => {
      const key = `${d.line}:${d.column}:${d.rule}:${d.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    }),
  );
}
