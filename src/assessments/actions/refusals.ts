/**
 * The refusals the assessment actions share, as DomainErrors (HTTP status by code, a chat alert
 * by key).
 */
import { DomainError } from "../../platform/errors.ts";
import type { TextParam } from "../../platform/flow/types.ts";
import type { Stage } from "../domain/rules.ts";

/** No such assessment in the actor's reach. */
export function assessmentNotFound(): DomainError {
  return new DomainError("not_found", "errors.not_found", { message: "no such assessment" });
}

/** The step does not fit the assessment's stage. */
export function wrongStage(stage: Stage): DomainError {
  return new DomainError("conflict", "assessment.wrong_stage", {
    params: { stage: { key: `assessment.stage.${stage}` } },
    message: `not possible at the stage "${stage}"`,
    reason: "wrong_stage",
    details: { stage },
  });
}

/** The assessment was cancelled. */
export function cancelled(): DomainError {
  return new DomainError("conflict", "assessment.cancelled_already", {
    message: "the assessment was cancelled",
    reason: "cancelled",
  });
}

/** Someone changed the assessment between reading and writing it. */
export function changedMeanwhile(): DomainError {
  return new DomainError("conflict", "assessment.changed_meanwhile", {
    message: "the assessment was changed meanwhile; read it again",
    reason: "changed_meanwhile",
  });
}

/** Input the rules refuse (HTTP 422), with the text people read. */
export function unprocessable(
  key: string,
  reason: string,
  message: string,
  params?: Record<string, TextParam>,
): DomainError {
  return new DomainError("unprocessable", key, { message, reason, ...(params ? { params } : {}) });
}

/** A state conflict (HTTP 409), with the text people read. */
export function conflict(
  key: string,
  reason: string,
  message: string,
  params?: Record<string, TextParam>,
): DomainError {
  return new DomainError("conflict", key, { message, reason, ...(params ? { params } : {}) });
}
