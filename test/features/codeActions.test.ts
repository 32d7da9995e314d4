import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic as LspDiagnostic, Range } from 'vscode-languageserver-types';
import { analyse } from '../../server/src/rules/index';
import type { Config } from '../../server/src/model/config';
import type { Programme } from '../../server/src/model/programme';
import type { Diagnostic } from '../../server/src/syntax/span';
import { codeActions, kindWanted, RENUMBER_KINDS } from '../../server/src/features/codeActions';
import { applyWorkspaceEdit, doc } from './edits';

const URI = 'file:///work/programme.programme';

/** Our diagnostic as the client sends it back: LSP shape; with `data` unless `dropData`. */
function toLsp(p: Programme, d: Diagnostic, dropData = false): LspDiagnostic {
  const out: LspDiagnostic = { range: p.lines.rangeOf(d.span), severity: 1, code: d.code, source: 'programme', message: d.message };
  if (!dropData && d.data !== undefined) out.data = d.data;
  return out;
}

interface Setup {
  text: string;
  p: Programme;
  diagnostics: Diagnostic[];
  config: Config;
}

function setup(text: string, config: Config = {}): Setup {
  const { programme, diagnostics } = analyse(text, config);
  return { text, p: programme, diagnostics, config };
}

/** The quick fixes for the diagnostics of `code` (all of them, or the `nth`), as the client asks for them. */
function fixesFor(s: Setup, code: string, options: { nth?: number; dropData?: boolean; only?: string[] } = {}): CodeAction[] {
  const ds = s.diagnostics.filter((d) => d.code === code);
  assert.ok(ds.length > 0, `the fixture has a ${code} diagnostic`);
  const chosen = options.nth === undefined ? ds : [ds[options.nth]];
  const lsp = chosen.map((d) => toLsp(s.p, d, options.dropData));
  return codeActions(s.p, URI, lsp[0].range, lsp, options.only, s.config);
}

/** Titles, with `*` marking the preferred action. */
function titles(actions: CodeAction[]): string[] {
  return actions.map((a) => `${a.isPreferred ? '* ' : ''}${a.title}`);
}

function apply(s: Setup, action: CodeAction | undefined): string {
  assert.ok(action !== undefined, 'the action exists');
  return applyWorkspaceEdit(s.text, action.edit, URI);
}

function byTitle(actions: CodeAction[], title: string): CodeAction | undefined {
  return actions.find((a) => a.title === title);
}

const RANGE0: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

describe('code actions', () => {
  describe('measure-numbering', () => {
    const s = setup(doc('# 1. Arbeid', '', '1. Alfa.', '', '3. Beta, se [[1.4]].', '', '4. Gamma.', '', '# 2. Klima', '', '2. Delta, se [[1.4]].'));

    it('offers "Renumber measures in pillar N" (preferred) and "Renumber the whole document"', () => {
      const actions = fixesFor(s, 'measure-numbering', { nth: 0 });
      assert.deepEqual(titles(actions), ['* Renumber measures in pillar 1', 'Renumber the whole document']);
      assert.ok(actions.every((a) => a.kind === 'quickfix'));
      assert.equal(actions[0].diagnostics?.[0].code, 'measure-numbering');
    });

    it('renumbers the pillar, rewriting references to moved measures', () => {
      const actions = fixesFor(s, 'measure-numbering', { nth: 0 });
      assert.equal(apply(s, actions[0]), doc('# 1. Arbeid', '', '1. Alfa.', '', '2. Beta, se [[1.3]].', '', '3. Gamma.', '', '# 2. Klima', '', '2. Delta, se [[1.3]].'));
      assert.equal(apply(s, actions[1]), doc('# 1. Arbeid', '', '1. Alfa.', '', '2. Beta, se [[1.3]].', '', '3. Gamma.', '', '# 2. Klima', '', '1. Delta, se [[1.3]].'));
    });

    it('works when the client drops the diagnostic data', () => {
      assert.deepEqual(titles(fixesFor(s, 'measure-numbering', { nth: 0, dropData: true })), ['* Renumber measures in pillar 1', 'Renumber the whole document']);
    });

    it('merges the same action for several diagnostics into one, listing them all', () => {
      const actions = fixesFor(s, 'measure-numbering');
      assert.deepEqual(titles(actions), ['* Renumber measures in pillar 1', 'Renumber the whole document', '* Renumber measures in pillar 2']);
      assert.equal(byTitle(actions, 'Renumber the whole document')?.diagnostics?.length, 2);
    });

    it('in continuous numbering prefers renumbering the whole document', () => {
      const c = setup(doc('# 1. A', '', '1. Alfa.', '', '# 2. B', '', '3. Beta.', '', '5. Gamma.'), { measureNumbering: 'continuous' });
      assert.deepEqual(titles(fixesFor(c, 'measure-numbering')), ['Renumber measures in pillar 2', '* Renumber the whole document']);
    });
  });

  describe('Escape as text', () => {
    const s = setup(doc('# 1. A', '', '1. Feire grunnloven, som ble vedtatt', '17. mai 1814, hvert år.', '', '2. b'));

    it('is offered (and preferred) on a wrapped-number diagnostic: a wrapped date is read as text', () => {
      const d = s.diagnostics.find((x) => x.code === 'wrapped-number');
      assert.equal(d?.severity, 'information');
      assert.deepEqual(s.diagnostics.filter((x) => x.code === 'measure-numbering'), []);
      const actions = fixesFor(s, 'wrapped-number', { nth: 0 });
      assert.deepEqual(titles(actions), ['* Escape as text: "17\\."']);
      assert.equal(apply(s, actions[0]), doc('# 1. A', '', '1. Feire grunnloven, som ble vedtatt', '17\\. mai 1814, hvert år.', '', '2. b'));
      assert.deepEqual(analyse(apply(s, actions[0])).diagnostics.filter((x) => x.code === 'measure-numbering' || x.code === 'wrapped-number'), []);
    });

    it('is offered from our own analysis when the client dropped data', () => {
      assert.equal(fixesFor(s, 'wrapped-number', { nth: 0, dropData: true })[0].title, 'Escape as text: "17\\."');
    });

    it('is not offered for a capital line that goes on from an unfinished sentence: it reads as a new measure', () => {
      // As text or as a measure that skips 2, `3. Styrke` reads equally well; a tie goes to the measure.
      const t = setup(doc('# 1. A', '', '1. Bygge boliger for', '3. Styrke kollektivtrafikken'));
      assert.deepEqual(titles(fixesFor(t, 'measure-numbering')), ['* Renumber measures in pillar 1', 'Renumber the whole document']);
    });

    it('is not offered for a line that reads as a new measure', () => {
      const t = setup(doc('# 1. A', '', '1. a.', '', '3. Styrke b.'));
      assert.deepEqual(titles(fixesFor(t, 'measure-numbering')), ['* Renumber measures in pillar 1', 'Renumber the whole document']);
    });

    it('is offered on measure-outside-pillar, keeping the delimiter', () => {
      const t = setup(doc('# Innledning', '', '5) Vi har jobbet i fem år.', '', '# 1. A', '', '1. a'));
      const actions = fixesFor(t, 'measure-outside-pillar');
      assert.deepEqual(titles(actions), ['* Escape as text: "5\\)"']);
      assert.equal(apply(t, actions[0]), doc('# Innledning', '', '5\\) Vi har jobbet i fem år.', '', '# 1. A', '', '1. a'));
    });
  });

  describe('pillar-numbering and section-numbering', () => {
    const s = setup(doc('# 1. A', '', '1. a, se [[3.1]]', '', '# 3. B', '', '## 3.1 X', '', '1. b', '', '## 3.3 Y', '', '2. c'));

    it('offers "Renumber pillars" (preferred) on a pillar number, with sub-sections and references following', () => {
      const actions = fixesFor(s, 'pillar-numbering');
      assert.deepEqual(titles(actions), ['* Renumber pillars', 'Renumber the whole document']);
      assert.equal(apply(s, actions[0]), doc('# 1. A', '', '1. a, se [[2.1]]', '', '# 2. B', '', '## 2.1 X', '', '1. b', '', '## 2.3 Y', '', '2. c'));
    });

    it('offers "Renumber the whole document" (preferred) on a sub-section number', () => {
      const actions = fixesFor(s, 'section-numbering');
      assert.deepEqual(titles(actions), ['* Renumber the whole document']);
      assert.equal(apply(s, actions[0]), doc('# 1. A', '', '1. a, se [[2.1]]', '', '# 2. B', '', '## 2.1 X', '', '1. b', '', '## 2.2 Y', '', '2. c'));
    });
  });

  describe('numbering-style', () => {
    const s = setup(doc('# 1. A', '', '1. a', '', '2) b', '', '3) c', '', '# 2) B', '', '1. d'));

    it('offers the document style for the one number (preferred) and everywhere', () => {
      const actions = fixesFor(s, 'numbering-style', { nth: 1 });
      assert.deepEqual(titles(actions), ['* Use "." as delimiter', 'Use "." as delimiter everywhere in the document']);
      assert.equal(apply(s, actions[0]), doc('# 1. A', '', '1. a', '', '2) b', '', '3. c', '', '# 2) B', '', '1. d'));
      assert.equal(apply(s, actions[1]), doc('# 1. A', '', '1. a', '', '2. b', '', '3. c', '', '# 2) B', '', '1. d'));
    });

    it('treats pillar delimiters apart from measure delimiters', () => {
      const pillar = s.diagnostics.filter((d) => d.code === 'numbering-style').find((d) => s.text.slice(0, d.span.start).endsWith('# 2'));
      assert.ok(pillar !== undefined);
      const lsp = toLsp(s.p, pillar, true);
      const actions = codeActions(s.p, URI, lsp.range, [lsp], undefined, {});
      assert.deepEqual(titles(actions), ['* Use "." as delimiter']);
      assert.equal(apply(s, actions[0]), s.text.replace('# 2) B', '# 2. B'));
    });
  });

  describe('invisible-character', () => {
    const s = setup(doc('# 1. A', '', '1. Styrke arbeids\u00adlivet og\u200b\u200b kulturen.', '', '2. Bygge Prozess\u00ad', 'kosten ned.', '', '3. Koste 20\u0096 30 kroner.'));

    it('removes exactly the run of the diagnostic', () => {
      const actions = fixesFor(s, 'invisible-character', { nth: 0 });
      assert.deepEqual(titles(actions), ['* Remove invisible character (U+00AD soft hyphen)']);
      assert.equal(apply(s, actions[0]), s.text.replace('arbeids\u00adlivet', 'arbeidslivet'));
      const run = fixesFor(s, 'invisible-character', { nth: 1 });
      assert.deepEqual(titles(run), ['* Remove 2 invisible characters (U+200B zero-width space)']);
      assert.equal(apply(s, run[0]), s.text.replace('og\u200b\u200b kulturen', 'og kulturen'));
    });

    it('joins a word hyphenated over a line break, when the rule says so', () => {
      const actions = fixesFor(s, 'invisible-character', { nth: 2 });
      assert.deepEqual(titles(actions), ['* Join the word "Prozesskosten"', 'Remove invisible character (U+00AD soft hyphen)']);
      assert.equal(apply(s, actions[0]), s.text.replace('Prozess\u00ad\nkosten', 'Prozesskosten'));
    });

    it('takes the join from our own analysis when the client dropped data', () => {
      assert.deepEqual(titles(fixesFor(s, 'invisible-character', { nth: 2, dropData: true })), ['* Join the word "Prozesskosten"', 'Remove invisible character (U+00AD soft hyphen)']);
    });

    it('puts back a damaged character, when the rule says what it was', () => {
      const actions = fixesFor(s, 'invisible-character', { nth: 3 });
      assert.deepEqual(titles(actions), ['* Replace with "–"', 'Remove invisible character (U+0096)']);
      assert.equal(apply(s, actions[0]), s.text.replace('20\u0096 30', '20– 30'));
    });

    it('never removes a visible character, whatever the client says', () => {
      const lsp: LspDiagnostic = { range: { start: { line: 2, character: 3 }, end: { line: 2, character: 18 } }, code: 'invisible-character', message: 'x' };
      assert.deepEqual(codeActions(s.p, URI, lsp.range, [lsp], undefined, {}), []);
      const join: LspDiagnostic = {
        range: { start: { line: 2, character: 17 }, end: { line: 2, character: 18 } },
        code: 'invisible-character',
        message: 'x',
        data: { join: { start: s.text.indexOf('\u00ad'), end: s.text.indexOf('kulturen') } },
      };
      assert.deepEqual(titles(codeActions(s.p, URI, join.range, [join], undefined, { rules: { 'invisible-character': 'off' } })), [
        '* Remove invisible character (U+00AD soft hyphen)',
      ]);
    });
  });

  describe('unresolved-reference', () => {
    const text = doc('# 1. Arbeid {#arbeid}', '', '1. a', '', '2. b, se [[#arbied]] og [[1.3]]');
    const s = setup(text);
    const refRange = (needle: string): Range => {
      const at = text.indexOf(needle);
      const line = text.slice(0, at).split('\n').length - 1;
      const character = at - (text.lastIndexOf('\n', at) + 1);
      return { start: { line, character }, end: { line, character: character + needle.length } };
    };

    it('offers "Change to [[…]]" for each suggestion, the first preferred', () => {
      const d: LspDiagnostic = { range: refRange('[[#arbied]]'), code: 'unresolved-reference', message: 'x', data: { suggestions: ['[[#arbeid]]', '[[1]]'] } };
      const actions = codeActions(s.p, URI, d.range, [d], undefined, { rules: { 'unresolved-reference': 'off' } });
      assert.deepEqual(titles(actions), ['* Change to [[#arbeid]]', 'Change to [[1]]']);
      assert.equal(apply(s, actions[0]), text.replace('[[#arbied]]', '[[#arbeid]]'));
    });

    it('ignores suggestions that are not one reference', () => {
      const d: LspDiagnostic = { range: refRange('[[#arbied]]'), code: 'unresolved-reference', message: 'x', data: { suggestions: ['arbeid', '[[a]] [[b]]', '[[#arbied]]', 3] } };
      assert.deepEqual(codeActions(s.p, URI, d.range, [d], undefined, { rules: { 'unresolved-reference': 'off' } }), []);
    });
  });

  describe('source actions', () => {
    const s = setup(doc('# Innledning', '', '# 1. A', '', '1. Alfa.', '', '3. Beta.', '', '# 3. B', '', '2. Gamma.'));
    const inPillar2: Range = { start: { line: 10, character: 1 }, end: { line: 10, character: 1 } };

    it('are offered when `only` asks for source actions', () => {
      const actions = codeActions(s.p, URI, inPillar2, [], ['source'], {});
      assert.deepEqual(
        actions.map((a) => [a.kind, a.title]),
        [
          [RENUMBER_KINDS.pillar, 'Renumber measures in pillar 3'],
          [RENUMBER_KINDS.pillars, 'Renumber pillars'],
          [RENUMBER_KINDS.document, 'Renumber the whole document'],
        ],
      );
      assert.equal(apply(s, actions[0]), doc('# Innledning', '', '# 1. A', '', '1. Alfa.', '', '3. Beta.', '', '# 3. B', '', '1. Gamma.'));
      assert.equal(apply(s, actions[2]), doc('# Innledning', '', '# 1. A', '', '1. Alfa.', '', '2. Beta.', '', '# 2. B', '', '1. Gamma.'));
    });

    it('are filtered by `only`, and not offered without it', () => {
      assert.deepEqual(titles(codeActions(s.p, URI, inPillar2, [], ['source.programme.renumber.document'], {})), ['Renumber the whole document']);
      assert.deepEqual(codeActions(s.p, URI, inPillar2, [], undefined, {}), []);
      assert.deepEqual(codeActions(s.p, URI, inPillar2, [], ['quickfix'], {}), []);
      assert.deepEqual(codeActions(s.p, URI, RANGE0, [], ['source.programme.renumber.pillar'], {}), [], 'no pillar at the start');
    });

    it('are left out when there is nothing to renumber', () => {
      const ok = setup(doc('# 1. A', '', '1. a'));
      assert.deepEqual(codeActions(ok.p, URI, RANGE0, [], ['source'], {}), []);
    });

    it('quick fixes are not returned when `only` asks for source actions', () => {
      const d = s.diagnostics.filter((x) => x.code === 'measure-numbering').map((x) => toLsp(s.p, x));
      assert.ok(codeActions(s.p, URI, d[0].range, d, ['source'], {}).every((a) => a.kind?.startsWith('source.')));
    });
  });

  describe('kindWanted', () => {
    it('matches a kind and its sub-kinds; leaves source actions out without `only`', () => {
      assert.equal(kindWanted('quickfix', undefined), true);
      assert.equal(kindWanted('source.programme.renumber.pillar', undefined), false);
      assert.equal(kindWanted('source.programme.renumber.pillar', ['source.programme']), true);
      assert.equal(kindWanted('source.programme.renumber.pillars', ['source.programme.renumber.pillar']), false);
      assert.equal(kindWanted('quickfix', ['']), true);
    });
  });

  describe('stale diagnostics', () => {
    it('offers nothing for a numbering diagnostic that no longer points at a number', () => {
      const s = setup(doc('# 1. A', '', '1. a'));
      const stale: LspDiagnostic = { range: { start: { line: 2, character: 3 }, end: { line: 2, character: 4 } }, code: 'measure-numbering', message: 'x', data: { escapable: true } };
      assert.deepEqual(codeActions(s.p, URI, stale.range, [stale], undefined, {}), []);
    });
  });
});
