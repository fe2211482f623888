/**
 * The head's actions over the API, through the same action functions as the bot's buttons (so
 * the same rules: urgency before assignment, the caseload override with a reason, one winner when
 * two heads act at once):
 *
 * - `POST /api/signals/:id/urgency`  `{ "urgency": "urgent" | "planned" }`
 * - `POST /api/signals/:id/assign`   `{ "curatorId": "<uuid>", "overrideReason"?: "…" }`
 * - `POST /api/signals/:id/reassign` `{ "curatorId": "<uuid>", "overrideReason"?: "…" }`
 *
 * Each answers 200 with the signal's state after the action, or an error: 400 (bad body),
 * 403 (not a head), 404 (no such signal or curator), 409 (`reason`: `urgency_first`,
 * `already_assigned`, `wrong_state`, `changed_meanwhile`, `same_curator`), 422 (`reason`:
 * `override_required`). Every action writes its audit row with the token's id.
 *
 * @example
 * POST /api/signals/0b8e…/assign
 * Authorization: Bearer sdk_…
 * { "curatorId": "5f1c…" }
 * → 200 { "id": "0b8e…", "number": "12/2026", "status": "assigned", "urgency": "urgent",
 *         "curator": { "id": "5f1c…", "fullName": "Петрова Анна Сергеевна" }, "version": 2 }
 */
import { Router, type Response } from "express";
import { z } from "zod";
import { apiActor, requireStaff } from "../../access/http/auth.ts";
import { actionRunner, type FeatureDeps } from "../../platform/chat/app.ts";
import { parseInput } from "../../platform/http/app.ts";
import { runActions } from "../../platform/run-actions.ts";
import { assignCurator } from "../actions/assign-curator.ts";
import { reassignCurator } from "../actions/reassign-curator.ts";
import { setUrgency } from "../actions/set-urgency.ts";
import { signalNumber } from "../domain/numbers.ts";
import { SIGNAL_STATUSES } from "../domain/lifecycle.ts";
import type { SignalView } from "../queries/signal-view.ts";
import type { SignalSettings } from "../settings.ts";

const params = z.object({ id: z.uuid({ message: "must be a UUID" }) });

/** Body of `POST /signals/:id/urgency`. */
export const urgencyBody = z.strictObject({
  urgency: z.enum(["urgent", "planned"], { message: "must be urgent or planned" }),
});

/** Body of `POST /signals/:id/assign` and `/reassign`. */
export const curatorBody = z.strictObject({
  curatorId: z.uuid({ message: "must be a UUID" }),
  overrideReason: z
    .string()
    .trim()
    .min(5, "must be at least 5 characters")
    .max(500, "must be at most 500 characters")
    .optional(),
});

const person = z.object({ id: z.string(), fullName: z.string() }).nullable();

/** What every head action answers: the signal's state after it. */
export const signalStateResponse = z.object({
  id: z.string(),
  number: z.string(),
  status: z.enum(SIGNAL_STATUSES),
  urgency: z.enum(["urgent", "planned"]).nullable(),
  visitDeadline: z.date().nullable(),
  curator: person,
  assignedBy: person,
  assignedAt: z.date().nullable(),
  version: z.number(),
});

function stateOf(signal: SignalView): z.infer<typeof signalStateResponse> {
  const ref = (p: { id: string; fullName: string } | null) => (p ? { id: p.id, fullName: p.fullName } : null);
  return {
    id: signal.id,
    number: signalNumber(signal),
    status: signal.status,
    urgency: signal.urgency,
    visitDeadline: signal.visitDeadline,
    curator: ref(signal.curator),
    assignedBy: ref(signal.assignedBy),
    assignedAt: signal.assignedAt,
    version: signal.version,
  };
}

function send(res: Response, signal: SignalView): void {
  res.setHeader("Cache-Control", "no-store");
  res.json(signalStateResponse.parse(stateOf(signal)));
}

/** The router to mount under /api. */
export function signalActionRoutes(deps: FeatureDeps, settings: SignalSettings): Router {
  const runner = actionRunner(deps, { signals: settings });
  const auth = requireStaff(deps.db, { clock: deps.clock });
  const router = Router();

  router.post("/signals/:id/urgency", auth, async (req, res) => {
    const { id } = parseInput(params, req.params);
    const { urgency } = parseInput(urgencyBody, req.body ?? {});
    const actor = apiActor(res);
    const { signal } = await runActions(runner, (d) => setUrgency(d, actor, { signalId: id, urgency }));
    send(res, signal);
  });

  router.post("/signals/:id/assign", auth, async (req, res) => {
    const { id } = parseInput(params, req.params);
    const body = parseInput(curatorBody, req.body ?? {});
    const actor = apiActor(res);
    const { signal } = await runActions(runner, (d) => assignCurator(d, actor, { signalId: id, ...body }));
    send(res, signal);
  });

  router.post("/signals/:id/reassign", auth, async (req, res) => {
    const { id } = parseInput(params, req.params);
    const body = parseInput(curatorBody, req.body ?? {});
    const actor = apiActor(res);
    const { signal } = await runActions(runner, (d) => reassignCurator(d, actor, { signalId: id, ...body }));
    send(res, signal);
  });

  return router;
}
