import { describe, expect, it } from 'vitest';
import { checkTopology } from '../../models/topology-check';

describe('checkTopology on hostile topologies', () => {
  it('walks a very wide array without overflowing the call stack', () => {
    const wide = { class_name: 'Sequential', config: { name: 's', layers: new Array(199_000).fill(0) } };
    expect(() => checkTopology(wide)).not.toThrow();
    expect(checkTopology(wide)).toBeNull();
  });

  it('walks deep nesting and still finds an oversized layer at the bottom', () => {
    let node: unknown = { class_name: 'Dense', config: { name: 'd', units: 10_000_000 } };
    for (let i = 0; i < 100_000; i++) node = [node];
    expect(checkTopology(node)).toMatch(/units .* too large/);
  });
});
