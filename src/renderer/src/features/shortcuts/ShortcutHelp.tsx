// The keyboard shortcut help (B6): `?` anywhere (outside a text field) opens it; it lists every shortcut of the one
// table (shortcuts.ts), grouped, in the interface language.
import { Group, Kbd, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { Fragment, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isShortcut, SHORTCUT_GROUPS, SHORTCUTS, typingIn } from './shortcuts.ts';
import { NS } from './strings.ts';

export function ShortcutHelp() {
  const { t } = useTranslation(NS);
  const [opened, setOpened] = useState(false);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isShortcut('help', e) || typingIn(e.target)) return;
      e.preventDefault();
      setOpened((o) => !o);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <Modal
      opened={opened}
      onClose={() => setOpened(false)}
      title={t('title')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('actions.close') }}
    >
      <Stack gap="md" data-testid="shortcut-help">
        {SHORTCUT_GROUPS.map((group) => (
          <Stack key={group} gap={4} data-testid={`shortcut-group-${group}`}>
            <Title order={3} size="h5">
              {t(`groups.${group}`)}
            </Title>
            <Table verticalSpacing={4}>
              <Table.Tbody>
                {SHORTCUTS.filter((s) => s.group === group).map((s) => (
                  <Table.Tr key={s.id} data-testid="shortcut" data-shortcut={s.id}>
                    <Table.Td>
                      <Text size="sm">{t(`actions.${s.id}`)}</Text>
                    </Table.Td>
                    <Table.Td w={180}>
                      <Group gap={4} wrap="nowrap" dir="ltr" justify="flex-end">
                        {s.keys.map((k, i) => (
                          <Fragment key={k.label}>
                            {i > 0 && (
                              <Text size="xs" c="dimmed">
                                {t('or')}
                              </Text>
                            )}
                            <Kbd size="sm">{k.label}</Kbd>
                          </Fragment>
                        ))}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        ))}
      </Stack>
    </Modal>
  );
}
