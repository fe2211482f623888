/**
 * The mother's side of the bot. The runtime asks this handler about everyone who is not staff:
 * a `/start` with a client invitation binds her to her case; once bound, everything she sends is
 * hers to her curator, her buttons are the few of her menu, and nothing of the staff's commands,
 * dialogues or buttons answers her (the staff router never runs for her). Her case always comes
 * from her binding, never from what a button says.
 */
import type { ClientActor } from "../../access/policy.ts";
import type { ActionDeps } from "../../platform/actions.ts";
import type { ChatMessage, GuestContext, GuestHandler } from "../../platform/chat/app.ts";
import { ChatNotifier } from "../../platform/chat/notifier.ts";
import type { Reader } from "../../platform/chat/render.ts";
import { writeAudit } from "../../platform/audit.ts";
import { DomainError } from "../../platform/errors.ts";
import type { Text } from "../../platform/flow/types.ts";
import { pickLocale } from "../../platform/i18n/index.ts";
import { scheduler } from "../../platform/jobs/queue.ts";
import type { OutboxEntry } from "../../platform/outbox/enqueue.ts";
import { clientCase } from "../actions/common.ts";
import { joinClientChannel } from "../actions/join-client-channel.ts";
import { relayClientMessage } from "../actions/relay-message.ts";
import { stopClientChannel } from "../actions/stop-client-channel.ts";
import { firstName } from "../domain/names.ts";
import { CLIENT_PLAN } from "../jobs/types.ts";
import { clientMenu } from "./cards.ts";
import { CLIENT_BUTTONS } from "./kinds.ts";

/** One update of hers: what to answer, and the action dependencies bound to its transaction. */
class GuestTurn {
  readonly entries: OutboxEntry[] = [];
  private readonly notifier: ChatNotifier;
  private answered = false;

  constructor(
    readonly ctx: GuestContext,
    readonly reader: Reader,
  ) {
    this.notifier = new ChatNotifier(ctx.tx, ctx.deps.messages, ctx.deps.renderers);
  }

  get update() {
    return this.ctx.update;
  }

  actionDeps(): ActionDeps {
    return {
      tx: this.ctx.tx,
      now: this.ctx.now,
      notifier: this.notifier,
      jobs: scheduler(this.ctx.deps.jobs, this.ctx.tx),
      settings: {},
    };
  }

  answerCallback(text?: Text): void {
    const { input } = this.update;
    if (input.kind !== "callback" || this.answered) return;
    this.answered = true;
    this.entries.unshift({
      messenger: this.update.messenger,
      chatId: this.update.chatId,
      call: {
        method: "answerCallbackQuery",
        callbackQueryId: input.callbackQueryId,
        ...(text
          ? { text: this.ctx.deps.translator.render(text, this.reader.locale, this.reader.timeZone) }
          : {}),
      },
    });
  }

  reply(message: ChatMessage): void {
    for (const call of this.ctx.deps.messages.calls(
      this.update.messenger,
      this.reader,
      this.update.chatId,
      message,
    ))
      this.entries.push({ messenger: this.update.messenger, chatId: this.update.chatId, call });
  }

  /** Her answer first, then what the actions told others (the curator). */
  finish(): OutboxEntry[] {
    this.answerCallback();
    return [...this.entries, ...this.notifier.entries];
  }
}

/** The welcome (after joining, and on /start). */
async function welcome(turn: GuestTurn, caseId: string, first: boolean): Promise<void> {
  const c = await clientCase(turn.ctx.tx, caseId);
  if (!c) return;
  const curator = await turn.ctx.tx.staff.findUniqueOrThrow({
    where: { id: c.curatorId },
    select: { fullName: true, phone: true },
  });
  const texts: Text[] = [
    { key: first ? "clients.me.welcome" : "clients.me.hello", params: { name: firstName(curator.fullName) } },
    curator.phone
      ? { key: "clients.me.curator_phone", params: { phone: curator.phone } }
      : { key: "clients.me.curator_here" },
    { key: "clients.me.how" },
  ];
  turn.reply({ texts, buttons: clientMenu() });
}

/** Her current plan again (rendered by a job: a PDF takes a moment). */
async function planAgain(turn: GuestTurn, actor: ClientActor): Promise<void> {
  const identity = await turn.ctx.tx.clientIdentity.findUniqueOrThrow({ where: { id: actor.id } });
  if (!identity.sentPlanId) {
    turn.reply({ texts: [{ key: "clients.me.no_plan_yet" }], buttons: clientMenu() });
    return;
  }
  await scheduler(turn.ctx.deps.jobs, turn.ctx.tx).schedule(CLIENT_PLAN, {
    caseId: actor.caseId,
    planId: identity.sentPlanId,
  });
  turn.reply({ texts: [{ key: "clients.me.plan_coming" }] });
}

/** She stops: her binding is deleted, the consent withdrawn, her curator told. */
async function stop(turn: GuestTurn, actor: ClientActor): Promise<void> {
  await stopClientChannel(turn.actionDeps(), actor, { caseId: actor.caseId, how: "client_stop" });
  turn.reply({ texts: [{ key: "clients.me.stopped" }] });
}

/** Her words to her curator. */
async function write(turn: GuestTurn, actor: ClientActor, text: string): Promise<void> {
  const r = await relayClientMessage(turn.actionDeps(), actor, { text });
  const name = firstName(r.curatorName);
  const texts: Text[] = [];
  if (r.within) texts.push({ key: "clients.me.sent", params: { name } });
  else {
    texts.push(
      r.opensAt
        ? { key: "clients.me.sent_later", params: { name, when: { datetime: r.opensAt.toISOString() } } }
        : { key: "clients.me.sent_later_unknown", params: { name } },
    );
    texts.push(
      r.emergencyPhone
        ? { key: "clients.me.emergency", params: { phone: r.emergencyPhone } }
        : { key: "clients.me.emergency_general" },
    );
  }
  turn.reply({ texts });
}

/** A bound mother's update. */
async function bound(turn: GuestTurn, actor: ClientActor): Promise<void> {
  const { input } = turn.update;
  switch (input.kind) {
    case "command":
      if (input.command === "stop") return stop(turn, actor);
      if (input.command === "start") return welcome(turn, actor.caseId, false);
      // Staff commands (and any other) are not hers: the same gentle menu.
      turn.reply({ texts: [{ key: "clients.me.only_writing" }], buttons: clientMenu() });
      return;
    case "text":
      return write(turn, actor, input.text);
    case "callback":
      switch (input.data) {
        case CLIENT_BUTTONS.write:
          turn.answerCallback();
          turn.reply({ texts: [{ key: "clients.me.write_hint" }] });
          return;
        case CLIENT_BUTTONS.plan:
          turn.answerCallback();
          return planAgain(turn, actor);
        case CLIENT_BUTTONS.stopAsk:
          turn.answerCallback();
          turn.reply({
            texts: [{ key: "clients.me.stop_confirm" }],
            buttons: [
              [{ text: { key: "clients.me.stop_yes" }, data: CLIENT_BUTTONS.stop }],
              [{ text: { key: "clients.me.stop_no" }, data: CLIENT_BUTTONS.keep }],
            ],
          });
          return;
        case CLIENT_BUTTONS.stop:
          turn.answerCallback();
          return stop(turn, actor);
        case CLIENT_BUTTONS.keep:
          turn.answerCallback();
          turn.reply({ texts: [{ key: "clients.me.kept" }], buttons: clientMenu() });
          return;
        default:
          // Any other button (a staff button's data, crafted or old) does nothing for her.
          turn.answerCallback({ key: "engine.stale_button" });
          return;
      }
    case "edited":
      return;
    default:
      turn.reply({ texts: [{ key: "clients.me.text_only" }] });
  }
}

/** The handler the runtime asks before answering a stranger. */
export const clientGuestHandler: GuestHandler = {
  id: "clients",
  async handle(ctx) {
    const { tx, update } = ctx;
    const identity = await tx.clientIdentity.findUnique({
      where: { messenger_externalUserId: { messenger: update.messenger, externalUserId: update.userId } },
    });
    if (!identity) {
      const { input } = update;
      if (input.kind !== "command" || input.command !== "start") return null;
      const code = input.args.trim();
      // Not a client invitation: someone else's business (staff invitations, the stranger's answer).
      if (!code || !(await tx.clientInvitation.findUnique({ where: { code }, select: { id: true } })))
        return null;
      const locale = pickLocale(update.languageCode);
      const turn = new GuestTurn(ctx, { locale, timeZone: ctx.defaultTimeZone });
      const result = await joinClientChannel(turn.actionDeps(), {
        code,
        messenger: update.messenger,
        userId: update.userId,
        chatId: update.chatId,
        locale,
      });
      if (!result.ok) {
        turn.reply({ texts: [{ key: `clients.me.join_${result.reason}` }] });
        return turn.finish();
      }
      const c = await clientCase(tx, result.actor.caseId);
      const reader = { locale, timeZone: c?.service.timeZone ?? ctx.defaultTimeZone };
      const joined = new GuestTurn(ctx, reader);
      joined.entries.push(...turn.finish());
      await welcome(joined, result.actor.caseId, true);
      return joined.finish();
    }
    const c = await clientCase(tx, identity.caseId);
    const reader = {
      locale: pickLocale(identity.locale),
      timeZone: c?.service.timeZone ?? ctx.defaultTimeZone,
    };
    const turn = new GuestTurn(ctx, reader);
    if (identity.chatId !== update.chatId) {
      // Her binding names her own chat: an update from another chat is forged or misrouted.
      await writeAudit(tx, {
        actor: {
          kind: "client",
          id: identity.id,
          caseId: identity.caseId,
          serviceId: identity.serviceId,
          channel: "chat",
        },
        action: "client.binding_refused",
        subjectType: "case",
        subjectId: identity.caseId,
        details: { messenger: update.messenger },
        at: ctx.now,
      });
      return [];
    }
    const actor: ClientActor = {
      kind: "client",
      id: identity.id,
      caseId: identity.caseId,
      serviceId: identity.serviceId,
      channel: "chat",
    };
    try {
      await bound(turn, actor);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      turn.answerCallback();
      turn.reply({ texts: [error.text] });
    }
    return turn.finish();
  },
};
