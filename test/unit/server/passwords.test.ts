// Password hashing (auth.ts) and the redaction of secrets in logged URLs (http/redact.ts).
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { checkPassword, DEFAULT_PASSWORD_COST, hashPassword } from '../../../src/server/auth.ts';
import { isSecretParam, redactUrl } from '../../../src/server/http/redact.ts';
import { throttleAddress, trustProxyFromEnv } from '../../../src/server/loginThrottle.ts';

describe('password hashes', () => {
  it('uses scrypt at N = 2^17 by default (memory limit raised to fit)', async () => {
    expect(DEFAULT_PASSWORD_COST).toBe(17);
    const hash = await hashPassword('correct horse');
    expect(hash.startsWith('scrypt$131072$8$1$')).toBe(true);
  });

  it('checks an older N = 2^14 hash and says it is outdated only when the password is right', async () => {
    const old = await hashPassword('pw', 14);
    expect(old.startsWith('scrypt$16384$')).toBe(true);
    expect(await checkPassword('pw', old, 17)).toEqual({ ok: true, outdated: true });
    expect(await checkPassword('nope', old, 17)).toEqual({ ok: false, outdated: false });
    expect(await checkPassword('pw', old, 14)).toEqual({ ok: true, outdated: false });
  });

  it('refuses missing, malformed and absurd hashes (still running a check) without throwing', async () => {
    for (const stored of [null, undefined, '', 'plain', 'scrypt$3$8$1$AA==$AA==', `scrypt$${2 ** 24}$8$1$AA==$AA==`]) {
      expect(await checkPassword('pw', stored, 4)).toEqual({ ok: false, outdated: false });
    }
  });
});

describe('URL redaction for logs', () => {
  it('redacts every spelling and encoding of a token-like parameter, keeping the rest', () => {
    expect(redactUrl('/api/v1/admin/events?after=3&token=abc')).toBe('/api/v1/admin/events?after=3&token=[redacted]');
    expect(redactUrl('/x?%74oken=abc&after=1')).toBe('/x?%74oken=[redacted]&after=1');
    expect(redactUrl('/x?TOKEN=abc')).toBe('/x?TOKEN=[redacted]');
    expect(redactUrl('/x?%2574oken=abc')).toBe('/x?%2574oken=[redacted]');
    expect(redactUrl('/x?access_token=a&secret=b&Password=c&%ZZ=d')).toBe(
      '/x?access_token=[redacted]&secret=[redacted]&Password=[redacted]&%ZZ=d',
    );
    expect(redactUrl('/x?to%00ken=abc')).toBe('/x?to%00ken=[redacted]');
    expect(redactUrl('/x?search=token')).toBe('/x?search=token');
    expect(redactUrl('/no-query')).toBe('/no-query');
    expect(isSecretParam('sessionId')).toBe(false);
  });
});

describe('CHATDESK_TRUST_PROXY', () => {
  it('trusts no proxy unless told, then only the listed addresses; "trust every hop" is refused', () => {
    expect(trustProxyFromEnv(undefined)).toBeUndefined();
    expect(trustProxyFromEnv('')).toBeUndefined();
    expect(trustProxyFromEnv('0')).toBeUndefined();
    expect(() => trustProxyFromEnv('true')).toThrow("must list the proxies' addresses");
    expect(() => trustProxyFromEnv('1')).toThrow("must list the proxies' addresses");
    expect(trustProxyFromEnv(' 10.0.0.0/8, 192.168.1.5 ')).toEqual(['10.0.0.0/8', '192.168.1.5']);
  });
});

describe('the address a sign-in throttle counts by', () => {
  it('is an IPv4 address as it is, and an IPv6 address by its /64 network', () => {
    expect(throttleAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(throttleAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(throttleAddress('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(throttleAddress('2001:DB8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(throttleAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(throttleAddress('::1')).toBe('0:0:0:0::/64');
    expect(throttleAddress('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });
});

describe('the caller address behind trusted proxies (Fastify trustProxy as CHATDESK_TRUST_PROXY sets it)', () => {
  async function callerAddress(trusted: string[] | undefined, from: string, forwardedFor: string): Promise<string> {
    const app = Fastify(trusted ? { trustProxy: trusted } : {});
    app.get('/ip', async (request) => request.ip);
    const reply = await app.inject({
      method: 'GET',
      url: '/ip',
      remoteAddress: from,
      headers: { 'x-forwarded-for': forwardedFor },
    });
    await app.close();
    return reply.body;
  }

  it('a caller not among the listed proxies cannot choose its address with X-Forwarded-For', async () => {
    expect(await callerAddress(trustProxyFromEnv('10.0.0.5'), '198.51.100.7', '203.0.113.1')).toBe('198.51.100.7');
    expect(await callerAddress(undefined, '198.51.100.7', '203.0.113.1')).toBe('198.51.100.7');
  });

  it('through a listed proxy, the caller is the address that proxy saw, not one the caller wrote before it', async () => {
    const trusted = trustProxyFromEnv('10.0.0.0/8');
    expect(await callerAddress(trusted, '10.0.0.5', '203.0.113.1')).toBe('203.0.113.1');
    // A spoofed entry the caller wrote sits left of what the balancer appended: the balancer's entry counts.
    expect(await callerAddress(trusted, '10.0.0.5', '1.1.1.1, 203.0.113.1')).toBe('203.0.113.1');
  });
});
