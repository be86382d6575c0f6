// Routing speed: core's route() in-process over a corpus, per request, after the personas have been
// prepared (stemmed, globs compiled) by the first request, as in a running `persona mcp`.
import { loadPersonas, route } from "../../packages/core/dist/index.js";

/** Requests of the kinds users write: words, word forms, paths in the text, a mention, long prose. */
const REQUESTS = [
  { request: "Why is the billing API slower since the last deploy?" },
  { request: "Add retries with backoff to the queue consumer in services/queue-service-2/src/worker.ts" },
  { request: "@search-service-4 reindex everything tonight" },
  { request: "Write tests for the ledger reconciliation job", files: ["services/ledger-service-3/src/job.ts"] },
  { request: "The inventory sync keeps timing out under load; investigate and propose a fix" },
  { request: "Update the Dockerfile and k8s/deploy.yaml for the media service" },
  { request: "Explain how authentication tokens are refreshed in the gateway" },
  { request: "Reduce p95 latency of report generation; it is costly to run" },
  {
    request:
      "We are seeing intermittent 502s from the gateway when the cache is cold, mostly after deployments, " +
      "and the on-call engineer suspects the connection pool in the auth service is exhausted. Can you look " +
      "at src/auth/pool.ts and the metrics, find the root cause, and suggest what to change so this stops?",
  },
  { request: "hello" },
];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

/**
 * Times route() over the personas in `dir`: the first request (which prepares every persona) and
 * then `rounds` passes over REQUESTS, each request timed alone. Returns milliseconds: the CPU time
 * this process spent on a request (what it costs, whatever else the machine runs) and the wall time
 * (what a caller waits, which on a busy machine includes waiting for a core).
 */
export async function measureRoute(dir, rounds = 200) {
  const { personas } = await loadPersonas(dir);
  let start = performance.now();
  route(personas, REQUESTS[0]);
  const first = performance.now() - start;
  // Warm-up: let V8 compile the hot paths before anything is timed, as in a server that has run a while.
  for (let i = 0; i < 20; i++) for (const input of REQUESTS) route(personas, input);
  const cpu = [];
  const wall = [];
  for (let i = 0; i < rounds; i++) {
    for (const input of REQUESTS) {
      const before = process.cpuUsage();
      start = performance.now();
      route(personas, input);
      wall.push(performance.now() - start);
      const used = process.cpuUsage(before);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  return {
    personas: personas.length,
    first,
    cpuMedian: median(cpu),
    cpuP95: percentile(cpu, 0.95),
    wallMedian: median(wall),
    wallP95: percentile(wall, 0.95),
  };
}
