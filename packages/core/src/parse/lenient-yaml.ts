/** What a lenient reading changed, and why: the value strict YAML rejected and how it was read. */
export interface LenientRepair {
  /** The key whose value was read as text (for a list item, the list's key). */
  key: string;
  /** Offset of the value in the original frontmatter text. */
  offset: number;
  /** The text the value was read as. */
  value: string;
  /**
   * `alias`: an unquoted value starting with `*` (Cursor's `globs: **\/*.ts`), which strict YAML
   * reads as an alias. `colon`: an unquoted `: ` inside a value (`description: Use for: APIs`),
   * which strict YAML reads as a nested key.
   */
  kind: "alias" | "colon";
}

/** The frontmatter with the rejected values quoted, and how to map its offsets back. */
export interface LenientText {
  text: string;
  repairs: LenientRepair[];
  /** Maps an offset in `text` to the offset of the same character in the original frontmatter. */
  toOriginal(offset: number): number;
}

const KEY_LINE = /^([ \t]*)([A-Za-z_][\w.-]*)[ \t]*:[ \t]+(\S.*)$/;
const TOP_KEY = /^([A-Za-z_][\w.-]*)[ \t]*:/;
const LIST_ITEM = /^([ \t]+)-[ \t]+(\*.*)$/;
// A plain scalar cannot start with these (YAML 1.2 §7.3.3 and the c-indicator production), so a
// value that does is not "text with a colon in it" but some other construct, read strictly.
const INDICATOR = /^[[\]{}"'|>!&*%@`#,?:-]/;

/** A value without a trailing ` # comment`, which YAML never makes part of a plain scalar. */
function withoutComment(value: string): string {
  const hash = value.search(/[ \t]#/);
  return (hash === -1 ? value : value.slice(0, hash)).trimEnd();
}

/**
 * DESIGN.md §3 allows exactly two departures from strict YAML, both common in hand-written rule
 * files: Cursor's unquoted globs (`globs: **\/*.ts`; Cursor documents this form and keeps quote
 * characters when a value is quoted, https://cursor.com/docs/rules) and an unquoted `: ` inside a
 * value. This finds those values and quotes them, so the caller can parse the result strictly:
 * everything else about the frontmatter (nesting, lists, other syntax errors) is still judged by
 * the YAML parser.
 */
export function quoteLenientValues(content: string): LenientText {
  const repairs: LenientRepair[] = [];
  // Each edit: where it starts in both texts and how long it is in each.
  const edits: { from: number; to: number; oldLength: number; newLength: number }[] = [];
  const out: string[] = [];
  let offset = 0;
  let shift = 0;
  let lastKey = "";
  for (const line of content.split("\n")) {
    const lineOffset = offset;
    offset += line.length + 1;
    const keyLine = KEY_LINE.exec(line);
    const item = keyLine ? null : LIST_ITEM.exec(line);
    lastKey = TOP_KEY.exec(line)?.[1] ?? lastKey;
    const raw = keyLine ? (keyLine[3] ?? "") : item ? (item[2] ?? "") : "";
    const value = withoutComment(raw);
    const kind: LenientRepair["kind"] | undefined = value.startsWith("*")
      ? "alias"
      : keyLine && !INDICATOR.test(value) && /:(?:[ \t]|$)/.test(value)
        ? "colon"
        : undefined;
    if (kind === undefined) {
      out.push(line);
      continue;
    }
    const start = line.length - raw.length;
    const quoted = JSON.stringify(value);
    out.push(line.slice(0, start) + quoted);
    const from = lineOffset + start;
    edits.push({ from, to: from + shift, oldLength: line.length - start, newLength: quoted.length });
    shift += quoted.length - (line.length - start);
    repairs.push({ key: keyLine ? (keyLine[2] ?? "") : lastKey, offset: from, value, kind });
  }
  const toOriginal = (at: number): number => {
    let delta = 0;
    for (const edit of edits) {
      if (at < edit.to) break;
      // Inside a quoted value: the character it came from (the opening quote maps to the value's start).
      if (at < edit.to + edit.newLength) return edit.from + Math.min(Math.max(at - edit.to - 1, 0), edit.oldLength);
      delta = edit.to + edit.newLength - (edit.from + edit.oldLength);
    }
    return at - delta;
  };
  return { text: out.join("\n"), repairs, toOriginal };
}
