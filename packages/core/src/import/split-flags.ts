import { collapseSpace, parseMarkdown, plainText, span } from "../parse/markdown.js";
import { findFlagHeadings } from "../parse/persona-flags.js";
import { LineIndex } from "../parse/text.js";
import { idFromName } from "../validate/persona-id.js";

/** One persona's part of a multi-persona file. */
export interface PersonaSlice {
  /** The persona id the slice's heading gives (`--persona-scribe=lang` → `scribe`). */
  id: string;
  /** The slice's markdown, from its heading to the next heading of the same or a higher level. */
  text: string;
  /** The 1-based line of the file where the slice starts. */
  line: number;
}

/** How a multi-persona file divides: its personas, and the titles of the sections outside them. */
export interface SplitResult {
  slices: PersonaSlice[];
  leftOver: { title: string; line: number }[];
}

/**
 * Splits a file's body into personas, or says it holds none (undefined). `persona import` takes
 * the splitter as a parameter so that the parser's own reading of multi-persona files (DESIGN.md
 * §8) can replace this one without touching the importer.
 */
export type PersonaSplitter = (body: string, bodyLine: number) => SplitResult | undefined;

/**
 * SuperClaude v3's PERSONAS.md, read exactly as the parser reads multi-persona files (DESIGN.md
 * §8, `findFlagHeadings`): one persona per flag heading, running to the next heading of the same
 * or a higher level or the next flag heading. Headings inside code are not headings.
 */
export const splitFlagHeadings: PersonaSplitter = (body, bodyLine) => {
  if (!body.includes("--persona-")) return undefined;
  const root = parseMarkdown(body);
  const flags = findFlagHeadings(root, body);
  if (flags.length === 0) return undefined;
  const index = new LineIndex(body);
  const lineOf = (offset: number) => bodyLine + index.position(offset).line - 1;
  const slices: PersonaSlice[] = flags.map((flag) => {
    const named = idFromName(flag.name);
    return {
      id: "id" in named ? named.id : flag.name,
      text: body.slice(flag.start, flag.end).replace(/\s+$/, ""),
      line: lineOf(flag.start),
    };
  });
  // A heading above the flags (the file's H1, "## Overview") that holds nothing but other
  // headings is structure, not content; one with text of its own was not imported.
  const headings = root.children.filter((n) => n.type === "heading");
  const leftOver = headings.flatMap((heading, i) => {
    const { start, end } = span(heading);
    if (flags.some((f) => start >= f.start && start < f.end)) return [];
    const next = headings[i + 1];
    const text = body.slice(end, next === undefined ? body.length : span(next).start);
    return text.trim() === "" ? [] : [{ title: collapseSpace(plainText(heading)), line: lineOf(start) }];
  });
  return { slices, leftOver };
};
