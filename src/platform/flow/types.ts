/**
 * Types of the flow DSL and of the engine's sessions and events.
 *
 * A flow is plain data (see `flows/`): an ordered list of steps, each with a prompt
 * (an i18n key), an answer kind, an optional zod schema refining the answer, and an
 * optional declarative condition on earlier answers. The engine asks the first
 * applicable unanswered step, so a condition is the branch: a step whose condition is
 * false is skipped and its answer dropped.
 */
import type { z } from "zod";

/** A value stored as an answer: JSON only, so a session survives serialisation. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A JSON value as text: scalars as themselves, structures as JSON. */
export function jsonText(value: Json): string {
  return typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
}

/** A parameter of a translated text; the renderer formats dates in the reader's time zone. */
export type TextParam =
  | string
  | number
  | { key: string; params?: Record<string, TextParam> }
  | { datetime: string }
  /** A moment shown by its time alone when it falls today in the reader's zone, in full otherwise. */
  | { time: string }
  | { date: string }
  | { list: TextParam[] }
  /** Items one per line (e.g. the rows of a repeating group). */
  | { lines: TextParam[] };

/** A translatable text: an i18n key and its parameters. */
export interface Text {
  key: string;
  params?: Record<string, TextParam>;
}

/** A declarative condition on earlier answers; validated at load (the step must exist and come earlier). */
export type Condition =
  | { step: string; in: string[] }
  | { step: string; answered: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

/** One option of a choice; `label` is an i18n key. */
export interface ChoiceOption {
  value: string;
  label: string;
  /** For multi-choice: selecting it asks for a free text ("other"). */
  withText?: boolean;
  /** Offered only when this holds for the earlier answers (e.g. no "with the child" for a pregnant woman). */
  when?: Condition;
}

/** A button offering a fixed answer on a free-entry step (e.g. "unknown"). */
export interface PresetButton {
  value: Json;
  label: string;
}

/** A button offering a time relative to now on a date-time step (e.g. "30 min ago"). */
export interface RelativeTimeButton {
  minutesAgo: number;
  label: string;
}

/** The answer kinds and their settings. Registered in `src/platform/flow/kinds.ts`. */
export type AnswerSpec =
  | { kind: "text"; maxLength?: number; minLength?: number; presets?: PresetButton[] }
  | { kind: "number"; min: number; max: number; integer?: boolean; presets?: PresetButton[] }
  | {
      kind: "datetime";
      /** Hours into the past accepted (older is implausible). */
      maxAgeHours: number;
      relative?: RelativeTimeButton[];
      /** Label of the button that asks for free entry ("other time"). */
      otherLabel?: string;
      /**
       * A moment more than `afterMinutes` ago is late (a signal passed over 3 h after the risk was
       * identified): the summary, and the "send now" question, show `warning` (an i18n key) before sending.
       */
      late?: { afterMinutes: number; warning: string };
      /**
       * A moment to come instead (a planned visit): only times after now, at most `maxDays` ahead;
       * a bare time that has passed today means tomorrow. `maxAgeHours` is then not used.
       */
      future?: { maxDays: number };
    }
  | {
      kind: "date";
      /** Accept a plain number as an age in years instead of a date. */
      age?: { min: number; max: number };
      /** Years back accepted. */
      maxYearsAgo: number;
      /** At least this many years back (e.g. a mother's birth date cannot be last year). */
      minYearsAgo?: number;
      presets?: PresetButton[];
    }
  | { kind: "choice"; options: ChoiceOption[]; columns?: number }
  | { kind: "multi"; options: ChoiceOption[]; min?: number; max?: number; columns?: number }
  | {
      kind: "contact";
      presets?: PresetButton[];
      /** Label of a reply button sharing the user's own number (i18n key); only for the user's own phone. */
      shareOwn?: string;
    }
  | { kind: "yesno" }
  | {
      /**
       * A calendar day ("YYYY-MM-DD") within a window around today in the user's zone: a deadline
       * (`futureDays`), or a recent day (`pastDays`). Typed as 25.12, 25.12.2026 or 2026-12-25.
       */
      kind: "day";
      /** Days before today accepted (0: not before today). */
      pastDays: number;
      /** Days after today accepted (0: not after today). */
      futureDays: number;
      /** Buttons for days relative to today (e.g. `{ days: 7, label: "in a week" }`, `{ days: 0, ... }`). */
      relative?: { days: number; label: string }[];
    }
  | GroupSpec;

/**
 * A repeating group of questions (the engine's src/platform/flow/groups.ts): the answer is a list
 * of rows, each row answering `steps`. The person adds, edits and removes rows from a menu; or,
 * with `each`, there is exactly one row per item of a session parameter (e.g. "progress of each
 * action of the plan"). Rows may carry hidden fields whose names start with "$" (kept as given:
 * an identity the caller needs back, like an action's key).
 */
export interface GroupSpec {
  kind: "group";
  /** The questions of one row. Their texts default to `flows.<flow>.<group>.<step>.prompt|label`. */
  steps: StepDefinition[];
  /** Fewest rows (default 1). */
  min?: number;
  /** Most rows (default 10, at most 20). */
  max?: number;
  /**
   * One row per item of the session parameter `param` (an array of objects with a string `key`;
   * their string fields are shown in the row's title): rows are neither added nor removed.
   */
  each?: { param: string };
  /** i18n key of a row's heading; params: `n`, `total`, `label` (the group's) and the item's fields. */
  rowTitle?: string;
}

/** A value a prompt shows: an earlier answer, a session parameter, or a field of the group row's item. */
export type PromptRef = { answer: string } | { param: string } | { item: string };

/** One question of a flow. */
export interface StepDefinition {
  id: string;
  /** i18n key of the question. Defaults to `flows.<flow>.<step>.prompt`. */
  prompt?: string;
  /** i18n key of the short label used in the summary and exports. Defaults to `flows.<flow>.<step>.label`. */
  label?: string;
  /** i18n key of a hint shown with the question (e.g. the expected date format). */
  hint?: string;
  /**
   * i18n key of a longer explanation behind an "ℹ️" button under the question (e.g. a manual's
   * definitions): pressing it shows the explanation and asks the same question again.
   */
  info?: string;
  answer: AnswerSpec;
  /**
   * Refines the answer after the kind has parsed it. Messages of failed checks are
   * i18n keys (e.g. `z.string().regex(/\p{L}/u, "errors.name_letters")`).
   */
  schema?: z.ZodType;
  /** The step is asked only when this holds. */
  when?: Condition;
  /** The user may skip it ("skip" button, stored as null). */
  optional?: boolean;
  /**
   * The answer is the woman's personal data (name, birth date, addresses, phone, free-text
   * comments). With the service's `personalDataByForm` on, such steps are answered in a small web
   * form the chat opens (a Mini App), never as chat messages; see src/forms/.
   */
  personal?: boolean;
  /** Parameters of the prompt text taken from earlier answers, session parameters or a group row's item. */
  promptParams?: Record<string, PromptRef>;
}

/** A whole dialogue. */
export interface FlowDefinition {
  id: string;
  /** Bump when steps change meaning; stored sessions of older versions are migrated or restarted. */
  version: number;
  steps: StepDefinition[];
  /** Show a summary with "edit" and "submit" before completing. */
  summary?: { prompt?: string; submitLabel?: string };
  /**
   * Sending before every question is answered (an urgent signal): once the `after` steps are
   * answered, each later question carries a `label` button that emits `submitted_early`; the
   * remaining questions are then asked to complete what was sent, and the last answer completes
   * the dialogue without a summary. The session's params get `$early: true`.
   */
  earlySubmit?: { after: string[]; label: string };
  /**
   * Migrations of stored answers from an older version, keyed by that version.
   * Missing → a session of that version is restarted with a message to the user.
   */
  migrations?: Record<number, (answers: Record<string, Json>) => Record<string, Json>>;
}

/** The engine's schema version: bump when `SessionState`'s shape changes. */
export const ENGINE_VERSION = 1;

/** A flow session, stored as JSON per chat. */
export interface SessionState {
  engine: number;
  flowId: string;
  flowVersion: number;
  /** Short random id embedded in buttons, so a button of another session is recognised as stale. */
  nonce: string;
  status: "waiting" | "completed" | "cancelled" | "failed";
  /** The step waiting for an answer, or "$summary", or "$edit" (choosing what to edit). */
  at: string | null;
  answers: Record<string, Json>;
  /** Parameters given at start (e.g. the signal a visit-outcome dialogue is about). */
  params: Record<string, Json>;
  /** Work in progress inside one step: the multi-choice selection, or waiting for the "other" text. */
  draft?: { selected: string[]; awaitingText?: string; texts?: Record<string, string> } | undefined;
  /** Work in progress inside a repeating group (`at` is the group's step); see groups.ts. */
  group?: GroupState | undefined;
}

/** Where a session is inside a repeating group. */
export interface GroupState {
  /** The rows so far (the group's answer once done). */
  rows: Record<string, Json>[];
  /** The row being filled or edited (index into rows; rows.length for a new row). */
  row: number;
  /** Answers of that row so far (a copy, applied to `rows` when the row is complete). */
  answers: Record<string, Json>;
  /** The row's question being asked, "$menu" (the rows and what to do) or "$fields" (which answer of the row to change). */
  at: string;
  /** True while going through the rows of an `each` group for the first time. */
  firstPass?: boolean;
}

/** What the user did, as the engine sees it. */
export type EngineInput =
  | { type: "text"; text: string }
  | { type: "button"; data: string }
  | { type: "contact"; phone: string; own: boolean }
  | { type: "unsupported"; what: string }
  | { type: "back" }
  | { type: "cancel" }
  /** The answers of a personal block, sent from the secure form (src/forms/), keyed by step id. */
  | { type: "form"; answers: Record<string, FormAnswer> };

/** One field of the secure form: typed text, one of the step's preset buttons (by index), or skipped. */
export type FormAnswer = { text: string } | { preset: number } | { skip: true };

/** A button the engine asks to show. `data` is opaque to the adapter. */
export interface EngineButton {
  text: Text;
  data: string;
}

/** A message to show. `replace` asks to edit the message whose button was pressed instead of sending. */
export interface EngineMessage {
  texts: Text[];
  buttons?: EngineButton[][];
  /** Show a reply keyboard with a "share my contact" button. */
  requestContact?: Text;
  replace?: boolean;
  /** This message is the current question (its buttons become stale when it is answered). */
  isPrompt?: boolean;
  /** Hide the reply keyboard a contact question showed (sent as its own plain message). */
  removeReplyKeyboard?: boolean;
  /**
   * The personal steps asked in the secure form instead of the chat: the chat shows a button that
   * opens it (added by the runtime, which knows the form's address).
   */
  form?: { steps: string[] };
}

/** What a turn produced; `src/` applies these (messages to the outbox, completion to the domain). */
export type EngineEvent =
  | { type: "message"; message: EngineMessage }
  | { type: "answered"; stepId: string; value: Json }
  | { type: "invalid"; stepId: string; reason: string }
  | { type: "completed"; flowId: string; answers: Record<string, Json>; params: Record<string, Json> }
  | { type: "submitted_early"; flowId: string; answers: Record<string, Json>; params: Record<string, Json> }
  | { type: "cancelled" }
  | { type: "restarted"; reason: "flow_version" | "engine_version" }
  | { type: "failed"; reason: string };

/** Everything the engine needs from the outside world, injected for determinism. */
export interface EngineContext {
  now: Date;
  /** IANA time zone in which the user types dates and times. */
  timeZone: string;
  /** Makes the session nonce; inject a fixed one in tests. */
  newNonce: () => string;
  /** The labels of an i18n key in every language, so a typed "Да" or "yes" matches a button. */
  labelsOf?: (key: string) => string[];
  /**
   * Personal steps (`personal: true`) are answered in the secure form, not in the chat: their
   * question becomes a form button, their answers are shown as "filled in the form".
   */
  personalByForm?: boolean;
}

/** Result of one engine call. */
export interface Turn {
  state: SessionState;
  events: EngineEvent[];
}
