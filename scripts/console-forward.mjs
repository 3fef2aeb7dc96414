// In a test run (extensionTestsPath) the workbench logs the extension host's console through its
// log service, which prints to the page console as ("%c INFO", css, format, ...args): no tag tells
// it from the workbench's own logging. test/integration/index.ts therefore prints begin/end
// markers, and only what lies between them (minus the workbench's "[Component]" lines) is the
// extension host's output.
import { format } from 'node:util';

export const beginMarker = '--- tiller integration tests: begin ---';
export const endMarker = '--- tiller integration tests: end ---';

/** { level, text } of a page console message, with %c styling removed and printf args applied. */
export async function plainMessage(message) {
  const values = [];
  for (const arg of message.args()) values.push(await arg.jsonValue().catch(() => String(arg)));
  if (values.length === 0) return { level: message.type(), text: message.text() };
  let level = message.type();
  if (typeof values[0] === 'string' && values[0].startsWith('%c')) {
    const head = values.shift();
    const styles = head.match(/%c/g).length;
    values.splice(0, styles);
    level = head.replace(/%c/g, '').trim().toLowerCase() || level;
  }
  return { level, text: format(...values) };
}

/** Workbench components log as "[AgentHost] ...", "[Service Worker] ...". */
const workbenchTag = /^\[[A-Z][\w .:-]*\]/;

/** Tracks the markers; returns the line to show on stdout, or undefined for workbench noise. */
export function createExtensionHostFilter() {
  let inside = false;
  return (text) => {
    if (text.includes(beginMarker)) {
      inside = true;
      return undefined;
    }
    if (text.includes(endMarker)) {
      inside = false;
      return undefined;
    }
    return inside && !workbenchTag.test(text) ? text : undefined;
  };
}
