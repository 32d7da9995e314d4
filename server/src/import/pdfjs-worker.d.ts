/**
 * pdfjs-dist ships no types for its worker module; the PDF reader (`pdf.ts`) only passes the module
 * on to pdfjs as `globalThis.pdfjsWorker`, whose `WorkerMessageHandler` pdfjs's fake worker uses.
 */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
