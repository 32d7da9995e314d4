/**
 * Reference rules (docs/rules.md): `unresolved-reference`, a `[[…]]` that names no pillar,
 * measure or label, or is not of a known form; and `unused-label`, a `{#label}` that no `[[#label]]`
 * names. Resolution is model/resolve.ts's (first declaration wins); this module explains a failure
 * and suggests the nearest existing target.
 *
 * `unresolved-reference` carries `data.suggestions: string[]`, full replacement texts for the quick fix
 * (`["[[#arbeid]]"]`), best first (at most three); the message names the best one. Suggestions come
 * from, in this order: the same name as a label (`[[arbeid]]` → `[[#arbeid]]`), a label or pillar by
 * its heading's title, an id written another way (`[[1,3]]`, `[[1.3a]]`, `[[#1.3]]` → `[[1.3]]`),
 * the alternatives of a measure (`[[2.9]]` → `[[2.9A]]`), a measure numbered within a sub-section
 * when the configured numbering says otherwise, and labels within a small edit distance
 * (`[[#arbied]]` → `[[#arbeid]]`). A measure number that is simply past the end of its pillar
 * (`[[1.9]]` when pillar 1 has 8 measures) gets no suggestion: nothing says which measure was meant.
 * The message then says what there is, as it is: sorted by number whatever the order in the document,
 * in runs, naming a number that is missing ("pillar 1 has measures 1.1–1.8; 1.3 is missing", "the
 * pillars are 1–3 and 5").
 */
import * as l10n from '@vscode/l10n';
import type { Diagnostic, Related, Span } from '../syntax/span';
import { truncate } from '../syntax/tree';
import { isValidLabelName } from '../syntax/tree';
import { labelKey, programmeMemos, type Label, type Measure, type NumberingMode, type Pillar, type Programme, type Reference, type Section, type Subsection } from '../model/programme';
import { currentLanguage, listOf } from '../l10n/index';
import { programmeIndex, referencesToLabel, type ProgrammeIndex } from '../model/resolve';
import { editDistance, typoAllowance } from '../model/nearest';
import { memoized } from '../syntax/memo';

/** An id or number as a message shows it (ids can be as long as a writer's slip makes them). */
function short(text: string): string {
  return truncate(text, 24);
}

/** At most this many suggestions are offered for one reference. */
const MAX_SUGGESTIONS = 3;
/**
 * Fuzzy label suggestions compare a misspelt label with every label of about its length. At most this
 * many comparisons are made per document (each costs about the label's length times 7); after that,
 * references still get their diagnostic but no fuzzy suggestion, so that a document full of broken
 * references stays fast (a few dozen milliseconds at most). Typical documents never reach it.
 */
const FUZZY_BUDGET = 200_000;

/** What a label, a suggestion or a reference can name: a pillar, a section, a sub-section or a measure. */
type Owner = Pillar | Section | Subsection | Measure;

/** A suggested replacement and, when it is a place in this document, where that place is and what it is. */
interface Suggestion {
  text: string;
  at?: { span: Span; owner: Owner };
}

/** What is known about one unresolved reference. */
interface Explanation {
  /** Why it names nothing: the message, whole sentences that begin with the reference ("The reference "[[1.9]]" names …"). */
  message: string;
  suggestions: Suggestion[];
}

/** `unresolved-reference` and `unused-label` for `p`. */
export function checkReferences(p: Programme): Diagnostic[] {
  const out: Diagnostic[] = [];
  const index = programmeIndex(p);
  const helper = new Explainer(p, index);
  for (const ref of p.references) {
    if (index.targets.has(ref)) continue;
    const written = truncate(p.text.slice(ref.span.start, ref.span.end), 60);
    const explanation = helper.explain(ref, written);
    const suggestions = explanation.suggestions;
    const best = suggestions[0];
    let message = explanation.message;
    if (best !== undefined) message += ' ' + l10n.t('Did you mean "{0}"?', truncate(best.text, 60));
    const related: Related[] = [];
    if (best?.at !== undefined) related.push({ span: best.at.span, message: wouldName(truncate(best.text, 60), best.at.owner) });
    const d: Diagnostic = {
      code: 'unresolved-reference',
      severity: 'error',
      message,
      span: ref.span,
      data: { suggestions: suggestions.map((s) => s.text) },
    };
    if (related.length > 0) d.related = related;
    out.push(d);
  }
  // The message of each label is kept in its block's memo with what it says of the label's owner, for
  // the next version: most labels are unused, and most owners keep their ids.
  const memos = programmeMemos(p).labels;
  const language = currentLanguage();
  for (let i = 0; i < p.labels.length; i++) {
    const label = p.labels[i];
    // A second declaration of a key is `duplicate-label`'s business; references bind to the first.
    if (index.labelsByKey.get(label.key) !== label) continue;
    if (referencesToLabel(p, label).length > 0) continue;
    const o = label.owner;
    const owner = ownerName(o);
    const memo = memos[i];
    let kept = memo?.unusedLabel as UnusedLabelMemo | undefined;
    if (kept === undefined || kept.kind !== o.kind || kept.owner !== owner || kept.numbered !== (o.kind === 'subsection' && o.numberText !== undefined) || kept.language !== language) {
      // A malformed label already has its `syntax` error; suggesting "[[#a b]]" would only add noise.
      kept = { kind: o.kind, owner, numbered: o.kind === 'subsection' && o.numberText !== undefined, language, message: isValidLabelName(label.name) ? unusedLabelMessage(label) : undefined };
      if (memo !== undefined) memo.unusedLabel = kept;
    }
    if (kept.message === undefined) continue;
    out.push({
      code: 'unused-label',
      severity: 'hint',
      message: kept.message,
      span: label.span,
      data: { label: label.name },
    });
  }
  return out;
}

/**
 * The `unused-label` message of a block's label (undefined for a malformed label, which gets none),
 * kept in the block's memo (`BlockMemo.unusedLabel`) with what it was made from besides the label's
 * own name: its owner's kind, what {@link ownerName} says of the owner, and the language of the messages.
 */
interface UnusedLabelMemo {
  kind: Label['owner']['kind'];
  /** {@link ownerName} of the owner, and whether it is a numbered sub-section (named by its number, else by its title). */
  owner: string;
  numbered: boolean;
  language: string;
  message: string | undefined;
}

/** What {@link unusedLabelMessage} says of the owner of a label besides its kind: its id, number or title (one of its own strings). */
function ownerName(o: Label['owner']): string {
  switch (o.kind) {
    case 'measure':
      return o.id;
    case 'pillar':
      return o.numberText;
    case 'subsection':
      return o.numberText ?? o.title;
    default:
      return o.title;
  }
}

/**
 * The `unused-label` message of `label`, naming what it stands on: "No reference names the label
 * "{#skole}" of pillar 1. Refer to it with "[[#skole]]", or remove the label if it is not needed."
 */
function unusedLabelMessage(label: Label): string {
  const name = truncate(label.name, 40);
  const declared = `{#${name}}`;
  const reference = `[[#${name}]]`;
  const o = label.owner;
  switch (o.kind) {
    case 'measure':
      return l10n.t('No reference names the label "{0}" of measure {1}. Refer to it with "{2}", or remove the label if it is not needed.', declared, short(o.id), reference);
    case 'pillar':
      return l10n.t('No reference names the label "{0}" of pillar {1}. Refer to it with "{2}", or remove the label if it is not needed.', declared, short(o.numberText), reference);
    case 'subsection':
      return o.numberText !== undefined
        ? l10n.t('No reference names the label "{0}" of sub-section {1}. Refer to it with "{2}", or remove the label if it is not needed.', declared, short(o.numberText), reference)
        : l10n.t('No reference names the label "{0}" of the sub-section "{1}". Refer to it with "{2}", or remove the label if it is not needed.', declared, truncate(o.title, 40), reference);
    default:
      return l10n.t('No reference names the label "{0}" of the section "{1}". Refer to it with "{2}", or remove the label if it is not needed.', declared, truncate(o.title, 40), reference);
  }
}

/** The related information of a suggestion that names `owner`: "[[#arbeid]] would name pillar 1." */
function wouldName(text: string, owner: Owner): string {
  switch (owner.kind) {
    case 'measure':
      return l10n.t('{0} would name measure {1}.', text, short(owner.id));
    case 'pillar':
      return l10n.t('{0} would name pillar {1}.', text, short(owner.numberText));
    case 'subsection':
      return owner.numberText !== undefined
        ? l10n.t('{0} would name sub-section {1}.', text, short(owner.numberText))
        : l10n.t('{0} would name the sub-section "{1}".', text, truncate(owner.title, 40));
    default:
      return l10n.t('{0} would name the section "{1}".', text, truncate(owner.title, 40));
  }
}

/** A label's place, for the related information of a suggestion of it. */
function labelPlace(label: Label): { span: Span; owner: Owner } {
  return { span: label.span, owner: label.owner };
}

/** The message of an empty reference (`[[]]`, `[[#]]`), with the forms of references of the numbering mode. */
function emptyMessage(written: string, mode: NumberingMode): string {
  if (mode === 'continuous') return l10n.t('The reference "{0}" is empty. Write a measure number ("[[12]]") or a label ("[[#name]]") between the brackets, or remove it.', written);
  if (mode === 'per-section') {
    return l10n.t('The reference "{0}" is empty. Write a measure id ("[[1.3]]" or "[[1.1.3]]"), a pillar number ("[[2]]") or a label ("[[#name]]") between the brackets, or remove it.', written);
  }
  return l10n.t('The reference "{0}" is empty. Write a measure id ("[[1.3]]"), a pillar number ("[[2]]") or a label ("[[#name]]") between the brackets, or remove it.', written);
}

/** The message of a reference of no known form, with the forms of references of the numbering mode. */
function unknownFormMessage(written: string, mode: NumberingMode): string {
  if (mode === 'continuous') return l10n.t('The reference "{0}" is not of a known form: a reference is a measure number ("[[12]]") or a label ("[[#name]]").', written);
  if (mode === 'per-section') {
    return l10n.t('The reference "{0}" is not of a known form: a reference is a measure id ("[[1.3]]" or "[[1.1.3]]"), a pillar number ("[[2]]") or a label ("[[#name]]").', written);
  }
  return l10n.t('The reference "{0}" is not of a known form: a reference is a measure id ("[[1.3]]"), a pillar number ("[[2]]") or a label ("[[#name]]").', written);
}

/**
 * One place of a numbered list: its number and the ids written there, sorted (alternatives `9A`, `9B`
 * share a place). `number` is exact only while it is a safe integer (a writer's slip can make an id
 * thousands of digits long); places are ordered by their digits, so the order is always exact.
 */
interface Place {
  number: number;
  ids: string[];
}

/**
 * The places of `ids` (`1.3`, `2.9A`, `4`), sorted by number; the ids of a place sorted by letter.
 * An id whose last part is not a number and a letter is left out (it cannot be a place).
 */
function placesOf(ids: Iterable<string>): Place[] {
  const byDigits = new Map<string, string[]>();
  for (const id of ids) {
    const { number } = splitLast(id.slice(id.lastIndexOf('.') + 1));
    if (!/^[0-9]+$/.test(number)) continue;
    const digits = number.replace(/^0+(?=[0-9])/, '');
    let list = byDigits.get(digits);
    if (list === undefined) byDigits.set(digits, (list = []));
    list.push(id);
  }
  return [...byDigits.entries()]
    .sort(([a], [b]) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0))
    .map(([digits, list]) => ({ number: Number(digits), ids: list.sort() }));
}

/** True when place `b` is `step` after place `a` (only for numbers that are exact). */
function follows(a: Place, b: Place, step: number): boolean {
  return Number.isSafeInteger(a.number) && Number.isSafeInteger(b.number) && b.number === a.number + step;
}

/** At most this many runs are listed; a longer list shows the first ones, "…" and the last one. */
const MAX_RUNS = 4;

/**
 * A set of places as people read it (see {@link describePlaces}), in no language yet: a list of
 * runs, or one range with the single places missing from it. The messages put it into words.
 */
type PlaceSet =
  /** `items` in a list ("1.1–1.2 and 1.5–1.8"); `elided`: the first ones, "…" and the last one, without "and". */
  | { kind: 'list'; items: string[]; elided: boolean }
  /** `range` ("1.1–1.8") with the places `missing` ("1.3"; one or two). */
  | { kind: 'gaps'; range: string; missing: string[] };

/** A {@link PlaceSet} of kind `list` written in the current language: "1.1–1.2 and 1.5–1.8", "1.1, 1.3, 1.5, …, 1.11". */
function listText(set: { items: string[]; elided: boolean }): string {
  return set.elided ? `${set.items.slice(0, -1).join(', ')}, …, ${set.items[set.items.length - 1]}` : listOf(set.items);
}

/**
 * The set of `places` (non-empty) as people read it, sorted and compressed into runs:
 * - `1.1–1.8` (alternatives at the ends of a run are named: `2.1–2.9B`);
 * - `1.1–1.8` with `1.3` missing, when one or two single places are missing between runs of at least two
 *   (the message says "1.1–1.8; 1.3 is missing");
 * - `1.1–1.2 and 1.5–1.8`, `1–3 and 5`, `1 and 2`;
 * - a single place split into alternatives: `2.9A/2.9B`;
 * - more than {@link MAX_RUNS} runs: `1.1–1.3, 1.5, 1.7–1.9, …, 1.40`.
 * Ids are shortened for messages.
 */
function describePlaces(places: Place[]): PlaceSet {
  const runs: Place[][] = [];
  for (const place of places) {
    const run = runs[runs.length - 1];
    if (run !== undefined && follows(run[run.length - 1], place, 1)) run.push(place);
    else runs.push([place]);
  }
  const first = (run: Place[]) => short(run[0].ids[0]);
  const last = (run: Place[]) => {
    const ids = run[run.length - 1].ids;
    return short(ids[ids.length - 1]);
  };
  const runText = (run: Place[]): string => {
    if (run.length > 1) return `${first(run)}–${last(run)}`;
    const ids = run[0].ids;
    return ids.length <= 3 ? ids.map(short).join('/') : `${short(ids[0])}–${short(ids[ids.length - 1])}`;
  };
  const ids = places.flatMap((pl) => pl.ids);
  if (ids.length === 2) return { kind: 'list', items: [short(ids[0]), short(ids[1])], elided: false };
  const singleGaps = runs.slice(1).every((run, i) => follows(runs[i][runs[i].length - 1], run[0], 2));
  if (runs.length >= 2 && runs.length <= 3 && singleGaps && runs.every((run) => run.length >= 2)) {
    // The number of a missing place, written as its neighbours are (`1.3` between `1.2` and `1.4`).
    const missing = runs.slice(1).map((run) => {
      const id = run[0].ids[0];
      return short(`${id.slice(0, id.lastIndexOf('.') + 1)}${run[0].number - 1}`);
    });
    return { kind: 'gaps', range: `${first(runs[0])}–${last(runs[runs.length - 1])}`, missing };
  }
  const written = runs.map(runText);
  if (written.length > MAX_RUNS) return { kind: 'list', items: [...written.slice(0, MAX_RUNS - 1), written[written.length - 1]], elided: true };
  return { kind: 'list', items: written, elided: false };
}

/**
 * What a container holds, for the messages: nothing, one id, the alternatives of one place (`ids`),
 * or a set of places.
 */
type Holdings = { kind: 'none' } | { kind: 'one'; id: string } | { kind: 'alternatives'; ids: string[] } | { kind: 'places'; set: PlaceSet };

/**
 * What the ids of a container (the pillar numbers, the measures of a pillar) hold. `alternatives` only
 * when `splitPlace` (the measures of a pillar or sub-section); otherwise one place split into
 * alternatives is a set of places ("9A/9B").
 */
function holdingsOf(ids: Iterable<string>, splitPlace: boolean): Holdings {
  const places = placesOf(ids);
  if (places.length === 0) return { kind: 'none' };
  if (places.length === 1 && places[0].ids.length === 1) return { kind: 'one', id: short(places[0].ids[0]) };
  if (places.length === 1 && splitPlace) return { kind: 'alternatives', ids: places[0].ids.map(short) };
  return { kind: 'places', set: describePlaces(places) };
}

/**
 * The sentences that say what a container holds, one for each kind of {@link Holdings}: `none`, `one`
 * id, `several` alternatives of one place ("only measures 1.1A and 1.1B"; the sentence of `list`
 * where the two read alike), a `list` of runs, and a range with one place missing (`missingOne`) or two
 * (`missingMore`, `missing` already joined as a list).
 */
interface HoldingsMessages {
  none(): string;
  one(id: string): string;
  several(ids: string): string;
  list(runs: string): string;
  missingOne(range: string, missing: string): string;
  missingMore(range: string, missing: string): string;
}

/** The message of `holdings`, from `messages`. */
function holdingsMessage(holdings: Holdings, messages: HoldingsMessages): string {
  switch (holdings.kind) {
    case 'none':
      return messages.none();
    case 'one':
      return messages.one(holdings.id);
    case 'alternatives':
      return messages.several(listOf(holdings.ids));
  }
  const set = holdings.set;
  if (set.kind === 'list') return messages.list(listText(set));
  return set.missing.length === 1 ? messages.missingOne(set.range, set.missing[0]) : messages.missingMore(set.range, listOf(set.missing));
}

/**
 * "The reference "[[4]]" names pillar 4, but there is no pillar 4 (the pillars are 1–3 and 5)."
 * `pillars`: the document's pillars ({@link holdingsOf}).
 */
function noPillarMessage(written: string, pillar: string, pillars: Holdings): string {
  const list = (runs: string) => l10n.t('The reference "{0}" names pillar {1}, but there is no pillar {1} (the pillars are {2}).', written, pillar, runs);
  return holdingsMessage(pillars, {
    none: () => l10n.t('The reference "{0}" names pillar {1}, but there is no pillar {1} (this document has no pillars).', written, pillar),
    one: (only) => l10n.t('The reference "{0}" names pillar {1}, but there is no pillar {1} (the only pillar is {2}).', written, pillar, only),
    several: list,
    list,
    missingOne: (range, missing) => l10n.t('The reference "{0}" names pillar {1}, but there is no pillar {1} (the pillars are {2}; {3} is missing).', written, pillar, range, missing),
    missingMore: (range, missing) => l10n.t('The reference "{0}" names pillar {1}, but there is no pillar {1} (the pillars are {2}; {3} are missing).', written, pillar, range, missing),
  });
}

/** A measure of a pillar that is not there: "The reference "[[4.1]]" names measure 4.1, but there is no pillar 4 (…)." */
function noPillarOfMeasureMessage(written: string, id: string, pillar: string, pillars: Holdings): string {
  const list = (runs: string) => l10n.t('The reference "{0}" names measure {1}, but there is no pillar {2} (the pillars are {3}).', written, id, pillar, runs);
  return holdingsMessage(pillars, {
    none: () => l10n.t('The reference "{0}" names measure {1}, but there is no pillar {2} (this document has no pillars).', written, id, pillar),
    one: (only) => l10n.t('The reference "{0}" names measure {1}, but there is no pillar {2} (the only pillar is {3}).', written, id, pillar, only),
    several: list,
    list,
    missingOne: (range, missing) => l10n.t('The reference "{0}" names measure {1}, but there is no pillar {2} (the pillars are {3}; {4} is missing).', written, id, pillar, range, missing),
    missingMore: (range, missing) => l10n.t('The reference "{0}" names measure {1}, but there is no pillar {2} (the pillars are {3}; {4} are missing).', written, id, pillar, range, missing),
  });
}

/** Numbered continuously: "The reference "[[9]]" names measure 9, but there is no measure 9 (the measures are numbered 1–4)." */
function noMeasureMessage(written: string, id: string, measures: Holdings): string {
  const list = (runs: string) => l10n.t('The reference "{0}" names measure {1}, but there is no measure {1} (the measures are numbered {2}).', written, id, runs);
  return holdingsMessage(measures, {
    none: () => l10n.t('The reference "{0}" names measure {1}, but there is no measure {1} (this document has no measures).', written, id),
    one: (only) => l10n.t('The reference "{0}" names measure {1}, but there is no measure {1} (the only measure is {2}).', written, id, only),
    several: list,
    list,
    missingOne: (range, missing) => l10n.t('The reference "{0}" names measure {1}, but there is no measure {1} (the measures are numbered {2}; {3} is missing).', written, id, range, missing),
    missingMore: (range, missing) => l10n.t('The reference "{0}" names measure {1}, but there is no measure {1} (the measures are numbered {2}; {3} are missing).', written, id, range, missing),
  });
}

/**
 * A measure number past what pillar `pillar` holds: "The reference "[[1.9]]" names measure 1.9, but
 * pillar 1 has measures 1.1–1.8; 1.3 is missing." (without the advice that follows).
 */
function pillarRangeMessage(written: string, id: string, pillar: string, holds: Holdings): string {
  return holdingsMessage(holds, {
    none: () => l10n.t('The reference "{0}" names measure {1}, but pillar {2} has no measures.', written, id, pillar),
    one: (only) => l10n.t('The reference "{0}" names measure {1}, but pillar {2} has only measure {3}.', written, id, pillar, only),
    several: (ids) => l10n.t('The reference "{0}" names measure {1}, but pillar {2} has only measures {3}.', written, id, pillar, ids),
    list: (runs) => l10n.t('The reference "{0}" names measure {1}, but pillar {2} has measures {3}.', written, id, pillar, runs),
    missingOne: (range, missing) => l10n.t('The reference "{0}" names measure {1}, but pillar {2} has measures {3}; {4} is missing.', written, id, pillar, range, missing),
    missingMore: (range, missing) => l10n.t('The reference "{0}" names measure {1}, but pillar {2} has measures {3}; {4} are missing.', written, id, pillar, range, missing),
  });
}

/** {@link pillarRangeMessage} for a measure of a numbered sub-section: "… but sub-section 1.1 has measures 1.1.1 and 1.1.2." */
function sectionRangeMessage(written: string, id: string, section: string, holds: Holdings): string {
  return holdingsMessage(holds, {
    none: () => l10n.t('The reference "{0}" names measure {1}, but sub-section {2} has no measures.', written, id, section),
    one: (only) => l10n.t('The reference "{0}" names measure {1}, but sub-section {2} has only measure {3}.', written, id, section, only),
    several: (ids) => l10n.t('The reference "{0}" names measure {1}, but sub-section {2} has only measures {3}.', written, id, section, ids),
    list: (runs) => l10n.t('The reference "{0}" names measure {1}, but sub-section {2} has measures {3}.', written, id, section, runs),
    missingOne: (range, missing) => l10n.t('The reference "{0}" names measure {1}, but sub-section {2} has measures {3}; {4} is missing.', written, id, section, range, missing),
    missingMore: (range, missing) => l10n.t('The reference "{0}" names measure {1}, but sub-section {2} has measures {3}; {4} are missing.', written, id, section, range, missing),
  });
}

/** Advice after a number past the end: labels survive renumbering (a sentence of its own). */
function labelAdvice(): string {
  return l10n.t('Correct the number, or give the measure a label ("{#name}") and refer to that, which stays right when measures are renumbered.');
}

/** The measure-number part and the letter of an id's last part (`9A` → `9`, `A`). */
function splitLast(last: string): { number: string; letter: string } {
  const m = /^([0-9]+)([A-Za-z]?)$/.exec(last);
  return m === null ? { number: last, letter: '' } : { number: m[1], letter: m[2] };
}

/** Digits without leading zeros (`03` → `3`). */
function canonical(digits: string): string {
  return /^[0-9]+$/.test(digits) ? String(Number.parseInt(digits, 10)) : digits;
}

/** Heading titles compare after NFC, case folding, collapsed blanks and without trailing `.:;!?…` (kept for the next version: most titles do not change). */
const titleKey = memoized((title: string): string => labelKey(title.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim().replace(/(?<![.:;!?…])[.:;!?…]+$/u, '')));

/** Works out why references name nothing; holds the lazily built tables it needs. */
class Explainer {
  private containers?: Map<string, Measure[]>;
  /** `prefix|number` → the measures of that place (alternatives share one). */
  private places?: Map<string, Measure[]>;
  private subsectionsByNumber?: Map<string, Subsection>;
  private headingsByTitle?: Map<string, Pillar | Subsection>;
  private labelsByLength?: Map<number, Label[]>;
  private fuzzyCache = new Map<string, Label[]>();
  private fuzzyBudget = FUZZY_BUDGET;
  /** What each container holds ({@link holdingsIn}), and the pillars, once per document: many references may ask. */
  private holdings = new Map<string, Holdings>();
  private pillarList?: Holdings;
  /** The reference being explained, as its messages quote it. */
  private written = '';

  constructor(
    private readonly p: Programme,
    private readonly index: ProgrammeIndex,
  ) {}

  /** Why `ref` names nothing, and what it may have meant; `written` is the reference as the message quotes it. */
  explain(ref: Reference, written: string): Explanation {
    this.written = written;
    const form = ref.form;
    const target = ref.target.trim();
    let explanation: Explanation;
    switch (form.kind) {
      case 'measure':
        explanation = this.missingMeasure(form.id);
        break;
      case 'pillar':
        explanation = this.missingPillar(form.number);
        break;
      case 'label':
        explanation = this.missingLabel(form.name, form.key);
        break;
      default:
        explanation = this.invalid(target);
    }
    explanation.suggestions = dedupe(explanation.suggestions).slice(0, MAX_SUGGESTIONS);
    return explanation;
  }

  // --- tables -------------------------------------------------------------------------------------

  /** Measure ids without their last part (`1`, `1.1`, '' in continuous mode) → the measures under it. */
  private measuresIn(prefix: string): Measure[] {
    if (this.containers === undefined) {
      this.containers = new Map();
      for (const m of this.index.measuresById.values()) {
        const cut = m.id.lastIndexOf('.');
        const key = cut < 0 ? '' : m.id.slice(0, cut);
        let list = this.containers.get(key);
        if (list === undefined) this.containers.set(key, (list = []));
        list.push(m);
      }
    }
    return this.containers.get(prefix) ?? [];
  }

  private subsection(numberText: string): Subsection | undefined {
    if (this.subsectionsByNumber === undefined) {
      this.subsectionsByNumber = new Map();
      for (const s of this.p.subsections) {
        if (s.numberParts === undefined) continue;
        const key = s.numberParts.join('.');
        if (!this.subsectionsByNumber.has(key)) this.subsectionsByNumber.set(key, s);
      }
    }
    return this.subsectionsByNumber.get(numberText.split('.').map(canonical).join('.'));
  }

  private headingByTitle(text: string): Pillar | Subsection | undefined {
    if (this.headingsByTitle === undefined) {
      this.headingsByTitle = new Map();
      for (const h of [...this.p.pillars, ...this.p.subsections]) {
        const key = titleKey(h.title);
        if (key !== '' && !this.headingsByTitle.has(key)) this.headingsByTitle.set(key, h);
      }
    }
    return this.headingsByTitle.get(titleKey(text));
  }

  /** Labels whose key is within a typo of `key`, best first. */
  private nearLabels(key: string): Label[] {
    const cached = this.fuzzyCache.get(key);
    if (cached !== undefined) return cached;
    if (key === '') return [];
    if (this.labelsByLength === undefined) {
      this.labelsByLength = new Map();
      for (const label of this.index.labelsByKey.values()) {
        let list = this.labelsByLength.get(label.key.length);
        if (list === undefined) this.labelsByLength.set(label.key.length, (list = []));
        list.push(label);
      }
    }
    const max = typoAllowance(key.length);
    const found: { label: Label; distance: number }[] = [];
    for (let len = key.length - max; len <= key.length + max; len++) {
      const bucket = this.labelsByLength.get(len) ?? [];
      if (bucket.length > this.fuzzyBudget) return [];
      this.fuzzyBudget -= bucket.length;
      for (const label of bucket) {
        const distance = editDistance(key, label.key, max);
        if (distance <= max) found.push({ label, distance });
      }
    }
    found.sort((a, b) => a.distance - b.distance || a.label.span.start - b.label.span.start);
    const result = found.slice(0, MAX_SUGGESTIONS).map((f) => f.label);
    this.fuzzyCache.set(key, result);
    return result;
  }

  // --- suggestions --------------------------------------------------------------------------------

  private labelSuggestion(label: Label): Suggestion {
    return { text: `[[#${label.name}]]`, at: labelPlace(label) };
  }

  private measureSuggestion(m: Measure): Suggestion {
    return { text: `[[${m.id}]]`, at: { span: { start: m.numberSpan.start, end: m.delimiterSpan.end }, owner: m } };
  }

  /** A way to cite a pillar or sub-section: its label, or (pillars, unless continuous) its number. */
  private headingSuggestion(h: Pillar | Subsection): Suggestion | undefined {
    if (h.label !== undefined && this.index.labelsByKey.get(h.label.key) === h.label) return this.labelSuggestion(h.label);
    if (h.kind === 'pillar' && this.p.mode !== 'continuous' && this.index.pillarsByNumber.get(String(h.number)) === h) {
      return { text: `[[${h.number}]]`, at: { span: h.numberSpan, owner: h } };
    }
    return undefined;
  }

  /** The target `id` names when read in this document's mode, if it names anything. */
  private resolveId(id: string): Suggestion | undefined {
    if (/^[0-9]+$/.test(id) && this.p.mode !== 'continuous') {
      const pillar = this.index.pillarsByNumber.get(canonical(id));
      return pillar !== undefined ? { text: `[[${canonical(id)}]]`, at: { span: pillar.numberSpan, owner: pillar } } : undefined;
    }
    const m = this.index.measuresById.get(id);
    return m !== undefined ? this.measureSuggestion(m) : undefined;
  }

  /**
   * Ids that `text` may have meant, in the form this document's ids have: `1,3`, `1. 3` and `pkt 1.3`
   * → `1.3`; `1.3a` → `1.3A` (then `1.3`); `01.3` → `1.3`.
   */
  private idCandidates(text: string): string[] {
    const out: string[] = [];
    const cleaned = text.replace(/(?<!\s)\s*([.,])\s*(?=[0-9])/g, '$1');
    for (const m of cleaned.matchAll(/(?<![\p{L}\p{N}.,])[0-9]+(?:[.,][0-9]+)*(?:[A-Za-z](?![\p{L}]))?(?![.,]?[\p{L}\p{N}])/gu)) {
      const parts = m[0].replace(/,/g, '.').split('.');
      const { number, letter } = splitLast(parts[parts.length - 1]);
      const head = parts.slice(0, -1).map(canonical);
      out.push([...head, canonical(number) + letter.toUpperCase()].join('.'));
      if (letter !== '') out.push([...head, canonical(number)].join('.'));
    }
    return out;
  }

  /** Suggestions for a text that may be an id written another way. */
  private idSuggestions(text: string): Suggestion[] {
    const out: Suggestion[] = [];
    for (const id of this.idCandidates(text)) {
      const s = this.resolveId(id);
      if (s !== undefined) out.push(s);
    }
    return out;
  }

  /** Alternatives of one place: `[[2.9]]` → `2.9A`, `2.9B`; `[[2.9C]]` → `2.9` or the others. */
  private alternatives(prefix: string, number: string, letter: string): Measure[] {
    if (this.places === undefined) {
      this.places = new Map();
      for (const m of this.index.measuresById.values()) {
        const cut = m.id.lastIndexOf('.');
        const s = splitLast(m.id.slice(cut + 1));
        const key = `${cut < 0 ? '' : m.id.slice(0, cut)}|${canonical(s.number)}`;
        let list = this.places.get(key);
        if (list === undefined) this.places.set(key, (list = []));
        list.push(m);
      }
    }
    return (this.places.get(`${prefix}|${number}`) ?? []).filter((m) => m.alternative !== letter);
  }

  // --- explanations -------------------------------------------------------------------------------

  private missingPillar(number: string): Explanation {
    return { message: noPillarMessage(this.written, short(number), this.pillars()), suggestions: [] };
  }

  private missingMeasure(id: string): Explanation {
    const written = this.written;
    const mode = this.p.mode;
    const cut = id.lastIndexOf('.');
    const prefix = cut < 0 ? '' : id.slice(0, cut);
    const { number, letter } = splitLast(id.slice(cut + 1));
    const suggestions: Suggestion[] = [];

    // Written with leading zeros (`[[1.03]]`).
    const canon = [...(prefix === '' ? [] : prefix.split('.').map(canonical)), canonical(number) + letter].join('.');
    if (canon !== id) {
      const found = this.resolveId(canon);
      if (found !== undefined) return { message: l10n.t('The reference "{0}" names measure {1}, but ids are written without leading zeros.', written, short(id)), suggestions: [found] };
    }

    // Alternatives of the same place.
    const alts = this.alternatives(prefix, canonical(number), letter);
    if (alts.length > 0) {
      const base = prefix === '' ? canonical(number) : `${short(prefix)}.${canonical(number)}`;
      const names = alts.slice(0, 4).map((m) => short(m.id)).join(', ') + (alts.length > 4 ? ' …' : '');
      const message =
        letter === ''
          ? l10n.t('The reference "{0}" names measure {1}, but that place is split into alternatives ({2}); name one of them.', written, short(id), names)
          : alts.length === 1
            ? l10n.t('The reference "{0}" names measure {1}, but there is no alternative {2} of {3} (there is {4}).', written, short(id), short(letter), short(base), names)
            : l10n.t('The reference "{0}" names measure {1}, but there is no alternative {2} of {3} (there are {4}).', written, short(id), short(letter), short(base), names);
      return { message, suggestions: alts.map((m) => this.measureSuggestion(m)) };
    }

    // A sub-section with this number (in per-pillar and per-section modes `[[1.1]]` is a measure id).
    const sub = prefix !== '' ? this.subsection(id) : undefined;
    if (sub !== undefined) {
      const cite = this.headingSuggestion(sub);
      let message = l10n.t('The reference "{0}" names measure {1}, but {1} is a sub-section, not a measure; a sub-section is named by its label ("[[#name]]").', written, short(id));
      if (cite === undefined) message += ' ' + l10n.t('Give it a label ("{#name}" at the end of its heading) and refer to that.');
      return { message, suggestions: cite !== undefined ? [cite] : [] };
    }

    if (mode === 'continuous') {
      return { message: noMeasureMessage(written, short(id), this.holdingsIn('', false)), suggestions };
    }

    const parts = prefix.split('.');
    if (parts.length === 1) {
      const pillar = this.index.pillarsByNumber.get(canonical(parts[0]));
      if (pillar === undefined) {
        return { message: noPillarOfMeasureMessage(written, short(id), short(parts[0]), this.pillars()), suggestions };
      }
      const direct = this.measuresIn(prefix);
      if (mode === 'per-section' && direct.length === 0 && pillar.measures.length > 0) {
        return {
          message: l10n.t(
            'The reference "{0}" names measure {1}, but the measures of pillar {2} are numbered within its sub-sections (measureNumbering is per-section), for example "{3}".',
            written,
            short(id),
            short(pillar.numberText),
            `[[${short(pillar.measures[0].id)}]]`,
          ),
          suggestions,
        };
      }
      return { message: pillarRangeMessage(written, short(id), short(pillar.numberText), this.holdingsIn(prefix, true)) + ' ' + labelAdvice(), suggestions };
    }

    // Three parts or more: a measure within a numbered sub-section.
    const section = this.subsection(prefix);
    if (mode === 'per-pillar') {
      // The numbered-within-section reading: the measure numbered N under sub-section `prefix`.
      if (section !== undefined) {
        const inSection = section.measures.find((m) => innermostNumbered(m) === section && m.numberText === `${canonical(number)}${letter.toUpperCase()}`);
        if (inSection !== undefined) suggestions.push(this.measureSuggestion(inSection));
      }
      return {
        message: l10n.t(
          'The reference "{0}" has the form of a measure within a sub-section, but this document numbers measures per pillar ("[[1.3]]"). If the measures start again from 1 under every numbered sub-section, set "measureNumbering": "per-section" in .programmerc.json.',
          written,
        ),
        suggestions,
      };
    }
    if (section === undefined) {
      return { message: l10n.t('The reference "{0}" names measure {1}, but there is no numbered sub-section {2}.', written, short(id), short(prefix)), suggestions };
    }
    return { message: sectionRangeMessage(written, short(id), short(section.numberText ?? prefix), this.holdingsIn(prefix, true)) + ' ' + labelAdvice(), suggestions };
  }

  /**
   * What the container of the measures whose ids start with `prefix.` holds (`prefix` '': the measures
   * numbered continuously), as {@link holdingsOf} says it: nothing, only 1.1, measures 1.1–1.8 with
   * 1.3 missing. `splitPlace` as there. Computed once per container.
   */
  private holdingsIn(prefix: string, splitPlace: boolean): Holdings {
    let holdings = this.holdings.get(prefix);
    if (holdings === undefined) this.holdings.set(prefix, (holdings = holdingsOf(this.measuresIn(prefix).map((m) => m.id), splitPlace)));
    return holdings;
  }

  /** The pillar numbers of the document ({@link holdingsOf}; computed once). */
  private pillars(): Holdings {
    this.pillarList ??= holdingsOf(this.index.pillarsByNumber.keys(), false);
    return this.pillarList;
  }

  private missingLabel(name: string, key: string): Explanation {
    const suggestions: Suggestion[] = [];
    // `[[#1.3]]`, `[[#2]]`: an id written as a label.
    if (/^[0-9]/.test(name)) for (const s of this.idSuggestions(name)) suggestions.push(s);
    // A heading's title written as a label.
    const h = this.headingByTitle(name.replace(/[-_]+/g, ' '));
    const byTitle = h !== undefined ? this.headingSuggestion(h) : undefined;
    if (byTitle !== undefined) suggestions.push(byTitle);
    for (const label of this.nearLabels(key)) suggestions.push(this.labelSuggestion(label));
    const shown = truncate(name, 40);
    let message = l10n.t('The reference "{0}" names the label "{1}", but no heading or measure has the label "{2}".', this.written, shown, `{#${shown}}`);
    if (suggestions.length === 0) message += ' ' + l10n.t('Check the spelling, or add "{0}" to the end of the heading or measure line it should point to.', `{#${shown}}`);
    return { message, suggestions };
  }

  private invalid(target: string): Explanation {
    const mode = this.p.mode;
    if (target === '' || target === '#') {
      return { message: emptyMessage(this.written, mode), suggestions: [] };
    }
    const suggestions: Suggestion[] = [];
    // `[[#arbeid|se arbeid]]`, wiki style: the part before "|".
    const head = target.includes('|') ? target.slice(0, target.indexOf('|')).trim() : target;
    const name = head.startsWith('#') ? head.slice(1).trim() : head;
    // `[[arbeid]]`: a label without "#".
    const exact = this.index.labelsByKey.get(labelKey(name));
    if (exact !== undefined) suggestions.push(this.labelSuggestion(exact));
    // `[[Arbeid og næring]]`: a heading's title.
    const h = this.headingByTitle(name);
    const byTitle = h !== undefined ? this.headingSuggestion(h) : undefined;
    if (byTitle !== undefined) suggestions.push(byTitle);
    // `[[1,3]]`, `[[pkt 1.3]]`, `[[1.3a]]`; in continuous mode `[[1.3]]` = pillar 1's third measure.
    for (const s of this.idSuggestions(name)) suggestions.push(s);
    if (mode === 'continuous') {
      const m = /^([0-9]+)\.([0-9]+)([A-Za-z]?)$/.exec(name);
      if (m !== null) {
        const found = this.nthMeasureOfPillar(m[1], Number.parseInt(m[2], 10), m[3].toUpperCase());
        if (found !== undefined) suggestions.push(this.measureSuggestion(found));
      }
    }
    if (!/^[0-9]/.test(name)) for (const label of this.nearLabels(labelKey(name))) suggestions.push(this.labelSuggestion(label));
    const message =
      mode === 'continuous' && /^[0-9]+(\.[0-9]+)+[A-Za-z]?$/.test(name)
        ? l10n.t(
            'The reference "{0}" is not a reference this document can use: its measures are numbered through the whole document (measureNumbering is continuous), so a reference is a measure number ("[[12]]") or a label ("[[#name]]").',
            this.written,
          )
        : unknownFormMessage(this.written, mode);
    return { message, suggestions };
  }

  /** In continuous mode: the measure at place `n` of pillar `pillarNumber` (alternatives share a place). */
  private nthMeasureOfPillar(pillarNumber: string, n: number, letter: string): Measure | undefined {
    const pillar = this.index.pillarsByNumber.get(canonical(pillarNumber));
    if (pillar === undefined || n < 1) return undefined;
    let place = 0;
    let previous: Measure | undefined;
    for (const m of pillar.measures) {
      if (previous === undefined || !(m.alternative !== '' && previous.alternative !== '' && m.value === previous.value)) place++;
      previous = m;
      if (place === n && (letter === '' || m.alternative === letter)) return m;
      if (place > n) break;
    }
    return undefined;
  }
}

/** The innermost numbered sub-section above a measure, if any. */
function innermostNumbered(m: Measure): Subsection | undefined {
  for (let h = m.parent; h !== undefined && h.kind === 'subsection'; h = h.parent) if (h.numberText !== undefined) return h;
  return undefined;
}

/** Keeps the first suggestion of each text. */
function dedupe(list: Suggestion[]): Suggestion[] {
  const seen = new Set<string>();
  return list.filter((s) => (seen.has(s.text) ? false : (seen.add(s.text), true)));
}
