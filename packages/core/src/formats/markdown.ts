import type { OwnedFormat } from "./format.js";
import { type FrontmatterField, frontmatter, type RawFrontmatterLine } from "./frontmatter.js";
import {
  HASH_PLACEHOLDER,
  type MarkerLine,
  markerLineAt,
  markerText,
  normalizeOutput,
  type Stamp,
  sealHash,
} from "./marker.js";

/** A markdown file with YAML frontmatter: the frontmatter's fields in order, and the body. */
export interface MarkdownDoc {
  frontmatter: readonly FrontmatterField[];
  body: string;
}

/**
 * The marker is an HTML comment on the first line after the frontmatter (past blank lines): every
 * tool reads the frontmatter first, and markdown renderers hide the comment.
 */
export function markerAfterFrontmatter(text: string, complete: boolean): MarkerLine | "more" | undefined {
  let at = 0;
  if (text.startsWith("---\n")) {
    const close = text.indexOf("\n---\n", 3);
    if (close === -1) return complete ? undefined : "more";
    at = close + 5;
    while (text[at] === "\n") at++;
  } else if (!complete && "---\n".startsWith(text)) {
    return "more";
  }
  if (!complete && text.indexOf("\n", at) === -1) return "more";
  return markerLineAt(text, at);
}

/** Frontmatter, the marker comment, then the body: the bytes of every markdown-like output. */
export function writeMarkdown(
  entries: readonly (FrontmatterField | RawFrontmatterLine)[],
  body: string,
  stamp: Stamp,
): string {
  const text = normalizeOutput(
    `${frontmatter(entries)}\n<!-- ${markerText(stamp, HASH_PLACEHOLDER)} -->\n\n${body.replace(/^\n+/, "")}`,
  );
  return sealHash(text, markerAfterFrontmatter(text, true) as MarkerLine | undefined);
}

/** A format of markdown with frontmatter, whichever lines its documents' frontmatter may hold. */
export function markdownFormat<
  Doc extends { frontmatter: readonly (FrontmatterField | RawFrontmatterLine)[]; body: string },
>(name: "markdown" | "mdc", description: string): OwnedFormat<Doc> {
  return {
    name,
    description,
    owns: "file",
    write: (doc, stamp) => [writeMarkdown(doc.frontmatter, doc.body, stamp)],
    findMarker: markerAfterFrontmatter,
  };
}

/**
 * Markdown with YAML frontmatter read by a strict YAML parser (Claude Code, Copilot, Gemini CLI,
 * opencode): every value is serialised by `yaml`, so nothing a reader rejects can be written.
 */
export const markdown: OwnedFormat<MarkdownDoc> = markdownFormat<MarkdownDoc>(
  "markdown",
  "Markdown with YAML frontmatter",
);
