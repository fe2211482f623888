/**
 * Buttons of feature messages (cards, lists): a registry of button kinds, each with an id, typed
 * fields and a handler. A kind encodes its own callback data (`<id>:<field>:<field>`) and decodes
 * it back, so a handler receives typed, checked values and an unknown, malformed or foreign
 * button is answered "no longer valid" by the runtime, never guessed at.
 *
 * A kind ({@link buttonKind}: id and fields) is declared apart from its handler ({@link onButton})
 * so that cards can build buttons without importing what the buttons do.
 *
 * Ids are short (callback data is at most 64 bytes on Telegram); UUIDs travel as 22 characters.
 *
 * @example
 * export const URGENCY = buttonKind({ id: "sg:u", fields: { signalId: idField, urgency: enumField(["u", "p"]) } });
 * URGENCY.data({ signalId, urgency: "u" }); // "sg:u:<22 chars>:u"
 * export const urgencyButton = onButton(URGENCY, (turn, { signalId, urgency }) => ...);
 */
import { FLOW_BUTTON_PREFIX } from "../flow/buttons.ts";
import type { TurnContext } from "./app.ts";

/** How one field of a button is written into callback data and read back. */
export interface FieldCodec<T> {
  encode(value: T): string;
  /** The value, or undefined when the text is not a valid encoding. */
  decode(text: string): T | undefined;
}

/** A UUID as 22 base64url characters. */
export const idField: FieldCodec<string> = {
  encode: (uuid) => {
    const hex = uuid.replace(/-/g, "");
    if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a UUID: ${uuid}`);
    return Buffer.from(hex, "hex").toString("base64url");
  },
  decode: (short) => {
    if (!/^[A-Za-z0-9_-]{22}$/.test(short)) return undefined;
    const hex = Buffer.from(short, "base64url").toString("hex");
    if (hex.length !== 32) return undefined;
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  },
};

/** One of a few short codes. */
export function enumField<const T extends string>(values: readonly T[]): FieldCodec<T> {
  for (const v of values) if (!/^[A-Za-z0-9_-]+$/.test(v)) throw new Error(`bad enum code "${v}"`);
  return {
    encode: (value) => value,
    decode: (text) => ((values as readonly string[]).includes(text) ? (text as T) : undefined),
  };
}

/** A small non-negative integer. */
export const intField: FieldCodec<number> = {
  encode: (value) => {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`not a non-negative integer: ${value}`);
    return String(value);
  },
  decode: (text) => (/^\d{1,9}$/.test(text) ? Number(text) : undefined),
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fields = Record<string, FieldCodec<any>>;
/** The decoded values of a button's fields. */
export type Values<F extends Fields> = { [K in keyof F]: F[K] extends FieldCodec<infer T> ? T : never };

/** A button kind: its id and fields, encoding and decoding its callback data. */
export interface ButtonKind<F extends Fields = Fields> {
  readonly id: string;
  readonly fields: F;
  /** The callback data of this button with these values. */
  data(values: Values<F>): string;
  /** The values of `data` when it is this button's, else undefined. */
  decode(data: string): Values<F> | undefined;
}

/** A button kind with what pressing it does. */
export interface ButtonDefinition<F extends Fields = Fields> extends ButtonKind<F> {
  /** Runs in the update's transaction; refusals are DomainErrors (the runtime shows them). */
  run(turn: TurnContext, values: Values<F>): Promise<void>;
}

/** Declares a button kind (see the module example). */
export function buttonKind<F extends Fields>(spec: { id: string; fields: F }): ButtonKind<F> {
  const names = Object.keys(spec.fields);
  if (!/^[A-Za-z0-9_]+(:[A-Za-z0-9_]+)*$/.test(spec.id)) throw new Error(`bad button id "${spec.id}"`);
  if (`${spec.id}:`.startsWith(FLOW_BUTTON_PREFIX)) throw new Error(`button id "${spec.id}" is the engine's`);
  return {
    id: spec.id,
    fields: spec.fields,
    data(values) {
      const parts = names.map((name) => spec.fields[name]!.encode((values as Record<string, unknown>)[name]));
      return [spec.id, ...parts].join(":");
    },
    decode(data) {
      if (data !== spec.id && !data.startsWith(`${spec.id}:`)) return undefined;
      const parts = data === spec.id ? [] : data.slice(spec.id.length + 1).split(":");
      if (parts.length !== names.length) return undefined;
      const values: Record<string, unknown> = {};
      for (const [i, name] of names.entries()) {
        const value: unknown = spec.fields[name]!.decode(parts[i]!);
        if (value === undefined) return undefined;
        values[name] = value;
      }
      return values as Values<F>;
    },
  };
}

/** Binds what pressing a button of `kind` does. */
export function onButton<F extends Fields>(
  kind: ButtonKind<F>,
  run: (turn: TurnContext, values: Values<F>) => Promise<void>,
): ButtonDefinition<F> {
  return { ...kind, run };
}

/** Every button kind of the product, looked up by callback data. */
export class ButtonRegistry {
  /** Longest id first, so "sg:c" is not taken for a button "sg:cx". */
  private readonly definitions: ButtonDefinition[];

  constructor(definitions: readonly ButtonDefinition[]) {
    const ids = new Set<string>();
    for (const d of definitions) {
      if (ids.has(d.id)) throw new Error(`two buttons with the id "${d.id}"`);
      ids.add(d.id);
    }
    this.definitions = [...definitions].sort((a, b) => b.id.length - a.id.length);
  }

  /** The definition and decoded values of `data`, or null for an unknown or malformed button. */
  resolve(data: string): { definition: ButtonDefinition; values: Record<string, unknown> } | null {
    for (const definition of this.definitions) {
      const values = definition.decode(data);
      if (values) return { definition, values };
    }
    return null;
  }
}
