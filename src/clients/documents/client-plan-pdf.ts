/**
 * Her copy of the plan as a PDF, written for her: her curator's first name, the goals and the
 * actions with who does what and by when. No staff notes, no reasons for abandonment, no risk
 * ratings, no statuses: only what was agreed with her.
 */
import type { Content, TableCell } from "pdfmake/interfaces.js";
import { renderPdf } from "../../platform/documents/pdf.ts";
import type { TextParam } from "../../platform/flow/types.ts";
import type { Locale, Translator } from "../../platform/i18n/index.ts";

/** What her copy shows. */
export interface ClientPlanData {
  kind: "decision_change" | "rehabilitation";
  version: number;
  createdAt: Date;
  serviceName: string;
  curatorFirstName: string;
  content: Record<string, unknown>;
  actions: { what: string; responsible: string; organisation: string | null; dueDate: Date }[];
}

/** The goals of the plan that are hers to read, by kind. */
const CLIENT_FIELDS = {
  decision_change: ["mainGoal", "intermediateGoals"],
  rehabilitation: ["goals", "tasks"],
} as const;

/** Renders her copy in her language. */
export async function clientPlanPdf(
  plan: ClientPlanData,
  translator: Translator,
  locale: Locale,
  zone: string,
): Promise<Buffer> {
  const t = (key: string, params?: Record<string, TextParam>) =>
    translator.render(params ? { key, params } : { key }, locale, zone);
  const title = t(`clients.pdf.title_${plan.kind}`);
  const fields: Content[] = CLIENT_FIELDS[plan.kind].flatMap((name): Content[] => {
    const value = plan.content[name];
    if (typeof value !== "string" || !value.trim()) return [];
    return [
      { text: t(`clients.pdf.${name}`), bold: true, margin: [0, 8, 0, 2] },
      { text: value, margin: [0, 0, 0, 4] },
    ];
  });
  const rows: TableCell[][] = plan.actions.map((a, i) => [
    String(i + 1),
    a.what,
    a.responsible === "organisation" && a.organisation
      ? a.organisation
      : t(`clients.pdf.who.${a.responsible}`, { name: plan.curatorFirstName }),
    t("clients.pdf.due", { day: { date: a.dueDate.toISOString().slice(0, 10) } }),
  ]);
  return renderPdf({
    info: { title },
    content: [
      { text: title, style: "title" },
      { text: plan.serviceName, style: "subtitle" },
      { text: t("clients.pdf.curator", { name: plan.curatorFirstName }), margin: [0, 0, 0, 3] },
      {
        text: t("clients.pdf.version", {
          version: plan.version,
          day: { date: plan.createdAt.toISOString().slice(0, 10) },
        }),
        margin: [0, 0, 0, 6],
      },
      ...fields,
      { text: t("clients.pdf.actions"), bold: true, margin: [0, 10, 0, 4] },
      {
        table: {
          headerRows: 1,
          widths: [16, "*", 110, 70],
          body: [
            ["№", t("clients.pdf.col_what"), t("clients.pdf.col_who"), t("clients.pdf.col_due")].map(
              (text) => ({ text, style: "tableHeader" }),
            ),
            ...rows,
          ],
        },
        fontSize: 9,
      },
      { text: t("clients.pdf.footer"), style: "small", margin: [0, 16, 0, 0] },
    ],
  });
}
