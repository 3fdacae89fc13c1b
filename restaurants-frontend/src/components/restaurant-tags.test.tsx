import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { RestaurantTags } from "./restaurant-tags";

describe("restaurant tags", () => {
  it("names the cuisine, vegetarian and delivery, then the tags given after them", () => {
    render(
      <RestaurantTags restaurant={{ style: "Italian", vegetarian: true, delivery: true }}>
        <span className="tag">Popular now</span>
      </RestaurantTags>,
    );
    expect(screen.getByText("Italian").parentElement?.textContent).toBe("ItalianVegetarianDeliversPopular now");
  });

  it("says pickup only, and nothing of vegetarian, for a restaurant that is neither", () => {
    render(<RestaurantTags restaurant={{ style: "Israeli", vegetarian: false, delivery: false }} />);
    expect(screen.getByText("Pickup only")).toHaveClass("tag-muted");
    expect(screen.queryByText("Vegetarian")).not.toBeInTheDocument();
    expect(screen.queryByText("Delivers")).not.toBeInTheDocument();
  });
});
