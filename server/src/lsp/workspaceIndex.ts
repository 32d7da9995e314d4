/**
 * The workspace symbol index: the searchable items (`SymbolTable`, features/workspaceSymbols.ts) of
 * every `*.programme` file of the workspace folders that is not open in the editor (the server passes
 * the open documents' newest versions itself).
 *
 * The files are found on the first search (skipping `node_modules` and dot folders, as `programme
 * check` does) and each is read and indexed once; the index keeps only the items, not the model. It is
 * kept current by the client's file events when the client sends them (`setWatched`); otherwise each
 * search looks at the folders again and reads again a file whose modification time or size changed.
 * A search walks the files in order and pauses (yields to the event loop) every {@link SLICE_MS} of
 * work, so that other requests are answered while a cold index is built and a cancellation arrives;
 * what was indexed before a cancellation stays for the next search.
 */
import { URI } from 'vscode-uri';
import { Vocabulary, type SymbolSearch, type SymbolTable } from '../features/workspaceSymbols';
import { expandPaths, fileStamp, readText, realPath } from '../node/files';
import type { Language } from '../l10n/index';

/**
 * Makes the items of the file `uri` from its text, with that file's configuration, names in the
 * language `language` and words in `vocabulary` (the server analyses the model, no rules, and calls
 * `symbolTable`).
 */
export type Indexer = (uri: string, text: string, language: Language, vocabulary: Vocabulary) => Promise<SymbolTable>;

/** How long a search works before it pauses for other requests, in milliseconds. */
export const SLICE_MS = 8;

/** One indexed file: its items, the language of their names, and the file's stamp when it was read. */
interface Indexed {
  /** The file's path. */
  file: string;
  mtimeMs: number;
  size: number;
  language: Language;
  table: SymbolTable;
}

/** What {@link WorkspaceIndex.search} did: whether it went through every file, and how many it indexed. */
export interface SearchRun {
  complete: boolean;
  indexed: number;
}

/** The workspace's programme files and their items; see the module comment. */
export class WorkspaceIndex {
  private folders: string[] = [];
  /** File URIs found on disk, sorted; undefined until the first search (or after the folders changed). */
  private files: string[] | undefined;
  private readonly indexed = new Map<string, Indexed>();
  /** Files being read and indexed now, by URI (two searches at once share the work). */
  private readonly pending = new Map<string, { language: Language; work: Promise<Indexed | undefined> }>();
  private words = new Vocabulary();
  /** The URI of each file path found (made once: a search without file events lists the folders each time). */
  private readonly uris = new Map<string, string>();
  /** The real path (links resolved) of each file found, by URI. */
  private readonly reals = new Map<string, string>();
  /** Counts the calls of {@link clear} and {@link fileChanged}: what was being indexed before one is not kept. */
  private generation = 0;

  /**
   * @param indexer makes a file's items (see {@link Indexer})
   * @param watched whether the client reports `*.programme` files created, changed and deleted; if not,
   *   the folders are looked at again on every search
   * @param pause yields to the event loop (tests pass their own)
   */
  constructor(
    private readonly indexer: Indexer,
    private watched = false,
    private readonly pause: () => Promise<void> = () => new Promise((resolve) => setImmediate(resolve)),
  ) {}

  /** Sets the workspace folders (URIs; only `file:` folders are searched). */
  setFolders(folderUris: string[]): void {
    this.folders = folderUris.map((u) => URI.parse(u)).filter((u) => u.scheme === 'file').map((u) => u.fsPath);
    this.files = undefined;
  }

  /** Whether the client reports file events for `**\/*.programme` (see the constructor). */
  setWatched(watched: boolean): void {
    this.watched = watched;
  }

  /**
   * The vocabulary of every file's items: a search (`SymbolSearch`) and the open documents' tables
   * (`symbolTable`) must use it. A new one after {@link clear}.
   */
  get vocabulary(): Vocabulary {
    return this.words;
  }

  /**
   * Forgets every file's items and the vocabulary (the configuration or the language changed); files
   * are read again when searched.
   */
  clear(): void {
    this.words = new Vocabulary();
    this.indexed.clear();
    this.pending.clear();
    this.generation++;
  }

  /** A `*.programme` file was created, changed or deleted on disk. */
  fileChanged(uri: string, deleted: boolean): void {
    this.indexed.delete(uri);
    this.pending.delete(uri);
    this.generation++;
    if (this.files === undefined) return;
    const at = this.files.indexOf(uri);
    if (deleted && at >= 0) this.files.splice(at, 1);
    else if (!deleted && at < 0) {
      this.files = [...this.files, uri].sort();
      this.reals.set(uri, realPath(URI.parse(uri).fsPath));
    }
  }

  /**
   * Adds to `search` the items of every file of the workspace that is not in `skip` (the open
   * documents; also when one is open by another path, through a symbolic link), in the order of their URIs, with names in `language`; a file that is new, changed, or
   * indexed in another language is read and indexed first. Pauses every {@link SLICE_MS} ms and stops,
   * with `complete` false, as soon as `cancelled()` is true. A file that cannot be read is left out.
   * Never rejects because of a file; rejects only when the indexer does.
   */
  async search(search: SymbolSearch, skip: ReadonlySet<string>, language: Language, cancelled: () => boolean): Promise<SearchRun> {
    if (this.files === undefined || !this.watched) this.files = this.list();
    const skipReal = new Set<string>();
    for (const uri of skip) {
      const u = URI.parse(uri);
      if (u.scheme === 'file') skipReal.add(realPath(u.fsPath));
    }
    let indexed = 0;
    let sliceStart = performance.now();
    for (const uri of this.files) {
      if (performance.now() - sliceStart >= SLICE_MS) {
        await this.pause();
        sliceStart = performance.now();
      }
      if (cancelled()) return { complete: false, indexed };
      if (skip.has(uri) || skipReal.has(this.reals.get(uri) ?? '')) continue;
      let entry = this.current(uri, language);
      if (entry === undefined) {
        entry = await this.index(uri, language);
        indexed++;
      }
      if (entry !== undefined) search.add(uri, entry.table);
    }
    return { complete: true, indexed };
  }

  /** The URIs of the `*.programme` files in the folders, sorted. */
  private list(): string[] {
    const out: string[] = [];
    for (const file of expandPaths(this.folders).files) {
      let uri = this.uris.get(file);
      if (uri === undefined) {
        this.uris.set(file, (uri = URI.file(file).toString()));
        this.reals.set(uri, realPath(file));
      }
      out.push(uri);
    }
    return out.sort();
  }

  /** The items of `uri` when they are current (see {@link search}); undefined when the file must be read. */
  private current(uri: string, language: Language): Indexed | undefined {
    const entry = this.indexed.get(uri);
    if (entry === undefined || entry.language !== language) return undefined;
    // With file events, a change removes the entry (`fileChanged`); without, the stamp tells.
    if (this.watched) return entry;
    const stamp = fileStamp(entry.file);
    return stamp !== undefined && stamp.mtimeMs === entry.mtimeMs && stamp.size === entry.size ? entry : undefined;
  }

  /** Reads and indexes `uri` (once, when two searches ask at the same time). */
  private index(uri: string, language: Language): Promise<Indexed | undefined> {
    const running = this.pending.get(uri);
    if (running !== undefined && running.language === language) return running.work;
    const work: Promise<Indexed | undefined> = this.read(uri, language, this.generation).finally(() => {
      if (this.pending.get(uri)?.work === work) this.pending.delete(uri);
    });
    this.pending.set(uri, { language, work });
    return work;
  }

  /** Reads the file `uri` and makes its items; keeps them unless the index was cleared or the file changed meanwhile. */
  private async read(uri: string, language: Language, generation: number): Promise<Indexed | undefined> {
    const file = URI.parse(uri).fsPath;
    const stamp = fileStamp(file);
    const read = stamp !== undefined ? readText(file) : undefined;
    if (stamp === undefined || read === undefined || 'problem' in read) {
      this.indexed.delete(uri);
      return undefined;
    }
    const entry: Indexed = { file, mtimeMs: stamp.mtimeMs, size: stamp.size, language, table: await this.indexer(uri, read.text, language, this.words) };
    if (generation === this.generation) this.indexed.set(uri, entry);
    return entry;
  }
}
