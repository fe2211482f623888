import { expect, it } from "vitest";
import { createHarness } from "../helpers/harness.ts";

it("a reporter in Yekaterinburg and a service in Moscow each see their own local times", async () => {
  // 09:00 UTC = 14:00 in Yekaterinburg (UTC+5) = 12:00 in Moscow (UTC+3).
  const h = await createHarness({ serviceTimeZone: "Europe/Moscow", hospitalTimeZone: "Asia/Yekaterinburg" });
  const reporter = await h.person("reporter", "Смирнова Ольга Ивановна");
  const head = await h.person("head", "Кузнецова Мария Петровна");
  await reporter.send("/new");
  await reporter.send("Иванова Анна Петровна");
  await reporter.press("Не приняла решения");
  await reporter.press("Вместе с ребёнком в палате");
  await reporter.send("13:15"); // typed in the hospital's zone
  await reporter.send("30");
  await reporter.press("Неизвестно");
  await reporter.press("Неизвестно");
  await reporter.press("Неизвестно");
  await reporter.press("Неизвестно");
  await reporter.press("Пропустить");
  expect(reporter.last().text).toContain("• Риск выявлен: 23.11.2026 13:15");
  await reporter.press("📤 Отправить в Службу");
  expect(reporter.last().text).toContain("Выявлен: 23.11.2026 13:15. Передан: 23.11.2026 14:00.");
  expect(head.last().text).toContain("Риск выявлен: 23.11.2026 11:15, передан через 45 минут");
  expect(head.last().text).toContain("Передан: 23.11.2026 12:00");
  const signal = await h.database.db.signal.findFirstOrThrow();
  expect(signal.identifiedAt.toISOString()).toBe("2026-11-23T08:15:00.000Z");
  expect(signal.womanAge).toBe(30);
  expect(signal.registeredAddress).toBeNull();
  await h.stop();
});

it("journal numbers restart with the new year in the service's zone", async () => {
  // 21:30 UTC on 31 December is already 1 January in Moscow.
  const h = await createHarness({ start: new Date("2026-12-31T21:30:00Z") });
  const reporter = await h.person("reporter", "Смирнова Ольга Ивановна");
  await h.person("head", "Кузнецова Мария Петровна");
  await reporter.send("/new");
  await reporter.send("Иванова Анна");
  for (const label of ["Не приняла решения", "Вместе с ребёнком в палате", "Только что"])
    await reporter.press(label);
  await reporter.send("30");
  for (const label of [
    "Неизвестно",
    "Неизвестно",
    "Неизвестно",
    "Неизвестно",
    "Пропустить",
    "📤 Отправить в Службу",
  ]) {
    await reporter.press(label);
  }
  expect(reporter.last().text).toContain("Номер в журнале роддома: 1/2027\nНомер в журнале Службы: 1/2027");
  await h.stop();
});
