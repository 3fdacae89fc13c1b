import type { ReactNode } from "react";

/**
 * Ties a form's fields to their error messages for assistive technology: each field gets its id, `aria-invalid`
 * while it has an error and `aria-describedby` naming its hint and its error; the error is a paragraph with that id.
 */
export function fieldErrors<F extends string>(ids: Record<F, string>, errors: Partial<Record<F, string>>) {
  const errorId = (field: F) => `${ids[field]}-error`;
  return {
    props: (field: F, hintId?: string) => {
      const error = errors[field];
      const describedBy = [hintId, error ? errorId(field) : undefined].filter(Boolean).join(" ");
      return {
        id: ids[field],
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy || undefined,
      };
    },
    error: (field: F): ReactNode =>
      errors[field] ? (
        <p id={errorId(field)} className="field-error">
          {errors[field]}
        </p>
      ) : null,
  };
}
