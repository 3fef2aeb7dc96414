// Regression cases for the families a red team found against v1 (issue 10) and for the rules of
// SEMANTICS.md v1.1 §13 that settle them, combined and nested the way an attacker would: inside
// substitutions, here-documents, eval, `bash -c` and wrapper chains. Every case that says `ask`
// or `deny` is one where bash would run something the allow list does not cover.
import assert from 'node:assert/strict';
import { checkCommand } from '../../../src/core/policy';
import { cases } from './helpers';

const ALLOW = ['git status', 'git status *', 'echo *', 'cat *', 'ls *', 'true', 'printf *', 'grep *'];
const DENY = ['rm *', 'curl *'];

describe('command policy: v1.1 adversarial families', () => {
  cases('§13.9a here-document delimiters: continuation, $\'…\', $"…"', ALLOW, DENY, [
    // Backslash-newline inside the delimiter is removed first: `E\⏎OF` is the unquoted EOF.
    ['cat <<E\\\nOF\n$(rm -rf x)\nEOF', 'deny'],
    ['cat <<E\\\nOF\n$(id)\nEOF', 'ask'],
    ['cat <<E\\\nOF\nplain\nEOF\ngit status', 'allow'],
    ['cat <<\\\nEOF\n$(rm -rf x)\nEOF', 'deny'],
    ['cat <<EO\\\nF\nhi\nEO\\\nF\nrm -rf x', 'deny'],
    // Still quoted when a quote remains after the continuation is removed.
    ["cat <<E\\\n'OF'\n$(rm -rf x)\nEOF", 'allow'],
    // $'EOF' and $"EOF" are quoted and end at EOF, not at $EOF: what follows is a command.
    ["cat <<$'EOF'\n$(rm -rf x)\nEOF\nrm -rf y", 'deny'],
    ["cat <<$'EOF'\nhi\nEOF\nid", 'ask'],
    ["cat <<$'EOF'\nhi\nEOF\ngit status", 'allow'],
    ['cat <<$"EOF"\nhi\nEOF\nrm -rf y', 'deny'],
    ['cat <<$"EOF"\n$(rm x)\nEOF', 'allow'],
    ["cat <<$'\\x45OF'\nhi\nEOF\nrm -rf y", 'deny'],
    ["cat <<$'E\\117F'\nhi\nEOF\nid", 'ask'],
    // Line ends that only look like the delimiter.
    ["cat <<$'EOF'\nhi\n$EOF\nEOF", 'allow'],
    ["cat <<$'EOF'\nhi\n$'EOF'\nrm -rf x", 'ask'],
    ['cat <<"E"OF\nx\nEOF\nrm x', 'deny'],
    ["bash <<$'EOF'\nrm -rf x\nEOF", 'deny'],
    ["bash <<$'EOF'\ngit status\nEOF", 'allow'],
    ['bash <<E\\\nOF\ngit status\nEOF', 'allow'],
    ['bash <<E\\\nOF\ngit status $(id)\nEOF', 'ask'],
  ]);

  cases('§13.9b here-document ends inside $( ), <( ), >( ) and backquotes', ALLOW, DENY, [
    ['echo "$(cat <<EOF\nhi\nEOF)"', 'allow'],
    ['echo "$(cat <<EOF\nhi\nEOF)"; rm -rf x', 'deny'],
    ['echo "$(cat <<EOF\nhi\nEOF)"; id', 'ask'],
    ['echo $(cat <<EOF\nhi\nEOF )\nrm -rf x', 'deny'],
    // bash 5.2 ends it at any line that starts with the delimiter and has a `)` after it.
    ['echo $(cat <<EOF\nhi\nEOFx)\nEOF\n)', 'ask'],
    ['echo $(cat <<EOF\nhi\nEOF; rm -rf x)\nEOF\n)', 'ask'],
    ['echo $(cat <<EOF\nEOF)\nrm -rf x\nEOF\n)', 'deny'],
    ["echo $(cat <<'EOF'\nEOF)\nid\nEOF\n)", 'ask'],
    ['cat <(cat <<EOF\nhi\nEOF)\nrm -rf x', 'deny'],
    ['cat <(cat <<EOF\nhi\nEOF)', 'allow'],
    ['echo >(cat <<EOF\nhi\nEOF) ; id', 'ask'],
    ['echo $( (cat <<EOF\nhi\nEOF)); id', 'ask'],
    ['echo $(echo $(cat <<EOF\nhi\nEOF)); rm -rf x', 'deny'],
    ['echo `cat <<EOF\nhi\nEOF`; rm -rf x', 'deny'],
    ['echo `cat <<EOF\nhi\nEOF`', 'allow'],
    // At top level `EOF)` is body text: the here-document goes on to EOF.
    ['cat <<EOF\nEOF)\nrm -rf x\nEOF', 'allow'],
    ['cat <<EOF\nEOF)\n$(rm -rf x)\nEOF', 'deny'],
    ['git commit -m "$(cat <<\'MSG\'\nfix\nMSG)"', 'ask'],
    ['echo "$(cat <<-\'EOF\'\n\thi\n\tEOF)"; rm x', 'deny'],
  ]);

  cases('§13.10 single quotes inside a double-quoted ${…}', ALLOW, DENY, [
    ['echo "${x:-\'}\'}"; id', 'ask'],
    ['echo "${x:-\'}\'}"', 'ask'],
    ['echo "${x:-\'a\'}"; rm -rf y', 'deny'],
    ['echo "${x#\'"\'}"; rm -rf y', 'deny'],
    // The 5.2 reading: `'}'` is skipped, so `; id` is outside the string.
    ['echo "${x:-\'}"; rm -rf y; "\'}"', 'ask'],
    ['echo "${x:-\'}\' $(rm -rf z)}"', 'deny'],
    ["cat <<EOF\n${x:-'}'}\nEOF", 'ask'],
    ["cat <<EOF\n${x:-'$(rm -rf x)'}\nEOF", 'ask'],
    ["echo ${x:-'a'}", 'allow'],
    ['echo "${x:-a}"', 'allow'],
    ['echo "${x:-"a"}"', 'allow'],
    ["bash -c 'echo \"${x:-'\"'\"'}'\"'\"'}\"; id'", 'ask'],
  ]);

  cases('§13.7a subscripts', ALLOW, DENY, [
    ['echo "${a[@]}" "${a[*]}" ${a[0]} ${#a[@]} ${!a[@]} ${!a[*]} ${!pre@}', 'allow'],
    ['echo ${a[i]}', 'ask'],
    ['echo ${a[$i]}', 'ask'],
    ['echo ${a[$(rm -rf x)]}', 'deny'],
    ['echo ${a[1+1]}', 'ask'],
    ['echo ${a[-1]}', 'ask'],
    ['echo ${a[0]:-x}', 'allow'],
    ['echo ${!a}', 'ask'],
    ['echo ${!a[0]}', 'ask'],
    ['a[1]=x git status', 'ask'],
    ['a[$(rm -rf x)]=1', 'deny'],
    ['a[i]=1 true', 'ask'],
  ]);

  cases('§13.7b arithmetic contexts', [...ALLOW, 'declare *', 'local *', 'typeset *', 'x=*'], DENY, [
    ['echo ${x:1:2} ${x: -1} ${x:$((1+1))}', 'allow'],
    ['echo ${x:y}', 'ask'],
    ['echo ${x:1:y}', 'ask'],
    ['echo ${x:$i}', 'ask'],
    ['echo ${x:$(rm -rf z)}', 'deny'],
    ['echo "${x:a[$(id)]}"', 'ask'],
    ['echo ${x:-y}', 'allow'],
    ['echo $((1+$((2*3))))', 'allow'],
    ['echo $((1+$((x))))', 'ask'],
    ['declare -i n=1+2', 'allow'],
    ['declare -i n=m+1', 'ask'],
    ["declare -i n='a[$(id)]'", 'ask'],
    ['local -i n=$x', 'ask'],
    ['typeset -ia n=(1 2)', 'ask'],
    ['for ((i=0; i<3; i++)); do true; done', 'ask'],
    ['for ((;;)); do true; done', 'allow'],
    ['[[ 1 -eq 1 ]] && true', 'allow'],
    ['[[ x -eq 1 ]] && true', 'ask'],
    ['[ x -eq 1 ]', 'ask'],
  ]);

  cases(
    '§13.7c builtins that name a variable',
    [
      ...ALLOW,
      'printf *',
      'read *',
      'mapfile *',
      'readarray *',
      'declare *',
      'export *',
      'unset *',
      'test *',
      '[ *',
      'wait *',
      'getopts *',
      'local *',
      'readonly *',
      'typeset *',
    ],
    DENY,
    [
      ['[[ -v a[1] ]] && true', 'allow'],
      ['[[ -v a ]] && true', 'allow'],
      ["[[ -v 'a[$(rm -rf x)]' ]]", 'ask'],
      ['[[ -v a[$i] ]]', 'ask'],
      ['[[ -v $n ]]', 'ask'],
      ["test -v 'a[$(id)]'", 'ask'],
      ["[ -v 'a[$(id)]' ]", 'ask'],
      ['test -v a', 'allow'],
      ["printf -v 'a[$(id)]' %s x", 'ask'],
      ["printf -v'a[$(id)]' %s x", 'ask'],
      ['printf -v a %s x', 'allow'],
      ['printf %s "a[$x]"', 'allow'],
      ["read 'a[$(id)]' <<< x", 'ask'],
      ["read -r -a 'a[$(id)]' <<< x", 'ask'],
      ['read -r line <<< x', 'allow'],
      ["read -p 'a[$(id)]' line <<< x", 'allow'],
      ["mapfile -t 'a[$(id)]' <<< x", 'ask'],
      ['mapfile -t rows <<< x', 'allow'],
      ["declare 'a[$(id)]=1'", 'ask'],
      ["export 'a[$(id)]'", 'ask'],
      ['declare x="a[$i]"', 'allow'],
      ["declare -n r='a[$(id)]'", 'ask'],
      ['declare -n r=target', 'allow'],
      ["unset 'a[$(id)]'", 'ask'],
      ["unset 'a[1]' b", 'allow'],
      // Unquoted, a[1] is a glob (it names a1 if that file exists): indeterminate.
      ['unset a[1] b', 'ask'],
      ["wait -p 'a[$(id)]'", 'ask'],
      ["getopts ab 'a[$(id)]'", 'ask'],
      ['getopts ab opt', 'allow'],
      ['BASH_CMDS[ls]=/tmp/evil ls', 'ask'],
      ['BASH_CMDS[ls]=/tmp/evil', 'ask'],
      ['declare -A BASH_CMDS=([ls]=/tmp/evil)', 'ask'],
      ["printf -v 'BASH_CMDS[ls]' /tmp/evil", 'ask'],
      ["read 'BASH_ALIASES[ls]' <<< x", 'ask'],
      ['BASH_ALIASES=([ls]=id)', 'ask'],
      ["eval 'BASH_CMDS[git]=./x'; git status", 'ask'],
      ["command read 'a[$(id)]' <<< x", 'ask'],
      ["builtin printf -v 'a[$(id)]' x", 'ask'],
    ],
  );

  cases('§13.7d callbacks', ['mapfile *', 'readarray *', 'compgen *', 'complete *', 'bind *'], DENY, [
    ["mapfile -C 'rm -rf x' -c 1 a < f", 'ask'],
    ["mapfile -tC 'id' a < f", 'ask'],
    ['readarray -C id a < f', 'ask'],
    ["compgen -C 'id' x", 'ask'],
    ['compgen -F f x', 'ask'],
    ["complete -C 'id' git", 'ask'],
    ['bind -x \'"\\C-x": id\'', 'ask'],
    ['mapfile -t a < f', 'allow'],
    ['compgen -W "a b" a', 'allow'],
  ]);

  cases('§13.7e compound arrays in declaration builtins', [...ALLOW, 'declare *', 'local *', 'a=*', 'export *'], DENY, [
    ['declare -a arr=(1 2 3)', 'allow'],
    ['declare -a arr=(1 2 3) b=(4)', 'allow'],
    ['local a=( $(rm -rf x) )', 'deny'],
    ['declare a=( $(id) )', 'ask'],
    ['declare a=(\n1 # c\n2)', 'allow'],
    ['export a=( `rm x` )', 'deny'],
    ['declare a=([0]=x [1]=y)', 'allow'],
    ['declare a=([i]=x)', 'ask'],
    ['a=(1 2)', 'ask'],
    ['echo a=(1 2)', 'ask'],
    ['command declare a=(1 2)', 'ask'],
    // Found by the bash oracle: bash 5.2 also takes compound assignments after eval, let and alias.
    ['eval declare -a a=( $(rm -rf x) )', 'deny'],
    ['eval a=(1) b=( $(rm -rf x) )', 'deny'],
    ['eval declare -a a=( $(git status) )', 'ask'],
    ['let a=( $(rm x) )', 'deny'],
    ['"eval" a=(1)', 'ask'],
  ]);

  cases('parses like bash -n (found by the bash oracle)', ALLOW, DENY, [
    ['git status | ! git status', 'ask'],
    ['rm x\ngit status | ! git status', 'deny'],
    ['! git status | git status', 'allow'],
    ['echo "$(( ! cat f #c ) || git status)"', 'ask'],
  ]);

  cases('§13.4 shell stdin re-pointed', [...ALLOW, 'bash *', 'sh *'], DENY, [
    ["bash 3<evil.sh <<<'git status' 0>&3", 'ask'],
    ["bash 3<evil.sh <<<'git status' 0<&3", 'ask'],
    ["bash <evil.sh <<<'git status'", 'allow'],
    ["bash <<<'git status' <evil.sh", 'ask'],
    ["bash <<<'git status' 0<&-", 'ask'],
    ["bash 3<<<'git status' 0<&3", 'allow'],
    ["bash 3<<<'rm -rf x' 0<&3", 'deny'],
    ["bash 3<<<'rm -rf x' <<<'git status'", 'deny'],
    ["bash 4<<<'git status' 3<&4 0<&3", 'allow'],
    ["bash 4<<<'git status' 3<&4- 0<&4", 'ask'],
    ["bash 0<<<'git status'", 'allow'],
    ["bash 00<<<'git status'", 'allow'],
    ["bash {fd}<<<'rm -rf x' <<<'git status'", 'deny'],
    ['bash <<EOF 3<evil.sh 0<&3\ngit status\nEOF', 'ask'],
    ['cat evil.sh | bash <<<"git status"', 'allow'],
    ["bash -s <<<'git status' 0<evil.sh", 'ask'],
    ["nice bash 3<x <<<'git status' 0>&3", 'ask'],
    ["bash -c 'git status' 3<<<'rm -rf x'", 'deny'],
  ]);

  cases(
    '§13.1 a wrapper that wraps nothing',
    ['git status', 'bash *', 'sh *', 'nice *', 'timeout *', 'xargs *', 'eval *', 'LD_PRELOAD=./x.so bash *'],
    DENY,
    [
      ["BASH_ENV=./x bash -c ''", 'ask'],
      ["BASH_ENV=./x bash -c '# c'", 'ask'],
      ["BASH_ENV=./x bash -c '(( 1 ))'", 'ask'],
      ["BASH_ENV=./x sh -c '[[ x ]]'", 'ask'],
      ["LD_PRELOAD=./x.so sh -c '# c'", 'ask'],
      ["LD_PRELOAD=./x.so nice bash -c ''", 'allow'],
      ["LD_PRELOAD=./x.so timeout 5 bash -c ''", 'allow'],
      ["LD_PRELOAD=./y.so nice bash -c ''", 'ask'],
      ["BASH_ENV=./x nice -n 5 bash -c ''", 'ask'],
      ["BASH_ENV=./x timeout 5 sh -c ''", 'ask'],
      ["BASH_ENV=./x exec bash -c ''", 'ask'],
      ['BASH_ENV=./x eval "bash -c \'\'"', 'ask'],
      ['BASH_ENV=./x eval bash -c "\'\'"', 'ask'],
      ["echo | BASH_ENV=./x xargs bash -c ''", 'ask'],
      ["BASH_ENV=./x bash <<'EOF'\nEOF", 'ask'],
      ["BASH_ENV=./x bash <<<''", 'ask'],
      ["BASH_ENV=./x eval ''", 'ask'],
      ["BASH_ENV=./x env bash -c ''", 'ask'],
      ["env BASH_ENV=./x bash -c ''", 'ask'],
      ["bash -c ''", 'allow'],
      ["bash -c 'git status'", 'allow'],
      ["BASH_ENV=./x bash -c 'git status'", 'ask'],
      ["A=1 nice B=2 env C=3 bash -c 'git status'", 'ask'],
    ],
  );

  cases('§13.1 assignments carried through a chain', ['A=1 B=2 C=3 git status', 'git status'], DENY, [
    ["A=1 nice B=2 env C=3 bash -c 'git status'", 'allow'],
    ["A=1 nice B=2 env C=4 bash -c 'git status'", 'ask'],
    ["A=1 nice env B=2 C=3 bash -c 'git status'", 'allow'],
    ["A=1 B=2 C=3 eval 'git status'", 'allow'],
    ["A=1 B=2 eval 'C=3 git status'", 'allow'],
    ['A=1 eval B=2 C=3 git status', 'allow'],
    ["A=1 bash -c 'git status'", 'ask'],
  ]);

  cases('§13.2 shell options and set -k', ['git status', 'git status *', 'set *', 'make *'], DENY, [
    ["bash -o keyword -c 'git status A=1'", 'ask'],
    ["bash -o onecmd -c 'git status'", 'ask'],
    ["bash -o privileged -c 'git status'", 'ask'],
    ["bash -o history -c 'git status'", 'ask'],
    ["bash +o keyword -c 'git status'", 'ask'],
    ["bash -eo keyword -c 'git status'", 'ask'],
    ["bash -o pipefail -c 'git status'", 'allow'],
    ["bash -euo pipefail -c 'git status'", 'allow'],
    ["bash -o keyword -c 'rm -rf x'", 'deny'],
    ['set -k; git status PAGER=x', 'ask'],
    ['set -ek; git status', 'ask'],
    ['set -o keyword; git status', 'ask'],
    ['set -o onecmd; git status', 'ask'],
    ['set -o pipefail; git status', 'allow'],
    ['set -euo pipefail; git status', 'allow'],
    ['set -$f; git status', 'ask'],
    ['set +k; git status', 'allow'],
    ["bash -c 'set -k; git status'", 'ask'],
    ["eval 'set -k'; git status", 'ask'],
  ]);

  cases('§13.3 non-bash shells', ['git status', 'grep *', 'echo *', 'cat *'], DENY, [
    ["sh -c 'git status &> /dev/null'", 'ask'],
    ["dash -c 'git status &>/dev/null'", 'ask'],
    ["sh -c 'grep -c x <<< x'", 'ask'],
    ['sh -c "echo $\'\\x41\'"', 'ask'],
    ['sh -c \'echo $"x"\'', 'ask'],
    ["sh -c '[[ -f x ]]'", 'ask'],
    ["sh -c '(( 1 ))'", 'ask'],
    ["sh -c 'echo {a,b}'", 'ask'],
    ["sh -c 'cat <(echo x)'", 'ask'],
    ["sh -c 'git status |& cat'", 'ask'],
    ["sh -c 'function f { :; }'", 'ask'],
    ["sh -c 'case x in x) echo;& esac'", 'ask'],
    ["ash -c 'git status &>/dev/null'", 'ask'],
    ["mksh -c 'git status &> /dev/null'", 'ask'],
    ["ksh -c 'echo $(echo x &>/dev/null)'", 'ask'],
    ["zsh -c 'git status &>/dev/null'", 'ask'],
    ["sh -c 'git status &> /dev/null; rm -rf x'", 'deny'],
    ["sh <<'EOF'\ngit status &> /dev/null\nEOF", 'ask'],
    ["sh -c 'git status > /dev/null 2>&1'", 'allow'],
    ["sh -c 'git status'", 'allow'],
    ['dash -c \'echo "{a,b}"\'', 'allow'],
    ['sh -c \'bash -c "git status &>/dev/null"\'', 'allow'],
    ["bash -c 'git status &>/dev/null'", 'allow'],
  ]);

  cases('§13.5 time', ['git status', 'ls'], DENY, [
    ['time -p -- git status', 'allow'],
    ['time -- git status', 'allow'],
    ['time -- rm -rf x', 'deny'],
    ['time -p -- rm -rf x', 'deny'],
    ['time -p -- nice -n 5 rm -rf x', 'deny'],
    ['time -- -- git status', 'ask'],
    ['! time -p -- ls', 'allow'],
    ['time -p -- command -- git status', 'allow'],
    ["eval 'time -p -- rm -rf x'", 'deny'],
    ['echo | time -- rm x', 'deny'],
  ]);

  cases('§13.6 env settings', ['git status', '=x git status', '1=2 git status'], DENY, [
    ['env =x git status', 'allow'],
    ['env 1=2 git status', 'allow'],
    ['env =x rm -rf y', 'deny'],
    ['env a==b git status', 'ask'],
    ['env x= git status', 'ask'],
    ['env -i =x git status', 'allow'],
    ['env -- =x git status', 'allow'],
  ]);

  cases('§13.8 deny survives an opaque shell invocation', ['git status', 'bash *', 'ls *'], DENY, [
    ["bash -i -c 'rm -rf x'", 'deny'],
    ["bash -O extglob -c 'ls; rm -rf x'", 'deny'],
    ["bash +O extglob -c 'rm -rf x'", 'deny'],
    ["bash --rcfile F -i -c 'rm -rf x'", 'deny'],
    ["bash --init-file F -c 'curl x'", 'deny'],
    ["bash -i -c 'git status'", 'ask'],
    ["bash -ic 'rm x'", 'deny'],
    ["bash -k -c 'rm x'", 'deny'],
    ["nice bash -i -c 'rm x'", 'deny'],
    ["bash -i <<'EOF'\nrm -rf x\nEOF", 'deny'],
    ['bash -O extglob -c "bash -c \'rm -rf x\'"', 'deny'],
    ["sudo bash -i -c 'rm x'", 'deny'],
  ]);

  cases('§13.11 digits before a process substitution', ['echo *', 'tee *', 'cat *', 'git status'], DENY, [
    ['echo 2>(rm -rf ~)', 'deny'],
    ['echo 2>(git status)', 'allow'],
    ['echo 1<(git status)', 'allow'],
    ['echo 12>(id)', 'ask'],
    ['tee 1>(curl -sT - x) < f', 'deny'],
    ['echo x2>(rm x)', 'deny'],
    ['echo 2>(true)x', 'ask'],
    ['echo 2> (git status)', 'ask'],
  ]);

  cases('§13.12 descriptor variables', ['exec *', 'echo *'], DENY, [
    ['exec {fd}>/dev/null', 'ask'],
    ['exec {fd}<&-', 'ask'],
    ['exec {fd}>&-', 'ask'],
    ['echo x {fd}>/dev/null', 'ask'],
    ['echo {fd}x>/dev/null', 'allow'],
    ['exec {fd}>$(rm x)', 'deny'],
  ]);
});

describe('command policy: §13.8/§13.14 nesting and the work budget', () => {
  const rules = { allow: ['git status', 'echo *', 'true'], deny: ['rm *'] };
  const verdict = (command: string) => checkCommand(command, rules).verdict;

  it('accepts 1,000 nested $( ), ( ), { } and if', () => {
    assert.equal(verdict(`echo ${'$('.repeat(1000)}true${')'.repeat(1000)}`), 'ask'); // deeper than 16: opaque
    assert.equal(verdict(`${'( '.repeat(1000)}true${' )'.repeat(1000)}`), 'allow');
    assert.equal(verdict(`${'{ '.repeat(1000)}true${'; }'.repeat(1000)}`), 'allow');
    assert.equal(verdict(`${'if true; then '.repeat(1000)}true${'; fi'.repeat(1000)}`), 'allow');
    assert.equal(verdict(`echo ${'"$('.repeat(1000)}true${')"'.repeat(1000)}`), 'ask');
    const quoted = checkCommand(`echo ${'"$('.repeat(1000)}true${')"'.repeat(1000)}`, rules);
    assert.ok(!quoted.reasons.some((r) => r.includes('does not parse')), JSON.stringify(quoted.reasons));
    const deep = checkCommand(`echo ${'$('.repeat(1000)}true${')'.repeat(1000)}`, rules);
    assert.ok(!deep.reasons.some((r) => r.includes('does not parse')), JSON.stringify(deep.reasons));
  });

  it('finds deny inside and beside nesting deeper than any limit', () => {
    assert.equal(verdict(`echo ${'$('.repeat(1000)}rm -rf x${')'.repeat(1000)}`), 'deny');
    assert.equal(verdict(`rm -rf x; echo ${'$('.repeat(5000)}true${')'.repeat(5000)}`), 'deny');
    assert.equal(verdict(`echo ${'$('.repeat(5000)}true${')'.repeat(5000)}; rm -rf x`), 'ask');
    assert.equal(verdict(`${'( '.repeat(5000)}rm x${' )'.repeat(5000)}`), 'ask');
    assert.equal(verdict(`echo $(rm x) ${'"$('.repeat(4000)}true${')"'.repeat(4000)}`), 'deny');
  });

  it('walks wrapper chains iteratively, with no depth limit', () => {
    assert.equal(verdict(`${'command '.repeat(8000)}git status`), 'allow');
    assert.equal(verdict(`${'nice '.repeat(7000)}rm -rf ~`), 'deny');
    assert.equal(
      verdict(`${'builtin command exec nohup time timeout 1 nice stdbuf -o0 env '.repeat(700)}git status`),
      'allow',
    );
    assert.equal(verdict(`${'env A=1 '.repeat(3000)}git status`), 'ask');
    assert.equal(verdict(`${'xargs '.repeat(2000)}rm`), 'deny');
  });

  it('counts eval levels and still denies what an eval chain ends in', () => {
    assert.equal(verdict(`${'eval '.repeat(16)}git status`), 'allow');
    assert.equal(verdict(`${'eval '.repeat(17)}git status`), 'ask');
    assert.equal(verdict(`${'eval '.repeat(12000)}git status`), 'ask');
    assert.equal(verdict(`${'eval '.repeat(12000)}rm -rf x`), 'deny');
    assert.equal(verdict(`eval "${'eval '.repeat(12000)}rm -rf x"`), 'deny');
    assert.equal(verdict(`${"eval 'x;' ".repeat(6000)}git status`), 'ask');
  });

  it('answers every input up to the size limit', () => {
    const inputs = [
      'echo "'.repeat(10001),
      '$('.repeat(30000),
      '`'.repeat(60000),
      "eval '".repeat(10000),
      'a=('.repeat(20000),
      '<<E '.repeat(15000),
      `cat ${'<<E '.repeat(5000)}\n${'E\n'.repeat(5000)}`,
      '${'.repeat(30000),
      '$(('.repeat(20000),
      '[[ '.repeat(20000),
      'case x in '.repeat(6000),
      `${'bash -c '.repeat(6000)}true`,
      `eval ${"'eval '".repeat(5000)}`,
    ];
    for (const input of inputs) {
      const r = checkCommand(input, rules);
      assert.ok(r.verdict === 'ask' || r.verdict === 'deny', `${input.slice(0, 30)}… → ${r.verdict}`);
    }
    assert.equal(verdict(`${'true | '.repeat(8000)}true`), 'allow');
  });
});
