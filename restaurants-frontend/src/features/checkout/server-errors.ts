import type { FieldError } from "../../lib/api-client";
import { fieldSentence } from "../../lib/field-message";
import type { Cart } from "../cart";
import type { CheckoutField, FieldErrors } from "./validation";

const FIELD_LABELS: Record<CheckoutField, string> = {
  email: "Email",
  "card.number": "Card number",
  "card.expiry": "Expiry",
  "fulfilment.type": "Delivery",
  "fulfilment.address": "Address",
};

const LINE_FIELD = /^items\[(\d+)\]\.(quantity|menuItemId)$/;

export interface MappedErrors {
  fields: FieldErrors;
  /** By menu item id: `items[i].…` errors belong to the cart line sent at index i. */
  lines: Record<string, string>;
  /** Errors about no field the form shows (restaurantId, body, items…), for the summary. */
  other: string[];
}

/** Places the server's problem errors next to the fields and cart lines they name. */
export function mapServerErrors(errors: FieldError[], cart: Cart): MappedErrors {
  const mapped: MappedErrors = { fields: {}, lines: {}, other: [] };
  for (const { field, message } of errors) {
    if (field in FIELD_LABELS) {
      const name = field as CheckoutField;
      mapped.fields[name] = fieldSentence(FIELD_LABELS[name], message);
      continue;
    }
    const line = LINE_FIELD.exec(field);
    const menuItemId = line ? cart.lines[Number(line[1])]?.menuItemId : undefined;
    if (line && menuItemId !== undefined) {
      mapped.lines[menuItemId] = fieldSentence(line[2] === "quantity" ? "Quantity" : "This item", message);
    } else {
      mapped.other.push(`${field}: ${message}`);
    }
  }
  return mapped;
}
