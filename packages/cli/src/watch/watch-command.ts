import { existsSync, statSync } from "node:fs";
import { basename, dirname } from "node:path";
import type { ParsedArgs } from "../cli/args.js";
import { CONFIG_FILE_NAMES } from "../config/names.js";
import { UsageError } from "../errors.js";
import type { Io } from "../io.js";
import type { Settings } from "../project/settings.js";
import { reportFailure } from "../report/failure.js";
import { createReporter } from "../report/reporter.js";
import { type FolderWatch, watchFolder, watchNames } from "./watch-folder.js";

/**
 * `--watch` repeats a run that writes or reports; one-shot modes that exist for CI (a single JSON
 * document, a diff to fail on) make no sense repeated, nor do machine formats other than `github`.
 */
export function refuseWithWatch(args: ParsedArgs, command: string, oneShot: readonly string[]): void {
  for (const flag of oneShot) {
    if (args.flag(flag))
      throw new UsageError(`persona ${command}: --watch and --${flag} cannot be combined`, WATCH_HINT);
  }
  const format = args.string("format");
  if (format === "json" || format === "sarif")
    throw new UsageError(`persona ${command}: --watch and --format ${format} cannot be combined`, WATCH_HINT);
}

const WATCH_HINT = "--watch runs again on every change; machine-readable output is for one run.";

/** Options of `watchCommand`. */
export interface WatchCommandOptions {
  io: Io;
  /** The command's name, for the status lines (`persona build --watch: …`). */
  command: string;
  /** Runs the command once, printing what it prints, and returns its exit code; may throw. */
  once(): Promise<number>;
  /**
   * The project as the command sees it right now; read again after every run, since an edited
   * config may name other folders. May throw (a broken config): the previous paths stay watched.
   */
  settings(): Promise<Settings>;
  /** Extra files or folders the command reads (`validate`'s arguments). */
  inputs?: readonly string[];
  /** Quiet time after the last change before running again; editors save in several steps. */
  debounceMs?: number;
}

/** What is watched: folders (recursively) and names directly inside a folder; `shown` for people. */
interface WatchPlan {
  folders: string[];
  names: Map<string, Set<string>>;
  shown: string[];
}

/** Every folder and file the command reads: personas, templates, the config (or where one would go). */
function planFor(settings: Settings, inputs: readonly string[]): WatchPlan {
  const plan: WatchPlan = { folders: [], names: new Map(), shown: [] };
  const name = (dir: string, entry: string) => plan.names.set(dir, (plan.names.get(dir) ?? new Set()).add(entry));
  const path = (p: string) => {
    // A folder is watched inside; a file, or a folder that does not exist yet, from its parent.
    const folder = existsSync(p) && statSync(p).isDirectory();
    if (folder) plan.folders.push(p);
    else name(dirname(p), basename(p));
    plan.shown.push(folder ? `${settings.display(p)}/` : settings.display(p));
  };
  for (const p of inputs.length > 0 ? inputs : [settings.personasDir]) path(p);
  if (settings.templatesDir !== undefined) path(settings.templatesDir);
  if (settings.configPath !== undefined) path(settings.configPath);
  else plan.shown.push("a new persona.config.*");
  // A config created, renamed or added to package.json later changes what the command does.
  for (const config of [...CONFIG_FILE_NAMES, "package.json"]) name(settings.root, config);
  return plan;
}

const planKey = (plan: WatchPlan) =>
  JSON.stringify([[...plan.folders].sort(), [...plan.names].map(([d, n]) => [d, [...n].sort()]).sort()]);

/**
 * Runs a command, then again after every change to what it reads — persona files (fragments
 * under the personas folder included), templates, the config — until SIGINT or SIGTERM. Changes
 * are debounced, runs never overlap (a change during a run queues one more), and a run that fails
 * (a persona error, a broken config) is printed and the watch goes on. Resolves with 0 once
 * stopped, after the run in progress has finished, so no write is cut off.
 */
export async function watchCommand(options: WatchCommandOptions): Promise<number> {
  const { io, command } = options;
  const report = createReporter(io);
  const status = (text: string) => report.stderr(`${report.err.dim(`persona ${command} --watch: ${text}`)}\n`);
  const debounceMs = options.debounceMs ?? 200;
  let watches: FolderWatch[] = [];
  let currentPlan = "";
  let shown: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopping = false;
  let stopped: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    stopped = resolve;
  });

  const onError = (error: Error) => status(`cannot watch: ${error.message}`);
  const schedule = () => {
    if (stopping) return;
    clearTimeout(timer);
    timer = setTimeout(() => void runOnce("change detected"), debounceMs);
  };

  const rewatch = async (): Promise<void> => {
    if (stopping) return;
    let settings: Settings;
    try {
      settings = await options.settings();
    } catch {
      return; // The run just reported the broken config; keep watching what was watched.
    }
    const plan = planFor(settings, options.inputs ?? []);
    const key = planKey(plan);
    if (key === currentPlan) return;
    for (const w of watches) w.close();
    currentPlan = key;
    shown = plan.shown;
    watches = [...plan.names].map(([dir, names]) => watchNames(dir, names, schedule, { onError }));
    const w = await Promise.all(plan.folders.map((f) => watchFolder(f, schedule, { onError, debounceMs: 50 })));
    if (stopping) for (const x of w) x.close();
    else watches.push(...w);
  };

  async function runOnce(reason: string): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        status(reason);
        try {
          await options.once();
        } catch (error) {
          reportFailure(error, io, false);
        }
        await rewatch();
        status(`watching ${shown.join(", ")} for changes (Ctrl-C to stop)`);
      } while (again && !stopping);
    })();
    await running;
    running = undefined;
    if (stopping) stopped();
  }

  const stop = () => {
    if (stopping) return;
    stopping = true;
    clearTimeout(timer);
    for (const w of watches) w.close();
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    if (!running) stopped();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);

  await runOnce("starting");
  await done;
  status("stopped");
  return 0;
}
