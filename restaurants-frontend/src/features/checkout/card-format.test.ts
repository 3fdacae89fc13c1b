import { describe, expect, it } from "vitest";
import { formatCardNumber, formatExpiry } from "./card-format";
import { APPROVING_CARD, APPROVING_CARD_TYPED } from "../../test/fixtures";

describe("card number formatting", () => {
  it("groups digits by four and drops everything else", () => {
    expect(formatCardNumber(APPROVING_CARD, 16).value).toBe(APPROVING_CARD_TYPED);
    expect(formatCardNumber("4242-4242 42a42", 15).value).toBe("4242 4242 4242");
    expect(formatCardNumber("4242", 4).value).toBe("4242");
  });

  it("keeps at most 19 digits", () => {
    expect(formatCardNumber("12345678901234567890123", 23).value).toBe("1234 5678 9012 3456 789");
  });

  it("keeps the caret after the same digit", () => {
    // typed "9" after "42" in "4242 4242": "42942 4242"
    expect(formatCardNumber("42942 4242", 3)).toEqual({ value: "4294 2424 2", caret: 3 });
    // typed the 5th digit at the end: the caret goes past the new space
    expect(formatCardNumber("42424", 5)).toEqual({ value: "4242 4", caret: 6 });
    // deleted the digit before the caret in the middle
    expect(formatCardNumber("4242 242", 5)).toEqual({ value: "4242 242", caret: 4 });
  });
});

describe("expiry formatting", () => {
  it("adds the slash after the month", () => {
    expect(formatExpiry("12", "1")).toBe("12/");
    expect(formatExpiry("1230", "123")).toBe("12/30");
    expect(formatExpiry("12/305", "12/30")).toBe("12/30");
  });

  it("reads a single month digit above 1 as 0N", () => {
    expect(formatExpiry("4", "")).toBe("04/");
    expect(formatExpiry("1", "")).toBe("1");
  });

  it("lets the slash be deleted", () => {
    expect(formatExpiry("12", "12/")).toBe("12");
    expect(formatExpiry("1", "12")).toBe("1");
  });
});
