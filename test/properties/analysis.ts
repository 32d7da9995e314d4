/**
 * Properties of the whole analysis, checked by `test/properties/analysis.property.test.ts` (short) and
 * `npm run fuzz` (long): never throws; every diagnostic, related and symbol range lies inside the
 * document with start ≤ end; positions agree with a reference computation of UTF-16 columns.
 */
import assert from 'node:assert/strict';
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { analyse } from '../../server/src/rules/index';
import { documentSymbols } from '../../server/src/features/outline';
import type { Range } from '../../server/src/syntax/span';

/** Line starts computed the slow, obvious way (LF, CRLF, lone CR), to check `LineIndex` against. */
function referenceLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function assertRangeInside(range: Range, lines: string[], what: string): void {
  const { start, end } = range;
  assert.ok(start.line >= 0 && start.line < lines.length, `${what}: start line ${start.line} outside 0..${lines.length - 1}`);
  assert.ok(end.line >= 0 && end.line < lines.length, `${what}: end line ${end.line} outside`);
  assert.ok(start.character >= 0 && start.character <= lines[start.line].length, `${what}: start character ${start.character} past line ${start.line}`);
  assert.ok(end.character >= 0 && end.character <= lines[end.line].length, `${what}: end character past line end`);
  assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), `${what}: start after end`);
}

/** Checks every property on one document; throws an AssertionError naming the broken one. Returns the analysis time in ms. */
export function checkAnalysisProperties(text: string): number {
  const t0 = performance.now();
  const { programme, diagnostics } = analyse(text);
  const symbols = documentSymbols(programme);
  const elapsed = performance.now() - t0;
  const lines = referenceLines(text);
  for (const d of diagnostics) {
    assert.ok(d.span.start <= d.span.end && d.span.start >= 0 && d.span.end <= text.length, `diagnostic ${d.code} span ${d.span.start}-${d.span.end} outside 0..${text.length}`);
    assertRangeInside(programme.lines.rangeOf(d.span), lines, `diagnostic ${d.code}`);
    for (const r of d.related ?? []) assertRangeInside(programme.lines.rangeOf(r.span), lines, `related of ${d.code}`);
    assert.ok(d.message.length > 0, `diagnostic ${d.code} has an empty message`);
  }
  const walk = (list: DocumentSymbol[]) => {
    for (const s of list) {
      assert.ok(s.name.length > 0, 'a symbol has an empty name');
      assertRangeInside(s.range, lines, `symbol ${s.name}`);
      assertRangeInside(s.selectionRange, lines, `selection of ${s.name}`);
      walk(s.children ?? []);
    }
  };
  walk(symbols);
  // LineIndex agrees with the reference on a sample of offsets.
  for (const offset of [0, Math.floor(text.length / 3), Math.floor(text.length / 2), text.length]) {
    const pos = programme.lines.positionAt(offset);
    const before = text.slice(0, offset);
    const beforeLines = referenceLines(before);
    // A CR at the very end of `before` followed by LF in the text is one line break, not yet complete.
    if (!(before.endsWith('\r') && text[offset] === '\n')) {
      assert.equal(pos.line, beforeLines.length - 1, `line of offset ${offset}`);
      assert.equal(pos.character, beforeLines[beforeLines.length - 1].length, `character of offset ${offset}`);
    }
  }
  return elapsed;
}
