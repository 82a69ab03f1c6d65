// The desk's change-feed URL never carries its token (it travels in the Authorization header; sync.ts).
import { describe, expect, it } from 'vitest';
import { BackendClient } from '../../../src/main/core/client.ts';
import { isSecretParam } from '../../../src/server/http/redact.ts';

describe('BackendClient.feedUrl', () => {
  it('names the cursor only, for http and https backends, with a token set', () => {
    for (const backendUrl of ['http://127.0.0.1:4000', 'https://desk.example.com/api/v1/']) {
      const client = new BackendClient({ backendUrl, token: 'secret-token-value' });
      const url = new URL(client.feedUrl(42));
      expect(url.protocol).toBe(backendUrl.startsWith('https') ? 'wss:' : 'ws:');
      expect(url.pathname).toBe('/api/v1/admin/events');
      expect([...url.searchParams.keys()]).toEqual(['after']);
      expect(url.searchParams.get('after')).toBe('42');
      expect(url.toString()).not.toContain('secret-token-value');
      expect([...url.searchParams.keys()].some((k) => isSecretParam(k))).toBe(false);
    }
  });
});
