/**
 * Settings of the registers and reports.
 */

/** Configurable figures. */
export interface RegisterSettings {
  /** A document sent to a chat is deleted from the server this many hours after delivery. */
  keepHours: number;
  /** A register of at least this many rows shows a progress message while it is made. */
  progressMinRows: number;
}

export const DEFAULT_REGISTER_SETTINGS: RegisterSettings = { keepHours: 24, progressMinRows: 5000 };
