// The interface's root: Mantine (styles, direction, toasts), the interface language, then the
// sign-in screen or the frame depending on the account. The language is the saved preference, else Arabic on an
// Arabic system, else English (B5).
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { Alert, Button, Center, DirectionProvider, Group, Loader, MantineProvider, Stack, Text } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import type { AccountState, AppInfo } from '@shared/bridge.ts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { startColorScheme, useColorScheme } from './app/colorScheme.ts';
import { Frame } from './app/Frame.tsx';
import { LanguageSwitch } from './app/LanguageSwitch.tsx';
import { asLocale, startLocale, useLocale } from './app/locale.ts';
import { useNavigation } from './app/navigation.ts';
import { forgetPrefs, loadPrefs } from './app/prefs.ts';
import { markStart } from './app/startMarks.ts';
import { type StartAnswers, startAnswers, takeSettledStart } from './app/startQueries.ts';
import { NS } from './app/strings.ts';
import { errorMessage, useBridgeEvent } from './bridge/bridgeHooks.ts';
import { SignInScreen } from './features/account/index.ts';
import { showUnread } from './features/notifications/titleBadge.ts';
import { initialLocale } from './i18n/index.ts';

// Strings must exist before the first render: the browser's language until the core has answered with the saved
// preference and the system's locale.
startLocale(asLocale(typeof navigator === 'undefined' ? undefined : navigator.language));

interface Boot {
  info: AppInfo;
  account: AccountState;
}

function bootFrom({ info, account, prefs }: StartAnswers): Boot {
  markStart('answers');
  startLocale(initialLocale(prefs?.locale ?? null, info.systemLocale));
  startColorScheme(prefs?.colorScheme);
  return { info, account };
}

async function boot(): Promise<Boot> {
  return bootFrom(await startAnswers());
}

let prepared: Boot | null = null;

/** Before the first render: if the start's answers are in, the desk opens straight on the frame (or sign-in). */
export function prepareBoot(): void {
  const answers = takeSettledStart();
  if (!answers) return;
  prepared = bootFrom(answers);
  openLinkedSession();
}

function takePreparedBoot(): Boot | null {
  const ready = prepared;
  prepared = null;
  return ready;
}

/** `?session=<id>` opens the desk on that conversation (a link from elsewhere, the web edition's deep link). */
function openLinkedSession(): void {
  const id = new URLSearchParams(window.location.search).get('session');
  if (id) useNavigation.setState({ route: { name: 'sessions' }, selectedSessionId: id });
}

function Desk() {
  const { t } = useTranslation(NS);
  const [state, setState] = useState<Boot | null>(takePreparedBoot);
  const [error, setError] = useState<string | null>(null);

  const start = useCallback(() => {
    setError(null);
    boot()
      .then((b) => {
        openLinkedSession();
        setState(b);
      })
      .catch((e) => setError(errorMessage(e)));
  }, []);
  const booted = useRef(state !== null);
  useEffect(() => {
    if (!booted.current) start();
    booted.current = true;
  }, [start]);

  const setAccount = (account: AccountState) => {
    // The preferences are the account's: whoever is signed in next reads their own.
    forgetPrefs();
    // Light or dark is the account's preference too.
    if (account.signedIn) {
      loadPrefs()
        .then((prefs) => startColorScheme(prefs.colorScheme))
        .catch(() => {});
    }
    if (!account.signedIn) {
      // Whoever signs in next starts on the list, with nothing of the previous account on screen or in the title.
      useNavigation.setState({ route: { name: 'sessions' }, selectedSessionId: null });
      showUnread(0);
    }
    setState((s) => (s ? { ...s, account } : s));
  };
  // Another window, the tray or an expired token can sign the desk out: follow the core.
  useBridgeEvent('account.state', setAccount);

  if (error) {
    return (
      <Center mih="100vh" p="md">
        <Stack maw={480}>
          <Alert color="red" role="alert" title={t('appName')}>
            {t('startFailed', { message: error })}
          </Alert>
          <Button onClick={start}>{t('retry')}</Button>
        </Stack>
      </Center>
    );
  }
  if (!state) {
    return (
      <Center mih="100vh">
        <Group gap="xs" role="status">
          <Loader size="sm" />
          <Text>{t('loading')}</Text>
        </Group>
      </Center>
    );
  }
  if (!state.account.signedIn) {
    return (
      <SignInScreen
        info={state.info}
        lastBackendUrl={state.account.backendUrl}
        onSignedIn={setAccount}
        toolbar={<LanguageSwitch />}
      />
    );
  }
  return <Frame account={state.account} onSignedOut={setAccount} />;
}

export function App() {
  const locale = useLocale();
  const scheme = useColorScheme();
  return (
    <DirectionProvider initialDirection={locale === 'ar' ? 'rtl' : 'ltr'}>
      <MantineProvider forceColorScheme={scheme}>
        <Notifications position="bottom-right" />
        <Desk />
      </MantineProvider>
    </DirectionProvider>
  );
}
