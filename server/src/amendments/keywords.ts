/**
 * The words of the amendment format (docs/amendments.md, "The amendment file"), in Norwegian Bokmål,
 * Nynorsk, German and English. Every word is understood in every file, whatever its `lang`: a German
 * delegate's `Streiche` in a Norwegian file is still a deletion. Words are compared in lower case, NFC.
 *
 * The first word of each list in a language is the one the tool writes itself (the voting list, the
 * completion, a fix); the others are what people also write, the passive forms included (`«…» strykes`,
 * `„…“ wird gestrichen`, `"…" is deleted`).
 */
import type { Language } from '../l10n/index';

/** What an amendment does to the quoted text. */
export type ChangeKind = 'replace' | 'delete' | 'insertAfter';

/** Where an amendment stands: the statuses of congress tools (proposed → recommended → adopted or rejected; withdrawn). */
export type AmendmentStatus = 'proposed' | 'recommended' | 'adopted' | 'rejected' | 'withdrawn';

/** The statuses, in the order of the procedure. */
export const STATUSES: readonly AmendmentStatus[] = ['proposed', 'recommended', 'adopted', 'rejected', 'withdrawn'];

/** A field of an amendment that is written `Keyword: value`. */
export type FieldKind = 'proposer' | 'reason' | 'status' | 'change';

/** The keywords of the fields, per language (without the colon). */
export const FIELD_WORDS: Readonly<Record<FieldKind, Readonly<Record<Language, readonly string[]>>>> = {
  proposer: {
    nb: ['forslagsstiller', 'forslagsstillere', 'fremmet av', 'innsendt av', 'innsender'],
    nn: ['forslagsstillar', 'forslagsstillarar', 'framlegg frå', 'fremja av', 'innsendt av'],
    de: ['antragsteller', 'antragstellerin', 'antragsteller*innen', 'antragstellende', 'eingereicht von', 'antragstellerinnen'],
    en: ['proposer', 'proposers', 'proposed by', 'mover', 'submitted by'],
  },
  reason: {
    nb: ['begrunnelse', 'begrunning'],
    nn: ['grunngjeving', 'grunngiving'],
    de: ['begründung'],
    en: ['reason', 'rationale'],
  },
  status: {
    nb: ['status'],
    nn: ['status'],
    de: ['status'],
    en: ['status'],
  },
  change: {
    nb: ['endring', 'forslag'],
    nn: ['endring', 'framlegg'],
    de: ['änderung'],
    en: ['change', 'amendment'],
  },
};

/**
 * The words that delegates write for "amendment" before its number instead of an id (`Endringsforslag 4`,
 * `Änderungsantrag 4`, `Amendment 4`), per language; the reader makes the id from the language's
 * letter ({@link ID_LETTERS}) and the number: `E4`, `Ä4`, `A4`.
 */
export const ID_WORDS: Readonly<Record<Language, readonly string[]>> = {
  nb: ['endringsforslag', 'forslag'],
  nn: ['endringsframlegg', 'endringsforslag', 'framlegg'],
  de: ['änderungsantrag', 'antrag'],
  en: ['amendment'],
};

/** The letter of an id in each language (docs/amendments.md, "An amendment"): `E1`, `Ä1`, `A1`. */
export const ID_LETTERS: Readonly<Record<Language, string>> = { nb: 'E', nn: 'E', de: 'Ä', en: 'A' };

/** Words that may stand between an id word and its number (`Endringsforslag nr. 4`, `Antrag Nr. 4`, `Amendment no. 4`). */
export const NUMBER_WORDS: readonly string[] = ['nummer', 'number', 'nr.', 'no.', 'nr', 'no'];

/** The words that cite printed lines (`Linje 112`, `Zeilen 3–5`), per language. */
export const LINE_WORDS: Readonly<Record<Language, readonly string[]>> = {
  nb: ['linje', 'linjer', 'linjene', 'l.'],
  nn: ['linje', 'linjer', 'linjene', 'line', 'liner', 'linene'],
  de: ['zeile', 'zeilen', 'z.'],
  en: ['line', 'lines', 'l.', 'll.'],
};

/** The words that name a pillar before a line citation when line numbers restart in each pillar (`Kapittel 2, linje 12`). */
export const PILLAR_WORDS: Readonly<Record<Language, readonly string[]>> = {
  nb: ['kapittel', 'kap.'],
  nn: ['kapittel', 'kap.'],
  de: ['kapitel', 'kap.'],
  en: ['chapter', 'pillar', 'ch.'],
};

/** Words that join the two numbers of a range (`112 til 114`), besides the dashes. */
export const RANGE_WORDS: readonly string[] = ['til', 'bis', 'to', 'through'];

/**
 * Words that join two line numbers as delegates write two neighbouring lines (`Linje 7 og 8`, `Zeilen 7
 * und 8`), and `&`: read as the range of the two when they are neighbours; two lines apart are an error.
 */
export const AND_WORDS: readonly string[] = ['og', 'und', 'and', '&'];

/** The verbs of each change, per language (a verb of two words is written with its space). */
export const CHANGE_WORDS: Readonly<Record<ChangeKind, Readonly<Record<Language, readonly string[]>>>> = {
  replace: {
    nb: ['erstatt', 'endre', 'bytt ut', 'bytt', 'erstattes', 'endres', 'byttes ut', 'byttes'],
    nn: ['byt ut', 'erstatt', 'endre', 'byt', 'erstattast', 'endrast', 'bytast ut', 'bytast'],
    de: ['ersetze', 'ersetzen', 'ändere', 'ändern', 'ersetzt', 'geändert'],
    en: ['replace', 'change', 'substitute', 'replaced', 'changed'],
  },
  delete: {
    nb: ['stryk', 'slett', 'fjern', 'strykes', 'slettes', 'fjernes', 'utgår'],
    nn: ['stryk', 'slett', 'fjern', 'strykast', 'slettast', 'fjernast', 'går ut'],
    de: ['streiche', 'streichen', 'lösche', 'löschen', 'gestrichen', 'gelöscht', 'entfällt'],
    en: ['delete', 'strike', 'remove', 'deleted', 'struck', 'removed'],
  },
  insertAfter: {
    nb: ['sett inn', 'legg til', 'tilføy', 'føy til', 'settes inn', 'legges til', 'tilføyes'],
    nn: ['set inn', 'legg til', 'føy til', 'setjast inn', 'leggjast til', 'føyast til'],
    de: ['füge', 'einfügen', 'ergänze', 'ergänzen', 'füge ein', 'eingefügt', 'ergänzt'],
    en: ['insert', 'add', 'inserted', 'added'],
  },
};

/**
 * Words that ask for a new measure or paragraph (`Nytt punkt etter …`, `Neuer Absatz`, `New measure`):
 * not a change the format can make (it changes words of the draft); the reader says so.
 */
export const NEW_BLOCK_WORDS: { adjectives: readonly string[]; nouns: readonly string[] } = {
  adjectives: ['nytt', 'ny', 'nye', 'new', 'neuer', 'neue', 'neues'],
  nouns: ['punkt', 'tiltak', 'kulepunkt', 'avsnitt', 'kapittel', 'measure', 'paragraph', 'point', 'bullet', 'absatz', 'maßnahme', 'spiegelstrich', 'kapitel'],
};

/** The words that name the text an insertion follows (`etter «…»`). */
export const AFTER_WORDS: readonly string[] = ['etter', 'nach', 'after', 'bak'];

/** The words that would name the text an insertion precedes: not a change of the format (an error says how to write it). */
export const BEFORE_WORDS: readonly string[] = ['før', 'foran', 'vor', 'before'];

/** The words of each status, per language. */
export const STATUS_WORDS: Readonly<Record<AmendmentStatus, Readonly<Record<Language, readonly string[]>>>> = {
  proposed: {
    nb: ['forslag', 'foreslått', 'innsendt', 'innkommet'],
    nn: ['framlegg', 'føreslått', 'foreslått', 'innsendt', 'innkome'],
    de: ['gestellt', 'eingereicht', 'beantragt', 'offen'],
    en: ['proposed', 'submitted', 'open'],
  },
  recommended: {
    nb: ['innstilt', 'anbefalt'],
    nn: ['innstilt', 'tilrådd', 'anbefalt'],
    de: ['empfohlen', 'zur annahme empfohlen'],
    en: ['recommended'],
  },
  adopted: {
    nb: ['vedtatt', 'bifalt'],
    nn: ['vedteke', 'vedtatt', 'vedtekne'],
    de: ['angenommen', 'beschlossen'],
    en: ['adopted', 'accepted', 'carried'],
  },
  rejected: {
    nb: ['avvist', 'falt', 'nedstemt'],
    nn: ['avvist', 'fall', 'falle', 'nedstemt'],
    de: ['abgelehnt'],
    en: ['rejected', 'lost', 'defeated'],
  },
  withdrawn: {
    nb: ['trukket', 'trukket tilbake'],
    nn: ['trekt', 'trekt attende', 'trukke', 'trukket'],
    de: ['zurückgezogen'],
    en: ['withdrawn'],
  },
};

/**
 * Words of a vote's count a secretary writes with a status (`enstemmig vedtatt`, `einstimmig
 * abgelehnt`, `adopted unanimously`): read past, before or after the status word.
 */
export const UNANIMOUS_WORDS: readonly string[] = ['enstemmig', 'einstemmig', 'samrøystes', 'einstimmig', 'unanimously', 'unanimous'];

/** Every word of `table`'s lists, with what it stands for, longest first (so that `bytt ut` wins over `bytt`). */
export function wordsOf<K extends string>(table: Readonly<Record<K, Readonly<Record<Language, readonly string[]>>>>): { word: string; kind: K }[] {
  const out: { word: string; kind: K }[] = [];
  const seen = new Set<string>();
  for (const kind of Object.keys(table) as K[]) {
    for (const list of Object.values(table[kind]) as (readonly string[])[]) {
      for (const word of list) {
        if (seen.has(`${kind}:${word}`)) continue;
        seen.add(`${kind}:${word}`);
        out.push({ word, kind });
      }
    }
  }
  return out.sort((a, b) => b.word.length - a.word.length);
}

/** The first word of `kind` in `language` (the one the tool writes). */
export function wordFor<K extends string>(table: Readonly<Record<K, Readonly<Record<Language, readonly string[]>>>>, kind: K, language: Language): string {
  return table[kind][language][0];
}
