import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readDocx, headingLevel, pairParagraphs } from '../../server/src/import/docx';
import { formatWordNumber, readWordParagraphs } from '../../server/src/import/wordNumbering';
import type { Block, Reading } from '../../server/src/import/outline';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/import/docx/${name}`, import.meta.url));

/** The blocks of a reading, as compact rows: kind, level or depth, marker as written, text. */
function rows(reading: Reading) {
  assert.equal(reading.kind, 'blocks');
  return (reading.kind === 'blocks' ? reading.blocks : []).map((b: Block) => {
    const row: unknown[] = [b.kind];
    if (b.kind === 'heading') row.push(b.level);
    if (b.kind === 'item') row.push(b.depth);
    row.push(b.marker ? `${b.marker.kind}:${b.marker.written}` : '', b.text, b.place.line);
    return row;
  });
}

describe('import: Word reader', () => {
  it('reads title, headings, a numbered list restarting per chapter, and keeps hand-typed numbers in the text', async () => {
    const r = await readDocx(fixture('headings.docx'));
    assert.equal(r.title, 'Program for Fjellbygd Folkeparti 2025–2029');
    assert.deepEqual(rows(r), [
      ['heading', 0, '', 'Program for Fjellbygd Folkeparti 2025–2029', 0],
      ['heading', 1, '', 'Arbeid og næring', 1],
      ['paragraph', '', 'Bygda skal ha arbeidsplasser for alle.', 2],
      ['item', 0, 'number:1.', 'Styrke det lokale næringsfondet.', 3],
      ['item', 0, 'number:2.', 'Bygge ut bredbånd til alle grender.', 4],
      ['item', 0, 'number:3.', 'Gi gründere gratis kontorplass det første året.', 5],
      ['heading', 1, '', 'Skole', 6],
      ['heading', 2, '', 'Grunnskolen', 7],
      ['item', 0, 'number:1.', 'Beholde skolen i Nordgrenda.', 8],
      ['item', 0, 'number:2.', 'Ansette flere lærere.', 9],
      ['paragraph', '', '3. Innføre gratis skolemat.', 10],
    ]);
    assert.deepEqual(r.notes, []);
    assert.deepEqual(r.kind === 'blocks' && r.blocks[5].marker, { kind: 'number', value: 3, written: '3.' });
  });

  it('reads a bullet list after its lead-in, with a nested bullet', async () => {
    const r = await readDocx(fixture('bullets.docx'));
    assert.equal(r.title, undefined);
    assert.deepEqual(rows(r), [
      ['heading', 1, '', 'Helse og omsorg', 0],
      ['paragraph', '', 'Partiet vil:', 1],
      ['item', 0, 'bullet:•', 'ha legevakt i bygda hele døgnet', 2],
      ['item', 0, 'bullet:•', 'bygge flere omsorgsboliger', 3],
      ['item', 1, 'bullet:–', 'med fellesareal', 4],
      ['item', 0, 'bullet:•', 'styrke hjemmetjenesten', 5],
      ['paragraph', '', 'Dette koster penger, men er verdt det.', 6],
    ]);
  });

  it('reads letters, nested levels that restart, a list continuing across headings, a list starting at 5', async () => {
    const r = await readDocx(fixture('letters.docx'));
    assert.deepEqual(rows(r), [
      ['heading', 1, '', 'Samferdsel', 0],
      ['item', 0, 'letter:a)', 'Fylkesvegen skal rustes opp.', 1],
      ['item', 0, 'letter:b)', 'Bussen skal gå hver time.', 2],
      ['item', 0, 'number:1.', 'Veier', 3],
      ['item', 1, 'letter:a)', 'asfaltere Bakkevegen', 4],
      ['item', 1, 'letter:b)', 'bygge gang- og sykkelveg', 5],
      ['item', 0, 'number:2.', 'Kollektivtrafikk', 6],
      ['item', 1, 'letter:a)', 'nattbuss i helgene', 7],
      ['heading', 1, '', 'Kultur', 8],
      ['item', 0, 'number:3.', 'Idrett', 9],
      ['item', 1, 'letter:a)', 'ny kunstgressbane', 10],
      ['heading', 1, '', 'Miljø', 11],
      ['item', 0, 'number:5.', 'Kommunen skal bli klimanøytral.', 12],
      ['item', 0, 'number:6.', 'Alle kommunale bygg skal ha solceller.', 13],
    ]);
    assert.deepEqual(r.kind === 'blocks' && r.blocks[2].marker, { kind: 'letter', value: 'b', written: 'b)' });
  });

  it('reads table cells as paragraphs, a soft line break and a tab as spaces, notes images and soft hyphens, and appends footnotes', async () => {
    const r = await readDocx(fixture('table.docx'));
    assert.deepEqual(rows(r), [
      ['heading', 1, '', 'Økonomi', 0],
      ['paragraph', '', 'Eiendomsskatten skal fjernes innen 2027.', 1],
      ['paragraph', '', 'Tiltak', 2],
      ['paragraph', '', 'Kostnad', 3],
      ['paragraph', '', 'Nytt bibliotek', 4],
      ['paragraph', '', 'med kafé', 5],
      ['paragraph', '', '12 millioner', 6],
      ['paragraph', '', 'Budsjettet skal være i balanse i hele planperioden.', 7],
      ['paragraph', '', 'Vedtatt på årsmøtet.', 8],
    ]);
    assert.deepEqual(r.notes, [
      { code: 'reader', detail: 'table', place: { line: 2 } },
      { code: 'reader', detail: 'image', place: { line: 7 } },
      { code: 'soft-hyphen', place: { line: 7 }, before: 'plan\u00ADperioden.', after: 'planperioden.' },
      { code: 'reader', detail: 'footnotes', place: { line: 8 } },
    ]);
  });

  it('rejects bytes that are not a .docx', async () => {
    await assert.rejects(readDocx(new TextEncoder().encode('# Ikke Word')));
  });
});

describe('import: heading levels and pairing', () => {
  it('takes heading levels from style ids, style names and outline levels', () => {
    assert.deepEqual(
      [
        headingLevel('Heading2', null), headingLevel('Overskrift2', 'heading 2'), headingLevel('Title', 'Title'),
        headingLevel('Kapittel', 'Kapittel', 0), headingLevel('Normal', 'Normal'), headingLevel('Heading', 'Heading'),
      ],
      [2, 2, 0, 1, undefined, 1],
    );
  });

  it('pairs by index, resynchronising after a paragraph only one side has', () => {
    assert.deepEqual(pairParagraphs(['a', 'b', 'c'], ['a', 'b', 'c']), [0, 1, 2]);
    assert.deepEqual(pairParagraphs(['a', 'c', 'd'], ['a', 'x', 'c', 'd']), [0, 2, 3]);
    assert.deepEqual(pairParagraphs(['a', 'x', 'c'], ['a', 'c']), [0, undefined, 1]);
    assert.deepEqual(pairParagraphs(['a', 'q', 'c'], ['a', 'r', 'c']), [0, 1, 2]);
  });
});

// --- Word's numbering rules, on hand-written parts -----------------------------------------------

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"';
const lvl = (ilvl: number, fmt: string, text: string, start = 1, extra = '') =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="${start}"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/>${extra}</w:lvl>`;
const numberingXml = (body: string) => `<?xml version="1.0"?><w:numbering ${W}>${body}</w:numbering>`;
const para = (text: string, pPr = '') => `<w:p><w:pPr>${pPr}</w:pPr><w:r><w:t>${text}</w:t></w:r></w:p>`;
const numPr = (numId: number | string, ilvl?: number) =>
  `<w:numPr>${ilvl === undefined ? '' : `<w:ilvl w:val="${ilvl}"/>`}<w:numId w:val="${numId}"/></w:numPr>`;
const documentXml = (body: string) => `<?xml version="1.0"?><w:document ${W}><w:body>${body}</w:body></w:document>`;

/** The markers (written) of the paragraphs, '' for unnumbered ones. */
function markers(body: string, numbering: string, styles?: string) {
  const { paragraphs } = readWordParagraphs({ document: documentXml(body), numbering: numberingXml(numbering), styles });
  return paragraphs.map((p) => (p.numbering ? `${p.numbering.level}:${p.numbering.marker?.written ?? '-'}` : ''));
}

describe('import: Word numbering', () => {
  it('counts per abstract numbering: a second w:num without override continues, one with startOverride restarts', () => {
    const numbering =
      `<w:abstractNum w:abstractNumId="0">${lvl(0, 'decimal', '%1.')}</w:abstractNum>` +
      `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
      `<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>` +
      `<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>`;
    const body = [para('a', numPr(1, 0)), para('b', numPr(1, 0)), para('c', numPr(2, 0)), para('d', numPr(3, 0)), para('e', numPr(3, 0)), para('f', numPr(1, 0))].join('');
    assert.deepEqual(markers(body, numbering), ['0:1.', '0:2.', '0:3.', '0:1.', '0:2.', '0:3.']);
  });

  it('restarts deeper levels when a shallower one advances, unless lvlRestart says 0; fills %1.%2', () => {
    const numbering =
      `<w:abstractNum w:abstractNumId="0">${lvl(0, 'decimal', '%1.')}${lvl(1, 'decimal', '%1.%2')}${lvl(2, 'lowerRoman', '(%3)', 1, '<w:lvlRestart w:val="0"/>')}</w:abstractNum>` +
      `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`;
    const body = [
      para('a', numPr(1, 0)), para('b', numPr(1, 1)), para('c', numPr(1, 1)), para('d', numPr(1, 2)),
      para('e', numPr(1, 0)), para('f', numPr(1, 1)), para('g', numPr(1, 2)), para('plain'), para('h', numPr(0, 0)),
    ].join('');
    assert.deepEqual(markers(body, numbering), ['0:1.', '1:1.1', '1:1.2', '2:(i)', '0:2.', '1:2.1', '2:(ii)', '', '']);
  });

  it('numbers paragraphs through their style (basedOn chain, ilvl from the level that names the style); numId 0 switches it off', () => {
    const numbering =
      `<w:abstractNum w:abstractNumId="4">${lvl(0, 'upperRoman', '%1.', 1, '<w:pStyle w:val="Heading1"/>')}${lvl(1, 'upperLetter', '%2.', 1, '<w:pStyle w:val="Heading2"/>')}</w:abstractNum>` +
      `<w:num w:numId="7"><w:abstractNumId w:val="4"/></w:num>`;
    const styles = `<?xml version="1.0"?><w:styles ${W}>
      <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
      <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Heading1"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Kapittel"><w:name w:val="Kapittel"/><w:basedOn w:val="Heading1"/></w:style>
    </w:styles>`;
    const body = [
      para('Arbeid', '<w:pStyle w:val="Heading1"/>'), para('Industri', '<w:pStyle w:val="Heading2"/>'),
      para('Landbruk', '<w:pStyle w:val="Heading2"/>'), para('Skole', '<w:pStyle w:val="Kapittel"/>'),
      para('Uten nummer', `<w:pStyle w:val="Heading1"/>${numPr(0)}`), para('Helse', '<w:pStyle w:val="Heading1"/>'),
      para('tekst'),
    ].join('');
    assert.deepEqual(markers(body, numbering, styles), ['0:I.', '1:A.', '1:B.', '0:II.', '', '0:III.', '']);
    const { paragraphs } = readWordParagraphs({ document: documentXml(body), numbering: numberingXml(numbering), styles });
    assert.deepEqual(paragraphs.map((p) => p.outlineLevel), [0, 1, 1, 0, 0, 0, undefined]);
    assert.deepEqual(paragraphs[1].numbering?.marker, { kind: 'letter', value: 'A', written: 'A.' });
  });

  it('follows numStyleLink, applies a level replaced in lvlOverride, and renders bullets from Symbol', () => {
    const numbering =
      `<w:abstractNum w:abstractNumId="0">${lvl(0, 'decimal', '%1)')}</w:abstractNum>` +
      `<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="Liste"/></w:abstractNum>` +
      `<w:abstractNum w:abstractNumId="2">${lvl(0, 'bullet', '\uF0B7')}</w:abstractNum>` +
      `<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>` +
      `<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>` +
      `<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0">${lvl(0, 'upperLetter', '%1:', 1)}</w:lvlOverride></w:num>` +
      `<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>`;
    const styles = `<?xml version="1.0"?><w:styles ${W}><w:style w:type="numbering" w:styleId="Liste"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>`;
    const body = [para('a', numPr(1, 0)), para('b', numPr(2, 0)), para('c', numPr(3, 0)), para('d', numPr(4, 0)), para('e', numPr(99, 0))].join('');
    assert.deepEqual(markers(body, numbering, styles), ['0:1)', '0:2)', '0:C:', '0:•', '']);
  });

  it('lists paragraphs in mammoth order: a deleted paragraph merges into the next, sdt content, AlternateContent fallback, text outside mammoth noted', () => {
    const numbering = `<w:abstractNum w:abstractNumId="0">${lvl(0, 'decimal', '%1.')}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`;
    const body =
      para('en', numPr(1, 0)) +
      `<w:p><w:pPr>${numPr(1, 0)}<w:rPr><w:del w:id="1" w:author="x" w:date="2024-01-01T00:00:00Z"/></w:rPr></w:pPr><w:r><w:t>slettet</w:t></w:r></w:p>` +
      para('to', numPr(1, 0)) +
      `<w:sdt><w:sdtPr/><w:sdtContent>${para('tre', numPr(1, 0))}</w:sdtContent></w:sdt>` +
      `<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>${para('valg')}</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>${para('boks')}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>` +
      `<w:p><w:fldSimple w:instr="DATE"><w:r><w:t>1. mai</w:t></w:r></w:fldSimple></w:p>`;
    const r = readWordParagraphs({ document: documentXml(body), numbering: numberingXml(numbering) });
    assert.deepEqual(r.paragraphs.map((p) => [p.key, p.numbering?.marker?.written]), [
      ['en', '1.'], ['slettetto', '2.'], ['tre', '3.'], ['', undefined], ['boks', undefined], ['', undefined],
    ]);
    assert.deepEqual(r.notes, [{ code: 'reader', detail: 'unread-text', removed: '1. mai', place: { line: 5 } }]);
  });

  it('formats numbers as Word does', () => {
    assert.deepEqual(
      [
        formatWordNumber(3, 'decimal'), formatWordNumber(3, 'decimalZero'), formatWordNumber(2, 'lowerLetter'),
        formatWordNumber(27, 'lowerLetter'), formatWordNumber(53, 'upperLetter'), formatWordNumber(14, 'lowerRoman'),
        formatWordNumber(1994, 'upperRoman'), formatWordNumber(3, 'ordinal'),
      ],
      ['3', '03', 'b', 'aa', 'AAA', 'xiv', 'MCMXCIV', undefined],
    );
  });
});
