// The webview app's entry. The webview issue fills it with the spec view and follow log.
import { createRoot } from 'react-dom/client';

function App() {
  return <main className="tiller-app" />;
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<App />);
