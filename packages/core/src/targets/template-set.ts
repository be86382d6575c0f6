import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { defaultTemplates } from "../render/default-templates.generated.js";
import type { TemplateSet } from "../render/renderer.js";

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

/** The templates `compile` renders with: the defaults, overridden by the folder, then by sources. */
export function templateSetFor(options: TemplateOptions = {}): TemplateSet {
  const fromDir = options.templatesDir === undefined ? {} : readTemplateDir(options.templatesDir);
  return { ...defaultTemplates, ...fromDir, ...options.templates };
}
