/**
 * The programme as printed (server/src/export/document.ts), the reading every writer prints from:
 * references printed as their targets' current numbers in the programme's language, anchors, labels
 * and comments not printed, escape backslashes gone, sub-points as lists, the title block.
 */
import assert from 'node:assert/strict';
import { analyse } from '../../server/src/rules/index';
import { partsText, plain, publication, slug, type PrintedBlock, type PrintedMeasure, type PrintedReference } from '../../server/src/export/document';
import { currentLanguage, setLanguage } from '../../server/src/l10n/index';

const pub = (text: string) => publication(analyse(text).programme);
const measures = (blocks: PrintedBlock[]) => blocks.filter((b): b is PrintedMeasure => b.kind === 'measure');
const refs = (m: PrintedMeasure) => m.parts.flatMap((p) => (p.kind === 'text' ? p.inlines : p.items.flatMap((i) => i.inlines))).filter((n): n is PrintedReference => n.kind === 'reference');

const NB = `---
title: Program for Fjordvik
party: Fjordvik Arbeiderparti
status: draft
lang: nb
---
// Kommentar fra komiteen: ikke trykt.
# Innledning {#innledning-lbl}

Vi vil bygge Fjordvik.

# 1. Arbeid {#arbeid}

1. Skape jobber. {#jobber}
2. Se [[1.1]], se tiltak [[#jobber]], [[2]] og [[#innledning-lbl]].
3. Arrangere barnetog på
17\\. mai i alle kretser.
- i sentrum
- på bygda,
  også i Fjell
4. Henvise til [[9.9]].

# 2. Skole

1. Bygge skoler.
`;

describe('export: the programme as printed', () => {
  it('prints references as their targets\' current numbers, in the programme\'s language, linked to their anchors', () => {
    const p = pub(NB);
    const m = measures(p.blocks);
    assert.equal(partsText(m[1].parts), 'Se tiltak 1.1, se tiltak 1.1, kapittel 2 og Innledning.');
    assert.deepEqual(
      refs(m[1]).map((r) => [r.text, r.written, r.anchor, r.target?.kind, r.target?.id]),
      [
        ['tiltak 1.1', '1.1', 'tiltak-1-1', 'measure', '1.1'],
        ['1.1', '#jobber', 'jobber', 'measure', '1.1'],
        ['kapittel 2', '2', 'kapittel-2', 'pillar', '2'],
        ['Innledning', '#innledning-lbl', 'innledning-lbl', 'section', 'Innledning'],
      ],
    );
  });

  it('prints a reference that names nothing as written, without brackets and without a link', () => {
    const m = measures(pub(NB).blocks);
    assert.equal(partsText(m[3].parts), 'Henvise til 9.9.');
    // A reference of its own (the JSON lists it, with target null), without an anchor or a target, so
    // that a writer can mark it (HTML does).
    assert.deepEqual(refs(m[3]).map((r) => [r.text, r.written, r.anchor, r.target, r.line]), [['9.9', '9.9', undefined, undefined, 20]]);
  });

  it('leaves out comments, labels and escape backslashes, and prints sub-points as a list with their continuation lines', () => {
    const p = pub(NB);
    const m = measures(p.blocks);
    assert.equal(partsText(m[0].parts), 'Skape jobber.');
    assert.equal(m[0].label, 'jobber');
    assert.equal(m[0].labelAnchor, 'jobber');
    assert.equal(partsText(m[2].parts), 'Arrangere barnetog på 17. mai i alle kretser.\n- i sentrum\n- på bygda, også i Fjell');
    assert.deepEqual(m[2].parts.map((part) => [part.kind, part.line]), [['text', 15], ['list', 17]]);
    assert.ok(!JSON.stringify(p.blocks).includes('Kommentar'));
  });

  it('gives every measure, pillar and heading an anchor, and labels their own', () => {
    const p = pub(NB);
    assert.deepEqual(
      p.blocks.flatMap((b) => (b.kind === 'paragraph' ? [] : [`${b.anchor}${b.labelAnchor !== undefined ? `+${b.labelAnchor}` : ''}`])),
      ['innledning+innledning-lbl', 'kapittel-1+arbeid', 'tiltak-1-1+jobber', 'tiltak-1-2', 'tiltak-1-3', 'tiltak-1-4', 'kapittel-2', 'tiltak-2-1'],
    );
    assert.equal(p.anchors.size, 11);
  });

  it('keeps anchors unique when two measures share an id', () => {
    const p = pub('# 1. A\n\n1. En.\n\n1. To.\n');
    assert.deepEqual(measures(p.blocks).map((m) => m.anchor), ['measure-1-1', 'measure-1-1-2']);
  });

  it('reads the title block from the front matter, and its words in the programme\'s language', () => {
    const p = pub(NB);
    assert.deepEqual(p.title, { title: 'Program for Fjordvik', party: 'Fjordvik Arbeiderparti', election: undefined, year: undefined, status: 'draft', adopted: undefined, version: undefined });
    assert.equal(p.words.contents, 'Innhold');
    assert.equal(p.words.status, 'Utkast');
    assert.equal(p.language, 'nb');
    assert.equal(p.languageTag, 'nb');
    assert.deepEqual(p.toc.map((t) => [t.level, t.number, t.title, t.anchor, t.measures]), [
      [1, undefined, 'Innledning', 'innledning', 0],
      [1, '1.', 'Arbeid', 'kapittel-1', 4],
      [1, '2.', 'Skole', 'kapittel-2', 1],
    ]);
  });

  it('prints in the programme\'s language whatever language the tool speaks, and English for other languages', () => {
    const before = currentLanguage();
    setLanguage('nb');
    try {
      const de = pub('---\ntitle: Programm\nlang: de-DE\nstatus: adopted\n---\n# 1. Arbeit\n\n1. Arbeit schaffen.\n2. Siehe Maßnahme [[1.1]] und [[1]].\n');
      assert.equal(de.words.contents, 'Inhalt');
      assert.equal(de.words.status, 'Beschlossen');
      assert.equal(de.languageTag, 'de-DE');
      assert.equal(partsText(measures(de.blocks)[1].parts), 'Siehe Maßnahme 1.1 und Kapitel 1.');
      assert.equal(measures(de.blocks)[0].anchor, 'massnahme-1-1');
      const se = pub('---\ntitle: Prográmma\nlang: se\n---\n# 1. Bargu\n\n1. Álgit.\n2. [[1.1]].\n');
      assert.equal(se.language, 'en');
      assert.equal(se.languageTag, 'se');
      assert.equal(partsText(measures(se.blocks)[1].parts), 'measure 1.1.');
      assert.equal(currentLanguage(), 'nb', 'the tool\'s language is as it was');
    } finally {
      setLanguage(before);
    }
  });

  it('prints numbers as written: alternatives, full ids and the ")" delimiter', () => {
    const p = pub('# 1. A\n\n1. En.\n\n2) To.\n\n2A. Tre.\n');
    assert.deepEqual(measures(p.blocks).map((m) => [m.number, m.id]), [['1.', '1.1'], ['2)', '1.2'], ['2A.', '1.2A']]);
    const full = pub('# 1. A\n\n1.1 En.\n\n1.2 To.\n');
    assert.deepEqual(measures(full.blocks).map((m) => [m.number, m.id]), [['1.1', '1.1'], ['1.2', '1.2']]);
  });

  it('prints a bullet list in prose as a list, and a heading\'s title without its label', () => {
    const p = pub('# 1. Arbeid {#a}\n\nVi vil:\n- bygge\n- skape\n');
    const para = p.blocks.find((b) => b.kind === 'paragraph')!;
    assert.equal(para.kind === 'paragraph' && partsText(para.parts), 'Vi vil:\n- bygge\n- skape');
    const h = p.blocks[0];
    assert.equal(h.kind === 'heading' && plain(h.title), 'Arbeid');
  });

  it('makes anchors of titles as GitHub does', () => {
    assert.equal(slug('  Klima og natur - rammen rundt all politikk! '), 'klima-og-natur---rammen-rundt-all-politikk');
    assert.equal(slug('Økonomi & Arbeid'), 'økonomi--arbeid');
    assert.equal(slug('---'), '');
  });
});
