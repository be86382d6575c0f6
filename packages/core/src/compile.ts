import { type Diagnostic, diagnostic, sortDiagnostics } from "./diagnostics/diagnostic.js";
import { RULES } from "./diagnostics/rules.js";
import { finalizeFiles, type GeneratedFile } from "./finalize.js";
import type { Persona } from "./model/persona.js";
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
 * Compiles personas into the native files of each target. Pure: it reads no personas and writes
 * nothing; it returns the files (finalised, sorted, byte-stable) and the diagnostics. Output that
 * a user template made unsafe (hidden Unicode) is reported and dropped, never returned.
 *
 * @example
 * const { files, diagnostics } = compile(personas, { targets: ["claude", "cursor"] });
 */
export function compile(personas: readonly Persona[], options: CompileOptions = {}): CompileResult {
  const render = rendererFor(options);
  const sorted = [...personas].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const selected = targetIds.filter((id) => !options.targets || options.targets.includes(id));
  const diagnostics: Diagnostic[] = [];
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
