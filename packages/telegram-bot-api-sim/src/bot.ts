/**
 * One simulated bot: its identity, update queue, delivery mode (long polling or webhook), chats with
 * users, pending callback queries, commands and planned faults.
 */
import type { BotCommand, User, UserFromGetMe } from "@grammyjs/types";
import type { SimChat } from "./chat.ts";
import {
  CONFLICT_OTHER_GET_UPDATES,
  CONFLICT_WEBHOOK_ACTIVE,
  badRequest,
  conflict,
  forbidden,
} from "./errors.ts";
import { FaultPlan } from "./faults.ts";
import { PendingCallbacks } from "./pending-callbacks.ts";
import { UpdateQueue, type UpdatePayload } from "./update-queue.ts";
import { WebhookDelivery, type WebhookDeliveryOptions, type WebhookSettings } from "./webhook-delivery.ts";

/** Update types Telegram leaves out unless a bot asks for them explicitly. */
const OPT_IN_UPDATE_TYPES = new Set(["chat_member", "message_reaction", "message_reaction_count"]);

/** The names a bot shows; defaults are derived from its id. */
export interface BotProfile {
  firstName: string;
  username: string;
}

/** Why a long poll ended early without data: the server shut down or the state was reset. */
export const POLL_CLOSED = "closed";

/** A bot known to the simulator. */
export class SimBot {
  readonly queue: UpdateQueue;
  readonly faults = new FaultPlan();
  readonly chats = new Map<number, SimChat>();
  readonly callbacks: PendingCallbacks;
  /** Command lists keyed by scope and language (see methods/commands.ts). */
  readonly commands = new Map<string, BotCommand[]>();
  readonly delivery: WebhookDelivery;
  /** The token bound to this bot id; other tokens with the same id are refused. */
  token: string | undefined;
  private webhookSettings: WebhookSettings | undefined;
  private allowed: ReadonlySet<string> | undefined;
  private activePoll: AbortController | undefined;

  constructor(
    readonly id: number,
    private profile: BotProfile,
    options: { delivery: WebhookDeliveryOptions; callbackQueryTtlMs: number; firstUpdateId: number },
  ) {
    this.queue = new UpdateQueue(options.firstUpdateId);
    this.delivery = new WebhookDelivery(id, this.queue, options.delivery);
    this.callbacks = new PendingCallbacks(options.callbackQueryTtlMs);
  }

  /** The bot as a message sender (`from`): without the fields only getMe returns. */
  get sender(): User {
    return { id: this.id, is_bot: true, first_name: this.profile.firstName, username: this.profile.username };
  }

  /** The bot as `getMe` returns it. */
  get user(): UserFromGetMe {
    return {
      id: this.id,
      is_bot: true,
      first_name: this.profile.firstName,
      username: this.profile.username,
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    };
  }

  /** Changes the bot's names (registration). */
  rename(profile: Partial<BotProfile>): void {
    this.profile = { ...this.profile, ...profile };
  }

  /** The webhook currently set, if any. */
  get webhook(): WebhookSettings | undefined {
    return this.webhookSettings;
  }

  /** The explicitly requested update types, or undefined for Telegram's default set. */
  get allowedUpdates(): string[] | undefined {
    return this.allowed && [...this.allowed];
  }

  /** True while a getUpdates call is waiting. */
  get polling(): boolean {
    return this.activePoll !== undefined;
  }

  /**
   * Sets `allowed_updates`; `undefined` keeps the previous choice and an empty list restores the default,
   * as Telegram does.
   */
  setAllowedUpdates(types: readonly string[] | undefined): void {
    if (types !== undefined) this.allowed = types.length > 0 ? new Set(types) : undefined;
  }

  /** Queues an update unless the bot opted out of its type (Telegram filters when updates arise). */
  enqueue(payload: UpdatePayload): void {
    const type = Object.keys(payload)[0] ?? "";
    const wanted = this.allowed ? this.allowed.has(type) : !OPT_IN_UPDATE_TYPES.has(type);
    if (wanted) this.queue.push(payload);
  }

  /**
   * Registers a new getUpdates call. An older call still waiting is answered with 409, as Telegram
   * answers it when a second instance of a bot polls.
   */
  beginPoll(): AbortController {
    this.activePoll?.abort(conflict(CONFLICT_OTHER_GET_UPDATES));
    const poll = new AbortController();
    this.activePoll = poll;
    return poll;
  }

  /** Unregisters a finished getUpdates call. */
  endPoll(poll: AbortController): void {
    if (this.activePoll === poll) this.activePoll = undefined;
  }

  /** Switches to webhook mode: a waiting getUpdates call gets 409, delivery (re)starts. */
  setWebhook(settings: WebhookSettings): void {
    this.activePoll?.abort(conflict(CONFLICT_WEBHOOK_ACTIVE));
    this.webhookSettings = settings;
    this.delivery.start(settings);
  }

  /** Back to long polling; resolves when no delivery is in flight. */
  async deleteWebhook(): Promise<void> {
    this.webhookSettings = undefined;
    await this.delivery.stop();
  }

  /** Ends waiting polls and webhook delivery (server shutdown or reset). */
  async shutDown(): Promise<void> {
    this.activePoll?.abort(POLL_CLOSED);
    await this.deleteWebhook();
  }

  /** The chat with a user, for reading. @throws {BotApiError} 400 "chat not found". */
  chat(chatId: number | string): SimChat {
    const chat = typeof chatId === "number" ? this.chats.get(chatId) : undefined;
    if (!chat) throw badRequest("chat not found");
    return chat;
  }

  /** The chat with a user, for writing. @throws {BotApiError} also 403 when the user blocked the bot. */
  writableChat(chatId: number | string): SimChat {
    const chat = this.chat(chatId);
    if (chat.blocked) throw forbidden("bot was blocked by the user");
    return chat;
  }
}
