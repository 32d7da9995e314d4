/**
 * The Word writer (server/src/export/docx.ts): what the .docx holds (its XML, unzipped), and the round
 * trip through the import (`importDocument(bytes, { from: 'docx' })`): the same pillars (numbers and
 * titles) and measures (ids and words as printed) as the programme, for the example, the invented
 * fixtures `test/fixtures/export/docx-*.programme` and generated programmes (test/export/programmes.ts).
 *
 * `docx-basics.document.txt` is the outline of the basics fixture's document.xml, one paragraph a line
 * (`UPDATE_SNAPSHOTS=1` rewrites it; read it before committing it).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { DOMParser } from '@xmldom/xmldom';
import { analyse } from '../../server/src/rules/index';
import { partsText, publication, type PrintedMeasure, type Publication } from '../../server/src/export/document';
import { bookmarkNames, planMeasureNumbers, renderDocx, wordLanguage } from '../../server/src/export/docx';
import { exportProgramme } from '../../server/src/export/index';
import { importDocument } from '../../server/src/import/index';
import { wellFormedProgramme } from './programmes';
import { programmeLike } from '../properties/arbitraries';

const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';
const fixturePath = (name: string) => new URL(`../fixtures/export/${name}`, import.meta.url);
const fixture = (name: string) => readFileSync(fixturePath(name), 'utf8');
const EXAMPLE = readFileSync(new URL('../../examples/lokalvalget-2023.programme', import.meta.url), 'utf8');

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
/** The heading of docs/export.md's Word section under which its two excerpts stand. */
const EXCERPTS_AFTER = '### What the import reads back';

/** The publication of a programme's text, read as `programme export` reads it. */
function publish(text: string): Publication {
  return publication(analyse(text).programme);
}

/** The text parts of a .docx. */
async function unzip(bytes: Uint8Array): Promise<Record<'document' | 'numbering' | 'styles' | 'settings' | 'core' | 'footer', string>> {
  const zip = await JSZip.loadAsync(bytes);
  const text = async (path: string) => {
    const f = zip.file(path);
    assert.ok(f, `no ${path} in the .docx`);
    return f.async('string');
  };
  return {
    document: await text('word/document.xml'),
    numbering: await text('word/numbering.xml'),
    styles: await text('word/styles.xml'),
    settings: await text('word/settings.xml'),
    core: await text('docProps/core.xml'),
    footer: await text('word/footer1.xml'),
  };
}

function parse(xml: string): Element {
  return new DOMParser().parseFromString(xml, 'text/xml').documentElement as unknown as Element;
}

function all(el: Element, local: string): Element[] {
  return Array.from(el.getElementsByTagNameNS(W, local) as unknown as ArrayLike<Element>);
}

function wAttr(el: Element | undefined, name: string): string | undefined {
  return el?.getAttributeNS(W, name) ?? undefined;
}

/** One paragraph of document.xml, as the tests look at it. */
interface Row {
  style?: string;
  numId?: string;
  ilvl?: string;
  bookmarks: string[];
  links: string[];
  text: string;
  inToc: boolean;
}

/** The body's paragraphs (those of the table of contents marked). */
function rows(documentXml: string): Row[] {
  const body = all(parse(documentXml), 'body')[0];
  return all(body, 'p').map((p) => {
    let text = '';
    const walk = (n: Node) => {
      for (let c = n.firstChild; c; c = c.nextSibling) {
        if (c.nodeType !== 1) continue;
        const e = c as Element;
        if (e.namespaceURI === W && e.localName === 't') text += e.textContent ?? '';
        else if (e.namespaceURI === W && e.localName === 'tab' && e.parentNode !== null && (e.parentNode as Element).localName === 'r') text += '\t';
        else walk(e);
      }
    };
    walk(p);
    let inToc = false;
    for (let up = p.parentNode as Element | null; up !== null && up.nodeType === 1; up = up.parentNode as Element | null) if (up.localName === 'sdtContent') inToc = true;
    const pPr = all(p, 'pPr')[0];
    return {
      style: wAttr(all(p, 'pStyle')[0], 'val'),
      numId: pPr ? wAttr(all(pPr, 'numId')[0], 'val') : undefined,
      ilvl: pPr ? wAttr(all(pPr, 'ilvl')[0], 'val') : undefined,
      bookmarks: all(p, 'bookmarkStart').map((b) => wAttr(b, 'name')!),
      links: all(p, 'hyperlink').map((h) => wAttr(h, 'anchor')!),
      text,
      inToc,
    };
  });
}

/**
 * Bookmark names of ours: without Word's hidden ones (`_Toc12`, which the docx package numbers from a
 * counter of the process, so they depend on what was written before).
 */
function ours(names: readonly string[]): string[] {
  return names.filter((n) => !n.startsWith('_'));
}

/** A row as one line of the outline snapshot. */
function outlineLine(r: Row): string {
  const parts = [r.inToc ? 'toc' : '', r.style ?? 'Normal', r.numId !== undefined ? `num=${r.numId}/${r.ilvl}` : '', ours(r.bookmarks).map((b) => `[${b}]`).join(''), JSON.stringify(r.text), ours(r.links).length > 0 ? `→ ${ours(r.links).join(' ')}` : ''];
  return parts.filter((p) => p !== '').join(' ');
}

/** The `w:num` elements: numId → its abstractNumId and its level-0 start override. */
function nums(numberingXml: string): Map<string, { abstract: string; start?: string }> {
  const out = new Map<string, { abstract: string; start?: string }>();
  for (const n of all(parse(numberingXml), 'num')) {
    const override = all(n, 'lvlOverride').find((o) => wAttr(o, 'ilvl') === '0');
    out.set(wAttr(n, 'numId')!, { abstract: wAttr(all(n, 'abstractNumId')[0], 'val')!, start: override ? wAttr(all(override, 'startOverride')[0], 'val') : undefined });
  }
  return out;
}

/** The abstract numberings: id → level 0's start and text. */
function abstracts(numberingXml: string): Map<string, { start?: string; text?: string; format?: string }> {
  const out = new Map<string, { start?: string; text?: string; format?: string }>();
  for (const a of all(parse(numberingXml), 'abstractNum')) {
    const lvl = all(a, 'lvl').find((l) => wAttr(l, 'ilvl') === '0');
    out.set(wAttr(a, 'abstractNumId')!, { start: wAttr(all(lvl!, 'start')[0], 'val'), text: wAttr(all(lvl!, 'lvlText')[0], 'val'), format: wAttr(all(lvl!, 'numFmt')[0], 'val') });
  }
  return out;
}

/**
 * Every internal link of the document goes to a bookmark it has; bookmark names are unique (ignoring
 * case) and of Word's form (a letter, then letters, digits, `_`; at most 40).
 */
function assertLinksResolve(documentXml: string): void {
  const names = all(parse(documentXml), 'bookmarkStart').map((b) => wAttr(b, 'name')!);
  const ours = names.filter((n) => !n.startsWith('_'));
  for (const n of ours) assert.match(n, /^[A-Za-z][A-Za-z0-9_]{0,39}$/, `bookmark name ${n}`);
  assert.equal(new Set(ours.map((n) => n.toLowerCase())).size, ours.length, 'bookmark names are unique');
  const known = new Set(names);
  for (const h of all(parse(documentXml), 'hyperlink')) {
    const anchor = wAttr(h, 'anchor');
    assert.ok(anchor !== undefined && known.has(anchor), `link to ${anchor} has no bookmark`);
  }
}

/** What a round trip must keep: the pillars' numbers and titles, the measures' ids and printed words. */
function structureOf(pub: Publication): { pillars: string[]; measures: string[] } {
  const words = (s: string) => s.replace(/\s+/g, ' ').trim();
  return {
    pillars: pub.blocks.flatMap((b) => (b.kind === 'heading' && b.role === 'pillar' ? [`${b.id} ${words(b.titleText)}`] : [])),
    measures: pub.blocks.flatMap((b) => (b.kind === 'measure' ? [`${b.id} ${words(partsText(b.parts))}`] : [])),
  };
}

/** The programme exported to Word and imported again: the structures before and after, and the imported text. */
async function roundTrip(text: string): Promise<{ before: ReturnType<typeof structureOf>; after: ReturnType<typeof structureOf>; imported: string; bytes: Uint8Array }> {
  const pub = publish(text);
  const bytes = await renderDocx(pub);
  const result = await importDocument(bytes, { from: 'docx' });
  assert.ok(!('problem' in result), `the import failed: ${JSON.stringify(result)}`);
  return { before: structureOf(pub), after: structureOf(publish(result.text)), imported: result.text, bytes };
}

describe('export: Word', () => {
  describe('the document', () => {
    let parts: Awaited<ReturnType<typeof unzip>>;
    let body: Row[];
    before(async () => {
      parts = await unzip(await renderDocx(publish(fixture('docx-basics.programme'))));
      body = rows(parts.document);
    });

    it('matches the outline snapshot (docx-basics.document.txt)', () => {
      const actual = body.map(outlineLine).join('\n') + '\n';
      const file = fixturePath('docx-basics.document.txt');
      if (UPDATE || !existsSync(file)) writeFileSync(file, actual);
      assert.equal(actual, readFileSync(file, 'utf8'));
    });

    it('opens with the title block: Title, Subtitle (the party), election and year, the status and version words', () => {
      assert.deepEqual(
        body.slice(0, 4).map((r) => [r.style ?? 'Normal', r.text]),
        [
          ['Title', 'Program for Fjordbygda 2027'],
          ['Subtitle', 'Fjordpartiet'],
          ['Normal', 'Kommunevalget 2027'],
          ['Normal', 'Utkast · Versjon 2.1'],
        ],
      );
    });

    it('has a table-of-contents field for heading levels 1-3 under "Innhold", updated when Word opens it', () => {
      assert.deepEqual([body[4].style, body[4].text], ['TOCHeading', 'Innhold']);
      const instructions = all(parse(parts.document), 'instrText').map((i) => i.textContent);
      assert.ok(instructions.includes('TOC \\h \\o "1-3"'), `TOC field instruction in ${JSON.stringify(instructions)}`);
      assert.match(parts.settings, /<w:updateFields\/>/);
      // The TOC Heading style is no heading: it has no outline level, so it stays out of the table.
      assert.match(parts.styles, /<w:style w:type="paragraph" w:styleId="TOCHeading">(?:(?!<\/w:style>).)*<w:name w:val="TOC Heading"\/>/);
    });

    it('writes pillars and unnumbered sections as Heading 1, sub-sections by level, with the outline levels the navigation pane shows', () => {
      const headings = body.filter((r) => !r.inToc && r.style !== undefined && r.style.startsWith('Heading'));
      assert.deepEqual(
        headings.map((r) => [r.style, r.text]),
        [
          ['Heading1', 'Om programmet'],
          ['Heading1', '1. Skole og oppvekst'],
          ['Heading2', '1.1 Barnehage'],
          ['Heading1', '2. Samferdsel og bolig'],
        ],
      );
      assert.match(parts.styles, /w:styleId="Heading1">(?:(?!<\/w:style>).)*<w:outlineLvl w:val="0"\/>/);
      assert.match(parts.styles, /w:styleId="Heading2">(?:(?!<\/w:style>).)*<w:outlineLvl w:val="1"\/>/);
    });

    it('numbers the measures with Word numbering that restarts per pillar, sub-points one level under them', () => {
      const measures = body.filter((r) => r.bookmarks.some((b) => b.startsWith('tiltak_')));
      assert.deepEqual(
        measures.map((r) => [ours(r.bookmarks), r.ilvl]),
        [
          [['tiltak_1_1', 'skolemat'], '0'],
          [['tiltak_1_2'], '0'],
          [['tiltak_1_3'], '0'],
          [['tiltak_2_1'], '0'],
          [['tiltak_2_2'], '0'],
        ],
      );
      const [a, b, c, d, e] = measures.map((r) => r.numId!);
      assert.equal(a, b);
      assert.equal(a, c, 'the sub-section does not restart the pillar numbering');
      assert.equal(d, e);
      assert.notEqual(a, d, 'pillar 2 is a list of its own');
      const byNum = nums(parts.numbering);
      // Two lists of one definition, each starting over at 1: Word's "restart numbering".
      assert.equal(byNum.get(a)!.abstract, byNum.get(d)!.abstract);
      assert.deepEqual([byNum.get(a)!.start, byNum.get(d)!.start], ['1', '1']);
      assert.deepEqual(abstracts(parts.numbering).get(byNum.get(a)!.abstract), { start: '1', text: '%1.', format: 'decimal' });
      const subPoints = body.filter((r) => r.numId === a && r.ilvl === '1');
      assert.deepEqual(subPoints.map((r) => r.text), ['med flere helsesykepleiere', 'med åpen dør hver dag, også i ferien']);
    });

    it('links references to the bookmarks of their targets, with the printed words; an unresolved one is plain text', () => {
      const links = body.filter((r) => r.links.length > 0 && !r.inToc).map((r) => r.links);
      assert.deepEqual(links, [['skolemat', 'kapittel_2'], ['tiltak_2_1'], ['tiltak_1_2', 'oppvekst']]);
      const doc = parse(parts.document);
      const linked = all(doc, 'hyperlink')
        .filter((h) => !(wAttr(h, 'anchor') ?? '').startsWith('_'))
        .map((h) => `${wAttr(h, 'anchor')}=${all(h, 't').map((t) => t.textContent).join('')}`);
      assert.deepEqual(linked, ['skolemat=tiltak 1.1', 'kapittel_2=kapittel 2', 'tiltak_2_1=tiltak 2.1', 'tiltak_1_2=tiltak 1.2', 'oppvekst=kapittel 1']);
      assert.ok(body.some((r) => r.text === 'Utvide ferjetilbudet til Øyane #finnes-ikke.' && r.links.length === 0));
      assertLinksResolve(parts.document);
    });

    it('sets the language, the core properties, A4 and "Side N" in the footer', () => {
      assert.match(parts.styles, /<w:docDefaults><w:rPrDefault><w:rPr>(?:(?!<\/w:rPr>).)*<w:lang w:val="nb-NO"\/>/);
      assert.match(parts.core, /<dc:title>Program for Fjordbygda 2027<\/dc:title>/);
      assert.match(parts.core, /<dc:creator>Fjordpartiet<\/dc:creator>/);
      assert.match(parts.document, /<w:pgSz w:w="11906" w:h="16838"/);
      assert.match(parts.footer, /<w:t xml:space="preserve">Side <\/w:t>.*<w:instrText xml:space="preserve">PAGE<\/w:instrText>/);
    });

    it('writes nynorsk words and language for a nynorsk programme', async () => {
      const p = await unzip(await renderDocx(publish(fixture('docx-odd-numbers.programme'))));
      assert.match(p.styles, /<w:lang w:val="nn-NO"\/>/);
      assert.deepEqual(rows(p.document).slice(0, 3).map((r) => r.text), ['Utkast med alternativer', 'Utkast', 'Innhald']);
    });
  });

  describe('measure numbers (planMeasureNumbers)', () => {
    it('numbers with Word what Word can print, and writes the rest as text', async () => {
      const pub = publish(fixture('docx-odd-numbers.programme'));
      const { numbers, lists } = planMeasureNumbers(pub.blocks);
      const plan = pub.blocks
        .filter((b): b is PrintedMeasure => b.kind === 'measure')
        .map((m) => {
          const n = numbers.get(m)!;
          return `${m.number} ${n.kind === 'list' ? `${n.reference}#${n.instance}` : `text ${n.text}`}`;
        });
      assert.deepEqual(plan, [
        // A repeated number is text; the list goes on with 3.
        '1. measures-1#0',
        '2. measures-1#0',
        '2. text 2.',
        '3. measures-1#0',
        // Alternatives are text; the number after them starts a list at its own number.
        '1. measures-1#1',
        '2A. text 2A.',
        '2B. text 2B.',
        '3. measures-2#0',
        // `1)` is a definition of its own.
        '1) measures-3#0',
        '2) measures-3#0',
        // A pillar whose measures start at 3 starts its list at 3.
        '3. measures-2#1',
        '4. measures-2#1',
      ]);
      assert.deepEqual(lists, [
        { reference: 'measures-1', levelText: '%1.', start: 1 },
        { reference: 'measures-2', levelText: '%1.', start: 3 },
        { reference: 'measures-3', levelText: '%1)', start: 1 },
      ]);
    });

    it('writes those numbers into the document: start values, level texts, numbers as text before a tab', async () => {
      const p = await unzip(await renderDocx(publish(fixture('docx-odd-numbers.programme'))));
      const texts = rows(p.document)
        .filter((r) => !r.inToc && (r.numId !== undefined || /^\d+[A-Z]?\.\t/.test(r.text)))
        .map((r) => (r.numId !== undefined ? `#${r.numId}${r.ilvl !== '0' ? `/${r.ilvl}` : ''} ${r.text}` : r.text));
      assert.deepEqual(texts, [
        '#2 Tilsette fleire lærarar.',
        '#2 Pusse opp skulebygga.',
        '2.\tPusse opp skulebygga ein gong til.',
        '#2 Gje alle elevar eit varmt måltid.',
        '#3 Styrke legevakta.',
        '2A.\tByggje eit nytt sjukeheim i sentrum.',
        // The sub-points of a measure numbered as text: one level under, in a bullet list of their own.
        '#4/1 med tolv plassar',
        '2B.\tByggje eit nytt sjukeheim ved fjorden.',
        '#5 Tilsette fleire sjukepleiarar.',
        '#6 Byggje gang- og sykkelveg.',
        '#6 Utvide ferjetilbodet.',
        '#7 Byggje eit nytt bibliotek.',
        '#7 Støtte frivillige lag.',
      ]);
      const byNum = nums(p.numbering);
      const defs = abstracts(p.numbering);
      assert.deepEqual(
        ['2', '3', '5', '6', '7'].map((n) => [byNum.get(n)!.start, defs.get(byNum.get(n)!.abstract)!.text]),
        [['1', '%1.'], ['1', '%1.'], ['3', '%1.'], ['1', '%1)'], ['3', '%1.']],
      );
      assert.equal(defs.get(byNum.get('4')!.abstract)!.format, 'bullet');
    });

    it('numbers full ids (`1.2`) with a level text that holds the pillar\'s part', async () => {
      const pub = publish(fixture('docx-full-id.programme'));
      assert.deepEqual(planMeasureNumbers(pub.blocks).lists, [
        { reference: 'measures-1', levelText: '1.%1', start: 1 },
        { reference: 'measures-2', levelText: '2.%1', start: 1 },
      ]);
    });

    it('keeps one list across pillars in continuous numbering', async () => {
      const pub = publish(fixture('docx-continuous.programme'));
      const { numbers, lists } = planMeasureNumbers(pub.blocks);
      assert.deepEqual(lists, [{ reference: 'measures-1', levelText: '%1.', start: 1 }]);
      assert.deepEqual([...numbers.values()], Array(5).fill({ kind: 'list', reference: 'measures-1', instance: 0 }));
    });
  });

  describe('editing in Word', () => {
    /** The document.xml paragraph (`<w:p>…</w:p>`) that holds the bookmark `name`. */
    function paragraphWith(xml: string, name: string): { start: number; end: number; pPr: string } {
      const at = xml.indexOf(`w:name="${name}"`);
      assert.ok(at >= 0, `no bookmark ${name}`);
      const start = xml.lastIndexOf('<w:p>', at);
      const end = xml.indexOf('</w:p>', at) + '</w:p>'.length;
      const paragraph = xml.slice(start, end);
      return { start, end, pPr: paragraph.slice(paragraph.indexOf('<w:pPr>'), paragraph.indexOf('</w:pPr>') + '</w:pPr>'.length) };
    }

    it('a measure inserted or deleted in Word renumbers the pillar, as Word prints it (read back by the import)', async () => {
      const bytes = await renderDocx(publish(EXAMPLE));
      const zip = await JSZip.loadAsync(bytes);
      let xml = await zip.file('word/document.xml')!.async('string');
      // As a writer in Word would: a new paragraph of the list after measure 1.2 (Enter at its end), and
      // measure 2.1 deleted.
      const second = paragraphWith(xml, 'tiltak_1_2');
      xml = `${xml.slice(0, second.end)}<w:p>${second.pPr}<w:r><w:t>Nytt tiltak skrevet i Word.</w:t></w:r></w:p>${xml.slice(second.end)}`;
      const deleted = paragraphWith(xml, 'tiltak_2_1');
      xml = xml.slice(0, deleted.start) + xml.slice(deleted.end);
      zip.file('word/document.xml', xml);
      const edited = await zip.generateAsync({ type: 'uint8array' });
      const result = await importDocument(edited, { from: 'docx' });
      assert.ok(!('problem' in result));
      assert.deepEqual(result.summary.measures, [9, 7, 8, 7, 7]);
      // Word's own numbers (which the import reads from the numbering) already run 1, 2, 3 …: nothing renumbered.
      assert.deepEqual(result.notes.filter((n) => n.code === 'renumbered'), []);
      const after = structureOf(publish(result.text)).measures;
      assert.deepEqual(after.slice(1, 4).map((m) => m.split(' ').slice(0, 4).join(' ')), ['1.2 Følge opp Regjeringens', '1.3 Nytt tiltak skrevet', '1.4 Innføre læreplassgaranti, øke']);
      assert.equal(after[9].split(' ').slice(0, 4).join(' '), '2.1 Tilrettelegge for trygg');
    });
  });

  describe('bookmark names (bookmarkNames)', () => {
    it('folds anchors to Word\'s form, unique ignoring case, at most 40 characters', () => {
      const long = 'en-veldig-lang-overskrift-som-aldri-tar-slutt-og-går-videre';
      const pub = {
        blocks: [
          { kind: 'heading', anchor: 'kapittel-1', labelAnchor: 'læreplasser' },
          { kind: 'measure', anchor: 'tiltak-1-1', labelAnchor: 'Tiltak_1_1' },
          { kind: 'heading', anchor: '2024-i-tall' },
          { kind: 'heading', anchor: long },
          { kind: 'heading', anchor: `${long}-2` },
          { kind: 'heading', anchor: 'ærlig-øl-på-åsen' },
          { kind: 'heading', anchor: 'напрямки' },
          { kind: 'paragraph' },
        ],
      } as unknown as Publication;
      assert.deepEqual(
        [...bookmarkNames(pub)],
        [
          ['kapittel-1', 'kapittel_1'],
          ['læreplasser', 'laereplasser'],
          ['tiltak-1-1', 'tiltak_1_1'],
          ['Tiltak_1_1', 'Tiltak_1_1_2'],
          ['2024-i-tall', 'b_2024_i_tall'],
          [long, 'en_veldig_lang_overskrift_som_aldri_tar'],
          [`${long}-2`, 'en_veldig_lang_overskrift_som_aldri_ta_2'],
          ['ærlig-øl-på-åsen', 'aerlig_ol_pa_asen'],
          ['напрямки', 'b'],
        ],
      );
    });

    it('gives Word a language with its region', () => {
      assert.deepEqual(['nb', 'nn', 'de', 'en', 'se', 'nb-NO', 'fr', 'de-AT'].map(wordLanguage), ['nb-NO', 'nn-NO', 'de-DE', 'en-GB', 'se-NO', 'nb-NO', 'fr', 'de-AT']);
    });
  });

  describe('the excerpts of docs/export.md ("Word")', () => {
    /** The page that holds the section. */
    const page = [new URL('../../docs/export.md', import.meta.url)].find((u) => existsSync(u) && readFileSync(u, 'utf8').includes(EXCERPTS_AFTER));

    it('show the example as the writer and the import make it (UPDATE_SNAPSHOTS=1 rewrites them)', async () => {
      assert.ok(page, `no page with "${EXCERPTS_AFTER}"`);
      const { imported, bytes } = await roundTrip(EXAMPLE);
      const lines = imported.split('\n');
      const pillar = lines.findIndex((l) => l.startsWith('# 1. '));
      const third = lines.findIndex((l, i) => i > pillar && l.startsWith('3. '));
      const leadIn = lines.findIndex((l, i) => i > pillar && l.startsWith('1. ')) - 2;
      const fromImport = [lines[pillar], '', '[…]', '', ...lines.slice(leadIn, third + 1)].join('\n');
      const body = rows((await unzip(bytes)).document).filter((r) => !r.inToc);
      const heading = body.findIndex((r) => r.bookmarks.includes('kapittel_1'));
      const measure3 = body.findIndex((r) => r.bookmarks.includes('tiltak_1_3'));
      const short = (r: Row): Row => ({ ...r, text: r.text.length > 48 ? `${r.text.slice(0, 47)}…` : r.text });
      const fromDocument = [outlineLine(short(body[heading])), '[…]', ...body.slice(heading + 1, measure3 + 1).slice(-4).map((r) => outlineLine(short(r)))].join('\n');

      const text = readFileSync(page!, 'utf8');
      const at = text.indexOf(EXCERPTS_AFTER);
      const blocks: { start: number; end: number }[] = [];
      for (let from = at; blocks.length < 2; ) {
        const open = text.indexOf('```text\n', from);
        assert.ok(open >= 0, 'two ```text blocks after the heading');
        const end = text.indexOf('```\n', open + '```text\n'.length);
        blocks.push({ start: open + '```text\n'.length, end });
        from = end + 4;
      }
      const wanted = [fromImport, fromDocument];
      if (UPDATE || process.env.UPDATE_DOCS === '1') {
        let updated = text;
        for (let k = 1; k >= 0; k--) updated = updated.slice(0, blocks[k].start) + `${wanted[k]}\n` + updated.slice(blocks[k].end);
        writeFileSync(page!, updated);
        return;
      }
      assert.deepEqual(blocks.map((b) => text.slice(b.start, b.end)), wanted.map((w) => `${w}\n`));
    });
  });

  describe('round trip: import(export(p)) has the pillars and measures of p', () => {
    it('for the example (5 pillars, 38 measures)', async () => {
      const { before, after, bytes } = await roundTrip(EXAMPLE);
      assert.equal(before.pillars.length, 5);
      assert.equal(before.measures.length, 38);
      assert.deepEqual(after, before);
      assertLinksResolve((await unzip(bytes)).document);
    });

    for (const name of ['docx-basics', 'docx-continuous', 'docx-full-id']) {
      it(`for ${name}.programme`, async () => {
        const { before, after } = await roundTrip(fixture(`${name}.programme`));
        assert.ok(before.measures.length > 0);
        assert.deepEqual(after, before);
      });
    }

    it('through exportProgramme, as `programme export --to docx` writes it', async () => {
      const { programme } = analyse(fixture('docx-continuous.programme'));
      const output = await exportProgramme(programme, 'docx');
      assert.ok('bytes' in output);
      const result = await importDocument(output.bytes, { from: 'docx' });
      assert.ok(!('problem' in result));
      assert.deepEqual(structureOf(publish(result.text)), structureOf(publication(programme)));
    });

    const runs = Number(process.env.FUZZ_RUNS ?? 40);
    it(`for generated programmes (${runs} runs)`, async function () {
      this.timeout(20000 + runs * 1000);
      await fc.assert(
        fc.asyncProperty(wellFormedProgramme(), async (text) => {
          const { before, after, bytes } = await roundTrip(text);
          assert.deepEqual(after, before);
          assertLinksResolve((await unzip(bytes)).document);
        }),
        { numRuns: runs },
      );
    });

    it(`for generated programmes with full ids (${Math.ceil(runs / 4)} runs)`, async function () {
      this.timeout(20000 + runs * 1000);
      await fc.assert(
        fc.asyncProperty(wellFormedProgramme({ fullIds: true }), async (text) => {
          const { before, after } = await roundTrip(text);
          assert.deepEqual(after, before);
        }),
        { numRuns: Math.ceil(runs / 4) },
      );
    });
  });

  it(`writes any programme-like text, with every link going to a bookmark (${Math.ceil(Number(process.env.FUZZ_RUNS ?? 40) / 2)} runs)`, async function () {
    this.timeout(20000 + Number(process.env.FUZZ_RUNS ?? 40) * 1000);
    const edges = [
      '',
      '1. Et tiltak utenfor kapitlene.\n\n# 1. Kapittel [[#x]] {#x}\n\n9A. Alternativ\n- med et underpunkt\n\n###### Dypt\n\n1. {#tom}\n',
      '---\ntitle: Без латиниці\nlang: uk\n---\n\n# 1. Розділ {#розділ}\n\n1. Захід [[#розділ]] [[9.9]].\n',
    ];
    for (const text of edges) assertLinksResolve((await unzip(await renderDocx(publish(text)))).document);
    await fc.assert(
      fc.asyncProperty(programmeLike, async (text) => {
        assertLinksResolve((await unzip(await renderDocx(publish(text)))).document);
      }),
      { numRuns: Math.ceil(Number(process.env.FUZZ_RUNS ?? 40) / 2) },
    );
  });

  it('the generated programmes are well formed: no error or warning but empty pillars, and as many pillars as written', function () {
    this.timeout(20000 + Number(process.env.FUZZ_RUNS ?? 0) * 100);
    fc.assert(
      fc.property(fc.oneof(wellFormedProgramme(), wellFormedProgramme({ fullIds: true })), (text) => {
        const { programme, diagnostics } = analyse(text);
        assert.deepEqual(
          diagnostics.filter((d) => (d.severity === 'error' || d.severity === 'warning') && d.code !== 'empty-pillar').map((d) => `${d.code}: ${d.message}`),
          [],
          text,
        );
        assert.equal(programme.pillars.length, text.split('\n').filter((l) => /^# \d+\. /.test(l)).length);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 200) },
    );
  });
});
