import { describe, expect, it } from "vitest";
import { formatMoney, fromCents, toCents } from "./money";

describe("money", () => {
  it("reads decimal strings as whole cents", () => {
    expect(toCents("9.50")).toBe(950);
    expect(toCents("0.1")).toBe(10);
    expect(toCents("12")).toBe(1200);
    expect(toCents("0.07")).toBe(7);
  });

  it("rejects what is not an amount", () => {
    expect(() => toCents("9.505")).toThrow();
    expect(() => toCents("-1.00")).toThrow();
    expect(() => toCents("abc")).toThrow();
  });

  it("writes cents with two decimals", () => {
    expect(fromCents(2850)).toBe("28.50");
    expect(fromCents(7)).toBe("0.07");
    expect(fromCents(0)).toBe("0.00");
  });

  it("adds amounts that floating point gets wrong", () => {
    expect(fromCents(toCents("0.10") + toCents("0.20"))).toBe("0.30");
  });

  it("shows the currency", () => {
    expect(formatMoney("28.50", "EUR")).toBe("€28.50");
    expect(formatMoney("9.00", "USD")).toBe("$9.00");
  });
});
