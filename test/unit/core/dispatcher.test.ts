import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src/main/core/dispatcher.ts';

describe('bridge dispatcher', () => {
  const dispatcher = createDispatcher({
    'sessions.get': ({ id }) => {
      throw new Error(`boom ${id}`);
    },
    'notifications.setPaused': ({ paused }) => ({ paused }),
  });

  it('refuses an unknown call by name', async () => {
    const result = await dispatcher.dispatch('fs.readFile', {});
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'bad_request',
        message: 'Unknown bridge call: fs.readFile',
        fields: { name: 'is not a bridge call' },
      },
    });
  });

  it('validates input against the contract and names the field', async () => {
    const result = await dispatcher.dispatch('notifications.setPaused', { paused: 'yes' });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('bad_request');
      expect(result.error.fields).toHaveProperty('paused');
    }
  });

  it('answers a valid call', async () => {
    expect(await dispatcher.dispatch('notifications.setPaused', { paused: true })).toEqual({
      ok: true,
      value: { paused: true },
    });
  });

  it('turns a handler failure into an error result', async () => {
    const result = await dispatcher.dispatch('sessions.get', { id: '0b9f6c1e-8f2a-4c55-9d7e-1a2b3c4d5e6f' });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('refuses bad input the same way whether or not this side answers the call, and takes plain data only', async () => {
    expect(await dispatcher.dispatch('settings.get', { extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', fields: { extra: 'is not a known field' } },
    });
    // A Date passes an object schema as {} (IPC carries Dates); a key named like Object.prototype's passes zod's check.
    const id = '0b9f6c1e-8f2a-4c55-9d7e-1a2b3c4d5e6f';
    expect(await dispatcher.dispatch('sessions.update', { id, patch: new Date(0) })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', fields: { patch: 'must be plain data (a JSON object, array or value)' } },
    });
    expect(await dispatcher.dispatch('notifications.setPaused', { paused: true, toString: 1 })).toMatchObject({
      ok: false,
      error: { code: 'bad_request', fields: { toString: 'is not an accepted field name' } },
    });
  });

  it('says when a call has no handler here', async () => {
    const result = await dispatcher.dispatch('settings.get', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'not_implemented' } });
  });
});
