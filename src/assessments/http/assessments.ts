/**
 * The assessments API, by the one access policy (heads and admins everything in their service, the
 * specialist and the curator of its case their own; others get 404, reporters 403):
 *
 * - `GET /api/assessments/:id` — one assessment with everything it records and its history;
 * - `GET /api/assessments/:id/form.pdf` — its form (Appendix 2) as a PDF, made now.
 *
 * Both are reads of personal data: each writes an audit row and is sent `Cache-Control: no-store`.
 *
 * @example
 * GET /api/assessments/0b8e…
 * Authorization: Bearer sdk_…
 * → 200 { "id": "0b8e…", "number": "1/2026", "status": "completed", "stage": "handover",
 *         "ratings": [{ "factor": "1", "rating": "high" }, …], "overall": { "level": "moderate",
 *         "reasoning": "…", "factorsAbove": ["1"] }, "conclusion": { "code": 3, … }, … }
 */
import { Router, type Response } from "express";
import { z } from "zod";
import { apiActor, requireStaff } from "../../access/http/auth.ts";
import { authorize } from "../../access/policy.ts";
import type { FeatureDeps } from "../../platform/chat/app.ts";
import { writeAudit } from "../../platform/audit.ts";
import { renderPdf } from "../../platform/documents/pdf.ts";
import { parseInput } from "../../platform/http/app.ts";
import { assessmentNotFound } from "../actions/refusals.ts";
import { RATINGS, RISK_FACTORS, THREATS } from "../domain/checklist.ts";
import { MEASURED_STEPS } from "../domain/time-norms.ts";
import { assessmentForm, formFileName } from "../documents/form.ts";
import { assessmentSubject, loadAssessment } from "../queries/assessment-view.ts";
import { readAssessment } from "../queries/detail.ts";

/** Path parameters. */
export const assessmentParams = z.object({ id: z.uuid({ message: "must be a UUID" }) });

const person = z.object({ id: z.string(), fullName: z.string() });
const choices = z.object({ values: z.array(z.string()), texts: z.record(z.string(), z.string()) });
const date = z.date();

/** Response of `GET /assessments/:id`: only these fields reach the caller. */
export const assessmentResponse = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(["in_progress", "completed", "cancelled"]),
  stage: z.string(),
  origin: z.enum(["case", "signal"]),
  checklistVersion: z.number(),
  version: z.number(),
  case: z.object({ id: z.string(), number: z.string() }).nullable(),
  signal: z.object({ id: z.string(), number: z.string() }).nullable(),
  specialist: person,
  planning: z.object({
    urgency: z.enum(["immediate", "planned"]).nullable(),
    child: z.object({
      fullName: z.string().nullable(),
      birthDate: z.string().nullable(),
      ageVulnerability: z.enum(["extreme", "heightened", "ordinary", "unknown"]),
    }),
    parents: z.object({ fromSignal: z.boolean(), text: z.string().nullable() }),
    homeAddress: z.object({ fromSignal: z.boolean(), text: z.string().nullable() }),
    facts: z.string().nullable(),
    contactDeadline: date.nullable(),
  }),
  safety: z
    .object({
      threats: z.array(z.object({ id: z.enum(THREATS), present: z.boolean() })),
      vulnerability: choices,
      protective: choices,
      familyHistory: z.string().nullable(),
      planRequired: z.boolean().nullable(),
    })
    .nullable(),
  safetyPlan: z
    .object({
      kind: z.enum(["in_family", "placement"]),
      placement: z.string().nullable(),
      actions: z.array(
        z.object({
          id: z.string(),
          position: z.number(),
          action: z.string(),
          dueDate: z.string(),
          responsible: z.string(),
          monitoring: z.string(),
          doneAt: date.nullable(),
        }),
      ),
    })
    .nullable(),
  ratings: z.array(z.object({ factor: z.enum(RISK_FACTORS), rating: z.enum(RATINGS).nullable() })),
  overall: z
    .object({
      level: z.enum(["high", "moderate", "low"]),
      reasoning: z.string().nullable(),
      factorsAbove: z.array(z.enum(RISK_FACTORS)),
    })
    .nullable(),
  conclusion: z
    .object({
      code: z.number().int().min(1).max(4),
      recommendedServices: z.string().nullable(),
      caseOpened: z.boolean(),
    })
    .nullable(),
  handover: z
    .object({
      at: date,
      recipient: z.string().nullable(),
      channel: z.string().nullable(),
      fileId: z.string().nullable(),
      acknowledgedAt: date.nullable(),
      /** Who at the authority confirmed receipt, as recorded. */
      acknowledgedBy: z.string().nullable(),
    })
    .nullable(),
  review: z.object({ at: date, by: person.nullable(), comment: z.string().nullable() }).nullable(),
  cancelled: z.object({ at: date, reason: z.string().nullable() }).nullable(),
  times: z.record(z.string(), date.nullable()),
  timeNorms: z.array(
    z.object({
      step: z.enum(MEASURED_STEPS),
      minutes: z.number(),
      norm: z.number().nullable(),
      finished: z.boolean(),
      over: z.boolean(),
    }),
  ),
  due: z.object({ step: z.string(), at: date }).nullable(),
  timeline: z.array(
    z.object({ id: z.string(), type: z.string(), at: date, actor: person.nullable(), data: z.unknown() }),
  ),
});

/** Sends a body with personal data: never to be stored by a browser or a proxy. */
function noStore(res: Response): void {
  res.setHeader("Cache-Control", "no-store");
}

/** The router to mount under /api. */
export function assessmentRoutes(deps: FeatureDeps): Router {
  const { db, clock } = deps;
  const auth = requireStaff(db, { clock });
  const router = Router();

  router.get("/assessments/:id", auth, async (req, res) => {
    const { id } = parseInput(assessmentParams, req.params);
    const detail = await readAssessment(db, apiActor(res), id, clock());
    noStore(res);
    res.json(assessmentResponse.parse(detail));
  });

  router.get("/assessments/:id/form.pdf", auth, async (req, res) => {
    const { id } = parseInput(assessmentParams, req.params);
    const actor = apiActor(res);
    const now = clock();
    const assessment = await loadAssessment(db, id);
    if (!assessment) throw assessmentNotFound();
    authorize(actor, "assessment.read", assessmentSubject(assessment));
    const pdf = await renderPdf(assessmentForm(assessment, now));
    await writeAudit(db, {
      actor,
      action: "assessment.form_read",
      subjectType: "assessment",
      subjectId: assessment.id,
      serviceId: assessment.serviceId,
      at: now,
    });
    noStore(res);
    res.setHeader("Content-Type", "application/pdf");
    res.setHeader(
      "Content-Disposition",
      `attachment; filename*=UTF-8''${encodeURIComponent(formFileName(assessment))}`,
    );
    res.send(pdf);
  });

  return router;
}
