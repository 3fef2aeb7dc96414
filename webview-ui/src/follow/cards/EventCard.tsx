// One trace event as a card: a card component per event type.
import type { ComponentType } from 'react';
import type { TraceEvent } from '../../../../src/protocol';
import { CommandCard } from './CommandCard';
import { ContextCard, ContextTrimCard } from './ContextCard';
import { DecisionCard } from './DecisionCard';
import { EditCard } from './EditCard';
import { GuidanceCard, PauseCard } from './GuidanceCard';
import { ModelTurnCard } from './ModelTurnCard';
import {
  CheckpointCard,
  ErrorCard,
  RevertCard,
  MergeCard,
  RunEndCard,
  RunStartCard,
  TaskStatusCard,
  ToolCard,
} from './RunCards';
import type { CardProps } from './card-types';

type CardMap = { [T in TraceEvent['type']]: ComponentType<CardProps<Extract<TraceEvent, { type: T }>>> };

const CARDS: CardMap = {
  'run-start': RunStartCard,
  'task-status': TaskStatusCard,
  checkpoint: CheckpointCard,
  context: ContextCard,
  'context-trim': ContextTrimCard,
  'model-turn': ModelTurnCard,
  decision: DecisionCard,
  edit: EditCard,
  command: CommandCard,
  tool: ToolCard,
  error: ErrorCard,
  guidance: GuidanceCard,
  pause: PauseCard,
  'run-end': RunEndCard,
  revert: RevertCard,
  merge: MergeCard,
};

export function EventCard(props: CardProps) {
  const Card = CARDS[props.event.type] as ComponentType<CardProps> | undefined;
  // A newer trace may hold event types this build does not know; they are skipped, not fatal.
  return Card ? <Card {...props} /> : null;
}

/** A first guess of a card's height before it is measured. */
export function estimateHeight(event: TraceEvent): number {
  switch (event.type) {
    case 'edit':
      return 110 + linesUpTo(event.diff ?? '', 30) * 18;
    case 'decision':
      return 110 + (event.alternatives?.length ?? 0) * 20;
    case 'command':
    case 'context':
    case 'run-end':
    case 'run-start':
      return 86;
    default:
      return 50;
  }
}

function linesUpTo(text: string, max: number): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at >= 0 && lines < max; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}
