/**
 * Calls made in the same turn of the event loop with the same key share one load, started once that turn is
 * over (setImmediate). Every caller asked before the load began, so each sees the writes made before it asked;
 * a caller arriving after the load started gets a load of its own.
 */
export class SameTurnBatch<T> {
  private readonly waiting = new Map<string, Promise<T>>();

  load(key: string, load: () => Promise<T>): Promise<T> {
    const shared = this.waiting.get(key);
    if (shared) return shared;
    const promise = new Promise<T>((resolve, reject) => {
      setImmediate(() => {
        this.waiting.delete(key);
        load().then(resolve, reject);
      });
    });
    this.waiting.set(key, promise);
    return promise;
  }
}
