import type { ReactNode } from "react";

/** What the tags show of a restaurant (a search result or a restaurant with its menu). */
interface Tagged {
  style: string;
  vegetarian: boolean;
  delivery: boolean;
}

/** A restaurant's tags: its cuisine, vegetarian, delivers or pickup only; `children` are tags after those. */
export function RestaurantTags({ restaurant, children }: { restaurant: Tagged; children?: ReactNode }) {
  return (
    <p className="tags">
      <span className="tag">{restaurant.style}</span>
      {restaurant.vegetarian && <span className="tag tag-green">Vegetarian</span>}
      <span className={restaurant.delivery ? "tag tag-blue" : "tag tag-muted"}>
        {restaurant.delivery ? "Delivers" : "Pickup only"}
      </span>
      {children}
    </p>
  );
}
