/**
 * What the analysis learns of a block, or of a stretch, from its characters alone, kept for the next
 * version of the document (the language server analyses each version with the one before it).
 *
 * `parse` reads a large text in stretches that begin right after a blank line and end right after
 * one (syntax/index.ts). After an edit, a stretch whose characters did not change is not read again:
 * its blocks are taken over, moved to their new offsets. A memo belongs to the block (or stretch) as
 * first read, and every moved copy of it shares it. So a memo may hold any fact that depends only on
 * the characters of the block's stretch, from the blank line before it to the blank line after it
 * (with offsets relative to the block), and on nothing else, or says what else it depends on (the
 * programme's language) and is checked against it. It must never hold a fact of the block's
 * surroundings: the number of its pillar, the block after it, a message with the measure's id.
 *
 * Each field belongs to one module, which fills it on first use; the others leave it alone. Memos
 * are found with `blockMemos`, `treeMemos` and `stretchMemos` (syntax/index.ts), a programme's with
 * `programmeMemos` (model/programme.ts), and die with the last tree that holds their block, so what
 * they keep is bounded by the versions the server keeps (the last one).
 */

/** The facts of one block (see the module comment); each field is filled by the module named. */
export interface BlockMemo {
  /** rules/duplicates.ts (`measureKeys`): a measure's comparison key. */
  key: string | undefined;
  /** model/programme.ts: a measure's id, and the prefix (its pillar's or sub-section's number) it was made with. */
  id: string | undefined;
  idPrefix: string | undefined;
  /** model/reading.ts: what the reading learnt of the block alone, in its own shape. */
  reading: unknown;
  /** model/programme.ts: whether a measure's or paragraph's lines hold a `[[…]]` reference. */
  references: boolean | undefined;
  /** rules/references.ts: the `unused-label` message of the block's label, with what it was made from. */
  unusedLabel: unknown;
}

/**
 * A new {@link BlockMemo}, nothing learnt yet. An object literal, not a class instance: V8 allocates
 * the objects of a literal that nearly all outlive their first garbage collection (a document's
 * memos live as long as its analysis) in the old generation at once, where a class's instances are
 * copied by every scavenge they live through.
 */
export function newBlockMemo(): BlockMemo {
  return { key: undefined, id: undefined, idPrefix: undefined, reading: undefined, references: undefined, unusedLabel: undefined };
}

/** The facts of one stretch (see the module comment); each field is filled by the module named. */
export class StretchMemo {
  /** rules/invisible.ts: whether the stretch holds a character that the rule looks at. */
  invisible: boolean | undefined = undefined;
  /** model/reading.ts: what the reading learnt of the stretch's blocks, in its own shape. */
  reading: unknown = undefined;
}

/** Strings longer than this are not kept by {@link memoized} (a memo must not pin a huge string). */
const MEMO_MAX_LENGTH = 256;

/**
 * `fn` (a pure function of a string) with a memo of its results by argument, for what the analysis
 * computes again for the same strings in every version of a document (a title's or a label's key: the
 * strings of nodes that were not read again are the same strings). Keeps at most `size` results (the
 * memo starts again when full) and none for a string longer than 256 code units, so that what it
 * keeps stays small; the strings of syntax nodes are copies of their own, never views into a text.
 */
export function memoized<T>(fn: (s: string) => T, size = 1 << 14): (s: string) => T {
  let memo = new Map<string, T>();
  return (s: string): T => {
    const known = memo.get(s);
    if (known !== undefined) return known;
    const value = fn(s);
    if (s.length <= MEMO_MAX_LENGTH) {
      if (memo.size >= size) memo = new Map();
      memo.set(s, value);
    }
    return value;
  };
}
