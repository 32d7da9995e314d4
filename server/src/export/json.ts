/** The programme as data (docs/export.md, "JSON"; schemas/export.schema.json). STUB: to be written. */
import type { Programme } from '../model/programme';
import type { Publication } from './document';

/** The JSON value of `pub` (see schemas/export.schema.json). */
export function renderJson(pub: Publication, p: Programme): unknown {
  return { title: pub.title.title ?? null, measures: p.measures.length };
}
