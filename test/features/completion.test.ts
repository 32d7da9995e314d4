import assert from 'node:assert/strict';
import { CompletionItemKind, type CompletionItem, type InsertReplaceEdit, type TextEdit } from 'vscode-languageserver-types';
import { completions } from '../../server/src/features/completion';
import { range, withCursor } from './cursor';

const DOC = `# 1. Arbeid {#arbeid}

Partiet vil:

1. Skape flere *arbeidsplasser*.
- i hele landet

2. Innføre lærlingplassgaranti. {#lærling}

# 2. Klima

1. Kutte utslipp.
`;

/** `DOC` with `line` appended (the cursor marker in it). */
function at(line: string, config = {}) {
  return withCursor(`${DOC}\n${line}\n`, config);
}

/** Label, sort text and plain text edit of each item, as `label|sortText|l:c-l:c|newText`. */
function summary(items: CompletionItem[]): string[] {
  return items.map((i) => {
    const e = i.textEdit as TextEdit;
    return `${i.label}|${i.sortText}|${e.range.start.line}:${e.range.start.character}-${e.range.end.line}:${e.range.end.character}|${e.newText}`;
  });
}

describe('completions', () => {
  it('inside a closed [[…]]: measures and pillars in document order, then labels; no "]]" added', () => {
    const { p, position } = at('Se [[$0]].');
    assert.deepEqual(position, { line: 13, character: 5 });
    assert.deepEqual(summary(completions(p, position)), [
      '1|a000000|13:5-13:5|1',
      '1.1|a000001|13:5-13:5|1.1',
      '1.2|a000002|13:5-13:5|1.2',
      '2|a000003|13:5-13:5|2',
      '2.1|a000004|13:5-13:5|2.1',
      '#arbeid|b000000|13:5-13:5|#arbeid',
      '#lærling|b000001|13:5-13:5|#lærling',
    ]);
  });

  it('after an unclosed [[: replaces what was typed and adds "]]"', () => {
    const { p, position } = at('Se [[1.$0 og mer');
    const items = completions(p, position);
    assert.equal(items.length, 7);
    assert.deepEqual(items[1].textEdit, { range: range(13, 5, 13, 7), newText: '1.1]]' });
    assert.deepEqual(items[5].textEdit, { range: range(13, 5, 13, 7), newText: '#arbeid]]' });
  });

  it('after "[[#": labels only, replacing the "#"', () => {
    const { p, position } = at('Se [[#$0]]');
    assert.deepEqual(summary(completions(p, position)), ['#arbeid|b000000|13:5-13:6|#arbeid', '#lærling|b000001|13:5-13:6|#lærling']);
    const typed = at('Se [[ #lær$0');
    assert.deepEqual(summary(completions(typed.p, typed.position)), ['#arbeid|b000000|13:5-13:10|#arbeid]]', '#lærling|b000001|13:5-13:10|#lærling]]']);
  });

  it('describes each item: detail, words beside the id, Markdown documentation, kind', () => {
    const { p, position } = at('[[$0]]');
    const [pillar, measure] = completions(p, position);
    assert.deepEqual(
      { label: measure.label, detail: measure.detail, labelDetails: measure.labelDetails, kind: measure.kind, documentation: measure.documentation },
      {
        label: '1.1',
        detail: 'Measure 1.1',
        labelDetails: { description: 'Skape flere *arbeidsplasser*. i hele landet' },
        kind: CompletionItemKind.EnumMember,
        documentation: { kind: 'markdown', value: '**Measure 1.1**\n\nIn pillar 1\\. Arbeid\n\nSkape flere \\*arbeidsplasser\\*.\n- i hele landet' },
      },
    );
    assert.equal(measure.filterText, '1.1 Skape flere *arbeidsplasser*. i hele landet');
    assert.deepEqual(
      { detail: pillar.detail, kind: pillar.kind, documentation: pillar.documentation },
      {
        detail: 'Pillar 1. Arbeid',
        kind: CompletionItemKind.Module,
        documentation: { kind: 'markdown', value: '**Pillar 1. Arbeid** · \\#arbeid\n\n2 measures\n\nPartiet vil:' },
      },
    );
    const label = completions(p, position).find((i) => i.label === '#lærling')!;
    assert.deepEqual(
      { detail: label.detail, kind: label.kind, labelDetails: label.labelDetails },
      { detail: 'Label on measure 1.2', kind: CompletionItemKind.Reference, labelDetails: { description: 'measure 1.2' } },
    );
  });

  it('with insertReplaceSupport, also replaces what follows the cursor up to "]]"', () => {
    const { p, position } = at('Se [[1.$03]] nå');
    const edit = completions(p, position, { insertReplaceSupport: true })[1].textEdit as InsertReplaceEdit;
    assert.deepEqual(edit, { newText: '1.1', insert: range(13, 5, 13, 7), replace: range(13, 5, 13, 8) });
    // Nothing follows the cursor: a plain edit.
    const closed = at('Se [[1.$0]]');
    assert.deepEqual(completions(closed.p, closed.position, { insertReplaceSupport: true })[1].textEdit, { range: range(13, 5, 13, 7), newText: '1.1' });
  });

  it('offers nothing outside [[, after a closed reference, in front matter or on a comment line', () => {
    for (const line of ['Se $0', 'Se [[1.1]] $0', 'Se [[1]$0]', '// se [[$0']) {
      const { p, position } = at(line);
      assert.deepEqual(completions(p, position), [], line);
    }
    const fm = withCursor('---\ntitle: se [[$0\n---\n# 1. A\n\n1. B.\n');
    assert.deepEqual(completions(fm.p, fm.position), []);
  });

  it('offers the first of two measures with one id, and no pillars in continuous numbering', () => {
    const dup = withCursor('# 1. A\n\n1. Først.\n\n1. Igjen.\n\n[[$0\n');
    assert.deepEqual(completions(dup.p, dup.position).map((i) => `${i.label} ${i.labelDetails?.description}`), ['1 A', '1.1 Først.']);
    const cont = withCursor('# 1. A\n\n1. Først.\n\n# 2. B\n\n2. Andre.\n\n[[$0\n', { measureNumbering: 'continuous' });
    assert.deepEqual(completions(cont.p, cont.position).map((i) => i.label), ['1', '2']);
  });
});
