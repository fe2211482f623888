/**
 * What every action receives. An action is one function `verbNoun(deps, actor, input)` that checks
 * permission and state, writes the change with its event and audit rows in `deps.tx`, queues its
 * jobs and notices there too, and returns a result. The channel that called it (chat turn, API
 * request, console form, job) owns the transaction and renders the result.
 *
 * Refusals are thrown as `DomainError` before anything is written, so a caller may catch one and
 * carry on in the same transaction (the chat answers the button and redraws the card).
 */
import type { Db } from "./db/client.ts";
import type { Scheduler } from "./jobs/queue.ts";
import type { Notifier } from "./notify.ts";

/** Dependencies of an action; `S` is the part of the settings it reads. */
export interface ActionDeps<S = unknown> {
  /** The transaction everything is written in. */
  tx: Db;
  /** The moment of the action (one per request or update: injected, never `new Date()`). */
  now: Date;
  notifier: Notifier;
  jobs: Scheduler;
  settings: S;
}
