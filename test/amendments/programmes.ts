/**
 * The small programmes the amendment tests amend. `SKOLE`'s printed draft (80 wide) is: 1 "1. Skole";
 * 2–3 measure 1.1; 4–5 measure 1.2. `SKOLE_WITH_REFERENCES` adds measure 1.3 (line 6) and references
 * by number. `runIn` runs the CLI in a folder.
 */
import { main } from '../../server/src/cli/main';

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

/**
 * Runs `programme ARGV` in `dir` with an English terminal; what it wrote to standard output (text as
 * written) and to standard error (lines joined), and its exit code.
 */
export async function runIn(dir: string, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const code = await main(argv, { out: (t) => out.push(`${t}\n`), err: (t) => err.push(t), write: (t) => out.push(t), env: { LANG: 'en_US.UTF-8' } });
    return { code, out: out.join(''), err: err.join('\n') };
  } finally {
    process.chdir(cwd);
  }
}
