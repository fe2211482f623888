/**
 * Steps of the signal round trip that many tests share.
 */
import type { DbClient } from "../../src/platform/db/client.ts";
import type { Harness, HarnessPerson } from "./harness.ts";

/** The reporter's whole dialogue with every answer known; returns the interactions used. */
export async function reportSignal(
  reporter: HarnessPerson,
  options: { name?: string; born?: string; location?: string; when?: string } = {},
): Promise<number> {
  let interactions = 0;
  const send = async (text: string) => {
    interactions++;
    await reporter.send(text);
  };
  const press = async (label: string) => {
    interactions++;
    await reporter.press(label);
  };
  await send("/new");
  await send(options.name ?? "Иванова Анна Петровна");
  await press("Открыто заявляет об отказе");
  await press(options.location ?? "Вместе с ребёнком в палате");
  if (options.when) await send(options.when);
  else await press("30 мин назад");
  await send(options.born ?? "12.03.1995");
  await send("г. Москва, ул. Ленина, 1");
  await press("Совпадает с регистрацией");
  await press("Неизвестно");
  await send("+7 900 000-00-01");
  await press("Пропустить");
  await press("📤 Отправить в Службу");
  return interactions;
}

/** Gives `curatorId` `count` open cases of earlier years (fictional women). */
export async function fillCaseload(
  db: DbClient,
  h: Pick<Harness, "serviceId" | "hospitalId" | "now">,
  reporterId: string,
  curatorId: string,
  count = 9,
): Promise<void> {
  for (let i = 1; i <= count; i++) {
    const s = await db.signal.create({
      data: {
        serviceId: h.serviceId,
        hospitalId: h.hospitalId,
        reporterId,
        hospitalYear: 2025,
        hospitalNumber: i,
        serviceYear: 2025,
        serviceNumber: i,
        womanFullName: `Тестова${i} Мария`,
        womanNameKey: `тестова${i} мария`,
        category: "undecided",
        location: "together_in_ward",
        identifiedAt: h.now(),
        registeredAt: h.now(),
        transmittedAt: h.now(),
        status: "case_opened",
        curatorId,
      },
    });
    await db.case.create({
      data: {
        serviceId: h.serviceId,
        signalId: s.id,
        caseYear: 2025,
        caseNumber: i,
        number: `${i}/2025`,
        curatorId,
        openedAt: h.now(),
      },
    });
  }
}
