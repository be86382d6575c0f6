import type { OutputStream } from "../io.js";

/** ANSI styles that collapse to the identity when colour is off. */
export interface Colors {
  readonly enabled: boolean;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const style =
  (enabled: boolean, open: number, close: number) =>
  (text: string): string =>
    enabled && text !== "" ? `\u001b[${open}m${text}\u001b[${close}m` : text;

/**
 * Whether a stream gets colour: only a TTY, never when `NO_COLOR` is set to anything non-empty
 * (https://no-color.org); `FORCE_COLOR` (as in chalk and Node) turns it on for pipes and CI logs,
 * `FORCE_COLOR=0` off. `TERM=dumb` means a terminal that cannot show it.
 */
export function colorEnabled(stream: OutputStream, env: Readonly<Record<string, string | undefined>>): boolean {
  if (env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== "") return false;
  const force = env["FORCE_COLOR"];
  if (force !== undefined) return force !== "0" && force !== "false";
  return stream.isTTY === true && env["TERM"] !== "dumb";
}

/** The colour functions for a stream. */
export function colorsFor(stream: OutputStream, env: Readonly<Record<string, string | undefined>>): Colors {
  const on = colorEnabled(stream, env);
  return {
    enabled: on,
    red: style(on, 31, 39),
    yellow: style(on, 33, 39),
    green: style(on, 32, 39),
    cyan: style(on, 36, 39),
    dim: style(on, 2, 22),
    bold: style(on, 1, 22),
  };
}
