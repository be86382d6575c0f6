import module from "node:module";
import "./threadpool.js";
import { main } from "./main.js";

// On Node 22.1 and later, V8 keeps the compiled bundle on disk between runs: start-up of a small
// build is mostly compiling the bundle. (Node 20 has no compile cache; nothing happens there.)
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// A reader that goes away (`persona list | head -1`) makes writes fail with EPIPE; Node would print a
// stack trace and exit 1. Stop writing quietly instead and keep the exit code of the real result.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE" || error.code === "ERR_STREAM_DESTROYED") return;
    process.exitCode = 2;
  });
}

// Set the exit code and let Node exit on its own: `process.exit()` right after a large write to a
// pipe cuts the output short.
process.exitCode = await main(process.argv.slice(2));
