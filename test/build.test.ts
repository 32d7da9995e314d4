/**
 * What scripts/build.mjs does to the sources on their way into the bundles, which must change no
 * behaviour: the non-ASCII characters of regular expressions and comments written as `\uXXXX`
 * (scripts/ascii.mjs), so that the CLI's and the server's bundles are ASCII and read quickly
 * (server/src/node/codeCache.ts); Chevrotain's lexer with the optimised index of a character computed
 * instead of read from a table filled at every start, and its parser's methods copied onto a prototype
 * in V8's dictionary mode (scripts/esbuild-chevrotain.mjs); the syntax's reading with Chevrotain
 * (syntax/cst.ts), and Chevrotain's modules with it, set up on first need (scripts/build.mjs).
 */
import assert from 'node:assert/strict';
import { isAscii } from 'node:buffer';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
// @ts-expect-error: a JavaScript module without types
import { asciiSource, escapeRegexLiteral } from '../scripts/ascii.mjs';
// @ts-expect-error: a JavaScript module without types
import { computedOptimizedIndex, dictionaryModeMixins } from '../scripts/esbuild-chevrotain.mjs';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';

/** The regular expression written as the literal `literal`. */
function regexOf(literal: string): RegExp {
  return new Function(`return ${literal};`)() as RegExp;
}

/** Every TypeScript source file below `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The regular expression literals of a TypeScript source. */
function regexLiterals(source: string): string[] {
  const sf = ts.createSourceFile('x.ts', source, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) found.push(node.getText(sf));
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

describe('the bundles are ASCII (scripts/ascii.mjs)', () => {
  it('escapes the characters of a regular expression, and an escaped one without its backslash', () => {
    assert.equal(escapeRegexLiteral('/[–—]x/u'), '/[\\u2013\\u2014]x/u');
    assert.equal(escapeRegexLiteral('/a\\–b/'), '/a\\u2013b/');
    assert.equal(escapeRegexLiteral('/a\\\\–b/'), '/a\\\\\\u2013b/');
    assert.equal(escapeRegexLiteral('/😀+/u'), '/\\ud83d\\ude00+/u');
    assert.equal(escapeRegexLiteral('/abc/gi'), '/abc/gi');
  });

  it('keeps the meaning of every regular expression of server/src that it escapes', () => {
    let checked = 0;
    for (const file of sources('server/src')) {
      for (const literal of regexLiterals(readFileSync(file, 'utf8'))) {
        if (!/[^\x00-\x7f]/.test(literal)) continue;
        const before = regexOf(literal);
        const after = regexOf(escapeRegexLiteral(literal));
        assert.ok(isAscii(Buffer.from(after.source)), `${file}: ${literal}`);
        assert.equal(after.flags, before.flags);
        // The characters it names, alone, in pairs, and around letters, digits and blanks.
        const chars = [...new Set([...literal.slice(1, literal.lastIndexOf('/'))].filter((c) => c.codePointAt(0)! > 0x7f))];
        const samples = [...chars, ...chars.flatMap((a) => chars.map((b) => a + b)), ...chars.map((c) => `1 ${c} a`), ...chars.map((c) => `Abc${c}.`), 'plain text', '12. Tiltak', ''];
        for (const sample of samples) {
          before.lastIndex = 0;
          after.lastIndex = 0;
          assert.deepEqual(after.exec(sample), before.exec(sample), `${file}: ${literal} on ${JSON.stringify(sample)}`);
        }
        checked++;
      }
    }
    assert.ok(checked > 10, `only ${checked} regular expressions with non-ASCII characters found`);
  });

  it('writes comments in ASCII and leaves strings and templates to esbuild', () => {
    const source = "// Kapittel – ø\nconst a = 'ø'; const b = `å${a}`; /* » */ const r = /[«»]/;\n";
    assert.equal(asciiSource(ts, 'x.ts', source), "// Kapittel \\u2013 \\u00f8\nconst a = 'ø'; const b = `å${a}`; /* \\u00bb */ const r = /[\\u00ab\\u00bb]/;\n");
  });

  it('made ASCII bundles of the CLI and the server (npm run build)', () => {
    for (const bundle of ['server/dist/cli.cjs', 'server/dist/server.cjs']) assert.ok(isAscii(readFileSync(bundle)), `${bundle} holds non-ASCII characters`);
  });
});

describe('Chevrotain\'s lexer without its start-up table (scripts/esbuild-chevrotain.mjs)', () => {
  const lexerJs = readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('chevrotain')), 'scan', 'lexer.js'), 'utf8');

  /** `charCodeToOptimizedIndex` of lexer.js `source`, with the table set up as the Lexer does. */
  function indexOf(source: string): (code: number) => unknown {
    const body = source.replace(/^import .*$/gm, '').replace(/^export /gm, '');
    // lexer.js's own helpers that the two functions use; the rest of the module is not run.
    const make = new Function('isEmpty', `${body.slice(body.indexOf('const minOptimizationVal'), body.indexOf('//# sourceMappingURL'))}\ninitCharCodeToOptimizedIndexMap();\nreturn charCodeToOptimizedIndex;`);
    return make((a: unknown[]) => a.length === 0) as (code: number) => unknown;
  }

  it('gives every character code the index the table gave, and undefined past it', () => {
    const table = indexOf(lexerJs);
    const computed = indexOf(computedOptimizedIndex(lexerJs));
    for (let code = 0; code < 65536; code++) assert.equal(computed(code), table(code), `code ${code}`);
    for (const code of [65536, 70000, Number.NaN]) assert.equal(computed(code), table(code), `code ${code}`);
    assert.equal(computed(0x2013), 255 + Math.floor(0x2013 / 255));
  });

  it('refuses a lexer.js of another shape', () => {
    assert.throws(() => computedOptimizedIndex(lexerJs.replace('new Array(65536)', 'new Array(1 << 16)')), /not as scripts\/esbuild-chevrotain.mjs expects/);
  });

  it('is in the bundles of the CLI, the server and its workers (npm run build)', () => {
    for (const bundle of ['server/dist/cli.cjs', 'server/dist/server.cjs', 'server/dist/worker.cjs']) {
      const text = readFileSync(bundle, 'latin1');
      assert.ok(text.includes('charCode < 65536 ? 255 + ~~(charCode / 255) : void 0'), `${bundle} looks the index up in a table`);
      assert.ok(!text.includes('new Array(65536)'), `${bundle} fills the table`);
    }
  });
});

describe('Chevrotain\'s parser methods copied onto a prototype in dictionary mode (scripts/esbuild-chevrotain.mjs)', () => {
  const mixinsJs = readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('chevrotain')), 'parse', 'parser', 'utils', 'apply_mixins.js'), 'utf8');

  /** `applyMixins` of apply_mixins.js `source`. */
  function applyMixinsOf(source: string): (derived: unknown, bases: unknown[]) => void {
    const body = source.replace(/^export /gm, '').replace(/^\/\/# sourceMappingURL.*$/gm, '');
    return new Function(`${body}\nreturn applyMixins;`)() as (derived: unknown, bases: unknown[]) => void;
  }

  /** Two traits: methods (one of them in both) and an accessor. */
  class First {
    one(): number {
      return 1;
    }
    get value(): number {
      return 2;
    }
  }
  class Second {
    two(): number {
      return 3;
    }
    one(): number {
      return 4;
    }
  }

  /** A new class with the traits copied in by `apply`: its prototype's own properties, in order, with their descriptors (its own constructor as 'Base'). */
  function mixedWith(apply: (derived: unknown, bases: unknown[]) => void): [string, PropertyDescriptor | undefined][] {
    class Base {
      own(): number {
        return 0;
      }
    }
    const own = Base.prototype.own;
    apply(Base, [First, Second]);
    return Object.getOwnPropertyNames(Base.prototype).map((name) => {
      const found = Object.getOwnPropertyDescriptor(Base.prototype, name);
      return [name, found?.value === Base ? { ...found, value: 'Base' } : found?.value === own ? { ...found, value: 'own' } : found];
    });
  }

  it('gives the prototype the same properties, in the same order, as Chevrotain\'s own', () => {
    const mixed = mixedWith(applyMixinsOf(dictionaryModeMixins(mixinsJs)));
    assert.deepEqual(mixed, mixedWith(applyMixinsOf(mixinsJs)));
    assert.deepEqual(
      mixed.map(([name]) => name),
      ['constructor', 'own', 'one', 'value', 'two'],
    );
  });

  it('refuses an apply_mixins.js of another shape', () => {
    assert.throws(() => dictionaryModeMixins(mixinsJs.replace('baseCtors.forEach', 'for (const baseCtor of baseCtors)')), /not as scripts\/esbuild-chevrotain.mjs expects/);
  });

  it('is in the bundles of the CLI, the server and its workers (npm run build)', () => {
    for (const bundle of ['server/dist/cli.cjs', 'server/dist/server.cjs', 'server/dist/worker.cjs']) {
      assert.ok(readFileSync(bundle, 'latin1').includes('delete prototype.__chevrotainMixinsFirst;'), `${bundle} copies onto a prototype in fast mode`);
    }
  });
});

describe('Chevrotain set up on first need in the bundles (scripts/build.mjs, lazyCstPlugin)', () => {
  /**
   * Whether `programme check ARGS` (the built bin) sets up Chevrotain's modules: their set-up copies the
   * parser's methods with `applyMixins`, which (scripts/esbuild-chevrotain.mjs) first sets
   * `__chevrotainMixinsFirst` on the prototype, and a setter of that name on `Object.prototype` sees it.
   */
  function setsUpChevrotain(args: string[], input = ''): boolean {
    const probe = [
      'let done = false;',
      "Object.defineProperty(Object.prototype, '__chevrotainMixinsFirst', { configurable: true, set() { done = true; } });",
      "process.on('exit', () => process.stderr.write(`chevrotain set up: ${done}\\n`));",
      "process.argv.splice(1, 0, 'programme');",
      "require(require('node:path').resolve('server/bin/programme.cjs'));",
    ].join('\n');
    const run = spawnSync(process.execPath, ['-e', probe, '--', 'check', ...args], { encoding: 'utf8', input });
    const said = /chevrotain set up: (true|false)/.exec(run.stderr);
    assert.ok(said !== null, run.stderr);
    return said[1] === 'true';
  }

  it('a check of a programme of plain lines does not set them up; one with another line does (npm run build)', function () {
    this.timeout(30_000);
    assert.equal(setsUpChevrotain(['examples/lokalvalget-2023.programme']), false);
    assert.equal(setsUpChevrotain(['-'], '# 1. Skole\n\n 2. Innrykket\n'), true);
  });

  it('is in the bundles of the CLI, the server and its workers (npm run build)', () => {
    for (const bundle of ['server/dist/cli.cjs', 'server/dist/server.cjs', 'server/dist/worker.cjs']) {
      assert.match(readFileSync(bundle, 'latin1'), /function cstReading\(\) \{\s*return \w+ \?\?= \(init_cst\w*\(\), __toCommonJS\(cst_exports\)\);/, `${bundle} imports cst.ts at its start`);
    }
  });
});

describe('packages required at their first call in the bundles (scripts/build.mjs, lazyPackagesPlugin)', () => {
  it('give jsonc-parser\'s functions that require it, in the bundles of the CLI and the server (npm run build)', () => {
    for (const bundle of ['server/dist/cli.cjs', 'server/dist/server.cjs']) {
      const text = readFileSync(bundle, 'latin1');
      for (const name of ['getLocation', 'parseTree', 'printParseErrorCode']) {
        assert.match(text, new RegExp(`function ${name}\\d*\\(\\.\\.\\.args\\) \\{\\s*return real\\d*\\(\\)\\.${name}\\(\\.\\.\\.args\\);`), `${bundle}: ${name}`);
      }
    }
  });

  it('read a .programmerc.json with the package when there is one: the built bin reports its JSON slip at its line and column', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'programme-lazy-'));
    try {
      writeFileSync(path.join(dir, 'a.programme'), '# 1. Skole\n\n1. Styrke skolen.\n');
      writeFileSync(path.join(dir, '.programmerc.json'), '{ "rules": { "measure-numbering": "off", }\n');
      const run = spawnSync(process.execPath, ['server/bin/programme.cjs', 'check', path.join(dir, 'a.programme')], { encoding: 'utf8', env: { ...process.env, LANG: 'C', LANGUAGE: '', LC_ALL: '', LC_MESSAGES: '' } });
      assert.equal(run.status, 2, run.stderr);
      assert.match(run.stdout + run.stderr, /\.programmerc\.json:1:40: configuration error: a comma after the last entry is not allowed in JSON\. Remove it\./);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the built CLI reads as the sources do (what scripts/build.mjs loads on first need included)', () => {
  /** Every *.programme file below `dir`. */
  function programmes(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return programmes(full);
      return name.endsWith('.programme') ? [full] : [];
    });
  }

  it('checks every fixture to the same JSON as the CLI\'s sources (Chevrotain and yaml among them; npm run build)', async function () {
    this.timeout(60_000);
    const files = programmes('test/fixtures').sort();
    assert.ok(files.length > 50);
    const argv = ['check', '--format', 'json', '--lang', 'en', ...files];
    const built = spawnSync(process.execPath, ['server/bin/programme.cjs', ...argv], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const { main } = await import('../server/src/cli/main');
    const out: string[] = [];
    const code = await main(argv, { out: (t) => out.push(t), err: (t) => out.push(t), stdin: () => Promise.reject(new Error('no input')), env: {} });
    assert.equal(built.status, code, built.stderr);
    assert.equal(built.stdout, out.map((t) => `${t}\n`).join(''));
    // The fixtures hold front matter that only yaml reads, and lines that only Chevrotain reads.
    assert.match(built.stdout, /"code": ?"front-matter/);
    assert.match(built.stdout, /"code": ?"near-miss"/);
  });
});
