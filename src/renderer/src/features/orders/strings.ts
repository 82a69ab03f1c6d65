// Strings of the Orders section (F13).
import { registerStrings } from '../../i18n/index.ts';

export const NS = 'orders';

const en = {
  title: 'Orders',
  intro: 'Orders of the marketplace; each one leads to the conversation about the same product and customer.',
  search: 'Search by product or customer',
  product: 'Product',
  customer: 'Customer',
  status: 'Status',
  quantity: 'Qty',
  total: 'Total',
  date: 'Ordered',
  actions: 'Actions',
  conversations: 'Conversations',
  filteredByCustomer: 'One customer',
  filteredByProduct: 'One product',
  clearFilter: 'Show all orders',
  none: 'No orders match',
  count: '{{count}} orders',
  failed: 'Could not load the orders: {{message}}',
};

const ar: typeof en = {
  title: 'الطلبات',
  intro: 'طلبات السوق؛ يقود كل طلب إلى المحادثة حول المنتج نفسه والعميل نفسه.',
  search: 'البحث بالمنتج أو العميل',
  product: 'المنتج',
  customer: 'العميل',
  status: 'الحالة',
  quantity: 'الكمية',
  total: 'الإجمالي',
  date: 'تاريخ الطلب',
  actions: 'الإجراءات',
  conversations: 'المحادثات',
  filteredByCustomer: 'عميل واحد',
  filteredByProduct: 'منتج واحد',
  clearFilter: 'عرض كل الطلبات',
  none: 'لا توجد طلبات مطابقة',
  count: 'عدد الطلبات: {{count}}',
  failed: 'تعذّر تحميل الطلبات: {{message}}',
};

registerStrings(NS, { en, ar });
