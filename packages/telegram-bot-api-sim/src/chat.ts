/**
 * One private chat between a simulated user and a bot: its messages (ids shared by both sides, as in
 * Telegram), the reply keyboard the user currently sees, callback notices and the bot's chat action.
 */
import type { Chat, Message, ReplyKeyboardMarkup, Update, User } from "@grammyjs/types";
import { Notifier } from "./notifier.ts";
import type { ReplyMarkup } from "./markup.ts";
import type { SimCallbackAnswer } from "./sim-types.ts";

/** A message in a private chat: it always has a sender and a private chat. */
export type ChatMessage = Message & Update.NonChannel;

/** Message content: everything but the fields the chat fills in. */
export type MessageContent = Omit<Message, "message_id" | "date" | "chat" | "from">;

/** The last chat action the bot sent ("typing"...), shown until the bot's next message. */
export interface ChatAction {
  action: string;
  date: number;
}

/** A simulated user and their private chat with one bot. */
export class SimChat {
  /** Notified on every change the user could see. */
  readonly changed = new Notifier();
  private readonly messages = new Map<number, ChatMessage>();
  private readonly notices: SimCallbackAnswer[] = [];
  private lastMessageId = 0;
  private changeCount = 0;
  private keyboard: ReplyKeyboardMarkup | undefined;
  private action: ChatAction | undefined;
  private isBlocked = false;
  /** Messages sent with a reply keyboard: Telegram cannot edit those. */
  private readonly uneditable = new Set<number>();

  constructor(
    private profile: User,
    private phone: string,
  ) {}

  /** The user, as bots see them in `from`. */
  get user(): User {
    return this.profile;
  }

  /** The user's phone number, shared by a contact button. */
  get phoneNumber(): string {
    return this.phone;
  }

  /** The chat object of this private chat (its id is the user's id). */
  get chat(): Chat.PrivateChat {
    const { id, first_name, last_name, username } = this.profile;
    return { id, type: "private", first_name, last_name, username };
  }

  /** Increases on every visible change; user-side waits compare it. */
  get version(): number {
    return this.changeCount;
  }

  /** True when the user has blocked the bot. */
  get blocked(): boolean {
    return this.isBlocked;
  }

  /** The custom reply keyboard currently shown, if any. */
  get replyKeyboard(): ReplyKeyboardMarkup | undefined {
    return this.keyboard;
  }

  /** The bot's chat action still showing, if any. */
  get chatAction(): ChatAction | undefined {
    return this.action;
  }

  /** Callback notices in the order of the presses. */
  get callbackNotices(): readonly SimCallbackAnswer[] {
    return this.notices;
  }

  /** Replaces the user's profile (names, username, language, phone). */
  updateProfile(profile: User, phone: string): void {
    this.profile = profile;
    this.phone = phone;
    this.touch();
  }

  /** Adds a new message from `from` with the next id of this chat. */
  post(from: User, date: number, content: MessageContent): ChatMessage {
    const message: ChatMessage = {
      message_id: ++this.lastMessageId,
      from,
      chat: this.chat,
      date,
      ...content,
    };
    this.messages.set(message.message_id, message);
    if (from.is_bot) this.action = undefined;
    this.touch();
    return message;
  }

  /** Stores a new version of an existing message (an edit). */
  replace(message: ChatMessage): ChatMessage {
    this.messages.set(message.message_id, message);
    this.touch();
    return message;
  }

  /** Deletes a message; false when there was none with that id. */
  remove(messageId: number): boolean {
    const removed = this.messages.delete(messageId);
    if (removed) this.touch();
    return removed;
  }

  /**
   * Clears the history, as "Clear history" in a Telegram client does: the messages, the reply
   * keyboard, the press notices and the chat action go; message ids keep counting up.
   */
  clearHistory(): void {
    this.messages.clear();
    this.notices.length = 0;
    this.uneditable.clear();
    this.keyboard = undefined;
    this.action = undefined;
    this.touch();
  }

  /** The current version of a message, if it exists. */
  find(messageId: number): ChatMessage | undefined {
    return this.messages.get(messageId);
  }

  /** All messages, oldest first. */
  list(): ChatMessage[] {
    return [...this.messages.values()];
  }

  /** Marks a message that can never be edited (it was sent with a non-inline reply markup). */
  forbidEdits(messageId: number): void {
    this.uneditable.add(messageId);
  }

  /** False for messages Telegram refuses to edit. */
  canEdit(messageId: number): boolean {
    return !this.uneditable.has(messageId);
  }

  /** Applies a bot message's reply markup to what the user's keyboard shows. */
  applyKeyboard(markup: ReplyMarkup | undefined): void {
    if (markup && "keyboard" in markup) this.keyboard = markup;
    else if (markup && "remove_keyboard" in markup) this.keyboard = undefined;
    else return;
    this.touch();
  }

  /** Hides a one-time keyboard after the user used it. */
  keyboardUsed(): void {
    if (!this.keyboard?.one_time_keyboard) return;
    this.keyboard = undefined;
    this.touch();
  }

  /** Shows the bot's chat action until its next message. */
  showAction(action: ChatAction): void {
    this.action = action;
    this.touch();
  }

  /** Records a button press waiting for the bot's answer. */
  addNotice(notice: SimCallbackAnswer): void {
    this.notices.push(notice);
    this.touch();
  }

  /** Records the bot's answer to a press. */
  answerNotice(callbackQueryId: string, answer: Pick<SimCallbackAnswer, "text" | "showAlert" | "url">): void {
    const notice = this.notices.find((n) => n.callbackQueryId === callbackQueryId);
    if (!notice) return;
    Object.assign(notice, answer, { answered: true });
    this.touch();
  }

  /** Marks the bot blocked or unblocked by the user. */
  setBlocked(blocked: boolean): void {
    this.isBlocked = blocked;
    this.touch();
  }

  /** The bot changed the command menu this chat shows. */
  menuChanged(): void {
    this.touch();
  }

  private touch(): void {
    this.changeCount += 1;
    this.changed.notify();
  }
}
