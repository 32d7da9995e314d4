/**
 * The client's message bundles (client/l10n/, extracted by `npm run l10n`) and the choice of language,
 * which is the server's (server/src/l10n/index.ts: `editorLanguage`, `languageOfTag`).
 */
import nb from '../l10n/bundle.l10n.nb.json';
import nn from '../l10n/bundle.l10n.nn.json';
import de from '../l10n/bundle.l10n.de.json';
import type { Language } from '../../server/src/l10n/index';

export { editorLanguage, languageOfTag, type Language, type LanguageSetting } from '../../server/src/l10n/index';

/** The client's translations per language; English is the source and has none. */
export const BUNDLES: Readonly<Record<Language, Record<string, string>>> = { nb, nn, de, en: {} };
