#!/usr/bin/env node
// pnpm bench — measures persona against the floor (read the sources, write the outputs, nothing
// else) and its peers (ruler, rulesync) on synthetic corpora shaped like shared/seed/backend.md.
//
//   node scripts/bench/run.mjs [--sizes 100,1000,10000] [--runs N] [--peers-max 1000] [--json FILE] [--only route]
//
// --only route measures routing alone (core's route() per request), which takes seconds, not minutes.
// Every figure is the median of several runs after a warm-up, timed with Node's own clock around
// a child process; peak memory is the child's maxRSS from process.resourceUsage(), reported by a
// preloaded hook. Absolute times drift on a shared machine; the ratios, measured in the same run,
// are the numbers to compare.
import { spawnSync } from "node:child_process";
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { writeCorpus } from "./corpus.mjs";
import { installPeers, writePeerCorpora } from "./peers.mjs";
import { measureRoute } from "./route.mjs";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BENCH = join(ROOT, ".bench");
const PERSONA = join(ROOT, "packages/cli/dist/persona.js");
const HOOK = pathToFileURL(join(ROOT, "scripts/bench/rss-hook.mjs")).href;
const FLOOR = join(ROOT, "scripts/bench/floor.mjs");

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
}
const sizes = option("sizes", "100,1000,10000").split(",").map(Number);
const runsOverride = option("runs", undefined);
const peersMax = Number(option("peers-max", "1000"));
const jsonFile = option("json", undefined);
const only = option("only", undefined);
if (only !== undefined && only !== "route") {
  console.error(`bench: --only takes "route", not ${JSON.stringify(only)}`);
  process.exit(2);
}
const runsFor = (n) => Number(runsOverride ?? (n >= 10000 ? 1 : n >= 1000 ? 3 : 5));

if (!existsSync(PERSONA)) {
  console.error("bench: build first (pnpm build)");
  process.exit(2);
}

let rssCounter = 0;
/** Runs a node script once; returns wall milliseconds and peak RSS in MiB. */
function runOnce(script, args, cwd, env = {}) {
  const rssFile = join(BENCH, `.rss-${process.pid}-${rssCounter++}`);
  const start = performance.now();
  const r = spawnSync(process.execPath, [script, ...args], {
    cwd,
    env: { ...process.env, ...env, NODE_OPTIONS: `--import=${HOOK}`, BENCH_RSS_FILE: rssFile, NO_COLOR: "1" },
    stdio: ["ignore", "ignore", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  let rssMb = Number.NaN;
  try {
    rssMb = Number(readFileSync(rssFile, "utf8")) / 1024;
    rmSync(rssFile);
  } catch {}
  if (r.status !== 0 && !env.BENCH_ALLOW_FAIL) {
    throw new Error(
      `${relative(ROOT, script)} ${args.join(" ")} exited ${r.status}: ${String(r.stderr).slice(0, 500)}`,
    );
  }
  return { ms, rssMb };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Median of `runs` runs after one warm-up; `before` resets state before each run. */
function measure(runs, before, script, args, cwd, env) {
  before?.();
  runOnce(script, args, cwd, env);
  const samples = [];
  for (let i = 0; i < runs; i++) {
    before?.();
    samples.push(runOnce(script, args, cwd, env));
  }
  return { ms: median(samples.map((s) => s.ms)), rssMb: Math.max(...samples.map((s) => s.rssMb)) };
}

function outputManifest(outDir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.push([relative(outDir, full), statSync(full).size]);
    }
  };
  walk(outDir);
  return out;
}

/** Starts `persona mcp` and times start-up, a full prompts/list (every page) and prompts/get. */
async function measureMcp(dir, runs) {
  const results = [];
  for (let i = 0; i < runs + 1; i++) {
    const rssFile = join(BENCH, `.rss-mcp-${process.pid}-${i}`);
    const start = performance.now();
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [PERSONA, "mcp", "--personas", join(dir, "personas")],
      cwd: dir,
      env: { ...process.env, NODE_OPTIONS: `--import=${HOOK}`, BENCH_RSS_FILE: rssFile },
      stderr: "ignore",
    });
    const client = new Client({ name: "bench", version: "1.0.0" });
    await client.connect(transport);
    const ready = performance.now() - start;
    let t = performance.now();
    let cursor;
    let names = [];
    do {
      const page = await client.listPrompts(cursor ? { cursor } : {});
      names = names.concat(page.prompts.map((p) => p.name));
      cursor = page.nextCursor;
    } while (cursor);
    const list = performance.now() - t;
    const gets = [];
    for (let g = 0; g < 20; g++) {
      t = performance.now();
      await client.getPrompt({
        name: names[(g * 7919) % names.length],
        arguments: { user_prompt: "Why is the p95 latency up?" },
      });
      gets.push(performance.now() - t);
    }
    await client.close();
    await new Promise((r) => setTimeout(r, 100));
    let rssMb = Number.NaN;
    try {
      rssMb = Number(readFileSync(rssFile, "utf8")) / 1024;
      rmSync(rssFile);
    } catch {}
    if (i > 0) results.push({ ready, list, get: median(gets), rssMb });
  }
  return {
    ready: median(results.map((r) => r.ready)),
    list: median(results.map((r) => r.list)),
    get: median(results.map((r) => r.get)),
    rssMb: Math.max(...results.map((r) => r.rssMb)),
  };
}

function machine() {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  return `${availableParallelism()} cores (${cpu}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
}

mkdirSync(BENCH, { recursive: true });
const peerBins = only ? {} : installPeers(join(BENCH, "peers"));
const report = { machine: machine(), date: new Date().toISOString(), sizes: {}, startup: {} };

// Start-up: persona --version against a bare node.
if (!only) {
  const runs = Number(runsOverride ?? 10);
  const bareScript = join(BENCH, "bare.mjs");
  writeFileSync(bareScript, "");
  const bare = measure(runs, undefined, bareScript, [], BENCH);
  const version = measure(runs, undefined, PERSONA, ["--version"], BENCH);
  report.startup = { bareNodeMs: bare.ms, versionMs: version.ms, ratio: version.ms / bare.ms };
}

for (const n of sizes) {
  const runs = runsFor(n);
  const dir = join(BENCH, `n${n}`);
  const personas = join(dir, "personas");
  if (!existsSync(join(personas, `p${String(n - 1).padStart(5, "0")}.md`))) {
    rmSync(dir, { recursive: true, force: true });
    writeCorpus(dir, n);
  }
  // An (empty) node_modules marks a project where the parse cache may live, as in a real repo.
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  const out = join(dir, "out");
  const cache = join(dir, "node_modules", ".cache");
  const cold = () => {
    rmSync(out, { recursive: true, force: true });
    rmSync(cache, { recursive: true, force: true });
  };
  const r = {};
  process.stderr.write(`bench: N=${n}, ${only ? "routing only" : `${runs} run(s) each`}\n`);
  r.route = await measureRoute(personas);
  if (only) {
    report.sizes[n] = r;
    continue;
  }
  r.coldBuild = measure(runs, cold, PERSONA, ["build"], dir);
  r.noopBuild = measure(runs, undefined, PERSONA, ["build"], dir);
  r.check = measure(runs, undefined, PERSONA, ["build", "--check"], dir);
  r.validate = measure(runs, undefined, PERSONA, ["validate"], dir);
  // Parsing alone on every core, nothing compiled or written: the least a cold build can take with
  // this parser. Its last run fills the cache again for what follows.
  r.validateCold = measure(runs, () => rmSync(cache, { recursive: true, force: true }), PERSONA, ["validate"], dir);
  let edit = 0;
  const touchOne = () => {
    const file = join(personas, `p${String(edit++ % n).padStart(5, "0")}.md`);
    appendFileSync(file, `\n<!-- edit ${edit} -->\n`);
  };
  r.oneChanged = measure(runs, touchOne, PERSONA, ["build"], dir);

  const manifest = outputManifest(out);
  const manifestFile = join(dir, "manifest.json");
  writeFileSync(manifestFile, JSON.stringify(manifest));
  const floorOut = join(dir, "floor-out");
  r.floor = measure(
    runs,
    () => rmSync(floorOut, { recursive: true, force: true }),
    FLOOR,
    [personas, manifestFile, floorOut],
    dir,
  );
  r.outputs = manifest.length;

  if (n <= peersMax) {
    const rulerDir = join(dir, "ruler");
    const rulesyncDir = join(dir, "rulesync");
    if (!existsSync(rulerDir)) writePeerCorpora(personas, rulerDir, rulesyncDir);
    const clean = (d) => () => {
      for (const x of [".claude", ".cursor", ".github", ".codex"]) rmSync(join(d, x), { recursive: true, force: true });
    };
    if (peerBins.ruler) {
      r.ruler = measure(
        runs,
        clean(rulerDir),
        realpathSync(peerBins.ruler),
        ["apply", "--subagents", "--agents", "claude,cursor,copilot"],
        rulerDir,
      );
    }
    if (peerBins.rulesync) {
      r.rulesync = measure(
        runs,
        clean(rulesyncDir),
        realpathSync(peerBins.rulesync),
        ["generate", "--targets", "claudecode,cursor,copilot", "--features", "subagents"],
        rulesyncDir,
      );
    }
  }
  r.mcp = await measureMcp(dir, Math.min(runs, 3));
  report.sizes[n] = r;
}

// ---- the table ----
const fmt = (ms) =>
  ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
const ratio = (a, b) => (b ? `${(a / b).toFixed(2)}×` : "–");
const rows = [
  ["cold build (all targets)", "coldBuild"],
  ["no-op rebuild", "noopBuild"],
  ["build --check (current)", "check"],
  ["validate", "validate"],
  ["validate, no cache (parsing only)", "validateCold"],
  ["one persona changed", "oneChanged"],
  ["floor (read + write only)", "floor"],
  ["ruler apply --subagents", "ruler"],
  ["rulesync generate", "rulesync"],
];
const lines = [];
lines.push(`persona bench — ${report.machine}`);
lines.push("");
lines.push("| measure | N | time | × floor | × ruler | × rulesync | peak MB |");
lines.push("|---|---:|---:|---:|---:|---:|---:|");
for (const [n, r] of Object.entries(report.sizes)) {
  for (const [label, key] of rows) {
    const m = r[key];
    if (!m) continue;
    lines.push(
      `| ${label} | ${n} | ${fmt(m.ms)} | ${ratio(m.ms, r.floor.ms)} | ${ratio(m.ms, r.ruler?.ms)} | ${ratio(m.ms, r.rulesync?.ms)} | ${m.rssMb.toFixed(0)} |`,
    );
  }
  if (r.mcp) {
    lines.push(`| mcp start-up | ${n} | ${fmt(r.mcp.ready)} |  |  |  | ${r.mcp.rssMb.toFixed(0)} |`);
    lines.push(`| mcp prompts/list (all pages) | ${n} | ${fmt(r.mcp.list)} |  |  |  |  |`);
    lines.push(`| mcp prompts/get | ${n} | ${r.mcp.get.toFixed(1)} ms |  |  |  |  |`);
  }
  lines.push(`| route() first request (prepares every persona) | ${n} | ${r.route.first.toFixed(1)} ms |  |  |  |  |`);
  lines.push(
    `| route() per request, CPU median (p95) | ${n} | ${r.route.cpuMedian.toFixed(3)} ms (${r.route.cpuP95.toFixed(3)} ms) |  |  |  |  |`,
  );
  lines.push(
    `| route() per request, wall median (p95) | ${n} | ${r.route.wallMedian.toFixed(3)} ms (${r.route.wallP95.toFixed(3)} ms) |  |  |  |  |`,
  );
}
lines.push("");
if (!only) {
  lines.push(
    `persona --version: ${fmt(report.startup.versionMs)} against a bare \`node\`: ${fmt(report.startup.bareNodeMs)} (${report.startup.ratio.toFixed(2)}×)`,
  );
}
const [a, b] = [report.sizes[1000], report.sizes[10000]];
if (a?.coldBuild && b?.coldBuild) {
  const growth = (k) => (b[k].ms / a[k].ms).toFixed(1);
  lines.push(
    `growth N=1,000 → 10,000 (10× the input): cold build ${growth("coldBuild")}×, no-op ${growth("noopBuild")}×, check ${growth("check")}×, floor ${growth("floor")}×`,
  );
}
console.log(lines.join("\n"));
if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
