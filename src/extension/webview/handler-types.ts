// The shape of the request handlers: one function per request name, each in the file for its
// area, joined in handlers.ts. A handler throws an Error whose message the webview shows.
import type { RequestName, RequestParams, RequestResult, ViewKind } from '../../protocol';
import type { AuthoringRuns } from '../authoring/authoring-runs';
import type { WorkspaceModel } from '../workspace-model';
import type { Subscriptions } from './streams';
import type { ServicesLookup } from './services';
import type { BeforeContent } from './before-content';

export interface HandlerContext {
  readonly model: WorkspaceModel;
  readonly subscriptions: Subscriptions;
  readonly view: ViewKind;
  /** The spec this webview shows now. */
  readonly specDir: () => string | null;
  /** The run the follow log should show when it starts (null: the latest). */
  readonly runId: () => string | null;
  readonly services: ServicesLookup;
  readonly before: BeforeContent;
  readonly authoring: AuthoringRuns;
  /** Whether the page should show the "New spec with the agent" form: asked for and not closed since. */
  readonly newSpec: () => boolean;
  /** The page closed the form (cancelled, or its spec created). */
  readonly newSpecClosed: () => void;
}

export type Handler<M extends RequestName> = (
  params: RequestParams<M>,
  context: HandlerContext,
) => RequestResult<M> | Promise<RequestResult<M>>;

export type Handlers = { [M in RequestName]: Handler<M> };
