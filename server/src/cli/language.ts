/**
 * The language of the command line (issue 12; docs/glossary.md): the `--lang` option, the choice of
 * language for the whole run and for each file, and commander's own words (help titles, option
 * details, usage errors) in that language.
 *
 * The choice, as `commandLineLanguage` in l10n/index.ts has it: `--lang`, then the environment
 * (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG` in gettext's order), then each file's `lang` in its front
 * matter, then English. The run's own lines (help, usage errors, the closing summary) have no file: they
 * are in the `--lang` or environment language, and otherwise in the language all files agree on.
 */
import * as l10n from '@vscode/l10n';
import { Help, InvalidArgumentError, type Command, type Option } from 'commander';
import { commandLineLanguage, inLanguage, languageOfTag, LANGUAGES, type Language } from '../l10n/index';

/**
 * Reads a `--lang` value: one of nb, nn, de, en, or a tag or locale naming one (`nb-NO`, `nn_NO.UTF-8`,
 * `no`). Throws commander's `InvalidArgumentError` otherwise, which commander reports as a usage error.
 */
export function parseLanguageOption(value: string): Language {
  const language = languageOfTag(value);
  if (language === undefined) throw new InvalidArgumentError(l10n.t('Choose one of {0}.', LANGUAGES.join(', ')));
  return language;
}

/**
 * The `--lang` value in `argv` (`--lang nb`, `--lang=nb`), read before commander parses, so that the
 * help and the usage errors are in that language too. Undefined when absent or not a language of ours
 * (commander then reports it). Stops at `--`.
 */
export function languageInArguments(argv: readonly string[]): Language | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    if (arg === '--lang') return languageOfTag(argv[i + 1]);
    if (arg.startsWith('--lang=')) return languageOfTag(arg.slice('--lang='.length));
  }
  return undefined;
}

/** The `--lang` option, for every command. */
export function languageOption(command: Command): Command {
  return command.option(l10n.t({ message: '--lang <language>', comment: ['Translate only the word in <>: the option stays --lang.'] }), l10n.t('the language of the messages: nb, nn, de or en (default: from LANGUAGE, LC_ALL, LC_MESSAGES or LANG, then the file\'s "lang", then en)'), parseLanguageOption);
}

/** The titles of commander's help, in the current language. */
function helpTitle(title: string): string {
  switch (title) {
    case 'Usage:':
      return l10n.t('Usage:');
    case 'Arguments:':
      return l10n.t('Arguments:');
    case 'Options:':
      return l10n.t('Options:');
    case 'Global Options:':
      return l10n.t('Global options:');
    case 'Commands:':
      return l10n.t('Commands:');
    default:
      return title;
  }
}

/**
 * Commander's help in the current language: the section titles and the `(choices: …, default: …)` after
 * an option. Call on the program before its subcommands are added (they copy it).
 */
export function localiseHelp(program: Command): void {
  const plain = new Help();
  // `[options]` and `[command]` in the usage lines: the words, not the syntax, are translated.
  const words = (usage: string) => usage.replace('[options]', l10n.t('[options]')).replace('[command]', l10n.t('[command]'));
  program.configureHelp({
    styleTitle: (title: string) => helpTitle(title),
    commandUsage: (cmd: Command) => words(plain.commandUsage(cmd)),
    subcommandTerm: (cmd: Command) => words(plain.subcommandTerm(cmd)),
    optionDescription: (option: Option) => {
      const extra: string[] = [];
      if (option.argChoices !== undefined) extra.push(l10n.t('choices: {0}', option.argChoices.map((c) => JSON.stringify(c)).join(', ')));
      const showDefault = option.defaultValue !== undefined && (option.required || option.optional || (option.isBoolean() && typeof option.defaultValue === 'boolean'));
      if (showDefault) extra.push(l10n.t('default: {0}', option.defaultValueDescription ?? JSON.stringify(option.defaultValue)));
      return extra.length > 0 ? `${option.description} (${extra.join(', ')})` : option.description;
    },
  });
  program.helpOption('-h, --help', l10n.t('show this help'));
  program.helpCommand('help [command]', l10n.t('show the help of a command'));
}

/**
 * A usage error of commander's (`error: unknown option '--x'`, …) in the current language; an error it
 * does not know is returned as it is. Commander 13's wording (lib/command.js) is matched.
 */
export function commanderError(text: string): string {
  let trimmed = text;
  while (trimmed.endsWith('\n')) trimmed = trimmed.slice(0, -1);
  let m: RegExpExecArray | null;
  const withSuggestion = (message: string, rest: string): string => {
    const s = /^\n\(Did you mean (.+)\?\)$/.exec(rest);
    return s !== null ? `${message}\n${l10n.t('(Did you mean {0}?)', s[1])}` : message;
  };
  if ((m = /^error: unknown option '([^']*)'([\s\S]*)$/.exec(trimmed)) !== null) return withSuggestion(l10n.t('error: unknown option "{0}"', m[1]), m[2]);
  if ((m = /^error: unknown command '([^']*)'([\s\S]*)$/.exec(trimmed)) !== null) return withSuggestion(l10n.t('error: unknown command "{0}"', m[1]), m[2]);
  if ((m = /^error: missing required argument '([^']*)'$/.exec(trimmed)) !== null) return l10n.t('error: missing argument "{0}"', m[1]);
  if ((m = /^error: option '([^']*)' argument missing$/.exec(trimmed)) !== null) return l10n.t('error: the option "{0}" needs a value', m[1]);
  if ((m = /^error: option '([^']*)' argument '([^']*)' is invalid\. Allowed choices are (.*)\.$/.exec(trimmed)) !== null) {
    return l10n.t('error: "{1}" is not a value of the option "{0}"; choose one of {2}.', m[1], m[2], m[3]);
  }
  if ((m = /^error: option '([^']*)' argument '([^']*)' is invalid\. (.*)$/.exec(trimmed)) !== null) {
    return l10n.t('error: "{1}" is not a value of the option "{0}". {2}', m[1], m[2], m[3]);
  }
  if ((m = /^error: too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\.$/.exec(trimmed)) !== null) {
    return Number(m[2]) === 1
      ? l10n.t('error: too many arguments: expected {0} argument, got {1}.', m[2], m[3])
      : l10n.t('error: too many arguments: expected {0} arguments, got {1}.', m[2], m[3]);
  }
  return trimmed;
}

/** The language the run asks for with `--lang` or the environment; undefined: each file's own, then English. */
export interface RunLanguage {
  asked: Language | undefined;
}

/**
 * The language of one file's messages: the run's (`--lang`, the environment), else the file's own
 * `lang`, else English (l10n/index.ts `commandLineLanguage`).
 */
export function fileLanguage(language: RunLanguage, text: string): Language {
  return commandLineLanguage(language.asked, {}, text);
}

/**
 * Runs `make` in the language of the run's closing lines: the run's, else the one language all
 * `files` had (when they agree), else English.
 */
export function inRunLanguage<T>(language: RunLanguage, files: readonly Language[], make: () => T): T {
  const agreed = files.length > 0 && files.every((f) => f === files[0]) ? files[0] : undefined;
  return inLanguage(language.asked ?? agreed ?? 'en', make);
}
