import { type Diagnostic, diagnostic } from "../diagnostics/diagnostic.js";
import { MESSAGES, RULES } from "../diagnostics/rules.js";
import type { LineIndex } from "../parse/text.js";

/**
 * The placeholders `persona new` writes for the author to replace. They live here, not in the CLI's
 * template, so the scaffold and the check that finds them left in can never disagree. Each is
 * distinctive enough (angle brackets around a phrase) not to occur in a real persona by accident.
 */
export const SCAFFOLD_PLACEHOLDERS = {
  description: "<the situations this persona should handle; one sentence, it is how tools decide to activate it>",
  identity: "<three or four roles, comma-separated>",
  keyword: "<a word that should activate it>",
  anotherKeyword: "<another such word>",
} as const;

/**
 * A warning at every scaffold placeholder still in the file: a description that says
 * "<the situations this persona should handle…>" routes nothing, and tools pick personas by it.
 */
export function findScaffoldPlaceholders(source: string, file: string, index: LineIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const placeholder of Object.values(SCAFFOLD_PLACEHOLDERS)) {
    for (let at = source.indexOf(placeholder); at !== -1; at = source.indexOf(placeholder, at + 1)) {
      out.push(
        diagnostic(
          "warning",
          RULES.scaffoldPlaceholder,
          MESSAGES.scaffoldPlaceholder(placeholder),
          file,
          index.position(at),
        ),
      );
    }
  }
  return out;
}
