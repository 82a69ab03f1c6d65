// The desk's client of the marketplace backend (`/api/v1`): axios with the staff token, responses checked against
// the shared schemas, every failure turned into an AppError — `offline` when the backend cannot be reached (the
// caller keeps the work queued), the backend's own code and fields when it answers with an error.
import axios, { type AxiosInstance, isAxiosError } from 'axios';
import type { z } from 'zod';
import {
  API_PREFIX,
  ChangesResult,
  IDEMPOTENCY_HEADER,
  LoginResult,
  Me,
  MessagePage,
  type SnapshotKind,
  SnapshotPage,
} from '../../shared/api.ts';
import { Session, Settings } from '../../shared/domain.ts';
import { AppError, ErrorBody } from '../../shared/errors.ts';

export interface BackendClientOptions {
  backendUrl: string;
  token?: string | null;
  timeoutMs?: number;
}

/** True for failures worth retrying later (the backend unreachable, overloaded or restarting). */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof AppError)) return true;
  return error.code === 'offline' || error.status >= 500 || error.status === 429 || error.status === 408;
}

export function normaliseBackendUrl(url: string): string {
  return url
    .trim()
    .replace(/\/+$/, '')
    .replace(/\/api\/v1$/, '');
}

export class BackendClient {
  readonly backendUrl: string;
  #token: string | null;
  readonly #http: AxiosInstance;

  constructor(options: BackendClientOptions) {
    this.backendUrl = normaliseBackendUrl(options.backendUrl);
    this.#token = options.token ?? null;
    this.#http = axios.create({
      baseURL: `${this.backendUrl}${API_PREFIX}`,
      timeout: options.timeoutMs ?? 15_000,
      // Errors are read from the body ourselves; axios must not throw on 4xx before we can.
      validateStatus: () => true,
      // The backend is on the user's network or this machine: never go through a proxy from the environment.
      proxy: false,
    });
  }

  get token(): string | null {
    return this.#token;
  }

  setToken(token: string | null): void {
    this.#token = token;
  }

  /**
   * The WebSocket URL of the change feed after `after`. It never carries the token: sync.ts sends it in the
   * Authorization header (a URL ends up in proxies' logs, and the backend refuses a token in the query).
   */
  feedUrl(after: number): string {
    const url = new URL(`${this.backendUrl}${API_PREFIX}/admin/events`);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.searchParams.set('after', String(after));
    return url.toString();
  }

  async request<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    path: string,
    options: {
      body?: unknown;
      params?: Record<string, unknown>;
      idempotencyKey?: string;
      schema?: z.ZodType<T>;
      /** Answer the body's bytes as received, for the cache worker to decode, parse and check off this thread. */
      raw?: boolean;
    } = {},
  ): Promise<{ status: number; data: T }> {
    const headers: Record<string, string> = {};
    if (this.#token) headers.authorization = `Bearer ${this.#token}`;
    if (options.idempotencyKey) headers[IDEMPOTENCY_HEADER] = options.idempotencyKey;
    let response: { status: number; data: unknown };
    try {
      response = await this.#http.request({
        method,
        url: path,
        headers,
        ...(options.body !== undefined ? { data: options.body } : {}),
        ...(options.params ? { params: options.params } : {}),
        ...(options.raw ? { responseType: 'arraybuffer' as const, transformResponse: [(body: unknown) => body] } : {}),
      });
    } catch (error) {
      const reason = isAxiosError(error) ? (error.code ?? error.message) : String(error);
      throw new AppError('offline', `The backend at ${this.backendUrl} cannot be reached (${reason})`);
    }
    if (response.status >= 400) {
      const body = ErrorBody.safeParse(options.raw ? parseJson(response.data) : response.data);
      if (body.success) {
        throw AppError.fromInfo(body.data.error, response.status);
      }
      throw new AppError(
        response.status >= 500 ? 'internal' : 'bad_request',
        `The backend answered ${response.status}`,
        undefined,
        response.status,
      );
    }
    if (options.schema) {
      const parsed = options.schema.safeParse(response.data);
      if (!parsed.success) {
        throw new AppError('internal', `The backend answered ${method} ${path} outside the contract`, undefined, 502);
      }
      return { status: response.status, data: parsed.data };
    }
    return { status: response.status, data: response.data as T };
  }

  async login(email: string, password: string): Promise<z.infer<typeof LoginResult>> {
    const { data } = await this.request('POST', '/auth/login', { body: { email, password }, schema: LoginResult });
    this.#token = data.token;
    return data;
  }

  async logout(): Promise<void> {
    // An empty JSON body: the backend refuses a POST without a JSON content type (415), which left the token valid.
    await this.request('POST', '/auth/logout', { body: {} });
  }

  async me(): Promise<z.infer<typeof Me>> {
    return (await this.request('GET', '/auth/me', { schema: Me })).data;
  }

  async snapshot(kind: SnapshotKind, cursor: string | null, limit: number): Promise<z.infer<typeof SnapshotPage>> {
    const params: Record<string, unknown> = { limit };
    if (cursor) params.cursor = cursor;
    return (await this.request('GET', `/admin/snapshot/${kind}`, { params, schema: SnapshotPage })).data;
  }

  /**
   * One snapshot page as the bytes of the JSON the backend sent, in an ArrayBuffer of its own: handed (transferred,
   * not copied) to the cache worker, which decodes, parses and checks it — this thread never holds the text.
   */
  async snapshotBody(kind: SnapshotKind, cursor: string | null, limit: number): Promise<ArrayBuffer> {
    const params: Record<string, unknown> = { limit };
    if (cursor) params.cursor = cursor;
    return ownBuffer((await this.request<Uint8Array>('GET', `/admin/snapshot/${kind}`, { params, raw: true })).data);
  }

  /** One page of the change feed as the bytes of its JSON (see snapshotBody). */
  async changesBody(after: number, limit: number): Promise<ArrayBuffer> {
    return ownBuffer(
      (await this.request<Uint8Array>('GET', '/admin/changes', { params: { after, limit }, raw: true })).data,
    );
  }

  async changes(after: number, limit: number): Promise<z.infer<typeof ChangesResult>> {
    return (await this.request('GET', '/admin/changes', { params: { after, limit }, schema: ChangesResult })).data;
  }

  async messages(sessionId: string, before: string | undefined, limit: number): Promise<z.infer<typeof MessagePage>> {
    const params: Record<string, unknown> = { limit };
    if (before) params.before = before;
    return (await this.request('GET', `/admin/sessions/${sessionId}/messages`, { params, schema: MessagePage })).data;
  }

  async session(id: string): Promise<z.infer<typeof Session>> {
    return (await this.request('GET', `/admin/sessions/${id}`, { schema: Session })).data;
  }

  async settings(): Promise<z.infer<typeof Settings>> {
    return (await this.request('GET', '/admin/settings', { schema: Settings })).data;
  }
}

function parseJson(body: unknown): unknown {
  const text = body instanceof Uint8Array ? new TextDecoder().decode(body) : body;
  if (typeof text !== 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The bytes in an ArrayBuffer that holds nothing else (so it can be transferred to the cache worker). */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  const buffer = bytes.buffer;
  if (buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === buffer.byteLength) return buffer;
  return bytes.slice().buffer as ArrayBuffer;
}
