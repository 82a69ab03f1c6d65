import './strings.ts';

export { MessageSearchNavLink, MessageSearchPage } from './MessageSearchPage.tsx';
