import { describe, expect, it } from 'vitest';
import { analyseFaultTree, parseAnalysis, renderFaultTreeSvg, type FaultTree } from './index.js';
import { parseXml } from './xml.test-support.js';

describe('analysis public API', () => {
  it('parses, analyses and draws a stored fault tree', () => {
    // Power lost when the grid fails AND (generator fails OR its fuel is out); the transfer switch is a
    // single point of failure. Cut sets {switch}, {fuel, grid}, {generator, grid}:
    // P = 1 − (1 − 0.001)·(1 − 0.01·(1 − 0.95·0.98)) = 1 − 0.999·(1 − 0.01·0.069) = 0.001689310…
    const tree = parseAnalysis({
      method: 'fault_tree',
      top: 'power_lost',
      nodes: [
        {
          id: 'power_lost',
          label: 'Data centre loses power',
          type: 'gate',
          gate: 'OR',
          children: ['no_supply', 'switch'],
        },
        { id: 'no_supply', label: 'No supply', type: 'gate', gate: 'AND', children: ['grid', 'backup'] },
        { id: 'backup', label: 'Backup fails', type: 'gate', gate: 'OR', children: ['generator', 'fuel'] },
        { id: 'grid', label: 'Grid outage', type: 'basic', probability: 0.01 },
        { id: 'generator', label: 'Generator fails to start', type: 'basic', probability: 0.05 },
        { id: 'fuel', label: 'Fuel exhausted', type: 'basic', probability: 0.02 },
        { id: 'switch', label: 'Transfer switch fails', type: 'basic', probability: 0.001 },
      ],
    }) as FaultTree;
    const result = analyseFaultTree(tree);
    expect(result.minimal_cut_sets).toEqual([['switch'], ['fuel', 'grid'], ['generator', 'grid']]);
    expect(result.single_points_of_failure).toEqual(['switch']);
    expect(result.top_event.method).toBe('exact');
    expect(result.top_event.probability).toBeCloseTo(1 - 0.999 * (1 - 0.01 * (1 - 0.95 * 0.98)), 12);
    expect(result.warnings).toEqual([]);
    expect(parseXml(renderFaultTreeSvg(tree)).name).toBe('svg');
  });
});
