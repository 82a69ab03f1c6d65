// The conversation views the frame routes to: the pane beside the sessions table (D3), the preview of F7 and the
// session's message page (F10).
import './strings.ts';

export { ConversationPane } from './ConversationPane.tsx';
export { ConversationPreviewModal } from './ConversationPreviewModal.tsx';
export { SessionMessagesPage } from './SessionMessagesPage.tsx';
