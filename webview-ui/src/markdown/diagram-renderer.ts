// What the diagram bundle (dist/webview/mermaid.js, built from mermaid-entry.ts) hands the main
// bundle. Types and the global's name only: importing this file must never pull mermaid into
// main.js.

/** The VS Code theme kinds, as VS Code marks them on the body (`vscode-dark`, …). */
export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export interface DiagramTheme {
  kind: ThemeKind;
  /** `--vscode-font-family`, so labels match the rest of the view. */
  fontFamily: string;
  /** The editor's colours, for the high-contrast themes (mermaid has none of its own). */
  background: string;
  foreground: string;
  border: string;
}

export interface DiagramRenderer {
  /**
   * Mermaid's SVG markup for source. Mermaid runs with securityLevel 'strict', so the markup has
   * been through its DOMPurify pass (no script, no event handler, labels as text). Rejects with
   * mermaid's own message when the source does not parse.
   */
  render(source: string, theme: DiagramTheme): Promise<string>;
}

/** The diagram bundle sets this when it has run; the loader reads it on the script's load event. */
export const RENDERER_GLOBAL = 'tillerDiagramRenderer';

export type RendererWindow = Window & { [RENDERER_GLOBAL]?: DiagramRenderer };
