// GitHub Copilot custom agents and instructions:
// https://docs.github.com/copilot/reference/custom-agents-configuration (TARGETS.md §3)
import { z } from "zod";
import { defineTarget } from "./define-target.js";

/** Per-persona overrides under frontmatter `targets.copilot`. */
export const CopilotOptionsSchema = z.strictObject({
  description: z.string().optional(),
  tools: z.union([z.string(), z.array(z.string())]).optional(),
  model: z.union([z.string(), z.array(z.string())]).optional(),
  target: z.enum(["vscode", "github-copilot"]).optional(),
  "disable-model-invocation": z.boolean().optional(),
  "user-invocable": z.boolean().optional(),
  "argument-hint": z.string().optional(),
  applyTo: z.union([z.string(), z.array(z.string())]).optional(),
  excludeAgent: z.enum(["code-review", "coding-agent"]).optional(),
});
export type CopilotOptions = z.infer<typeof CopilotOptionsSchema>;

export const copilot = defineTarget({
  id: "copilot",
  title: "GitHub Copilot custom agents and instructions",
  outputs: [
    ".github/agents/<id>.agent.md",
    ".github/instructions/<id>.instructions.md",
    ".github/copilot-instructions.md",
  ],
  docs: ["https://docs.github.com/copilot/reference/custom-agents-configuration"],
  optionsSchema: CopilotOptionsSchema,
  compile() {
    return { files: [], diagnostics: [] };
  },
});
