import './strings.ts';

export { AuditPage } from './AuditPage.tsx';
