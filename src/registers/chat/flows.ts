/**
 * The registers' dialogues and what completing each does: "another period" (then the next choice
 * for its purpose) and a hospital's abandonment count (saved by the action).
 */
import { z } from "zod";
import { abandonmentTotalFlow } from "../../../flows/abandonment-total.ts";
import { registerPeriodFlow } from "../../../flows/register-period.ts";
import type { FlowFeature } from "../../platform/chat/app.ts";
import { DomainError } from "../../platform/errors.ts";
import { setAbandonmentTotal } from "../actions/set-abandonment-total.ts";
import { inclusivePeriod, periodProblem } from "../domain/periods.ts";
import { afterPeriod, authorizePurpose } from "./buttons.ts";
import { PURPOSES } from "./kinds.ts";
import { periodText } from "./menus.ts";

const periodParams = z.object({ purpose: z.enum(PURPOSES), hospitalId: z.uuid() });
const periodAnswers = z.object({ first: z.iso.date(), last: z.iso.date() });
const totalParams = z.object({ hospitalId: z.uuid(), from: z.iso.date(), to: z.iso.date() });

/** The dialogues. */
export const registerFlows: FlowFeature[] = [
  {
    flow: registerPeriodFlow,
    permission: "register.export",
    async onComplete(turn, answers, params) {
      const { purpose, hospitalId } = periodParams.parse(params);
      const { first, last } = periodAnswers.parse(answers);
      authorizePurpose(turn, purpose, hospitalId);
      if (last < first) throw new DomainError("bad_request", "flows.register_period.last_before_first");
      const period = inclusivePeriod(first, last);
      if (periodProblem(period))
        throw new DomainError("bad_request", "flows.register_period.last_before_first");
      await afterPeriod(turn, purpose, hospitalId, period, false);
    },
  },
  {
    flow: abandonmentTotalFlow,
    permission: "abandonments.enter",
    async onComplete(turn, answers, params) {
      const { hospitalId, from, to } = totalParams.parse(params);
      const count = z.number().int().parse(answers.count);
      const saved = await setAbandonmentTotal(turn.actionDeps({}), turn.actor, {
        hospitalId,
        from,
        to,
        count,
      });
      turn.reply({
        texts: [
          {
            key: "registers.totals.saved",
            params: {
              hospital: saved.hospital.name,
              period: periodText({ from, to }),
              count,
              who: saved.enteredBy?.fullName ?? "",
              at: { datetime: saved.enteredAt.toISOString() },
            },
          },
        ],
      });
    },
  },
];
