/**
 * The small programmes the amendment tests amend. `SKOLE`'s printed draft (80 wide) is: 1 "1. Skole";
 * 2–3 measure 1.1; 4–5 measure 1.2. `SKOLE_WITH_REFERENCES` adds measure 1.3 (line 6) and references
 * by number.
 */
export const SKOLE = `---
title: Skole
lang: nb
---
# 1. Skole

1. Gi alle elever et gratis skolemåltid hver dag, laget av lokale råvarer der det er mulig.

2. Ansette flere lærere, helsesykepleiere og miljøarbeidere, slik at alle elever blir sett.
`;

export const SKOLE_WITH_REFERENCES = `${SKOLE.replace('blir sett.\n', 'blir sett. Se også [[1.1]].\n')}
3. Bygge nye skoler der barna bor (se [[1.2]]).
`;
