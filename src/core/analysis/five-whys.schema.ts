import { z } from 'zod';
import { refineUniqueIds } from './analysis.ids.js';

/** Largest number of why/answer nodes one analysis may hold; keeps rendering and storage bounded. */
export const MAX_WHY_NODES = 1000;

/**
 * One answer in a five-whys analysis. `question` is the "why ...?" that led to it (optional because most
 * teams just write the answers); `children` are the next whys, more than one when the causes branch.
 */
export const WhyNode = z.object({
  id: z.string().trim().min(1).max(100),
  question: z.string().trim().min(1).max(2000).optional(),
  answer: z.string().trim().min(1, 'must say what the answer is').max(2000),
  // The annotation breaks the type's circularity, as zod 4 requires for recursive schemas.
  get children(): z.ZodDefault<z.ZodArray<typeof WhyNode>> {
    return z.array(WhyNode).default([]);
  },
});
export type WhyNode = z.infer<typeof WhyNode>;

/** A five-whys analysis: the problem and branching chains of whys, any depth. */
export const FiveWhys = z
  .object({
    method: z.literal('five_whys'),
    problem: z.string().trim().min(1, 'must state the problem').max(2000),
    whys: z.array(WhyNode),
  })
  .superRefine((analysis, ctx) => {
    const entries = whyEntries(analysis.whys, ['whys']);
    if (entries.length > MAX_WHY_NODES) {
      ctx.addIssue({
        code: 'custom',
        path: ['whys'],
        message: `has ${entries.length} answers; at most ${MAX_WHY_NODES} are allowed`,
      });
    }
    refineUniqueIds(entries, ctx);
  });
export type FiveWhys = z.infer<typeof FiveWhys>;

function whyEntries(
  nodes: readonly WhyNode[],
  path: (string | number)[],
): { id: string; path: (string | number)[] }[] {
  return nodes.flatMap((node, i) => {
    const here = [...path, i];
    return [{ id: node.id, path: here }, ...whyEntries(node.children, [...here, 'children'])];
  });
}
