import { type Diagnostic, diagnostic, hasErrors, sortDiagnostics } from "./diagnostics/diagnostic.js";
import { RULES } from "./diagnostics/rules.js";
import { finalizeFiles, type GeneratedFile } from "./finalize.js";
import type { Persona } from "./model/persona.js";
import { findHiddenInValues } from "./parse/decoded-values.js";
import { scanHiddenUnicode } from "./parse/hidden-unicode.js";
import { LineIndex } from "./parse/text.js";
import type { TemplateSet } from "./render/renderer.js";
import type { Target, TargetFile } from "./targets/define-target.js";
import { type TargetId, targetIds, targets } from "./targets/index.js";
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
 * Compiles personas into the native files of each target. Pure: it reads no personas and writes
 * nothing; it returns the files (finalised, sorted, byte-stable) and the diagnostics. Output that
 * a user template made unsafe (hidden Unicode) is reported and dropped, never returned.
 *
 * @example
 * const { files, diagnostics } = compile(personas, { targets: ["claude", "cursor"] });
 */
export function compile(personas: readonly Persona[], options: CompileOptions = {}): CompileResult {
  const render = rendererFor(options);
  const diagnostics: Diagnostic[] = [];
  // A persona whose decoded values hide characters is not compiled: its outputs would carry them.
  const sorted = [...personas]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .filter((persona) => {
      const found = findHiddenValues(persona);
      diagnostics.push(...found);
      return !hasErrors(found);
    });
  const selected = targetIds.filter((id) => !options.targets || options.targets.includes(id));
  const files: (TargetFile & { target: string })[] = [];
  for (const id of selected) {
    const target = targets[id] as unknown as Target;
    const result = target.compile({
      personas: sorted,
      optionsOf: (persona) => (persona.targets[id] ?? {}) as Record<string, unknown>,
      render,
      existing: options.existing ?? new Map(),
    });
    diagnostics.push(...result.diagnostics);
    for (const file of result.files) files.push({ ...file, target: id });
  }
  const finished = finalizeFiles(files);
  // Defence in depth: a user template or helper must not smuggle invisible characters into output.
  const safe = finished.filter((file) => {
    const found = scanHiddenUnicode(file.contents, file.path, new LineIndex(file.contents)).filter(
      (d) => d.severity === "error",
    );
    for (const d of found) {
      diagnostics.push(
        diagnostic("error", RULES.outputHiddenUnicode, `${d.message} (introduced by a template)`, d.file, d),
      );
    }
    return found.length === 0;
  });
  return { files: safe, diagnostics: sortDiagnostics(diagnostics) };
}
