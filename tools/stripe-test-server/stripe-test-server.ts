import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import fixtures from './fixtures.json' with { type: 'json' };

/*
 * A local Stripe for tests: Checkout Sessions, PaymentIntents, Events and Refunds here,
 * everything else forwarded to stripe-stateful-mock. Objects start from Stripe's published
 * fixtures (see README.md); requests are parsed from the client's real form encoding.
 */

type Json = Record<string, any>;

/** One request the official client sent, decoded. */
export interface ReceivedRequest {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  authorization: string | undefined;
  form: Json;
}

export interface StripeTestServer {
  /** Base URL (`http://127.0.0.1:port`). */
  url: string;
  port: number;
  /** Every request received, in order. */
  requests: ReceivedRequest[];
  sessions: Map<string, Json>;
  /** Events, oldest first. */
  events: Json[];
  /** Makes the next `n` session creations fail with `status` (a Stripe-shaped error). */
  failNextSessionCreates(n: number, status?: number): void;
  /** The shopper paid: the session completes, a charge is made in stripe-stateful-mock, and an event is logged. */
  completeSession(id: string, options?: { paymentStatus?: 'paid' | 'unpaid' }): Promise<Json>;
  /** Stripe expired the session (time ran out): logs `checkout.session.expired`. */
  expireSession(id: string): Json;
  /** A delayed payment settled or failed. */
  asyncPaymentResult(id: string, succeeded: boolean): Json;
  /** Builds an event on the fixture `event` object without storing it. */
  buildEvent(type: string, object: Json, created?: number): Json;
  close(): Promise<void>;
}

const clone = <T>(value: T): T => structuredClone(value);
const rid = (prefix: string) => `${prefix}_test_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * Decodes `application/x-www-form-urlencoded` with Stripe's bracket notation
 * (`line_items[0][price_data][unit_amount]=6800`) into nested objects and arrays.
 */
export function parseStripeForm(body: string): Json {
  const root: Json = {};
  for (const pair of body.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawKey = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
    const value = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
    const path = rawKey.split(/\[|\]\[|\]/).filter((p) => p !== '');
    let node: Json = root;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = node[part] ??= {};
    });
  }
  const arrays = (value: unknown): unknown => {
    if (!value || typeof value !== 'object') return value;
    const entries = Object.entries(value as Json).map(([k, v]) => [k, arrays(v)] as const);
    if (entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k))) {
      return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v);
    }
    return Object.fromEntries(entries);
  };
  return arrays(root) as Json;
}

function stripeError(res: ServerResponse, status: number, message: string, type = 'invalid_request_error', param?: string): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { type, message, ...(param ? { param } : {}) } }));
}

function send(res: ServerResponse, object: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${randomBytes(6).toString('hex')}` });
  res.end(JSON.stringify(object));
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Starts the local Stripe on 127.0.0.1 (a free port) with a stripe-stateful-mock behind it.
 *
 * @example
 * const stripeServer = await startStripeTestServer();
 * const stripe = new Stripe('sk_test_x', { host: '127.0.0.1', port: stripeServer.port, protocol: 'http', maxNetworkRetries: 0 });
 */
export async function startStripeTestServer(
  options: {
    /** Port on 127.0.0.1 (default: any free one). */
    port?: number;
    /**
     * Serve `GET /pay/<session id>` as the "payment page": the session completes as paid (its
     * event is logged for `GET /v1/events`, which the reconcile CLI reads) and the browser is
     * sent to its `success_url`. For trying checkout by hand (`serve.ts`); tests leave it off.
     */
    payPage?: boolean;
  } = {},
): Promise<StripeTestServer> {
  const require = createRequire(import.meta.url);
  require('loglevel').setLevel('silent');
  const { createExpressApp } = require('stripe-stateful-mock') as {
    createExpressApp: () => { listen: (port: number, host: string, cb: () => void) => Server };
  };
  const mock: Server = await new Promise((resolve) => {
    const s = createExpressApp().listen(0, '127.0.0.1', () => resolve(s));
  });
  const mockPort = (mock.address() as AddressInfo).port;

  const requests: ReceivedRequest[] = [];
  const sessions = new Map<string, Json>();
  const paymentIntents = new Map<string, Json>();
  const events: Json[] = [];
  const idempotent = new Map<string, { status: number; body: string }>();
  let failures = { n: 0, status: 500 };
  let port = 0;

  const forward = async (method: string, path: string, body: string, authorization: string | undefined): Promise<{ status: number; json: Json }> => {
    const response = await fetch(`http://127.0.0.1:${mockPort}${path}`, {
      method,
      headers: { authorization: authorization ?? 'Bearer sk_test_terroir', 'content-type': 'application/x-www-form-urlencoded' },
      ...(method === 'GET' ? {} : { body }),
    });
    return { status: response.status, json: (await response.json()) as Json };
  };

  const buildEvent = (type: string, object: Json, created = nowSeconds()): Json => {
    const event = clone(fixtures.resources.event) as Json;
    event.id = rid('evt');
    event.type = type;
    event.created = created;
    event.api_version = '2026-10-28.endive';
    event.data = { object: clone(object) };
    event.request = { id: null, idempotency_key: null };
    return event;
  };
  const logEvent = (type: string, object: Json): Json => {
    // Strictly increasing `created`, so "newest first" listing is well defined.
    const last = events.at(-1)?.created ?? 0;
    const event = buildEvent(type, object, Math.max(nowSeconds(), last + 1));
    events.push(event);
    return event;
  };

  const createSession = (form: Json): { status: number; body: Json } => {
    if (failures.n > 0) {
      failures.n -= 1;
      return { status: failures.status, body: { error: { type: 'api_error', message: 'Injected failure' } } };
    }
    const lineItems = (form.line_items ?? []) as Json[];
    if (!Array.isArray(lineItems) || lineItems.length === 0)
      return { status: 400, body: { error: { type: 'invalid_request_error', message: 'line_items required', param: 'line_items' } } };
    const currencies = new Set(lineItems.map((l) => l.price_data?.currency));
    if (currencies.size !== 1)
      return { status: 400, body: { error: { type: 'invalid_request_error', message: 'All line items must share one currency', param: 'line_items' } } };
    const expiresAt = Number(form.expires_at);
    // Stripe's rule: between 30 minutes and 24 hours from creation.
    if (form.expires_at !== undefined && (expiresAt < nowSeconds() + 30 * 60 || expiresAt > nowSeconds() + 24 * 3600)) {
      return {
        status: 400,
        body: { error: { type: 'invalid_request_error', message: 'expires_at must be 30 minutes to 24 hours from now', param: 'expires_at' } },
      };
    }
    const total = lineItems.reduce((sum, l) => sum + Number(l.price_data.unit_amount) * Number(l.quantity), 0);
    const session = clone(fixtures.resources['checkout.session']) as Json;
    session.id = rid('cs');
    session.created = nowSeconds();
    session.expires_at = form.expires_at ? expiresAt : nowSeconds() + 24 * 3600;
    session.amount_subtotal = total;
    session.amount_total = total;
    session.currency = [...currencies][0];
    session.locale = form.locale ?? null;
    session.metadata = form.metadata ?? {};
    session.client_reference_id = form.client_reference_id ?? null;
    session.customer_email = form.customer_email ?? null;
    session.success_url = form.success_url ?? null;
    session.cancel_url = form.cancel_url ?? null;
    session.payment_status = 'unpaid';
    session.status = 'open';
    session.payment_intent = null;
    session.allowed_payment_method_types = form.allowed_payment_method_types ?? null;
    session.payment_method_types = form.allowed_payment_method_types ?? ['card'];
    session.url = `http://127.0.0.1:${port}/pay/${session.id}`;
    sessions.set(session.id, session);
    return { status: 200, body: session };
  };

  const server = createServer(async (req, res) => {
    try {
      const body = await readBody(req);
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      const path = url.pathname;
      const method = req.method ?? 'GET';
      const form = method === 'GET' ? parseStripeForm(url.search.slice(1)) : parseStripeForm(body);
      const idempotencyKey = req.headers['idempotency-key'] as string | undefined;
      requests.push({ method, path, idempotencyKey, authorization: req.headers.authorization, form });
      const pay = options.payPage && method === 'GET' ? path.match(/^\/pay\/(cs_\w+)$/) : null;
      if (pay && sessions.get(pay[1]!)?.status === 'open') {
        const session = sessions.get(pay[1]!)!;
        await completeSession(pay[1]!);
        res.writeHead(303, { location: String(session.success_url ?? '/') });
        return res.end();
      }
      if (!req.headers.authorization?.startsWith('Bearer sk_test_')) return stripeError(res, 401, 'Invalid API Key provided', 'invalid_request_error');

      const replayKey = idempotencyKey ? `${method} ${path} ${idempotencyKey}` : undefined;
      if (replayKey && idempotent.has(replayKey)) {
        const saved = idempotent.get(replayKey)!;
        res.writeHead(saved.status, { 'content-type': 'application/json', 'idempotent-replayed': 'true' });
        return res.end(saved.body);
      }
      const remember = (status: number, object: Json) => {
        // Stripe saves results (errors included, except 5xx) per key for 24 hours.
        if (replayKey && status < 500) idempotent.set(replayKey, { status, body: JSON.stringify(object) });
        send(res, object, status);
      };

      let match: RegExpMatchArray | null;
      if (method === 'POST' && path === '/v1/checkout/sessions') {
        const created = createSession(form);
        return remember(created.status, created.body);
      }
      if ((match = path.match(/^\/v1\/checkout\/sessions\/([^/]+)$/)) && method === 'GET') {
        const session = sessions.get(match[1]!);
        return session ? send(res, session) : stripeError(res, 404, 'No such checkout.session', 'invalid_request_error', 'session');
      }
      if ((match = path.match(/^\/v1\/checkout\/sessions\/([^/]+)\/expire$/)) && method === 'POST') {
        const session = sessions.get(match[1]!);
        if (!session) return stripeError(res, 404, 'No such checkout.session');
        if (session.status !== 'open') return stripeError(res, 400, `Only open sessions can be expired (status ${session.status})`);
        return send(res, expireSession(session.id));
      }
      if ((match = path.match(/^\/v1\/payment_intents\/([^/]+)$/)) && method === 'GET') {
        const pi = paymentIntents.get(match[1]!);
        return pi ? send(res, pi) : stripeError(res, 404, 'No such payment_intent');
      }
      if (method === 'GET' && path === '/v1/events') {
        const gte = form.created?.gte === undefined ? 0 : Number(form.created.gte);
        const types = form.types ? new Set(form.types as string[]) : undefined;
        let list = [...events].reverse().filter((e) => e.created >= gte && (!types || types.has(e.type)));
        if (form.starting_after) list = list.slice(list.findIndex((e) => e.id === form.starting_after) + 1);
        const limit = Math.min(Number(form.limit ?? 10), 100);
        return send(res, { object: 'list', url: '/v1/events', has_more: list.length > limit, data: list.slice(0, limit) });
      }
      if (method === 'POST' && path === '/v1/refunds') {
        const pi = paymentIntents.get(form.payment_intent);
        if (!pi) return remember(404, { error: { type: 'invalid_request_error', message: 'No such payment_intent', param: 'payment_intent' } });
        const refunded = await forward(
          'POST',
          '/v1/refunds',
          new URLSearchParams({ charge: pi.latest_charge, ...(form.amount ? { amount: form.amount } : {}) }).toString(),
          req.headers.authorization,
        );
        if (refunded.status !== 200) return remember(refunded.status, refunded.json);
        const refund = { ...clone(fixtures.resources.refund), ...refunded.json, payment_intent: pi.id, metadata: form.metadata ?? {} };
        const charge = await forward('GET', `/v1/charges/${pi.latest_charge}`, '', req.headers.authorization);
        logEvent('charge.refunded', { ...charge.json, payment_intent: pi.id });
        return remember(200, refund);
      }
      // Everything else (charges, customers, products…) is stripe-stateful-mock's.
      const forwarded = await forward(method, `${path}${url.search}`, body, req.headers.authorization);
      return send(res, forwarded.json, forwarded.status);
    } catch (error) {
      stripeError(res, 500, `Test server error: ${error instanceof Error ? error.message : String(error)}`, 'api_error');
    }
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port ?? 0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;

  function expireSession(id: string): Json {
    const session = sessions.get(id);
    if (!session) throw new Error(`No session ${id}`);
    session.status = 'expired';
    return logEvent('checkout.session.expired', session).data.object;
  }

  async function completeSession(id: string, options: { paymentStatus?: 'paid' | 'unpaid' } = {}): Promise<Json> {
    const session = sessions.get(id);
    if (!session) throw new Error(`No session ${id}`);
    const charge = await forward(
      'POST',
      '/v1/charges',
      new URLSearchParams({ amount: String(session.amount_total), currency: session.currency, source: 'tok_visa' }).toString(),
      undefined,
    );
    const pi = clone(fixtures.resources.payment_intent) as Json;
    pi.id = rid('pi');
    pi.amount = session.amount_total;
    pi.amount_received = options.paymentStatus === 'unpaid' ? 0 : session.amount_total;
    pi.currency = session.currency;
    pi.status = options.paymentStatus === 'unpaid' ? 'processing' : 'succeeded';
    pi.latest_charge = charge.json.id;
    pi.metadata = { order_id: session.metadata?.order_id };
    pi.last_payment_error = null;
    pi.canceled_at = null;
    paymentIntents.set(pi.id, pi);
    session.status = 'complete';
    session.payment_status = options.paymentStatus ?? 'paid';
    session.payment_intent = pi.id;
    return logEvent('checkout.session.completed', session);
  }

  function asyncPaymentResult(id: string, succeeded: boolean): Json {
    const session = sessions.get(id);
    if (!session) throw new Error(`No session ${id}`);
    session.payment_status = succeeded ? 'paid' : 'unpaid';
    return logEvent(succeeded ? 'checkout.session.async_payment_succeeded' : 'checkout.session.async_payment_failed', session);
  }

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    sessions,
    events,
    failNextSessionCreates(n, status = 500) {
      failures = { n, status };
    },
    completeSession,
    expireSession: (id) => {
      expireSession(id);
      return events.at(-1)!;
    },
    asyncPaymentResult,
    buildEvent,
    async close() {
      // The client keeps connections alive; close them so the servers can stop.
      server.closeAllConnections();
      mock.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => mock.close(() => resolve()));
    },
  };
}
