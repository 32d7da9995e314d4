/**
 * The client's `programme.*` settings as a {@link Config}, and how they combine with a
 * `.programmerc.json`: the file wins, key by key (a rule code named in the file overrides the same code
 * in the settings; codes the file does not name keep the settings' level).
 */
import * as l10n from '@vscode/l10n';
import { validateConfig, type Config } from '../model/config';
import { LANGUAGE_SETTINGS, languageOfTag, type LanguageSetting } from '../l10n/index';

/** The settings read, and what was left out (for the server's log; never shown as diagnostics). */
export interface SettingsReading {
  config: Config;
  /** One sentence per value that was left out, naming the setting and what it should be (in the current language). */
  problems: string[];
}

/** The settings keys that are configuration (the others, such as `trace`, belong to the client). */
const CONFIG_SETTINGS = ['rules', 'measureNumbering', 'similarity'] as const;

/**
 * Reads the `programme` settings section (as `workspace/configuration` or
 * `workspace/didChangeConfiguration` deliver it: `{ rules, measureNumbering, similarity: { threshold },
 * trace }`, or null) into a {@link Config}, checked against the config file's schema
 * (`validateConfig`). Unlike a config file, settings are used in part: a value that does not fit is
 * left out (its default applies) and named in `problems`, and the rest is kept. `null` values count as
 * not set; `trace` is ignored.
 */
export function readSettings(raw: unknown): SettingsReading {
  if (raw === null || raw === undefined) return { config: {}, problems: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { config: {}, problems: [l10n.t('The "programme" settings are not an object; the defaults are used.')] };
  const value: Record<string, unknown> = {};
  for (const key of CONFIG_SETTINGS) {
    const v = (raw as Record<string, unknown>)[key];
    if (v !== null && v !== undefined) value[key] = structuredClone(v);
  }
  const problems: string[] = [];
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = validateConfig(value);
    if (result.problems.length === 0) return { config: result.config, problems };
    for (const problem of result.problems) {
      problems.push(l10n.t('Setting "{0}" is left out: {1}', problem.path !== '' ? `programme.${problem.path}` : 'programme', problem.message));
      if (!removePath(value, problem.path)) return { config: {}, problems };
    }
  }
  return { config: {}, problems };
}

/** Deletes the value at a dotted path (`rules.measure-numbering`); false when the path is the whole value. */
function removePath(value: Record<string, unknown>, dotted: string): boolean {
  if (dotted === '') return false;
  const parts = dotted.split('.');
  let node: unknown = value;
  for (const part of parts.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return true;
    node = (node as Record<string, unknown>)[part];
  }
  if (node !== null && typeof node === 'object') delete (node as Record<string, unknown>)[parts[parts.length - 1]];
  return true;
}

/**
 * Combines the settings with a config file's contents: the file wins key by key. `rules` and
 * `similarity` are merged entry by entry (the file's entries win); `measureNumbering`, `ignore`,
 * `lineWidth` and `lineNumbering` are the file's when it sets them. Neither argument is changed.
 */
export function mergeConfig(settings: Config, file: Config | undefined): Config {
  if (file === undefined) return settings;
  const out: Config = { ...settings };
  if (settings.rules !== undefined || file.rules !== undefined) out.rules = { ...settings.rules, ...file.rules };
  if (settings.similarity !== undefined || file.similarity !== undefined) out.similarity = { ...settings.similarity, ...file.similarity };
  if (file.measureNumbering !== undefined) out.measureNumbering = file.measureNumbering;
  if (file.ignore !== undefined) out.ignore = file.ignore;
  if (file.lineWidth !== undefined) out.lineWidth = file.lineWidth;
  if (file.lineNumbering !== undefined) out.lineNumbering = file.lineNumbering;
  return out;
}

/** A key that is equal for equal configs (for caching analyses by config). */
export function configKey(config: Config): string {
  const rules = config.rules ?? {};
  const sortedRules = Object.keys(rules)
    .sort()
    .map((code) => [code, rules[code]]);
  return JSON.stringify([sortedRules, config.measureNumbering ?? null, config.similarity?.threshold ?? null, config.lineWidth ?? null, config.lineNumbering ?? null]);
}

/** The values of the `programme.amendments.lineNumbers` setting (docs/amendments.md, "In the editor"). */
export const LINE_NUMBERS_SETTINGS = ['auto', 'on', 'off'] as const;

/**
 * When a programme shows its printed line numbers as inlay hints: `auto` (the default) when an
 * amendment file names it, `on` always, `off` never.
 */
export type LineNumbersSetting = (typeof LINE_NUMBERS_SETTINGS)[number];

/**
 * The `programme.amendments.lineNumbers` setting from the `programme` settings section (`{ amendments:
 * { lineNumbers } }`): undefined when it is not set; a value that is none of
 * {@link LINE_NUMBERS_SETTINGS} is left out (`auto` applies) and named in `problem`, for the server's log.
 */
export function readLineNumbersSetting(raw: unknown): { lineNumbers?: LineNumbersSetting; problem?: string } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const amendments = (raw as Record<string, unknown>).amendments;
  if (amendments === null || typeof amendments !== 'object' || Array.isArray(amendments)) return {};
  const value = (amendments as Record<string, unknown>).lineNumbers;
  if (value === null || value === undefined) return {};
  if ((LINE_NUMBERS_SETTINGS as readonly unknown[]).includes(value)) return { lineNumbers: value as LineNumbersSetting };
  return { problem: `Setting "programme.amendments.lineNumbers" is left out: it must be one of ${LINE_NUMBERS_SETTINGS.join(', ')}, not ${JSON.stringify(value)}.` };
}

/**
 * The `programme.language` setting from the `programme` settings section: `auto`, `nb`, `nn`, `de` or
 * `en` (a tag naming one of them, such as `nb-NO`, counts as it). Undefined when it is not set; a value
 * that is none of them is left out (`auto` applies) and named in `problem`, for the server's log.
 */
export function readLanguageSetting(raw: unknown): { language?: LanguageSetting; problem?: string } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const value = (raw as Record<string, unknown>).language;
  if (value === null || value === undefined) return {};
  if (value === 'auto') return { language: 'auto' };
  const language = typeof value === 'string' ? languageOfTag(value) : undefined;
  if (language !== undefined) return { language };
  return { problem: `Setting "programme.language" is left out: it must be one of ${LANGUAGE_SETTINGS.join(', ')}, not ${JSON.stringify(value)}.` };
}
