/**
 * An immutable map whose updates are cheap: `set` and `delete` return a new map that shares
 * almost all of its storage with the old one, so folding an event into the hall state no longer
 * copies every open ticket (an O(n) copy per event whose garbage showed up as GC pauses in the
 * issue latency).
 *
 * Shape: a frozen base (its entries as two arrays plus a key → index map), a short sorted list
 * of patches to base entries (a new value, or DELETED), and the keys added since the base was
 * built. An update copies only the patches or the additions; once they outgrow √n (at least
 * MIN_CHANGES) everything is merged into a new base. Amortised cost per update: O(√n) copies.
 * A full scan walks the base arrays and the patches side by side, with no lookup per entry (the
 * wait estimate walks a rank of a service's waiting tickets for an older ticket's status).
 *
 * Contract: nothing is mutated after construction, so every version stays valid for as long as
 * someone holds it. Iteration follows insertion order like Map for every sequence of operations
 * the hall performs (a key removed is never added again; an updated key keeps its place).
 */
const DELETED: unique symbol = Symbol('deleted');
const MIN_CHANGES = 16;

interface Base<K, V> {
  readonly index: ReadonlyMap<K, number>;
  readonly keys: readonly K[];
  readonly values: readonly V[];
}

type Slot<V> = V | typeof DELETED;

export class PersistentMap<K, V> implements ReadonlyMap<K, V> {
  readonly size: number;
  readonly #base: Base<K, V>;
  /** Base indices with a new value or DELETED, ascending; #patchValues is parallel to it. */
  readonly #patchAt: readonly number[];
  readonly #patchValues: readonly Slot<V>[];
  /** Keys not in the base, in insertion order. */
  readonly #added: ReadonlyMap<K, V>;

  private constructor(base: Base<K, V>, patchAt: readonly number[], patchValues: readonly Slot<V>[], added: ReadonlyMap<K, V>, size: number) {
    this.#base = base;
    this.#patchAt = patchAt;
    this.#patchValues = patchValues;
    this.#added = added;
    this.size = size;
  }

  static empty<K, V>(): PersistentMap<K, V> {
    return PersistentMap.from<K, V>([]);
  }

  static from<K, V>(entries: Iterable<readonly [K, V]>): PersistentMap<K, V> {
    const map = new Map<K, V>(entries);
    return PersistentMap.#fromArrays([...map.keys()], [...map.values()]);
  }

  /** A map whose base is these entries (keys unique), with no changes on top. */
  static #fromArrays<K, V>(keys: K[], values: V[]): PersistentMap<K, V> {
    const index = new Map<K, number>();
    keys.forEach((key, i) => index.set(key, i));
    return new PersistentMap({ index, keys, values }, [], [], new Map(), keys.length);
  }

  get(key: K): V | undefined {
    const i = this.#base.index.get(key);
    if (i === undefined) return this.#added.get(key);
    const p = this.#patchOf(i);
    if (p < 0) return this.#base.values[i];
    const slot = this.#patchValues[p] as Slot<V>;
    return slot === DELETED ? undefined : slot;
  }

  has(key: K): boolean {
    const i = this.#base.index.get(key);
    if (i === undefined) return this.#added.has(key);
    const p = this.#patchOf(i);
    return p < 0 || this.#patchValues[p] !== DELETED;
  }

  set(key: K, value: V): PersistentMap<K, V> {
    const i = this.#base.index.get(key);
    if (i === undefined) {
      const size = this.#added.has(key) ? this.size : this.size + 1;
      return this.#with(this.#patchAt, this.#patchValues, new Map(this.#added).set(key, value), size);
    }
    const size = this.has(key) ? this.size : this.size + 1;
    return this.#withPatch(i, value, size);
  }

  delete(key: K): PersistentMap<K, V> {
    if (!this.has(key)) return this;
    const i = this.#base.index.get(key);
    if (i !== undefined) return this.#withPatch(i, DELETED, this.size - 1);
    const added = new Map(this.#added);
    added.delete(key);
    return this.#with(this.#patchAt, this.#patchValues, added, this.size - 1);
  }

  /** Index in #patchAt of base index i, or -1 (binary search: the list is short and sorted). */
  #patchOf(i: number): number {
    const at = this.#patchAt;
    let lo = 0;
    let hi = at.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const found = at[mid] as number;
      if (found === i) return mid;
      if (found < i) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  #withPatch(i: number, slot: Slot<V>, size: number): PersistentMap<K, V> {
    const p = this.#patchOf(i);
    const at = [...this.#patchAt];
    const values = [...this.#patchValues];
    if (p >= 0) values[p] = slot;
    else {
      let pos = at.length;
      while (pos > 0 && (at[pos - 1] as number) > i) pos--;
      at.splice(pos, 0, i);
      values.splice(pos, 0, slot);
    }
    return this.#with(at, values, this.#added, size);
  }

  #with(patchAt: readonly number[], patchValues: readonly Slot<V>[], added: ReadonlyMap<K, V>, size: number): PersistentMap<K, V> {
    const next = new PersistentMap(this.#base, patchAt, patchValues, added, size);
    if (patchAt.length + added.size <= Math.max(MIN_CHANGES, Math.sqrt(this.#base.keys.length))) return next;
    // Merge: one pass over the live entries straight into the new base arrays.
    const keys: K[] = [];
    const values: V[] = [];
    next.forEach((value, key) => {
      keys.push(key);
      values.push(value);
    });
    return PersistentMap.#fromArrays(keys, values);
  }

  /** Walks the base arrays with the patches alongside, then the additions. */
  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    const call = thisArg === undefined ? callback : callback.bind(thisArg);
    const { keys, values } = this.#base;
    const at = this.#patchAt;
    const patched = this.#patchValues;
    let p = 0;
    let nextPatch = at.length > 0 ? (at[0] as number) : -1;
    for (let i = 0; i < keys.length; i++) {
      if (i !== nextPatch) {
        call(values[i] as V, keys[i] as K, this);
        continue;
      }
      const slot = patched[p] as Slot<V>;
      if (slot !== DELETED) call(slot, keys[i] as K, this);
      p++;
      nextPatch = p < at.length ? (at[p] as number) : -1;
    }
    this.#added.forEach((value, key) => call(value, key, this));
  }

  entries(): ArrayIterator<[K, V]> {
    const out: [K, V][] = [];
    this.forEach((value, key) => out.push([key, value]));
    return out.values();
  }

  keys(): ArrayIterator<K> {
    const out: K[] = [];
    this.forEach((_value, key) => out.push(key));
    return out.values();
  }

  values(): ArrayIterator<V> {
    const out: V[] = [];
    this.forEach((value) => out.push(value));
    return out.values();
  }

  [Symbol.iterator](): ArrayIterator<[K, V]> {
    return this.entries();
  }
}
