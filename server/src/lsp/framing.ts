/**
 * A guard in front of the stdio transport: it passes every well-formed message of the LSP base
 * protocol (a header block with a usable `Content-Length`, a blank line, then that many bytes of body)
 * through unchanged, and drops header blocks that are not one, so that the messages after a bad one
 * are still read.
 *
 * Why: vscode-jsonrpc's stream reader (8.2) stops reading the rest of a chunk after a header block
 * without a usable `Content-Length` (the messages behind it wait for the next chunk, each one late by
 * one), takes a negative length as given (and reads garbage from then on), and gives up on a header
 * line without ":". A client that sends such a block must not make the server deaf.
 *
 * What is dropped (each reported once through `report`, for the server log):
 * - a header block with no `Content-Length`, or one that is not a whole number from 0 to
 *   {@link MAX_CONTENT_LENGTH}, or a line that is not `Name: value`;
 * - bytes before the header block (garbage, or the body of a dropped block): when a dropped block
 *   holds `Content-Length:` further on, reading starts again there.
 * Bodies are passed on as they arrive (a 50 MB document is not copied); bad JSON inside a well-framed
 * body is left to the reader, which reports it and goes on.
 */
import { Transform, type TransformCallback } from 'node:stream';

/** The largest body accepted, in bytes (1 GiB); a larger `Content-Length` is refused. */
export const MAX_CONTENT_LENGTH = 1024 * 1024 * 1024;

/** The longest header block kept while waiting for its blank line, in bytes; longer is garbage. */
export const MAX_HEADER_BYTES = 64 * 1024;

const EMPTY = Buffer.alloc(0);
const HEADER_END = Buffer.from('\r\n\r\n', 'latin1');

/**
 * The body length a header block announces (the block without its closing blank line, as Latin-1
 * text), or a message for people saying what is wrong with it.
 */
export function contentLength(block: string): number | { problem: string } {
  let length: number | undefined;
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    const name = line.slice(0, Math.max(0, colon));
    if (!/^[A-Za-z0-9-]+$/.test(name)) return { problem: `a header line is not "Name: value": ${JSON.stringify(line.slice(0, 80))}` };
    if (name.toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^[0-9]{1,10}$/.test(value) || Number(value) > MAX_CONTENT_LENGTH) {
      return { problem: `Content-Length must be a whole number of bytes from 0 to ${MAX_CONTENT_LENGTH}; found ${JSON.stringify(value.slice(0, 40))}` };
    }
    length = Number(value);
  }
  return length ?? { problem: `a header block has no Content-Length: ${JSON.stringify(block.slice(0, 80))}` };
}

/** The stream guard; see the module comment. Pipe the transport's input through it. */
export class FrameFilter extends Transform {
  /** Bytes of a header block whose blank line has not come yet. */
  private pending: Buffer = EMPTY;
  /** Bytes of the current body still to pass on. */
  private bodyLeft = 0;

  /** `report` is called with a message for the server log for each dropped stretch of input. */
  constructor(private readonly report: (problem: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let data = chunk;
    while (data.length > 0) {
      if (this.bodyLeft > 0) {
        const n = Math.min(this.bodyLeft, data.length);
        this.push(data.subarray(0, n));
        this.bodyLeft -= n;
        data = data.subarray(n);
        continue;
      }
      this.pending = this.pending.length === 0 ? data : Buffer.concat([this.pending, data]);
      data = EMPTY;
      for (;;) {
        const end = this.pending.indexOf(HEADER_END);
        if (end < 0) {
          if (this.pending.length > MAX_HEADER_BYTES) this.dropPending('more than 64 KiB of input without a message header', this.pending.length - 3);
          break;
        }
        const block = this.pending.subarray(0, end).toString('latin1');
        const length = contentLength(block);
        if (typeof length === 'number') {
          this.push(this.pending.subarray(0, end + HEADER_END.length));
          this.bodyLeft = length;
          data = this.pending.subarray(end + HEADER_END.length);
          this.pending = EMPTY;
          break;
        }
        const resume = block.toLowerCase().lastIndexOf('content-length:');
        this.dropPending(length.problem, resume > 0 ? resume : end + HEADER_END.length);
      }
    }
    done();
  }

  /** Drops the first `count` pending bytes, reporting why. */
  private dropPending(problem: string, count: number): void {
    this.report(`Ignored ${count} bytes of input that are not a message (${problem}).`);
    this.pending = this.pending.subarray(count);
  }
}
