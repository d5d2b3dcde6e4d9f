import { useCallback, useEffect, useRef, useState } from 'react';

export type Async<T> =
  | { state: 'loading'; data?: undefined; error?: undefined }
  | { state: 'ok'; data: T; error?: undefined }
  | { state: 'error'; data?: undefined; error: unknown };

/** Runs a load whenever its keys change; stale answers are dropped so fast typing cannot show old results. */
export function useAsync<T>(
  load: () => Promise<T>,
  keys: readonly unknown[],
): Async<T> & { reload: () => void } {
  const [result, setResult] = useState<Async<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    let live = true;
    setResult((previous) => (previous.state === 'ok' ? previous : { state: 'loading' }));
    loadRef.current().then(
      (data) => live && setResult({ state: 'ok', data }),
      (error: unknown) => live && setResult({ state: 'error', error }),
    );
    return () => {
      live = false;
    };
  }, [...keys, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...result, reload };
}

/** Today's date as YYYY-MM-DD in UTC. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}
