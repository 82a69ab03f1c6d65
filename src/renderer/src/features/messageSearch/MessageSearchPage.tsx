// B2 "Search messages": one box searching inside the message bodies of every conversation (Arabic-aware), the hits
// newest first with the match marked, each with its session's product, customer and seller, the sender and when;
// Enter or a click opens the session's page. Keyboard-first (B6): Enter searches, ↓ moves into the results, ↑/↓,
// Home/End move through them, Escape goes back to the box. When the backend cannot be reached the core searches the
// messages saved on this computer, and the page says the results are local and partial.
import {
  Alert,
  Badge,
  Button,
  Group,
  Loader,
  Mark,
  NavLink,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { MAX_SEARCH_LENGTH, MESSAGE_SEARCH_MIN } from '@shared/api.ts';
import { IconCloudOff, IconMessageSearch, IconSearch } from '@tabler/icons-react';
import { type KeyboardEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../../app/navigation.ts';
import { tooLongError } from '../../ui/fieldLength.ts';
import { RelativeTime } from '../../ui/RelativeTime.tsx';
import { highlightSegments } from './highlight.ts';
import { type Hit, useMessageSearch } from './messageSearchStore.ts';
import { NS } from './strings.ts';

const SENDER_COLOR = { customer: 'blue', seller: 'teal', staff: 'grape' } as const;

/** The sidebar entry (under "User Management", after "Chat Sessions"). */
export function MessageSearchNavLink({ active, onClick }: { active: boolean; onClick(): void }) {
  const { t } = useTranslation(NS);
  return (
    <NavLink
      component="button"
      label={t('nav')}
      leftSection={<IconMessageSearch size={18} aria-hidden />}
      active={active}
      aria-current={active ? 'page' : undefined}
      onClick={onClick}
      data-testid="nav-message-search"
    />
  );
}

function Body({ text, query }: { text: string; query: string }) {
  return (
    <Text size="sm" lineClamp={4} style={{ whiteSpace: 'pre-wrap', unicodeBidi: 'plaintext' }} data-testid="hit-body">
      {highlightSegments(text, query).map((segment, i) =>
        segment.match ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments are positional and never reordered
          <Mark key={i} color="yellow">
            {segment.text}
          </Mark>
        ) : (
          segment.text
        ),
      )}
    </Text>
  );
}

function HitCard({
  hit,
  query,
  onOpen,
  onKeyDown,
}: {
  hit: Hit;
  query: string;
  onOpen(): void;
  onKeyDown(e: KeyboardEvent): void;
}) {
  const { t } = useTranslation(NS);
  return (
    <UnstyledButton
      onClick={onOpen}
      onKeyDown={onKeyDown}
      w="100%"
      data-testid="message-hit"
      data-session-id={hit.sessionId}
      data-message-id={hit.id}
      aria-description={t('open', { product: hit.product.name })}
    >
      <Paper withBorder p="sm" radius="md" className="message-hit">
        <Stack gap={4}>
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Text fw={600} size="sm" truncate="end" data-testid="hit-product">
              {hit.product.name}
            </Text>
            <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
              <RelativeTime instant={hit.createdAt} />
            </Text>
          </Group>
          <Text size="xs" c="dimmed" data-testid="hit-parties">
            {t('customer')}: <bdi>{hit.customer.name}</bdi> · {t('seller')}: <bdi>{hit.seller.name}</bdi>
          </Text>
          <Group gap={6} wrap="nowrap">
            <Badge size="xs" variant="light" color={SENDER_COLOR[hit.senderRole]} data-testid="hit-sender-role">
              {t(`sender.${hit.senderRole}`)}
            </Badge>
            <Text size="xs" truncate="end">
              <bdi>{hit.senderName}</bdi>
            </Text>
          </Group>
          <Body text={hit.body} query={query} />
        </Stack>
      </Paper>
    </UnstyledButton>
  );
}

export function MessageSearchPage() {
  const { t } = useTranslation(NS);
  const navigate = useNavigation((s) => s.navigate);
  const state = useMessageSearch();
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    input.current?.focus();
  }, []);

  const runSearch = (text: string, explicit: boolean) => {
    const q = text.trim();
    if (q.length < MESSAGE_SEARCH_MIN) {
      if (explicit) useMessageSearch.setState({ fieldError: t('tooShort') });
      return;
    }
    // Named on the field already (tooLongError): not searched.
    if (q.length > MAX_SEARCH_LENGTH) return;
    if (!explicit && q === state.query) return;
    void state.search(q);
  };
  const debounced = useDebouncedCallback((text: string) => runSearch(text, false), 350);

  const hits = () => Array.from(list.current?.querySelectorAll<HTMLElement>('[data-testid="message-hit"]') ?? []);
  const moveFrom = (index: number) => (e: KeyboardEvent) => {
    const all = hits();
    let next: number | null = null;
    if (e.key === 'ArrowDown') next = Math.min(index + 1, all.length - 1);
    else if (e.key === 'ArrowUp') next = index - 1;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = all.length - 1;
    else if (e.key === 'Escape') next = -1;
    if (next === null) return;
    e.preventDefault();
    if (next < 0) input.current?.focus();
    else all[next]?.focus();
  };

  const hasQuery = state.query.length > 0;
  const fromCache = state.source === 'cache';
  return (
    <Stack p="md" gap="sm" data-testid="message-search-page">
      <Title order={2}>{t('title')}</Title>
      <Text size="sm" c="dimmed">
        {t('intro')}
      </Text>
      <search>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            runSearch(state.text, true);
          }}
        >
          <Group align="flex-end" gap="sm" wrap="nowrap">
            <TextInput
              ref={input}
              type="search"
              label={t('label')}
              placeholder={t('placeholder')}
              description={t('hint')}
              value={state.text}
              error={state.fieldError ?? tooLongError(state.text, MAX_SEARCH_LENGTH)}
              leftSection={<IconSearch size={16} aria-hidden />}
              rightSection={state.loading ? <Loader size="xs" aria-label={t('searching')} /> : null}
              onChange={(e) => {
                const text = e.currentTarget.value;
                state.setText(text);
                if (state.fieldError) useMessageSearch.setState({ fieldError: null });
                debounced(text);
              }}
              onKeyDown={(e) => {
                if (e.key === 'ArrowDown' && hits().length > 0) {
                  e.preventDefault();
                  hits()[0]?.focus();
                }
              }}
              style={{ flex: 1, maxWidth: 560 }}
              data-testid="message-search-input"
            />
            <Button type="submit" loading={state.loading && !hasQuery}>
              {t('submit')}
            </Button>
          </Group>
        </form>
      </search>

      {fromCache && (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconCloudOff size={18} aria-hidden />}
          title={t('cacheTitle')}
          data-testid="message-search-cache-notice"
        >
          {t('cacheNotice')}
        </Alert>
      )}
      {state.error && (
        <Alert color="red" variant="light" role="alert" data-testid="message-search-error">
          {t('failed', { message: state.error })}
        </Alert>
      )}

      {hasQuery && !state.error && state.items.length === 0 && !state.loading && (
        <Text c="dimmed" py="lg" ta="center" data-testid="message-search-empty">
          {t(fromCache ? 'noneCache' : 'none', { q: state.query })}
        </Text>
      )}

      {state.items.length > 0 && (
        <>
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="message-search-count">
            {t('shown', { count: state.items.length })}
          </Text>
          <ul
            ref={list}
            aria-label={t('results')}
            style={{ listStyle: 'none', margin: 0, padding: 0, display: 'grid', gap: 8 }}
            data-testid="message-search-results"
          >
            {state.items.map((hit, index) => (
              <li key={hit.id}>
                <HitCard
                  hit={hit}
                  query={state.query}
                  onOpen={() => navigate({ name: 'session', sessionId: hit.sessionId, messageId: hit.id })}
                  onKeyDown={moveFrom(index)}
                />
              </li>
            ))}
          </ul>
          {state.nextBefore && (
            <Group justify="center">
              <Button
                variant="default"
                loading={state.loading}
                onClick={() => void state.loadMore()}
                data-testid="message-search-more"
              >
                {t('more')}
              </Button>
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
