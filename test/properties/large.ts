/**
 * Large valid programmes (issue 17), for test/large-inputs.test.ts at the sizes that broke the checker
 * and for `npm run fuzz` at larger ones: many pillars, many labels, a very long line, many identical
 * measures. Each opens with {@link SEED}, a small document in which every rule family finds something,
 * so that a family whose findings are lost under the mass (replaced by an internal error, or dropped)
 * shows as a family with nothing (see {@link familiesFound}).
 */
import type { Diagnostic } from '../../server/src/syntax/span';
import { INTERNAL_ERROR } from '../../server/src/syntax/span';
import { analyseText } from '../../server/src/model/reading';
import { RULE_FAMILIES } from '../../server/src/rules/index';

/**
 * Every rule family finds something here: numbering (measure 3 skips 2), duplicates (measures 1 and 4),
 * similarity (measures 5 and 6), invisible characters (a soft hyphen), references (a reference to no
 * label, an unused label) and front matter (an unknown key). It holds pillar 1 only; the masses below
 * go on from pillar 2.
 */
export const SEED = [
  '---',
  'title: Stort program',
  'tittel: Stort program',
  '---',
  '',
  '# 1. Arbeid {#arbeid}',
  '',
  '1. Skape flere arbeidsplasser i hele landet.',
  '',
  '3. Gi alle barn gratis skole\u00admat hver dag, se [[#borte]].',
  '',
  '4. Skape flere arbeidsplasser i hele landet.',
  '',
  '5. Styrke kollektivtilbudet i distriktene med flere avganger, lavere priser og bedre overganger mellom buss, båt og tog.',
  '',
  '6. Styrke kollektivtilbudet i distriktene med flere avganger, billigere priser og bedre overganger mellom buss, båt og tog.',
  '',
  '',
].join('\n');

/** A generated large programme: its text, and the code its mass gives at least `count` times. */
export interface Large {
  name: string;
  text: string;
  code: string;
  count: number;
}

/** {@link SEED}, then `n` pillars (2 … n + 1) without measures: `n` `empty-pillar` warnings. */
export function manyPillars(n: number): Large {
  const parts = [SEED];
  for (let i = 2; i <= n + 1; i++) parts.push(`# ${i}. Tema ${i}\n\n`);
  return { name: `${n.toLocaleString('en-US')} pillars without measures`, text: parts.join(''), code: 'empty-pillar', count: n };
}

/** {@link SEED}, then `n` pillars with a label each (`{#lN}`) and no measures: `n` `unused-label` hints. */
export function manyLabels(n: number): Large {
  const parts = [SEED];
  for (let i = 2; i <= n + 1; i++) parts.push(`# ${i}. S ${i} {#l${i}}\n\n`);
  return { name: `${n.toLocaleString('en-US')} labelled pillars`, text: parts.join(''), code: 'unused-label', count: n };
}

/** {@link SEED}, then `n` pillars (2 … n + 1) of one measure each, all the same: `n` `duplicate-measure` warnings. */
export function identicalMeasures(n: number): Large {
  const parts = [SEED];
  for (let i = 2; i <= n + 1; i++) parts.push(`# ${i}. Tema ${i}\n\n1. Gi alle barn gratis skolemat.\n\n`);
  return { name: `${n.toLocaleString('en-US')} pillars of one identical measure`, text: parts.join(''), code: 'duplicate-measure', count: n - 1 };
}

/**
 * {@link SEED}, then pillar 2 with a measure whose line is `chars` characters of words, and a measure
 * that skips a number after it: the `measure-numbering` error after the long line is still found.
 */
export function longLine(chars: number): Large {
  const words = 'Gi alle barn og unge gratis skolemat og leksehjelp. ';
  const line = words.repeat(Math.ceil(chars / words.length)).slice(0, chars);
  return { name: `a line of ${chars.toLocaleString('en-US')} characters`, text: `${SEED}# 2. Skole\n\n1. ${line}\n\n3. Ansette flere lærere.\n`, code: 'measure-numbering', count: 2 };
}

/**
 * {@link SEED}, then pillar 2 with a sentence that a run of `n` numbered lines goes on (`17. mai … og
 * den`): dates, each read as text that goes on the line above (`n` `wrapped-number` notes). Such a run
 * was quadratic twice over (each line appended to the block above copied its lines; each looked ahead
 * for the next measure).
 */
export function datesInARun(n: number): Large {
  const parts = [SEED, '# 2. Skole\n\nVi vil innen den\n'];
  for (let i = 1; i <= n; i++) parts.push(`${(i % 28) + 1}. mai styrke skolen og den\n`);
  return { name: `a run of ${n.toLocaleString('en-US')} dates in a sentence`, text: parts.join(''), code: 'wrapped-number', count: n };
}

/**
 * {@link SEED}, then pillar 2 with `n` measures that each name a measure that does not exist
 * (`[[9.N]]`, no pillar 9) and go on from one another (no sentence end): `n` `unresolved-reference`
 * errors; read as text, the measures make one block of `n` lines, whose words the near-duplicate search
 * reads as one text (the size of the largest text made its set-up quadratic).
 */
export function unresolvedInARun(n: number): Large {
  const parts = [SEED, '# 2. Skole\n\n'];
  for (let i = 1; i <= n; i++) parts.push(`${i}. Tekst [[9.${i}]] og\n`);
  return { name: `${n.toLocaleString('en-US')} references to no measure, in lines that go on one another`, text: parts.join(''), code: 'unresolved-reference', count: n };
}

/** Each rule family's codes, found by running it on {@link SEED} alone. */
export function familyCodes(): Map<string, string> {
  const p = analyseText(SEED);
  const byCode = new Map<string, string>();
  for (const [family, run] of Object.entries(RULE_FAMILIES)) for (const d of run(p, {})) byCode.set(d.code, family);
  return byCode;
}

/**
 * The families with at least one diagnostic in `diagnostics` (by the codes {@link familyCodes} gives),
 * sorted, and the internal errors among them; `counts` has each code's count.
 */
export function familiesFound(diagnostics: readonly Diagnostic[], codes: Map<string, string>): { families: string[]; internal: string[]; counts: Map<string, number> } {
  const families = new Set<string>();
  const internal: string[] = [];
  const counts = new Map<string, number>();
  for (const d of diagnostics) {
    counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
    if (d.code === INTERNAL_ERROR) internal.push(d.message.slice(0, 300));
    const family = codes.get(d.code);
    if (family !== undefined) families.add(family);
  }
  return { families: [...families].sort(), internal, counts };
}

/** The names of all rule families, sorted. */
export const ALL_FAMILIES = Object.keys(RULE_FAMILIES).sort();
