import { validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../helpers/app';

interface OpenApi {
  openapi: string;
  paths: Record<
    string,
    Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>
  >;
}
interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  format?: string;
  minLength?: number;
  minimum?: number;
  anyOf?: JsonSchema[];
  exclusiveMinimum?: number;
  enum?: unknown[];
  items?: JsonSchema;
  minItems?: number;
}

/** A concrete URL for a documented path: path parameters get a valid-looking id. */
const urlOf = (path: string) => path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');

/** A value that satisfies a (simple) JSON schema: every required property, the smallest valid size. */
function sampleFor(schema: JsonSchema): unknown {
  if (schema.enum?.length) return schema.enum[0];
  if (schema.anyOf?.[0]) return sampleFor(schema.anyOf[0]);
  if (schema.type === 'object') {
    return Object.fromEntries(
      (schema.required ?? []).map((k) => [k, sampleFor(schema.properties?.[k] ?? {})]),
    );
  }
  if (schema.type === 'array')
    return Array.from({ length: schema.minItems ?? 0 }, () => sampleFor(schema.items ?? {}));
  if (schema.type === 'number' || schema.type === 'integer') {
    return schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : (schema.minimum ?? 0);
  }
  if (schema.type === 'boolean') return false;
  if (schema.format === 'email') return 'sample@example.test';
  return 'x'.repeat(Math.max(schema.minLength ?? 1, 12));
}

function expectErrorShape(res: { statusCode: number; json(): unknown }, status: number | [number, number]) {
  if (Array.isArray(status)) {
    expect(res.statusCode).toBeGreaterThanOrEqual(status[0]);
    expect(res.statusCode).toBeLessThanOrEqual(status[1]);
  } else {
    expect(res.statusCode).toBe(status);
  }
  const body = res.json() as { error: { code: unknown; message: unknown; path: unknown } };
  expect(typeof body.error.code).toBe('string');
  expect(typeof body.error.message).toBe('string');
  expect((body.error.message as string).length).toBeGreaterThan(10);
  expect(body.error.path === null || typeof body.error.path === 'string').toBe(true);
  return body.error;
}

/** A value of the wrong JSON type for a schema. */
function wrongTypeFor(schema: JsonSchema | undefined): unknown {
  const wrong: Record<string, unknown> = {
    string: 12345,
    number: 'not a number',
    integer: 'not a number',
    boolean: 'yes',
    array: { not: 'an array' },
  };
  return schema?.type && schema.type in wrong ? wrong[schema.type] : 'not an object';
}

describe('API conventions', () => {
  const t = useTestApp();

  async function openapi(): Promise<OpenApi> {
    const res = await t.ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    return res.json<OpenApi>();
  }

  /** Every JSON-body route in the API, from the OpenAPI document. */
  async function bodyRoutes() {
    const doc = await openapi();
    const out: { method: string; path: string; schema: JsonSchema }[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const schema = op.requestBody?.content?.['application/json']?.schema;
        if (schema) out.push({ method: method.toUpperCase(), path, schema });
      }
    }
    return out;
  }

  it('reports its health and which database it runs on', async () => {
    const res = await t.ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok', database: t.dialect });
  });

  it('publishes a valid OpenAPI 3 document', async () => {
    const doc = await openapi();
    expect(doc.openapi).toMatch(/^3\./);
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, JSON.stringify(result)).toBe(true);
  });

  it('lists every API route in the OpenAPI document', async () => {
    const doc = await openapi();
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)),
    );
    const routes = t.ctx.app.routeList
      .filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD' && !r.hidden)
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
    expect(routes.length).toBeGreaterThan(8);
    for (const r of routes) expect(documented, `${String(r)} is missing from /api/openapi.json`).toContain(r);
  });

  it('answers malformed JSON on every route with a 400 and the error shape', async () => {
    for (const r of await bodyRoutes()) {
      const res = await t.ctx.app.inject({
        method: r.method as 'POST',
        url: urlOf(r.path),
        headers: { 'content-type': 'application/json' },
        payload: '{"email": "broken',
      });
      expect(expectErrorShape(res, 400).code, `${r.method} ${r.path}`).toBe('invalid_json');
    }
  });

  it('answers a missing required field on every route with a 400 naming that field', async () => {
    for (const r of await bodyRoutes()) {
      for (const field of r.schema.required ?? []) {
        const body = sampleFor(r.schema) as Record<string, unknown>;
        delete body[field];
        const res = await t.ctx.app.inject({ method: r.method as 'POST', url: urlOf(r.path), payload: body });
        const err = expectErrorShape(res, 400);
        expect(err.code, `${r.method} ${r.path} without ${field}`).toBe('validation_failed');
        expect(err.path, `${r.method} ${r.path} without ${field}`).toBe(field);
      }
    }
  });

  it('answers a wrong type in every field of every route with a 400 naming that field', async () => {
    for (const r of await bodyRoutes()) {
      for (const [field, schema] of Object.entries(r.schema.properties ?? {})) {
        const res = await t.ctx.app.inject({
          method: r.method as 'POST',
          url: urlOf(r.path),
          payload: { [field]: wrongTypeFor(schema) },
        });
        const err = expectErrorShape(res, 400);
        expect(err.code, `${r.method} ${r.path} ${field}`).toBe('validation_failed');
        // Either this field is named, or (when it is fine as a type) another required field is.
        expect(err.path, `${r.method} ${r.path} ${field}`).not.toBeNull();
      }
    }
  });

  it('answers an unknown field with a 400 naming it', async () => {
    const res = await t.ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'a@example.test', password: 'x', admin: true },
    });
    expect(expectErrorShape(res, 400).path).toBe('admin');
  });

  it('answers an oversized body on every route with a 413', async () => {
    const big = JSON.stringify({ email: 'a@example.test', padding: 'x'.repeat(300 * 1024) });
    for (const r of await bodyRoutes()) {
      const res = await t.ctx.app.inject({
        method: r.method as 'POST',
        url: urlOf(r.path),
        headers: { 'content-type': 'application/json' },
        payload: big,
      });
      expect(expectErrorShape(res, 413).code, `${r.method} ${r.path}`).toBe('body_too_large');
    }
  });

  it('answers a body that is not JSON with a 415', async () => {
    const res = await t.ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'email=a',
    });
    expectErrorShape(res, 415);
  });

  it('answers an unknown API path with a 404 in the error shape', async () => {
    expectErrorShape(await t.ctx.app.inject({ method: 'GET', url: '/api/nothing-here' }), 404);
  });

  it('serves an HTML 404 page for unknown pages', async () => {
    const res = await t.ctx.app.inject({ method: 'GET', url: '/no-such-page' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('We could not find that page');
  });

  it('refuses a state-changing request from another website', async () => {
    const res = await t.ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'https://evil.example' },
      payload: { email: 'a@example.test', password: 'whatever password' },
    });
    expect(expectErrorShape(res, 403).code).toBe('cross_site_request');
    const sameSite = await t.ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { origin: 'http://localhost:80', host: 'localhost:80' },
      payload: { email: 'a@example.test', password: 'whatever password' },
    });
    expect(sameSite.statusCode).toBe(401);
  });

  it('sends a strict Content-Security-Policy and other security headers', async () => {
    await t.makeClinic();
    const res = await t.ctx.app.inject({ method: 'GET', url: '/' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBeDefined();
  });
});

describe('rate limits', () => {
  const t = useTestApp({ AUTH_RATE_LIMIT_PER_MINUTE: '5' });

  it('refuses the sixth login attempt in a minute from one address with a 429', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await t.ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: '10.9.8.7',
        payload: { email: `nobody${i}@example.test`, password: 'some password' },
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 5).every((c) => c === 401)).toBe(true);
    expect(codes[5]).toBe(429);
  });
});
