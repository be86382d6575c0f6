// OpenAI Codex custom agents: https://developers.openai.com/codex/subagents (TARGETS.md §5.2, §8)
// - One TOML file per agent, `.codex/agents/<name>.toml` (project) or `~/.codex/agents/` (user).
// - `name` (the role id; hyphens are fine), `description` and `developer_instructions` are
//   required. Codex refuses unknown keys (`unknown field`) and checks `sandbox_mode`, so only known
//   keys are written, and `model`/`sandbox_mode` only when they map.
// - Project agents load only when the project is trusted; Codex spawns them only when asked.
import { z } from "zod";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { targetOutputs } from "./declarations.js";
import { defineTarget } from "./define-target.js";
import { activationDescription, checkDescription, dedupe, mappedModel, personaFile, renderBody } from "./support.js";
import { singleLine } from "./values.js";
import { isReadOnly, MODELS } from "./vocabulary.js";

/** Per-persona overrides under frontmatter `targets.codex`: Codex's own agent keys. */
export const CodexOptionsSchema = z.strictObject({
  description: z.string().optional(),
  model: z.string().optional(),
  model_reasoning_effort: z.enum(["none", "minimal", "low", "medium", "high", "xhigh"]).optional(),
  sandbox_mode: z.enum(["read-only", "workspace-write", "danger-full-access"]).optional(),
  nickname_candidates: z.array(z.string()).optional(),
});
export type CodexOptions = z.infer<typeof CodexOptionsSchema>;

const outputs = targetOutputs["codex"];

export const codex = defineTarget({
  id: "codex",
  title: "OpenAI Codex custom agents",
  docs: ["https://developers.openai.com/codex/subagents"],
  outputs,
  optionsSchema: CodexOptionsSchema,
  compilePersona(persona, options, ctx) {
    const diagnostics: Diagnostic[] = [];
    const override = singleLine(options.description ?? "");
    const description = override === "" ? activationDescription(persona) : override;
    checkDescription(persona, description, "The Codex agent description", diagnostics, [
      "targets.codex.description",
      "description",
    ]);
    const model = mappedModel(persona, options.model, MODELS.codex, "Codex", "codex", diagnostics);
    // Read-only only when no tool the persona lists writes; otherwise Codex's own default stands.
    const sandbox = options.sandbox_mode ?? (isReadOnly(persona.tools) === true ? "read-only" : undefined);
    const body = renderBody(ctx.render, "codex/agent.hbs", persona);
    diagnostics.push(...body.diagnostics);
    if (body.text === undefined) return { files: [], diagnostics: dedupe(diagnostics) };
    const value = {
      name: persona.id,
      description,
      nickname_candidates: options.nickname_candidates,
      model,
      model_reasoning_effort: options.model_reasoning_effort,
      sandbox_mode: sandbox,
      developer_instructions: body.text.replace(/\s+$/, ""),
    };
    return { files: [personaFile(outputs.agent, persona, { value })], diagnostics: dedupe(diagnostics) };
  },
});
