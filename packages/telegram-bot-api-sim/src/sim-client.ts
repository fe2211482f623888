/**
 * A typed client for the user side of the local Bot API server, for transcript tests and the demo page.
 * It depends on nothing but `fetch`, so it runs in Node and in browsers alike.
 *
 * @example
 * const sim = new SimClient(running.url);
 * const ann = await sim.user(botId, { id: 501, firstName: "Ann" });
 * await ann.sendText("/start");
 * const welcome = await ann.waitForBotMessage();
 * await ann.press("Report a case");           // the newest message with that button
 * const answer = await ann.waitForBotMessage();
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

/** How long waits last unless told otherwise. */
const DEFAULT_WAIT_MS = 5_000;
/** The server caps one long poll at 60 s; shorter polls keep a stopped test from lingering. */
const MAX_POLL_SECONDS = 25;

/** A user-side request failed; `status` is the HTTP status, the message the server's explanation. */
export class SimClientError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "SimClientError";
  }
}

/** A wait ran out of time; the message describes what the chat showed at that moment. */
export class SimWaitTimeoutError extends Error {
  constructor(
    readonly waitedFor: string,
    readonly chat: SimChatView,
  ) {
    super(`timed out waiting for ${waitedFor}; the chat shows:\n${describeChat(chat)}`);
    this.name = "SimWaitTimeoutError";
  }
}

/** Options of the waiting methods. */
export interface WaitOptions {
  /** Default 5000 ms. */
  timeoutMs?: number;
}

/** Access to one local Bot API server's user side. */
export class SimClient {
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;

  /** @param baseUrl the server's URL, e.g. `http://127.0.0.1:8081` (its `/_sim` endpoints are used). */
  constructor(baseUrl: string, options: { fetch?: typeof fetch } = {}) {
    this.baseUrl = baseUrl.replace(/\/$/, "");
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** Forgets all bots, chats, files and faults. */
  async reset(): Promise<void> {
    await this.request("POST", "/reset");
  }

  /** Every known bot. */
  bots(): Promise<SimBotInfo[]> {
    return this.request("GET", "/bots");
  }

  /** One bot's status. */
  bot(botId: number): Promise<SimBotInfo> {
    return this.request("GET", `/bots/${botId}`);
  }

  /** Registers a bot token, optionally with the names getMe reports. */
  registerBot(input: { token: string; firstName?: string; username?: string }): Promise<SimBotInfo> {
    return this.request("POST", "/bots", input);
  }

  /** Every chat of every bot. */
  chats(): Promise<SimChatSummary[]> {
    return this.request("GET", "/chats");
  }

  /** Creates (or updates) a user and their private chat with a bot, and returns a handle to act as them. */
  async user(botId: number, profile: SimUserProfile): Promise<SimUser> {
    const { id, ...body } = profile;
    const view = await this.request<SimChatView>("PUT", `/bots/${botId}/chats/${id}`, body);
    return new SimUser(this, botId, view);
  }

  /** Plans failures of a bot's next calls, e.g. `{ kind: "rate_limit", retryAfter: 3, method: "sendMessage" }`. */
  addFault(botId: number, fault: FaultRuleInput): Promise<FaultRule[]> {
    return this.request("POST", `/bots/${botId}/faults`, fault);
  }

  /** Removes every planned failure of a bot. */
  async clearFaults(botId: number): Promise<void> {
    await this.request("DELETE", `/bots/${botId}/faults`);
  }

  /** The content of a stored file (a document a bot sent, a photo a user sent). */
  async file(fileId: string): Promise<Uint8Array> {
    const response = await this.fetchFn(`${this.baseUrl}/_sim/files/${encodeURIComponent(fileId)}`);
    if (!response.ok) throw await toError(response);
    return new Uint8Array(await response.arrayBuffer());
  }

  /** Sends a JSON request to a `/_sim` path. Used by {@link SimUser}. */
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

/**
 * One simulated user in their chat with one bot.
 *
 * It keeps a reading position: {@link waitForBotMessage} returns the first bot message after the user's
 * latest message (or after the last bot message it returned), so consecutive calls read replies in order.
 */
export class SimUser {
  /** The user's id, which is also the chat id. */
  readonly id: number;
  private readPosition: number;

  constructor(
    private readonly client: SimClient,
    readonly botId: number,
    initial: SimChatView,
  ) {
    this.id = initial.chatId;
    this.readPosition = initial.messages.at(-1)?.messageId ?? 0;
  }

  private get path(): string {
    return `/bots/${this.botId}/chats/${this.id}`;
  }

  /** Sends text (a leading `/` makes it a command, e.g. `/start abc123`). */
  sendText(text: string, options: { replyToMessageId?: number } = {}): Promise<SimMessageView> {
    return this.sent(this.client.request("POST", `${this.path}/messages`, { text, ...options }));
  }

  /**
   * Presses a button by its label: an inline button of the newest message that has it (or of `messageId`),
   * else a button of the reply keyboard shown (a contact button shares the user's phone).
   */
  async press(buttonText: string, options: { messageId?: number } = {}): Promise<SimPressResult> {
    return this.pressed(
      await this.client.request("POST", `${this.path}/press`, { text: buttonText, ...options }),
    );
  }

  /** Presses the inline button carrying this callback data (newest message first, or `messageId`). */
  async pressData(data: string, options: { messageId?: number } = {}): Promise<SimPressResult> {
    return this.pressed(await this.client.request("POST", `${this.path}/press`, { data, ...options }));
  }

  /** Shares the user's own contact, or someone else's when a phone number is given. */
  shareContact(
    contact: { phoneNumber?: string; firstName?: string; lastName?: string; userId?: number } = {},
  ): Promise<SimMessageView> {
    return this.sent(this.client.request("POST", `${this.path}/contact`, contact));
  }

  /** Sends a sticker. */
  sendSticker(emoji?: string): Promise<SimMessageView> {
    return this.sent(this.client.request("POST", `${this.path}/sticker`, { emoji }));
  }

  /** Sends a photo (placeholder bytes unless `content` is given). */
  sendPhoto(options: { caption?: string; content?: Uint8Array } = {}): Promise<SimMessageView> {
    const body = { caption: options.caption, contentBase64: options.content && toBase64(options.content) };
    return this.sent(this.client.request("POST", `${this.path}/photo`, body));
  }

  /** Forwards one of the chat's messages, or text from a hidden sender. */
  forward(input: { messageId: number } | { text: string; senderName?: string }): Promise<SimMessageView> {
    return this.sent(this.client.request("POST", `${this.path}/forward`, input));
  }

  /** Edits one of the user's text messages (the bot gets an edited_message update). */
  editText(messageId: number, text: string): Promise<SimMessageView> {
    return this.client.request("PATCH", `${this.path}/messages/${messageId}`, { text });
  }

  /** Blocks the bot: its sends fail with 403 and it gets a my_chat_member update. */
  block(): Promise<SimChatView> {
    return this.client.request("POST", `${this.path}/block`);
  }

  /** Unblocks the bot. */
  unblock(): Promise<SimChatView> {
    return this.client.request("POST", `${this.path}/unblock`);
  }

  /** What the chat shows now. */
  chat(): Promise<SimChatView> {
    return this.client.request("GET", this.path);
  }

  /** Waits until the chat satisfies `predicate`; `description` names the condition in timeout errors. */
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

  /** Waits until the chat holds at least `count` messages; returns them all. */
  async waitForMessages(count: number, options: WaitOptions = {}): Promise<SimMessageView[]> {
    const chat = await this.waitFor((c) => c.messages.length >= count, `${count} messages`, options);
    return chat.messages;
  }

  /** Waits for the next bot message after the reading position (see the class description). */
  async waitForBotMessage(options: WaitOptions = {}): Promise<SimMessageView> {
    const after = this.readPosition;
    const next = (chat: SimChatView) => chat.messages.find((m) => m.from === "bot" && m.messageId > after);
    const chat = await this.waitFor((c) => next(c) !== undefined, `a bot message after #${after}`, options);
    const message = next(chat) as SimMessageView;
    this.readPosition = message.messageId;
    return message;
  }

  /** Waits until the bot answered a button press; returns the answer (its toast or alert). */
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
    const messageId = result.kind === "callback" ? result.messageId : result.message.message_id;
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

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** One line per message, e.g. `#3 bot: Choose [Yes|No]`, for timeout errors. */
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
