/**
 * How people are named to each other in messages: surname and initials.
 */

/** "Петрова Анна Ивановна" → "Петрова А. И."; a name without parts stays as it is. */
export function shortName(fullName: string): string {
  const [surname, ...rest] = fullName.trim().split(/\s+/);
  return [surname, ...rest.map((part) => `${part[0]?.toLocaleUpperCase()}.`)].join(" ");
}
