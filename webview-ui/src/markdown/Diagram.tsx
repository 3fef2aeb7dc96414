// A ```mermaid block: the diagram, with its source one click away. Until the renderer has drawn
// it, and whenever it cannot, the source shows as the code block it is; a parse error is shown
// beside it in mermaid's words. The only markup from a document that reaches the page is
// mermaid's SVG, which securityLevel 'strict' has run through DOMPurify (mermaid-entry.ts); it is
// parsed in an inert document and imported (importSvg), never assigned to innerHTML.
import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { DiagramTheme, ThemeKind } from './diagram-renderer';
import { loadDiagramRenderer } from './load-diagram-renderer';

type Drawn =
  | { state: 'rendering' }
  | { state: 'rendered'; key: string; svg: SVGSVGElement }
  | { state: 'failed'; message: string };

/**
 * Markup already drawn, by theme and source: switching tabs remounts the document, and a drawn
 * diagram should come back at once (and at its height, so the tab's saved scroll position holds).
 */
const drawnBefore = new Map<string, string>();
const REMEMBERED = 64;

function remember(key: string, markup: string): void {
  drawnBefore.delete(key);
  drawnBefore.set(key, markup);
  if (drawnBefore.size > REMEMBERED) drawnBefore.delete(drawnBefore.keys().next().value as string);
}

export function Diagram({ source, children }: { source: string; children: ReactNode }) {
  const theme = useDiagramTheme();
  const key = `${theme}\n${source}`;
  const [drawn, setDrawn] = useState<Drawn>(() => {
    const markup = drawnBefore.get(key);
    return markup === undefined ? { state: 'rendering' } : { state: 'rendered', key, svg: importSvg(markup) };
  });
  const [showSource, setShowSource] = useState(false);

  useEffect(() => {
    const markup = drawnBefore.get(key);
    if (markup !== undefined) {
      setDrawn((d) =>
        d.state === 'rendered' && d.key === key ? d : { state: 'rendered', key, svg: importSvg(markup) },
      );
      return;
    }
    let current = true;
    // A diagram already drawn stays until its new drawing (another theme, edited source) is ready.
    setDrawn((d) => (d.state === 'rendered' ? d : { state: 'rendering' }));
    loadDiagramRenderer()
      .then((renderer) => renderer.render(source, JSON.parse(theme) as DiagramTheme))
      .then((markup) => {
        const svg = importSvg(markup);
        remember(key, markup);
        return svg;
      })
      .then(
        (svg) => current && setDrawn({ state: 'rendered', key, svg }),
        (err: unknown) => current && setDrawn({ state: 'failed', message: errorMessage(err) }),
      );
    return () => {
      current = false;
    };
  }, [key, source, theme]);

  const diagram = drawn.state === 'rendered' && !showSource;
  return (
    <figure className="diagram" data-state={drawn.state}>
      {drawn.state === 'rendered' && (
        <button
          type="button"
          className="diagram-toggle"
          aria-pressed={showSource}
          title={showSource ? 'Show the diagram' : 'Show the Mermaid source'}
          onClick={() => setShowSource((s) => !s)}
        >
          <span className="codicon codicon-code" aria-hidden="true" /> Source
        </button>
      )}
      {drawn.state === 'rendering' && <p className="diagram-status">Rendering diagram…</p>}
      {drawn.state === 'failed' && (
        <p className="diagram-error" role="status">
          <span className="codicon codicon-warning" aria-hidden="true" /> This diagram cannot be drawn:{' '}
          <span className="diagram-error-message">{drawn.message}</span>
        </p>
      )}
      {diagram ? <SvgHost svg={drawn.svg} /> : children}
    </figure>
  );
}

function SvgHost({ svg }: { svg: SVGSVGElement }) {
  const host = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    host.current?.replaceChildren(svg);
  }, [svg]);
  return <div className="diagram-svg" ref={host} />;
}

/**
 * Mermaid's markup as a node of this page, parsed in an inert document (no script runs, nothing
 * loads) and imported. Parsed as HTML, not as SVG: mermaid serializes its SVG the way HTML does
 * (labels are HTML in <foreignObject>, `<br>` unclosed, `&nbsp;`), which an XML parser rejects.
 */
function importSvg(markup: string): SVGSVGElement {
  const body = new DOMParser().parseFromString(markup, 'text/html').body;
  const root = body.firstElementChild;
  if (body.childElementCount !== 1 || !(root instanceof SVGSVGElement) || root.localName !== 'svg') {
    throw new Error('The diagram renderer returned something other than one SVG image.');
  }
  const svg = document.importNode(root, true);
  // Mermaid scales a diagram down to the box's width, which leaves a wide one's labels too small
  // to read; at its own size it scrolls sideways instead (.diagram-svg).
  const { width, height } = svg.viewBox.baseVal;
  if (width > 0 && height > 0) {
    svg.setAttribute('width', String(Math.ceil(width)));
    svg.setAttribute('height', String(Math.ceil(height)));
    svg.style.removeProperty('max-width');
  }
  return svg;
}

function errorMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.trim() || 'Mermaid gave no reason.';
}

// The theme as a string (so effects compare it by value), read from what VS Code sets on the page:
// the body's theme class and the CSS variables on <html>. Both change when the user switches theme.
function useDiagramTheme(): string {
  return useSyncExternalStore(subscribeTheme, readTheme);
}

function subscribeTheme(changed: () => void): () => void {
  const observer = new MutationObserver(changed);
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style'] });
  return () => observer.disconnect();
}

function readTheme(): string {
  const classes = document.body.classList;
  const kind: ThemeKind = classes.contains('vscode-high-contrast-light')
    ? 'high-contrast-light'
    : classes.contains('vscode-high-contrast')
      ? 'high-contrast'
      : classes.contains('vscode-light')
        ? 'light'
        : 'dark';
  const css = getComputedStyle(document.documentElement);
  const variable = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  const dark = kind === 'dark' || kind === 'high-contrast';
  const theme: DiagramTheme = {
    kind,
    fontFamily: variable('--vscode-font-family', 'sans-serif'),
    background: variable('--vscode-editor-background', dark ? '#000000' : '#ffffff'),
    foreground: variable('--vscode-editor-foreground', dark ? '#ffffff' : '#000000'),
    border: variable('--vscode-contrastBorder', dark ? '#ffffff' : '#000000'),
  };
  return JSON.stringify(theme);
}
