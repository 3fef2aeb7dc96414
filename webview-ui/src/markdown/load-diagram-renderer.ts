// Loads the diagram bundle the first time a document needs it, at most once per page: one
// <script> element with this page's nonce (the CSP allows no other script), its address from the
// page (`data-diagram-script` on #root, set by the extension's HTML shell).
import { RENDERER_GLOBAL, type DiagramRenderer, type RendererWindow } from './diagram-renderer';

// The script element running this bundle, read while it runs: afterwards document.currentScript
// is null. Its nonce is readable only as a property (browsers hide the attribute's value).
const ownScript = document.currentScript as HTMLScriptElement | null;

let loading: Promise<DiagramRenderer> | undefined;

export function loadDiagramRenderer(): Promise<DiagramRenderer> {
  loading ??= new Promise<DiagramRenderer>((resolve, reject) => {
    const src = document.getElementById('root')?.dataset.diagramScript;
    if (!src) return reject(new Error('This view has no diagram renderer.'));
    const script = document.createElement('script');
    script.nonce = ownScript?.nonce ?? '';
    script.src = src;
    script.dataset.diagramRenderer = '';
    script.addEventListener('load', () => {
      const renderer = (window as RendererWindow)[RENDERER_GLOBAL];
      if (renderer) resolve(renderer);
      else reject(new Error('The diagram renderer loaded but did not start.'));
    });
    script.addEventListener('error', () => reject(new Error('The diagram renderer could not be loaded.')));
    document.head.appendChild(script);
  });
  return loading;
}
