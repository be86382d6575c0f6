import type { Nodes, Paragraph, PhrasingContent, Root, Strong } from "mdast";
import remarkFrontmatter from "remark-frontmatter";
import remarkParse from "remark-parse";
import { unified } from "unified";

// One processor for the process: building it per file would repeat the extension setup.
const processor = unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]);

/** Parses markdown (with optional YAML frontmatter) to mdast with positions. */
export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}

/** Start and end UTF-16 offsets of a node; every node remark-parse produces has them. */
export function span(node: Nodes): { start: number; end: number } {
  return { start: node.position?.start.offset ?? 0, end: node.position?.end.offset ?? 0 };
}

/** The plain text of a node: text and inline code values, breaks as spaces. */
export function plainText(node: Nodes): string {
  if (node.type === "text" || node.type === "inlineCode") return node.value;
  if (node.type === "break") return " ";
  if ("children" in node) return (node.children as Nodes[]).map(plainText).join("");
  return "";
}

/** Collapses runs of whitespace (line breaks included) to single spaces. */
export function collapseSpace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** A paragraph (or list-item line) that opens with bold text: `**Label**: rest` or `**Label:** rest`. */
export interface LabelledLine {
  label: string;
  /** Offset where the value after the label and its separator starts. */
  valueStart: number;
  /** True when the label ended with a colon (inside or right after the bold text). */
  colon: boolean;
  /** True when a separator (colon, dash) followed the label. */
  separated: boolean;
}

const SEPARATOR = /^\s*(?::|[-–—](?=\s))\s*/;

/** Reads `**Label**: value` / `**Label:** value` / `**Label** - value` at the start of a paragraph. */
export function readLabel(paragraph: Paragraph, source: string): LabelledLine | undefined {
  const first = paragraph.children[0] as PhrasingContent | undefined;
  if (first?.type !== "strong") return undefined;
  const strong = first as Strong;
  const raw = collapseSpace(plainText(strong));
  const colonInside = raw.endsWith(":");
  const label = colonInside ? raw.slice(0, -1).trim() : raw;
  const after = span(strong).end;
  const tail = source.slice(after, span(paragraph).end);
  const sep = SEPARATOR.exec(tail);
  const colon = colonInside || (sep?.[0].includes(":") ?? false);
  const separated = colonInside || sep !== null;
  const skip = sep ? sep[0].length : (/^\s*/.exec(tail)?.[0].length ?? 0);
  return { label, valueStart: after + skip, colon, separated };
}

/** True when a paragraph is only a bold label line such as `**Core Principles**:`. */
export function isBoldLabelLine(paragraph: Paragraph, source: string): boolean {
  const label = readLabel(paragraph, source);
  if (!label?.colon || label.label === "") return false;
  return source.slice(label.valueStart, span(paragraph).end).trim() === "";
}

/** Normalises a title for matching: lower case, punctuation and markup as single spaces. */
export function normalizeTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
