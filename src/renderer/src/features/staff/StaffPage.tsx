// Staff accounts (B4), for admins (staff.manage): the active accounts with their role badges, a form to create one
// (the core's field errors shown on the field), a role change per row, and disabling with a confirmation. Online
// only: every action asks the backend through the core, which says so plainly when it cannot be reached.
import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  NavLink,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserPlus, IconUserShield } from '@tabler/icons-react';
import i18next from 'i18next';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffAccount } from '../../../../shared/api.ts';
import { type Staff, type StaffRole, StaffRole as StaffRoles } from '../../../../shared/domain.ts';
import { BridgeError, callBridge, errorMessage, useAccount } from '../conversation/bridgeHooks.ts';
import { NS } from './strings.ts';

export const ROLE_COLORS: Record<StaffRole, string> = {
  agent: 'gray',
  moderator: 'teal',
  manager: 'indigo',
  admin: 'grape',
};

/** A short-lived message with a named close button. */
function toast(color: 'green' | 'red', message: string) {
  notifications.show({ color, message, closeButtonProps: { 'aria-label': i18next.t('close', { ns: NS }) } });
}

export function StaffNavLink({ active, onClick }: { active: boolean; onClick(): void }) {
  const { t } = useTranslation(NS);
  return (
    <NavLink
      component="button"
      label={t('nav')}
      leftSection={<IconUserShield size={18} aria-hidden />}
      active={active}
      aria-current={active ? 'page' : undefined}
      onClick={onClick}
      data-testid="nav-staff"
    />
  );
}

export function RoleBadge({ role }: { role: StaffRole }) {
  const { t } = useTranslation(NS);
  return (
    <Badge color={ROLE_COLORS[role]} variant="light" data-testid="role-badge" data-role={role}>
      {t(`roles.${role}`)}
    </Badge>
  );
}

type FormFields = { name: string; email: string; role: StaffRole; password: string };
const EMPTY: FormFields = { name: '', email: '', role: 'agent', password: '' };

function CreateForm({ opened, onClose, onCreated }: { opened: boolean; onClose(): void; onCreated(s: Staff): void }) {
  const { t } = useTranslation(NS);
  const [values, setValues] = useState<FormFields>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof FormFields, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (field: keyof FormFields) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };
  const close = () => {
    setValues(EMPTY);
    setErrors({});
    setFailure(null);
    onClose();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing: Partial<Record<keyof FormFields, string>> = {};
    for (const field of ['name', 'email', 'password'] as const) {
      if (!values[field].trim()) missing[field] = t('form.required');
    }
    if (Object.keys(missing).length) {
      setErrors(missing);
      return;
    }
    setSaving(true);
    setFailure(null);
    try {
      const staff = await callBridge('staff.create', values);
      setValues(EMPTY);
      setErrors({});
      onCreated(staff);
    } catch (error) {
      const fields = error instanceof BridgeError ? (error.info.fields ?? {}) : {};
      const known = Object.fromEntries(Object.entries(fields).filter(([f]) => f in EMPTY));
      setErrors(known);
      if (Object.keys(known).length === 0) setFailure(t('form.failed', { message: errorMessage(error) }));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('form.title')}
      centered
      closeButtonProps={{ 'aria-label': t('close') }}
    >
      <form onSubmit={submit} noValidate data-testid="staff-form">
        <Stack gap="sm">
          <TextInput
            label={t('form.name')}
            value={values.name}
            onChange={(e) => set('name')(e.currentTarget.value)}
            error={errors.name}
            required
            data-autofocus
            data-testid="staff-name"
          />
          <TextInput
            label={t('form.email')}
            type="email"
            value={values.email}
            onChange={(e) => set('email')(e.currentTarget.value)}
            error={errors.email}
            required
            data-testid="staff-email"
          />
          <Select
            label={t('form.role')}
            data={StaffRoles.options.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            value={values.role}
            onChange={(v) => v && set('role')(v)}
            allowDeselect={false}
            error={errors.role}
            data-testid="staff-role"
          />
          <PasswordInput
            label={t('form.password')}
            description={t('form.passwordHint')}
            value={values.password}
            onChange={(e) => set('password')(e.currentTarget.value)}
            error={errors.password}
            required
            autoComplete="new-password"
            data-testid="staff-password"
          />
          {failure && (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('form.cancel')}
            </Button>
            <Button type="submit" loading={saving} data-testid="staff-submit">
              {t('form.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function StaffPage() {
  const { t } = useTranslation(NS);
  const account = useAccount();
  const [staff, setStaff] = useState<StaffAccount[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [disabling, setDisabling] = useState<StaffAccount | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      setStaff((await callBridge('staff.list', { limit: 500, includeDisabled: true })).items);
    } catch (error) {
      setLoadError(errorMessage(error));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const changeRole = async (member: StaffAccount, role: StaffRole) => {
    if (role === member.role) return;
    setBusy(member.id);
    try {
      const { staff: updated } = await callBridge('staff.update', { id: member.id, role });
      if (updated) setStaff((list) => list?.map((s) => (s.id === updated.id ? { ...s, ...updated } : s)) ?? null);
      toast('green', t('roleChanged', { name: member.name, role: t(`roles.${role}`) }));
    } catch (error) {
      toast('red', t('roleFailed', { name: member.name, message: errorMessage(error) }));
    } finally {
      setBusy(null);
    }
  };

  const disable = async (member: StaffAccount) => {
    setBusy(member.id);
    try {
      await callBridge('staff.update', { id: member.id, disabled: true });
      const disabledAt = new Date().toISOString();
      setStaff((list) => list?.map((s) => (s.id === member.id ? { ...s, disabledAt } : s)) ?? null);
      setDisabling(null);
      toast('green', t('disabled', { name: member.name }));
    } catch (error) {
      setDisabling(null);
      toast('red', t('disableFailed', { name: member.name, message: errorMessage(error) }));
    } finally {
      setBusy(null);
    }
  };

  const me = account?.staff?.id;
  return (
    <Stack p="md" gap="md" data-testid="staff-page">
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={2}>{t('title')}</Title>
          <Text size="sm" c="dimmed">
            {t('intro')}
          </Text>
        </Stack>
        <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
          {t('create')}
        </Button>
      </Group>
      {loadError && (
        <Alert color="red" role="alert">
          <Group justify="space-between">
            <Text size="sm">{t('loadFailed', { message: loadError })}</Text>
            <Button size="xs" variant="default" onClick={() => void load()}>
              {t('retry')}
            </Button>
          </Group>
        </Alert>
      )}
      {!staff && !loadError && <Text c="dimmed">{t('loading')}</Text>}
      {staff && staff.length === 0 && <Text c="dimmed">{t('none')}</Text>}
      {staff && staff.length > 0 && (
        <>
          <Text size="sm" c="dimmed" data-testid="staff-count">
            {t('count', { count: staff.filter((s) => s.disabledAt === null).length })}
          </Text>
          <Table striped highlightOnHover withTableBorder data-testid="staff-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('col.name')}</Table.Th>
                <Table.Th>{t('col.email')}</Table.Th>
                <Table.Th>{t('col.role')}</Table.Th>
                <Table.Th>{t('col.status')}</Table.Th>
                <Table.Th>{t('col.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {staff.map((member) => {
                const self = member.id === me;
                const off = member.disabledAt !== null;
                return (
                  <Table.Tr
                    key={member.id}
                    data-testid="staff-row"
                    data-email={member.email}
                    data-disabled={off || undefined}
                    style={off ? { opacity: 0.6 } : undefined}
                  >
                    <Table.Td>
                      <Group gap="xs">
                        <Text size="sm" style={{ unicodeBidi: 'plaintext' }}>
                          {member.name}
                        </Text>
                        {self && (
                          <Badge size="xs" variant="outline">
                            {t('you')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" dir="ltr">
                        {member.email}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <RoleBadge role={member.role} />
                    </Table.Td>
                    <Table.Td>
                      {off ? (
                        <Badge color="red" variant="dot" data-testid="staff-disabled">
                          {t('disabledState')}
                        </Badge>
                      ) : (
                        <Badge color="green" variant="dot">
                          {t('active')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {!off && (
                        <Group gap="xs" wrap="nowrap">
                          <Select
                            size="xs"
                            w={150}
                            aria-label={t('changeRole', { name: member.name })}
                            data={StaffRoles.options.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
                            value={member.role}
                            allowDeselect={false}
                            disabled={self || busy === member.id}
                            onChange={(v) => v && void changeRole(member, v as StaffRole)}
                            data-testid="staff-role-select"
                          />
                          <Button
                            size="xs"
                            color="red"
                            variant="light"
                            disabled={self || busy === member.id}
                            aria-label={t('disableLabel', { name: member.name })}
                            onClick={() => setDisabling(member)}
                          >
                            {t('disable')}
                          </Button>
                        </Group>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </>
      )}
      <CreateForm
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(created) => {
          setCreating(false);
          setStaff((list) => [...(list ?? []), { ...created, disabledAt: null }]);
          toast('green', t('form.created', { name: created.name, role: t(`roles.${created.role}`) }));
        }}
      />
      <Modal
        opened={disabling !== null}
        onClose={() => setDisabling(null)}
        title={t('confirmTitle')}
        centered
        closeButtonProps={{ 'aria-label': t('close') }}
      >
        {disabling && (
          <Stack gap="md">
            <Text size="sm">{t('confirmText', { name: disabling.name, email: disabling.email })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDisabling(null)}>
                {t('cancel')}
              </Button>
              <Button
                color="red"
                loading={busy === disabling.id}
                onClick={() => void disable(disabling)}
                data-testid="staff-disable-confirm"
              >
                {t('confirm')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
