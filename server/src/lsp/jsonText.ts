/**
 * Diagnostics that cross from a worker thread to the server's thread as JSON text, and a message encoder
 * that writes that text into the `publishDiagnostics` notification as it is (issue 15: a keystroke in a
 * 10,000-measure document has about 1,300 diagnostics; structured clone copied every object both ways,
 * and the protocol stream's `JSON.stringify` walked them again, about 7 ms in all).
 */
import type { ContentTypeEncoder, Message } from 'vscode-languageserver/node';

/**
 * A value given as its JSON text. {@link jsonTextEncoder} writes the text as it is; any other
 * serialisation (`JSON.stringify`, node IPC's `process.send`) reads it back first (`toJSON`), so it is
 * correct on every transport.
 */
export class JsonText {
  constructor(readonly text: string) {}

  toJSON(): unknown {
    return JSON.parse(this.text);
  }
}

/** The method whose `params.diagnostics` {@link jsonTextEncoder} writes as text. */
const PUBLISH = 'textDocument/publishDiagnostics';

/**
 * The `application/json` content encoder of vscode-jsonrpc's stream writers (stdio, sockets, pipes), which
 * writes the diagnostics of a `publishDiagnostics` notification given as {@link JsonText} without
 * parsing and serialising them again; every other message as vscode-jsonrpc's own encoder does.
 */
export const jsonTextEncoder: ContentTypeEncoder = {
  name: 'application/json',
  encode(msg: Message, options): Promise<Uint8Array> {
    try {
      const m = msg as { method?: unknown; params?: { uri?: unknown; version?: unknown; diagnostics?: unknown } };
      const params = m.method === PUBLISH ? m.params : undefined;
      if (params?.diagnostics instanceof JsonText && Object.keys(params).every((k) => k === 'uri' || k === 'version' || k === 'diagnostics')) {
        const version = params.version === undefined ? '' : `,"version":${JSON.stringify(params.version)}`;
        const text = `{"jsonrpc":${JSON.stringify(msg.jsonrpc)},"method":"${PUBLISH}","params":{"uri":${JSON.stringify(params.uri)}${version},"diagnostics":${params.diagnostics.text}}}`;
        return Promise.resolve(Buffer.from(text, options.charset));
      }
      return Promise.resolve(Buffer.from(JSON.stringify(msg, undefined, 0), options.charset));
    } catch (error) {
      return Promise.reject(error);
    }
  },
};
