/**
 * The curator's dialogues about the mother's own channel (src/clients/): her consent (who, when,
 * which messenger — an invitation follows at once), an answer to her message, a meeting agreed
 * with her, and the curator's working hours for her messages. Completed by src/clients/chat/flows.ts.
 */
import type { FlowDefinition } from "../src/platform/flow/types.ts";

export const clientConsentFlow: FlowDefinition = {
  id: "client_consent",
  version: 1,
  steps: [
    {
      id: "given_by",
      answer: {
        kind: "choice",
        options: [
          { value: "woman", label: "flows.client_consent.given_by.woman" },
          { value: "representative", label: "flows.client_consent.given_by.representative" },
        ],
      },
    },
    {
      id: "given_on",
      hint: "flows.client_consent.given_on.hint",
      answer: {
        kind: "day",
        pastDays: 30,
        futureDays: 0,
        relative: [
          { days: 0, label: "flows.client_consent.today" },
          { days: -1, label: "flows.client_consent.yesterday" },
        ],
      },
    },
    {
      id: "channel",
      answer: {
        kind: "choice",
        columns: 2,
        options: [
          { value: "telegram", label: "flows.client_consent.channel.telegram" },
          { value: "max", label: "flows.client_consent.channel.max" },
        ],
      },
    },
  ],
  summary: { prompt: "flows.client_consent.summary", submitLabel: "flows.client_consent.save" },
};

export const clientReplyFlow: FlowDefinition = {
  id: "client_reply",
  version: 1,
  steps: [{ id: "text", answer: { kind: "text", minLength: 1, maxLength: 3500 } }],
};

export const clientHoursFlow: FlowDefinition = {
  id: "client_hours",
  version: 1,
  steps: [
    {
      id: "days",
      answer: {
        kind: "choice",
        options: [
          { value: "1-5", label: "flows.client_hours.days.d15" },
          { value: "1-6", label: "flows.client_hours.days.d16" },
          { value: "1-7", label: "flows.client_hours.days.d17" },
        ],
      },
    },
    {
      id: "from",
      answer: {
        kind: "choice",
        columns: 4,
        options: ["8", "9", "10", "11"].map((value) => ({ value, label: `flows.client_hours.h${value}` })),
      },
    },
    {
      id: "to",
      answer: {
        kind: "choice",
        columns: 4,
        options: ["17", "18", "19", "20"].map((value) => ({ value, label: `flows.client_hours.h${value}` })),
      },
    },
  ],
  summary: { prompt: "flows.client_hours.summary", submitLabel: "flows.client_hours.save" },
};

/** Hours a meeting may start at (the service's zone). */
export const MEETING_HOURS = ["9", "10", "11", "12", "13", "14", "15", "16", "17", "18"] as const;

export const clientMeetingFlow: FlowDefinition = {
  id: "client_meeting",
  version: 1,
  steps: [
    {
      id: "day",
      hint: "flows.client_meeting.day.hint",
      answer: {
        kind: "day",
        pastDays: 0,
        futureDays: 90,
        relative: [
          { days: 0, label: "flows.client_meeting.today" },
          { days: 1, label: "flows.client_meeting.tomorrow" },
        ],
      },
    },
    {
      id: "hour",
      answer: {
        kind: "choice",
        columns: 4,
        options: MEETING_HOURS.map((value) => ({ value, label: `flows.client_meeting.h${value}` })),
      },
    },
    { id: "place", optional: true, answer: { kind: "text", maxLength: 200 } },
  ],
  summary: { prompt: "flows.client_meeting.summary", submitLabel: "flows.client_meeting.save" },
};
