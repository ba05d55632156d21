// A one-line spinner for long waits on a terminal: "⠹ syncing shop: Applying (4s)", redrawn in place
// and erased when done. Off (and silent) when the stream is not a terminal, so logs and pipes get
// only the final result.

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

export class Progress {
  readonly enabled: boolean;
  private detail = "";
  private frame = 0;
  private readonly started = Date.now();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly title: string,
  ) {
    this.enabled = stream.isTTY;
    if (this.enabled) {
      this.timer = setInterval(() => this.draw(), 100);
      this.timer.unref();
      this.draw();
    }
  }

  /** What is going on now (the phase). */
  update(detail: string): void {
    this.detail = detail;
  }

  /** Erases the line; safe to call twice. */
  done(): void {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
    this.stream.write("\r\x1b[K");
  }

  private draw(): void {
    const seconds = Math.floor((Date.now() - this.started) / 1000);
    const spin = FRAMES[this.frame++ % FRAMES.length] ?? "";
    const line = `${spin} ${this.title}${this.detail ? `: ${this.detail}` : ""} (${seconds}s)`;
    const width = this.stream.columns > 0 ? this.stream.columns - 1 : 79;
    this.stream.write(`\r${line.slice(0, width)}\x1b[K`);
  }
}
