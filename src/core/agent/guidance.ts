// A person's way into a run while it works: guidance queued for the model's next turn, and a pause
// that lets the tool call under way finish and holds the next model request until resumed. The
// runner reads it between turns only, so approvals, reviews and hooks go on while it is paused.

export interface GuidanceMessage {
  text: string;
  /** Who sent it: `you`, a hook's name… */
  from: string;
}

/** Guidance a run may hold before the model takes it; more is refused rather than grown without bound. */
export const MAX_QUEUED_GUIDANCE = 20;

export class RunGuidance {
  private readonly queue: GuidanceMessage[] = [];
  private paused = false;
  private waiters: Array<() => void> = [];
  private readonly listeners = new Set<() => void>();

  /** Queues a message for the next model turn; false when the queue is full or the text empty. */
  send(text: string, from: string): boolean {
    const trimmed = text.trim();
    if (!trimmed || this.queue.length >= MAX_QUEUED_GUIDANCE) return false;
    this.queue.push({ text: trimmed, from });
    this.changed();
    return true;
  }

  /** The queued messages, oldest first; the queue is empty afterwards. */
  take(): GuidanceMessage[] {
    const taken = this.queue.splice(0);
    if (taken.length) this.changed();
    return taken;
  }

  get pending(): number {
    return this.queue.length;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.changed();
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w());
    this.changed();
  }

  /** Resolves at once when not paused, else on resume or when the signal aborts. */
  whenRunning(signal: AbortSignal): Promise<void> {
    if (!this.paused || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        signal.removeEventListener('abort', done);
        this.waiters = this.waiters.filter((w) => w !== done);
        resolve();
      };
      this.waiters.push(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /** Called on every change (queued, taken, paused, resumed); returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.listeners.forEach((l) => l());
  }
}

/** The user message that carries guidance into the conversation. */
export function guidancePrompt(message: GuidanceMessage): string {
  return `Guidance from ${message.from}, sent while you work (it takes precedence over your plan where they differ):\n\n${message.text}`;
}
