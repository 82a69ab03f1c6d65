// B9: the moderation rules in the desk. The feed says only that they changed (their revision): it reaches every staff
// member, and agents may not read the blocked words and allowed domains. A desk whose role reads them
// (moderation.read) fetches them from the backend and keeps them in its cache for the rules editor offline; any other
// role keeps none.
import { ModerationRules } from '../../shared/api.ts';
import type { Permission } from '../../shared/domain.ts';
import type { Cache } from './cache/cacheClient.ts';
import type { BackendClient } from './client.ts';

/** Who signed in (the account's record): only its permissions matter here. */
type Reader = { readonly permissions: readonly Permission[] };

export const mayReadRules = (record: Reader): boolean => record.permissions.includes('moderation.read');

/** The rules as the backend has them now, kept in the cache; null (and nothing kept) for a role that may not read them. */
export async function fetchRules(record: Reader, client: BackendClient, cache: Cache): Promise<ModerationRules | null> {
  if (!mayReadRules(record)) {
    await cache.call('forgetRules');
    return null;
  }
  const { data } = await client.request('GET', '/admin/moderation/rules', { schema: ModerationRules });
  await cache.call('putRules', data);
  return data;
}
