/// <reference lib="dom" />
/**
 * The demo page's script (runs in the browser; served bundled as /sim/app.js, see ../page-script.ts).
 *
 * One Telegram-like chat per demo person, each the person's private chat with the bot in the local Bot API
 * server (or, for a MAX column, their dialog in the local MAX server, shown the same way), reached through
 * the main app's proxy with {@link SimClient}. Every chat follows the simulator's
 * long poll (`/wait?after=<version>`) while the tab is visible. All text is set with `textContent`: nothing
 * a user or the bot writes is ever parsed as HTML.
 */
import type { InlineKeyboardButton, KeyboardButton } from "@grammyjs/types";
import {
  SimClient,
  SimClientError,
  type SimBotInfo,
  type SimChatView,
  type SimMessageView,
  type SimUser,
} from "@signal-desk/telegram-bot-api-sim/sim-client";
import {
  SimClient as MaxSimClient,
  type SimChatView as MaxChatView,
  type SimUser as MaxSimUser,
} from "@signal-desk/max-bot-api-sim/sim-client";
import type { SimPageConfig } from "../page.ts";
import type { SimPerson } from "../people.ts";
import { LABELS, type Labels, type Lang } from "./labels.ts";

/** Seconds one long poll may wait in the simulator. */
const POLL_SECONDS = 25;
/** How long a button's toast stays up; an alert stays until OK, or this many times longer. */
const TOAST_MS = 2_500;
/** A chat action ("typing…") shows this long unless the bot repeats it, as in Telegram. */
const CHAT_ACTION_MS = 5_000;
/** How long a pressed button shows as busy when the bot does not answer. */
const PRESS_MS = 10_000;
const LANG_KEY = "signal-desk.sim.lang";
/** The bot's name in chat headers (the local server names bots "Test Bot <id>"). */
const BOT_TITLE = "Signal Desk";

let lang: Lang = localStorage.getItem(LANG_KEY) === "en" ? "en" : "ru";
const labels = (): Labels => LABELS[lang];
const columns: ChatColumn[] = [];

/** Creates an element with a class and, optionally, text (always as text, never as HTML). */
/**
 * A message's text with its bold ranges bold (offsets in UTF-16 code units, as JavaScript strings
 * count them); every part goes in as text, never as markup.
 */
function textWithBold(text: string, entities: SimMessageView["entities"]): HTMLElement {
  const node = el("div", "text");
  const bold = (entities ?? []).filter((e) => e.type === "bold").sort((a, b) => a.offset - b.offset);
  let at = 0;
  for (const e of bold) {
    if (e.offset < at) continue;
    if (e.offset > at) node.append(document.createTextNode(text.slice(at, e.offset)));
    node.append(el("b", "", text.slice(e.offset, e.offset + e.length)));
    at = e.offset + e.length;
  }
  if (at < text.length) node.append(document.createTextNode(text.slice(at)));
  return node;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Whether a press failed only because its button is gone (the bot changed the message a moment ago,
 * e.g. the second tap of a quick double tap): Telegram shows nothing then, so neither does the page.
 */
function isStalePress(error: unknown): boolean {
  const status = (error as { status?: unknown } | null)?.status;
  return status === 404 && /no button/.test(errorText(error));
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .slice(0, 2)
    .map((part) => part.charAt(0).toLocaleUpperCase())
    .join("");
}

/** What a column does as its person: the Telegram simulator's user, or a MAX user seen the same way. */
type ColumnUser = Pick<SimUser, "botId" | "chat" | "sendText" | "press" | "pressData">;

/**
 * A MAX dialog as the column renders chats (the Telegram simulator's view): MAX buttons become inline
 * buttons (a `request_contact` one shares the contact when pressed, as a reply keyboard's would).
 */
function fromMax(view: MaxChatView): SimChatView {
  return {
    botId: view.botId,
    chatId: view.chatId,
    user: { id: view.user.userId, is_bot: false, first_name: view.user.firstName },
    version: view.version,
    blocked: view.blocked,
    replyKeyboard: null,
    chatAction: null,
    // MAX keeps one command list per bot, not per chat: no per-person menu to show.
    commands: [],
    callbackAnswers: view.callbackAnswers.map((a) => ({
      callbackQueryId: a.callbackQueryId,
      messageId: a.messageId,
      data: a.data,
      date: Math.floor(a.timestamp / 1000),
      answered: a.answered,
      ...(a.text !== undefined ? { text: a.text } : {}),
    })),
    messages: view.messages.map((m) => ({
      messageId: m.messageId,
      from: m.from,
      date: Math.floor(m.timestamp / 1000),
      ...(m.edited ? { editDate: Math.floor(m.timestamp / 1000) } : {}),
      kind: m.kind,
      ...(m.text !== undefined ? { text: m.text } : {}),
      // MAX's `strong` markup is Telegram's `bold` entity: the page shows both the same way.
      ...(m.markup?.some((e) => e.type === "strong")
        ? {
            entities: m.markup
              .filter((e) => e.type === "strong")
              .map((e) => ({ type: "bold" as const, offset: e.from, length: e.length })),
          }
        : {}),
      ...(m.buttons
        ? {
            buttons: m.buttons.map((row) =>
              row.map((b) =>
                // Other MAX buttons (request_contact, message) are pressed by their label.
                ({
                  text: b.text,
                  callback_data: b.type === "callback" ? (b.payload ?? "") : `${BY_LABEL}${b.text}`,
                }),
              ),
            ),
          }
        : {}),
      ...(m.document
        ? {
            document: {
              file_id: m.document.token,
              file_unique_id: m.document.token,
              file_name: m.document.name,
              file_size: m.document.size,
            },
          }
        : {}),
      ...(m.contact ? { contact: { phone_number: m.contact.phoneNumber, first_name: m.contact.name } } : {}),
      forwarded: m.forwarded,
      message: {} as SimMessageView["message"],
    })),
  };
}

/** Marks a converted MAX button that is pressed by its label rather than by a callback payload. */
const BY_LABEL = "\u0000label:";

/** A MAX user driving a column: the calls the column makes, answered in the column's view shape. */
function maxColumnUser(user: MaxSimUser): ColumnUser {
  const pressed = async (press: Promise<Awaited<ReturnType<MaxSimUser["press"]>>>) => {
    const result = await press;
    return result.kind === "callback"
      ? result
      : {
          kind: "message" as const,
          message: { message_id: result.message.messageId } as SimMessageView["message"],
        };
  };
  return {
    botId: user.botId,
    chat: async () => fromMax(await user.chat()),
    sendText: async (text) => {
      const sent = await user.sendText(text);
      return fromMax({ ...(await user.chat()), messages: [sent] }).messages[0]!;
    },
    press: (text, options) => pressed(user.press(text, options)),
    pressData: (data, options) =>
      pressed(
        data.startsWith(BY_LABEL)
          ? user.press(data.slice(BY_LABEL.length), options)
          : user.pressData(data, options),
      ),
  };
}

/** One person's phone: a header saying who it is, then their chat with the bot. */
class ChatColumn {
  readonly root = el("section", "column");
  private readonly ownerRole = el("div", "owner-role");
  /** How many bot messages came since the person last looked at this chat. */
  private readonly badge = el("span", "unread-badge");
  private unread = 0;
  private lastBotMessageId = 0;
  private readonly botStatus = el("div", "bot-status");
  private readonly messages = el("div", "messages");
  private readonly toast = el("div", "toast");
  private readonly replyKeyboard = el("div", "reply-keyboard");
  private readonly input = el("textarea", "input");
  private readonly sendButton = el("button", "send");
  /** Telegram's "Menu" button and the list of the chat's commands it opens. */
  private readonly menuButton = el("button", "menu-button");
  private readonly menuList = el("div", "command-menu");
  private view: SimChatView | undefined;
  private readonly seenAnswers = new Set<string>();
  private online = true;
  private poll: AbortController | undefined;
  private statusTimer: ReturnType<typeof setTimeout> | undefined;
  private toastTimer: ReturnType<typeof setTimeout> | undefined;
  private pressTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly person: SimPerson,
    private readonly user: ColumnUser,
    private readonly bot: { username: string },
    private readonly waitUrl: string,
    /** Reads a wait answer (a MAX column converts MAX's view). */
    private readonly readView: (json: unknown) => SimChatView = (json) => json as SimChatView,
    /** Creates the person's chat again (the simulator forgets chats on restart). */
    private readonly recreateChat: () => Promise<unknown> = () => simUser(user.botId, person),
  ) {
    this.root.dataset.role = person.role;
    this.root.dataset.user = person.key;
    const owner = el("header", "owner");
    owner.append(el("div", "avatar", initials(person.fullName)));
    const who = el("div", "owner-text");
    who.append(el("div", "owner-name", person.fullName), this.ownerRole);
    owner.append(who, this.badge);
    this.badge.hidden = true;
    // Looking at a chat (a click or a key in it) reads its new messages.
    this.root.addEventListener("pointerdown", () => this.markRead());
    this.root.addEventListener("focusin", () => this.markRead());

    const chatHeader = el("div", "chat-header");
    chatHeader.append(el("div", "avatar bot-avatar", "SD"));
    const botText = el("div", "chat-header-text");
    const botName = el("div", "bot-name", BOT_TITLE);
    botName.title = `@${bot.username}`;
    botText.append(botName, this.botStatus);
    chatHeader.append(botText);

    const messagesWrap = el("div", "messages-wrap");
    messagesWrap.append(this.messages, this.toast);

    const composer = el("div", "composer");
    this.input.rows = 1;
    this.input.maxLength = 4096;
    this.input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.sendInput();
      }
    });
    this.input.addEventListener("input", () => this.syncComposer());
    this.sendButton.type = "button";
    this.sendButton.addEventListener("click", () => this.sendInput());
    this.menuButton.type = "button";
    this.menuButton.hidden = true;
    this.menuList.hidden = true;
    this.menuButton.addEventListener("click", () => {
      this.menuList.hidden = !this.menuList.hidden;
    });
    composer.append(this.menuButton, this.input, this.sendButton);

    const phone = el("div", "phone");
    phone.append(chatHeader, messagesWrap, this.menuList, this.replyKeyboard, composer);
    this.root.append(owner, phone);
    this.relabel();
  }

  /** Follows the chat until the page closes; pauses while the tab is hidden. */
  async run(): Promise<void> {
    let failures = 0;
    for (;;) {
      if (document.hidden) await visible();
      try {
        if (!this.view) {
          this.update(await this.user.chat(), true);
          this.setOnline(true);
        }
        const next = await this.waitForChange(this.view!.version);
        failures = 0;
        this.setOnline(true);
        if (next.version !== this.view!.version) this.update(next, false);
      } catch (error) {
        if (error instanceof DOMException && error.name === "AbortError") continue; // the tab was hidden
        failures += 1;
        this.setOnline(false);
        await sleep(Math.min(500 * 2 ** failures, 8_000));
        // The simulator keeps chats in memory: after a restart, create the chat again.
        if (error instanceof SimClientError && error.status === 404) await this.recreate();
        this.view = undefined;
      }
    }
  }

  /** Clears the chat's history in the simulator (after a demo reset); the long poll shows it. */
  async clear(): Promise<void> {
    const response = await fetch(this.waitUrl.replace(/\/wait$/, "/clear"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    this.unread = 0;
    this.renderBadge();
    this.menuList.hidden = true;
  }

  /** Redraws every label in the current language. */
  relabel(): void {
    const l = labels();
    this.ownerRole.textContent = this.roleLine();
    this.input.placeholder = this.view?.replyKeyboard?.input_field_placeholder ?? l.placeholder;
    this.sendButton.title = l.send;
    this.sendButton.setAttribute("aria-label", l.send);
    this.renderStatus();
    if (this.view) this.render(this.view);
    else this.renderEmpty();
  }

  /** The long poll, with its own abort so that hiding the tab frees the browser's connections. */
  private async waitForChange(after: number): Promise<SimChatView> {
    this.poll = new AbortController();
    const stop = () => {
      if (document.hidden) this.poll?.abort();
    };
    document.addEventListener("visibilitychange", stop);
    try {
      const response = await fetch(`${this.waitUrl}?after=${after}&timeout=${POLL_SECONDS}`, {
        signal: this.poll.signal,
      });
      if (!response.ok) {
        const body = (await response.json().catch(() => ({}))) as { error?: string };
        throw new SimClientError(response.status, body.error ?? response.statusText);
      }
      return this.readView(await response.json());
    } finally {
      document.removeEventListener("visibilitychange", stop);
    }
  }

  private async recreate(): Promise<void> {
    await this.recreateChat().catch(() => undefined);
  }

  private update(view: SimChatView, first: boolean): void {
    const box = this.messages;
    const atBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 48;
    const grew = view.messages.length !== (this.view?.messages.length ?? -1);
    this.view = view;
    this.countUnread(view, first);
    for (const answer of view.callbackAnswers) {
      if (!answer.answered || this.seenAnswers.has(answer.callbackQueryId)) continue;
      this.seenAnswers.add(answer.callbackQueryId);
      if (!first && answer.text) this.showToast(answer.text, answer.showAlert === true);
      else if (!first && answer.url) this.showToast(labels().urlButton + answer.url, false);
    }
    this.render(view);
    this.renderStatus();
    if (first || atBottom || grew) box.scrollTop = box.scrollHeight;
  }

  /** New bot messages (not edits) since the last look raise the chat's badge. */
  private countUnread(view: SimChatView, first: boolean): void {
    const fresh = view.messages.filter((m) => m.from === "bot" && m.messageId > this.lastBotMessageId);
    if (fresh.length > 0) this.lastBotMessageId = Math.max(...fresh.map((m) => m.messageId));
    if (first || fresh.length === 0 || this.root.contains(document.activeElement)) return;
    this.unread += fresh.length;
    this.renderBadge();
  }

  private markRead(): void {
    if (this.unread === 0) return;
    this.unread = 0;
    this.renderBadge();
  }

  private renderBadge(): void {
    this.badge.hidden = this.unread === 0;
    this.badge.textContent = String(this.unread);
    this.badge.title = labels().unread + this.unread;
    this.root.classList.toggle("has-unread", this.unread > 0);
  }

  private roleLine(): string {
    const title = this.person.title[lang];
    const hospital = this.person.hospitalShortName;
    return hospital ? `${title} · ${hospital}` : title;
  }

  private renderStatus(): void {
    clearTimeout(this.statusTimer);
    const l = labels();
    const action = this.view?.chatAction;
    const left = action ? action.date * 1000 + CHAT_ACTION_MS - Date.now() : 0;
    this.botStatus.classList.toggle("typing", left > 0 && this.online);
    this.botStatus.classList.toggle("offline", !this.online);
    this.botStatus.textContent = !this.online ? l.offline : left > 0 ? l.typing : l.bot;
    if (left > 0) this.statusTimer = setTimeout(() => this.renderStatus(), left);
  }

  private setOnline(online: boolean): void {
    if (this.online === online) return;
    this.online = online;
    this.renderStatus();
  }

  private render(view: SimChatView): void {
    if (view.messages.length === 0) {
      this.renderEmpty();
    } else {
      // A pressed button shows as busy until the bot answers, or for as long as Telegram would wait.
      const now = Date.now();
      const waiting = view.callbackAnswers.filter((a) => !a.answered && a.date * 1000 + PRESS_MS > now);
      const pending = new Set(waiting.map((a) => `${a.messageId}\n${a.data}`));
      this.messages.replaceChildren(...view.messages.map((m) => this.renderMessage(m, pending)));
      clearTimeout(this.pressTimer);
      const until = Math.min(...waiting.map((a) => a.date * 1000 + PRESS_MS));
      if (waiting.length > 0) {
        this.pressTimer = setTimeout(() => this.view && this.render(this.view), until - now + 50);
      }
    }
    this.renderReplyKeyboard(view);
    this.renderMenu(view);
    this.input.placeholder = view.replyKeyboard?.input_field_placeholder ?? labels().placeholder;
    this.syncComposer();
  }

  /** Telegram's "What can this bot do?" card of a chat with no messages yet. */
  private renderEmpty(): void {
    const l = labels();
    const card = el("div", "empty");
    card.append(el("div", "empty-title", l.emptyTitle), el("div", "empty-text", l.empty[this.person.role]));
    if (this.person.role === "reporter") {
      const start = el("button", "empty-start", l.startButton);
      start.type = "button";
      start.addEventListener("click", () => this.act(() => this.user.sendText("/new")));
      card.append(start);
    }
    this.messages.replaceChildren(card);
  }

  private renderMessage(message: SimMessageView, pending: Set<string>): HTMLElement {
    const l = labels();
    const row = el("div", `message ${message.from}`);
    row.dataset.messageId = String(message.messageId);
    const bubble = el("div", `bubble kind-${message.kind}`);
    if (message.forwarded) bubble.append(el("div", "forwarded", l.forwarded));
    const body = this.messageBody(message, l);
    if (body) bubble.append(body);
    if (message.text && message.kind !== "text") bubble.append(el("div", "text", message.text));

    const meta = el("span", "meta");
    if (message.editDate) meta.append(el("span", "edited", l.edited));
    const time = new Date((message.editDate ?? message.date) * 1000);
    meta.append(el("time", "", time.toLocaleTimeString(l.locale, { hour: "2-digit", minute: "2-digit" })));
    if (message.from === "user") meta.append(el("span", "ticks", "✓✓"));
    bubble.append(meta);
    row.append(bubble);

    if (message.buttons?.length) {
      const keyboard = el("div", "inline-keyboard");
      for (const line of message.buttons) {
        const rowEl = el("div", "keyboard-row");
        for (const button of line) rowEl.append(this.inlineButton(message, button, pending));
        keyboard.append(rowEl);
      }
      row.append(keyboard);
    }
    return row;
  }

  private messageBody(message: SimMessageView, l: Labels): HTMLElement | undefined {
    switch (message.kind) {
      case "text":
        return textWithBold(message.text ?? "", message.entities);
      case "document": {
        const doc = message.document;
        const size = doc?.file_size ? ` · ${Math.max(1, Math.round(doc.file_size / 1024))} KB` : "";
        return el("div", "attachment", `📄 ${doc?.file_name ?? l.document}${size}`);
      }
      case "contact": {
        const c = message.contact;
        const name = [c?.first_name, c?.last_name].filter(Boolean).join(" ");
        return el("div", "attachment", `👤 ${l.contact}: ${name} ${c?.phone_number ?? ""}`.trim());
      }
      case "photo":
        return el("div", "attachment", `🖼 ${l.photo}`);
      case "sticker":
        return el("div", "sticker", message.message.sticker?.emoji ?? l.sticker);
      default:
        return el("div", "attachment", l.otherMessage);
    }
  }

  private inlineButton(
    message: SimMessageView,
    button: InlineKeyboardButton,
    pending: Set<string>,
  ): HTMLElement {
    const node = el("button", "inline-button", button.text);
    node.type = "button";
    if ("callback_data" in button) {
      const data = button.callback_data;
      if (pending.has(`${message.messageId}\n${data}`)) node.classList.add("pending");
      node.addEventListener("click", () => {
        // A second tap while the first is on its way is not sent again (as in Telegram).
        if (node.classList.contains("pending")) return;
        node.classList.add("pending");
        this.act(() => this.user.pressData(data, { messageId: message.messageId }));
      });
    } else if ("web_app" in button && button.web_app && this.person.messenger !== "max") {
      // A Mini App: opened in a new tab with launch data signed for this simulated user, as
      // Telegram would put it in the address's fragment.
      const target = button.web_app.url;
      node.classList.add("url", "web-app");
      node.addEventListener("click", () => {
        const tab = window.open("about:blank", "_blank");
        void fetch(`/sim/web-app-data?user=${this.person.userId}`)
          .then((response) => (response.ok ? (response.json() as Promise<{ initData: string }>) : null))
          .then((data) => {
            const address = data ? `${target}#tgWebAppData=${encodeURIComponent(data.initData)}` : target;
            if (tab) tab.location.href = address;
            else window.open(address, "_blank");
          });
      });
    } else if ("url" in button) {
      node.classList.add("url");
      node.addEventListener("click", () => this.showToast(labels().urlButton + button.url, false));
    } else {
      node.addEventListener("click", () => this.showToast(labels().unsupportedButton, false));
    }
    return node;
  }

  /** The chat's command menu as the bot set it (setMyCommands); a command is sent when chosen. */
  private renderMenu(view: SimChatView): void {
    const commands = view.commands ?? [];
    this.menuButton.hidden = commands.length === 0;
    this.menuButton.textContent = labels().menu;
    if (commands.length === 0) this.menuList.hidden = true;
    this.menuList.replaceChildren(
      ...commands.map(({ command, description }) => {
        const item = el("button", "command");
        item.type = "button";
        item.append(
          el("span", "command-name", `/${command}`),
          el("span", "command-description", description),
        );
        item.addEventListener("click", () => {
          this.menuList.hidden = true;
          this.act(() => this.user.sendText(`/${command}`));
        });
        return item;
      }),
    );
  }

  private renderReplyKeyboard(view: SimChatView): void {
    const keyboard = view.replyKeyboard;
    this.replyKeyboard.hidden = !keyboard;
    if (!keyboard) {
      this.replyKeyboard.replaceChildren();
      return;
    }
    this.replyKeyboard.replaceChildren(
      ...keyboard.keyboard.map((line) => {
        const rowEl = el("div", "keyboard-row");
        for (const button of line) rowEl.append(this.replyButton(button));
        return rowEl;
      }),
    );
  }

  private replyButton(button: KeyboardButton): HTMLElement {
    const text = typeof button === "string" ? button : button.text;
    const node = el("button", "reply-button", text);
    node.type = "button";
    node.addEventListener("click", () => this.act(() => this.user.press(text)));
    return node;
  }

  private sendInput(): void {
    const text = this.input.value.trim();
    if (!text) return;
    this.input.value = "";
    this.syncComposer();
    this.act(() => this.user.sendText(text));
  }

  private syncComposer(): void {
    this.sendButton.disabled = this.input.value.trim() === "";
    this.input.style.height = "auto";
    this.input.style.height = `${Math.min(this.input.scrollHeight, 120)}px`;
  }

  /** Runs a user action; what it changes arrives through the long poll, failures show as a toast. */
  private act(action: () => Promise<unknown>): void {
    action().catch((error: unknown) => {
      if (isStalePress(error)) this.showToast(labels().staleButton, false);
      else this.showToast(labels().requestFailed + errorText(error), true);
    });
  }

  private showToast(text: string, alert: boolean): void {
    clearTimeout(this.toastTimer);
    this.toast.className = alert ? "toast alert visible" : "toast visible";
    const message = el("div", "toast-text", text);
    if (alert) {
      const ok = el("button", "toast-ok", labels().ok);
      ok.type = "button";
      ok.addEventListener("click", () => this.hideToast());
      this.toast.replaceChildren(message, ok);
    } else {
      this.toast.replaceChildren(message);
    }
    this.toastTimer = setTimeout(() => this.hideToast(), alert ? TOAST_MS * 4 : TOAST_MS);
  }

  private hideToast(): void {
    clearTimeout(this.toastTimer);
    this.toast.classList.remove("visible");
  }
}

/** Resolves when the tab is shown again. */
function visible(): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (document.hidden) return;
      document.removeEventListener("visibilitychange", check);
      resolve();
    };
    document.addEventListener("visibilitychange", check);
  });
}

let client: SimClient | undefined;

/** Makes sure the person's simulated user and chat exist (the simulator forgets them on restart). */
function simUser(botId: number, person: SimPerson): Promise<SimUser> {
  return client!.user(botId, {
    id: person.userId,
    firstName: person.firstName,
    lastName: person.lastName,
    languageCode: "ru",
  });
}

/** Sets the page's fixed labels (elements with `data-label`) in the current language. */
function applyLabels(): void {
  const l = labels();
  document.documentElement.lang = l.htmlLang;
  document.querySelectorAll<HTMLElement>("[data-label]").forEach((node) => {
    const value = l[node.dataset.label as keyof Labels];
    if (typeof value === "string") node.textContent = value;
  });
  const toggle = document.getElementById("lang-toggle");
  if (toggle) toggle.title = l.toggleTitle;
  document.title = l.title;
}

/** "Reset demo": the server sets the played demo aside and seeds a fresh one; the chats are cleared. */
async function resetDemo(): Promise<void> {
  if (!window.confirm(labels().resetConfirm)) return;
  const button = document.getElementById("reset-demo") as HTMLButtonElement | null;
  if (button) button.disabled = true;
  try {
    const response = await fetch("/sim/reset", { method: "POST", headers: { "x-sim-reset": "1" } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    await Promise.all(columns.map((column) => column.clear()));
    document.getElementById("notices")?.replaceChildren();
    showNotice(labels().resetDone, "info");
  } catch (error) {
    showNotice(labels().resetFailed + errorText(error), "error");
  } finally {
    if (button) button.disabled = false;
  }
}

function showNotice(text: string, kind: "info" | "warn" | "error"): void {
  const notices = document.getElementById("notices");
  notices?.append(el("div", `notice ${kind}`, text));
}

/** The bot the app runs: the one with the configured username, waiting a little for it to connect. */
async function findBot(sim: SimClient, username: string): Promise<SimBotInfo | undefined> {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const bots = await sim.bots();
    const bot = bots.find((b) => b.username === username) ?? bots.find((b) => b.tokenBound);
    if (bot) return bot;
    await sleep(500);
  }
  return undefined;
}

async function main(): Promise<void> {
  document.getElementById("lang-toggle")?.addEventListener("click", () => {
    lang = lang === "ru" ? "en" : "ru";
    localStorage.setItem(LANG_KEY, lang);
    applyLabels();
    for (const column of columns) column.relabel();
  });
  applyLabels();
  const container = document.getElementById("columns")!;
  const loading = el("div", "loading", labels().loading);
  container.replaceChildren(loading);

  const response = await fetch("/sim/config.json");
  if (!response.ok) throw new Error(`config: HTTP ${response.status}`);
  const config = (await response.json()) as SimPageConfig;
  if (!config.seeded) showNotice(labels().notSeeded, "warn");
  const reset = document.getElementById("reset-demo");
  if (reset && config.canReset) {
    reset.hidden = false;
    reset.addEventListener("click", () => void resetDemo());
  }
  const apiBase = new URL(config.apiBase, location.href).href;
  client = new SimClient(apiBase);
  const bot = await findBot(client, config.botUsername);
  if (!bot) {
    loading.remove();
    showNotice(labels().noBot, "error");
    return;
  }
  // MAX columns: the local MAX server's dialogs, through its own proxy.
  const maxApiBase = config.max ? new URL(config.max.apiBase, location.href).href : undefined;
  const maxClient = maxApiBase ? new MaxSimClient(maxApiBase) : undefined;
  const maxBot =
    maxClient && config.max
      ? (await maxClient.bots()).find((b) => b.username === config.max!.botUsername)
      : undefined;
  const people = config.people.filter((p) => p.messenger !== "max" || maxBot !== undefined);
  const maxUser = (person: SimPerson) =>
    maxClient!.user(maxBot!.id, {
      id: person.userId,
      firstName: person.firstName,
      lastName: person.lastName,
      languageCode: "ru",
    });
  const users: ColumnUser[] = await Promise.all(
    people.map(async (person) =>
      person.messenger === "max" ? maxColumnUser(await maxUser(person)) : simUser(bot.id, person),
    ),
  );
  loading.remove();
  people.forEach((person, i) => {
    const column =
      person.messenger === "max"
        ? new ChatColumn(
            person,
            users[i]!,
            maxBot!,
            `${maxApiBase!}/_sim/bots/${maxBot!.id}/chats/${person.userId}/wait`,
            (json) => fromMax(json as MaxChatView),
            () => maxUser(person),
          )
        : new ChatColumn(
            person,
            users[i]!,
            bot,
            `${apiBase}/_sim/bots/${bot.id}/chats/${person.userId}/wait`,
          );
    columns.push(column);
    container.append(column.root);
    void column.run();
  });
}

main().catch((error: unknown) => {
  document.querySelector(".loading")?.remove();
  showNotice(labels().failed + errorText(error), "error");
});
