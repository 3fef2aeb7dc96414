// What a person may trust, as plain data: shared with the webview through src/protocol.ts, so
// this file imports nothing.
export type TrustLevel = 'exact' | 'subcommand' | 'program';

export interface TrustChoice {
  level: TrustLevel;
  pattern: string;
}

export interface TrustOption {
  /** The simple command as the checker shows it. */
  command: string;
  /** Narrowest first; empty when no pattern can allow this command (it will always ask). */
  choices: TrustChoice[];
}
