/** A decoded global id names a row only when it is a positive integer; anything else is "not found". */
export function isDbId(id: string): boolean {
  return /^[1-9]\d{0,15}$/.test(id);
}
