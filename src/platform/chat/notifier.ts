/**
 * The chat side of notices: each notice an action or a job tells is turned, by the renderer its
 * area registered, into messages for the people concerned, queued in the outbox of the same
 * transaction (so a message exists exactly when the change that caused it is committed).
 */
import type { Db } from "../db/client.ts";
import { pickLocale } from "../i18n/index.ts";
import type { MessengerKind } from "../messenger/contract.ts";
import type { Notice, Notifier, NoticeRenderer } from "../notify.ts";
import type { OutboxEntry } from "../outbox/enqueue.ts";
import { refreshCards } from "./cards.ts";
import { messagesForStaff } from "./notify.ts";
import type { MessageRenderer } from "./render.ts";

/** Renderers of every area, by notice type. */
export type NoticeRendererMap = ReadonlyMap<string, NoticeRenderer<never>>;

/** A notifier collecting outbox entries for one transaction. */
export class ChatNotifier implements Notifier {
  /** What to queue, in the order told. */
  readonly entries: OutboxEntry[] = [];

  constructor(
    private readonly db: Db,
    private readonly messages: MessageRenderer,
    private readonly renderers: NoticeRendererMap,
  ) {}

  async notify<N extends Notice>(notice: N): Promise<void> {
    const render = this.renderers.get(notice.type) as NoticeRenderer | undefined;
    if (!render) throw new Error(`no renderer for the notice "${notice.type}"`);
    for (const delivery of await render(this.db, notice)) {
      if ("refresh" in delivery) {
        this.entries.push(...(await refreshCards(this.db, this.messages, delivery.refresh)));
        continue;
      }
      this.entries.push(...(await messagesForStaff(this.db, this.messages, delivery.to, delivery.message)));
      const { message } = delivery;
      if (typeof message === "function") continue;
      for (const chat of delivery.chats ?? []) {
        const messenger = chat.messenger as MessengerKind;
        if (!this.messages.serves(messenger)) continue;
        const reader = { locale: pickLocale(chat.locale), timeZone: chat.timeZone };
        for (const call of this.messages.calls(messenger, reader, chat.chatId, message))
          this.entries.push({ messenger, chatId: chat.chatId, call });
      }
    }
  }
}
