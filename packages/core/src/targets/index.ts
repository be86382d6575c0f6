import { agentsMd } from "./agents-md.js";
import { claude } from "./claude.js";
import { cline } from "./cline.js";
import { codex } from "./codex.js";
import { copilot } from "./copilot.js";
import { cursor } from "./cursor.js";
import type { TargetId } from "./declarations.js";
import { gemini } from "./gemini.js";
import { kiro } from "./kiro.js";
import { mcp } from "./mcp.js";
import { opencode } from "./opencode.js";
import { roo } from "./roo.js";
import { windsurf } from "./windsurf.js";

/**
 * The registry: the only list of targets. `--target` validation, help text, the frontmatter
 * `targets:` schema, the docs tables and the golden-test matrix all derive from it. Adding a target
 * is one file, its id and outputs in declarations.ts, and one line here.
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
} as const satisfies Record<TargetId, unknown>;

export { isTargetId, type TargetId, targetIds } from "./declarations.js";
