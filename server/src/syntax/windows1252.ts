/**
 * Windows-1252's characters for the bytes 0x80–0x9F (WHATWG's encoding table), where Latin-1 (and
 * Node's decoder without full ICU) has C1 control characters: the dashes, quotes and euro sign of text
 * saved by Word. The checker uses it to name what a stray C1 control was (`rules/fold.ts`); the import
 * uses it to read text that is not UTF-8 (`import/index.ts`).
 */
const HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/**
 * The Windows-1252 character of `byte` (0–255): for 0x80–0x9F the table's character (the five bytes
 * Windows-1252 leaves unassigned stay their C1 control), otherwise the Latin-1 character of the byte.
 */
export function windows1252Character(byte: number): string {
  return byte >= 0x80 && byte <= 0x9f ? HIGH[byte - 0x80] : String.fromCharCode(byte);
}
