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

// A flag heading: `## \`--persona-backend\`` at any level; `=param` is not part of the id.
const FLAG_HEADING = /^(#{1,6})[ \t]+`?--persona-([a-z0-9]+(?:-[a-z0-9]+)*)(?:=[^`\s]*)?`?[ \t]*#*[ \t]*$/;
const HEADING = /^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$/;
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;

/**
 * SuperClaude v3's PERSONAS.md: one persona per flag heading, running to the next heading of the
 * same or a higher level or the next flag heading, as the parser reads such files (DESIGN.md §8).
 * Headings inside fenced code are not headings.
 */
export const splitFlagHeadings: PersonaSplitter = (body, bodyLine) => {
  const lines = body.split("\n");
  const headings: { line: number; depth: number; title: string; id?: string }[] = [];
  let fence: string | undefined;
  lines.forEach((line, i) => {
    const f = FENCE.exec(line);
    if (f) {
      const mark = (f[1] as string)[0] as string;
      if (fence === undefined) fence = mark;
      else if (fence === mark) fence = undefined;
      return;
    }
    if (fence !== undefined) return;
    const flag = FLAG_HEADING.exec(line);
    const heading = HEADING.exec(line);
    if (!heading) return;
    const depth = (heading[1] as string).length;
    headings.push({ line: i, depth, title: heading[2] as string, ...(flag ? { id: flag[2] as string } : {}) });
  });
  if (!headings.some((h) => h.id !== undefined)) return undefined;
  const slices: PersonaSlice[] = [];
  const inside = new Set<number>();
  headings.forEach((h, n) => {
    if (h.id === undefined) return;
    // A persona runs to the next heading of its level or higher, and never into another persona.
    const next = headings.slice(n + 1).find((o) => o.depth <= h.depth || o.id !== undefined);
    const end = next?.line ?? lines.length;
    for (const o of headings) if (o.line >= h.line && o.line < end) inside.add(o.line);
    const text = lines.slice(h.line, end).join("\n").replace(/\s+$/, "");
    slices.push({ id: h.id, text, line: bodyLine + h.line });
  });
  // A heading above the flags (the file's H1, "## Overview") that holds nothing but other
  // headings is structure, not content; one with text of its own was not imported.
  const leftOver = headings
    .filter((h, n) => !inside.has(h.line) && hasText(lines, h.line, headings[n + 1]?.line ?? lines.length))
    .map((h) => ({ title: h.title, line: bodyLine + h.line }));
  return { slices, leftOver };
};

function hasText(lines: readonly string[], from: number, to: number): boolean {
  return lines.slice(from + 1, to).some((l) => l.trim() !== "");
}
