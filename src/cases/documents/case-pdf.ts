/**
 * The case's documents as PDF (seed 000, "Особенности порядка ведения и заполнения рабочих
 * документов"): the long-term rehabilitation plan — the client's copy, with the nature of the
 * problem, goals, tasks, actions with who is responsible and deadlines, and places to sign — and
 * the hand-over package: the signal sheet, every version of both plans, the monitoring sheet and
 * the decisions on the case. Texts come from the cases' locales; documents are made in Russian,
 * the language of the organisations they go to.
 */
import type { Content, TableCell } from "pdfmake/interfaces.js";
import { shortName } from "../../access/names.ts";
import { renderPdf } from "../../platform/documents/pdf.ts";
import type { Json, Text, TextParam } from "../../platform/flow/types.ts";
import type { Locale, Translator } from "../../platform/i18n/index.ts";
import type { PlanKind } from "../domain/case.ts";
import { journalDecisions, type CaseEventRow } from "../domain/events.ts";
import { monitoringProgress } from "../domain/monitoring.ts";
import { sheetAnswers, SHEET_OPTIONS } from "../domain/sheet.ts";
import type { CasePlanView, CaseView } from "../queries/case-view.ts";

/** The language documents are made in. */
export const DOCUMENT_LOCALE: Locale = "ru";

type T = (key: string, params?: Record<string, TextParam>) => string;

function translate(translator: Translator, zone: string): T {
  return (key, params) => translator.render(params ? { key, params } : { key }, DOCUMENT_LOCALE, zone);
}

const day = (date: Date): TextParam => ({ date: date.toISOString().slice(0, 10) });
const at = (date: Date): TextParam => ({ datetime: date.toISOString() });

function heading(text: string): Content {
  return { text, bold: true, fontSize: 12, margin: [0, 12, 0, 4] };
}

function field(label: string, value: string): Content {
  return { text: [{ text: `${label}: `, bold: true }, value], margin: [0, 0, 0, 3] };
}

function header(cells: string[]): TableCell[] {
  return cells.map((text) => ({ text, style: "tableHeader" }));
}

function bornText(c: CaseView, t: T): string {
  if (c.signal.womanBirthDate) return t("case.pdf.born", { born: day(c.signal.womanBirthDate) });
  if (c.signal.womanAge !== null)
    return t("case.pdf.born", { born: { key: "common.age_years", params: { count: c.signal.womanAge } } });
  return t("case.pdf.born", { born: "—" });
}

function actionsTable(plan: CasePlanView, t: T, withStatus: boolean): Content {
  const head = [t("case.pdf.col_n"), t("case.pdf.col_what"), t("case.pdf.col_who"), t("case.pdf.col_due")];
  if (withStatus) head.push(t("case.pdf.col_status"));
  const rows = plan.actions.map((a, index) => {
    const who = t(`case.responsible.${a.responsible}`) + (a.organisation ? `: ${a.organisation}` : "");
    const row: TableCell[] = [String(index + 1), a.what, who, t("case.pdf.date", { at: day(a.dueDate) })];
    if (withStatus) row.push(t(`case.action_status.${a.status}`));
    return row;
  });
  return {
    table: {
      headerRows: 1,
      widths: withStatus ? [16, "*", 100, 56, 74] : [16, "*", 120, 60],
      body: [header(head), ...rows],
    },
    fontSize: 9,
    margin: [0, 4, 0, 4],
  };
}

function planContent(plan: CasePlanView, t: T): Content[] {
  const content = plan.content as Record<string, Json>;
  const text = (value: Json | undefined) => (typeof value === "string" ? value : "—");
  if (plan.kind === "decision_change") {
    const reasons = content.reasons as { values?: string[]; texts?: Record<string, string> } | undefined;
    const reasonText = (reasons?.values ?? [])
      .map((v) => t(`outcome.reasons.${v}`) + (reasons?.texts?.[v] ? ` (${reasons.texts[v]})` : ""))
      .join(", ");
    return [
      field(t("case.pdf.reasons"), reasonText || "—"),
      field(t("case.pdf.strengths"), text(content.strengths)),
      field(t("case.pdf.main_goal"), text(content.mainGoal)),
      field(t("case.pdf.intermediate_goals"), text(content.intermediateGoals)),
    ];
  }
  return [
    field(t("case.pdf.problem"), text(content.problem)),
    field(t("case.pdf.goals"), text(content.goals)),
    field(t("case.pdf.tasks"), text(content.tasks)),
  ];
}

/** The client's copy of a long-term (rehabilitation) plan version. */
export async function rehabPlanPdf(c: CaseView, plan: CasePlanView, translator: Translator): Promise<Buffer> {
  const t = translate(translator, c.service.timeZone);
  return renderPdf({
    info: { title: `${t("case.pdf.plan_title")} — ${t("case.pdf.case_line", { number: c.number })}` },
    content: [
      { text: t("case.pdf.plan_title"), style: "title" },
      { text: `${c.service.name} · ${t("case.pdf.case_line", { number: c.number })}`, style: "subtitle" },
      { text: t("case.pdf.client", { name: c.signal.womanFullName }), bold: true, margin: [0, 0, 0, 3] },
      { text: bornText(c, t), margin: [0, 0, 0, 3] },
      { text: t("case.pdf.curator", { name: shortName(c.curator.fullName) }), margin: [0, 0, 0, 3] },
      {
        text: t("case.pdf.version", { version: plan.version, at: day(plan.createdAt) }),
        margin: [0, 0, 0, 8],
      },
      ...planContent(plan, t),
      heading(t("case.pdf.actions")),
      actionsTable(plan, t, false),
      { text: t("case.pdf.signatures"), margin: [0, 30, 0, 8] },
      { text: t("case.pdf.copies"), style: "small" },
    ],
  });
}

function sheetSection(c: CaseView, t: T): Content[] {
  const out: Content[] = [heading(t("case.pdf.section_sheet"))];
  out.push(
    { text: t("case.pdf.client", { name: c.signal.womanFullName }), bold: true, margin: [0, 0, 0, 3] },
    { text: bornText(c, t), margin: [0, 0, 0, 3] },
    {
      text: t("case.pdf.signal", {
        number: `${c.signal.serviceNumber}/${c.signal.serviceYear}`,
        hospital: c.signal.hospital.name,
      }),
      margin: [0, 0, 0, 3],
    },
  );
  const intention = (c.signal.outcome as { intention?: string } | null)?.intention;
  if (intention)
    out.push({
      text: t("case.pdf.outcome_intention", { value: { key: `outcome.intention.${intention}` } }),
      margin: [0, 0, 0, 3],
    });
  const parsed = c.sheet ? sheetAnswers.safeParse(c.sheet.answers) : null;
  if (!parsed?.success) {
    out.push({ text: t("case.pdf.sheet_missing"), italics: true });
    return out;
  }
  const answers = parsed.data;
  const label = (step: string) => t(`flows.case_sheet.${step}.label`);
  const option = (step: keyof typeof SHEET_OPTIONS, value: string | undefined) =>
    value ? t(`case.sheet.${step}.${value}`) : "—";
  const rows: [string, string][] = [
    [label("potential_level"), option("potential_level", answers.potential_level)],
    [label("potential"), answers.potential ?? "—"],
    [label("earlier_refusals"), option("earlier_refusals", answers.earlier_refusals)],
    [label("deprivation"), option("deprivation", answers.deprivation)],
    [label("children"), option("children", answers.children)],
    [label("children_note"), answers.children_note ?? "—"],
    [label("housing"), option("housing", answers.housing)],
    [label("registration"), option("registration", answers.registration)],
    [label("income"), option("income", answers.income)],
    [
      label("close_people"),
      (answers.close_people?.values ?? []).map((v) => t(`case.sheet.close_people.${v}`)).join(", ") || "—",
    ],
    [label("circle_position"), option("circle_position", answers.circle_position)],
    [label("meeting_woman"), answers.meeting_woman ?? "—"],
    [label("meeting_circle"), answers.meeting_circle ?? "—"],
  ];
  out.push({
    table: { widths: [150, "*"], body: rows.map(([k, v]) => [{ text: k, bold: true }, v]) },
    layout: "lightHorizontalLines",
  });
  return out;
}

function plansSection(c: CaseView, kind: PlanKind, title: string, t: T): Content[] {
  const out: Content[] = [heading(title)];
  const versions = c.plans.filter((p) => p.kind === kind);
  if (versions.length === 0) out.push({ text: t("case.pdf.none"), italics: true });
  for (const plan of versions) {
    out.push({
      text: t("case.pdf.version_by", {
        version: plan.version,
        at: at(plan.createdAt),
        who: plan.createdBy ? shortName(plan.createdBy.fullName) : "—",
      }),
      bold: true,
      margin: [0, 6, 0, 3],
    });
    out.push(...planContent(plan, t), actionsTable(plan, t, true));
  }
  return out;
}

function monitoringSection(c: CaseView, t: T): Content[] {
  const out: Content[] = [heading(t("case.pdf.section_monitoring"))];
  if (c.monitorings.length === 0) {
    out.push({ text: t("case.pdf.monitoring_missing"), italics: true });
    return out;
  }
  const rows = c.monitorings.map((m, index) => {
    const progress = monitoringProgress.safeParse(m.progress);
    const progressText = !progress.success
      ? "—"
      : progress.data.onTrack
        ? t("case.notice.progress_on_track")
        : t("case.notice.progress_per_action", {
            done: progress.data.actions.filter((a) => a.status === "done").length,
            total: progress.data.actions.length,
          });
    return [
      String(index + 1),
      t("case.pdf.date", { at: at(m.recordedAt) }),
      t(`case.status.${m.stage === "decision_change" ? "open" : "accompaniment"}`),
      progressText,
      t(m.planCorrected ? "case.pdf.yes" : "case.pdf.no"),
      t(`case.decision.${m.decision}`),
      m.note ?? "",
    ];
  });
  out.push({
    table: {
      headerRows: 1,
      widths: [14, 56, 62, 58, 58, 84, "*"],
      body: [
        header([
          t("case.pdf.col_n"),
          t("case.pdf.col_date"),
          t("case.pdf.col_stage"),
          t("case.pdf.col_progress"),
          t("case.pdf.col_correction"),
          t("case.pdf.col_decision"),
          t("case.pdf.col_note"),
        ]),
        ...rows,
      ],
    },
    fontSize: 8,
  });
  return out;
}

function decisionsSection(events: readonly CaseEventRow[], t: T): Content[] {
  const lines = journalDecisions(events).map((d): Text => {
    switch (d.decision) {
      case "opened":
        return { key: "case.pdf.decision_opened", params: { at: at(d.at) } };
      case "accompaniment":
        return { key: "case.pdf.decision_accompaniment", params: { at: at(d.at) } };
      case "closed":
        return {
          key: "case.pdf.decision_closed",
          params: { at: at(d.at), reason: { key: `case.close_reason.${d.reason}` } },
        };
      case "handed_over":
        return {
          key: "case.pdf.decision_handed_over",
          params: { at: at(d.at), recipient: { key: `case.recipient.${d.recipient}` } },
        };
      case "extended":
        return { key: "case.pdf.decision_extended", params: { at: at(d.at), until: at(d.until) } };
    }
  });
  return [heading(t("case.pdf.section_decisions")), { ul: lines.map((line) => t(line.key, line.params)) }];
}

/** The package of a hand-over: every document of the case in one PDF. */
export async function handoverPackagePdf(
  c: CaseView,
  handover: CaseView["handovers"][number],
  events: readonly CaseEventRow[],
  translator: Translator,
  now: Date,
): Promise<Buffer> {
  const t = translate(translator, c.service.timeZone);
  return renderPdf({
    info: { title: t("case.pdf.package_title", { number: c.number }) },
    content: [
      { text: t("case.pdf.package_title", { number: c.number }), style: "title" },
      { text: t("case.pdf.service", { name: c.service.name }), style: "subtitle" },
      {
        text: t("case.pdf.recipient", {
          recipient: { key: `case.recipient.${handover.recipientKind}` },
          name: handover.recipientName,
        }),
        margin: [0, 0, 0, 3],
      },
      { text: t("case.pdf.handed_on", { on: day(handover.handedOn) }), margin: [0, 0, 0, 3] },
      { text: t("case.pdf.order", { order: handover.orderNumber }), margin: [0, 0, 0, 3] },
      { text: t("case.pdf.curator", { name: shortName(c.curator.fullName) }), margin: [0, 0, 0, 3] },
      ...sheetSection(c, t),
      ...plansSection(c, "decision_change", t("case.pdf.section_decision_plans"), t),
      ...plansSection(c, "rehabilitation", t("case.pdf.section_rehab_plans"), t),
      ...monitoringSection(c, t),
      ...decisionsSection(events, t),
      { text: t("case.pdf.generated", { at: at(now) }), style: "small", margin: [0, 16, 0, 0] },
    ],
  });
}
