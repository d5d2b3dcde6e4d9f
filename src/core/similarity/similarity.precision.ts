/**
 * Precision at k: the share of the first k results that are relevant. Standard definition, denominator k:
 * fewer than k results count the missing places as misses, so a query needs at least k relevant earlier
 * incidents to be able to score 1 (the labelled set is built that way).
 *
 * @example precisionAtK(['a', 'x', 'b'], ['a', 'b', 'c'], 5) // 0.4
 */
export function precisionAtK(
  results: ReadonlyArray<string | { id: string }>,
  relevant: Iterable<string>,
  k = 5,
): number {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  const wanted = new Set(relevant);
  const hits = results.slice(0, k).filter((r) => wanted.has(typeof r === 'string' ? r : r.id)).length;
  return hits / k;
}

/** Mean precision@k over labelled queries; 0 queries gives null, not a perfect score. */
export function meanPrecisionAtK(
  runs: ReadonlyArray<{ results: ReadonlyArray<string | { id: string }>; relevant: Iterable<string> }>,
  k = 5,
): number | null {
  if (runs.length === 0) return null;
  return runs.reduce((sum, run) => sum + precisionAtK(run.results, run.relevant, k), 0) / runs.length;
}
