import './strings.ts';

export { OrdersPage } from './OrdersPage.tsx';
