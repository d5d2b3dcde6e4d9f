import type { FaultTree, FaultTreeNode } from './fault-tree.schema.js';

/** A node as drawn: the fault tree unfolded into a tree, each gate expanded at its first appearance only. */
export interface PlacedNode {
  node: FaultTreeNode;
  depth: number;
  /** Centre x in slot units (one slot per leaf). */
  slot: number;
  children: PlacedNode[];
  /** A gate already drawn elsewhere: shown with a transfer triangle instead of its inputs again. */
  transfer: boolean;
}

export interface FaultTreeLayout {
  root: PlacedNode;
  /** Number of leaf slots (width) and levels (height). */
  slots: number;
  levels: number;
  /** Ids not reachable from the top event, listed under the drawing. */
  unreachable: string[];
}

/**
 * Lays a fault tree out top-down: depth gives the level, leaves take consecutive slots left to right and
 * each gate is centred over its inputs, so connectors never cross. Shared gates are drawn once and referred
 * to with a transfer symbol elsewhere, the convention of fault-tree diagrams; shared basic events are simply
 * drawn under each gate that uses them. Expects a validated tree (no cycles, no dangling children).
 */
export function layoutFaultTree(tree: FaultTree): FaultTreeLayout {
  const nodes = new Map(tree.nodes.map((node) => [node.id, node]));
  const expanded = new Set<string>();
  let nextSlot = 0;
  let levels = 0;

  const place = (id: string, depth: number): PlacedNode => {
    const node = nodes.get(id) ?? { id, label: id, type: 'basic' };
    levels = Math.max(levels, depth + 1);
    const transfer = node.type === 'gate' && expanded.has(id);
    if (node.type === 'basic' || transfer) {
      const slot = nextSlot;
      nextSlot += 1;
      return { node, depth, slot, children: [], transfer };
    }
    expanded.add(id);
    const children = (node.children ?? []).map((child) => place(child, depth + 1));
    const first = children[0]?.slot ?? nextSlot;
    const last = children[children.length - 1]?.slot ?? first;
    return { node, depth, slot: (first + last) / 2, children, transfer: false };
  };

  const root = place(tree.top, 0);
  const reachable = new Set<string>();
  const mark = (placed: PlacedNode): void => {
    reachable.add(placed.node.id);
    placed.children.forEach(mark);
  };
  mark(root);
  return {
    root,
    slots: Math.max(1, nextSlot),
    levels,
    unreachable: tree.nodes.map((n) => n.id).filter((id) => !reachable.has(id)),
  };
}
