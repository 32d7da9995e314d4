/**
 * fast-check arbitraries of well-formed programmes, for the export round trips (`import(export(p))`
 * gives `p`'s pillars and measures back): the Word round trip (test/export/docx.test.ts) and any other
 * writer whose output the import reads.
 *
 * A generated programme has a front matter (title, `lang: nb`, a party sometimes), an optional
 * introduction, then 1–6 pillars `# N. Title` with titles of Norwegian-ish words, each with an
 * optional introduction and 0–12 measures numbered 1, 2, 3 …; a measure has 1–3 lines of words, 0–3
 * sub-points sometimes, a label `{#name}` sometimes, and references to existing measures, pillars and
 * labels (`[[2.3]]`, `[[2]]`, `[[#name]]`) sometimes; a pillar may hold an unnumbered sub-section
 * (`## Title`) between its measures. Nothing in it is an error or a warning but a pillar without
 * measures (`empty-pillar`), which the round trips must keep too.
 *
 * The words avoid what an importer reads as structure in plain text: no digits, no list markers, no
 * lead-in words ("vil", "ønsker") or colons at the end of a line, so a round trip fails only for what
 * a writer or a reader does.
 */
import fc from 'fast-check';

/** Words of Norwegian programmes (with æ, ø, å), none of them a lead-in word. */
export const WORDS = [
  'skole', 'helse', 'arbeid', 'klima', 'natur', 'bygd', 'byen', 'barnehage', 'eldre', 'omsorg', 'kollektivtrafikk', 'sykkel',
  'bolig', 'kultur', 'idrett', 'frivillighet', 'næring', 'lærling', 'fagbrev', 'jernbane', 'fjord', 'fiske', 'havbruk',
  'skog', 'energi', 'strøm', 'vannkraft', 'sjukehus', 'fastlege', 'tannhelse', 'ungdom', 'barn', 'familie', 'trygghet',
  'politi', 'beredskap', 'kommunen', 'fylket', 'staten', 'skatt', 'lønn', 'heltid', 'likestilling', 'mangfold', 'språk',
  'nynorsk', 'samisk', 'bibliotek', 'museum', 'festival', 'veg', 'ferje', 'bru', 'tunnel', 'havn', 'bredbånd', 'innbygger',
  'medvirkning', 'gratis', 'styrke', 'sikre', 'bygge', 'øke', 'redusere', 'innføre', 'utvide', 'satse', 'på', 'for', 'og',
  'i', 'med', 'til', 'alle', 'flere', 'nye', 'bedre', 'lokale', 'grønne', 'trygge', 'åpne', 'små', 'gode', 'hele', 'året',
];

/** The verbs a measure starts with (capitalised when written). */
const VERBS = ['styrke', 'sikre', 'bygge', 'øke', 'redusere', 'innføre', 'utvide', 'satse', 'gi', 'gjøre', 'verne', 'åpne', 'flytte', 'støtte'];

const capital = (s: string) => s.charAt(0).toLocaleUpperCase('nb') + s.slice(1);
const words = (min: number, max: number) => fc.array(fc.constantFrom(...WORDS), { minLength: min, maxLength: max }).map((w) => w.join(' '));

/** The shape of a generated measure, before references are chosen. */
interface MeasureShape {
  lines: string[];
  subPoints: string[];
  label: boolean;
  /** Where references go: after which line (index), and a number that picks the target. */
  references: { line: number; pick: number; kind: 'measure' | 'pillar' | 'label' }[];
}

interface PillarShape {
  title: string[];
  label: boolean;
  intro?: string;
  measures: MeasureShape[];
  /** Before which measure (index) an unnumbered sub-section stands, if any. */
  section?: { at: number; title: string };
}

const measureShape: fc.Arbitrary<MeasureShape> = fc.record({
  lines: fc.tuple(fc.constantFrom(...VERBS), words(1, 8), fc.array(words(2, 9), { maxLength: 2 })).map(([verb, first, more]) => [`${capital(verb)} ${first}`, ...more]),
  subPoints: fc.oneof({ weight: 3, arbitrary: fc.constant([] as string[]) }, { weight: 1, arbitrary: fc.array(words(1, 6), { minLength: 1, maxLength: 3 }) }),
  label: fc.boolean(),
  references: fc.oneof(
    { weight: 3, arbitrary: fc.constant([] as MeasureShape['references']) },
    { weight: 1, arbitrary: fc.array(fc.record({ line: fc.nat(2), pick: fc.nat(), kind: fc.constantFrom('measure' as const, 'pillar' as const, 'label' as const) }), { minLength: 1, maxLength: 2 }) },
  ),
});

const pillarShape: fc.Arbitrary<PillarShape> = fc.record(
  {
    title: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 5 }),
    label: fc.boolean(),
    intro: words(4, 14).map((s) => `${capital(s)}.`),
    measures: fc.array(measureShape, { maxLength: 12 }),
    section: fc.record({ at: fc.nat(12), title: words(1, 4).map(capital) }),
  },
  { requiredKeys: ['title', 'label', 'measures'] },
);

/** Options of {@link programmeText}. */
export interface ProgrammeOptions {
  /** Measures written with their full id (`1.3 Text`) in every pillar, instead of `3. Text`. */
  fullIds?: boolean;
}

/**
 * The text of a programme of these shapes: measures' labels named `mål-K` (K counting the labels from
 * 1; the `å` needs folding in a Word bookmark), pillars' `kapittel-N` (which is also the anchor a
 * writer may want for pillar N: the anchors must stay unique), references picked among the measures,
 * pillars and labels that exist.
 */
function programmeText(title: string, party: string | undefined, intro: string | undefined, pillars: PillarShape[], options: ProgrammeOptions): string {
  const measureIds: string[] = [];
  const labels: string[] = [];
  const labelOf = new Map<unknown, string>();
  const label = (owner: unknown, name: string) => {
    labels.push(name);
    labelOf.set(owner, name);
  };
  pillars.forEach((p, i) => {
    if (p.label) label(p, `kapittel-${i + 1}`);
    p.measures.forEach((m, k) => {
      measureIds.push(`${i + 1}.${k + 1}`);
      if (m.label) label(m, `mål-${labels.length + 1}`);
    });
  });
  const referenceText = (r: MeasureShape['references'][number]): string => {
    if (r.kind === 'label' && labels.length > 0) return `(se [[#${labels[r.pick % labels.length]}]])`;
    if (r.kind === 'measure' && measureIds.length > 0) return `(se [[${measureIds[r.pick % measureIds.length]}]])`;
    return `(se [[${(r.pick % pillars.length) + 1}]])`;
  };
  const out: string[] = ['---', `title: ${title}`, ...(party !== undefined ? [`party: ${party}`] : []), 'lang: nb', '---', ''];
  if (intro !== undefined) out.push(intro, '');
  pillars.forEach((p, i) => {
    const label = labelOf.get(p);
    out.push(`# ${i + 1}. ${capital(p.title.join(' '))}${label !== undefined ? ` {#${label}}` : ''}`, '');
    if (p.intro !== undefined) out.push(p.intro, '');
    p.measures.forEach((m, k) => {
      if (p.section !== undefined && p.section.at === k) out.push(`## ${p.section.title}`, '');
      const lines = m.lines.slice();
      for (const r of m.references) {
        const at = Math.min(r.line, lines.length - 1);
        lines[at] = `${lines[at]} ${referenceText(r)}`;
      }
      const mLabel = labelOf.get(m);
      if (mLabel !== undefined) lines[0] = `${lines[0]} {#${mLabel}}`;
      const number = options.fullIds === true ? `${i + 1}.${k + 1}` : `${k + 1}.`;
      out.push(`${number} ${lines[0]}`, ...lines.slice(1), ...m.subPoints.map((s) => `- ${s}`), '');
    });
  });
  return out.join('\n');
}

/** A well-formed programme's text (see the module comment). */
export function wellFormedProgramme(options: ProgrammeOptions = {}): fc.Arbitrary<string> {
  return fc
    .record(
      {
        title: words(1, 5).map((s) => `${capital(s)} 2027`),
        party: fc.constantFrom('Bygdelista', 'Fjordpartiet', 'Grønn framtid'),
        intro: words(5, 20).map((s) => `${capital(s)}.`),
        // Distinct titles: two pillars of one title are a warning (duplicate-title).
        pillars: fc.uniqueArray(pillarShape, { minLength: 1, maxLength: 6, selector: (p) => p.title.join(' ') }),
      },
      { requiredKeys: ['title', 'pillars'] },
    )
    // Distinct measure texts: two measures of one text, in one pillar or two, are a warning
    // (duplicate-measure; short ones such as "Utvide mangfold" meet often when shrinking).
    .filter((r) => {
      const texts = r.pillars.flatMap((p) => p.measures.map((m) => m.lines.join(' ').toLocaleLowerCase('nb')));
      return new Set(texts).size === texts.length;
    })
    .map((r) => programmeText(r.title, r.party, r.intro, r.pillars, options));
}
