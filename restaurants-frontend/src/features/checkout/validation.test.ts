import { describe, expect, it } from "vitest";
import { APPROVING_CARD, APPROVING_CARD_TYPED } from "../../test/fixtures";
import {
  cardNumberProblem,
  emailProblem,
  expiryProblem,
  luhn,
  validateCheckout,
  type CheckoutForm,
} from "./validation";

const NOW = new Date(2026, 10, 15);
const VALID: CheckoutForm = {
  email: "dana@example.com",
  cardNumber: APPROVING_CARD_TYPED,
  expiry: "12/30",
  fulfilment: "delivery",
  address: "12 Harbour St",
};

describe("checkout validation (the server's rules)", () => {
  it("accepts a valid order", () => {
    expect(validateCheckout(VALID, true, NOW)).toEqual({});
  });

  it("checks the card number with Luhn and its length", () => {
    expect(luhn(APPROVING_CARD)).toBe(true);
    expect(luhn("4242424242424241")).toBe(false);
    expect(cardNumberProblem("4000 0000 0000 0002")).toBeUndefined();
    expect(cardNumberProblem("4242 4242 4242 4241")).toBe("This card number is not valid: check the digits");
    expect(cardNumberProblem("4242 4242 42")).toBe("A card number has 12 to 19 digits");
    expect(cardNumberProblem(`${APPROVING_CARD_TYPED} 4242`)).toBe("A card number has 12 to 19 digits");
    expect(cardNumberProblem("")).toBe("Enter the card number");
  });

  it("wants an expiry MM/YY that is not in the past", () => {
    expect(expiryProblem("11/26", NOW)).toBeUndefined();
    expect(expiryProblem("10/26", NOW)).toBe("This card has expired");
    expect(expiryProblem("01/20", NOW)).toBe("This card has expired");
    expect(expiryProblem("13/30", NOW)).toBe("Enter the expiry as MM/YY");
    expect(expiryProblem("1/30", NOW)).toBe("Enter the expiry as MM/YY");
  });

  it("wants an email address", () => {
    expect(emailProblem("dana@example.com")).toBeUndefined();
    expect(emailProblem("dana@example")).toBe("Enter an email address like name@example.com");
    expect(emailProblem("dana")).toBe("Enter an email address like name@example.com");
    expect(emailProblem(" ")).toBe("Enter your email address");
  });

  it("wants an address for delivery only, and delivery only where offered", () => {
    expect(validateCheckout({ ...VALID, address: " " }, true, NOW)).toEqual({
      "fulfilment.address": "Enter the delivery address",
    });
    expect(validateCheckout({ ...VALID, fulfilment: "pickup", address: "" }, false, NOW)).toEqual({});
    expect(validateCheckout(VALID, false, NOW)["fulfilment.type"]).toBe(
      "This restaurant does not deliver: choose pickup",
    );
  });
});
