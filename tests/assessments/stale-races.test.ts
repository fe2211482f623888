/**
 * Old buttons pressed after each step are refused and change nothing; different buttons pressed
 * at once leave one consistent outcome; two heads reviewing at once give one review.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, type HarnessPerson } from "../helpers/harness.ts";
import {
  answerAction,
  answerPlanning,
  answerRatings,
  answerSafety,
  arrivedSignal,
  team,
  type Team,
} from "../helpers/assessments.ts";

/** A button as it was on screen: pressing it later is pressing an old button. */
interface Saved {
  person: HarnessPerson;
  data: string;
  messageId: number;
}

function saved(person: HarnessPerson, label: string): Saved {
  for (const message of [...person.messages()].reverse()) {
    const button = message.buttons.flat().find((b) => b.text === label);
    if (button?.data !== undefined) return { person, data: button.data, messageId: message.id };
  }
  throw new Error(`no button "${label}"`);
}

describe("old buttons and buttons pressed at once", () => {
  let h: Harness;
  let t: Team;
  let replays = 0;
  beforeEach(async () => {
    h = await createHarness();
    t = await team(h);
  });
  afterEach(async () => h.stop());

  /** Presses a saved button again; returns what the person was told. */
  async function replay(button: Saved): Promise<{ text?: string; showAlert?: boolean }> {
    await h.deliver(button.person.userId, {
      kind: "callback",
      data: button.data,
      callbackQueryId: `old${++replays}`,
      messageId: button.messageId,
    });
    return h.messenger.callbackAnswers.find((a) => a.id === `old${replays}`)!;
  }

  async function state() {
    const a = await h.database.db.assessment.findFirstOrThrow({ include: { events: true, actions: true } });
    return {
      version: a.version,
      stage: a.stage,
      events: a.events.length,
      actions: a.actions.map((x) => x.removedAt),
    };
  }

  it("refuses every old button after each step, and nothing changes", async () => {
    const { curator } = t;
    await arrivedSignal(t);
    await curator.send("/assess");
    await curator.press("🛡 Сигнал 1/2026");
    await answerPlanning(curator, { urgency: "immediate" });

    const contact = saved(curator, "🤝 Контакт с семьёй установлен");
    await curator.press("🤝 Контакт с семьёй установлен");
    let before = await state();
    expect(await replay(contact)).toMatchObject({
      text: "Сейчас это недоступно: оценка безопасности.",
      showAlert: true,
    });
    expect(await state()).toEqual(before);

    const safety = saved(curator, "🛡 Оценка безопасности");
    await curator.press("🛡 Оценка безопасности");
    const firstThreat = saved(curator, "Да");
    await answerSafety(curator, [2]);
    before = await state();
    expect((await replay(safety)).text).toBe("Сейчас это недоступно: план безопасности.");
    // An engine button of the finished safety dialogue: stale, not applied to the plan dialogue now open.
    await replay(firstThreat);
    expect(curator.last().text.startsWith("Эта кнопка уже не действует.")).toBe(true);
    expect(curator.last().text).toContain("Как будет защищён ребёнок?");
    expect(await state()).toEqual(before);

    await curator.press("План мероприятий в семье");
    await answerAction(curator, {
      text: "Отец не остаётся с ребёнком наедине",
      due: "Завтра",
      responsible: "Мать",
      monitoring: "Ежедневный звонок специалиста",
    });
    const add = saved(curator, "➕ Добавить мероприятие");
    const remove = saved(curator, "🗑 Убрать 1");
    const done = saved(curator, "✅ План готов");
    await curator.press("✅ План готов");
    before = await state();
    for (const old of [add, remove, done])
      expect((await replay(old)).text).toBe("Сейчас это недоступно: оценка риска.");
    expect(await state()).toEqual(before);

    await curator.press("⚖ Оценка риска");
    await answerRatings(curator, "hhhhhhhhhhhhhh");
    const high = saved(curator, "Высокий");
    await curator.press("Высокий");
    await curator.press("Пропустить");
    const conclusion = saved(curator, "🧾 Заключение");
    const cancel = saved(curator, "✖ Отменить оценку");
    await curator.press("🧾 Заключение");
    await curator.press("4 — нарушение или опасность, открыть случай");
    await curator.press("💾 Сохранить заключение");
    before = await state();
    expect((await replay(high)).text).toBe("Сейчас это недоступно: передача в орган опеки.");
    expect((await replay(conclusion)).text).toBe("Сейчас это недоступно: передача в орган опеки.");
    expect((await replay(cancel)).text).toBe("Сейчас это недоступно: передача в орган опеки.");
    expect(await state()).toEqual(before);

    const handover = saved(curator, "📤 Передать в орган опеки");
    await curator.press("📤 Передать в орган опеки");
    await curator.send("Отдел опеки Центрального района");
    await curator.press("Лично");
    await curator.press("📤 Записать передачу");
    before = await state();
    expect((await replay(handover)).text).toBe("Сейчас это недоступно: завершена.");
    expect(await state()).toEqual(before);
    expect(await h.database.db.case.count()).toBe(1);

    // Someone else's buttons: another curator pressing this assessment's form is not told it exists.
    const form = saved(curator, "📄 Форма (PDF)");
    expect((await replay({ ...form, person: t.curator2 })).text).toBe("Эта кнопка уже не действует.");
  });

  it("a plan's 'ready' and 'remove' pressed at once leave one consistent outcome", async () => {
    const { curator } = t;
    await arrivedSignal(t);
    await curator.send("/assess");
    await curator.press("🛡 Сигнал 1/2026");
    await answerPlanning(curator);
    await curator.press("🤝 Контакт с семьёй установлен");
    await curator.press("🛡 Оценка безопасности");
    await answerSafety(curator, [4]);
    await curator.press("План мероприятий в семье");
    await answerAction(curator, {
      text: "Отец уходит из дома",
      due: "Сегодня",
      responsible: "Мать",
      monitoring: "Звонок вечером",
    });
    await Promise.all([curator.press("🗑 Убрать 1"), curator.press("✅ План готов")]);
    const { stage, actions } = await state();
    // Either the plan was finished with its action, or the action was removed and the plan stays open.
    if (stage === "risk") expect(actions).toEqual([null]);
    else {
      expect(stage).toBe("safety_plan");
      expect(actions[0]).not.toBeNull();
    }
  });

  it("two heads marking the review at once: one review, the other head told who did it", async () => {
    const { curator, head, head2 } = t;
    await arrivedSignal(t);
    await curator.send("/assess");
    await curator.press("🛡 Сигнал 1/2026");
    await answerPlanning(curator, { urgency: "planned" });
    await curator.press("🤝 Контакт с семьёй установлен");
    await curator.press("🛡 Оценка безопасности");
    await answerSafety(curator, []);
    await curator.press("⚖ Оценка риска");
    await answerRatings(curator, "llllllllllllll");
    await curator.press("Низкий");
    await curator.press("Пропустить");
    await curator.press("🧾 Заключение");
    await curator.press("1 — не подтвердился, случай не открывать");
    await curator.press("💾 Сохранить заключение");

    await head.press("🔍 Отметить супервизию");
    await head2.send("/reviews");
    expect(head2.messages().at(-2)!.text).toBe("Оценки, ожидающие супервизии:");
    await head2.press("🔍 Отметить супервизию");
    await Promise.all([
      head.send("Сроки соблюдены, заключение обосновано."),
      head2.send("Проверено на супервизии, замечаний нет."),
    ]);
    const a = await h.database.db.assessment.findFirstOrThrow({ include: { events: true } });
    expect(a.events.filter((e) => e.type === "reviewed")).toHaveLength(1);
    const winner = a.reviewedById === head.staffId ? head : head2;
    const loser = winner === head ? head2 : head;
    expect(winner.last().text).toBe("Супервизия оценки № 1/2026 отмечена.");
    expect(loser.last().text).toMatch(
      /^Супервизия уже отмечена: (Кузнецова М\. П\.|Орлова Е\. В\.), 23\.11\.2026 \d\d:\d\d\.$/,
    );
    await loser.send("/reviews");
    expect(loser.last().text).toBe("Все завершённые оценки отмечены супервизией.");
  });
});
