import { readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import type { Diagnostic } from "@personas/core/outputs";
import type { Io } from "../io.js";
import { type Colors, colorsFor } from "./colors.js";
import { diagnosticTexts } from "./diagnostics.js";

// Code frames are a convenience; never read a huge file just to show one line of it.
const FRAME_SOURCE_LIMIT = 1024 * 1024;

/** Characters of diagnostics written to the stream at once. */
const WRITE_BATCH = 64 * 1024;

/** The printing edge of a command: data goes to stdout, diagnostics and status to stderr. */
export interface Reporter {
  readonly out: Colors;
  readonly err: Colors;
  /** Writes text to stdout as is. */
  stdout(text: string): void;
  /** Writes text to stderr as is. */
  stderr(text: string): void;
  /** Writes a value as pretty JSON plus a newline to stdout. */
  json(value: unknown): void;
  /**
   * Writes diagnostics to stderr, with code frames when stderr is a terminal. Infos (what persona
   * left out of a tool's file, and why) are shown with `--verbose` only.
   */
  diagnostics(diagnostics: readonly Diagnostic[]): void;
}

/** A reporter over the given streams; colours and frames follow each stream's TTY-ness and `NO_COLOR`. */
export function createReporter(io: Io): Reporter {
  const cache = new Map<string, string | undefined>();
  const readSource = (file: string): string | undefined => {
    if (cache.has(file)) return cache.get(file);
    let text: string | undefined;
    try {
      const path = resolve(io.cwd, file);
      if (statSync(path).size <= FRAME_SOURCE_LIMIT) text = readFileSync(path, "utf8");
    } catch {
      text = undefined;
    }
    cache.set(file, text);
    return text;
  };
  const err = colorsFor(io.stderr, io.env);
  return {
    out: colorsFor(io.stdout, io.env),
    err,
    stdout: (text) => void io.stdout.write(text),
    stderr: (text) => void io.stderr.write(text),
    json: (value) => void io.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    diagnostics: (diagnostics) => {
      const shown = io.verbose ? diagnostics : diagnostics.filter((d) => d.severity !== "info");
      // Written a batch at a time: one string of them all is megabytes at thousands of personas.
      let batch = "";
      for (const text of diagnosticTexts(shown, { colors: err, frames: io.stderr.isTTY === true, readSource })) {
        batch += text;
        if (batch.length >= WRITE_BATCH) {
          io.stderr.write(batch);
          batch = "";
        }
      }
      if (batch !== "") io.stderr.write(batch);
    },
  };
}
