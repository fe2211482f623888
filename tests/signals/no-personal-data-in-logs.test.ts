import { expect, it } from "vitest";
import { createHarness } from "../helpers/harness.ts";

it("logs of a whole round trip, including a failing turn, carry no personal data", async () => {
  const lines: string[] = [];
  const h = await createHarness({ logSink: (line) => lines.push(line) });
  const reporter = await h.person("reporter", "Смирнова Ольга Ивановна");
  const head = await h.person("head", "Кузнецова Мария Петровна");
  const curator = await h.person("curator", "Петрова Анна Сергеевна");
  await reporter.send("/new");
  await reporter.send("Зайцева Кира Львовна");
  await reporter.press("Написала отказ");
  await reporter.press("Вместе с ребёнком в палате");
  await reporter.press("Только что");
  await reporter.send("12.03.1995");
  await reporter.send("ул. Секретная, 7");
  await reporter.press("Совпадает с регистрацией");
  await reporter.press("Неизвестно");
  await reporter.send("+7 911 222-33-44");
  await reporter.send("Живёт с сожителем");
  await reporter.press("📤 Отправить в Службу");
  await head.press("🔴 Срочно (до 3 часов)");
  // A turn that fails inside the database, with an error message quoting personal data.
  await h.database.db.$executeRawUnsafe(
    `CREATE FUNCTION fail_once() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'cannot assign Зайцева Кира, +79112223344'; END $$ LANGUAGE plpgsql`,
  );
  await h.database.db.$executeRawUnsafe(
    `CREATE TRIGGER fail_once BEFORE INSERT ON signal_events FOR EACH ROW EXECUTE FUNCTION fail_once()`,
  );
  await head.press("Петрова А. С. — 0/9");
  await h.database.db.$executeRawUnsafe(`DROP TRIGGER fail_once ON signal_events`);
  expect(head.last().text).toContain("Что-то пошло не так");
  await curator.send("/my");

  expect(lines.length).toBeGreaterThan(0);
  const all = lines.join("\n");
  expect(all).toContain('"msg":"update failed"');
  for (const secret of [
    "Зайцева",
    "Кира",
    "Секретная",
    "911",
    "222-33-44",
    "79112223344",
    "сожител",
    "Смирнова",
    "Кузнецова",
    "Петрова",
  ]) {
    expect(all, `logs mention "${secret}"`).not.toContain(secret);
  }
  await h.stop();
});
