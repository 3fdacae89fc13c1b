/** A rate for people to read: "12.3/s", "0/s"; "–" when the answer has none (absent or null). */
export function formatRate(perSecond: number | null | undefined): string {
  if (perSecond === undefined || perSecond === null || !Number.isFinite(perSecond)) {
    return "–";
  }
  if (perSecond === 0) {
    return "0/s";
  }
  return `${perSecond >= 100 ? Math.round(perSecond) : perSecond.toFixed(1)}/s`;
}

/** A count with thousands separators: 12345 → "12,345"; "–" when the answer has none (absent or null). */
export function formatCount(count: number | null | undefined): string {
  return count === undefined || count === null ? "–" : count.toLocaleString("en");
}

/** The time of day of an ISO instant, to the millisecond, in the browser's zone: "15:00:02.125". */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }
  const time = date.toLocaleTimeString("en-GB", { hour12: false });
  return `${time}.${String(date.getMilliseconds()).padStart(3, "0")}`;
}
