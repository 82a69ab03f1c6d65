// The sign-in screen: backend URL (the launcher's backend proposed), e-mail and password (the demo account proposed in
// demo mode). The form checks what it can itself, then asks the core; a refusal lands on its field, an unreachable
// backend in an alert, and the values stay as typed.
import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import type { AccountState, AppInfo } from '@shared/bridge.ts';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BridgeError, callBridge } from '../../bridge/bridgeHooks.ts';
import { NS } from './strings.ts';
import {
  type FormMessage,
  refusalOnForm,
  type SignInErrors,
  type SignInField,
  type SignInValues,
  validateSignIn,
} from './validate.ts';

export interface SignInScreenProps {
  info: AppInfo;
  /** The last backend this desk used (the account state after a sign-out), preferred over the default. */
  lastBackendUrl?: string | null;
  onSignedIn(state: AccountState): void;
  /** Shown in the header of the screen (the language switch). */
  toolbar?: ReactNode;
}

export function SignInScreen({ info, lastBackendUrl, onSignedIn, toolbar }: SignInScreenProps) {
  const { t } = useTranslation(NS);
  const [values, setValues] = useState<SignInValues>(() => ({
    backendUrl: lastBackendUrl ?? info.defaultBackendUrl ?? '',
    email: info.demoAccount?.email ?? '',
    password: info.demoAccount?.password ?? '',
  }));
  const [errors, setErrors] = useState<SignInErrors>({});
  const [alert, setAlert] = useState<FormMessage | null>(null);
  const [busy, setBusy] = useState(false);

  const say = (message: FormMessage | undefined | null) =>
    !message ? undefined : 'text' in message ? message.text : t(message.key, message.values ?? {});

  const change = (field: SignInField) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((errs) => ({ ...errs, [field]: undefined }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setAlert(null);
    const own = validateSignIn(values);
    setErrors(own);
    if (Object.keys(own).length > 0) return;
    setBusy(true);
    try {
      const state = await callBridge('account.signIn', {
        backendUrl: values.backendUrl.trim(),
        email: values.email.trim(),
        password: values.password,
      });
      onSignedIn(state);
    } catch (error) {
      const info =
        error instanceof BridgeError
          ? error.info
          : { code: 'internal', message: error instanceof Error ? error.message : String(error) };
      const refusal = refusalOnForm(info, values.backendUrl);
      setErrors(refusal.fields);
      setAlert(refusal.alert);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="xl" w={440} maw="100%">
        <form onSubmit={submit} noValidate aria-labelledby="sign-in-title" data-testid="sign-in">
          <Stack gap="md">
            <Group justify="space-between" align="flex-start" wrap="nowrap">
              <Title order={2} id="sign-in-title">
                {t('title')}
              </Title>
              {toolbar && <div style={{ flexShrink: 0 }}>{toolbar}</div>}
            </Group>
            <Text size="sm" c="dimmed">
              {t('intro')}
            </Text>
            {alert && (
              <Alert color="red" role="alert" data-testid="sign-in-alert">
                {say(alert)}
              </Alert>
            )}
            <TextInput
              label={t('backendUrl')}
              description={t('backendUrlHint')}
              value={values.backendUrl}
              onChange={change('backendUrl')}
              error={say(errors.backendUrl)}
              type="url"
              autoComplete="url"
              dir="ltr"
              required
            />
            <TextInput
              label={t('email')}
              value={values.email}
              onChange={change('email')}
              error={say(errors.email)}
              type="email"
              autoComplete="username"
              dir="ltr"
              required
              data-autofocus
            />
            <PasswordInput
              label={t('password')}
              value={values.password}
              onChange={change('password')}
              error={say(errors.password)}
              aria-invalid={errors.password ? true : undefined}
              visibilityToggleButtonProps={{ 'aria-label': t('showPassword') }}
              autoComplete="current-password"
              required
            />
            {info.demoAccount && (
              <Text size="xs" c="dimmed" data-testid="demo-hint">
                {t('demo')}
              </Text>
            )}
            <Button type="submit" loading={busy}>
              {t('submit')}
            </Button>
            <Text size="xs" c="dimmed" ta="center" data-testid="app-info">
              {t('edition', { name: info.name, version: info.version, edition: t(`editions.${info.edition}`) })}
            </Text>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
