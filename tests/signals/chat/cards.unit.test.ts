/**
 * The signal cards as pure rendering: what each person reads, and that every button on a card is
 * one the registry knows (so no press can reach "no such button").
 */
import { describe, expect, it } from "vitest";
import { createChatApp, createProductTranslator } from "../../../src/app/areas.ts";
import type { ChatMessage } from "../../../src/platform/chat/app.ts";
import { headCard } from "../../../src/signals/chat/cards.ts";
import { curatorCard } from "../../../src/signals/chat/curator-cards.ts";
import type { SignalView } from "../../../src/signals/queries/signal-view.ts";

const translator = createProductTranslator((locale, key) => {
  throw new Error(`missing text ${key} in ${locale}`);
});
const app = createChatApp();
const NOW = new Date("2026-11-23T09:00:00Z");

function person(id: string, fullName: string): NonNullable<SignalView["curator"]> {
  return { id, fullName } as NonNullable<SignalView["curator"]>;
}

/** A fictional signal as loadSignal returns it. */
function signal(overrides: Partial<SignalView> = {}): SignalView {
  return {
    id: "0b8e4a52-7c1d-4f7e-9a44-3e2f1d0c9b8a",
    serviceId: "11111111-1111-4111-8111-111111111111",
    hospitalId: "33333333-3333-4333-8333-333333333333",
    reporterId: "55555555-5555-4555-8555-555555555555",
    hospitalYear: 2026,
    hospitalNumber: 3,
    serviceYear: 2026,
    serviceNumber: 12,
    kind: "newborn",
    threat: null,
    womanFullName: "Иванова Анна Петровна",
    womanNameKey: "иванова анна петровна",
    womanBirthDate: new Date("1995-03-12T00:00:00Z"),
    womanAge: null,
    registeredAddress: "г. Москва, ул. Ленина, 1",
    actualAddress: null,
    ambulanceFrom: null,
    byAmbulance: null,
    phone: "+79000000001",
    category: "intends_to_abandon",
    location: "together_in_ward",
    comment: null,
    identifiedAt: new Date("2026-11-23T08:30:00Z"),
    registeredAt: new Date("2026-11-23T08:50:00Z"),
    transmittedAt: new Date("2026-11-23T09:00:00Z"),
    late: false,
    detailsPending: false,
    urgency: null,
    status: "received",
    curatorId: null,
    assignedAt: null,
    assignedById: null,
    acceptedAt: null,
    departedAt: null,
    arrivedAt: null,
    visitDeadline: null,
    plannedVisitAt: null,
    outcome: null,
    decidedAt: null,
    isDemo: false,
    createdAt: NOW,
    version: 0,
    hospital: { name: "Роддом №1 (тест)", shortName: "РД1" } as SignalView["hospital"],
    service: { timeZone: "Europe/Moscow" } as SignalView["service"],
    reporter: person("55555555-5555-4555-8555-555555555555", "Смирнова Ольга Ивановна"),
    curator: null,
    assignedBy: null,
    case: null,
    ...overrides,
  };
}

function read(message: ChatMessage) {
  return {
    text: translator.renderAll(message.texts, "ru", "Europe/Moscow"),
    buttons: (message.buttons ?? []).flat().map((b) => translator.render(b.text, "ru", "Europe/Moscow")),
    data: (message.buttons ?? []).flat().map((b) => b.data),
  };
}

describe("signal cards", () => {
  it("the head's card of a new signal: no name of the woman, urgency buttons", () => {
    const card = read(headCard(signal(), []));
    expect(card.text).toContain("🆕 Новый сигнал 12/2026");
    expect(card.text).toContain("Риск выявлен: 23.11.2026 11:30, передан через 30 минут");
    expect(card.text).not.toContain("Иванова");
    expect(card.buttons).toEqual(["🔴 Срочно (до 3 часов)", "🟢 Плановый"]);
  });

  it("the head's card: her age (a minor marked), who passed it with a work phone, the comment, earlier signals with their curator", () => {
    const reporter = {
      ...person("55555555-5555-4555-8555-555555555555", "Смирнова Ольга Ивановна"),
      phone: "+74950000000",
    } as SignalView["reporter"];
    const card = read(
      headCard(signal({ reporter, comment: "Плачет, просит позвонить маме" }), [
        { number: "3/2025", status: "case_opened", caseNumber: "7", curator: "Петрова Анна Сергеевна" },
        { number: "1/2025", status: "not_confirmed", caseNumber: null, curator: null },
      ]),
    );
    expect(card.text).toContain("Возраст: 31 год\n");
    expect(card.text).not.toContain("несовершеннолетняя");
    expect(card.text).toContain("Передал(а): Смирнова О. И., рабочий телефон +74950000000");
    expect(card.text).toContain("Комментарий: Плачет, просит позвонить маме");
    expect(card.text).toContain(
      "Ранее: сигнал 3/2025 — открыт случай № 7, куратор Петрова А. С., сигнал 1/2025 — ",
    );
    expect(card.text).not.toContain("Иванова");
    const minor = read(headCard(signal({ womanBirthDate: new Date("2009-12-01T00:00:00Z") }), []));
    expect(minor.text).toContain("Возраст: 16 лет — ⚠️ несовершеннолетняя");
    expect(read(headCard(signal({ womanBirthDate: null, womanAge: 17 }), [])).text).toContain(
      "Возраст: 17 лет — ⚠️ несовершеннолетняя",
    );
    expect(read(headCard(signal({ womanBirthDate: null }), [])).text).toContain("Возраст: неизвестен");
    // No work phone known: the name alone.
    expect(read(headCard(signal(), [])).text).toContain("Передал(а): Смирнова О. И.\n");
  });

  it("the head's card recommends urgent when she intends to abandon and is in the hospital with the child, never sets it", () => {
    const recommended = "Рекомендуется: 🔴 срочно (визит в течение 1–3 часов, по стандарту)";
    const card = read(headCard(signal({ category: "refusal_written", location: "child_in_icu" }), []));
    expect(card.text).toContain(recommended);
    expect(card.text).not.toContain("Срочно — визит");
    expect(card.buttons[0]).toBe("🔴 Срочно (до 3 часов)");
    expect(read(headCard(signal({ category: "undecided" }), [])).text).not.toContain("Рекомендуется");
    expect(read(headCard(signal({ location: "woman_left" }), [])).text).not.toContain("Рекомендуется");
    // Once the head has chosen, the suggestion is gone.
    expect(read(headCard(signal({ urgency: "planned" }), [])).text).not.toContain("Рекомендуется");
  });

  it("the head's card follows the state: assign, then reassign, then nothing", () => {
    expect(read(headCard(signal({ urgency: "urgent" }), [])).buttons).toEqual(["👤 Назначить куратора"]);
    const curators = [
      {
        id: "66666666-6666-4666-8666-666666666666",
        fullName: "Петрова Анна Сергеевна",
        openCases: 2,
        onVisit: true,
      },
      { id: "88888888-8888-4888-8888-888888888888", fullName: "Соколова Ирина Андреевна", openCases: 9 },
    ];
    // Two taps: once the urgency is set, the card itself lists the curators under its details.
    const withList = read(headCard(signal({ urgency: "urgent" }), [], curators));
    expect(withList.buttons).toEqual([
      "Петрова А. С. — 2/9 · на выезде",
      "Соколова И. А. — 9/9 ⛔ полная нагрузка",
    ]);
    expect(withList.text).toContain("Кого назначить? Рядом — открытые случаи (максимум 9).");
    expect(withList.text).toContain("Роддом:");
    const assigned = signal({
      urgency: "urgent",
      status: "assigned",
      curatorId: "66666666-6666-4666-8666-666666666666",
      curator: person("66666666-6666-4666-8666-666666666666", "Петрова Анна Сергеевна"),
      assignedBy: person("77777777-7777-4777-8777-777777777777", "Кузнецова Мария Петровна"),
      assignedAt: NOW,
    });
    expect(read(headCard(assigned, [])).buttons).toEqual(["🔁 Переназначить", "⚡ Изменить срочность"]);
    expect(read(headCard({ ...assigned, status: "case_opened" }, [])).buttons).toEqual([]);
  });

  it("the curator's card has what is needed to go and the next step only", () => {
    const assigned = signal({
      status: "assigned",
      urgency: "urgent",
      visitDeadline: new Date("2026-11-23T12:00:00Z"),
    });
    const card = read(curatorCard(assigned));
    expect(card.text).toContain("Женщина: Иванова Анна Петровна");
    expect(card.text).toContain("🔴 Срочно — визит в течение 3 часов: прибыть до 23.11.2026 15:00");
    expect(card.buttons).toEqual(["✅ Принимаю", "↩️ Отказаться"]);
    expect(read(curatorCard({ ...assigned, status: "arrived" })).buttons).toEqual(["📝 Итог визита"]);
  });

  it("the curator's card: the hospital's address and who passed the signal with a work phone; with the secure form, still no personal data", () => {
    const reporter = {
      ...person("55555555-5555-4555-8555-555555555555", "Смирнова Ольга Ивановна"),
      phone: "+74950000000",
    } as SignalView["reporter"];
    const hospital = {
      name: "Роддом №1 (тест)",
      shortName: "РД1",
      address: "г. Тестов, ул. Садовая, 5",
    } as SignalView["hospital"];
    const assigned = signal({
      status: "assigned",
      urgency: "planned",
      reporter,
      hospital,
      comment: "Просит тишины",
    });
    const card = read(curatorCard(assigned));
    expect(card.text).toContain("Роддом: Роддом №1 (тест)\nАдрес роддома: г. Тестов, ул. Садовая, 5");
    expect(card.text).toContain("Передал(а): Смирнова О. И., рабочий телефон +74950000000");
    const byForm = read(curatorCard(assigned, { byForm: true }));
    expect(byForm.text).toContain("Адрес роддома: г. Тестов, ул. Садовая, 5");
    expect(byForm.text).toContain("Передал(а): Смирнова О. И., рабочий телефон +74950000000");
    for (const personal of ["Иванова", "1995", "Ленина", "+79000000001", "Просит тишины"])
      expect(byForm.text).not.toContain(personal);
    // No address on record: the hospital's name only.
    expect(read(curatorCard(signal({ status: "assigned" }))).text).not.toContain("Адрес роддома");
  });

  it("a threat to a child: its own title, the threat on the head's card, contact within 1 hour, the assessment after contact", () => {
    const threat = signal({
      kind: "child_threat",
      category: "child_threat",
      location: "child_with_family",
      womanFullName: "Тестова Анна Петровна",
      threat: {
        childName: "Тестов Пётр",
        childBirth: 2,
        threat: "Соседи слышат крики ребёнка по ночам",
        source: "neighbours",
      },
    });
    const head = read(headCard(threat, []));
    expect(head.text).toContain("⚠️ Новый сигнал 12/2026: угроза жизни или здоровью ребёнка");
    expect(head.text).toContain("Категория: Угроза жизни или здоровью ребёнка");
    expect(head.text).toContain("Где сейчас: Ребёнок в семье");
    expect(head.text).toContain("Что известно об угрозе: Соседи слышат крики ребёнка по ночам");
    expect(head.text).toContain("Кто сообщил: Соседи");
    expect(head.text).not.toContain("Тестов"); // neither the child's nor the parent's name
    expect(head.buttons).toEqual(["🔴 Срочно (контакт до 1 часа)", "🟢 Плановый"]);
    const urgent = { urgency: "urgent" as const, visitDeadline: new Date("2026-11-23T10:00:00Z") };
    // The key line comes first: contact within 1 hour, and by when.
    expect(read(headCard({ ...threat, ...urgent }, [])).text).toMatch(
      /^🔴 Срочно — контакт с семьёй в течение 1 часа: до 23\.11\.2026 13:00\n/,
    );
    const curator = read(curatorCard({ ...threat, ...urgent, status: "assigned" }));
    expect(curator.text).toContain("Вам назначен сигнал 12/2026: угроза жизни или здоровью ребёнка");
    expect(curator.text).toContain("Ребёнок: Тестов Пётр\nДата рождения / возраст ребёнка: 2 года");
    expect(curator.text).toContain("Мать, отец или законный представитель: Тестова Анна Петровна");
    expect(curator.text).toContain("Контакт с семьёй до: 23.11.2026 13:00");
    expect(curator.buttons).toEqual(["✅ Принимаю", "↩️ Отказаться"]);
    const arrived = read(curatorCard({ ...threat, ...urgent, status: "arrived" }));
    expect(arrived.buttons).toEqual(["🛡 Оценка безопасности и риска"]);
    expect(app.buttons.resolve(arrived.data[0]!)).not.toBeNull();
  });

  it("wording: one full stop after initials, an ellipsis kept, ages read 'years old' in English", () => {
    const notice = {
      key: "signal.reassigned_notice",
      params: { number: "12/2026", curator: "Белова А. С." },
    };
    expect(translator.render(notice, "ru", "Europe/Moscow")).toBe(
      "Сигнал 12/2026 передан другому куратору: Белова А. С.",
    );
    expect(translator.render(notice, "en", "Europe/Moscow")).toBe(
      "Signal 12/2026 moved to another curator: Белова А. С.",
    );
    const comment = { key: "signal.card.comment", params: { value: "Ждёт Т..." } };
    expect(translator.render(comment, "ru", "Europe/Moscow")).toBe("Комментарий: Ждёт Т...");
    const age = {
      key: "signal.card.age",
      params: { age: { key: "common.age_years", params: { count: 25 } } },
    };
    expect(translator.render(age, "en", "Europe/Moscow")).toBe("Age: 25 years old");
  });

  it("every button on every card decodes to a registered button", () => {
    const states: Partial<SignalView>[] = [
      {},
      { urgency: "urgent" },
      { urgency: "urgent", status: "assigned" },
      { urgency: "urgent", status: "accepted" },
      { urgency: "urgent", status: "on_the_way" },
      { urgency: "urgent", status: "arrived" },
    ];
    for (const state of states) {
      for (const message of [headCard(signal(state), []), curatorCard(signal(state))]) {
        for (const data of read(message).data) {
          expect(app.buttons.resolve(data), data).not.toBeNull();
          expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
        }
      }
    }
  });
});
