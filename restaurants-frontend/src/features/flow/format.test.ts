import { describe, expect, it } from "vitest";
import { formatCount, formatRate, formatTime } from "./format";

describe("flow formats", () => {
  it("writes rates per second with one decimal below 100", () => {
    expect(formatRate(12.34)).toBe("12.3/s");
    expect(formatRate(0.25)).toBe("0.3/s");
    expect(formatRate(0)).toBe("0/s");
    expect(formatRate(218.6)).toBe("219/s");
    expect(formatRate(undefined)).toBe("–");
    expect(formatRate(null)).toBe("–");
  });

  it("writes counts with separators", () => {
    expect(formatCount(12345)).toBe("12,345");
    expect(formatCount(undefined)).toBe("–");
    expect(formatCount(null)).toBe("–");
  });

  it("writes the time of day to the millisecond and keeps what is not a time", () => {
    expect(formatTime("2026-11-30T15:00:02.125Z")).toMatch(/^\d{2}:\d{2}:02\.125$/);
    expect(formatTime("soon")).toBe("soon");
  });
});
