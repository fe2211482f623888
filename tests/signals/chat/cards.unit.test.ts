/**
 * The signal cards as pure rendering: what each person reads, and that every button on a card is
 * one the registry knows (so no press can reach "no such button").
 */
import { describe, expect, it } from "vitest";
import { createChatApp, createProductTranslator } from "../../../src/app/areas.ts";
import type { ChatMessage } from "../../../src/platform/chat/app.ts";
import { curatorCard, headCard } from "../../../src/signals/chat/cards.ts";
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
    expect(read(headCard(assigned, [])).buttons).toEqual(["🔁 Переназначить"]);
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
    expect(read(headCard({ ...threat, ...urgent }, [])).text).toContain(
      "Срочность: Срочно: контакт с семьёй в течение 1 часа\nКонтакт с семьёй до: 23.11.2026 13:00",
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
