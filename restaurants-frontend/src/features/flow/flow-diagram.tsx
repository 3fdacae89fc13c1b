import type { FlowNode, FlowSnapshot } from "./api/get-flow";
import { formatCount, formatRate } from "./format";
import { layOut } from "./layout";

const NODE_HEIGHT = 48;
const STAGE_HEIGHT = 68;

function nodeHeight(node: FlowNode): number {
  return node.kind === "stage" ? STAGE_HEIGHT : NODE_HEIGHT;
}

/**
 * The topology as deployed, drawn left to right: a box per node (its kind as its shape), an arrow per flow with its
 * rate. The picture is one image to assistive technology; the tables of {@link FlowTables} say the same in rows.
 */
export function FlowDiagram({ flow }: { flow: FlowSnapshot }) {
  const layout = layOut(flow.nodes, flow.edges, nodeHeight);
  const stages = flow.nodes.filter((n) => n.kind === "stage").length;
  const summary = `${flow.nodes.length} nodes (${stages} stages) and ${flow.edges.length} flows`;
  return (
    <div className="flow-diagram">
      <svg
        role="img"
        aria-label={`Order flow: ${summary}; the tables below list them`}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        width={layout.width}
        height={layout.height}
      >
        <defs>
          <marker id="flow-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
            <path d="M0,0 L10,5 L0,10 z" className="flow-arrowhead" />
          </marker>
        </defs>
        {layout.edges.map(({ edge, path }) => (
          <path
            key={`${edge.from}>${edge.to}`}
            d={path}
            className={`flow-edge${(edge.ratePerSecond ?? 0) > 0 ? " flow-edge-active" : ""}`}
            markerEnd="url(#flow-arrow)"
          />
        ))}
        {layout.nodes.map(({ node, x, y, width }) => (
          <g key={node.id} className={`flow-node flow-node-${node.kind}`} transform={`translate(${x} ${y})`}>
            <title>{nodeTitle(node)}</title>
            <rect
              x={-width / 2}
              y={-nodeHeight(node) / 2}
              width={width}
              height={nodeHeight(node)}
              rx={node.kind === "topic" ? 18 : node.kind === "http" ? 24 : 8}
            />
            <NodeText node={node} />
          </g>
        ))}
        {layout.edges.map(({ edge, labelX, labelY }) => (
          <text
            key={`${edge.from}>${edge.to}`}
            x={labelX}
            y={labelY}
            className="flow-edge-label"
            textAnchor="middle"
            dominantBaseline="middle"
          >
            {formatRate(edge.ratePerSecond)}
          </text>
        ))}
      </svg>
    </div>
  );
}

/** Longer labels are cut in the picture; the node's title and the tables have them whole. */
const MAX_LABEL = 20;

function NodeText({ node }: { node: FlowNode }) {
  const lines = [node.label.length > MAX_LABEL ? `${node.label.slice(0, MAX_LABEL - 1)}…` : node.label];
  if (node.kind === "stage") {
    lines.push(formatRate(node.ratePerSecond), `lag ${formatCount(node.lag)} · errors ${formatCount(node.errors)}`);
  } else if (node.kind === "topic" && typeof node.records === "number") {
    lines.push(`${formatCount(node.records)} records`);
  }
  const first = -((lines.length - 1) * 16) / 2;
  return (
    <text textAnchor="middle" dominantBaseline="middle">
      {lines.map((line, i) => (
        <tspan key={i} x={0} y={first + i * 16} className={i === 0 ? "flow-node-label" : "flow-node-figure"}>
          {line}
        </tspan>
      ))}
    </text>
  );
}

function nodeTitle(node: FlowNode): string {
  const parts = [`${node.label} (${node.kind}${node.role ? `, role ${node.role}` : ""})`];
  if (node.group) parts.push(`consumer group ${node.group}`);
  return parts.join(", ");
}
