import { json } from "../formats/json.js";
import { managedMarkdownBlock } from "../formats/managed-block.js";
import { markdown } from "../formats/markdown.js";
import { mdc } from "../formats/mdc.js";
import { toml } from "../formats/toml.js";
import { yamlEntriesBlock } from "../formats/yaml-block.js";
import { defineOutput, type Output } from "./define-target.js";

/**
 * What each target declares about its files — where they go, in which format — kept apart from
 * the code that compiles personas into them. Reading outputs back (a no-op build, `--check`)
 * needs only these declarations, so it loads none of the compile code (Handlebars, the option
 * schemas, the templates): a small repository's `--check` is mostly start-up (issue 15). Each
 * target's file takes its `outputs` from here; the registry (`targets/index.ts`) is checked
 * against this list by the tests.
 */

/** Target ids in registry order. */
export const targetIds = [
  "claude",
  "cursor",
  "copilot",
  "mcp",
  "codex",
  "gemini",
  "opencode",
  "roo",
  "windsurf",
  "cline",
  "kiro",
  "agents-md",
] as const;

/** A valid target id: a key of the registry. */
export type TargetId = (typeof targetIds)[number];

/** True when `id` names a registered target. */
export function isTargetId(id: string): id is TargetId {
  return (targetIds as readonly string[]).includes(id);
}

// Copilot code review reads only the first 4,000 characters of the repository instructions.
export const CODE_REVIEW_LIMIT = 4_000;

/** Every target's outputs, by target id and output name. */
export const targetOutputs = {
  claude: {
    agent: defineOutput({
      path: ".claude/agents/<id>.md",
      user: ".claude/agents/<id>.md",
      format: markdown,
      description: "Claude Code subagent",
    }),
  },
  cursor: {
    rule: defineOutput({
      path: ".cursor/rules/<id>.mdc",
      format: mdc,
      description: "Cursor project rule",
      // Cursor's docs: "Keep rules under 500 lines".
      limit: {
        lines: 500,
        what: "The Cursor rule",
        effect: "Cursor recommends rules under 500 lines, so split the persona or trim its verbatim sections",
      },
    }),
    agent: defineOutput({
      path: ".cursor/agents/<id>.md",
      user: ".cursor/agents/<id>.md",
      format: markdown,
      description: "Cursor subagent",
    }),
  },
  copilot: {
    agent: defineOutput({
      path: ".github/agents/<id>.agent.md",
      format: markdown,
      description: "Copilot custom agent",
    }),
    instructions: defineOutput({
      path: ".github/instructions/<id>.instructions.md",
      format: markdown,
      description: "Copilot path-specific instructions",
    }),
    repository: defineOutput({
      path: ".github/copilot-instructions.md",
      format: managedMarkdownBlock,
      description: "Copilot repository instructions: a managed block listing the personas",
      limit: {
        characters: CODE_REVIEW_LIMIT,
        what: "The repository instruction file",
        effect: "Copilot code review reads only the first 4,000 characters",
      },
    }),
  },
  mcp: {
    prompts: defineOutput({
      path: ".mcp/prompts.json",
      format: json,
      description: "MCP prompt definitions (also served live by `persona mcp`)",
    }),
  },
  codex: {
    agent: defineOutput({
      path: ".codex/agents/<id>.toml",
      user: ".codex/agents/<id>.toml",
      format: toml,
      description: "Codex custom agent",
    }),
  },
  gemini: {
    agent: defineOutput({
      path: ".gemini/agents/<id>.md",
      user: ".gemini/agents/<id>.md",
      format: markdown,
      description: "Gemini CLI subagent",
    }),
    command: defineOutput({
      path: ".gemini/commands/persona/<id>.toml",
      user: ".gemini/commands/persona/<id>.toml",
      format: toml,
      description: "Gemini CLI command `/persona:<id>`",
    }),
  },
  opencode: {
    agent: defineOutput({
      path: ".opencode/agents/<id>.md",
      user: ".config/opencode/agents/<id>.md",
      format: markdown,
      description: "opencode subagent",
    }),
  },
  roo: {
    modes: defineOutput({
      path: ".roomodes",
      format: yamlEntriesBlock,
      description: "Roo Code custom modes: a managed block of modes in the user's `.roomodes`",
    }),
  },
  windsurf: {
    rule: defineOutput({
      path: ".windsurf/rules/<id>.md",
      format: markdown,
      description: "Windsurf rule",
      limit: {
        characters: 6000,
        what: "The Windsurf rule",
        effect: "Windsurf reads a rule file only up to 6,000 characters; trim the persona",
      },
    }),
  },
  cline: {
    rule: defineOutput({
      path: ".clinerules/<id>.md",
      format: markdown,
      description: "Cline rule",
    }),
  },
  kiro: {
    steering: defineOutput({ path: ".kiro/steering/<id>.md", format: markdown, description: "Kiro steering file" }),
  },
  "agents-md": {
    block: defineOutput({
      path: "AGENTS.md",
      format: managedMarkdownBlock,
      description: "a managed block in AGENTS.md listing the personas and each tool's file for them",
      limit: {
        bytes: 32 * 1024,
        what: "AGENTS.md",
        effect:
          "Codex reads the AGENTS.md chain only up to 32 KiB (`project_doc_max_bytes`) and silently drops the rest",
      },
    }),
  },
} as const satisfies Record<TargetId, Readonly<Record<string, Output<never>>>>;

/**
 * The targets whose files say where the other tools' files are (the AGENTS.md block): compiled
 * after the others, and the key of their entries depends on which targets are built.
 */
export const listingTargets: ReadonlySet<TargetId> = new Set<TargetId>(["agents-md"]);

/** True when a target writes files shared by every persona (an output path without `<id>`). */
export function hasSharedOutputs(target: TargetId): boolean {
  return Object.values(targetOutputs[target] as Readonly<Record<string, Output<never>>>).some(
    (o) => !o.path.includes("<id>"),
  );
}
