/**
 * Regular expressions and catastrophic backtracking (ReDoS). Every regular expression in the server's
 * source (server/src: the lexer's tokens, the rules, the features, the model, and the CLI and LSP
 * edges too) is found by reading the source with the TypeScript compiler (regex literals, and
 * `new RegExp(…)`/`RegExp(…)` with literal text), so that a new one cannot escape the check, and each is
 * checked with `recheck` (its npm package runs its checker from node_modules: the native build for
 * this system when npm installed it, else its pure JavaScript build; nothing is downloaded). Each must be `safe`; a `vulnerable` one fails, naming its file,
 * line and pattern. A `RegExp` built from something that is not literal text must be listed in
 * {@link DYNAMIC} with the reason it is safe.
 *
 * A pattern that is only ever matched at one offset is checked as sticky (flag `y`), as it runs: the
 * `pattern` of a Chevrotain token (Chevrotain adds `y`) and the argument of tokens.ts's `lineStart`
 * (which adds `y`). The lexer's token patterns are also taken from the module itself (`allTokens`), to
 * check that the scan finds every one of them.
 *
 * Then pathological inputs (100,000 `[`, a 1,000,000-digit number, 50,000 `{#`, and the like) go
 * through `analyse` and through the features that scan text around the cursor (completion and hover
 * at many offsets); they must finish (times are figures for `npm run bench`, not asserted here) and
 * give the diagnostics a person would expect.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { checkSync } from 'recheck';
import { Lexer } from 'chevrotain';
import { allTokens } from '../server/src/syntax/tokens';
import { analyse } from '../server/src/rules/index';
import { completions } from '../server/src/features/completion';
import { hover } from '../server/src/features/hover';

/** A regular expression found in the source. */
interface Found {
  file: string;
  /** 1-based line. */
  line: number;
  source: string;
  /** The flags it runs with (`y` added for token patterns, see the module comment). */
  flags: string;
}

/** True when the regex literal `node` is a token's `pattern` or the argument of `lineStart(…)`: matched sticky. */
function matchedSticky(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isPropertyAssignment(parent) && parent.name.getText() === 'pattern') return true;
  return ts.isCallExpression(parent) && ts.isIdentifier(parent.expression) && parent.expression.text === 'lineStart' && parent.arguments[0] === node;
}

/** `RegExp`s built from something other than literal text, by file and the text of the construction, with why each is safe. */
const DYNAMIC: Record<string, string> = {
  'server/src/syntax/tokens.ts new RegExp(re.source, re.flags.includes(\'y\') ? re.flags : re.flags + \'y\')':
    'lineStart() makes a sticky copy of a regex literal passed to it in this file; the literal itself is checked.',
  "server/src/rules/invisible.ts new RegExp(INVISIBLE_PATTERN.source, 'g')": 'a global copy of the INVISIBLE_PATTERN literal, which is checked.',
  'server/src/rules/invisible.ts new RegExp(INVISIBLE_PATTERN.source)': 'a non-global copy of the INVISIBLE_PATTERN literal (a single character class), which is checked.',
};

const ROOT = path.resolve('server/src');

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out.sort();
}

/** Every regular expression of `file`: literals, and `RegExp` constructions (literal text, or listed in `dynamic`). */
function scan(file: string, dynamic: string[]): Found[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const rel = path.relative(process.cwd(), file).split(path.sep).join('/');
  const found: Found[] = [];
  const lineOf = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = node.getText(sf);
      const end = literal.lastIndexOf('/');
      const flags = literal.slice(end + 1);
      found.push({ file: rel, line: lineOf(node), source: literal.slice(1, end), flags: matchedSticky(node) && !flags.includes('y') ? `${flags}y` : flags });
    } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
      const [pattern, flags] = node.arguments ?? [];
      if (pattern !== undefined && ts.isStringLiteralLike(pattern) && (flags === undefined || ts.isStringLiteralLike(flags))) {
        found.push({ file: rel, line: lineOf(node), source: pattern.text, flags: flags !== undefined ? (flags as ts.StringLiteralLike).text : '' });
      } else {
        dynamic.push(`${rel} ${node.getText(sf)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('regular expressions: no catastrophic backtracking (recheck)', function () {
  this.timeout(300_000);
  const dynamic: string[] = [];
  const all = sourceFiles(ROOT).flatMap((f) => scan(f, dynamic));
  // The same pattern in several places is checked once.
  const unique = new Map<string, Found[]>();
  for (const f of all) {
    const key = `/${f.source}/${f.flags}`;
    unique.set(key, [...(unique.get(key) ?? []), f]);
  }

  it('finds the regular expressions of the lexer, the rules, the features and the model', function () {
    const files = new Set(all.map((f) => f.file.split('/').slice(0, 4).join('/')));
    for (const folder of ['server/src/syntax/tokens.ts', 'server/src/rules', 'server/src/features', 'server/src/model']) {
      assert.ok([...files].some((f) => f.startsWith(folder)), `no regular expression found in ${folder}`);
    }
    assert.ok(all.length >= 50, `only ${all.length} regular expressions found`);
  });

  it("finds every token pattern of the lexer that is a regular expression", function () {
    const sources = new Set(all.map((f) => f.source));
    for (const token of allTokens) {
      const pattern = token.PATTERN;
      if (pattern instanceof RegExp && pattern !== Lexer.NA) assert.ok(sources.has(pattern.source), `the pattern of token ${token.name}, /${pattern.source}/, is not found by the scan`);
    }
  });

  it('knows why each RegExp built at run time is safe', function () {
    assert.deepEqual(dynamic.filter((d) => DYNAMIC[d] === undefined), [], 'a RegExp built from something other than literal text: make it a literal, or add it to DYNAMIC with the reason it is safe');
    assert.deepEqual(Object.keys(DYNAMIC).filter((d) => !dynamic.includes(d)), [], 'DYNAMIC lists a construction that is no longer in the source: remove it');
  });

  it('finds a vulnerable pattern when there is one (the checker works)', function () {
    const result = checkSync('^(a+)+$', '', { timeout: 10_000 });
    assert.equal(result.status, 'vulnerable');
  });

  it('every regular expression is safe', function () {
    const problems: string[] = [];
    for (const [key, places] of unique) {
      const { source, flags } = places[0];
      let result = checkSync(source, flags, { timeout: 10_000 });
      // The checker's time runs on the wall clock: on a busy machine a safe pattern can run out of it.
      // Such a pattern gets one more, longer try before it is reported as unchecked.
      if (result.status === 'unknown' && result.error.kind === 'timeout') result = checkSync(source, flags, { timeout: 60_000 });
      const where = places.map((p) => `${p.file}:${p.line}`).join(', ');
      if (result.status === 'vulnerable') {
        problems.push(`${where}: ${key} is vulnerable (${result.complexity.type} backtracking; attack: ${result.attack.pattern})`);
      } else if (result.status !== 'safe') {
        problems.push(`${where}: ${key} could not be checked (${result.status}: ${JSON.stringify(result.error)})`);
      }
    }
    assert.deepEqual(problems, []);
  });
});

describe('pathological inputs finish, through the analysis and the features that scan text', function () {
  this.timeout(120_000);

  /**
   * Analyses `text`, then asks for completion and hover at `probes` offsets spread over it; returns the
   * diagnostics as `[code, start offset]` and the labels of the completion items offered anywhere.
   */
  function run(text: string, probes = 200): { diagnostics: [string, number][]; offered: Set<string> } {
    const { programme, diagnostics } = analyse(text);
    const offered = new Set<string>();
    for (let i = 0; i < probes; i++) {
      const position = programme.lines.positionAt(Math.floor((i * text.length) / probes));
      for (const item of completions(programme, position)) offered.add(item.label);
      hover(programme, position);
    }
    return { diagnostics: diagnostics.map((d) => [d.code, d.span.start]), offered };
  }

  it('100,000 "[" on a line of their own: plain text, nothing to complete', function () {
    const r = run('['.repeat(100_000));
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual([...r.offered], []);
  });

  it('100,000 "[" in a measure: plain text; after "[[" the measure and pillar are offered', function () {
    const r = run(`# 1. A\n\n1. En ${'['.repeat(100_000)}\n`);
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual([...r.offered].sort(), ['1', '1.1']);
  });

  it('a 1,000,000-digit measure number: one numbering diagnostic, with the number cut short', function () {
    const text = `# 1. A\n\n${'9'.repeat(1_000_000)}. Tiltak.\n`;
    assert.deepEqual(run(text).diagnostics, [['measure-numbering', 8]]);
    const [d] = analyse(text).diagnostics;
    assert.ok(d.message.length < 200, d.message.slice(0, 300));
  });

  it('a 1,000,000-digit pillar number and a reference to it', function () {
    const digits = '7'.repeat(1_000_000);
    assert.deepEqual(run(`# ${digits}. A\n\n1. Se [[${digits}]].\n`, 50).diagnostics, [['pillar-numbering', 2]]);
  });

  it('a line of 1,000,000 digits: text', function () {
    assert.deepEqual(run('9'.repeat(1_000_000)).diagnostics, []);
  });

  it('50,000 "{#" on one line: plain text', function () {
    assert.deepEqual(run(`# 1. A\n\n1. En ${'{#'.repeat(50_000)}\n`).diagnostics, []);
  });

  it('50,000 "{#" lines, and 50,000 unclosed "[[" lines: plain text', function () {
    assert.deepEqual(run('{#\n'.repeat(50_000)).diagnostics, []);
    assert.deepEqual(run('[[\n'.repeat(50_000)).diagnostics, []);
  });

  it('100,000 references "[[x]]" on one line: each reported once', function () {
    const { diagnostics } = run(`# 1. A\n\n1. En ${'[[x]]'.repeat(100_000)}\n`, 20);
    assert.equal(diagnostics.length, 100_000);
    assert.ok(diagnostics.every(([code]) => code === 'unresolved-reference'));
  });

  it('100,000 tabs inside a measure', function () {
    assert.deepEqual(run(`# 1. A\n\n1. ${'\t'.repeat(100_000)}x\n`).diagnostics, []);
  });
});
