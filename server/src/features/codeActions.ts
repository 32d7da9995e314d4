/**
 * Code actions: the fixes diagnostics carry, quick fixes for numbering, delimiter, invisible-character and reference diagnostics, and renumbering as source actions.
 *
 * Quick fixes (kind `quickfix`), each tied to the diagnostics it fixes:
 * - Every fix a diagnostic carries (`Diagnostic.fixes`, syntax/span.ts), with its title: the escape
 *   of a line in doubt (`17. mai` → `17\. mai`) on `wrapped-number`, `measure-numbering` and
 *   `measure-outside-pillar`; the near-miss fixes (`# 3. Helse`, a space after `4.`, …); the removal,
 *   join or repair of invisible characters (rules/invisible.ts; for a diagnostic this analysis did not
 *   make, worked out from the text, never removing a visible character); the rest that docs/rules.md lists.
 *   They come after the actions computed here.
 * - `measure-numbering`: "Renumber measures in pillar N", "Renumber the whole document".
 * - `pillar-numbering`: "Renumber pillars", "Renumber the whole document".
 * - `section-numbering`: "Renumber the whole document".
 * - `numbering-style`: `Use "." as delimiter` (the document's style, from `data.style`) for the one
 *   number, and `… everywhere in the document` for every pillar or measure number of the same kind.
 * - `unresolved-reference`: `Change to [[…]]` for each of `data.suggestions` (whole `[[…]]` texts).
 * Renumber edits come from features/renumber.ts (references follow the items they name).
 *
 * Source actions (only when `only` asks for them, or for `source`): the three renumbers, with kinds
 * {@link RENUMBER_KINDS}; the pillar one is for the pillar holding the start of the requested range.
 *
 * The preferred fix (`isPreferred`, what "auto fix" applies): a carried fix marked `preferred` (the
 * escape of a date read as a measure wins over renumbering it); else "Renumber measures in pillar N"
 * (in continuous numbering the whole document); "Renumber pillars" on a pillar number; the
 * one-number delimiter fix; the first suggested reference.
 *
 * The client's diagnostics may have lost their `data`, or be from a slightly older version: each one
 * is matched by code and range to the diagnostics of our own analysis (`check(p, config)`), whose
 * data and fixes are used; an unmatched one is checked against the text before anything is offered
 * (and gets no carried fixes). Actions with the same title and kind are one action that lists every
 * diagnostic it fixes.
 */
import * as l10n from '@vscode/l10n';
import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic, type Range, type TextEdit } from 'vscode-languageserver-types';
import { currentLanguage, type Language } from '../l10n/index';
import type { Config } from '../model/config';
import type { Measure, Pillar, Programme, Reference } from '../model/programme';
import { check } from '../rules/index';
import { invisibleFixesAt } from '../rules/invisible';
import type { Diagnostic, Span } from '../syntax/span';
import { renumberEdits, type RenumberScope } from './renumber';

/** The code action kinds of the renumber source actions (sub-kinds of LSP's `source`). */
export const RENUMBER_KINDS = {
  pillar: 'source.programme.renumber.pillar',
  pillars: 'source.programme.renumber.pillars',
  document: 'source.programme.renumber.document',
} as const;

/** Every code action kind this module can return (for the server's `codeActionKinds`). */
export const CODE_ACTION_KINDS: string[] = [CodeActionKind.QuickFix, RENUMBER_KINDS.pillar, RENUMBER_KINDS.pillars, RENUMBER_KINDS.document];

/** Titles of the renumber actions (messages, made when asked for). */
export const RENUMBER_TITLES = {
  pillar: (pillar: Pillar) => l10n.t('Renumber measures in pillar {0}', pillar.numberText),
  pillars: () => l10n.t('Renumber pillars'),
  document: () => l10n.t('Renumber the whole document'),
} as const;

/** A single reference `[[…]]` on one line: what a suggestion may be. */
const ONE_REFERENCE = /^\[\[[^[\]\r\n]*\]\]$/;

/**
 * The code actions for `range` of document `uri`, given the client's diagnostics for that range
 * (`diagnostics`, LSP shape, from the request's context) and its `only` filter (LSP kinds; a kind
 * matches itself and its sub-kinds; without `only`, source actions are not returned).
 * `config` must be the configuration the document was analysed with (severities and the numbering
 * mode of `p` come from it). Ranges are 0-based lines and UTF-16 characters; positions past the end
 * are clamped, and a diagnostic without a well-formed range is passed over. Pure.
 */
export function codeActions(
  p: Programme,
  uri: string,
  range: Range,
  diagnostics: LspDiagnostic[],
  only: string[] | undefined,
  config: Config,
): CodeAction[] {
  const out = new ActionList(uri);
  const wantQuickFix = kindWanted(CodeActionKind.QuickFix, only);
  if (wantQuickFix && diagnostics.length > 0) {
    const ctx = new FixContext(p, config);
    for (const d of diagnostics) quickFixes(ctx, d, out);
  }
  sourceActions(p, range, only, out);
  return out.actions();
}

/** True when an action of `kind` is wanted under `only` (LSP: prefix match on `.`-separated parts). */
export function kindWanted(kind: string, only: string[] | undefined): boolean {
  if (only === undefined) return !(kind === CodeActionKind.Source || kind.startsWith(`${CodeActionKind.Source}.`));
  return only.some((o) => o === CodeActionKind.Empty || kind === o || kind.startsWith(`${o}.`));
}

/**
 * Our diagnostics by code and range, per programme (code actions are asked for on every cursor move),
 * with the config and the language they were made with (their fixes' titles are messages).
 */
const analysisCache = new WeakMap<Programme, { config: Config; language: Language; byKey: Map<string, Diagnostic> }>();

/** The codes that have quick fixes. */
const FIXABLE = new Set(['measure-numbering', 'pillar-numbering', 'section-numbering', 'numbering-style', 'invisible-character', 'unresolved-reference']);

/** The facts the quick fixes need, computed once per request. */
class FixContext {
  private ours: Map<string, Diagnostic> | undefined;
  private measuresByStart: Map<number, Measure> | undefined;
  private renumbers = new Map<string, TextEdit[]>();

  constructor(
    readonly p: Programme,
    private readonly config: Config,
  ) {}

  /** Our diagnostic with the same code and range as `d`, if any (the analysis runs once per programme, config and language). */
  match(d: LspDiagnostic): Diagnostic | undefined {
    if (this.ours === undefined) {
      const language = currentLanguage();
      const cached = analysisCache.get(this.p);
      if (cached !== undefined && cached.config === this.config && cached.language === language) this.ours = cached.byKey;
      else {
        this.ours = new Map();
        for (const o of check(this.p, this.config)) {
          const key = diagnosticKey(o.code, this.p.lines.rangeOf(o.span));
          if (!this.ours.has(key)) this.ours.set(key, o);
        }
        analysisCache.set(this.p, { config: this.config, language, byKey: this.ours });
      }
    }
    return this.ours.get(diagnosticKey(String(d.code ?? ''), d.range));
  }

  /** The measure whose number (or full id) starts at `offset`. */
  measureAt(offset: number): Measure | undefined {
    if (this.measuresByStart === undefined) {
      this.measuresByStart = new Map();
      for (const m of this.p.measures) {
        this.measuresByStart.set(m.numberSpan.start, m);
        // A full id's diagnostics start at its first part (`1.` of `1.3`).
        this.measuresByStart.set(m.span.start, m);
      }
    }
    return this.measuresByStart.get(offset);
  }

  /** The renumber edits of `scope` (cached per scope). */
  renumber(scope: RenumberScope): TextEdit[] {
    const key = scope.kind === 'pillar' ? `pillar:${this.p.pillars.indexOf(scope.pillar)}` : scope.kind;
    let edits = this.renumbers.get(key);
    if (edits === undefined) this.renumbers.set(key, (edits = renumberEdits(this.p, scope)));
    return edits;
  }

  /** The span of an LSP range in `p`. */
  span(range: Range): Span {
    return { start: this.p.lines.offsetAt(range.start), end: this.p.lines.offsetAt(range.end) };
  }
}

function diagnosticKey(code: string, r: Range): string {
  return `${code}@${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** Collects actions, merging those with the same title and kind (their diagnostics are joined). */
class ActionList {
  private readonly byKey = new Map<string, CodeAction>();

  constructor(private readonly uri: string) {}

  add(title: string, kind: string, edits: TextEdit[], diagnostic: LspDiagnostic | undefined, preferred = false): void {
    if (edits.length === 0) return;
    const key = `${kind}\u0000${title}`;
    const existing = this.byKey.get(key);
    if (existing !== undefined) {
      if (diagnostic !== undefined) (existing.diagnostics ??= []).push(diagnostic);
      if (preferred) existing.isPreferred = true;
      return;
    }
    const action: CodeAction = { title, kind, edit: { changes: { [this.uri]: edits } } };
    if (diagnostic !== undefined) action.diagnostics = [diagnostic];
    if (preferred) action.isPreferred = true;
    this.byKey.set(key, action);
  }

  actions(): CodeAction[] {
    return [...this.byKey.values()];
  }
}

/** The quick fixes for one client diagnostic. */
function quickFixes(ctx: FixContext, d: LspDiagnostic, out: ActionList): void {
  const p = ctx.p;
  const code = String(d?.code ?? '');
  if (!isRange(d.range)) return;
  const ours = ctx.match(d);
  if (FIXABLE.has(code)) computedFixes(ctx, d, code, ours, out);
  // The fixes the diagnostic itself knows (computed with it, on the same text).
  for (const fix of ours?.fixes ?? []) {
    out.add(fix.title, CodeActionKind.QuickFix, fix.changes.map((c) => ({ range: p.lines.rangeOf(c.span), newText: c.newText })), d, fix.preferred === true);
  }
}

/** The quick fixes computed here for a diagnostic of one of the {@link FIXABLE} codes (renumbering and the like). */
function computedFixes(ctx: FixContext, d: LspDiagnostic, code: string, ours: Diagnostic | undefined, out: ActionList): void {
  const p = ctx.p;
  const data = (ours?.data ?? (isRecord(d.data) ? d.data : undefined)) as Record<string, unknown> | undefined;
  const span = ours?.span ?? ctx.span(d.range);
  const quickfix = CodeActionKind.QuickFix;
  switch (code) {
    case 'measure-numbering': {
      const m = ctx.measureAt(span.start);
      if (m === undefined) return;
      // The escape of a line in doubt comes with the diagnostic (its `fixes`); preferred for a date.
      const escapeFirst = ours?.fixes?.some((f) => f.preferred === true) === true;
      const continuous = p.mode === 'continuous';
      if (m.pillar !== undefined) {
        out.add(RENUMBER_TITLES.pillar(m.pillar), quickfix, ctx.renumber({ kind: 'pillar', pillar: m.pillar }), d, !escapeFirst && !continuous);
      }
      out.add(RENUMBER_TITLES.document(), quickfix, ctx.renumber({ kind: 'document' }), d, !escapeFirst && (continuous || m.pillar === undefined));
      return;
    }
    case 'pillar-numbering':
      if (!p.pillars.some((x) => x.numberSpan.start === span.start)) return;
      out.add(RENUMBER_TITLES.pillars(), quickfix, ctx.renumber({ kind: 'pillars' }), d, true);
      out.add(RENUMBER_TITLES.document(), quickfix, ctx.renumber({ kind: 'document' }), d);
      return;
    case 'section-numbering':
      if (!p.subsections.some((s) => s.numberSpan?.start === span.start)) return;
      out.add(RENUMBER_TITLES.document(), quickfix, ctx.renumber({ kind: 'document' }), d, true);
      return;
    case 'numbering-style':
      styleFixes(ctx, d, span, data, out);
      return;
    case 'invisible-character':
      // Our own diagnostic carries its fixes; one we did not make gets them from the text alone.
      if (ours === undefined) for (const fix of invisibleFixesAt(p.text, span)) out.add(fix.title, quickfix, fix.changes.map((c) => ({ range: p.lines.rangeOf(c.span), newText: c.newText })), d, fix.preferred === true);
      return;
    case 'unresolved-reference': {
      const ref = referenceAt(p, span.start);
      const suggestions = data?.suggestions;
      if (ref === undefined || !Array.isArray(suggestions)) return;
      const current = p.text.slice(ref.span.start, ref.span.end);
      let first = true;
      for (const s of suggestions) {
        if (typeof s !== 'string' || !ONE_REFERENCE.test(s) || s === current) continue;
        out.add(l10n.t('Change to {0}', s), quickfix, [{ range: p.lines.rangeOf(ref.span), newText: s }], d, first);
        first = false;
      }
      return;
    }
    default:
      return;
  }
}

/** `Use "." as delimiter` for one number and for every number of the same kind that differs. */
function styleFixes(ctx: FixContext, d: LspDiagnostic, span: Span, data: Record<string, unknown> | undefined, out: ActionList): void {
  const p = ctx.p;
  const style = data?.style;
  if (style !== '.' && style !== ')') return;
  const current = p.text.slice(span.start, span.end);
  if (span.end - span.start !== 1 || (current !== '.' && current !== ')') || current === style) return;
  // Which kind of number the delimiter ends: a pillar's or a measure's.
  const delimiters: Span[] = [];
  if (p.pillars.some((x) => x.delimiterSpan?.start === span.start)) {
    for (const x of p.pillars) if (x.delimiterSpan !== undefined && x.delimiter !== '' && x.delimiter !== style) delimiters.push(x.delimiterSpan);
  } else if (p.measures.some((m) => m.delimiterSpan.start === span.start)) {
    for (const m of p.measures) if (m.delimiter !== style) delimiters.push(m.delimiterSpan);
  } else return;
  const edit = (s: Span): TextEdit => ({ range: p.lines.rangeOf(s), newText: style });
  out.add(l10n.t('Use "{0}" as delimiter', style), CodeActionKind.QuickFix, [edit(span)], d, true);
  if (delimiters.length > 1) out.add(l10n.t('Use "{0}" as delimiter everywhere in the document', style), CodeActionKind.QuickFix, delimiters.map(edit), d);
}

/** The renumber source actions, when `only` asks for them. */
function sourceActions(p: Programme, range: Range, only: string[] | undefined, out: ActionList): void {
  if (kindWanted(RENUMBER_KINDS.pillar, only)) {
    const offset = p.lines.offsetAt(range.start);
    let pillar: Pillar | undefined;
    for (const x of p.pillars) if (x.span.start <= offset && offset <= x.span.end) pillar = x;
    if (pillar !== undefined) out.add(RENUMBER_TITLES.pillar(pillar), RENUMBER_KINDS.pillar, renumberEdits(p, { kind: 'pillar', pillar }), undefined);
  }
  if (kindWanted(RENUMBER_KINDS.pillars, only)) out.add(RENUMBER_TITLES.pillars(), RENUMBER_KINDS.pillars, renumberEdits(p, { kind: 'pillars' }), undefined);
  if (kindWanted(RENUMBER_KINDS.document, only)) out.add(RENUMBER_TITLES.document(), RENUMBER_KINDS.document, renumberEdits(p, { kind: 'document' }), undefined);
}

/** The reference whose `[[…]]` holds `offset`. */
function referenceAt(p: Programme, offset: number): Reference | undefined {
  return p.references.find((r) => r.span.start <= offset && offset < r.span.end);
}

/** True for a well-formed LSP range (a bad client may send anything). */
function isRange(r: unknown): r is Range {
  const isPosition = (x: unknown) => isRecord(x) && Number.isInteger(x.line) && Number.isInteger(x.character);
  return isRecord(r) && isPosition(r.start) && isPosition(r.end);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
