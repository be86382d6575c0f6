import { type Diagnostic, diagnostic, type Position } from "../diagnostics/diagnostic.js";
import { scanHiddenUnicode } from "./hidden-unicode.js";
import { LineIndex } from "./text.js";

/** A path into structured data as users read it: `triggers.keywords[1]`. */
export function pathLabel(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("");
}

/**
 * Hidden characters in decoded string values: YAML escapes in quoted frontmatter (`"\u200B"`,
 * `"\U000E0041"`) decode into characters a scan of the raw text cannot see. Every string under
 * `value` is scanned; an error is reported at `locate(path)`, naming the field. `alreadyShown`
 * lets a caller skip values whose hidden characters also stand literally in the scanned text.
 * The one walker behind the parser's check (with positions) and `compile`'s (for personas built
 * in code, without).
 */
export function findHiddenInValues(
  value: unknown,
  file: string,
  locate: (path: readonly PropertyKey[]) => Position,
  alreadyShown: (hidden: readonly string[]) => boolean = () => false,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (node: unknown, path: PropertyKey[]): void => {
    if (typeof node === "string") {
      // Errors only: warnings (direction marks) were reported where the text shows them.
      const found = scanHiddenUnicode(node, file, new LineIndex(node)).filter((d) => d.severity === "error");
      if (found.length === 0) return;
      const hidden = Array.from(node).filter((ch) => scanHiddenUnicode(ch, file, new LineIndex(ch)).length > 0);
      if (alreadyShown(hidden)) return;
      for (const d of found) {
        const message = `In \`${pathLabel(path)}\`: ${d.message} (decoded from an escape sequence in the frontmatter)`;
        out.push(diagnostic("error", d.rule, message, file, locate(path)));
      }
    } else if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) visit(item, [...path, i]);
    } else if (node !== null && typeof node === "object") {
      for (const [key, item] of Object.entries(node)) visit(item, [...path, key]);
    }
  };
  visit(value, []);
  return out;
}
