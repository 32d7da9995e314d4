/**
 * The `*.programme` files of the workspace folders, for workspace symbol search: found lazily on the
 * first search (skipping `node_modules` and dot folders, as `programme check` does), read and analysed
 * on demand, and cached by modification time. Open documents are not read from disk: the server passes
 * their newest version, which wins over the file.
 */
import { URI } from 'vscode-uri';
import type { Programme } from '../model/programme';
import { expandPaths, fileStamp, readText } from '../node/files';

/** A document of the workspace with its programme model. */
export interface WorkspaceDocument {
  uri: string;
  programme: Programme;
}

/** Analyses a file's text for `uri` (with that file's configuration). */
export type Analyser = (uri: string, text: string) => Promise<Programme>;

interface Cached {
  mtimeMs: number;
  size: number;
  programme: Programme;
}

/** The workspace's programme files; see the module comment. */
export class WorkspaceIndex {
  private folders: string[] = [];
  /** File URIs found on disk; undefined until the first search (or after the folders changed). */
  private files: Set<string> | undefined;
  private readonly cache = new Map<string, Cached>();

  /**
   * @param analyser analyses a file's text (the server passes its config-aware analysis)
   * @param watched whether the client reports `*.programme` files created and deleted; if not, the
   *   folders are scanned again on every search
   */
  constructor(
    private readonly analyser: Analyser,
    private watched = false,
  ) {}

  /** Sets the workspace folders (URIs; only `file:` folders are scanned). */
  setFolders(folderUris: string[]): void {
    this.folders = folderUris.map((u) => URI.parse(u)).filter((u) => u.scheme === 'file').map((u) => u.fsPath);
    this.files = undefined;
  }

  /** Whether the client reports file events for `**\/*.programme` (see the constructor). */
  setWatched(watched: boolean): void {
    this.watched = watched;
  }

  /** Forgets every analysis (the configuration changed); files are read again on the next search. */
  clear(): void {
    this.cache.clear();
  }

  /** A `*.programme` file was created, changed or deleted on disk. */
  fileChanged(uri: string, deleted: boolean): void {
    this.cache.delete(uri);
    if (this.files === undefined) return;
    if (deleted) this.files.delete(uri);
    else this.files.add(uri);
  }

  /**
   * The documents of the workspace: every `open` document (authoritative), then every file found on
   * disk that is not open, read and analysed when new or changed. Stops early, returning what it has,
   * when `cancelled()` becomes true; yields to the event loop every few files so that a cancellation
   * can arrive. Files that cannot be read are skipped.
   */
  async documents(open: WorkspaceDocument[], cancelled: () => boolean): Promise<WorkspaceDocument[]> {
    const out = [...open];
    const openUris = new Set(open.map((d) => d.uri));
    if (this.files === undefined || !this.watched) {
      this.files = new Set(expandPaths(this.folders).files.map((f) => URI.file(f).toString()));
    }
    let n = 0;
    for (const uri of [...this.files].sort()) {
      if (cancelled()) return out;
      if (openUris.has(uri)) continue;
      if (++n % 16 === 0) await new Promise((resolve) => setImmediate(resolve));
      const programme = await this.read(uri);
      if (programme !== undefined) out.push({ uri, programme });
    }
    return out;
  }

  private async read(uri: string): Promise<Programme | undefined> {
    const file = URI.parse(uri).fsPath;
    const stat = fileStamp(file);
    if (stat === undefined) {
      this.cache.delete(uri);
      return undefined;
    }
    const cached = this.cache.get(uri);
    if (cached !== undefined && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.programme;
    const read = readText(file);
    if ('problem' in read) return undefined;
    const programme = await this.analyser(uri, read.text);
    this.cache.set(uri, { mtimeMs: stat.mtimeMs, size: stat.size, programme });
    return programme;
  }
}
