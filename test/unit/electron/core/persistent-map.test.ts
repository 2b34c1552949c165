/**
 * PersistentMap against the built-in Map as a model: same contents after any sequence of
 * updates, the same iteration order when removed keys are not added again (the hall's usage),
 * and every earlier version unchanged.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { PersistentMap } from '../../../../electron/core/persistent-map.ts';

type Op = { kind: 'set'; key: number; value: string } | { kind: 'delete'; key: number };

const op = (keys: number): fc.Arbitrary<Op> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('set' as const), key: fc.nat(keys), value: fc.string({ maxLength: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), key: fc.nat(keys) }) },
  );

function apply(map: PersistentMap<number, string>, model: Map<number, string>, o: Op): PersistentMap<number, string> {
  if (o.kind === 'set') {
    model.set(o.key, o.value);
    return map.set(o.key, o.value);
  }
  model.delete(o.key);
  return map.delete(o.key);
}

function assertSame(map: PersistentMap<number, string>, model: Map<number, string>, ordered: boolean): void {
  assert.equal(map.size, model.size);
  for (const [k, v] of model) {
    assert.equal(map.get(k), v);
    assert.ok(map.has(k));
  }
  const entries = [...map];
  assert.equal(entries.length, model.size, 'iteration yields each key once');
  assert.deepEqual(
    [...map.values()],
    entries.map(([, v]) => v),
  );
  assert.deepEqual(
    [...map.keys()],
    entries.map(([k]) => k),
  );
  if (ordered) assert.deepEqual(entries, [...model]);
  else assert.deepEqual(new Map(entries), model);
}

test('any sequence of set and delete gives the contents of a Map', () => {
  fc.assert(
    fc.property(fc.array(op(40), { maxLength: 400 }), (ops) => {
      let map = PersistentMap.empty<number, string>();
      const model = new Map<number, string>();
      for (const o of ops) map = apply(map, model, o);
      assertSame(map, model, false);
      for (let k = 0; k <= 40; k++) if (!model.has(k)) assert.equal(map.has(k), false);
    }),
  );
});

test('iteration order is insertion order when removed keys never return', () => {
  fc.assert(
    fc.property(fc.array(op(300), { maxLength: 600 }), (ops) => {
      let map = PersistentMap.empty<number, string>();
      const model = new Map<number, string>();
      const removed = new Set<number>();
      for (const o of ops) {
        if (removed.has(o.key)) continue;
        if (o.kind === 'delete') removed.add(o.key);
        map = apply(map, model, o);
      }
      assertSame(map, model, true);
    }),
  );
});

test('earlier versions are never changed by later updates, across compactions', () => {
  const versions: PersistentMap<number, string>[] = [
    PersistentMap.from([
      [1, 'a'],
      [2, 'b'],
    ]),
  ];
  const models: Map<number, string>[] = [
    new Map([
      [1, 'a'],
      [2, 'b'],
    ]),
  ];
  for (let i = 0; i < 200; i++) {
    const model = new Map(models.at(-1));
    const next = apply(versions.at(-1)!, model, i % 5 === 4 ? { kind: 'delete', key: i - 2 } : { kind: 'set', key: i, value: `v${i}` });
    versions.push(next);
    models.push(model);
  }
  versions.forEach((v, i) => assertSame(v, models[i]!, true));
});

test('deleting a missing key returns the same map; forEach visits every entry', () => {
  const map = PersistentMap.from([
    ['x', 1],
    ['y', 2],
  ]);
  assert.equal(map.delete('z'), map);
  const seen: string[] = [];
  map.forEach((v, k, m) => seen.push(`${k}=${v}:${m.size}`));
  assert.deepEqual(seen, ['x=1:2', 'y=2:2']);
});
