/**
 * Repeating groups of questions: a step whose answer is a list of rows (the actions of a plan, the
 * progress of each action). Pure, like the rest of the engine; engine.ts hands a session to this
 * module while it is inside a group (`state.group` set, `state.at` the group's step) and takes it
 * back when the group is done.
 *
 * A group with rows the person makes: each new row's questions are asked in order, then a menu
 * lists the rows with "✏ N" (change an answer of row N), "🗑 N" (remove it), "➕ add another" and
 * "✅ done" (offered once there are at least `min` rows). A group with `each`: one row per item of
 * a session parameter, asked one after another on the first pass, then done by itself; the menu
 * (from the summary's "change an answer") edits rows but never adds or removes them.
 *
 * Buttons of a row's question carry `<group>.<row>.<question index>` as their step, so a button
 * of another row or of an earlier question is recognised as stale.
 */
import { decodeButton, encodeButton, OPS, type Op } from "./buttons.ts";
import {
  advance,
  applicableSteps,
  cancel,
  displayAnswer,
  goBack,
  holds,
  labelKey,
  promptParams,
  promptKey,
  validate,
} from "./engine.ts";
import {
  displayRow,
  groupMax,
  groupMin,
  isHiddenField,
  kindOf,
  type Acceptance,
  type KindInput,
} from "./kinds.ts";
import type {
  EngineButton,
  EngineContext,
  EngineEvent,
  EngineInput,
  EngineMessage,
  FlowDefinition,
  GroupSpec,
  GroupState,
  Json,
  SessionState,
  StepDefinition,
  Text,
  TextParam,
  Turn,
} from "./types.ts";

/** Where a group session is when its menu is shown. */
export const AT_MENU = "$menu";
/** Where a group session is while the person picks which answer of a row to change. */
export const AT_FIELDS = "$fields";

/** The group's operations on its buttons. */
export const GROUP_OPS = {
  add: OPS.groupAdd,
  done: OPS.groupDone,
  edit: OPS.groupEdit,
  remove: OPS.groupRemove,
  field: OPS.groupField,
  menu: OPS.groupMenu,
} as const;

type Row = Record<string, Json>;

/** The group spec of a step, if it is a group. */
export function groupOf(step: StepDefinition | undefined): GroupSpec | undefined {
  return step?.answer.kind === "group" ? step.answer : undefined;
}

/** i18n key of a row question's prompt: `flows.<flow>.<group>.<step>.prompt` unless given. */
export function rowPromptKey(flow: FlowDefinition, group: StepDefinition, step: StepDefinition): string {
  return step.prompt ?? `flows.${flow.id}.${group.id}.${step.id}.prompt`;
}

/** i18n key of a row question's label (the "which answer to change" buttons). */
export function rowLabelKey(flow: FlowDefinition, group: StepDefinition, step: StepDefinition): string {
  return step.label ?? `flows.${flow.id}.${group.id}.${step.id}.label`;
}

/** The step field of a row question's buttons. */
export function rowStepCode(group: StepDefinition, row: number, index: number): string {
  return `${group.id}.${row}.${index}`;
}

/** The items of an `each` group: objects with a string `key`, from the session's parameters. */
export function groupItems(spec: GroupSpec, params: Record<string, Json>): Row[] {
  if (!spec.each) return [];
  const list = params[spec.each.param];
  if (!Array.isArray(list)) return [];
  return list.filter(
    (item): item is Row =>
      typeof item === "object" && item !== null && !Array.isArray(item) && typeof item.key === "string",
  );
}

/** The row questions that apply to a row's answers (a condition sees the outer answers and the row's earlier ones). */
function applicableRowSteps(spec: GroupSpec, outer: Record<string, Json>, row: Row): StepDefinition[] {
  const seen: Record<string, Json> = { ...outer };
  const steps: StepDefinition[] = [];
  for (const step of spec.steps) {
    if (step.when && !holds(step.when, seen)) continue;
    steps.push(step);
    if (step.id in row) seen[step.id] = row[step.id]!;
  }
  return steps;
}

/** The row without answers of questions that no longer apply (hidden fields are kept). */
function prunedRow(spec: GroupSpec, outer: Record<string, Json>, row: Row): Row {
  const kept: Row = {};
  for (const [key, value] of Object.entries(row)) if (isHiddenField(key)) kept[key] = value;
  for (const step of applicableRowSteps(spec, outer, row)) if (step.id in row) kept[step.id] = row[step.id]!;
  return kept;
}

function nextRowStep(spec: GroupSpec, outer: Record<string, Json>, row: Row): StepDefinition | undefined {
  return applicableRowSteps(spec, outer, row).find((step) => !(step.id in row));
}

function isComplete(spec: GroupSpec, outer: Record<string, Json>, row: Row): boolean {
  return nextRowStep(spec, outer, row) === undefined;
}

function groupButton(state: SessionState, text: Text, op: Op, step = "", arg = ""): EngineButton {
  return { text, data: encodeButton(state.nonce, op, step, arg) };
}

/** The item a row is about (`each` groups). */
function itemOf(spec: GroupSpec, state: SessionState, row: Row | undefined): Row | undefined {
  if (!row || typeof row.$item !== "string") return undefined;
  return groupItems(spec, state.params).find((item) => item.key === row.$item);
}

function rowTitle(flow: FlowDefinition, state: SessionState, step: StepDefinition, g: GroupState): Text {
  const spec = groupOf(step)!;
  const item = itemOf(spec, state, g.rows[g.row] ?? g.answers);
  const params: Record<string, TextParam> = {
    n: g.row + 1,
    total: Math.max(g.rows.length, g.row + 1),
    label: { key: labelKey(flow, step) },
  };
  for (const [key, value] of Object.entries(item ?? {}))
    if (typeof value === "string" || typeof value === "number") params[key] = value;
  return { key: spec.rowTitle ?? "engine.group.row_title", params };
}

/** The question of the row being filled. */
function rowQuestion(
  flow: FlowDefinition,
  state: SessionState,
  step: StepDefinition,
  ctx: EngineContext,
  options: { replace?: boolean; lead?: Text } = {},
): EngineMessage {
  const spec = groupOf(step)!;
  const g = state.group!;
  const index = spec.steps.findIndex((s) => s.id === g.at);
  const question = spec.steps[index]!;
  const code = rowStepCode(step, g.row, index);
  const item = itemOf(spec, state, g.rows[g.row] ?? g.answers);
  const texts: Text[] = options.lead ? [options.lead] : [];
  texts.push(rowTitle(flow, state, step, g));
  const params = promptParams(flow, state, question, { row: g.answers, steps: spec.steps, item });
  texts.push({ key: rowPromptKey(flow, step, question), ...(params ? { params } : {}) });
  if (question.hint) texts.push({ key: question.hint });
  if (question.id in g.answers)
    texts.push({
      key: "engine.current_answer",
      params: { value: displayAnswer(question, g.answers[question.id]) },
    });
  const kind = kindOf(question.answer);
  const nav: EngineButton[] = [];
  const first = applicableRowSteps(spec, state.answers, g.answers)[0]?.id === question.id;
  const firstOfFlow = applicableSteps(flow, state.answers)[0]?.id === step.id;
  const firstOfAll = firstOfFlow && first && g.row === 0 && (g.rows.length === 0 || g.firstPass === true);
  if (!firstOfAll) nav.push(groupButton(state, { key: "engine.buttons.back" }, OPS.back, code));
  if (question.optional) nav.push(groupButton(state, { key: "engine.buttons.skip" }, OPS.skip, code));
  nav.push(groupButton(state, { key: "engine.buttons.cancel" }, OPS.cancel, code));
  const kindButtons = kind.buttons(question.answer, {
    now: ctx.now,
    timeZone: ctx.timeZone,
    nonce: state.nonce,
    stepId: code,
    draft: state.draft,
    ...(ctx.labelsOf ? { labelsOf: ctx.labelsOf } : {}),
  });
  return {
    texts,
    buttons: [...kindButtons, nav],
    isPrompt: true,
    ...(options.replace ? { replace: true } : {}),
  };
}

/** The rows so far and what can be done with them. */
function menuMessage(
  flow: FlowDefinition,
  state: SessionState,
  step: StepDefinition,
  options: { replace?: boolean; lead?: Text } = {},
): EngineMessage {
  const spec = groupOf(step)!;
  const g = state.group!;
  const texts: Text[] = options.lead ? [options.lead] : [];
  const params = promptParams(flow, state, step);
  texts.push({ key: promptKey(flow, step), ...(params ? { params } : {}) });
  texts.push(
    g.rows.length > 0
      ? {
          key: "engine.group.rows",
          params: { rows: { lines: g.rows.map((row, index) => displayRow(spec, row, index)) } },
        }
      : { key: "engine.group.no_rows" },
  );
  const enough = spec.each !== undefined || g.rows.length >= groupMin(spec);
  const canAdd = spec.each === undefined && g.rows.length < groupMax(spec);
  texts.push({
    key: !enough
      ? "engine.group.hint_need"
      : canAdd
        ? "engine.group.hint_add_or_done"
        : "engine.group.hint_done",
    params: { min: groupMin(spec) },
  });
  const buttons: EngineButton[][] = g.rows.map((_row, index) => {
    const n = { n: index + 1 };
    const edit = groupButton(
      state,
      { key: "engine.group.edit", params: n },
      GROUP_OPS.edit,
      step.id,
      String(index),
    );
    if (spec.each) return [edit];
    return [
      edit,
      groupButton(state, { key: "engine.group.remove", params: n }, GROUP_OPS.remove, step.id, String(index)),
    ];
  });
  if (canAdd) buttons.push([groupButton(state, { key: "engine.group.add" }, GROUP_OPS.add, step.id)]);
  if (enough) buttons.push([groupButton(state, { key: "engine.group.done" }, GROUP_OPS.done, step.id)]);
  buttons.push([
    groupButton(state, { key: "engine.buttons.back" }, OPS.back, step.id),
    groupButton(state, { key: "engine.buttons.cancel" }, OPS.cancel, step.id),
  ]);
  return { texts, buttons, isPrompt: true, ...(options.replace ? { replace: true } : {}) };
}

/** "Which answer of row N to change?" */
function fieldsMessage(flow: FlowDefinition, state: SessionState, step: StepDefinition): EngineMessage {
  const spec = groupOf(step)!;
  const g = state.group!;
  const buttons: EngineButton[][] = applicableRowSteps(spec, state.answers, g.answers).map((question) => [
    groupButton(
      state,
      { key: rowLabelKey(flow, step, question) },
      GROUP_OPS.field,
      step.id,
      `${g.row}.${spec.steps.indexOf(question)}`,
    ),
  ]);
  buttons.push([groupButton(state, { key: "engine.buttons.back" }, GROUP_OPS.menu, step.id)]);
  return {
    texts: [{ key: "engine.group.choose_field", params: { n: g.row + 1 } }],
    buttons,
    isPrompt: true,
    replace: true,
  };
}

function at(state: SessionState, group: GroupState): SessionState {
  return { ...state, group, draft: undefined };
}

function say(state: SessionState, message: EngineMessage, before: EngineEvent[] = []): Turn {
  return { state, events: [...before, { type: "message", message }] };
}

/** Asks `question` of row `row` (answers are that row's so far). */
function ask(
  flow: FlowDefinition,
  state: SessionState,
  step: StepDefinition,
  g: GroupState,
  ctx: EngineContext,
  options: { replace?: boolean; lead?: Text } = {},
  before: EngineEvent[] = [],
): Turn {
  const moved = at(state, g);
  return say(moved, rowQuestion(flow, moved, step, ctx, options), before);
}

function showMenu(
  flow: FlowDefinition,
  state: SessionState,
  step: StepDefinition,
  rows: Row[],
  options: { replace?: boolean; lead?: Text } = {},
  before: EngineEvent[] = [],
): Turn {
  const moved = at(state, { rows, row: 0, answers: {}, at: AT_MENU });
  return say(moved, menuMessage(flow, moved, step, options), before);
}

/** Stores the rows as the group's answer and moves on (to the next question, the summary, or completion). */
function finish(
  flow: FlowDefinition,
  state: SessionState,
  step: StepDefinition,
  rows: Row[],
  ctx: EngineContext,
  replace: boolean,
  before: EngineEvent[] = [],
): Turn {
  const done = {
    ...state,
    answers: { ...state.answers, [step.id]: rows },
    group: undefined,
    draft: undefined,
  };
  const next = advance(flow, done, ctx, replace);
  return {
    state: next.state,
    events: [...before, { type: "answered", stepId: step.id, value: rows }, ...next.events],
  };
}

/** The first row of `rows` from `from` on that still has a question to ask, for an `each` group's first pass. */
function nextIncomplete(spec: GroupSpec, outer: Record<string, Json>, rows: Row[], from: number): number {
  for (let index = from; index < rows.length; index++)
    if (!isComplete(spec, outer, rows[index]!)) return index;
  return -1;
}

/**
 * Enters the group at `step`: its menu when it already has rows (editing from the summary), the
 * first question of the first row otherwise.
 */
export function enterGroup(
  flow: FlowDefinition,
  state: SessionState,
  step: StepDefinition,
  ctx: EngineContext,
  replace: boolean,
): Turn {
  const spec = groupOf(step)!;
  const base: SessionState = { ...state, at: step.id, draft: undefined };
  const existing = state.answers[step.id];
  if (Array.isArray(existing)) return showMenu(flow, base, step, existing as Row[], { replace });
  if (spec.each) {
    const rows: Row[] = groupItems(spec, state.params).map((item) => ({
      $item: item.key!,
      ...(typeof item.label === "string" ? { $label: item.label } : {}),
    }));
    const first = nextIncomplete(spec, state.answers, rows, 0);
    if (first === -1) return finish(flow, base, step, rows, ctx, replace);
    const row = rows[first]!;
    const g: GroupState = {
      rows,
      row: first,
      answers: { ...row },
      at: nextRowStep(spec, state.answers, row)!.id,
      firstPass: true,
    };
    return ask(flow, base, step, g, ctx, { replace });
  }
  const g: GroupState = { rows: [], row: 0, answers: {}, at: nextRowStep(spec, state.answers, {})!.id };
  return ask(flow, base, step, g, ctx, { replace });
}

/** A row's answers are complete: store it and go on (the next row of a first pass, or the menu). */
function rowDone(
  flow: FlowDefinition,
  state: SessionState,
  step: StepDefinition,
  ctx: EngineContext,
  before: EngineEvent[],
): Turn {
  const spec = groupOf(step)!;
  const g = state.group!;
  const rows = [...g.rows];
  rows[g.row] = g.answers;
  if (g.firstPass) {
    const next = nextIncomplete(spec, state.answers, rows, g.row + 1);
    if (next === -1) return finish(flow, state, step, rows, ctx, false, before);
    const row = rows[next]!;
    return ask(
      flow,
      state,
      step,
      {
        rows,
        row: next,
        answers: { ...row },
        at: nextRowStep(spec, state.answers, row)!.id,
        firstPass: true,
      },
      ctx,
      {},
      before,
    );
  }
  return showMenu(flow, state, step, rows, {}, before);
}

/** What a row question's kind made of an input, applied to the row. */
function accept(
  flow: FlowDefinition,
  state: SessionState,
  step: StepDefinition,
  acceptance: Acceptance,
  ctx: EngineContext,
  viaButton: boolean,
): Turn {
  const spec = groupOf(step)!;
  const g = state.group!;
  const question = spec.steps.find((s) => s.id === g.at)!;
  const code = rowStepCode(step, g.row, spec.steps.indexOf(question));
  switch (acceptance.type) {
    case "notice":
      return say(state, { texts: [acceptance.text] });
    case "draft": {
      const drafted = { ...state, draft: acceptance.draft };
      if (acceptance.askText) {
        const cancelRow = [groupButton(drafted, { key: "engine.buttons.cancel" }, OPS.cancel, code)];
        return say(drafted, { texts: [acceptance.askText], buttons: [cancelRow], isPrompt: true });
      }
      return say(drafted, rowQuestion(flow, drafted, step, ctx, { replace: viaButton }));
    }
    case "invalid":
      return say(state, rowQuestion(flow, state, step, ctx, { lead: { key: acceptance.reason } }), [
        { type: "invalid", stepId: `${step.id}.${question.id}`, reason: acceptance.reason },
      ]);
    case "value": {
      const checked = validate(question, acceptance.value);
      if (!checked.ok)
        return say(state, rowQuestion(flow, state, step, ctx, { lead: { key: checked.reason } }), [
          { type: "invalid", stepId: `${step.id}.${question.id}`, reason: checked.reason },
        ]);
      const answers = prunedRow(spec, state.answers, { ...g.answers, [question.id]: checked.value });
      const events: EngineEvent[] = [
        { type: "answered", stepId: `${step.id}.${question.id}`, value: checked.value },
      ];
      if (viaButton) {
        const params = promptParams(flow, state, question, { row: g.answers, steps: spec.steps });
        events.push({
          type: "message",
          message: {
            texts: [
              { key: rowPromptKey(flow, step, question), ...(params ? { params } : {}) },
              { key: "engine.answer_echo", params: { value: displayAnswer(question, checked.value) } },
            ],
            replace: true,
          },
        });
      }
      const updated = at(state, { ...g, answers });
      const next = nextRowStep(spec, state.answers, answers);
      // A row being changed from the menu goes back to the menu once its changed answer is in,
      // unless the change made another question apply.
      if (next) return ask(flow, updated, step, { ...g, answers, at: next.id }, ctx, {}, events);
      return rowDone(flow, updated, step, ctx, events);
    }
  }
}

/** "◀ Back" inside a group. */
function back(
  flow: FlowDefinition,
  state: SessionState,
  step: StepDefinition,
  ctx: EngineContext,
  replace: boolean,
): Turn {
  const spec = groupOf(step)!;
  const g = state.group!;
  if (g.at === AT_FIELDS) return showMenu(flow, state, step, g.rows, { replace });
  if (g.at === AT_MENU) {
    // Leaving the group backwards keeps its rows as the answer when there are enough of them.
    const enough = spec.each !== undefined || g.rows.length >= groupMin(spec);
    const answers = { ...state.answers };
    if (enough) answers[step.id] = g.rows;
    else delete answers[step.id];
    return goBack(flow, { ...state, answers, group: undefined }, ctx, replace);
  }
  const steps = applicableRowSteps(spec, state.answers, g.answers);
  const index = steps.findIndex((s) => s.id === g.at);
  const previous = steps[index - 1];
  if (previous) return ask(flow, state, step, { ...g, at: previous.id }, ctx, { replace });
  if (g.firstPass && g.row > 0) {
    const row = g.rows[g.row - 1]!;
    const last = applicableRowSteps(spec, state.answers, row).at(-1)!;
    return ask(flow, state, step, { ...g, row: g.row - 1, answers: { ...row }, at: last.id }, ctx, {
      replace,
    });
  }
  if (g.rows.length > 0 && !g.firstPass) return showMenu(flow, state, step, g.rows, { replace });
  return goBack(flow, { ...state, group: undefined }, ctx, replace);
}

function stale(flow: FlowDefinition, state: SessionState, ctx: EngineContext): Turn {
  return say(state, currentGroupMessage(flow, state, ctx, { lead: { key: "engine.stale_button" } }));
}

function onButton(
  flow: FlowDefinition,
  state: SessionState,
  step: StepDefinition,
  data: string,
  ctx: EngineContext,
): Turn {
  const spec = groupOf(step)!;
  const g = state.group!;
  const pressed = decodeButton(data);
  if (!pressed || pressed.nonce !== state.nonce) return stale(flow, state, ctx);
  const op = pressed.op;
  if (op === OPS.cancel) return cancel(state, true);
  const onMenu = g.at === AT_MENU && pressed.step === step.id;
  const index = Number(pressed.arg);
  switch (op) {
    case OPS.back:
      if (
        g.at === AT_MENU || g.at === AT_FIELDS
          ? pressed.step !== step.id
          : pressed.step !== currentCode(step, g)
      )
        return stale(flow, state, ctx);
      return back(flow, state, step, ctx, true);
    case GROUP_OPS.add:
      if (!onMenu || spec.each || g.rows.length >= groupMax(spec)) return stale(flow, state, ctx);
      return ask(
        flow,
        state,
        step,
        { rows: g.rows, row: g.rows.length, answers: {}, at: nextRowStep(spec, state.answers, {})!.id },
        ctx,
        { replace: true },
      );
    case GROUP_OPS.done:
      if (!onMenu || (!spec.each && g.rows.length < groupMin(spec))) return stale(flow, state, ctx);
      return finish(flow, state, step, g.rows, ctx, true);
    case GROUP_OPS.remove: {
      if (!onMenu || spec.each || !g.rows[index]) return stale(flow, state, ctx);
      const rows = g.rows.filter((_row, i) => i !== index);
      return showMenu(flow, state, step, rows, {
        replace: true,
        lead: { key: "engine.group.removed", params: { n: index + 1 } },
      });
    }
    case GROUP_OPS.edit: {
      const row = g.rows[index];
      if (!onMenu || !row) return stale(flow, state, ctx);
      const questions = applicableRowSteps(spec, state.answers, row);
      if (questions.length === 1)
        return ask(
          flow,
          state,
          step,
          { rows: g.rows, row: index, answers: { ...row }, at: questions[0]!.id },
          ctx,
          { replace: true },
        );
      const moved = at(state, { rows: g.rows, row: index, answers: { ...row }, at: AT_FIELDS });
      return say(moved, fieldsMessage(flow, moved, step));
    }
    case GROUP_OPS.field: {
      const [rowText, questionText] = pressed.arg.split(".");
      const question = spec.steps[Number(questionText)];
      if (g.at !== AT_FIELDS || pressed.step !== step.id || Number(rowText) !== g.row || !question)
        return stale(flow, state, ctx);
      if (!applicableRowSteps(spec, state.answers, g.answers).includes(question))
        return stale(flow, state, ctx);
      return ask(flow, state, step, { ...g, at: question.id }, ctx, { replace: true });
    }
    case GROUP_OPS.menu:
      if (g.at !== AT_FIELDS || pressed.step !== step.id) return stale(flow, state, ctx);
      return showMenu(flow, state, step, g.rows, { replace: true });
    default:
      break;
  }
  if (g.at === AT_MENU || g.at === AT_FIELDS || pressed.step !== currentCode(step, g))
    return stale(flow, state, ctx);
  const question = spec.steps.find((s) => s.id === g.at)!;
  if (op === OPS.skip) {
    if (!question.optional) return stale(flow, state, ctx);
    return accept(flow, state, step, { type: "value", value: null }, ctx, true);
  }
  const input: KindInput = { type: "button", button: pressed };
  return accept(
    flow,
    state,
    step,
    kindOf(question.answer).accept(question.answer, input, kindContextOf(state, ctx, currentCode(step, g))),
    ctx,
    true,
  );
}

function currentCode(step: StepDefinition, g: GroupState): string {
  const spec = groupOf(step)!;
  return rowStepCode(
    step,
    g.row,
    spec.steps.findIndex((s) => s.id === g.at),
  );
}

function kindContextOf(state: SessionState, ctx: EngineContext, stepId: string) {
  return {
    now: ctx.now,
    timeZone: ctx.timeZone,
    nonce: state.nonce,
    stepId,
    draft: state.draft,
    ...(ctx.labelsOf ? { labelsOf: ctx.labelsOf } : {}),
  };
}

/** Handles one input while the session is inside a group. */
export function resumeGroup(
  flow: FlowDefinition,
  state: SessionState,
  input: EngineInput,
  ctx: EngineContext,
): Turn {
  const step = flow.steps.find((s) => s.id === state.at);
  if (!groupOf(step) || !state.group) {
    return {
      state: { ...state, status: "failed" },
      events: [{ type: "failed", reason: `group state at "${state.at}", which is not a group` }],
    };
  }
  const g = state.group;
  switch (input.type) {
    case "cancel":
      return cancel(state, false);
    case "back":
      return back(flow, state, step!, ctx, false);
    case "unsupported":
      return say(
        state,
        currentGroupMessage(flow, state, ctx, {
          lead: { key: input.what === "forward" ? "engine.errors.forwarded" : "engine.errors.unsupported" },
        }),
      );
    case "form":
      // A group is never answered in the secure form: a form sent meanwhile is out of date.
      return say(state, currentGroupMessage(flow, state, ctx, { lead: { key: "engine.form.rejected" } }));
    case "button":
      return onButton(flow, state, step!, input.data, ctx);
    case "text":
    case "contact": {
      if (g.at === AT_MENU || g.at === AT_FIELDS)
        return say(
          state,
          currentGroupMessage(flow, state, ctx, { lead: { key: "engine.errors.use_buttons" } }),
        );
      const question = groupOf(step)!.steps.find((s) => s.id === g.at)!;
      const kindInput: KindInput = input.type === "text" ? { type: "text", text: input.text } : input;
      const acceptance = kindOf(question.answer).accept(
        question.answer,
        kindInput,
        kindContextOf(state, ctx, currentCode(step!, g)),
      );
      return accept(flow, state, step!, acceptance, ctx, false);
    }
  }
}

/** The message of a group session, for the engine's "show where we are" (repeat, notices). */
export function currentGroupMessage(
  flow: FlowDefinition,
  state: SessionState,
  ctx: EngineContext,
  options: { replace?: boolean; lead?: Text } = {},
): EngineMessage {
  const step = flow.steps.find((s) => s.id === state.at)!;
  const g = state.group!;
  if (g.at === AT_MENU) return menuMessage(flow, state, step, options);
  if (g.at === AT_FIELDS) return fieldsMessage(flow, state, step);
  return rowQuestion(flow, state, step, ctx, options);
}
