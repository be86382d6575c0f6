import type { OwnedFormat } from "./format.js";
import type { FrontmatterField, RawFrontmatterLine } from "./frontmatter.js";
import { markdownFormat } from "./markdown.js";

/** A Cursor rule: frontmatter fields, some written by hand, and the body. */
export interface MdcDoc {
  frontmatter: readonly (FrontmatterField | RawFrontmatterLine)[];
  body: string;
}

/**
 * Cursor's `.mdc` rule files (https://cursor.com/docs/rules). Cursor does not read their
 * frontmatter as strict YAML: a quoted `globs` keeps its quote characters (oven-sh/bun#24853), so
 * this format, unlike `markdown`, takes lines written by hand for such values.
 */
export const mdc: OwnedFormat<MdcDoc> = markdownFormat<MdcDoc>(
  "mdc",
  "Cursor rule (markdown with Cursor's frontmatter)",
);
