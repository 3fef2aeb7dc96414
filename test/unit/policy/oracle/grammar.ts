// A seeded generator of bash commands from the constructs SEMANTICS.md names: quoting and ANSI-C
// spellings of words, expansions, here-documents in every delimiter form, substitutions at
// every nesting position, wrappers and wrapper chains, shells reading -c strings and stdin,
// eval, redirections, assignments, arithmetic and subscripts. Every name it produces is a stub,
// a real wrapper or a builtin that cannot leave the sandbox (no cd, no paths, no kill).

/** Mulberry32: small, fast and the same on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Generated {
  command: string;
  /**
   * Denied programs the command names literally where §6 says the checker must find them: when
   * bash runs one of them, the verdict must be deny (not only "not allow").
   */
  literalDeny: string[];
}

interface Frag {
  s: string;
  /** Denied program names written literally in a place the checker must look. */
  deny: string[];
}

const NONE: string[] = [];
const join = (...fs: Frag[]): string[] => fs.flatMap((f) => f.deny);

const ALLOWED = ['git status', 'git status --short', 'ls -la', 'cat f', 'grep -n x f', 'make test', 'git log -1'];
const DENIED = ['rm -rf x', 'curl -s u', 'RM x', 'rm'];
const UNLISTED = ['id', 'wget u', 'git push', 'make install', 'tee out.txt'];
const ASSIGN = ['A=1', 'B=2', 'C=3', 'FOO=bar', 'PAGER=id', 'BASH_ENV=./x', 'LD_PRELOAD=./x.so'];
const DELIMS = ['EOF', "'EOF'", '"EOF"', '\\EOF', 'E\\\nOF', "$'EOF'", '$"EOF"', "$'\\x45OF'", 'E"O"F'];

export class Grammar {
  private readonly r: () => number;
  /** Mostly allowed commands in allowed spellings: where an unsound allow would show. */
  private near = false;

  constructor(seed: number) {
    this.r = rng(seed);
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)];
  }

  private chance(p: number): boolean {
    return this.r() < p;
  }

  generate(): Generated {
    this.near = this.chance(0.4);
    const f = this.list(0);
    return { command: f.s, literalDeny: [...new Set(f.deny)] };
  }

  private list(depth: number): Frag {
    const n = 1 + Math.floor(this.r() * (depth ? 1.5 : 2.5));
    const parts: Frag[] = [];
    for (let i = 0; i < n; i++) parts.push(this.andOr(depth));
    let s = parts[0].s;
    for (let i = 1; i < n; i++) s += this.pick(['; ', '\n', ' && ', ' || ', ' | ']) + parts[i].s;
    return { s, deny: join(...parts) };
  }

  private andOr(depth: number): Frag {
    if (depth > 3) return this.simple(depth);
    const k = this.r();
    if (k < 0.45) return this.simple(depth);
    if (k < 0.62) return this.wrapped(depth);
    if (k < 0.7) return this.heredoc(depth);
    if (k < 0.78) return this.compound(depth);
    if (k < 0.86) return this.special(depth);
    return this.shell(depth);
  }

  /** A simple command: assignments, a command word in some spelling, arguments, redirections. */
  private simple(depth: number): Frag {
    const kind = this.near ? this.r() * 0.7 : this.r();
    const base = kind < 0.62 ? this.pick(ALLOWED) : kind < 0.82 ? this.pick(DENIED) : this.pick(UNLISTED);
    const words = base.split(' ');
    let det = true;
    const extra: Frag[] = [];
    const out: string[] = [];
    if (this.chance(this.near ? 0.05 : 0.15)) out.push(this.pick(ASSIGN));
    if (this.chance(this.near ? 0 : 0.05)) out.push(`A=${this.subst(depth).s}`);
    words.forEach((w, i) => {
      const spelled = this.spell(w, depth, i === 0);
      det &&= spelled.det;
      out.push(spelled.s);
    });
    if (this.chance(this.near ? 0.05 : 0.15)) {
      const a = this.arg(depth);
      out.push(a.s);
      extra.push(a);
    }
    if (this.chance(this.near ? 0.08 : 0.15)) {
      const red = this.redirection(depth);
      out.push(red.s);
      extra.push(red);
    }
    const own = DENIED.includes(base) && det ? [words[0]] : NONE;
    return { s: out.join(' '), deny: [...own, ...join(...extra)] };
  }

  /** A word in one of bash's spellings; `deny` when its value stays fixed by the text (§4). */
  private spell(w: string, depth: number, command: boolean): { s: string; det: boolean } {
    const k = this.near ? this.r() * 0.82 : this.r();
    if (k < 0.6) return { s: w, det: true };
    if (k < 0.55) return { s: `'${w}'`, det: true };
    if (k < 0.6) return { s: `"${w}"`, det: true };
    if (k < 0.64) return { s: `\\${w}`, det: true };
    if (k < 0.68 && w.length > 1) return { s: `${w[0]}''${w.slice(1)}`, det: true };
    if (k < 0.72) return { s: `$'${[...w].map((c) => `\\x${c.charCodeAt(0).toString(16)}`).join('')}'`, det: true };
    if (k < 0.75) return { s: `$'${[...w].map((c) => `\\${c.charCodeAt(0).toString(8)}`).join('')}'`, det: true };
    if (k < 0.78 && w.length > 1) return { s: `${w[0]}\\\n${w.slice(1)}`, det: true };
    if (k < 0.81 && w.length > 1) return { s: `"${w[0]}\\\n${w.slice(1)}"`, det: true };
    if (k < 0.84) return { s: `\${X:-${w}}`, det: false };
    if (k < 0.87) return { s: `$(echo ${w})`, det: false };
    if (k < 0.89) return { s: `\`echo ${w}\``, det: false };
    if (k < 0.91 && !command) return { s: `${w}*`, det: false };
    if (k < 0.93) return { s: `{${w},${w}}`, det: false };
    if (k < 0.95) return { s: `"\${a[0]:-${w}}"`, det: false };
    if (k < 0.97 && depth < 3) return { s: `${w}${this.subst(depth + 1).s}`, det: false };
    return { s: `$"${w}"`, det: false };
  }

  private arg(depth: number): Frag {
    const k = this.r();
    if (k < 0.3 && depth < 3) return this.subst(depth + 1);
    if (k < 0.4 && depth < 3) {
      const inner = this.list(depth + 1);
      return { s: `${this.pick(['', '2', '1'])}${this.pick(['<', '>'])}(${inner.s})`, deny: inner.deny };
    }
    if (k < 0.5) return { s: `"\${x:-'}'}"`, deny: NONE };
    if (k < 0.55) return { s: `\${x:${this.pick(['1', 'y', '$((1+1))', '$i'])}}`, deny: NONE };
    if (k < 0.6) return { s: `\${a[${this.pick(['0', '@', 'i', '$(id)'])}]}`, deny: NONE };
    if (k < 0.65) return { s: `$((${this.pick(['1+2', 'x', 'a[$(id)]'])}))`, deny: NONE };
    if (k < 0.7) return { s: `A=1`, deny: NONE };
    if (k < 0.75) return { s: '~', deny: NONE };
    if (k < 0.8) return { s: '#c', deny: NONE };
    return { s: this.pick(['x', '-n', '--', "'a b'", '"$X"', '$X', 'status#', '\\;', 'x\\ y']), deny: NONE };
  }

  /** A command substitution in one of its forms and positions. */
  private subst(depth: number): Frag {
    const inner = depth > 3 ? this.simple(depth) : this.list(depth);
    const k = this.r();
    if (k < 0.35) return { s: `$(${inner.s})`, deny: inner.deny };
    if (k < 0.55) return { s: `"$(${inner.s})"`, deny: inner.deny };
    if (k < 0.65 && !inner.s.includes('`') && !inner.s.includes('\\')) return { s: `\`${inner.s}\``, deny: inner.deny };
    if (k < 0.75) return { s: `\${X:-$(${inner.s})}`, deny: inner.deny };
    if (k < 0.85) return { s: `"$\\\n(${inner.s})"`, deny: inner.deny };
    return { s: `$(cat <<EOF\n${inner.s}\nEOF${this.pick([')', ' )', 'x)', '\n)'])}`, deny: NONE };
  }

  private redirection(depth: number): Frag {
    const k = this.r();
    if (k < 0.2)
      return { s: this.pick(['>/dev/null', '2>&1', '2>/dev/null', '&>/dev/null', '< f', '>&2']), deny: NONE };
    if (k < 0.3) return { s: this.pick(['>out.txt', '>>out.txt', '{fd}>/dev/null', '3<f', '<>f']), deny: NONE };
    if (k < 0.45) return { s: `<<<${this.quoted(this.pick(ALLOWED))}`, deny: NONE };
    if (k < 0.6 && depth < 3) {
      const inner = this.list(depth + 1);
      return { s: `> >(${inner.s})`, deny: inner.deny };
    }
    if (depth < 3) {
      const s = this.subst(depth + 1);
      return { s: `2>${s.s}`, deny: s.deny };
    }
    return { s: '>/dev/null', deny: NONE };
  }

  private quoted(s: string): string {
    return this.chance(0.5) ? `'${s.replace(/'/g, `'\\''`)}'` : `"${s.replace(/[\\$`"]/g, '\\$&')}"`;
  }

  /** Wrapper chains (§6.1, §13.1, §13.5, §13.6). */
  private wrapped(depth: number): Frag {
    const n = 1 + Math.floor(this.r() * 3);
    let prefix = '';
    let transparent = true;
    for (let i = 0; i < n; i++) {
      const w = this.pick([
        'nice',
        'nice -n 5',
        'command',
        'command -p',
        'command --',
        'time',
        'time -p',
        'time -p --',
        'time --',
        'timeout 5',
        'timeout -s KILL 5',
        'env',
        'env A=1',
        'env =x',
        'env -i',
        'env -u A',
        'stdbuf -o0',
        'nohup',
        'xargs',
        'xargs -r',
        'exec',
        'builtin',
        'env -S',
        'nice B=2',
      ]);
      if (w === 'time' || w.startsWith('time ')) {
        if (i > 0) continue;
      }
      if (w === 'env -S' || w === 'builtin') transparent = false;
      prefix += `${w} `;
    }
    if (this.chance(0.2)) prefix = `${this.pick(ASSIGN)} ${prefix}`;
    const inner = this.simple(depth);
    return { s: prefix + inner.s, deny: transparent ? inner.deny : NONE };
  }

  /** Shells and eval with literal scripts, -c strings, stdin and options (§6.1, §13.1–§13.4, §13.8). */
  private shell(depth: number): Frag {
    const inner = depth > 2 ? this.simple(depth + 1) : this.list(depth + 1);
    const script = this.chance(0.1) ? this.pick(['', '# c', '(( 1 ))', '[[ x ]]']) : inner.s;
    const empty = script !== inner.s;
    const deny = empty ? NONE : inner.deny;
    const q = this.quoted(script);
    const sh = this.pick(['bash', 'bash', 'sh', 'dash']);
    const assign = this.chance(0.25) ? `${this.pick(ASSIGN)} ` : '';
    const k = this.r();
    if (k < 0.3) return { s: `${assign}${sh} -c ${q}`, deny };
    if (k < 0.38)
      return {
        s: `${assign}${sh} ${this.pick(['-e', '-o pipefail', '-o keyword', '-o onecmd', '-O extglob', '-i', '+o posix'])} -c ${q}`,
        deny: sh === 'bash' ? deny : NONE,
      };
    if (k < 0.5) return { s: `${assign}${sh} <<<${q}`, deny };
    if (k < 0.6) {
      const d = this.pick(DELIMS);
      return { s: `${assign}${sh} <<${d}\n${script}\nEOF`, deny: NONE };
    }
    if (k < 0.68) return { s: `${assign}${sh} 3<<<${q} 0<&3`, deny };
    if (k < 0.74) return { s: `${assign}${sh} 3<f <<<${q} ${this.pick(['0<&3', '0>&3', '0<&-', ''])}`, deny: NONE };
    if (k < 0.86) return { s: `${assign}eval ${q}`, deny };
    if (k < 0.92) return { s: `${assign}eval ${script}`, deny: NONE };
    return { s: `trap ${q} EXIT`, deny };
  }

  /** Here-documents in every delimiter form, with bodies that expand or not (§13.9). */
  private heredoc(depth: number): Frag {
    const d = this.pick(DELIMS);
    const inner = this.simple(depth + 1);
    const lines = [
      this.pick([
        'text',
        '$X',
        `$(${inner.s})`,
        `\`${inner.s}\``,
        `\${x:-'}'}`,
        'EOF)',
        'EOF x',
        '$EOF',
        ' EOF',
        '\tEOF',
      ]),
      this.pick(['more', `$(${inner.s})`, '']),
    ];
    const dash = this.chance(0.2) ? '-' : '';
    const after = this.chance(0.4) ? `\n${this.simple(depth).s}` : '';
    const cmd = this.pick(['cat', 'grep x', 'bash', 'sh']);
    const body = `${cmd} <<${dash}${d}\n${lines.join('\n')}\nEOF${after}`;
    const nested = depth > 0 && this.chance(0.4);
    return { s: nested ? `echo "$(${body}\n)"` : body, deny: NONE };
  }

  private compound(depth: number): Frag {
    const a = this.list(depth + 1);
    const b = this.simple(depth + 1);
    const k = this.r();
    if (k < 0.2) return { s: `( ${a.s} )`, deny: a.deny };
    if (k < 0.35) return { s: `{ ${a.s}; }`, deny: a.deny };
    if (k < 0.5) return { s: `if ${b.s}; then ${a.s}; fi`, deny: a.deny };
    if (k < 0.6) return { s: `for i in a; do ${a.s}; done`, deny: a.deny };
    if (k < 0.7) return { s: `case a in a) ${a.s};; esac`, deny: a.deny };
    if (k < 0.8) return { s: `f() { ${a.s}; }; f`, deny: a.deny };
    if (k < 0.9) return { s: `! ${b.s}`, deny: b.deny };
    return { s: `while false; do ${a.s}; done; ${b.s}`, deny: join(a, b) };
  }

  /** Constructs that run code through values and options (§13.2, §13.7). */
  private special(depth: number): Frag {
    const inner = this.simple(depth + 1);
    const q = this.quoted(inner.s);
    return {
      s: this.pick([
        `set -k; git status A=1`,
        `set -o keyword; git status B=2`,
        `X='a[$(${inner.s})]'; echo $((X))`,
        `[[ -v 'a[$(${inner.s})]' ]]`,
        `printf -v 'a[$(${inner.s})]' x`,
        `read 'a[$(${inner.s})]' <<< x`,
        `declare -a a=( $(${inner.s}) )`,
        `declare -i n='a[$(${inner.s})]'`,
        `echo "\${x:-'}'}"; ${inner.s}`,
        `echo \${x:$(${inner.s})}`,
        `mapfile -C ${q} -c 1 a <<< x`,
        `BASH_CMDS[git]=./rm; git status`,
        `a=([0]=$(${inner.s}))`,
        `echo 2>(${inner.s})`,
        `${inner.s} 2>(true)`,
        `eval "$(echo ${q})"`,
        `x=$(${inner.s}) git status`,
      ]),
      deny: NONE,
    };
  }
}
