import assert from 'node:assert/strict';
import { SymbolKind, type WorkspaceSymbol } from 'vscode-languageserver-types';
import { MAX_WORKSPACE_SYMBOLS, workspaceSymbols } from '../../server/src/features/workspaceSymbols';
import { programmeOf, range } from './cursor';

const A = 'file:///p/a.programme';
const B = 'file:///p/b.programme';

const DOC_A = `# Innledning

# 1. Arbeid {#arbeid}

1. Innføre læreplassgaranti for alle.

2. Åpne en café i hvert fylke, med gratis kaffe til alle som søker jobb og lærer et fag. {#kafe}

## 1.1 Industri

3. Styrke industrien.
`;

const DOC_B = `# 1. Skole

1. Flere lærere i skolen.

2. Mer Klima\u00AD
schutz im Unterricht.

# 2. Arbeidsliv {#arbeidsliv}

1. Styrke arbeidslivet.
`;

const docs = [
  { uri: A, programme: programmeOf(DOC_A) },
  { uri: B, programme: programmeOf(DOC_B) },
];

/** `uri-letter name` of each symbol. */
function names(symbols: WorkspaceSymbol[]): string[] {
  return symbols.map((s) => `${s.location.uri === A ? 'a' : 'b'} ${s.name}`);
}

describe('workspaceSymbols', () => {
  it('lists every pillar, section, sub-section and measure of every document for an empty query', () => {
    assert.deepEqual(names(workspaceSymbols(docs, '')), [
      'a Innledning',
      'a 1. Arbeid {#arbeid}',
      'a 1.1 Innføre læreplassgaranti for alle.',
      'a 1.2 Åpne en café i hvert fylke, … {#kafe}',
      'a 1.1 Industri',
      'a 1.3 Styrke industrien.',
      'b 1. Skole',
      'b 1.1 Flere lærere i skolen.',
      'b 1.2 Mer Klima\u00ADschutz im Unterricht.',
      'b 2. Arbeidsliv {#arbeidsliv}',
      'b 2.1 Styrke arbeidslivet.',
    ]);
  });

  it('gives kind, container and the declaration as location', () => {
    const [measure] = workspaceSymbols(docs, '1.3');
    assert.deepEqual(measure, {
      name: '1.3 Styrke industrien.',
      kind: SymbolKind.EnumMember,
      containerName: '1. Arbeid',
      location: { uri: A, range: range(10, 0, 10, 2) },
    });
    const [pillar] = workspaceSymbols(docs, '#arbeidsliv');
    assert.deepEqual(pillar, { name: '2. Arbeidsliv {#arbeidsliv}', kind: SymbolKind.Module, location: { uri: B, range: range(7, 0, 7, 15) } });
  });

  it('ranks an exact id first, then ids that start with it, then words', () => {
    assert.deepEqual(names(workspaceSymbols(docs, '1.1')), ['a 1.1 Innføre læreplassgaranti for alle.', 'a 1.1 Industri', 'b 1.1 Flere lærere i skolen.']);
    assert.deepEqual(names(workspaceSymbols(docs, '2')), ['b 2. Arbeidsliv {#arbeidsliv}', 'b 2.1 Styrke arbeidslivet.']);
    assert.deepEqual(names(workspaceSymbols(docs, '1.')), [
      'a 1. Arbeid {#arbeid}',
      'b 1. Skole',
      'a 1.1 Innføre læreplassgaranti for alle.',
      'a 1.2 Åpne en café i hvert fylke, … {#kafe}',
      'a 1.1 Industri',
      'a 1.3 Styrke industrien.',
      'b 1.1 Flere lærere i skolen.',
      'b 1.2 Mer Klima\u00ADschutz im Unterricht.',
    ]);
  });

  it('finds labels with or without "#", exact first; "#" alone lists labelled items', () => {
    assert.deepEqual(names(workspaceSymbols(docs, '#arbeid')), ['a 1. Arbeid {#arbeid}', 'b 2. Arbeidsliv {#arbeidsliv}']);
    assert.deepEqual(names(workspaceSymbols(docs, 'arbeid')), ['a 1. Arbeid {#arbeid}', 'b 2. Arbeidsliv {#arbeidsliv}', 'b 2.1 Styrke arbeidslivet.']);
    assert.deepEqual(names(workspaceSymbols(docs, '#')), ['a 1. Arbeid {#arbeid}', 'a 1.2 Åpne en café i hvert fylke, … {#kafe}', 'b 2. Arbeidsliv {#arbeidsliv}']);
  });

  it('matches words ignoring case and accents, but not spelled-out letters', () => {
    for (const q of ['læreplass', 'LÆREPLASS', 'Læreplassgaranti']) assert.deepEqual(names(workspaceSymbols(docs, q)), ['a 1.1 Innføre læreplassgaranti for alle.'], q);
    assert.deepEqual(workspaceSymbols(docs, 'laereplass'), []);
    assert.deepEqual(names(workspaceSymbols(docs, 'CAFE')), ['a 1.2 Åpne en café i hvert fylke, … {#kafe}']);
    assert.deepEqual(names(workspaceSymbols(docs, 'apne')), ['a 1.2 Åpne en café i hvert fylke, … {#kafe}']);
  });

  it('needs every word of the query, and ranks matches in the name before matches deeper in the text', () => {
    assert.deepEqual(names(workspaceSymbols(docs, 'styrke industri')), ['a 1.3 Styrke industrien.']);
    assert.deepEqual(names(workspaceSymbols(docs, 'alle')), ['a 1.1 Innføre læreplassgaranti for alle.', 'a 1.2 Åpne en café i hvert fylke, … kaffe til alle som søker jobb … {#kafe}']);
  });

  it('matches a number as a whole word only, not inside ids or other numbers', () => {
    const q = programmeOf('# 1. A\n\n1. Kutte utslipp innen 2030.\n\n2. Bygge 20300 boliger.\n\n12. Noe annet.\n');
    assert.deepEqual(
      workspaceSymbols([{ uri: A, programme: q }], '2030').map((s) => s.name),
      ['1.1 Kutte utslipp innen 2030.'],
    );
    assert.deepEqual(
      workspaceSymbols([{ uri: A, programme: q }], '2').map((s) => s.name),
      [],
    );
  });

  it('shows the words around a match deep in a measure text in its name', () => {
    assert.deepEqual(names(workspaceSymbols(docs, 'fag')), ['a 1.2 Åpne en café i hvert fylke, … lærer et fag. {#kafe}']);
  });

  it('reads a word hyphenated with a soft hyphen at a line end as one word', () => {
    assert.deepEqual(names(workspaceSymbols(docs, 'klimaschutz')), ['b 1.2 Mer Klima\u00ADschutz im Unterricht.']);
  });

  it(`returns at most ${MAX_WORKSPACE_SYMBOLS} symbols`, () => {
    const many = `# 1. A\n\n${Array.from({ length: 600 }, (_, i) => `${i + 1}. Tiltak nummer ${i + 1}.`).join('\n\n')}\n`;
    const symbols = workspaceSymbols([{ uri: A, programme: programmeOf(many) }], 'tiltak');
    assert.equal(symbols.length, 500);
    assert.equal(symbols[499].name, '1.500 Tiltak nummer 500.');
  });
});
