/**
 * No array is spread into a call's arguments (`all.push(...list)`, `Math.min(...xs)`,
 * `String.fromCharCode(...units)`) unless it is known to stay small. V8 puts every spread element on
 * the stack as an argument: past about 125,000 of them the call throws `RangeError: Maximum call stack
 * size exceeded`, and an array that grows with the input (diagnostics, measures, lines, characters)
 * gets there on a large valid programme (issue 17). Such places use a loop instead.
 *
 * Every spread argument in server/src is found with the TypeScript compiler. One whose array is bounded
 * by something other than the input (two counts, the suggestions for one name) carries the marker
 * comment `// bounded spread: <why>` on its line or the line above; the test fails on any other, naming
 * its file and line.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve('server/src');
const MARKER = 'bounded spread:';

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) for (const f of sourceFiles(full)) out.push(f);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out.sort();
}

/** A spread argument of a call or `new` in `text`: its 1-based line, the call's text, and whether it is marked bounded. */
interface SpreadArgument {
  line: number;
  call: string;
  marked: boolean;
}

/** The spread arguments of the TypeScript source `text`. */
function spreadArguments(file: string, text: string): SpreadArgument[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lines = text.split('\n');
  const found: SpreadArgument[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments?.some(ts.isSpreadElement)) {
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
      const marked = lines[line].includes(MARKER) || (line > 0 && lines[line - 1].includes(MARKER));
      found.push({ line: line + 1, call: node.getText(sf).split('\n')[0].slice(0, 100), marked });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('no unbounded array is spread into call arguments (issue 17)', function () {
  it('finds spread arguments, and the marker on the line above or the same line (the scan works)', function () {
    const found = spreadArguments('x.ts', ['a.push(...b);', '// bounded spread: two counts', 'c.push(...d);', 'Math.min(...e); // bounded spread: one per page', 'f([...g]);'].join('\n'));
    assert.deepEqual(found, [
      { line: 1, call: 'a.push(...b)', marked: false },
      { line: 3, call: 'c.push(...d)', marked: true },
      { line: 4, call: 'Math.min(...e)', marked: true },
    ]);
  });

  it('every spread argument in server/src is marked bounded', function () {
    const unmarked: string[] = [];
    let marked = 0;
    for (const file of sourceFiles(ROOT)) {
      const rel = path.relative(process.cwd(), file).split(path.sep).join('/');
      for (const s of spreadArguments(file, readFileSync(file, 'utf8'))) {
        if (s.marked) marked++;
        else unmarked.push(`${rel}:${s.line}: ${s.call}`);
      }
    }
    assert.deepEqual(unmarked, [], `use a loop, or mark the line "// ${MARKER} <why>" when the array cannot grow with the input`);
    // The marked ones are few, and reviewed: a sudden rise means markers are being added without thought.
    assert.ok(marked <= 10, `${marked} spread arguments are marked bounded`);
  });
});
