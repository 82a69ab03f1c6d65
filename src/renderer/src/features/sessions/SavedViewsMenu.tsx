// Saved views (B7): a named search + filters + sort, kept in the desk's preferences (prefs.savedViews).
import { ActionIcon, Button, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { MAX_VIEW_NAME, type SavedView } from '@shared/bridge.ts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { loadPrefs, updatePrefs } from '../../app/prefs.ts';
import { showSaveFailed } from '../../app/saveFailed.ts';
import { errorMessage } from '../../bridge/bridgeHooks.ts';
import { tooLongError } from '../../ui/fieldLength.ts';
import { toSessionFilter, useSessionsStore } from './sessionsStore.ts';
import { NS } from './strings.ts';
import { toast } from './toast.ts';

export function SavedViewsMenu({ onApply }: { onApply(view: SavedView): void }) {
  const { t } = useTranslation(NS);
  const [views, setViews] = useState<SavedView[]>([]);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    loadPrefs()
      .then((prefs) => alive && setViews(prefs.savedViews))
      // Unread, the menu offers no saved views until it is next opened; saving a new one still works and says so.
      .catch(() => {});
    return () => {
      alive = false;
    };
  }, []);

  const store = async (next: SavedView[]) => {
    const prefs = await updatePrefs({ savedViews: next });
    setViews(prefs.savedViews);
  };

  const save = async () => {
    const trimmed = name.trim();
    if (!trimmed) {
      setError(t('form.required'));
      return;
    }
    // Named on the field already (tooLongError): kept as typed, not saved.
    if (tooLongError(trimmed, MAX_VIEW_NAME)) return;
    const s = useSessionsStore.getState();
    const view: SavedView = {
      id: crypto.randomUUID(),
      name: trimmed,
      filter: toSessionFilter(s.search, s.filters),
      sort: s.sort,
      order: s.order,
    };
    try {
      // A view saved under an existing name replaces it.
      await store([...views.filter((v) => v.name !== trimmed), view]);
      toast('green', t('views.saved', { name: trimmed }));
      setNaming(false);
      setName('');
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <>
      <Menu position="bottom-end" shadow="md" withinPortal>
        <Menu.Target>
          <Button variant="default" size="sm" data-testid="saved-views">
            {t('views.menu')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown miw={240}>
          {views.length === 0 && <Menu.Label>{t('views.none')}</Menu.Label>}
          {views.map((view) => (
            <Menu.Item
              key={view.id}
              data-testid="saved-view"
              onClick={() => {
                onApply(view);
                toast('blue', t('views.applied', { name: view.name }));
              }}
              rightSection={
                <ActionIcon
                  component="span"
                  size="xs"
                  variant="subtle"
                  color="red"
                  aria-label={t('views.delete', { name: view.name })}
                  onClick={(e) => {
                    e.stopPropagation();
                    void store(views.filter((v) => v.id !== view.id)).catch(showSaveFailed);
                  }}
                >
                  ×
                </ActionIcon>
              }
            >
              {view.name}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item onClick={() => setNaming(true)} data-testid="save-view">
            {t('views.save')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal
        opened={naming}
        onClose={() => setNaming(false)}
        title={t('views.saveTitle')}
        centered
        closeButtonProps={{ 'aria-label': t('close') }}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Stack gap="sm">
            <TextInput
              label={t('views.name')}
              placeholder={t('views.namePlaceholder')}
              value={name}
              onChange={(e) => {
                setName(e.currentTarget.value);
                setError(null);
              }}
              error={error ?? tooLongError(name, MAX_VIEW_NAME)}
              required
              data-autofocus
              data-testid="view-name"
            />
            <Text size="xs" c="dimmed">
              {t('search.label')}: {useSessionsStore.getState().search || '—'}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setNaming(false)}>
                {t('cancel')}
              </Button>
              <Button type="submit">{t('views.saveButton')}</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
