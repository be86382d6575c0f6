// Imported first by the entry. A build allocates far more than it keeps: each persona's parse,
// render and comparison is garbage a moment later, while what survives (paths, the parts of shared
// files) is small. V8's default lets the heap grow to about four times the live data between full
// collections, which at 10,000 personas meant a peak several times what the build needs. A growth
// factor of 1.25 keeps the peak near the live set; full collections of a small heap are cheap.
// V8 reads the factor at each collection, so setting it before any large allocation is enough.
// A `--heap-growing-percent` given to node itself (`node --heap-growing-percent=N persona.js`) wins.
import { setFlagsFromString } from "node:v8";

if (!process.execArgv.some((arg) => arg.startsWith("--heap-growing-percent"))) {
  setFlagsFromString("--heap-growing-percent=25");
}
