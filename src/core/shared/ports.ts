/**
 * Runs `work` atomically: every store handed to it writes in one transaction, committed when `work`
 * resolves and rolled back when it throws, so a failed request leaves nothing half-written.
 */
export interface UnitOfWork<Stores> {
  transaction<T>(work: (stores: Stores) => Promise<T>): Promise<T>;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
