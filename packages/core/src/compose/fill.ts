import { type Diagnostic, diagnostic } from "../diagnostics/diagnostic.js";
import { MESSAGES, RULES } from "../diagnostics/rules.js";
import { LineIndex } from "../parse/text.js";

/**
 * Install-time variables: `{{name}}` in a persona or fragment, filled in before it is parsed
 * (DESIGN.md §8). Runtime placeholders (`{USER_PROMPT}`, one brace) are a different thing and are
 * never touched. `${{ … }}` (GitHub Actions) and `{{{ … }}}` are not variables; `\{{name}}` is
 * written as `{{name}}`.
 */
const VARIABLE = /(?<![$\\{])(\\?)\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}(?!\})/g;

/** The names a fragment is given by the persona that includes it. */
export const FRAGMENT_NAMES = ["id", "title", "description"] as const;

/** What to fill in: the values by name, and whether a name without one is an error. */
export interface FillOptions {
  /** The file's path, for diagnostics. */
  path: string;
  values: Readonly<Record<string, string>>;
  /**
   * True when every `{{name}}` must have a value (the config has `vars`); otherwise a name without
   * one is left as written, so a persona that quotes template syntax keeps working.
   */
  strict: boolean;
}

/** A text with its variables filled in, and an error at each one that has no value. */
export function fillVariables(text: string, options: FillOptions): { text: string; diagnostics: Diagnostic[] } {
  if (!text.includes("{{")) return { text, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  let index: LineIndex | undefined;
  const filled = text.replace(VARIABLE, (whole, backslash: string, name: string, offset: number) => {
    if (backslash !== "") return whole.slice(1);
    const value = Object.hasOwn(options.values, name) ? options.values[name] : undefined;
    if (value !== undefined) return value;
    if (options.strict) {
      index ??= new LineIndex(text);
      const known = Object.keys(options.values).filter((k) => !(FRAGMENT_NAMES as readonly string[]).includes(k));
      diagnostics.push(
        diagnostic(
          "error",
          RULES.varUndefined,
          MESSAGES.varUndefined(name, known),
          options.path,
          index.position(offset),
        ),
      );
    }
    return whole;
  });
  return { text: filled, diagnostics };
}
