import { isTargetId } from "@personas/core/outputs";
import type { Config } from "./schema.js";

/**
 * The config of most projects (`{ "out": "." }`, a folder or two, a list of targets) recognised
 * without zod: loading zod's schema code is a large part of a small repository's `--check`, which
 * otherwise only reads files (issue 15). This accepts only values the schema certainly accepts —
 * the tests check that against `ConfigSchema` — and answers undefined for anything else, which
 * the schema then checks and reports on as before. Paths are checked by the loader either way.
 */
export function plainConfig(data: unknown): Config | undefined {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return undefined;
  const config: Config = {};
  for (const [key, value] of Object.entries(data)) {
    switch (key) {
      case "$schema":
        if (typeof value !== "string") return undefined;
        config.$schema = value;
        break;
      case "personas":
      case "out":
      case "templates":
      case "cacheDir":
        if (typeof value !== "string" || value === "") return undefined;
        config[key] = value;
        break;
      case "targets":
        if (!Array.isArray(value) || !value.every((t) => typeof t === "string" && isTargetId(t))) return undefined;
        config.targets = value;
        break;
      case "maxFileBytes":
        if (!Number.isSafeInteger(value) || (value as number) <= 0) return undefined;
        config.maxFileBytes = value as number;
        break;
      default:
        // Keys with patterns, maps or refinements (idPrefix, outputs, mcpServers, vars), and
        // unknown keys, are the schema's to check and explain.
        return undefined;
    }
  }
  return config;
}
