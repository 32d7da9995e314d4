// How long near-duplicate detection (`similar-measures`) takes, and how much work it does, at 1,000 / 10,000 / 50,000 measures and on pathological inputs.
/**
 * `npx tsx bench/similarity.ts [sizes…] [--no-pathological]` (default 1000 10000 50000; `npm run bench`
 * runs it too).
 *
 * For each size, a seeded generator writes a programme of Norwegian-like measures (18–34 words from a
 * made-up vocabulary of about 3,000 compounds and 100 other words, wrapped at about 70 characters,
 * 100 measures per pillar) with one planted near-duplicate (one word changed) per 1,000 measures.
 * It is parsed once; then, after one warm-up run, five timed runs of each of:
 * - `index`: `findSimilarPairs` (similarity.ts) over the measures' folded words with the rule's
 *   options (Bokmål word forms, words and pairs, the default threshold): stemming, interning the
 *   shingles, the inverted index of rare shingles, and the exact check of the candidates;
 * - `rule`: `checkSimilarMeasures` (duplicates.ts) on a freshly built model (the parse tree reused):
 *   folding every measure's text, the exact-duplicate grouping, the language, the index and the diagnostics.
 * It prints the median of the five in milliseconds, the words read, the posting entries read, the
 * candidate pairs verified, their sum per word against the work budget (similarity.ts's
 * `workBudget`), the pairs found and the planted ones, one line per size.
 *
 * Then the pathological inputs of issue 15 (unless `--no-pathological`), each through the whole rule once:
 * - 200,000 near-identical measures: "Styrke skolen i kommunen med tiltak nummer N." (500 to a pillar);
 * - 20,000 measures of 8–20 words drawn from the same 30 words.
 * For each: the words, the work (entries read + candidates verified) against the budget, whether the
 * budget cut the search and the one diagnostic that says so, and the time of the rule. Then one JSON
 * line with all the figures and the targets (work within the budget; one diagnostic where it cuts).
 */
import { performance } from 'node:perf_hooks';
import type * as Syntax from '../server/src/syntax/index';
import type * as Model from '../server/src/model/programme';
import type * as Duplicates from '../server/src/rules/duplicates';
import type * as Fold from '../server/src/rules/fold';
import type * as Similarity from '../server/src/rules/similarity';
import type * as ConfigModule from '../server/src/model/config';
import type * as WordFormsModule from '../server/src/rules/wordForms';

/** mulberry32: seeded floats in [0, 1). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// A made-up vocabulary (no text from real programmes).
const VERBS = ['Styrke', 'Sikre', 'Innføre', 'Bygge ut', 'Utvide', 'Gi', 'Øke', 'Etablere', 'Redusere', 'Satse på', 'Legge til rette for', 'Prioritere', 'Fjerne', 'Utrede', 'Trappe opp', 'Videreføre', 'Forenkle', 'Støtte', 'Opprette', 'Modernisere', 'Beskytte', 'Fremme', 'Sørge for', 'Bidra til', 'Løfte', 'Senke', 'Åpne', 'Ruste opp'];
const STEMS = [
  'skole', 'helse', 'klima', 'natur', 'bolig', 'arbeids', 'nærings', 'kultur', 'idretts', 'samferdsels', 'energi', 'land', 'fiskeri', 'forsvars', 'distrikts', 'barne', 'eldre', 'ungdoms',
  'kollektiv', 'sykehus', 'lærer', 'kommune', 'fylkes', 'vann', 'avfalls', 'jord', 'skog', 'havbruks', 'bibliotek', 'fastlege', 'tannhelse', 'beredskaps', 'politi', 'bistands', 'likestillings',
  'mangfolds', 'språk', 'frivillighets', 'familie', 'skatte', 'avgifts', 'pensjons', 'trygde', 'lønns', 'tariff', 'lærlinge', 'fagbrev', 'vei', 'jernbane', 'ferje', 'buss', 'sykkel', 'avløps',
  'strøm', 'vind', 'sol', 'hydrogen', 'batteri', 'plast', 'gjenbruks', 'mat', 'landbruks', 'reindrifts', 'sjø', 'fjell', 'frilufts', 'reiseliv', 'museums', 'musikk', 'film', 'medie', 'demokrati',
  'valg', 'personverns', 'digital', 'hav', 'høyskole', 'barnehage', 'fritids', 'nordområde', 'øy', 'fjord', 'dal', 'student', 'forsknings', 'innovasjons', 'rus', 'omsorgs',
];
const HEADS = ['tilbudet', 'tjenestene', 'ordningen', 'satsingen', 'planen', 'strategien', 'reformen', 'løftet', 'garantien', 'tilskuddet', 'senteret', 'kontoret', 'områdene', 'næringen', 'arbeidet', 'utviklingen', 'sektoren', 'politikken', 'kompetansen', 'kapasiteten', 'fondet', 'programmet', 'loven', 'avtalen', 'budsjettet', 'nettet', 'vernet', 'tilsynet', 'rådgivningen', 'økonomien', 'plassene', 'tiltakene', 'de ansatte', 'byggene', 'midlene'];
const LINKS = ['og', 'i', 'for', 'med', 'til', 'på', 'ved', 'gjennom', 'slik at', 'blant annet', 'i hele landet', 'for alle', 'i samarbeid med', 'uten', 'mellom', 'etter', 'innen', 'som gir'];
const ADJ = ['grønne', 'lokale', 'nye', 'trygge', 'gode', 'offentlige', 'regionale', 'bedre', 'flere', 'sterkere', 'rettferdige', 'varige', 'gratis', 'faste', 'nasjonale', 'digitale', 'universelle', 'bærekraftige', 'åpne', 'nære', 'tydelige', 'felles', 'særskilte', 'små', 'store'];
const OBJECTS = ['barn', 'unge', 'eldre', 'familier', 'pasienter', 'elever', 'lærere', 'ansatte', 'bønder', 'fiskere', 'kommunene', 'fylkene', 'staten', 'bedrifter', 'innbyggerne', 'studenter', 'pendlere', 'bygdene', 'byene'];

/** A programme of `count` measures with one planted near-duplicate per 1,000; returns the text and the planted count. */
function generate(count: number): { text: string; planted: number } {
  const rnd = random(count);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)];
  const texts: string[][] = [];
  for (let i = 0; i < count; i++) {
    const words = [...pick(VERBS).split(' ')];
    const target = 18 + Math.floor(rnd() * 17);
    while (words.length < target) {
      const r = rnd();
      if (r < 0.4) words.push(...`${pick(STEMS)}${pick(HEADS)}`.split(' '));
      else if (r < 0.6) words.push(...pick(LINKS).split(' '));
      else if (r < 0.8) words.push(pick(ADJ));
      else words.push(pick(OBJECTS));
    }
    texts.push(words);
  }
  let planted = 0;
  for (let i = 500; i < count; i += 1000) {
    const copy = [...texts[i - 400]];
    copy[4] = 'annerledes';
    texts[i] = copy;
    planted++;
  }
  const out: string[] = [];
  for (let start = 0; start < count; start += 100) {
    out.push(`# ${start / 100 + 1}. Kapittel ${start / 100 + 1}\n`);
    texts.slice(start, start + 100).forEach((words, i) => {
      const lines: string[] = [];
      let line = '';
      for (const w of words) {
        if (line !== '' && line.length + 1 + w.length > 70) {
          lines.push(line);
          line = w;
        } else line = line === '' ? w : `${line} ${w}`;
      }
      lines.push(line);
      out.push(`${i + 1}. ${lines.join('\n')}\n`);
    });
  }
  return { text: out.join('\n'), planted };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The median time of `runs` runs of `run` after `warmup` untimed ones, in milliseconds. */
function time(run: () => void, runs = 5, warmup = 1): number {
  for (let i = 0; i < warmup; i++) run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    run();
    times.push(performance.now() - t0);
  }
  return median(times);
}

async function main(): Promise<void> {
  // The server sources are ES modules (server/package.json) and bench/ has no package.json of its
  // own, so they are loaded with dynamic imports (this file runs with `npx tsx` or `node --import tsx`).
  const { parse } = (await import('../server/src/syntax/index')) as typeof Syntax;
  const { buildProgramme } = (await import('../server/src/model/programme')) as typeof Model;
  const { checkSimilarMeasures, measureKeys } = (await import('../server/src/rules/duplicates')) as typeof Duplicates;
  const { foldedWords } = (await import('../server/src/rules/fold')) as typeof Fold;
  const { findSimilarPairs } = (await import('../server/src/rules/similarity')) as typeof Similarity;
  const { DEFAULT_SIMILARITY_THRESHOLD: threshold } = (await import('../server/src/model/config')) as typeof ConfigModule;

  const { wordFormsOf } = (await import('../server/src/rules/wordForms')) as typeof WordFormsModule;
  const { findSimilarKeys } = (await import('../server/src/rules/similarity')) as typeof Similarity;

  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const options = { threshold, shingles: 'words and pairs' as const, forms: wordFormsOf('nb') };
  const results: Record<string, number>[] = [];
  console.log(`similar-measures at threshold ${threshold} (Bokmål word forms, words and pairs, inverted index of rare ones); median of 5 runs after 1 warm-up`);
  for (const size of sizes.length > 0 ? sizes : [1000, 10000, 50000]) {
    const { text, planted } = generate(size);
    const tree = parse(text);
    const model = buildProgramme(tree);
    if (model.measures.length !== size) throw new Error(`generated ${model.measures.length} measures, expected ${size}`);
    const words = measureKeys(model).map(foldedWords);
    let result = findSimilarPairs(words, options);
    const indexMs = time(() => {
      result = findSimilarPairs(words, options);
    });
    let diagnostics = 0;
    const ruleMs = time(() => {
      diagnostics = checkSimilarMeasures(buildProgramme(tree)).length;
    });
    const row = {
      measures: size,
      indexMs: Math.round(indexMs * 10) / 10,
      ruleMs: Math.round(ruleMs * 10) / 10,
      words: result.words,
      candidates: result.candidates,
      visited: result.visited,
      indexed: result.indexed,
      budget: result.budget,
      cut: result.cut === undefined ? 0 : 1,
      pairs: result.pairs.length,
      diagnostics,
      planted,
    };
    results.push(row);
    console.log(
      `${String(size).padStart(6)} measures: index ${row.indexMs.toFixed(1).padStart(7)} ms, rule ${row.ruleMs.toFixed(1).padStart(7)} ms; ` +
        `${row.visited} posting entries read, ${row.candidates} candidate pairs verified (${perWord(row.visited + row.candidates, row.words)} per word, of a budget of 5 per word and 100,000${row.cut ? '; CUT' : ''}), ` +
        `${row.pairs} similar pairs found (${planted} planted)`,
    );
  }
  const pathological: Record<string, number | string | boolean>[] = [];
  if (!process.argv.includes('--no-pathological')) {
    console.log('pathological inputs (issue 15: bounded work), the whole rule once each:');
    for (const [name, text] of [
      ['200,000 near-identical measures', nearIdentical(200000)],
      ['20,000 measures of the same 30 words', thirtyWords(20000)],
    ] as const) {
      const model = buildProgramme(parse(text));
      const keys = measureKeys(model).filter((k) => k !== '');
      const t0 = performance.now();
      const found = checkSimilarMeasures(model);
      const ruleMs = performance.now() - t0;
      const cutDiagnostics = found.filter((d) => d.data?.cut !== undefined);
      // The index alone over the same keys (exact duplicates included), for its figures.
      const result = findSimilarKeys([...new Set(keys)], options);
      const work = result.visited + result.candidates;
      const row = {
        input: name,
        measures: model.measures.length,
        words: result.words,
        visited: result.visited,
        candidates: result.candidates,
        work,
        budget: result.budget,
        withinBudget: work <= result.budget,
        cut: result.cut !== undefined,
        cutDiagnostics: cutDiagnostics.length,
        diagnostics: found.length,
        ruleMs: Math.round(ruleMs),
      };
      pathological.push(row);
      console.log(
        `  ${name}: ${row.words} words, ${row.visited} entries read + ${row.candidates} candidates = ${work} (${perWord(work, row.words)} per word) of a budget of ${row.budget}; ` +
          `${row.cut ? 'cut' : 'not cut'}, ${row.cutDiagnostics} diagnostic${row.cutDiagnostics === 1 ? '' : 's'} saying so, ${row.diagnostics} similar-measures diagnostics in all; rule ${row.ruleMs} ms`,
      );
    }
  }
  const targets = pathological.map((row) => ({
    target: `${row.input}: work within the budget, one diagnostic where it cuts`,
    measured: `${row.work} of ${row.budget}; ${row.cutDiagnostics} cut diagnostic${row.cutDiagnostics === 1 ? '' : 's'}`,
    met: row.withinBudget === true && row.cutDiagnostics === (row.cut ? 1 : 0),
  }));
  console.log(JSON.stringify({ tool: 'ours.similarity', threshold, results, pathological, targets }));
}

/** `work / words` with two decimals. */
function perWord(work: number, words: number): string {
  return words === 0 ? '0' : (work / words).toFixed(2);
}

/** `count` measures that differ only in a number, 500 to a pillar (so that no number is read as a year). */
function nearIdentical(count: number): string {
  const lines = ['---', 'title: Nesten like', 'lang: nb', '---'];
  for (let i = 0; i < count; i++) {
    if (i % 500 === 0) lines.push(`# ${i / 500 + 1}. Skole`, '');
    lines.push(`${(i % 500) + 1}. Styrke skolen i kommunen med tiltak nummer ${i + 1}.`, '');
  }
  return lines.join('\n');
}

/** `count` measures of 8–20 words drawn from the same 30, 500 to a pillar. */
function thirtyWords(count: number): string {
  const words = 'skole helse klima bolig arbeid barn eldre vei buss tog kommune fylke stat skatt lønn natur energi vann kultur idrett sykehus lege politi forsvar bonde fisk skog jord hav by'.split(' ');
  const rnd = random(30);
  const lines = ['---', 'title: Få ord', 'lang: nb', '---'];
  for (let i = 0; i < count; i++) {
    if (i % 500 === 0) lines.push(`# ${i / 500 + 1}. Alt`, '');
    const text = Array.from({ length: 8 + Math.floor(rnd() * 13) }, () => words[Math.floor(rnd() * words.length)]).join(' ');
    lines.push(`${(i % 500) + 1}. ${text[0].toUpperCase()}${text.slice(1)}.`, '');
  }
  return lines.join('\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
