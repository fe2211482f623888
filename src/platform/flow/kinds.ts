/**
 * The registry of answer kinds. Each kind knows its buttons, how to read an input into a
 * value, the zod schema of the stored value, how to show a value, and the i18n keys it uses.
 * The engine looks kinds up here instead of switching on them.
 */
import { DateTime } from "luxon";
import { z } from "zod";
import { encodeButton, OPS, type ButtonData } from "./buttons.ts";
import {
  cleanText,
  hasWordCharacters,
  isImpossibleDate,
  localDate,
  parseDate,
  parseDateTime,
  parseNumber,
  parsePhone,
  yearsBetween,
} from "./input.ts";
import {
  jsonText,
  type AnswerSpec,
  type ChoiceOption,
  type EngineButton,
  type GroupSpec,
  type Json,
  type PresetButton,
  type SessionState,
  type StepDefinition,
  type Text,
  type TextParam,
} from "./types.ts";

/** An input a kind can read: typed text, a shared contact, or one of its own buttons. */
export type KindInput =
  | { type: "text"; text: string }
  | { type: "contact"; phone: string; own: boolean }
  | { type: "button"; button: ButtonData };

/** What a kind made of an input. */
export type Acceptance =
  | { type: "value"; value: Json }
  | { type: "invalid"; reason: string }
  /** Still choosing (multi-choice): keep the draft and redraw the question in place or ask for a text. */
  | { type: "draft"; draft: NonNullable<SessionState["draft"]>; askText?: Text }
  /** Not an answer, just guidance (e.g. "type the time"); keep waiting. */
  | { type: "notice"; text: Text };

/** Context a kind gets for one step. */
export interface KindContext {
  now: Date;
  timeZone: string;
  nonce: string;
  stepId: string;
  draft?: SessionState["draft"];
  labelsOf?: (key: string) => string[];
  /** Whether a choice option is offered for the earlier answers (its `when`); all when absent. */
  offered?: (option: ChoiceOption) => boolean;
}

/** One answer kind. */
export interface AnswerKind<S extends AnswerSpec> {
  buttons(spec: S, ctx: KindContext): EngineButton[][];
  accept(spec: S, input: KindInput, ctx: KindContext): Acceptance;
  /** Schema of the stored value; the step's own schema refines it. */
  schema(spec: S): z.ZodType;
  display(spec: S, value: Json): TextParam;
  /** i18n keys the kind's settings reference (checked at load). */
  keys(spec: S): string[];
  /** A "share my contact" reply button, if the kind offers one. */
  requestContact?(spec: S): Text | undefined;
}

/** Default longest free text, below Telegram's 4096-character message limit with room for the summary. */
export const DEFAULT_MAX_TEXT = 1000;

const TEXT_ERRORS = {
  empty: "engine.errors.empty",
  tooLong: "engine.errors.too_long",
  tooShort: "engine.errors.too_short",
  noWords: "engine.errors.no_words",
  useButtons: "engine.errors.use_buttons",
} as const;

type Spec<K extends AnswerSpec["kind"]> = Extract<AnswerSpec, { kind: K }>;

function columns(buttons: EngineButton[], perRow: number): EngineButton[][] {
  const rows: EngineButton[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return rows;
}

function presetButtons(presets: PresetButton[] | undefined, ctx: KindContext): EngineButton[][] {
  return (presets ?? []).map((preset, index) => [
    { text: { key: preset.label }, data: encodeButton(ctx.nonce, OPS.answer, ctx.stepId, String(index)) },
  ]);
}

/** Reads a preset button; undefined when the input is not one. */
function acceptPreset(presets: PresetButton[] | undefined, input: KindInput): Acceptance | undefined {
  if (input.type !== "button" || input.button.op !== OPS.answer) return undefined;
  const preset = presets?.[Number(input.button.arg)];
  return preset
    ? { type: "value", value: preset.value }
    : { type: "invalid", reason: TEXT_ERRORS.useButtons };
}

function displayPreset(presets: PresetButton[] | undefined, value: Json): TextParam | undefined {
  const preset = presets?.find((p) => JSON.stringify(p.value) === JSON.stringify(value));
  return preset ? { key: preset.label } : undefined;
}

function presetSchema(presets: PresetButton[] | undefined, schema: z.ZodType): z.ZodType {
  if (!presets?.length) return schema;
  const literals = presets.map((p) => z.literal(p.value as string | number | boolean | null));
  return z.union([schema, ...literals]);
}

/** Reads typed text, applying the common checks: not empty, has words, length. */
function readText(input: KindInput, min = 1, max = DEFAULT_MAX_TEXT): Acceptance {
  if (input.type !== "text") return { type: "invalid", reason: TEXT_ERRORS.useButtons };
  const text = cleanText(input.text);
  if (text.length === 0) return { type: "invalid", reason: TEXT_ERRORS.empty };
  if (!hasWordCharacters(text)) return { type: "invalid", reason: TEXT_ERRORS.noWords };
  if (text.length > max) return { type: "invalid", reason: TEXT_ERRORS.tooLong };
  if (text.length < min) return { type: "invalid", reason: TEXT_ERRORS.tooShort };
  return { type: "value", value: text };
}

const text: AnswerKind<Spec<"text">> = {
  buttons: (spec, ctx) => presetButtons(spec.presets, ctx),
  accept: (spec, input) =>
    acceptPreset(spec.presets, input) ?? readText(input, spec.minLength, spec.maxLength ?? DEFAULT_MAX_TEXT),
  schema: (spec) =>
    presetSchema(
      spec.presets,
      z
        .string()
        .min(1)
        .max(spec.maxLength ?? DEFAULT_MAX_TEXT),
    ),
  display: (spec, value) => displayPreset(spec.presets, value) ?? jsonText(value),
  keys: (spec) => (spec.presets ?? []).map((p) => p.label),
};

const number: AnswerKind<Spec<"number">> = {
  buttons: (spec, ctx) => presetButtons(spec.presets, ctx),
  accept: (spec, input) => {
    const preset = acceptPreset(spec.presets, input);
    if (preset) return preset;
    if (input.type !== "text") return { type: "invalid", reason: TEXT_ERRORS.useButtons };
    const value = parseNumber(cleanText(input.text));
    if (value === null) return { type: "invalid", reason: "engine.errors.not_a_number" };
    if (spec.integer && !Number.isInteger(value))
      return { type: "invalid", reason: "engine.errors.not_integer" };
    if (value < spec.min || value > spec.max)
      return { type: "invalid", reason: "engine.errors.out_of_range" };
    return { type: "value", value };
  },
  schema: (spec) => {
    const base = z.number().min(spec.min).max(spec.max);
    return presetSchema(spec.presets, spec.integer ? base.int() : base);
  },
  display: (spec, value) => displayPreset(spec.presets, value) ?? jsonText(value),
  keys: (spec) => (spec.presets ?? []).map((p) => p.label),
};

const datetime: AnswerKind<Spec<"datetime">> = {
  buttons: (spec, ctx) => {
    const relative = (spec.relative ?? []).map((r, index) => ({
      text: { key: r.label },
      data: encodeButton(ctx.nonce, OPS.relative, ctx.stepId, String(index)),
    }));
    const other = spec.otherLabel
      ? [{ text: { key: spec.otherLabel }, data: encodeButton(ctx.nonce, OPS.other, ctx.stepId) }]
      : [];
    return columns([...relative, ...other], 2);
  },
  accept: (spec, input, ctx) => {
    if (input.type === "button" && input.button.op === OPS.other) {
      return { type: "notice", text: { key: "engine.hints.datetime_format" } };
    }
    let iso: string;
    if (input.type === "button" && input.button.op === OPS.relative) {
      const relative = spec.relative?.[Number(input.button.arg)];
      if (!relative) return { type: "invalid", reason: TEXT_ERRORS.useButtons };
      const at = DateTime.fromJSDate(ctx.now).minus({ minutes: relative.minutesAgo }).startOf("minute");
      iso = at.toUTC().toISO()!;
    } else if (input.type === "text") {
      const parsed = parseDateTime(cleanText(input.text), ctx.now, ctx.timeZone, {
        future: !!spec.future,
      });
      if (!parsed.ok)
        return {
          type: "invalid",
          reason:
            parsed.reason === "no_such_date"
              ? "engine.errors.no_such_date"
              : "engine.errors.datetime_unparseable",
        };
      iso = parsed.iso;
    } else {
      return { type: "invalid", reason: TEXT_ERRORS.useButtons };
    }
    const moment = DateTime.fromISO(iso);
    const now = DateTime.fromJSDate(ctx.now);
    if (spec.future) {
      if (moment <= now) return { type: "invalid", reason: "engine.errors.datetime_past" };
      if (moment > now.plus({ days: spec.future.maxDays }))
        return { type: "invalid", reason: "engine.errors.datetime_too_far" };
      return { type: "value", value: iso };
    }
    if (moment > now.plus({ minutes: 1 }))
      return { type: "invalid", reason: "engine.errors.datetime_future" };
    if (moment < now.minus({ hours: spec.maxAgeHours })) {
      return { type: "invalid", reason: "engine.errors.datetime_too_old" };
    }
    return { type: "value", value: iso };
  },
  schema: () => z.iso.datetime({ offset: true }),
  display: (_spec, value) => ({ datetime: jsonText(value) }),
  keys: (spec) => [
    ...(spec.relative ?? []).map((r) => r.label),
    ...(spec.otherLabel ? [spec.otherLabel] : []),
    ...(spec.late ? [spec.late.warning] : []),
  ],
};

const date: AnswerKind<Spec<"date">> = {
  buttons: (spec, ctx) => presetButtons(spec.presets, ctx),
  accept: (spec, input, ctx) => {
    const preset = acceptPreset(spec.presets, input);
    if (preset) return preset;
    if (input.type !== "text") return { type: "invalid", reason: TEXT_ERRORS.useButtons };
    const typed = cleanText(input.text);
    if (spec.age && /^\d{1,3}$/.test(typed)) {
      const age = Number(typed);
      if (age < spec.age.min || age > spec.age.max)
        return { type: "invalid", reason: "engine.errors.age_out_of_range" };
      return { type: "value", value: age };
    }
    const parsed = parseDate(typed);
    if (!parsed)
      return {
        type: "invalid",
        reason: isImpossibleDate(typed) ? "engine.errors.no_such_date" : "engine.errors.date_unparseable",
      };
    const today = localDate(ctx.now, ctx.timeZone);
    if (parsed > today) return { type: "invalid", reason: "engine.errors.date_future" };
    const years = yearsBetween(parsed, today);
    if (years > spec.maxYearsAgo) return { type: "invalid", reason: "engine.errors.date_too_old" };
    if (years < (spec.minYearsAgo ?? 0)) return { type: "invalid", reason: "engine.errors.date_too_recent" };
    return { type: "value", value: parsed };
  },
  schema: (spec) => {
    const day = z.iso.date();
    const withAge = spec.age ? z.union([day, z.number().int().min(spec.age.min).max(spec.age.max)]) : day;
    return presetSchema(spec.presets, withAge);
  },
  display: (spec, value) =>
    displayPreset(spec.presets, value) ??
    (typeof value === "number"
      ? { key: "common.age_years", params: { count: value } }
      : { date: jsonText(value) }),
  keys: (spec) => (spec.presets ?? []).map((p) => p.label),
};

function optionByTypedText(options: ChoiceOption[], typed: string, labelOf: (key: string) => string[]) {
  const wanted = cleanText(typed).toLocaleLowerCase();
  return options.find((o) => labelOf(o.label).some((label) => label.toLocaleLowerCase() === wanted));
}

const choice: AnswerKind<Spec<"choice">> = {
  buttons: (spec, ctx) =>
    columns(
      spec.options
        .map((o, index) => ({
          option: o,
          button: {
            text: { key: o.label },
            data: encodeButton(ctx.nonce, OPS.answer, ctx.stepId, String(index)),
          },
        }))
        .filter(({ option }) => ctx.offered?.(option) ?? true)
        .map(({ button }) => button),
      spec.columns ?? 1,
    ),
  accept: (spec, input, ctx) => {
    const offered = ctx.offered ?? (() => true);
    if (input.type === "button" && input.button.op === OPS.answer) {
      const option = spec.options[Number(input.button.arg)];
      return option && offered(option)
        ? { type: "value", value: option.value }
        : { type: "invalid", reason: TEXT_ERRORS.useButtons };
    }
    if (input.type === "text") {
      const option = optionByTypedText(spec.options.filter(offered), input.text, ctx.labelsOf ?? (() => []));
      if (option) return { type: "value", value: option.value };
    }
    return { type: "invalid", reason: TEXT_ERRORS.useButtons };
  },
  schema: (spec) => z.enum(spec.options.map((o) => o.value) as [string, ...string[]]),
  display: (spec, value) => {
    const option = spec.options.find((o) => o.value === value);
    return option ? { key: option.label } : jsonText(value);
  },
  keys: (spec) => spec.options.map((o) => o.label),
};

/** Stored value of a multi-choice: the selected values and texts for options that ask for one. */
export interface MultiValue {
  values: string[];
  texts: Record<string, string>;
}

const multi: AnswerKind<Spec<"multi">> = {
  buttons: (spec, ctx) => {
    const selected = new Set(ctx.draft?.selected ?? []);
    const options = spec.options.map((o, index) => ({
      text: {
        key: selected.has(o.value) ? "engine.buttons.checked" : "engine.buttons.unchecked",
        params: { label: { key: o.label } },
      },
      data: encodeButton(ctx.nonce, OPS.toggle, ctx.stepId, String(index)),
    }));
    return [
      ...columns(options, spec.columns ?? 1),
      [{ text: { key: "engine.buttons.done" }, data: encodeButton(ctx.nonce, OPS.done, ctx.stepId) }],
    ];
  },
  accept: (spec, input, ctx) => {
    const draft = { selected: [...(ctx.draft?.selected ?? [])], texts: { ...(ctx.draft?.texts ?? {}) } };
    if (ctx.draft?.awaitingText) {
      const typed = readText(input, 1, 300);
      if (typed.type !== "value") return typed;
      draft.texts[ctx.draft.awaitingText] = jsonText(typed.value);
      return { type: "draft", draft };
    }
    if (input.type !== "button") return { type: "invalid", reason: TEXT_ERRORS.useButtons };
    if (input.button.op === OPS.toggle) {
      const option = spec.options[Number(input.button.arg)];
      if (!option) return { type: "invalid", reason: TEXT_ERRORS.useButtons };
      if (draft.selected.includes(option.value)) {
        draft.selected = draft.selected.filter((v) => v !== option.value);
        delete draft.texts[option.value];
        return { type: "draft", draft };
      }
      if (spec.max && draft.selected.length >= spec.max)
        return { type: "invalid", reason: "engine.errors.too_many" };
      draft.selected.push(option.value);
      if (option.withText) {
        return {
          type: "draft",
          draft: { ...draft, awaitingText: option.value },
          askText: { key: "engine.hints.other_text", params: { label: { key: option.label } } },
        };
      }
      return { type: "draft", draft };
    }
    if (input.button.op === OPS.done) {
      if (draft.selected.length < (spec.min ?? 1))
        return { type: "invalid", reason: "engine.errors.too_few" };
      const ordered = spec.options.map((o) => o.value).filter((v) => draft.selected.includes(v));
      return { type: "value", value: { values: ordered, texts: draft.texts } };
    }
    return { type: "invalid", reason: TEXT_ERRORS.useButtons };
  },
  schema: (spec) =>
    z.object({
      values: z.array(z.enum(spec.options.map((o) => o.value) as [string, ...string[]])).min(spec.min ?? 1),
      texts: z.record(z.string(), z.string().min(1).max(300)),
    }),
  display: (spec, value) => {
    const { values, texts } = value as unknown as MultiValue;
    return {
      list: values.map((v) => {
        const option = spec.options.find((o) => o.value === v);
        const label: TextParam = option ? { key: option.label } : v;
        return texts[v] ? { key: "engine.format.with_text", params: { label, text: texts[v] } } : label;
      }),
    };
  },
  keys: (spec) => spec.options.map((o) => o.label),
};

const contact: AnswerKind<Spec<"contact">> = {
  buttons: (spec, ctx) => presetButtons(spec.presets, ctx),
  accept: (spec, input) => {
    const preset = acceptPreset(spec.presets, input);
    if (preset) return preset;
    const raw = input.type === "contact" ? input.phone : input.type === "text" ? cleanText(input.text) : null;
    if (raw === null) return { type: "invalid", reason: TEXT_ERRORS.useButtons };
    const phone = parsePhone(raw);
    return phone
      ? { type: "value", value: phone }
      : { type: "invalid", reason: "engine.errors.phone_invalid" };
  },
  schema: (spec) => presetSchema(spec.presets, z.string().regex(/^\+\d{10,15}$/)),
  display: (spec, value) => displayPreset(spec.presets, value) ?? jsonText(value),
  keys: (spec) => [...(spec.presets ?? []).map((p) => p.label), ...(spec.shareOwn ? [spec.shareOwn] : [])],
  requestContact: (spec) => (spec.shareOwn ? { key: spec.shareOwn } : undefined),
};

const YES_NO: ChoiceOption[] = [
  { value: "true", label: "engine.buttons.yes" },
  { value: "false", label: "engine.buttons.no" },
];

const yesno: AnswerKind<Spec<"yesno">> = {
  buttons: (_spec, ctx) =>
    columns(
      YES_NO.map((o, index) => ({
        text: { key: o.label },
        data: encodeButton(ctx.nonce, OPS.answer, ctx.stepId, String(index)),
      })),
      2,
    ),
  accept: (_spec, input, ctx) => {
    const picked = choice.accept({ kind: "choice", options: YES_NO }, input, ctx);
    return picked.type === "value" ? { type: "value", value: picked.value === "true" } : picked;
  },
  schema: () => z.boolean(),
  display: (_spec, value) => ({ key: value ? "engine.buttons.yes" : "engine.buttons.no" }),
  keys: () => [],
};

/** The calendar day `days` after `today` ("YYYY-MM-DD"). */
function plusDays(today: string, days: number): string {
  return DateTime.fromISO(today, { zone: "UTC" }).plus({ days }).toISODate()!;
}

/** Reads "25.12" as the 25th of December nearest to today (this year, the next or the last). */
function dayWithoutYear(typed: string, today: string): string | null {
  const match = /^(\d{1,2})[./](\d{1,2})$/.exec(typed);
  if (!match) return null;
  const base = DateTime.fromISO(today, { zone: "UTC" });
  const candidates = [base.year, base.year + 1, base.year - 1]
    .map((year) =>
      DateTime.fromObject({ year, month: Number(match[2]), day: Number(match[1]) }, { zone: "UTC" }),
    )
    .filter((d) => d.isValid)
    .sort((a, b) => Math.abs(a.diff(base).as("days")) - Math.abs(b.diff(base).as("days")));
  return candidates[0]?.toISODate() ?? null;
}

const day: AnswerKind<Spec<"day">> = {
  buttons: (spec, ctx) =>
    columns(
      (spec.relative ?? []).map((r, index) => ({
        text: { key: r.label },
        data: encodeButton(ctx.nonce, OPS.answer, ctx.stepId, String(index)),
      })),
      2,
    ),
  accept: (spec, input, ctx) => {
    const today = localDate(ctx.now, ctx.timeZone);
    const from = plusDays(today, -spec.pastDays);
    const to = plusDays(today, spec.futureDays);
    let value: string | null;
    if (input.type === "button" && input.button.op === OPS.answer) {
      const relative = spec.relative?.[Number(input.button.arg)];
      if (!relative) return { type: "invalid", reason: TEXT_ERRORS.useButtons };
      value = plusDays(today, relative.days);
    } else if (input.type === "text") {
      const typed = cleanText(input.text);
      const labelOf = ctx.labelsOf ?? (() => []);
      const relative = (spec.relative ?? []).find((r) =>
        labelOf(r.label).some((label) => label.toLocaleLowerCase() === typed.toLocaleLowerCase()),
      );
      value = relative ? plusDays(today, relative.days) : (parseDate(typed) ?? dayWithoutYear(typed, today));
      if (value === null)
        return {
          type: "invalid",
          reason: isImpossibleDate(typed) ? "engine.errors.no_such_date" : "engine.errors.day_unparseable",
        };
    } else {
      return { type: "invalid", reason: TEXT_ERRORS.useButtons };
    }
    if (value < from)
      return {
        type: "invalid",
        reason: spec.pastDays === 0 ? "engine.errors.day_past" : "engine.errors.date_too_old",
      };
    if (value > to)
      return {
        type: "invalid",
        reason: spec.futureDays === 0 ? "engine.errors.date_future" : "engine.errors.day_too_far",
      };
    return { type: "value", value };
  },
  schema: () => z.iso.date(),
  display: (_spec, value) => ({ date: jsonText(value) }),
  keys: (spec) => (spec.relative ?? []).map((r) => r.label),
};

/** Fewest rows of a group (default 1). */
export function groupMin(spec: GroupSpec): number {
  return spec.min ?? 1;
}

/** Most rows of a group (default 10). */
export function groupMax(spec: GroupSpec): number {
  return spec.max ?? 10;
}

/** Hidden fields of a group row (not questions): their names start with "$". */
export function isHiddenField(name: string): boolean {
  return name.startsWith("$");
}

/** The stored value's schema of one question of a group row: absent when not asked, null when skipped. */
function rowFieldSchema(step: StepDefinition): z.ZodType {
  const base = kindOf(step.answer).schema(step.answer);
  return (step.schema ? base.pipe(step.schema) : base).nullable().optional();
}

/** How one row of a group is shown: "N. answer, answer, …" (an item's label first). */
export function displayRow(spec: GroupSpec, row: Record<string, Json>, index: number): TextParam {
  const values: TextParam[] = spec.steps
    .filter((step) => row[step.id] !== undefined && row[step.id] !== null)
    .map((step) => kindOf(step.answer).display(step.answer, row[step.id]!));
  const label = typeof row.$label === "string" ? row.$label : undefined;
  return {
    key: label ? "engine.group.item_row" : "engine.group.row",
    params: { n: index + 1, values: { list: values }, ...(label ? { label } : {}) },
  };
}

const group: AnswerKind<GroupSpec> = {
  // The engine asks a group's questions itself (groups.ts); a group has no buttons of its own.
  buttons: () => [],
  accept: () => ({ type: "invalid", reason: TEXT_ERRORS.useButtons }),
  schema: (spec) => {
    const shape = Object.fromEntries(spec.steps.map((step) => [step.id, rowFieldSchema(step)]));
    const row = z
      .object(shape)
      .catchall(z.union([z.string(), z.number(), z.boolean(), z.null()]))
      .superRefine((value, ctx) => {
        for (const key of Object.keys(value))
          if (!(key in shape) && !isHiddenField(key))
            ctx.addIssue({ code: "custom", message: `unknown field ${key}` });
      });
    return z
      .array(row)
      .min(spec.each ? 0 : groupMin(spec))
      .max(spec.each ? 100 : groupMax(spec));
  },
  display: (spec, value) => ({
    key: "engine.group.display",
    params: {
      rows: { lines: (value as Record<string, Json>[]).map((row, index) => displayRow(spec, row, index)) },
    },
  }),
  // The row questions' keys are checked with the flow's names (validate.ts).
  keys: () => [],
};

const REGISTRY: { [K in AnswerSpec["kind"]]: AnswerKind<Spec<K>> } = {
  text,
  number,
  datetime,
  date,
  choice,
  multi,
  contact,
  yesno,
  day,
  group,
};

/** The kind handling `spec`. */
export function kindOf<S extends AnswerSpec>(spec: S): AnswerKind<S> {
  return REGISTRY[spec.kind] as unknown as AnswerKind<S>;
}

/** The option values a condition may test for this answer (undefined: any value). */
export function conditionValues(spec: AnswerSpec): string[] | undefined {
  if (spec.kind === "choice" || spec.kind === "multi") return spec.options.map((o) => o.value);
  if (spec.kind === "yesno") return ["true", "false"];
  return undefined;
}
