/**
 * The programme as data, for websites and other tools (docs/export.md, "JSON"): its front matter, the
 * table of contents, pillars, sections and sub-sections with their prose and measures, every measure
 * with its id, number, label, anchor, text and references, and a flat list of the references with
 * their resolved targets. Its shape is schemas/programme-export.schema.json (format `version` 1), which
 * test/export/json.test.ts holds it to with ajv.
 *
 * Every key is always there: a value the programme does not have is `null` (or an empty list), so
 * that a reader needs no test for a missing key. Texts are plain: references as printed ("tiltak
 * 4.7"), no labels, no comments, no escape backslashes. `inlines` give the same text in runs, with each
 * reference's target, for a writer that links them. Lines are 0-based source lines.
 */
import type { Programme } from '../model/programme';
import { readFrontMatter } from '../rules/frontMatter';
import { plain, type PrintedHeading, type PrintedInline, type PrintedMeasure, type PrintedParagraph, type PrintedPart, type Publication } from './document';

/** The version of the format written here (the schema's `version`); a change that breaks readers raises it. */
export const EXPORT_JSON_VERSION = 1;

/** A run of inline content: text, or a reference with its target (null when it names nothing). */
export type JsonInline = { kind: 'text'; text: string } | ({ kind: 'reference' } & JsonReference);

/** A reference: its printed text, what is written between its brackets, its 0-based line, and its target or null. */
export interface JsonReference {
  text: string;
  written: string;
  line: number;
  target: JsonTarget | null;
}

/** A reference's resolved target: its kind, id (null for an unnumbered heading), the anchor the reference links to, and a heading's title. */
export interface JsonTarget {
  kind: 'measure' | 'pillar' | 'section' | 'subsection';
  id: string | null;
  anchor: string;
  title: string | null;
}

/** A reference in the flat list, with where it stands. */
export interface JsonReferenceEntry extends JsonReference {
  /** The measure or heading it stands in, or (for prose) the heading above it; null for prose before any heading. */
  from: { kind: 'measure' | 'heading' | 'paragraph'; id: string | null; anchor: string | null };
}

/** A paragraph of prose: running text and the bullets of a list in it. */
export interface JsonParagraph {
  text: string;
  inlines: JsonInline[];
  list: { text: string; inlines: JsonInline[]; line: number }[];
  line: number;
  endLine: number;
}

/** A measure. */
export interface JsonMeasure {
  id: string;
  number: string;
  value: number;
  alternative: string | null;
  pillar: string | null;
  label: string | null;
  anchor: string;
  labelAnchor: string | null;
  text: string;
  inlines: JsonInline[];
  subPoints: { text: string; inlines: JsonInline[]; line: number }[];
  references: JsonReference[];
  line: number;
  endLine: number;
}

/** A pillar, an unnumbered section or a sub-section, with what stands under it. */
export interface JsonHeading {
  number: string | null;
  id: string | null;
  title: string;
  inlines: JsonInline[];
  anchor: string;
  label: string | null;
  labelAnchor: string | null;
  /** 1 for pillars and sections, 2… for sub-sections (their `#` count as written; nesting is by `subsections`). */
  level: number;
  line: number;
  paragraphs: JsonParagraph[];
  measures: JsonMeasure[];
  subsections: JsonHeading[];
}

/** The whole export (schemas/programme-export.schema.json). */
export interface JsonExport {
  version: number;
  frontMatter: {
    title: string | null;
    party: string | null;
    election: string | null;
    year: number | null;
    lang: string | null;
    status: 'draft' | 'adopted' | null;
    adopted: string | null;
    version: string | null;
  };
  language: string;
  languageTag: string;
  toc: { level: number; number: string | null; title: string; anchor: string; measures: number }[];
  preamble: { paragraphs: JsonParagraph[]; measures: JsonMeasure[] };
  sections: JsonHeading[];
  pillars: JsonHeading[];
  references: JsonReferenceEntry[];
}

/**
 * The JSON value of `pub`, the publication of `p` (see schemas/programme-export.schema.json and the
 * module comment). `p` gives what the publication does not print: the front matter's `lang` as
 * written. Pure; never throws.
 */
export function renderJson(pub: Publication, p: Programme): JsonExport {
  const lang = readFrontMatter(p)?.data.lang;
  const out: JsonExport = {
    version: EXPORT_JSON_VERSION,
    frontMatter: {
      title: pub.title.title ?? null,
      party: pub.title.party ?? null,
      election: pub.title.election ?? null,
      year: pub.title.year ?? null,
      lang: typeof lang === 'string' ? lang : null,
      status: pub.title.status ?? null,
      adopted: pub.title.adopted ?? null,
      version: pub.title.version ?? null,
    },
    language: pub.language,
    languageTag: pub.languageTag,
    toc: pub.toc.map((e) => ({ level: e.level, number: e.number ?? null, title: e.title, anchor: e.anchor, measures: e.measures })),
    preamble: { paragraphs: [], measures: [] },
    sections: [],
    pillars: [],
    references: [],
  };

  /** The open headings, outermost first, each with its printed level. */
  const open: { level: number; heading: JsonHeading }[] = [];
  const add = (ref: JsonReference, from: JsonReferenceEntry['from']) => out.references.push({ ...ref, from });
  for (const block of pub.blocks) {
    const top = open[open.length - 1];
    if (block.kind === 'heading') {
      while (open.length > 0 && open[open.length - 1].level >= block.level) open.pop();
      const parent = open[open.length - 1];
      const heading = jsonHeading(block);
      if (parent !== undefined) parent.heading.subsections.push(heading);
      else if (block.role === 'pillar') out.pillars.push(heading);
      else out.sections.push(heading);
      open.push({ level: block.level, heading });
      for (const ref of references(heading.inlines)) add(ref, { kind: 'heading', id: heading.id, anchor: heading.anchor });
    } else if (block.kind === 'measure') {
      const measure = jsonMeasure(block);
      (top?.heading ?? out.preamble).measures.push(measure);
      for (const ref of measure.references) add(ref, { kind: 'measure', id: measure.id, anchor: measure.anchor });
    } else {
      const paragraph = jsonParagraph(block);
      (top?.heading ?? out.preamble).paragraphs.push(paragraph);
      for (const ref of [...references(paragraph.inlines), ...paragraph.list.flatMap((i) => references(i.inlines))]) {
        add(ref, { kind: 'paragraph', id: top?.heading.id ?? null, anchor: top?.heading.anchor ?? null });
      }
    }
  }
  return out;
}

function jsonHeading(h: PrintedHeading): JsonHeading {
  return {
    number: h.number ?? null,
    id: h.id ?? null,
    title: h.titleText,
    inlines: jsonInlines(h.title),
    anchor: h.anchor,
    label: h.label ?? null,
    labelAnchor: h.labelAnchor ?? null,
    level: h.level,
    line: h.line,
    paragraphs: [],
    measures: [],
    subsections: [],
  };
}

function jsonMeasure(m: PrintedMeasure): JsonMeasure {
  const { inlines, list } = split(m.parts);
  const texts = jsonInlines(inlines);
  const subPoints = list.map((i) => ({ text: plain(i.inlines), inlines: jsonInlines(i.inlines), line: i.line }));
  return {
    id: m.id,
    number: m.number,
    value: m.value,
    alternative: m.alternative === '' ? null : m.alternative,
    pillar: m.pillar ?? null,
    label: m.label ?? null,
    anchor: m.anchor,
    labelAnchor: m.labelAnchor ?? null,
    text: plain(inlines),
    inlines: texts,
    subPoints,
    references: [...references(texts), ...subPoints.flatMap((s) => references(s.inlines))],
    line: m.line,
    endLine: m.endLine,
  };
}

function jsonParagraph(b: PrintedParagraph): JsonParagraph {
  const { inlines, list } = split(b.parts);
  return {
    text: plain(inlines),
    inlines: jsonInlines(inlines),
    list: list.map((i) => ({ text: plain(i.inlines), inlines: jsonInlines(i.inlines), line: i.line })),
    line: b.line,
    endLine: b.endLine,
  };
}

/** A body's running text (its text parts joined by a space) and its list items (all its lists', in order). */
function split(parts: readonly PrintedPart[]): { inlines: PrintedInline[]; list: { inlines: PrintedInline[]; line: number }[] } {
  const inlines: PrintedInline[] = [];
  const list: { inlines: PrintedInline[]; line: number }[] = [];
  for (const part of parts) {
    if (part.kind === 'list') for (const item of part.items) list.push(item);
    else {
      if (inlines.length > 0) inlines.push({ kind: 'text', text: ' ' });
      for (const n of part.inlines) inlines.push(n);
    }
  }
  return { inlines, list };
}

function jsonInlines(inlines: readonly PrintedInline[]): JsonInline[] {
  return inlines.map((n) => {
    if (n.kind === 'text') return { kind: 'text', text: n.text };
    // The publication names an unnumbered heading by its title: its id here is null.
    const unnumbered = n.target !== undefined && n.target.kind !== 'measure' && n.target.kind !== 'pillar' && n.target.id === n.target.title;
    const target: JsonTarget | null = n.target !== undefined && n.anchor !== undefined ? { kind: n.target.kind, id: unnumbered ? null : n.target.id, anchor: n.anchor, title: n.target.title ?? null } : null;
    return { kind: 'reference', text: n.text, written: n.written, line: n.line, target };
  });
}

/** The references among `inlines`, without their `kind`. */
function references(inlines: readonly JsonInline[]): JsonReference[] {
  return inlines.flatMap((n) => (n.kind === 'reference' ? [{ text: n.text, written: n.written, line: n.line, target: n.target }] : []));
}
