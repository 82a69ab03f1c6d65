import './strings.ts';

export { StaffPage } from './StaffPage.tsx';
