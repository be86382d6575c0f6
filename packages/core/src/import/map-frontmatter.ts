import { readList } from "../parse-persona.js";
import type { TargetId } from "../targets/index.js";
import { targets } from "../targets/index.js";
import { idFromName } from "../validate/persona-id.js";
import { RULESYNC_TOOL_KEYS, SOURCE_KINDS, type SourceKind } from "./kinds.js";

/** One line of an import's report: where a value or section of the source went. */
export interface ImportMove {
  /** What was read: "frontmatter `color`", "section `Core Principles`". */
  from: string;
  /** Where it went: "targets.claude.color", "principles", "kept as written". */
  to: string;
}

/** A persona's frontmatter built from another tool's, with the report of every key's destination. */
export interface MappedFrontmatter {
  frontmatter: Record<string, unknown>;
  moves: ImportMove[];
}

// Kinds whose `model` is a Claude model name (or no tool's in particular), read by persona as is.
const CLAUDE_MODEL_KINDS = new Set<SourceKind>([
  "claude-agent",
  "superclaude-agent",
  "flashbacker-persona",
  "markdown",
]);

const key = (name: string) => `frontmatter \`${name}\``;

/**
 * Maps a foreign frontmatter to a persona's: `name`, `description`, `tools`, `model`, `globs` and
 * `applyTo` are persona's own; every other key goes under `targets.<home>` when the source tool's
 * target takes it there, else under `meta:`, so nothing is lost. Empty values mean "not set" in
 * every tool and are dropped. `fallbackId` names the persona when the source has no usable `name`.
 */
export function mapFrontmatter(
  kind: SourceKind,
  data: Readonly<Record<string, unknown>>,
  fallbackId: string,
): MappedFrontmatter {
  if (kind === "persona") return keepPersonaFrontmatter(data, fallbackId);
  const home: TargetId = SOURCE_KINDS[kind].home;
  const fm: Record<string, unknown> = {};
  const targetOptions: Partial<Record<TargetId, Record<string, unknown>>> = {};
  const meta: Record<string, unknown> = {};
  const moves: ImportMove[] = [];
  const toTarget = (target: TargetId, name: string, value: unknown, from: string): boolean => {
    const schema = targets[target].optionsSchema;
    if (!schema.safeParse({ [name]: value }).success) return false;
    targetOptions[target] = { ...targetOptions[target], [name]: value };
    moves.push({ from, to: `targets.${target}.${name}` });
    return true;
  };
  const toMeta = (name: string, value: unknown, from: string) => {
    meta[name] = value;
    moves.push({ from, to: `meta.${name}` });
  };

  const name = typeof data.name === "string" ? data.name.trim() : undefined;
  const named = name === undefined || name === "" ? undefined : idFromName(name);
  if (named !== undefined && "id" in named) {
    fm.name = named.id;
    moves.push({ from: key("name"), to: named.slugified ? `name (as \`${named.id}\`)` : "name" });
    if (named.slugified) toMeta("name", name, `${key("name")} as written`);
  } else {
    fm.name = fallbackId;
    if (name !== undefined && name !== "") toMeta("name", name, `${key("name")} (not usable as an id)`);
  }

  for (const [k, value] of Object.entries(data)) {
    if (k === "name") continue;
    if (value === null || value === "" || (Array.isArray(value) && value.length === 0 && k !== "tools")) {
      moves.push({ from: key(k), to: "dropped (empty: not set)" });
      continue;
    }
    if (k === "description" && typeof value === "string") {
      fm.description = value.trim();
      moves.push({ from: key(k), to: "description" });
    } else if (k === "tools" && isStringList(value)) {
      fm.tools = readList(value);
      moves.push({ from: key(k), to: "tools" });
    } else if (k === "model" && typeof value === "string" && CLAUDE_MODEL_KINDS.has(kind)) {
      fm.model = value;
      moves.push({ from: key(k), to: "model" });
    } else if ((k === "globs" || k === "applyTo") && isStringList(value)) {
      fm[k] = readList(value);
      moves.push({ from: key(k), to: `${k} (file triggers)` });
    } else if (kind === "rulesync-subagent" && k === "targets") {
      toMeta("rulesync-targets", value, key(k));
    } else if (kind === "rulesync-subagent" && k in RULESYNC_TOOL_KEYS && isMapping(value)) {
      const target = RULESYNC_TOOL_KEYS[k] as TargetId;
      for (const [sub, v] of Object.entries(value))
        if (!toTarget(target, sub, v, key(`${k}.${sub}`))) toMeta(`${k}.${sub}`, v, key(`${k}.${sub}`));
    } else if (!toTarget(home, k, value, key(k))) {
      toMeta(k, value, key(k));
    }
  }
  // A Cursor rule with globs or `alwaysApply: true` is written without its description unless the
  // description is an override, so a rule that had both keeps both. Likewise an Always rule is
  // written without its globs unless they are an override.
  if (kind === "cursor-rule") keepCursorRuleKeys(fm, targetOptions, moves);
  if (Object.keys(targetOptions).length > 0) fm.targets = targetOptions;
  if (Object.keys(meta).length > 0) fm.meta = meta;
  return { frontmatter: fm, moves };
}

/** A persona file's own frontmatter is already persona's: kept as written, with an id if it lacks one. */
function keepPersonaFrontmatter(data: Readonly<Record<string, unknown>>, fallbackId: string): MappedFrontmatter {
  const named = typeof data.name === "string" ? idFromName(data.name) : undefined;
  const frontmatter = { ...data, name: named !== undefined && "id" in named ? named.id : fallbackId };
  return { frontmatter, moves: [{ from: "frontmatter", to: "kept as written (a persona file)" }] };
}

function keepCursorRuleKeys(
  fm: Record<string, unknown>,
  targetOptions: Partial<Record<TargetId, Record<string, unknown>>>,
  moves: ImportMove[],
): void {
  const cursor = { ...targetOptions.cursor };
  const always = cursor.alwaysApply === true;
  if (typeof fm.description === "string" && (fm.globs !== undefined || always)) {
    cursor.description = fm.description;
    moves.push({ from: key("description"), to: "targets.cursor.description (the rule keeps it beside globs)" });
  }
  if (always && fm.globs !== undefined) {
    cursor.globs = fm.globs;
    moves.push({ from: key("globs"), to: "targets.cursor.globs (an Always rule keeps them)" });
  }
  if (Object.keys(cursor).length > 0) targetOptions.cursor = cursor;
}

function isStringList(value: unknown): value is string | string[] {
  return typeof value === "string" || (Array.isArray(value) && value.every((v) => typeof v === "string"));
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
