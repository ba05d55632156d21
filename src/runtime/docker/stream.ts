// Docker's progress streams (pull, import, load) are newline-delimited JSON; a failure arrives as
// a message with `error` while the HTTP status still says 200.

export interface ProgressMessage {
  status?: string;
  error?: string;
  errorDetail?: { message?: string };
  id?: string;
  stream?: string;
}

/** Reads the whole stream; resolves with its messages, rejects on a transport error. */
export function readProgress(stream: NodeJS.ReadableStream): Promise<ProgressMessage[]> {
  return new Promise((resolve, reject) => {
    const out: ProgressMessage[] = [];
    let buf = "";
    const take = (line: string) => {
      const t = line.trim();
      if (t === "") return;
      try {
        out.push(JSON.parse(t) as ProgressMessage);
      } catch {
        out.push({ status: t });
      }
    };
    stream.on("data", (chunk: Buffer | string) => {
      buf += chunk.toString();
      let i: number;
      while ((i = buf.indexOf("\n")) >= 0) {
        take(buf.slice(0, i));
        buf = buf.slice(i + 1);
      }
    });
    stream.on("end", () => {
      take(buf);
      resolve(out);
    });
    stream.on("error", reject);
  });
}

export function progressError(msgs: readonly ProgressMessage[]): string | undefined {
  for (const m of msgs) {
    const e = m.errorDetail?.message ?? m.error;
    if (e !== undefined && e !== "") return e;
  }
  return undefined;
}
