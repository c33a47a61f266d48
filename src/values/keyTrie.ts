interface TrieNode<V> {
  next?: Map<unknown, TrieNode<V>>;
  value?: V;
}

/**
 * Values found by a path of pieces (strings, numbers, objects by identity): a tree of pieces, so that finding a
 * value builds no key string. A path is the first `length` pieces of a list, which callers reuse from one lookup to
 * the next. Holds at most `limit` values, then starts again: memory stays bounded on any input.
 */
export class KeyTrie<V> {
  private root: TrieNode<V> = {};
  /** Values held. */
  size = 0;

  constructor(private readonly limit: number) {}

  /** The node of a path of pieces, made if `make`. */
  private node(path: readonly unknown[], length: number, make: boolean): TrieNode<V> | undefined {
    let node = this.root;
    for (let i = 0; i < length; i++) {
      const piece = path[i];
      let next = node.next?.get(piece);
      if (!next) {
        if (!make) return undefined;
        (node.next ??= new Map()).set(piece, (next = {}));
      }
      node = next;
    }
    return node;
  }

  /** The value at the first `length` pieces of `path`. */
  get(path: readonly unknown[], length = path.length): V | undefined {
    return this.node(path, length, false)?.value;
  }

  /** Lets go of every value. */
  clear(): void {
    [this.root, this.size] = [{}, 0];
  }

  set(path: readonly unknown[], value: V, length = path.length): void {
    if (this.size >= this.limit) this.clear();
    this.node(path, length, true)!.value = value;
    this.size++;
  }
}
