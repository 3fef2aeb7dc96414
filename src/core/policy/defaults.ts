// The rules Tiller starts with. The allow list is a few read-only commands, narrow enough that
// their own options cannot write or execute (no `find *`, whose -delete/-exec would be trusted,
// no `git *`, whose -c and aliases run programs). The deny list names whole programs or whole
// invocations that are disasters in any spelling the pattern language can express; flag spellings
// are avoided where an equivalent spelling would slip past (SEMANTICS.md §11), so several entries
// deny the program outright. `curl … | sh` cannot be written as a pattern (patterns see one simple
// command) and needs none: a shell reading a pipe is opaque, so such a line always asks.
import type { PolicyRules } from './checker';

export const DEFAULT_ALLOW: readonly string[] = [
  'pwd',
  'ls',
  'ls -la',
  'ls -l',
  'ls -a',
  'git status',
  'git status --short',
  'git diff',
  'git diff --stat',
  'git log --oneline',
  'git branch',
  'git rev-parse HEAD',
];

export const DEFAULT_DENY: readonly string[] = [
  // Privilege escalation: the agent never needs root, and sudo would hide the rest from review.
  'sudo *',
  'doas *',
  'su *',
  'pkexec *',
  // Deleting from the root or the home folder; flag order varies, so every spelling is listed.
  // `~` is expanded at run time, so those entries can only make a line ask, even under `rm *`.
  'rm -rf /',
  'rm -rf /*',
  'rm -fr /',
  'rm -rf ~',
  'rm -fr ~',
  'rm -rf ~/',
  'rm -rf / *',
  'rm -rf --no-preserve-root *',
  // Formatting or overwriting disks and partitions.
  'mkfs *',
  'mkfs.* *',
  'mke2fs *',
  'wipefs *',
  'fdisk *',
  'sfdisk *',
  'parted *',
  'dd *',
  'shred *',
  // Rewriting shared history. Patterns are positional, so the usual places of the flag are listed;
  // a force flag elsewhere (or `git -C dir push -f`) still needs approval, since git is not allowed.
  'git push --force *',
  'git push --force-with-lease *',
  'git push -f *',
  'git push * --force',
  'git push * -f',
  'git push * --force *',
  'git push * -f *',
  'git push * * --force',
  'git push * * -f',
  // Power and process control of the whole machine.
  'shutdown *',
  'reboot *',
  'halt *',
  'poweroff *',
  'kill -9 -1',
  'kill -KILL -1',
  // Ownership and permission changes over whole trees.
  'chmod -R *',
  'chown -R *',
  'chmod 777 *',
];

export const DEFAULT_RULES: PolicyRules = { allow: DEFAULT_ALLOW, deny: DEFAULT_DENY };
