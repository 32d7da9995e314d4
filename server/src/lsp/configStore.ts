/**
 * The configuration of each document in the language server: the client's `programme.*` settings
 * (pulled with `workspace/configuration` for the document, or pushed with
 * `workspace/didChangeConfiguration`) combined with the nearest `.programmerc.json` above the document
 * (the file wins, key by key; see `mergeConfig`). Config files are found and read by the one loader the
 * CLI uses too (cli/configFile.ts: `findConfigFile`, `loadConfigFile`). A config file that cannot be
 * read or does not fit the schema contributes nothing (defaults and settings apply) and its problems,
 * with their spans, are handed to `report` as diagnostics (`configDiagnostic`), to be published on the
 * config file.
 *
 * Caches: settings per document URI until the settings change; each config file's contents by
 * modification time, size and the language of its messages (`ConfigHost.language`: a file is read and
 * reported again when the language changes); the nearest config file per folder, only while the client
 * reports config file changes (see `setWatched`), until a `.programmerc.json` is created, changed or deleted.
 */
import path from 'node:path';
import * as l10n from '@vscode/l10n';
import { URI } from 'vscode-uri';
import { configDiagnostic, type Config } from '../model/config';
import type { Diagnostic } from '../syntax/span';
import { findConfigFile, loadConfigFile } from '../cli/configFile';
import { fileStamp } from '../node/files';
import { mergeConfig, readLanguageSetting, readLineNumbersSetting, readSettings, type LineNumbersSetting } from './settings';
import { currentLanguage, inLanguage, type Language, type LanguageSetting } from '../l10n/index';

/** A config file as read: its text and config, or the problems that made it unusable. */
export interface ConfigFileState {
  /** Absolute path. */
  file: string;
  /** The text read (empty when the file could not be read). */
  text: string;
  /** The config, when the file is usable. */
  config?: Config;
  /** Problems, as offsets into `text`; empty when the file is fine. */
  diagnostics: Diagnostic[];
}

/** What the store needs from the connection. */
export interface ConfigHost {
  /** Pulls the `programme` settings section for `uri`; undefined when the client cannot be asked. */
  pullSettings(uri: string): Promise<unknown> | undefined;
  /** Logs a message for the server log (never shown as a diagnostic). */
  log(message: string): void;
  /** Called every time a config file is read, with its state (problems or none). */
  report(state: ConfigFileState): void;
  /**
   * The language of the problems of config files and settings (a config file has no `lang` of its own:
   * the `programme.language` setting, or the editor's display language); the current language when absent.
   */
  language?(): Language;
}

/** The settings of one document: its configuration and its `programme.language`. */
interface DocumentSettings {
  config: Config;
  language?: LanguageSetting;
  lineNumbers?: LineNumbersSetting;
}

interface CachedFile {
  mtimeMs: number;
  size: number;
  /** The language of the messages of `state`. */
  language: Language;
  state: ConfigFileState;
}

/** The configuration of each document; see the module comment. */
export class ConfigStore {
  private pushedSettings: unknown = undefined;
  private readonly settingsByUri = new Map<string, Promise<DocumentSettings>>();
  private readonly nearestByDir = new Map<string, string | undefined>();
  private readonly files = new Map<string, CachedFile>();
  /** Folder used for documents that are not files (untitled): the first workspace folder. */
  private fallbackDir: string | undefined;
  private watched = false;

  constructor(private readonly host: ConfigHost) {}

  /**
   * Whether the client reports `.programmerc.json` files created, changed and deleted. Only then is the
   * nearest config file of each folder remembered; otherwise it is looked up again on every analysis.
   */
  setWatched(watched: boolean): void {
    this.watched = watched;
    this.nearestByDir.clear();
  }

  /** Sets the folder whose config applies to documents without a folder (untitled ones). */
  setFallbackFolder(folderUri: string | undefined): void {
    const u = folderUri !== undefined ? URI.parse(folderUri) : undefined;
    this.fallbackDir = u?.scheme === 'file' ? u.fsPath : undefined;
  }

  /** The settings changed: `pushed` is the `programme` section when the client pushed it. */
  settingsChanged(pushed: unknown): void {
    this.pushedSettings = pushed;
    this.settingsByUri.clear();
  }

  /** A `.programmerc.json` was created, changed or deleted: forget what was found and read. */
  configFilesChanged(): void {
    this.nearestByDir.clear();
    this.files.clear();
  }

  /** A document was closed: forget its settings. */
  forget(uri: string): void {
    this.settingsByUri.delete(uri);
  }

  /** The config of the document `uri`: settings, then the nearest config file's keys over them. Never rejects. */
  async configFor(uri: string): Promise<Config> {
    const { config } = await this.settingsFor(uri);
    const file = this.fileStateFor(uri);
    return mergeConfig(config, file?.config);
  }

  /** The `programme.language` setting for the document `uri` (undefined: not set, as `auto`). Never rejects. */
  async languageFor(uri: string): Promise<LanguageSetting | undefined> {
    return (await this.settingsFor(uri)).language;
  }

  /** The `programme.amendments.lineNumbers` setting for the document `uri` (`auto` when not set). Never rejects. */
  async lineNumbersFor(uri: string): Promise<LineNumbersSetting> {
    return (await this.settingsFor(uri)).lineNumbers ?? 'auto';
  }

  /** The state of the config file that applies to `uri`, if there is one. */
  fileStateFor(uri: string): ConfigFileState | undefined {
    const dir = this.dirOf(uri);
    if (dir === undefined) return undefined;
    const file = findConfigFile(dir, this.watched ? this.nearestByDir : undefined);
    return file !== undefined ? this.readFile(file) : undefined;
  }

  private dirOf(uri: string): string | undefined {
    const u = URI.parse(uri);
    return u.scheme === 'file' ? path.dirname(u.fsPath) : this.fallbackDir;
  }

  /** The language of the messages about config files and settings. */
  private language(): Language {
    return this.host.language?.() ?? currentLanguage();
  }

  private readFile(file: string): ConfigFileState {
    const stat = fileStamp(file);
    const cached = this.files.get(file);
    const language = this.language();
    if (cached !== undefined && stat !== undefined && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size && cached.language === language) return cached.state;
    const state = inLanguage(language, (): ConfigFileState => {
      const reading = loadConfigFile(file);
      return reading.problems.length === 0
        ? { file, text: reading.text, config: reading.config, diagnostics: [] }
        : { file, text: reading.text, diagnostics: reading.problems.map((problem) => configDiagnostic(problem, reading.text.length)) };
    });
    if (stat !== undefined) this.files.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, language, state });
    this.host.report(state);
    return state;
  }

  private settingsFor(uri: string): Promise<DocumentSettings> {
    let settings = this.settingsByUri.get(uri);
    if (settings === undefined) {
      settings = this.fetchSettings(uri);
      this.settingsByUri.set(uri, settings);
    }
    return settings;
  }

  private async fetchSettings(uri: string): Promise<DocumentSettings> {
    let raw: unknown = this.pushedSettings;
    try {
      const pulled = this.host.pullSettings(uri);
      if (pulled !== undefined) raw = await pulled;
    } catch (error) {
      // The reason is the protocol's own words (English): the server log is read when something went wrong.
      const reason = error instanceof Error ? error.message : String(error);
      this.host.log(inLanguage(this.language(), () => l10n.t('Could not read the "programme" settings ({0}); defaults are used.', reason)));
      raw = undefined;
    }
    const { config, problems } = inLanguage(this.language(), () => readSettings(raw));
    for (const problem of problems) this.host.log(problem);
    const { language, problem } = readLanguageSetting(raw);
    if (problem !== undefined) this.host.log(problem);
    const lines = readLineNumbersSetting(raw);
    if (lines.problem !== undefined) this.host.log(lines.problem);
    return { config, language, lineNumbers: lines.lineNumbers };
  }
}
