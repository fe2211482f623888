/**
 * A typed client for the user side of the local MAX server, for tests and the demo page. It needs
 * only `fetch`; its methods mirror the Telegram simulator's client, so the same tests can play a
 * person in either messenger.
 *
 * @example
 * const sim = new SimClient(running.url);
 * const ann = await sim.user(botId, { id: 501, firstName: "Ann" });
 * await ann.start("invitation-code");      // a deep link: bot_started with the payload
 * const welcome = await ann.waitForBotMessage();
 */
import type { FaultRule, FaultRuleInput } from "./faults.ts";
import type {
  SimBotInfo,
  SimCallbackAnswer,
  SimChatSummary,
  SimChatView,
  SimMessageView,
  SimPressResult,
  SimUserProfile,
} from "./sim-types.ts";

export type * from "./sim-types.ts";
export type { FaultRule, FaultRuleInput } from "./faults.ts";

const DEFAULT_WAIT_MS = 5_000;
const MAX_POLL_SECONDS = 25;

/** A user-side request failed. */
export class SimClientError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "SimClientError";
  }
}

/** A wait ran out of time; the message describes what the dialog showed. */
export class SimWaitTimeoutError extends Error {
  constructor(
    readonly waitedFor: string,
    readonly chat: SimChatView,
  ) {
    super(`timed out waiting for ${waitedFor}; the dialog shows:\n${describeChat(chat)}`);
    this.name = "SimWaitTimeoutError";
  }
}

export interface WaitOptions {
  /** Default 5000 ms. */
  timeoutMs?: number;
}

/** Access to one local MAX server's user side. */
export class SimClient {
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;

  constructor(baseUrl: string, options: { fetch?: typeof fetch } = {}) {
    this.baseUrl = baseUrl.replace(/\/$/, "");
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  }

  async reset(): Promise<void> {
    await this.request("POST", "/reset");
  }

  bots(): Promise<SimBotInfo[]> {
    return this.request("GET", "/bots");
  }

  bot(botId: number): Promise<SimBotInfo> {
    return this.request("GET", `/bots/${botId}`);
  }

  registerBot(input: { token: string; name?: string; username?: string }): Promise<SimBotInfo> {
    return this.request("POST", "/bots", input);
  }

  chats(): Promise<SimChatSummary[]> {
    return this.request("GET", "/chats");
  }

  /** Creates (or updates) a user and their dialog with a bot; returns a handle to act as them. */
  async user(botId: number, profile: SimUserProfile): Promise<SimUser> {
    const { id, ...body } = profile;
    const view = await this.request<SimChatView>("PUT", `/bots/${botId}/chats/${id}`, body);
    return new SimUser(this, botId, id, view);
  }

  /** Plans failures of a bot's next calls, e.g. `{ kind: "rate_limit", method: "sendMessage", count: 5 }`. */
  addFault(botId: number, fault: FaultRuleInput): Promise<FaultRule[]> {
    return this.request("POST", `/bots/${botId}/faults`, fault);
  }

  async clearFaults(botId: number): Promise<void> {
    await this.request("DELETE", `/bots/${botId}/faults`);
  }

  /** The content of a document a bot sent (by its upload token). */
  async file(token: string): Promise<Uint8Array> {
    const response = await this.fetchFn(`${this.baseUrl}/_sim/files/${encodeURIComponent(token)}`);
    if (!response.ok) throw await toError(response);
    return new Uint8Array(await response.arrayBuffer());
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.fetchFn(`${this.baseUrl}/_sim${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw await toError(response);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }
}

/** One simulated user in their dialog with one bot; keeps a reading position like the Telegram one. */
export class SimUser {
  /** The dialog's chat id (not the user's id). */
  readonly chatId: number;
  private readPosition: number;

  constructor(
    private readonly client: SimClient,
    readonly botId: number,
    /** The user's MAX id. */
    readonly id: number,
    initial: SimChatView,
  ) {
    this.chatId = initial.chatId;
    this.readPosition = initial.messages.at(-1)?.messageId ?? 0;
  }

  private get path(): string {
    return `/bots/${this.botId}/chats/${this.id}`;
  }

  /** Presses Start, or opens a deep link `https://max.ru/<bot>?start=<payload>`: `bot_started`. */
  start(payload?: string): Promise<SimChatView> {
    return this.client.request("POST", `${this.path}/start`, payload === undefined ? {} : { payload });
  }

  /** Stops the bot: `bot_stopped`; the bot's messages are refused until the next start. */
  block(): Promise<SimChatView> {
    return this.client.request("POST", `${this.path}/stop`);
  }

  /** Sends text (MAX has no command entities: "/start abc" is text the bot reads as a command). */
  sendText(text: string): Promise<SimMessageView> {
    return this.sent(this.client.request("POST", `${this.path}/messages`, { text }));
  }

  /** Presses a button by its label (newest message that has it, or `messageId`). */
  async press(buttonText: string, options: { messageId?: number } = {}): Promise<SimPressResult> {
    return this.pressed(
      await this.client.request("POST", `${this.path}/press`, { text: buttonText, ...options }),
    );
  }

  /** Presses the callback button carrying this payload. */
  async pressData(data: string, options: { messageId?: number } = {}): Promise<SimPressResult> {
    return this.pressed(await this.client.request("POST", `${this.path}/press`, { data, ...options }));
  }

  /** Shares the user's own contact, or someone else's when a phone number is given. */
  shareContact(
    contact: { phoneNumber?: string; firstName?: string; lastName?: string } = {},
  ): Promise<SimMessageView> {
    return this.sent(this.client.request("POST", `${this.path}/contact`, contact));
  }

  sendSticker(): Promise<SimMessageView> {
    return this.sent(this.client.request("POST", `${this.path}/sticker`, {}));
  }

  /** Forwards a text from someone else. */
  forward(input: { text: string }): Promise<SimMessageView> {
    return this.sent(this.client.request("POST", `${this.path}/forward`, input));
  }

  editText(messageId: number, text: string): Promise<SimMessageView> {
    return this.client.request("PATCH", `${this.path}/messages/${messageId}`, { text });
  }

  chat(): Promise<SimChatView> {
    return this.client.request("GET", this.path);
  }

  async waitFor(
    predicate: (chat: SimChatView) => boolean,
    description = "a condition",
    options: WaitOptions = {},
  ): Promise<SimChatView> {
    const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_WAIT_MS);
    let chat = await this.chat();
    while (!predicate(chat)) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new SimWaitTimeoutError(description, chat);
      const seconds = Math.min(remaining / 1000, MAX_POLL_SECONDS);
      chat = await this.client.request("GET", `${this.path}/wait?after=${chat.version}&timeout=${seconds}`);
    }
    return chat;
  }

  async waitForMessages(count: number, options: WaitOptions = {}): Promise<SimMessageView[]> {
    return (await this.waitFor((c) => c.messages.length >= count, `${count} messages`, options)).messages;
  }

  async waitForBotMessage(options: WaitOptions = {}): Promise<SimMessageView> {
    const after = this.readPosition;
    const next = (chat: SimChatView) => chat.messages.find((m) => m.from === "bot" && m.messageId > after);
    const chat = await this.waitFor((c) => next(c) !== undefined, `a bot message after #${after}`, options);
    const message = next(chat) as SimMessageView;
    this.readPosition = message.messageId;
    return message;
  }

  async waitForCallbackAnswer(
    callbackQueryId: string,
    options: WaitOptions = {},
  ): Promise<SimCallbackAnswer> {
    const answered = (chat: SimChatView) =>
      chat.callbackAnswers.find((a) => a.callbackQueryId === callbackQueryId && a.answered);
    const chat = await this.waitFor(
      (c) => answered(c) !== undefined,
      `an answer to ${callbackQueryId}`,
      options,
    );
    return answered(chat) as SimCallbackAnswer;
  }

  private async sent(request: Promise<SimMessageView>): Promise<SimMessageView> {
    const message = await request;
    this.readPosition = Math.max(this.readPosition, message.messageId);
    return message;
  }

  private pressed(result: SimPressResult): SimPressResult {
    const messageId = result.kind === "callback" ? result.messageId : result.message.messageId;
    this.readPosition = Math.max(this.readPosition, messageId);
    return result;
  }
}

async function toError(response: Response): Promise<SimClientError> {
  const text = await response.text();
  let message = text;
  try {
    message = (JSON.parse(text) as { error?: string }).error ?? text;
  } catch {
    // Not JSON: keep the raw text.
  }
  return new SimClientError(response.status, message || response.statusText);
}

function describeChat(chat: SimChatView): string {
  if (chat.messages.length === 0) return "  (no messages)";
  return chat.messages
    .map((m) => {
      const buttons = m.buttons?.flat().map((b) => b.text);
      const suffix = buttons?.length ? ` [${buttons.join("|")}]` : "";
      return `  #${m.messageId} ${m.from}: ${m.text ?? `<${m.kind}>`}${suffix}`;
    })
    .join("\n");
}
