// "Export run": one Markdown artifact a person can attach to a pull request or an audit: the task,
// the context it ran with, the decisions beside the diffs they led to, the commands and the
// outcome. Built from the trace alone, so any run, including one torn by a crash, can be exported.
import type { TraceEvent } from './events';
import type { LoadedTrace } from './reader';
import { costOf, formatTokens, usageOf, type Pricing } from './usage';

type Of<T extends TraceEvent['type']> = Extract<TraceEvent, { type: T }>;

/** With `pricing` (per model, per million tokens) the tokens line says what the run cost. */
export function exportMarkdown(trace: LoadedTrace, pricing?: Pricing): string {
  const events = trace.events;
  const start = events.find((e): e is Of<'run-start'> => e.type === 'run-start');
  const end = [...events].reverse().find((e): e is Of<'run-end'> => e.type === 'run-end');
  const out: string[] = [];
  const runId = start?.runId ?? events[0]?.runId ?? 'unknown';
  out.push(`# Run ${runId}`, '');
  if (start) {
    const t = start.task;
    out.push(`**Task:** ${t.spec} ${t.id}: ${t.title}  `, `**Tasks file:** \`${t.tasksFile}\`  `);
    if (t.requirements.length) out.push(`**Requirements:** ${t.requirements.join(', ')}  `);
    out.push(
      `**Model:** ${start.provider} / ${start.model}  `,
      `**Mode:** ${start.settings.mode}${start.settings.headless ? ' (headless)' : ''}, max ${start.settings.maxTurns} turns  `,
    );
    out.push(`**Started:** ${start.time}`, '');
  }
  const usage = usageOf(events);
  const cost = start ? costOf(usage, start.model, pricing) : undefined;
  out.push(`**Tokens:** ${formatTokens(usage)}${cost === undefined ? '' : ` (cost ${cost.toFixed(4)})`}`, '');
  out.push('## Outcome', '');
  if (end) {
    out.push(`**${end.status}**: ${end.reason}`, '');
    if (end.summary) out.push(`> ${end.summary.replace(/\n/g, '\n> ')}`, '');
    out.push(
      `${end.turns} model turns, ${end.usage.inputTokens} tokens in, ${end.usage.outputTokens} tokens out, ${(end.durationMs / 1000).toFixed(1)} s.`,
      '',
    );
    if (end.filesChanged.length) out.push('Files changed:', '', ...end.filesChanged.map((f) => `- \`${f}\``), '');
  } else {
    out.push('The trace has no run-end event: the run is still going, or it was interrupted.', '');
  }
  for (const r of events.filter((e): e is Of<'revert'> => e.type === 'revert')) {
    out.push(
      `**Reverted by ${r.by}** (${r.time}): ${r.reverted.length} file(s) put back to how they were before the run.`,
      '',
    );
    if (r.reverted.length) out.push(...r.reverted.map((f) => `- \`${f}\``), '');
    if (r.conflicts.length)
      out.push('Changed again after the run, so left alone:', '', ...r.conflicts.map((f) => `- \`${f}\``), '');
  }
  for (const m of events.filter((e): e is Of<'merge'> => e.type === 'merge')) {
    out.push(
      m.merged ? `**Merged** ${m.branch} (${m.time}).` : `**Not merged** ${m.branch} (${m.time}): ${m.reason}.`,
      '',
    );
    if (m.conflicts.length) out.push('Conflicting files:', '', ...m.conflicts.map((f) => `- \`${f}\``), '');
    if (m.worktree) out.push(`The work is kept in \`${m.worktree}\`.`, '');
  }
  if (trace.torn || trace.skippedLines.length)
    out.push(
      `_Note: ${trace.skippedLines.length} unreadable trace line(s) were skipped${trace.torn ? ' (the last one was cut off)' : ''}._`,
      '',
    );

  out.push('## Context', '');
  for (const ctx of events.filter((e): e is Of<'context'> => e.type === 'context')) {
    if (ctx.turn === 0) {
      out.push('Steering:', '');
      for (const s of ctx.steering) out.push(`- ${s.included ? '✔' : '✘'} \`${s.file}\` (${s.inclusion}): ${s.reason}`);
      const design =
        ctx.spec.design === 'sections'
          ? `sections ${ctx.spec.designSections.map((s) => `“${s}”`).join(', ')}`
          : ctx.spec.design;
      out.push(
        '',
        `Spec: requirements ${ctx.spec.requirements.join(', ') || 'none'}; design: ${design}. About ${ctx.estimatedTokens} tokens of system prompt.`,
        '',
      );
    } else {
      const joined = ctx.steering.filter((s) => ctx.added.includes(s.name));
      out.push(
        `Before turn ${ctx.turn + 1}, steering joined: ${joined.map((s) => `\`${s.file}\` (${s.reason})`).join('; ')}`,
        '',
      );
    }
  }
  for (const trim of events.filter((e): e is Of<'context-trim'> => e.type === 'context-trim'))
    out.push(`Before turn ${trim.turn}, ${trimWords(trim)}.`, '');

  const work = events.filter(
    (e) => e.type === 'decision' || e.type === 'edit' || e.type === 'command' || e.type === 'guidance',
  );
  out.push('## Decisions and changes', '');
  if (!work.length) out.push('None.', '');
  for (const e of work) {
    if (e.type === 'guidance') {
      out.push(`### Guidance from ${e.from}`, '', `> ${e.text.replace(/\n/g, '\n> ')}`, '');
    } else if (e.type === 'decision') {
      out.push(`### Decision: ${e.title}`, '', e.decision, '', `**Why:** ${e.rationale}`, '');
      if (e.alternatives.length) out.push('**Alternatives weighed:**', '', ...e.alternatives.map((a) => `- ${a}`), '');
      if (e.requirements.length) out.push(`**Requirements:** ${e.requirements.join(', ')}`, '');
    } else if (e.type === 'edit') {
      const verb = e.applied ? (e.created ? 'Created' : 'Edited') : 'Rejected edit of';
      out.push(`### ${verb} \`${e.path}\``, '', `**Why:** ${e.rationale}`, '');
      if (e.requirements.length) out.push(`**Requirements:** ${e.requirements.join(', ')}`, '');
      if (e.review === 'rejected') out.push(`**Reviewer:** rejected${e.reviewReason ? `: ${e.reviewReason}` : ''}`, '');
      if (e.diff) out.push(fence(e.diff, 'diff'), '');
    } else if (e.type === 'command') {
      const how = e.ran
        ? `exit ${e.exitCode ?? 'none'}${e.timedOut ? ' (timed out)' : ''}, ${e.durationMs} ms, ${e.decidedBy === 'person' ? 'approved by a person' : 'allowed by the policy'}`
        : `not run: ${e.refusal ?? e.verdict}`;
      out.push(`### Command \`${e.command.replace(/`/g, "'")}\``, '', `${how}.`, '');
      if (e.rationale) out.push(`**Why:** ${e.rationale}`, '');
      if (e.output) out.push(fence(e.output, 'text'), '');
    }
  }

  const errors = events.filter((e): e is Of<'error'> => e.type === 'error');
  if (errors.length) out.push('## Errors', '', ...errors.map((e) => `- ${e.message}`), '');
  return `${out.join('\n').trimEnd()}\n`;
}

function trimWords(trim: Of<'context-trim'>): string {
  const kb = Math.round(trim.bytes / 1024);
  return `${trim.shortened} old tool result${trim.shortened === 1 ? ' was' : 's were'} shortened (${kb} KB elided${trim.latest ? ', the latest turn’s too' : ''}) to keep about ${trim.afterTokens} of ${trim.limitTokens} tokens (was ${trim.beforeTokens})`;
}

/** A fence longer than any backtick run inside, so diffs of Markdown files stay intact. */
function fence(text: string, lang: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const ticks = '`'.repeat(longest + 1);
  return `${ticks}${lang}\n${text.replace(/\n$/, '')}\n${ticks}`;
}
