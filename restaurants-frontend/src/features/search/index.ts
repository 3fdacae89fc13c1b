// The search feature's public API: its page.
export { SearchPage } from "./search-page";
