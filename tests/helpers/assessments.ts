/**
 * Steps of a child safety and risk assessment that many tests share, through the real chat: the
 * signal round trip up to the curator's arrival, and the assessment's dialogues answered as a
 * specialist would.
 */
import type { Harness, HarnessPerson } from "./harness.ts";
import { reportSignal } from "./signals.ts";

/** The people of a service: a reporter, two heads, two curators. */
export interface Team {
  reporter: HarnessPerson;
  head: HarnessPerson;
  head2: HarnessPerson;
  curator: HarnessPerson;
  curator2: HarnessPerson;
}

/** Creates the team. */
export async function team(h: Harness): Promise<Team> {
  return {
    reporter: await h.person("reporter", "Смирнова Ольга Ивановна"),
    head: await h.person("head", "Кузнецова Мария Петровна"),
    head2: await h.person("head", "Орлова Елена Викторовна"),
    curator: await h.person("curator", "Петрова Анна Сергеевна"),
    curator2: await h.person("curator", "Соколова Ирина Андреевна"),
  };
}

/** A signal reported, assigned to `t.curator`, accepted and arrived at. */
export async function arrivedSignal(t: Team, options: { name?: string } = {}): Promise<void> {
  await reportSignal(t.reporter, options);
  await t.head.press("🔴 Срочно (до 3 часов)");
  await t.head.press("Петрова А. С. — 0/9");
  await t.curator.press("✅ Принимаю");
  await t.curator.press("📍 Прибыл(а)");
}

/** The visit outcome opening a case (the curator's dialogue). */
export async function openCaseByOutcome(curator: HarnessPerson): Promise<void> {
  await curator.press("📝 Итог визита");
  await curator.press("Встретился(ась) с женщиной");
  await curator.press("Да, подтверждает отказ");
  await curator.press("☐ Жильё");
  await curator.press("Готово ✓");
  await curator.send("Мать женщины готова помогать");
  await curator.press("Открыть случай");
  await curator.press("💾 Сохранить");
}

/** The planning dialogue, answered; returns the interactions used. */
export async function answerPlanning(
  specialist: HarnessPerson,
  options: { urgency?: "immediate" | "planned"; birth?: string } = {},
): Promise<number> {
  await specialist.send("Иванов Пётр Алексеевич");
  await specialist.send(options.birth ?? "20.11.2026");
  await specialist.press("Мать — как в сигнале");
  await specialist.press("Адрес матери из сигнала");
  await specialist.send("Соседи сообщили о криках ребёнка по ночам и запахе алкоголя в квартире");
  await specialist.press(
    options.urgency === "planned"
      ? "Планово: время визита согласуется с семьёй"
      : "Немедленно: выезд в течение часа",
  );
  await specialist.press("💾 Сохранить");
  return 7;
}

/** The safety dialogue: "yes" to the threats numbered in `present` (1–15); returns interactions. */
export async function answerSafety(specialist: HarnessPerson, present: number[]): Promise<number> {
  for (let n = 1; n <= 15; n++) await specialist.press(present.includes(n) ? "Да" : "Нет");
  await specialist.press("☐ Младший возраст или невысокий уровень развития");
  await specialist.press("Готово ✓");
  await specialist.press("☐ Семья осознаёт опасность и стремится защитить ребёнка");
  await specialist.press("Готово ✓");
  await specialist.press("Пропустить");
  await specialist.press("💾 Сохранить оценку безопасности");
  return 21;
}

/** One safety-plan action through its dialogue (the plan's form already chosen). */
export async function answerAction(
  specialist: HarnessPerson,
  action: { text: string; due: string; responsible: string; monitoring: string },
): Promise<void> {
  await specialist.send(action.text);
  if (["Сегодня", "Завтра", "Через 3 дня", "Через неделю"].includes(action.due))
    await specialist.press(action.due);
  else await specialist.send(action.due);
  await specialist.send(action.responsible);
  await specialist.send(action.monitoring);
  await specialist.press("➕ Добавить в план");
}

/** Labels of the rating buttons. */
export const RATING = { h: "Высокий", m: "Умеренный", l: "Низкий", n: "Нет информации" } as const;

/** The ratings dialogue: one of h/m/l/n per factor in the form's order (14); then save. */
export async function answerRatings(specialist: HarnessPerson, ratings: string): Promise<void> {
  if (ratings.length !== 14) throw new Error("14 ratings: 1, 2, 3.1–3.3, 4, 5, 6.1–6.3, 7, 8, 9, 10");
  for (const r of ratings) await specialist.press(RATING[r as keyof typeof RATING]);
  await specialist.press("💾 Сохранить оценки");
}

/**
 * From `/assess` on the team's arrived signal to a stated overall level ("high", no reasoning
 * needed): planning, contact, a safety assessment without threats, thirteen "moderate" ratings
 * after a "high" one.
 */
export async function assessedWithoutThreats(specialist: HarnessPerson): Promise<void> {
  await specialist.send("/assess");
  await specialist.press("🛡 Сигнал 1/2026");
  await answerPlanning(specialist);
  await specialist.press("🤝 Контакт с семьёй установлен");
  await specialist.press("🛡 Оценка безопасности");
  await answerSafety(specialist, []);
  await specialist.press("⚖ Оценка риска");
  await answerRatings(specialist, "hmmmmmmmmmmmmm");
  await specialist.press("Высокий");
  await specialist.press("Пропустить");
}
