import type { Root } from "mdast";
import { collapseSpace, plainText, span } from "./markdown.js";

/**
 * A persona flag heading of a multi-persona file (DESIGN.md §8): `` ## `--persona-backend` ``, at
 * any heading level; a `=param` suffix (`--persona-scribe=lang`) is not part of the name.
 */
export interface FlagHeading {
  /** The name after `--persona-`, as written (`scribe` for `--persona-scribe=lang`). */
  name: string;
  depth: number;
  /** Offset of the heading line. */
  start: number;
  /** Offset where the heading's own line ends. */
  headingEnd: number;
  /** Offset where the persona's text ends: the next heading of the same or a higher level, or the next flag. */
  end: number;
}

const FLAG = /^--persona-([^\s=]+)(?:=\S*)?$/;

/** The persona flag headings of a parsed file, each with the span of text it heads. */
export function findFlagHeadings(root: Root, source: string): FlagHeading[] {
  const headings = root.children.filter((n) => n.type === "heading");
  const flags: FlagHeading[] = [];
  for (const [i, heading] of headings.entries()) {
    const match = FLAG.exec(collapseSpace(plainText(heading)));
    if (!match) continue;
    const { start, end: headingEnd } = span(heading);
    // A persona runs to the next heading of its level or higher, and never into another persona.
    const next = headings.slice(i + 1).find((h) => h.depth <= heading.depth || FLAG.test(collapseSpace(plainText(h))));
    flags.push({
      name: match[1] as string,
      depth: heading.depth,
      start,
      headingEnd,
      end: next === undefined ? source.length : span(next).start,
    });
  }
  return flags;
}

/**
 * The text with everything but one persona's span (and the frontmatter, shared by all of a
 * file's personas) blanked out: only its line ends are left, so the persona is parsed alone while
 * every line is still the file's own (and columns too: a persona's text starts at a line start).
 */
export function maskOutside(source: string, keep: readonly { start: number; end: number }[]): string {
  let out = "";
  let at = 0;
  for (const { start, end } of keep) {
    out += blank(source.slice(at, start)) + source.slice(start, end);
    at = end;
  }
  return out + blank(source.slice(at));
}

function blank(text: string): string {
  return text.replace(/[^\n]+/g, "");
}
