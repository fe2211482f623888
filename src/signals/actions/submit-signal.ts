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

/** The woman's details that may come after the signal was sent (the urgent short path). */
export const signalDetails = z.object({
  birth: z.union([z.literal("unknown"), z.iso.date(), z.number().int().min(10).max(65)]),
  registered_address: place,
  actual_address: place,
  ambulance_from: place,
  phone: z.union([z.literal("unknown"), z.string().regex(/^\+\d{10,15}$/)]),
  comment: z.string().max(1000).nullable(),
});
export type SignalDetails = z.infer<typeof signalDetails>;

/** The signal's columns of the woman's details. */
export interface DetailColumns {
  womanBirthDate?: Date | null;
  womanAge?: number | null;
  registeredAddress?: string | null;
  actualAddress?: string | null;
  byAmbulance?: boolean | null;
  ambulanceFrom?: string | null;
  phone?: string | null;
  comment?: string | null;
}

/**
 * The signal columns of the details given: only those present (an absent answer is not asked
 * yet). "Same as registered" takes the registered address given now or stored already.
 */
export function detailColumns(
  d: Partial<SignalDetails>,
  storedRegistered: string | null = null,
): DetailColumns {
  const columns: DetailColumns = {};
  if (d.birth !== undefined) {
    columns.womanBirthDate =
      typeof d.birth === "string" && d.birth !== "unknown" ? new Date(`${d.birth}T00:00:00Z`) : null;
    columns.womanAge = typeof d.birth === "number" ? d.birth : null;
  }
  if (d.registered_address !== undefined) columns.registeredAddress = known(d.registered_address);
  if (d.actual_address !== undefined) {
    const registered = d.registered_address !== undefined ? known(d.registered_address) : storedRegistered;
    columns.actualAddress = d.actual_address === "same" ? registered : known(d.actual_address);
  }
  if (d.ambulance_from !== undefined) {
    // "Not by ambulance" is an answer of its own, not an unknown address.
    columns.byAmbulance =
      d.ambulance_from === "not_ambulance" ? false : d.ambulance_from === "unknown" ? null : true;
    columns.ambulanceFrom = d.ambulance_from === "not_ambulance" ? null : known(d.ambulance_from);
  }
  if (d.phone !== undefined) columns.phone = known(d.phone);
  if (d.comment !== undefined) columns.comment = d.comment ?? null;
  return columns;
}

/**
 * The new signal, as the intake dialogue (or any other channel) gives it; checked again here.
 * With `early`, it is sent by the urgent short path: the details may be missing and come later
 * through completeSignal (src/signals/actions/complete-signal.ts).
 */
export const submitSignalInput = signalDetails
  .partial()
  .extend({
    full_name: z.string().min(3).max(200),
    category: z.enum(SIGNAL_CATEGORIES),
    location: z.enum(WOMAN_LOCATIONS),
    identified_at: z.iso.datetime({ offset: true }),
    /** When the reporter started registering it (the hospital journal's registration time). */
    startedAt: z.iso.datetime({ offset: true }),
    /** Sent by the urgent short path: the details not given yet are still to come. */
    early: z.boolean().optional(),
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
  if (!a.early) {
    const missing = Object.keys(signalDetails.shape).filter(
      (k) => k !== "comment" && a[k as keyof SignalDetails] === undefined,
    );
    if (missing.length > 0) signalDetails.parse(a); // throws, naming what is missing
  }

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
      ...detailColumns(a),
      kind: a.kind ?? "newborn",
      ...(a.threat ? { threat: a.threat } : {}),
      category: a.category,
      location: a.location,
      detailsPending: a.early === true,
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
