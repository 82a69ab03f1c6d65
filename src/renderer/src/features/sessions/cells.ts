// The cells of the session table (F3): product cut to 30 characters with the full name on hover, the counters as
// badges, the last message as a relative time that keeps itself current, the exact dates in the user's locale, the
// row's actions button. Plain DOM renderers (AG Grid's own component kind), not React components: a screen of rows
// holds a hundred and more of them, and each search or filter replaces them, so they must cost next to nothing to
// make, update and drop. Their look is in cells.css.
import type { Session } from '@shared/domain.ts';
import { formatDateTime, relativeTime } from '@shared/relativeTime.ts';
import type { ICellRendererComp, ICellRendererParams } from 'ag-grid-community';
import i18next from 'i18next';
import './cells.css';

export const PRODUCT_MAX_CHARS = 30;

/** The first 30 characters (whole code points, so an Arabic or emoji name is never cut in half) and an ellipsis. */
export function cutText(text: string, max = PRODUCT_MAX_CHARS): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join('')}…`;
}

/** Warning (yellow) while anything is unread, success (green) at zero. */
export function unreadColor(count: number): 'yellow' | 'green' {
  return count > 0 ? 'yellow' : 'green';
}

const locale = () => i18next.language || 'en';

export type CellParams = ICellRendererParams<Session>;

/** One element per cell, made once and updated in place when the row's data changes (refresh returns true). */
abstract class Cell implements ICellRendererComp<Session> {
  protected el!: HTMLElement;
  protected abstract make(): HTMLElement;
  /** Shows `session` (undefined: a row not loaded yet, shown empty). */
  protected abstract show(session: Session | undefined, params: CellParams): void;
  init(params: CellParams): void {
    this.el = this.make();
    this.show(params.data, params);
  }
  getGui(): HTMLElement {
    return this.el;
  }
  refresh(params: CellParams): boolean {
    this.show(params.data, params);
    return true;
  }
}

/**
 * A name in the direction of its own text (`dir="auto"`), cut at its own end: an English name in the Arabic table
 * keeps its first letters (the table's right-to-left would cut them instead), an Arabic one in the English table too.
 * It keeps to the table's side of the cell while it fits (cells.css).
 */
function nameElement(testId: string): HTMLElement {
  const el = document.createElement('span');
  el.className = 'chatdesk-name';
  el.dir = 'auto';
  el.dataset.testid = testId;
  return el;
}

export class ProductCell extends Cell {
  protected make(): HTMLElement {
    return nameElement('product-cell');
  }
  protected show(session: Session | undefined): void {
    const name = session?.product.name;
    this.el.textContent = name === undefined ? '' : cutText(name);
    if (name === undefined) this.el.removeAttribute('title');
    else this.el.title = name;
  }
}

abstract class CountBadge extends Cell {
  protected abstract readonly testId: string;
  protected abstract count(session: Session): number;
  protected abstract color(count: number): string;
  protected make(): HTMLElement {
    const el = document.createElement('span');
    el.className = 'chatdesk-pill';
    el.dataset.testid = this.testId;
    return el;
  }
  protected show(session: Session | undefined): void {
    if (!session) {
      this.el.hidden = true;
      return;
    }
    const count = this.count(session);
    this.el.hidden = false;
    this.el.textContent = String(count);
    this.el.dataset.color = this.color(count);
  }
}

/** The messages count as a blue badge. */
export class MessagesBadge extends CountBadge {
  protected readonly testId = 'messages-badge';
  protected count(session: Session): number {
    return session.messagesCount;
  }
  protected color(): string {
    return 'blue';
  }
}

/** The unread count, yellow above zero and green at zero. */
export class UnreadBadge extends CountBadge {
  protected readonly testId = 'unread-badge';
  protected count(session: Session): number {
    return session.unreadCount;
  }
  protected color(count: number): string {
    return unreadColor(count);
  }
}

// One clock for every "last message" cell: they all move on together every 30 s, not each on its own timer.
const TICK_MS = 30_000;
const ticking = new Set<LastMessageCell>();
let clock: ReturnType<typeof setInterval> | null = null;

/** "2 hours ago" in the interface's locale, kept current; the exact time on hover. */
export class LastMessageCell extends Cell {
  private instant: string | undefined;
  protected make(): HTMLElement {
    ticking.add(this);
    clock ??= setInterval(() => {
      for (const cell of ticking) cell.tick();
    }, TICK_MS);
    return document.createElement('time');
  }
  protected show(session: Session | undefined): void {
    this.instant = session?.lastMessageAt;
    this.tick();
    if (this.instant === undefined) {
      this.el.removeAttribute('datetime');
      this.el.removeAttribute('title');
      return;
    }
    this.el.setAttribute('datetime', this.instant);
    this.el.title = formatDateTime(this.instant, locale());
  }
  /** The text is always from the time of showing. */
  tick(): void {
    this.el.textContent = this.instant === undefined ? '' : relativeTime(this.instant, locale());
  }
  destroy(): void {
    ticking.delete(this);
    if (ticking.size === 0 && clock) {
      clearInterval(clock);
      clock = null;
    }
  }
}

/** An exact date and time in the locale (created at / updated at), the stored instant on hover. */
abstract class DateCell extends Cell {
  protected abstract instant(session: Session): string;
  protected make(): HTMLElement {
    return document.createElement('span');
  }
  protected show(session: Session | undefined): void {
    const instant = session ? this.instant(session) : undefined;
    this.el.textContent = instant === undefined ? '' : formatDateTime(instant, locale());
    if (instant === undefined) this.el.removeAttribute('title');
    else this.el.title = instant;
  }
}

export class CreatedAtCell extends DateCell {
  protected instant(session: Session): string {
    return session.createdAt;
  }
}

export class UpdatedAtCell extends DateCell {
  protected instant(session: Session): string {
    return session.updatedAt;
  }
}

/** B10: a time that may be empty (first response, resolved at): a dash when there is none. */
abstract class OptionalDateCell extends Cell {
  protected abstract instant(session: Session): string | null;
  protected make(): HTMLElement {
    return document.createElement('span');
  }
  protected show(session: Session | undefined): void {
    const instant = session ? this.instant(session) : null;
    this.el.textContent = instant === null ? (session ? '—' : '') : formatDateTime(instant, locale());
    if (instant === null) this.el.removeAttribute('title');
    else this.el.title = instant;
  }
}

export class FirstResponseCell extends OptionalDateCell {
  protected instant(session: Session): string | null {
    return session.firstResponseAt;
  }
}

export class ResolvedAtCell extends OptionalDateCell {
  protected instant(session: Session): string | null {
    return session.resolvedAt;
  }
}

const STATUS_COLOR: Record<Session['status'], string> = { open: 'blue', pending: 'yellow', resolved: 'green' };

/** B10: the status as a pill (open blue, pending yellow, resolved green), and a clock while snoozed. */
export class StatusCell extends Cell {
  private pill!: HTMLElement;
  private snooze!: HTMLElement;
  protected make(): HTMLElement {
    const el = document.createElement('span');
    el.className = 'sessions-status';
    this.pill = document.createElement('span');
    this.pill.className = 'chatdesk-pill';
    this.pill.dataset.testid = 'status-pill';
    this.snooze = document.createElement('span');
    this.snooze.className = 'sessions-snoozed';
    this.snooze.dataset.testid = 'snoozed-mark';
    this.snooze.textContent = '⏰';
    el.append(this.pill, this.snooze);
    return el;
  }
  protected show(session: Session | undefined): void {
    this.el.hidden = !session;
    if (!session) return;
    this.pill.textContent = i18next.t(`workflow.status.${session.status}`, { ns: 'sessions' });
    this.pill.dataset.color = STATUS_COLOR[session.status];
    this.pill.dataset.status = session.status;
    const snoozed = session.snoozedUntil !== null && Date.parse(session.snoozedUntil) > Date.now();
    this.snooze.hidden = !snoozed;
    if (snoozed && session.snoozedUntil) {
      const label = i18next.t('workflow.snoozedUntil', {
        ns: 'sessions',
        time: formatDateTime(session.snoozedUntil, locale()),
      });
      this.snooze.title = label;
      this.snooze.setAttribute('aria-label', label);
    }
  }
}

/** B10: the assignee's name, or "Unassigned" dimmed. */
export class AssigneeCell extends Cell {
  protected make(): HTMLElement {
    return nameElement('assignee-cell');
  }
  protected show(session: Session | undefined): void {
    const name = session?.assigneeName ?? null;
    this.el.textContent = session ? (name ?? i18next.t('workflow.unassigned', { ns: 'sessions' })) : '';
    this.el.className = session && name === null ? 'chatdesk-name sessions-unassigned' : 'chatdesk-name';
  }
}

/** A party's name (customer, seller), in its own direction (nameElement). */
abstract class PartyCell extends Cell {
  protected abstract readonly testId: string;
  protected abstract name(session: Session): string;
  protected make(): HTMLElement {
    return nameElement(this.testId);
  }
  protected show(session: Session | undefined): void {
    this.el.textContent = session ? this.name(session) : '';
  }
}

export class CustomerCell extends PartyCell {
  protected readonly testId = 'customer-cell';
  protected name(session: Session): string {
    return session.customer.name;
  }
}

export class SellerCell extends PartyCell {
  protected readonly testId = 'seller-cell';
  protected name(session: Session): string {
    return session.seller.name;
  }
}

/** What the actions button needs from the table: its label and the one menu it opens (F7). */
export interface ActionsContext {
  openMenu(session: Session, anchor: HTMLElement): void;
  menuLabel(session: Session): string;
}

/** The row's "⋯" button: it opens the one actions menu of the table. */
export class ActionsCell extends Cell {
  private session: Session | undefined;
  private context!: ActionsContext;
  private readonly onClick = () => {
    if (this.session) this.context.openMenu(this.session, this.el);
  };
  protected make(): HTMLElement {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sessions-row-actions';
    button.dataset.testid = 'row-actions';
    button.setAttribute('aria-haspopup', 'menu');
    const dots = document.createElement('span');
    dots.setAttribute('aria-hidden', 'true');
    dots.textContent = '⋯';
    button.append(dots);
    button.addEventListener('click', this.onClick);
    return button;
  }
  protected show(session: Session | undefined, params: CellParams): void {
    this.session = session;
    this.context = params.context as ActionsContext;
    this.el.hidden = session === undefined;
    if (session) this.el.setAttribute('aria-label', this.context.menuLabel(session));
  }
  destroy(): void {
    this.el.removeEventListener('click', this.onClick);
  }
}
