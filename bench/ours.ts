// The bench bundle's entry: our analysis functions, bundled by bench/run.mjs into bench/dist/ours.cjs.
/**
 * What `npm run bench` measures of ours, re-exported from the server sources so that esbuild bundles
 * them the way the CLI and the language server are bundled (minified off, target node20): `parse`
 * (syntax only), `analyse` (parse + model + every registered rule family), `analyseText` (parse +
 * model, no rules) and `documentSymbols` (the outline of a model).
 */
export { parse } from '../server/src/syntax/index';
export { analyse } from '../server/src/rules/index';
export { analyseText } from '../server/src/model/reading';
export { documentSymbols } from '../server/src/features/outline';
