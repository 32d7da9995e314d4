// Generates the benchmark's inputs: seeded programmes of N measures and the same content as CommonMark.
/**
 * Deterministic inputs for `npm run bench` (bench/README.md).
 *
 * A generated programme has front matter, an unnumbered introduction, then pillars of about 10
 * measures each (8–12), some with a numbered sub-section half way; measures are 1–3 wrapped lines of
 * Norwegian-like words with æøå, about 10 % carry a label, about 6 % a `[[…]]` reference to an earlier
 * pillar, measure or label, 5 % have two sub-points, and there are a few `//` comments. Planted on
 * purpose (so that every rule has something to find): exact duplicate measures and near-duplicates
 * (one word changed), about one each per 1,000 measures; numbering slips (a skipped or a repeated
 * number), about one per 2,000; and one reference to a label that does not exist.
 *
 * The same content is also written as CommonMark Markdown for the peers: pillars and sub-sections as
 * the same ATX headings, measures as ordered list items (continuation lines indented under the item),
 * sub-points as nested bullet lists, references as links to the heading of the pillar they point into
 * (`[1.3](#1-arbeid-og-næring)`, slugs made by vscode-markdown-languageservice's GitHub slugifier),
 * comments as HTML comments. Markdown cannot hold labels or front matter, so they are left out there.
 *
 * Everything comes from one seeded PRNG (mulberry32), so the same size always gives the same bytes.
 */
import { githubSlugifier } from 'vscode-markdown-languageservice';

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Our own made-up vocabulary (no text from real programmes).
const STEMS = ['skole', 'helse', 'klima', 'natur', 'arbeids', 'nærings', 'bolig', 'kultur', 'idretts', 'barne', 'eldre', 'omsorgs', 'samferdsels', 'energi', 'jord', 'skog', 'fiskeri', 'havbruks', 'kyst', 'distrikts', 'by', 'kommune', 'fylkes', 'lærer', 'student', 'forsknings', 'innovasjons', 'sykehus', 'fastlege', 'tannhelse', 'rus', 'beredskaps', 'politi', 'forsvars', 'bistands', 'likestillings', 'mangfolds', 'språk', 'bibliotek', 'frivillighets', 'ungdoms', 'familie', 'skatte', 'avgifts', 'pensjons', 'trygde', 'lønns', 'tariff', 'lærlinge', 'fagbrev', 'vei', 'jernbane', 'ferje', 'buss', 'sykkel', 'vann', 'avløps', 'strøm', 'vind', 'sol', 'hydrogen', 'batteri', 'plast', 'avfalls', 'gjenbruks', 'mat', 'landbruks', 'reindrifts', 'sjø', 'fjell', 'frilufts', 'reiseliv', 'museums', 'musikk', 'film', 'medie', 'demokrati', 'valg', 'personverns', 'digital', 'grønn', 'hav', 'høyskole', 'barnehage', 'fritids', 'sameting', 'nordområde', 'øy', 'fjord', 'dal'];
const SUFFIXES = ['tilbud', 'tjenester', 'ordningen', 'satsingen', 'planen', 'strategien', 'reformen', 'løftet', 'garantien', 'tilskudd', 'senter', 'kontor', 'områder', 'næringen', 'arbeidet', 'utviklingen', 'sektoren', 'politikken', 'kompetanse', 'kapasitet', 'fondet', 'programmet', 'loven', 'avtalen', 'budsjettet', 'nettet', 'vernet', 'tilsynet', 'rådgivning', 'økonomien', 'plasser', 'tiltak', 'ansatte', 'bygg', 'midler'];
const VERBS = ['Styrke', 'Innføre', 'Sikre', 'Øke', 'Bygge ut', 'Utvide', 'Redusere', 'Etablere', 'Gjennomføre', 'Utrede', 'Fjerne', 'Gi', 'Satse på', 'Trappe opp', 'Ruste opp', 'Forenkle', 'Støtte', 'Prioritere', 'Beholde', 'Videreføre', 'Opprette', 'Endre', 'Løfte', 'Modernisere', 'Senke', 'Åpne', 'Beskytte', 'Fremme', 'Sørge for', 'Bidra til'];
const ADJECTIVES = ['nye', 'flere', 'bedre', 'grønne', 'lokale', 'nasjonale', 'offentlige', 'private', 'trygge', 'rettferdige', 'små', 'store', 'gode', 'hele', 'faste', 'gratis', 'universelle', 'bærekraftige', 'digitale', 'åpne', 'sterke', 'nære', 'økte', 'lavere', 'høyere', 'tydelige', 'felles', 'regionale', 'særskilte', 'varige'];
const CONNECTORS = ['og', 'i', 'for', 'til', 'med', 'som gir', 'på', 'av', 'i hele landet for', 'for alle', 'slik at', 'gjennom', 'uten', 'mellom', 'over', 'under', 'etter', 'blant', 'innen', 'ved'];
const OBJECTS = ['barn', 'unge', 'eldre', 'familier', 'pasienter', 'elever', 'lærere', 'ansatte', 'bønder', 'fiskere', 'kommunene', 'fylkene', 'staten', 'bedrifter', 'frivilligheten', 'innbyggerne', 'studenter', 'pendlere', 'bygdene', 'byene', 'kystsamfunnene', 'næringslivet'];

const WRAP = 76;

/**
 * Generates one programme of exactly `measureCount` measures from `seed`.
 * Returns `{ programme, markdown, facts }`: the two texts and what was planted (counts).
 */
export function generate(measureCount, seed = 20270901) {
  const rnd = mulberry32(seed ^ measureCount);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const chance = (p) => rnd() < p;
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const compound = () => pick(STEMS) + pick(SUFFIXES);
  const phrase = () => (chance(0.5) ? `${pick(ADJECTIVES)} ${compound()}` : chance(0.5) ? compound() : pick(OBJECTS));
  const capital = (s) => s.charAt(0).toLocaleUpperCase('nb') + s.slice(1);
  /** A sentence of at least `minChars` characters, without the final full stop. */
  const clause = (minChars) => {
    let s = `${pick(VERBS)} ${phrase()}`;
    while (s.length < minChars) s += ` ${pick(CONNECTORS)} ${phrase()}`;
    return s;
  };

  // Which measures (0-based, in document order) get a planted problem.
  const perThousand = Math.max(1, Math.round(measureCount / 1000));
  const slips = Math.max(1, Math.round(measureCount / 2000));
  const plantAt = (count, from) => {
    const at = new Set();
    while (at.size < count) at.add(int(from, measureCount - 1));
    return at;
  };
  const lateStart = Math.min(measureCount - 1, Math.max(3, Math.floor(measureCount / 10)));
  const duplicateAt = plantAt(perThousand, lateStart);
  const nearAt = plantAt(perThousand, lateStart);
  const skipAt = plantAt(slips, 2);
  const repeatAt = plantAt(slips, 2);
  const unresolvedAt = int(Math.floor(measureCount / 2), measureCount - 1);
  const facts = { measures: measureCount, pillars: 0, duplicates: 0, nearDuplicates: 0, skipped: 0, repeated: 0, labels: 0, references: 0, unresolved: 0 };

  // The structure, then the two renderings.
  const pillars = [];
  const plain = []; // earlier measures' words, without sub-points or reference (sources of twins)
  const targets = []; // earlier things one can refer to: { programme, markdownText, pillar }
  let made = 0;
  while (made < measureCount) {
    const number = pillars.length + 1;
    const title = `${capital(compound())} og ${pick(STEMS)}${pick(SUFFIXES)}`;
    const pillar = { number, title, label: chance(0.3) ? `${compound()}-${number}` : undefined, prose: '', items: [] };
    pillar.prose = `${clause(60 + int(0, 120))}. ${clause(40)}.`;
    pillars.push(pillar);
    if (pillar.label !== undefined) targets.push({ programme: `#${pillar.label}`, markdownText: pillar.label, pillar: number });
    targets.push({ programme: String(number), markdownText: String(number), pillar: number });
    const count = Math.min(int(8, 12), measureCount - made);
    const subAfter = number % 3 === 0 && count >= 6 ? Math.floor(count / 2) : -1;
    let n = 0;
    for (let k = 0; k < count; k++, made++) {
      if (k === subAfter) pillar.items.push({ kind: 'subsection', number: `${number}.1`, title: `${capital(compound())} og ${pick(OBJECTS)}` });
      if (chance(0.01)) pillar.items.push({ kind: 'comment', text: `Merknad: ${clause(30).toLowerCase()}.` });
      n += 1;
      if (skipAt.has(made)) { n += 1; facts.skipped++; }
      if (repeatAt.has(made) && n > 1) { n -= 1; facts.repeated++; }
      let words;
      const planted = (duplicateAt.has(made) || nearAt.has(made)) && plain.length > 0;
      if (planted && duplicateAt.has(made)) {
        words = pick(plain);
        facts.duplicates++;
      } else if (planted) {
        // One word changed in a text of at least 14 words: word-pair Jaccard ≥ 11/15 ≈ 0.73.
        const long = plain.filter((w) => w.length >= 14);
        const twin = [...(long.length > 0 ? pick(long) : pick(plain))];
        const at = int(2, twin.length - 2);
        let other = pick(OBJECTS);
        while (other === twin[at]) other = pick(OBJECTS);
        twin[at] = other;
        words = twin;
        facts.nearDuplicates++;
      } else {
        const lines = int(1, 3);
        words = `${clause(lines * 72 - 16 + int(0, 30))}.`.split(' ');
      }
      const measure = { kind: 'measure', numberText: String(n), words: [...words], reference: undefined, label: undefined, subPoints: [] };
      if (made === unresolvedAt) {
        measure.reference = { programme: '#finnes-ikke', markdownText: 'finnes-ikke', pillar: undefined };
        facts.unresolved++;
      } else if (!planted && chance(0.06) && targets.length > 0) {
        measure.reference = pick(targets);
      }
      if (measure.reference !== undefined) facts.references++;
      if (chance(0.1)) measure.label = `${compound()}-${number}-${n}`;
      // Planted twins and their originals have no sub-points and no reference (their words are part of
      // the measure's text, and would make the twins differ by more than planned).
      if (!planted && chance(0.05)) measure.subPoints = [`for ${pick(OBJECTS)} og ${pick(OBJECTS)}`, `med ${phrase()}`];
      else if (!planted && measure.reference === undefined) plain.push(words);
      pillar.items.push(measure);
      targets.push({ programme: `${number}.${n}`, markdownText: `${number}.${n}`, pillar: number });
      if (measure.label !== undefined) targets.push({ programme: `#${measure.label}`, markdownText: measure.label, pillar: number });
    }
  }
  facts.pillars = pillars.length;
  facts.labels = pillars.filter((p) => p.label).length + pillars.reduce((s, p) => s + p.items.filter((i) => i.label).length, 0);
  return { programme: renderProgramme(pillars), markdown: renderMarkdown(pillars), facts };
}

/** Wraps `words` after `prefix` into at most three lines of about {@link WRAP} characters. */
function wrap(words, prefix) {
  const lines = [];
  let line = prefix + words[0];
  for (const w of words.slice(1)) {
    if (line.length + 1 + w.length > WRAP && lines.length < 2) {
      lines.push(line);
      line = w;
    } else {
      line += ` ${w}`;
    }
  }
  lines.push(line);
  return lines;
}

const FRONT_MATTER = ['---', 'title: Partiprogram 2027–2031 (generert for måling)', 'party: Målepartiet', 'election: Stortingsvalget 2027', 'year: 2027', 'lang: nb', 'status: draft', '---', ''];
const INTRODUCTION = ['# Innledning', '', 'Dette programmet er laget av en maskin for å måle hvor raskt verktøyene er. Ordene er tilfeldige,', 'men formen er som i et ekte partiprogram: søyler, tiltak, henvisninger og merkelapper.', ''];

function renderProgramme(pillars) {
  const out = [...FRONT_MATTER, ...INTRODUCTION];
  for (const p of pillars) {
    out.push(`# ${p.number}. ${p.title}${p.label ? ` {#${p.label}}` : ''}`, '', p.prose, '', 'Partiet vil:', '');
    for (const item of p.items) {
      if (item.kind === 'subsection') out.push(`## ${item.number} ${item.title}`, '');
      else if (item.kind === 'comment') out.push(`// ${item.text}`);
      else {
        const words = [...item.words];
        if (item.reference) words.push(`(se [[${item.reference.programme}]]).`);
        if (item.label) words.push(`{#${item.label}}`);
        out.push(...wrap(words, `${item.numberText}. `));
        for (const s of item.subPoints) out.push(`- ${s}`);
        out.push('');
      }
    }
  }
  return out.join('\n');
}

function renderMarkdown(pillars) {
  // Heading slugs as VS Code's Markdown support makes them (duplicates get -1, -2, …).
  const slugs = githubSlugifier.createBuilder();
  const pillarSlug = new Map();
  const out = [];
  const heading = (marks, text) => {
    out.push(`${marks} ${text}`, '');
    return slugs.add(text).value;
  };
  heading('#', 'Innledning');
  out.push(...INTRODUCTION.slice(2));
  for (const p of pillars) {
    pillarSlug.set(p.number, heading('#', `${p.number}. ${p.title}`));
    out.push(p.prose, '', 'Partiet vil:', '');
    for (const item of p.items) {
      if (item.kind === 'subsection') heading('##', `${item.number} ${item.title}`);
      else if (item.kind === 'comment') out.push(`<!-- ${item.text} -->`, '');
      else {
        const words = [...item.words];
        if (item.reference) {
          const slug = item.reference.pillar === undefined ? 'finnes-ikke' : pillarSlug.get(item.reference.pillar);
          words.push(`(se [${item.reference.markdownText}](#${slug})).`);
        }
        const marker = `${item.numberText}. `;
        const indent = ' '.repeat(marker.length);
        wrap(words, marker).forEach((l, i) => out.push(i === 0 ? l : indent + l));
        for (const s of item.subPoints) out.push(`${indent}- ${s}`);
        out.push('');
      }
    }
  }
  return out.join('\n');
}

/**
 * Converts a programme written by people (the bundled example) to CommonMark in the same way as
 * {@link generate} renders its Markdown: front matter and labels dropped, continuation lines and
 * sub-points indented under their list item, `//` comments as HTML comments, references as links to
 * the heading of the pillar (or labelled heading) they point into. Line-based; good enough for the
 * example's shapes, not a general converter.
 */
export function programmeToMarkdown(text) {
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  let i = 0;
  if (lines[0] === '---') {
    i = lines.findIndex((l, k) => k > 0 && (l === '---' || l === '...')) + 1;
  }
  const body = lines.slice(i);
  const LABEL = /\s*\{#([^}\s]+)\}\s*$/;
  // First pass: heading slugs, and which label lives under which heading.
  const slugs = githubSlugifier.createBuilder();
  const labelSlug = new Map();
  const pillarSlug = new Map();
  let current = 'finnes-ikke';
  for (const l of body) {
    const h = /^(#{1,6})[ \t]+(.*)$/.exec(l);
    if (h) {
      const title = h[2].replace(LABEL, '');
      current = slugs.add(title).value;
      const n = /^\**(\d+)[.)]/.exec(title);
      if (h[1] === '#' && n) pillarSlug.set(n[1], current);
    }
    const label = LABEL.exec(l);
    if (label && !l.trimStart().startsWith('//')) labelSlug.set(label[1].toLowerCase(), current);
  }
  const link = (target) => {
    const t = target.trim();
    const slug = t.startsWith('#') ? labelSlug.get(t.slice(1).toLowerCase()) : pillarSlug.get(t.split('.')[0]);
    return `[${t.replace(/^#/, '')}](#${slug ?? 'finnes-ikke'})`;
  };
  const out = [];
  let indent = '';
  for (const l of body) {
    if (l.trim() === '') { out.push(''); indent = ''; continue; }
    if (/^\s*\/\//.test(l)) { out.push(`<!-- ${l.trim().slice(2).trim()} -->`); continue; }
    let line = l.replace(LABEL, '').replace(/\[\[([^\]]*)\]\]/g, (_, t) => link(t));
    const h = /^#{1,6}[ \t]/.test(line);
    const m = /^(\d+[A-Z]?[.)])[ \t]/.exec(line);
    if (h) indent = '';
    else if (m) indent = ' '.repeat(m[1].length + 1);
    else if (indent !== '') line = indent + line.trimStart();
    out.push(line);
  }
  return out.join('\n');
}

// Our own 30 everyday Norwegian words (no text from real programmes), for the small-vocabulary case.
const SMALL_VOCABULARY = ['styrke', 'skolen', 'kommunen', 'barn', 'unge', 'eldre', 'helse', 'bygge', 'bolig', 'arbeid', 'trygg', 'miljø', 'klima', 'vei', 'buss', 'tog', 'kultur', 'idrett', 'frivillig', 'lag', 'sikre', 'flere', 'gode', 'tilbud', 'alle', 'hele', 'byen', 'ny', 'plan', 'økt'];

/**
 * A big programme with a small vocabulary (issue 15): the input on which the near-duplicate search
 * once went superlinear and the language server stopped answering. Front matter (`lang: nb`), then
 * pillars `# N. Kapittel N` of `measuresPerPillar` measures each; every measure is one line of 6–13
 * words drawn uniformly from the first `words` words of a fixed list of 30 Norwegian words, the first
 * capitalised, ending with a full stop (`12. Styrke barn økt plan helse byen.`). No labels, references,
 * sub-points or comments; exact duplicate measures happen only by chance (rare with 30 words).
 *
 * Pillars are added until the text has at least `bytes` bytes of UTF-8 (the last pillar is completed,
 * so it may exceed `bytes` by up to one pillar); 20 MB with 30 words and 200 measures per pillar is
 * about 330,000 measures in 1,650 pillars. Deterministic: the same options give the same text
 * ({@link mulberry32} seeded with `seed`).
 *
 * @param {{ bytes: number, words?: number, seed?: number, measuresPerPillar?: number }} options
 *   `words` from 1 to 30 (default 30); `seed` an integer (default 15); `measuresPerPillar` ≥ 1 (default 200).
 * @returns {string} the programme, lines separated by `\n`.
 * @throws {RangeError} when `words` is outside 1–30 or `measuresPerPillar` below 1.
 */
export function smallVocabularyProgramme({ bytes, words = 30, seed = 15, measuresPerPillar = 200 }) {
  if (!Number.isInteger(words) || words < 1 || words > SMALL_VOCABULARY.length) throw new RangeError(`words must be a whole number from 1 to ${SMALL_VOCABULARY.length}, not ${words}`);
  if (!Number.isInteger(measuresPerPillar) || measuresPerPillar < 1) throw new RangeError(`measuresPerPillar must be a whole number above 0, not ${measuresPerPillar}`);
  const rnd = mulberry32(seed);
  const vocabulary = SMALL_VOCABULARY.slice(0, words);
  const capitalised = vocabulary.map((w) => w.charAt(0).toLocaleUpperCase('nb') + w.slice(1));
  const wordBytes = vocabulary.map((w) => Buffer.byteLength(w));
  const head = ['---', 'title: Et stort program med få ord (generert for måling)', 'lang: nb', '---', ''];
  const out = [head.join('\n')];
  let size = Buffer.byteLength(out[0]) + 1;
  for (let pillar = 1; size < bytes; pillar++) {
    const heading = `# ${pillar}. Kapittel ${pillar}\n`;
    out.push(heading);
    size += heading.length + 1;
    for (let m = 1; m <= measuresPerPillar; m++) {
      const count = 6 + Math.floor(rnd() * 8);
      let first = Math.floor(rnd() * words);
      let line = `${m}. ${capitalised[first]}`;
      size += String(m).length + 2 + wordBytes[first];
      for (let i = 1; i < count; i++) {
        first = Math.floor(rnd() * words);
        line += ` ${vocabulary[first]}`;
        size += 1 + wordBytes[first];
      }
      out.push(`${line}.`);
      size += 2;
    }
    out.push('');
  }
  return out.join('\n');
}
