// Facts computed once per object and kept on the object itself (a `memo` field), for objects that
// are made anew on every edit: a Python syntax tree, a module's name table.
//
// Why not a WeakMap keyed by the object: V8's young-generation collector (the scavenger) does not
// free a WeakMap's values when their key dies young; they stay alive until the next full
// collection. Measured in Node 20: 300 values of an old WeakMap whose keys each died young were all
// promoted to the old generation (51 MB), none when each value hung on its key. A value that
// reaches the tree reaches the whole version of the file (its text, nodes, names, summaries), so
// every edit's analysis was promoted: ~0.7 MB per edit in the 2,000-line module of the bench, a
// full collection of the ~200 MB heap every ~55 edits, 3–4 edits slowed to 50–130 ms by each.
// A value held by a field dies with its owner in the young generation.

/** A key of a Memo: names what is kept (for debugging) and types it. */
export class MemoKey<T> {
  declare private readonly valueType: T;
  constructor(readonly name: string) {}
}

export class Memo {
  private readonly values = new Map<MemoKey<unknown>, unknown>();

  /** The value kept under `key`, computed by `compute` the first time it is asked for. */
  get<T>(key: MemoKey<T>, compute: () => T): T {
    if (this.values.has(key)) return this.values.get(key) as T;
    const value = compute();
    this.values.set(key, value);
    return value;
  }

  /** The value kept under `key`, if it was computed. */
  peek<T>(key: MemoKey<T>): T | undefined {
    return this.values.get(key) as T | undefined;
  }

  set<T>(key: MemoKey<T>, value: T): void {
    this.values.set(key, value);
  }
}
