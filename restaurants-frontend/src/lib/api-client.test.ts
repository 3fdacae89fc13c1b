import { afterEach, describe, expect, it, vi } from "vitest";
import { API_BASE, ApiProblem, apiRequest, apiUrl } from "./api-client";

function answer(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

describe("api client", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("calls the same-origin /api base and never a host", () => {
    expect(API_BASE).toBe("/api");
    expect(apiUrl("/search")).toBe("/api/search");
    expect(apiUrl("/search", { delivery: "true", vegetarian: undefined })).toBe("/api/search?delivery=true");
  });

  it("sends and reads JSON", async () => {
    const fetchMock = vi.fn().mockResolvedValue(answer(202, { orderId: "o-1" }));
    vi.stubGlobal("fetch", fetchMock);

    await expect(apiRequest("/orders", { method: "POST", body: { a: 1 } })).resolves.toEqual({ orderId: "o-1" });

    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe("/api/orders");
    expect(init.body).toBe('{"a":1}');
    expect((init.headers as Record<string, string>)["Content-Type"]).toBe("application/json");
  });

  it("answers nothing for a 204", async () => {
    const fetchMock = vi.fn().mockResolvedValue(new Response(null, { status: 204 }));
    vi.stubGlobal("fetch", fetchMock);

    await expect(apiRequest("/flow/test-orders", { method: "DELETE" })).resolves.toBeUndefined();
    expect((fetchMock.mock.calls[0] as [string, RequestInit])[1].method).toBe("DELETE");
  });

  it("turns a problem+json answer into an ApiProblem with field errors", async () => {
    const problem = {
      type: "https://kafka-restaurants.dev/problems/invalid-order",
      title: "Invalid order",
      status: 400,
      detail: "The order was not accepted; see errors.",
      errors: [{ field: "card.number", message: "is not a valid card number" }],
    };
    vi.stubGlobal(
      "fetch",
      vi.fn().mockResolvedValue(answer(400, problem, { "Content-Type": "application/problem+json" })),
    );

    const error = await apiRequest("/orders").catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiProblem);
    expect(error).toMatchObject({ status: 400, title: "Invalid order", errors: problem.errors });
  });

  it("reads Retry-After and survives an answer that is not JSON", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn().mockResolvedValue(new Response("<html>busy</html>", { status: 503, headers: { "Retry-After": "7" } })),
    );

    const error = (await apiRequest("/orders").catch((e: unknown) => e)) as ApiProblem;

    expect(error.status).toBe(503);
    expect(error.retryAfter).toBe(7);
    expect(error.errors).toEqual([]);
  });

  it("reports an unreachable server as status 0", async () => {
    vi.stubGlobal("fetch", vi.fn().mockRejectedValue(new TypeError("Failed to fetch")));

    await expect(apiRequest("/search")).rejects.toMatchObject({ status: 0 });
  });
});
