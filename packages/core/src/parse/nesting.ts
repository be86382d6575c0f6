/**
 * A linear pre-scan for nesting that makes markdown parsing super-linear. micromark takes 53 s on
 * `- ` repeated 8,000 times on one line, 105 s on 100,000 `>`, and remark-stringify overflows the
 * stack on a 1,000-level list (ADVERSARIAL.md row 33); no persona needs more than a few levels, so
 * a file deeper than the limit is refused before the parser sees it.
 */
export const MAX_NESTING_DEPTH = 32;

const CONTAINER = /(?:>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)/y;
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})/;

/** The deepest nesting found and where it starts (0-based line, 0-based column in UTF-16). */
export interface NestingReport {
  depth: number;
  line: number;
  column: number;
}

/**
 * Measures nesting line by line, outside fenced code: block containers at the start of a line
 * (`>`, list markers) plus indentation (two columns a level), and unclosed `[` within a line.
 * Returns the first place that exceeds `limit`, or undefined.
 */
export function findExcessiveNesting(text: string, limit = MAX_NESTING_DEPTH): NestingReport | undefined {
  let fence: string | undefined;
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    const line = text.slice(start, end);
    const fenceMatch = FENCE.exec(line);
    if (fence !== undefined) {
      if (fenceMatch && fenceMatch[1]?.[0] === fence[0] && (fenceMatch[1]?.length ?? 0) >= fence.length)
        fence = undefined;
    } else if (fenceMatch) {
      fence = fenceMatch[1];
    } else {
      const found = measureLine(line, limit);
      if (found) return { depth: found.depth, line: lineNo, column: found.column };
    }
    lineNo++;
    start = end + 1;
  }
  return undefined;
}

function measureLine(line: string, limit: number): { depth: number; column: number } | undefined {
  const depth = containerDepth(line, limit);
  if (depth > limit) return { depth: containerDepth(line, Number.POSITIVE_INFINITY), column: 0 };
  let brackets = 0;
  for (let j = 0; j < line.length; j++) {
    const c = line.charCodeAt(j);
    if (c === 0x5b /* [ */) {
      brackets++;
      if (brackets > limit) return { depth: bracketDepth(line), column: 0 };
    } else if (c === 0x5d /* ] */ && brackets > 0) brackets--;
  }
  return undefined;
}

/** Indentation levels plus container markers at the start of a line; stops counting past `stop`. */
function containerDepth(line: string, stop: number): number {
  let i = 0;
  let indent = 0;
  while (i < line.length && (line[i] === " " || line[i] === "\t")) {
    indent += line[i] === "\t" ? 4 : 1;
    i++;
  }
  let depth = Math.floor(indent / 2);
  CONTAINER.lastIndex = i;
  // A sticky regex walks the markers in place: linear even for 100,000 `>` on one line.
  for (let m = CONTAINER.exec(line); m && depth <= stop; m = CONTAINER.exec(line)) {
    depth++;
    let j = CONTAINER.lastIndex;
    while (j < line.length && (line[j] === " " || line[j] === "\t")) j++;
    CONTAINER.lastIndex = j;
  }
  return depth;
}

function bracketDepth(line: string): number {
  let depth = 0;
  let max = 0;
  for (let j = 0; j < line.length; j++) {
    const c = line.charCodeAt(j);
    if (c === 0x5b) max = Math.max(max, ++depth);
    else if (c === 0x5d && depth > 0) depth--;
  }
  return max;
}
