import type { ListItem, Paragraph, RootContent } from "mdast";
import type { McpServerPreference } from "../model/persona.js";
import { itemMarkdown, listItems } from "./extract-items.js";
import { readLabel, span } from "./markdown.js";

const ROLES: Record<string, McpServerPreference["role"]> = {
  primary: "primary",
  secondary: "secondary",
  tertiary: "tertiary",
  avoided: "avoided",
  avoid: "avoided",
};

// "Context7 - For backend patterns": the server's name, then a dash and why.
const NAME_AND_NOTE = /^(.+?)\s+[-–—]\s+(.+)$/s;

/**
 * Reads "MCP Server Preferences" lists (`- **Primary**: Context7 - For backend patterns`) into
 * preferences. A list is read only when every item is a preference, so one the model cannot hold
 * whole stays prose as written (and is never rendered twice); returns the lists it read.
 */
export function readMcpServers(
  blocks: readonly RootContent[],
  source: string,
): { servers: McpServerPreference[]; read: Set<RootContent> } {
  const servers: McpServerPreference[] = [];
  const read = new Set<RootContent>();
  for (const list of blocks) {
    if (list.type !== "list") continue;
    const found = list.children.map((item) => readPreference(item, source));
    if (found.length === 0 || found.some((f) => f === undefined)) continue;
    servers.push(...(found as McpServerPreference[]));
    read.add(list);
  }
  return { servers, read };
}

function readPreference(item: ListItem, source: string): McpServerPreference | undefined {
  const first = item.children[0];
  if (item.children.length !== 1 || first?.type !== "paragraph") return undefined;
  const label = readLabel(first as Paragraph, source);
  const role = label?.separated ? ROLES[label.label.toLowerCase()] : undefined;
  if (label === undefined || role === undefined) return undefined;
  const value = source.slice(label.valueStart, span(first).end).replace(/\s+/g, " ").trim();
  if (value === "") return undefined;
  const split = NAME_AND_NOTE.exec(value);
  return split ? { name: (split[1] as string).trim(), role, note: (split[2] as string).trim() } : { name: value, role };
}

/**
 * Reads "Optimized Commands" items (`` - `/build --api` - API design ``): the inline code each item
 * opens with. The section's markdown is kept whole (the explanations are instructions too).
 */
export function readCommands(blocks: readonly RootContent[], source: string): string[] {
  const out: string[] = [];
  for (const item of listItems(blocks)) {
    const first = item.children[0];
    const code = first?.type === "paragraph" ? first.children[0] : undefined;
    if (code?.type === "inlineCode" && code.value.trim() !== "") out.push(code.value.trim());
    else if (itemMarkdown(item, source).startsWith("/"))
      out.push(itemMarkdown(item, source).split(/\s+[-–—]\s+/)[0] as string);
  }
  return out;
}
