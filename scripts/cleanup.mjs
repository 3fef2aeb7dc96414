// One place that tears down what a script started (code-server process groups, browsers, temp
// folders), whichever way the script ends: normal exit, Ctrl-C, SIGTERM from CI, or a crash.
// A code-server left behind keeps its extension host waiting hours for a reconnect and breaks the
// next run on this machine, so every start registers its teardown here first.

// The e2e bundles carry their own copy of this module; one registry per process keeps a single
// set of signal handlers and one teardown order.
const state = (globalThis[Symbol.for('tiller.cleanup')] ??= {
  tasks: new Set(),
  /** Synchronous last-resort teardowns, run from process 'exit' when the async ones never ran. */
  lastResorts: new Set(),
  installed: false,
  running: null,
});
const { tasks, lastResorts } = state;

/** Registers an async teardown; returns a function that unregisters it. */
export function onCleanup(fn, lastResort) {
  install();
  const entry = { fn };
  tasks.add(entry);
  if (lastResort) lastResorts.add(lastResort);
  return () => {
    tasks.delete(entry);
    if (lastResort) lastResorts.delete(lastResort);
  };
}

/** True once teardown has begun (a signal, a crash or the script's own end). */
export function stopping() {
  return state.running !== null;
}

/** Runs every registered teardown, newest first; safe to call more than once. */
export function cleanupAll() {
  if (state.running) return state.running;
  state.running = (async () => {
    const entries = [...tasks].reverse();
    tasks.clear();
    for (const { fn } of entries) {
      try {
        await fn();
      } catch (err) {
        console.error(`cleanup: ${err?.message ?? err}`);
      }
    }
    lastResorts.clear();
  })().finally(() => {
    state.running = null;
  });
  return state.running;
}

function install() {
  if (state.installed) return;
  state.installed = true;
  const onSignal = (signal, code) => {
    console.error(`\n${signal}: stopping what this script started`);
    cleanupAll().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => onSignal('SIGINT', 130));
  process.once('SIGTERM', () => onSignal('SIGTERM', 143));
  process.once('SIGHUP', () => onSignal('SIGHUP', 129));
  process.on('uncaughtException', (err) => {
    console.error(err);
    cleanupAll().finally(() => process.exit(1));
  });
  process.on('unhandledRejection', (err) => {
    console.error(err);
    cleanupAll().finally(() => process.exit(1));
  });
  process.on('exit', () => {
    for (const fn of lastResorts) {
      try {
        fn();
      } catch {
        // The process is exiting; nothing more can be done.
      }
    }
  });
}
