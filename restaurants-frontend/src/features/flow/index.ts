// The flow feature's public API: its page, which the app loads only when it is opened (with uPlot).
export { FlowPage } from "./flow-page";
