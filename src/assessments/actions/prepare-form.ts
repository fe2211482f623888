/**
 * The form of an assessment made now, as a stored file someone may be sent (a chat) or download:
 * a read of personal data, so it is audited. The file is temporary (a day): the form is made again
 * from the record whenever it is asked for; the handed-over copy is kept by the hand-over itself.
 */
import { z } from "zod";
import type { Actor } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import { renderPdf } from "../../platform/documents/pdf.ts";
import { storeFile } from "../../platform/files.ts";
import { assessmentForm, formFileName } from "../documents/form.ts";
import type { AssessmentView } from "../queries/assessment-view.ts";
import type { AssessmentDeps } from "./deps.ts";
import { loadFor } from "./step.ts";

export const prepareFormInput = z.object({ assessmentId: z.uuid() });

/** How long a form made on request is kept. */
const KEEP_MS = 24 * 60 * 60_000;

/** Makes and stores the form; returns the file id and the assessment. */
export async function prepareForm(
  deps: AssessmentDeps,
  actor: Actor,
  input: z.infer<typeof prepareFormInput>,
): Promise<{ fileId: string; assessment: AssessmentView }> {
  const { assessmentId } = prepareFormInput.parse(input);
  const { tx, now } = deps;
  const assessment = await loadFor(deps, actor, assessmentId, "assessment.read", null);
  const fileId = await storeFile(tx, {
    serviceId: assessment.serviceId,
    name: formFileName(assessment),
    contentType: "application/pdf",
    content: await renderPdf(assessmentForm(assessment, now)),
    purpose: "assessment_form_copy",
    deleteAfter: new Date(now.getTime() + KEEP_MS),
  });
  await writeAudit(tx, {
    actor,
    action: "assessment.form_made",
    subjectType: "assessment",
    subjectId: assessment.id,
    serviceId: assessment.serviceId,
    details: { fileId },
    at: now,
  });
  return { fileId, assessment };
}
