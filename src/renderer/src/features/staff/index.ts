import './strings.ts';

export { StaffNavLink, StaffPage } from './StaffPage.tsx';
