import { findPersonaFiles } from "@personas/core";
import { parseEach } from "./parse-files.js";
import type { Settings } from "./settings.js";

/**
 * Every id the personas folder defines, lowercased (case-insensitive file systems and tools treat
 * `Reviewer` and `reviewer` alike), with the first file (in path order) that defines it, as its
 * displayed path. Every parsed persona counts, also ones whose ids already collide with each
 * other: a build drops those, but another file with the same id would only add to the collision.
 */
export async function definedIds(settings: Settings): Promise<Map<string, string>> {
  const files = await findPersonaFiles(settings.personasDir);
  const found: [string, string][] = [];
  for await (const { index, result } of parseEach(
    files.map((path) => ({ path, root: settings.personasDir })),
    { root: settings.root, sourcePath: (absolute) => settings.display(absolute), maxBytes: settings.maxFileBytes },
  )) {
    // A multi-persona file defines each of its personas' ids.
    for (const persona of result.personas)
      found.push([persona.id.toLowerCase(), settings.display(files[index] as string)]);
  }
  const ids = new Map<string, string>();
  for (const [id, path] of found.sort((a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0)))
    if (!ids.has(id)) ids.set(id, path);
  return ids;
}
