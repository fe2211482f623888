/**
 * Cards read at a glance (issue 7): their labels are bold (HTML), and whatever people typed — a
 * woman's name, a comment — shows exactly as typed, never as markup.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness, type HarnessPerson } from "../helpers/harness.ts";

const NAME = "Иванова Анна <script>alert(1)</script> & Ко";
const COMMENT = "Мама сказала: <b>не звоните</b> & не пишите";

describe("cards with bold labels", () => {
  let h: Harness;
  let reporter: HarnessPerson;
  let head: HarnessPerson;
  let curator: HarnessPerson;

  beforeEach(async () => {
    h = await createHarness();
    reporter = await h.person("reporter", "Смирнова Ольга Ивановна");
    head = await h.person("head", "Кузнецова Мария Петровна");
    curator = await h.person("curator", "Петрова Анна Сергеевна");
  });
  afterEach(async () => h.stop());

  it("bold labels; a name and a comment with < & > show as typed", async () => {
    await reporter.send("/new");
    await reporter.send(NAME);
    await reporter.press("Открыто заявляет об отказе");
    await reporter.press("Вместе с ребёнком в палате");
    await reporter.press("30 мин назад");
    await reporter.send("12.03.1995");
    await reporter.send("г. Москва, ул. Ленина, 1");
    await reporter.press("Совпадает с регистрацией");
    await reporter.press("Неизвестно");
    await reporter.send("+7 900 000-00-01");
    await reporter.send(COMMENT);
    await reporter.press("📤 Отправить в Службу");

    const card = head.messages().find((m) => m.text.startsWith("🆕 Новый сигнал"))!;
    expect(card.text).toContain(`Комментарий: ${COMMENT}`);
    expect(card.bold).toEqual(
      expect.arrayContaining(["Роддом:", "Категория:", "Где сейчас:", "Комментарий:"]),
    );
    // What was typed is never bold.
    expect(card.bold!.some((b) => b.includes("не звоните"))).toBe(false);

    await head.press("🔴 Срочно (до 3 часов)");
    await head.press("Петрова А. С. — 0/9");
    const curatorCard = curator.messages().find((m) => m.text.includes("📋 Вам назначен сигнал"))!;
    // The key line first, then the labels in bold and her name exactly as typed.
    expect(curatorCard.text.split("\n")[0]).toMatch(/^🔴 Срочно — визит в течение 3 часов: прибыть до /);
    expect(curatorCard.text).toContain(`Женщина: ${NAME}\n`);
    expect(curatorCard.text).toContain(`Комментарий: ${COMMENT}\n`);
    expect(curatorCard.bold).toEqual(
      expect.arrayContaining([
        "Женщина:",
        "Роддом:",
        "Телефон:",
        "Категория:",
        "Комментарий:",
        "Передал(а):",
      ]),
    );
    expect(curatorCard.bold!.some((b) => b.includes("script") || b.includes("не звоните"))).toBe(false);
  });
});
