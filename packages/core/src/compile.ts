import { compareStrings, type Diagnostic, diagnostic, hasErrors, sortDiagnostics } from "./diagnostics/diagnostic.js";
import { RULES } from "./diagnostics/rules.js";
import { finalizeFiles, type GeneratedFile } from "./finalize.js";
import type { Persona } from "./model/persona.js";
import { findHiddenInValues } from "./parse/decoded-values.js";
import { scanHiddenUnicode } from "./parse/hidden-unicode.js";
import { LineIndex } from "./parse/text.js";
import type { TemplateSet } from "./render/renderer.js";
import type { Target, TargetContext, TargetFile } from "./targets/define-target.js";
import { type TargetId, targetIds, targets } from "./targets/index.js";
import { dedupe } from "./targets/support.js";
import { rendererFor } from "./targets/template-set.js";

/** Options of `compile`. */
export interface CompileOptions {
  /** Targets to emit, in any order; default: every registered target. */
  targets?: readonly TargetId[];
  /** Template sources that replace defaults of the same name (`claude/agent.hbs`). */
  templates?: TemplateSet;
  /** A folder of `.hbs` files laid out like templates/ that replace defaults of the same name. */
  templatesDir?: string;
  /** Current contents of output files a target merges with (Copilot's managed block), by path. */
  existing?: ReadonlyMap<string, string>;
}

/** What `compile` returns: the finished files and every diagnostic. */
export interface CompileResult {
  files: GeneratedFile[];
  diagnostics: Diagnostic[];
}

/**
 * Hidden characters in a persona's values that its source text does not show (YAML escapes). The
 * parser already refuses them with positions; this catches personas built in code. Reported at the
 * source file, naming the field, once per persona rather than once per output file. The body's
 * sections are slices of the scanned text, so they are skipped. `compile` leaves such a persona
 * out; anything else that serves personas (`persona mcp`) must too.
 */
export function findHiddenValues(persona: Persona): Diagnostic[] {
  const { source: _source, sections: _sections, ...values } = persona;
  return findHiddenInValues(values, persona.source.path, () => ({ line: 1, column: 1 }));
}

/**
 * A compiler that takes personas one at a time. `add` returns a persona's own files as soon as
 * they are made, so a caller can write them and let go (a build of 10,000 personas never holds
 * every output at once); `finish` returns the files shared by every persona added (Copilot's
 * repository instructions, MCP's prompts.json), assembled from small per-persona parts. The files
 * depend only on the set of personas added, not on the order: shared files list them by id.
 */
export interface Compiler {
  /** Compiles one persona: its finished files and its diagnostics. */
  add(persona: Persona): CompileResult;
  /** The shared files of every persona added; call once, after the last `add` (it lets them go). */
  finish(): CompileResult;
}

const byId = (a: { id: string }, b: { id: string }) => compareStrings(a.id, b.id);

/**
 * Creates a compiler over the targets and templates of `options`; `compile` is this compiler run
 * over a list. Pure like `compile`.
 *
 * @example
 * const compiler = createCompiler({ targets: ["claude", "mcp"] });
 * for (const persona of personas) write(compiler.add(persona).files);
 * write(compiler.finish().files);
 */
export function createCompiler(options: CompileOptions = {}): Compiler {
  const render = rendererFor(options);
  const existing = options.existing ?? new Map<string, string>();
  const selected = targetIds.filter((id) => !options.targets || options.targets.includes(id));
  const contexts = new Map(
    selected.map((id) => [
      id,
      { optionsOf: (persona: Persona) => (persona.targets[id] ?? {}) as Record<string, unknown>, render, existing },
    ]),
  );
  const parts = new Map<TargetId, { id: string; part: unknown }[]>(selected.map((id) => [id, []]));
  // A broken template fails the same way for every persona: each target reports it once.
  const reported = new Map(selected.map((id) => [id, new Set<string>()]));
  const firstTime = (id: TargetId, found: readonly Diagnostic[]) => dedupe(found, reported.get(id));

  return {
    add(persona) {
      // A persona whose decoded values hide characters is not compiled: its outputs would carry them.
      const diagnostics = findHiddenValues(persona);
      if (hasErrors(diagnostics)) return { files: [], diagnostics };
      const files: (TargetFile & { target: string })[] = [];
      for (const id of selected) {
        const target = targets[id] as unknown as Target;
        const out = target.compilePersona(persona, contexts.get(id) as TargetContext<Record<string, unknown>>);
        diagnostics.push(...firstTime(id, out.diagnostics));
        for (const file of out.files) files.push({ ...file, target: id });
        if (out.part !== undefined) parts.get(id)?.push({ id: persona.id, part: out.part });
      }
      return finishFiles(files, diagnostics);
    },
    finish() {
      const files: (TargetFile & { target: string })[] = [];
      const diagnostics: Diagnostic[] = [];
      for (const id of selected) {
        const target = targets[id] as unknown as Target;
        if (!target.compileShared) continue;
        // Stable sort: personas with one id (a caller's mistake) keep the order they were added in.
        const ordered = (parts.get(id) ?? []).sort(byId).map((p) => p.part);
        parts.set(id, []);
        const out = target.compileShared(ordered, contexts.get(id) as TargetContext<Record<string, unknown>>);
        // Let the parts go once the shared files are made from them (they can be tens of megabytes).
        ordered.length = 0;
        diagnostics.push(...firstTime(id, out.diagnostics));
        for (const file of out.files) files.push({ ...file, target: id });
      }
      return finishFiles(files, diagnostics);
    },
  };
}

/** Finalises files and drops any a user template made unsafe. */
function finishFiles(files: (TargetFile & { target: string })[], diagnostics: Diagnostic[]): CompileResult {
  const finished = finalizeFiles(files);
  // The unfinished texts are garbage from here on; do not hold a large one through the scan.
  files.length = 0;
  // Defence in depth: a user template or helper must not smuggle invisible characters into output.
  const safe = finished.filter((file) => {
    const found = hiddenInOutput(file);
    for (const d of found) {
      diagnostics.push(
        diagnostic("error", RULES.outputHiddenUnicode, `${d.message} (introduced by a template)`, d.file, d),
      );
    }
    return found.length === 0;
  });
  return { files: safe, diagnostics: sortDiagnostics(diagnostics) };
}

/** Hidden characters in a finished file (errors only). */
function hiddenInOutput(file: GeneratedFile): Diagnostic[] {
  const errors = (text: string) =>
    scanHiddenUnicode(text, file.path, new LineIndex(text)).filter((d) => d.severity === "error");
  // A file in pieces is scanned piece by piece and joined only when a piece shows something: for
  // exact positions, and so a joiner at a piece's edge is judged with its real neighbours.
  if (file.pieces && !file.pieces.some((piece) => errors(piece).length > 0)) return [];
  return errors(file.contents);
}

/**
 * Compiles personas into the native files of each target. Pure: it reads no personas and writes
 * nothing; it returns the files (finalised, sorted, byte-stable) and the diagnostics. Output that
 * a user template made unsafe (hidden Unicode) is reported and dropped, never returned.
 *
 * @example
 * const { files, diagnostics } = compile(personas, { targets: ["claude", "cursor"] });
 */
export function compile(personas: readonly Persona[], options: CompileOptions = {}): CompileResult {
  const compiler = createCompiler(options);
  const files: GeneratedFile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const persona of [...personas].sort(byId)) {
    const one = compiler.add(persona);
    files.push(...one.files);
    diagnostics.push(...one.diagnostics);
  }
  const shared = compiler.finish();
  files.push(...shared.files);
  diagnostics.push(...shared.diagnostics);
  return { files: files.sort((a, b) => compareStrings(a.path, b.path)), diagnostics: sortDiagnostics(diagnostics) };
}
