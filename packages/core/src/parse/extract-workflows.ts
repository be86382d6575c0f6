import type { InlineCode, Nodes, RootContent } from "mdast";
import type { Workflow } from "../model/persona.js";
import { itemMarkdown, listItems } from "./extract-items.js";

function inlineCode(node: Nodes, out: string[]): void {
  if (node.type === "inlineCode") out.push((node as InlineCode).value);
  else if ("children" in node) for (const c of node.children as Nodes[]) inlineCode(c, out);
}

/** Reads a workflow section: one step per top-level list item, commands from its inline code. */
export function readWorkflow(title: string, blocks: readonly RootContent[], source: string): Workflow {
  return {
    title,
    steps: listItems(blocks).map((item) => {
      const commands: string[] = [];
      inlineCode(item, commands);
      return { text: itemMarkdown(item, source), commands };
    }),
  };
}
