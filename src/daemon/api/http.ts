// Small helpers over node:http for the API: JSON and text responses, errors with a stable code,
// and reading a request body with a size cap.

import type { IncomingMessage, ServerResponse } from "node:http";
import { BerthError, isBerthError } from "../../util/errors.js";
import { E_INVALID_REQUEST, E_NOT_FOUND, E_UNAVAILABLE, type ApiErrorBody } from "./types.js";

/** An error that already knows its HTTP status (and headers, e.g. WWW-Authenticate or Allow). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

const COMMON_HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
};

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, {
    ...COMMON_HEADERS,
    ...headers,
    "content-type": "application/json; charset=utf-8",
    "content-length": String(Buffer.byteLength(text)),
  });
  res.end(text);
}

export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    ...COMMON_HEADERS,
    ...headers,
    "content-type": headers["content-type"] ?? "text/plain; charset=utf-8",
    "content-length": String(Buffer.byteLength(text)),
  });
  res.end(text);
}

export function sendNoContent(res: ServerResponse): void {
  res.writeHead(204, COMMON_HEADERS);
  res.end();
}

const STATUS_OF_CODE: Record<string, number> = {
  [E_NOT_FOUND]: 404,
  [E_INVALID_REQUEST]: 400,
  [E_UNAVAILABLE]: 503,
};

/** The status, code and message an error becomes; unknown failures are 500 with their code. */
export function errorResponse(e: unknown): HttpError {
  if (e instanceof HttpError) return e;
  if (isBerthError(e)) {
    const message = e.hint === undefined ? e.message : `${e.message} (${e.hint})`;
    return new HttpError(STATUS_OF_CODE[e.code] ?? 500, e.code, message);
  }
  return new HttpError(500, "E_INTERNAL", e instanceof Error ? e.message : String(e));
}

export function sendError(res: ServerResponse, e: unknown): void {
  const err = errorResponse(e);
  const body: ApiErrorBody = { error: { code: err.code, message: err.message } };
  if (res.headersSent) {
    // A streaming response already started: all that is left is to cut it short.
    res.destroy();
    return;
  }
  sendJson(res, err.status, body, err.headers);
}

/**
 * The whole body, refusing more than `maxBytes` with 413: up front when Content-Length says so
 * (nothing is read), else as soon as the running count passes the cap.
 */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = req.headers["content-length"];
  const tooLarge = (): HttpError =>
    new HttpError(413, "E_TOO_LARGE", `the request body is larger than ${maxBytes} bytes`, {
      connection: "close",
    });
  if (declared !== undefined && Number(declared) > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > maxBytes) throw tooLarge();
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

export function badRequest(message: string): BerthError {
  return new BerthError(E_INVALID_REQUEST, message);
}

export function notFound(message: string): BerthError {
  return new BerthError(E_NOT_FOUND, message);
}
