import { readFileSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import {
  type BuildKeys,
  declaredOutputs,
  type FileText,
  type Format,
  hasSharedOutputs,
  idInPath,
  intactBuildKey,
  type KeptPersona,
  mayHoldPersonaFlags,
  ownershipOf,
  readFilesField,
  readMarker,
  type SharedPart,
  sourceHash,
  type TargetId,
} from "@personas/core/outputs";
import { sizeHeapFor } from "../heap.js";
import type { Settings } from "../project/settings.js";
import { leavesRoot, matchPattern, readOutputBytes, readOutputText, SHARED_MAX_READ } from "../write/prune.js";

/**
 * Which personas need no parse and no compile: the outputs are the cache (issue 15). Every file a
 * persona's outputs hold names its sources and carries a build key (what its sources, the
 * templates, the tool's version and the config give); a persona whose files all carry the key its
 * source gives today, whose content hashes still match, and of which no file is missing, is
 * current. Anything else — a changed byte, another version or template or config value, an edit
 * by hand, a deleted output, a marker from an older version or a malformed one — makes the persona
 * be parsed and compiled.
 *
 * The files every persona is listed in (Copilot's block, prompts.json, AGENTS.md, .roomodes) carry
 * a key over all their personas' keys. When it is the key of this build's personas and the file
 * is as persona wrote it, the file is current and is not assembled at all: a build of 10,000
 * current personas never holds their parts. Otherwise the current personas' parts are read back
 * from the file, so it can be assembled again without parsing them.
 */

/** What a persona's own output's marker says, and whose it is. */
interface OutputMarker {
  id: string;
  build: string | undefined;
  files: string | undefined;
  /** The sources its marker names: the persona file, then its parents and fragments. */
  sources: string[];
}

/** A file shared by every persona, as found on disk. */
interface FoundShared {
  /** Its name among the target's outputs (what its key is made over). */
  name: string;
  absolute: string;
  /**
   * The build key it carries when it is exactly as persona wrote it; undefined when it was edited
   * by hand, is not persona's or is missing: then its parts are not trusted either.
   */
  intact: string | undefined;
}

/**
 * What was found for one persona source (by its path as markers name it), kept small: a build
 * of 10,000 personas finds 120,000 such files. The first file's marker stands for all of them;
 * `agree` is false once another says something else or is not as persona wrote it.
 */
interface SourceOutputs {
  first: OutputMarker;
  agree: boolean;
  files: { absolute: string; target: TargetId }[];
}

/** What is kept of a current persona once its files are planned: whose parts to read back. */
export type KeptId = Pick<KeptPersona, "id" | "path" | "build">;

/** A current persona: its id, key, recovered parts, and its files (what the build leaves as they are). */
export interface CurrentPersona extends KeptPersona {
  files: { absolute: string; target: TargetId }[];
}

/**
 * A target's parts read back from its shared file's text (the target's `recoverParts`): given by
 * the build, which loads the targets' code only when parts must be read back.
 */
export type RecoverParts = (
  target: TargetId,
  text: FileText,
) => Map<string, { build: string; part: unknown }> | undefined;

/** Decides, file by file, which personas are current, and keeps what it learnt for the build. */
export class CurrentOutputs {
  readonly #bySource = new Map<string, SourceOutputs>();
  readonly #shared = new Map<TargetId, FoundShared[]>();
  readonly #recovered = new Map<TargetId, Map<string, { build: string; part: unknown }> | undefined>();
  readonly #selected: readonly TargetId[];
  readonly #keys: BuildKeys;
  readonly #root: string;
  readonly #recover: RecoverParts | undefined;
  readonly #current = new Map<string, CurrentPersona>();

  private constructor(selected: readonly TargetId[], keys: BuildKeys, root: string, recover: RecoverParts | undefined) {
    this.#selected = selected;
    this.#keys = keys;
    this.#root = root;
    this.#recover = recover;
  }

  /**
   * Reads the selected targets' outputs: every persona's own file (whole: they are small, and the
   * content hash needs all of it) and the marker of every shared file. With `eager` (the targets'
   * `recoverParts`), the shared files' parts are read back at once and each persona's part is
   * checked before it counts as current (the way to build when a shared file turned out to lack a
   * current persona's part).
   */
  static async scan(
    settings: Settings,
    keys: BuildKeys,
    options: { eager?: RecoverParts } = {},
  ): Promise<CurrentOutputs> {
    const found = new CurrentOutputs(settings.targets, keys, settings.root, options.eager);
    for (const { target, name, output } of declaredOutputs(settings.targets, settings.scope)) {
      const root = settings.targetRoots.get(target) ?? settings.outDir;
      if (await leavesRoot(settings.outDir, root)) continue;
      if (!output.path.includes("<id>")) {
        found.#readShared(target, name, resolve(root, output.path), output.format as Format<unknown>);
        continue;
      }
      const files = await matchPattern(root, output.path);
      // The outputs tell a library's size before its personas are found: a large one gets a tight
      // heap now, before its 120,000 files are read (see heap.ts).
      sizeHeapFor(files.length);
      for (const absolute of files) {
        const rel = relative(root, absolute).split(sep).join("/");
        const id = idInPath(rel, output.path);
        const text = readOutputText(absolute);
        if (id === undefined || text === undefined || output.format.owns !== "file") continue;
        const lf = text.replace(/\r\n/g, "\n");
        const marker = output.format.findMarker(lf, true);
        if (marker === undefined || marker === "more") continue;
        // Copied out of the text: a piece of it would keep it all alive (120,000 files' texts).
        const { build, files, sources } = readMarker(lf, marker);
        // Files made from more than their persona file (parents, fragments) are keyed over every
        // source; the persona file comes first.
        const source = sources[0];
        if (source === undefined) continue;
        const generated = ownershipOf(output.format as Format<unknown>, text) === "generated";
        const entry = found.#bySource.get(source);
        if (entry === undefined) {
          const first = { id, build, files, sources };
          found.#bySource.set(source, { first, agree: generated, files: [{ absolute, target }] });
          continue;
        }
        const { first } = entry;
        const same = id === first.id && build === first.build && files === first.files;
        entry.agree &&= generated && same && sources.join("\0") === first.sources.join("\0");
        entry.files.push({ absolute, target });
      }
    }
    return found;
  }

  #readShared(target: TargetId, name: string, absolute: string, format: Format<unknown>): void {
    if (!hasSharedOutputs(target)) return;
    const text = readOutputBytes(absolute, SHARED_MAX_READ);
    // A shared file edited by hand (or not persona's, or from before block hashes) is not trusted
    // to give its parts back: an edited entry would be carried into the file made from them.
    const intact = text === undefined ? undefined : intactBuildKey(format, text);
    const list = this.#shared.get(target) ?? [];
    list.push({ name, absolute, intact });
    this.#shared.set(target, list);
    if (this.#recover)
      this.#recovered.set(target, intact !== undefined ? this.#recover(target, text as Uint8Array) : undefined);
  }

  /**
   * After every persona is read, for one target with shared files: the files, when they are
   * current for the personas this build has (their keys are `keys.sharedKeyOf` and they are as
   * persona wrote them), so they need no assembling; else undefined.
   */
  sharedCurrent(target: TargetId): CurrentPersona["files"] | undefined {
    const found = this.#shared.get(target) ?? [];
    if (found.length > 0 && found.every((f) => f.intact === this.#keys.sharedKeyOf(target, f.name))) {
      return found.map((f) => ({ absolute: f.absolute, target }));
    }
    return undefined;
  }

  /**
   * For a target whose shared files must be assembled again: the parts of the personas in `kept`
   * read back from the files (with `recover`; each file's bytes from `read`), for the compiler; or
   * "restart" when a kept persona's part is missing there (the build must then run again with
   * `eager`).
   */
  recoverShared(
    target: TargetId,
    kept: readonly KeptId[],
    recover: RecoverParts,
    read: (absolute: string) => Uint8Array | undefined,
  ): { parts: SharedPart<unknown>[] } | "restart" {
    if (this.#recover || kept.length === 0) return { parts: [] };
    const parts = new Map<string, { build: string; part: unknown }>();
    for (const f of this.#shared.get(target) ?? []) {
      const bytes = f.intact !== undefined ? read(f.absolute) : undefined;
      const text = bytes !== undefined && bytes.length <= SHARED_MAX_READ ? bytes : undefined;
      for (const [path, part] of (text === undefined ? undefined : recover(target, text)) ?? []) parts.set(path, part);
    }
    const out: SharedPart<unknown>[] = [];
    for (const persona of kept) {
      const part = parts.get(persona.path);
      if (part?.build !== this.#keys.partKeyOf(target, persona.build)) return "restart";
      out.push({ id: persona.id, build: part.build, part: part.part });
    }
    return { parts: out };
  }

  /**
   * True when the persona file at `sourcePath` (as markers name it) with this text is current;
   * it is then remembered in `current`, with its parts of the shared files.
   */
  check(sourcePath: string, text: string): boolean {
    const found = this.#bySource.get(sourcePath);
    // Asked once per source: what was found for it is not needed again (at 10,000 personas it
    // is 120,000 paths and markers).
    this.#bySource.delete(sourcePath);
    if (!found?.agree) return false;
    // A multi-persona file is the source of several personas, whose parts of the shared files are
    // not told apart by source: it is always parsed and compiled (correct, if not the fastest).
    if (mayHoldPersonaFlags(text)) return false;
    const { first } = found;
    const keySources = [{ path: sourcePath, sha256: sourceHash(text) }];
    for (const dependency of first.sources.slice(1)) {
      // A marker is text anyone can edit: a source named outside the project is never read.
      if (dependency.startsWith("../") || isAbsolute(dependency)) return false;
      const bytes = readText(resolve(this.#root, dependency));
      if (bytes === undefined) return false;
      keySources.push({ path: dependency, sha256: sourceHash(bytes) });
    }
    const build = this.#keys.keyOf(keySources);
    if (first.build !== build) return false;
    // Every file each selected target writes for the persona is there, and no other.
    const expected = readFilesField(first.files ?? "");
    for (const target of this.#selected) {
      const count = found.files.filter((o) => o.target === target).length;
      if (count !== (expected.get(target) ?? 0)) return false;
    }
    const parts = new Map<TargetId, unknown>();
    for (const target of this.#selected) {
      if (!hasSharedOutputs(target)) continue;
      // A persona's part must come back from its shared files: when one was edited by hand or is
      // missing, every persona is compiled to make it again.
      if (!this.#shared.get(target)?.every((f) => f.intact !== undefined)) return false;
      if (!this.#recover) continue;
      const recovered = this.#recovered.get(target)?.get(sourcePath);
      if (recovered?.build !== this.#keys.partKeyOf(target, build)) return false;
      parts.set(target, recovered.part);
    }
    this.#current.set(sourcePath, { id: first.id, path: sourcePath, build, parts, files: found.files });
    return true;
  }

  /** The persona `check` found current at a source path, once: it is forgotten here as it is given. */
  take(sourcePath: string): CurrentPersona | undefined {
    const persona = this.#current.get(sourcePath);
    this.#current.delete(sourcePath);
    return persona;
  }
}

/** A source's text (a fragment, a parent), or undefined when it is missing, too large or unreadable. */
function readText(absolute: string): string | undefined {
  try {
    const bytes = readFileSync(absolute);
    return bytes.length > SHARED_MAX_READ ? undefined : bytes.toString("utf8");
  } catch {
    return undefined;
  }
}
