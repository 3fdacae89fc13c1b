import type { InputHTMLAttributes, ReactNode, Ref } from "react";

/** The id of a field's error paragraph, which the field names in `aria-describedby`. */
export const errorId = (fieldId: string) => `${fieldId}-error`;

/** A field's error message, or nothing when it has none. */
export function FieldError({ fieldId, error }: { fieldId: string; error: string | undefined }) {
  return error ? (
    <p id={errorId(fieldId)} className="field-error">
      {error}
    </p>
  ) : null;
}

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "aria-invalid" | "aria-describedby"> {
  id: string;
  label: ReactNode;
  /** A line under the field, read with it by assistive technology. */
  hint?: ReactNode;
  error?: string | undefined;
  /** The narrow field, for short values such as an expiry. */
  short?: boolean;
  ref?: Ref<HTMLInputElement>;
}

/**
 * A labelled input tied to its hint and error for assistive technology: `aria-invalid` while it has an error,
 * `aria-describedby` naming the hint (`<id>-hint`) and the error (`<id>-error`).
 */
export function TextField({ id, label, hint, error, short = false, ...input }: Props) {
  const hintId = hint ? `${id}-hint` : undefined;
  const describedBy = [hintId, error ? errorId(id) : undefined].filter(Boolean).join(" ");
  return (
    <div className={short ? "field field-short" : "field"}>
      <label htmlFor={id}>{label}</label>
      <input {...input} id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy || undefined} />
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      <FieldError fieldId={id} error={error} />
    </div>
  );
}
