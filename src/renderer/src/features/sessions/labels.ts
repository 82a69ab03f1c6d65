// The name of a customer, seller or product known only by id (a saved view, a link from the Users section), for the
// filter dropdown to show: a product from the cache, a person from one of their sessions.
import { callBridge } from '../../bridge/bridgeHooks.ts';
import type { PartyKind } from './sessionsStore.ts';

export async function resolvePartyLabel(kind: PartyKind, id: string): Promise<string | null> {
  try {
    if (kind === 'product') return (await callBridge('products.get', { id })).name;
    const filter = kind === 'customer' ? { customerId: id } : { sellerId: id };
    const page = await callBridge('sessions.page', { filter, limit: 1 });
    const row = page.rows[0];
    if (!row) return null;
    return kind === 'customer' ? row.customer.name : row.seller.name;
  } catch {
    return null;
  }
}
