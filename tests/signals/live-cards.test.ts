/**
 * Cards always show the present (issue 7): after every step of the round trip, every card of the
 * signal in every chat reads exactly as the current state renders it, with only the buttons valid
 * now; and every button seen earlier on any message of the signal, pressed again, changes nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findChatStaff } from "../../src/access/identity.ts";
import type { CardRow } from "../../src/platform/chat/cards.ts";
import type { MessengerKind } from "../../src/platform/messenger/contract.ts";
import { renderSignalCard } from "../../src/signals/chat/live.ts";
import { earlierSignals } from "../../src/signals/queries/earlier.ts";
import { loadSignal } from "../../src/signals/queries/signal-view.ts";
import { curatorLoads } from "../../src/signals/queries/staff.ts";
import { createHarness, shownText, type Harness, type HarnessPerson } from "../helpers/harness.ts";
import { reportSignal } from "../helpers/signals.ts";

interface SeenButton {
  person: HarnessPerson;
  messageId: number;
  data: string;
}

describe("live cards and old buttons", () => {
  let h: Harness;
  let reporter: HarnessPerson;
  let head: HarnessPerson;
  let head2: HarnessPerson;
  let curator: HarnessPerson;
  let curator2: HarnessPerson;
  let people: HarnessPerson[];
  let seen: SeenButton[];
  let stalePresses: number;
  let checks: number;

  beforeEach(async () => {
    h = await createHarness();
    reporter = await h.person("reporter", "Смирнова Ольга Ивановна");
    head = await h.person("head", "Кузнецова Мария Петровна");
    head2 = await h.person("head", "Орлова Елена Викторовна");
    curator = await h.person("curator", "Петрова Анна Сергеевна");
    curator2 = await h.person("curator", "Соколова Ирина Андреевна");
    people = [reporter, head, head2, curator, curator2];
    seen = [];
    stalePresses = 0;
    checks = 0;
  });
  afterEach(async () => h.stop());

  const signalId = async () => (await h.database.db.signal.findFirstOrThrow()).id;

  /** Every card of the signal, as each chat shows it, against what the current state renders. */
  async function expectCardsCurrent(step: string) {
    const { db } = h.database;
    const id = await signalId();
    const signal = (await loadSignal(db, id))!;
    const earlier = await earlierSignals(db, signal, signal.transmittedAt);
    const curators = signal.status === "received" ? await curatorLoads(db, signal.serviceId) : [];
    const rows = await db.chatCard.findMany({ where: { subjectId: id }, orderBy: { id: "asc" } });
    const all: CardRow[] = rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      staffId: r.staffId,
      messenger: r.messenger as MessengerKind,
      chatId: r.chatId,
      data: r.data as CardRow["data"],
    }));
    expect(rows.length, step).toBeGreaterThan(0);
    for (const [i, row] of rows.entries()) {
      const sent = row.outboxId ? await db.outboxMessage.findUnique({ where: { id: row.outboxId } }) : null;
      const messageId = row.messageId ?? sent?.resultMessageId;
      expect(messageId, `${step}: card ${row.kind} was sent`).toBeTruthy();
      const shown = h.messenger.chat(row.chatId).find((m) => m.id === messageId);
      expect(shown, `${step}: card ${row.kind} is in the chat`).toBeDefined();
      const expected = renderSignalCard(signal, earlier, curators, all[i]!, all);
      expect(expected, step).not.toBeNull();
      const reader = (await findChatStaff(db, { staffId: row.staffId }))!.staff;
      const [call] = h.messages.calls("telegram", reader, row.chatId, { ...expected!, replace: true }, 1);
      if (call?.method !== "editMessageText") throw new Error("a card renders as an edit");
      expect(shown!.text, `${step}: ${row.kind} card text`).toBe(shownText(call).text);
      expect(shown!.buttons, `${step}: ${row.kind} card buttons`).toEqual(
        call.keyboard?.type === "inline" ? call.keyboard.rows : [],
      );
      checks++;
    }
    // In each chat, at most one message of the signal offers its buttons.
    for (const person of people) {
      const withSignalButtons = person
        .messages()
        .filter((m) => m.buttons.flat().some((b) => b.data?.startsWith("sg:")));
      expect(
        withSignalButtons.length,
        `${step}: actionable messages of ${person.userId}`,
      ).toBeLessThanOrEqual(1);
    }
  }

  /** Remembers every signal button now visible. */
  function collectButtons() {
    for (const person of people)
      for (const message of person.messages())
        for (const button of message.buttons.flat())
          if (
            button.data?.startsWith("sg:") &&
            !seen.some((s) => s.person === person && s.data === button.data)
          )
            seen.push({ person, messageId: message.id, data: button.data });
  }

  async function snapshot() {
    const { db } = h.database;
    return {
      signal: await db.signal.findFirstOrThrow({
        select: { status: true, urgency: true, curatorId: true, version: true, visitDeadline: true },
      }),
      events: await db.signalEvent.count(),
      cases: await db.case.count(),
      cards: await Promise.all(
        (await db.chatCard.findMany({ orderBy: { id: "asc" } })).map(async (c) => {
          const o = c.outboxId ? await db.outboxMessage.findUnique({ where: { id: c.outboxId } }) : null;
          const m = h.messenger.chat(c.chatId).find((x) => x.id === (c.messageId ?? o?.resultMessageId));
          return [m?.text, m?.buttons];
        }),
      ),
    };
  }

  /** Presses every earlier button that is not among those offered now: nothing may change. */
  async function pressOldButtons(step: string) {
    const before = await snapshot();
    const visible = new Set(
      people.flatMap((p) =>
        p.messages().flatMap((m) => m.buttons.flat().map((b) => `${p.userId}|${b.data}`)),
      ),
    );
    for (const button of seen) {
      if (visible.has(`${button.person.userId}|${button.data}`)) continue;
      stalePresses++;
      await h.deliver(button.person.userId, {
        kind: "callback",
        data: button.data,
        callbackQueryId: `stale-${stalePresses}`,
        messageId: button.messageId,
      });
      expect(
        await snapshot(),
        `${step}: old ${button.data.split(":").slice(0, 2).join(":")} pressed`,
      ).toEqual(before);
    }
  }

  async function step(name: string, action: () => Promise<void>) {
    await action();
    await expectCardsCurrent(name);
    await pressOldButtons(name);
    collectButtons();
  }

  async function outcome(curatorPerson: HarnessPerson, decision: "open" | "not confirmed") {
    await curatorPerson.press("📝 Итог визита");
    await curatorPerson.press("Встретился(ась) с женщиной");
    if (decision === "open") {
      await curatorPerson.press("Да, подтверждает отказ");
      await curatorPerson.press("☐ Жильё");
      await curatorPerson.press("Готово ✓");
      await curatorPerson.send("Мать женщины готова помогать");
      await curatorPerson.press("Открыть случай");
    } else {
      await curatorPerson.press("Нет, заберёт ребёнка");
      await curatorPerson.send("Решение принято осознанно, семья поддерживает");
      await curatorPerson.press("Закрыть: сигнал не подтвердился");
      await curatorPerson.send("Женщина забирает ребёнка, отказ был эмоциональным");
    }
    await curatorPerson.press("💾 Сохранить");
  }

  it("a whole round trip: every card current after every step, every old button inert", async () => {
    await step("submitted", () => reportSignal(reporter).then(() => undefined));
    let headInteractions = 0;
    await step("urgency", async () => {
      headInteractions++;
      await head.press("🔴 Срочно (до 3 часов)");
    });
    await step("assigned", async () => {
      headInteractions++;
      await head.press("Петрова А. С. — 0/9");
    });
    // Two taps: the urgency, then the curator listed right on the card.
    expect(headInteractions).toBe(2);
    let curatorInteractions = 0;
    const curatorPress = async (label: string) => {
      curatorInteractions++;
      await curator.press(label);
    };
    await step("accepted", () => curatorPress("✅ Принимаю"));
    await step("departed", () => curatorPress("🚗 Выехал(а)"));
    // Today's step needs no date: the harness starts at 09:00 UTC, 12:00 in Moscow.
    expect(curator.last().text).toMatch(/^🚗 Выезд отмечен: \d\d:\d\d\. /);
    await step("arrived", () => curatorPress("📍 Прибыл(а)"));
    expect(
      curator
        .last()
        .buttons.flat()
        .map((b) => b.text),
    ).toEqual(["📝 Итог визита"]);
    await step("case opened", () => outcome(curator, "open"));
    expect((await h.database.db.signal.findFirstOrThrow()).status).toBe("case_opened");
    // No message of the signal offers anything any more (the reporter's «➕ Новый сигнал» starts another).
    for (const person of people)
      expect(
        person
          .messages()
          .flatMap((m) => m.buttons.flat())
          .filter((b) => b.data?.startsWith("sg:") && b.data !== "sg:new"),
      ).toEqual([]);
    expect(curatorInteractions).toBe(3);
    expect(stalePresses).toBeGreaterThan(10);
    console.info(`round trip: ${checks} card checks, ${stalePresses} old buttons pressed`);
  });

  it("reassigned: the first curator's card becomes a short note without personal data", async () => {
    await step("submitted", () => reportSignal(reporter).then(() => undefined));
    await step("urgency", () => head.press("🔴 Срочно (до 3 часов)"));
    collectButtons();
    await step("assigned", () => head.press("Петрова А. С. — 0/9"));
    await step("accepted", () => curator.press("✅ Принимаю"));
    await head2.press("🔁 Переназначить");
    collectButtons();
    await step("reassigned", () => head2.press("Соколова И. А. — 0/9"));
    const card = curator.messages().find((m) => m.text.startsWith("Сигнал 1/2026 передан другому куратору."));
    expect(card).toBeDefined();
    expect(curator.messages().some((m) => m.text.includes("Иванова"))).toBe(false);
    expect(curator.messages().some((m) => m.buttons.length > 0)).toBe(false);
    await step("accepted by the second", () => curator2.press("✅ Принимаю"));
    await step("arrived", () => curator2.press("📍 Прибыл(а)"));
    await step("not confirmed", () => outcome(curator2, "not confirmed"));
    expect((await h.database.db.signal.findFirstOrThrow()).status).toBe("not_confirmed");
    const events = await h.database.db.signalEvent.findMany({ orderBy: { id: "asc" } });
    expect(events.map((e) => e.type)).toEqual([
      "registered",
      "transmitted",
      "urgency_set",
      "assigned",
      "accepted",
      "reassigned",
      "accepted",
      "arrived",
      "outcome",
      "closed",
    ]);
    console.info(`reassign + not confirmed: ${checks} card checks, ${stalePresses} old buttons pressed`);
  });

  it("two heads press different curators at once: one assignment, the other head is told who did it", async () => {
    await reportSignal(reporter);
    await head.press("🔴 Срочно (до 3 часов)");
    await Promise.all([head.press("Петрова А. С. — 0/9"), head2.press("Соколова И. А. — 0/9")]);
    const events = await h.database.db.signalEvent.findMany({
      where: { type: { in: ["assigned", "reassigned"] } },
    });
    expect(events).toHaveLength(1);
    const winner = events[0]!.actorStaffId === head.staffId ? head : head2;
    const loser = winner === head ? head2 : head;
    const told = loser.messages().find((m) => m.text.startsWith("Куратор уже назначен:"));
    expect(told?.text).toContain(winner === head ? "Кузнецова М. П." : "Орлова Е. В.");
    await expectCardsCurrent("after the race");
  });

  it("an urgency change after the assignment is explicit and reaches the curator", async () => {
    await reportSignal(reporter);
    collectButtons();
    await head.press("🟢 Плановый");
    await head.press("Петрова А. С. — 0/9");
    // The old urgency buttons do nothing.
    await pressOldButtons("assigned");
    expect((await h.database.db.signal.findFirstOrThrow()).urgency).toBe("planned");
    expect(h.messenger.callbackAnswers.some((a) => a.text?.startsWith("Эта кнопка устарела"))).toBe(true);
    // The explicit way (the API, the console) changes it, and the curator is told.
    const api = await h.api();
    const id = await signalId();
    const res = await api.call(head.staffId, "POST", `/api/signals/${id}/urgency`, { urgency: "urgent" });
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    expect(curator.last().text).toContain("Срочность сигнала 1/2026 изменена");
    await expectCardsCurrent("urgency changed");
  });

  it("the curator is nudged before the accept time runs out; the heads' alert carries «Переназначить» while it matters", async () => {
    await reportSignal(reporter);
    await head.press("🔴 Срочно (до 3 часов)");
    await head.press("Петрова А. С. — 0/9");
    await h.advance(10);
    expect(curator.last().text).toContain("Пожалуйста, подтвердите сигнал 1/2026");
    expect(head.messages().some((m) => m.text.includes("не подтвердил(а)"))).toBe(false);
    await h.advance(5);
    const alert = head2.last();
    expect(alert.text).toContain("⏰ Куратор Петрова А. С. не подтвердил(а) сигнал 1/2026");
    expect(alert.buttons.flat().map((b) => b.text)).toEqual(["🔁 Переназначить"]);
    await head2.press("🔁 Переназначить");
    await head2.press("Соколова И. А. — 0/9");
    expect(curator2.messages().some((m) => m.text.includes("Вам назначен сигнал 1/2026"))).toBe(true);
    // The alert is a note now; every card reads as the signal is.
    expect(head2.messages().find((m) => m.id === alert.id)?.buttons).toEqual([]);
    expect(
      head
        .messages()
        .filter((m) => m.text.includes("не подтвердил(а)"))
        .every((m) => m.buttons.length === 0),
    ).toBe(true);
    await expectCardsCurrent("reassigned after the timeout");
  });
});
