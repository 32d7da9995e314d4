// STUB (branch imp-md): a stand-in for the lead's server/src/import/report.ts (the report in words),
// with the same exports; it writes codes, not sentences. On merge, take the lead's file.
/** The import report (STUB: codes and data only, no words). */
import type { Note } from './outline';

/** The message of one note (STUB: its code and detail). */
export function noteMessage(note: Note): string {
  return [note.code, note.detail, note.removed ?? (note.before !== undefined ? `${note.before} → ${note.after}` : undefined)].filter((x) => x !== undefined).join(' ');
}

/** Whether a note asks the user to look (STUB). */
export function isReview(note: Note): boolean {
  return note.code.startsWith('review-') || note.code === 'reader';
}

/** The summary of an import (STUB: the figures). */
export function importSummary(pillars: readonly number[], review: number): string {
  return `${pillars.length} (${pillars.join(', ')}) ${review}`;
}
