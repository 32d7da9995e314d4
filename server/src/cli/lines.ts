/**
 * `programme lines FILE [--width N] [--restart document|pillar] [--config FILE]`: the programme's printed
 * draft with its line numbers, as a congress cites them in amendments (amendments/lines.ts,
 * docs/amendments.md "Printed line numbers").
 *
 * Output: a header line (the file, the number of lines, the width, how lines are numbered and the
 * draft's fingerprint, in the language of messages), then every printed line: its number right-aligned,
 * two spaces, its text. The width is `--width`, else the front matter's `lineWidth`, else the config's,
 * else 80; the numbering `--restart`, else the config's `lineNumbering`, else `document`.
 *
 * Exit codes, as `programme export`: 0 printed; 1 printed, but the programme has errors (listed on
 * standard error: the draft prints it as it reads); 2 a usage error (a width that is not a whole number
 * from 10 to 1000), or a file or config that could not be read (nothing printed).
 */
import * as l10n from '@vscode/l10n';
import { analyse } from '../rules/index';
import { draftLayout, MAX_LINE_WIDTH, MIN_LINE_WIDTH, type LineNumbering, type PrintedDraft } from '../amendments/lines';
import { publication } from '../export/document';
import { EXIT, type Io } from './io';
import { readOneProgramme, reportErrors, type ProgrammeInput } from './oneProgramme';
import { inLanguage } from '../l10n/index';
import { fileLanguage, type RunLanguage } from './language';

/** Options of `programme lines` as commander gives them (the width as written). */
export interface LinesCommandOptions {
  width?: string;
  restart?: LineNumbering;
  config?: string;
}

/**
 * `--width`'s value as a whole number from {@link MIN_LINE_WIDTH} to {@link MAX_LINE_WIDTH}, or a message
 * for people when it is not one.
 */
export function parseWidth(value: string): { width: number } | { message: string } {
  const trimmed = value.trim();
  const n = /^[0-9]{1,4}$/.test(trimmed) ? Number(trimmed) : NaN;
  if (Number.isInteger(n) && n >= MIN_LINE_WIDTH && n <= MAX_LINE_WIDTH) return { width: n };
  return { message: l10n.t('--width must be a whole number of characters from {0} to {1}, such as 80; found "{2}".', MIN_LINE_WIDTH, MAX_LINE_WIDTH, value) };
}

/**
 * `--width`'s value (undefined: not given); `'bad'` when it is no width, after the message saying so is
 * on standard error.
 */
export function widthOption(value: string | undefined, io: Io): number | undefined | 'bad' {
  if (value === undefined) return undefined;
  const parsed = parseWidth(value);
  if ('width' in parsed) return parsed.width;
  io.err(parsed.message);
  return 'bad';
}

/** Runs `programme lines` on `file`; resolves to the exit code (see the module's comment). */
export async function runLines(file: string, options: LinesCommandOptions, io: Io, language: RunLanguage): Promise<number> {
  const width = widthOption(options.width, io);
  if (width === 'bad') return EXIT.trouble;
  const input = await readOneProgramme(file, options.config, io);
  if (input === undefined) return EXIT.trouble;
  return inLanguage(fileLanguage(language, input.text), () => printLines(input, width, options.restart, io));
}

/** Prints the draft of `input` and its errors; the exit code. */
function printLines({ shownAs, text, config }: ProgrammeInput, width: number | undefined, restart: LineNumbering | undefined, io: Io): number {
  const { programme, diagnostics } = analyse(text, { ...config, rules: { ...config.rules, 'similar-measures': 'off' } });
  const { draft } = draftLayout(programme, publication(programme), { width, restart, config });
  io.out(draftHeader(shownAs, draft));
  for (const line of draftText(draft)) io.out(line);
  return reportErrors(shownAs, programme, diagnostics, io, (count) =>
    count === 1
      ? l10n.t('Printed, but the programme has 1 error (above); it is printed as it reads.')
      : l10n.t('Printed, but the programme has {0} errors (above); they are printed as they read.', count),
  );
}

/**
 * The header line of `programme lines`: the file, the number of lines, the width, the numbering and the
 * fingerprint ("lokalvalget.programme: 217 lines of at most 80 characters, numbered through the
 * document; fingerprint 0a101fbc"), in the language of messages.
 */
export function draftHeader(file: string, draft: PrintedDraft): string {
  const n = draft.lines.length;
  if (draft.restart === 'pillar') {
    return n === 1
      ? l10n.t('{0}: 1 line of at most {1} characters, numbered from 1 in each pillar; fingerprint {2}', file, draft.width, draft.fingerprint)
      : l10n.t('{0}: {1} lines of at most {2} characters, numbered from 1 in each pillar; fingerprint {3}', file, n, draft.width, draft.fingerprint);
  }
  return n === 1
    ? l10n.t('{0}: 1 line of at most {1} characters, numbered through the document; fingerprint {2}', file, draft.width, draft.fingerprint)
    : l10n.t('{0}: {1} lines of at most {2} characters, numbered through the document; fingerprint {3}', file, n, draft.width, draft.fingerprint);
}

/** The draft's lines as `programme lines` prints them: the number right-aligned to the widest, two spaces, the text. */
export function draftText(draft: PrintedDraft): string[] {
  let widest = 1;
  for (const l of draft.lines) widest = Math.max(widest, String(l.number).length);
  return draft.lines.map((l) => (l.text === '' ? String(l.number).padStart(widest) : `${String(l.number).padStart(widest)}  ${l.text}`));
}
