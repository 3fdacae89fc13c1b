import { apiRequest } from "../../../lib/api-client";

/**
 * What a node of the deployed topology is: an HTTP endpoint, a Camel route, a consuming stage, a topic, or outside.
 * Another kind the server may add is drawn as a plain box.
 */
export type NodeKind = "http" | "route" | "stage" | "topic" | "external" | (string & {});

export interface FlowNode {
  /** Stable across snapshots: `post-orders`, `order-intake`, `topic:order`, `transactions`, `bank`... */
  id: string;
  kind: NodeKind;
  label: string;
  /** The role that runs it (routes and stages). Absent or null where it does not apply, as are the figures below. */
  role?: string | null;
  /** Topics: the end offsets of the partitions, summed. */
  records?: number | null;
  /** Stages: the consumer group, its lag, its dead-lettered records and the records it finishes per second. */
  group?: string | null;
  lag?: number | null;
  errors?: number | null;
  ratePerSecond?: number | null;
}

export interface FlowEdge {
  from: string;
  to: string;
  ratePerSecond?: number | null;
}

export interface FlowSeries {
  /** The stages the points have a rate for, in the order to draw them. */
  stages: string[];
  /** Oldest first, at most 150. */
  points: { at: string; rates: Record<string, number> }[];
}

export type TestRunState = "running" | "done" | "stopped";

/** A run of test orders: how many were asked for, sent, accepted by intake and refused. No card, email or address. */
export interface TestRun {
  id: string;
  requested: number;
  sent: number;
  accepted: number;
  refused: number;
  ratePerSecond: number;
  declineShare: number;
  state: TestRunState;
  startedAt: string;
  lastOrderIds: string[];
}

export interface TestOrders {
  /** False in production mode: the control is not offered. */
  enabled: boolean;
  maxCount: number;
  maxRatePerSecond: number;
  run: TestRun | null;
}

/** `GET /api/flow`: one snapshot of the order flow as deployed, sampled every `intervalSeconds`. */
export interface FlowSnapshot {
  at: string;
  intervalSeconds: number;
  nodes: FlowNode[];
  edges: FlowEdge[];
  series: FlowSeries;
  testOrders: TestOrders;
}

export function getFlow(signal?: AbortSignal): Promise<FlowSnapshot> {
  return apiRequest<FlowSnapshot>("/flow", { signal });
}
