/**
 * Repeating groups, prompts showing earlier answers, pre-filled answers and the `day` kind: the
 * engine's additions for multi-row documents (plans, monitoring). Whole dialogues are in the
 * transcript fixtures (plan-*, progress-*); these pin the rules one by one.
 */
import { describe, expect, it } from "vitest";
import { encodeButton, OPS } from "../../../src/platform/flow/buttons.ts";
import { resumeSession, startSession } from "../../../src/platform/flow/engine.ts";
import type {
  EngineContext,
  EngineEvent,
  EngineInput,
  FlowDefinition,
  Json,
  SessionState,
  Turn,
} from "../../../src/platform/flow/types.ts";
import { createTranslator } from "../../../src/platform/i18n/index.ts";
import { planFlow, progressFlow } from "../../fixtures/flows/plan.ts";
import { planTexts } from "../../fixtures/flows/plan.texts.ts";

const translator = createTranslator((locale, key) => {
  throw new Error(`missing text ${key} in ${locale}`);
});
translator.addTexts("ru", planTexts.ru);
translator.addTexts("en", planTexts.en);

const ctx: EngineContext = {
  now: new Date("2026-11-23T09:00:00Z"),
  timeZone: "Europe/Moscow",
  newNonce: () => "nonce1",
  labelsOf: translator.labelsOf,
};

/** A dialogue driven by visible labels, its session serialised between turns as the runtime stores it. */
class Dialogue {
  state: SessionState;
  events: EngineEvent[] = [];
  private shown: { label: string; data: string }[][] = [];

  constructor(
    readonly flow: FlowDefinition,
    params: Record<string, Json> = {},
    answers?: Record<string, Json>,
  ) {
    const turn = startSession(flow, ctx, params, answers ? { answers } : {});
    this.state = turn.state;
    this.take(turn);
  }

  private take(turn: Turn) {
    this.state = JSON.parse(JSON.stringify(turn.state)) as SessionState;
    this.events = turn.events;
    for (const e of turn.events)
      if (e.type === "message")
        this.shown.push(
          (e.message.buttons ?? []).flat().map((b) => ({
            label: translator.render(b.text, "ru", ctx.timeZone),
            data: b.data,
          })),
        );
  }

  input(input: EngineInput) {
    this.take(resumeSession(this.flow, this.state, input, ctx));
    return this;
  }

  type(text: string) {
    return this.input({ type: "text", text });
  }

  /** Presses the newest button with this label. */
  press(label: string) {
    for (const buttons of [...this.shown].reverse()) {
      const found = buttons.find((b) => b.label === label);
      if (found) return this.input({ type: "button", data: found.data });
    }
    throw new Error(`no button "${label}"`);
  }

  /** Labels of the newest message's buttons. */
  buttons(): string[] {
    return this.shown.at(-1)!.map((b) => b.label);
  }

  /** The newest message's text. */
  text(): string {
    const messages = this.events.flatMap((e) => (e.type === "message" ? [e.message] : []));
    return translator.renderAll(messages.at(-1)!.texts, "ru", ctx.timeZone);
  }
}

function oneAction(d: Dialogue, what = "Встреча с матерью") {
  return d.type(what).press("Куратор").press("Через неделю");
}

describe("repeating groups", () => {
  it("offers “done” only once there are enough rows and “add” only below the maximum", () => {
    const d = new Dialogue(planFlow).type("Цель");
    expect(d.state.group?.at).toBe("what");
    oneAction(d);
    expect(d.buttons()).toEqual(["✏ 1", "🗑 1", "➕ Добавить ещё", "✅ Готово", "◀ Назад", "✖ Отмена"]);
    d.press("🗑 1");
    expect(d.text()).toContain("Пока ни одной строки.");
    expect(d.buttons()).not.toContain("✅ Готово");
    // A forged "done" with no rows is refused like any stale button.
    const forged = encodeButton("nonce1", OPS.groupDone, "actions");
    d.input({ type: "button", data: forged });
    expect(d.text()).toMatch(/^Эта кнопка уже не действует\./);
    expect(d.state.group?.rows).toEqual([]);
    d.press("➕ Добавить ещё");
    oneAction(d, "Первое");
    d.press("➕ Добавить ещё");
    oneAction(d, "Второе");
    d.press("➕ Добавить ещё");
    oneAction(d, "Третье");
    expect(d.buttons()).not.toContain("➕ Добавить ещё");
    d.input({ type: "button", data: encodeButton("nonce1", OPS.groupAdd, "actions") });
    expect(d.state.group?.rows).toHaveLength(3);
    expect(d.state.group?.at).toBe("$menu");
  });

  it("refuses a button of another row's question, leaving the session as it was", () => {
    const d = new Dialogue(planFlow).type("Цель");
    oneAction(d);
    d.press("➕ Добавить ещё").type("Справки");
    const before = d.state;
    // "Куратор" of row 1's question (its step field names row 0): stale for row 2.
    const rowOneButton = encodeButton("nonce1", OPS.answer, "actions.0.1", "0");
    d.input({ type: "button", data: rowOneButton });
    expect(d.state).toEqual(before);
    expect(d.text()).toContain("Эта кнопка уже не действует.");
    d.press("Психолог");
    expect(d.state.group?.answers).toEqual({ what: "Справки", who: "psy" });
  });

  it("keeps hidden fields of pre-filled rows through edits and drops rows that do not fit", () => {
    const d = new Dialogue(
      planFlow,
      {},
      {
        goal: "Цель",
        actions: [{ $key: "k-1", what: "Встреча", who: "me", due: "2026-11-30" }],
        note: null,
      },
    );
    expect(d.state.at).toBe("$summary");
    d.press("✏ Изменить ответ").press("Действия").press("✏ 1").press("Что").type("Встреча с матерью");
    d.press("✅ Готово").press("✅ Отправить");
    const completed = d.events.find((e) => e.type === "completed");
    expect(completed).toMatchObject({
      answers: { actions: [{ $key: "k-1", what: "Встреча с матерью", who: "me", due: "2026-11-30" }] },
    });

    // A row with a field the group does not have is not a valid answer: the group is asked anew.
    const bad = new Dialogue(
      planFlow,
      {},
      { goal: "Цель", actions: [{ what: "x", who: "me", due: "2026-11-30", oops: 1 }] },
    );
    expect(bad.state.answers).not.toHaveProperty("actions");
    expect(bad.state.group?.at).toBe("what");
  });

  it("goes back from the menu keeping the rows as the answer, or dropping them when too few", () => {
    const d = new Dialogue(planFlow).type("Цель");
    oneAction(d).press("◀ Назад");
    expect(d.state.at).toBe("goal");
    expect(d.state.answers.actions).toHaveLength(1);
    d.type("Новая цель");
    expect(d.state.at).toBe("note");

    const e = new Dialogue(planFlow).type("Цель");
    oneAction(e).press("🗑 1").press("◀ Назад");
    expect(e.state.at).toBe("goal");
    expect(e.state.answers).not.toHaveProperty("actions");
  });

  it("asks one row per item of an “each” group and finishes by itself; none when there are no items", () => {
    const d = new Dialogue(progressFlow, {
      items: [
        { key: "a", label: "Встреча" },
        { key: "b", label: "Справки" },
      ],
    });
    expect(d.text()).toBe("1 из 2: Встреча\nКак продвигается?");
    d.press("Выполнено").press("В работе");
    expect(d.state.at).toBe("$summary");
    expect(d.state.answers.rows).toEqual([
      { $item: "a", $label: "Встреча", status: "done" },
      { $item: "b", $label: "Справки", status: "going" },
    ]);
    expect(d.text()).toContain("1. Встреча: Выполнено\n2. Справки: В работе");

    const empty = new Dialogue(progressFlow, { items: [] });
    expect(empty.state.at).toBe("$summary");
    expect(empty.state.answers.rows).toEqual([]);
  });

  it("cancels from inside a group, and fails a session whose group state points at a plain step", () => {
    const d = new Dialogue(planFlow).type("Цель").type("Встреча");
    d.input({ type: "cancel" });
    expect(d.state.status).toBe("cancelled");

    const broken: SessionState = {
      ...new Dialogue(planFlow).state,
      at: "goal",
      group: { rows: [], row: 0, answers: {}, at: "what" },
    };
    const turn = resumeSession(planFlow, broken, { type: "text", text: "x" }, ctx);
    expect(turn.state.status).toBe("failed");
  });
});

describe("prompts showing earlier answers", () => {
  it("shows the row's own earlier answer, an earlier step's answer, and a dash for what is missing", () => {
    const d = new Dialogue(planFlow).type("Мама забирает ребёнка");
    d.type("Справки");
    expect(d.text()).toBe("Действие 1\nКто отвечает за «Справки»?");
    d.press("Куратор").press("Через неделю").press("✅ Готово");
    expect(d.text()).toBe("Примечание к цели «Мама забирает ребёнка»?");

    const orphan = {
      ...progressFlow,
      steps: [
        {
          id: "note",
          promptParams: { goal: { param: "missing" } },
          prompt: "flows.plan.note.prompt",
          answer: { kind: "text" as const },
        },
      ],
    };
    const e = new Dialogue(orphan);
    expect(e.text()).toBe("Примечание к цели «—»?");
  });
});

describe("the day kind", () => {
  const deadline = planFlow.steps[1]!.answer.kind === "group" ? planFlow.steps[1]!.answer.steps[3]! : null;
  const flow: FlowDefinition = {
    id: "plan",
    version: 1,
    steps: [{ ...deadline!, promptParams: {}, prompt: "flows.plan.goal.prompt" }],
  };

  it.each([
    ["Через неделю", "2026-11-30"],
    ["сегодня", "2026-11-23"],
    ["30.11", "2026-11-30"],
    ["05.01", "2027-01-05"],
    ["2026-12-31", "2026-12-31"],
    ["31.12.2026", "2026-12-31"],
  ])("reads %s as %s (today is 23.11.2026 in Moscow)", (typed, day) => {
    const d = new Dialogue(flow);
    if (typed === "Через неделю") d.press(typed);
    else d.type(typed);
    expect(d.state.answers.due).toBe(day);
  });

  it.each([
    ["20.11", "Эта дата уже прошла."],
    ["31.02", "Такой даты нет — проверьте число и месяц."],
    ["завтра-послезавтра", "Не удалось понять дату. Пример: 25.12 или 25.12.2026."],
    ["01.01.2030", "Слишком далёкая дата — проверьте."],
  ])("refuses %s: %s", (typed, error) => {
    const d = new Dialogue(flow).type(typed);
    expect(d.state.answers).toEqual({});
    expect(d.text().split("\n")[0]).toBe(error);
  });

  it("takes today in the person's zone: 23:30 in Moscow on the 23rd is already the 24th in Yekaterinburg", () => {
    const late = { ...ctx, now: new Date("2026-11-23T20:30:00Z"), timeZone: "Asia/Yekaterinburg" };
    const turn = startSession(flow, late);
    const data = turn.events.flatMap((e) =>
      e.type === "message" ? (e.message.buttons ?? []).flat() : [],
    )[0]!.data;
    expect(resumeSession(flow, turn.state, { type: "button", data }, late).state.answers.due).toBe(
      "2026-11-24",
    );
  });
});
