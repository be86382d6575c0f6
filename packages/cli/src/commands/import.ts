import { mkdir, readdir, stat } from "node:fs/promises";
import { join, parse, resolve } from "node:path";
import {
  type Diagnostic,
  diagnostic,
  hasErrors,
  type ImportedFile,
  importPersonas,
  MESSAGES,
  RULES,
  readPersonaFileSync,
  SOURCE_KINDS,
  sortDiagnostics,
} from "@personas/core";
import { parseCommandArgs } from "../cli/args.js";
import { importSpec } from "../cli/specs.js";
import { UsageError } from "../errors.js";
import type { Io } from "../io.js";
import { definedIds } from "../project/defined-ids.js";
import { resolveSettings, type Settings } from "../project/settings.js";
import { plural } from "../report/diagnostics.js";
import { createReporter, type Reporter } from "../report/reporter.js";
import { createFileExclusive } from "../write/atomic.js";

/** What happened to one imported persona. */
type Status = "created" | "would-create" | "refused";

/** One persona of the import, as reported. */
interface ImportedPersona {
  file: ImportedFile;
  /** Its persona file, as displayed. */
  path: string;
  status: Status;
}

const MARKDOWN = /\.(?:md|mdc|markdown)$/i;

// Folders a tree walk never enters: they hold dependencies and history, not anyone's agents.
const SKIPPED_FOLDERS = new Set(["node_modules", ".git"]);

/** The files named on the command line: files as given, folders searched for markdown and `.mdc`. */
async function collectSources(io: Io, inputs: readonly string[]): Promise<string[]> {
  const out = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) await walk(path);
      else if (entry.isFile() && MARKDOWN.test(entry.name)) out.add(path);
    }
  };
  for (const input of inputs) {
    const absolute = resolve(io.cwd, input);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) throw new UsageError(`persona import: no such file or folder ${input}`);
    if (info.isDirectory()) await walk(absolute);
    else if (MARKDOWN.test(absolute)) out.add(absolute);
    else
      throw new UsageError(
        `persona import: cannot import ${input}: only markdown files (.md, .mdc, .markdown) hold agents and rules persona reads`,
      );
  }
  return [...out];
}

/**
 * `persona import <path>…`: converts other tools' files into persona files in the personas folder
 * (DESIGN.md §8). Core does the conversion; this adapter reads, refuses what exists, and writes.
 * A persona whose file or id exists is refused with an error and nothing is written for it; the
 * others are still written, because each is independent and a re-run imports only the refused.
 */
export async function run(argv: string[], io: Io): Promise<number> {
  const args = parseCommandArgs(importSpec, argv);
  const dryRun = args.flag("dry-run");
  const settings = await resolveSettings(io, {
    command: "import",
    personas: args.string("personas"),
    config: args.string("config"),
    maxFileBytes: args.string("max-file-bytes"),
  });
  const sources = await collectSources(io, args.positionals);
  const taken = await takenIds(settings);
  const diagnostics: Diagnostic[] = [];
  const personas: ImportedPersona[] = [];
  const personasDir = settings.display(settings.personasDir);
  for (const absolute of sources) {
    const shown = settings.display(absolute);
    // A source may be anywhere the user points: only the personas folder is guarded, not the input.
    const read = readPersonaFileSync(absolute, parse(absolute).root, settings.maxFileBytes);
    if ("diagnostic" in read) {
      diagnostics.push({ ...read.diagnostic, file: shown });
      continue;
    }
    const result = importPersonas(read.text, { path: shown, personasDir });
    diagnostics.push(...result.diagnostics);
    for (const file of result.files) {
      const destination = join(settings.personasDir, `${file.id}.md`);
      const path = settings.display(destination);
      const clash = taken.get(file.id);
      let status: Status = dryRun ? "would-create" : "created";
      if (clash !== undefined) status = "refused";
      else if (!dryRun) {
        await mkdir(settings.personasDir, { recursive: true });
        if (!(await createFileExclusive(destination, file.text))) status = "refused";
      }
      if (status === "refused") {
        const why = clash ?? `${path} was created meanwhile`;
        const at = { line: file.source.line, column: 1 };
        diagnostics.push(diagnostic("error", RULES.importExists, MESSAGES.importExists(file.id, path, why), shown, at));
      } else taken.set(file.id, dryRun ? `${path} would be created by this import` : `${path} was just imported`);
      personas.push({ file, path, status });
    }
  }
  const sorted = sortDiagnostics(diagnostics);
  const exitCode = hasErrors(sorted) ? 1 : 0;
  const report = createReporter(io);
  if (args.flag("json")) {
    report.json({ ok: exitCode === 0, exitCode, dryRun, personas: personas.map(toJson), diagnostics: sorted });
    return exitCode;
  }
  report.diagnostics(sorted);
  for (const persona of personas) printPersona(report, persona);
  report.stderr(summary(report, personas, sources.length, dryRun, exitCode));
  return exitCode;
}

/**
 * Ids already in use, with why each is taken: an existing file at `<id>.md` in any letter case, or
 * a persona in the folder that defines the id.
 */
async function takenIds(settings: Settings): Promise<Map<string, string>> {
  const taken = new Map<string, string>();
  const names = await readdir(settings.personasDir).catch(() => [] as string[]);
  for (const name of names) {
    const m = /^(.*)\.md$/i.exec(name);
    if (m) taken.set((m[1] as string).toLowerCase(), `${settings.display(join(settings.personasDir, name))} exists`);
  }
  if (names.length === 0) return taken;
  for (const [id, path] of await definedIds(settings))
    if (!taken.has(id)) taken.set(id, `${path} already defines the id \`${id}\``);
  return taken;
}

function toJson({ file, path, status }: ImportedPersona) {
  return {
    id: file.id,
    path,
    status,
    source: file.source,
    kind: file.kind,
    target: file.home,
    output: file.output,
    report: file.report,
  };
}

/** One persona: where it went, what became which field, and how to build it back. */
function printPersona(report: Reporter, { file, path, status }: ImportedPersona): void {
  const c = report.out;
  const verb = status === "created" ? c.green("created") : status === "refused" ? c.red("refused") : "would create";
  report.stdout(`${verb} ${path} ← ${file.source.path} (${SOURCE_KINDS[file.kind].label})\n`);
  if (status === "refused") return;
  const frontmatter = file.report.filter((m) => m.from.startsWith("frontmatter"));
  const sections = file.report.filter((m) => !m.from.startsWith("frontmatter") && m.to !== "kept as written");
  const kept = file.report.filter((m) => m.to === "kept as written");
  const strip = (from: string) => from.replace(/^(?:frontmatter|section) /, "");
  if (frontmatter.length > 0)
    report.stdout(`  frontmatter: ${frontmatter.map((m) => `${strip(m.from)} → ${m.to}`).join(", ")}\n`);
  if (sections.length > 0) report.stdout(`  fields: ${sections.map((m) => `${strip(m.from)} → ${m.to}`).join(", ")}\n`);
  if (kept.length > 0) report.stdout(`  kept as written: ${kept.map((m) => strip(m.from)).join(", ")}\n`);
  report.stdout(`  builds back to ${file.output} (persona build --target ${file.home})\n`);
}

function summary(
  report: Reporter,
  personas: readonly ImportedPersona[],
  files: number,
  dryRun: boolean,
  exitCode: number,
): string {
  const count = (s: Status) => personas.filter((p) => p.status === s).length;
  const done = dryRun
    ? `${plural(count("would-create"), "persona")} would be created (dry run: nothing written)`
    : `${plural(count("created"), "persona")} created`;
  const refused = count("refused") > 0 ? `, ${count("refused")} refused` : "";
  const line = `${done}${refused}, from ${plural(files, "file")}`;
  return `${exitCode === 0 ? report.err.green(line) : report.err.red(line)}\n`;
}
