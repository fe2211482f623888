/**
 * The chat runtime: one inbound update → one database transaction that de-duplicates it,
 * serialises it with other updates of the same chat (across processes), resolves who is
 * writing, routes it (./router.ts), stores the dialogue state and queues every outgoing message
 * in the outbox. Delivery happens after commit.
 */
import type { Logger } from "pino";
import { findChatStaff, redeemInvitation } from "../../access/identity.ts";
import type { DbClient } from "../db/client.ts";
import type { Text } from "../flow/types.ts";
import { pickLocale, type Translator } from "../i18n/index.ts";
import { safeError } from "../logger.ts";
import { writeAudit } from "../audit.ts";
import { staffActor } from "../actor.ts";
import { RetryLaterError, type InboundUpdate, type UpdateHandler } from "../messenger/contract.ts";
import { isDatabaseUnavailable } from "../db/unavailable.ts";
import { chatKey, enqueue, type OutboxEntry } from "../outbox/enqueue.ts";
import { saveAndEnqueue } from "./sessions.ts";
import type { ChatApp, FeatureDeps, Tx } from "./app.ts";
import { refreshMenu } from "./command-menu.ts";
import { lockAndMark } from "./lock.ts";
import type { MessageRenderer, Reader } from "./render.ts";
import { route } from "./router.ts";
import { Turn } from "./turn.ts";

/** What the runtime needs. */
export interface RuntimeDeps {
  db: DbClient;
  clock: () => Date;
  translator: Translator;
  messages: MessageRenderer;
  logger: Logger;
  newNonce: () => string;
  app: ChatApp;
  /** Called after commit with the chats that have new outbox rows. */
  onQueued: (chatKeys: string[]) => void;
  /** Service time zone for people the bot does not know yet. */
  defaultTimeZone: string;
  /** What features get through {@link TurnContext.deps}. */
  features: FeatureDeps;
}

/** Longest time one update may hold its chat's lock. */
const TURN_TIMEOUT_MS = 15_000;

/** Handles a person the bot does not know: only an invitation code is accepted. */
async function routeStranger(
  deps: RuntimeDeps,
  tx: Tx,
  update: InboundUpdate,
  now: Date,
): Promise<OutboxEntry[]> {
  const reader: Reader = { locale: pickLocale(update.languageCode), timeZone: deps.defaultTimeZone };
  const { input } = update;
  let texts: Text[] = [{ key: "chat.unknown_user" }];
  let locale = reader.locale;
  let menuEntry: OutboxEntry | undefined;
  if (input.kind === "command" && input.command === "start" && input.args.trim()) {
    const result = await redeemInvitation(tx, {
      code: input.args.trim(),
      messenger: update.messenger,
      userId: update.userId,
      chatId: update.chatId,
      locale: reader.locale,
      now,
    });
    if (result.ok) {
      locale = result.staff.locale;
      const menu = await refreshMenu(tx, deps, {
        staff: result.staff,
        messenger: update.messenger,
        userId: update.userId,
        chatId: update.chatId,
        current: null,
      });
      if (menu) menuEntry = { messenger: update.messenger, chatId: update.chatId, call: menu };
      texts = [
        {
          key: result.linked ? "access.linked" : "access.welcome",
          params: { name: result.staff.fullName, role: { key: `access.roles.${result.staff.role}` } },
        },
        { key: "chat.help_hint" },
      ];
    } else {
      texts = [{ key: `access.invitation_${result.reason}` }];
    }
  }
  const entries = briefReply(deps, update, { ...reader, locale }, texts);
  return menuEntry ? [...entries, menuEntry] : entries;
}

/**
 * A one-message answer outside any turn (a stranger, a deactivated user, a failed turn): the
 * pressed button's spinner stopped, then the message.
 */
function briefReply(deps: RuntimeDeps, update: InboundUpdate, reader: Reader, texts: Text[]): OutboxEntry[] {
  const to = { messenger: update.messenger, chatId: update.chatId };
  const entries: OutboxEntry[] = [];
  if (update.input.kind === "callback") {
    entries.push({
      ...to,
      call: { method: "answerCallbackQuery", callbackQueryId: update.input.callbackQueryId },
    });
  }
  for (const call of deps.messages.calls(update.messenger, reader, update.chatId, { texts }))
    entries.push({ ...to, call });
  return entries;
}

/** Handles the update in `tx`; returns the chats that got messages (the turn's own writes done). */
async function process(deps: RuntimeDeps, tx: Tx, update: InboundUpdate, now: Date): Promise<string[]> {
  // The person and their chat's open dialogue in one statement.
  const known = await findChatStaff(
    tx,
    { messenger: update.messenger, userId: update.userId },
    { sessionOf: { messenger: update.messenger, chatId: update.chatId } },
  );
  if (!known) {
    for (const guest of deps.app.guests ?? []) {
      const entries = await guest.handle({
        tx,
        now,
        update,
        deps: deps.features,
        defaultTimeZone: deps.defaultTimeZone,
      });
      if (entries) return enqueue(tx, entries, now);
    }
    return enqueue(tx, await routeStranger(deps, tx, update, now), now);
  }
  if (!known.active)
    return enqueue(tx, briefReply(deps, update, known.staff, [{ key: "chat.deactivated" }]), now);
  const identity = known.identities.find(
    (i) => i.messenger === update.messenger && i.userId === update.userId,
  );
  const bound = identity?.chatId;
  if (bound !== undefined && bound !== update.chatId) {
    // A person's chat is the one bound when they redeemed their invitation; an update naming
    // another chat is forged or misrouted. Never rebind silently (their cards would go
    // elsewhere) and never answer into that chat: record it and drop the update.
    deps.logger.warn(
      { updateId: update.updateId, messenger: update.messenger },
      "update from an unbound chat refused",
    );
    await writeAudit(tx, {
      actor: staffActor(known.staff, "chat"),
      action: "chat.binding_refused",
      subjectType: "staff",
      subjectId: known.staff.id,
      details: { messenger: update.messenger, updateId: update.updateId },
      at: now,
    });
    return [];
  }
  const turn = new Turn(deps, tx, now, update, known.staff, known.session ?? null);
  await route(turn);
  turn.answerCallback();
  // The menu follows the person's role and language (the turn may just have changed the language).
  const menu = await refreshMenu(tx, deps, {
    staff: turn.staff,
    messenger: update.messenger,
    userId: update.userId,
    chatId: update.chatId,
    current: identity?.menu ?? null,
  });
  if (menu) turn.send(menu);
  // The dialogue's new state and the turn's messages in one statement.
  const session = turn.takeSessionWrite();
  return session ? saveAndEnqueue(tx, session, turn.outbox) : enqueue(tx, turn.outbox, now);
}

/** Tells the user a turn failed; their stored answers are untouched because the turn rolled back. */
async function reportFailure(deps: RuntimeDeps, update: InboundUpdate, now: Date): Promise<void> {
  const key = chatKey(update.messenger, update.chatId);
  await deps.db.$transaction(async (tx) => {
    await lockAndMark(tx, key, update, now);
    const known = await findChatStaff(tx, { messenger: update.messenger, userId: update.userId });
    const reader: Reader = known?.staff ?? {
      locale: pickLocale(update.languageCode),
      timeZone: deps.defaultTimeZone,
    };
    const entries = briefReply(deps, update, reader, [{ key: "chat.failed" }]);
    await enqueue(tx, entries, now);
  });
  deps.onQueued([key]);
}

/**
 * Creates the update handler the adapters call. A failure is logged (without personal data), the
 * user is told their answers are kept, and the update is marked processed so a redelivery does
 * not fail again. The one exception: when the database cannot be reached, nothing can be kept or
 * told, so it throws {@link RetryLaterError} and the adapter leaves the update unacknowledged.
 */
export function createUpdateHandler(deps: RuntimeDeps): UpdateHandler {
  return async (update) => {
    const now = deps.clock();
    const key = chatKey(update.messenger, update.chatId);
    try {
      const chats = await deps.db.$transaction(
        async (tx) => {
          if (!(await lockAndMark(tx, key, update, now))) return [];
          return process(deps, tx, update, now);
        },
        { timeout: TURN_TIMEOUT_MS, maxWait: TURN_TIMEOUT_MS },
      );
      // Always this chat too: a delivery retry that found the chat locked by this turn gave
      // way to it, and this turn may have queued nothing (a redelivery, an ignored edit).
      deps.onQueued(chats.includes(key) ? chats : [key, ...chats]);
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        // Nothing was committed (or the commit is recognised when it comes again): not handled.
        deps.logger.warn({ updateId: update.updateId }, "database unavailable; update left for redelivery");
        throw new RetryLaterError("database_unavailable");
      }
      deps.logger.error(
        { err: safeError(error), updateId: update.updateId, input: update.input.kind },
        "update failed",
      );
      try {
        await reportFailure(deps, update, now);
      } catch (reportError) {
        deps.logger.error(
          { err: safeError(reportError), updateId: update.updateId },
          "could not report a failed update",
        );
      }
    }
  };
}
