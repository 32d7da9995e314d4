/**
 * The voting list (docs/amendments.md, "The voting list"): every amendment in the order of the draft's
 * lines, each with the printed text of its lines as it is and as the amendment would make it, side by
 * side, the words that change marked; its proposer, status, reason, and the amendments it conflicts
 * with. As HTML (a page to print or show), Markdown, or JSON for other tools.
 *
 * The changed words: the text before and after the quoted words is the same on both sides; between
 * them, the quoted words and the new ones are compared word by word (jsdiff's `diffArrays`), so that
 * "flere grønne arbeidsplasser" → "flere grønne industriarbeidsplasser" marks one word, not three.
 * A deletion takes the space before the words with them, as `programme amend apply` does.
 *
 * The fixed words of the list are in the amendment file's language (its `lang`, else the programme's,
 * else English); the keywords (Forslagsstiller, Begrunnelse) and statuses are the format's own words
 * in that language (amendments/keywords.ts). Pure.
 */
import * as l10n from '@vscode/l10n';
import { diffArrays } from 'diff';
import { inLanguage, languageOfTag, type Language } from '../l10n/index';
import { escapeHtml } from '../export/html';
import { escapeMarkdown } from '../export/markdown';
import type { PrintedDraft } from './lines';
import { draftText, textOfLines, type DraftMatch, type DraftText } from './locate';
import { blockingFindings, conflictPairs, locateAll, type LocatedAmendment } from './check';
import { FIELD_WORDS, STATUS_WORDS, wordFor, type AmendmentStatus, type ChangeKind } from './keywords';
import type { AmendmentsFile } from './model';

/** A run of the compared text: on both sides, only in the draft, or only in the amended text. */
export interface DiffRun {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/** One amendment of the voting list. */
export interface VotingEntry {
  id: string;
  proposer?: string;
  /** `unknown` when the file's `Status:` names no status the format knows (`statusWritten` says what it names). */
  status: AmendmentStatus | 'unknown';
  /** The status as written, when it is `unknown`. */
  statusWritten?: string;
  change?: ChangeKind;
  /** The printed lines shown (where the quote stands when it was found, else the cited ones), and their pillar when lines restart per pillar. */
  lines?: { first: number; last: number; pillar?: string };
  quoted?: string;
  replacement?: string;
  reason?: string;
  /** The printed text of `lines` (a line break between blocks). */
  original?: string;
  /** `original` with the amendment made; absent when the amendment cannot be applied as written (`problem` says why). */
  proposed?: string;
  /** `original` → `proposed`, run by run; empty without `proposed`. */
  diff: DiffRun[];
  /** The ids of the amendments that change the same words. */
  conflicts: string[];
  /** Why `proposed` is missing: the finding of `programme check` that stops `programme amend apply` from applying it (a sentence for people, in the list's language). */
  problem?: string;
}

/** The voting list. */
export interface VotingList {
  language: Language;
  /** The programme's title, when it has one. */
  title?: string;
  /** The draft's fingerprint and width. */
  draft: string;
  width: number;
  entries: VotingEntry[];
}

import type { ListFormat } from './names';
export { LIST_FORMATS, type ListFormat } from './names';

/**
 * The voting list of `file` against `draft`. `language` is the list's language when the amendment
 * file's `lang` does not say it (the programme's). Pure.
 */
export function votingList(file: AmendmentsFile, draft: PrintedDraft, options: { title?: string; language?: Language } = {}): VotingList {
  const language = languageOfTag(file.frontMatter?.lang?.value) ?? options.language ?? 'en';
  return inLanguage(language, () => {
    const dt = draftText(draft);
    const located = locateAll(file, dt);
    const blocking = blockingFindings(file, dt, located);
    const conflicts = new Map<string, string[]>();
    for (const { a, b } of conflictPairs(located)) {
      conflicts.set(a.amendment.id, [...(conflicts.get(a.amendment.id) ?? []), b.amendment.id]);
      conflicts.set(b.amendment.id, [...(conflicts.get(b.amendment.id) ?? []), a.amendment.id]);
    }
    const keyed = located.map((l, index) => ({ entry: entryOf(dt, l, conflicts.get(l.amendment.id) ?? [], blocking.get(l.amendment)?.message), key: orderKey(l), index }));
    keyed.sort((x, y) => x.key - y.key || x.index - y.index);
    return { language, ...(options.title !== undefined ? { title: options.title } : {}), draft: draft.fingerprint, width: draft.width, entries: keyed.map((k) => k.entry) };
  });
}

/** The line order of an amendment: the first line its quote stands on, else its first cited line, else after all (ties: the file's order). */
function orderKey(l: LocatedAmendment): number {
  const loc = l.location;
  if (loc.kind === 'here' || loc.kind === 'moved') return loc.match.first;
  return cited(l)?.first ?? Number.MAX_SAFE_INTEGER;
}

function entryOf(dt: DraftText, l: LocatedAmendment, conflicts: string[], blocked: string | undefined): VotingEntry {
  const a = l.amendment;
  const loc = l.location;
  // The cited lines (they hold the quote when it is here); where the quote moved to in a changed draft.
  const shown = loc.kind === 'moved' ? { first: loc.match.first, last: loc.match.last } : cited(l);
  const lines = dt.draft.lines;
  const original = shown !== undefined ? textOfLines(dt, shown.first, shown.last) : undefined;
  const comparable = blocked === undefined && (loc.kind === 'here' || loc.kind === 'moved') && original !== undefined && a.change !== undefined && (a.change.value === 'delete' || a.replacement !== undefined);
  const diff = comparable ? compare(original, loc.match, dt.starts[shown!.first], a.change!.value, a.replacement?.value ?? '') : [];
  // In the order a reader of the JSON wants them.
  return {
    id: a.id,
    ...(shown !== undefined ? { lines: { first: lines[shown.first].number, last: lines[shown.last].number, ...(lines[shown.first].pillar !== undefined ? { pillar: lines[shown.first].pillar } : {}) } } : {}),
    ...(a.proposer !== undefined ? { proposer: a.proposer.value } : {}),
    status: a.status,
    ...(a.statusWritten !== undefined ? { statusWritten: a.statusWritten } : {}),
    ...(a.change !== undefined ? { change: a.change.value } : {}),
    ...(a.quoted !== undefined ? { quoted: a.quoted.value } : {}),
    ...(a.replacement !== undefined ? { replacement: a.replacement.value } : {}),
    ...(original !== undefined ? { original } : {}),
    ...(comparable ? { proposed: diff.filter((r) => r.kind !== 'removed').map((r) => r.text).join('') } : {}),
    diff,
    conflicts,
    ...(comparable ? {} : { problem: blocked ?? problemOf(l) }),
    ...(a.reason !== undefined ? { reason: a.reason.value } : {}),
  };
}

/** The cited lines (indices), when they are lines of the draft. */
function cited(l: LocatedAmendment): { first: number; last: number } | undefined {
  return l.cited?.kind === 'lines' ? { first: l.cited.first, last: l.cited.last } : undefined;
}

function problemOf(l: LocatedAmendment): string {
  switch (l.location.kind) {
    case 'elsewhere':
      return l.cited?.kind === 'lines' ? l10n.t('The quoted words are not on these lines.') : l10n.t('The cited lines are not in the draft.');
    case 'ambiguous':
      return l10n.t('The quoted words stand more than once on these lines.');
    case 'missing':
      return l10n.t('The quoted words are not in the draft.');
    default:
      return l10n.t('The amendment cannot be read whole.');
  }
}

/** The runs of `original` (which starts at `offset` of the draft text) → the amended text. */
function compare(original: string, m: DraftMatch, offset: number, change: ChangeKind, replacement: string): DiffRun[] {
  let start = m.start - offset;
  const end = m.end - offset;
  const runs: DiffRun[] = [];
  const push = (kind: DiffRun['kind'], text: string) => {
    if (text === '') return;
    const last = runs[runs.length - 1];
    if (last !== undefined && last.kind === kind) last.text += text;
    else runs.push({ kind, text });
  };
  if (change === 'insertAfter') {
    const glue = replacement === '' || ',.;:!?)]}»”’…'.includes(replacement[0]) || original[end - 1] === ' ' ? '' : ' ';
    push('same', original.slice(0, end));
    push('added', glue + replacement);
    push('same', original.slice(end));
    return runs;
  }
  if (change === 'delete' || replacement === '') {
    // The space before the words goes with them (or the one after, at the start of a line).
    let e = end;
    if (start > 0 && original[start - 1] === ' ') start--;
    else if (original[e] === ' ') e++;
    push('same', original.slice(0, start));
    push('removed', original.slice(start, e));
    push('same', original.slice(e));
    return runs;
  }
  push('same', original.slice(0, start));
  for (const run of wordDiff(original.slice(start, end), replacement)) push(run.kind, run.text);
  push('same', original.slice(end));
  return runs;
}

/**
 * `before` → `after` (single-spaced texts) word by word (jsdiff's `diffArrays` over the words): the
 * runs of words on both sides, only before, only after, with each space on the side or sides that
 * have a word on both sides of it, so that the `same` and `removed` runs give `before` back and the
 * `same` and `added` runs give `after`.
 */
export function wordDiff(before: string, after: string): DiffRun[] {
  const runs: DiffRun[] = [];
  const push = (kind: DiffRun['kind'], text: string) => {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.kind === kind) last.text += text;
    else runs.push({ kind, text });
  };
  const words = (s: string) => (s === '' ? [] : s.split(' '));
  let hasBefore = false;
  let hasAfter = false;
  for (const part of diffArrays(words(before), words(after))) {
    const kind: DiffRun['kind'] = part.added ? 'added' : part.removed ? 'removed' : 'same';
    for (const word of part.value) {
      if (kind === 'same') {
        if (hasBefore && hasAfter) push('same', ' ');
        else if (hasBefore) push('removed', ' ');
        else if (hasAfter) push('added', ' ');
        hasBefore = hasAfter = true;
      } else if (kind === 'removed') {
        if (hasBefore) push('removed', ' ');
        hasBefore = true;
      } else {
        if (hasAfter) push('added', ' ');
        hasAfter = true;
      }
      push(kind, word);
    }
  }
  return runs;
}

// ---------------------------------------------------------------------------------------------------
// Writers

/** The voting list as `format`. */
export function renderVotingList(list: VotingList, format: ListFormat): string {
  return inLanguage(list.language, () => (format === 'json' ? `${JSON.stringify(list, null, 2)}\n` : format === 'md' ? markdown(list) : html(list)));
}

/** "line 12", "lines 12–14", with the pillar when lines restart per pillar. */
function linesText(lines: VotingEntry['lines']): string {
  if (lines === undefined) return '';
  const numbers = lines.first === lines.last ? l10n.t('line {0}', lines.first) : l10n.t('lines {0}–{1}', lines.first, lines.last);
  return lines.pillar !== undefined ? l10n.t('pillar {0}, {1}', lines.pillar, numbers) : numbers;
}

function capital(s: string): string {
  return s.length > 0 ? s[0].toUpperCase() + s.slice(1) : s;
}

/** The quotation marks of a language. */
function quoted(language: Language, text: string): string {
  return language === 'de' ? `„${text}“` : language === 'en' ? `“${text}”` : `«${text}»`;
}

/** The fixed words of a list in its language. */
function words(list: VotingList) {
  const lang = list.language;
  return {
    title: list.title !== undefined ? l10n.t('Voting list: {0}', list.title) : l10n.t('Voting list'),
    intro:
      list.entries.length === 1
        ? l10n.t('Draft {0}, printed {1} characters wide. 1 amendment, in the order of the lines.', list.draft, list.width)
        : l10n.t('Draft {0}, printed {1} characters wide. {2} amendments, in the order of the lines.', list.draft, list.width, list.entries.length),
    proposer: capital(wordFor(FIELD_WORDS, 'proposer', lang)),
    reason: capital(wordFor(FIELD_WORDS, 'reason', lang)),
    status: capital(wordFor(FIELD_WORDS, 'status', lang)),
    original: l10n.t('Draft text'),
    proposed: l10n.t('Amended text'),
    statusOf: (e: VotingEntry) => (e.status === 'unknown' ? l10n.t('{0} (not understood: not one of the statuses)', e.statusWritten ?? '') : wordFor(STATUS_WORDS, e.status, lang)),
    conflicts: (ids: string[]) => l10n.t('Changes the same words as {0}: vote on them as alternatives.', ids.join(', ')),
    change: (e: VotingEntry) => (e.replacement !== undefined ? `${quoted(lang, e.quoted ?? '')} → ${quoted(lang, e.replacement)}` : quoted(lang, e.quoted ?? '')),
  };
}

/** `text` between `open` and `close`, with its leading and trailing spaces outside them (marks hug the words); spaces alone stay as they are. */
function hug(text: string, open: string, close: string): string {
  const core = text.trim();
  if (core === '') return text;
  const lead = text.length - text.trimStart().length;
  const trail = text.length - text.trimEnd().length;
  return `${text.slice(0, lead)}${open}${core}${close}${text.slice(text.length - trail)}`;
}

function markdown(list: VotingList): string {
  const w = words(list);
  const out: string[] = [`# ${escapeMarkdown(w.title)}`, '', escapeMarkdown(w.intro), ''];
  const cell = (runs: DiffRun[], side: 'removed' | 'added') =>
    runs
      .filter((r) => r.kind === 'same' || r.kind === side)
      .map((r) => {
        const text = r.text.split('\n').map((t) => escapeMarkdown(t)).join('<br>');
        if (r.kind === 'same') return text;
        const mark = side === 'removed' ? '~~' : '**';
        return hug(text, mark, mark);
      })
      .join('');
  for (const e of list.entries) {
    out.push(`## ${escapeMarkdown(e.id)}${e.lines !== undefined ? ` (${escapeMarkdown(linesText(e.lines))})` : ''}`, '');
    const facts: string[] = [];
    if (e.proposer !== undefined) facts.push(`${w.proposer}: ${escapeMarkdown(e.proposer)}`);
    facts.push(`${w.status}: ${escapeMarkdown(w.statusOf(e))}`);
    out.push(facts.join('  \n'), '');
    if (e.proposed !== undefined) {
      out.push(`| ${escapeMarkdown(w.original)} | ${escapeMarkdown(w.proposed)} |`, '|---|---|', `| ${cell(e.diff, 'removed')} | ${cell(e.diff, 'added')} |`, '');
    } else {
      out.push(`${escapeMarkdown(e.problem ?? '')} ${escapeMarkdown(w.change(e))}`, '');
    }
    if (e.conflicts.length > 0) out.push(`**${escapeMarkdown(w.conflicts(e.conflicts))}**`, '');
    if (e.reason !== undefined) out.push(`${w.reason}: ${e.reason.split('\n\n').map((p) => escapeMarkdown(p)).join('\n\n')}`, '');
  }
  return out.join('\n');
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}
section{border-top:1px solid #999;padding-top:.5rem;margin-top:1.5rem;break-inside:avoid}
h2{font-size:1.15rem;margin:.3rem 0}
.facts{margin:.2rem 0;color:#333}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border:1px solid #bbb;padding:.4rem;vertical-align:top;text-align:left;white-space:pre-wrap}
del{background:#fdd;text-decoration:line-through}
ins{background:#dfd;text-decoration:none;font-weight:600}
.withdrawn,.rejected{color:#666}
.conflict{font-weight:600}
.problem{color:#a00}`;

function html(list: VotingList): string {
  const w = words(list);
  const cell = (runs: DiffRun[], side: 'removed' | 'added') =>
    runs
      .filter((r) => r.kind === 'same' || r.kind === side)
      .map((r) => (r.kind === 'same' ? escapeHtml(r.text) : side === 'removed' ? hug(escapeHtml(r.text), '<del>', '</del>') : hug(escapeHtml(r.text), '<ins>', '</ins>')))
      .join('');
  const out: string[] = [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(list.language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(w.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(w.title)}</h1>`,
    `<p>${escapeHtml(w.intro)}</p>`,
  ];
  for (const e of list.entries) {
    out.push(`<section id="${escapeHtml(e.id)}" class="${e.status}">`);
    out.push(`<h2>${escapeHtml(e.id)}${e.lines !== undefined ? ` <small>${escapeHtml(linesText(e.lines))}</small>` : ''}</h2>`);
    const facts = [...(e.proposer !== undefined ? [`${escapeHtml(w.proposer)}: ${escapeHtml(e.proposer)}`] : []), `${escapeHtml(w.status)}: ${escapeHtml(w.statusOf(e))}`];
    out.push(`<p class="facts">${facts.join('<br>')}</p>`);
    if (e.proposed !== undefined) {
      out.push(`<table><thead><tr><th>${escapeHtml(w.original)}</th><th>${escapeHtml(w.proposed)}</th></tr></thead>`);
      out.push(`<tbody><tr><td>${cell(e.diff, 'removed')}</td><td>${cell(e.diff, 'added')}</td></tr></tbody></table>`);
    } else {
      out.push(`<p class="problem">${escapeHtml(e.problem ?? '')} ${escapeHtml(w.change(e))}</p>`);
    }
    if (e.conflicts.length > 0) out.push(`<p class="conflict">${escapeHtml(w.conflicts(e.conflicts))}</p>`);
    if (e.reason !== undefined) out.push(`<p class="reason">${escapeHtml(w.reason)}: ${e.reason.split('\n\n').map((p) => escapeHtml(p)).join('</p><p class="reason">')}</p>`);
    out.push('</section>');
  }
  out.push('</body>', '</html>', '');
  return out.join('\n');
}
