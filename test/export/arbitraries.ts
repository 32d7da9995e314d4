/**
 * Generated well-formed programmes for the export's round trips and schema checks: what a writer
 * would write and the checker finds nothing to report in — numbered pillars with titles, measures
 * numbered 1, 2, 3 … per pillar (over sub-sections), words with the signs that Markdown, HTML and Word
 * must escape, sub-points, labels, and references only to measures, pillars and labels that exist.
 */
import fc from 'fast-check';

/** Words a line may start with: letters only, so that no line reads as a number, a bullet or a heading. */
const FIRST_WORDS = ['Styrke', 'Bygge', 'Sikre', 'skolen', 'Helse', 'klima', 'Æra', 'Øke', 'Åpne', 'Straße', 'café', 'Natur', 'Arbeid', 'Gi'];

/**
 * Words inside a line: the signs that a writer must escape (`*`, `_`, `<`, `&`, `#`, `|`, backslash,
 * brackets, back-ticks, `$`, `~`), a number with a full stop, a colon at a word's end (a measure that
 * reads as a lead-in), non-Latin letters.
 */
const WORDS = [...FIRST_WORDS, 'og', 'for', 'alle', 'i', 'hele', 'landet', '*viktig*', 'snake_case', '_under_', '<b>fet</b>', 'A&amp;B', '#1', 'a|b', 'a\\b', '[lenke]', '`kode`', '$5', '~ca~', '17.', '2027', '(se', 'også)', 'vil:', 'ΣΥΝ', 'мир', '"sitat"', "'enkelt'", '!', '<https://example.org>'];

/** A label's name: unique within a programme by its index. */
const labelName = (k: number) => `merke-${k}`;

/** What a reference may name: a measure by its id, a pillar by its number, a label by its name. */
type Target = { kind: 'measure'; id: string } | { kind: 'pillar'; id: string } | { kind: 'label'; name: string };

interface MeasureShape {
  lines: { first: string; words: string[] }[];
  label: boolean;
  subPoints: { first: string; words: string[] }[];
  /** Seeds of the references in the measure's first line (each picks one target). */
  references: number[];
  /** A sub-section heading before the measure (its title words). */
  subsection?: string[];
}

interface PillarShape {
  title: string[];
  label: boolean;
  intro?: { first: string; words: string[] };
  measures: MeasureShape[];
}

const line = fc.record({ first: fc.constantFrom(...FIRST_WORDS), words: fc.array(fc.constantFrom(...WORDS), { maxLength: 8 }) });
const title = fc.tuple(fc.constantFrom(...FIRST_WORDS), fc.array(fc.constantFrom(...FIRST_WORDS, 'og', 'for', 'alle'), { maxLength: 4 })).map(([first, rest]) => [first, ...rest]);

const measure: fc.Arbitrary<MeasureShape> = fc.record(
  {
    lines: fc.array(line, { minLength: 1, maxLength: 3 }),
    label: fc.boolean(),
    subPoints: fc.array(line, { maxLength: 3 }),
    references: fc.array(fc.nat(), { maxLength: 2 }),
    subsection: title,
  },
  { requiredKeys: ['lines', 'label', 'subPoints', 'references'] },
);

const pillar: fc.Arbitrary<PillarShape> = fc.record(
  { title, label: fc.boolean(), intro: line, measures: fc.array(measure, { maxLength: 12 }) },
  { requiredKeys: ['title', 'label', 'measures'] },
);

const frontMatter = fc.record(
  {
    title: title.map((t) => t.join(' ')),
    party: fc.constantFrom('Eksempelpartiet', 'Fjordvik Bygdeliste'),
    election: fc.constantFrom('Kommunevalget 2027', 'Stortingsvalget'),
    year: fc.constant(2027),
    lang: fc.constantFrom('nb', 'nn', 'de', 'en'),
    status: fc.constantFrom('draft', 'adopted'),
  },
  { requiredKeys: ['title'] },
);

/**
 * A well-formed programme's text: optional front matter (a title, and some of party, election, year,
 * lang, status), an optional unnumbered introduction, then 1–6 pillars `# N. Title` (some with a label
 * and an introduction), each with 0–12 measures of 1–3 lines of words, some with a label at the end of
 * their first line, sub-points, references (`[[1.3]]`, `[[2]]`, `[[#merke-4]]`) to measures, pillars
 * and labels of the programme, and a sub-section (`## Title`) before some of them. Measures are
 * numbered 1, 2, 3 … per pillar; labels are unique.
 */
export const wellFormedProgramme: fc.Arbitrary<string> = fc
  .record(
    { frontMatter, intro: fc.tuple(title, line), pillars: fc.array(pillar, { minLength: 1, maxLength: 6 }) },
    { requiredKeys: ['pillars'] },
  )
  .map(({ frontMatter: fm, intro, pillars }) => {
    // The targets first, so that a reference may name a measure further down.
    const targets: Target[] = [];
    let labels = 0;
    pillars.forEach((p, i) => {
      targets.push({ kind: 'pillar', id: String(i + 1) });
      if (p.label) targets.push({ kind: 'label', name: labelName(labels++) });
      p.measures.forEach((m, j) => {
        targets.push({ kind: 'measure', id: `${i + 1}.${j + 1}` });
        if (m.label) targets.push({ kind: 'label', name: labelName(labels++) });
      });
    });
    const reference = (seed: number): string => {
      const t = targets[seed % targets.length];
      return t.kind === 'label' ? `[[#${t.name}]]` : `[[${t.id}]]`;
    };
    const text = (l: { first: string; words: string[] }) => [l.first, ...l.words].join(' ');

    const out: string[] = [];
    if (fm !== undefined) {
      out.push('---', ...Object.entries(fm).map(([k, v]) => `${k}: ${typeof v === 'string' ? JSON.stringify(v) : v}`), '---', '');
    }
    if (intro !== undefined) out.push(`# ${intro[0].join(' ')}`, '', text(intro[1]), '');
    labels = 0;
    pillars.forEach((p, i) => {
      out.push(`# ${i + 1}. ${p.title.join(' ')}${p.label ? ` {#${labelName(labels++)}}` : ''}`, '');
      if (p.intro !== undefined) out.push(text(p.intro), '');
      p.measures.forEach((m, j) => {
        if (m.subsection !== undefined) out.push(`## ${m.subsection.join(' ')}`, '');
        const [first, ...more] = m.lines;
        const refs = m.references.map((r) => ` ${reference(r)}`).join('');
        out.push(`${j + 1}. ${text(first)}${refs}${m.label ? ` {#${labelName(labels++)}}` : ''}`);
        for (const l of more) out.push(text(l));
        for (const s of m.subPoints) out.push(`- ${text(s)}`);
        out.push('');
      });
    });
    return out.join('\n');
  });
