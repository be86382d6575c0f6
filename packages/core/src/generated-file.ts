import type { FormatName } from "./formats/format.js";

/** A file `compile` produced: final bytes, ready to compare or write. */
export interface GeneratedFile {
  /** POSIX path relative to the output root (or, for `--scope user`, to the home folder). */
  path: string;
  /** The target that wrote it, and the name of the target's output it is. */
  target: string;
  output: string;
  /** The format of the output: what `ownershipOf` needs to read the file back. */
  format: FormatName;
  /** The persona the file belongs to; undefined for files shared by several personas. */
  personaId?: string;
  /** The whole text. A file kept in chunks (see `chunks`) is joined the first time this is read. */
  contents: string;
  /**
   * The text in order, as its format made it: one chunk for almost every file, many for a large
   * one (the MCP prompts file of a big library), so a writer can compare or write it without ever
   * joining it.
   */
  chunks(): readonly string[];
}

/** The parts of a generated file besides its text. */
export type GeneratedFileInfo = Pick<GeneratedFile, "path" | "target" | "output" | "format" | "personaId">;

/**
 * A generated file over its chunks. `contents` is an enumerable getter (so comparing two files
 * compares their text) that joins many chunks once, on first read; `chunks` is not enumerable.
 */
export function generatedFile(info: GeneratedFileInfo, chunks: readonly string[]): GeneratedFile {
  let joined: string | undefined = chunks.length === 1 ? chunks[0] : undefined;
  const file = { path: info.path, target: info.target, output: info.output, format: info.format } as GeneratedFile;
  if (info.personaId !== undefined) file.personaId = info.personaId;
  Object.defineProperty(file, "contents", {
    enumerable: true,
    get: () => {
      joined ??= chunks.join("");
      return joined;
    },
  });
  Object.defineProperty(file, "chunks", { enumerable: false, value: () => chunks });
  return file;
}
