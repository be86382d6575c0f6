import type { HelperOptions } from "handlebars";

/**
 * The Handlebars helpers available to every template — the only ones, so a template typo such as
 * `{{uper x}}` is an error rather than a silent empty string. Helpers return plain strings; the
 * renderer runs with `noEscape`, so nothing is HTML-escaped.
 */
export const helpers = {
  /** `{{join list ", "}}` joins a list of strings. */
  join(list: unknown, separator: unknown): string {
    return Array.isArray(list) ? list.map(String).join(typeof separator === "string" ? separator : ", ") : "";
  },
  /** `{{#if (nonEmpty list)}}` is true for a non-empty list or string. */
  nonEmpty(value: unknown): boolean {
    if (Array.isArray(value)) return value.length > 0;
    return typeof value === "string" ? value.trim() !== "" : value !== undefined && value !== null;
  },
  /**
   * `{{#if (or a b)}}` is true when any argument is truthy. Handlebars passes its options object as
   * the last argument, so that one is left out.
   */
  or(...args: unknown[]): boolean {
    return args.slice(0, -1).some((value) => Boolean(value));
  },
  /** `{{inc @index}}` adds one, for 1-based numbering. */
  inc(value: unknown): number {
    return typeof value === "number" ? value + 1 : 0;
  },
  /** `{{code text}}` wraps text in a backtick code span that survives backticks inside it. */
  code(value: unknown): string {
    const text = String(value ?? "");
    const longest = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length));
    const fence = "`".repeat(longest + 1);
    const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
    return `${fence}${pad}${text}${pad}${fence}`;
  },
  /** `{{cell text}}` makes text safe inside a markdown table cell. */
  cell(value: unknown): string {
    return String(value ?? "")
      .replace(/\|/g, "\\|")
      .replace(/\s*\n\s*/g, " ");
  },
  /** `{{#eq a b}}…{{/eq}}` renders its block when a equals b. */
  eq(this: unknown, a: unknown, b: unknown, options: HelperOptions): string {
    return a === b ? options.fn(this) : options.inverse(this);
  },
} as const;
