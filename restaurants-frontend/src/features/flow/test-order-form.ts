import type { FieldError } from "../../lib/api-client";
import { fieldSentence } from "../../lib/field-message";
import type { TestOrders } from "./api/get-flow";
import type { TestOrdersRequest } from "./api/start-test-orders";

/** The form's fields, named as the request's (and so as the server's 400 problem names them). */
export type TestOrderField = "count" | "ratePerSecond" | "declineShare";
export type TestOrderErrors = Partial<Record<TestOrderField, string>>;

/** What was typed: the declined share as a percentage, which people read more easily than a fraction. */
export interface TestOrderForm {
  count: string;
  ratePerSecond: string;
  declinePercent: string;
}

export const MIN_RATE = 0.1;

/** The server's bounds, checked before sending; answers the request, or the errors by field. */
export function checkTestOrders(
  form: TestOrderForm,
  bounds: Pick<TestOrders, "maxCount" | "maxRatePerSecond">,
): { request: TestOrdersRequest } | { errors: TestOrderErrors } {
  const count = Number(form.count);
  const rate = Number(form.ratePerSecond);
  const percent = Number(form.declinePercent);
  const errors: TestOrderErrors = {};
  if (form.count.trim() === "" || !Number.isInteger(count) || count < 1 || count > bounds.maxCount) {
    errors.count = `Orders must be a whole number from 1 to ${bounds.maxCount}`;
  }
  if (form.ratePerSecond.trim() === "" || !(rate >= MIN_RATE && rate <= bounds.maxRatePerSecond)) {
    errors.ratePerSecond = `Rate must be from ${MIN_RATE} to ${bounds.maxRatePerSecond} orders per second`;
  }
  if (form.declinePercent.trim() === "" || !(percent >= 0 && percent <= 100)) {
    errors.declineShare = "Declined cards must be from 0 to 100 %";
  }
  if (Object.keys(errors).length > 0) {
    return { errors };
  }
  return { request: { count, ratePerSecond: rate, declineShare: percent / 100 } };
}

/** The server's field errors next to the fields they name; the rest for the summary. */
export function mapTestOrderErrors(errors: FieldError[]): { fields: TestOrderErrors; other: string[] } {
  const labels: Record<TestOrderField, string> = {
    count: "Orders",
    ratePerSecond: "Rate",
    declineShare: "Declined share",
  };
  const mapped: { fields: TestOrderErrors; other: string[] } = { fields: {}, other: [] };
  for (const { field, message } of errors) {
    if (field in labels) {
      mapped.fields[field as TestOrderField] = fieldSentence(labels[field as TestOrderField], message);
    } else {
      mapped.other.push(`${field}: ${message}`);
    }
  }
  return mapped;
}
