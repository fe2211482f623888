/**
 * The flow engine: `(definition, state, input) → (new state, events)`. Pure — no I/O, no
 * clock, no messenger types. `src/chat` stores the state and applies the events.
 *
 * The next question is always the first applicable step without an answer, so "back",
 * "edit from the summary" and branches need no extra bookkeeping: changing an answer that
 * a later step's condition depends on drops the answers that no longer apply and asks
 * the newly applicable questions.
 */
import type { z } from "zod";
import { DateTime } from "luxon";
import { decodeButton, encodeButton, OPS, type ButtonData } from "./buttons.ts";
import { cleanText } from "./input.ts";
import { currentGroupMessage, enterGroup, resumeGroup } from "./groups.ts";
import { kindOf, type Acceptance, type KindContext, type KindInput } from "./kinds.ts";
import {
  ENGINE_VERSION,
  jsonText,
  type ChoiceOption,
  type Condition,
  type EngineButton,
  type EngineContext,
  type EngineEvent,
  type EngineInput,
  type EngineMessage,
  type FlowDefinition,
  type FormAnswer,
  type Json,
  type PromptRef,
  type SessionState,
  type StepDefinition,
  type Text,
  type TextParam,
  type Turn,
} from "./types.ts";

/** Where the session is when the summary is shown. */
export const AT_SUMMARY = "$summary";
/** Where the session is while the user picks an answer to edit. */
export const AT_EDIT = "$edit";

/** The longest flow the engine accepts; also bounds the work of one turn. */
export const MAX_STEPS = 100;

/** i18n key of a step's question. */
export function promptKey(flow: FlowDefinition, step: StepDefinition): string {
  return step.prompt ?? `flows.${flow.id}.${step.id}.prompt`;
}

/** i18n key of a step's short label (summary, journals, exports). */
export function labelKey(flow: FlowDefinition, step: StepDefinition): string {
  return step.label ?? `flows.${flow.id}.${step.id}.label`;
}

/** Whether a condition holds for the answers so far. */
export function holds(condition: Condition, answers: Record<string, Json>): boolean {
  if ("all" in condition) return condition.all.every((c) => holds(c, answers));
  if ("any" in condition) return condition.any.some((c) => holds(c, answers));
  if ("not" in condition) return !holds(condition.not, answers);
  const value = answers[condition.step];
  const answered = value !== undefined && value !== null;
  if ("answered" in condition) return answered === condition.answered;
  if (!answered) return false;
  const values = typeof value === "object" && !Array.isArray(value) ? (value.values as Json[]) : [value];
  return values.some((v) => condition.in.includes(jsonText(v)));
}

/** The steps that apply to these answers, in order (a step's condition sees only earlier answers). */
export function applicableSteps(flow: FlowDefinition, answers: Record<string, Json>): StepDefinition[] {
  const seen: Record<string, Json> = {};
  const steps: StepDefinition[] = [];
  for (const step of flow.steps) {
    if (step.when && !holds(step.when, seen)) continue;
    steps.push(step);
    if (step.id in answers) seen[step.id] = answers[step.id]!;
  }
  return steps;
}

/** Drops answers of steps that no longer apply. */
function pruned(flow: FlowDefinition, answers: Record<string, Json>): Record<string, Json> {
  const kept: Record<string, Json> = {};
  for (const step of applicableSteps(flow, answers)) {
    if (!(step.id in answers)) continue;
    // A choice whose option is no longer offered (an earlier answer changed) is asked again.
    const value = answers[step.id]!;
    const option =
      step.answer.kind === "choice" ? step.answer.options.find((o) => o.value === value) : undefined;
    if (option?.when && !holds(option.when, kept)) continue;
    kept[step.id] = value;
  }
  return kept;
}

/** Whether a choice option is offered for these answers. */
function offeredFor(answers: Record<string, Json>): (option: ChoiceOption) => boolean {
  return (option) => !option.when || holds(option.when, answers);
}

/** How an answer is shown in the summary and in echoes. */
export function displayAnswer(
  step: StepDefinition,
  value: Json | undefined,
  ctx?: Pick<EngineContext, "now" | "timeZone">,
): TextParam {
  if (value === undefined || value === null) return { key: "engine.summary.skipped" };
  const shown = kindOf(step.answer).display(step.answer, value);
  // A moment typed as a bare time that fell on yesterday says so ("30.11, 23:27 (вчера)").
  if (ctx && step.answer.kind === "datetime" && typeof value === "string") {
    const day = DateTime.fromISO(value, { zone: ctx.timeZone }).toISODate();
    const yesterday = DateTime.fromJSDate(ctx.now, { zone: ctx.timeZone }).minus({ days: 1 }).toISODate();
    if (day === yesterday) return { key: "engine.format.yesterday", params: { at: shown } };
  }
  return shown;
}

/**
 * Summary lines (label + shown value) of the applicable answered steps; with `hidePersonal`, a
 * personal step's answer shows as "filled in the form" (it never travels through the chat).
 */
export function summaryLines(
  flow: FlowDefinition,
  answers: Record<string, Json>,
  ctx?: Pick<EngineContext, "now" | "timeZone">,
  hidePersonal = false,
): Text[] {
  return applicableSteps(flow, answers)
    .filter((step) => step.id in answers)
    .map((step) => ({
      key: "engine.summary.line",
      params: {
        label: { key: labelKey(flow, step) },
        value:
          hidePersonal && step.personal
            ? { key: "engine.form.filled" }
            : displayAnswer(step, answers[step.id], ctx),
      },
    }));
}

/** Whether a step is answered in the secure form in this context. */
export function inForm(
  step: StepDefinition | undefined,
  ctx: Pick<EngineContext, "personalByForm">,
): boolean {
  return step?.personal === true && ctx.personalByForm === true;
}

/**
 * The personal steps the secure form asks when the session waits at a personal step: that step
 * and the applicable personal steps right after it. Empty when the session is elsewhere.
 */
export function formSteps(flow: FlowDefinition, state: SessionState): StepDefinition[] {
  if (state.status !== "waiting" || state.group) return [];
  const steps = applicableSteps(flow, state.answers);
  const start = steps.findIndex((s) => s.id === state.at);
  if (start === -1 || !steps[start]!.personal) return [];
  const block: StepDefinition[] = [];
  for (const step of steps.slice(start)) {
    if (!step.personal) break;
    block.push(step);
  }
  return block;
}

function stepById(flow: FlowDefinition, id: string | null): StepDefinition | undefined {
  return flow.steps.find((s) => s.id === id);
}

/** Where a prompt's references are looked up besides the session: a group row and its item. */
export interface PromptScope {
  /** The answers of the group row being asked (looked up before the session's answers). */
  row?: Record<string, Json>;
  /** The row's questions. */
  steps?: StepDefinition[];
  /** The item an `each` group's row is about. */
  item?: Record<string, Json> | undefined;
}

function refValue(flow: FlowDefinition, state: SessionState, ref: PromptRef, scope: PromptScope): TextParam {
  const skipped: TextParam = { key: "engine.summary.skipped" };
  if ("answer" in ref) {
    const inRow = scope.steps?.find((s) => s.id === ref.answer);
    if (inRow && scope.row && ref.answer in scope.row) return displayAnswer(inRow, scope.row[ref.answer]);
    const step = stepById(flow, ref.answer);
    return step && ref.answer in state.answers ? displayAnswer(step, state.answers[ref.answer]) : skipped;
  }
  const value = "param" in ref ? state.params[ref.param] : scope.item?.[ref.item];
  if (value === undefined || value === null) return skipped;
  return typeof value === "number" ? value : jsonText(value);
}

/** The parameters of a step's prompt ({@link StepDefinition.promptParams}), or undefined when it has none. */
export function promptParams(
  flow: FlowDefinition,
  state: SessionState,
  step: StepDefinition,
  scope: PromptScope = {},
): Record<string, TextParam> | undefined {
  if (!step.promptParams) return undefined;
  return Object.fromEntries(
    Object.entries(step.promptParams).map(([name, ref]) => [name, refValue(flow, state, ref, scope)]),
  );
}

/** A step's prompt with its parameters. */
function promptText(flow: FlowDefinition, state: SessionState, step: StepDefinition): Text {
  const params = promptParams(flow, state, step);
  return params ? { key: promptKey(flow, step), params } : { key: promptKey(flow, step) };
}

function button(state: SessionState, text: Text, op: ButtonData["op"], step = "", arg = ""): EngineButton {
  return { text, data: encodeButton(state.nonce, op, step, arg) };
}

function kindContext(state: SessionState, step: StepDefinition, ctx: EngineContext): KindContext {
  return {
    now: ctx.now,
    timeZone: ctx.timeZone,
    nonce: state.nonce,
    stepId: step.id,
    draft: state.draft,
    offered: offeredFor(state.answers),
    ...(ctx.labelsOf ? { labelsOf: ctx.labelsOf } : {}),
  };
}

/** Warnings of answered moments that are late by now (see the datetime kind's `late`). */
function lateWarnings(flow: FlowDefinition, state: SessionState, ctx: EngineContext | undefined): Text[] {
  if (!ctx) return [];
  return applicableSteps(flow, state.answers).flatMap((step) => {
    const value = state.answers[step.id];
    if (step.answer.kind !== "datetime" || !step.answer.late || typeof value !== "string") return [];
    const minutes = (ctx.now.getTime() - new Date(value).getTime()) / 60_000;
    return minutes > step.answer.late.afterMinutes ? [{ key: step.answer.late.warning }] : [];
  });
}

/** Whether the person may send now, before the remaining questions (see FlowDefinition.earlySubmit). */
function earlyOffered(flow: FlowDefinition, state: SessionState): boolean {
  return (
    !!flow.earlySubmit &&
    state.params.$early !== true &&
    flow.earlySubmit.after.every((id) => id in state.answers)
  );
}

/** After sending early, the answers that were sent are not changed by going back. */
function lockedAfterEarly(
  flow: FlowDefinition,
  state: SessionState,
  step: StepDefinition | undefined,
): boolean {
  return state.params.$early === true && !!step && !!flow.earlySubmit?.after.includes(step.id);
}

function questionMessage(
  flow: FlowDefinition,
  state: SessionState,
  step: StepDefinition,
  ctx: EngineContext,
  options: { replace?: boolean; lead?: Text } = {},
): EngineMessage {
  if (inForm(step, ctx)) return formMessage(flow, state, step, options);
  const texts: Text[] = options.lead ? [options.lead] : [];
  texts.push(promptText(flow, state, step));
  if (step.hint) texts.push({ key: step.hint });
  const answered = step.id in state.answers;
  if (answered) {
    texts.push({
      key: "engine.current_answer",
      params: { value: displayAnswer(step, state.answers[step.id], ctx) },
    });
  }
  const kind = kindOf(step.answer);
  const nav: EngineButton[] = [];
  if (step.info) nav.push(button(state, { key: "engine.buttons.info" }, OPS.info, step.id));
  const steps = applicableSteps(flow, state.answers);
  const previous = steps[steps.findIndex((s) => s.id === step.id) - 1];
  if (steps[0]?.id !== step.id && !lockedAfterEarly(flow, state, previous))
    nav.push(button(state, { key: "engine.buttons.back" }, OPS.back, step.id));
  if (step.optional) nav.push(button(state, { key: "engine.buttons.skip" }, OPS.skip, step.id));
  nav.push(button(state, { key: "engine.buttons.cancel" }, OPS.cancel, step.id));
  const extra: EngineButton[][] = [];
  // Changing an answer: leaving it as it was is one tap.
  if (answered) extra.push([button(state, { key: "engine.buttons.keep" }, OPS.keep, step.id)]);
  if (earlyOffered(flow, state) && flow.earlySubmit) {
    extra.push([button(state, { key: flow.earlySubmit.label }, OPS.early, step.id)]);
    texts.push(...lateWarnings(flow, state, ctx));
  }
  const message: EngineMessage = {
    texts,
    buttons: [...kind.buttons(step.answer, kindContext(state, step, ctx)), ...extra, nav],
    isPrompt: true,
  };
  const requestContact = kind.requestContact?.(step.answer);
  if (requestContact) message.requestContact = requestContact;
  if (options.replace) message.replace = true;
  return message;
}

/**
 * The chat's side of personal steps in the secure form: which answers the form asks (labels
 * only) and the way back or out; the runtime adds the button that opens the form.
 */
function formMessage(
  flow: FlowDefinition,
  state: SessionState,
  step: StepDefinition,
  options: { replace?: boolean; lead?: Text },
): EngineMessage {
  const block = formSteps(flow, { ...state, at: step.id });
  const steps = block.length > 0 ? block : [step];
  const texts: Text[] = options.lead ? [options.lead] : [];
  texts.push({
    key: "engine.form.prompt",
    params: { fields: { lines: steps.map((s) => ({ key: labelKey(flow, s) })) } },
  });
  const nav: EngineButton[] = [];
  if (applicableSteps(flow, state.answers)[0]?.id !== step.id)
    nav.push(button(state, { key: "engine.buttons.back" }, OPS.back, step.id));
  nav.push(button(state, { key: "engine.buttons.cancel" }, OPS.cancel, step.id));
  return {
    texts,
    buttons: [nav],
    form: { steps: steps.map((s) => s.id) },
    isPrompt: true,
    ...(options.replace ? { replace: true } : {}),
  };
}

function summaryMessage(
  flow: FlowDefinition,
  state: SessionState,
  replace: boolean,
  lead?: Text,
  ctx?: EngineContext,
): EngineMessage {
  const texts: Text[] = lead ? [lead] : [];
  texts.push(
    { key: flow.summary?.prompt ?? "engine.summary.title" },
    ...summaryLines(flow, state.answers, ctx, ctx?.personalByForm === true),
    ...lateWarnings(flow, state, ctx),
  );
  return {
    texts,
    buttons: [
      [button(state, { key: flow.summary?.submitLabel ?? "engine.buttons.submit" }, OPS.submit)],
      [button(state, { key: "engine.buttons.edit" }, OPS.editMenu)],
      [button(state, { key: "engine.buttons.cancel" }, OPS.cancel)],
    ],
    isPrompt: true,
    ...(replace ? { replace } : {}),
  };
}

function editMenuMessage(flow: FlowDefinition, state: SessionState): EngineMessage {
  const choices = applicableSteps(flow, state.answers)
    .filter((step) => step.id in state.answers)
    .map((step) => button(state, { key: labelKey(flow, step) }, OPS.edit, step.id));
  const rows: EngineButton[][] = [];
  for (let i = 0; i < choices.length; i += 2) rows.push(choices.slice(i, i + 2));
  return {
    texts: [{ key: "engine.summary.choose_edit" }],
    buttons: [...rows, [button(state, { key: "engine.buttons.back" }, OPS.summary)]],
    isPrompt: true,
    replace: true,
  };
}

/** The message showing where the session is now (the question, the summary or the edit menu). */
function currentMessage(
  flow: FlowDefinition,
  state: SessionState,
  ctx: EngineContext,
  options: { replace?: boolean; lead?: Text } = {},
): EngineMessage {
  if (state.at === AT_SUMMARY)
    return summaryMessage(flow, state, options.replace ?? false, options.lead, ctx);
  if (state.at === AT_EDIT) return editMenuMessage(flow, state);
  if (state.group) return currentGroupMessage(flow, state, ctx, options);
  const step = stepById(flow, state.at);
  if (!step) throw new Error(`flow ${flow.id}: session is at unknown step "${state.at}"`);
  return questionMessage(flow, state, step, ctx, options);
}

/** Moves to the first applicable unanswered step, or the summary, or completes. */
export function advance(
  flow: FlowDefinition,
  state: SessionState,
  ctx: EngineContext,
  replace: boolean,
): Turn {
  const answers = pruned(flow, state.answers);
  const next = applicableSteps(flow, answers).find((step) => !(step.id in answers));
  const base = { ...state, answers, draft: undefined, group: undefined };
  if (next?.answer.kind === "group") return enterGroup(flow, base, next, ctx, replace);
  if (next) {
    const moved = { ...base, at: next.id };
    return {
      state: moved,
      events: [{ type: "message", message: questionMessage(flow, moved, next, ctx, { replace }) }],
    };
  }
  if (flow.summary && base.params.$early !== true) {
    const moved = { ...base, at: AT_SUMMARY };
    return {
      state: moved,
      events: [{ type: "message", message: summaryMessage(flow, moved, replace, undefined, ctx) }],
    };
  }
  return complete(flow, base);
}

function complete(flow: FlowDefinition, state: SessionState): Turn {
  const done: SessionState = { ...state, status: "completed", at: null, draft: undefined };
  return {
    state: done,
    events: [{ type: "completed", flowId: flow.id, answers: done.answers, params: done.params }],
  };
}

export function cancel(state: SessionState, replace: boolean): Turn {
  return {
    state: { ...state, status: "cancelled", at: null, draft: undefined },
    events: [
      { type: "cancelled" },
      { type: "message", message: { texts: [{ key: "engine.cancelled" }], ...(replace ? { replace } : {}) } },
    ],
  };
}

function notice(flow: FlowDefinition, state: SessionState, ctx: EngineContext, text: Text): Turn {
  return { state, events: [{ type: "message", message: currentMessage(flow, state, ctx, { lead: text }) }] };
}

export function goBack(
  flow: FlowDefinition,
  state: SessionState,
  ctx: EngineContext,
  replace: boolean,
): Turn {
  if (state.at === AT_EDIT)
    return {
      state: { ...state, at: AT_SUMMARY },
      events: [
        {
          type: "message",
          message: summaryMessage(flow, { ...state, at: AT_SUMMARY }, replace, undefined, ctx),
        },
      ],
    };
  const steps = applicableSteps(flow, state.answers);
  const index = state.at === AT_SUMMARY ? steps.length : steps.findIndex((s) => s.id === state.at);
  const previous = steps[index - 1];
  if (!previous || lockedAfterEarly(flow, state, previous))
    return notice(flow, state, ctx, { key: "engine.errors.nothing_back" });
  if (previous.answer.kind === "group")
    return enterGroup(flow, { ...state, group: undefined }, previous, ctx, replace);
  const moved = { ...state, at: previous.id, draft: undefined, group: undefined };
  return {
    state: moved,
    events: [{ type: "message", message: questionMessage(flow, moved, previous, ctx, { replace }) }],
  };
}

/** Turns a failed zod check's message into an i18n key (messages in flows are keys). */
function reasonOf(message: string | undefined): string {
  return message && /^[a-z][\w-]*(\.[\w-]+)+$/.test(message) ? message : "engine.errors.invalid";
}

/** Building a zod schema costs far more than using it: one per step definition, built once. */
const schemas = new WeakMap<StepDefinition["answer"], z.ZodType>();

function storedSchema(step: StepDefinition): z.ZodType {
  let schema = schemas.get(step.answer);
  if (!schema) schemas.set(step.answer, (schema = kindOf(step.answer).schema(step.answer)));
  return schema;
}

/** Checks a parsed value against the kind's schema and the step's own. */
export function validate(
  step: StepDefinition,
  value: Json,
): { ok: true; value: Json } | { ok: false; reason: string } {
  if (value === null)
    return step.optional ? { ok: true, value } : { ok: false, reason: "engine.errors.empty" };
  const base = storedSchema(step).safeParse(value);
  if (!base.success) return { ok: false, reason: reasonOf(base.error.issues[0]?.message) };
  if (!step.schema) return { ok: true, value };
  const refined = step.schema.safeParse(value);
  if (!refined.success) return { ok: false, reason: reasonOf(refined.error.issues[0]?.message) };
  return { ok: true, value: refined.data as Json };
}

/**
 * Whether a typed answer is echoed: always, except a free text stored exactly as typed (echoing
 * it back would only repeat it). A contact question echoes when its keyboard closes.
 */
function echoesTyped(step: StepDefinition, value: Json, typed: string | undefined): boolean {
  if (kindOf(step.answer).requestContact?.(step.answer)) return false;
  if (step.answer.kind !== "text") return true;
  return typed === undefined || typeof value !== "string" || value !== cleanText(typed);
}

function applyAcceptance(
  flow: FlowDefinition,
  state: SessionState,
  step: StepDefinition,
  acceptance: Acceptance,
  ctx: EngineContext,
  viaButton: boolean,
  typed?: string,
): Turn {
  switch (acceptance.type) {
    case "notice":
      return { state, events: [{ type: "message", message: { texts: [acceptance.text] } }] };
    case "draft": {
      const drafted = { ...state, draft: acceptance.draft };
      if (acceptance.askText) {
        const cancelRow = [button(drafted, { key: "engine.buttons.cancel" }, OPS.cancel, step.id)];
        return {
          state: drafted,
          events: [
            {
              type: "message",
              message: { texts: [acceptance.askText], buttons: [cancelRow], isPrompt: true },
            },
          ],
        };
      }
      return {
        state: drafted,
        events: [
          { type: "message", message: questionMessage(flow, drafted, step, ctx, { replace: viaButton }) },
        ],
      };
    }
    case "invalid":
      return invalid(flow, state, step, acceptance.reason, ctx);
    case "value": {
      const checked = validate(step, acceptance.value);
      if (!checked.ok) return invalid(flow, state, step, checked.reason, ctx);
      const answered = { ...state, answers: { ...state.answers, [step.id]: checked.value } };
      const events: EngineEvent[] = [{ type: "answered", stepId: step.id, value: checked.value }];
      const echo: Text = {
        key: "engine.answer_echo",
        params: { value: displayAnswer(step, checked.value, ctx) },
      };
      if (viaButton) {
        events.push({
          type: "message",
          message: { texts: [promptText(flow, state, step), echo], replace: true },
        });
      } else if (echoesTyped(step, checked.value, typed)) {
        // A typed answer is echoed as it was understood, as a pressed button is.
        events.push({ type: "message", message: { texts: [echo] } });
      }
      const next = advance(flow, answered, ctx, false);
      return { state: next.state, events: [...events, ...next.events] };
    }
  }
}

function invalid(
  flow: FlowDefinition,
  state: SessionState,
  step: StepDefinition,
  reason: string,
  ctx: EngineContext,
): Turn {
  const awaiting = state.draft?.awaitingText;
  const option =
    awaiting && "options" in step.answer ? step.answer.options.find((o) => o.value === awaiting) : undefined;
  if (option) {
    // Still waiting for the text of an "other" option: ask for that text again.
    const ask: Text = { key: "engine.hints.other_text", params: { label: { key: option.label } } };
    const cancelRow = [button(state, { key: "engine.buttons.cancel" }, OPS.cancel, step.id)];
    const message: EngineMessage = { texts: [{ key: reason }, ask], buttons: [cancelRow], isPrompt: true };
    return {
      state,
      events: [
        { type: "invalid", stepId: step.id, reason },
        { type: "message", message },
      ],
    };
  }
  const message = questionMessage(flow, state, step, ctx, { lead: { key: reason } });
  return {
    state,
    events: [
      { type: "invalid", stepId: step.id, reason },
      { type: "message", message },
    ],
  };
}

function onButton(flow: FlowDefinition, state: SessionState, data: string, ctx: EngineContext): Turn {
  const pressed = decodeButton(data);
  if (!pressed || pressed.nonce !== state.nonce)
    return notice(flow, state, ctx, { key: "engine.stale_button" });
  switch (pressed.op) {
    case OPS.cancel:
      // Cancelling a whole filled-in dialogue from its summary is asked again first.
      if (state.at === AT_SUMMARY && pressed.arg !== "y")
        return {
          state,
          events: [
            {
              type: "message",
              message: {
                texts: [{ key: "engine.summary.cancel_question" }],
                buttons: [
                  [
                    button(state, { key: "engine.buttons.cancel_confirm" }, OPS.cancel, "", "y"),
                    button(state, { key: "engine.buttons.cancel_keep" }, OPS.summary),
                  ],
                ],
                isPrompt: true,
                replace: true,
              },
            },
          ],
        };
      return cancel(state, true);
    case OPS.back:
      return goBack(flow, state, ctx, true);
    case OPS.submit:
      return state.at === AT_SUMMARY
        ? complete(flow, state)
        : notice(flow, state, ctx, { key: "engine.stale_button" });
    case OPS.editMenu: {
      if (state.at !== AT_SUMMARY) return notice(flow, state, ctx, { key: "engine.stale_button" });
      const editing = { ...state, at: AT_EDIT };
      return { state: editing, events: [{ type: "message", message: editMenuMessage(flow, editing) }] };
    }
    case OPS.summary: {
      if (state.at !== AT_EDIT && state.at !== AT_SUMMARY)
        return notice(flow, state, ctx, { key: "engine.stale_button" });
      const back = { ...state, at: AT_SUMMARY };
      return {
        state: back,
        events: [{ type: "message", message: summaryMessage(flow, back, true, undefined, ctx) }],
      };
    }
    case OPS.edit: {
      const target = applicableSteps(flow, state.answers).find((s) => s.id === pressed.step);
      if (state.at !== AT_EDIT || !target) return notice(flow, state, ctx, { key: "engine.stale_button" });
      if (target.answer.kind === "group") return enterGroup(flow, state, target, ctx, true);
      const editing = { ...state, at: target.id };
      return {
        state: editing,
        events: [
          { type: "message", message: questionMessage(flow, editing, target, ctx, { replace: true }) },
        ],
      };
    }
    default:
      break;
  }
  const step = stepById(flow, state.at);
  if (!step || pressed.step !== step.id) return notice(flow, state, ctx, { key: "engine.stale_button" });
  // A form step's answers come from the form only (an old question's button is stale).
  if (inForm(step, ctx) && pressed.op !== OPS.info)
    return notice(flow, state, ctx, { key: "engine.stale_button" });
  if (pressed.op === OPS.info) {
    // The explanation leads the same question again; the answer and any draft are kept.
    if (!step.info) return notice(flow, state, ctx, { key: "engine.stale_button" });
    return notice(flow, state, ctx, { key: step.info });
  }
  if (pressed.op === OPS.keep) {
    // Leaves the answer as it was and moves on (back to the summary when editing from it).
    if (!(step.id in state.answers)) return notice(flow, state, ctx, { key: "engine.stale_button" });
    const echo: Text = {
      key: "engine.answer_echo",
      params: { value: displayAnswer(step, state.answers[step.id], ctx) },
    };
    const next = advance(flow, state, ctx, false);
    return {
      state: next.state,
      events: [
        { type: "message", message: { texts: [promptText(flow, state, step), echo], replace: true } },
        ...next.events,
      ],
    };
  }
  if (pressed.op === OPS.early) {
    if (!earlyOffered(flow, state)) return notice(flow, state, ctx, { key: "engine.stale_button" });
    const sent = { ...state, params: { ...state.params, $early: true } };
    return {
      state: sent,
      events: [
        { type: "submitted_early", flowId: flow.id, answers: sent.answers, params: sent.params },
        { type: "message", message: questionMessage(flow, sent, step, ctx) },
      ],
    };
  }
  if (pressed.op === OPS.skip) {
    if (!step.optional) return notice(flow, state, ctx, { key: "engine.stale_button" });
    return applyAcceptance(flow, state, step, { type: "value", value: null }, ctx, true);
  }
  const acceptance = kindOf(step.answer).accept(
    step.answer,
    { type: "button", button: pressed },
    kindContext(state, step, ctx),
  );
  return applyAcceptance(flow, state, step, acceptance, ctx, true);
}

function onTyped(flow: FlowDefinition, state: SessionState, input: KindInput, ctx: EngineContext): Turn {
  const step = stepById(flow, state.at);
  if (!step) return notice(flow, state, ctx, { key: "engine.errors.use_buttons" });
  // Typed into the chat instead of the form: not kept; the form's button is shown again.
  if (inForm(step, ctx)) return notice(flow, state, ctx, { key: "engine.form.use_form" });
  const acceptance = kindOf(step.answer).accept(step.answer, input, kindContext(state, step, ctx));
  return applyAcceptance(
    flow,
    state,
    step,
    acceptance,
    ctx,
    false,
    input.type === "text" ? input.text : undefined,
  );
}

/** Answers given before a session starts that fit their steps (others are dropped, to be asked). */
function validAnswers(flow: FlowDefinition, answers: Record<string, Json>): Record<string, Json> {
  return Object.fromEntries(
    Object.entries(answers).filter(([id, value]) => {
      const step = stepById(flow, id);
      return step !== undefined && validate(step, value).ok;
    }),
  );
}

/**
 * Starts a new session of `flow` and asks its first question. `options.answers` pre-fills
 * answers known already (a document being changed, answers given in an earlier dialogue): those
 * that fit their steps are not asked again and show in the summary, where they can be changed.
 */
export function startSession(
  flow: FlowDefinition,
  ctx: EngineContext,
  params: Record<string, Json> = {},
  options: { answers?: Record<string, Json> } = {},
): Turn {
  const state: SessionState = {
    engine: ENGINE_VERSION,
    flowId: flow.id,
    flowVersion: flow.version,
    nonce: ctx.newNonce(),
    status: "waiting",
    at: null,
    answers: options.answers ? validAnswers(flow, options.answers) : {},
    params,
  };
  return advance(flow, state, ctx, false);
}

/**
 * Brings a stored session up to the definition's version: migrates its answers when the
 * flow provides migrations for every version in between, otherwise restarts it on purpose.
 * Returns null when the session is current.
 */
function upgrade(flow: FlowDefinition, state: SessionState, ctx: EngineContext): Turn | null {
  if (state.engine === ENGINE_VERSION && state.flowVersion === flow.version) return null;
  if (state.engine === ENGINE_VERSION && state.flowVersion < flow.version) {
    let answers: Record<string, Json> | undefined = state.answers;
    for (let v = state.flowVersion; v < flow.version && answers; v++)
      answers = flow.migrations?.[v]?.(answers);
    if (answers) {
      const kept = validAnswers(flow, answers);
      const migrated = advance(flow, { ...state, flowVersion: flow.version, answers: kept }, ctx, false);
      const lead: EngineEvent = { type: "message", message: { texts: [{ key: "engine.flow_updated" }] } };
      return { state: migrated.state, events: [lead, ...migrated.events] };
    }
  }
  const reason = state.engine === ENGINE_VERSION ? "flow_version" : "engine_version";
  const restarted = startSession(flow, ctx, state.params ?? {});
  const lead: EngineEvent[] = [
    { type: "restarted", reason },
    { type: "message", message: { texts: [{ key: "engine.restarted" }] } },
  ];
  return { state: restarted.state, events: [...lead, ...restarted.events] };
}

/**
 * A contact question shows a reply keyboard that stays until removed: once the session
 * leaves that question, the first message says so (echoing the answer when there is one).
 */
function closeReplyKeyboard(
  flow: FlowDefinition,
  before: SessionState,
  turn: Turn,
  ctx: EngineContext,
): Turn {
  const step = stepById(flow, before.at);
  // A form step never showed a reply keyboard (and its answer is never echoed in the chat).
  if (!step || inForm(step, ctx) || !kindOf(step.answer).requestContact?.(step.answer)) return turn;
  if (turn.state.status === "waiting" && turn.state.at === before.at) return turn;
  const answered = turn.events.find((e) => e.type === "answered" && e.stepId === step.id);
  const text: Text =
    answered?.type === "answered"
      ? { key: "engine.answer_echo", params: { value: displayAnswer(step, answered.value) } }
      : { key: "engine.keyboard_closed" };
  const close: EngineEvent = { type: "message", message: { texts: [text], removeReplyKeyboard: true } };
  const firstMessage = turn.events.findIndex((e) => e.type === "message");
  const events = [...turn.events];
  events.splice(firstMessage === -1 ? events.length : firstMessage, 0, close);
  return { state: turn.state, events };
}

/** Feeds one user input to a waiting session. */
export function resumeSession(
  flow: FlowDefinition,
  state: SessionState,
  input: EngineInput,
  ctx: EngineContext,
): Turn {
  return closeReplyKeyboard(flow, state, resumeCurrent(flow, state, input, ctx), ctx);
}

function resumeCurrent(
  flow: FlowDefinition,
  state: SessionState,
  input: EngineInput,
  ctx: EngineContext,
): Turn {
  if (state.flowId !== flow.id) {
    return {
      state: { ...state, status: "failed" },
      events: [{ type: "failed", reason: `session of flow "${state.flowId}" given to "${flow.id}"` }],
    };
  }
  if (state.status !== "waiting") return { state, events: [] };
  const upgraded = upgrade(flow, state, ctx);
  if (upgraded) return upgraded;
  if (state.at !== AT_SUMMARY && state.at !== AT_EDIT && !stepById(flow, state.at)) {
    return {
      state: { ...state, status: "failed" },
      events: [{ type: "failed", reason: `unknown step "${state.at}"` }],
    };
  }
  if (state.group) return resumeGroup(flow, state, input, ctx);
  switch (input.type) {
    case "cancel":
      return cancel(state, false);
    case "back":
      return goBack(flow, state, ctx, false);
    case "unsupported":
      return notice(flow, state, ctx, {
        key: input.what === "forward" ? "engine.errors.forwarded" : "engine.errors.unsupported",
      });
    case "button":
      return onButton(flow, state, input.data, ctx);
    case "text":
      return onTyped(flow, state, { type: "text", text: input.text }, ctx);
    case "contact":
      return onTyped(flow, state, input, ctx);
    case "form": {
      const result = acceptForm(flow, state, input.answers, ctx);
      if (result.ok) return result.turn;
      // Checked before it was sent (src/forms/): only a race gets here; show the form's button again.
      return notice(flow, state, ctx, { key: "engine.form.rejected" });
    }
  }
}

/** Why a form's answers were refused: per step, an i18n key; `$form` when the form is out of date. */
export type FormRefusal = Record<string, string>;

/**
 * Applies the secure form's answers to a session waiting at a personal step: every step of the
 * block ({@link formSteps}) is read by its kind and checked by the same schemas as a chat answer
 * (presets by the same button code path), then the dialogue moves on as after a chat answer.
 * Pure; the caller checks first and shows the refusals in the form.
 */
export function acceptForm(
  flow: FlowDefinition,
  state: SessionState,
  given: Record<string, FormAnswer>,
  ctx: EngineContext,
): { ok: true; turn: Turn } | { ok: false; errors: FormRefusal } {
  const block = formSteps(flow, state);
  if (block.length === 0 || state.flowId !== flow.id)
    return { ok: false, errors: { $form: "engine.form.stale" } };
  const errors: FormRefusal = {};
  const answers: Record<string, Json> = {};
  for (const step of block) {
    const answer = given[step.id];
    const kindCtx = kindContext({ ...state, draft: undefined }, step, ctx);
    let acceptance: Acceptance;
    if (answer === undefined || ("text" in answer && answer.text.trim() === "") || "skip" in answer) {
      acceptance = step.optional
        ? { type: "value", value: null }
        : { type: "invalid", reason: "engine.errors.empty" };
    } else if ("preset" in answer) {
      const data = encodeButton(state.nonce, OPS.answer, step.id, String(answer.preset));
      acceptance = kindOf(step.answer).accept(
        step.answer,
        { type: "button", button: decodeButton(data)! },
        kindCtx,
      );
    } else {
      acceptance = kindOf(step.answer).accept(step.answer, { type: "text", text: answer.text }, kindCtx);
    }
    if (acceptance.type !== "value") {
      errors[step.id] = acceptance.type === "invalid" ? acceptance.reason : "engine.errors.invalid";
      continue;
    }
    const checked = validate(step, acceptance.value);
    if (checked.ok) answers[step.id] = checked.value;
    else errors[step.id] = checked.reason;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const answered = { ...state, answers: { ...state.answers, ...answers } };
  const events: EngineEvent[] = Object.entries(answers).map(([stepId, value]) => ({
    type: "answered",
    stepId,
    value,
  }));
  // The chat learns that the form arrived, never what it said.
  events.push({ type: "message", message: { texts: [{ key: "engine.form.received" }] } });
  const next = advance(flow, answered, ctx, false);
  return { ok: true, turn: { state: next.state, events: [...events, ...next.events] } };
}

/** Shows the current question again (e.g. when the user comes back to an unfinished dialogue). */
export function repeatQuestion(
  flow: FlowDefinition,
  state: SessionState,
  ctx: EngineContext,
  lead?: Text,
): Turn {
  const upgraded = upgrade(flow, state, ctx);
  if (upgraded) return upgraded;
  return {
    state,
    events: [{ type: "message", message: currentMessage(flow, state, ctx, lead ? { lead } : {}) }],
  };
}
