/**
 * What an area plugs into the chat runtime: flows with their completions, commands, buttons and
 * notice renderers. The runtime (./runtime.ts) routes updates to them; areas never touch the
 * engine or the adapters, and their actions never touch these types.
 */
import type { Router } from "express";
import type { Logger } from "pino";
import type { Permission } from "../../access/policy.ts";
import type { StaffActor, StaffRole } from "../actor.ts";
import type { ActionDeps } from "../actions.ts";
import type { Db, DbClient } from "../db/client.ts";
import type { DomainError } from "../errors.ts";
import type { FlowDefinition, Json, Text } from "../flow/types.ts";
import type { Locale, Translator } from "../i18n/index.ts";
import type { JobDefinition, JobQueue } from "../jobs/queue.ts";
import type { InboundInput, InboundUpdate, MessengerKind } from "../messenger/contract.ts";
import type { OutboxEntry } from "../outbox/enqueue.ts";
import type { ActionRunnerDeps } from "../run-actions.ts";
import type { ButtonRegistry } from "./buttons.ts";
import type { NoticeRendererMap } from "./notifier.ts";
import type { CardTag } from "./cards.ts";
import type { MessageRenderer } from "./render.ts";

/** A database transaction: every write of one update happens in one. */
export type Tx = Db;

/** The staff member behind a chat, with what rendering and access need. */
export interface ChatStaff {
  id: string;
  serviceId: string;
  role: StaffRole;
  hospitalId: string | null;
  fullName: string;
  locale: Locale;
  /** The zone the person reads and types times in: their hospital's, else the service's. */
  timeZone: string;
  serviceTimeZone: string;
  /** The service asks the woman's personal data in a secure form, not in the chat (flows' `personal` steps). */
  personalDataByForm?: boolean;
}

/** A button of a feature message; `data` comes from a button definition's `data()`. */
export interface ActionButton {
  text: Text;
  data: string;
}

/** A button of a feature message that opens a page (a sign-in link, a Mini App). */
export interface LinkButton {
  text: Text;
  url: string;
  /** Open inside the messenger (a Mini App) where it can; a plain link elsewhere. */
  miniApp?: boolean;
}

/** A message for a chat: texts (one per line), inline buttons, and link buttons in rows under them. */
export interface ChatMessage {
  texts: Text[];
  buttons?: ActionButton[][];
  links?: LinkButton[][];
  /** Send a stored file (`stored_files`) with the texts as its caption instead of a text message. */
  document?: { fileId: string };
  /** Remember the sent message as a live card of this subject (./cards.ts): edited when it changes. */
  card?: CardTag;
}

/** A message, or a function making it for one reader (to show them their own deadline, say). */
export type MessageFor = ChatMessage | ((reader: ChatStaff) => ChatMessage);

/** The handle a feature gets for one update: everything it may do, inside the update's transaction. */
export interface TurnContext {
  readonly tx: Tx;
  readonly now: Date;
  readonly staff: ChatStaff;
  /** The staff member as the access policy and the actions see them. */
  readonly actor: StaffActor;
  readonly input: InboundInput;
  /** The update being handled: its messenger and chat are where a document asked for here goes. */
  readonly update: InboundUpdate;
  /** Sends a message to this chat. */
  reply(message: ChatMessage): void;
  /** Replaces the message whose button was pressed (or sends anew when there is none). */
  replacePressed(message: ChatMessage): void;
  /** Sends a stored file (src/platform/files.ts) to this chat, with a caption in the reader's language. */
  sendDocument(fileId: string, caption?: Text): void;
  /** Sends a chat-only message to staff (each in their language); actions use notices instead. */
  notify(staffIds: string[], message: MessageFor): Promise<void>;
  /** Dependencies for actions run in this turn (notices and jobs land in this transaction). */
  actionDeps<S>(settings: S): ActionDeps<S>;
  /** Shows a refusal: an alert on the pressed button, or a reply when no button was pressed. */
  showError(error: DomainError): void;
  /** The features' dependencies (translator, job queue...). */
  readonly deps: FeatureDeps;
  /** Answers the pressed button's spinner, optionally with a short notice. */
  answerCallback(text?: Text, alert?: boolean): void;
  /**
   * Starts a dialogue in this chat (or shows the one already open). `options.answers` pre-fills
   * what is known already (a document being changed): those questions are not asked again.
   */
  startFlow(
    flowId: string,
    params?: Record<string, Json>,
    options?: { answers?: Record<string, Json> },
  ): Promise<void>;
}

/** A flow and what happens when it is submitted. */
export interface FlowFeature {
  flow: FlowDefinition;
  /** Who may start it (by the access policy). */
  permission: Permission;
  /**
   * Runs in the update's transaction; a thrown DomainError is shown to the person and the
   * dialogue stays at its summary; anything else rolls the whole turn back.
   */
  onComplete?(turn: TurnContext, answers: Record<string, Json>, params: Record<string, Json>): Promise<void>;
  /**
   * Runs when the person sends early (the flow's `earlySubmit`), in the update's transaction. The
   * returned parameters are added to the session's (e.g. the id of what was created), so the
   * remaining answers can complete it. A thrown DomainError is shown and nothing is sent.
   */
  onSubmitEarly?(
    turn: TurnContext,
    answers: Record<string, Json>,
    params: Record<string, Json>,
  ): Promise<Record<string, Json> | void>;
  /** Runs for every answer given (with the session's parameters as they are after this turn). */
  onAnswered?(turn: TurnContext, stepId: string, value: Json, params: Record<string, Json>): Promise<void>;
  /**
   * Runs in the update's transaction when the person cancels the dialogue, with the answers given
   * so far (e.g. to keep them as a draft). A returned text replaces the engine's "cancelled, the
   * answers are deleted".
   */
  /**
   * The language the dialogue speaks from now on, when an answer chooses it (the settings'
   * language): its next question is already in the language just chosen.
   */
  localeOf?(answers: Record<string, Json>): Locale | undefined;
  onCancel?(
    turn: TurnContext,
    answers: Record<string, Json>,
    params: Record<string, Json>,
  ): Promise<Text | void>;
}

/** A slash command. */
export interface CommandFeature {
  name: string;
  /** i18n key of the one-line description in /help and the command menu. */
  description: string;
  /** Who may use it (by the access policy). */
  permission: Permission;
  run(turn: TurnContext, args: string): Promise<void>;
}

/** What features' jobs, API routes and pages are built from. */
export interface FeatureDeps {
  db: DbClient;
  clock: () => Date;
  logger: Logger;
  translator: Translator;
  /** Renders messages within each messenger's limits. */
  messages: MessageRenderer;
  /** The job queue (bound late: jobs are defined before the queue starts). */
  jobs: () => JobQueue | undefined;
  /** Starts delivery of outbox rows committed for these chats. */
  deliver: (chatKeys: string[]) => void;
  /** Every area's notice renderers. */
  renderers: NoticeRendererMap;
  localBotApiUrl: string | undefined;
  /** The local MAX server's URL, when MAX runs offline. */
  localMaxApiUrl?: string | undefined;
  botUsername: string;
  /** Every running messenger's bot username (invitation links name them). */
  botUsernames?: Partial<Record<MessengerKind, string>>;
  /** Where the secure forms (src/forms/) are reached; undefined: personal questions stay in the chat. */
  formsUrl?: () => string | undefined;
  /** The bot tokens Mini App launch data is signed with, per messenger that runs. */
  webAppTokens?: Partial<Record<MessengerKind, string>>;
  /** Every flow the chat runs (the secure form finds a dialogue's questions by its flow id). */
  flows?: readonly import("../flow/types.ts").FlowDefinition[];
  /** Hands an update to the chat runtime (the secure form's answers go in as one). */
  handleUpdate?: (update: import("../messenger/contract.ts").InboundUpdate) => Promise<void>;
}

/** The action runner for one area's settings (API routes, console forms, jobs). */
export function actionRunner<S>(deps: FeatureDeps, settings: S): ActionRunnerDeps<S> {
  return {
    db: deps.db,
    clock: deps.clock,
    messages: deps.messages,
    renderers: deps.renderers,
    jobs: deps.jobs,
    deliver: deps.deliver,
    settings,
  };
}

/** One update of someone who is not a staff member, for a {@link GuestHandler}. */
export interface GuestContext {
  readonly tx: Tx;
  readonly now: Date;
  readonly update: InboundUpdate;
  readonly deps: FeatureDeps;
  /** The service's zone, for people the bot knows no zone of. */
  readonly defaultTimeZone: string;
}

/**
 * Serves people who are not staff (the mother bound to her case, src/clients/): the runtime asks
 * each handler in turn before answering a stranger. A handler returns the outbox entries of its
 * answer, or null when the update is none of its business. Staff commands, flows and buttons never
 * reach these people: the staff router runs only for staff.
 */
export interface GuestHandler {
  id: string;
  handle(ctx: GuestContext): Promise<OutboxEntry[] | null>;
}

/** Everything the product serves: chat features, plus the jobs, API routes and pages that go with them. */
export interface ChatApp {
  flows: FlowFeature[];
  commands: CommandFeature[];
  buttons: ButtonRegistry;
  renderers: NoticeRendererMap;
  /** Handlers of people who are not staff, asked in order (see {@link GuestHandler}). */
  guests?: GuestHandler[];
  jobs?(deps: FeatureDeps): JobDefinition[];
  routers?(deps: FeatureDeps): Router[];
  pages?(deps: FeatureDeps): Router[] | Promise<Router[]>;
}
