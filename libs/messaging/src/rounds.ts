// Work done in rounds, started by kicks (after a commit, on a timer): rounds never overlap, and a kick during
// a round causes one more, so nothing kicked is left waiting.
export class Rounds {
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  /** `round` returns true while there is more to do at once. */
  constructor(
    private readonly round: () => Promise<boolean>,
    private readonly onError: (error: Error) => void,
  ) {}

  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.runUntilDone().finally(() => {
      this.running = null;
      if (this.again && !this.stopped) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Resolves once no round is running nor asked for (what was kicked so far is done). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Runs rounds until there is nothing left; resolves then (used by tests and at start). */
  async runUntilDone(): Promise<void> {
    try {
      while ((await this.round()) && !this.stopped);
    } catch (error) {
      this.onError(error as Error);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }
}
