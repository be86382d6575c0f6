import type { Readable } from "node:stream";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { ErrorCode, type JSONRPCMessage, JSONRPCMessageSchema } from "@modelcontextprotocol/sdk/types.js";
import type { StdoutSink } from "./stdout.js";

/** Largest accepted JSON-RPC line; bigger lines are discarded while they stream in (RSS stays bounded). */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

type ErrorId = string | number | null;

/**
 * An MCP stdio transport (newline-delimited JSON-RPC) that answers bad input instead of dropping it.
 *
 * The SDK's `StdioServerTransport` silently drops a line that is not JSON or not JSON-RPC, so the
 * client waits forever, buffers a whole oversized line and then closes the session. This one
 * answers a parse error with `-32700` and an invalid message (wrong `jsonrpc`, a batch, a non-object)
 * with `-32600` — both with `id: null` unless the id can be read — and discards a line over
 * `maxMessageBytes` as it arrives, answering `-32600`, so the session survives all of them. Empty
 * lines are ignored. See https://www.jsonrpc.org/specification#error_object.
 */
export class GuardedStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  #parts: Buffer[] = [];
  #size = 0;
  #discarding = false;
  #closed = false;
  readonly #input: Readable;
  readonly #output: StdoutSink;
  readonly #maxMessageBytes: number;

  constructor(input: Readable, output: StdoutSink, maxMessageBytes = MAX_MESSAGE_BYTES) {
    this.#input = input;
    this.#output = output;
    this.#maxMessageBytes = maxMessageBytes;
  }

  async start(): Promise<void> {
    this.#input.on("data", this.#onData);
    this.#input.on("error", this.#onInputError);
    // The client closing stdin is the MCP stdio way to end a session: close even if timers or
    // watchers would keep the process alive.
    this.#input.on("end", this.#onEnd);
    this.#input.on("close", this.#onEnd);
  }

  async send(message: JSONRPCMessage): Promise<void> {
    await this.#output.writeLine(JSON.stringify(message));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#input.off("data", this.#onData);
    this.#input.off("error", this.#onInputError);
    this.#input.off("end", this.#onEnd);
    this.#input.off("close", this.#onEnd);
    // A paused but open stdin keeps the event loop alive after SIGTERM; release the handle.
    this.#input.destroy();
    this.#parts = [];
    this.onclose?.();
  }

  readonly #onEnd = (): void => {
    void this.close();
  };

  readonly #onInputError = (error: Error): void => {
    this.onerror?.(error);
    void this.close();
  };

  readonly #onData = (chunk: Buffer | string): void => {
    const data = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let newline = data.indexOf(10, start); newline !== -1; newline = data.indexOf(10, start)) {
      this.#append(data.subarray(start, newline));
      this.#endLine();
      start = newline + 1;
      if (this.#closed) return;
    }
    this.#append(data.subarray(start));
  };

  #append(part: Buffer): void {
    if (this.#discarding || part.length === 0) return;
    if (this.#size + part.length > this.#maxMessageBytes) {
      this.#discarding = true;
      this.#parts = [];
      this.#size = 0;
      return;
    }
    this.#parts.push(part);
    this.#size += part.length;
  }

  #endLine(): void {
    if (this.#discarding) {
      this.#discarding = false;
      this.#reply(null, ErrorCode.InvalidRequest, `Message too large: over ${this.#maxMessageBytes} bytes`);
      return;
    }
    const line = Buffer.concat(this.#parts, this.#size).toString("utf8");
    this.#parts = [];
    this.#size = 0;
    if (line.trim() !== "") this.#handleLine(line);
  }

  #handleLine(line: string): void {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      this.#reply(null, ErrorCode.ParseError, "Parse error: the message is not valid JSON");
      return;
    }
    if (Array.isArray(value)) {
      // JSON-RPC batches were removed from MCP in 2025-06-18; no MCP client sends them.
      this.#reply(null, ErrorCode.InvalidRequest, "Invalid Request: batches are not supported");
      return;
    }
    const parsed = JSONRPCMessageSchema.safeParse(value);
    if (!parsed.success) {
      this.#reply(readId(value), ErrorCode.InvalidRequest, "Invalid Request: not a JSON-RPC 2.0 message");
      return;
    }
    this.onmessage?.(parsed.data);
  }

  #reply(id: ErrorId, code: number, message: string): void {
    void this.#output.writeLine(JSON.stringify({ jsonrpc: "2.0", id, error: { code, message } }));
  }
}

/** The id of an invalid message, when it has a usable one, so the client can match the error. */
function readId(value: unknown): ErrorId {
  if (typeof value !== "object" || value === null || !("id" in value)) return null;
  const { id } = value;
  return typeof id === "string" || typeof id === "number" ? id : null;
}
