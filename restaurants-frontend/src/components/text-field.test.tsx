import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { TextField } from "./text-field";

describe("text field", () => {
  it("is described by its hint alone while it has no error", () => {
    render(<TextField id="email" label="Email" hint="We send the confirmation here." />);
    const input = screen.getByLabelText("Email");
    expect(input).toHaveAttribute("id", "email");
    expect(input).not.toHaveAttribute("aria-invalid");
    expect(input).toHaveAttribute("aria-describedby", "email-hint");
    expect(input).toHaveAccessibleDescription("We send the confirmation here.");
  });

  it("is invalid and described by its hint and its error once it has one", () => {
    render(<TextField id="email" label="Email" hint="We send it here." error="Enter your email address" />);
    const input = screen.getByLabelText("Email");
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(input).toHaveAttribute("aria-describedby", "email-hint email-error");
    expect(input).toHaveAccessibleDescription("We send it here. Enter your email address");
  });

  it("has no description without hint or error, and passes the input's own attributes on", () => {
    render(<TextField id="expiry" label="Expiry" short maxLength={5} placeholder="MM/YY" />);
    const input = screen.getByLabelText("Expiry");
    expect(input).not.toHaveAttribute("aria-describedby");
    expect(input).toHaveAttribute("maxlength", "5");
    expect(input).toHaveAttribute("placeholder", "MM/YY");
    expect(input.closest(".field")).toHaveClass("field-short");
  });
});
