// The rule for a chat session's parties (src/shared/parties.ts), which the backend and the desk cache both apply
// to what they looked up: every wrong field named, in the order not found → same person → wrong role.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors.ts';
import {
  checkParties,
  type FoundProduct,
  type FoundUser,
  type PartiesInput,
  partiesSellerId,
} from '../../../src/shared/parties.ts';

const person = (name: string, role: string): FoundUser => ({ id: randomUUID(), name, role });
const customer = person('Emma Smith', 'customer');
const seller = person('Store One', 'seller');
const otherSeller = person('Store Two', 'seller');
const product: FoundProduct = { id: randomUUID(), name: 'Phone case', sellerId: seller.id };

/** The AppError checkParties throws, as code and fields. */
function refusal(
  input: PartiesInput,
  found: Parameters<typeof checkParties>[1],
): { code: string; fields: Record<string, string> | undefined } {
  try {
    checkParties(input, found);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    return { code: e.code, fields: e.fields };
  }
  throw new Error('expected a refusal');
}

describe('partiesSellerId', () => {
  it('is the seller named, else the product’s own, else unknown', () => {
    expect(partiesSellerId({ productId: product.id, customerId: customer.id, sellerId: otherSeller.id }, product)).toBe(
      otherSeller.id,
    );
    expect(partiesSellerId({ productId: product.id, customerId: customer.id }, product)).toBe(seller.id);
    expect(partiesSellerId({ productId: randomUUID(), customerId: customer.id }, undefined)).toBeUndefined();
  });
});

describe('checkParties', () => {
  it('gives the three parties as names when they fit, the product’s seller by default', () => {
    const input = { productId: product.id, customerId: customer.id };
    expect(checkParties(input, { product, customer, seller })).toEqual({
      product: { id: product.id, name: 'Phone case' },
      customer: { id: customer.id, name: 'Emma Smith' },
      seller: { id: seller.id, name: 'Store One' },
    });
    // Another seller than the product's own may be named.
    const other = checkParties({ ...input, sellerId: otherSeller.id }, { product, customer, seller: otherSeller });
    expect(other.seller).toEqual({ id: otherSeller.id, name: 'Store Two' });
  });

  it('names every unknown party, and the seller only when one was named', () => {
    const input = { productId: randomUUID(), customerId: randomUUID(), sellerId: randomUUID() };
    expect(refusal(input, { product: undefined, customer: undefined, seller: undefined })).toEqual({
      code: 'not_found',
      fields: { productId: 'no such product', customerId: 'no such customer', sellerId: 'no such seller' },
    });
    // No seller named and the product unknown: the seller is not the mistake (the desk used to name it too).
    expect(
      refusal(
        { productId: input.productId, customerId: customer.id },
        { product: undefined, customer, seller: undefined },
      ),
    ).toEqual({ code: 'not_found', fields: { productId: 'no such product' } });
    expect(
      refusal({ ...input, productId: product.id, customerId: customer.id }, { product, customer, seller: undefined }),
    ).toEqual({ code: 'not_found', fields: { sellerId: 'no such seller' } });
  });

  it('names the product when its own seller is unknown (the backend used to say the product did not exist)', () => {
    expect(
      refusal({ productId: product.id, customerId: customer.id }, { product, customer, seller: undefined }),
    ).toEqual({ code: 'not_found', fields: { productId: "the product's seller is unknown" } });
  });

  it('refuses a customer who is also the seller before looking at roles', () => {
    const both = person('Both', 'seller');
    expect(
      refusal(
        { productId: product.id, customerId: both.id, sellerId: both.id },
        { product, customer: both, seller: both },
      ),
    ).toEqual({ code: 'conflict', fields: { sellerId: 'must differ from the customer' } });
  });

  it('names each party whose role does not fit its field', () => {
    const input = { productId: product.id, customerId: otherSeller.id, sellerId: customer.id };
    expect(refusal(input, { product, customer: otherSeller, seller: customer })).toEqual({
      code: 'bad_request',
      fields: { customerId: 'is not a customer', sellerId: 'is not a seller' },
    });
    const staff = person('Admin', 'admin');
    expect(
      refusal(
        { productId: product.id, customerId: customer.id, sellerId: staff.id },
        { product, customer, seller: staff },
      ),
    ).toEqual({ code: 'bad_request', fields: { sellerId: 'is not a seller' } });
  });
});
