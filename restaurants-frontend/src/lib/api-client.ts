/**
 * The one HTTP client of the site. Every call goes to the same origin under {@link API_BASE}; nginx (or the dev
 * server) proxies it to the api role with the prefix stripped, so the bundle never names a backend host.
 * Error answers, RFC 9457 problems or not, become an {@link ApiProblem}.
 */
export const API_BASE = "/api";

export interface FieldError {
  field: string;
  message: string;
}

export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: FieldError[];
}

/** A failed call: the HTTP status (0 when the server could not be reached) and the problem's details. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[];
  /** Seconds from a Retry-After header, when the server sent one. */
  readonly retryAfter: number | undefined;

  constructor(status: number, problem: ProblemDetails, retryAfter?: number) {
    super(problem.detail ?? problem.title ?? `Request failed (${status})`);
    this.name = "ApiProblem";
    this.status = status;
    this.type = problem.type ?? "about:blank";
    this.title = problem.title ?? (status === 0 ? "Network error" : `Request failed (${status})`);
    this.detail = problem.detail;
    this.errors = Array.isArray(problem.errors) ? problem.errors.filter(isFieldError) : [];
    this.retryAfter = retryAfter;
  }
}

export type QueryParams = Record<string, string | undefined>;

export interface RequestOptions {
  method?: "GET" | "POST" | "DELETE";
  query?: QueryParams;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** The URL of an API path: `/api` + path + the query parameters that are set, in the order given. */
export function apiUrl(path: string, query: QueryParams = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) {
      params.append(name, value);
    }
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ""}`;
}

/**
 * Calls the API and answers the parsed JSON body (`undefined` for a 204, which has none); throws an
 * {@link ApiProblem} on any failure.
 */
export function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return fetchJson<T>(apiUrl(path, options.query), options);
}

/** Fetches a same-origin JSON document (the API or a file nginx serves, such as /site-config.json). */
export async function fetchJson<T>(url: string, options: Omit<RequestOptions, "query"> = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
  const init: RequestInit = { method: options.method ?? "GET", headers, credentials: "same-origin" };
  if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(options.body);
  }
  if (options.signal) {
    init.signal = options.signal;
  }
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") {
      throw error;
    }
    throw new ApiProblem(0, { title: "Network error", detail: "The server could not be reached." });
  }
  if (!response.ok) {
    throw new ApiProblem(response.status, await problemOf(response), retryAfterOf(response));
  }
  if (response.status === 204) {
    return undefined as T;
  }
  return (await response.json()) as T;
}

async function problemOf(response: Response): Promise<ProblemDetails> {
  const type = response.headers.get("Content-Type") ?? "";
  if (type.includes("json")) {
    try {
      const body: unknown = await response.json();
      if (body !== null && typeof body === "object") {
        return body as ProblemDetails;
      }
    } catch {
      // a body that is not JSON after all: fall back to the status line below
    }
  }
  return { status: response.status, title: response.statusText || undefined };
}

function retryAfterOf(response: Response): number | undefined {
  const value = response.headers.get("Retry-After");
  if (value === null) {
    return undefined;
  }
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) {
    return seconds;
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function isFieldError(value: unknown): value is FieldError {
  return (
    value !== null &&
    typeof value === "object" &&
    typeof (value as FieldError).field === "string" &&
    typeof (value as FieldError).message === "string"
  );
}
