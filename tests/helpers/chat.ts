/**
 * Acting as a person in a simulated chat: wait until the bot shows what you expect, then
 * type or press — never sleep.
 */
import type { SimChatView, SimUser } from "@signal-desk/telegram-bot-api-sim";

/** The newest bot message's text. */
export function lastBotText(chat: SimChatView): string {
  return chat.messages.filter((m) => m.from === "bot").at(-1)?.text ?? "";
}

/** Labels of every inline button in the chat now. */
export function visibleButtons(chat: SimChatView): string[] {
  return chat.messages.flatMap((m) => (m.buttons ?? []).flat().map((b) => b.text));
}

/** Waits until the newest bot message contains `text`. */
export function waitText(user: SimUser, text: string, timeoutMs = 10_000): Promise<SimChatView> {
  return user.waitFor((c) => lastBotText(c).includes(text), `a bot message with "${text}"`, { timeoutMs });
}

/** Waits until any bot message contains `text`. */
export function waitAnyText(user: SimUser, text: string, timeoutMs = 10_000): Promise<SimChatView> {
  return user.waitFor(
    (c) => c.messages.some((m) => m.from === "bot" && (m.text ?? "").includes(text)),
    `a bot message with "${text}"`,
    { timeoutMs },
  );
}

/** Waits for the button, presses it, and waits for the bot to answer the press. */
export async function press(user: SimUser, label: string): Promise<SimChatView> {
  await user.waitFor((c) => visibleButtons(c).includes(label), `a button "${label}"`, { timeoutMs: 10_000 });
  const result = await user.press(label);
  if (result.kind === "callback")
    await user.waitForCallbackAnswer(result.callbackQueryId, { timeoutMs: 10_000 });
  return user.chat();
}

/** Waits until the newest bot message asks `prompt`, then types `text`. */
export async function answer(user: SimUser, prompt: string, text: string): Promise<void> {
  await waitText(user, prompt);
  await user.sendText(text);
}

/** Waits until the newest bot message asks `prompt` and offers `label`, then presses it there. */
export async function choose(user: SimUser, prompt: string, label: string): Promise<SimChatView> {
  const chat = await user.waitFor(
    (c) => {
      const last = c.messages.filter((m) => m.from === "bot").at(-1);
      return (
        !!last &&
        (last.text ?? "").includes(prompt) &&
        (last.buttons ?? []).flat().some((b) => b.text === label)
      );
    },
    `"${prompt}" with a button "${label}"`,
    { timeoutMs: 10_000 },
  );
  const message = chat.messages.filter((m) => m.from === "bot").at(-1)!;
  const result = await user.press(label, { messageId: message.messageId });
  if (result.kind === "callback")
    await user.waitForCallbackAnswer(result.callbackQueryId, { timeoutMs: 10_000 });
  return user.chat();
}
