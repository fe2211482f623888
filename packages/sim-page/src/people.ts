/**
 * Who the page shows: the people whose chats appear side by side. The application passes them in
 * (`/sim/config.json`); the page knows nothing else about the product.
 *
 * Pure data types, so the browser script bundles this file too.
 */

/** The kind of person a column belongs to; chooses the empty-chat hint. */
export type SimRole = "reporter" | "head" | "curator";

/** One column of the page: a simulated messenger user. */
export interface SimPerson {
  /** Stable key of the column (used in `data-user` and by tests). */
  key: string;
  /** The simulated user's id; also the private chat's id. */
  userId: number;
  role: SimRole;
  /** Shown in the column header. */
  fullName: string;
  /** The simulated profile's names. */
  firstName: string;
  lastName: string;
  /** What the person does, in both languages of the page. */
  title: { ru: string; en: string };
  /** A short name of the reporter's hospital, shown beside the title. */
  hospitalShortName?: string;
  /** The messenger of the column's chat; Telegram when omitted. A MAX chat's dialog id differs from `userId`. */
  messenger?: "telegram" | "max";
}
