/**
 * Recognising the same woman across signals: full name normalised (case, ё/е, hyphens and
 * extra spaces, a missing patronymic tolerated) plus date of birth (or a compatible age).
 * Pure functions; see `findEarlier` in src/signals for the database side.
 */

/** A person as signals record them. */
export interface PersonKey {
  fullName: string;
  /** "YYYY-MM-DD" when known. */
  birthDate: string | null;
  /** Age in years when only the age is known. */
  age: number | null;
}

/**
 * A name as it is shown: each word (and each part of a hyphenated one) starts with a capital
 * letter; every other letter is kept as typed ("петрова-водкина мария" → "Петрова-Водкина Мария").
 */
export function capitalizeName(fullName: string): string {
  return fullName.replace(
    /(^|[\s-])(\p{Ll})/gu,
    (_m, before: string, letter: string) => before + letter.toLocaleUpperCase("ru"),
  );
}

/** Name parts, normalised: lower case, ё → е, punctuation dropped. */
export function nameParts(fullName: string): string[] {
  return fullName
    .normalize("NFC")
    .toLocaleLowerCase("ru")
    .replace(/ё/g, "е")
    .replace(/[^\p{L}\s-]/gu, " ")
    .replace(/-/g, " ")
    .split(/\s+/)
    .filter(Boolean);
}

/**
 * The indexed search key: surname and first name ("иванова анна"). A patronymic is not
 * part of it, so a signal without one still finds the others.
 */
export function nameKey(fullName: string): string {
  return nameParts(fullName).slice(0, 2).join(" ");
}

/** Age in whole years on `today` ("YYYY-MM-DD") of someone born on `birthDate`. */
function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split("-").map(Number) as [number, number, number];
  const [ty, tm, td] = today.split("-").map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/**
 * Whether two records are the same woman: same surname and first name; patronymics equal
 * when both are given; and the same date of birth — or, when one side only has an age,
 * an age within a year of the other (ages are often estimated).
 */
export function samePerson(a: PersonKey, b: PersonKey, today: string): boolean {
  const pa = nameParts(a.fullName);
  const pb = nameParts(b.fullName);
  if (pa.length < 2 || pb.length < 2 || pa[0] !== pb[0] || pa[1] !== pb[1]) return false;
  if (pa[2] && pb[2] && pa.slice(2).join(" ") !== pb.slice(2).join(" ")) return false;
  if (a.birthDate && b.birthDate) return a.birthDate === b.birthDate;
  const ageA = a.birthDate ? ageOn(a.birthDate, today) : a.age;
  const ageB = b.birthDate ? ageOn(b.birthDate, today) : b.age;
  if (ageA === null || ageB === null) return true;
  return Math.abs(ageA - ageB) <= 1;
}
