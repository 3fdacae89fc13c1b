import { useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { RestaurantTags } from "../../components/restaurant-tags";
import { useLoad } from "../../lib/use-load";
import { searchRestaurants } from "./api/search-restaurants";
import { filtersFromUrl, STYLES, urlFromFilters, type SearchFilters, type Sort } from "./search-filters";

/** `/`: the search form (its filters live in the URL, so a search is linkable) and the matching restaurants. */
export function SearchPage() {
  const [urlParams, setUrlParams] = useSearchParams();
  const filters = filtersFromUrl(urlParams);
  const key = urlFromFilters(filters).toString();
  const results = useLoad(key, (signal) => searchRestaurants(filters, signal));

  return (
    <div className="page">
      <section className="hero">
        <h1>Find a restaurant</h1>
        <p className="lede">Search by name or cuisine, order from the menu and follow your order live.</p>
        <SearchForm key={key} initial={filters} onSearch={(f) => setUrlParams(urlFromFilters(f))} />
      </section>
      <section aria-labelledby="results-heading" className="results">
        <h2 id="results-heading">Restaurants</h2>
        <p className="results-status" role="status">
          {results.state === "loading" && "Searching…"}
          {results.state === "done" &&
            (results.data.length === 0
              ? "No restaurant matches. Try fewer filters."
              : `${results.data.length} ${results.data.length === 1 ? "restaurant" : "restaurants"} found`)}
        </p>
        {results.state === "failed" && (
          <p className="alert" role="alert">
            The search did not work ({results.problem.title}). Please try again.
          </p>
        )}
        {results.state === "done" && results.data.length > 0 && (
          <ul className="restaurant-grid">
            {results.data.map((r) => (
              <li key={r.id} className="restaurant-card">
                <h3>
                  <Link to={`/restaurants/${encodeURIComponent(r.id)}`}>{r.name}</Link>
                </h3>
                <RestaurantTags restaurant={r}>
                  {r.recentOrders > 0 && <span className="tag tag-hot">Popular now</span>}
                </RestaurantTags>
                {r.recentOrders > 0 && (
                  <p className="recent-orders">
                    {r.recentOrders} {r.recentOrders === 1 ? "order" : "orders"} in the last hour
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function SearchForm({ initial, onSearch }: { initial: SearchFilters; onSearch: (filters: SearchFilters) => void }) {
  const [form, setForm] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(form);
  };
  return (
    <form className="search-form" role="search" aria-label="Search restaurants" onSubmit={submit}>
      <div className="field">
        <label htmlFor="search-name">Restaurant name</label>
        <input
          id="search-name"
          type="search"
          value={form.name}
          placeholder="e.g. pizza"
          autoComplete="off"
          onChange={(e) => setForm({ ...form, name: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="search-style">Cuisine</label>
        <select id="search-style" value={form.style} onChange={(e) => setForm({ ...form, style: e.target.value })}>
          <option value="">Any</option>
          {STYLES.map((style) => (
            <option key={style} value={style}>
              {style}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="search-sort">Sort by</label>
        <select id="search-sort" value={form.sort} onChange={(e) => setForm({ ...form, sort: e.target.value as Sort })}>
          <option value="">Catalog order</option>
          <option value="popular">Popular now</option>
        </select>
      </div>
      <div className="checks">
        <label className="check">
          <input
            type="checkbox"
            checked={form.vegetarianOnly}
            onChange={(e) => setForm({ ...form, vegetarianOnly: e.target.checked })}
          />
          Vegetarian only
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={form.deliveryOnly}
            onChange={(e) => setForm({ ...form, deliveryOnly: e.target.checked })}
          />
          Delivery only
        </label>
      </div>
      <button type="submit" className="button primary">
        Search
      </button>
    </form>
  );
}
