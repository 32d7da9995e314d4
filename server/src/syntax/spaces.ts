/**
 * Space-like characters where the format wants a space (docs/format.md, "Spaces"): their names for
 * messages, and the `near-miss` diagnostic that reports them with the fix that writes plain spaces.
 */
import * as l10n from '@vscode/l10n';
import type { Diagnostic, Span } from './span';

const ODD_SPACE = /[^ \t]/;

/** True for what `String.prototype.trim` removes: JavaScript's white space and line terminators (a UTF-16 code unit). */
export function isJsSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) || c === 0x20 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * The name of a space-like or zero-width character, for messages, in the current language: its code
 * point and its name, `U+00A0 no-break space` (a translation keeps the code point and the Unicode name
 * and adds the everyday name: `U+00A0 NO-BREAK SPACE (hardt mellomrom)`). A name that stands as it is
 * in any sentence (the messages put it after "the character").
 */
export function spaceName(ch: string): string {
  const code = ch.charCodeAt(0);
  switch (code) {
    case 0x00a0:
      return l10n.t('U+00A0 no-break space');
    case 0x202f:
      return l10n.t('U+202F narrow no-break space');
    case 0x2007:
      return l10n.t('U+2007 figure space');
    case 0x2009:
      return l10n.t('U+2009 thin space');
    case 0x200a:
      return l10n.t('U+200A hair space');
    case 0x3000:
      return l10n.t('U+3000 ideographic space');
    case 0x200b:
      return l10n.t('U+200B zero-width space');
    case 0x000c:
      return l10n.t('U+000C form feed (a page break)');
    case 0xfeff:
      return l10n.t('U+FEFF byte order mark');
  }
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return code >= 0x2000 && code <= 0x200a ? l10n.t('{0} typographic space', hex) : l10n.t('{0} space', hex);
}

/**
 * The `near-miss` diagnostic for space-like characters in `span`, or undefined when it holds only spaces
 * and tabs. `after` names the marker the blanks follow (`#`, `2.`, `•`); '' for the blanks of a blank
 * line. The fix writes a plain space for each space-like character and drops zero-width ones (a run of
 * only zero-width characters after a marker becomes one space); in a blank line it removes them all.
 */
export function oddSpaces(text: string, span: Span, after: string): Diagnostic | undefined {
  const run = text.slice(span.start, span.end);
  if (!ODD_SPACE.test(run)) return undefined;
  const odd = [...run].find((ch) => ch !== ' ' && ch !== '\t')!;
  const name = spaceName(odd);
  const invisible = odd === '\u200b' || odd === '\ufeff' || odd === '\f';
  if (after === '') {
    return {
      code: 'near-miss',
      severity: 'warning',
      message: invisible
        ? l10n.t('A line that holds only an invisible {0} is read as a blank line. Remove the {0}.', name)
        : l10n.t('A line that holds only a {0} is read as a blank line. Remove the {0}.', name),
      span,
      data: { spaces: true },
      fixes: [{ title: l10n.t('Remove the {0}', name), changes: [{ span, newText: '' }], preferred: true, automatic: true }],
    };
  }
  let plain = run.replace(/[\u200b\ufeff\f]/g, '').replace(/[^ \t]/g, ' ');
  if (plain === '') plain = ' ';
  return {
    code: 'near-miss',
    severity: 'warning',
    message: invisible
      ? l10n.t('An invisible {0} stands after "{1}", where the format wants a space; it is read as a space. Replace it with a normal space.', name, after)
      : l10n.t('A {0} stands after "{1}", where the format wants a space; it is read as a space. Replace it with a normal space.', name, after),
    span,
    data: { spaces: true },
    fixes: [{ title: l10n.t('Replace the {0} with a space', name), changes: [{ span, newText: plain }], preferred: true, automatic: true }],
  };
}
