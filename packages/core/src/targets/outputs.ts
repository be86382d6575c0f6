import { type TargetId, targetIds, targetOutputs } from "./declarations.js";
import type { Output } from "./define-target.js";

/** An output as the registry declares it: which target, under which name. */
export interface DeclaredOutput {
  target: TargetId;
  name: string;
  output: Output<never>;
}

/** Where outputs go: the project's output root, or the user's home folder (`--scope user`). */
export type Scope = "project" | "user";

/**
 * Every output of the given targets (default: all), in registry and declaration order. In the
 * user scope, only the outputs a tool reads from the home folder, with `path` the user path.
 */
export function declaredOutputs(selected: readonly TargetId[] = targetIds, scope: Scope = "project"): DeclaredOutput[] {
  return selected.flatMap((target) =>
    Object.entries(targetOutputs[target] as Readonly<Record<string, Output<never>>>).flatMap(([name, output]) => {
      if (scope === "project") return [{ target, name, output }];
      return output.user === undefined ? [] : [{ target, name, output: { ...output, path: output.user } }];
    }),
  );
}

/** The targets that have an output in the user scope (a home-folder path). */
export function userScopeTargets(): TargetId[] {
  return targetIds.filter((id) =>
    Object.values(targetOutputs[id] as Readonly<Record<string, Output<never>>>).some((o) => o.user !== undefined),
  );
}

// Same shape as PERSONA_ID_PATTERN, unanchored: the `<id>` part of an output path.
const ID = "[a-z0-9]+(?:-[a-z0-9]+)*";

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** One path segment of an output pattern as a matcher: `<id>.agent.md` → /^[a-z0-9…]+\.agent\.md$/. */
export function segmentMatcher(segment: string): RegExp {
  return new RegExp(`^${segment.split("<id>").map(escapeRegExp).join(ID)}$`);
}

/** True when a POSIX path (relative to a target's root) matches an output pattern. */
export function matchesOutput(path: string, pattern: string): boolean {
  const parts = path.split("/");
  const segments = pattern.split("/");
  return parts.length === segments.length && segments.every((s, i) => segmentMatcher(s).test(parts[i] ?? ""));
}

/** The output a path (relative to a target's root) belongs to, among the given targets' outputs. */
export function outputAt(
  path: string,
  selected: readonly TargetId[] = targetIds,
  scope: Scope = "project",
): DeclaredOutput | undefined {
  return declaredOutputs(selected, scope).find((d) => matchesOutput(path, d.output.path));
}

/** The persona id in a path that matches an output pattern (`.claude/agents/backend.md` → `backend`). */
export function idInPath(path: string, pattern: string): string | undefined {
  let regex = idPatterns.get(pattern);
  if (regex === undefined) {
    regex = new RegExp(`^${pattern.split("<id>").map(escapeRegExp).join(`(${ID})`)}$`);
    idPatterns.set(pattern, regex);
  }
  return regex.exec(path)?.[1];
}

// A build asks once per output file (120,000 times at 10,000 personas) of a dozen patterns.
const idPatterns = new Map<string, RegExp>();
