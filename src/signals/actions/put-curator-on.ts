/**
 * What assigning and reassigning share once their own checks passed: the caseload rule, the
 * race-safe update, the event, the audit row, the notice and the accept-timeout job.
 */
import type { Actor } from "../../access/policy.ts";
import { shortName } from "../../access/names.ts";
import { writeAudit } from "../../platform/audit.ts";
import { DomainError } from "../../platform/errors.ts";
import { isFull, type CuratorLoad } from "../domain/lifecycle.ts";
import { appendEvent } from "../events.ts";
import { ACCEPT_NUDGE, ACCEPT_NUDGE_BEFORE_MINUTES, ACCEPT_TIMEOUT } from "../jobs/types.ts";
import { loadSignal, type SignalView } from "../queries/signal-view.ts";
import { curatorLoads } from "../queries/staff.ts";
import type { AssignResult } from "./assign-curator.ts";
import type { SignalDeps } from "./deps.ts";
import { alreadyAssigned, changedMeanwhile } from "./refusals.ts";

/** The curator put on the signal, with their open cases before it. */
export type PlacedCurator = CuratorLoad;

/** Puts `input.curatorId` on `signal` (already checked for permission and state). */
export async function putCuratorOn(
  deps: SignalDeps,
  actor: Actor,
  signal: SignalView,
  kind: "assign" | "reassign",
  input: { curatorId: string; overrideReason?: string | undefined },
): Promise<AssignResult> {
  const { tx, now } = deps;
  const curator = (await curatorLoads(tx, signal.serviceId)).find((c) => c.id === input.curatorId);
  if (!curator) {
    throw new DomainError("not_found", "signal.no_such_curator", {
      message: "curatorId: no active curator with this id in the service",
      details: { field: "curatorId" },
    });
  }
  if (isFull(curator) && !input.overrideReason) {
    throw new DomainError("unprocessable", "signal.override_required", {
      params: { name: shortName(curator.fullName) },
      message: "the curator already carries the maximum of open cases: give overrideReason",
      reason: "override_required",
      details: { field: "overrideReason", openCases: curator.openCases },
    });
  }
  const actorId = actor.kind === "staff" ? actor.id : null;
  const updated = await tx.signal.updateMany({
    where: { id: signal.id, version: signal.version, status: signal.status },
    data: {
      curatorId: curator.id,
      assignedAt: now,
      assignedById: actorId,
      status: "assigned",
      acceptedAt: null,
      departedAt: null,
      version: { increment: 1 },
    },
  });
  if (updated.count === 0) {
    const current = (await loadSignal(tx, signal.id))!;
    throw kind === "assign" && current.curatorId ? alreadyAssigned(current) : changedMeanwhile();
  }
  const override = input.overrideReason
    ? { override: true as const, overrideReason: input.overrideReason, openCases: curator.openCases }
    : {};
  if (kind === "assign") {
    await appendEvent(tx, signal.id, "assigned", actorId, now, { curatorId: curator.id, ...override });
  } else {
    await appendEvent(tx, signal.id, "reassigned", actorId, now, {
      curatorId: curator.id,
      fromCuratorId: signal.curatorId,
      ...override,
    });
  }
  await writeAudit(tx, {
    actor,
    action: kind === "assign" ? "signal.assigned" : "signal.reassigned",
    subjectType: "signal",
    subjectId: signal.id,
    serviceId: signal.serviceId,
    details: { curatorId: curator.id, override: input.overrideReason !== undefined },
    at: now,
  });
  await deps.notifier.notify({
    type: "signal.assigned",
    signalId: signal.id,
    curatorId: curator.id,
    byStaffId: actorId,
    previousCuratorId: kind === "reassign" ? signal.curatorId : null,
  });
  const acceptBy = new Date(now.getTime() + deps.settings.signals.acceptTimeoutMinutes * 60_000);
  await deps.jobs.schedule(ACCEPT_TIMEOUT, { signalId: signal.id, assignedAt: now.toISOString() }, acceptBy);
  const nudgeAt = acceptBy.getTime() - ACCEPT_NUDGE_BEFORE_MINUTES * 60_000;
  if (nudgeAt > now.getTime())
    await deps.jobs.schedule(
      ACCEPT_NUDGE,
      { signalId: signal.id, assignedAt: now.toISOString() },
      new Date(nudgeAt),
    );
  return { signal: (await loadSignal(tx, signal.id))!, curator };
}
