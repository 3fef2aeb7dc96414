// A streamed answer from an API that takes a cancellation but may not honour it (vscode.lm: the
// model behind it belongs to another extension), read under a Deadline. The wait for the answer
// to start and every silence between its parts end when the deadline fires, however the API
// behaves: each await is raced against the deadline's signal, and the caller's cancel fires it
// too. The answer has started with its first part, not when the API hands over the stream
// (vscode.lm does that at once). The caller asks the deadline why (`reason()`) when this throws
// DeadlineFired.
import type { Deadline } from './deadline';

export class DeadlineFired extends Error {
  constructor() {
    super('the request was stopped');
  }
}

export async function* readUnderDeadline<T>(start: Promise<AsyncIterable<T>>, deadline: Deadline): AsyncGenerator<T> {
  const stream = await raced(start, deadline.signal);
  const parts = stream[Symbol.asyncIterator]();
  let done = false;
  let started = false;
  try {
    for (;;) {
      const next = await raced(parts.next(), deadline.signal);
      if (next.done) {
        done = true;
        return;
      }
      if (started) deadline.touch();
      else deadline.responseStarted();
      started = true;
      yield next.value;
    }
  } finally {
    // A stream left behind (timeout, cancel, a consumer that stopped) is told to end; a stream
    // that does not listen is simply no longer read.
    if (!done) void Promise.resolve(parts.return?.()).catch(() => undefined);
  }
}

function raced<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(new DeadlineFired());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new DeadlineFired());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
