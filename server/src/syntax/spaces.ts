/**
 * Space-like characters where the format wants a space (docs/format.md, "Spaces"): their names for
 * messages, and the `near-miss` diagnostic that reports them with the fix that writes plain spaces.
 */
import type { Diagnostic, Span } from './span';

const ODD_SPACE = /[^ \t]/;

/** The name of a space-like or zero-width character, for messages: `U+00A0 no-break space`. */
export function spaceName(ch: string): string {
  const code = ch.charCodeAt(0);
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const names: Record<number, string> = {
    0x00a0: 'no-break space',
    0x202f: 'narrow no-break space',
    0x2007: 'figure space',
    0x2009: 'thin space',
    0x200a: 'hair space',
    0x3000: 'ideographic space',
    0x200b: 'zero-width space',
    0x000c: 'form feed (a page break)',
    0xfeff: 'byte order mark',
  };
  return `${hex} ${names[code] ?? (code >= 0x2000 && code <= 0x200a ? 'typographic space' : 'space')}`;
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
      message: `A line that holds only ${invisible ? 'an invisible ' : 'a '}${name} is read as a blank line. Remove the ${name}.`,
      span,
      data: { spaces: true },
      fixes: [{ title: `Remove the ${name}`, changes: [{ span, newText: '' }], preferred: true, automatic: true }],
    };
  }
  let plain = run.replace(/[\u200b\ufeff\f]/g, '').replace(/[^ \t]/g, ' ');
  if (plain === '') plain = ' ';
  return {
    code: 'near-miss',
    severity: 'warning',
    message: `${invisible ? 'An invisible' : 'A'} ${name} stands after "${after}", where the format wants a space; it is read as a space. Replace it with a normal space.`,
    span,
    data: { spaces: true },
    fixes: [{ title: `Replace the ${name} with a space`, changes: [{ span, newText: plain }], preferred: true, automatic: true }],
  };
}
