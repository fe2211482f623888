import { describe, expect, it } from "vitest";
import { encodeButton, OPS } from "../../../src/platform/flow/buttons.ts";
import {
  AT_SUMMARY,
  resumeSession,
  repeatQuestion,
  startSession,
} from "../../../src/platform/flow/engine.ts";
import {
  ENGINE_VERSION,
  type EngineContext,
  type FlowDefinition,
  type SessionState,
} from "../../../src/platform/flow/types.ts";
import { cleanText, parseDateTime, parsePhone } from "../../../src/platform/flow/input.ts";
import { intakeFlow } from "../../fixtures/flows/intake.ts";

const ctx: EngineContext = {
  now: new Date("2026-11-23T09:00:00Z"),
  timeZone: "Europe/Moscow",
  newNonce: () => "nonce1",
};

function answered(flow: FlowDefinition, texts: string[]): SessionState {
  let state = startSession(flow, ctx).state;
  for (const text of texts) state = resumeSession(flow, state, { type: "text", text }, ctx).state;
  return state;
}

describe("engine", () => {
  it("starts waiting at the first step with a fresh nonce and versions", () => {
    const { state, events } = startSession(intakeFlow, ctx, { signalId: "s1" });
    expect(state).toMatchObject({
      engine: ENGINE_VERSION,
      flowId: "intake",
      flowVersion: 2,
      nonce: "nonce1",
      status: "waiting",
      at: "name",
      params: { signalId: "s1" },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "message",
      message: { isPrompt: true, texts: [{ key: "flows.intake.name.prompt" }] },
    });
  });

  it("ignores a button from another session", () => {
    const state = answered(intakeFlow, ["Анна Иванова", "30", "Москва"]);
    const foreign = encodeButton("other1", OPS.relative, "seen_at", "0");
    const turn = resumeSession(intakeFlow, state, { type: "button", data: foreign }, ctx);
    expect(turn.state).toEqual(state);
    expect(turn.events[0]).toMatchObject({
      type: "message",
      message: { texts: [{ key: "engine.stale_button" }, { key: "flows.intake.seen_at.prompt" }] },
    });
  });

  it("ignores a button of an earlier question", () => {
    const state = answered(intakeFlow, ["Анна Иванова", "30"]);
    const old = encodeButton("nonce1", OPS.answer, "where", "0");
    const turn = resumeSession(intakeFlow, state, { type: "button", data: old }, ctx);
    expect(turn.state.answers).toEqual(state.answers);
    expect(turn.state.at).toBe("address");
  });

  it("drops answers of a branch that no longer applies", () => {
    let state = answered(intakeFlow, ["Анна Иванова", "30", "Москва", "10:00"]);
    state = resumeSession(
      intakeFlow,
      state,
      { type: "button", data: encodeButton("nonce1", OPS.answer, "where", "1") },
      ctx,
    ).state;
    state = resumeSession(intakeFlow, state, { type: "text", text: "4" }, ctx).state;
    expect(state.answers.left_when).toBe(4);
    state = resumeSession(intakeFlow, state, { type: "back" }, ctx).state;
    state = resumeSession(intakeFlow, state, { type: "back" }, ctx).state;
    expect(state.at).toBe("where");
    state = resumeSession(
      intakeFlow,
      state,
      { type: "button", data: encodeButton("nonce1", OPS.answer, "where", "0") },
      ctx,
    ).state;
    expect(state.answers).not.toHaveProperty("left_when");
    expect(state.at).toBe("reasons");
  });

  it("migrates answers of an older flow version", () => {
    const old: SessionState = {
      ...startSession(intakeFlow, ctx).state,
      flowVersion: 1,
      answers: { fio: "Анна Иванова" },
    };
    const turn = resumeSession(intakeFlow, old, { type: "text", text: "ignored" }, ctx);
    expect(turn.state.flowVersion).toBe(2);
    expect(turn.state.answers).toEqual({ name: "Анна Иванова" });
    expect(turn.state.at).toBe("born");
    expect(turn.events[0]).toMatchObject({
      type: "message",
      message: { texts: [{ key: "engine.flow_updated" }] },
    });
  });

  it("restarts on purpose when no migration exists", () => {
    const future: SessionState = {
      ...startSession(intakeFlow, ctx).state,
      flowVersion: 7,
      answers: { name: "x" },
    };
    const turn = resumeSession(intakeFlow, future, { type: "text", text: "Анна" }, ctx);
    expect(turn.events[0]).toEqual({ type: "restarted", reason: "flow_version" });
    expect(turn.events[1]).toMatchObject({ message: { texts: [{ key: "engine.restarted" }] } });
    expect(turn.state).toMatchObject({ flowVersion: 2, answers: {}, at: "name", status: "waiting" });
  });

  it("restarts a session of an older engine version", () => {
    const stale = { ...startSession(intakeFlow, ctx).state, engine: 0 };
    expect(resumeSession(intakeFlow, stale, { type: "back" }, ctx).events[0]).toEqual({
      type: "restarted",
      reason: "engine_version",
    });
  });

  it("fails a session given to another flow instead of corrupting it", () => {
    const other: FlowDefinition = { ...intakeFlow, id: "other" };
    const turn = resumeSession(other, startSession(intakeFlow, ctx).state, { type: "text", text: "x" }, ctx);
    expect(turn.state.status).toBe("failed");
    expect(turn.events[0]?.type).toBe("failed");
  });

  it("does nothing for a finished session", () => {
    const done = { ...startSession(intakeFlow, ctx).state, status: "completed" as const };
    expect(resumeSession(intakeFlow, done, { type: "text", text: "x" }, ctx)).toEqual({
      state: done,
      events: [],
    });
  });

  it("submit works only from the summary", () => {
    const state = answered(intakeFlow, ["Анна Иванова"]);
    const turn = resumeSession(
      intakeFlow,
      state,
      { type: "button", data: encodeButton("nonce1", OPS.submit) },
      ctx,
    );
    expect(turn.state.status).toBe("waiting");
    expect(turn.events.some((e) => e.type === "completed")).toBe(false);
  });

  it("shows a step's explanation behind an ℹ️ button and asks the same question again", () => {
    const flow: FlowDefinition = {
      id: "info",
      version: 1,
      steps: [
        {
          id: "threat",
          prompt: "engine.cancelled",
          info: "engine.restarted",
          answer: {
            kind: "multi",
            options: [
              { value: "a", label: "engine.buttons.yes" },
              { value: "b", label: "engine.buttons.no" },
            ],
          },
        },
        { id: "plain", prompt: "engine.cancelled", answer: { kind: "text" } },
      ],
    };
    const started = startSession(flow, ctx);
    const question = started.events[0];
    if (question?.type !== "message") throw new Error("no question");
    const infoButton = question.message.buttons!.flat().find((b) => b.text.key === "engine.buttons.info");
    expect(infoButton?.data).toBe(encodeButton("nonce1", OPS.info, "threat"));
    // A selection in progress survives reading the explanation.
    const drafted = resumeSession(
      flow,
      started.state,
      { type: "button", data: encodeButton("nonce1", OPS.toggle, "threat", "1") },
      ctx,
    ).state;
    const turn = resumeSession(flow, drafted, { type: "button", data: infoButton!.data }, ctx);
    expect(turn.state).toEqual(drafted);
    expect(turn.events).toHaveLength(1);
    expect(turn.events[0]).toMatchObject({
      type: "message",
      message: { isPrompt: true, texts: [{ key: "engine.restarted" }, { key: "engine.cancelled" }] },
    });
    // A step without an explanation has no such button, and a forged press is stale.
    const next = resumeSession(
      flow,
      drafted,
      { type: "button", data: encodeButton("nonce1", OPS.done, "threat") },
      ctx,
    );
    expect(next.state.at).toBe("plain");
    const plainQuestion = next.events.at(-1);
    if (plainQuestion?.type !== "message") throw new Error("no question");
    expect(plainQuestion.message.buttons!.flat().map((b) => b.text.key)).not.toContain("engine.buttons.info");
    const forged = resumeSession(
      flow,
      next.state,
      { type: "button", data: encodeButton("nonce1", OPS.info, "plain") },
      ctx,
    );
    expect(forged.state).toEqual(next.state);
    expect(forged.events[0]).toMatchObject({
      message: { texts: [{ key: "engine.stale_button" }, { key: "engine.cancelled" }] },
    });
  });

  it("repeats the current question with a lead", () => {
    const state = { ...answered(intakeFlow, ["Анна Иванова"]) };
    const turn = repeatQuestion(intakeFlow, state, ctx, { key: "chat.resumed" });
    expect(turn.events[0]).toMatchObject({
      message: { texts: [{ key: "chat.resumed" }, { key: "flows.intake.born.prompt" }] },
    });
    expect(AT_SUMMARY).toBe("$summary");
  });
});

describe("input parsing", () => {
  it("cleans invisible characters and spaces", () => {
    expect(cleanText("  a\u200B\u00A0 b\u202E\n\n\n\nc ")).toBe("a b\n\nc");
  });

  it.each([
    ["8 (900) 123-45-67", "+79001234567"],
    ["+7 900 123 45 67", "+79001234567"],
    ["9001234567", "+79001234567"],
    ["+44 20 7946 0958", "+442079460958"],
    ["12345", null],
    ["8 916 123-45-6", null],
    ["+7 916 123-45-6", null],
    ["7 916 123 45 67", "+79161234567"],
    ["(495) 123-45-67", "+74951234567"],
    ["call me", null],
  ])("phone %s → %s", (typed, expected) => {
    expect(parsePhone(typed)).toBe(expected);
  });

  it("reads a time typed after midnight for a moment before midnight as yesterday", () => {
    const now = new Date("2026-11-23T21:10:00Z"); // 00:10 on the 24th in Moscow
    expect(parseDateTime("23:50", now, "Europe/Moscow")).toEqual({
      ok: true,
      iso: "2026-11-23T20:50:00.000Z",
    });
    expect(parseDateTime("00:05", now, "Europe/Moscow")).toEqual({
      ok: true,
      iso: "2026-11-23T21:05:00.000Z",
    });
  });

  it("reads dates with and without a year in the given zone", () => {
    const now = new Date("2026-11-23T09:00:00Z");
    expect(parseDateTime("23.11 10:30", now, "Asia/Yekaterinburg")).toEqual({
      ok: true,
      iso: "2026-11-23T05:30:00.000Z",
    });
    expect(parseDateTime("22.11.2026 в 9.15", now, "Europe/Moscow")).toEqual({
      ok: true,
      iso: "2026-11-22T06:15:00.000Z",
    });
    expect(parseDateTime("25:00", now, "Europe/Moscow")).toEqual({ ok: false, reason: "unparseable" });
  });
});
