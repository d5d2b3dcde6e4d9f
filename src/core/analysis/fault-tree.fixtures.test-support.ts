import type { FaultTree, FaultTreeNode, GateType } from './fault-tree.schema.js';

/** Builders for fault trees in tests: `tree('top', gate('top', 'OR', ['a']), basic('a', 0.1))`. */
export function gate(id: string, type: GateType, children: string[], k?: number): FaultTreeNode {
  return { id, label: `Gate ${id}`, type: 'gate', gate: type, children, ...(k === undefined ? {} : { k }) };
}

export function basic(id: string, probability?: number): FaultTreeNode {
  return { id, label: `Event ${id}`, type: 'basic', ...(probability === undefined ? {} : { probability }) };
}

export function tree(top: string, ...nodes: FaultTreeNode[]): FaultTree {
  return { method: 'fault_tree', top, nodes };
}

/** ids prefix1..prefixN */
export function ids(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
}

/**
 * The 30-basic-event tree: TOP = OR(G1, G2, D, G4) with G1 = AND(OR(a1..a5), OR(b1..b5)), G2 = 2-of-4 of
 * c1..c4, D = OR(d1..d6) and G4 = AND(e1..e10).
 */
export function thirtyEventTree(withProbabilities = true): FaultTree {
  const p = (value: number): number | undefined => (withProbabilities ? value : undefined);
  return tree(
    'TOP',
    gate('TOP', 'OR', ['G1', 'G2', 'D', 'G4']),
    gate('G1', 'AND', ['GA', 'GB']),
    gate('GA', 'OR', ids('a', 5)),
    gate('GB', 'OR', ids('b', 5)),
    gate('G2', 'KOFN', ids('c', 4), 2),
    gate('D', 'OR', ids('d', 6)),
    gate('G4', 'AND', ids('e', 10)),
    ...ids('a', 5).map((id) => basic(id, p(0.01))),
    ...ids('b', 5).map((id) => basic(id, p(0.02))),
    ...ids('c', 4).map((id) => basic(id, p(0.05))),
    ...ids('d', 6).map((id) => basic(id, p(0.001))),
    ...ids('e', 10).map((id) => basic(id, p(0.5))),
  );
}
