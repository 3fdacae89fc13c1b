import { describe, expect, it } from "vitest";
import { ApiProblem } from "../../lib/api-client";
import { failureSummary, NOT_ACCEPTED } from "./failure-copy";

const NOT_TWICE = "it will not be placed or charged twice.";

describe("what the checkout says when an order is not accepted", () => {
  it("says an order without an answer may have gone through, and placing it again is safe", () => {
    const summary = failureSummary(new ApiProblem(0, {}));
    expect(summary.title).toBe("We could not reach the restaurant service");
    expect(summary.items[0]).toBe("Your order may have gone through.");
    expect(summary.items[1]).toContain(NOT_TWICE);
  });

  it.each([502, 503, 504])("says a %i may have placed the order, with the server's Retry-After", (status) => {
    const summary = failureSummary(new ApiProblem(status, {}, 7));
    expect(summary.title).toBe("We could not confirm your order");
    expect(summary.items).toEqual([
      "Your order may have been placed.",
      `In 7 seconds, place it again without changing anything: ${NOT_TWICE}`,
    ]);
  });

  it("says 'in a moment' when the server names no Retry-After", () => {
    expect(failureSummary(new ApiProblem(503, {})).items[1]).toMatch(/^In a moment, place it again/);
  });

  it("says an order still being placed (409) is to be placed again in a moment", () => {
    expect(failureSummary(new ApiProblem(409, {}))).toEqual({
      title: "Your order is still being placed",
      items: [`In a moment, place it again without changing anything: ${NOT_TWICE}`],
    });
  });

  it("asks to wait after too many orders (429) and names a too large order (413)", () => {
    expect(failureSummary(new ApiProblem(429, {}))).toEqual({
      title: "Too many orders in a short time",
      items: ["Please wait a minute, then place the order again."],
    });
    expect(failureSummary(new ApiProblem(413, {})).title).toBe("This order is too large");
  });

  it("passes any other problem's detail on, and nothing when it has none", () => {
    expect(failureSummary(new ApiProblem(422, { detail: "Restaurant closed" }))).toEqual({
      title: NOT_ACCEPTED,
      items: ["Restaurant closed"],
    });
    expect(failureSummary(new ApiProblem(500, {})).items).toEqual([]);
  });
});
