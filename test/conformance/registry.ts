import type { ConformanceTool } from "./tool.js";
import { claude } from "./tools/claude.js";
import { cline } from "./tools/cline.js";
import { codex } from "./tools/codex.js";
import { copilot } from "./tools/copilot.js";
import { gemini } from "./tools/gemini.js";
import { opencode } from "./tools/opencode.js";
import { roo } from "./tools/roo.js";

/**
 * The tools whose own loaders check the generated files. A target whose tool ships an offline
 * loader (opencode, Codex, Gemini CLI, Roo Code's schema, Cline: TARGETS.md §8) adds its module
 * under `tools/` and one entry here; installation, the sandbox and both test files derive from it.
 */
export const tools = { claude, copilot, codex, gemini, opencode, roo, cline } as const satisfies Record<
  string,
  ConformanceTool
>;

/** The registered tools in registry order. */
export const toolList: readonly ConformanceTool[] = Object.values(tools);
