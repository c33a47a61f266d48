/**
 * A node of the tree. A class, every field there from the start: nodes made as `{}` took their fields in the order
 * paths reached them (a value first, or a first piece first, then others), eight shapes or more, and every read
 * of a node went through V8's generic (megamorphic) property lookup. A batch walks millions of nodes: half the
 * diverse 100k export to CSV, 3.1 million steps, 5.6% of the thread's time in `node` (the shortfalls' wording).
 */
class TrieNode<V> {
  /** The first piece seen after this node, and its node (most nodes have one: a path's tail is its own). */
  firstPiece: unknown = undefined;
  first: TrieNode<V> | undefined = undefined;
  /** Any other pieces seen after this node. */
  next: Map<unknown, TrieNode<V>> | undefined = undefined;
  value: V | undefined = undefined;
}

/** Map's equality (SameValueZero): NaN is NaN, +0 is -0. */
const samePiece = (a: unknown, b: unknown) => a === b || (a !== a && b !== b);

/**
 * Values found by a path of pieces (strings, numbers, objects by identity): a tree of pieces, so that finding a
 * value builds no key string. A path is the first `length` pieces of a list, which callers reuse from one lookup to
 * the next. Holds at most `limit` values, then starts again: memory stays bounded on any input.
 */
export class KeyTrie<V> {
  private root = new TrieNode<V>();
  /** Values held. */
  size = 0;

  constructor(private readonly limit: number) {}

  /** The node of a path of pieces, made if `make`. */
  private node(path: readonly unknown[], length: number, make: boolean): TrieNode<V> | undefined {
    let node = this.root;
    for (let i = 0; i < length; i++) {
      const piece = path[i];
      // The first piece is compared in place: no hashing for the many nodes that have only one.
      let next = node.first !== undefined && samePiece(node.firstPiece, piece) ? node.first : node.next?.get(piece);
      if (!next) {
        if (!make) return undefined;
        next = new TrieNode<V>();
        if (node.first === undefined) {
          node.firstPiece = piece;
          node.first = next;
        } else (node.next ??= new Map()).set(piece, next);
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
    this.root = new TrieNode<V>();
    this.size = 0;
  }

  /** Holds `value` at the first `length` pieces of `path` (in place of any value there: counted once). */
  set(path: readonly unknown[], value: V, length = path.length): void {
    if (this.size >= this.limit) this.clear();
    const node = this.node(path, length, true)!;
    if (node.value === undefined) this.size++;
    node.value = value;
  }
}
