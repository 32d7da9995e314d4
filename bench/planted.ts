// Recall and false pairs of near-duplicate detection (`similar-measures`) on planted pairs (issue 15).
/**
 * `npx tsx bench/planted.ts [--quick] [--write DIR]` (`npm run bench` runs it too; `--write` also writes
 * the planted documents to DIR, to read them).
 *
 * Plants near-duplicates of four kinds, and decoys, into real and generated programmes, runs the
 * `similar-measures` rule as `programme check` runs it (the whole rule: folding, the exact-duplicate
 * grouping, word forms, the index and the diagnostics, at the default threshold), and counts:
 * - recall per kind: the share of planted pairs that the rule reports;
 * - false pairs per 1,000 measures: reported pairs of measures that are not copies of one another.
 *
 * Documents (all seeded, so every run plants the same pairs):
 * - the real example (`examples/lokalvalget-2023.programme`, 38 measures), 20 times (`--quick`: 5),
 *   each time with 7 plants of each kind and 7 decoys made from 35 different measures;
 * - generated programmes of 1,000 and 10,000 measures (bench/generate.mjs; `--quick`: 1,000 only),
 *   with 20 and 100 plants of each kind and as many decoys, each from a different measure.
 * The plants go into extra pillars at the end of the document (pillar "Plantet …"), one measure each.
 *
 * Kinds of plants, each made from one measure of the document (its source), which it then repeats:
 * - `inflection`: two words of the source take another form (`kommunen` → `kommunene`,
 *   `rekrutteringen` → `rekruttering`, `skoletilbud` → `skoletilbudet`): the word with one of the
 *   endings -ene, -en, -et, -er, -a, -e, -t removed or not, then one of them (or none) added, kept
 *   only when the bokmål dictionary of the import has it (dictionary-nb, as scripts/dictionaries.mjs
 *   expands it); for a compound the dictionary lacks, the forms of its last part (`skole` + `tilbudet`).
 *   Some are another word spelt alike (`krav` → `krave`), as in real slips;
 * - `word`: one word (not the first) is replaced by a word of another measure;
 * - `clause`: a run of 4 to 7 words of another measure is added at the end (`…, og …`);
 * - `swap`: two words (not the first) change places.
 * Words touched are words of 4 letters or more that are not on the bokmål stop-word list
 * (stopword's `nob`). Decoys are measures on the same subject that make another promise: the first
 * 40–60 % of the source's words, then the end of another measure of the same pillar (as long as the
 * rest of the source).
 *
 * Counting: a planted pair is found when the plant is reported with its source, or with a measure that
 * the document already repeats the source in (an exact duplicate, or for generated programmes the
 * generator's own near-duplicate: the same words but one). Every other pair reported counts as false
 * (decoy pairs are shown apart), except pairs within such a group of repeats. Measures are identified
 * by the positions of the diagnostics (`span` and `related`), and a diagnostic's `data.more` (twins
 * beyond the 10 listed) counts as false pairs.
 *
 * Prints one line per document set and the totals, with the targets (recall ≥ 95 % for every kind, at
 * most 1 false pair per 1,000 measures), then one JSON line with the same figures.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as Reading from '../server/src/model/reading';
import type * as Duplicates from '../server/src/rules/duplicates';
import type * as Fold from '../server/src/rules/fold';
import type * as ConfigModule from '../server/src/model/config';
import type { Diagnostic } from '../server/src/syntax/span';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');

/** The kinds of planted near-duplicates. */
export const KINDS = ['inflection', 'word', 'clause', 'swap'] as const;
/** A kind of planted near-duplicate (see the module comment). */
export type Kind = (typeof KINDS)[number];

/** One planted measure: its kind, its source and itself, as indices into the document's measures. */
export interface Plant {
  kind: Kind | 'decoy';
  source: number;
  plant: number;
}

/** A document with plants: its text, how many measures it had before, the plants (in measure order). */
export interface PlantedDocument {
  set: string;
  text: string;
  base: number;
  plants: Plant[];
}

/** A word as written inside a token: `lead` + `core` + `tail`, where the core is letters, digits and inner hyphens. */
interface Token {
  lead: string;
  core: string;
  tail: string;
}

function isWordChar(c: string): boolean {
  return c.toLowerCase() !== c.toUpperCase() || (c >= '0' && c <= '9');
}

/** The tokens of a text: its runs of non-space characters, each split into leading punctuation, word and trailing punctuation. */
function tokens(text: string): Token[] {
  const out: Token[] = [];
  for (const raw of text.split(' ')) {
    if (raw === '') continue;
    let a = 0;
    while (a < raw.length && !isWordChar(raw[a])) a++;
    let b = raw.length;
    while (b > a && !isWordChar(raw[b - 1])) b--;
    out.push({ lead: raw.slice(0, a), core: raw.slice(a, b), tail: raw.slice(b) });
  }
  return out;
}

function join(list: readonly Token[]): string {
  return list.map((t) => t.lead + t.core + t.tail).join(' ');
}

function isLetters(word: string): boolean {
  for (const c of word) if (c.toLowerCase() === c.toUpperCase()) return false;
  return word.length > 0;
}

function capitalised(word: string): boolean {
  return word[0] !== word[0].toLowerCase();
}

function withCase(word: string, like: string): string {
  return capitalised(like) ? word[0].toUpperCase() + word.slice(1) : word;
}

/** What the plants need to know about the language: which words may be touched, and other forms of a word. */
interface Forms {
  stop: Set<string>;
  known: Set<string>;
}

const ENDINGS = ['ene', 'en', 'et', 'er', 'a', 'e', 't'];
const ADDED = ['', 'en', 'et', 'ene', 'er', 'e', 'a', 't'];

/** Other forms of a lower-case word that the dictionary knows (see the module comment), in a fixed order. */
function otherForms(word: string, forms: Forms): string[] {
  const direct = formsOf(word, forms);
  if (direct.length > 0) return direct;
  // A compound the dictionary lacks: the forms of its longest known last part.
  for (let i = 2; i + 4 <= word.length; i++) {
    const tail = word.slice(i);
    if (!forms.known.has(tail)) continue;
    const tails = formsOf(tail, forms);
    if (tails.length > 0) return tails.map((t) => word.slice(0, i) + t);
  }
  return [];
}

function formsOf(word: string, forms: Forms): string[] {
  const bases = [word];
  for (const e of ENDINGS) if (word.endsWith(e) && word.length - e.length >= 3) bases.push(word.slice(0, -e.length));
  const out = new Set<string>();
  for (const b of bases) for (const e of ADDED) out.add(b + e);
  out.delete(word);
  return [...out].filter((w) => forms.known.has(w) && !forms.stop.has(w)).sort();
}

/** A word that plants may touch: letters only, 4 or more, not a stop word. */
function touchable(t: Token, forms: Forms): boolean {
  return t.lead === '' && isLetters(t.core) && t.core.length >= 4 && !forms.stop.has(t.core.toLowerCase());
}

/** Makes one plant of `kind` from `source` (tokens), or undefined when the source does not allow it. */
function plantOf(kind: Kind | 'decoy', source: Token[], others: Token[][], sameTopic: Token[][], forms: Forms, rnd: () => number): Token[] | undefined {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  const copy = source.map((t) => ({ ...t }));
  const positions = copy.map((t, i) => (touchable(t, forms) ? i : -1)).filter((i) => i >= 0);
  switch (kind) {
    case 'inflection': {
      const inflectable = positions.filter((i) => otherForms(copy[i].core.toLowerCase(), forms).length > 0);
      if (inflectable.length < 2) return undefined;
      const chosen = new Set<number>();
      while (chosen.size < 2) chosen.add(pick(inflectable));
      for (const i of chosen) copy[i].core = withCase(pick(otherForms(copy[i].core.toLowerCase(), forms)), copy[i].core);
      return copy;
    }
    case 'word': {
      const later = positions.filter((i) => i > 0);
      if (later.length === 0) return undefined;
      const own = new Set(copy.map((t) => t.core.toLowerCase()));
      for (let tries = 0; tries < 50; tries++) {
        const other = pick(others);
        const candidates = other.filter((t) => touchable(t, forms) && !own.has(t.core.toLowerCase()));
        if (candidates.length === 0) continue;
        const at = pick(later);
        copy[at].core = candidates[Math.floor(rnd() * candidates.length)].core.toLowerCase();
        return copy;
      }
      return undefined;
    }
    case 'clause': {
      for (let tries = 0; tries < 50; tries++) {
        const other = pick(others);
        const length = 4 + Math.floor(rnd() * 4);
        const starts: number[] = [];
        for (let s = 1; s + length <= other.length; s++) {
          if (other.slice(s, s + length).every((t) => t.lead === '' && t.tail === '' && t.core !== '')) starts.push(s);
        }
        if (starts.length === 0) continue;
        const start = pick(starts);
        const run = other.slice(start, start + length).map((t) => ({ lead: '', core: t.core.toLowerCase(), tail: '' }));
        const last = copy[copy.length - 1];
        last.tail = last.tail.replace(/[.:;!?]+$/, '') + ',';
        run[run.length - 1].tail = '.';
        return [...copy, { lead: '', core: 'og', tail: '' }, ...run];
      }
      return undefined;
    }
    case 'swap': {
      const later = positions.filter((i) => i > 0);
      for (let tries = 0; tries < 20 && later.length >= 2; tries++) {
        const a = pick(later);
        const b = pick(later);
        if (a === b || copy[a].core.toLowerCase() === copy[b].core.toLowerCase()) continue;
        [copy[a].core, copy[b].core] = [copy[b].core, copy[a].core];
        return copy;
      }
      return undefined;
    }
    case 'decoy': {
      if (copy.length < 6) return undefined;
      const pool = sameTopic.length > 0 ? sameTopic : others;
      const other = pick(pool);
      const keep = Math.max(2, Math.round(copy.length * (0.4 + 0.2 * rnd())));
      const rest = copy.length - keep;
      if (other.length <= rest) return undefined;
      const tail = other.slice(other.length - rest).map((t) => ({ ...t }));
      tail[0].core = tail[0].core.toLowerCase();
      const head = copy.slice(0, keep);
      head[head.length - 1] = { ...head[head.length - 1], tail: head[head.length - 1].tail.replace(/[.:;!?]+$/, '') };
      return [...head, ...tail];
    }
  }
}

/** A measure as the plants see it: its text without labels and references (`measureRawText`), and its pillar. */
interface SourceMeasure {
  text: string;
  pillar: string;
}

/**
 * `text` with `perKind` plants of every kind and `perKind` decoys, each from a different measure
 * (drawn with `rnd`), appended as extra pillars. Measures whose text holds characters the format
 * reads specially (`[`, `{`, `*`, `_`, `\`, `/`) or fewer than 6 words are not used as sources.
 */
function plantInto(set: string, text: string, measures: readonly SourceMeasure[], pillars: number, perKind: number, rnd: () => number, forms: Forms): PlantedDocument {
  const parsed = measures.map((m) => tokens(m.text));
  const eligible: number[] = [];
  for (let i = 0; i < measures.length; i++) {
    if (parsed[i].length >= 6 && !/[[\]{}*_\\/]/.test(measures[i].text)) eligible.push(i);
  }
  // A seeded shuffle: each source is used once.
  for (let i = eligible.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [eligible[i], eligible[j]] = [eligible[j], eligible[i]];
  }
  const plants: Plant[] = [];
  const sections: string[] = [];
  let next = 0;
  let index = measures.length;
  for (const kind of [...KINDS, 'decoy'] as const) {
    const lines: string[] = [];
    let made = 0;
    while (made < perKind && next < eligible.length) {
      const source = eligible[next++];
      const others = parsed.filter((_, i) => i !== source);
      const sameTopic = parsed.filter((_, i) => i !== source && measures[i].pillar === measures[source].pillar);
      const planted = plantOf(kind, parsed[source], others, sameTopic, forms, rnd);
      if (planted === undefined) continue;
      const line = join(planted);
      if (line === measures[source].text) continue;
      made++;
      lines.push(`${made}. ${line}`);
      plants.push({ kind, source, plant: index++ });
    }
    pillars++;
    sections.push(`# ${pillars}. Plantet ${kind}\n\n${lines.join('\n\n')}\n`);
  }
  return { set, text: `${text.trimEnd()}\n\n${sections.join('\n')}`, base: measures.length, plants };
}

/** The figures of one document set (or of all). */
export interface SetFigures {
  set: string;
  documents: number;
  measures: number;
  planted: Record<Kind, number>;
  found: Record<Kind, number>;
  decoys: number;
  decoyPairs: number;
  falsePairs: number;
}

/** Figures with nothing counted yet. */
export function emptyFigures(set: string): SetFigures {
  const zero = () => Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<Kind, number>;
  return { set, documents: 0, measures: 0, planted: zero(), found: zero(), decoys: 0, decoyPairs: 0, falsePairs: 0 };
}

/** The reported pairs `[earlier, later]` (measure indices) of `similar-measures` diagnostics, and the twins not listed. */
function reportedPairs(starts: Map<number, number>, heads: Map<number, number>, diagnostics: readonly Diagnostic[]): { pairs: [number, number][]; unlisted: number } {
  const pairs: [number, number][] = [];
  let unlisted = 0;
  for (const d of diagnostics) {
    if (d.code !== 'similar-measures') continue;
    const later = heads.get(d.span.start);
    if (later === undefined) continue;
    for (const r of d.related ?? []) {
      const earlier = starts.get(r.span.start);
      if (earlier !== undefined) pairs.push([earlier, later]);
    }
    unlisted += (d.data?.more as number | undefined) ?? 0;
  }
  return { pairs, unlisted };
}

/** True when `a` and `b` (word lists) are the same but one word in one place: the generator's near-duplicates. */
function oneWordApart(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  let differ = 0;
  for (let i = 0; i < a.length && differ < 2; i++) if (a[i] !== b[i]) differ++;
  return differ <= 1;
}

/**
 * Adds the figures of one document to each of `into`: `words` are the folded words of its measures
 * before planting (for the groups of repeats), `pairs` the reported pairs `[earlier, later]` (measure
 * indices), `unlisted` the twins reported but not listed (counted as false pairs).
 */
export function scoreDocument(doc: PlantedDocument, words: readonly (readonly string[])[], pairs: readonly [number, number][], unlisted: number, into: readonly SetFigures[]): void {
  // Groups of repeats in the document as it was: the same words, or (generated) one word apart.
  const group = words.map((_, i) => i);
  const find = (i: number): number => (group[i] === i ? i : (group[i] = find(group[i])));
  const byKey = new Map<string, number>();
  const byLength = new Map<number, number[]>();
  words.forEach((w, i) => {
    const key = w.join(' ');
    const same = byKey.get(key);
    if (same !== undefined) group[find(i)] = find(same);
    else byKey.set(key, i);
    if (doc.set.startsWith('generated')) {
      const list = byLength.get(w.length) ?? [];
      for (const j of list) if (oneWordApart(words[j], w)) group[find(i)] = find(j);
      list.push(i);
      byLength.set(w.length, list);
    }
  });
  const origin = (i: number): number => {
    if (i < doc.base) return find(i);
    const plant = doc.plants[i - doc.base];
    return plant.kind === 'decoy' ? -1 - i : find(plant.source);
  };
  for (const f of into) {
    f.documents++;
    f.measures += doc.base + doc.plants.length;
  }
  const reported = new Set(pairs.map(([a, b]) => `${a}~${b}`));
  for (const plant of doc.plants) {
    if (plant.kind === 'decoy') {
      for (const f of into) f.decoys++;
      continue;
    }
    const target = find(plant.source);
    let found = false;
    for (let j = 0; j < doc.base && !found; j++) if (find(j) === target && (reported.has(`${j}~${plant.plant}`) || reported.has(`${plant.plant}~${j}`))) found = true;
    for (const f of into) {
      f.planted[plant.kind]++;
      if (found) f.found[plant.kind]++;
    }
  }
  for (const [a, b] of pairs) {
    if (origin(a) === origin(b)) continue;
    const decoy = (a >= doc.base && doc.plants[a - doc.base].kind === 'decoy') || (b >= doc.base && doc.plants[b - doc.base].kind === 'decoy');
    for (const f of into) {
      f.falsePairs++;
      if (decoy) f.decoyPairs++;
    }
  }
  for (const f of into) f.falsePairs += unlisted;
}

/**
 * The planted documents of the bench (see the module comment): the example 20 times (5 with `quick`)
 * and the generated programmes of 1,000 and 10,000 measures (1,000 with `quick`).
 */
export async function plantedDocuments(quick: boolean): Promise<PlantedDocument[]> {
  const { analyseText } = (await import('../server/src/model/reading')) as typeof Reading;
  const { measureRawText } = (await import('../server/src/rules/duplicates')) as typeof Duplicates;
  const { generate, mulberry32 } = (await import(path.join(here, 'generate.mjs'))) as { generate: (n: number) => { programme: string }; mulberry32: (seed: number) => () => number };
  const { makeWordList } = (await import(path.join(root, 'scripts', 'dictionaries.mjs'))) as { makeWordList: (lang: string) => string };
  const { nob } = await import('stopword');
  makeWordList('nb');
  const known = new Set(fs.readFileSync(path.join(root, 'server', 'dist', 'dictionaries', 'nb.words'), 'utf8').split('\n'));
  const forms: Forms = { stop: new Set(nob), known };
  const sourcesOf = (text: string) => {
    const p = analyseText(text);
    const measures = p.measures.map((m) => ({ text: measureRawText(p, m).trim(), pillar: m.pillar?.numberText ?? '' }));
    return { measures, pillars: p.pillars.length };
  };
  const documents: PlantedDocument[] = [];
  const example = fs.readFileSync(path.join(root, 'examples', 'lokalvalget-2023.programme'), 'utf8');
  const exampleSources = sourcesOf(example);
  for (let round = 0; round < (quick ? 5 : 20); round++) documents.push(plantInto('example', example, exampleSources.measures, exampleSources.pillars, 7, mulberry32(1500 + round), forms));
  for (const size of quick ? [1000] : [1000, 10000]) {
    const text = generate(size).programme;
    const sources = sourcesOf(text);
    documents.push(plantInto(`generated ${size.toLocaleString('en')}`, text, sources.measures, sources.pillars, size >= 10000 ? 100 : 20, mulberry32(2500 + size), forms));
  }
  return documents;
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const write = process.argv.indexOf('--write');
  const { analyseText } = (await import('../server/src/model/reading')) as typeof Reading;
  const { checkSimilarMeasures, measureRawText } = (await import('../server/src/rules/duplicates')) as typeof Duplicates;
  const { foldText, foldedWords } = (await import('../server/src/rules/fold')) as typeof Fold;
  const { DEFAULT_SIMILARITY_THRESHOLD: threshold } = (await import('../server/src/model/config')) as typeof ConfigModule;
  const documents = await plantedDocuments(quick);
  if (write > 0) {
    const dir = process.argv[write + 1];
    fs.mkdirSync(dir, { recursive: true });
    documents.forEach((doc, i) => fs.writeFileSync(path.join(dir, `${String(i).padStart(2, '0')}-${doc.set.replace(/[^a-z0-9]+/g, '-')}.programme`), doc.text));
  }

  const bySet = new Map<string, SetFigures>();
  const all = emptyFigures('all');
  for (const doc of documents) {
    const p = analyseText(doc.text);
    if (p.measures.length !== doc.base + doc.plants.length) throw new Error(`${doc.set}: ${p.measures.length} measures, expected ${doc.base + doc.plants.length}`);
    const diagnostics = checkSimilarMeasures(p);
    const starts = new Map(p.measures.map((m, i) => [m.span.start, i]));
    const heads = new Map(p.measures.map((m, i) => [m.numberSpan.start, i]));
    const { pairs, unlisted } = reportedPairs(starts, heads, diagnostics);
    const words = p.measures.slice(0, doc.base).map((m) => foldedWords(foldText(measureRawText(p, m))));
    const figures = bySet.get(doc.set) ?? emptyFigures(doc.set);
    bySet.set(doc.set, figures);
    scoreDocument(doc, words, pairs, unlisted, [figures, all]);
  }

  const percent = (a: number, b: number) => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)} %`);
  const perThousand = (f: SetFigures) => (1000 * f.falsePairs) / f.measures;
  console.log(`similar-measures on planted pairs at threshold ${threshold} (bench/planted.ts${quick ? ', quick' : ''}): recall per kind, false pairs`);
  console.log(`  ${'documents'.padEnd(22)}${'measures'.padStart(9)}${KINDS.map((k) => k.padStart(17)).join('')}${'false pairs'.padStart(13)}${'of decoys'.padStart(11)}${'per 1,000'.padStart(11)}`);
  for (const f of [...bySet.values(), all]) {
    const name = f.set === 'all' ? 'all' : `${f.set}${f.documents > 1 ? ` ×${f.documents}` : ''}`;
    console.log(
      `  ${name.padEnd(22)}${String(f.measures).padStart(9)}${KINDS.map((k) => `${percent(f.found[k], f.planted[k])} of ${f.planted[k]}`.padStart(17)).join('')}` +
        `${String(f.falsePairs).padStart(13)}${String(f.decoyPairs).padStart(11)}${perThousand(f).toFixed(2).padStart(11)}`,
    );
  }
  const targets = [
    ...KINDS.map((k) => ({ target: `recall of ${k} plants ≥ 95 %`, value: all.found[k] / all.planted[k], met: all.found[k] / all.planted[k] >= 0.95, measured: percent(all.found[k], all.planted[k]) })),
    { target: 'false pairs ≤ 1 per 1,000 measures', value: perThousand(all), met: perThousand(all) <= 1, measured: `${perThousand(all).toFixed(2)} (${all.falsePairs} in ${all.measures} measures, ${all.decoyPairs} with a decoy)` },
  ];
  for (const t of targets) console.log(`  ${t.met ? '  met  ' : 'NOT met'}  ${t.target.padEnd(40)} ${t.measured}`);
  console.log(JSON.stringify({ tool: 'ours.planted', threshold, quick, sets: [...bySet.values()], all, targets }));
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
