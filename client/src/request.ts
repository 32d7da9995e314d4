/**
 * A request to the language server on behalf of a command ("Import Document…", "Export…"): with a
 * progress message in the status bar while it runs, and an error message when it fails or the server
 * has no answer.
 */
import * as vscode from 'vscode';

/** The error messages of a request, whole sentences in the language of the messages. */
export interface RequestMessages {
  /** The request failed (`why`: the error's message). */
  failed(why: string): string;
  /** The server answered null (it logged why). */
  unanswered(): string;
}

/**
 * Runs `request` with the progress message `title` in the status bar; resolves to its answer, or to
 * undefined once it has told the user that it failed or answered null.
 */
export async function askServer<T>(title: string, request: () => Promise<T | null>, messages: RequestMessages): Promise<T | undefined> {
  let answer: T | null;
  try {
    answer = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, request);
  } catch (error) {
    void vscode.window.showErrorMessage(messages.failed(error instanceof Error ? error.message : String(error)));
    return undefined;
  }
  if (answer === null) {
    void vscode.window.showErrorMessage(messages.unanswered());
    return undefined;
  }
  return answer;
}
