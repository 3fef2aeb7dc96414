// The webview app's entry: one protocol client per page, then the app.
import '@vscode/codicons/dist/codicon.css';
import './styles.css';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { HostClient } from './host/client';
import { vscodeApi } from './host/vscode-api';

const root = document.getElementById('root');
if (root) {
  const api = vscodeApi();
  createRoot(root).render(<App client={new HostClient(api)} api={api} />);
}
