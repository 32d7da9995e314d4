/**
 * The configuration of the analysis (`.programmerc.json`, schemas/programmerc.schema.json; the
 * language server's `programme.*` settings have the same shape).
 */
import type { Severity } from '../syntax/span';
import type { NumberingMode } from './programme';

/** A rule's configured level: a severity, or `off`. */
export type RuleLevel = Severity | 'off';

/** The configuration; every key is optional and has a default. */
export interface Config {
  /** Code → level; codes not named keep their default (rules/codes.ts). */
  rules?: Record<string, RuleLevel>;
  /** Default `per-pillar`. */
  measureNumbering?: NumberingMode;
  /** Near-duplicate detection; `threshold` is a Jaccard similarity in 0..1, default 0.7. */
  similarity?: { threshold?: number };
  /** Globs (relative to the config file's folder) of files the CLI skips. */
  ignore?: string[];
}

/** The default similarity threshold of `similar-measures`. */
export const DEFAULT_SIMILARITY_THRESHOLD = 0.7;
