import type { z } from 'zod';

/**
 * Reports every id used more than once as a zod issue at the path of its second (and later) use, so
 * `parseInput` lists each duplicate with the field a person must change.
 */
export function refineUniqueIds(
  entries: readonly { id: string; path: (string | number)[] }[],
  ctx: z.RefinementCtx,
): void {
  const firstSeen = new Map<string, (string | number)[]>();
  for (const entry of entries) {
    const earlier = firstSeen.get(entry.id);
    if (earlier === undefined) {
      firstSeen.set(entry.id, entry.path);
      continue;
    }
    ctx.addIssue({
      code: 'custom',
      path: [...entry.path, 'id'],
      message: `id "${entry.id}" is already used at ${describePath(earlier)}; ids must be unique within an analysis`,
    });
  }
}

function describePath(path: readonly (string | number)[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`)).join('');
}
