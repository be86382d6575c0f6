// Preloaded into every measured Node process (NODE_OPTIONS=--import): on exit, writes the
// process's peak resident set size (KiB, from process.resourceUsage()) to $BENCH_RSS_FILE.
import { writeFileSync } from "node:fs";
import { isMainThread } from "node:worker_threads";

const file = process.env.BENCH_RSS_FILE;
if (file && isMainThread) {
  process.on("exit", () => {
    try {
      writeFileSync(file, String(process.resourceUsage().maxRSS));
    } catch {}
  });
}
