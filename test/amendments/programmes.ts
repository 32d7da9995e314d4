/**
 * The small programmes the amendment tests amend. `SKOLE`'s printed draft (80 wide) is: 1 "1. Skole";
 * 2–3 measure 1.1; 4–5 measure 1.2. `SKOLE_WITH_REFERENCES` adds measure 1.3 (line 6) and references
 * by number. `runIn` runs the CLI in a folder.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../server/src/cli/main';
import { BUNDLES } from '../../server/src/l10n/index';

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
 * Runs `programme ARGV` in `dir` with an English terminal (or the environment `env`); what it wrote to standard output (text as
 * written) and to standard error (lines joined), and its exit code.
 */
export async function runIn(dir: string, argv: string[], env: Record<string, string> = { LANG: 'en_US.UTF-8' }): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const code = await main(argv, { out: (t) => out.push(`${t}\n`), err: (t) => err.push(t), write: (t) => out.push(t), env });
    return { code, out: out.join(''), err: err.join('\n') };
  } finally {
    process.chdir(cwd);
  }
}

/**
 * Puts the translations of the parts files (server/src/l10n/parts/*.{nb,nn,de}.json, not yet merged
 * into the bundles) into the bundles, as `node scripts/l10n.mjs --merge` will: outputs in nb, nn and de
 * are then what they will be after the merge, before and after it. Returns the function that takes
 * them out again.
 */
export function withPartTranslations(): () => void {
  const added: [Record<string, unknown>, string][] = [];
  const dir = fileURLToPath(new URL('../../server/src/l10n/parts/', import.meta.url));
  for (const language of ['nb', 'nn', 'de'] as const) {
    const bundle = BUNDLES[language] as Record<string, unknown>;
    for (const file of existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(`.${language}.json`)) : []) {
      for (const [key, value] of Object.entries(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, string>)) {
        if (key in bundle) continue;
        bundle[key] = value;
        added.push([bundle, key]);
      }
    }
  }
  return () => {
    for (const [bundle, key] of added) delete bundle[key];
  };
}
