/**
 * The checks of an amendment file against the programme's printed draft (docs/rules.md, the
 * `amendment-…` codes; docs/amendments.md, "Checks"): the quoted words stand on the cited lines,
 * once; the lines are in the draft; no two amendments change the same words; the draft is the one the
 * line numbers were taken from; ids are unique; every amendment gives a reason.
 *
 * Pure: the file as read (amendments/parse.ts) and the draft as printed (amendments/lines.ts) in,
 * diagnostics on the amendment file out, with the configured severities (`rules` of the config).
 */
import * as l10n from '@vscode/l10n';
import type { Config } from '../model/config';
import { collectFindings, withLevels } from '../rules/index';
import type { Diagnostic, Fix, Related, Span, TextChange } from '../syntax/span';
import type { PrintedDraft } from './lines';
import { dashOf, draftText, locate, numbersText, type CitedLines, type DraftMatch, type DraftText, type Location } from './locate';
import type { Amendment, AmendmentsFile } from './model';
import { parseAmendments } from './parse';

/** What the checks know of the programme the amendments are to. */
export interface AmendmentContext {
  /** The programme's printed draft, with the front matter's `lineWidth` and `lineNumbering` applied; absent when the programme could not be read. */
  draft?: PrintedDraft;
  /** Why the programme could not be read (a sentence for people), when it could not; reported on the front matter's `programme`. */
  programmeProblem?: string;
}

/** An amendment with where its quote stands, as the checks, the voting list and apply see it. */
export interface LocatedAmendment {
  amendment: Amendment;
  cited?: CitedLines;
  location: Location;
}

/** The amendments of `file` located in `draft` (see amendments/locate.ts), in the order written. */
export function locateAll(file: AmendmentsFile, dt: DraftText): LocatedAmendment[] {
  const changed = draftChanged(file, dt.draft);
  return file.amendments.map((amendment) => ({ amendment, ...locate(dt, amendment, changed) }));
}

/** True when the file names a fingerprint and the draft's is another. */
export function draftChanged(file: AmendmentsFile, draft: PrintedDraft): boolean {
  const named = file.frontMatter?.draft?.value;
  return named !== undefined && named !== draft.fingerprint;
}

/** Amendments that are still to be decided or were adopted: the ones that may conflict. */
export function isLive(a: Amendment): boolean {
  return a.status !== 'rejected' && a.status !== 'withdrawn';
}

/**
 * Every diagnostic of the amendment file: what could not be read, then the checks against the draft,
 * with `config.rules` applied (a code set to `off` is dropped), sorted by position. Never throws: a
 * check that throws gives one `internal-error` diagnostic, and the others still run.
 */
export function checkAmendments(file: AmendmentsFile, context: AmendmentContext, config: Config = {}): Diagnostic[] {
  const all: Diagnostic[] = [...file.diagnostics];
  collectFindings(all, 'amendment', () => fileChecks(file, context));
  if (context.draft !== undefined) {
    const dt = draftText(context.draft);
    collectFindings(all, 'amendment', () => draftChecks(file, dt));
  }
  return withLevels(all, config);
}

/**
 * Why each amendment of `file` must not be applied, as `programme check` reports it (docs/amendments.md,
 * "The adopted text"): the first error-level finding in the amendment (what cannot be read, an unknown
 * status, a duplicate id, lines not in the draft or reversed, a quote not in the draft or there more
 * than once), else the warning that its quote stands on other lines than it cites (on a draft that has
 * changed, too: the congress voted on the lines it cites). Severities are the checks' own, whatever the
 * configuration says: a rule turned off in the editor does not make an amendment safe to apply. The
 * message is the check's, in the current language (the file's text is read again for it); amendments
 * with no such finding are absent.
 * `located` is {@link locateAll} of `file` in `dt` (given, so that it is not computed twice).
 */
export function blockingFindings(file: AmendmentsFile, dt: DraftText, located: LocatedAmendment[] = locateAll(file, dt)): Map<Amendment, Diagnostic> {
  // Read again for its messages: the file may have been read in another language than the current one
  // (the voting list speaks the amendment file's). The same text gives the same spans.
  const all: Diagnostic[] = [...parseAmendments(file.text).diagnostics, ...duplicateIds(file)];
  collectFindings(all, 'amendment', () => draftChecks(file, dt, located));
  const blocking = all.filter((d) => d.severity === 'error' || (d.code === 'amendment-quote' && d.severity === 'warning'));
  // Errors first, then by position: the first error is the one to fix first.
  blocking.sort((x, y) => (x.severity === y.severity ? 0 : x.severity === 'error' ? -1 : 1) || x.span.start - y.span.start);
  const out = new Map<Amendment, Diagnostic>();
  for (const a of file.amendments) {
    const d = blocking.find((b) => b.span.start >= a.span.start && b.span.end <= Math.max(a.span.end, a.idSpan.end));
    if (d !== undefined) out.set(a, d);
  }
  return out;
}

/**
 * The reason of a refusal: the finding's message, with the amendment's id before it unless the
 * message starts with it ("E13: "vedtatt med endringer" is not a status …").
 */
export function findingReason(a: Amendment, d: Diagnostic): string {
  return d.message.startsWith(`${a.id} `) ? d.message : l10n.t('{0}: {1}', a.id, d.message);
}

/** The ids that another amendment before has too (`amendment-duplicate-id`). */
function duplicateIds(file: AmendmentsFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, Amendment>();
  for (const a of file.amendments) {
    const key = a.id.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      out.push({
        code: 'amendment-duplicate-id',
        severity: 'error',
        message: l10n.t('{0} is the id of another amendment too: give each amendment its own id, or join the two.', a.id),
        span: a.idSpan,
        related: [{ span: first.idSpan, message: l10n.t('{0} is first used here', first.id) }],
      });
    } else seen.set(key, a);
  }
  return out;
}

/** The checks that need no draft: the programme is named, ids are unique, reasons are given. */
function fileChecks(file: AmendmentsFile, context: AmendmentContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const fm = file.frontMatter;
  if (fm?.programme === undefined) {
    out.push({
      code: 'amendment-programme',
      severity: 'error',
      message: l10n.t('The file names no programme: add "programme: FILE" to its front matter (the programme\'s file, relative to this one), so that the amendments can be checked against its draft.'),
      span: fm !== undefined ? { start: fm.span.start, end: fm.span.start + 3 } : { start: 0, end: 0 },
    });
  } else if (context.programmeProblem !== undefined) {
    out.push({ code: 'amendment-programme', severity: 'error', message: context.programmeProblem, span: fm.programme.span });
  }
  for (const d of duplicateIds(file)) out.push(d);
  for (const a of file.amendments) {
    if (a.reason === undefined) {
      out.push({ code: 'amendment-reason', severity: 'warning', message: l10n.t('{0} gives no reason: add "Reason: …" (the congress reads it before it votes).', a.id), span: a.idSpan });
    }
  }
  return out;
}

/** The checks against the draft: the fingerprint, the lines, the quotes, the conflicts. */
function draftChecks(file: AmendmentsFile, dt: DraftText, located: LocatedAmendment[] = locateAll(file, dt)): Diagnostic[] {
  const out: Diagnostic[] = [];
  const changed = draftChanged(file, dt.draft);
  const rangeFixes: TextChange[] = [];
  for (const l of located) {
    const a = l.amendment;
    if (a.range !== undefined && l.cited !== undefined && l.cited.kind !== 'lines') out.push(linesDiagnostic(file, dt, a, l));
    const d = quoteDiagnostic(file, dt, l, changed);
    if (d !== undefined) out.push(d);
    const move = moveChange(file, dt, l);
    if (move !== undefined) for (const c of move) rangeFixes.push(c);
  }
  const fm = file.frontMatter;
  if (fm !== undefined && fm.programme !== undefined) {
    if (fm.draft === undefined) {
      const at = fm.programme.span.end;
      const lineEnd = lineEndAfter(file.text, at);
      out.push({
        code: 'amendment-draft',
        severity: 'warning',
        message: l10n.t('The file does not say which printing of the draft its line numbers are from: add "draft: {0}" (the fingerprint "programme lines" prints), so that a changed draft is noticed.', dt.draft.fingerprint),
        span: fm.programme.span,
        fixes: [{ title: l10n.t('Add "draft: {0}"', dt.draft.fingerprint), changes: [{ span: { start: lineEnd, end: lineEnd }, newText: `\ndraft: ${dt.draft.fingerprint}` }], preferred: true }],
      });
    } else if (changed) {
      const moved = located.filter((l) => l.location.kind === 'moved').length;
      const lost = located.filter((l) => l.location.kind === 'missing').length;
      const changes = [{ span: fm.draft.span, newText: dt.draft.fingerprint }, ...rangeFixes].sort((x, y) => x.span.start - y.span.start);
      out.push({
        code: 'amendment-draft',
        severity: 'warning',
        message: l10n.t(
          'The draft has changed since these line numbers were taken (fingerprint {0}, now {1}): the amendments are found again by their quoted words ({2} moved, {3} not found).',
          fm.draft.value,
          dt.draft.fingerprint,
          moved,
          lost,
        ),
        span: fm.draft.span,
        fixes: [{ title: l10n.t('Update the line numbers and the fingerprint to the draft as it is now'), changes }],
      });
    }
  }
  for (const d of conflicts(dt, located)) out.push(d);
  return out;
}

/** The end of the line that holds `offset`. */
function lineEndAfter(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** How people read the place of a match: "line 40", "lines 40–41". */
function whereText(dt: DraftText, m: DraftMatch): string {
  const lines = dt.draft.lines;
  const a = lines[m.first];
  const b = lines[m.last];
  const pillar = dt.draft.restart === 'pillar' && a.pillar !== undefined ? a.pillar : undefined;
  if (pillar !== undefined) return m.first === m.last ? l10n.t('pillar {0}, line {1}', pillar, a.number) : l10n.t('pillar {0}, lines {1}–{2}', pillar, a.number, b.number);
  return m.first === m.last ? l10n.t('line {0}', a.number) : l10n.t('lines {0}–{1}', a.number, b.number);
}

/** The cited lines as people read them: "line 40", "lines 40–41". */
function citedText(a: Amendment): string {
  const r = a.range!;
  const lines = r.first === r.last ? l10n.t('line {0}', r.first) : l10n.t('lines {0}–{1}', r.first, r.last);
  return r.pillar !== undefined ? l10n.t('pillar {0}, {1}', r.pillar.value, lines) : lines;
}

/** At most three places, "lines 40–41, line 52 and line 88", then "and N more". */
function placesText(dt: DraftText, matches: DraftMatch[]): string {
  const shown = matches.slice(0, 3).map((m) => whereText(dt, m));
  if (matches.length > 3) shown.push(l10n.t('{0} more', matches.length - 3));
  return shown.length === 1 ? shown[0] : l10n.t('{0} and {1}', shown.slice(0, -1).join(', '), shown[shown.length - 1]);
}

/** A quote cut to 60 characters for a message. */
function shortQuote(s: string): string {
  return s.length > 60 ? `${s.slice(0, 59)}…` : s;
}

/** The changes that make `a` cite the lines of `m`: its numbers, and its pillar when lines restart per pillar. */
function citeChanges(file: AmendmentsFile, dt: DraftText, a: Amendment, m: DraftMatch): TextChange[] {
  const r = a.range!;
  const changes: TextChange[] = [{ span: r.span, newText: numbersText(dt, m.first, m.last, dashOf(file.text, r.span)) }];
  const pillar = dt.draft.lines[m.first].pillar;
  if (r.pillar !== undefined && pillar !== undefined && pillar !== r.pillar.value) changes.unshift({ span: r.pillar.span, newText: pillar });
  return changes;
}

function citeFix(file: AmendmentsFile, dt: DraftText, a: Amendment, m: DraftMatch, preferred: boolean): Fix {
  const lines = dt.draft.lines;
  const title = m.first === m.last ? l10n.t('Cite line {0}', lines[m.first].number) : l10n.t('Cite lines {0}–{1}', lines[m.first].number, lines[m.last].number);
  return { title, changes: citeChanges(file, dt, a, m), ...(preferred ? { preferred: true } : {}) };
}

/** For the fix of a changed draft: the citation of an amendment that moved, rewritten to where it is now. */
function moveChange(file: AmendmentsFile, dt: DraftText, l: LocatedAmendment): TextChange[] | undefined {
  if (l.location.kind !== 'moved' || l.amendment.range === undefined) return undefined;
  return citeChanges(file, dt, l.amendment, l.location.match);
}

/** A citation that names no lines of the draft (`amendment-lines`). */
function linesDiagnostic(file: AmendmentsFile, dt: DraftText, a: Amendment, l: LocatedAmendment): Diagnostic {
  const r = a.range!;
  const span: Span = r.pillar !== undefined ? { start: r.pillar.span.start, end: r.span.end } : r.span;
  const cited = l.cited!;
  let message: string;
  const fixes: Fix[] = [];
  switch (cited.kind) {
    case 'reversed':
      message = l10n.t('{0} cites lines {1}–{2}: the first line comes after the last. Write {2}–{1}.', a.id, r.first, r.last);
      fixes.push({ title: l10n.t('Write {0}–{1}', r.last, r.first), changes: [{ span: r.span, newText: `${r.last}${dashOf(file.text, r.span)}${r.first}` }], preferred: true });
      break;
    case 'outside':
      message =
        r.pillar !== undefined
          ? l10n.t('{0} cites {1}, but pillar {2} has lines 1–{3} (printed {4} characters wide).', a.id, citedText(a), r.pillar.value, cited.last, dt.draft.width)
          : l10n.t('{0} cites {1}, but the draft has lines 1–{2} (printed {3} characters wide).', a.id, citedText(a), cited.last, dt.draft.width);
      break;
    case 'no-pillar':
      message = l10n.t('The draft numbers its lines from 1 in each pillar: say which pillar {0} is in ("Pillar 2, line 12").', a.id);
      break;
    default:
      message = l10n.t('{0} cites pillar {1}, which the draft does not have.', a.id, r.pillar?.value ?? '');
  }
  // Where the quote stands, when it stands once: the fix that cites those lines.
  const loc = l.location;
  const only = loc.kind === 'moved' ? loc.match : loc.kind === 'elsewhere' && loc.matches.length === 1 ? loc.matches[0] : undefined;
  if (only !== undefined && cited.kind !== 'reversed') {
    message += ' ' + l10n.t('The quoted words stand on {0}.', whereText(dt, only));
    // Without a pillar in the citation there is no pillar's number to rewrite: the message says where.
    if (cited.kind !== 'no-pillar') fixes.push(citeFix(file, dt, a, only, true));
  }
  return { code: 'amendment-lines', severity: 'error', message, span, ...(fixes.length > 0 ? { fixes } : {}) };
}

/** The quote's diagnostic (`amendment-quote`), if it is not once on its lines. */
function quoteDiagnostic(file: AmendmentsFile, dt: DraftText, l: LocatedAmendment, changed: boolean): Diagnostic | undefined {
  const a = l.amendment;
  const q = a.quoted;
  if (q === undefined || a.range === undefined) return undefined;
  const loc = l.location;
  const quote = shortQuote(q.value);
  if (q.value === '') {
    return { code: 'amendment-quote', severity: 'error', message: l10n.t('The quote of {0} is empty: quote the words as the draft prints them.', a.id), span: q.span };
  }
  const linesOk = l.cited?.kind === 'lines';
  switch (loc.kind) {
    case 'here':
    case 'unread':
      return undefined;
    case 'ambiguous':
      return {
        code: 'amendment-quote',
        severity: 'error',
        message: l10n.t('"{0}" stands {1} times on {2} ({3}): quote more of the words around it, so that it is found once.', quote, loc.matches.length, citedText(a), placesText(dt, loc.matches)),
        span: q.span,
      };
    case 'moved':
      if (!linesOk) return undefined;
      return {
        code: 'amendment-quote',
        severity: 'warning',
        message: l10n.t('The draft has changed: "{0}" is now on {1}, not on {2}.', quote, whereText(dt, loc.match), citedText(a)),
        span: a.range.span,
        fixes: [citeFix(file, dt, a, loc.match, true)],
      };
    case 'elsewhere': {
      if (!linesOk) return undefined;
      const nearest = loc.matches[0];
      return {
        code: 'amendment-quote',
        severity: 'warning',
        message: changed
          ? l10n.t('The draft has changed: "{0}" is not on {1}; it stands on {2}.', quote, citedText(a), placesText(dt, loc.matches))
          : l10n.t('"{0}" is not on {1}; it stands on {2}.', quote, citedText(a), placesText(dt, loc.matches)),
        span: a.range.span,
        fixes: loc.matches.slice(0, 3).map((m, i) => citeFix(file, dt, a, m, i === 0 && loc.matches.length === 1)),
        data: { nearest: nearest.first },
      };
    }
    case 'missing': {
      const similar = loc.similar !== undefined ? dt.text.slice(loc.similar.start, loc.similar.end) : undefined;
      return {
        code: 'amendment-quote',
        severity: 'error',
        message:
          loc.invisible !== undefined
            ? l10n.t(
                '"{0}" is not in the draft as written: on {1} the same letters stand with an invisible character among them ({2} {3}), which the quote does not have. Remove it from the programme ("programme fix" removes it), then apply.',
                quote,
                whereText(dt, loc.similar!),
                loc.invisible.hex,
                loc.invisible.name,
              )
            : similar !== undefined
            ? l10n.t('"{0}" is not in the draft; "{1}" on {2} is written with other capital letters. Quote the words as they are printed.', quote, shortQuote(similar), whereText(dt, loc.similar!))
            : l10n.t('"{0}" is not in the draft: quote the words as they are printed on {1}, letter for letter.', quote, citedText(a)),
        span: q.span,
      };
    }
  }
}

/** Two amendments whose quoted words overlap in the draft, with where each stands. */
export interface ConflictPair {
  a: LocatedAmendment;
  b: LocatedAmendment;
  am: DraftMatch;
  bm: DraftMatch;
}

/**
 * The pairs of live amendments (not rejected or withdrawn) whose quoted words overlap in the draft,
 * each pair once, the one that starts first as `a`. Linear after a sort but for the pairs themselves:
 * each amendment is compared with those that start before the furthest end seen.
 */
export function conflictPairs(located: LocatedAmendment[]): ConflictPair[] {
  const placed: { l: LocatedAmendment; m: DraftMatch }[] = [];
  for (const l of located) {
    if (!isLive(l.amendment)) continue;
    const m = l.location.kind === 'here' || l.location.kind === 'moved' ? l.location.match : undefined;
    if (m !== undefined) placed.push({ l, m });
  }
  placed.sort((x, y) => x.m.start - y.m.start || x.m.end - y.m.end);
  const out: ConflictPair[] = [];
  const open: { l: LocatedAmendment; m: DraftMatch }[] = [];
  for (const p of placed) {
    for (let i = open.length - 1; i >= 0; i--) if (open[i].m.end <= p.m.start) open.splice(i, 1);
    for (const o of open) out.push({ a: o.l, b: p.l, am: o.m, bm: p.m });
    open.push(p);
  }
  return out;
}

/** Both amendments of each conflicting pair marked, each with the other as related information. */
function conflicts(dt: DraftText, located: LocatedAmendment[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { a, b, am, bm } of conflictPairs(located)) {
    out.push(conflict(dt, a.amendment, b.amendment, am, bm));
    out.push(conflict(dt, b.amendment, a.amendment, bm, am));
  }
  return out;
}

function conflict(dt: DraftText, a: Amendment, other: Amendment, m: DraftMatch, om: DraftMatch): Diagnostic {
  const both = a.status === 'adopted' && other.status === 'adopted';
  const where = whereText(dt, { start: Math.min(m.start, om.start), end: Math.max(m.end, om.end), first: Math.min(m.first, om.first), last: Math.max(m.last, om.last) });
  const related: Related[] = [{ span: other.quoted!.span, message: l10n.t('{0} changes the same words', other.id) }];
  return {
    code: 'amendment-conflict',
    severity: 'warning',
    message: both
      ? l10n.t('{0} and {1} are both adopted, but change the same words on {2}: only one of them can be applied. Merge them into one, or change the status of one.', a.id, other.id, where)
      : l10n.t('{0} and {1} change the same words on {2}: if one is adopted, the other cannot be applied as written. Vote on them as alternatives.', a.id, other.id, where),
    span: a.quoted!.span,
    related,
  };
}
