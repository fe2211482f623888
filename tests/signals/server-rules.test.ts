/**
 * Rules the server keeps whatever arrives: a person's chat binding never changes silently, and a
 * signal cannot be assigned before its urgency is set, even with forged button data.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ASSIGN } from "../../src/signals/chat/kinds.ts";
import { createHarness, type Harness, type HarnessPerson } from "../helpers/harness.ts";
import { reportSignal } from "../helpers/signals.ts";

describe("rules kept on the server", () => {
  let h: Harness;
  let reporter: HarnessPerson;
  let head: HarnessPerson;
  let curator: HarnessPerson;

  beforeEach(async () => {
    h = await createHarness();
    reporter = await h.person("reporter", "Смирнова Ольга Ивановна");
    head = await h.person("head", "Орлова Елена Николаевна");
    curator = await h.person("curator", "Петрова Анна Сергеевна");
  });
  afterEach(async () => h.stop());

  it("an update from the curator's account in another chat is refused and audited; cards still go to their chat", async () => {
    const forgedChat = "777000111";
    await h.deliver(
      curator.userId,
      { kind: "command", command: "my", args: "", messageId: 1 },
      { chatId: forgedChat },
    );
    const identity = await h.database.db.messengerIdentity.findFirstOrThrow({
      where: { staffId: curator.staffId },
    });
    expect(identity.chatId).toBe(curator.userId);
    expect(h.messenger.chat(forgedChat)).toEqual([]);
    expect(await h.database.db.outboxMessage.count({ where: { chatId: forgedChat } })).toBe(0);
    const audit = await h.database.db.auditEvent.findMany({ where: { action: "chat.binding_refused" } });
    expect(audit).toMatchObject([{ subjectId: curator.staffId, actorStaffId: curator.staffId }]);

    await reportSignal(reporter);
    await head.press("🔴 Срочно (до 3 часов)");
    await head.press("Петрова А. С. — 0/9");
    expect(curator.last().text).toContain("Вам назначен сигнал");
    expect(h.messenger.chat(forgedChat)).toEqual([]);
  });

  it("a forged 'assign' press before the urgency is set is refused; nothing is assigned", async () => {
    await reportSignal(reporter);
    const signal = await h.database.db.signal.findFirstOrThrow();
    const card = head.last();
    await h.deliver(head.userId, {
      kind: "callback",
      data: ASSIGN.data({ signalId: signal.id, v: signal.version, curatorId: curator.staffId }),
      callbackQueryId: "forged-1",
      messageId: card.id,
    });
    expect(h.messenger.callbackAnswers.find((a) => a.id === "forged-1")).toMatchObject({
      text: "Сначала выберите срочность.",
      showAlert: true,
    });
    const after = await h.database.db.signal.findFirstOrThrow();
    expect(after).toMatchObject({ status: "received", curatorId: null, urgency: null });
    expect(await h.database.db.signalEvent.count({ where: { type: "assigned" } })).toBe(0);
    expect(curator.messages()).toEqual([]);
  });
});
