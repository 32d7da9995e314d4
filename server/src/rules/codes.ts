/**
 * Every diagnostic code of the analysis, its default severity and a one-line summary. docs/rules.md
 * documents each code; `.programmerc.json`'s `rules` and the `programme.rules` setting override the
 * severities (or turn a code `off`).
 */
import type { Severity } from '../syntax/span';

/** A rule's entry in the registry. */
export interface RuleInfo {
  severity: Severity;
  summary: string;
}

/** The registry of codes, in the order of docs/rules.md. */
export const RULES = {
  syntax: { severity: 'error', summary: 'Text that cannot be read as the format (reported, and read as what was meant).' },
  'near-miss': { severity: 'warning', summary: 'A heading, measure or space written almost as the format wants it, read as what was meant (with the fix).' },
  'pillar-numbering': { severity: 'error', summary: 'A pillar number that is not the previous one + 1 (or 1 for the first).' },
  'measure-numbering': { severity: 'error', summary: 'A measure number that is not the previous one + 1 within its pillar (or section, or document).' },
  'section-numbering': { severity: 'error', summary: "A numbered sub-section that does not extend its parent's number or follow its previous sibling." },
  'numbering-style': { severity: 'warning', summary: '"." and ")" mixed in one document.' },
  'measure-outside-pillar': { severity: 'error', summary: 'A numbered measure under an unnumbered section or before the first pillar.' },
  'empty-pillar': { severity: 'warning', summary: 'A pillar with no measures.' },
  'wrapped-number': { severity: 'information', summary: 'A number at the start of a line read as text (a wrapped date, ordinal or year), not as a measure.' },
  'duplicate-label': { severity: 'error', summary: 'The same label declared twice.' },
  'duplicate-title': { severity: 'warning', summary: 'Two pillars, or two sibling sub-sections, with the same title.' },
  'duplicate-measure': { severity: 'warning', summary: 'Two measures with the same text.' },
  'similar-measures': { severity: 'information', summary: 'Two measures that are near-identical.' },
  'unresolved-reference': { severity: 'error', summary: 'A reference that names no pillar, measure or label.' },
  'unused-label': { severity: 'hint', summary: 'A label that nothing refers to.' },
  'invisible-character': { severity: 'warning', summary: 'A soft hyphen, zero-width character, control character or stray BOM in the text.' },
  'page-number': { severity: 'hint', summary: 'A number alone on a line inside a text: a page number from a PDF.' },
  'front-matter': { severity: 'error', summary: 'Front matter that is not valid YAML or does not fit the schema.' },
  'amendment-syntax': { severity: 'error', summary: 'A part of an amendment file that cannot be read (docs/amendments.md).' },
  'amendment-programme': { severity: 'error', summary: 'An amendment file that names no programme, or names one that cannot be read.' },
  'amendment-draft': { severity: 'warning', summary: 'The draft has changed since the line numbers were taken, or the file does not say which draft they are from.' },
  'amendment-lines': { severity: 'error', summary: 'An amendment cites lines that are not in the draft, or a range whose first line comes after its last.' },
  'amendment-quote': { severity: 'error', summary: 'An amendment\'s quoted words are not on its lines (on other lines: a warning), or stand there more than once.' },
  'amendment-conflict': { severity: 'warning', summary: 'Two amendments change the same words.' },
  'amendment-duplicate-id': { severity: 'error', summary: 'Two amendments with the same id.' },
  'amendment-reason': { severity: 'warning', summary: 'An amendment that gives no reason.' },
} as const satisfies Record<string, RuleInfo>;

/** A diagnostic code. */
export type RuleCode = keyof typeof RULES;

/** All codes. */
export const RULE_CODES = Object.keys(RULES) as RuleCode[];
