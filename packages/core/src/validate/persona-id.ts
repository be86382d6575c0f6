import { PERSONA_ID_MAX_LENGTH, PERSONA_ID_PATTERN } from "../model/persona-id.js";

// Device names Windows reserves in every folder, with or without an extension.
const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\..*)?$/i;

/** Turns a display name into kebab-case: "John Carmack" → "john-carmack", "résumé" → "resume". */
export function slugify(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * Checks a frontmatter `name` and derives the id. A name that is already an id is used as is; a
 * display name made of letters, digits, spaces, `_` and `-` is slugified (the caller warns); and
 * anything that looks like a path or a device name is refused, on every OS, before any path is
 * built from it.
 */
export function idFromName(name: string): { id: string; slugified: boolean } | { error: string } {
  if (name === "") return { error: "it is empty" };
  if (/[/\\]/.test(name) || name.includes("..")) return { error: "it contains a path separator or `..`" };
  if (/^[A-Za-z]:/.test(name) || name.includes(":")) return { error: "it contains `:`" };
  if (WINDOWS_RESERVED.test(name)) return { error: "it is a device name reserved on Windows" };
  if (/[.\s]$/.test(name) || /^\s/.test(name)) return { error: "it starts or ends with a dot or a space" };
  if (name.length > PERSONA_ID_MAX_LENGTH) return { error: `it is longer than ${PERSONA_ID_MAX_LENGTH} characters` };
  if (PERSONA_ID_PATTERN.test(name)) return { id: name, slugified: false };
  if (!/^[\p{L}\p{N}][\p{L}\p{N}\p{M} _-]*$/u.test(name))
    return { error: "it contains characters other than letters, digits, spaces, `_` and `-`" };
  const id = slugify(name);
  if (id === "" || !PERSONA_ID_PATTERN.test(id)) return { error: "nothing of it is usable as an id" };
  if (WINDOWS_RESERVED.test(id)) return { error: "it is a device name reserved on Windows" };
  return { id, slugified: true };
}

const PERSONA_EXTENSIONS = /(?:\.(?:agent|chatmode|instructions|prompt|persona))?\.(?:md|mdc|markdown)$/i;

/** The id from a file name: "Accessibility_Auditor.md" → "accessibility-auditor". */
export function idFromPath(path: string): string {
  const base = path.split(/[/\\]/).pop() ?? path;
  const stem = base.replace(PERSONA_EXTENSIONS, "");
  const id = slugify(stem).slice(0, PERSONA_ID_MAX_LENGTH).replace(/-+$/, "");
  return WINDOWS_RESERVED.test(id) ? `${id}-persona` : id;
}
