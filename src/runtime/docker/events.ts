// One event stream per engine for berth's containers (start, die, oom, destroy, health, …),
// reconnecting by itself. After a reconnect the stream resumes from the last event seen (the
// engine replays what it still has), and `onReconnect` tells the agent to relist — events are
// only triggers; the agent's state always comes from listing.

import type Docker from "dockerode";
import { LABEL } from "../labels.js";
import { parseEngineEvent, sinceParam, type EngineEvent } from "./event-parse.js";

export interface WatchOptions {
  /** Only containers labelled for this node. */
  node?: string;
  onEvent(e: EngineEvent): void;
  /** Called when the stream is back after a break (not on the first connect). */
  onReconnect?(): void;
  /** Called on each break with the reason; the watcher keeps retrying. */
  onError?(err: Error): void;
  /** First retry delay; doubles up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
}

export interface EventWatch {
  close(): void;
  /** True while a stream is open. */
  readonly connected: boolean;
}

export function watchEvents(docker: Docker, opts: WatchOptions): EventWatch {
  const base = opts.backoffMs ?? 500;
  const max = opts.maxBackoffMs ?? 30_000;
  const state = { closed: false };
  // A function, so checks after an await are not narrowed away by the type checker.
  const isClosed = () => state.closed;
  let connected = false;
  let everConnected = false;
  let delay = base;
  let since: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let current: { destroy(): void } | undefined;
  const label = [`${LABEL.managed}=true`];
  if (opts.node !== undefined) label.push(`${LABEL.node}=${opts.node}`);

  const retry = (err: Error) => {
    connected = false;
    current = undefined;
    if (isClosed()) return;
    opts.onError?.(err);
    timer = setTimeout(() => void open(), delay);
    delay = Math.min(max, delay * 2);
  };

  const open = async () => {
    if (isClosed()) return;
    let stream: NodeJS.ReadableStream;
    try {
      stream = await docker.getEvents({
        ...(since !== undefined ? { since: since as unknown as number } : {}),
        filters: { type: ["container"], label },
      });
    } catch (e) {
      retry(e instanceof Error ? e : new Error(String(e)));
      return;
    }
    if (isClosed()) {
      (stream as unknown as { destroy(): void }).destroy();
      return;
    }
    current = stream as unknown as { destroy(): void };
    connected = true;
    delay = base;
    if (everConnected) opts.onReconnect?.();
    everConnected = true;
    let buf = "";
    let ended = false;
    const end = (err: Error) => {
      if (ended) return;
      ended = true;
      retry(err);
    };
    stream.on("data", (chunk: Buffer | string) => {
      buf += chunk.toString();
      let i: number;
      while ((i = buf.indexOf("\n")) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        const e = parseEngineEvent(line);
        if (!e) continue;
        since = sinceParam(e.timeNano);
        opts.onEvent(e);
      }
    });
    stream.on("error", (e: Error) => end(e));
    stream.on("end", () => end(new Error("event stream ended")));
    stream.on("close", () => end(new Error("event stream closed")));
  };

  void open();
  return {
    close() {
      state.closed = true;
      clearTimeout(timer);
      current?.destroy();
      connected = false;
    },
    get connected() {
      return connected;
    },
  };
}
