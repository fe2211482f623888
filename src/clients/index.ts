/**
 * Client contact as an area of the product: the mother's own channel to her curator, with her
 * consent (issue 14). The curator records her consent from the case's card and gets a one-time
 * invitation (links and QR codes); she joins as a client identity bound to that case only (not a
 * staff member: ./chat/guest.ts serves her, the staff router never does); she gets her copy of the
 * plan (again when it changes), reminders of the actions she carries out, and writes to her
 * curator, who answers with a button; she stops when she likes; a case that ends ends the channel.
 *
 * Layout: domain/ (working hours, reminders: pure), actions/ (consent, invitation, join, relay,
 * reply, stop, hours), jobs/ (the sweep every minute, her plan's PDF), documents/ (her copy),
 * chat/ (the guest handler, the curator's card, buttons, dialogues, notices), locales/.
 */
import { actionRunner } from "../platform/chat/app.ts";
import type { AreaModule } from "../platform/module.ts";
import { clientButtons } from "./chat/buttons.ts";
import { clientFlows, hotlineCommand, hoursCommand } from "./chat/flows.ts";
import { clientGuestHandler } from "./chat/guest.ts";
import { clientNotices } from "./chat/notices.ts";
import { clientJobs } from "./jobs/handlers.ts";
import { en } from "./locales/en.ts";
import { ru } from "./locales/ru.ts";
import { clientPersonalData } from "./personal-data.ts";

/** The clients area. */
export const clientsArea: AreaModule = {
  id: "clients",
  texts: { ru, en },
  flows: clientFlows,
  commands: [hoursCommand, hotlineCommand],
  buttons: clientButtons,
  notices: clientNotices,
  guests: [clientGuestHandler],
  jobs: (deps) => clientJobs({ ...actionRunner(deps, {}), translator: deps.translator }),
  personalData: clientPersonalData,
};
