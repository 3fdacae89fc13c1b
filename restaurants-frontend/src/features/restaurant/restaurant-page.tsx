import { Link, useParams } from "react-router";
import { LoadState } from "../../components/load-state";
import { RestaurantTags } from "../../components/restaurant-tags";
import { formatMoney } from "../../lib/money";
import { useLoad } from "../../lib/use-load";
import { getRestaurant, type Restaurant } from "./api/get-restaurant";
import { canAdd, CartLines, MAX_LINES, MAX_QUANTITY, priceCart, useCart } from "../cart";

/** `/restaurants/:id`: the menu and the cart. */
export function RestaurantPage() {
  const { id = "" } = useParams();
  const restaurant = useLoad(id, (signal) => getRestaurant(id, signal));

  return (
    <LoadState
      load={restaurant}
      loading="Loading the menu…"
      failure={(problem) => ({
        heading: problem.status === 404 ? "Restaurant not found" : "The menu could not be loaded",
        message:
          problem.status === 404
            ? "There is no restaurant at this address."
            : `Something went wrong (${problem.title}). Please try again.`,
        next: <Link to="/">Back to the search</Link>,
      })}
    >
      {(data) => <Menu restaurant={data} />}
    </LoadState>
  );
}

function Menu({ restaurant }: { restaurant: Restaurant }) {
  const { cart, add, setQuantity, remove } = useCart();
  const ownCart = cart.restaurantId === restaurant.id && cart.lines.length > 0;
  const priced = ownCart ? priceCart(cart, restaurant) : null;
  const linesFull = ownCart && cart.lines.length >= MAX_LINES;

  return (
    <div className="page restaurant-page">
      <div className="menu-column">
        <p className="breadcrumb">
          <Link to="/">← All restaurants</Link>
        </p>
        <h1>{restaurant.name}</h1>
        <RestaurantTags restaurant={restaurant} />
        <h2>Menu</h2>
        <ul className="menu-list">
          {restaurant.menu.map((item) => {
            const inCart = ownCart ? cart.lines.find((l) => l.menuItemId === item.id)?.quantity : undefined;
            const addable = canAdd(cart, restaurant.id, item.id);
            return (
              <li key={item.id} className="menu-item">
                <div className="menu-item-text">
                  <h3>
                    {item.name}
                    {item.vegetarian && <span className="tag tag-green tag-small">Vegetarian</span>}
                  </h3>
                  <p>{item.description}</p>
                </div>
                <div className="menu-item-buy">
                  <span className="price">{formatMoney(item.price, restaurant.currency)}</span>
                  <button
                    type="button"
                    className="button"
                    aria-label={`Add ${item.name}`}
                    disabled={!addable}
                    onClick={() => add(restaurant.id, item.id)}
                  >
                    Add{inCart ? ` (${inCart})` : ""}
                  </button>
                  {!addable && inCart !== undefined && inCart >= MAX_QUANTITY && (
                    <span className="hint">At most {MAX_QUANTITY}</span>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      </div>
      <aside className="cart-panel" aria-labelledby="cart-heading">
        <h2 id="cart-heading">Your order</h2>
        {!ownCart && cart.lines.length > 0 && (
          <p className="note">Your cart holds items from another restaurant. Adding an item here starts a new cart.</p>
        )}
        {priced ? (
          <>
            <CartLines priced={priced} onQuantity={setQuantity} onRemove={remove} />
            {linesFull && <p className="note">A cart holds at most {MAX_LINES} different items.</p>}
            <Link className="button primary block" to="/checkout">
              Go to checkout
            </Link>
          </>
        ) : (
          <p className="muted">Your cart is empty. Add something from the menu.</p>
        )}
      </aside>
    </div>
  );
}
