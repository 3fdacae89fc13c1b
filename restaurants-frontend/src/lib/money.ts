/**
 * Money as the API writes it: a decimal string with two decimals ("9.50") and an ISO 4217 currency. Arithmetic
 * is done on whole cents (integers, exact in a JS number far beyond any cart); there is no floating-point money.
 */
const DECIMAL = /^(\d+)(?:\.(\d{1,2}))?$/;

/** "9.50" → 950. Throws on anything that is not a non-negative decimal with at most two decimals. */
export function toCents(value: string): number {
  const match = DECIMAL.exec(value.trim());
  if (!match) {
    throw new Error(`Not a money amount: ${value}`);
  }
  const units = Number(match[1]);
  const fraction = Number((match[2] ?? "").padEnd(2, "0"));
  return units * 100 + fraction;
}

/** 2850 → "28.50". */
export function fromCents(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) {
    throw new Error(`Not an amount of cents: ${cents}`);
  }
  const units = Math.floor(cents / 100);
  const fraction = cents % 100;
  return `${units}.${String(fraction).padStart(2, "0")}`;
}

/** The amount for people to read, e.g. "€28.50" or "$9.00". The decimal string is formatted as it is. */
export function formatMoney(value: string, currency: string): string {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).format(value as `${number}`);
  } catch {
    return `${value} ${currency}`;
  }
}
