/**
 * What a feature plugs into the chat runtime: flows with their completion use cases,
 * commands, and button actions. The runtime (handle-update.ts) routes updates to them;
 * features never touch the engine or the adapters.
 */
import type { InboundInput } from "../messenger/contract.ts";
import { StaffRole } from "../../generated/prisma/enums.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import type { FlowDefinition, Json, Text } from "../flow/types.ts";
import type { Locale, Translator } from "../i18n/index.ts";
import type { Router } from "express";
import type { Logger } from "pino";
import type { DbClient } from "../db/client.ts";
import type { JobDefinition, JobQueue } from "../jobs/queue.ts";

/** Every staff role, for features everyone may use. */
export const ALL_ROLES: readonly StaffRole[] = Object.values(StaffRole);

/** A database transaction: every write of one update happens in one. */
export type Tx = Prisma.TransactionClient;

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
}

/** A button of a feature message; `data` is the feature's own callback data (≤ 64 bytes). */
export interface ActionButton {
  text: Text;
  data: string;
}

/** A message for a chat: texts (one per line) and inline buttons. */
export interface ChatMessage {
  texts: Text[];
  buttons?: ActionButton[][];
}

/** A message, or a function making it for one reader (to show them their own deadline, say). */
export type MessageFor = ChatMessage | ((reader: ChatStaff) => ChatMessage);

/** The handle a feature gets for one update: everything it may do, inside the update's transaction. */
export interface TurnContext {
  readonly tx: Tx;
  readonly now: Date;
  readonly staff: ChatStaff;
  readonly input: InboundInput;
  /** Sends a message to this chat. */
  reply(message: ChatMessage): void;
  /** Replaces the message whose button was pressed (or sends anew when there is none). */
  replacePressed(message: ChatMessage): void;
  /** Sends a message to other staff, each in their own language and time zone. */
  notify(staffIds: string[], message: MessageFor): Promise<void>;
  /** Queues a job in this transaction (it exists exactly when the turn commits). */
  schedule(name: string, payload: object, at?: Date): Promise<void>;
  /** The features' dependencies (translator, job queue...). */
  readonly deps: FeatureDeps;
  /** Answers the pressed button's spinner, optionally with a short notice. */
  answerCallback(text?: Text, alert?: boolean): void;
  /** Starts a dialogue in this chat (or shows the one already open). */
  startFlow(flowId: string, params?: Record<string, Json>): Promise<void>;
  /** Appends an audit row. */
  audit(
    action: string,
    subjectType: string,
    subjectId: string,
    details?: Record<string, Json>,
  ): Promise<void>;
}

/** A flow and what happens when it is submitted. */
export interface FlowFeature {
  flow: FlowDefinition;
  /** Who may start it. */
  roles: readonly StaffRole[];
  /** Runs in the update's transaction; throws to roll the whole turn back. */
  onComplete?(turn: TurnContext, answers: Record<string, Json>, params: Record<string, Json>): Promise<void>;
}

/** A slash command. */
export interface CommandFeature {
  name: string;
  /** i18n key of the one-line description in /help. */
  description: string;
  roles: readonly StaffRole[];
  run(turn: TurnContext, args: string): Promise<void>;
}

/** Buttons whose callback data starts with `prefix` (never "f:", which is the engine's). */
export interface ActionFeature {
  prefix: string;
  roles: readonly StaffRole[];
  run(turn: TurnContext, data: string): Promise<void>;
}

/** What features' jobs, API routes and pages are built from. */
export interface FeatureDeps {
  db: DbClient;
  clock: () => Date;
  logger: Logger;
  translator: Translator;
  /** The job queue (bound late: jobs are defined before the queue starts). */
  jobs: () => JobQueue | undefined;
  /** Starts delivery of outbox rows committed for these chats. */
  deliver: (chatKeys: string[]) => void;
  localBotApiUrl: string | undefined;
  botUsername: string;
}

/** Everything the product serves: chat features, plus the jobs, API routes and pages that go with them. */
export interface ChatApp {
  flows: FlowFeature[];
  commands: CommandFeature[];
  actions: ActionFeature[];
  jobs?(deps: FeatureDeps): JobDefinition[];
  routers?(deps: FeatureDeps): Router[];
  pages?(deps: FeatureDeps): Router[] | Promise<Router[]>;
}
