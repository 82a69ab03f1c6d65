import './strings.ts';

export { UsersPage } from './UsersPage.tsx';
