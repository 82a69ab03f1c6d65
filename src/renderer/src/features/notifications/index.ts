export { titleFor } from './titleBadge.ts';
export { openSession, useWebNotifications } from './useWebNotifications.ts';
