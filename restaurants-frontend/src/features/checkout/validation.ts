/**
 * The client-side twin of the server's intake rules (OrderValidator, CardNumbers): the same checks, so that the
 * person sees a problem next to the field before anything is sent. The server stays the judge.
 */
export type Fulfilment = "pickup" | "delivery";

export interface CheckoutForm {
  email: string;
  cardNumber: string;
  expiry: string;
  fulfilment: Fulfilment;
  address: string;
}

/** Field names as the server's problem errors write them. */
export type CheckoutField = "email" | "card.number" | "card.expiry" | "fulfilment.type" | "fulfilment.address";

export type FieldErrors = Partial<Record<CheckoutField, string>>;

const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const EXPIRY = /^(0[1-9]|1[0-2])\/(\d{2})$/;
const MAX_EMAIL = 254;
const MAX_ADDRESS = 200;

export function validateCheckout(form: CheckoutForm, delivers: boolean, now: Date = new Date()): FieldErrors {
  const errors: FieldErrors = {};
  const email = emailProblem(form.email);
  const card = cardNumberProblem(form.cardNumber);
  const expiry = expiryProblem(form.expiry, now);
  if (email) errors.email = email;
  if (card) errors["card.number"] = card;
  if (expiry) errors["card.expiry"] = expiry;
  if (form.fulfilment === "delivery") {
    if (!delivers) {
      errors["fulfilment.type"] = "This restaurant does not deliver: choose pickup";
    }
    const address = form.address.trim();
    if (address === "") {
      errors["fulfilment.address"] = "Enter the delivery address";
    } else if (address.length > MAX_ADDRESS) {
      errors["fulfilment.address"] = `The address can be at most ${MAX_ADDRESS} characters`;
    }
  }
  return errors;
}

export function emailProblem(value: string): string | undefined {
  const email = value.trim();
  if (email === "") {
    return "Enter your email address";
  }
  return email.length > MAX_EMAIL || !EMAIL.test(email) ? "Enter an email address like name@example.com" : undefined;
}

export function cardNumberProblem(value: string): string | undefined {
  const digits = value.replace(/[ -]/g, "");
  if (digits === "") {
    return "Enter the card number";
  }
  if (!/^\d+$/.test(digits)) {
    return "The card number can hold digits only";
  }
  if (digits.length < 12 || digits.length > 19) {
    return "A card number has 12 to 19 digits";
  }
  return luhn(digits) ? undefined : "This card number is not valid: check the digits";
}

export function expiryProblem(value: string, now: Date = new Date()): string | undefined {
  const match = EXPIRY.exec(value.trim());
  if (value.trim() === "") {
    return "Enter the expiry date";
  }
  if (!match) {
    return "Enter the expiry as MM/YY";
  }
  const month = Number(match[1]);
  const year = 2000 + Number(match[2]);
  const thisYear = now.getFullYear();
  const thisMonth = now.getMonth() + 1;
  return year < thisYear || (year === thisYear && month < thisMonth) ? "This card has expired" : undefined;
}

/** The Luhn checksum over a string of digits. */
export function luhn(digits: string): boolean {
  let sum = 0;
  let twice = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let digit = digits.charCodeAt(i) - 48;
    if (twice) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    twice = !twice;
  }
  return sum % 10 === 0;
}
