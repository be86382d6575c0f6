import type { FileText } from "./file-text.js";
import type { MarkerLine, Stamp } from "./marker.js";

/**
 * A format owns one kind of file: how a document is serialised, where the marker goes and how it
 * is found again (in the whole text, or in the head of a text read in chunks), and — for a file
 * the user also edits — how persona's part is merged into it. Targets only build documents; they
 * never place markers, take hashes or merge text themselves (DESIGN.md §7).
 */

/** The names of the formats, as `persona targets` and the docs show them. */
export type FormatName = "markdown" | "mdc" | "json" | "toml" | "yaml" | "managed-block";

/** What every format says about itself. */
interface FormatInfo {
  name: FormatName;
  /** A short human description for docs and `persona targets`: "Markdown with YAML frontmatter". */
  description: string;
}

/**
 * A format whose files persona owns whole: the marker sits at one place in the file and carries a
 * content hash of the rest, so a hand edit is told from persona's own text.
 */
export interface OwnedFormat<Doc> extends FormatInfo {
  owns: "file";
  /**
   * The finished text of a document: marker in place, hash sealed, LF line ends and one trailing
   * newline. Returned as chunks in order; a large file (an MCP prompts file of tens of megabytes)
   * comes in many and is never joined here.
   */
  write(doc: Doc, stamp: Stamp): readonly string[];
  /**
   * The marker line at the place this format puts it, in a text with LF line ends. `complete`
   * says whether `text` is the whole file or only its head so far (a large file read in chunks):
   * with a head too short to tell, the answer is "more".
   */
  findMarker(text: string, complete: boolean): MarkerLine | "more" | undefined;
}

/**
 * A format for a file the user also edits: persona owns only a delimited block inside it, and
 * everything outside the block is the user's, carried over byte for byte.
 */
export interface MergedFormat<Doc> extends FormatInfo {
  owns: "block";
  /** The first and last line of persona's block; finding both means the file holds one. */
  begin: string;
  end: string;
  /**
   * The fields of the block's notice (its build key) when the file's block is exactly as persona
   * wrote it — one block, its hash matching — and nothing of the user's conflicts with it; else
   * undefined. A build whose personas are all current then need not assemble the block again.
   */
  intact(text: FileText): Pick<MarkerLine, "build" | "files" | "parts"> | undefined;
  /**
   * The file with persona's block for `doc` merged into `existing` (undefined: the file does not
   * exist yet), or the reason the existing block cannot be trusted and the offset where it is.
   */
  write(doc: Doc, stamp: Stamp, existing: string | undefined): Merged | { problem: string; offset: number };
}

/**
 * A merged file in chunks, and which of them are persona's block: `ours` is the half-open range
 * of their indexes. The chunks before and after are the user's text, carried over as it is (a
 * CRLF line end or a BOM there is theirs, not something a template introduced).
 */
export interface Merged {
  chunks: readonly string[];
  ours: readonly [number, number];
}

/** A file format; see `OwnedFormat` and `MergedFormat`. */
export type Format<Doc = never> = OwnedFormat<Doc> | MergedFormat<Doc>;
