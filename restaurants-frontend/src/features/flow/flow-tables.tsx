import type { ReactNode } from "react";
import type { FlowSnapshot } from "./api/get-flow";
import { formatCount, formatRate } from "./format";

/** The diagram in rows: each stage with its rate, lag and errors; each flow with its rate; each topic's records. */
export function FlowTables({ flow }: { flow: FlowSnapshot }) {
  const labels = new Map(flow.nodes.map((n) => [n.id, n.label]));
  const label = (id: string) => labels.get(id) ?? id;
  const stages = flow.nodes.filter((n) => n.kind === "stage");
  const topics = flow.nodes.filter((n) => n.kind === "topic");
  return (
    <div className="flow-tables">
      <Table
        caption="Stages"
        columns={["Stage", "Consumer group", "Orders/s", "Lag", "Errors"]}
        numbersFrom={2}
        rows={stages.map((stage) => ({
          key: stage.id,
          cells: [
            stage.label,
            stage.group ?? "–",
            formatRate(stage.ratePerSecond),
            formatCount(stage.lag),
            <span className={(stage.errors ?? 0) > 0 ? "flow-errors" : undefined}>{formatCount(stage.errors)}</span>,
          ],
        }))}
      />
      <Table
        caption="Flows"
        columns={["From", "To", "Rate"]}
        numbersFrom={2}
        rows={flow.edges.map((edge) => ({
          key: `${edge.from}>${edge.to}`,
          cells: [label(edge.from), label(edge.to), formatRate(edge.ratePerSecond)],
        }))}
      />
      <Table
        caption="Topics"
        columns={["Topic", "Records"]}
        numbersFrom={1}
        rows={topics.map((topic) => ({ key: topic.id, cells: [topic.label, formatCount(topic.records)] }))}
      />
    </div>
  );
}

interface TableProps {
  caption: string;
  columns: string[];
  /** The columns from this index on hold numbers (right-aligned). */
  numbersFrom: number;
  rows: { key: string; cells: ReactNode[] }[];
}

/** A small table whose first cell heads its row. */
function Table({ caption, columns, numbersFrom, rows }: TableProps) {
  const className = (i: number) => (i >= numbersFrom ? "num" : undefined);
  return (
    <table className="flow-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((column, i) => (
            <th key={column} scope="col" className={className(i)}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(({ key, cells }) => (
          <tr key={key}>
            {cells.map((cell, i) =>
              i === 0 ? (
                <th key={i} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={i} className={className(i)}>
                  {cell}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
