/**
 * The signal round trip as chat features: the reporter's /new dialogue, the head's card
 * buttons, the curator's buttons and outcome dialogue, /my, and the timers.
 */
import { z } from "zod";
import type { ActionFeature, ChatApp, CommandFeature, FlowFeature, TurnContext } from "../platform/chat/app.ts";
import { newSignalFlow } from "../../flows/new-signal.ts";
import { overrideReasonFlow } from "../../flows/override-reason.ts";
import { visitOutcomeFlow } from "../../flows/visit-outcome.ts";
import { advanceVisit, startOutcome } from "./advance-visit.ts";
import { assignCurator, showCuratorList, showHeadCard } from "./assign-curator.ts";
import { SIGNAL_PREFIX } from "./cards.ts";
import { fromShortId } from "./ids.ts";
import { signalJobs } from "./jobs.ts";
import { myWork } from "./my-work.ts";
import { recordOutcome } from "./record-outcome.ts";
import { setUrgency } from "./set-urgency.ts";
import type { SignalSettings } from "./settings.ts";
import { submitSignal } from "./submit-signal.ts";

/** Parses `sg:<op>:<signal>[:<arg>]`. */
function parseData(data: string): { op: string; signalId: string; arg: string | undefined } | null {
  const [op, short, arg, ...rest] = data.slice(SIGNAL_PREFIX.length).split(":");
  const signalId = short ? fromShortId(short) : null;
  if (!op || !signalId || rest.length > 0) return null;
  return { op, signalId, arg };
}

function headAction(settings: SignalSettings): ActionFeature {
  return {
    prefix: `${SIGNAL_PREFIX}`,
    roles: ["head", "curator"],
    async run(turn: TurnContext, data: string) {
      const parsed = parseData(data);
      if (!parsed) return turn.answerCallback({ key: "engine.stale_button" });
      const { op, signalId, arg } = parsed;
      const head = turn.staff.role === "head";
      if (head && op === "u" && (arg === "u" || arg === "p"))
        return setUrgency(turn, signalId, arg === "u" ? "urgent" : "planned");
      if (head && op === "l") return showCuratorList(turn, signalId);
      if (head && op === "k") return showHeadCard(turn, signalId);
      if (head && op === "c") {
        const curatorId = arg ? fromShortId(arg) : null;
        if (!curatorId) return turn.answerCallback({ key: "engine.stale_button" });
        return assignCurator(turn, settings, { signalId, curatorId });
      }
      if (!head && op === "acc") return advanceVisit(turn, signalId, "accept");
      if (!head && op === "dep") return advanceVisit(turn, signalId, "depart");
      if (!head && op === "arr") return advanceVisit(turn, signalId, "arrive");
      if (!head && op === "out") return startOutcome(turn, signalId);
      turn.answerCallback({ key: "engine.stale_button" });
    },
  };
}

const overrideParams = z.object({ signalId: z.uuid(), curatorId: z.uuid() });

/** The round trip's part of the chat app. */
export function signalFeatures(
  settings: SignalSettings,
): Pick<ChatApp, "flows" | "commands" | "actions" | "jobs"> {
  const flows: FlowFeature[] = [
    {
      flow: newSignalFlow,
      roles: ["reporter"],
      onComplete: (turn, answers, params) => submitSignal(turn, settings, answers, params),
    },
    { flow: visitOutcomeFlow, roles: ["curator"], onComplete: recordOutcome },
    {
      flow: overrideReasonFlow,
      roles: ["head"],
      onComplete: (turn, answers, params) =>
        assignCurator(turn, settings, {
          ...overrideParams.parse(params),
          overrideReason: z.string().parse(answers.reason),
        }),
    },
  ];
  const commands: CommandFeature[] = [
    {
      name: "new",
      description: "commands.new_signal",
      roles: ["reporter"],
      run: (turn) => turn.startFlow("new_signal", { startedAt: turn.now.toISOString() }),
    },
    { name: "my", description: "commands.my", roles: ["curator", "head"], run: myWork },
  ];
  return { flows, commands, actions: [headAction(settings)], jobs: (deps) => signalJobs(deps, settings) };
}
