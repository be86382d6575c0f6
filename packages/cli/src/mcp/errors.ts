import { ErrorCode } from "@modelcontextprotocol/sdk/types.js";

/**
 * A JSON-RPC error to answer with. The SDK's `McpError` prefixes its message with
 * `MCP error <code>: `, and the SDK client prefixes it again, so hosts would show
 * "MCP error -32602: MCP error -32602: …"; the SDK sends any thrown error's numeric `code` and
 * `message` as they are, so this class carries the plain message.
 */
export class ProtocolError extends Error {
  readonly code: number;

  constructor(code: number, message: string) {
    super(message);
    this.name = "ProtocolError";
    this.code = code;
  }
}

/** `-32602 Invalid params`: an unknown name, a bad or missing argument, an invalid cursor. */
export function invalidParams(message: string): ProtocolError {
  return new ProtocolError(ErrorCode.InvalidParams, message);
}

const MAX_QUOTED = 80;

/**
 * Quotes client-supplied text for an error message: JSON-escaped, cut at 80 characters, and with
 * invisible and control characters (`\p{C}`: bidi overrides, zero-width, tags) shown as `\uXXXX`,
 * so an error can never carry a hidden payload back into a host's UI or a model's context.
 */
export function quote(text: string): string {
  const chars = Array.from(text);
  const cut = chars.length > MAX_QUOTED ? `${chars.slice(0, MAX_QUOTED).join("")}…` : text;
  return JSON.stringify(cut).replace(/\p{C}/gu, (c) =>
    Array.from({ length: c.length }, (_, i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, "0")}`).join(""),
  );
}

/** The value as a plain object, or a `-32602` naming what should have been an object. */
export function requireObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalidParams(`\`${what}\` must be an object`);
  }
  return value as Record<string, unknown>;
}

/**
 * Wraps a request handler so that a failure that is not a deliberate `ProtocolError` is answered
 * `-32603 Internal error` without its message, which may hold a path or a stack (MCP: servers
 * "MUST carefully validate" and should not leak internals); `onInternalError` logs the details.
 */
export function guard<A extends unknown[], R>(
  onInternalError: (error: unknown) => void,
  handler: (...args: A) => R | Promise<R>,
): (...args: A) => Promise<R> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof ProtocolError) throw error;
      onInternalError(error);
      throw new ProtocolError(ErrorCode.InternalError, "Internal error");
    }
  };
}
