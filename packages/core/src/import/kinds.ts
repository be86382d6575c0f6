import type { TargetId } from "../targets/index.js";

/**
 * The kinds of file `persona import` reads (DESIGN.md §8). `home` is the target that writes the
 * same kind of file: a value the persona model has no field for goes under `targets.<home>` when
 * that target takes it, and compiling the imported persona for `home` gives the tool its file back
 * at `output` (a path pattern of that target's outputs).
 */
export const SOURCE_KINDS = {
  "claude-agent": { label: "Claude Code subagent", home: "claude", output: ".claude/agents/<id>.md" },
  "superclaude-agent": { label: "SuperClaude v4 agent", home: "claude", output: ".claude/agents/<id>.md" },
  "superclaude-personas": {
    label: "SuperClaude v3 PERSONAS.md",
    home: "claude",
    output: ".claude/agents/<id>.md",
  },
  "flashbacker-persona": { label: "flashbacker persona", home: "claude", output: ".claude/agents/<id>.md" },
  "rulesync-subagent": { label: "rulesync subagent", home: "claude", output: ".claude/agents/<id>.md" },
  "cursor-rule": { label: "Cursor rule", home: "cursor", output: ".cursor/rules/<id>.mdc" },
  "cursor-agent": { label: "Cursor subagent", home: "cursor", output: ".cursor/agents/<id>.md" },
  "copilot-agent": { label: "Copilot custom agent", home: "copilot", output: ".github/agents/<id>.agent.md" },
  "copilot-chatmode": { label: "Copilot chat mode", home: "copilot", output: ".github/agents/<id>.agent.md" },
  "copilot-instructions": {
    label: "Copilot instructions file",
    home: "copilot",
    output: ".github/instructions/<id>.instructions.md",
  },
  "gemini-agent": { label: "Gemini CLI subagent", home: "gemini", output: ".gemini/agents/<id>.md" },
  "opencode-agent": { label: "opencode agent", home: "opencode", output: ".opencode/agents/<id>.md" },
  "windsurf-rule": { label: "Windsurf rule", home: "windsurf", output: ".windsurf/rules/<id>.md" },
  "cline-rule": { label: "Cline rule", home: "cline", output: ".clinerules/<id>.md" },
  "kiro-steering": { label: "Kiro steering file", home: "kiro", output: ".kiro/steering/<id>.md" },
  persona: { label: "persona file", home: "claude", output: ".claude/agents/<id>.md" },
  markdown: { label: "markdown file", home: "claude", output: ".claude/agents/<id>.md" },
} as const satisfies Record<string, { label: string; home: TargetId; output: string }>;

/** A kind of source file `persona import` understands. */
export type SourceKind = keyof typeof SOURCE_KINDS;

// Folders each tool reads its files from; a path containing one of them is that tool's file.
const FOLDER_KINDS: readonly [RegExp, SourceKind][] = [
  [/(?:^|\/)\.rulesync\/subagents\//, "rulesync-subagent"],
  [/(?:^|\/)\.gemini\/agents\//, "gemini-agent"],
  [/(?:^|\/)\.opencode\/agents?\//, "opencode-agent"],
  [/(?:^|\/)\.cursor\/agents\//, "cursor-agent"],
  [/(?:^|\/)\.windsurf\/rules\//, "windsurf-rule"],
  [/(?:^|\/)\.clinerules\//, "cline-rule"],
  [/(?:^|\/)\.kiro\/steering\//, "kiro-steering"],
  [/(?:^|\/)flashback\/personas\//, "flashbacker-persona"],
  [/(?:^|\/)superclaude\/agents\//i, "superclaude-agent"],
  [/(?:^|\/)\.claude\/agents\//, "claude-agent"],
];

// rulesync's per-tool blocks in a subagent's frontmatter (`claudecode: { model: inherit }`).
export const RULESYNC_TOOL_KEYS: Readonly<Record<string, TargetId>> = {
  claudecode: "claude",
  cursor: "cursor",
  copilot: "copilot",
  codexcli: "codex",
  geminicli: "gemini",
  opencode: "opencode",
  roo: "roo",
  cline: "cline",
  kiro: "kiro",
  windsurf: "windsurf",
};

/**
 * Which kind a file is: by its extension first (each is one tool's), then by the folder it sits in,
 * then by the shape of its frontmatter. `multi` says the file has persona flag headings.
 */
export function detectKind(path: string, data: Record<string, unknown> | undefined, multi: boolean): SourceKind {
  const posix = path.split("\\").join("/");
  if (multi) return "superclaude-personas";
  if (/\.mdc$/i.test(posix)) return "cursor-rule";
  if (/\.agent\.md$/i.test(posix)) return "copilot-agent";
  if (/\.chatmode\.md$/i.test(posix)) return "copilot-chatmode";
  if (/\.instructions\.md$/i.test(posix)) return "copilot-instructions";
  for (const [pattern, kind] of FOLDER_KINDS) if (pattern.test(posix)) return kind;
  if (data === undefined) return "markdown";
  if (PERSONA_ONLY_KEYS.some((k) => k in data) || isMapping(data.targets)) return "persona";
  if (Array.isArray(data.targets) || Object.keys(data).some((k) => k in RULESYNC_TOOL_KEYS && k !== "cursor"))
    return "rulesync-subagent";
  if (typeof data.category === "string" && typeof data.name === "string") return "superclaude-agent";
  if (typeof data.name === "string" || typeof data.description === "string") return "claude-agent";
  return "markdown";
}

// Keys only persona's own files have (`targets:` counts when it is a mapping, not rulesync's list).
const PERSONA_ONLY_KEYS = ["layout", "include", "extends", "triggers", "meta"];

function isMapping(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Whether a body without frontmatter reads like a flashbacker persona (`**Identity**:` lines). */
export function looksLikeFlashbacker(body: string): boolean {
  return /^\*\*Identity\*\*:/m.test(body) && /^\*\*Priority Hierarchy\*\*:/m.test(body);
}
