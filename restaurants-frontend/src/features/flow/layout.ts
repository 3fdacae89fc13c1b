import type { FlowEdge, FlowNode } from "./api/get-flow";

/**
 * Places the nodes of GET /api/flow on a grid read left to right. The main path has fixed cells, so the picture
 * stays put from one snapshot to the next: POST /orders → order intake → order → transactions (the bank above
 * it) → order_confirm / order_declined → email → SMTP. order_status, which every stage writes, is a bar under
 * them all that each writer drops a straight line to, its readers right under it. Any other node (dead-letter, retry or idempotency topics,
 * routes we do not know yet) goes to the side lane below: one column right of a node that feeds it, or left of one
 * it feeds, in the next free row.
 */
const KNOWN: Record<string, Cell> = {
  "post-orders": { col: 0, row: 1 },
  "order-intake": { col: 1, row: 1 },
  "topic:order": { col: 2, row: 1 },
  transactions: { col: 3, row: 1 },
  bank: { col: 3, row: 0 },
  "topic:order_confirm": { col: 4, row: 1 },
  "topic:order_declined": { col: 4, row: 2 },
  email: { col: 5, row: 1 },
  smtp: { col: 6, row: 1 },
  "topic:order_status": { col: 3, row: 3 },
};
/** order_status: a bar from the column of order intake to the column of email. */
const BUS = { id: "topic:order_status", fromCol: 1, toCol: 5 };
const SIDE_LANE = 4;

export const COLUMN_WIDTH = 176;
export const ROW_HEIGHT = 104;
export const NODE_WIDTH = 136;
const PADDING = 24;

interface Cell {
  col: number;
  row: number;
}

export interface PlacedNode {
  node: FlowNode;
  /** Centre of the node's box, and its width (wider for the order_status bar). */
  x: number;
  y: number;
  width: number;
  col: number;
  row: number;
}

export interface PlacedEdge {
  edge: FlowEdge;
  /** An SVG path from the source's box to the target's, and where its rate label goes. */
  path: string;
  labelX: number;
  labelY: number;
}

export interface Layout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

export function layOut(nodes: FlowNode[], edges: FlowEdge[], nodeHeight: (node: FlowNode) => number): Layout {
  const cells = placeCells(nodes, edges);
  const placed = new Map<string, PlacedNode>();
  for (const node of nodes) {
    const cell = cells.get(node.id) ?? { col: 0, row: SIDE_LANE };
    const bus = node.id === BUS.id;
    placed.set(node.id, {
      node,
      col: cell.col,
      row: cell.row,
      x: PADDING + (bus ? ((BUS.fromCol + BUS.toCol) * COLUMN_WIDTH) / 2 : cell.col * COLUMN_WIDTH) + NODE_WIDTH / 2,
      y: PADDING + cell.row * ROW_HEIGHT + ROW_HEIGHT / 2,
      width: bus ? (BUS.toCol - BUS.fromCol) * COLUMN_WIDTH + NODE_WIDTH : NODE_WIDTH,
    });
  }
  const all = [...placed.values()];
  const cols = Math.max(0, ...all.map((p) => p.col)) + 1;
  const rows = Math.max(0, ...all.map((p) => p.row)) + 1;
  const routed: PlacedEdge[] = [];
  for (const edge of edges) {
    const from = placed.get(edge.from);
    const to = placed.get(edge.to);
    if (from && to) {
      routed.push(route(edge, from, to, nodeHeight));
    }
  }
  return {
    width: PADDING * 2 + (cols - 1) * COLUMN_WIDTH + NODE_WIDTH,
    height: PADDING * 2 + rows * ROW_HEIGHT,
    nodes: all,
    edges: routed,
  };
}

function placeCells(nodes: FlowNode[], edges: FlowEdge[]): Map<string, Cell> {
  const cells = new Map<string, Cell>();
  const taken = new Set<string>();
  const take = (id: string, cell: Cell) => {
    cells.set(id, cell);
    taken.add(`${cell.col}:${cell.row}`);
  };
  for (const node of nodes) {
    const known = KNOWN[node.id];
    if (known) {
      take(node.id, known);
    }
  }
  let waiting = nodes.filter((n) => !cells.has(n.id));
  // Each pass places the nodes next to one already placed; what is linked to nothing placed goes to column 0.
  while (waiting.length > 0) {
    const next: FlowNode[] = [];
    for (const node of waiting) {
      const col = readsBus(node.id, edges) ? freeColumnUnderBus(taken) : columnBeside(node.id, edges, cells);
      if (col === undefined) {
        next.push(node);
        continue;
      }
      let row = SIDE_LANE;
      while (taken.has(`${col}:${row}`)) row += 1;
      take(node.id, { col, row });
    }
    if (next.length === waiting.length) {
      const [stranded, ...rest] = next;
      if (stranded) {
        let row = SIDE_LANE;
        while (taken.has(`0:${row}`)) row += 1;
        take(stranded.id, { col: 0, row });
      }
      waiting = rest;
    } else {
      waiting = next;
    }
  }
  return cells;
}

function readsBus(id: string, edges: FlowEdge[]): boolean {
  return edges.some((e) => e.from === BUS.id && e.to === id);
}

/** A reader of order_status goes right under the bar, in a column whose first side-lane row is free, middle first. */
function freeColumnUnderBus(taken: Set<string>): number {
  const middle = Math.round((BUS.fromCol + BUS.toCol) / 2);
  for (let offset = 0; offset <= BUS.toCol - BUS.fromCol; offset++) {
    for (const col of [middle - offset, middle + offset]) {
      if (col >= BUS.fromCol && col <= BUS.toCol && !taken.has(`${col}:${SIDE_LANE}`)) return col;
    }
  }
  return middle;
}

function columnBeside(id: string, edges: FlowEdge[], cells: Map<string, Cell>): number | undefined {
  for (const edge of edges) {
    const source = edge.to === id ? cells.get(edge.from) : undefined;
    if (source) return source.col + 1;
  }
  for (const edge of edges) {
    const target = edge.from === id ? cells.get(edge.to) : undefined;
    if (target) return Math.max(0, target.col - 1);
  }
  return undefined;
}

/**
 * Along the main rows an edge leaves a box's side and enters the next one's side; to or from the row above or the
 * side lane, or within one column, it leaves the bottom or top instead. Either way a smooth cubic curve. To or from
 * the order_status bar it is a straight vertical line above (or below) the other node.
 */
function route(edge: FlowEdge, from: PlacedNode, to: PlacedNode, nodeHeight: (node: FlowNode) => number): PlacedEdge {
  if (from.node.id === BUS.id || to.node.id === BUS.id) {
    return toOrFromBus(edge, from, to, nodeHeight);
  }
  const vertical =
    from.col === to.col || from.row === 0 || to.row === 0 || from.row >= SIDE_LANE || to.row >= SIDE_LANE;
  let x0: number, y0: number, x3: number, y3: number;
  if (vertical) {
    const down = to.y >= from.y ? 1 : -1;
    [x0, y0] = [from.x, from.y + (down * nodeHeight(from.node)) / 2];
    [x3, y3] = [to.x, to.y - (down * nodeHeight(to.node)) / 2];
  } else {
    const right = to.x >= from.x ? 1 : -1;
    [x0, y0] = [from.x + (right * NODE_WIDTH) / 2, from.y];
    [x3, y3] = [to.x - (right * NODE_WIDTH) / 2, to.y];
  }
  const [x1, y1, x2, y2] = vertical ? [x0, (y0 + y3) / 2, x3, (y0 + y3) / 2] : [(x0 + x3) / 2, y0, (x0 + x3) / 2, y3];
  return {
    edge,
    path: `M${x0},${y0} C${x1},${y1} ${x2},${y2} ${x3},${y3}`,
    // The curve's point at t = 0.5.
    labelX: (x0 + 3 * x1 + 3 * x2 + x3) / 8,
    labelY: (y0 + 3 * y1 + 3 * y2 + y3) / 8,
  };
}

function toOrFromBus(
  edge: FlowEdge,
  from: PlacedNode,
  to: PlacedNode,
  nodeHeight: (node: FlowNode) => number,
): PlacedEdge {
  const [bus, other] = from.node.id === BUS.id ? [from, to] : [to, from];
  const x = Math.min(Math.max(other.x, bus.x - bus.width / 2 + 16), bus.x + bus.width / 2 - 16);
  const down = to.y >= from.y ? 1 : -1;
  const y0 = from.y + (down * nodeHeight(from.node)) / 2;
  const y3 = to.y - (down * nodeHeight(to.node)) / 2;
  return { edge, path: `M${x},${y0} L${x},${y3}`, labelX: x, labelY: (y0 + y3) / 2 };
}
