// A large build allocates far more than it keeps: each persona's parse, render and comparison is
// garbage a moment later, while what survives (paths, the parts of shared files) is small. V8's
// default lets the heap grow to about four times the live data between full collections, which
// at 10,000 personas meant a peak several times what the build needs. A growth factor of 1.25
// keeps the peak near the live set. For a small library the default is better: the heap stays
// small anyway, and frequent full collections cost a small build a tenth of its time.
// V8 reads the factor at each collection, so setting it once the library's size is known, before
// the large allocations, is enough — but it must come before them: a build reads its outputs
// before its personas, and set only when the personas were found, it came too late for a
// `--check` (360 MB at 10,000 personas instead of 260 MB). A `--heap-growing-percent` given to
// node itself wins.
import { setFlagsFromString } from "node:v8";

/** Persona files from which a build keeps its heap tight. */
export const LARGE_LIBRARY = 1000;

/** Keeps the heap near the live data for a library of this many files, if it is large. */
export function sizeHeapFor(files: number): void {
  if (files < LARGE_LIBRARY) return;
  if (process.execArgv.some((arg) => arg.startsWith("--heap-growing-percent"))) return;
  setFlagsFromString("--heap-growing-percent=25");
}
