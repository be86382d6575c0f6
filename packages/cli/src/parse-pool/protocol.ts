import type { ParseResult } from "@personas/core";

/** A file for a worker to parse. */
export interface ParseRequest {
  id: number;
  text: string;
  path: string;
}

/** A worker's answer. */
export interface ParseResponse {
  id: number;
  result: ParseResult;
}
