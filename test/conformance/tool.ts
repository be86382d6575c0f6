import type { Persona } from "../../packages/core/src/index.js";
import type { Sandbox } from "./sandbox.js";

/** An npm package a loader comes from, pinned: the conformance result is only as stable as the pin. */
export interface ToolPackage {
  name: string;
  version: string;
}

/**
 * One complaint of a tool about one file: `file` is relative to the output root, `via` names the
 * loader that complained (a command or the start-up screen), `message` quotes the tool's own words.
 */
export interface Finding {
  file: string;
  via: string;
  message: string;
}

/** What one check saw: the generated files it made the tool read, and every complaint. */
export interface CheckResult {
  checked: string[];
  findings: Finding[];
}

/** What a check receives besides the output root: the bundled personas, the sandbox, the installs. */
export interface CheckContext {
  /** The personas the output root was generated from (the expectations derive from them). */
  personas: readonly Persona[];
  /** Runs a loader with no network and a scratch HOME. */
  sandbox: Sandbox;
}

/**
 * A deliberate breakage of a copy of the output root, to prove the check can fail: `apply` edits
 * one file and returns its path relative to the root; each `expect` entry is a finding the check
 * must then report for that file.
 */
export interface Breakage {
  title: string;
  apply(root: string, context: CheckContext): Promise<string>;
  expect: ReadonlyArray<{ via: RegExp; message: RegExp }>;
}

/**
 * A tool whose own loader reads generated files: its pinned packages, the check that runs the
 * loader offline on an output root, and the breakages that check must catch. A later target adds
 * one module implementing this and one line in `registry.ts`.
 */
export interface ConformanceTool {
  id: string;
  title: string;
  packages: readonly ToolPackage[];
  /**
   * Readies the installed tool once, before any check (serially, so parallel checks never race on
   * it): for work the tool would otherwise redo on every start, such as unpacking a runtime.
   */
  prepare?(sandbox: Sandbox): Promise<void>;
  check(root: string, context: CheckContext): Promise<CheckResult>;
  breakages: readonly Breakage[];
  /**
   * Gives each breakage its own copy and check run. For a tool that stops at its first problem in
   * a file (Roo Code's one `.roomodes`: a schema that fails skips its duplicate-slug rule), where
   * breakages sharing a file would hide each other.
   */
  isolateBreakages?: boolean;
}

/** A finding as one line a reader can act on: the file, the loader, and the tool's words quoted. */
export function formatFinding(finding: Finding): string {
  return `${finding.file}: ${finding.via}: ${JSON.stringify(finding.message)}`;
}
