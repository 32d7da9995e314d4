// Code lens: "N references" above each measure, pillar and sub-section that something refers to, opening the references view.
/**
 * `codeLenses(p, uri)` gives one lens per pillar, section, sub-section or measure that at least one
 * reference resolves to (by number or by label), in document order. The lens sits on the target's
 * declaration (a measure's number, a heading's name); its title is `1 reference` or `N references` (in the language of the messages),
 * and its command is `programme.showReferences` with the arguments `[uri, position, locations]`: the
 * document, the start of the lens's range, and the `[[…]]` of every reference. The VS Code client turns
 * it into `editor.action.showReferences`. Positions are 0-based, characters in UTF-16 code units.
 */
import type { CodeLens, Location } from 'vscode-languageserver-types';
import { declarationSpan } from '../model/locate';
import type { Programme } from '../model/programme';
import { programmeIndex } from '../model/resolve';
import { referencesCount } from './describe';

/** The id of the command the lenses run (registered by the VS Code client). */
export const SHOW_REFERENCES_COMMAND = 'programme.showReferences';

/** The code lenses of `p` in the document `uri` (see the module comment). */
export function codeLenses(p: Programme, uri: string): CodeLens[] {
  const entries = [...programmeIndex(p).referencesTo.entries()].map(([target, refs]) => ({ span: declarationSpan(target), refs }));
  entries.sort((a, b) => a.span.start - b.span.start);
  return entries
    .filter((e) => e.refs.length > 0)
    .map(({ span, refs }) => {
      const range = p.lines.rangeOf(span);
      const locations: Location[] = refs.map((r) => ({ uri, range: p.lines.rangeOf(r.span) }));
      const title = referencesCount(refs.length);
      return { range, command: { title, command: SHOW_REFERENCES_COMMAND, arguments: [uri, range.start, locations] } };
    });
}
