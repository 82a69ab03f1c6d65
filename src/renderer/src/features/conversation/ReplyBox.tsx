// Answering as support (D3): Enter sends, Shift+Enter starts a new line. A role without messages.reply sees the box
// disabled with the reason; a refused send keeps the text and says why. B10: the Note toggle writes an internal note
// instead (styled apart, never sent to the participants); `#` and a shortcut offers the canned replies, whose
// placeholders are filled from the session and the agent when one is picked; the draft of each session is kept by
// the core (per account) as it is typed, and sending clears it.
import { Alert, Button, Group, Paper, Stack, Switch, Text, Textarea, UnstyledButton } from '@mantine/core';
import { MAX_MESSAGE_LENGTH } from '@shared/api.ts';
import { fillCannedReply } from '@shared/cannedReplies.ts';
import type { CannedReply, Session } from '@shared/domain.ts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { callBridge, errorMessage, useAccount } from '../../bridge/bridgeHooks.ts';
import { characterCount } from '../../ui/fieldLength.ts';
import { isShortcut } from '../shortcuts/shortcuts.ts';
import { NS } from './strings.ts';

export interface ReplyBoxProps {
  sessionId: string;
  /** The session, for the canned replies' placeholders (customer, seller, product). */
  session?: Session | null;
  canReply: boolean;
  role: string | null;
  /** The label above the box (the page calls it "Add a message"). */
  label?: string;
  onSent?(): void;
}

/** `#` and the shortcut typed so far, at the end of the text before the caret. */
const CANNED_QUERY = /(^|\s)#([\p{L}\p{N}_-]*)$/u;
const DRAFT_SAVE_MS = 400;
/** From this length on the box counts the characters left: a long reply is told of the limit before it reaches it. */
const COUNT_FROM = Math.floor(MAX_MESSAGE_LENGTH * 0.9);

export function ReplyBox({ sessionId, session, canReply, role, label, onSent }: ReplyBoxProps) {
  const { t } = useTranslation(NS);
  const agent = useAccount()?.staff?.name;
  const [text, setText] = useState('');
  const [note, setNote] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [canned, setCanned] = useState<{ query: string; items: CannedReply[]; active: number } | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  // The draft waiting to be saved, and for which session.
  const pending = useRef<{ sessionId: string; body: string; note: boolean } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const draft = pending.current;
    pending.current = null;
    if (draft) void callBridge('drafts.set', draft).catch(() => {});
  };

  // Each session's own draft: saved before switching away, loaded when it opens.
  // biome-ignore lint/correctness/useExhaustiveDependencies: flush reads refs only; a new session is the only trigger
  useEffect(() => {
    let alive = true;
    setText('');
    setNote(false);
    setCanned(null);
    callBridge('drafts.get', { sessionId })
      .then((draft) => {
        if (!alive || pending.current) return;
        setText(draft.body);
        setNote(draft.note);
      })
      .catch(() => {});
    return () => {
      alive = false;
      flush();
    };
  }, [sessionId]);

  const keep = (body: string, asNote: boolean) => {
    pending.current = { sessionId, body, note: asNote };
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(flush, DRAFT_SAVE_MS);
  };

  const lookUp = (value: string, caret: number) => {
    const match = CANNED_QUERY.exec(value.slice(0, caret));
    if (!match) {
      setCanned(null);
      return;
    }
    const query = match[2] ?? '';
    void callBridge('cannedReplies.list', query ? { search: query } : {})
      .then(({ items }) =>
        setCanned((c) => ({ query, items: items.slice(0, 8), active: c?.query === query ? c.active : 0 })),
      )
      .catch(() => setCanned(null));
  };

  const pick = (reply: CannedReply) => {
    const el = input.current;
    const caret = el?.selectionStart ?? text.length;
    const before = text.slice(0, caret).replace(CANNED_QUERY, (_, space: string) => space);
    const filled = fillCannedReply(reply.body, {
      customer: session?.customer.name,
      seller: session?.seller.name,
      product: session?.product.name,
      agent,
    });
    const next = `${before}${filled}${text.slice(caret)}`;
    setText(next);
    keep(next, note);
    setCanned(null);
    requestAnimationFrame(() => {
      el?.focus();
      const at = before.length + filled.length;
      el?.setSelectionRange(at, at);
    });
  };

  // Counted as the backend counts (the trimmed text's length): a reply over the limit is refused here, on its
  // field, and kept whole for the agent to shorten (the box never cuts what is typed or pasted).
  const length = text.trim().length;
  const tooLong = length > MAX_MESSAGE_LENGTH;
  const max = characterCount(MAX_MESSAGE_LENGTH);
  const lengthNote = length >= COUNT_FROM ? t('reply.length', { n: characterCount(length), max }) : null;

  const send = async () => {
    const body = text.trim();
    if (!body || sending || !canReply || tooLong) return;
    setSending(true);
    setError(null);
    try {
      if (timer.current) clearTimeout(timer.current);
      pending.current = null;
      await callBridge('messages.send', { sessionId, body, ...(note ? { note: true } : {}) });
      setText('');
      setNote(false);
      onSent?.();
    } catch (e) {
      setError(t('reply.failed', { message: errorMessage(e) }));
    } finally {
      setSending(false);
    }
  };

  return (
    <Stack gap={4} data-testid="reply-box" data-note={note ? 'true' : 'false'}>
      {error && (
        <Alert color="red" variant="light" p="xs" role="alert" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      <Textarea
        ref={input}
        label={note ? t('reply.noteLabel') : (label ?? t('reply.label'))}
        placeholder={note ? t('reply.notePlaceholder') : t('reply.placeholder')}
        autosize
        minRows={2}
        maxRows={5}
        value={text}
        disabled={!canReply}
        dir="auto"
        description={
          canReply
            ? [note ? t('reply.noteHint') : t('reply.hint'), lengthNote].filter(Boolean).join(' · ')
            : t('reply.noPermission', { role: role ?? '—' })
        }
        error={tooLong ? t('reply.tooLong', { max }) : undefined}
        data-testid="reply-input"
        styles={
          note ? { input: { background: 'var(--mantine-color-yellow-light)', borderStyle: 'dashed' } } : undefined
        }
        onChange={(e) => {
          const value = e.currentTarget.value;
          setText(value);
          keep(value, note);
          lookUp(value, e.currentTarget.selectionStart ?? value.length);
        }}
        onKeyDown={(e) => {
          if (canned && canned.items.length > 0) {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const step = e.key === 'ArrowDown' ? 1 : -1;
              setCanned({ ...canned, active: (canned.active + step + canned.items.length) % canned.items.length });
              return;
            }
            if (e.key === 'Enter' || e.key === 'Tab') {
              e.preventDefault();
              const chosen = canned.items[canned.active];
              if (chosen) pick(chosen);
              return;
            }
          }
          if (canned && e.key === 'Escape') {
            e.stopPropagation();
            setCanned(null);
            return;
          }
          if (isShortcut('send', e) && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void send();
          }
        }}
      />
      {canned && (
        <Paper withBorder shadow="sm" p={4} role="listbox" aria-label={t('reply.canned')} data-testid="canned-list">
          {canned.items.length === 0 ? (
            <Text size="xs" c="dimmed" p={4}>
              {t('reply.noCanned')}
            </Text>
          ) : (
            canned.items.map((r, i) => (
              <UnstyledButton
                key={r.id}
                role="option"
                aria-selected={i === canned.active}
                onMouseDown={(e) => {
                  e.preventDefault();
                  pick(r);
                }}
                p={4}
                w="100%"
                style={{
                  display: 'block',
                  borderRadius: 4,
                  background: i === canned.active ? 'var(--mantine-color-blue-light)' : undefined,
                }}
                data-testid="canned-option"
              >
                <Text size="sm" fw={600} span>
                  #{r.shortcut}
                </Text>{' '}
                <Text size="sm" span dir="auto">
                  {r.title}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={1} dir="auto">
                  {r.body}
                </Text>
              </UnstyledButton>
            ))
          )}
        </Paper>
      )}
      <Group justify="space-between">
        <Group gap="xs">
          <Switch
            size="sm"
            label={t('reply.note')}
            checked={note}
            disabled={!canReply}
            onChange={(e) => {
              const on = e.currentTarget.checked;
              setNote(on);
              keep(text, on);
            }}
            data-testid="reply-note-toggle"
          />
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={!canReply}
            onClick={() => {
              // The canned replies' list, searched by what follows the `#` (a shortcut, or a word of a title or body).
              const el = input.current;
              const caret = el?.selectionStart ?? text.length;
              const before = text.slice(0, caret);
              const hash = before === '' || /\s$/.test(before) ? '#' : ' #';
              const next = `${before}${hash}${text.slice(caret)}`;
              setText(next);
              keep(next, note);
              lookUp(next, caret + hash.length);
              requestAnimationFrame(() => {
                el?.focus();
                el?.setSelectionRange(caret + hash.length, caret + hash.length);
              });
            }}
            data-testid="reply-canned"
          >
            {t('reply.canned')}
          </Button>
        </Group>
        <Button
          size="xs"
          color={note ? 'yellow' : undefined}
          onClick={() => void send()}
          loading={sending}
          disabled={!canReply || text.trim() === '' || tooLong}
          data-testid="reply-send"
        >
          {note ? t('reply.addNote') : t('reply.send')}
        </Button>
      </Group>
    </Stack>
  );
}
