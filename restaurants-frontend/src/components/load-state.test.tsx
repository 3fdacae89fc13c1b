import { render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { ApiProblem } from "../lib/api-client";
import type { Load } from "../lib/use-load";
import { LoadState } from "./load-state";

function renderState(load: Load<string>, narrow = false) {
  const failure = vi.fn((problem: ApiProblem) => ({
    heading: `Failed with ${problem.status}`,
    message: `Because: ${problem.title}`,
    next: <a href="/">Back</a>,
  }));
  const { container } = render(
    <LoadState load={load} loading="Loading the thing…" failure={failure} narrow={narrow}>
      {(data) => <p>Loaded {data}</p>}
    </LoadState>,
  );
  return { container, failure };
}

describe("load state", () => {
  it("says what is loading as a status, and nothing else", () => {
    const { failure } = renderState({ state: "loading" });
    expect(screen.getByRole("status")).toHaveTextContent("Loading the thing…");
    expect(screen.queryByText(/Loaded/)).not.toBeInTheDocument();
    expect(failure).not.toHaveBeenCalled();
  });

  it("shows the failure's heading, its message as an alert and what comes next", () => {
    const problem = new ApiProblem(404, { title: "Not Found" });
    const { container, failure } = renderState({ state: "failed", problem });
    expect(failure).toHaveBeenCalledWith(problem);
    expect(screen.getByRole("heading", { level: 1, name: "Failed with 404" })).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent("Because: Not Found");
    expect(screen.getByRole("link", { name: "Back" })).toBeInTheDocument();
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
    expect(container.firstElementChild).toHaveClass("page");
    expect(container.firstElementChild).not.toHaveClass("narrow");
  });

  it("puts a failure in the narrow column when asked", () => {
    const { container } = renderState({ state: "failed", problem: new ApiProblem(0, {}) }, true);
    expect(container.firstElementChild).toHaveClass("page", "narrow");
  });

  it("renders the loaded data through its children", () => {
    renderState({ state: "done", data: "menu" });
    expect(screen.getByText("Loaded menu")).toBeInTheDocument();
    expect(screen.queryByRole("status")).not.toBeInTheDocument();
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
  });
});
