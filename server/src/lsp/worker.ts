/**
 * The language server's worker thread (bundled as `server/dist/worker.cjs`; lsp/hosts.ts starts two):
 * it makes and holds the analyses of open documents and answers feature requests from them
 * ({@link DocumentService}), and prints the drafts of large programmes on disk that amendment files name
 * (lsp/diskDraft.ts), by the messages of hosts.ts (`ToWorker`, `FromWorker`).
 *
 * Analyses run in steps with a turn of the event loop between them, so the worker answers requests
 * (for other documents, or for this one from its held analysis) while it analyses, and a `stop` for an
 * analysis is seen at its next step. A failing feature is answered with its error's text; nothing here
 * ends the thread.
 */
import { parentPort } from 'node:worker_threads';
import { DocumentService } from './documentService';
import { appliedChange, pause, type FromWorker, type ToWorker } from './hosts';
import { diskDraft } from './diskDraft';

const port = parentPort;
if (port !== null) {
  const service = new DocumentService({ json: true });
  /** Analyses under way, and those of them asked to stop. */
  const running = new Set<number>();
  const stopped = new Set<number>();
  /** Per document, the text of its last job (a job may come as the change from it: hosts.ts `textChange`). */
  const texts = new Map<string, string>();
  const reply = (message: FromWorker) => port.postMessage(message);
  port.on('message', (message: ToWorker) => {
    switch (message.type) {
      case 'analyse': {
        const { id, change } = message;
        let job = message.job;
        if (change !== undefined) {
          const before = texts.get(job.uri);
          if (before === undefined || before.length !== change.length) {
            // A fault of ours (the server's thread sent a change from a text this thread does not have).
            reply({ type: 'analysed', id, result: null, error: `no text of ${job.uri} of ${change.length} code units to apply a change to` });
            break;
          }
          job = { ...job, text: appliedChange(before, change) };
        }
        texts.set(job.uri, job.text);
        running.add(id);
        const done = () => {
          running.delete(id);
          stopped.delete(id);
        };
        service.analyse(job, pause, () => stopped.has(id)).then(
          (result) => {
            done();
            // The diagnostics as JSON text: one string crosses to the server's thread, which writes it into
            // the protocol stream as it is (lsp/jsonText.ts).
            if (result === undefined) {
              reply({ type: 'analysed', id, result: null });
            } else {
              const { diagnosticsJson, ...rest } = result;
              reply({ type: 'analysed', id, result: { ...rest, diagnostics: diagnosticsJson ?? JSON.stringify(result.diagnostics) } });
            }
          },
          (error: unknown) => {
            done();
            reply({ type: 'analysed', id, result: null, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
          },
        );
        break;
      }
      case 'stop':
        if (running.has(message.id)) stopped.add(message.id);
        break;
      case 'answer': {
        const { id, call } = message;
        service.answer(call).then(
          (answer) => reply({ type: 'answered', id, answer: answer ?? null }),
          (error: unknown) => reply({ type: 'answered', id, answer: null, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
        );
        break;
      }
      case 'forget':
        texts.delete(message.uri);
        service.forget(message.uri, message.generation);
        break;
      case 'hurry':
        service.hurry(message.uri);
        break;
      case 'draft':
        try {
          reply({ type: 'drafted', id: message.id, result: diskDraft(message.job) });
        } catch (error) {
          reply({ type: 'drafted', id: message.id, result: null, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
        }
        break;
      case 'memory': {
        // As the server's `$/programme/memory` does on its own thread (server.ts).
        const gc = (globalThis as { gc?: () => void }).gc;
        gc?.();
        gc?.();
        reply({ type: 'memory', id: message.id, usage: process.memoryUsage() });
        break;
      }
    }
  });
}
