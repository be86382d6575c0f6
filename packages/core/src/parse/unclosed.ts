/** A bracket or quote that opens a value and is never closed. */
export interface Unclosed {
  /** The key whose value it opens (`tools` for `tools: [Read, Grep`). */
  key: string;
  /** `[`, `{`, `"` or `'`. */
  opener: string;
  /** Offset of the opener in the frontmatter text. */
  offset: number;
  /** Where the value's region ends: the next key line at the same or a lower indentation, or the end. */
  end: number;
}

const KEY_LINE = /^([ \t]*)([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]+|$)/;

/** Index of the quote that closes the one at `start`, or -1 when the region ends first. */
function closingQuote(text: string, start: number, end: number): number {
  const quote = text[start];
  for (let i = start + 1; i < end; i++) {
    if (quote === '"' && text[i] === "\\") i++;
    else if (text[i] === quote) {
      // In single quotes, `''` is an escaped quote, not the end.
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

/** The opener left open in the value that starts at `start`, if any (YAML flow syntax, §7). */
function unclosedIn(text: string, start: number, end: number): { opener: string; offset: number } | undefined {
  let i = start;
  while (text[i] === " " || text[i] === "\t") i++;
  const first = text[i];
  if (first === '"' || first === "'")
    return closingQuote(text, i, end) === -1 ? { opener: first, offset: i } : undefined;
  if (first !== "[" && first !== "{") return undefined;
  const stack: { opener: string; offset: number }[] = [];
  let atNodeStart = true;
  for (; i < end; i++) {
    const c = text[i] as string;
    if ((c === '"' || c === "'") && atNodeStart) {
      const close = closingQuote(text, i, end);
      if (close === -1) return { opener: c, offset: i };
      i = close;
      atNodeStart = false;
    } else if (c === "[" || c === "{") {
      stack.push({ opener: c, offset: i });
      atNodeStart = true;
    } else if (c === "]" || c === "}") {
      stack.pop();
      if (stack.length === 0) return undefined;
      atNodeStart = false;
    } else if (c === "," || (c === ":" && /\s/.test(text[i + 1] ?? " "))) {
      atNodeStart = true;
    } else if (c === "#" && /\s/.test(text[i - 1] ?? " ")) {
      while (i < end && text[i] !== "\n") i++;
    } else if (!/\s/.test(c)) {
      atNodeStart = false;
    }
  }
  return stack.at(-1);
}

/**
 * Finds flow collections and quoted strings that are opened in a key's value and never closed.
 * The YAML parser notices only where it gives up — the next line, or the end of the frontmatter —
 * while the mistake is the opener, so this points at that.
 */
export function findUnclosed(content: string): Unclosed[] {
  const keys: { key: string; indent: number; valueOffset: number; lineOffset: number }[] = [];
  let offset = 0;
  for (const line of content.split("\n")) {
    const m = KEY_LINE.exec(line);
    if (m)
      keys.push({
        key: m[2] ?? "",
        indent: (m[1] ?? "").length,
        valueOffset: offset + m[0].length,
        lineOffset: offset,
      });
    offset += line.length + 1;
  }
  const out: Unclosed[] = [];
  keys.forEach((k, n) => {
    const next = keys.slice(n + 1).find((other) => other.indent <= k.indent);
    const end = next?.lineOffset ?? content.length;
    const found = unclosedIn(content, k.valueOffset, end);
    if (found) out.push({ key: k.key, ...found, end });
  });
  return out;
}
