/** Ombudsman references are typed from letters; capitals and stray spaces are not a different case. */
export function sameOmbudsmanReference(a: string, b: string): boolean {
  return a.trim().toUpperCase() === b.trim().toUpperCase();
}
