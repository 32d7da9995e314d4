/**
 * The languages of the messages, and the choice of one (docs/glossary.md names the terms; issue 12).
 *
 * Every text a person reads is written in English in the source as `l10n.t('…', args)` (from
 * `@vscode/l10n`), and `npm run l10n` extracts those strings into `bundles/bundle.l10n.json`. The
 * translations are `bundles/bundle.l10n.{nb,nn,de}.json`, keyed by the English text; they are imported
 * here, so esbuild builds them into the server and CLI bundles, and loaded with
 * `l10n.config({ contents })`, which is synchronous and the same in Node, a web worker and the CLI.
 *
 * The language is ambient, as `@vscode/l10n` has it: messages are made in the language set last.
 * The analysis itself takes no language: the CLI and the language server run it, and every feature that
 * makes text, inside {@link inLanguage}. Messages are made when they are needed (never at module
 * load), so a module can be loaded in one language and used in another.
 *
 * Plurals: nb, nn, de and en have the same two forms (one, other), so a message with a count is two
 * keys chosen in the code: `n === 1 ? l10n.t('… {0} measure …', n) : l10n.t('… {0} measures …', n)`.
 */
import * as l10n from '@vscode/l10n';
import nb from './bundles/bundle.l10n.nb.json';
import nn from './bundles/bundle.l10n.nn.json';
import de from './bundles/bundle.l10n.de.json';

/** A language of the messages: Norwegian Bokmål, Norwegian Nynorsk, German, English. */
export type Language = 'nb' | 'nn' | 'de' | 'en';

/** The languages, in the order of the `programme.language` setting's choices after `auto`. */
export const LANGUAGES: readonly Language[] = ['nb', 'nn', 'de', 'en'];

/** The language of the source strings, used when nothing else chooses one. */
export const DEFAULT_LANGUAGE: Language = 'en';

/** A bundle: English message (or `message/comment` key) → translation. */
export type Bundle = Record<string, string | { message: string; comment?: string[] }>;

/** The translations per language; English is the source and has none. */
export const BUNDLES: Readonly<Record<Language, Bundle>> = { nb: nb as Bundle, nn: nn as Bundle, de: de as Bundle, en: {} };

let current: Language = DEFAULT_LANGUAGE;

/** The language messages are made in now. */
export function currentLanguage(): Language {
  return current;
}

/** Makes every message from now on in `language` (`l10n.config` with its bundle). */
export function setLanguage(language: Language): void {
  if (language === current) return;
  l10n.config({ contents: BUNDLES[language] as Record<string, string> });
  current = language;
}

/**
 * Runs `make` with messages in `language`, then restores the language before (also when `make`
 * throws). `make` must be synchronous: an `await` inside would let other code run in this language.
 */
export function inLanguage<T>(language: Language, make: () => T): T {
  const before = current;
  setLanguage(language);
  try {
    return make();
  } finally {
    setLanguage(before);
  }
}

/**
 * The language of a language tag or locale name, or undefined when it is none of ours:
 * BCP 47 (`nb`, `nb-NO`, `nn`, `de-AT`, `en-GB`), POSIX locales (`nb_NO.UTF-8`, `nn_NO@nynorsk`,
 * `de_DE.utf8`) and ISO 639-2 codes (`nob`, `nno`, `deu`, `ger`, `eng`). `no` (and `no_NO`) is Norwegian
 * without a written standard and means Bokmål, as in most software; `no-NY`, `no_NO@nynorsk` and
 * `no-nyn` mean Nynorsk. `C` and `POSIX` are no language. Case does not matter.
 */
export function languageOfTag(tag: string | undefined | null): Language | undefined {
  if (tag === undefined || tag === null) return undefined;
  const raw = tag.trim().toLowerCase();
  if (raw === '' || raw === 'c' || raw === 'posix' || raw.startsWith('c.')) return undefined;
  const [withoutModifier, modifier] = raw.split('@');
  const base = withoutModifier.split('.')[0].replace(/_/g, '-');
  const [primary, region] = base.split('-');
  switch (primary) {
    case 'nb':
    case 'nob':
      return 'nb';
    case 'nn':
    case 'nno':
      return 'nn';
    case 'no':
    case 'nor':
      return region === 'ny' || region === 'nyn' || modifier === 'nynorsk' ? 'nn' : 'nb';
    case 'de':
    case 'deu':
    case 'ger':
      return 'de';
    case 'en':
    case 'eng':
      return 'en';
    default:
      return undefined;
  }
}

/** The environment variables that name the language of messages, as gettext reads them. */
export interface LocaleEnvironment {
  LANGUAGE?: string;
  LC_ALL?: string;
  LC_MESSAGES?: string;
  LANG?: string;
}

/**
 * The language the environment asks for, as gettext chooses it (GNU gettext manual, "Locale
 * Environment Variables"): the locale of messages is the first non-empty of `LC_ALL`, `LC_MESSAGES` and
 * `LANG`; when it is set and not `C`/`POSIX`, `LANGUAGE` (a `:`-separated list such as `nn:nb:en`) is
 * read first and its first language of ours wins; then the locale's own. Undefined when the
 * environment names none of our languages, or the locale is `C` or `POSIX` (gettext ignores
 * `LANGUAGE` then too): the caller goes on to the file's `lang`, then English.
 */
export function languageFromEnvironment(env: LocaleEnvironment): Language | undefined {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '');
  if (locale !== undefined && languageOfTag(locale) === undefined && /^(c|posix)([._@]|$)/i.test(locale.trim())) return undefined;
  for (const item of (env.LANGUAGE ?? '').split(':')) {
    const language = languageOfTag(item);
    if (language !== undefined) return language;
  }
  return languageOfTag(locale);
}

/**
 * The `lang` value of a document's front matter, read from the text without parsing it (so that the
 * language is known before the parse that makes the messages): the value of a top-level `lang:` line
 * between the opening `---` (the first line, after an optional byte order mark) and the closing `---` or
 * `...`, without quotes or a `#` comment. Undefined when there is no front matter or no `lang`.
 * Reads at most the first 200 lines.
 */
export function declaredLanguageTag(text: string): string | undefined {
  const start = text.startsWith('\ufeff') ? 1 : 0;
  if (!text.startsWith('---', start)) return undefined;
  let at = text.indexOf('\n', start);
  if (at < 0 || text.slice(start, at).trimEnd() !== '---') return undefined;
  for (let n = 0; n < 200 && at >= 0 && at < text.length; n++) {
    const next = text.indexOf('\n', at + 1);
    const line = text.slice(at + 1, next < 0 ? text.length : next).replace(/\r$/, '');
    if (line === '---' || line === '...') return undefined;
    const colon = line.indexOf(':');
    if (line.startsWith('lang') && colon >= 4 && line.slice(4, colon).trim() === '') {
      let value = line.slice(colon + 1);
      const comment = value.search(/[ \t]#/);
      if (comment >= 0) value = value.slice(0, comment);
      value = value.trim();
      if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0]) value = value.slice(1, -1).trim();
      return value === '' ? undefined : value;
    }
    at = next;
  }
  return undefined;
}

/** The language a document's front matter declares with `lang`, when it is one of ours. */
export function declaredLanguage(text: string): Language | undefined {
  return languageOfTag(declaredLanguageTag(text));
}

/** The `programme.language` setting's values: a language, or `auto`. */
export type LanguageSetting = Language | 'auto';

/** The setting's values, in the order the settings UI lists them. */
export const LANGUAGE_SETTINGS: readonly LanguageSetting[] = ['auto', ...LANGUAGES];

/**
 * The language of the editor's messages for one document: the `programme.language` setting unless it
 * is `auto` (or not set); then the document's own `lang` in its front matter; then the editor's display
 * language (LSP `InitializeParams.locale`); then English.
 */
export function editorLanguage(setting: LanguageSetting | undefined, text: string, editorLocale: string | undefined): Language {
  if (setting !== undefined && setting !== 'auto') return setting;
  return declaredLanguage(text) ?? languageOfTag(editorLocale) ?? DEFAULT_LANGUAGE;
}

/**
 * The language of the command line's messages for one file: `--lang` when given, then the
 * environment ({@link languageFromEnvironment}), then the file's own `lang` (when `text` is given),
 * then English.
 */
export function commandLineLanguage(flag: Language | undefined, env: LocaleEnvironment, text?: string): Language {
  return flag ?? languageFromEnvironment(env) ?? (text !== undefined ? declaredLanguage(text) : undefined) ?? DEFAULT_LANGUAGE;
}

// `Intl` formatters are slow to make (tens of microseconds) and a check may format thousands of
// messages: one of each kind per language, made when first needed.
const conjunctions = new Map<Language, Intl.ListFormat>();
const disjunctions = new Map<Language, Intl.ListFormat>();
const numbers = new Map<Language, Intl.NumberFormat>();

/** The formatter of the current language in `cache`, made by `make` the first time. */
function formatter<T>(cache: Map<Language, T>, make: () => T): T {
  let made = cache.get(current);
  if (made === undefined) {
    made = make();
    cache.set(current, made);
  }
  return made;
}

/** The locale of `Intl` for the current language: British English (no comma before "and"/"or"), as the messages are written. */
function intlLocale(): string {
  return current === 'en' ? 'en-GB' : current;
}

/**
 * `items` joined as a list in the current language: "1.2, 1.3 and 1.4", "1.2, 1.3 og 1.4",
 * "1.2, 1.3 und 1.4" (`Intl.ListFormat`, conjunction).
 */
export function listOf(items: readonly string[]): string {
  return formatter(conjunctions, () => new Intl.ListFormat(intlLocale(), { type: 'conjunction' })).format(items);
}

/** `items` joined as alternatives in the current language: "A, B or C", "A, B eller C", "A, B oder C". */
export function eitherOf(items: readonly string[]): string {
  return formatter(disjunctions, () => new Intl.ListFormat(intlLocale(), { type: 'disjunction' })).format(items);
}

/** A count for people in the current language: `1,266` (en), `1 266` (nb, nn), `1.266` (de). */
export function count(n: number): string {
  return formatter(numbers, () => new Intl.NumberFormat(current)).format(n);
}

/**
 * A message made many times over with other arguments (a finding of which a large document may have
 * hundreds of thousands), read once: `const sameText = repeated(l10n.t('Measure {0} has …'))` — without
 * arguments, `l10n.t` gives the message in the current language with its placeholders as written — and
 * then `sameText(id, twin)` gives what `l10n.t('Measure {0} has …', id, twin)` gives, without reading the
 * template again each time; `sameText.but(0, '', twin)` is a function of the one argument left out
 * (`{0}`), for many messages that differ in it alone. The substitution is `@vscode/l10n`'s: every
 * `{name}` whose argument is given (not undefined or null) is replaced by it, once (a `{0}` inside an
 * argument stays as it is); any other `{…}` is left as written; with no arguments at all, the template
 * is returned as it is. Make it in the language the messages are for (the template is in the language
 * current when `l10n.t` ran). The messages are flat strings, not chains of concatenations (a large
 * document keeps them until they are printed).
 */
export interface RepeatedMessage {
  (...args: (string | number)[]): string;
  /** The message with `args` but the one at `free` (not read): a function of that one (never undefined). */
  but(free: number, ...args: (string | number)[]): (value: string) => string;
}

/** See {@link RepeatedMessage}. */
export function repeated(template: string): RepeatedMessage {
  // The template cut at its placeholders (`{` up to the next `}`, as @vscode/l10n's /{([^}]+)}/g reads them).
  const literals: string[] = [];
  const names: string[] = [];
  let last = 0;
  let open = template.indexOf('{');
  while (open >= 0) {
    const close = template.indexOf('}', open + 1);
    if (close < 0) break;
    if (close === open + 1) {
      // `{}` is no placeholder: the search goes on after its `{`.
      open = template.indexOf('{', open + 1);
      continue;
    }
    literals.push(template.slice(last, open));
    names.push(template.slice(open + 1, close));
    last = close + 1;
    open = template.indexOf('{', last);
  }
  literals.push(template.slice(last));
  /** What stands for placeholder `i` with `args`: its argument, or the placeholder as written. */
  const valueOf = (args: (string | number)[], i: number): string => {
    const value = (args as unknown as Record<string, string | number | undefined | null>)[names[i]];
    return value === undefined || value === null ? `{${names[i]}}` : String(value);
  };
  const made = (...args: (string | number)[]): string => {
    if (args.length === 0) return template;
    const parts = new Array<string>(2 * names.length + 1);
    parts[0] = literals[0];
    for (let i = 0; i < names.length; i++) {
      parts[2 * i + 1] = valueOf(args, i);
      parts[2 * i + 2] = literals[i + 1];
    }
    return parts.join('');
  };
  made.but = (free: number, ...args: (string | number)[]): ((value: string) => string) => {
    // The pieces between the places of the free argument, every other one filled in.
    const pieces: string[] = [];
    let piece = literals[0];
    for (let i = 0; i < names.length; i++) {
      if (names[i] === String(free)) {
        pieces.push(piece);
        piece = '';
      } else piece += valueOf(args, i);
      piece += literals[i + 1];
    }
    pieces.push(piece);
    return pieces.length === 1 ? () => pieces[0] : (value) => pieces.join(value);
  };
  return made;
}
