// A page for the export e2e test (test/e2e/export.test.ts), built with Vite and served by the real web host: the
// Export menu as the bulk bar mounts it (Mantine with the document's direction, toasts, i18n), over the real bridge,
// core and backend of the web edition. `?lang=ar` for Arabic, `?ids=a,b` to export those rows, else all matching.
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { DirectionProvider, Group, MantineProvider, Text } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ExportMenu } from '../../src/renderer/src/features/export/index.ts';
import { directionOf, initI18n } from '../../src/renderer/src/i18n/index.ts';
import type { ExportTarget } from '../../src/shared/api.ts';

const params = new URLSearchParams(window.location.search);
const locale = params.get('lang') === 'ar' ? 'ar' : 'en';
initI18n(locale);
const ids = params.get('ids');
const target: ExportTarget = ids ? { ids: ids.split(',') } : { allMatching: { filter: {} } };

const root = document.getElementById('root');
if (!root) throw new Error('no #root');
createRoot(root).render(
  <StrictMode>
    <DirectionProvider initialDirection={directionOf(locale)}>
      <MantineProvider>
        <Notifications position="bottom-right" />
        <Group p="md" justify="space-between">
          <Text fw={600}>{ids ? `${ids.split(',').length} checked` : 'All matching sessions'}</Text>
          <ExportMenu target={target} sort="lastMessageAt" order="desc" />
        </Group>
      </MantineProvider>
    </DirectionProvider>
  </StrictMode>,
);
