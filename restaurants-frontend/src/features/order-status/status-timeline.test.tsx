import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { orderView } from "../../test/fixtures";
import type { OrderStatus } from "./api/get-order";
import { StatusTimeline } from "./status-timeline";

function steps(path: OrderStatus[], reason?: string) {
  render(<StatusTimeline order={orderView(path, reason)} />);
  return within(screen.getByRole("list", { name: "Order progress" }))
    .getAllByRole("listitem")
    .map((li) => li.textContent?.replace(/\d{2}:\d{2}:\d{2}\s*(AM|PM)?/, "").trim());
}

describe("status timeline", () => {
  it("RECEIVED: the first step is current, the others to come", () => {
    expect(steps(["RECEIVED"])).toEqual(["Received (current step)", "Paid (to come)", "Confirmed (to come)"]);
    expect(screen.getAllByRole("listitem")[0]).toHaveAttribute("aria-current", "step");
  });

  it("PAID: received done, paid current", () => {
    expect(steps(["RECEIVED", "PAID"])).toEqual(["Received (done)", "Paid (current step)", "Confirmed (to come)"]);
  });

  it("CONFIRMED: every step done, with its time", () => {
    expect(steps(["RECEIVED", "PAID", "CONFIRMED"])).toEqual(["Received (done)", "Paid (done)", "Confirmed (done)"]);
    expect(screen.getAllByRole("listitem")[2]?.querySelector("time")).toHaveAttribute(
      "datetime",
      "2026-11-02T10:00:02Z",
    );
  });

  it("DECLINED: ends on Declined with the reason in words", () => {
    expect(steps(["RECEIVED", "DECLINED"], "card_declined")).toEqual([
      "Received (done)",
      "DeclinedThe card was declined",
    ]);
  });

  it("DECLINED for insufficient funds", () => {
    expect(steps(["RECEIVED", "DECLINED"], "insufficient_funds")).toEqual([
      "Received (done)",
      "DeclinedInsufficient funds",
    ]);
  });

  it("DECLINED for another reason shows the code", () => {
    expect(steps(["RECEIVED", "DECLINED"], "do_not_honour")).toEqual(["Received (done)", "Declineddo_not_honour"]);
  });

  it("FAILED after payment: the steps reached, then Failed with the reason", () => {
    expect(steps(["RECEIVED", "PAID", "FAILED"], "mail_unavailable")).toEqual([
      "Received (done)",
      "Paid (done)",
      "FailedThe confirmation mail could not be sent",
    ]);
  });

  it("FAILED because the card could not be read (an unknown card key): said in words, not charged", () => {
    expect(steps(["RECEIVED", "FAILED"], "card_key_unknown")).toEqual([
      "Received (done)",
      "FailedThe card details could not be read; the card was not charged",
    ]);
  });

  it("FAILED with an unknown code shows the code", () => {
    expect(steps(["RECEIVED", "FAILED"], "stage_on_fire")).toEqual(["Received (done)", "Failedstage_on_fire"]);
  });
});
