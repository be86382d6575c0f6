/**
 * The one table that maps a persona's tools, models and colours into each tool's own vocabulary
 * (DESIGN.md §7, TARGETS.md §6.4–6.5 and §8). A persona names its tools the way Claude Code does
 * (`Read, Grep, Bash`) or by Copilot's aliases; every other tool has its own names, and a value
 * copied across is a hard error in some of them (opencode's `tools` must be a map; Gemini CLI
 * refuses an unknown tool name). So each target maps through this table, and what has no
 * equivalent is left out (with an info diagnostic), never written where the tool rejects it.
 * docs/targets.md shows this table, generated from it.
 */

/** What a tool lets an agent do, in each tool's own words. */
export interface ToolMapping {
  /** Copilot's alias (https://docs.github.com/copilot/reference/custom-agents-configuration). */
  copilot: string;
  /** Gemini CLI tool names (gemini-cli-core `tool-names.ts`); empty: no equivalent. */
  gemini: readonly string[];
  /** opencode `tools` map keys (https://opencode.ai/docs/agents); empty: no equivalent. */
  opencode: readonly string[];
  /** Roo Code mode group (https://docs.roocode.com/features/custom-modes); undefined: none. */
  roo?: "read" | "edit" | "command" | "mcp";
  /** True when the tool changes files or runs commands: decides Codex's and Cursor's read-only. */
  writes: boolean;
}

/** Claude Code's built-in tools (https://code.claude.com/docs/en/settings#tools-available-to-claude). */
export const TOOLS: Readonly<Record<string, ToolMapping>> = {
  Read: { copilot: "read", gemini: ["read_file", "read_many_files"], opencode: ["read"], roo: "read", writes: false },
  NotebookRead: { copilot: "read", gemini: ["read_file"], opencode: ["read"], roo: "read", writes: false },
  LS: { copilot: "search", gemini: ["list_directory"], opencode: ["list"], roo: "read", writes: false },
  Grep: { copilot: "search", gemini: ["grep_search"], opencode: ["grep"], roo: "read", writes: false },
  Glob: { copilot: "search", gemini: ["glob"], opencode: ["glob"], roo: "read", writes: false },
  Edit: { copilot: "edit", gemini: ["replace"], opencode: ["edit"], roo: "edit", writes: true },
  MultiEdit: { copilot: "edit", gemini: ["replace"], opencode: ["edit"], roo: "edit", writes: true },
  Write: { copilot: "edit", gemini: ["write_file"], opencode: ["write"], roo: "edit", writes: true },
  NotebookEdit: { copilot: "edit", gemini: [], opencode: ["edit"], roo: "edit", writes: true },
  Bash: { copilot: "execute", gemini: ["run_shell_command"], opencode: ["bash"], roo: "command", writes: true },
  WebFetch: { copilot: "web", gemini: ["web_fetch"], opencode: ["webfetch"], writes: false },
  WebSearch: { copilot: "web", gemini: ["google_web_search"], opencode: ["websearch"], writes: false },
  TodoWrite: { copilot: "todo", gemini: ["write_todos"], opencode: ["todowrite"], writes: false },
  Agent: { copilot: "agent", gemini: [], opencode: ["task"], writes: false },
};

// Old and alternative names of the same tools: `Task` was renamed `Agent` in Claude Code 2.1.63;
// Copilot's aliases are accepted so a persona written for Copilot maps too.
const ALIASES: Readonly<Record<string, string>> = {
  task: "Agent",
  agent: "Agent",
  "custom-agent": "Agent",
  read: "Read",
  edit: "Edit",
  search: "Grep",
  execute: "Bash",
  shell: "Bash",
  powershell: "Bash",
  web: "WebFetch",
  todo: "TodoWrite",
};

/** An MCP tool as Claude Code names it: `mcp__server`, `mcp__server__tool`, `mcp__server__*`. */
export interface McpTool {
  server: string;
  /** The tool; undefined for every tool of the server. */
  tool?: string;
}

/** A persona's tool, resolved: a Claude Code tool of the table, an MCP tool, or neither. */
export type ResolvedTool = { kind: "builtin"; name: string } | { kind: "mcp"; mcp: McpTool } | { kind: "unknown" };

/** Resolves a tool name as a persona writes it (`Bash`, `Agent(worker)`, `search`, `mcp__gh__issues`). */
export function resolveTool(name: string): ResolvedTool {
  const mcp = /^mcp__([^_]+(?:_[^_]+)*?)(?:__(.+))?$/.exec(name);
  if (mcp) {
    const tool = mcp[2] === undefined || mcp[2] === "*" ? undefined : mcp[2];
    return { kind: "mcp", mcp: tool === undefined ? { server: mcp[1] as string } : { server: mcp[1] as string, tool } };
  }
  const base = name.replace(/\(.*\)$/, "");
  if (Object.hasOwn(TOOLS, base)) return { kind: "builtin", name: base };
  const alias = ALIASES[base.toLowerCase()];
  return alias === undefined ? { kind: "unknown" } : { kind: "builtin", name: alias };
}

/**
 * True when none of the tools changes files or runs commands, so the agent can be read-only
 * (Codex `sandbox_mode: read-only`, Cursor `readonly: true`). Undefined when the persona lists no
 * tools (nothing is known) or a tool whose effect is unknown (an MCP tool, an unknown name).
 */
export function isReadOnly(tools: readonly string[] | undefined): boolean | undefined {
  if (tools === undefined || tools.length === 0) return undefined;
  let writes = false;
  for (const name of tools) {
    const resolved = resolveTool(name);
    if (resolved.kind !== "builtin") return undefined;
    writes ||= (TOOLS[resolved.name] as ToolMapping).writes;
  }
  return !writes;
}

/** How a tool spells its models: a pattern, and how to say it. */
export interface ModelVocabulary {
  pattern: RegExp;
  /** What the tool takes, for the info that says why a model was left out. */
  takes: string;
}

/** A model id as each tool spells its models; what matches no pattern is another tool's model. */
export const MODELS = {
  claude: {
    pattern: /^(?:sonnet|opus|haiku|fable|inherit|claude-[a-z0-9.-]+)$/,
    takes: "sonnet, opus, haiku, fable, inherit or a claude-* id",
  },
  codex: {
    pattern: /^(?:gpt-[a-z0-9.-]+|o\d[a-z0-9.-]*|codex-[a-z0-9.-]+)$/,
    takes: "an OpenAI model id such as gpt-5",
  },
  gemini: { pattern: /^(?:gemini-[a-z0-9.-]+|inherit)$/, takes: "a Gemini model id such as gemini-2.5-pro" },
  opencode: { pattern: /^[a-z0-9-]+\/[A-Za-z0-9._:-]+$/, takes: "provider/model, such as anthropic/claude-sonnet-4-5" },
  cursor: {
    pattern: /^(?:inherit|(?:claude|gpt|gemini|o\d|grok|composer)[a-z0-9.-]*(?:\[[^\]]*\])?)$/,
    takes: "inherit or a Cursor model id such as claude-opus-4-8",
  },
} as const satisfies Record<string, ModelVocabulary>;

/** Claude Code's agent colours (https://code.claude.com/docs/en/sub-agents). */
export const CLAUDE_COLORS = ["red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan"] as const;

/** Claude's colours as opencode takes them: `#rrggbb` (opencode refuses a colour name it has no theme for). */
export const OPENCODE_COLORS: Readonly<Record<(typeof CLAUDE_COLORS)[number], string>> = {
  red: "#ef4444",
  blue: "#3b82f6",
  green: "#22c55e",
  yellow: "#eab308",
  purple: "#a855f7",
  orange: "#f97316",
  pink: "#ec4899",
  cyan: "#06b6d4",
};

/** A colour in opencode's form: `#rrggbb` as given, a Claude colour mapped, anything else undefined. */
export function opencodeColor(color: string): string | undefined {
  if (/^#[0-9a-fA-F]{6}$/.test(color)) return color.toLowerCase();
  return Object.hasOwn(OPENCODE_COLORS, color) ? OPENCODE_COLORS[color as keyof typeof OPENCODE_COLORS] : undefined;
}

/** Tools mapped into one tool's names, and the persona's names that have no equivalent there. */
export interface MappedTools {
  mapped: string[];
  leftOut: string[];
}

/**
 * Maps a persona's tools through the table: `pick` gives a built-in tool's names in the target
 * tool, `mcp` an MCP tool's name (undefined: the target cannot name MCP tools). Duplicates are
 * dropped; names with no equivalent are collected, for the target to report.
 */
export function mapTools(
  tools: readonly string[],
  pick: (mapping: ToolMapping) => readonly string[] | string | undefined,
  mcp: (tool: McpTool) => string | undefined,
): MappedTools {
  const mapped: string[] = [];
  const leftOut: string[] = [];
  for (const name of tools) {
    const resolved = resolveTool(name);
    const names =
      resolved.kind === "builtin"
        ? pick(TOOLS[resolved.name] as ToolMapping)
        : resolved.kind === "mcp"
          ? mcp(resolved.mcp)
          : undefined;
    const list = names === undefined ? [] : typeof names === "string" ? [names] : names;
    if (list.length === 0) leftOut.push(name);
    for (const n of list) if (!mapped.includes(n)) mapped.push(n);
  }
  return { mapped, leftOut };
}
