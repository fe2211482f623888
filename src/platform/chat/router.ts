/**
 * Where an update of a known, active staff member goes: a command, a feature button (looked up in
 * the button registry), or the open dialogue. Refusals (DomainErrors) are shown, not thrown.
 */
import { can } from "../../access/policy.ts";
import { DomainError } from "../errors.ts";
import { FLOW_BUTTON_PREFIX } from "../flow/buttons.ts";
import { repeatQuestion, resumeSession } from "../flow/engine.ts";
import type { EngineInput, SessionState, Text } from "../flow/types.ts";
import type { InboundInput } from "../messenger/contract.ts";
import type { Turn } from "./turn.ts";

function engineInput(input: InboundInput): EngineInput | null {
  switch (input.kind) {
    case "text":
      return { type: "text", text: input.text };
    case "callback":
      return { type: "button", data: input.data };
    case "contact":
      return { type: "contact", phone: input.phone, own: input.contactUserId !== undefined };
    case "unsupported":
      return { type: "unsupported", what: input.what };
    case "form":
      return { type: "form", answers: input.answers };
    default:
      return null;
  }
}

/** The commands this person may use, for /help. */
function helpMessage(turn: Turn): void {
  const lines = turn.chat.app.commands
    .filter((c) => can(turn.actor, c.permission))
    .map(
      (c) =>
        `/${c.name} — ${turn.chat.translator.render({ key: c.description }, turn.staff.locale, turn.staff.timeZone)}`,
    );
  turn.reply({ texts: [{ key: "commands.help", params: { commands: lines.join("\n") } }] });
}

/**
 * What to say when no dialogue is open: the command that fits the person's role (a reporter
 * passes signals, a head or curator looks at their work), then where every command is.
 */
export function noDialogueHint(turn: Turn): Text {
  const mayUse = (name: string) =>
    turn.chat.app.commands.some((c) => c.name === name && can(turn.actor, c.permission));
  if (mayUse("new")) return { key: "chat.no_dialogue_new" };
  if (mayUse("my")) return { key: "chat.no_dialogue_my" };
  return { key: "chat.no_dialogue" };
}

/** Runs a feature's work, showing a refusal instead of failing the turn. */
async function guarded(turn: Turn, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    turn.showError(error);
  }
}

/** Routes one update. */
export async function route(turn: Turn): Promise<void> {
  const { input } = turn;
  const { app } = turn.chat;
  const session = await turn.openSession();
  const state = session?.state as unknown as SessionState | undefined;
  const feature = state && app.flows.find((f) => f.flow.id === state.flowId);
  const ctx = turn.engineContext();

  if (input.kind === "command") {
    const command = app.commands.find((c) => c.name === input.command && can(turn.actor, c.permission));
    if (input.command === "cancel" && feature && state) {
      return turn.applyEngine(feature, session, resumeSession(feature.flow, state, { type: "cancel" }, ctx));
    }
    if (input.command === "cancel" && !state)
      return turn.reply({ texts: [{ key: "chat.nothing_to_cancel" }, noDialogueHint(turn)] });
    if (command) return guarded(turn, () => command.run(turn, input.args));
    if (input.command === "start" || input.command === "help") return helpMessage(turn);
    if (feature && state) {
      return turn.applyEngine(
        feature,
        session,
        repeatQuestion(feature.flow, state, ctx, { key: "chat.unknown_command" }),
      );
    }
    return turn.reply({ texts: [{ key: "chat.unknown_command" }] });
  }

  if (input.kind === "callback" && !input.data.startsWith(FLOW_BUTTON_PREFIX)) {
    const resolved = app.buttons.resolve(input.data);
    if (resolved) await guarded(turn, () => resolved.definition.run(turn, resolved.values));
    return turn.answerCallback(resolved ? undefined : { key: "engine.stale_button" });
  }

  if (input.kind === "edited") {
    if (feature && state)
      return turn.applyEngine(
        feature,
        session,
        repeatQuestion(feature.flow, state, ctx, { key: "chat.edit_ignored" }),
      );
    return;
  }

  const engineIn = engineInput(input);
  if (feature && state && engineIn) {
    return turn.applyEngine(feature, session, resumeSession(feature.flow, state, engineIn, ctx));
  }
  if (input.kind === "callback") {
    turn.answerCallback({ key: "engine.stale_button" });
    if (input.messageId !== undefined)
      turn.send({ method: "editMessageReplyMarkup", chatId: turn.update.chatId, messageId: input.messageId });
    return;
  }
  turn.reply({ texts: [noDialogueHint(turn)] });
}
