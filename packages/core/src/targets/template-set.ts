import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { defaultTemplates } from "../render/default-templates.generated.js";
import { createRenderer, type Renderer, type TemplateSet } from "../render/renderer.js";

/** Where templates come from: sources by name, and/or a folder laid out like templates/. */
export interface TemplateOptions {
  templates?: TemplateSet;
  templatesDir?: string;
}

/** Reads every `.hbs` file under a folder into a template set keyed `claude/agent.hbs`. */
export function readTemplateDir(dir: string): TemplateSet {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith(".hbs")) out[relative(dir, full).split(sep).join("/")] = readFileSync(full, "utf8");
    }
  };
  walk(dir);
  return out;
}

/**
 * A renderer over the embedded defaults, overridden by a templates folder and then by explicit
 * sources, the same precedence `compile` uses. For entry points outside `compile` (the MCP server
 * builds prompts directly) so they render exactly what `compile` writes.
 */
export function rendererFor(options: TemplateOptions = {}): Renderer {
  return createRenderer(templateSetFor(options), options.templatesDir ?? "templates");
}

/** The templates `compile` renders with: the defaults, overridden by the folder, then by sources. */
export function templateSetFor(options: TemplateOptions = {}): TemplateSet {
  const fromDir = options.templatesDir === undefined ? {} : readTemplateDir(options.templatesDir);
  return { ...defaultTemplates, ...fromDir, ...options.templates };
}
