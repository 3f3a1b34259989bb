import { describe, expect, it } from 'vitest';
import { allShards, outboxIndex, shardOf, shards, workListIndex } from '../../../shared/adapters/keys';

/** The shards of what every case would otherwise write (architecture.md 12). */
describe('shards by case number', () => {
  const caseNumbers = Array.from({ length: 1_600 }, (_, i) => `TS-202612${String(1 + (i % 28)).padStart(2, '0')}-${String(i).padStart(4, '0')}`);

  it('a case number always lands in the same shard, within the count', () => {
    for (const n of caseNumbers) {
      expect(shardOf(n, 16)).toBe(shardOf(n, 16));
      expect(allShards(16)).toContain(shardOf(n, 16));
    }
  });

  it('consecutive case numbers spread evenly: every shard within half of the mean either way', () => {
    for (const count of [shards.statistics, shards.outbox, shards.noDepartment]) {
      const sizes = allShards(count).map((s) => caseNumbers.filter((n) => shardOf(n, count) === s).length);
      const mean = caseNumbers.length / count;
      for (const size of sizes) expect(Math.abs(size - mean)).toBeLessThan(mean / 2);
    }
  });

  it('the relay and the admin list read every partition a case can be written to', () => {
    for (const n of caseNumbers.slice(0, 100)) {
      expect(outboxIndex.partitions()).toContain(outboxIndex.partition(n));
      expect(workListIndex.department.partitions(undefined)).toContain(workListIndex.department.partition(undefined, n));
    }
    expect(workListIndex.department.partitions('customer-service')).toEqual([workListIndex.department.partition('customer-service', caseNumbers[0]!)]);
  });
});
