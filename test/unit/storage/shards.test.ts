import { describe, expect, it } from 'vitest';
import { allShards, closedIndex, dueIndex, outboxIndex, shardOf, shards, workListIndex } from '../../../shared/adapters/keys';
import { recomputeDepartments } from '../../../shared/workflow/deadline-recompute';

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
    for (const count of Object.values(shards)) {
      const sizes = allShards(count).map((s) => caseNumbers.filter((n) => shardOf(n, count) === s).length);
      const mean = caseNumbers.length / count;
      for (const size of sizes) expect(Math.abs(size - mean)).toBeLessThan(mean / 2);
    }
  });

  it('the relay, the work lists, the deadline recompute and the sweeps read every partition a case can be written to, and the one of before the shards', () => {
    const at = '2026-12-03T05:12:00.000Z';
    const walk = recomputeDepartments([{ id: 'customer-service' }]);
    for (const n of caseNumbers.slice(0, 100)) {
      expect(outboxIndex.partitions()).toContain(outboxIndex.partition(n));
      for (const department of [undefined, 'customer-service']) {
        expect(workListIndex.department.partitions(department)).toContain(workListIndex.department.partition(department, n));
        expect(walk).toContain(workListIndex.department.partition(department, n));
      }
      expect(dueIndex.partitions(dueIndex.bucket(at))).toContain(dueIndex.partition(at, n));
      expect(closedIndex.partitions('2026-12')).toContain(closedIndex.partition(at, n));
    }
    expect(outboxIndex.partitions()).toContain('OUTBOX');
    expect(workListIndex.department.partitions(undefined)).toContain('DEPARTMENT#-');
    expect(workListIndex.department.partitions('customer-service')).toContain('DEPARTMENT#customer-service');
    expect(walk).toEqual(expect.arrayContaining(['DEPARTMENT#-', 'DEPARTMENT#customer-service']));
    expect(dueIndex.partitions('DUE#2026-12-03T05')).toContain('DUE#2026-12-03T05');
    expect(closedIndex.partitions('2026-12')).toContain('CLOSED#2026-12');
  });
});
