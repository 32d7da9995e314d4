/**
 * The analysis: every rule family over one programme model, with the configured severities.
 * One analysis, two front ends: the CLI and the language server both call {@link analyse}.
 *
 * A rule family that throws is reported as one `internal-error` diagnostic naming the family (a fault
 * of ours, not of the user's text), and the other families still run and keep their findings.
 */
import * as l10n from '@vscode/l10n';
import { INTERNAL_ERROR, type Diagnostic } from '../syntax/span';
import type { Config } from '../model/config';
import type { Programme } from '../model/programme';
import { Resident } from '../syntax/resident';
import { analyseText, residentSampleProgramme } from '../model/reading';
import { RULES, type RuleCode } from './codes';
import { checkNumbering } from './numbering';
import { checkDuplicates, checkSimilarMeasures } from './duplicates';
import { checkInvisible } from './invisible';
import { checkReferences } from './references';
import { checkFrontMatter } from './frontMatter';

/** A rule family: a pure function of the model (and config) to diagnostics. */
export type RuleFamily = (p: Programme, config: Config) => Diagnostic[];

/** The rule families, in the order their diagnostics are produced. */
export const RULE_FAMILIES: Record<string, RuleFamily> = {
  numbering: (p) => checkNumbering(p),
  duplicates: (p) => checkDuplicates(p),
  similarity: (p, config) => checkSimilarMeasures(p, config),
  invisible: (p) => checkInvisible(p),
  references: (p) => checkReferences(p),
  frontMatter: (p) => checkFrontMatter(p),
};

/**
 * Runs every rule family on `p`; applies `config.rules`; sorts by position. Never throws: a family that
 * throws gives one `internal-error` diagnostic at offset 0 naming it, and the findings of the others.
 */
export function check(p: Programme, config: Config = {}): Diagnostic[] {
  residentDiagnostics.use();
  const steps = checkSteps(p, config);
  for (let step = steps.next(); ; step = steps.next()) if (step.done === true) return step.value;
}

/**
 * The diagnostics of the model's resident sample (model/reading.ts `residentSampleProgramme`), checked
 * at the second check and kept for the life of the process, so that the rules' objects' hidden classes
 * outlive every full garbage collection (syntax/resident.ts).
 */
const residentDiagnostics = new Resident<Diagnostic[]>(() => check(residentSampleProgramme()));

/** The resident sample's diagnostics (see {@link residentDiagnostics}), checked now if they are not yet. */
export function residentSampleDiagnostics(): Diagnostic[] {
  return residentDiagnostics.get();
}

/**
 * {@link check} as steps: the generator yields after each rule family and returns the diagnostics.
 * The language server runs the steps with pauses between them, so that requests are answered while it
 * checks, and stops early when a newer version makes the result useless (lsp/documentService.ts).
 */
export function* checkSteps(p: Programme, config: Config = {}): Generator<void, Diagnostic[], void> {
  const all: Diagnostic[] = [...p.syntaxDiagnostics];
  for (const [name, family] of Object.entries(RULE_FAMILIES)) {
    collectFindings(all, name, () => family(p, config));
    yield;
  }
  return withLevels(all, config);
}

/**
 * Adds the findings of one rule family (`find`) to `all`; a family that throws adds one
 * `internal-error` diagnostic at offset 0 naming it instead, so that the others still run.
 */
export function collectFindings(all: Diagnostic[], name: string, find: () => Iterable<Diagnostic>): void {
  try {
    // A loop, not push(...): a family may find hundreds of thousands of things (issue 17).
    for (const d of find()) all.push(d);
  } catch (error) {
    all.push({
      code: INTERNAL_ERROR,
      severity: 'error',
      // The family's name and the exception's text are the developers' words, quoted as they are.
      message: l10n.t('Internal error in the {0} rules (please report it); other rules still ran: {1}', name, error instanceof Error ? error.message : String(error)),
      span: { start: 0, end: 0 },
    });
  }
}

/**
 * `all` with `config.rules` applied (a code set to `off` dropped, another level given to the code's
 * diagnostics; `internal-error` is no rule and always kept), sorted by position.
 */
export function withLevels(all: Diagnostic[], config: Config): Diagnostic[] {
  const levels = config.rules ?? {};
  const out: Diagnostic[] = [];
  for (const d of all) {
    // A fault of ours is no rule: no configuration hides it.
    if (d.code === INTERNAL_ERROR) {
      out.push(d);
      continue;
    }
    const level = levels[d.code] ?? (RULES[d.code as RuleCode]?.severity);
    if (level === 'off') continue;
    // A copy, never a change: diagnostics are shared with the analysis of the version before (the
    // stretches the parse takes over), which another configuration may have made.
    if (level !== undefined && levels[d.code] !== undefined && d.severity !== level) out.push({ ...d, severity: level });
    else out.push(d);
  }
  out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return out;
}

/** The result of analysing one document. */
export interface Analysis {
  programme: Programme;
  diagnostics: Diagnostic[];
}

/**
 * Parses, models and checks `text` with `config`. Never throws. `previous`, the analysis of the same
 * document before an edit, lets the parse skip what the edit did not touch (see `ModelOptions.previous`);
 * `options.once` says that no version will follow (`ModelOptions.once`: nothing is kept for one). The
 * result is the same with or without them.
 */
export function analyse(text: string, config: Config = {}, previous?: Analysis, options: { once?: boolean } = {}): Analysis {
  const programme = analyseText(text, { measureNumbering: config.measureNumbering, previous: previous?.programme, once: options.once });
  return { programme, diagnostics: check(programme, config) };
}

/**
 * {@link analyse} as steps: the generator yields after the document is read (parse and model; it yields
 * the programme read, which the rules do not change) and after each rule family (nothing), and returns
 * the same analysis as `analyse(text, config, previous)`.
 */
export function* analysisSteps(text: string, config: Config = {}, previous?: Analysis): Generator<Programme | void, Analysis, void> {
  const programme = analyseText(text, { measureNumbering: config.measureNumbering, previous: previous?.programme });
  yield programme;
  const diagnostics = yield* checkSteps(programme, config);
  return { programme, diagnostics };
}
