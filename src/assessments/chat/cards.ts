/**
 * The messages of an assessment: its card (where it stands, the regulation's time norms, the next
 * step's button), the planning check shown first, the safety plan being drawn up, and the ratings
 * side by side with the three levels to choose from (none marked: the level is the specialist's
 * judgement). Pure rendering over a loaded assessment; no personal data of the family is shown
 * (numbers, ages and codes only).
 */
import { shortName } from "../../access/names.ts";
import type { ActionButton, ChatMessage } from "../../platform/chat/app.ts";
import { localDate } from "../../platform/flow/input.ts";
import type { Text, TextParam } from "../../platform/flow/types.ts";
import { signalNumber } from "../../signals/domain/numbers.ts";
import { RATINGS, RISK_FACTORS, THREATS, factorKey, type RiskFactorId } from "../domain/checklist.ts";
import { ageVulnerability, byRating, presentThreats } from "../domain/rules.ts";
import { timings, type StepTiming } from "../domain/time-norms.ts";
import { momentsOf, ratingsOf, safetyOf, type AssessmentView } from "../queries/assessment-view.ts";
import type { PlanningCheck } from "../queries/lists.ts";
import {
  ADD_ACTION,
  CANCEL,
  CONCLUSION,
  CONTACT,
  FIX_FACTOR,
  FIX_RATING,
  FIX_SET,
  FIX_THREAT,
  FIX_THREAT_ONE,
  FIX_THREAT_SET,
  FORM,
  HANDOVER,
  HANDOVER_ACK,
  LEVEL,
  LEVELS_INFO,
  PLAN,
  PLAN_DONE,
  PLANNING,
  REMOVE_ACTION,
  REVIEW,
  RISK,
  SAFETY,
} from "./kinds.ts";

/** A button labelled `assessment.buttons.<label>`. */
export function button(label: string, data: string, params?: Record<string, TextParam>): ActionButton {
  return { text: { key: `assessment.buttons.${label}`, ...(params ? { params } : {}) }, data };
}

/** What the assessment concerns: "Случай № 3/2026 (сигнал 5/2026)", or the signal alone. */
export function subjectText(a: Pick<AssessmentView, "case" | "signal">): Text {
  const signal = a.signal ? signalNumber(a.signal) : null;
  if (a.case && signal)
    return { key: "assessment.of_case_and_signal", params: { case: a.case.number, signal } };
  if (a.case) return { key: "assessment.of_case", params: { case: a.case.number } };
  return { key: "assessment.of_signal", params: { signal: signal ?? "—" } };
}

/** A duration as "N минут" or "N ч M мин". */
export function duration(minutes: number): Text {
  if (minutes < 60) return { key: "common.minutes", params: { count: minutes } };
  if (minutes % 60 === 0) return { key: "assessment.hours", params: { count: minutes / 60 } };
  return { key: "common.hours_minutes", params: { hours: Math.floor(minutes / 60), minutes: minutes % 60 } };
}

function timingLine(timing: StepTiming): Text {
  const step: Text = { key: `assessment.timing.${timing.step}` };
  const took: Text = timing.finished
    ? duration(timing.minutes)
    : { key: "assessment.timing.running", params: { minutes: duration(timing.minutes) } };
  if (timing.norm === null) return { key: "assessment.timing.line_no_norm", params: { step, took } };
  const mark = timing.over ? "mark_over" : timing.finished ? "mark_ok" : "mark_running";
  return {
    key: "assessment.timing.line",
    params: { mark: { key: `assessment.timing.${mark}` }, step, took, norm: duration(timing.norm) },
  };
}

/** The conclusion's short wording. */
export function conclusionText(conclusion: number): Text {
  return { key: `assessment.conclusion.c${conclusion}.short` };
}

/** The buttons the specialist has at the assessment's stage. */
function stageButtons(a: AssessmentView): ActionButton[][] {
  const assessmentId = a.id;
  const cancel = [button("cancel", CANCEL.data({ assessmentId }))];
  if (a.status === "cancelled") return [];
  switch (a.stage) {
    case "planning":
      return [[button("planning", PLANNING.data({ assessmentId }))], cancel];
    case "contact":
      return [[button("contact", CONTACT.data({ assessmentId }))], cancel];
    case "safety":
      return [[button("safety", SAFETY.data({ assessmentId }))], cancel];
    case "safety_plan":
      return a.planKind ? planButtons(a) : [[button("plan", PLAN.data({ assessmentId }))], cancel];
    case "risk":
      return [[button("risk", RISK.data({ assessmentId }))], cancel];
    case "overall":
      return levelButtons(a);
    case "conclusion":
      return [
        [button("conclusion", CONCLUSION.data({ assessmentId }))],
        [
          button("rerate", RISK.data({ assessmentId })),
          button("fix_rating", FIX_RATING.data({ assessmentId })),
        ],
        [button("fix_threat", FIX_THREAT.data({ assessmentId }))],
        cancel,
      ];
    case "handover":
      return [
        [button("handover", HANDOVER.data({ assessmentId }))],
        [button("form", FORM.data({ assessmentId }))],
      ];
    case "done":
      return [
        ...(a.handedOverAt && !a.acknowledgedAt
          ? [[button("handover_ack", HANDOVER_ACK.data({ assessmentId }))]]
          : []),
        [button("form", FORM.data({ assessmentId }))],
      ];
  }
}

/** The assessment's card for its specialist (`now` measures steps still running). */
export function assessmentCard(a: AssessmentView, now: Date): ChatMessage {
  const texts: Text[] = [
    { key: "assessment.title", params: { number: a.number } },
    subjectText(a),
    { key: "assessment.card.specialist", params: { name: shortName(a.specialist.fullName) } },
  ];
  if (a.plannedAt) {
    const today = localDate(now, a.service.timeZone);
    const birth = a.childBirthDate?.toISOString().slice(0, 10) ?? null;
    texts.push(
      birth
        ? {
            key: "assessment.card.child_age",
            params: { age: { key: `assessment.age.${ageVulnerability(birth, today)}` } },
          }
        : { key: "assessment.card.child_age_unknown" },
    );
    if (a.urgency)
      texts.push({
        key: "assessment.card.urgency",
        params: { urgency: { key: `assessment.urgency.${a.urgency}` } },
      });
    if (a.contactDeadline && !a.contactAt)
      texts.push({
        key: "assessment.card.contact_deadline",
        params: { at: { datetime: a.contactDeadline.toISOString() } },
      });
  }
  const safety = safetyOf(a);
  if (safety) {
    const count = presentThreats(safety.threats).length;
    texts.push(
      count > 0
        ? { key: "assessment.card.threats_found", params: { count } }
        : { key: "assessment.card.no_threats" },
    );
  }
  if (a.planKind === "placement") texts.push({ key: "assessment.card.placement" });
  else if (a.planKind)
    texts.push({ key: "assessment.card.plan_actions", params: { count: a.actions.length } });
  if (a.overallLevel)
    texts.push({
      key: "assessment.card.overall",
      params: { level: { key: `assessment.level.${a.overallLevel}` } },
    });
  if (a.conclusion)
    texts.push({ key: "assessment.card.conclusion", params: { conclusion: conclusionText(a.conclusion) } });
  if (a.caseOpened && a.case)
    texts.push({ key: "assessment.card.case_opened", params: { case: a.case.number } });
  if (a.handedOverAt)
    texts.push({
      key: "assessment.card.handed_over",
      params: { at: { datetime: a.handedOverAt.toISOString() } },
    });
  if (a.handedOverAt && a.acknowledgedAt)
    texts.push({
      key: "assessment.card.acknowledged",
      params: { at: { datetime: a.acknowledgedAt.toISOString() }, by: a.acknowledgedByName ?? "—" },
    });
  else if (a.handedOverAt && a.status !== "cancelled")
    texts.push({ key: "assessment.card.not_acknowledged" });
  if (a.reviewedAt && a.reviewedBy)
    texts.push({
      key: "assessment.card.reviewed",
      params: { head: shortName(a.reviewedBy.fullName), at: { datetime: a.reviewedAt.toISOString() } },
    });
  const measured = timings(momentsOf(a), now);
  if (measured.length > 0) texts.push({ key: "assessment.card.times" }, ...measured.map(timingLine));
  if (a.status === "cancelled") texts.push({ key: "assessment.card.cancelled" });
  else if (a.stage !== "done")
    texts.push({ key: "assessment.card.next", params: { stage: { key: `assessment.stage.${a.stage}` } } });
  return { texts, buttons: stageButtons(a) };
}

/** The planning check, shown before the planning dialogue's first question. */
export function planningCheckMessage(a: AssessmentView, check: PlanningCheck): ChatMessage {
  const texts: Text[] = [
    { key: "assessment.title", params: { number: a.number } },
    subjectText(a),
    { key: "assessment.planning_check.title" },
  ];
  if (check.earlier.length === 0) texts.push({ key: "assessment.planning_check.no_earlier" });
  else {
    const items = check.earlier.map((e): TextParam =>
      e.caseNumber
        ? { key: "assessment.planning_check.earlier_case", params: { number: e.number, case: e.caseNumber } }
        : {
            key: "assessment.planning_check.earlier_item",
            params: { number: e.number, status: { key: `signal.status.${e.status}` } },
          },
    );
    texts.push({ key: "assessment.planning_check.earlier", params: { items: { list: items } } });
  }
  if (check.assessments.length === 0) texts.push({ key: "assessment.planning_check.no_assessments" });
  else {
    const items = check.assessments.map((p): TextParam =>
      p.status === "completed" && p.concludedAt && p.conclusion
        ? {
            key: "assessment.planning_check.assessment_item",
            params: {
              number: p.number,
              at: { date: p.concludedAt.toISOString().slice(0, 10) },
              conclusion: conclusionText(p.conclusion),
            },
          }
        : {
            key: "assessment.planning_check.assessment_open",
            params: { number: p.number, stage: { key: `assessment.stage.${p.stage}` } },
          },
    );
    texts.push({ key: "assessment.planning_check.assessments", params: { items: { list: items } } });
  }
  texts.push({ key: "assessment.planning_check.then" });
  return { texts };
}

function planButtons(a: AssessmentView): ActionButton[][] {
  const assessmentId = a.id;
  const remove = a.actions.map((action) =>
    button("remove_action", REMOVE_ACTION.data({ assessmentId, actionId: action.id }), {
      position: action.position,
    }),
  );
  const rows: ActionButton[][] = [];
  for (let i = 0; i < remove.length; i += 3) rows.push(remove.slice(i, i + 3));
  return [
    [
      button("add_action", ADD_ACTION.data({ assessmentId })),
      button("plan_done", PLAN_DONE.data({ assessmentId })),
    ],
    ...rows,
    [button("cancel", CANCEL.data({ assessmentId }))],
  ];
}

/** The safety plan as drawn up so far, with "add", "ready" and "remove" while it is being drawn up. */
export function planMessage(a: AssessmentView): ChatMessage {
  const safety = safetyOf(a);
  const threats = safety ? presentThreats(safety.threats) : [];
  const texts: Text[] = [
    { key: "assessment.title", params: { number: a.number } },
    { key: "assessment.plan.title" },
    {
      key: "assessment.plan.threats",
      params: { items: { list: threats.map((id): TextParam => ({ key: `assessment.threat.${id}.short` })) } },
    },
  ];
  if (a.planKind === "placement" && a.placementText)
    texts.push({ key: "assessment.plan.placement", params: { text: a.placementText } });
  if (a.actions.length === 0) texts.push({ key: "assessment.plan.empty" });
  for (const action of a.actions) {
    texts.push({
      key: "assessment.plan.action",
      params: {
        position: action.position,
        action: action.actionText,
        due: { date: action.dueDate.toISOString().slice(0, 10) },
        responsible: action.responsible,
        monitoring: action.monitoring,
        done: action.doneAt ? { key: "assessment.plan.done_mark" } : "",
      },
    });
  }
  if (a.stage === "safety_plan")
    texts.push({ key: "assessment.plan.requirements" }, { key: "assessment.plan.next_action" });
  return { texts, buttons: a.stage === "safety_plan" ? planButtons(a) : [] };
}

function levelButtons(a: AssessmentView): ActionButton[][] {
  const assessmentId = a.id;
  return [
    [
      button("level_high", LEVEL.data({ assessmentId, level: "h" })),
      button("level_moderate", LEVEL.data({ assessmentId, level: "m" })),
      button("level_low", LEVEL.data({ assessmentId, level: "l" })),
    ],
    [button("levels_info", LEVELS_INFO.data({ assessmentId }))],
    [button("rerate", RISK.data({ assessmentId })), button("fix_rating", FIX_RATING.data({ assessmentId }))],
    [button("fix_threat", FIX_THREAT.data({ assessmentId }))],
  ];
}

/** Correcting one threat's answer: every threat with its current answer, one button each. */
export function fixThreatMessage(a: AssessmentView): ChatMessage {
  const threats = safetyOf(a)?.threats ?? {};
  return {
    texts: [{ key: "assessment.fix_threat.choose" }],
    buttons: THREATS.map((id, threat) => [
      button("fix_threat_item", FIX_THREAT_ONE.data({ assessmentId: a.id, threat }), {
        n: threat + 1,
        name: { key: `assessment.threat.${id}.short` },
        answer: { key: threats[id] ? "assessment.fix_threat.yes" : "assessment.fix_threat.no" },
      }),
    ]),
  };
}

/** Correcting one threat's answer: the threat in full, and the opposite answer to confirm. */
export function fixThreatOneMessage(a: AssessmentView, threat: number): ChatMessage {
  const id = THREATS[threat]!;
  const present = safetyOf(a)?.threats[id] === true;
  return {
    texts: [
      {
        key: "assessment.fix_threat.one",
        params: {
          n: threat + 1,
          full: { key: `assessment.threat.${id}.full` },
          answer: { key: present ? "assessment.fix_threat.yes" : "assessment.fix_threat.no" },
        },
      },
    ],
    buttons: [
      [
        button(
          present ? "fix_threat_to_no" : "fix_threat_to_yes",
          FIX_THREAT_SET.data({ assessmentId: a.id, threat, present: present ? "n" : "y" }),
        ),
      ],
    ],
  };
}

const RATING_CODES = { high: "h", moderate: "m", low: "l", no_info: "n" } as const;

/** Correcting one rating: every factor with its current rating, one button each. */
export function fixRatingMessage(a: AssessmentView): ChatMessage {
  const ratings = ratingsOf(a);
  return {
    texts: [{ key: "assessment.fix_rating.choose" }],
    buttons: RISK_FACTORS.map((id, factor) => [
      button("fix_factor", FIX_FACTOR.data({ assessmentId: a.id, factor }), {
        factor: id,
        name: { key: `assessment.factor.${factorKey(id)}.name` },
        rating: ratings[id] ? { key: `assessment.rating.${ratings[id]}` } : "—",
      }),
    ]),
  };
}

/** Correcting one rating: the factor chosen, and the four answers (none marked). */
export function fixFactorMessage(a: AssessmentView, factor: number): ChatMessage {
  const id = RISK_FACTORS[factor]!;
  const current = ratingsOf(a)[id];
  return {
    texts: [
      {
        key: "assessment.fix_rating.factor",
        params: {
          factor: id,
          name: { key: `assessment.factor.${factorKey(id)}.name` },
          rating: current ? { key: `assessment.rating.${current}` } : "—",
        },
      },
    ],
    buttons: [
      RATINGS.map((r) => ({
        text: { key: `assessment.rating.${r}` },
        data: FIX_SET.data({ assessmentId: a.id, factor, rating: RATING_CODES[r] }),
      })),
    ],
  };
}

/**
 * The ratings side by side, in the form's order and grouped by level, and the three levels to
 * choose from. Nothing is marked or suggested: the same three buttons whatever the ratings.
 */
export function sideBySideMessage(a: AssessmentView): ChatMessage {
  const ratings = ratingsOf(a);
  const texts: Text[] = [
    { key: "assessment.title", params: { number: a.number } },
    { key: "assessment.side_by_side.title" },
  ];
  for (const id of RISK_FACTORS) {
    const rating = ratings[id];
    texts.push({
      key: "assessment.side_by_side.line",
      params: {
        factor: id,
        name: { key: `assessment.factor.${factorKey(id)}.name` },
        rating: rating ? { key: `assessment.rating.${rating}` } : "—",
      },
    });
  }
  const groups = byRating(ratings);
  const listOf = (ids: RiskFactorId[]): TextParam =>
    ids.length > 0 ? ids.join(", ") : { key: "assessment.side_by_side.none" };
  texts.push(
    {
      key: "assessment.side_by_side.groups",
      params: Object.fromEntries(RATINGS.map((r) => [r, listOf(groups[r])])),
    },
    { key: "assessment.side_by_side.choose" },
  );
  return { texts, buttons: a.stage === "overall" ? levelButtons(a) : [] };
}

/** The message heads get about a concluded assessment: the form and the review at hand. */
export function headButtons(assessmentId: string, reviewed: boolean): ActionButton[][] {
  return [
    [
      button("form", FORM.data({ assessmentId })),
      ...(reviewed ? [] : [button("review", REVIEW.data({ assessmentId }))]),
    ],
  ];
}
