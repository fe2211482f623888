/**
 * Journal numbers as people read them. Pure.
 */

/** "12/2026": the signal's number in the service's registration journal. */
export function signalNumber(signal: { serviceNumber: number; serviceYear: number }): string {
  return `${signal.serviceNumber}/${signal.serviceYear}`;
}

/** "3/2026": the signal's number in its hospital's own journal. */
export function hospitalNumber(signal: { hospitalNumber: number; hospitalYear: number }): string {
  return `${signal.hospitalNumber}/${signal.hospitalYear}`;
}
