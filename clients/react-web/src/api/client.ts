// The one way the SPA talks to bff-web: same-origin fetch with the session cookie, the
// anti-forgery header on every call, JSON in and out, Problem Details turned into ApiError,
// and any 401 announced so the whole app can switch to "signed out".
import type { ProblemDetails } from './types';

/** An error answer (or no answer) from bff-web, carrying what its Problem Details said. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: Record<string, string[]>;
  readonly traceId: string | undefined;

  constructor(status: number, problem: ProblemDetails) {
    const title = problem.title ?? `Request failed (HTTP ${status})`;
    super(problem.detail ?? title);
    this.name = 'ApiError';
    this.status = status;
    this.code = problem.code;
    this.title = title;
    this.detail = problem.detail ?? undefined;
    this.errors = problem.errors ?? {};
    this.traceId = problem.traceId;
  }
}

/** Status 0: the request never got an HTTP answer (offline, DNS, aborted by the network). */
export const NETWORK_ERROR_STATUS = 0;

const signedOutEvents = new EventTarget();

/** Calls `listener` whenever bff-web answers 401 (no session, session ended or expired). */
export function onSignedOut(listener: () => void): () => void {
  signedOutEvents.addEventListener('signed-out', listener);
  return () => signedOutEvents.removeEventListener('signed-out', listener);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** False for probes where 401 is an ordinary answer (GET /bff/user at start-up). */
  announceSignedOut?: boolean;
}

export interface ApiResponse<T> {
  data: T;
  status: number;
  headers: Headers;
}

/** Sends a request and returns the parsed body with the status and headers (ETag etc.). */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  if (!path.startsWith('/')) throw new Error(`API paths are same-origin and absolute: ${path}`);
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    ...options.headers,
    // bff-web refuses /api/* and /bff/user without it: a cross-site form cannot set it.
    'X-CSRF': '1',
  };
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(NETWORK_ERROR_STATUS, {
      title: 'Network error',
      detail: 'The shop could not be reached. Check your connection and try again.',
    });
  }

  if (!response.ok) {
    const problem = await readProblem(response);
    if (response.status === 401 && options.announceSignedOut !== false) {
      signedOutEvents.dispatchEvent(new Event('signed-out'));
    }
    throw new ApiError(response.status, problem);
  }

  const data = (await readJson(response)) as T;
  return { data, status: response.status, headers: response.headers };
}

/** Sends a request and returns only the parsed body (undefined for 204). */
export async function apiFetch<T>(path: string, options: RequestOptions = {}): Promise<T> {
  return (await apiRequest<T>(path, options)).data;
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (text.length === 0) return undefined;
  return JSON.parse(text);
}

async function readProblem(response: Response): Promise<ProblemDetails> {
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) {
    try {
      const parsed: unknown = await response.json();
      if (parsed && typeof parsed === 'object') return normaliseProblem(parsed as Record<string, unknown>);
    } catch {
      // A broken error body still yields an error with the status below.
    }
  }
  return { status: response.status, title: defaultTitle(response.status) };
}

function normaliseProblem(raw: Record<string, unknown>): ProblemDetails {
  const text = (value: unknown) => (typeof value === 'string' && value.length > 0 ? value : undefined);
  const errors: Record<string, string[]> = {};
  if (raw.errors && typeof raw.errors === 'object') {
    for (const [field, messages] of Object.entries(raw.errors as Record<string, unknown>)) {
      if (Array.isArray(messages)) errors[field] = messages.filter((m): m is string => typeof m === 'string');
      else if (typeof messages === 'string') errors[field] = [messages];
    }
  }
  return {
    type: text(raw.type),
    title: text(raw.title),
    status: typeof raw.status === 'number' ? raw.status : undefined,
    detail: text(raw.detail),
    code: text(raw.code),
    traceId: text(raw.traceId),
    errors,
  };
}

function defaultTitle(status: number): string {
  if (status === 401) return 'You are signed out';
  if (status === 403) return 'You are not allowed to do that';
  if (status === 404) return 'Not found';
  if (status === 503 || status === 502 || status === 504) return 'The shop is unavailable right now';
  return `Request failed (HTTP ${status})`;
}

/** A readable one-line message of any error thrown by the API layer. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.detail ?? error.title;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
