import { render } from "@testing-library/react";
import { useEffect } from "react";
import { MemoryRouter, useLocation } from "react-router";
import { App } from "../app/app";

let currentLocation = "";

function LocationSpy() {
  const { pathname, search } = useLocation();
  useEffect(() => {
    currentLocation = `${pathname}${search}`;
  }, [pathname, search]);
  return null;
}

/** Renders the whole site at `path`, as the browser router would. */
export function renderApp(path: string) {
  currentLocation = path;
  return render(
    <MemoryRouter initialEntries={[path]}>
      <App />
      <LocationSpy />
    </MemoryRouter>,
  );
}

/** The path and query the site is at now. */
export function location(): string {
  return currentLocation;
}
