/**
 * Cases (случаи) as an area of the product: opened from a confirmed signal (./actions/open-case.ts),
 * counted in a curator's caseload (./queries/caseload.ts). Stage 3 and accompaniment build here.
 */
import type { AreaModule } from "../platform/module.ts";

/** The cases area. */
export const casesArea: AreaModule = { id: "cases" };
