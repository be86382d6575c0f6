import { readFileSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import {
  type Compiler,
  declaredOutputs,
  type Format,
  idInPath,
  type KeptPersona,
  type Ownership,
  ownershipOf,
  readFilesField,
  readMarkerSources,
  sourceHash,
  type Target,
  type TargetId,
  targets,
} from "@personas/core";
import type { Settings } from "../project/settings.js";
import { leavesRoot, matchPattern } from "../write/prune.js";

/**
 * Which personas need no parse and no compile: the outputs are the cache (issue 15). Every file a
 * persona's outputs hold names its sources and carries a build key (what its sources, the
 * templates, the tool's version and the config give); a persona whose files all carry the key its
 * source gives today, whose content hashes still match, and of which no file is missing, is
 * current. Its parts of the shared files (Copilot's block, prompts.json, AGENTS.md, .roomodes) are
 * read back from those files, so they can be assembled again without it. Anything else — a
 * changed byte, another version or template or config value, an edit by hand, a deleted output,
 * a marker from an older version or a malformed one — makes the persona be parsed and compiled.
 */

/** A persona's own output found on disk, with what its marker says. */
interface FoundOutput {
  absolute: string;
  target: TargetId;
  id: string;
  build: string | undefined;
  files: string | undefined;
  /** The sources its marker names: the persona file, then its parents and fragments. */
  sources: string[];
  ownership: Ownership;
}

/** What was found for one persona source (by its path as markers name it). */
interface SourceOutputs {
  outputs: FoundOutput[];
}

/** A current persona: its id, key, recovered parts, and its files (what the build leaves as they are). */
export interface CurrentPersona extends KeptPersona {
  files: { absolute: string; target: TargetId }[];
}

/** Decides, file by file, which personas are current, and keeps what it learnt for the build. */
export class CurrentOutputs {
  readonly #bySource = new Map<string, SourceOutputs>();
  readonly #recovered = new Map<TargetId, Map<string, { build: string; part: unknown }> | undefined>();
  readonly #selected: readonly TargetId[];
  readonly #compiler: Compiler;
  readonly #root: string;
  readonly current = new Map<string, CurrentPersona>();

  private constructor(selected: readonly TargetId[], compiler: Compiler, root: string) {
    this.#selected = selected;
    this.#compiler = compiler;
    this.#root = root;
  }

  /**
   * Reads the selected targets' outputs: every persona's own file (whole: they are small, and the
   * content hash needs all of it) and every shared file a target can read its parts back from.
   */
  static async scan(settings: Settings, compiler: Compiler): Promise<CurrentOutputs> {
    const found = new CurrentOutputs(settings.targets, compiler, settings.root);
    for (const { target, output } of declaredOutputs(settings.targets, settings.scope)) {
      const root = settings.targetRoots.get(target) ?? settings.outDir;
      if (await leavesRoot(settings.outDir, root)) continue;
      if (!output.path.includes("<id>")) {
        found.#readShared(target, resolve(root, output.path), output.format as Format<unknown>);
        continue;
      }
      for (const absolute of await matchPattern(root, output.path)) {
        const rel = relative(root, absolute).split(sep).join("/");
        const id = idInPath(rel, output.path);
        const text = readText(absolute);
        if (id === undefined || text === undefined || output.format.owns !== "file") continue;
        const marker = output.format.findMarker(text.replace(/\r\n/g, "\n"), true);
        if (marker === undefined || marker === "more") continue;
        const sources = readMarkerSources(text.replace(/\r\n/g, "\n").slice(marker.start, marker.end));
        // Files made from more than their persona file (parents, fragments) are keyed over every
        // source; the persona file comes first.
        const source = sources[0];
        if (source === undefined) continue;
        const entry = found.#bySource.get(source) ?? { outputs: [] };
        entry.outputs.push({
          absolute,
          target,
          id,
          build: marker.build,
          files: marker.files,
          sources,
          ownership: ownershipOf(output.format as Format<unknown>, text),
        });
        found.#bySource.set(source, entry);
      }
    }
    return found;
  }

  #readShared(target: TargetId, absolute: string, format: Format<unknown>): void {
    const recover = (targets[target] as unknown as Target).recoverParts;
    if (!recover) return;
    const text = readText(absolute);
    const ownership = text === undefined ? "foreign" : ownershipOf(format, text);
    // A shared file edited by hand (or not persona's) is not trusted to give its parts back.
    const usable = ownership === "generated" || ownership === "managed";
    this.#recovered.set(target, usable && text !== undefined ? recover(text) : undefined);
  }

  /**
   * True when the persona file at `sourcePath` (as markers name it) with this text is current;
   * it is then remembered in `current`, with its parts of the shared files.
   */
  check(sourcePath: string, text: string): boolean {
    const found = this.#bySource.get(sourcePath);
    if (!found || found.outputs.length === 0) return false;
    const first = found.outputs[0] as FoundOutput;
    const keySources = [{ path: sourcePath, sha256: sourceHash(text) }];
    for (const dependency of first.sources.slice(1)) {
      // A marker is text anyone can edit: a source named outside the project is never read.
      if (dependency.startsWith("../") || isAbsolute(dependency)) return false;
      const bytes = readText(resolve(this.#root, dependency));
      if (bytes === undefined) return false;
      keySources.push({ path: dependency, sha256: sourceHash(bytes) });
    }
    const build = this.#compiler.keyOf(keySources);
    const sources = first.sources.join("\0");
    for (const out of found.outputs) {
      const same = out.id === first.id && out.files === first.files && out.sources.join("\0") === sources;
      if (out.build !== build || out.ownership !== "generated" || !same) return false;
    }
    // Every file each selected target writes for the persona is there, and no other.
    const expected = readFilesField(first.files ?? "");
    for (const target of this.#selected) {
      const count = found.outputs.filter((o) => o.target === target).length;
      if (count !== (expected.get(target) ?? 0)) return false;
    }
    const parts = new Map<TargetId, unknown>();
    for (const target of this.#selected) {
      if (!targets[target].compileShared) continue;
      const recovered = this.#recovered.get(target)?.get(sourcePath);
      if (recovered?.build !== build) return false;
      parts.set(target, recovered.part);
    }
    const files = found.outputs.map((o) => ({ absolute: o.absolute, target: o.target }));
    this.current.set(sourcePath, { id: first.id, path: sourcePath, build, parts, files });
    return true;
  }
}

// Generated files are small; a bigger file at a generated path is someone else's and not read.
const MAX_READ = 4 * 1024 * 1024;

/** A file's text, or undefined when it is missing, too large or unreadable. */
function readText(absolute: string): string | undefined {
  try {
    const bytes = readFileSync(absolute);
    return bytes.length > MAX_READ * 16 ? undefined : bytes.toString("utf8");
  } catch {
    return undefined;
  }
}
