import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseCommandArgs } from "../cli/args.js";
import { initSpec } from "../cli/specs.js";
import { CONFIG_FILE_NAMES } from "../config/names.js";
import type { Io } from "../io.js";
import { displayPath } from "../project/settings.js";
import { createReporter } from "../report/reporter.js";
import { configTemplate, EXAMPLE_FILLING, personaTemplate } from "../scaffold/templates.js";
import { createFileExclusive } from "../write/atomic.js";

/** What `persona init` did to each file. */
export interface InitStep {
  path: string;
  action: "created" | "kept";
  reason?: string;
}

/**
 * Scaffolds `persona.config.json` and `personas/example.md` in `cwd`, never overwriting: a file
 * that exists is kept (creation is exclusive, so even a race cannot clobber one). No config is
 * written when any config already exists, and no example when the folder already has personas.
 */
export async function initProject(cwd: string): Promise<InitStep[]> {
  const steps: InitStep[] = [];
  const show = (p: string) => displayPath(cwd, p);
  const existingConfig = CONFIG_FILE_NAMES.map((n) => join(cwd, n)).find((p) => existsSync(p));
  const configPath = join(cwd, "persona.config.json");
  if (existingConfig) steps.push({ path: show(existingConfig), action: "kept", reason: "a config exists" });
  else if (await createFileExclusive(configPath, configTemplate("personas")))
    steps.push({ path: show(configPath), action: "created" });
  else steps.push({ path: show(configPath), action: "kept", reason: "it exists" });

  const personasDir = resolve(cwd, "personas");
  const example = join(personasDir, "example.md");
  const present = await readdir(personasDir).catch(() => [] as string[]);
  if (present.some((n) => /\.(?:md|mdc|markdown)$/i.test(n) && n !== "example.md")) {
    steps.push({ path: show(example), action: "kept", reason: "personas/ already has persona files" });
  } else if (await createFileExclusive(example, personaTemplate("example", EXAMPLE_FILLING))) {
    steps.push({ path: show(example), action: "created" });
  } else {
    steps.push({ path: show(example), action: "kept", reason: "it exists" });
  }
  return steps;
}

/** `persona init`. */
export async function run(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs(initSpec, argv);
  const report = createReporter(io);
  const steps = await initProject(resolve(io.cwd));
  if (args.flag("json")) {
    report.json({ ok: true, exitCode: 0, files: steps });
    return 0;
  }
  for (const s of steps) {
    const label = s.action === "created" ? report.out.green("created") : report.out.dim("kept   ");
    report.stdout(`${label} ${s.path}${s.reason ? report.out.dim(` (${s.reason})`) : ""}\n`);
  }
  report.stderr("Next: edit personas/example.md (or `persona new <id>`), then run `persona build`.\n");
  return 0;
}
