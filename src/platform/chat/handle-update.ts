/**
 * The chat runtime: one inbound update → one database transaction that de-duplicates it,
 * serialises it with other updates of the same chat (across processes), resolves who is
 * writing, routes it (command, feature button, or the open dialogue), stores the dialogue
 * state and queues every outgoing message in the outbox. Delivery happens after commit.
 */
import type { Logger } from "pino";
import type { InboundUpdate, OutboundCall, UpdateHandler } from "../messenger/contract.ts";
import { FLOW_BUTTON_PREFIX } from "../flow/buttons.ts";
import { repeatQuestion, resumeSession, startSession } from "../flow/engine.ts";
import {
  ENGINE_VERSION,
  type EngineContext,
  type EngineInput,
  type Json,
  type SessionState,
  type Text,
  type Turn as EngineTurn,
} from "../flow/types.ts";
import { pickLocale, type Translator } from "../i18n/index.ts";
import type { PrismaClient } from "../../generated/prisma/client.ts";
import { chatKey, enqueue, type OutboxEntry } from "../outbox/enqueue.ts";
import { findChatStaff, redeemInvitation } from "../../access/identity.ts";
import type {
  ChatApp,
  ChatMessage,
  ChatStaff,
  FeatureDeps,
  FlowFeature,
  MessageFor,
  TurnContext,
  Tx,
} from "./app.ts";
import { messagesForStaff } from "./notify.ts";
import { renderMessage, type Reader } from "./render.ts";
import { safeError } from "../logger.ts";

/** What the runtime needs. */
export interface ChatDeps {
  db: PrismaClient;
  clock: () => Date;
  translator: Translator;
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

type SessionRow = { id: string; state: Json; status: string; flowId: string; promptMessageId: number | null };

/** Longest time one update may hold its chat's lock. */
const TURN_TIMEOUT_MS = 15_000;

/**
 * Takes the chat's lock, then records the update; false when it was already processed (a
 * redelivery). One statement: the insert's row comes from the lock, so the lock is held first.
 */
async function lockAndMark(tx: Tx, key: string, update: InboundUpdate, now: Date): Promise<boolean> {
  const inserted = await tx.$executeRaw`
    WITH chat_lock AS (SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0)))
    INSERT INTO processed_updates (messenger, bot_id, update_id, chat_id, processed_at)
    SELECT ${update.messenger}, ${update.botId}, ${BigInt(update.updateId)}, ${update.chatId}, ${now} FROM chat_lock
    ON CONFLICT DO NOTHING`;
  return inserted === 1;
}

/** Builds the per-update context features use, collecting outgoing calls. */
class Turn implements TurnContext {
  readonly outbox: OutboxEntry[] = [];
  private callbackAnswered = false;

  constructor(
    readonly chat: ChatDeps,
    readonly tx: Tx,
    readonly now: Date,
    readonly update: InboundUpdate,
    readonly staff: ChatStaff,
  ) {}

  get deps(): FeatureDeps {
    return this.chat.features;
  }

  async schedule(name: string, payload: object, at?: Date): Promise<void> {
    const jobs = this.chat.features.jobs();
    if (!jobs) throw new Error("the job queue is not running");
    await jobs.send(name, payload, at, this.tx);
  }

  get input() {
    return this.update.input;
  }

  get pressedMessageId(): number | undefined {
    return this.input.kind === "callback" ? this.input.messageId : undefined;
  }

  send(call: OutboundCall, promptOf?: string): void {
    this.outbox.push({
      messenger: this.update.messenger,
      chatId: this.update.chatId,
      call,
      ...(promptOf ? { promptOf } : {}),
    });
  }

  /** Calls showing `message` in this chat (a replacing message edits the pressed one). */
  calls(message: Parameters<typeof renderMessage>[3]) {
    return renderMessage(
      this.chat.translator,
      this.staff,
      this.update.chatId,
      message,
      this.pressedMessageId,
    );
  }

  reply(message: ChatMessage): void {
    for (const call of this.calls(message)) this.send(call);
  }

  replacePressed(message: ChatMessage): void {
    for (const call of this.calls({ ...message, replace: true })) this.send(call);
  }

  async notify(staffIds: string[], message: MessageFor): Promise<void> {
    this.outbox.push(...(await messagesForStaff(this.tx, this.chat.translator, staffIds, message)));
  }

  answerCallback(text?: Text, alert?: boolean): void {
    if (this.input.kind !== "callback" || this.callbackAnswered) return;
    this.callbackAnswered = true;
    const call: OutboundCall = { method: "answerCallbackQuery", callbackQueryId: this.input.callbackQueryId };
    if (text) call.text = this.chat.translator.render(text, this.staff.locale, this.staff.timeZone);
    if (alert) call.showAlert = true;
    // The spinner should stop before anything else is shown.
    this.outbox.unshift({ messenger: this.update.messenger, chatId: this.update.chatId, call });
  }

  async startFlow(flowId: string, params: Record<string, Json> = {}): Promise<void> {
    const feature = this.chat.app.flows.find((f) => f.flow.id === flowId);
    if (!feature) throw new Error(`unknown flow "${flowId}"`);
    const session = await this.openSession();
    if (session) {
      const state = session.state as unknown as SessionState;
      const lead: Text = { key: state.flowId === flowId ? "chat.resumed" : "chat.finish_first" };
      const open = this.chat.app.flows.find((f) => f.flow.id === state.flowId);
      if (open)
        return this.applyEngine(open, session, repeatQuestion(open.flow, state, this.engineContext(), lead));
    }
    await this.applyEngine(feature, null, startSession(feature.flow, this.engineContext(), params));
  }

  async audit(
    action: string,
    subjectType: string,
    subjectId: string,
    details: Record<string, Json> = {},
  ): Promise<void> {
    await this.tx.auditEvent.create({
      data: {
        serviceId: this.staff.serviceId,
        actorStaffId: this.staff.id,
        action,
        subjectType,
        subjectId,
        details,
        at: this.now,
      },
    });
  }

  engineContext(): EngineContext {
    return {
      now: this.now,
      timeZone: this.staff.timeZone,
      newNonce: this.chat.newNonce,
      labelsOf: this.chat.translator.labelsOf,
    };
  }

  async openSession(): Promise<SessionRow | null> {
    const rows = await this.tx.$queryRaw<SessionRow[]>`
      SELECT id, state, status, flow_id AS "flowId", prompt_message_id AS "promptMessageId"
        FROM dialogue_sessions
       WHERE messenger = ${this.update.messenger} AND chat_id = ${this.update.chatId} AND status = 'waiting'`;
    return rows[0] ?? null;
  }

  /** Stores the engine's new state and turns its events into outgoing messages and use cases. */
  async applyEngine(feature: FlowFeature, session: SessionRow | null, result: EngineTurn): Promise<void> {
    const { state, events } = result;
    const messages = events.flatMap((e) => (e.type === "message" ? [e.message] : []));
    const pressed = this.pressedMessageId;
    const replaced = messages.some((m) => m.replace) ? pressed : undefined;
    const newPrompt = messages.some((m) => m.isPrompt && !(m.replace && pressed !== undefined));
    const finished = state.status !== "waiting";
    const previousPrompt = session?.promptMessageId ?? null;
    const keepsPrompt = !newPrompt && !finished && previousPrompt !== null;

    // One statement (this runs in every turn): the chat's session row, created or replaced.
    const [saved] = await this.tx.$queryRaw<{ id: string }[]>`
      INSERT INTO dialogue_sessions (id, messenger, chat_id, staff_id, flow_id, flow_version, engine_version, state, status, prompt_message_id, created_at, updated_at)
      VALUES (gen_random_uuid(), ${this.update.messenger}, ${this.update.chatId}, ${this.staff.id}::uuid, ${state.flowId}, ${state.flowVersion},
              ${ENGINE_VERSION}, ${JSON.stringify(state)}::jsonb, ${state.status}, ${keepsPrompt ? previousPrompt : null}::int, ${this.now}, ${this.now})
      ON CONFLICT (messenger, chat_id) DO UPDATE SET
        staff_id = EXCLUDED.staff_id, flow_id = EXCLUDED.flow_id, flow_version = EXCLUDED.flow_version,
        engine_version = EXCLUDED.engine_version, state = EXCLUDED.state, status = EXCLUDED.status,
        prompt_message_id = EXCLUDED.prompt_message_id, updated_at = EXCLUDED.updated_at
      RETURNING id`;
    if (!saved) throw new Error("dialogue session was not saved");

    this.answerCallback();
    for (const event of events) {
      switch (event.type) {
        case "message": {
          const prompt = event.message.isPrompt && !finished ? saved.id : undefined;
          this.calls(event.message).forEach((call, index) =>
            this.send(call, index === 0 ? prompt : undefined),
          );
          break;
        }
        case "completed":
          await feature.onComplete?.(this, event.answers, event.params);
          break;
        case "failed":
          this.chat.logger.error({ flowId: feature.flow.id, reason: event.reason }, "dialogue failed");
          this.reply({ texts: [{ key: "chat.failed" }] });
          break;
        default:
          break;
      }
    }
    // The old question's buttons go after the new question is shown: the person sees it sooner.
    if (previousPrompt !== null && previousPrompt !== replaced && (newPrompt || finished)) {
      this.send({ method: "editMessageReplyMarkup", chatId: this.update.chatId, messageId: previousPrompt });
    }
  }
}

function engineInput(input: InboundUpdate["input"]): EngineInput | null {
  switch (input.kind) {
    case "text":
      return { type: "text", text: input.text };
    case "callback":
      return { type: "button", data: input.data };
    case "contact":
      return { type: "contact", phone: input.phone, own: input.contactUserId !== undefined };
    case "unsupported":
      return { type: "unsupported", what: input.what };
    default:
      return null;
  }
}

async function helpMessage(turn: Turn): Promise<void> {
  const lines = turn.chat.app.commands
    .filter((c) => c.roles.includes(turn.staff.role))
    .map(
      (c) =>
        `/${c.name} — ${turn.chat.translator.render({ key: c.description }, turn.staff.locale, turn.staff.timeZone)}`,
    );
  turn.reply({ texts: [{ key: "commands.help", params: { commands: lines.join("\n") } }] });
}

/** Routes an update from a known, active staff member. */
async function route(turn: Turn): Promise<void> {
  const { input } = turn;
  const { app } = turn.chat;
  const session = await turn.openSession();
  const state = session?.state as unknown as SessionState | undefined;
  const feature = state && app.flows.find((f) => f.flow.id === state.flowId);
  const ctx = turn.engineContext();

  if (input.kind === "command") {
    const command = app.commands.find((c) => c.name === input.command && c.roles.includes(turn.staff.role));
    if (input.command === "cancel" && feature && state) {
      return turn.applyEngine(feature, session, resumeSession(feature.flow, state, { type: "cancel" }, ctx));
    }
    if (command) return command.run(turn, input.args);
    if (input.command === "start" || input.command === "help") return helpMessage(turn);
    if (feature && state) {
      return turn.applyEngine(
        feature,
        session,
        repeatQuestion(feature.flow, state, ctx, { key: "chat.unknown_command" }),
      );
    }
    return turn.reply({ texts: [{ key: "chat.unknown_command" }] });
  }

  if (input.kind === "callback" && !input.data.startsWith(FLOW_BUTTON_PREFIX)) {
    const action = app.actions.find(
      (a) => input.data.startsWith(a.prefix) && a.roles.includes(turn.staff.role),
    );
    if (action) await action.run(turn, input.data);
    return turn.answerCallback(action ? undefined : { key: "engine.stale_button" });
  }

  if (input.kind === "edited") {
    if (feature && state)
      return turn.applyEngine(
        feature,
        session,
        repeatQuestion(feature.flow, state, ctx, { key: "chat.edit_ignored" }),
      );
    return;
  }

  const engineIn = engineInput(input);
  if (feature && state && engineIn) {
    return turn.applyEngine(feature, session, resumeSession(feature.flow, state, engineIn, ctx));
  }
  if (input.kind === "callback") {
    turn.answerCallback({ key: "engine.stale_button" });
    if (input.messageId !== undefined)
      turn.send({ method: "editMessageReplyMarkup", chatId: turn.update.chatId, messageId: input.messageId });
    return;
  }
  turn.reply({ texts: [{ key: "chat.no_dialogue" }] });
}

/** Handles a person the bot does not know: only an invitation code is accepted. */
async function routeStranger(
  deps: ChatDeps,
  tx: Tx,
  update: InboundUpdate,
  now: Date,
): Promise<OutboxEntry[]> {
  const reader: Reader = { locale: pickLocale(update.languageCode), timeZone: deps.defaultTimeZone };
  const { input } = update;
  let texts: Text[] = [{ key: "chat.unknown_user" }];
  let locale = reader.locale;
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
      texts = [
        {
          key: "access.welcome",
          params: { name: result.staff.fullName, role: { key: `access.roles.${result.staff.role}` } },
        },
        { key: "chat.help_hint" },
      ];
    } else {
      texts = [{ key: `access.invitation_${result.reason}` }];
    }
  }
  return briefReply(deps, update, { ...reader, locale }, texts);
}

/**
 * A one-message answer outside any turn (a stranger, a deactivated user, a failed turn): the
 * pressed button's spinner stopped, then the message.
 */
function briefReply(deps: ChatDeps, update: InboundUpdate, reader: Reader, texts: Text[]): OutboxEntry[] {
  const to = { messenger: update.messenger, chatId: update.chatId };
  const entries: OutboxEntry[] = [];
  if (update.input.kind === "callback") {
    entries.push({
      ...to,
      call: { method: "answerCallbackQuery", callbackQueryId: update.input.callbackQueryId },
    });
  }
  for (const call of renderMessage(deps.translator, reader, update.chatId, { texts }))
    entries.push({ ...to, call });
  return entries;
}

async function process(deps: ChatDeps, tx: Tx, update: InboundUpdate, now: Date): Promise<OutboxEntry[]> {
  const known = await findChatStaff(tx, { messenger: update.messenger, userId: update.userId });
  if (!known) return routeStranger(deps, tx, update, now);
  if (!known.active) return briefReply(deps, update, known.staff, [{ key: "chat.deactivated" }]);
  if (known.identities.every((i) => i.chatId !== update.chatId)) {
    await tx.messengerIdentity.update({
      where: { messenger_externalUserId: { messenger: update.messenger, externalUserId: update.userId } },
      data: { chatId: update.chatId },
    });
  }
  const turn = new Turn(deps, tx, now, update, known.staff);
  await route(turn);
  turn.answerCallback();
  return turn.outbox;
}

/** Tells the user a turn failed; their stored answers are untouched because the turn rolled back. */
async function reportFailure(deps: ChatDeps, update: InboundUpdate, now: Date): Promise<void> {
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
 * Creates the update handler the adapters call. It never throws: a failure is logged
 * (without personal data), the user is told their answers are kept, and the update is
 * marked processed so a redelivery does not fail again.
 */
export function createUpdateHandler(deps: ChatDeps): UpdateHandler {
  return async (update) => {
    const now = deps.clock();
    const key = chatKey(update.messenger, update.chatId);
    try {
      const chats = await deps.db.$transaction(
        async (tx) => {
          if (!(await lockAndMark(tx, key, update, now))) return [];
          return enqueue(tx, await process(deps, tx, update, now), now);
        },
        { timeout: TURN_TIMEOUT_MS, maxWait: TURN_TIMEOUT_MS },
      );
      // Always this chat too: a delivery retry that found the chat locked by this turn gave
      // way to it, and this turn may have queued nothing (a redelivery, an ignored edit).
      deps.onQueued(chats.includes(key) ? chats : [key, ...chats]);
    } catch (error) {
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
