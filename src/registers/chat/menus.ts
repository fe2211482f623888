/**
 * The messages of /journal, /report and /totals: the choice of journal, hospital, period and
 * format, the report's summary and the hospitals' entered counts. Built from the kinds in
 * ./kinds.ts; what a press does is in ./buttons.ts.
 */
import { can } from "../../access/policy.ts";
import type { ActionButton, ChatMessage, TurnContext } from "../../platform/chat/app.ts";
import type { Text } from "../../platform/flow/types.ts";
import { FIGURE_IDS } from "../domain/effectiveness.ts";
import { lastDay, periodCode, type DayPeriod } from "../domain/periods.ts";
import { coverage } from "../domain/totals.ts";
import { documentText } from "../documents/format.ts";
import { figureWithPending, missingTotals } from "../documents/report.ts";
import { readEffectiveness } from "../queries/effectiveness.ts";
import {
  NO_HOSPITAL,
  PICK_FORMAT,
  PICK_HOSPITAL,
  PICK_JOURNAL,
  PICK_PERIOD,
  TOTALS_FOR_PERIOD,
  TOTALS_HOSPITAL,
  type Purpose,
} from "./kinds.ts";

/** Presets offered for each purpose (the report and totals think in half-years). */
const PRESETS: Record<Purpose, ("tm" | "lm" | "th" | "lh")[]> = {
  h: ["tm", "lm", "th", "lh"],
  s: ["tm", "lm", "th", "lh"],
  r: ["lh", "th"],
  t: ["lh", "th", "lm"],
};
const PRESET_KEYS = { tm: "this_month", lm: "last_month", th: "this_half", lh: "last_half" } as const;

/** "01.01.2026 – 30.06.2026" as a text. */
export function periodText(period: DayPeriod): Text {
  return {
    key: "registers.periods.range",
    params: { from: { date: period.from }, to: { date: lastDay(period) } },
  };
}

/** The document a purpose stands for, for a hospital (or all). */
export async function documentTitle(turn: TurnContext, purpose: Purpose, hospitalId: string): Promise<Text> {
  if (purpose === "s") return { key: "registers.documents.service_journal" };
  if (purpose === "r") return { key: "registers.documents.effectiveness" };
  if (hospitalId === NO_HOSPITAL) return { key: "registers.documents.hospital_journal_all" };
  const hospital = await turn.tx.hospital.findFirst({
    where: { id: hospitalId, serviceId: turn.actor.serviceId },
    select: { shortName: true },
  });
  return { key: "registers.documents.hospital_journal", params: { hospital: hospital?.shortName ?? "?" } };
}

/** /journal: a reporter goes straight to their hospital's periods; heads choose a journal first. */
export async function journalStart(turn: TurnContext): Promise<ChatMessage> {
  if (turn.actor.role === "reporter" && turn.actor.hospitalId) {
    return periodMenu(turn, "h", turn.actor.hospitalId);
  }
  return {
    texts: [{ key: "registers.journal.choose_journal" }],
    buttons: [
      [{ text: { key: "registers.journal.hospital_journal" }, data: PICK_JOURNAL.data({ journal: "h" }) }],
      [{ text: { key: "registers.journal.service_journal" }, data: PICK_JOURNAL.data({ journal: "s" }) }],
    ],
  };
}

/** The service's active hospitals, each a button. */
export async function hospitalMenu(turn: TurnContext): Promise<ChatMessage> {
  const hospitals = await turn.tx.hospital.findMany({
    where: { serviceId: turn.actor.serviceId, active: true },
    select: { id: true, shortName: true, name: true },
    orderBy: { name: "asc" },
  });
  if (hospitals.length === 0) return { texts: [{ key: "registers.journal.no_hospitals" }] };
  return {
    texts: [{ key: "registers.journal.choose_hospital" }],
    buttons: hospitals.map((h) => [
      {
        text: { key: "registers.raw", params: { text: h.name } },
        data: PICK_HOSPITAL.data({ hospitalId: h.id }),
      },
    ]),
  };
}

/** Period buttons for a purpose. */
export async function periodMenu(
  turn: TurnContext,
  purpose: Purpose,
  hospitalId: string,
): Promise<ChatMessage> {
  const button = (preset: "tm" | "lm" | "th" | "lh" | "ot", key: string): ActionButton[] => [
    { text: { key }, data: PICK_PERIOD.data({ purpose, hospitalId, preset }) },
  ];
  const rows = PRESETS[purpose].map((p) => button(p, `registers.periods.${PRESET_KEYS[p]}`));
  rows.push(button("ot", "registers.periods.other"));
  const texts: Text[] =
    purpose === "r"
      ? [{ key: "registers.report.chat.choose_period" }]
      : purpose === "t"
        ? [{ key: "registers.totals.choose_period" }]
        : [
            {
              key: "registers.journal.choose_period",
              params: { document: await documentTitle(turn, purpose, hospitalId) },
            },
          ];
  return { texts, buttons: rows };
}

/** Format buttons for a document of a period. */
export async function formatMenu(
  turn: TurnContext,
  purpose: "h" | "s",
  hospitalId: string,
  period: DayPeriod,
): Promise<ChatMessage> {
  return {
    texts: [
      {
        key: "registers.journal.choose_format",
        params: { document: await documentTitle(turn, purpose, hospitalId), period: periodText(period) },
      },
    ],
    buttons: [formatButtons(purpose, hospitalId, period)],
  };
}

function formatButtons(purpose: "h" | "s" | "r", hospitalId: string, period: DayPeriod): ActionButton[] {
  const code = periodCode(period);
  return (["x", "p"] as const).map((format) => ({
    text: { key: `registers.formats.${format === "x" ? "xlsx" : "pdf"}` },
    data: PICK_FORMAT.data({ purpose, hospitalId, from: code.from, last: code.last, format }),
  }));
}

/** /report for a period: the figures in the chat, the documents and the missing counts as buttons. */
export async function reportSummary(turn: TurnContext, period: DayPeriod): Promise<ChatMessage> {
  const report = await readEffectiveness(turn.tx, {
    actor: turn.actor,
    serviceId: turn.actor.serviceId,
    period,
    now: turn.now,
  });
  const text = documentText(turn.deps.translator, turn.staff.locale, report.service.timeZone);
  const texts: Text[] = [{ key: "registers.report.chat.title", params: { period: periodText(period) } }];
  for (const id of FIGURE_IDS) {
    const figure = report.current.figures.find((f) => f.id === id)!;
    texts.push({
      key: "registers.report.chat.line",
      params: {
        figure: { key: `registers.report.short.${id}` },
        value: figureWithPending(text, figure.total),
      },
    });
  }
  const missing = missingTotals(report);
  if (missing.length > 0)
    texts.push({ key: "registers.report.chat.missing", params: { hospitals: missing.join(", ") } });
  texts.push({ key: "registers.report.chat.documents" });
  const buttons: ActionButton[][] = [formatButtons("r", NO_HOSPITAL, period)];
  if (missing.length > 0 && can(turn.actor, "abandonments.enter")) {
    const code = periodCode(period);
    buttons.push([
      { text: { key: "registers.report.chat.enter_totals" }, data: TOTALS_FOR_PERIOD.data(code) },
    ]);
  }
  return { texts, buttons };
}

/** /totals for a period: each hospital with what is entered for it. */
export async function totalsMenu(turn: TurnContext, period: DayPeriod): Promise<ChatMessage> {
  const hospitals = await turn.tx.hospital.findMany({
    where: { serviceId: turn.actor.serviceId, active: true },
    select: { id: true, shortName: true, name: true, abandonmentTotals: true },
    orderBy: { name: "asc" },
  });
  if (hospitals.length === 0) return { texts: [{ key: "registers.journal.no_hospitals" }] };
  const code = periodCode(period);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return {
    texts: [{ key: "registers.totals.choose_hospital", params: { period: periodText(period) } }],
    buttons: hospitals.map((h) => {
      const covered = coverage(
        period,
        h.abandonmentTotals.map((t) => ({ from: iso(t.periodFrom), to: iso(t.periodTo), count: t.count })),
      );
      const text: Text =
        covered.count === null
          ? { key: "registers.totals.hospital_missing", params: { hospital: h.name } }
          : { key: "registers.totals.hospital_entered", params: { hospital: h.name, count: covered.count } };
      return [{ text, data: TOTALS_HOSPITAL.data({ hospitalId: h.id, ...code }) }];
    }),
  };
}
