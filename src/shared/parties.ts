// F7, F9: whether a chat session's three parties fit together — the product, customer and seller exist, the seller
// is the product's own unless one is named, the customer and the seller are different people, and each has the role
// of its field. The backend (src/server/store/sessions.ts) and the desk cache (src/main/core/cache/lookups.ts) each
// look the parties up in their own database and judge them here, so what the desk accepts offline the backend
// accepts too, with the same error on the same field.
import { AppError } from './errors.ts';

export interface PartiesInput {
  productId: string;
  customerId: string;
  /** Absent: the product's seller. */
  sellerId?: string | undefined;
}

export interface FoundProduct {
  id: string;
  name: string;
  sellerId: string;
}

export interface FoundUser {
  id: string;
  name: string;
  role: string;
}

export interface Parties {
  product: { id: string; name: string };
  customer: { id: string; name: string };
  seller: { id: string; name: string };
}

/** The seller to look up: the one named, else the product's (undefined while the product is unknown). */
export function partiesSellerId(input: PartiesInput, product: FoundProduct | undefined): string | undefined {
  return input.sellerId ?? product?.sellerId;
}

/**
 * Judges the parties found for `input` (undefined: not found). Throws an AppError naming every wrong field: first
 * the unknown ones (not_found), then a customer equal to the seller (conflict), then wrong roles (bad_request).
 * An unknown seller is named on `sellerId` only when the seller was named; a product whose own seller is unknown is
 * named on `productId`.
 */
export function checkParties(
  input: PartiesInput,
  found: { product: FoundProduct | undefined; customer: FoundUser | undefined; seller: FoundUser | undefined },
): Parties {
  const { product, customer, seller } = found;
  const notFound: Record<string, string> = {};
  if (!product) notFound.productId = 'no such product';
  if (!customer) notFound.customerId = 'no such customer';
  if (!seller && input.sellerId) notFound.sellerId = 'no such seller';
  else if (!seller && product) notFound.productId = "the product's seller is unknown";
  const [first] = Object.keys(notFound);
  if (first || !product || !customer || !seller) {
    throw new AppError('not_found', `Unknown ${first ?? 'productId'}`, notFound);
  }
  if (customer.id === seller.id) {
    throw new AppError('conflict', 'The customer and the seller must be different people', {
      sellerId: 'must differ from the customer',
    });
  }
  const wrongRole: Record<string, string> = {};
  if (customer.role !== 'customer') wrongRole.customerId = 'is not a customer';
  if (seller.role !== 'seller') wrongRole.sellerId = 'is not a seller';
  const [wrong] = Object.entries(wrongRole);
  if (wrong) throw new AppError('bad_request', `Wrong participant: ${wrong.join(' ')}`, wrongRole);
  return {
    product: { id: product.id, name: product.name },
    customer: { id: customer.id, name: customer.name },
    seller: { id: seller.id, name: seller.name },
  };
}
