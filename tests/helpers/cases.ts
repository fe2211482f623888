/**
 * Steps of a case's life that many tests share, done as people do them in the bot (the harness's
 * fake messenger, the real runtime and actions).
 */
import type { Harness, HarnessPerson } from "./harness.ts";
import { reportSignal } from "./signals.ts";

/** The people of a case. */
export interface CasePeople {
  reporter: HarnessPerson;
  head: HarnessPerson;
  head2: HarnessPerson;
  curator: HarnessPerson;
}

/** Creates the usual people. */
export async function casePeople(h: Harness): Promise<CasePeople> {
  return {
    reporter: await h.person("reporter", "Смирнова Ольга Ивановна"),
    head: await h.person("head", "Кузнецова Мария Петровна"),
    head2: await h.person("head", "Орлова Елена Викторовна"),
    curator: await h.person("curator", "Петрова Анна Сергеевна"),
  };
}

/**
 * A signal, assigned, visited and confirmed: the curator's last message is "case opened" with the
 * sheet button. Returns the case's id.
 */
export async function openCaseThroughBot(
  h: Harness,
  p: CasePeople,
  woman = "Иванова Анна Петровна",
  curator: HarnessPerson = p.curator,
  curatorSurname = "Петрова",
): Promise<string> {
  await reportSignal(p.reporter, { name: woman });
  await p.head.press("🔴 Срочно (до 3 часов)");
  const choice = p.head
    .last()
    .buttons.flat()
    .find((b) => b.text.startsWith(curatorSurname))!;
  await p.head.press(choice.text);
  await curator.press("✅ Принимаю");
  await curator.press("📍 Прибыл(а)");
  await curator.press("📝 Итог визита");
  await curator.press("Встретился(ась) с женщиной");
  await curator.press("Да, подтверждает отказ");
  await curator.press("☐ Жильё");
  await curator.press("☐ Деньги");
  await curator.press("Готово ✓");
  await curator.send("Мать женщины готова помогать");
  await curator.press("Открыть случай");
  await curator.press("💾 Сохранить");
  const c = await h.database.db.case.findFirstOrThrow({
    where: { signal: { womanFullName: woman } },
    select: { id: true },
  });
  return c.id;
}

/** Counts the presses and messages a person makes. */
export class Counter {
  count = 0;
  constructor(private readonly person: HarnessPerson) {}
  async press(label: string): Promise<void> {
    this.count++;
    await this.person.press(label);
  }
  async send(text: string): Promise<void> {
    this.count++;
    await this.person.send(text);
  }
}

/** The whole signal sheet from the "📝 Сигнальный лист" button; returns the interactions. */
export async function fillSheet(curator: HarnessPerson): Promise<number> {
  const c = new Counter(curator);
  await c.press("📝 Сигнальный лист");
  await c.press("Частично");
  await c.press("Нет");
  await c.press("Нет");
  await c.press("Живут с ней");
  await c.send("Сын 5 лет, живёт с ней");
  await c.press("Съёмное");
  await c.press("Есть, по месту жительства");
  await c.press("Случайные заработки");
  await c.press("☐ Её мать");
  await c.press("Готово ✓");
  await c.press("За то, чтобы ребёнок остался");
  await c.send("Боится не справиться одна, готова обсуждать помощь");
  await c.press("Пропустить");
  await c.press("💾 Сохранить лист");
  return c.count;
}

/** A plan for changing the decision with two actions, from the card's "🗂 Составить план". */
export async function makeDecisionPlan(curator: HarnessPerson): Promise<number> {
  const c = new Counter(curator);
  await c.press("🗂 Составить план");
  await c.send("Мать готова помогать, есть съёмное жильё");
  await c.send("Мама забирает ребёнка домой");
  await c.send("Оформить пособия\nНайти кроватку и коляску");
  await c.send("Встреча с матерью женщины");
  await c.press("Куратор");
  await c.press("Через 3 дня");
  await c.press("➕ Добавить ещё");
  await c.send("Оформить пособие на ребёнка");
  await c.press("Другая организация");
  await c.send("Соцзащита Центрального района");
  await c.press("Через 2 недели");
  await c.press("✅ Готово");
  await c.press("💾 Сохранить план");
  return c.count;
}

/** A weekly monitoring with nothing changed, from the reminder's "📋 Мониторинг"; returns the interactions. */
export async function monitorNothingChanged(
  person: HarnessPerson,
  decision = "Продолжить работу",
): Promise<number> {
  const c = new Counter(person);
  await c.press("📋 Мониторинг");
  await c.press("✅ Всё по плану, без изменений");
  await c.press("Нет");
  await c.press(decision);
  if (decision !== "Продолжить работу") await c.press("Пропустить");
  await c.press("💾 Сохранить");
  return c.count;
}

/** Moves the clock day by day (so each day's reminders come on their day). */
export async function days(h: Harness, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await h.advance(24 * 60);
}

/** Texts of every message a person got, newest last. */
export function texts(person: HarnessPerson): string[] {
  return person.messages().map((m) => m.text);
}

/**
 * A concluded safety and risk assessment of the case (conclusion 3), as the assessment dialogue
 * leaves it: what closing an accompaniment case with reason (b) or (c) requires. Written directly:
 * the assessment's own transcripts play the dialogue.
 */
export async function concludedAssessment(h: Harness, caseId: string, specialistId: string): Promise<string> {
  const db = h.database.db;
  const c = await db.case.findUniqueOrThrow({ where: { id: caseId }, select: { serviceId: true } });
  const now = h.now();
  const row = await db.assessment.create({
    data: {
      serviceId: c.serviceId,
      number: "1/2026",
      year: 2026,
      seq: 1,
      origin: "case",
      caseId,
      specialistId,
      checklistVersion: 1,
      status: "completed",
      stage: "handover",
      ratings: {},
      overallLevel: "high",
      conclusion: 3,
      startedAt: now,
      concludedAt: now,
    },
    select: { id: true },
  });
  return row.id;
}
