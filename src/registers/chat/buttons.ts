/**
 * What the buttons of /journal, /report and /totals do. Every press checks the access policy
 * again (a button may be old, or forwarded); a refusal is shown as an alert.
 */
import { authorize } from "../../access/policy.ts";
import type { TurnContext } from "../../platform/chat/app.ts";
import { onButton, type ButtonDefinition } from "../../platform/chat/buttons.ts";
import { DomainError } from "../../platform/errors.ts";
import { requestExport, type ExportKind } from "../actions/request-export.ts";
import { periodFromCode, presetPeriod, type DayPeriod, type PeriodPreset } from "../domain/periods.ts";
import {
  documentTitle,
  formatMenu,
  hospitalMenu,
  periodMenu,
  periodText,
  reportSummary,
  totalsMenu,
} from "./menus.ts";
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

const PRESETS: Record<"tm" | "lm" | "th" | "lh", PeriodPreset> = {
  tm: "this_month",
  lm: "last_month",
  th: "this_half",
  lh: "last_half",
};

/** Checks that the actor may do what a purpose needs, for the hospital given. */
export function authorizePurpose(turn: TurnContext, purpose: Purpose, hospitalId: string): void {
  const subject = {
    serviceId: turn.actor.serviceId,
    ...(hospitalId !== NO_HOSPITAL ? { hospitalId } : {}),
  };
  if (purpose === "r") authorize(turn.actor, "report.read");
  else if (purpose === "t") authorize(turn.actor, "abandonments.enter");
  else {
    authorize(turn.actor, "register.export", subject);
    if (purpose === "s") authorize(turn.actor, "journal.service.read");
    if (purpose === "h" && turn.actor.role === "reporter" && hospitalId !== turn.actor.hospitalId) {
      throw new DomainError("forbidden", "registers.export.not_allowed");
    }
  }
}

/** A period code from a button, or a stale-button refusal. */
function period(code: { from: number; last: number }): DayPeriod {
  const p = periodFromCode(code);
  if (!p) throw new DomainError("not_found", "errors.not_found");
  return p;
}

/** Shows the next step once a period is known (buttons and the "another period" dialogue). */
export async function afterPeriod(
  turn: TurnContext,
  purpose: Purpose,
  hospitalId: string,
  chosen: DayPeriod,
  replace: boolean,
): Promise<void> {
  const message =
    purpose === "r"
      ? await reportSummary(turn, chosen)
      : purpose === "t"
        ? await totalsMenu(turn, chosen)
        : await formatMenu(turn, purpose, hospitalId, chosen);
  if (replace) turn.replacePressed(message);
  else turn.reply(message);
}

const KINDS: Record<"h" | "s" | "r", ExportKind> = {
  h: "hospital_journal",
  s: "service_journal",
  r: "effectiveness",
};

/** The buttons. */
export const registerButtons: ButtonDefinition[] = [
  onButton(PICK_JOURNAL, async (turn, { journal }) => {
    authorizePurpose(turn, journal, NO_HOSPITAL);
    turn.replacePressed(
      journal === "h" ? await hospitalMenu(turn) : await periodMenu(turn, "s", NO_HOSPITAL),
    );
  }),
  onButton(PICK_HOSPITAL, async (turn, { hospitalId }) => {
    authorizePurpose(turn, "h", hospitalId);
    turn.replacePressed(await periodMenu(turn, "h", hospitalId));
  }),
  onButton(PICK_PERIOD, async (turn, { purpose, hospitalId, preset }) => {
    authorizePurpose(turn, purpose, hospitalId);
    if (preset === "ot") {
      turn.answerCallback();
      return turn.startFlow("register_period", { purpose, hospitalId });
    }
    const chosen = presetPeriod(PRESETS[preset], turn.now, turn.staff.serviceTimeZone);
    await afterPeriod(turn, purpose, hospitalId, chosen, true);
  }),
  onButton(PICK_FORMAT, async (turn, values) => {
    authorizePurpose(turn, values.purpose, values.hospitalId);
    const chosen = period(values);
    await requestExport(turn.actionDeps({}), turn.actor, {
      kind: KINDS[values.purpose],
      format: values.format === "x" ? "xlsx" : "pdf",
      from: chosen.from,
      to: chosen.to,
      hospitalId: values.hospitalId === NO_HOSPITAL ? null : values.hospitalId,
      messenger: turn.update.messenger,
      chatId: turn.update.chatId,
    });
    turn.answerCallback();
    turn.reply({
      texts: [
        {
          key: "registers.export.queued",
          params: {
            document: await documentTitle(turn, values.purpose, values.hospitalId),
            period: periodText(chosen),
          },
        },
      ],
    });
  }),
  onButton(TOTALS_FOR_PERIOD, async (turn, code) => {
    authorizePurpose(turn, "t", NO_HOSPITAL);
    turn.reply(await totalsMenu(turn, period(code)));
  }),
  onButton(TOTALS_HOSPITAL, async (turn, { hospitalId, ...code }) => {
    authorizePurpose(turn, "t", hospitalId);
    const chosen = period(code);
    const hospital = await turn.tx.hospital.findFirst({
      where: { id: hospitalId, serviceId: turn.actor.serviceId },
      select: { name: true },
    });
    if (!hospital) throw new DomainError("not_found", "registers.totals.bad_hospital");
    turn.answerCallback();
    turn.reply({
      texts: [
        { key: "registers.totals.asking", params: { hospital: hospital.name, period: periodText(chosen) } },
      ],
    });
    await turn.startFlow("abandonment_total", { hospitalId, from: chosen.from, to: chosen.to });
  }),
];
