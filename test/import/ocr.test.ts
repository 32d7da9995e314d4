import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { repairOcr } from '../../server/src/import/ocr';
import type { PageLine } from '../../server/src/import/outline';
import { spellerFor } from '../../server/src/import/speller';
import { loadSpeller } from '../../server/src/node/dictionaries';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function linesOf(...texts: string[]): PageLine[] {
  return texts.map((text, line) => ({ text, place: { page: 1, line } }));
}

const norsk = spellerFor([
  'ønske', 'økende', 'løsninger', 'på', 'å', 'sikre', 'gjøre', 'skole', 'næring', 'arbeid', 'og', 'vi', 'vil',
  'for', 'et', 'godt', 'tilbud', 'til', 'alle', 'gode', 'kommunen', 'skal', 'kjøpe', 'nye', 'bøker', 'være',
  'læring', 'gjennomføre', 'Tromsø', 'også', 'går', 'mål', 'Ås', 'Ørsta', 'kunne', 'delta', 'ha', 'bygge', 'fem',
  'må', 'bør', 'bor', 'sørge', 'lære', 'mor', 'mør', 'løpe', 'bidra', 'med',
]);

describe('import: OCR letter repair', () => {
  it('repairs words that become exactly one dictionary word, and notes each', () => {
    const { lines, notes } = repairOcr(linesOf('Vi vil gnske gode Igsninger pa skole og naering.', 'Et godt tilbud for leering, ogsa i Troms0.'), norsk, 'nb');
    assert.deepEqual(
      lines.map((l) => l.text),
      ['Vi vil ønske gode løsninger på skole og næring.', 'Et godt tilbud for læring, også i Tromsø.'],
    );
    assert.deepEqual(notes, [
      { code: 'ocr', place: { page: 1, line: 0 }, before: 'gnske', after: 'ønske' },
      { code: 'ocr', place: { page: 1, line: 0 }, before: 'Igsninger', after: 'løsninger' },
      { code: 'ocr', place: { page: 1, line: 0 }, before: 'pa', after: 'på' },
      { code: 'ocr', place: { page: 1, line: 0 }, before: 'naering', after: 'næring' },
      { code: 'ocr', place: { page: 1, line: 1 }, before: 'leering', after: 'læring' },
      { code: 'ocr', place: { page: 1, line: 1 }, before: 'ogsa', after: 'også' },
      { code: 'ocr', place: { page: 1, line: 1 }, before: 'Troms0', after: 'Tromsø' },
    ]);
  });

  it('keeps the case of the word: Gnske → Ønske, GNSKE → ØNSKE, PA among capitals → PÅ', () => {
    const { lines } = repairOcr(linesOf('Gnske for skolen.', 'VI VIL BYGGE PA FEM GNSKE'), norsk, 'nb');
    assert.deepEqual(lines.map((l) => l.text), ['Ønske for skolen.', 'VI VIL BYGGE PÅ FEM ØNSKE']);
  });

  it('leaves words alone with no dictionary word, or several, in reach (no note)', () => {
    // `mqr` and `xyz` have no confusion; `ma` is no word, `må` is.
    const { lines, notes } = repairOcr(linesOf('Alle mqr og xyz skal lære.', 'Skolen ma ha godt tilbud.'), norsk, 'nb');
    assert.deepEqual(lines.map((l) => l.text), ['Alle mqr og xyz skal lære.', 'Skolen må ha godt tilbud.']);
    assert.deepEqual(notes.map((n) => `${n.before}→${n.after}`), ['ma→må']);
    // `sgr` → sør and `sar` → sår, one each; `sor` → sør.
    assert.equal(repairOcr(linesOf('mot sgr og sar, sor'), spellerFor(['mot', 'og', 'sør', 'sår']), 'nb').lines[0]!.text, 'mot sør og sår, sør');
    // `boar` → bøar, boår, bøår: none known.
    assert.deepEqual(repairOcr(linesOf('boar'), spellerFor(['bør', 'bår']), 'nb').notes, []);
    // `bor` could be bør, but `bor` is a word: untouched.
    assert.deepEqual(repairOcr(linesOf('de bor her'), spellerFor(['bor', 'bør', 'de', 'her']), 'nb').notes, []);
    // Two candidates (`sgra` → søra and sgrå): unchanged.
    assert.deepEqual(repairOcr(linesOf('sgra'), spellerFor(['søra', 'sgrå']), 'nb').notes, []);
  });

  it('a before a word and a standalone 3 before an infinitive become å; list markers stay', () => {
    const { lines, notes } = repairOcr(
      linesOf('Vi vil a sikre og 3 gjøre, til 3 delta og for a bygge.', 'a) skole for alle', 'Vi vil også (a) bygge', 'for 3 nye bøker', 'gjennom a:'),
      norsk,
      'nb',
    );
    assert.deepEqual(lines.map((l) => l.text), [
      'Vi vil å sikre og å gjøre, til å delta og for å bygge.',
      'a) skole for alle',
      'Vi vil også (a) bygge',
      'for 3 nye bøker',
      'gjennom å:',
    ]);
    assert.equal(notes.length, 5);
  });

  it('is stricter with capitalised words inside a sentence (names): one place only', () => {
    // Lgvas needs two places (g → ø, a → å): at a sentence start it is repaired, inside a sentence
    // not; Orsta needs one place.
    const { lines } = repairOcr(linesOf('Lgvas bor i Ørsta.', 'Han bor i Lgvas og Orsta.'), spellerFor(['Ørsta', 'han', 'og', 'i', 'bor', 'Løvås']), 'nb');
    assert.deepEqual(lines.map((l) => l.text), ['Løvås bor i Ørsta.', 'Han bor i Lgvas og Ørsta.']);
  });

  it('skips numbers, mixed digits, addresses and words split at a line end', () => {
    const { lines, notes } = repairOcr(
      linesOf('I 2023 og 2g skal www.skole-pa.no og post@gnske.no stå.', 'Vi vil gnske-', 'gnske skole'),
      norsk,
      'nb',
    );
    assert.deepEqual(lines.map((l) => l.text), ['I 2023 og 2g skal www.skole-pa.no og post@gnske.no stå.', 'Vi vil gnske-', 'gnske skole']);
    assert.deepEqual(notes, []);
  });

  it('German: ü, ö, ä and ß', () => {
    const deutsch = spellerFor(['für', 'über', 'Schüler', 'schön', 'schon', 'alle', 'Gute', 'Straße', 'Städte', 'groß', 'die', 'und', 'Schule', 'gut']);
    const { lines, notes } = repairOcr(linesOf('Gute Schule fur alle Schuler uber die StraBe und Stra13e, schon gut.', 'Grosse Stadte'), deutsch, 'de');
    assert.deepEqual(lines.map((l) => l.text), ['Gute Schule für alle Schüler über die Straße und Straße, schon gut.', 'Grosse Städte']);
    assert.deepEqual(notes.map((n) => `${n.before}→${n.after}`), ['fur→für', 'Schuler→Schüler', 'uber→über', 'StraBe→Straße', 'Stra13e→Straße', 'Stadte→Städte']);
  });

  it('keeps every other character and the line fields exactly', () => {
    const input: PageLine[] = [{ text: '  «Vi vil gnske»  –  og  pa!  ', place: { page: 2, line: 7 }, x: 36, size: 11, bold: true }];
    const { lines } = repairOcr(input, norsk, 'nb');
    assert.deepEqual(lines, [{ text: '  «Vi vil ønske»  –  og  på!  ', place: { page: 2, line: 7 }, x: 36, size: 11, bold: true }]);
    const clean = linesOf('Vi vil ønske gode løsninger.');
    assert.equal(repairOcr(clean, norsk, 'nb').lines[0], clean[0]);
  });

  describe('with the real dictionaries', () => {
    it('repairs an invented Bokmål and German text', () => {
      const nb = loadSpeller('nb')!;
      const { lines } = repairOcr(
        linesOf('Arbeid og naering', 'Vi vil gjennomfgre et lgft for skolen, og sikre at alle far et godt tilbud pa', 'kommunen sin skole for a leere mer.'),
        nb,
        'nb',
      );
      assert.deepEqual(lines.map((l) => l.text), [
        'Arbeid og næring',
        'Vi vil gjennomføre et løft for skolen, og sikre at alle far et godt tilbud på',
        'kommunen sin skole for å lære mer.',
      ]);
      const de = loadSpeller('de')!;
      assert.deepEqual(repairOcr(linesOf('Wir wollen fur alle Schuler eine gute Schule.'), de, 'de').lines[0]!.text, 'Wir wollen für alle Schüler eine gute Schule.');
    });

    it('makes no repair in the clean Bokmål of docs/nb', () => {
      const nb = loadSpeller('nb')!;
      const folder = path.join(root, 'docs/nb');
      const repairs: string[] = [];
      for (const file of readdirSync(folder).filter((f) => f.endsWith('.md')).sort()) {
        const text = readFileSync(path.join(folder, file), 'utf8');
        const { notes } = repairOcr(linesOf(...text.split('\n')), nb, 'nb');
        for (const n of notes) repairs.push(`${file}:${n.place!.line + 1} ${n.before}→${n.after}`);
      }
      assert.deepEqual(repairs, []);
    });
  });
});
