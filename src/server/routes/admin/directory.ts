// Staff routes for people, products and orders (F6, F9, F13): lists, one user, and renames that reach every
// session showing the name.
import type { FastifyInstance } from 'fastify';
import { IdParams, OrderListQuery, Page, ProductListQuery, RenameBody, UserListQuery } from '../../../shared/api.ts';
import { Order, Product, User } from '../../../shared/domain.ts';
import { defineRoute, type ServerDeps } from '../../http/route.ts';
import { listProducts, listUsers, renameProduct, renameUser, requireUser } from '../../store/directory.ts';
import { listOrders } from '../../store/orders.ts';

export function adminDirectoryRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const route = <P, Q, B, R>(spec: Parameters<typeof defineRoute<P, Q, B, R>>[2]) => defineRoute(app, deps, spec);

  route({
    method: 'GET',
    path: '/admin/users',
    summary: 'Customers and sellers, by name',
    auth: 'staff',
    permission: 'sessions.read',
    query: UserListQuery,
    response: Page(User),
    handler: ({ query, db }) => listUsers(db, query),
  });
  route({
    method: 'GET',
    path: '/admin/users/:id',
    summary: 'One customer or seller',
    auth: 'staff',
    permission: 'sessions.read',
    params: IdParams,
    response: User,
    handler: ({ params, db }) => requireUser(db, params.id),
  });
  route({
    method: 'PATCH',
    path: '/admin/users/:id',
    summary: 'Rename a customer or seller; their sessions show the new name',
    auth: 'staff',
    permission: 'sessions.write',
    params: IdParams,
    body: RenameBody,
    response: User,
    handler: ({ params, body, write }) => renameUser(write, params.id, body.name),
  });
  route({
    method: 'GET',
    path: '/admin/products',
    summary: 'Products, by name',
    auth: 'staff',
    permission: 'sessions.read',
    query: ProductListQuery,
    response: Page(Product),
    handler: ({ query, db }) => listProducts(db, query),
  });
  route({
    method: 'PATCH',
    path: '/admin/products/:id',
    summary: 'Rename a product; its sessions show the new name',
    auth: 'staff',
    permission: 'sessions.write',
    params: IdParams,
    body: RenameBody,
    response: Product,
    handler: ({ params, body, write }) => renameProduct(write, params.id, body.name),
  });
  route({
    method: 'GET',
    path: '/admin/orders',
    summary: 'Orders, newest first; by customer and/or product (F13)',
    auth: 'staff',
    permission: 'sessions.read',
    query: OrderListQuery,
    response: Page(Order),
    handler: ({ query, db }) => listOrders(db, query),
  });
}
