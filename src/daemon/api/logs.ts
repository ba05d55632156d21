// Streams a container's log bytes to the client as they come (chunked text/plain), honouring
// backpressure, and stops reading the source as soon as the client goes away.

import type { ServerResponse } from "node:http";

function waitForDrainOrClose(res: ServerResponse, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off("drain", done);
      signal.removeEventListener("abort", done);
      resolve();
    };
    res.once("drain", done);
    signal.addEventListener("abort", done, { once: true });
  });
}

/** The next chunk, or undefined once the source ends or `signal` aborts. */
async function nextOrAbort<T>(it: AsyncIterator<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return undefined;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<undefined>((resolve) => {
    onAbort = () => resolve(undefined);
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    const r = await Promise.race([it.next(), aborted]);
    return r === undefined || r.done === true ? undefined : r.value;
  } finally {
    if (onAbort) signal.removeEventListener("abort", onAbort);
  }
}

export async function streamLogs(
  res: ServerResponse,
  source: AsyncIterable<Uint8Array | string>,
  signal: AbortSignal,
): Promise<void> {
  const it = source[Symbol.asyncIterator]();
  // Headers go at once: a follow stream of a quiet container may have nothing to send for a long
  // time. Errors opening the stream (no such pod or container) came from view.logs() before this.
  res.writeHead(200, {
    "content-type": "text/plain; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  res.flushHeaders();
  try {
    let chunk = await nextOrAbort(it, signal);
    while (chunk !== undefined) {
      if (!res.write(chunk)) await waitForDrainOrClose(res, signal);
      if (signal.aborted) break;
      chunk = await nextOrAbort(it, signal);
    }
  } finally {
    // Closes a follow stream (a Readable is destroyed) when the client left before its end.
    if (signal.aborted) void it.return?.();
  }
  // A clean end of the chunked body: after the source ended, or when the server shuts down (a
  // client that left has a destroyed response, where end() does nothing).
  res.end();
}
