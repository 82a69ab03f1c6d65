import './strings.ts';

export { AuditNavLink, AuditPage } from './AuditPage.tsx';
