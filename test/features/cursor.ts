/**
 * Helpers for the feature tests: fixture documents with a `$0` cursor marker, and positions and ranges
 * of text found in a document (0-based lines, characters in UTF-16 code units, as LSP).
 */
import type { Position, Range } from 'vscode-languageserver-types';
import { analyse } from '../../server/src/rules/index';
import type { Config } from '../../server/src/model/config';
import type { Programme } from '../../server/src/model/programme';

/** The marker a fixture writes where the cursor is. */
export const CURSOR = '$0';

/** The position of `offset` in `text` (LF line ends). */
export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Strips the one `$0` of `source`: the programme of the rest and the cursor's position. */
export function withCursor(source: string, config: Config = {}): { text: string; p: Programme; position: Position; offset: number } {
  const offset = source.indexOf(CURSOR);
  if (offset < 0 || source.indexOf(CURSOR, offset + 1) >= 0) throw new Error('a fixture needs exactly one $0');
  const text = source.slice(0, offset) + source.slice(offset + CURSOR.length);
  return { text, p: analyse(text, config).programme, position: positionAt(text, offset), offset };
}

/** The programme of `text`. */
export function programmeOf(text: string, config: Config = {}): Programme {
  return analyse(text, config).programme;
}

/** The offset of the `nth` (0-based) occurrence of `needle` in `text`, plus `delta`; throws when absent. */
export function offsetOf(text: string, needle: string, nth = 0, delta = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" occurs fewer than ${nth + 1} times`);
  }
  return at + delta;
}

/** The position of the `nth` occurrence of `needle`, plus `delta` characters. */
export function positionOf(text: string, needle: string, nth = 0, delta = 0): Position {
  return positionAt(text, offsetOf(text, needle, nth, delta));
}

/** The range of the `nth` occurrence of `needle` (or of `part` inside it, when given). */
export function rangeOf(text: string, needle: string, nth = 0, part?: string): Range {
  const start = offsetOf(text, needle, nth) + (part !== undefined ? needle.indexOf(part) : 0);
  return { start: positionAt(text, start), end: positionAt(text, start + (part ?? needle).length) };
}

/** A range from two (line, character) pairs. */
export function range(sl: number, sc: number, el: number, ec: number): Range {
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

/** A small programme with a bit of everything, shared by several feature tests. */
export const SAMPLE = `---
title: Testprogram
year: 2027
---
# Innledning

Dette er innledningen.

# 1. Arbeid og næring {#arbeid}

Partiet vil *mye*:

1. Skape flere arbeidsplasser i hele landet, og styrke
lokalt næringsliv. {#flere-jobber}

2. Innføre lærlingplassgaranti, se også [[#flere-jobber]].
- for ungdom under 25
- for voksne som tar fagbrev

// Kommentar: dette tiltaket er omstridt.
// Andre linje.
3. Styrke trepartssamarbeidet, se [[1.1]] og [[#Flere-Jobber]].

## 1.1 Industri {#industri}

4. Bygge ut grønn industri (se [[2.1]] og [[9.9]]).

# 2. Klima og natur

1. Kutte utslipp i tråd med [[ #arbeid ]] og [[#industri]].
`;
