import type { Note, Page, PageLine, Place } from '../../server/src/import/outline';

/** The result of `wordsAccountedFor`: ok, or the first problem found. */
export type Accounting = { ok: true } | { ok: false; problem: string };

const CONTROL = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/;
const WHOLE_LINE: ReadonlySet<Note['code']> = new Set(['page-number', 'running-header', 'table-of-contents']);

function key(place: Place | undefined): string {
  return `${place?.page ?? 0}:${place?.line ?? 0}`;
}

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/**
 * Whether every word of the input pages is in the output lines, in the same order, or is accounted for
 * by a note: the property "never drops a word" of the import, for the clean-up of laid-out text.
 *
 * Replays the notes on the input's words and asks for exactly the output's words:
 * 1. per input line (found by the notes' `place`): the characters of `control-character` notes'
 *    `removed` are taken out; a `line-number` note's `removed` must be the line's first word and is
 *    dropped; a `page-number`, `running-header` or `table-of-contents` note's `removed` must be the whole
 *    line as the input has it (words compared) and drops it; a control character left in a line that
 *    stays is a problem;
 * 2. the words of the remaining lines make one stream (words joined by a space); each note with
 *    `before` and `after` is replayed: first the character repairs (a `before` with a soft hyphen or a
 *    ligature character and no space), then the others in the notes' order (by line): a `before` with
 *    a space (a join over a line end, `Bundes- land`) must end its line with its first part and begin the
 *    next with the rest, whose words then belong to the first line; another `before` is the first found
 *    in its line. Not found is a problem;
 * 3. the stream must equal the output lines' words joined by a space.
 * A removal note that matches nothing is a problem too. Whitespace is not a word: lines may be
 * re-cut and spaces changed.
 */
export function wordsAccountedFor(input: Page[], output: PageLine[], notes: Note[]): Accounting {
  const byPlace = new Map<string, Note[]>();
  for (const n of notes) {
    const k = key(n.place);
    let list = byPlace.get(k);
    if (!list) byPlace.set(k, (list = []));
    list.push(n);
  }
  const used = new Set<Note>();
  let stream = '';
  const starts = new Map<string, number>();
  const ends = new Map<string, number>();
  for (const page of input) {
    for (const line of page) {
      const k = key(line.place);
      const here = byPlace.get(k) ?? [];
      let text = line.text;
      for (const n of here) {
        if (n.code !== 'control-character' || n.removed === undefined) continue;
        for (const c of n.removed) {
          const at = text.indexOf(c);
          if (at < 0) return { ok: false, problem: `${k}: removed control character U+${c.charCodeAt(0).toString(16)} not in the line` };
          text = text.slice(0, at) + text.slice(at + 1);
        }
        used.add(n);
      }
      let ws = words(text);
      for (const n of here) {
        if (n.code !== 'line-number') continue;
        if (ws[0] !== n.removed) return { ok: false, problem: `${k}: line number ${n.removed} is not the first word of ${JSON.stringify(text)}` };
        ws = ws.slice(1);
        used.add(n);
      }
      for (const n of here) {
        if (!WHOLE_LINE.has(n.code)) continue;
        if (words(n.removed ?? '').join(' ') !== ws.join(' ')) return { ok: false, problem: `${k}: ${n.code} ${JSON.stringify(n.removed)} is not the line ${JSON.stringify(ws.join(' '))}` };
        ws = [];
        used.add(n);
      }
      if (ws.length === 0) continue;
      if (CONTROL.test(ws.join(' '))) return { ok: false, problem: `${k}: a control character left without a note` };
      if (stream) stream += ' ';
      starts.set(k, stream.length);
      stream += ws.join(' ');
      ends.set(k, stream.length);
    }
  }
  for (const n of notes) {
    if (n.removed !== undefined && !used.has(n)) return { ok: false, problem: `${key(n.place)}: ${n.code} note removed ${JSON.stringify(n.removed)} from no line` };
  }
  // The segments of the stream, one per input line with words, in order: [start, end) in `stream`.
  const segments = [...starts.keys()].map((k) => ({ k, start: starts.get(k)!, end: ends.get(k)! }));
  const segmentOf = new Map(segments.map((g, i) => [g.k, i]));
  const shift = (from: number, delta: number): void => {
    for (let i = from; i < segments.length; i++) {
      segments[i].start += delta;
      segments[i].end += delta;
    }
  };
  const repairs = notes.filter((n) => n.before !== undefined && n.after !== undefined);
  // Phase A, the character repairs made before any join (soft hyphens inside a word, ligature characters).
  const early = (n: Note): boolean => !n.before!.includes(' ') && /[\u00AD\uFB00-\uFB06]/.test(n.before!);
  for (const n of repairs.filter(early)) {
    const s = segmentOf.get(key(n.place));
    if (s === undefined) return { ok: false, problem: `${key(n.place)}: a repair on a line without words` };
    const g = segments[s];
    const at = stream.indexOf(n.before!, g.start);
    if (at < 0 || at >= g.end) return { ok: false, problem: `${g.k}: ${n.code} before ${JSON.stringify(n.before)} not found in its line` };
    stream = stream.slice(0, at) + n.after + stream.slice(at + n.before!.length);
    g.end += n.after!.length - n.before!.length;
    shift(s + 1, n.after!.length - n.before!.length);
  }
  // Phase B, in the order of the lines: joins over a line end, then the repairs made after them.
  for (const n of repairs.filter((n) => !early(n))) {
    const s = segmentOf.get(key(n.place));
    if (s === undefined) return { ok: false, problem: `${key(n.place)}: a repair on a line without words` };
    const g = segments[s];
    const before = n.before!;
    const after = n.after!;
    const delta = after.length - before.length;
    const space = before.indexOf(' ');
    if (space >= 0) {
      // A join over the line end: the part before the space ends this line, the rest begins the next.
      const at = g.end - space;
      const next = segments[s + 1];
      if (!next || !stream.startsWith(before, at) || next.start !== g.end + 1) return { ok: false, problem: `${g.k}: ${n.code} before ${JSON.stringify(before)} does not span the line end` };
      stream = stream.slice(0, at) + after + stream.slice(at + before.length);
      g.end = at + after.length;
      const consumed = before.length - space - 1;
      next.start = next.start + consumed === next.end ? next.end + delta : next.start + consumed + 1 + delta;
      next.end += delta;
      shift(s + 2, delta);
      if (next.start === next.end) {
        // The next line is left without words: it goes, and the join may go on with the line after it.
        segments.splice(s + 1, 1);
        segmentOf.clear();
        segments.forEach((x, i) => segmentOf.set(x.k, i));
      }
    } else {
      const at = stream.indexOf(before, g.start);
      if (at < 0 || at >= g.end) return { ok: false, problem: `${g.k}: ${n.code} before ${JSON.stringify(before)} not found in its line` };
      stream = stream.slice(0, at) + after + stream.slice(at + before.length);
      g.end += delta;
      shift(s + 1, delta);
    }
  }
  const expected = words(stream);
  const got = output.flatMap((l) => words(l.text));
  for (let i = 0; i < Math.max(expected.length, got.length); i++) {
    if (expected[i] !== got[i]) {
      return { ok: false, problem: `word ${i}: expected ${JSON.stringify(expected.slice(Math.max(0, i - 3), i + 3).join(' '))}, output has ${JSON.stringify(got.slice(Math.max(0, i - 3), i + 3).join(' '))}` };
    }
  }
  return { ok: true };
}
