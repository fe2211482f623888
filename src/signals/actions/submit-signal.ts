/**
 * Submitting a signal: one transaction creates the hospital journal row and the service journal
 * row (numbered per year), stores the identified / registered / transmitted times and the late
 * flag, writes the events and the audit row, tells every head (their cards) and queues the first
 * "nobody assigned yet" reminder.
 */
import { z } from "zod";
import { authorize, type Actor } from "../../access/policy.ts";
import { writeAudit } from "../../platform/audit.ts";
import { DomainError } from "../../platform/errors.ts";
import { nameKey } from "../domain/names.ts";
import {
  isLate,
  journalYear,
  SIGNAL_CATEGORIES,
  SIGNAL_KINDS,
  WOMAN_LOCATIONS,
} from "../domain/lifecycle.ts";
import { threatDetails } from "../domain/threat.ts";
import { appendEvent } from "../events.ts";
import { ASSIGN_REMINDER } from "../jobs/types.ts";
import { nextNumber } from "../../platform/numbering.ts";
import { loadSignal, type SignalView } from "../queries/signal-view.ts";
import type { SignalDeps } from "./deps.ts";

const place = z.string().min(1).max(300);

/** The new signal, as the intake dialogue (or any other channel) gives it; checked again here. */
export const submitSignalInput = z
  .object({
    full_name: z.string().min(3).max(200),
    birth: z.union([z.literal("unknown"), z.iso.date(), z.number().int().min(10).max(65)]),
    registered_address: place,
    actual_address: place,
    ambulance_from: place,
    phone: z.union([z.literal("unknown"), z.string().regex(/^\+\d{10,15}$/)]),
    category: z.enum(SIGNAL_CATEGORIES),
    location: z.enum(WOMAN_LOCATIONS),
    identified_at: z.iso.datetime({ offset: true }),
    comment: z.string().max(1000).nullable().optional(),
    /** When the reporter started registering it (the hospital journal's registration time). */
    startedAt: z.iso.datetime({ offset: true }),
    /** A threat to a child (./submit-threat-signal.ts) carries its own answers; default: a newborn. */
    kind: z.enum(SIGNAL_KINDS).optional(),
    threat: threatDetails.optional(),
  })
  // The kind, its category and its details go together.
  .refine(
    (a) =>
      (a.kind === "child_threat") === (a.category === "child_threat") &&
      (a.kind === "child_threat") === (a.threat !== undefined),
    { message: "a threat signal has the threat category and details; a newborn signal has neither" },
  );
export type SubmitSignalInput = z.infer<typeof submitSignalInput>;

/** What was created. */
export interface SubmitSignalResult {
  signal: SignalView;
  late: boolean;
}

const known = (value: string) => (value === "unknown" ? null : value);

/** Submits a signal from a hospital's responsible specialist. */
export async function submitSignal(
  deps: SignalDeps,
  actor: Actor,
  input: SubmitSignalInput,
): Promise<SubmitSignalResult> {
  const a = submitSignalInput.parse(input);
  const { tx, now } = deps;
  if (actor.kind !== "staff" || !actor.hospitalId) {
    throw new DomainError("forbidden", "signal.no_hospital", {
      message: "only hospital staff submit signals",
    });
  }
  const hospital = await tx.hospital.findUniqueOrThrow({
    where: { id: actor.hospitalId },
    include: { service: true },
  });
  authorize(actor, "signal.submit", { serviceId: hospital.serviceId, hospitalId: hospital.id });

  const identifiedAt = new Date(a.identified_at);
  const registeredAt = new Date(a.startedAt);
  const hospitalYear = journalYear(registeredAt, hospital.timeZone ?? hospital.service.timeZone);
  const serviceYear = journalYear(now, hospital.service.timeZone);
  const late = isLate(identifiedAt, now);
  const actual = a.actual_address === "same" ? known(a.registered_address) : known(a.actual_address);

  const created = await tx.signal.create({
    data: {
      serviceId: hospital.serviceId,
      hospitalId: hospital.id,
      reporterId: actor.id,
      hospitalYear,
      hospitalNumber: await nextNumber(tx, "hospital", hospital.id, hospitalYear),
      serviceYear,
      serviceNumber: await nextNumber(tx, "service", hospital.serviceId, serviceYear),
      womanFullName: a.full_name,
      womanNameKey: nameKey(a.full_name),
      womanBirthDate:
        typeof a.birth === "string" && a.birth !== "unknown" ? new Date(`${a.birth}T00:00:00Z`) : null,
      womanAge: typeof a.birth === "number" ? a.birth : null,
      registeredAddress: known(a.registered_address),
      actualAddress: actual,
      ambulanceFrom: a.ambulance_from === "not_ambulance" ? null : known(a.ambulance_from),
      phone: known(a.phone),
      kind: a.kind ?? "newborn",
      ...(a.threat ? { threat: a.threat } : {}),
      category: a.category,
      location: a.location,
      comment: a.comment ?? null,
      identifiedAt,
      registeredAt,
      transmittedAt: now,
      late,
      isDemo: hospital.isDemo,
    },
  });
  await appendEvent(tx, created.id, "registered", actor.id, registeredAt, {
    hospitalNumber: created.hospitalNumber,
    hospitalYear,
  });
  await appendEvent(tx, created.id, "transmitted", actor.id, now, {
    ...(created.kind !== "newborn" ? { kind: created.kind } : {}),
    serviceNumber: created.serviceNumber,
    serviceYear,
    late,
  });
  await writeAudit(tx, {
    actor,
    action: "signal.submitted",
    subjectType: "signal",
    subjectId: created.id,
    serviceId: hospital.serviceId,
    details: { late, kind: created.kind },
    at: now,
  });

  await deps.notifier.notify({ type: "signal.submitted", signalId: created.id, at: now.toISOString() });
  const firstReminder = new Date(now.getTime() + deps.settings.signals.assignReminderMinutes * 60_000);
  await deps.jobs.schedule(ASSIGN_REMINDER, { signalId: created.id, n: 1 }, firstReminder);
  return { signal: (await loadSignal(tx, created.id))!, late };
}
