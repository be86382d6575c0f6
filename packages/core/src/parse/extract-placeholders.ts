// `{UPPER_SNAKE}` but not `${VAR}` (shell) nor `${{ expr }}` / `{{X}}` (CI and template syntax).
const PLACEHOLDER = /(?<![$\\{])\{([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)\}(?!\})/g;

/** The `{UPPER_SNAKE}` placeholders of a body, code included, first-seen order, no repeats. */
export function findPlaceholders(body: string): string[] {
  const seen = new Set<string>();
  for (const m of body.matchAll(PLACEHOLDER)) seen.add(m[1] as string);
  return [...seen];
}
