// Every request the webview can make, by name.
import type { Handlers } from './handler-types';
import { authoringHandlers } from './authoring-handlers';
import { guidanceHandlers } from './guidance-handlers';
import { openHandlers } from './open-handlers';
import { runHandlers } from './run-handlers';
import { taskHandlers } from './task-handlers';
import { usageHandlers } from './usage-handlers';
import { viewHandlers } from './view-handlers';

export const handlers: Handlers = {
  ...viewHandlers,
  ...taskHandlers,
  ...openHandlers,
  ...runHandlers,
  ...authoringHandlers,
  ...guidanceHandlers,
  ...usageHandlers,
};
