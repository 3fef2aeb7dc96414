// The diagram bundle (dist/webview/mermaid.js): mermaid itself, loaded by the main bundle only when
// a document holds a ```mermaid block (load-diagram-renderer.ts), so a spec without diagrams
// never fetches or parses it. It registers one renderer on window and nothing else.
import mermaid, { type MermaidConfig } from 'mermaid';
import { RENDERER_GLOBAL, type DiagramRenderer, type DiagramTheme, type RendererWindow } from './diagram-renderer';

/** Mermaid has no high-contrast theme: its `base` theme from the editor's own colours. */
function themeConfig(theme: DiagramTheme): Pick<MermaidConfig, 'theme' | 'themeVariables'> {
  if (theme.kind === 'dark') return { theme: 'dark' };
  if (theme.kind === 'light') return { theme: 'default' };
  const { background, foreground, border } = theme;
  return {
    theme: 'base',
    themeVariables: {
      darkMode: theme.kind === 'high-contrast',
      background,
      primaryColor: background,
      secondaryColor: background,
      tertiaryColor: background,
      mainBkg: background,
      primaryTextColor: foreground,
      secondaryTextColor: foreground,
      tertiaryTextColor: foreground,
      textColor: foreground,
      lineColor: foreground,
      primaryBorderColor: border,
      secondaryBorderColor: border,
      tertiaryBorderColor: border,
      clusterBkg: background,
      clusterBorder: border,
      edgeLabelBackground: background,
      noteBkgColor: background,
      noteTextColor: foreground,
      noteBorderColor: border,
    },
  };
}

let configured = '';
let sequence = 0;
/** One render at a time: mermaid's configuration is global, and a theme change re-initializes it. */
let queue: Promise<unknown> = Promise.resolve();

async function renderNow(source: string, theme: DiagramTheme): Promise<string> {
  const key = JSON.stringify(theme);
  if (key !== configured) {
    mermaid.initialize({
      startOnLoad: false,
      // Strict: labels are text, click handlers and links in the source are dropped, and the
      // SVG goes through mermaid's DOMPurify pass before render() returns it.
      securityLevel: 'strict',
      // A parse error is thrown to the caller, who shows it beside the source; mermaid must not
      // draw its own error graphic into the page.
      suppressErrorRendering: true,
      fontFamily: theme.fontFamily,
      ...themeConfig(theme),
    });
    configured = key;
  }
  const id = `tiller-diagram-${++sequence}`;
  try {
    const { svg } = await mermaid.render(id, source);
    return svg;
  } finally {
    // render() measures in a scratch element it normally removes; not always after an error.
    document.getElementById(`d${id}`)?.remove();
    document.getElementById(id)?.remove();
  }
}

const renderer: DiagramRenderer = {
  render(source, theme) {
    const result = queue.then(() => renderNow(source, theme));
    queue = result.catch(() => undefined);
    return result;
  },
};

(window as RendererWindow)[RENDERER_GLOBAL] = renderer;
