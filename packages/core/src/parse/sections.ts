import type { Root, RootContent } from "mdast";
import { collapseSpace, isBoldLabelLine, plainText, span } from "./markdown.js";

/** A section as found in the tree, before any field extraction. */
export interface RawSection {
  title: string;
  depth: number;
  /** Offset of the heading (or of the body start for the preamble). */
  start: number;
  /** Offset where the next section starts, or the end of the text. */
  end: number;
  /** True when the section opens with a bold-label line rather than an ATX/setext heading. */
  boldLabel: boolean;
  /** The heading node (undefined for the preamble). */
  heading?: RootContent;
  /** Block nodes after the heading, up to the next section. */
  blocks: RootContent[];
}

/**
 * Splits the body into flat sections: every heading of any level and every bold-label line starts
 * one, and each runs to the next. Headings inside code blocks are not headings (micromark already
 * knows this), and heading levels do not nest sections, so each piece of text is in exactly one.
 */
export function splitSections(root: Root, source: string, bodyOffset: number): RawSection[] {
  const sections: RawSection[] = [];
  let current: RawSection | undefined;
  let lastHeadingDepth = 0;
  const preamble: RootContent[] = [];
  for (const node of root.children) {
    if (node.type === "yaml") continue;
    let title: string | undefined;
    let depth = 0;
    let boldLabel = false;
    if (node.type === "heading") {
      title = collapseSpace(plainText(node));
      depth = node.depth;
      lastHeadingDepth = depth;
    } else if (node.type === "paragraph" && isBoldLabelLine(node, source)) {
      title = collapseSpace(plainText(node)).replace(/:$/, "").trim();
      depth = Math.min(lastHeadingDepth + 1, 6);
      boldLabel = true;
    }
    if (title !== undefined) {
      if (current) current.end = span(node).start;
      current = { title, depth, start: span(node).start, end: source.length, boldLabel, heading: node, blocks: [] };
      sections.push(current);
    } else if (current) {
      current.blocks.push(node);
    } else {
      preamble.push(node);
    }
  }
  if (preamble.length > 0) {
    const first = preamble[0] as RootContent;
    sections.unshift({
      title: "",
      depth: 0,
      start: Math.max(bodyOffset, span(first).start),
      end: sections[0]?.start ?? source.length,
      boldLabel: false,
      blocks: preamble,
    });
  }
  return sections;
}

/** The verbatim markdown of a section, without trailing blank lines. */
export function sectionMarkdown(section: RawSection, source: string): string {
  return source.slice(section.start, section.end).replace(/\s+$/, "");
}

/**
 * The markdown of the blocks of a section that are `kept`, sliced verbatim from the source. Kept
 * blocks that were adjacent keep the exact text between them; where consumed blocks are cut out,
 * one blank line separates what remains, which is how markdown separates blocks anyway.
 */
export function blocksMarkdown(all: readonly RootContent[], kept: ReadonlySet<RootContent>, source: string): string {
  let out = "";
  let previous: RootContent | undefined;
  let gap = false;
  for (const block of all) {
    if (!kept.has(block)) {
      gap = previous !== undefined;
      continue;
    }
    if (previous !== undefined) out += gap ? "\n\n" : source.slice(span(previous).end, span(block).start);
    out += source.slice(span(block).start, span(block).end);
    previous = block;
    gap = false;
  }
  return out.replace(/\s+$/, "");
}
