import { detachedValue } from "./formats/detached.js";
import type { TargetId } from "./targets/declarations.js";
import type { SharedPart } from "./targets/define-target.js";

/**
 * Where a compiler keeps each persona's parts of the shared files (Roo's modes, MCP's prompts,
 * AGENTS.md's entries) until the files are assembled at the end. A compiler holds them in memory
 * by default; at 10,000 personas they are tens of megabytes held through the whole build, so a
 * caller may keep them elsewhere (the CLI spools them to a temporary file) and give them back one
 * target at a time. Parts are plain data (strings, numbers, arrays, plain objects): a store may
 * serialise them as JSON, which drops keys whose value is undefined and nothing else.
 */
export interface PartStore {
  /** Keeps a part of one target's shared files. */
  add(target: TargetId, part: SharedPart<unknown>): void;
  /** Every part kept for a target, in the order added; the store forgets them. */
  take(target: TargetId): SharedPart<unknown>[];
}

/**
 * The compiler's default store: parts in memory, each copied flat (a rendered part is a rope of
 * hundreds of pieces whose nodes cost more than its text) and detached from larger texts.
 */
export function memoryPartStore(): PartStore {
  const parts = new Map<TargetId, SharedPart<unknown>[]>();
  return {
    add(target, part) {
      const list = parts.get(target) ?? [];
      list.push(detachedValue(part));
      parts.set(target, list);
    },
    take(target) {
      const list = parts.get(target) ?? [];
      parts.delete(target);
      return list;
    },
  };
}
