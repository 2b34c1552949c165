/**
 * An immutable map whose updates are cheap: `set` and `delete` return a new map that shares
 * almost all of its storage with the old one, so folding an event into the hall state no longer
 * copies every open ticket (an O(n) copy per event whose garbage showed up as GC pauses in the
 * issue latency).
 *
 * Shape: a frozen base Map plus a small overlay of changes (a value, or DELETED). An update copies
 * only the overlay; once the overlay outgrows √n (at least MIN_OVERLAY) the two are merged into a
 * new base. Amortised cost per update: O(√n) entry copies instead of O(n).
 *
 * Contract: neither Map is ever mutated after construction, so every version stays valid for as
 * long as someone holds it. Iteration follows insertion order like Map for every sequence of
 * operations the hall performs (a key removed is never added again; an updated key keeps its
 * place).
 */
const DELETED: unique symbol = Symbol('deleted');
const MIN_OVERLAY = 16;

export class PersistentMap<K, V> implements ReadonlyMap<K, V> {
  readonly size: number;
  readonly #base: ReadonlyMap<K, V>;
  readonly #overlay: ReadonlyMap<K, V | typeof DELETED>;

  private constructor(base: ReadonlyMap<K, V>, overlay: ReadonlyMap<K, V | typeof DELETED>, size: number) {
    this.#base = base;
    this.#overlay = overlay;
    this.size = size;
  }

  static empty<K, V>(): PersistentMap<K, V> {
    return new PersistentMap<K, V>(new Map(), new Map(), 0);
  }

  static from<K, V>(entries: Iterable<readonly [K, V]>): PersistentMap<K, V> {
    const base = new Map<K, V>(entries);
    return new PersistentMap(base, new Map(), base.size);
  }

  get(key: K): V | undefined {
    const changed = this.#overlay.get(key);
    if (changed !== undefined || this.#overlay.has(key)) return changed === DELETED ? undefined : changed;
    return this.#base.get(key);
  }

  has(key: K): boolean {
    const changed = this.#overlay.get(key);
    if (changed !== undefined || this.#overlay.has(key)) return changed !== DELETED;
    return this.#base.has(key);
  }

  set(key: K, value: V): PersistentMap<K, V> {
    const size = this.has(key) ? this.size : this.size + 1;
    return this.#withOverlay(new Map(this.#overlay).set(key, value), size);
  }

  delete(key: K): PersistentMap<K, V> {
    if (!this.has(key)) return this;
    const overlay = new Map(this.#overlay);
    // A key only the overlay knows can simply go; one in the base needs a marker.
    if (this.#base.has(key)) overlay.set(key, DELETED);
    else overlay.delete(key);
    return this.#withOverlay(overlay, this.size - 1);
  }

  #withOverlay(overlay: Map<K, V | typeof DELETED>, size: number): PersistentMap<K, V> {
    if (overlay.size <= Math.max(MIN_OVERLAY, Math.sqrt(this.#base.size))) return new PersistentMap(this.#base, overlay, size);
    return PersistentMap.from(new PersistentMap(this.#base, overlay, size));
  }

  *entries(): MapIterator<[K, V]> {
    const overlay = this.#overlay;
    for (const entry of this.#base) {
      const key = entry[0];
      const changed = overlay.get(key);
      if (changed === undefined && !overlay.has(key)) yield [key, entry[1]];
      else if (changed !== DELETED) yield [key, changed as V];
    }
    for (const [key, changed] of overlay) {
      if (changed !== DELETED && !this.#base.has(key)) yield [key, changed];
    }
  }

  *keys(): MapIterator<K> {
    const overlay = this.#overlay;
    for (const key of this.#base.keys()) if (overlay.get(key) !== DELETED) yield key;
    for (const [key, changed] of overlay) if (changed !== DELETED && !this.#base.has(key)) yield key;
  }

  /** A snapshot array's iterator: filled by forEach, far cheaper than a generator over both maps. */
  values(): ArrayIterator<V> {
    const out: V[] = [];
    this.forEach((value) => out.push(value));
    return out.values();
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  /** Plain loops over the two native maps: the fastest way through every entry (hot in the wait estimate). */
  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    const base = this.#base;
    const overlay = this.#overlay;
    if (overlay.size === 0) {
      base.forEach((value, key) => callback.call(thisArg, value, key, this));
      return;
    }
    base.forEach((value, key) => {
      const changed = overlay.get(key);
      if (changed === undefined && !overlay.has(key)) callback.call(thisArg, value, key, this);
      else if (changed !== DELETED) callback.call(thisArg, changed as V, key, this);
    });
    overlay.forEach((changed, key) => {
      if (changed !== DELETED && !base.has(key)) callback.call(thisArg, changed, key, this);
    });
  }
}
