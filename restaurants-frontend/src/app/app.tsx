import { lazy, Suspense, useEffect, useRef, type ReactNode } from "react";
import { Link, NavLink, Route, Routes, useLocation } from "react-router";
import { Loading } from "../components/load-state";
import { CheckoutPage } from "../features/checkout";
import { OrderPage } from "../features/order-status";
import { CartProvider, itemCount, useCart } from "../features/cart";
import { RestaurantPage } from "../features/restaurant";
import { SearchPage } from "../features/search";

// The flow page and its chart library load only when someone opens it: the shop's pages stay as small as they were.
const FlowPage = lazy(() => import("../features/flow").then((m) => ({ default: m.FlowPage })));

/** The site's pages inside the shared header and cart. The router is given by the caller (browser or tests). */
export function App() {
  return (
    <CartProvider>
      <Shell>
        <Routes>
          <Route path="/" element={<SearchPage />} />
          <Route path="/restaurants/:id" element={<RestaurantPage />} />
          <Route path="/checkout" element={<CheckoutPage />} />
          <Route path="/orders/:orderId" element={<OrderPage />} />
          <Route
            path="/flow"
            element={
              <Suspense fallback={<Loading>Loading the flow…</Loading>}>
                <FlowPage />
              </Suspense>
            }
          />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Shell>
    </CartProvider>
  );
}

function Shell({ children }: { children: ReactNode }) {
  const { cart } = useCart();
  const count = itemCount(cart);
  const main = useRef<HTMLElement>(null);
  const { pathname } = useLocation();
  const firstRender = useRef(true);

  // After a page change, keyboard and screen reader users start at the new page's content.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              K
            </span>
            Kafka Restaurants
          </Link>
          <nav className="site-nav" aria-label="Site">
            <NavLink to="/flow" className="nav-link">
              Order flow
            </NavLink>
            {count > 0 && (
              <Link to="/checkout" className="cart-link">
                Cart <span className="cart-count">{count}</span>
                <span className="visually-hidden"> {count === 1 ? "item" : "items"}</span>
              </Link>
            )}
          </nav>
        </div>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>Kafka Restaurants · a demo shop: no real cards are charged.</p>
      </footer>
    </>
  );
}

function NotFound() {
  return (
    <div className="page narrow">
      <h1>Page not found</h1>
      <p>
        <Link to="/">Find a restaurant</Link>
      </p>
    </div>
  );
}
