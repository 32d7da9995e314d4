/**
 * Facts about the bundled example (examples/lokalvalget-2023.programme) that the e2e scenarios act on
 * and assert against, read from the file with plain string searches (not with the code under test), and
 * copies of it with one slip made in them.
 *
 * Lines are 1-based and columns 1-based UTF-16 code units, as VS Code shows them; Neovim's probe gets
 * the same 1-based lines.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './harness';

/** The example's path and text. */
export const EXAMPLE_PATH = path.join(ROOT, 'examples/lokalvalget-2023.programme');
export const EXAMPLE = readFileSync(EXAMPLE_PATH, 'utf8');
const LINES = EXAMPLE.split('\n');

/** A place in the example: 1-based line, 1-based UTF-16 column of the needle's first character. */
export interface Place {
  line: number;
  column: number;
}

/** The first place of `needle` at or after 1-based line `from`; throws when the example has none. */
export function find(needle: string, from = 1): Place {
  for (let i = from - 1; i < LINES.length; i++) {
    const at = LINES[i]!.indexOf(needle);
    if (at >= 0) return { line: i + 1, column: at + 1 };
  }
  throw new Error(`The example has no ${JSON.stringify(needle)} (from line ${from}); the e2e scenarios need it.`);
}

/** The text of 1-based line `line`. */
export function lineAt(line: number): string {
  return LINES[line - 1]!;
}

/** A pillar of the example: number, title, heading line, and its measures' texts (number and delimiter removed). */
export interface ExamplePillar {
  number: number;
  title: string;
  line: number;
  measures: string[];
}

/** The example's pillars (`# N. Title`) and the one-line measures (`N. text`) under each. */
export const PILLARS: ExamplePillar[] = (() => {
  const pillars: ExamplePillar[] = [];
  LINES.forEach((text, i) => {
    const heading = /^# (\d+)\. (.+)$/.exec(text);
    if (heading) pillars.push({ number: Number(heading[1]), title: heading[2]!, line: i + 1, measures: [] });
    const measure = /^\d+\. (.+)$/.exec(text);
    if (measure && pillars.length > 0) pillars[pillars.length - 1]!.measures.push(measure[1]!);
  });
  return pillars;
})();

/** The text of measure `pillar.measure` (e.g. 4, 7), as written after its number. */
export function measureText(pillar: number, measure: number): string {
  const text = PILLARS.find((p) => p.number === pillar)?.measures[measure - 1];
  if (text === undefined) throw new Error(`The example has no measure ${pillar}.${measure}.`);
  return text;
}

/** The slip: the last measure of pillar 1, "8. Målrette …", numbered 9, so that 8 is skipped. */
export const SLIP = {
  line: find('8. Målrette').line,
  right: '8. Målrette',
  wrong: '9. Målrette',
  /**
   * What the `measure-numbering` diagnostic says about it (the part a test asserts), in Bokmål: the
   * example's front matter says `lang: nb`, and with `programme.language` left at `auto` (VS Code, the
   * README's Neovim snippet) the messages follow it.
   */
  message: 'Tiltak nummer 9 hopper over 8; etter 7 i kapittel 1 skal det komme 8.',
  /** The same in English, for a client whose `programme.language` setting is `en` (the Neovim probe). */
  englishMessage: 'Measure number 9 skips 8; expected 8 after 7 in pillar 1.',
};

/** The example with the {@link SLIP} made in it. */
export function withSlip(): string {
  const lines = EXAMPLE.split('\n');
  if (!lines[SLIP.line - 1]!.startsWith(SLIP.right)) throw new Error(`line ${SLIP.line} does not start with ${SLIP.right}`);
  lines[SLIP.line - 1] = SLIP.wrong + lines[SLIP.line - 1]!.slice(SLIP.right.length);
  return lines.join('\n');
}

/** The reference hovered over: `[[4.7]]` in pillar 5, pointing at measure 4.7. */
export const HOVERED = {
  place: find('[[4.7]]', PILLARS[4]!.line),
  target: '4.7',
  text: measureText(4, 7),
  /** The hover's heading in Bokmål (the example's `lang`), and in English. */
  heading: 'Tiltak 4.7',
  englishHeading: 'Measure 4.7',
};

/** The label renamed: `heltidskultur`, declared on measure 1.5 and referred to from measure 3.4. */
export const RENAMED = {
  old: 'heltidskultur',
  new: 'heltid-for-alle',
  declaration: find('{#heltidskultur}'),
  reference: find('[[#heltidskultur]]'),
};

/** The example with every `{#old}` and `[[#old]]` of {@link RENAMED} renamed: what a rename must produce. */
export function renamed(): string {
  return EXAMPLE.split(`{#${RENAMED.old}}`).join(`{#${RENAMED.new}}`).split(`[[#${RENAMED.old}]]`).join(`[[#${RENAMED.new}]]`);
}

/** The 1-based line of measure `pillar.measure` (e.g. 4, 7). */
export function measureLine(pillar: number, measure: number): number {
  return find(`${measure}. ${measureText(pillar, measure)}`, PILLARS[pillar - 1]!.line).line;
}

/**
 * The preview scenario: the word typed at the start of measure 1.2's text (after `2. `), and the
 * reference clicked in the preview, `[[4.7]]` in pillar 5, printed "tiltak 4.7" (the example is in
 * Bokmål) and linked to measure 4.7's anchor.
 */
export const PREVIEWED = {
  typed: { line: measureLine(1, 2), column: 4, word: 'Fjordvikord ', measure: 'tiltak-1-2' },
  reference: { href: '#tiltak-4-7', text: 'tiltak 4.7', targetLine: measureLine(4, 7) },
};
