// The extension host's console reaches the workbench page's console, styled with %c. This turns a
// page console message back into plain text and tells extension-host output from workbench noise.

/** Plain text of a console message: %c directives and their CSS arguments removed. */
export async function plainText(message) {
  const values = [];
  for (const arg of message.args()) {
    values.push(await arg.jsonValue().catch(() => String(arg)));
  }
  if (values.length === 0) return message.text();
  const parts = [];
  let i = 0;
  while (i < values.length) {
    const value = values[i++];
    if (typeof value === 'string' && value.includes('%c')) {
      const directives = value.match(/%c/g).length;
      i += directives; // the CSS strings that style this format string
      parts.push(value.replace(/%c/g, ''));
    } else {
      parts.push(typeof value === 'string' ? value : JSON.stringify(value));
    }
  }
  return parts.join(' ');
}

const extensionHostTag = /^\s*\[Extension Host\]\s?/;

/** Extension-host output without its tag, or undefined for the workbench's own messages. */
export function extensionHostLine(text) {
  return extensionHostTag.test(text) ? text.replace(extensionHostTag, '') : undefined;
}
