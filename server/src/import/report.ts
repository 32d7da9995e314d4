/**
 * The import report in words: one message per note, in the current language (`@vscode/l10n`), and
 * the summary line. The notes' codes stay the stable part (the JSON report keeps them).
 */

import * as l10n from '@vscode/l10n';
import { listOf } from '../l10n/index';
import { truncate } from '../syntax/tree';
import type { InputFormat, Note } from './outline';

/** A short quotation of `text` for a message: at most 60 characters, with "…" where cut. */
function quote(text: string | undefined): string {
  return truncate((text ?? '').replace(/\s+/g, ' ').trim());
}

/** The message of one note, in the current language. */
export function noteMessage(note: Note): string {
  switch (note.code) {
    case 'page-number':
      return l10n.t('Removed the page number "{0}".', quote(note.removed));
    case 'running-header':
      return l10n.t('Removed the running header or footer "{0}", which repeats from page to page.', quote(note.removed));
    case 'line-number':
      return l10n.t('Removed the printed line number "{0}" at the start of a line.', quote(note.removed));
    case 'table-of-contents':
      return l10n.t('Removed the table of contents entry "{0}"; the headings are in the text.', quote(note.removed));
    case 'control-character':
      if (note.detail === 'U+FFFD') return l10n.t('A letter was lost here (the input has the replacement character U+FFFD, kept as "�"); mend the word by hand.');
      return l10n.t('Removed invisible control characters ({0}).', [...(note.removed ?? '')].map((c) => 'U+' + c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')).join(', '));
    case 'hyphenation':
      return l10n.t('Joined the hyphenated word "{0}" into "{1}".', quote(note.before), quote(note.after));
    case 'soft-hyphen':
      return l10n.t('Removed a soft hyphen: "{0}" is now "{1}".', quote(note.before), quote(note.after));
    case 'ligature':
      return l10n.t('Repaired a lost ligature: "{0}" is now "{1}".', quote(note.before), quote(note.after));
    case 'ocr':
      return l10n.t('Repaired an OCR misreading: "{0}" is now "{1}" (the only dictionary word it can be).', quote(note.before), quote(note.after));
    case 'line-wrap':
      return note.detail === '1' ? l10n.t('Joined 1 wrapped line to its paragraph or measure.') : l10n.t('Joined {0} wrapped lines to their paragraphs and measures.', note.detail ?? '0');
    case 'renumbered':
      return l10n.t('Numbered "{0}" as measure {1}; check that no measure is missing here.', quote(note.before), quote(note.after?.replace(/\.$/, '')));
    case 'review-list':
      if (note.detail === 'continuous') return l10n.t('The measures were numbered through the whole document; they are numbered per chapter here.');
      if (note.detail === 'bullets-without-lead-in') return l10n.t('A bullet list without a lead-in became the measures of its chapter; check that these are demands.');
      return l10n.t('Check this list: {0}.', quote(note.detail));
    case 'review-heading':
      return l10n.t('The heading "{0}" is on a higher level than the chapters (a part of the document, such as "Del 1"); it was kept as text.', quote(note.detail));
    case 'review-front-matter':
      if (note.detail === 'title') return l10n.t('No title was found, so there is no front matter: add one at the top (---, then title: …, then ---).');
      if (note.detail === 'yaml') return l10n.t('The front matter is not a list of keys and values; it was read as text.');
      return l10n.t('Guessed from the text: {0}; check it.', quote(note.detail));
    case 'reader':
      return readerMessage(note);
  }
}

/** The message of a `reader` note: what a reader could not read or turned into text. */
function readerMessage(note: Note): string {
  switch (note.detail) {
    case 'no-text':
      return l10n.t('This page has no text (a scanned image?); run OCR on it and import the text.');
    case 'table':
      return l10n.t('A table became paragraphs; check that its text reads in order.');
    case 'image':
      return l10n.t('An image was left out.');
    case 'footnotes':
      return l10n.t('The footnotes are at the end.');
    case 'code':
      return l10n.t('A code block became text.');
    case 'html':
      return l10n.t('HTML became text without its tags.');
    case 'encoding':
      return l10n.t('The text is not UTF-8; it was read as Windows-1252.');
    case 'marker-without-text':
      return l10n.t('A list marker with no text after it was left out.');
    case 'link':
      return l10n.t('A link keeps its text; its address "{0}" was left out.', quote(note.removed));
    case 'front-matter':
      return l10n.t('The Markdown front matter was read for its title; the rest was left out: "{0}".', quote(note.removed));
    case 'reference-definition':
      return l10n.t('A Markdown link definition or comment was left out: "{0}".', quote(note.removed));
    case 'unread':
    case 'unread-text':
      return l10n.t('Text that the import cannot place (a field, a text box) was left out: "{0}"; copy it in by hand if it belongs.', quote(note.removed));
    case 'numbering':
      return l10n.t('Word numbers this list item, but its number could not be worked out; it is read without one.');
    default:
      if (note.detail?.startsWith('numbering-format:') === true) return l10n.t('Word\'s number format "{0}" is printed as 1, 2, 3.', note.detail.slice('numbering-format:'.length));
      return l10n.t('Could not read everything: {0}.', quote(note.detail));
  }
}

/** Whether a note asks the user to look (a decision), rather than telling what was cleaned up. */
export function isReview(note: Note): boolean {
  if (note.code === 'renumbered' || note.code.startsWith('review-')) return true;
  // What a reader could not read is to look at; what it left out by design (a link's address, a comment) is not.
  if (note.code === 'control-character' && note.detail === 'U+FFFD') return true;
  return note.code === 'reader' && ['no-text', 'table', 'unread', 'unread-text', 'numbering', 'marker-without-text'].includes(note.detail ?? '');
}

/**
 * The summary of an import: "5 chapters; measures in each: 8, 8, 8, 7 and 7. 2 items to review." `pillars`
 * holds each chapter's measure count.
 */
export function importSummary(pillars: readonly number[], review: number): string {
  const counts = listOf(pillars.map(String));
  const chapters =
    pillars.length === 0
      ? l10n.t('No chapters found.')
      : pillars.length === 1
        ? pillars[0] === 1
          ? l10n.t('1 chapter, with 1 measure.')
          : l10n.t('1 chapter, with {0} measures.', counts)
        : l10n.t('{0} chapters; measures in each: {1}.', pillars.length, counts);
  const toReview = review === 0 ? l10n.t('Nothing to review.') : review === 1 ? l10n.t('1 item to review.') : l10n.t('{0} items to review.', review);
  return `${chapters} ${toReview}`;
}

/**
 * Why `shownAs` could not be imported, for people: no text in it, not text at all, or what the reader
 * said it could not read (`problem` from `importDocument`).
 */
export function problemMessage(shownAs: string, problem: { code: 'unreadable' | 'not-text' | 'empty'; format: InputFormat; detail: string }): string {
  if (problem.code === 'empty') return l10n.t('{0}: there is no text in it to import.', shownAs);
  if (problem.code === 'not-text') return l10n.t('{0}: this does not look like text (it holds control characters such as NUL). If it is a Word document or a PDF, name its format with --from.', shownAs);
  return l10n.t('{0}: cannot read it as {1} ({2}). Check that the file is not damaged, or name its format with --from.', shownAs, formatName(problem.format), problem.detail);
}

/** A format's name for people: "a Word document", "a PDF", … */
function formatName(format: InputFormat): string {
  switch (format) {
    case 'docx':
      return l10n.t('a Word document');
    case 'pdf':
      return l10n.t('a PDF');
    case 'markdown':
      return l10n.t('Markdown');
    case 'text':
      return l10n.t('text');
  }
}
