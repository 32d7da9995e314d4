/**
 * cst.ts, the syntax's reading with Chevrotain, for the modules that read without it first
 * (index.ts). Here a static import; in the CLI's, the server's and the workers' bundles, scripts/build.mjs
 * (`lazyCstPlugin`) puts in its place a `require` at the first call, so that cst.ts, parser.ts,
 * lookahead.ts and Chevrotain's modules are set up only when a stretch is not plain lines (or the
 * resident sample is read): a check of a programme of plain lines never loads them.
 */
import * as cst from './cst';

/** The module cst.ts (loaded on the first call in the bundles; see the module comment). */
export function cstReading(): typeof cst {
  return cst;
}
