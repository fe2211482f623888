/**
 * Load-time validation of flow definitions. Every error names its place:
 * `flow new-signal: step category: condition refers to later step "location"`.
 */
import { z } from "zod";
import { encodeButton, MAX_CALLBACK_BYTES, NONCE_LENGTH, OPS } from "./buttons.ts";
import { labelKey, MAX_STEPS, promptKey } from "./engine.ts";
import { rowLabelKey, rowPromptKey, rowStepCode } from "./groups.ts";
import { conditionValues, groupMax, groupMin, kindOf } from "./kinds.ts";
import type { AnswerSpec, Condition, FlowDefinition, GroupSpec, PromptRef, StepDefinition } from "./types.ts";

/** Kinds a personal step may have: typed answers (and their preset buttons) that a form field takes. */
export const PERSONAL_KINDS: ReadonlySet<string> = new Set(["text", "date", "contact", "number"]);

const ID = /^[a-z][a-z0-9_-]*$/;
const MAX_ID_LENGTH = 32;

const optionSchema = z.object({
  value: z.string().min(1).max(40),
  label: z.string().min(1),
  withText: z.boolean().optional(),
  when: z.lazy(() => conditionSchema).optional(),
});
const presetSchema = z.object({ value: z.json(), label: z.string().min(1) });

const promptRefSchema = z.union([
  z.strictObject({ answer: z.string() }),
  z.strictObject({ param: z.string() }),
  z.strictObject({ item: z.string() }),
]);

/** One step (also a question of a group's row). */
const stepSchema: z.ZodType = z.lazy(() =>
  z.object({
    id: z.string().regex(ID).max(MAX_ID_LENGTH),
    prompt: z.string().min(1).optional(),
    label: z.string().min(1).optional(),
    hint: z.string().min(1).optional(),
    info: z.string().min(1).optional(),
    answer: answerSchema,
    schema: z.custom<z.ZodType>((v) => v instanceof z.ZodType, "must be a zod schema").optional(),
    when: conditionSchema.optional(),
    optional: z.boolean().optional(),
    personal: z.boolean().optional(),
    promptParams: z.record(z.string(), promptRefSchema).optional(),
  }),
);

const answerSchema: z.ZodType = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("text"),
    maxLength: z.number().int().positive().max(3500).optional(),
    minLength: z.number().int().positive().optional(),
    presets: z.array(presetSchema).optional(),
  }),
  z.object({
    kind: z.literal("number"),
    min: z.number(),
    max: z.number(),
    integer: z.boolean().optional(),
    presets: z.array(presetSchema).optional(),
  }),
  z.object({
    kind: z.literal("datetime"),
    maxAgeHours: z.number().positive(),
    relative: z.array(z.object({ minutesAgo: z.number().int().min(0), label: z.string().min(1) })).optional(),
    otherLabel: z.string().min(1).optional(),
    late: z.object({ afterMinutes: z.number().positive(), warning: z.string().min(1) }).optional(),
    future: z.object({ maxDays: z.number().int().positive() }).optional(),
  }),
  z.object({
    kind: z.literal("date"),
    maxYearsAgo: z.number().int().positive(),
    minYearsAgo: z.number().int().min(0).optional(),
    age: z.object({ min: z.number().int().min(0), max: z.number().int().positive() }).optional(),
    presets: z.array(presetSchema).optional(),
  }),
  z.object({
    kind: z.literal("choice"),
    options: z.array(optionSchema).min(1).max(20),
    columns: z.number().int().min(1).max(4).optional(),
  }),
  z.object({
    kind: z.literal("multi"),
    options: z.array(optionSchema).min(1).max(20),
    min: z.number().int().min(0).optional(),
    max: z.number().int().positive().optional(),
    columns: z.number().int().min(1).max(4).optional(),
  }),
  z.object({
    kind: z.literal("contact"),
    presets: z.array(presetSchema).optional(),
    shareOwn: z.string().min(1).optional(),
  }),
  z.object({ kind: z.literal("yesno") }),
  z.object({
    kind: z.literal("day"),
    pastDays: z.number().int().min(0).max(36_500),
    futureDays: z.number().int().min(0).max(3_650),
    relative: z.array(z.object({ days: z.number().int(), label: z.string().min(1) })).optional(),
  }),
  z.object({
    kind: z.literal("group"),
    steps: z.array(stepSchema).min(1).max(10),
    min: z.number().int().min(0).optional(),
    max: z.number().int().positive().max(20).optional(),
    each: z.object({ param: z.string().min(1) }).optional(),
    rowTitle: z.string().min(1).optional(),
  }),
]);

const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ step: z.string(), in: z.array(z.string()).min(1) }).strict(),
    z.object({ step: z.string(), answered: z.boolean() }).strict(),
    z.object({ all: z.array(conditionSchema).min(1) }).strict(),
    z.object({ any: z.array(conditionSchema).min(1) }).strict(),
    z.object({ not: conditionSchema }).strict(),
  ]),
);

const flowSchema = z.object({
  id: z.string().regex(ID).max(MAX_ID_LENGTH),
  version: z.number().int().positive(),
  steps: z.array(stepSchema).min(1).max(MAX_STEPS),
  summary: z
    .object({ prompt: z.string().min(1).optional(), submitLabel: z.string().min(1).optional() })
    .optional(),
  migrations: z.record(z.string(), z.function()).optional(),
  earlySubmit: z.object({ after: z.array(z.string()).min(1), label: z.string().min(1) }).optional(),
});

/** Thrown by {@link assertValidFlow}; `problems` holds every message, the first is the `message`. */
export class FlowDefinitionError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "FlowDefinitionError";
  }
}

/** Tells whether an i18n key exists in a locale (supplied by src/platform/i18n so this file stays pure). */
export type KeyCheck = { locales: readonly string[]; exists: (locale: string, key: string) => boolean };

function conditionProblems(
  condition: Condition,
  earlier: Map<string, StepDefinition>,
  all: Set<string>,
): string[] {
  if ("all" in condition) return condition.all.flatMap((c) => conditionProblems(c, earlier, all));
  if ("any" in condition) return condition.any.flatMap((c) => conditionProblems(c, earlier, all));
  if ("not" in condition) return conditionProblems(condition.not, earlier, all);
  const target = earlier.get(condition.step);
  if (!target) {
    return [
      all.has(condition.step)
        ? `condition refers to later step "${condition.step}"`
        : `condition refers to unknown step "${condition.step}"`,
    ];
  }
  if (!("in" in condition)) return [];
  const allowed = conditionValues(target.answer);
  if (!allowed) return [`condition tests values of step "${condition.step}", which has no fixed options`];
  return condition.in
    .filter((v) => !allowed.includes(v))
    .map((v) => `condition value "${v}" is not an option of step "${condition.step}"`);
}

/** i18n keys a step uses. */
function stepKeys(flow: FlowDefinition, step: StepDefinition): string[] {
  return [
    promptKey(flow, step),
    labelKey(flow, step),
    ...(step.hint ? [step.hint] : []),
    ...(step.info ? [step.info] : []),
    ...kindOf(step.answer).keys(step.answer),
  ];
}

/** Problems of a step's prompt references: answers of earlier steps only, items only inside an `each` group. */
function promptRefProblems(
  refs: Record<string, PromptRef> | undefined,
  earlier: ReadonlyMap<string, unknown>,
  inEachGroup: boolean,
): string[] {
  return Object.entries(refs ?? {}).flatMap(([name, ref]) => {
    if ("answer" in ref && !earlier.has(ref.answer))
      return [`prompt parameter "${name}" refers to step "${ref.answer}", which is not an earlier step`];
    if ("item" in ref && !inEachGroup)
      return [`prompt parameter "${name}" refers to an item outside an "each" group`];
    return [];
  });
}

/** Problems of the answer kinds' own settings. */
function answerProblems(answer: AnswerSpec): string[] {
  const problems: string[] = [];
  if ("options" in answer) {
    const values = answer.options.map((o) => o.value);
    const dup = values.find((v, i) => values.indexOf(v) !== i);
    if (dup) problems.push(`duplicate option value "${dup}"`);
  }
  if (answer.kind === "number" && answer.min > answer.max) problems.push("min is greater than max");
  if (answer.kind === "day") {
    for (const r of answer.relative ?? [])
      if (r.days < -answer.pastDays || r.days > answer.futureDays)
        problems.push(`relative day ${r.days} is outside the accepted days`);
  }
  return problems;
}

/** Problems of a repeating group at `group` (its questions are checked like steps, in their own scope). */
function groupProblems(
  flow: FlowDefinition,
  group: StepDefinition,
  spec: GroupSpec,
  earlier: Map<string, StepDefinition>,
  all: Set<string>,
  keyCheck: KeyCheck | undefined,
): string[] {
  const problems: string[] = [];
  if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max)
    problems.push("group min is greater than max");
  if (spec.each && spec.min !== undefined) problems.push('an "each" group has one row per item: no min');
  const rows = spec.each ? 100 : groupMax(spec);
  if (groupMin(spec) > rows) problems.push("group min is greater than max");
  const menu = encodeButton(
    "x".repeat(NONCE_LENGTH),
    OPS.groupField,
    group.id,
    `${rows - 1}.${spec.steps.length - 1}`,
  );
  if (Buffer.byteLength(menu) > MAX_CALLBACK_BYTES)
    problems.push(`button data would exceed ${MAX_CALLBACK_BYTES} bytes`);
  const keys = keyCheck ? [...(spec.rowTitle ? [spec.rowTitle] : [])] : [];
  const scope = new Map(earlier);
  const rowIds = new Set<string>();
  spec.steps.forEach((step, index) => {
    const at = (message: string) => problems.push(`question ${step.id}: ${message}`);
    if (rowIds.has(step.id)) at("duplicate question id");
    if (all.has(step.id)) at("question id is also a step id of the flow");
    if (step.answer.kind === "group") at("a group cannot hold another group");
    if (step.answer.kind === "contact") at("a group cannot ask for a contact");
    if (step.personal) at("a group's question cannot be personal (mark the group's step instead)");
    if (step.when)
      conditionProblems(step.when, scope, new Set([...all, ...spec.steps.map((s) => s.id)])).forEach(at);
    answerProblems(step.answer).forEach(at);
    promptRefProblems(step.promptParams, scope, spec.each !== undefined).forEach(at);
    const longest = encodeButton(
      "x".repeat(NONCE_LENGTH),
      OPS.answer,
      rowStepCode(group, rows - 1, index),
      "99",
    );
    if (Buffer.byteLength(longest) > MAX_CALLBACK_BYTES)
      at(`button data would exceed ${MAX_CALLBACK_BYTES} bytes`);
    if (keyCheck) {
      const own = [
        rowPromptKey(flow, group, step),
        rowLabelKey(flow, group, step),
        ...(step.hint ? [step.hint] : []),
        ...kindOf(step.answer).keys(step.answer),
      ];
      for (const key of own)
        for (const locale of keyCheck.locales)
          if (!keyCheck.exists(locale, key)) at(`missing i18n key "${key}" in ${locale}`);
    }
    rowIds.add(step.id);
    scope.set(step.id, step);
  });
  for (const key of keys)
    for (const locale of keyCheck!.locales)
      if (!keyCheck!.exists(locale, key)) problems.push(`missing i18n key "${key}" in ${locale}`);
  return problems;
}

/** Every problem of a definition, each prefixed with its place; empty when valid. */
export function flowProblems(flow: FlowDefinition, keyCheck?: KeyCheck): string[] {
  const name = typeof flow?.id === "string" ? flow.id : "?";
  const parsed = flowSchema.safeParse(flow);
  if (!parsed.success) {
    return parsed.error.issues.map(
      (issue) => `flow ${name}: ${issue.path.join(".") || "definition"}: ${issue.message}`,
    );
  }
  const problems: string[] = [];
  const all = new Set(flow.steps.map((s) => s.id));
  const earlier = new Map<string, StepDefinition>();
  for (const step of flow.steps) {
    const at = (message: string) => problems.push(`flow ${flow.id}: step ${step.id}: ${message}`);
    if (earlier.has(step.id)) at("duplicate step id");
    if (step.when) conditionProblems(step.when, earlier, all).forEach(at);
    if (step.answer.kind === "choice")
      for (const option of step.answer.options)
        if (option.when) conditionProblems(option.when, earlier, all).forEach(at);
    answerProblems(step.answer).forEach(at);
    promptRefProblems(step.promptParams, earlier, false).forEach(at);
    if (step.personal && !PERSONAL_KINDS.has(step.answer.kind))
      at(`a personal step is answered in a form: its kind must be one of ${[...PERSONAL_KINDS].join(", ")}`);
    if (step.answer.kind === "group")
      groupProblems(flow, step, step.answer, earlier, all, keyCheck).forEach(at);
    const longest = encodeButton("x".repeat(NONCE_LENGTH), OPS.answer, step.id, "99");
    if (Buffer.byteLength(longest) > MAX_CALLBACK_BYTES)
      at(`button data would exceed ${MAX_CALLBACK_BYTES} bytes`);
    for (const key of keyCheck ? stepKeys(flow, step) : []) {
      for (const locale of keyCheck!.locales)
        if (!keyCheck!.exists(locale, key)) at(`missing i18n key "${key}" in ${locale}`);
    }
    earlier.set(step.id, step);
  }
  for (const id of flow.earlySubmit?.after ?? [])
    if (!all.has(id)) problems.push(`flow ${flow.id}: earlySubmit: unknown step "${id}"`);
  if (flow.earlySubmit && keyCheck)
    for (const locale of keyCheck.locales)
      if (!keyCheck.exists(locale, flow.earlySubmit.label))
        problems.push(`flow ${flow.id}: missing i18n key "${flow.earlySubmit.label}" in ${locale}`);
  return problems;
}

/** Throws {@link FlowDefinitionError} when the definition has problems. */
export function assertValidFlow(flow: FlowDefinition, keyCheck?: KeyCheck): FlowDefinition {
  const problems = flowProblems(flow, keyCheck);
  if (problems.length > 0) throw new FlowDefinitionError(problems);
  return flow;
}
