import { z } from 'zod';
import { refineUniqueIds } from './analysis.ids.js';

export const MAX_FAULT_TREE_NODES = 500;

export const GateType = z.enum(['AND', 'OR', 'KOFN']);
export type GateType = z.infer<typeof GateType>;

/**
 * One event of a fault tree. The top event and intermediate events are gates (their output is the event);
 * basic events are leaves and may carry a probability. `children` holds node ids, so one basic event or
 * sub-tree can feed several gates. The graph rules (no cycles, no dangling children, ...) are checked by
 * `validateFaultTree`, which reports them all with the node they concern.
 */
export const FaultTreeNode = z.object({
  id: z.string().trim().min(1).max(100),
  label: z.string().trim().min(1, 'must describe the event').max(500),
  type: z.enum(['gate', 'basic']),
  gate: GateType.optional(),
  k: z.number().int().optional(),
  children: z.array(z.string().trim().min(1)).optional(),
  probability: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').optional(),
});
export type FaultTreeNode = z.infer<typeof FaultTreeNode>;

/** A fault tree: the id of the top event and every node, listed flat. */
export const FaultTree = z
  .object({
    method: z.literal('fault_tree'),
    top: z.string().trim().min(1),
    nodes: z.array(FaultTreeNode).min(1, 'must contain at least the top event'),
  })
  .superRefine((tree, ctx) => {
    if (tree.nodes.length > MAX_FAULT_TREE_NODES) {
      ctx.addIssue({
        code: 'custom',
        path: ['nodes'],
        message: `has ${tree.nodes.length} nodes; at most ${MAX_FAULT_TREE_NODES} are allowed`,
      });
    }
    refineUniqueIds(
      tree.nodes.map((node, i) => ({ id: node.id, path: ['nodes', i] })),
      ctx,
    );
  });
export type FaultTree = z.infer<typeof FaultTree>;
