/**
 * Runs a refresh of derived data one at a time and lets every caller that arrives meanwhile wait for a run
 * that started after it arrived: the dashboard asks for its aggregates at once, and each must see the writes
 * made before it was asked, without each starting a refresh of its own.
 */
export class RefreshQueue {
  private running: Promise<unknown> | null = null;
  private queued: Promise<unknown> | null = null;

  constructor(private readonly run: () => Promise<unknown>) {}

  refresh(): Promise<unknown> {
    if (!this.running) return this.start();
    // The running refresh may have read the change log before this caller's writes: queue one more.
    this.queued ??= this.running.then(
      () => this.start(),
      () => this.start(),
    );
    return this.queued;
  }

  private start(): Promise<unknown> {
    this.queued = null;
    const run = this.run().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }
}
