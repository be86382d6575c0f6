import type { InlineCode, ListItem, Nodes, RootContent } from "mdast";
import type { Triggers } from "../model/persona.js";
import { itemMarkdown, listItems } from "./extract-items.js";
import { collapseSpace, plainText } from "./markdown.js";

const KEYWORD_LABEL = /^(?:key\s*words?|keywords?|terms?)$/i;
const FILE_LABEL = /^(?:files?|file\s*patterns?|file\s*types?|file\s*globs?|globs?|paths?|patterns?)$/i;
const LABEL_LINE = /^\s*(?:\*\*|__)?([^:*_]+?)(?:\*\*|__)?\s*:(?:\*\*|__)?\s*([\s\S]*)$/;

/**
 * Splits a comma-separated list and strips quotes and backticks around each entry. Commas inside
 * braces stay put, so a glob such as `src/**\/*.{ts,tsx}` is one entry.
 */
export function splitList(text: string): string[] {
  return splitOutsideBraces(text)
    .map((k) =>
      k
        .trim()
        .replace(/^["'“”‘’`]+|["'“”‘’`.]+$/g, "")
        .trim(),
    )
    .filter((k) => k !== "");
}

function inlineCodes(node: Nodes): string[] {
  const out: string[] = [];
  const walk = (n: Nodes) => {
    if (n.type === "inlineCode") out.push((n as InlineCode).value);
    else if ("children" in n) for (const c of n.children as Nodes[]) walk(c);
  };
  walk(node);
  return out;
}

/**
 * Reads an "Auto-Activation Triggers" section. `Keywords:` bullets give keywords (quoted or not),
 * `File patterns:`/`Files:` bullets give globs (from inline code when present, since an unquoted
 * `**\/*.ts` would be read as emphasis), and every other bullet is a context.
 */
export function readTriggers(blocks: readonly RootContent[], source: string): Triggers {
  const triggers: Triggers = { keywords: [], files: [], contexts: [] };
  for (const item of listItems(blocks)) readTriggerItem(item, source, triggers);
  return triggers;
}

function readTriggerItem(item: ListItem, source: string, into: Triggers): void {
  const markdown = itemMarkdown(item, source);
  const m = LABEL_LINE.exec(markdown);
  const label = m ? collapseSpace(m[1] ?? "") : "";
  if (m && KEYWORD_LABEL.test(label)) {
    into.keywords.push(...splitList(collapseSpace(m[2] ?? "")));
    return;
  }
  if (m && FILE_LABEL.test(label)) {
    const codes = inlineCodes(item);
    const globs = codes.length > 0 ? codes.flatMap((c) => splitList(c)) : splitList(collapseSpace(m[2] ?? ""));
    into.files.push(...globs);
    return;
  }
  const text = collapseSpace(plainText(item));
  if (text !== "") into.contexts.push(text);
}

/** Appends entries that are not yet present, keeping first-seen order. */
export function mergeUnique(into: string[], more: readonly string[]): void {
  const seen = new Set(into);
  for (const m of more) {
    if (!seen.has(m)) {
      seen.add(m);
      into.push(m);
    }
  }
}

/** Splits on commas that are not inside `{…}`. */
function splitOutsideBraces(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "{") depth++;
    else if (ch === "}" && depth > 0) depth--;
    else if (ch === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
