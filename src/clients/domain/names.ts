/**
 * Names as she reads them (pure).
 */

/** "Анна" from "Петрова Анна Сергеевна" (names are kept surname first). */
export function firstName(fullName: string): string {
  const parts = fullName.trim().split(/\s+/);
  return parts[1] ?? parts[0] ?? fullName;
}
