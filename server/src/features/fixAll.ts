/**
 * `programme fix`: every automatic fix of a document applied at once, round after round, and, when
 * asked, the whole document renumbered — without losing a word of the writer.
 *
 * Which fixes: those the diagnostics carry with `automatic: true` (syntax/span.ts `Fix`; docs/rules.md
 * lists them), of the diagnostics the configuration reports (a code turned `off` is not fixed). In one
 * round the fixes are taken in document order, and a fix whose changes touch or overlap a change
 * already taken waits for the next round (the text is analysed again between rounds, so each round
 * works on what the previous one left). Rounds stop when nothing applies, or after {@link MAX_ROUNDS}.
 *
 * The words guard: outside the front matter, a fix may not change the letters of the text, except the
 * word it names in `Fix.drops` (the chapter word in `# Kapittel 3: Helse`). A fix that would is
 * refused and counted, never applied (the property tests prove the fixes keep the words; the guard
 * keeps that true on text nobody has tried).
 */
import type { Config } from '../model/config';
import { analyse, type Analysis } from '../rules/index';
import type { Diagnostic, Fix, Span, TextChange } from '../syntax/span';
import { leftAlone, renumberTextChanges, type LeftAlone } from './renumber';

/** How many rounds of fixes at most (each round is one analysis). */
export const MAX_ROUNDS = 8;

/** One fix as applied: its diagnostic's code, its title, and where (0-based line of the text it was applied to). */
export interface AppliedFix {
  code: string;
  title: string;
  line: number;
  round: number;
}

/** What {@link fixAll} did. */
export interface FixResult {
  /** The text with the fixes (and the renumbering) applied; the input itself when nothing changed. */
  text: string;
  applied: AppliedFix[];
  /** Automatic fixes the words guard refused (see the module comment). */
  refused: AppliedFix[];
  /** How many numbers and references the renumbering changed (0 without `renumber`). */
  renumbered: number;
  /** The measures the renumbering left alone, and why (features/renumber.ts `leftAlone`). */
  leftAlone: LeftAlone[];
  /** The analysis of the final text: what is left. */
  analysis: Analysis;
}

/** Options of {@link fixAll}. */
export interface FixOptions {
  /** Also renumber the whole document, as "Renumber the whole document" does (references following). */
  renumber?: boolean;
}

/**
 * Applies every automatic fix to `text` (analysed with `config`), round after round, then renumbers
 * when `options.renumber` is set, then fixes again what the renumbering left. Pure; never throws on
 * any text (the analysis never does).
 */
export function fixAll(text: string, config: Config, options: FixOptions = {}): FixResult {
  const applied: AppliedFix[] = [];
  const refused: AppliedFix[] = [];
  let analysis = analyse(text, config);
  let current = text;
  let round = 0;
  const fixRounds = () => {
    for (let r = 0; r < MAX_ROUNDS; r++) {
      const next = applyRound(analysis, ++round, applied, refused);
      if (next === current) break;
      current = next;
      analysis = analyse(current, config);
    }
  };
  fixRounds();
  let renumbered = 0;
  let left: LeftAlone[] = [];
  if (options.renumber === true) {
    const p = analysis.programme;
    left = leftAlone(p, { kind: 'document' });
    const changes = renumberTextChanges(p, { kind: 'document' });
    if (changes.length > 0) {
      renumbered = changes.length;
      current = applyChanges(current, changes);
      analysis = analyse(current, config);
      fixRounds();
    }
  }
  return { text: current, applied, refused, renumbered, leftAlone: left, analysis };
}

/** One round: the automatic fixes of `analysis` that do not touch one another, applied to its text. */
function applyRound(analysis: Analysis, round: number, applied: AppliedFix[], refused: AppliedFix[]): string {
  const p = analysis.programme;
  const text = p.text;
  const fm = p.frontMatter?.span;
  const candidates: { fix: Fix; d: Diagnostic; start: number }[] = [];
  for (const d of analysis.diagnostics) {
    const fix = d.fixes?.find((f) => f.automatic === true);
    if (fix === undefined || fix.changes.length === 0) continue;
    candidates.push({ fix, d, start: fix.changes.reduce((min, c) => Math.min(min, c.span.start), Infinity) });
  }
  candidates.sort((a, b) => a.start - b.start);
  const taken: TextChange[] = [];
  for (const { fix, d } of candidates) {
    const entry = { code: d.code, title: fix.title, line: p.lines.lineAt(d.span.start), round };
    if (!fix.changes.every((c) => c.span.start >= 0 && c.span.start <= c.span.end && c.span.end <= text.length)) continue;
    if (fix.changes.some((c) => taken.some((t) => touches(c.span, t.span)))) continue;
    if (!keepsWords(text, fix, fm)) {
      refused.push(entry);
      continue;
    }
    for (const c of fix.changes) taken.push(c);
    applied.push(entry);
  }
  return applyChanges(text, taken);
}

/** True when two changes overlap or meet (two insertions at one place would have no order). */
function touches(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** The letters of `s` (the words without digits, signs and spaces), for the words guard. */
function letters(s: string): string {
  return s.replace(/[^\p{L}\p{M}]+/gu, '').normalize('NFC');
}

/** The words guard (see the module comment): true when `fix` keeps the letters outside the front matter. */
export function keepsWords(text: string, fix: Fix, frontMatter: Span | undefined): boolean {
  let before = '';
  let after = '';
  for (const c of fix.changes) {
    if (frontMatter !== undefined && c.span.end <= frontMatter.end) continue;
    before += text.slice(c.span.start, c.span.end);
    after += c.newText;
  }
  const dropped = letters(fix.drops ?? '');
  const kept = letters(before);
  const at = dropped === '' ? -1 : kept.indexOf(dropped);
  return (at < 0 ? kept : kept.slice(0, at) + kept.slice(at + dropped.length)) === letters(after);
}

/** Applies sorted-or-not, non-overlapping changes to `text`. */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  if (changes.length === 0) return text;
  const sorted = [...changes].sort((a, b) => a.span.start - b.span.start);
  let out = '';
  let at = 0;
  for (const c of sorted) {
    out += text.slice(at, c.span.start) + c.newText;
    at = c.span.end;
  }
  return out + text.slice(at);
}
