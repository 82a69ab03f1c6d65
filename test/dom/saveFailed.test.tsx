// A change the person does not wait on, which the core refuses to save, is said in a red toast with the reason, in
// the interface language (app/saveFailed.ts): here the language switch, whose change stays on screen.
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { LanguageSwitch } from '../../src/renderer/src/app/LanguageSwitch.tsx';
import { startLocale } from '../../src/renderer/src/app/locale.ts';
import { forgetPrefs } from '../../src/renderer/src/app/prefs.ts';
import { setBridge } from '../../src/renderer/src/bridge/index.ts';
import { createFakeBridge, refused } from './fakeBridge.tsx';

afterEach(() => {
  forgetPrefs();
  startLocale('en');
});

describe('a preference the core cannot save', () => {
  it('switches the language on screen and says, in the new language, that the choice was not saved', async () => {
    const bridge = createFakeBridge();
    bridge.handle('prefs.update', () => refused('internal', 'the cache file is read-only'));
    setBridge(bridge);
    startLocale('en');
    render(
      <MantineProvider>
        <Notifications />
        <LanguageSwitch />
      </MantineProvider>,
    );
    fireEvent.click(screen.getByText('العربية'));
    expect(await screen.findByText('تعذّر حفظ التغيير: the cache file is read-only')).toBeTruthy();
    expect(bridge.callsOf('prefs.update')).toEqual([{ locale: 'ar' }]);
    await waitFor(() => expect(document.documentElement.dir).toBe('rtl'));
  });
});
