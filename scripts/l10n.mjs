// The message bundles (issue 12, docs/glossary.md): extract the English strings, check the translations.
/**
 * `node scripts/l10n.mjs` (`npm run l10n`): extracts every `l10n.t(…)` string of the server's and the
 * client's sources with `@vscode/l10n-dev` into the English bundles (`server/src/l10n/bundles/bundle.l10n.json`,
 * `client/l10n/bundle.l10n.json`), then lists what the translations lack.
 *
 * `node scripts/l10n.mjs --check`: changes nothing; exits 1 and lists the problems when a committed
 * English bundle differs from what the sources say, when a translation (`bundle.l10n.{nb,nn,de}.json`,
 * `package.nls.{nb,nn,de}.json`) lacks a key, has a key that is no longer used, or has other
 * placeholders (`{0}`, `{name}`) than the English text. test/l10n.test.ts runs the same check.
 *
 * `--prune` (with the default mode): also removes keys that are no longer used from the translations.
 *
 * `node scripts/l10n.mjs --missing FILE…`: the strings of the given source files that have no translation
 * yet, per language, counting the bundles and the work-in-progress files `server/src/l10n/parts/*.{nb,nn,de}.json`
 * (English → translation); exits 1 when any is missing.
 *
 * `node scripts/l10n.mjs --merge`: moves the translations of `server/src/l10n/parts/*.{nb,nn,de}.json`
 * into the server's bundles (a part's translation wins over the bundle's) and deletes the parts; the
 * bundles are written in the order of the English bundle, unused keys last.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getL10nJson } from '@vscode/l10n-dev';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The translated languages (English is the source). */
export const TRANSLATIONS = ['nb', 'nn', 'de'];

/** The bundles: where their sources are and where the bundle files live (relative to the root). */
export const TARGETS = [
  { name: 'server', sources: 'server/src', bundles: 'server/src/l10n/bundles' },
  { name: 'client', sources: 'client/src', bundles: 'client/l10n' },
];

function tsFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...tsFiles(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** The English bundle that the sources of `target` give (keys in the order of the files, sorted by path). */
export async function extract(target, base = root) {
  const files = tsFiles(path.join(base, target.sources)).map((file) => ({ contents: fs.readFileSync(file, 'utf8'), extension: '.ts' }));
  return await getL10nJson(files);
}

/** The `{0}` and `{name}` placeholders of a message, sorted; a label such as `{#name}` is text, which a translation may translate. */
export function placeholders(message) {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

const messageOf = (value) => (typeof value === 'string' ? value : value.message);

/** The problems of one translation against its English bundle: missing keys, unused keys, placeholders. */
export function translationProblems(english, translation, file) {
  const problems = [];
  for (const [key, value] of Object.entries(english)) {
    if (!(key in translation)) {
      problems.push(`${file}: no translation of ${JSON.stringify(key)}`);
      continue;
    }
    const want = placeholders(messageOf(value)).join(',');
    const got = placeholders(messageOf(translation[key])).join(',');
    if (want !== got) problems.push(`${file}: ${JSON.stringify(key)} has the placeholders {${got}}, the English text {${want}}`);
  }
  for (const key of Object.keys(translation)) {
    if (!(key in english)) problems.push(`${file}: ${JSON.stringify(key)} is no longer used`);
  }
  return problems;
}

const readJson = (file) => (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined);

/** Every problem of the committed bundles and manifest translations under `base`. */
export async function problems(base = root) {
  const out = [];
  for (const target of TARGETS) {
    const extracted = await extract(target, base);
    const englishFile = path.join(target.bundles, 'bundle.l10n.json');
    const committed = readJson(path.join(base, englishFile)) ?? {};
    if (JSON.stringify(committed) !== JSON.stringify(extracted)) {
      const added = Object.keys(extracted).filter((k) => !(k in committed));
      const removed = Object.keys(committed).filter((k) => !(k in extracted));
      out.push(
        `${englishFile} is not what the sources say (run npm run l10n)` +
          (added.length > 0 ? `; new: ${added.slice(0, 5).map((k) => JSON.stringify(k)).join(', ')}${added.length > 5 ? ` and ${added.length - 5} more` : ''}` : '') +
          (removed.length > 0 ? `; gone: ${removed.slice(0, 5).map((k) => JSON.stringify(k)).join(', ')}${removed.length > 5 ? ` and ${removed.length - 5} more` : ''}` : ''),
      );
    }
    for (const language of TRANSLATIONS) {
      const file = path.join(target.bundles, `bundle.l10n.${language}.json`);
      out.push(...translationProblems(extracted, readJson(path.join(base, file)) ?? {}, file));
    }
  }
  const nls = readJson(path.join(base, 'package.nls.json'));
  if (nls !== undefined) {
    for (const language of TRANSLATIONS) {
      const file = `package.nls.${language}.json`;
      out.push(...translationProblems(nls, readJson(path.join(base, file)) ?? {}, file));
    }
  }
  return out;
}

function writeJson(file, value) {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(value, null, 2) + '\n');
  fs.renameSync(tmp, file);
}

/** The translations of `language` in the server's bundle and in the parts files. */
function knownTranslations(language) {
  const known = { ...(readJson(path.join(root, TARGETS[0].bundles, `bundle.l10n.${language}.json`)) ?? {}) };
  const parts = path.join(root, 'server/src/l10n/parts');
  if (fs.existsSync(parts)) {
    for (const name of fs.readdirSync(parts).sort()) if (name.endsWith(`.${language}.json`)) Object.assign(known, readJson(path.join(parts, name)));
  }
  return known;
}

async function missing(files) {
  const strings = await getL10nJson(files.map((file) => ({ contents: fs.readFileSync(file, 'utf8'), extension: '.ts' })));
  let n = 0;
  for (const language of TRANSLATIONS) {
    const known = knownTranslations(language);
    for (const problem of translationProblems(strings, known, language)) {
      if (problem.includes('is no longer used')) continue;
      n++;
      console.error(problem);
    }
  }
  console.error(`l10n: ${Object.keys(strings).length} strings in ${files.length} files; ${n} problems.`);
  process.exitCode = n === 0 ? 0 : 1;
}

/** Moves the parts' translations into the server's bundles (see the module comment). */
async function mergeParts() {
  const target = TARGETS[0];
  const english = await extract(target);
  const parts = path.join(root, 'server/src/l10n/parts');
  const names = fs.existsSync(parts) ? fs.readdirSync(parts).sort() : [];
  for (const language of TRANSLATIONS) {
    const file = path.join(root, target.bundles, `bundle.l10n.${language}.json`);
    const merged = { ...(readJson(file) ?? {}) };
    const mine = names.filter((n) => n.endsWith(`.${language}.json`));
    for (const name of mine) Object.assign(merged, readJson(path.join(parts, name)));
    const ordered = {};
    for (const key of Object.keys(english)) if (key in merged) ordered[key] = merged[key];
    for (const key of Object.keys(merged)) if (!(key in ordered)) ordered[key] = merged[key];
    writeJson(file, ordered);
    for (const name of mine) fs.rmSync(path.join(parts, name));
    console.error(`l10n: ${path.relative(root, file)}: ${Object.keys(ordered).length} translations (${mine.length} parts merged)`);
  }
}

async function run() {
  const args = process.argv.slice(2);
  if (args[0] === '--missing') return await missing(args.slice(1));
  if (args[0] === '--merge') return await mergeParts();
  if (args.includes('--check')) {
    const found = await problems();
    for (const p of found) console.error(p);
    console.error(found.length === 0 ? 'l10n: the bundles are complete.' : `l10n: ${found.length} problems.`);
    process.exitCode = found.length === 0 ? 0 : 1;
    return;
  }
  for (const target of TARGETS) {
    const extracted = await extract(target);
    fs.mkdirSync(path.join(root, target.bundles), { recursive: true });
    writeJson(path.join(root, target.bundles, 'bundle.l10n.json'), extracted);
    console.error(`l10n: ${Object.keys(extracted).length} strings in ${target.bundles}/bundle.l10n.json`);
    for (const language of TRANSLATIONS) {
      const file = path.join(root, target.bundles, `bundle.l10n.${language}.json`);
      const translation = readJson(file) ?? {};
      if (args.includes('--prune')) {
        for (const key of Object.keys(translation)) if (!(key in extracted)) delete translation[key];
        writeJson(file, translation);
      } else if (!fs.existsSync(file)) writeJson(file, {});
      const missing = Object.keys(extracted).filter((k) => !(k in translation)).length;
      if (missing > 0) console.error(`l10n: ${path.relative(root, file)} lacks ${missing} translations`);
    }
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await run();
