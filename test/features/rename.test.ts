import assert from 'node:assert/strict';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { onlyLabels, prepareRename, rename } from '../../server/src/features/rename';
import { SAMPLE, positionOf, programmeOf, rangeOf, withCursor } from './cursor';
import { applyEdits } from './edits';

const URI = 'file:///p/test.programme';

/** The edits of a successful rename, all in {@link URI}. */
function edits(result: WorkspaceEdit | { error: string }): TextEdit[] {
  assert.ok(!('error' in result), `expected an edit, got: ${'error' in result ? result.error : ''}`);
  assert.deepEqual(Object.keys(result.changes ?? {}), [URI]);
  return result.changes![URI];
}

describe('prepareRename', () => {
  const p = programmeOf(SAMPLE);

  it('on a label declaration: the name without "{#" and "}", and the name as placeholder', () => {
    assert.deepEqual(prepareRename(p, positionOf(SAMPLE, '{#flere-jobber}', 0, 1)), { range: rangeOf(SAMPLE, '{#flere-jobber}', 0, 'flere-jobber'), placeholder: 'flere-jobber' });
  });

  it('on a [[#label]] reference: the name there, and the declared name as placeholder', () => {
    assert.deepEqual(prepareRename(p, positionOf(SAMPLE, '[[#Flere-Jobber]]', 0, 6)), { range: rangeOf(SAMPLE, '[[#Flere-Jobber]]', 0, 'Flere-Jobber'), placeholder: 'flere-jobber' });
    assert.deepEqual(prepareRename(p, positionOf(SAMPLE, '[[ #arbeid ]]')), { range: rangeOf(SAMPLE, '[[ #arbeid ]]', 0, 'arbeid'), placeholder: 'arbeid' });
  });

  it('refuses measure numbers, headings, numeric references and prose', () => {
    for (const at of ['3. Styrke', '# 1. Arbeid', 'Industri', '[[1.1]]', 'innledningen']) {
      assert.deepEqual(prepareRename(p, positionOf(SAMPLE, at)), { error: onlyLabels() }, at);
    }
    assert.equal(onlyLabels(), 'Only labels can be renamed; measure and pillar numbers change by renumbering (Programme: Renumber Document).');
  });

  it('refuses a reference to a label that is not declared', () => {
    const { p: q, position } = withCursor('# 1. A\n\n1. Se [[#ing$0en]].\n');
    assert.deepEqual(prepareRename(q, position), {
      error: 'No heading or measure has the label "{#ingen}", so there is nothing to rename. Add the label to a heading or measure, or correct the reference.',
    });
  });
});

describe('rename', () => {
  const p = programmeOf(SAMPLE);

  it('renames the declaration and every reference, and changes nothing else', () => {
    const result = edits(rename(p, URI, positionOf(SAMPLE, '{#flere-jobber}', 0, 4), 'nye-jobber'));
    assert.equal(result.length, 3);
    const expected = SAMPLE.replace('{#flere-jobber}', '{#nye-jobber}').replace('[[#flere-jobber]]', '[[#nye-jobber]]').replace('[[#Flere-Jobber]]', '[[#nye-jobber]]');
    assert.equal(applyEdits(SAMPLE, result), expected);
  });

  it('from a reference with blanks inside the brackets, keeps the blanks', () => {
    const result = edits(rename(p, URI, positionOf(SAMPLE, '[[ #arbeid ]]', 0, 5), 'jobb'));
    assert.equal(applyEdits(SAMPLE, result), SAMPLE.replace('{#arbeid}', '{#jobb}').replace('[[ #arbeid ]]', '[[ #jobb ]]'));
  });

  it('accepts the new name with a leading "#", letters of any script, digits, "-", "_" and "."', () => {
    const result = edits(rename(p, URI, positionOf(SAMPLE, '{#industri}', 0, 3), '#Næring_2.0-ø'));
    assert.equal(applyEdits(SAMPLE, result), SAMPLE.replace('{#industri}', '{#Næring_2.0-ø}').replace('[[#industri]]', '[[#Næring_2.0-ø]]'));
  });

  it('renames only a repeated declaration, whose references bind to the first', () => {
    const { text, p: q, position } = withCursor('# 1. A {#mål}\n\n1. Tiltak. {#MÅL$0}\n\n2. Se [[#mål]].\n');
    assert.equal(applyEdits(text, edits(rename(q, URI, position, 'tiltak'))), '# 1. A {#mål}\n\n1. Tiltak. {#tiltak}\n\n2. Se [[#mål]].\n');
  });

  it('refuses a name with a space or other characters, and an empty name', () => {
    const at = positionOf(SAMPLE, '{#industri}', 0, 3);
    assert.deepEqual(rename(p, URI, at, 'grønn industri'), {
      error: '"grønn industri" contains a space; a label holds letters, digits, "-", "_" and "." only. Use "-" between words, for example "grønn-industri".',
    });
    assert.deepEqual(rename(p, URI, at, 'a,b'), {
      error: '"a,b" contains ","; a label holds letters, digits, "-", "_" and "." only. Use "-" between words, for example "a-b".',
    });
    assert.deepEqual(rename(p, URI, at, 'a\nb'), {
      error: '"a\\nb" contains a line break; a label stands on one line and holds letters, digits, "-", "_" and "." only. Use "-" between words, for example "a-b".',
    });
    assert.deepEqual(rename(p, URI, at, 'a\tb'), {
      error: '"a\\tb" contains a tab; a label holds letters, digits, "-", "_" and "." only. Use "-" between words, for example "a-b".',
    });
    assert.deepEqual(rename(p, URI, at, 'a\u200bb'), {
      error: '"a\u200bb" contains the invisible character U+200B (ZERO WIDTH SPACE); a label holds letters, digits, "-", "_" and "." only. Remove it, for example "a-b".',
    });
    assert.deepEqual(rename(p, URI, at, ''), { error: 'A label needs a name: write letters, digits, "-", "_" or ".", for example "arbeid".' });
    assert.deepEqual(rename(p, URI, at, '#'), { error: 'A label needs a name: write letters, digits, "-", "_" or ".", for example "arbeid".' });
  });

  it('refuses a name that another label has, after NFC and case folding', () => {
    assert.deepEqual(rename(p, URI, positionOf(SAMPLE, '{#industri}', 0, 3), 'ARBEID'), {
      error: 'The label "{#arbeid}" is already used on pillar 1. Arbeid og næring (line 9); labels must differ in more than capital letters. Choose another name.',
    });
    // "ø" + combining acute (decomposed) is "ǿ" (U+01FF) in NFC; "Ǿ" (U+01FE) is its capital.
    const { p: q, position } = withCursor('# 1. A {#\u00F8\u0301l}\n\n1. Tiltak. {#ma$0t}\n');
    assert.deepEqual(rename(q, URI, position, '\u01FEL'), {
      error: 'The label "{#\u00F8\u0301l}" is already used on pillar 1. A (line 1); labels must differ in more than capital letters. Choose another name.',
    });
  });

  it('allows a new spelling of the same name', () => {
    const result = edits(rename(p, URI, positionOf(SAMPLE, '{#arbeid}', 0, 3), 'Arbeid'));
    assert.equal(applyEdits(SAMPLE, result), SAMPLE.replace('{#arbeid}', '{#Arbeid}').replace('[[ #arbeid ]]', '[[ #Arbeid ]]'));
  });

  it('refuses anything but a label', () => {
    assert.deepEqual(rename(p, URI, positionOf(SAMPLE, '[[2.1]]', 0, 3), 'x'), { error: onlyLabels() });
  });
});
