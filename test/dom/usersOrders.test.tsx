import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useNavigation } from '../../src/renderer/src/app/navigation.ts';
import { OrdersPage } from '../../src/renderer/src/features/orders/index.ts';
import { UsersPage } from '../../src/renderer/src/features/users/index.ts';
import { createFakeBridge, order, refused, renderWithBridge } from './fakeBridge.tsx';

const CUSTOMER_ID = '33333333-3333-4333-8333-333333333333';
const SELLER_ID = '44444444-4444-4444-8444-444444444444';
const PRODUCT_ID = '55555555-5555-4555-8555-555555555555';

beforeEach(() => useNavigation.setState({ route: { name: 'users' }, selectedSessionId: null }));

describe('users section (F13) on a fake bridge', () => {
  function usersBridge() {
    const bridge = createFakeBridge();
    const users = [
      {
        id: CUSTOMER_ID,
        name: 'Salma Customer',
        email: 'salma@demo',
        role: 'customer' as const,
        createdAt: new Date().toISOString(),
        sessionsCount: 3,
      },
      {
        id: SELLER_ID,
        name: 'Omar Seller',
        email: 'omar@demo',
        role: 'seller' as const,
        createdAt: new Date().toISOString(),
        sessionsCount: 5,
      },
    ];
    bridge.handle('users.list', (input) => {
      const items = users.filter(
        (u) =>
          (!input.role || u.role === input.role) &&
          (!input.search || u.name.toLowerCase().includes(input.search.toLowerCase())),
      );
      return { items, total: items.length };
    });
    return bridge;
  }

  it('searches, filters by role and opens a user’s sessions with a filter', async () => {
    const bridge = usersBridge();
    renderWithBridge(bridge, <UsersPage />);
    await waitFor(() => expect(screen.getAllByTestId('user-row')).toHaveLength(2));
    fireEvent.change(screen.getByLabelText('Search by name or e-mail'), { target: { value: 'omar' } });
    await waitFor(() => expect(screen.getAllByTestId('user-row')).toHaveLength(1), { timeout: 2000 });
    expect(bridge.callsOf('users.list').at(-1)).toMatchObject({ search: 'omar', offset: 0 });
    fireEvent.click(screen.getByRole('button', { name: 'Sessions (5)' }));
    expect(useNavigation.getState().route).toEqual({ name: 'sessions', filter: { sellerId: SELLER_ID } });
  });

  it('opens a customer’s sessions and orders; shows a refusal', async () => {
    const bridge = usersBridge();
    renderWithBridge(bridge, <UsersPage />);
    fireEvent.click(await screen.findByRole('radio', { name: 'Customers' }));
    await waitFor(() => expect(bridge.callsOf('users.list').at(-1)).toMatchObject({ role: 'customer' }));
    await waitFor(() => expect(screen.getAllByTestId('user-row')).toHaveLength(1));
    const row = screen.getByTestId('user-row');
    fireEvent.click(within(row).getByRole('button', { name: 'Sessions (3)' }));
    expect(useNavigation.getState().route).toEqual({ name: 'sessions', filter: { customerId: CUSTOMER_ID } });
    fireEvent.click(within(row).getByRole('button', { name: 'Orders' }));
    expect(useNavigation.getState().route).toEqual({ name: 'orders', customerId: CUSTOMER_ID });

    bridge.handle('users.list', () => refused('offline', 'The backend cannot be reached'));
    fireEvent.click(screen.getByRole('radio', { name: 'Sellers' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The backend cannot be reached');
  });
});

describe('orders section (F13) on a fake bridge', () => {
  it('lists orders of the customer named by the route and leads to their conversation', async () => {
    const bridge = createFakeBridge();
    bridge.handle('orders.list', () => ({
      items: [{ ...order(), customerName: 'Salma Customer', productName: 'Espresso machine' }],
      total: 1,
    }));
    useNavigation.setState({ route: { name: 'orders', customerId: CUSTOMER_ID } });
    renderWithBridge(bridge, <OrdersPage />);
    const row = await screen.findByTestId('order-row');
    expect(row.textContent).toContain('Espresso machine');
    expect(row.textContent).toContain('Paid');
    expect(row.textContent).toContain('$199.50');
    expect(bridge.callsOf('orders.list')[0]).toMatchObject({ customerId: CUSTOMER_ID, search: '' });
    fireEvent.click(within(row).getByRole('button', { name: 'Conversations' }));
    expect(useNavigation.getState().route).toEqual({
      name: 'sessions',
      filter: { customerId: CUSTOMER_ID, productId: PRODUCT_ID },
    });
  });
});
