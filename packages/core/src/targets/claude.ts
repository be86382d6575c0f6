// Claude Code subagents: https://code.claude.com/docs/en/sub-agents (TARGETS.md §1.1)
import { z } from "zod";
import { defineTarget } from "./define-target.js";

/** Per-persona overrides under frontmatter `targets.claude`, as Claude Code's subagent fields. */
export const ClaudeOptionsSchema = z.strictObject({
  description: z.string().optional(),
  tools: z.union([z.string(), z.array(z.string())]).optional(),
  disallowedTools: z.union([z.string(), z.array(z.string())]).optional(),
  model: z.string().optional(),
  permissionMode: z
    .enum(["default", "acceptEdits", "auto", "dontAsk", "bypassPermissions", "plan", "manual"])
    .optional(),
  maxTurns: z.number().int().positive().optional(),
  skills: z.array(z.string()).optional(),
  memory: z.enum(["user", "project", "local"]).optional(),
  background: z.boolean().optional(),
  effort: z.enum(["low", "medium", "high", "xhigh", "max"]).optional(),
  isolation: z.literal("worktree").optional(),
  color: z.enum(["red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan"]).optional(),
  initialPrompt: z.string().optional(),
});
export type ClaudeOptions = z.infer<typeof ClaudeOptionsSchema>;

export const claude = defineTarget({
  id: "claude",
  title: "Claude Code subagents",
  outputs: [".claude/agents/<id>.md"],
  docs: ["https://code.claude.com/docs/en/sub-agents"],
  optionsSchema: ClaudeOptionsSchema,
  compile() {
    return { files: [], diagnostics: [] };
  },
});
