import assert from 'node:assert/strict';
import {
  declarationSpan,
  enclosingHeadings,
  frontMatterKeyAt,
  headingNameSpan,
  headingOwners,
  headingPartSpan,
  inComment,
  inFrontMatter,
  nodeAt,
  referenceLabelNameSpan,
  referencedLabel,
} from '../../server/src/model/locate';
import type { Programme } from '../../server/src/model/programme';
import type { Span } from '../../server/src/syntax/span';
import { SAMPLE, offsetOf, programmeOf } from '../features/cursor';

/** The text of a span. */
function textOf(p: Programme, span: Span): string {
  return p.text.slice(span.start, span.end);
}

/** A short description of what `nodeAt` found, for exact comparisons. */
function found(p: Programme, offset: number): string {
  const at = nodeAt(p, offset);
  switch (at.kind) {
    case 'reference':
      return `reference ${at.reference.target}`;
    case 'label':
      return `label ${at.label.name}`;
    case 'measureNumber':
    case 'measure':
      return `${at.kind} ${at.measure.id}`;
    case 'heading':
      return `heading ${at.node.title}`;
    default:
      return at.kind;
  }
}

describe('locate: what is at an offset', () => {
  const p = programmeOf(SAMPLE);

  it('finds a reference from its first "[" to just after its "]]"', () => {
    const start = offsetOf(SAMPLE, '[[1.1]]');
    assert.equal(found(p, start), 'reference 1.1');
    assert.equal(found(p, start + 4), 'reference 1.1');
    assert.equal(found(p, start + 7), 'reference 1.1');
    assert.equal(found(p, start - 1), 'measure 1.3');
  });

  it('prefers the reference that starts at the cursor when two touch it', () => {
    const text = '# 1. A\n\n1. Se [[1]][[1.1]].\n';
    const q = programmeOf(text);
    assert.equal(found(q, offsetOf(text, '[[1.1]]')), 'reference 1.1');
    assert.equal(found(q, offsetOf(text, '[[1]]') + 2), 'reference 1');
  });

  it('finds a label declaration, a measure number with its delimiter, a heading line and measure text', () => {
    assert.equal(found(p, offsetOf(SAMPLE, '{#flere-jobber}', 0, 5)), 'label flere-jobber');
    assert.equal(found(p, offsetOf(SAMPLE, '3. Styrke')), 'measureNumber 1.3');
    assert.equal(found(p, offsetOf(SAMPLE, '3. Styrke', 0, 2)), 'measureNumber 1.3');
    assert.equal(found(p, offsetOf(SAMPLE, '3. Styrke', 0, 3)), 'measure 1.3');
    assert.equal(found(p, offsetOf(SAMPLE, 'lokalt næringsliv')), 'measure 1.1');
    assert.equal(found(p, offsetOf(SAMPLE, 'Arbeid og næring')), 'heading Arbeid og næring');
    assert.equal(found(p, offsetOf(SAMPLE, '## 1.1')), 'heading Industri');
  });

  it('reports front matter, and nothing on prose, comments and blank lines', () => {
    assert.equal(found(p, offsetOf(SAMPLE, 'year')), 'frontMatter');
    assert.equal(found(p, 0), 'frontMatter');
    assert.equal(found(p, offsetOf(SAMPLE, 'innledningen')), 'none');
    assert.equal(found(p, offsetOf(SAMPLE, 'Andre linje')), 'none');
    assert.equal(found(p, offsetOf(SAMPLE, '\n\n# 2.') + 1), 'none');
    assert.equal(inFrontMatter(p, offsetOf(SAMPLE, '# Innledning')), false);
    assert.equal(inComment(p, offsetOf(SAMPLE, 'Andre linje')), true);
    assert.equal(inComment(p, offsetOf(SAMPLE, 'Partiet')), false);
  });
});

describe('locate: headings and their parts', () => {
  const p = programmeOf(SAMPLE);

  it('lists pillars, sections and sub-sections in document order', () => {
    assert.deepEqual(
      headingOwners(p).map((h) => `${h.kind} ${h.title}`),
      ['section Innledning', 'pillar Arbeid og næring', 'subsection Industri', 'pillar Klima og natur'],
    );
  });

  it('gives the enclosing headings innermost first, up to the next heading of the same level', () => {
    const names = (offset: number) => enclosingHeadings(p, offset).map((h) => h.title);
    assert.deepEqual(names(offsetOf(SAMPLE, 'Bygge ut')), ['Industri', 'Arbeid og næring']);
    assert.deepEqual(names(offsetOf(SAMPLE, 'Styrke')), ['Arbeid og næring']);
    // The blank line before "# 2." still belongs to pillar 1's part.
    assert.deepEqual(names(offsetOf(SAMPLE, '\n\n# 2.') + 1), ['Industri', 'Arbeid og næring']);
    assert.deepEqual(names(offsetOf(SAMPLE, '# 2.')), ['Klima og natur']);
    assert.deepEqual(names(offsetOf(SAMPLE, 'title')), []);
  });

  it('ends a part at its last non-blank line before the next heading of the same or a higher level', () => {
    const [innledning, pillar1, industri, pillar2] = headingOwners(p);
    assert.equal(textOf(p, headingPartSpan(p, innledning)), '# Innledning\n\nDette er innledningen.');
    const part = headingPartSpan(p, pillar1);
    assert.equal(part.start, offsetOf(SAMPLE, '# 1. Arbeid'));
    assert.equal(part.end, offsetOf(SAMPLE, '[[9.9]]).') + '[[9.9]]).'.length);
    assert.equal(textOf(p, headingPartSpan(p, industri)), '## 1.1 Industri {#industri}\n\n4. Bygge ut grønn industri (se [[2.1]] og [[9.9]]).');
    assert.equal(headingPartSpan(p, pillar2).end, SAMPLE.length - 1);
  });

  it('keeps comment lines at the end of a part, and drops trailing blank lines', () => {
    const text = '# 1. A\n\n1. Tiltak.\n// slutt\n\n\n# 2. B\n';
    const q = programmeOf(text);
    assert.equal(textOf(q, headingPartSpan(q, q.pillars[0])), '# 1. A\n\n1. Tiltak.\n// slutt');
  });

  it('names declarations: a measure by its number and delimiter, a heading by its marks and title', () => {
    assert.equal(textOf(p, declarationSpan(p.measures[2])), '3.');
    assert.equal(textOf(p, declarationSpan(p.pillars[0])), '# 1. Arbeid og næring');
    assert.equal(textOf(p, headingNameSpan(p.subsections[0])), '## 1.1 Industri');
    const q = programmeOf('# 1. A\n\n9A) Alternativ.\n');
    assert.equal(textOf(q, declarationSpan(q.measures[0])), '9A)');
  });
});

describe('locate: labels in references', () => {
  const p = programmeOf(SAMPLE);

  it('finds the name inside [[#name]], without "#" and blanks', () => {
    const spaced = p.references.find((r) => r.target === ' #arbeid ')!;
    const span = referenceLabelNameSpan(p, spaced)!;
    assert.equal(textOf(p, span), 'arbeid');
    assert.equal(span.start, offsetOf(SAMPLE, '[[ #arbeid ]]', 0, 4));
    assert.equal(referenceLabelNameSpan(p, p.references.find((r) => r.target === '1.1')!), undefined);
  });

  it('binds a label reference to the first declaration, across capitals', () => {
    const ref = p.references.find((r) => r.target === '#Flere-Jobber')!;
    assert.equal(referencedLabel(p, ref), p.labels.find((l) => l.name === 'flere-jobber'));
  });
});

describe('locate: front-matter keys', () => {
  it('finds a top-level key, not its value', () => {
    const p = programmeOf(SAMPLE);
    const key = frontMatterKeyAt(p, offsetOf(SAMPLE, 'year', 0, 2))!;
    assert.deepEqual(key.path, ['year']);
    assert.equal(textOf(p, key.span), 'year');
    assert.equal(frontMatterKeyAt(p, offsetOf(SAMPLE, '2027')), undefined);
    assert.equal(frontMatterKeyAt(p, offsetOf(SAMPLE, 'Innledning')), undefined);
  });

  it('finds nested keys and keys inside lists', () => {
    const text = '---\ntitle: T\nauthors:\n  - name: Kari\n    role: leder\nmeta:\n  draft: 2\n---\n# 1. A\n';
    const p = programmeOf(text);
    assert.deepEqual(frontMatterKeyAt(p, offsetOf(text, 'role'))!.path, ['authors', '[]', 'role']);
    assert.deepEqual(frontMatterKeyAt(p, offsetOf(text, 'draft'))!.path, ['meta', 'draft']);
    assert.equal(textOf(p, frontMatterKeyAt(p, offsetOf(text, 'draft', 0, 5))!.span), 'draft');
  });

  it('gives nothing in YAML that cannot be read as keys', () => {
    const text = '---\n: : [\n---\n# 1. A\n';
    const p = programmeOf(text);
    assert.equal(frontMatterKeyAt(p, 5), undefined);
  });
});
