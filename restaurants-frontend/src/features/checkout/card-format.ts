/** Input formatting for the card fields, applied as the person types. */

const MAX_CARD_DIGITS = 19;

/**
 * Groups the digits of a typed card number by four ("1234 5678 9012 3456"), drops anything else, keeps at most
 * 19 digits, and moves the caret so it stays after the same digit it was after.
 */
export function formatCardNumber(raw: string, caret: number): { value: string; caret: number } {
  const digitsBeforeCaret = raw.slice(0, caret).replace(/\D/g, "").length;
  const digits = raw.replace(/\D/g, "").slice(0, MAX_CARD_DIGITS);
  const value = digits.replace(/(\d{4})(?=\d)/g, "$1 ");
  let seen = 0;
  let position = 0;
  while (position < value.length && seen < Math.min(digitsBeforeCaret, digits.length)) {
    if (/\d/.test(value.charAt(position))) {
      seen += 1;
    }
    position += 1;
  }
  return { value, caret: position };
}

/**
 * Formats an expiry as MM/YY while typing: the "/" appears after the month, a single month digit above 1 is
 * read as 0N, and deleting the "/" works.
 */
export function formatExpiry(raw: string, previous: string): string {
  const deleting = raw.length < previous.length;
  let digits = raw.replace(/\D/g, "").slice(0, 4);
  if (digits.length === 0) {
    return "";
  }
  if (!deleting && digits.length === 1 && /[2-9]/.test(digits)) {
    digits = `0${digits}`;
  }
  if (digits.length > 2) {
    return `${digits.slice(0, 2)}/${digits.slice(2)}`;
  }
  return digits.length === 2 && !deleting ? `${digits}/` : digits;
}
