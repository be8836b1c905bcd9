/** Durations in words for messages (internal). */

/** `0.5` → "30 s", `30` → "30 min", `240` → "4 h", `2880` → "2 d". */
export function formatMinutes(minutes: number): string {
  const round = (x: number) => String(Number(x.toPrecision(3)));
  if (minutes < 1) return `${round(minutes * 60)} s`;
  if (minutes < 60) return `${round(minutes)} min`;
  if (minutes < 1440) return `${round(minutes / 60)} h`;
  return `${round(minutes / 1440)} d`;
}
