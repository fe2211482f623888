/**
 * One update of a known staff member, inside its transaction: what features may do (reply, start a
 * dialogue, run actions) collected as outgoing calls, and how the engine's result is applied.
 */
import { authorize } from "../../access/policy.ts";
import { staffActor, type StaffActor } from "../actor.ts";
import type { ActionDeps } from "../actions.ts";
import { DomainError } from "../errors.ts";
import { repeatQuestion, startSession } from "../flow/engine.ts";
import type { EngineContext, Json, SessionState, Text, Turn as EngineTurn } from "../flow/types.ts";
import { scheduler } from "../jobs/queue.ts";
import type { InboundUpdate, OutboundCall } from "../messenger/contract.ts";
import type { OutboxEntry } from "../outbox/enqueue.ts";
import type { ChatMessage, ChatStaff, FeatureDeps, FlowFeature, MessageFor, TurnContext, Tx } from "./app.ts";
import { ChatNotifier } from "./notifier.ts";
import { messagesForStaff } from "./notify.ts";
import type { RenderableMessage } from "./render.ts";
import type { RuntimeDeps } from "./runtime.ts";
import {
  forgetAnswers,
  openSession,
  saveSession,
  THIS_SESSION,
  type SessionRow,
  type SessionWrite,
} from "./sessions.ts";

/** The context features get for one update. */
export class Turn implements TurnContext {
  readonly outbox: OutboxEntry[] = [];
  readonly actor: StaffActor;
  private callbackAnswered = false;
  /** The session as read with the staff row, until this turn changes it; see {@link openSession}. */
  private preloaded: SessionRow | null | undefined;
  /** The session to store with the turn's messages ({@link takeSessionWrite}). */
  private pendingSession: SessionWrite | undefined;

  constructor(
    readonly chat: RuntimeDeps,
    readonly tx: Tx,
    readonly now: Date,
    readonly update: InboundUpdate,
    readonly staff: ChatStaff,
    preloaded?: SessionRow | null,
  ) {
    this.actor = staffActor(staff, "chat");
    this.preloaded = preloaded;
  }

  /**
   * The session write still to be made, for the runtime to store together with the outbox rows
   * in one statement; afterwards there is none.
   */
  takeSessionWrite(): SessionWrite | undefined {
    const pending = this.pendingSession;
    this.pendingSession = undefined;
    return pending;
  }

  get deps(): FeatureDeps {
    return this.chat.features;
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
  calls(message: RenderableMessage) {
    return this.chat.messages.calls(
      this.update.messenger,
      this.staff,
      this.update.chatId,
      this.withFormButton(message),
      this.pressedMessageId,
    );
  }

  /** Where the secure form for this chat's personal questions opens; undefined when it cannot. */
  formUrl(): string | undefined {
    if (!this.staff.personalDataByForm) return undefined;
    // Only where the messenger opens pages inside itself with signed launch data (a Mini App):
    // elsewhere the page would get no launch data and show nothing, so the chat asks as before.
    if (!this.chat.messages.limitsOf(this.update.messenger).miniApps) return undefined;
    const base = this.chat.features.formsUrl?.()?.replace(/\/+$/, "");
    return base ? `${base}/forms/dialogue?m=${this.update.messenger}` : undefined;
  }

  /** A question asked in the secure form gets the button that opens it (a Mini App where possible). */
  private withFormButton(message: RenderableMessage): RenderableMessage {
    const url = "form" in message && message.form ? this.formUrl() : undefined;
    if (!url) return message;
    return { ...message, links: [[{ text: { key: "engine.form.open" }, url, miniApp: true }]] };
  }

  reply(message: ChatMessage): void {
    this.calls(message).forEach((call, index) => {
      if (index === 0 && message.card && call.method === "sendMessage") {
        this.outbox.push({
          messenger: this.update.messenger,
          chatId: this.update.chatId,
          call,
          card: { ...message.card, staffId: this.staff.id },
        });
      } else this.send(call);
    });
  }

  replacePressed(message: ChatMessage): void {
    for (const call of this.calls({ ...message, replace: true })) this.send(call);
  }

  sendDocument(fileId: string, caption?: Text): void {
    const text = caption && this.chat.translator.render(caption, this.staff.locale, this.staff.timeZone);
    this.send({
      method: "sendDocument",
      chatId: this.update.chatId,
      fileId,
      ...(text ? { caption: text } : {}),
    });
  }

  async notify(staffIds: string[], message: MessageFor): Promise<void> {
    this.outbox.push(...(await messagesForStaff(this.tx, this.chat.messages, staffIds, message)));
  }

  actionDeps<S>(settings: S): ActionDeps<S> {
    const notifier = new ChatNotifier(this.tx, this.chat.messages, this.chat.app.renderers);
    const outbox = this.outbox;
    return {
      tx: this.tx,
      now: this.now,
      // Messages to others go after this chat's own reply is queued; both land in this turn.
      notifier: {
        notify: async (notice) => {
          await notifier.notify(notice);
          outbox.push(...notifier.entries.splice(0));
        },
      },
      jobs: scheduler(this.chat.features.jobs, this.tx),
      settings,
    };
  }

  showError(error: DomainError): void {
    // In a chat, a thing that is not there any more is an old button, not an error.
    const text: Text =
      error.code === "not_found" && error.key === "errors.not_found"
        ? { key: "engine.stale_button" }
        : error.text;
    if (this.input.kind === "callback" && !this.callbackAnswered) {
      this.answerCallback(text, error.code !== "not_found");
      return;
    }
    this.reply({ texts: [text] });
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

  async startFlow(
    flowId: string,
    params: Record<string, Json> = {},
    options: { answers?: Record<string, Json> } = {},
  ): Promise<void> {
    const feature = this.chat.app.flows.find((f) => f.flow.id === flowId);
    if (!feature) throw new Error(`unknown flow "${flowId}"`);
    authorize(this.actor, feature.permission);
    const session = await this.openSession();
    if (session) {
      const state = session.state as unknown as SessionState;
      const lead: Text = { key: state.flowId === flowId ? "chat.resumed" : "chat.finish_first" };
      const open = this.chat.app.flows.find((f) => f.flow.id === state.flowId);
      if (open)
        return this.applyEngine(open, session, repeatQuestion(open.flow, state, this.engineContext(), lead));
    }
    await this.applyEngine(feature, null, startSession(feature.flow, this.engineContext(), params, options));
  }

  engineContext(): EngineContext {
    return {
      now: this.now,
      timeZone: this.staff.timeZone,
      newNonce: this.chat.newNonce,
      labelsOf: this.chat.translator.labelsOf,
      // Personal questions go to the secure form only where the form can be opened.
      ...(this.formUrl() ? { personalByForm: true } : {}),
    };
  }

  async openSession(): Promise<SessionRow | null> {
    // Read with the staff row, and nothing of this turn changed it since: no query.
    if (this.preloaded !== undefined && this.pendingSession === undefined) return this.preloaded;
    this.preloaded = undefined;
    // A look after this turn changed the dialogue (rare): store the change first, then read.
    const pending = this.takeSessionWrite();
    if (pending) {
      const id = await saveSession(this.tx, pending);
      for (const entry of this.outbox) if (entry.promptOf === THIS_SESSION) entry.promptOf = id;
    }
    return openSession(this.tx, this.update.messenger, this.update.chatId);
  }

  /** Stores the engine's new state and turns its events into outgoing messages and completions. */
  async applyEngine(feature: FlowFeature, session: SessionRow | null, result: EngineTurn): Promise<void> {
    const { state, events } = result;
    const chosenLocale = feature.localeOf?.(state.answers);
    if (chosenLocale) this.staff.locale = chosenLocale;
    const messages = events.flatMap((e) => (e.type === "message" ? [e.message] : []));
    const pressed = this.pressedMessageId;
    const replaced = messages.some((m) => m.replace) ? pressed : undefined;
    const newPrompt = messages.some((m) => m.isPrompt && !(m.replace && pressed !== undefined));
    const finished = state.status !== "waiting";
    const previousPrompt = session?.promptMessageId ?? null;
    const keepsPrompt = !newPrompt && !finished && previousPrompt !== null;

    // Stored at the end of the turn together with its messages (one statement, see the runtime).
    this.pendingSession = {
      messenger: this.update.messenger,
      chatId: this.update.chatId,
      staffId: this.staff.id,
      // A finished dialogue keeps no answers: a completion has stored them where they belong (in
      // this same transaction), a cancellation was asked to delete them.
      state: finished ? forgetAnswers(state) : state,
      promptMessageId: keepsPrompt ? previousPrompt : null,
      now: this.now,
    };

    this.answerCallback();
    // A dialogue that keeps what was answered when cancelled says so instead of "answers deleted".
    let cancelNote: Text | undefined;
    let cancelled = false;
    if (state.status === "cancelled" && feature.onCancel && events.some((e) => e.type === "cancelled")) {
      try {
        cancelNote = (await feature.onCancel(this, state.answers, state.params)) ?? undefined;
      } catch (error) {
        // Nothing could be kept (e.g. the case was closed meanwhile): the engine's words stand.
        if (!(error instanceof DomainError)) throw error;
      }
    }
    // The session's parameters as this turn leaves them (sending early adds to them).
    let params = state.params;
    for (const event of events) {
      switch (event.type) {
        case "message": {
          // Only a question with buttons is remembered as the prompt: when it is answered, its
          // buttons are removed; a question without buttons needs no second call.
          const prompt = event.message.isPrompt && !finished;
          const message = cancelled && cancelNote ? { ...event.message, texts: [cancelNote] } : event.message;
          this.calls(message).forEach((call, index) =>
            this.send(call, prompt && index === 0 && hasInlineKeyboard(call) ? THIS_SESSION : undefined),
          );
          break;
        }
        case "completed":
          try {
            await feature.onComplete?.(this, event.answers, event.params);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            this.reply({ texts: [error.text] });
          }
          break;
        case "submitted_early":
          try {
            const added = await feature.onSubmitEarly?.(this, event.answers, event.params);
            if (added && this.pendingSession) {
              params = { ...params, ...added };
              this.pendingSession.state = { ...this.pendingSession.state, params };
            }
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            this.reply({ texts: [error.text] });
            // Nothing was sent: the session stays as it was, still offering to send.
            params = session ? (session.state as unknown as SessionState).params : state.params;
            if (this.pendingSession) this.pendingSession.state = { ...state, params };
          }
          break;
        case "answered":
          await feature.onAnswered?.(this, event.stepId, event.value, params);
          break;
        case "cancelled":
          cancelled = true;
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

/** Whether a call shows inline buttons (which go stale when the question is answered). */
function hasInlineKeyboard(call: OutboundCall): boolean {
  return (
    (call.method === "sendMessage" || call.method === "editMessageText") && call.keyboard?.type === "inline"
  );
}
