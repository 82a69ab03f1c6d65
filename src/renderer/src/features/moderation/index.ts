import './strings.ts';

export { ModerationPage } from './ModerationPage.tsx';
