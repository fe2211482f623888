/**
 * The "Форма оценки безопасности и оценки риска жестокого обращения с ребенком" (seed 003,
 * Appendix 2) as a PDF, in the form's layout: the safety result, the safety plan with its table
 * (action, deadline and responsible, signature), the ten-factor table with the chosen column
 * marked, the overall level with its reasoning, the conclusion, signature lines and the date.
 *
 * The form is an official Russian document for the guardianship authority: it is made in Russian
 * whoever asks for it. Its texts are the area's i18n keys (`assessment.form.*`), rendered by a
 * translator of its own.
 */
import { DateTime } from "luxon";
import type { Content, TableCell } from "pdfmake/interfaces.js";
import { createTranslator, type Locale, type Translator } from "../../platform/i18n/index.ts";
import type { Text, TextParam } from "../../platform/flow/types.ts";
import { renderPdf } from "../../platform/documents/pdf.ts";
import type { Db } from "../../platform/db/client.ts";
import { signalNumber } from "../../signals/domain/numbers.ts";
import { FORM_ROWS, RISK_LEVELS, factorKey, type RiskFactorId } from "../domain/checklist.ts";
import { ageInMonths, ageInYears, ageVulnerability, presentThreats } from "../domain/rules.ts";
import { loadAssessment, ratingsOf, safetyOf, type AssessmentView } from "../queries/assessment-view.ts";
import { en } from "../locales/en.ts";
import { ru } from "../locales/ru.ts";

/** The language of the form. */
const FORM_LOCALE: Locale = "ru";

let translator: Translator | undefined;

function texts(): Translator {
  translator ??= createTranslator(undefined, [{ ru, en }]);
  return translator;
}

/** The form of `assessmentId` as PDF bytes; null when there is no such assessment. */
export async function renderAssessmentForm(db: Db, assessmentId: string, now: Date): Promise<Buffer | null> {
  const assessment = await loadAssessment(db, assessmentId);
  return assessment ? renderPdf(assessmentForm(assessment, now)) : null;
}

/** The file name of an assessment's form. */
export function formFileName(assessment: Pick<AssessmentView, "number">): string {
  return `Форма оценки ${assessment.number.replace("/", "-")}.pdf`;
}

/** The pdfmake document of an assessment's form (pure: everything comes from the loaded record). */
export function assessmentForm(a: AssessmentView, now: Date) {
  const zone = a.service.timeZone;
  const t = (key: string, params?: Record<string, TextParam>): string =>
    texts().render({ key: `assessment.form.${key}`, ...(params ? { params } : {}) }, FORM_LOCALE, zone);
  const tr = (text: Text): string => texts().render(text, FORM_LOCALE, zone);
  const day = (at: Date | null): string =>
    at ? DateTime.fromJSDate(at, { zone }).toFormat("dd.MM.yyyy") : "__________";
  const isoDay = (date: Date) => date.toISOString().slice(0, 10);
  const today = DateTime.fromJSDate(now, { zone }).toISODate()!;

  const childBirth = a.childBirthDate ? isoDay(a.childBirthDate) : null;
  const childName = a.childFullName ?? t("not_named");
  const childLine = childBirth
    ? t("person_born", { name: childName, born: DateTime.fromISO(childBirth).toFormat("dd.MM.yyyy") })
    : `${childName}, ${t("unknown")}`;
  const childAge = childBirth ? tr(ageText(childBirth, today)) : t("unknown");
  const parents = a.parentsFromSignal ? motherLine(a, t) : (a.parentsText ?? t("unknown"));
  const address = a.addressFromSignal
    ? (a.signal?.actualAddress ?? a.signal?.registeredAddress ?? t("unknown"))
    : (a.homeAddress ?? t("unknown"));

  const safety = safetyOf(a);
  const threats = safety ? presentThreats(safety.threats) : [];
  const field = (label: string, value: string | Content): Content => ({
    stack: [{ text: label, bold: true }, typeof value === "string" ? { text: value } : value],
    margin: [0, 0, 0, 6],
  });
  const list = (items: string[]): Content => (items.length > 0 ? { ul: items } : { text: t("none") });

  const subject = a.case
    ? tr({ key: "assessment.of_case", params: { case: a.case.number } })
    : tr({ key: "assessment.of_signal", params: { signal: a.signal ? signalNumber(a.signal) : "—" } });

  const content: Content[] = [
    { text: t("title"), style: "title" },
    { text: t("filled_by"), italics: true, alignment: "center", fontSize: 9, margin: [0, 0, 0, 4] },
    {
      text: t("reference", { number: a.number, subject, specialist: a.specialist.fullName }),
      style: "small",
      alignment: "center",
      margin: [0, 0, 0, 12],
    },
    { text: t("safety_title"), style: "section" },
    { text: t("safety_lead") },
    { text: childLine, decoration: "underline", margin: [0, 4, 0, 0] },
    { text: t("fio_born"), style: "small" },
    {
      text: safety ? (threats.length > 0 ? t("threats_found") : t("threats_none")) : "—",
      bold: true,
      margin: [0, 4, 0, 10],
    },
    { text: t("plan_title"), style: "section" },
    field(t("child"), childLine),
    field(t("address"), address),
    field(t("parents"), parents),
    field(t("facts"), a.factsText ?? "—"),
    field(t("threats"), list(threats.map((id) => tr({ key: `assessment.threat.${id}.full` })))),
    field(t("additional"), additionalFactors(a, safety, childBirth, today, t, tr)),
    field(t("reducing"), list(protectiveItems(safety, tr))),
  ];

  if (a.planRequired && a.planKind) {
    const rows: TableCell[][] = a.actions.map((action) => [
      { text: String(action.position) },
      {
        stack: [
          action.actionText,
          { text: t("monitoring", { text: action.monitoring }), italics: true, fontSize: 9 },
          ...(action.doneAt ? [{ text: t("done", { at: day(action.doneAt) }), fontSize: 9 }] : []),
        ],
      },
      { stack: [day(new Date(`${isoDay(action.dueDate)}T12:00:00Z`)), action.responsible] },
      { text: "" },
    ]);
    content.push(
      { text: t("actions_title"), bold: true, italics: true, margin: [0, 6, 0, 2] },
      { text: `${childName}, ${childAge}`, decoration: "underline" },
      { text: t("fio_age"), style: "small", margin: [0, 0, 0, 4] },
    );
    if (a.planKind === "placement" && a.placementText) {
      content.push({ text: t("placement", { text: a.placementText }), margin: [0, 0, 0, 4] });
    }
    if (rows.length > 0) {
      content.push({
        table: {
          headerRows: 1,
          widths: [16, "*", 120, 70],
          body: [
            ["№", t("col_action"), t("col_due"), t("col_signature")].map((h) => ({
              text: h,
              style: "tableHeader",
            })),
            ...rows,
          ],
        },
        margin: [0, 0, 0, 8],
      });
    }
    content.push(
      { text: t("signatures"), italics: true, margin: [0, 6, 0, 4] },
      { columns: [{ text: t("specialist_sign") }, { text: t("parent_sign") }], margin: [0, 0, 0, 4] },
      { text: t("date", { date: day(a.planAt) }), margin: [0, 0, 0, 10] },
    );
  } else if (safety) {
    content.push({ text: t("no_plan"), italics: true, margin: [0, 0, 0, 10] });
  }

  content.push({ text: t("risk_title"), style: "section", pageBreak: "before" }, riskTable(a, t, tr));

  content.push(
    { text: t("overall_title"), style: "section" },
    { text: [`${t("overall_child")} `, { text: childLine, decoration: "underline" }] },
    { text: t("fio_born"), style: "small", margin: [0, 0, 0, 4] },
  );
  if (a.overallLevel) {
    content.push(
      { text: t("overall_level", { level: tr({ key: `assessment.level.${a.overallLevel}` }) }), bold: true },
      {
        text: a.overallReasoning ? t("reasoning", { text: a.overallReasoning }) : t("no_reasoning"),
        margin: [0, 2, 0, 8],
      },
    );
  } else {
    content.push({ text: "—", margin: [0, 0, 0, 8] });
  }
  if (a.conclusion) {
    content.push(
      { text: t("conclusion_title"), style: "section" },
      {
        text: t("conclusion", {
          number: a.conclusion,
          text: tr({ key: `assessment.conclusion.c${a.conclusion}.full` }),
        }),
      },
    );
    if (a.recommendedServices)
      content.push({ text: t("services", { text: a.recommendedServices }), margin: [0, 2, 0, 0] });
    if (a.caseOpened && a.case)
      content.push({ text: t("case_opened", { case: a.case.number }), margin: [0, 2, 0, 0] });
  }
  content.push(
    { text: t("signature_title"), margin: [0, 16, 0, 8] },
    { text: t("signature_line", { name: a.specialist.fullName }), margin: [0, 0, 0, 8] },
    { text: t("signature_blank"), margin: [0, 0, 0, 8] },
    { text: t("date", { date: day(a.concludedAt ?? now) }) },
  );
  // A form made after the hand-over records it, and the authority's confirmation of receipt.
  if (a.handedOverAt) {
    content.push({
      text: t("handed_over", {
        at: { datetime: a.handedOverAt.toISOString() },
        recipient: a.handoverRecipient ?? "—",
      }),
      margin: [0, 12, 0, 0],
    });
    content.push({
      text: a.acknowledgedAt
        ? t("acknowledged", {
            at: { datetime: a.acknowledgedAt.toISOString() },
            by: a.acknowledgedByName ?? "—",
          })
        : t("not_acknowledged"),
      margin: [0, 2, 0, 0],
    });
  }

  return {
    content,
    info: { title: `${t("title")} № ${a.number}` },
    styles: { section: { fontSize: 11, bold: true, margin: [0, 8, 0, 6] } },
  } satisfies Parameters<typeof renderPdf>[0];
}

/** A child's age: days for the first month, months for the first year, then years. */
export function ageText(birthDate: string, today: string): Text {
  const years = ageInYears(birthDate, today);
  if (years >= 1) return { key: "common.age_years", params: { count: years } };
  const months = ageInMonths(birthDate, today);
  if (months >= 1) return { key: "assessment.age_months", params: { count: months } };
  const days = Math.max(0, Math.round((Date.parse(today) - Date.parse(birthDate)) / 86_400_000));
  return { key: "assessment.age_days", params: { count: days } };
}

/** "Иванова Анна Петровна, 1995 г.р.": the signal's woman as the form's parent. */
function motherLine(
  a: AssessmentView,
  t: (key: string, params?: Record<string, TextParam>) => string,
): string {
  const woman = a.signal;
  if (!woman) return t("unknown");
  const born = woman.womanBirthDate ? String(woman.womanBirthDate.getUTCFullYear()) : null;
  return born ? t("person_born", { name: woman.womanFullName, born }) : woman.womanFullName;
}

function additionalFactors(
  a: AssessmentView,
  safety: ReturnType<typeof safetyOf>,
  childBirth: string | null,
  today: string,
  t: (key: string, params?: Record<string, TextParam>) => string,
  tr: (text: Text) => string,
): Content {
  const lines: string[] = [
    t("age_vulnerability", { age: tr({ key: `assessment.age.${ageVulnerability(childBirth, today)}` }) }),
  ];
  const groups = (safety?.vulnerability.values ?? []).filter((v) => v !== "none");
  lines.push(
    t("groups", {
      items:
        groups.length > 0
          ? groups.map((g) => tr({ key: `assessment.vulnerable.${g}` })).join("; ")
          : t("none"),
    }),
  );
  if (a.familyHistory) lines.push(t("history", { text: a.familyHistory }));
  return { stack: lines };
}

function protectiveItems(safety: ReturnType<typeof safetyOf>, tr: (text: Text) => string): string[] {
  if (!safety) return [];
  return safety.protective.values
    .filter((v) => v !== "none")
    .map((v) =>
      v === "other" ? (safety.protective.texts.other ?? "") : tr({ key: `assessment.protective.${v}` }),
    );
}

function riskTable(
  a: AssessmentView,
  t: (key: string, params?: Record<string, TextParam>) => string,
  tr: (text: Text) => string,
): Content {
  const ratings = ratingsOf(a);
  const header = (text: string, extra: Record<string, unknown> = {}): TableCell => ({
    text,
    style: "tableHeader",
    alignment: "center",
    ...extra,
  });
  const body: TableCell[][] = [
    [header(t("col_factors"), { colSpan: 2 }), {}, header(t("col_risk"), { colSpan: 3 }), {}, {}],
    [
      header(""),
      header(""),
      ...RISK_LEVELS.map((level) => header(tr({ key: `assessment.rating.${level}` }))),
    ],
  ];
  for (const row of FORM_ROWS) {
    const sub = row.id.includes(".");
    const name = tr({ key: `assessment.factor.${factorKey(row.id as RiskFactorId)}.name` });
    const number = sub ? "" : `${row.id}.`;
    const label = sub ? `${row.id}. ${name}` : name;
    if (row.heading) {
      body.push([{ text: number }, { text: label }, { text: "" }, { text: "" }, { text: "" }]);
      continue;
    }
    const rating = ratings[row.id as RiskFactorId];
    const marks = RISK_LEVELS.map((level): TableCell => ({
      text: rating === level ? t("mark") : "",
      alignment: "center",
      bold: true,
    }));
    body.push([
      { text: number },
      {
        text: [
          { text: label },
          ...(rating === "no_info" ? [{ text: ` ${t("no_info")}`, italics: true }] : []),
        ],
      },
      ...marks,
    ]);
  }
  const table: Content = {
    table: { headerRows: 2, widths: [20, "*", 55, 60, 50], body },
    margin: [0, 0, 0, 8],
  };
  return Object.keys(ratings).length > 0
    ? table
    : { stack: [table, { text: t("not_rated"), italics: true }] };
}
