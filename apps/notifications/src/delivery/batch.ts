// Gathers the calls made in the same moment into one round trip: under load, one statement serves many
// deliveries; alone, a call waits for nothing but the end of the current turn of the event loop.
export class Batch<I, O> {
  private waiting: { input: I; resolve: (output: O) => void; reject: (error: unknown) => void }[] = [];
  private scheduled = false;

  /** `run` receives every input gathered and returns one output per input, in the same order. */
  constructor(
    private readonly run: (inputs: I[]) => Promise<O[]>,
    private readonly maxSize = 200,
  ) {}

  call(input: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      if (this.waiting.length >= this.maxSize) this.flush();
      else if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const calls = this.waiting;
    this.waiting = [];
    if (calls.length === 0) return;
    this.run(calls.map((call) => call.input)).then(
      (outputs) => calls.forEach((call, index) => call.resolve(outputs[index])),
      (error) => calls.forEach((call) => call.reject(error)),
    );
  }
}
