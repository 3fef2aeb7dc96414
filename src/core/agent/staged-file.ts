// One file held in memory for a run: reads, writes and edits of it reach a staged copy, so the
// model works on its draft as if it were on disk while nothing is written until a person accepts
// the whole result (a refinement shown as one diff). Every other path goes to the host as usual.
import { asResult, type WorkspaceFiles } from './files';

export class StagedFile {
  readonly files: WorkspaceFiles;
  private text: string | null;

  /** `path` is physical (symbolic links resolved), as the tools address files. */
  constructor(
    base: WorkspaceFiles,
    private readonly path: string,
    initial: string | null,
  ) {
    this.text = initial;
    const mine = (p: string) => p === this.path;
    this.files = {
      stat: async (p) =>
        mine(p) ? (this.text === null ? null : { kind: 'file', size: Buffer.byteLength(this.text) }) : base.stat(p),
      read: async (p) => (mine(p) ? this.text : base.read(p)),
      write: async (p, text) => {
        if (mine(p)) this.text = text;
        else await base.write(p, text);
      },
      edit: async (p, compute) => {
        if (!mine(p)) return base.edit(p, compute);
        const current = this.text ?? '';
        const result = asResult(current, compute(current));
        this.text = result.text;
        return result;
      },
    };
  }

  /** The staged text now; null while the file neither existed nor was written. */
  current(): string | null {
    return this.text;
  }
}
