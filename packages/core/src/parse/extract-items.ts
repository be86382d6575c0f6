import type { List, ListItem, Nodes, Paragraph, RootContent } from "mdast";
import type { Item } from "../model/persona.js";
import { collapseSpace, plainText, readLabel, span } from "./markdown.js";

/** The top-level list items among a section's blocks, in order. */
export function listItems(blocks: readonly RootContent[]): ListItem[] {
  return blocks.filter((b): b is List => b.type === "list").flatMap((list) => list.children);
}

/** The markdown of a list item's content, without its bullet or number. */
export function itemMarkdown(item: ListItem, source: string): string {
  const first = item.children[0];
  const last = item.children[item.children.length - 1];
  if (!first || !last) return "";
  return source.slice(span(first).start, span(last).end).trim();
}

/**
 * Reads a list item as an `Item`: `**Reliability First**: Systems must…` → `{ title, text }`, any
 * other item → `{ text }`. The text keeps its markdown (inline code, links) so targets re-emit it
 * as written.
 */
export function readItem(item: ListItem, source: string): Item {
  const first = item.children[0];
  if (first?.type === "paragraph") {
    const label = readLabel(first as Paragraph, source);
    if (label?.separated && label.label !== "") {
      const last = item.children[item.children.length - 1] as Nodes;
      const text = source.slice(label.valueStart, span(last).end).trim();
      return { title: label.label, text };
    }
  }
  return { text: itemMarkdown(item, source) };
}

/** Reads every top-level list item of a section as an `Item`. */
export function readItems(blocks: readonly RootContent[], source: string): Item[] {
  return listItems(blocks).map((item) => readItem(item, source));
}

/** Plain text of each top-level list item (markup removed, whitespace collapsed). */
export function readPlainItems(blocks: readonly RootContent[]): string[] {
  return listItems(blocks)
    .map((item) => collapseSpace(plainText(item)))
    .filter((t) => t !== "");
}

/** Splits a priority line on `>`, `≥` and `>=`: "A > B ≥ C" → ["A", "B", "C"]. */
export function splitPriorities(line: string): string[] {
  return line
    .split(/\s*(?:>=|≥|>)\s*/)
    .map((p) => p.trim())
    .filter((p) => p !== "");
}
