import type { Paragraph, RootContent } from "mdast";
import type { Budget, Constraint } from "../model/persona.js";
import { itemMarkdown, listItems } from "./extract-items.js";
import { collapseSpace, readLabel, span } from "./markdown.js";

const OPS: Record<string, Constraint["op"]> = {
  "<": "<",
  "<=": "<=",
  "≤": "<=",
  ">": ">",
  ">=": ">=",
  "≥": ">=",
  "=": "=",
};

// Units that may stand apart from their number ("<5 minutes"); glued units ("200ms") are any
// letters, so only spaced units need a list, and words such as "critical" stay qualifiers.
const SPACED_UNITS = new Set([
  "ms",
  "s",
  "sec",
  "secs",
  "second",
  "seconds",
  "min",
  "mins",
  "minute",
  "minutes",
  "h",
  "hr",
  "hrs",
  "hour",
  "hours",
  "day",
  "days",
  "week",
  "weeks",
  "month",
  "months",
  "year",
  "years",
  "%",
  "kb",
  "mb",
  "gb",
  "tb",
  "b",
  "bytes",
  "kib",
  "mib",
  "gib",
  "fps",
  "rps",
  "qps",
  "rpm",
  "x",
  "px",
  "pt",
  "em",
  "rem",
  "lines",
  "loc",
  "points",
  "ops/s",
  "req/s",
  "requests/s",
]);

const NUMBER = /(<=|>=|≤|≥|<|>|=)?\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)/;
const GLUED_UNIT = /^([A-Za-zµ%][A-Za-zµ%/]*)/;
const SPACED_UNIT = /^\s+([A-Za-z%][A-Za-z%/]*)(?![\w])/;

/**
 * Parses a budget value into constraints. The value is split on commas and semicolons that are
 * followed by a space ("<3s on 3G, <1s on WiFi"); a trailing parenthesis is the note
 * ("99.9% (8.7h/year downtime)"); in each part the first number, with the comparison before it
 * and the unit after it, is the constraint and the remaining words are its qualifier.
 */
export function parseBudgetValue(raw: string): { constraints: Constraint[]; note?: string } {
  let value = raw.trim();
  let note: string | undefined;
  const paren = /\s*\(([^()]*)\)\s*$/.exec(value);
  if (paren && paren.index > 0) {
    note = (paren[1] ?? "").trim();
    value = value.slice(0, paren.index);
  }
  const constraints: Constraint[] = [];
  for (const part of value.split(/\s*[;,]\s+|\s*;\s*/)) {
    const c = parseConstraint(part);
    if (c) constraints.push(c);
  }
  return note === undefined || note === "" ? { constraints } : { constraints, note };
}

function parseConstraint(part: string): Constraint | undefined {
  const text = stripMarkup(part);
  const m = NUMBER.exec(text);
  if (!m) return undefined;
  const op = m[1] ? OPS[m[1]] : undefined;
  const value = Number((m[2] ?? "").replace(/,/g, ""));
  let after = text.slice(m.index + m[0].length);
  let unit = "";
  const glued = GLUED_UNIT.exec(after);
  if (glued) {
    unit = glued[1] ?? "";
    after = after.slice(unit.length);
  } else {
    const spaced = SPACED_UNIT.exec(after);
    if (spaced && SPACED_UNITS.has((spaced[1] ?? "").toLowerCase())) {
      unit = spaced[1] ?? "";
      after = after.slice(spaced[0].length);
    }
  }
  const before = text.slice(0, m.index).trim();
  const qualifier = collapseSpace(`${before} ${after}`);
  return {
    ...(op ? { op } : {}),
    value,
    unit,
    ...(qualifier === "" ? {} : { qualifier }),
  };
}

function stripMarkup(text: string): string {
  return text.replace(/[`*_]/g, "").trim();
}

/**
 * Reads a budget section: `- **Metric**: value` bullets and two-column tables. A bullet that is not
 * `metric: value` becomes a budget with an empty metric, and its offset is returned for a warning.
 */
export function readBudgets(
  group: string,
  blocks: readonly RootContent[],
  source: string,
): { budgets: Budget[]; unread: number[] } {
  const budgets: Budget[] = [];
  const unread: number[] = [];
  for (const item of listItems(blocks)) {
    const first = item.children[0];
    let metric: string | undefined;
    let raw: string | undefined;
    if (first?.type === "paragraph") {
      const label = readLabel(first as Paragraph, source);
      if (label?.separated) {
        metric = label.label;
        raw = source.slice(label.valueStart, span(first).end).trim();
      } else {
        const text = source.slice(span(first).start, span(first).end);
        const colon = text.indexOf(":");
        if (colon > 0) {
          metric = collapseSpace(text.slice(0, colon).replace(/[*_`]/g, ""));
          raw = text.slice(colon + 1).trim();
        }
      }
    }
    if (metric === undefined || raw === undefined || raw === "") {
      // Kept as a budget without a metric so the line still reaches every target.
      unread.push(span(item).start);
      budgets.push({ group, metric: "", raw: itemMarkdown(item, source), constraints: [] });
      continue;
    }
    budgets.push(makeBudget(group, metric, raw));
  }
  for (const table of blocks.filter((b): b is Paragraph => isPipeTable(b, source))) {
    for (const [metric, raw] of readPipeTable(source.slice(span(table).start, span(table).end))
      .slice(1)
      .map((cells) => [collapseSpace((cells[0] ?? "").replace(/[*_`]/g, "")), cells[1]])) {
      if (metric === undefined || raw === undefined || metric === "" || raw === "") continue;
      budgets.push(makeBudget(group, metric, raw));
    }
  }
  return { budgets, unread };
}

function makeBudget(group: string, metric: string, raw: string): Budget {
  const { constraints, note } = parseBudgetValue(raw);
  const budget: Budget = { group, metric, raw, constraints };
  if (note !== undefined) budget.note = note;
  return budget;
}

/**
 * True for a paragraph that is a pipe table. remark-parse without GFM reads tables as paragraphs;
 * reading the few budget tables here avoids loading the GFM extension for every file.
 */
export function isPipeTable(block: RootContent, source: string): boolean {
  if (block.type !== "paragraph") return false;
  const lines = source.slice(span(block).start, span(block).end).split("\n");
  return lines.length >= 2 && lines.every((l) => l.trim().startsWith("|")) && /^\s*\|?[\s:|-]+$/.test(lines[1] ?? "");
}

/**
 * True for a pipe table with exactly two columns: the model holds all of it, so it is consumed.
 * Wider tables still feed the budgets but stay in the section's `rest`, so no column is lost.
 */
export function isTwoColumnTable(block: RootContent, source: string): boolean {
  if (!isPipeTable(block, source)) return false;
  const rows = readPipeTable(source.slice(span(block).start, span(block).end));
  return rows.every((cells) => cells.length <= 2);
}

/** The rows of a pipe table (delimiter row dropped) as trimmed cells, `\|` unescaped. */
export function readPipeTable(text: string): string[][] {
  return text
    .split("\n")
    .filter((line, i) => i !== 1 && line.trim() !== "")
    .map((line) =>
      line
        .trim()
        .replace(/^\|/, "")
        .replace(/(?<!\\)\|$/, "")
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim().replace(/\\\|/g, "|")),
    );
}
