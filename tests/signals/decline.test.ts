/**
 * A curator declines an assignment with a reason (issue 7): the heads are told at once and can
 * assign someone else in 2 taps; the declined curator's old buttons do nothing; a decline racing
 * an accept has one winner; after acceptance declining is refused politely.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findChatStaff } from "../../src/access/identity.ts";
import type { CardRow } from "../../src/platform/chat/cards.ts";
import type { Json } from "../../src/platform/flow/types.ts";
import type { MessengerKind } from "../../src/platform/messenger/contract.ts";
import { renderSignalCard } from "../../src/signals/chat/live.ts";
import { earlierSignals } from "../../src/signals/queries/earlier.ts";
import { loadSignal } from "../../src/signals/queries/signal-view.ts";
import { curatorLoads } from "../../src/signals/queries/staff.ts";
import { scrubEventData } from "../../src/privacy/domain/retention.ts";
import { ConsoleBrowser, requestSignInLink, visibleText } from "../helpers/console.ts";
import { createHarness, shownText, type Harness, type HarnessPerson } from "../helpers/harness.ts";
import { reportSignal } from "../helpers/signals.ts";

describe("a curator declines an assignment", () => {
  let h: Harness;
  let reporter: HarnessPerson;
  let head: HarnessPerson;
  let head2: HarnessPerson;
  let curator: HarnessPerson;
  let curator2: HarnessPerson;

  beforeEach(async () => {
    h = await createHarness();
    reporter = await h.person("reporter", "Смирнова Ольга Ивановна");
    head = await h.person("head", "Кузнецова Мария Петровна");
    head2 = await h.person("head", "Орлова Елена Викторовна");
    curator = await h.person("curator", "Петрова Анна Сергеевна");
    curator2 = await h.person("curator", "Соколова Ирина Андреевна");
  });
  afterEach(async () => h.stop());

  const signal = () =>
    h.database.db.signal.findFirstOrThrow({
      select: { id: true, status: true, urgency: true, curatorId: true, version: true },
    });
  const eventTypes = async () =>
    (await h.database.db.signalEvent.findMany({ orderBy: { id: "asc" } })).map((e) => e.type);

  async function assigned() {
    await reportSignal(reporter);
    await head.press("🔴 Срочно (до 3 часов)");
    await head.press("Петрова А. С. — 0/9");
    const card = curator.last();
    expect(card.text).toContain("Вам назначен сигнал 1/2026");
    expect(card.buttons.flat().map((b) => b.text)).toEqual(["✅ Принимаю", "↩️ Отказаться"]);
    return card;
  }

  /** Every card of the signal (the heads' alerts too), as each chat shows it, against the current state. */
  async function expectCardsCurrent(step: string): Promise<string[]> {
    const { db } = h.database;
    const current = (await loadSignal(db, (await signal()).id))!;
    const earlier = await earlierSignals(db, current, current.transmittedAt);
    const curators = current.status === "received" ? await curatorLoads(db, current.serviceId) : [];
    const rows = await db.chatCard.findMany({ where: { subjectId: current.id }, orderBy: { id: "asc" } });
    const all: CardRow[] = rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      staffId: r.staffId,
      messenger: r.messenger as MessengerKind,
      chatId: r.chatId,
      data: r.data as CardRow["data"],
    }));
    for (const [i, row] of rows.entries()) {
      const sent = row.outboxId ? await db.outboxMessage.findUnique({ where: { id: row.outboxId } }) : null;
      const shown = h.messenger
        .chat(row.chatId)
        .find((m) => m.id === (row.messageId ?? sent?.resultMessageId));
      expect(shown, `${step}: ${row.kind} card is in the chat`).toBeDefined();
      const expected = renderSignalCard(current, earlier, curators, all[i]!, all)!;
      const reader = (await findChatStaff(db, { staffId: row.staffId }))!.staff;
      const [call] = h.messages.calls("telegram", reader, row.chatId, { ...expected, replace: true }, 1);
      if (call?.method !== "editMessageText") throw new Error("a card renders as an edit");
      expect(shown!.text, `${step}: ${row.kind} card text`).toBe(shownText(call).text);
      expect(shown!.buttons, `${step}: ${row.kind} card buttons`).toEqual(
        call.keyboard?.type === "inline" ? call.keyboard.rows : [],
      );
    }
    return rows.map((r) => r.kind);
  }

  /** Presses a button seen earlier on a message (as a person tapping an old message would). */
  async function pressOld(person: HarnessPerson, messageId: number, data: string, id: string) {
    await h.deliver(person.userId, { kind: "callback", data, callbackQueryId: id, messageId });
  }

  it("heads are told with the reason, another curator is assigned in 2 taps, the old buttons do nothing", async () => {
    const card = await assigned();
    const oldButtons = card.buttons.flat().map((b) => b.data!);

    await curator.press("↩️ Отказаться");
    expect(curator.last().text).toContain("Почему не можете взять сигнал 1/2026?");
    await curator.press("Далеко, не успею к сроку");
    expect(curator.last().text).toContain("сигнал 1/2026 вернулся к руководителям");

    // Back with the heads, the urgency kept; the event and the audit row carry who and why.
    const after = await signal();
    expect(after).toMatchObject({ status: "received", urgency: "urgent", curatorId: null });
    expect(await eventTypes()).toEqual(["registered", "transmitted", "urgency_set", "assigned", "declined"]);
    const declined = await h.database.db.signalEvent.findFirstOrThrow({ where: { type: "declined" } });
    expect(declined.actorStaffId).toBe(curator.staffId);
    expect(declined.data).toEqual({ curatorId: curator.staffId, reason: "far", text: null });
    const audit = await h.database.db.auditEvent.findFirstOrThrow({ where: { action: "signal.declined" } });
    expect(audit.actorStaffId).toBe(curator.staffId);

    // The curator's card is a short note without the woman's personal data, without buttons.
    const note = curator.messages().find((m) => m.id === card.id)!;
    expect(note.text).toBe(
      "Вы отказались от сигнала 1/2026. Руководители уже знают и назначат другого куратора.",
    );
    expect(curator.messages().some((m) => m.text.includes("Иванова"))).toBe(false);
    expect(curator.messages().some((m) => m.buttons.length > 0)).toBe(false);
    expect(await expectCardsCurrent("declined")).toEqual([
      "head",
      "head",
      "curator",
      "head_declined",
      "head_declined",
    ]);

    // Every head is told at once, with the reason and a way to assign.
    for (const person of [head, head2]) {
      const alert = person.last();
      expect(alert.text).toContain(
        "↩️ Куратор Петрова А. С. отказался(ась) от сигнала 1/2026. Причина: Далеко, не успею к сроку.",
      );
      expect(alert.buttons.flat().map((b) => b.text)).toEqual(["👤 Назначить куратора"]);
    }
    // The head's card itself is assignable again: the curators are listed on it.
    const headCard = head.messages()[0];
    expect(headCard?.buttons.flat().map((b) => b.text)).toEqual([
      "Петрова А. С. — 0/9",
      "Соколова И. А. — 0/9",
    ]);

    // Another curator in 2 taps, from the alert.
    const alertId = head2.last().id;
    await head2.press("👤 Назначить куратора");
    await head2.press("Соколова И. А. — 0/9");
    expect(curator2.last().text).toContain("Вам назначен сигнал 1/2026");
    expect((await signal()).curatorId).toBe(curator2.staffId);
    expect(head2.messages().find((m) => m.id === alertId)?.buttons).toEqual([]);
    expect(head.last().buttons).toEqual([]);
    await expectCardsCurrent("assigned again");

    // The declined curator's old «Принимаю» / «Отказаться» change nothing.
    const before = { signal: await signal(), events: await eventTypes() };
    for (const [i, data] of oldButtons.entries()) await pressOld(curator, card.id, data, `old-${i}`);
    expect({ signal: await signal(), events: await eventTypes() }).toEqual(before);
    expect(curator.messages().find((m) => m.id === card.id)?.text).toBe(note.text);

    // The console's history shows the decline with its reason.
    const browser = new ConsoleBrowser((await h.api()).url);
    expect((await browser.signIn(await requestSignInLink(head))).status).toBe(303);
    const page = visibleText((await browser.get(`/console/signals/${after.id}`)).text);
    expect(page).toContain("Куратор Петрова А. С. отказался(ась), причина: Далеко, не успею к сроку");
  });

  it("«Другое»: the heads read the curator's own words", async () => {
    await assigned();
    await curator.press("↩️ Отказаться");
    await curator.press("Другое");
    await curator.send("Родственница этой семьи");
    expect(head.last().text).toContain("Причина: Родственница этой семьи.");
    const declined = await h.database.db.signalEvent.findFirstOrThrow({ where: { type: "declined" } });
    expect(declined.data).toMatchObject({ reason: "other", text: "Родственница этой семьи" });
    // The free text goes when the signal is anonymised; who declined and the preset stay.
    expect(scrubEventData("declined", declined.data as Json)).toEqual({
      curatorId: curator.staffId,
      reason: "other",
      text: null,
    });
  });

  it("nobody on it again: the heads are reminded until someone is assigned", async () => {
    await assigned();
    await h.advance(20);
    expect(head.messages().some((m) => m.text.includes("ждёт назначения куратора"))).toBe(false);
    await curator.press("↩️ Отказаться");
    await curator.press("Болею / не на работе");
    await h.advance(15);
    const reminders = head.messages().filter((m) => m.text.includes("ждёт назначения куратора"));
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.text).toContain("Сигнал 1/2026");
    await head.press("Соколова И. А. — 0/9");
    await h.advance(30);
    expect(head.messages().filter((m) => m.text.includes("ждёт назначения куратора"))).toHaveLength(1);
  });

  it("a decline racing an accept: exactly one wins", async () => {
    await assigned();
    await curator.press("↩️ Отказаться");
    await Promise.all([curator.press("Болею / не на работе"), curator.press("✅ Принимаю")]);
    const events = await eventTypes();
    const outcomes = events.filter((e) => e === "accepted" || e === "declined");
    expect(outcomes).toHaveLength(1);
    const now = await signal();
    if (outcomes[0] === "accepted") {
      expect(now).toMatchObject({ status: "accepted", curatorId: curator.staffId });
      expect(head.messages().some((m) => m.text.includes("отказался(ась)"))).toBe(false);
    } else {
      expect(now).toMatchObject({ status: "received", curatorId: null });
      expect(head.messages().some((m) => m.text.includes("принял(а) сигнал 1/2026"))).toBe(false);
    }
  });

  it("after acceptance, declining is refused politely and changes nothing", async () => {
    const card = await assigned();
    const decline = card.buttons.flat().find((b) => b.text === "↩️ Отказаться")!.data!;
    // The reason was being chosen when the curator accepted after all.
    await curator.press("↩️ Отказаться");
    await curator.press("✅ Принимаю");
    const before = { signal: await signal(), events: await eventTypes() };
    expect(before.signal.status).toBe("accepted");
    await curator.press("Болею / не на работе");
    expect(curator.last().text).toContain("Сигнал 1/2026 уже принят — отказаться через бота нельзя");
    // The old button too.
    await pressOld(curator, card.id, decline, "late");
    expect(h.messenger.callbackAnswers.at(-1)?.text).toContain("уже принят — отказаться через бота нельзя");
    expect({ signal: await signal(), events: await eventTypes() }).toEqual(before);
    expect(head.messages().some((m) => m.text.includes("отказался(ась)"))).toBe(false);
  });

  it("in English too", async () => {
    const en = await h.person("curator", "Adams Jane", { locale: "en" });
    await reportSignal(reporter);
    await head.press("🔴 Срочно (до 3 часов)");
    await head.press("Adams J. — 0/9");
    expect(
      en
        .last()
        .buttons.flat()
        .map((b) => b.text),
    ).toEqual(["✅ Accept", "↩️ Decline"]);
    await en.press("↩️ Decline");
    expect(en.last().text).toContain("Why can't you take signal 1/2026?");
    await en.press("Conflict of interest");
    expect(en.last().text).toContain("signal 1/2026 is back with the heads");
    expect(head.last().text).toContain("Причина: Конфликт интересов.");
  });
});
