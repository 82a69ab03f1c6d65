// Canned replies' management (B10), shown under Settings.
export { CannedRepliesSection } from './CannedRepliesSection.tsx';
