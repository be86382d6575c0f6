// A parse worker: receives `{ id, text, path }`, answers `{ id, json }`. It holds no state, so
// the pool can terminate it at any moment (time budget exceeded) and start another.
import { parentPort } from "node:worker_threads";
import { parsePersona } from "@personas/core/parse";
import type { ParseRequest, ParseResponse, WorkerReady } from "./protocol.js";

parentPort?.on("message", (request: ParseRequest) => {
  const options = request.vars === undefined ? { path: request.path } : { path: request.path, vars: request.vars };
  const result = parsePersona(request.text, options);
  const response: ParseResponse = { id: request.id, json: JSON.stringify(result) };
  parentPort?.postMessage(response);
});

const ready: WorkerReady = { ready: true };
parentPort?.postMessage(ready);
