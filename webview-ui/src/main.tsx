// The webview app's entry: one protocol client per page, then the app.
import '@vscode/codicons/dist/codicon.css';
import './styles.css';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './follow/ErrorBoundary';
import { FollowApp } from './follow/FollowApp';
import { HostClient } from './host/client';
import { vscodeApi } from './host/vscode-api';

const root = document.getElementById('root');
if (root) {
  const api = vscodeApi();
  const client = new HostClient(api);
  // The follow log is the same bundle with another root; the extension names the view in the page.
  createRoot(root).render(
    root.dataset.view?.startsWith('follow') ? (
      <ErrorBoundary what="The follow log" retry>
        <FollowApp client={client} api={api} />
      </ErrorBoundary>
    ) : (
      <App client={client} api={api} />
    ),
  );
}
