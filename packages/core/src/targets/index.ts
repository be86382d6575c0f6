import { agentsMd } from "./agents-md.js";
import { claude } from "./claude.js";
import { cline } from "./cline.js";
import { codex } from "./codex.js";
import { copilot } from "./copilot.js";
import { cursor } from "./cursor.js";
import { gemini } from "./gemini.js";
import { kiro } from "./kiro.js";
import { mcp } from "./mcp.js";
import { opencode } from "./opencode.js";
import { roo } from "./roo.js";
import { windsurf } from "./windsurf.js";

/**
 * The registry: the only list of targets. `--target` validation, help text, the frontmatter
 * `targets:` schema, the docs tables and the golden-test matrix all derive from it. Adding a target
 * is one file plus one line here.
 */
export const targets = {
  claude,
  cursor,
  copilot,
  mcp,
  codex,
  gemini,
  opencode,
  roo,
  windsurf,
  cline,
  kiro,
  "agents-md": agentsMd,
} as const;

/** A valid target id: a key of the registry. */
export type TargetId = keyof typeof targets;

/** Target ids in registry order. */
export const targetIds = Object.keys(targets) as TargetId[];

/** True when `id` names a registered target. */
export function isTargetId(id: string): id is TargetId {
  return Object.hasOwn(targets, id);
}
