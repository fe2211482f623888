/**
 * Callback data of the engine's buttons: `f:<nonce>:<op>:<step>:<arg>`.
 * The nonce ties a button to one session, so a button from a finished or replaced
 * dialogue is recognised as stale instead of being applied to another one.
 */

/** Operations a button can ask for. */
export const OPS = {
  answer: "a",
  relative: "r",
  other: "o",
  toggle: "t",
  done: "d",
  skip: "s",
  back: "b",
  cancel: "c",
  submit: "S",
  editMenu: "E",
  edit: "e",
  summary: "M",
  info: "i",
  keep: "k",
  early: "X",
  // Repeating groups (groups.ts): two letters, apart from the one-letter operations above.
  groupAdd: "g+",
  groupDone: "g.",
  groupEdit: "ge",
  groupRemove: "gr",
  groupField: "gf",
  groupMenu: "gm",
} as const;

export type Op = (typeof OPS)[keyof typeof OPS];

/** A decoded engine button. */
export interface ButtonData {
  nonce: string;
  op: Op;
  step: string;
  arg: string;
}

const OP_VALUES = new Set<string>(Object.values(OPS));

/** Prefix of every engine button; other prefixes belong to action handlers in `src/`. */
export const FLOW_BUTTON_PREFIX = "f:";

/** Telegram's limit for callback_data, in bytes. */
export const MAX_CALLBACK_BYTES = 64;

/** Length of session nonces. */
export const NONCE_LENGTH = 6;

/** Builds callback data for an engine button. */
export function encodeButton(nonce: string, op: Op, step = "", arg = ""): string {
  return `${FLOW_BUTTON_PREFIX}${nonce}:${op}:${step}:${arg}`;
}

/** Parses engine callback data; null when it is not an engine button or is malformed. */
export function decodeButton(data: string): ButtonData | null {
  if (!data.startsWith(FLOW_BUTTON_PREFIX)) return null;
  const [nonce, op, step, arg, ...rest] = data.slice(FLOW_BUTTON_PREFIX.length).split(":");
  if (nonce === undefined || op === undefined || step === undefined || arg === undefined) return null;
  if (rest.length > 0 || !OP_VALUES.has(op)) return null;
  return { nonce, op: op as Op, step, arg };
}
