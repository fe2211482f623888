/**
 * One child safety and risk assessment: its stages, the safety assessment (threats, vulnerability,
 * protective capacities), the safety plan with its actions and deadlines, the ten factors' ratings
 * side by side, the overall level with its reasoning, the conclusion, the hand-over, the review
 * (a head marks it here, through the same action as the bot), the PDF form and the history.
 */
import type { ComponentChildren } from "preact";
import { shortName } from "../../access/names.ts";
import { factorKey } from "../../assessments/domain/checklist.ts";
import type { AssessmentDetail } from "../../assessments/queries/detail.ts";
import type { ViewContext } from "./context.ts";
import { Back, Csrf, Layout } from "./layout.tsx";

function Row({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Assessment events the history names in words. */
const ASSESSMENT_EVENTS: readonly string[] = [
  "started",
  "planned",
  "contact_made",
  "safety_recorded",
  "plan_started",
  "plan_action_added",
  "plan_action_removed",
  "plan_completed",
  "plan_action_done",
  "plan_action_reminded",
  "plan_action_overdue",
  "rated",
  "overall_set",
  "concluded",
  "handed_over",
  "reviewed",
  "step_overdue",
  "cancelled",
];

/** A multiple choice as stored ({ values, texts }) in words. */
function choices(ctx: ViewContext, group: string, value: unknown): string[] {
  if (!isRecord(value) || !Array.isArray(value.values)) return [];
  const texts = isRecord(value.texts) ? value.texts : {};
  return value.values
    .filter((v): v is string => typeof v === "string")
    .map((v) => {
      const extra = texts[v];
      const label =
        v === "other" ? ctx.t("console.assessment_page.other") : ctx.t(`assessment.${group}.${v}`);
      return typeof extra === "string" && extra ? `${label}: ${extra}` : label;
    });
}

/** The assessment page. */
export function AssessmentPageView(props: { ctx: ViewContext; a: AssessmentDetail; canReview: boolean }) {
  const { ctx, a, canReview } = props;
  const { t } = ctx;
  const none = t("console.none");
  const subject = a.case
    ? t("console.case_page.title", { number: a.case.number })
    : a.signal
      ? t("console.signal.title", { number: a.signal.number })
      : none;
  return (
    <Layout ctx={ctx} title={t("assessment.title", { number: a.number })} section="cases">
      <p>
        {a.case ? <a href={`/console/cases/${a.case.id}`}>{subject}</a> : null}
        {!a.case && a.signal ? <a href={`/console/signals/${a.signal.id}`}>{subject}</a> : null}
        {" · "}
        <a href={`/console/assessments/${a.id}/form`} hx-boost="false" download>
          {t("console.assessment_page.form")}
        </a>
      </p>
      <p class="status-line">
        <span class="badge">{t(`assessment.status.${a.status}`)}</span>
        <span class="badge">{t(`assessment.stage.${a.stage}`)}</span>
        {a.review ? <span class="badge">{t("console.assessment_page.reviewed_short")}</span> : null}
      </p>

      <div class="columns">
        <section aria-labelledby="a-planning">
          <h2 id="a-planning">{t("console.assessment_page.planning")}</h2>
          <dl class="facts">
            <Row label={t("console.assessment_page.specialist")}>{a.specialist.fullName}</Row>
            <Row label={t("console.assessment_page.urgency")}>
              {a.planning.urgency ? t(`assessment.urgency.${a.planning.urgency}`) : none}
            </Row>
            <Row label={t("console.assessment_page.child")}>{a.planning.child.fullName ?? none}</Row>
            <Row label={t("console.assessment_page.child_born")}>
              {ctx.date(a.planning.child.birthDate)} ·{" "}
              {t(`assessment.age.${a.planning.child.ageVulnerability}`)}
            </Row>
            <Row label={t("console.assessment_page.parents")}>{a.planning.parents.text ?? none}</Row>
            <Row label={t("console.assessment_page.address")}>{a.planning.homeAddress.text ?? none}</Row>
            <Row label={t("console.assessment_page.facts")}>{a.planning.facts ?? none}</Row>
            <Row label={t("console.assessment_page.contact_deadline")}>
              {ctx.dateTime(a.planning.contactDeadline)}
            </Row>
          </dl>
        </section>

        <section aria-labelledby="a-stages">
          <h2 id="a-stages">{t("console.assessment_page.stages")}</h2>
          <dl class="facts">
            {Object.entries(a.times).map(([key, at]) => (
              <Row label={t(`console.assessment_page.time.${key}`)}>{ctx.dateTime(at)}</Row>
            ))}
            {a.due ? (
              <Row label={t("console.assessment_page.due")}>
                <span class={a.due.at <= ctx.now ? "overdue" : undefined}>
                  {t(`assessment.stage.${a.due.step}`)} — {ctx.dateTime(a.due.at)}
                </span>
              </Row>
            ) : null}
          </dl>
        </section>
      </div>

      <section aria-labelledby="a-safety">
        <h2 id="a-safety">{t("console.assessment_page.safety")}</h2>
        {a.safety ? (
          <dl class="facts">
            <Row label={t("console.assessment_page.threats")}>
              {a.safety.threats.filter((x) => x.present).length === 0 ? (
                t("console.assessment_page.no_threats")
              ) : (
                <ul>
                  {a.safety.threats
                    .filter((x) => x.present)
                    .map((x) => (
                      <li>{t(`assessment.threat.${x.id}.full`)}</li>
                    ))}
                </ul>
              )}
            </Row>
            <Row label={t("console.assessment_page.vulnerability")}>
              {choices(ctx, "vulnerable", a.safety.vulnerability).join("; ") || none}
            </Row>
            <Row label={t("console.assessment_page.protective")}>
              {choices(ctx, "protective", a.safety.protective).join("; ") || none}
            </Row>
            <Row label={t("console.assessment_page.family_history")}>{a.safety.familyHistory ?? none}</Row>
          </dl>
        ) : (
          <p class="empty">{t("console.assessment_page.not_yet")}</p>
        )}
      </section>

      <section aria-labelledby="a-plan">
        <h2 id="a-plan">{t("console.assessment_page.safety_plan")}</h2>
        {a.safetyPlan ? (
          <>
            <p>
              {t(`assessment.plan_kind.${a.safetyPlan.kind}`)}
              {a.safetyPlan.placement ? ` — ${a.safetyPlan.placement}` : ""}
            </p>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">№</th>
                    <th scope="col">{t("console.case_page.action_what")}</th>
                    <th scope="col">{t("console.case_page.action_who")}</th>
                    <th scope="col">{t("console.assessment_page.monitoring")}</th>
                    <th scope="col">{t("console.case_page.action_due")}</th>
                    <th scope="col">{t("console.case_page.action_status")}</th>
                  </tr>
                </thead>
                <tbody>
                  {a.safetyPlan.actions.map((x) => {
                    const late = x.doneAt === null && x.dueDate < ctx.now.toISOString().slice(0, 10);
                    return (
                      <tr>
                        <td>{x.position}</td>
                        <td>{x.action}</td>
                        <td>{x.responsible}</td>
                        <td>{x.monitoring}</td>
                        <td class={late ? "overdue" : undefined}>
                          {ctx.date(x.dueDate)}
                          {late ? ` · ${t("console.today.overdue")}` : ""}
                        </td>
                        <td>
                          {x.doneAt
                            ? t("console.assessment_page.done_at", { at: ctx.dateTime(x.doneAt) })
                            : t("console.assessment_page.not_done")}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <p class="empty">
            {a.safety?.planRequired === false
              ? t("console.assessment_page.plan_not_needed")
              : t("console.assessment_page.not_yet")}
          </p>
        )}
      </section>

      <section aria-labelledby="a-ratings">
        <h2 id="a-ratings">{t("console.assessment_page.ratings")}</h2>
        {a.ratings.length === 0 ? (
          <p class="empty">{t("console.assessment_page.not_yet")}</p>
        ) : (
          <div class="table-wrap">
            <table class="ratings">
              <thead>
                <tr>
                  <th scope="col">{t("console.assessment_page.factor")}</th>
                  <th scope="col">{t("assessment.rating.high")}</th>
                  <th scope="col">{t("assessment.rating.moderate")}</th>
                  <th scope="col">{t("assessment.rating.low")}</th>
                  <th scope="col">{t("assessment.rating.no_info")}</th>
                </tr>
              </thead>
              <tbody>
                {a.ratings.map((r) => (
                  <tr data-factor={r.factor}>
                    <th scope="row">
                      {r.factor}. {t(`assessment.factor.${factorKey(r.factor)}.name`)}
                    </th>
                    {(["high", "moderate", "low", "no_info"] as const).map((level) => (
                      <td>
                        {r.rating === level ? (
                          <span aria-label={t(`assessment.rating.${level}`)}>●</span>
                        ) : (
                          ""
                        )}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="a-conclusion">
        <h2 id="a-conclusion">{t("console.assessment_page.conclusion")}</h2>
        <dl class="facts">
          <Row label={t("console.assessment_page.overall")}>
            {a.overall ? t(`assessment.level.${a.overall.level}`) : none}
          </Row>
          {a.overall?.reasoning ? (
            <Row label={t("console.assessment_page.reasoning")}>{a.overall.reasoning}</Row>
          ) : null}
          <Row label={t("console.assessment_page.conclusion")}>
            {a.conclusion ? t(`assessment.conclusion.c${a.conclusion.code}.full`) : none}
          </Row>
          {a.conclusion?.recommendedServices ? (
            <Row label={t("console.assessment_page.services")}>{a.conclusion.recommendedServices}</Row>
          ) : null}
          <Row label={t("console.assessment_page.handover")}>
            {a.handover
              ? t("console.assessment_page.handover_line", {
                  at: ctx.dateTime(a.handover.at),
                  to: a.handover.recipient ?? none,
                  channel: a.handover.channel ? t(`assessment.channel.${a.handover.channel}`) : none,
                })
              : none}
          </Row>
          {a.cancelled ? (
            <Row label={t("console.assessment_page.cancelled")}>
              {ctx.dateTime(a.cancelled.at)}
              {a.cancelled.reason ? ` — ${a.cancelled.reason}` : ""}
            </Row>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="a-review">
        <h2 id="a-review">{t("console.assessment_page.review")}</h2>
        {a.review ? (
          <p data-reviewed="true">
            {t("console.assessment_page.reviewed", {
              at: ctx.dateTime(a.review.at),
              who: a.review.by ? shortName(a.review.by.fullName) : none,
            })}
            {a.review.comment ? (
              <>
                <br />
                {a.review.comment}
              </>
            ) : null}
          </p>
        ) : canReview && a.status === "completed" ? (
          <form method="post" action={`/console/assessments/${a.id}/review`} class="review">
            <Csrf ctx={ctx} />
            <Back ctx={ctx} />
            <label for="review-comment">{t("console.assessment_page.review_comment")}</label>
            <textarea
              id="review-comment"
              name="comment"
              required
              minLength={3}
              maxLength={2000}
              rows={3}
            ></textarea>
            <button type="submit">{t("console.assessment_page.review_submit")}</button>
          </form>
        ) : (
          <p class="empty">{t("console.assessment_page.not_reviewed")}</p>
        )}
      </section>

      <section aria-labelledby="timeline">
        <h2 id="timeline">{t("console.signal.timeline")}</h2>
        <ol class="timeline">
          {a.timeline.map((e) => (
            <li data-event={e.type}>
              <time dateTime={e.at.toISOString()}>{ctx.dateTime(e.at)}</time>
              <span class="what">
                {ASSESSMENT_EVENTS.includes(e.type)
                  ? t(`console.assessment_page.events.${e.type}`)
                  : t("console.signal.event.other", { type: e.type })}
              </span>
              <span class="who">{e.actor ? shortName(e.actor.fullName) : t("console.signal.system")}</span>
            </li>
          ))}
        </ol>
      </section>
    </Layout>
  );
}
