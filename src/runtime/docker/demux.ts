// Docker multiplexes a non-TTY container's stdout and stderr into frames:
// [stream (1 = stdout, 2 = stderr), 0, 0, 0, size (uint32 big-endian)] followed by size bytes.

export interface Frame {
  stream: "stdout" | "stderr";
  data: Buffer;
}

/** Splits a complete multiplexed buffer into frames; a truncated tail frame is dropped. */
export function demuxBuffer(buf: Buffer): Frame[] {
  const out: Frame[] = [];
  let i = 0;
  while (i + 8 <= buf.length) {
    const type = buf[i];
    const size = buf.readUInt32BE(i + 4);
    if (i + 8 + size > buf.length) break;
    out.push({ stream: type === 2 ? "stderr" : "stdout", data: buf.subarray(i + 8, i + 8 + size) });
    i += 8 + size;
  }
  return out;
}

/** The bytes of a multiplexed buffer with the frame headers removed, both streams interleaved. */
export function demuxToBuffer(buf: Buffer): Buffer {
  return Buffer.concat(demuxBuffer(buf).map((f) => f.data));
}
