// Virtual documents for the diff editor: the text of a file before (or, when the file moved on,
// after) one edit of a run, on the `tiller-before:` scheme. Contents are kept per URI for as long
// as the extension runs; each is a single file's text, and only the ones a person opened.
import * as vscode from 'vscode';

export const BEFORE_SCHEME = 'tiller-before';

export class BeforeContent implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** A URI that shows `text` under the file's own name (so the editor picks its language). */
  uri(path: string, runId: string, seq: number, side: 'before' | 'after', text: string): vscode.Uri {
    const uri = vscode.Uri.from({
      scheme: BEFORE_SCHEME,
      path: `/${path}`,
      query: `run=${runId}&seq=${seq}&side=${side}`,
    });
    this.texts.set(uri.toString(), text);
    return uri;
  }
}
