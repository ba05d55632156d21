// Bounded parallelism: at most `limit` tasks run at once, the rest wait in arrival order. One per
// engine, so pods start side by side (the engine overlaps their network and filesystem setup)
// without a burst of hundreds of requests at once.

export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /** Runs `task` in a slot; the task may give its slot up early with `release` (once is enough). */
  async run<T>(task: (release: () => void) => Promise<T>): Promise<T> {
    if (this.active < this.limit) this.active++;
    // A finishing task hands its slot straight to the first waiter, so none is taken in between.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let held = true;
    const release = (): void => {
      if (!held) return;
      held = false;
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    };
    try {
      return await task(release);
    } finally {
      release();
    }
  }
}
