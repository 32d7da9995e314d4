/**
 * Words in order, for the import's promise that no word is lost: the words of an input, and the
 * words of a programme's content (without front matter, list markers, heading numbers, escapes).
 */

/**
 * The words of `text`: runs of letters and digits (with inner `-`, `'`, `.`, `,`), in order — but not
 * numbers alone, which may be list markers that the import writes anew (`1.`, `17.` of a wrapped date
 * is kept, and counted on neither side).
 */
export function wordsOf(text: string): string[] {
  return (text.match(/[\p{L}\p{N}]+(?:[-'’.,][\p{L}\p{N}]+)*/gu) ?? []).filter((w) => !/^[\d.,]+$/.test(w));
}

/**
 * The words of an input text without its list markers and chapter words at line starts (`1.`, `a)`,
 * `•`, `Kapittel 2:`), which the import writes anew.
 */
export function inputWords(text: string): string[] {
  return wordsOf(text.split('\n').map((l) => l.replace(/^\s*(?:(?:kapittel|kapitel|del|teil|chapter)\s+\d{1,2}\s*[.:)–—-]?\s*)/iu, '').replace(/^\s*(?:[a-zæøå]{1,2}\)|[-*•·▪◦‣⁃∙●○■□►▸➢✓✔◆♦❖→–—])(?=\s)/u, '')).join('\n'));
}

/** The words of a programme's content: no front matter, no `# N.`, `N.`, `- ` markers, no escapes. */
export function programmeWords(programme: string): string[] {
  const body = programme.replace(/^---\n[\s\S]*?\n---\n/, '');
  const lines = body.split('\n').map((l) =>
    l
      .replace(/^#{1,6} (\d{1,3}(?:\.\d{1,3})*[.)] )?/, '')
      .replace(/^\d{1,3}[.)] /, '')
      .replace(/^- /, '')
      .replace(/^(\d{1,3})\\([.)])/, '$1$2')
      .replace(/^ (?=#|\/\/)/, '')
      // A chapter word and its number (`DEL 3`) are markers on both sides, as inputWords takes them.
      .replace(/^(?:#{1,6} )?(?:kapittel|kapitel|del|teil|chapter)\s+\d{1,2}\s*[.:)–—-]?\s*/iu, ''),
  );
  return wordsOf(lines.join('\n'));
}

/** The first place where `expected` and `actual` differ, as a short message, or undefined when they are equal. */
export function firstDifference(expected: string[], actual: string[]): string | undefined {
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    if (expected[i] !== actual[i]) return `word ${i}: expected ${JSON.stringify(expected.slice(Math.max(0, i - 3), i + 3))}, got ${JSON.stringify(actual.slice(Math.max(0, i - 3), i + 3))}`;
  }
  return undefined;
}
