/**
 * Running actions outside a chat turn (an API request, a console form, a job): one transaction,
 * a notifier and a job scheduler bound to it; after commit the queued messages are delivered.
 * The chat runtime does the same inside its own per-update transaction.
 *
 * @example
 * const result = await runActions(deps, (d) => assignCurator(d, actor, input));
 */
import type { ActionDeps } from "./actions.ts";
import { ChatNotifier, type NoticeRendererMap } from "./chat/notifier.ts";
import type { MessageRenderer } from "./chat/render.ts";
import type { DbClient } from "./db/client.ts";
import { scheduler, type JobQueue } from "./jobs/queue.ts";
import { enqueue } from "./outbox/enqueue.ts";

/** What {@link runActions} needs; the composition root builds it once. */
export interface ActionRunnerDeps<S = unknown> {
  db: DbClient;
  clock: () => Date;
  messages: MessageRenderer;
  renderers: NoticeRendererMap;
  jobs: () => JobQueue | undefined;
  /** Starts delivery of outbox rows committed for these chats. */
  deliver: (chatKeys: string[]) => void;
  settings: S;
}

/** Longest a request's transaction may run. */
const TIMEOUT_MS = 15_000;

/** Runs `work` in one transaction with action dependencies; delivers its messages after commit. */
export async function runActions<S, T>(
  deps: ActionRunnerDeps<S>,
  work: (actionDeps: ActionDeps<S>) => Promise<T>,
): Promise<T> {
  const now = deps.clock();
  const { result, chats } = await deps.db.$transaction(
    async (tx) => {
      const notifier = new ChatNotifier(tx, deps.messages, deps.renderers);
      const result = await work({
        tx,
        now,
        notifier,
        jobs: scheduler(deps.jobs, tx),
        settings: deps.settings,
      });
      return { result, chats: await enqueue(tx, notifier.entries, now) };
    },
    { timeout: TIMEOUT_MS, maxWait: TIMEOUT_MS },
  );
  deps.deliver(chats);
  return result;
}
