import { describe, expect, it } from 'vitest';
import { ISOLATION_HEADERS, withIsolationHeaders } from './isolation';

describe('withIsolationHeaders', () => {
  it('adds COOP/COEP/CORP and keeps status, body and other headers', async () => {
    const original = new Response('<!doctype html>', { status: 200, statusText: 'OK', headers: { 'Content-Type': 'text/html' } });
    const isolated = withIsolationHeaders(original);
    for (const [name, value] of Object.entries(ISOLATION_HEADERS)) expect(isolated.headers.get(name)).toBe(value);
    expect(isolated.headers.get('Content-Type')).toBe('text/html');
    expect(isolated.status).toBe(200);
    expect(await isolated.text()).toBe('<!doctype html>');
  });

  it('returns a response that already has the headers as it is', () => {
    const original = new Response('x', { headers: ISOLATION_HEADERS });
    expect(withIsolationHeaders(original)).toBe(original);
  });

  it('leaves error responses alone', () => {
    const error = Response.error();
    expect(withIsolationHeaders(error)).toBe(error);
  });
});
