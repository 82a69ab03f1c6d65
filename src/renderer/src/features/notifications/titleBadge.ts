// The unread total where a browser tab can show it: the page title "(N) Chat Desk" and a favicon with a count badge.
export const BASE_TITLE = 'Chat Desk';

export function titleFor(unread: number, base = BASE_TITLE): string {
  return unread > 0 ? `(${unread > 999 ? '999+' : unread}) ${base}` : base;
}

export function badgeText(unread: number): string {
  return unread > 99 ? '99+' : String(unread);
}

const FAVICON_ID = 'chatdesk-favicon';

/** Draws the app's mark (a chat bubble) with a red count badge; null where the page has no 2D canvas. */
export function drawFavicon(unread: number): string | null {
  const canvas = document.createElement('canvas');
  canvas.width = 64;
  canvas.height = 64;
  const g = canvas.getContext?.('2d');
  if (!g) return null;
  g.fillStyle = '#228be6';
  g.beginPath();
  g.roundRect(4, 8, 48, 36, 10);
  g.fill();
  g.beginPath();
  g.moveTo(14, 40);
  g.lineTo(12, 56);
  g.lineTo(28, 42);
  g.fill();
  if (unread > 0) {
    const text = badgeText(unread);
    g.fillStyle = '#fa5252';
    g.beginPath();
    g.arc(44, 22, 20, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#ffffff';
    g.font = `bold ${text.length > 2 ? 18 : text.length > 1 ? 22 : 28}px sans-serif`;
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.fillText(text, 44, 23);
  }
  try {
    return canvas.toDataURL('image/png');
  } catch {
    return null;
  }
}

/**
 * Shows the unread total in the title and the favicon (a link of its own, after the page's static icon in index.html,
 * so it is the one the browser shows); `data-unread` on the link lets tests read it.
 */
export function showUnread(unread: number): void {
  document.title = titleFor(unread);
  let link = document.getElementById(FAVICON_ID) as HTMLLinkElement | null;
  if (!link) {
    link = document.createElement('link');
    link.id = FAVICON_ID;
    link.rel = 'icon';
    link.type = 'image/png';
    document.head.appendChild(link);
  }
  link.dataset.unread = String(unread);
  const url = drawFavicon(unread);
  if (url) link.href = url;
}
