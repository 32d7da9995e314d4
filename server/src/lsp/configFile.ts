/**
 * The language server's side of `.programmerc.json`: reads a config file with the CLI's loader
 * (cli/configFile.ts, so that both front ends find and read the same file the same way) and turns its
 * problems into diagnostics on the config file, with code {@link CONFIG_DIAGNOSTIC_CODE}.
 */
import { readFileSync } from 'node:fs';
import { loadConfigFile } from '../cli/configFile';
import type { ConfigProblem } from '../model/config';
import type { Diagnostic } from '../syntax/span';
import type { ConfigFileState } from './configStore';

export { CONFIG_FILE_NAME, findConfigFile } from '../cli/configFile';

/** The code of a diagnostic on a config file (not a rule: it cannot be turned off). */
export const CONFIG_DIAGNOSTIC_CODE = 'config';

/**
 * Reads and checks the config file `file` (absolute path). Never throws. A file with problems gives
 * no config (the defaults and the client's settings apply) and one error diagnostic per problem, at
 * the key or value at fault when known, else at the start of the file; offsets index `text`.
 */
export function readConfigFile(file: string): ConfigFileState {
  const reading = loadConfigFile(file);
  if (reading.problems.length === 0) return { file, text: '', config: reading.config, diagnostics: [] };
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    text = '';
  }
  return { file, text, diagnostics: reading.problems.map((p) => configDiagnostic(p, text.length)) };
}

/** One config problem as a diagnostic: `Configuration error at PATH: MESSAGE The defaults apply until it is fixed.` */
export function configDiagnostic(problem: ConfigProblem, textLength: number): Diagnostic {
  const at = problem.path !== '' ? ` at ${problem.path}` : '';
  const span = problem.span !== undefined && problem.span.end <= textLength ? problem.span : { start: 0, end: 0 };
  return {
    code: CONFIG_DIAGNOSTIC_CODE,
    severity: 'error',
    message: `Configuration error${at}: ${problem.message} The defaults apply until it is fixed.`,
    span,
  };
}
