/**
 * Notifications are facts ("signal 12/2026 was assigned to X"), not chat messages: an action says
 * what happened through a {@link Notifier}; the chat side turns each fact into messages for the
 * people concerned (renderers registered by each area), in the same transaction as the change.
 * Actions never build chat messages or import messenger code.
 */
import type { Db } from "./db/client.ts";
import type { MessageFor } from "./chat/app.ts";
import type { CardRefresh } from "./chat/cards.ts";

/** A fact worth telling people about; each area declares its own union of these. */
export interface Notice {
  type: string;
}

/** What actions tell; implementations queue the resulting messages in the action's transaction. */
export interface Notifier {
  notify<N extends Notice>(notice: N): Promise<void>;
}

/** A chat of someone who is not staff (a mother bound to her case), with how she reads. */
export interface GuestChat {
  messenger: string;
  chatId: string;
  locale: string;
  timeZone: string;
}

/**
 * One message for some staff members (each reads it in their own language and time zone), and for
 * `chats` of people who are not staff (a plain message: they have no staff row to render for).
 */
export interface Delivery {
  to: string[];
  message: MessageFor;
  chats?: GuestChat[];
}

/**
 * Turns one kind of notice into deliveries (and refreshes of live cards, ./chat/cards.ts); may
 * read the database (in the same transaction). They are queued in the order given.
 */
export type NoticeRenderer<N extends Notice = Notice> = (
  db: Db,
  notice: N,
) => Promise<(Delivery | CardRefresh)[]>;

/** Renderers by notice type. */
export type NoticeRenderers<N extends Notice = Notice> = {
  [T in N["type"]]: NoticeRenderer<Extract<N, { type: T }>>;
};

/** A notifier that only remembers what it was told (tests of actions, dry runs). */
export class RecordingNotifier implements Notifier {
  readonly notices: Notice[] = [];

  async notify<N extends Notice>(notice: N): Promise<void> {
    this.notices.push(notice);
  }
}
