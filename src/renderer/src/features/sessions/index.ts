// The sessions screen (F2–F9): the AG Grid table with search, filters, row and bulk actions, create and edit forms.
import './strings.ts';

export { SessionsPage } from './SessionsPage.tsx';
