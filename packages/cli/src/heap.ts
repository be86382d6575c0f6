// Imported first by the entry. A build allocates far more than it keeps: each persona's parse,
// render and comparison is garbage a moment later, while what survives (paths, the parts of shared
// files) is small. V8's default lets the heap grow to about four times the live data between full
// collections, which at 10,000 personas meant a peak three times what the build needs. A growth
// factor of 1.25 keeps the peak near the live set; full collections of a small heap are cheap.
// Set before any large allocation; the factor is read at each collection. A user's own
// `--heap-growing-percent` (NODE_OPTIONS) wins.
import { setFlagsFromString } from "node:v8";

if (
  !process.execArgv.some((a) => a.startsWith("--heap-growing-percent")) &&
  !/heap-growing-percent/.test(process.env.NODE_OPTIONS ?? "")
) {
  setFlagsFromString(`--heap-growing-percent=${process.env.PERSONA_HEAP_GROWTH ?? "25"}`);
}
