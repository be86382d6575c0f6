import { type FSWatcher, watch } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";

/** A running folder watch; `close` releases every handle so the process can exit. */
export interface FolderWatch {
  close(): void;
}

/** Options of `watchFolder`. */
export interface WatchFolderOptions {
  /** Quiet time after the last event before `onChange` runs; editors save in several steps. */
  debounceMs?: number;
  /** A watch that could not be set up or failed; the other folders are still watched. */
  onError(error: Error): void;
}

// The folders `findPersonaFiles` skips are not watched either.
const isWatched = (name: string) => !name.startsWith(".") && name !== "node_modules";

async function listFolders(root: string): Promise<string[]> {
  const out = [root];
  for (let i = 0; i < out.length; i++) {
    const dir = out[i] as string;
    try {
      for (const entry of await readdir(dir, { withFileTypes: true })) {
        if (entry.isDirectory() && isWatched(entry.name)) out.push(join(dir, entry.name));
      }
    } catch {
      // A folder removed while it is listed is simply no longer watched.
    }
  }
  return out;
}

/**
 * Resolves once watching; then calls `onChange` (debounced) whenever a file is added, changed, renamed or removed anywhere under
 * `root`. Each folder gets its own non-recursive `fs.watch`, resynced after every change so new
 * subfolders are picked up: watching folders rather than files survives editors that save by
 * writing a temp file and renaming it over the original, and it avoids Node 20's recursive mode on
 * Linux, which is emulated in JavaScript and has missed events in new subfolders.
 */
export async function watchFolder(
  root: string,
  onChange: () => void,
  options: WatchFolderOptions,
): Promise<FolderWatch> {
  const watchers = new Map<string, FSWatcher>();
  const debounceMs = options.debounceMs ?? 100;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const schedule = () => {
    if (closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      void sync().then(() => {
        if (!closed) onChange();
      });
    }, debounceMs);
  };

  const add = (dir: string) => {
    try {
      const watcher = watch(dir, { persistent: true }, schedule);
      watcher.on("error", (error) => {
        watcher.close();
        watchers.delete(dir);
        if (dir === root) options.onError(error);
        schedule();
      });
      watchers.set(dir, watcher);
    } catch (error) {
      options.onError(error instanceof Error ? error : new Error(String(error)));
    }
  };

  const sync = async () => {
    const folders = new Set(await listFolders(root));
    if (closed) return;
    for (const [dir, watcher] of watchers) {
      if (!folders.has(dir)) {
        watcher.close();
        watchers.delete(dir);
      }
    }
    for (const dir of folders) if (!watchers.has(dir)) add(dir);
  };

  // Resolve only once every folder is watched, so an edit right after startup is never missed.
  await sync();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

/**
 * Calls `onChange` when an entry named one of `names` is added, changed or removed directly in
 * `dir` (not below it): a config file, or a folder that does not exist yet. The folder is watched
 * rather than the file, so a file created later or replaced by an editor's rename is still seen.
 */
export function watchNames(
  dir: string,
  names: ReadonlySet<string>,
  onChange: () => void,
  options: WatchFolderOptions,
): FolderWatch {
  try {
    const watcher = watch(dir, { persistent: true }, (_event, name) => {
      // Some platforms report no name; then any change in the folder counts.
      if (name === null || names.has(String(name))) onChange();
    });
    watcher.on("error", (error) => options.onError(error));
    return { close: () => watcher.close() };
  } catch (error) {
    options.onError(error instanceof Error ? error : new Error(String(error)));
    return { close() {} };
  }
}
