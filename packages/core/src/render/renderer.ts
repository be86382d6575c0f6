import Handlebars from "handlebars";
import { type Diagnostic, diagnostic } from "../diagnostics/diagnostic.js";
import { RULES } from "../diagnostics/rules.js";
import { type TemplateOptions, templateSetFor } from "../targets/template-set.js";
import { defaultTemplates } from "./default-templates.generated.js";
import { precompiledTemplates } from "./default-templates.precompiled.generated.js";
import { helpers } from "./helpers.js";

/** Template sources by name, e.g. `claude/agent.hbs` → source; `_partials/x.hbs` are partials. */
export type TemplateSet = Readonly<Record<string, string>>;

/** Renders named templates; each template is compiled once per renderer. */
export interface Renderer {
  render(name: string, data: object): { text?: string; diagnostics: Diagnostic[] };
}

interface HandlebarsError extends Error {
  lineNumber?: number;
  column?: number;
}

// Bounded so a self-recursive partial in a user template becomes a diagnostic, not a stack overflow.
const MAX_PARTIAL_DEPTH = 32;

/**
 * Creates a renderer over a template set. Templates render prose only, with `noEscape` (a persona's
 * `<200ms` stays `<200ms`) and `strict` (a misspelt field is an error with the template's line and
 * column). Only templates are ever compiled: a persona's own text is data, so `{{…}}` inside a
 * persona comes out literally. `templateRoot` prefixes template names in diagnostics.
 */
export function createRenderer(templates: TemplateSet, templateRoot = "templates"): Renderer {
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn);
  let depth = 0;
  for (const [name, source] of Object.entries(templates)) {
    const match = /^_partials\/(.+)\.hbs$/.exec(name);
    if (!match) continue;
    const compiled = compileTemplate(hb, name, source);
    hb.registerPartial(match[1] as string, (context: unknown, options?: Handlebars.RuntimeOptions) => {
      if (++depth > MAX_PARTIAL_DEPTH) {
        depth = 0;
        throw new Error("template recursion limit exceeded");
      }
      try {
        return compiled(context, options);
      } finally {
        depth = Math.max(0, depth - 1);
      }
    });
  }
  const cache = new Map<string, Handlebars.TemplateDelegate>();
  // Targets whose templates have the same source (the defaults all render the shared body) get
  // the result rendered for the first of them: rendering is pure in (source, data).
  const rendered = new Map<string, WeakMap<object, { text?: string; diagnostics: Diagnostic[] }>>();
  const locate = (name: string, error: HandlebarsError): { line: number; column: number } => {
    if (error.lineNumber !== undefined) return { line: error.lineNumber, column: (error.column ?? 0) + 1 };
    const parse = /Parse error on line (\d+)/.exec(error.message);
    if (parse) return { line: Number(parse[1]), column: 1 };
    const partial = /partial (\S+) could not be found/.exec(error.message);
    const source = templates[name] ?? "";
    if (partial) {
      const idx = source.search(new RegExp(`\\{\\{~?>\\s*${escapeRegExp(partial[1] ?? "")}`));
      if (idx >= 0) {
        const before = source.slice(0, idx).split("\n");
        return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
      }
    }
    return { line: 1, column: 1 };
  };
  return {
    render(name, data) {
      const source = templates[name];
      const memo = source === undefined ? undefined : rendered.get(source)?.get(data);
      if (memo?.text !== undefined) return { text: memo.text, diagnostics: [] };
      const result = renderUncached(name, data);
      if (source !== undefined && result.text !== undefined) {
        const bySource = rendered.get(source) ?? new WeakMap();
        rendered.set(source, bySource);
        bySource.set(data, result);
      }
      return result;
    },
  };

  function renderUncached(name: string, data: object): { text?: string; diagnostics: Diagnostic[] } {
    const file = `${templateRoot}/${name}`;
    const source = templates[name];
    if (source === undefined) {
      return {
        diagnostics: [
          diagnostic("error", RULES.templateError, `Template \`${name}\` not found`, file, { line: 1, column: 1 }),
        ],
      };
    }
    try {
      let template = cache.get(name);
      if (!template) {
        template = compileTemplate(hb, name, source);
        cache.set(name, template);
      }
      depth = 0;
      // Prototype access stays off (Handlebars' default since 4.6); never pass allowProto* options.
      return { text: template(data), diagnostics: [] };
    } catch (e) {
      const error = e as HandlebarsError;
      const message = firstLine(error.message).replace(/ in \[object Object\]/, "");
      return { diagnostics: [diagnostic("error", RULES.templateError, message, file, locate(name, error))] };
    }
  }
}

/**
 * A template ready to render: the precompiled default when `source` is the default's own (no
 * Handlebars compiler run at all), else compiled from `source` (a user's template).
 */
function compileTemplate(hb: typeof Handlebars, name: string, source: string): Handlebars.TemplateDelegate {
  const spec = source === defaultTemplates[name] ? precompiledTemplates[name] : undefined;
  if (spec !== undefined) return hb.template(spec as Parameters<typeof hb.template>[0]);
  return hb.compile(source, { noEscape: true, strict: true });
}

function firstLine(text: string): string {
  return (text.split("\n")[0] ?? "").replace(/ - \d+:\d+$/, "");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A renderer over the embedded defaults, overridden by a templates folder and then by explicit
 * sources, the same precedence `compile` uses. For entry points outside `compile` (the MCP server
 * builds prompts directly) so they render exactly what `compile` writes.
 */
export function rendererFor(options: TemplateOptions = {}): Renderer {
  return createRenderer(templateSetFor(options), options.templatesDir ?? "templates");
}
