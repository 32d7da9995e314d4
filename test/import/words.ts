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
 *    `removed` are taken out (a control character left over is a problem); a `line-number` note's
 *    `removed` must be the line's first word and is dropped; a `page-number`, `running-header` or
 *    `table-of-contents` note's `removed` must be the whole line (words compared) and drops it;
 * 2. the words of the remaining lines make one stream (words joined by a space); each note with
 *    `before` and `after` replaces the first `before` found from the start of its line's words (later
 *    lines first, notes of one line in their order), a `before` not found is a problem;
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
      if (CONTROL.test(text)) return { ok: false, problem: `${k}: a control character left without a note` };
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
      if (stream) stream += ' ';
      starts.set(k, stream.length);
      stream += ws.join(' ');
    }
  }
  for (const n of notes) {
    if (n.removed !== undefined && !used.has(n)) return { ok: false, problem: `${key(n.place)}: ${n.code} note removed ${JSON.stringify(n.removed)} from no line` };
  }
  const repairs = notes.filter((n) => n.before !== undefined && n.after !== undefined);
  const order = [...new Set(repairs.map((n) => key(n.place)))].sort((a, b) => (starts.get(b) ?? -1) - (starts.get(a) ?? -1));
  for (const k of order) {
    const from = starts.get(k);
    if (from === undefined) return { ok: false, problem: `${k}: a repair on a line without words` };
    for (const n of byPlace.get(k)!) {
      if (n.before === undefined || n.after === undefined) continue;
      const at = stream.indexOf(n.before, from);
      if (at < 0) return { ok: false, problem: `${k}: ${n.code} before ${JSON.stringify(n.before)} not found` };
      stream = stream.slice(0, at) + n.after + stream.slice(at + n.before.length);
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
