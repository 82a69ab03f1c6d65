// Staff accounts (B4), for admins (staff.manage): the active accounts with their role badges, a form to create one
// (the core's field errors shown on the field), a role change per row, disabling with a confirmation, and enabling a
// disabled account again with a confirmation as well. Online only: every action asks the backend through the core,
// which says so plainly when it cannot be reached.
import { Alert, Badge, Button, Group, Modal, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { StaffAccount } from '@shared/api.ts';
import { type Staff, type StaffRole, StaffRole as StaffRoles } from '@shared/domain.ts';
import { IconUserPlus } from '@tabler/icons-react';
import i18next from 'i18next';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ListColumn, ListTable } from '../../app/ListTable.tsx';
import { BridgeError, callBridge, errorMessage, useAccount } from '../../bridge/bridgeHooks.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
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
  const [enabling, setEnabling] = useState<StaffAccount | null>(null);
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

  const enable = async (member: StaffAccount) => {
    setBusy(member.id);
    try {
      await callBridge('staff.enable', { id: member.id });
      setStaff((list) => list?.map((s) => (s.id === member.id ? { ...s, disabledAt: null } : s)) ?? null);
      setEnabling(null);
      toast('green', t('enabled', { name: member.name }));
    } catch (error) {
      setEnabling(null);
      toast('red', t('enableFailed', { name: member.name, message: errorMessage(error) }));
    } finally {
      setBusy(null);
    }
  };

  const me = account?.staff?.id;
  const columns: ListColumn<StaffAccount>[] = [
    {
      key: 'name',
      header: t('col.name'),
      cell: (member) => (
        <Group gap="xs">
          <Text size="sm" style={{ unicodeBidi: 'plaintext' }}>
            {member.name}
          </Text>
          {member.id === me && (
            <Badge size="xs" variant="outline">
              {t('you')}
            </Badge>
          )}
        </Group>
      ),
    },
    {
      key: 'email',
      header: t('col.email'),
      cell: (member) => (
        <Text size="sm" dir="ltr">
          {member.email}
        </Text>
      ),
    },
    { key: 'role', header: t('col.role'), cell: (member) => <RoleBadge role={member.role} /> },
    {
      key: 'status',
      header: t('col.status'),
      cell: (member) =>
        member.disabledAt !== null ? (
          <Badge color="red" variant="dot" data-testid="staff-disabled">
            {t('disabledState')}
          </Badge>
        ) : (
          <Badge color="green" variant="dot">
            {t('active')}
          </Badge>
        ),
    },
    {
      key: 'actions',
      header: t('col.actions'),
      cell: (member) => {
        if (member.disabledAt !== null) {
          return (
            <Button
              size="xs"
              color="green"
              variant="light"
              disabled={member.id === me || busy === member.id}
              aria-label={t('enableLabel', { name: member.name })}
              onClick={() => setEnabling(member)}
              data-testid="staff-enable"
            >
              {t('enable')}
            </Button>
          );
        }
        const locked = member.id === me || busy === member.id;
        return (
          <Group gap="xs" wrap="nowrap">
            <Select
              size="xs"
              w={150}
              aria-label={t('changeRole', { name: member.name })}
              data={StaffRoles.options.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              value={member.role}
              allowDeselect={false}
              disabled={locked}
              onChange={(v) => v && void changeRole(member, v as StaffRole)}
              data-testid="staff-role-select"
            />
            <Button
              size="xs"
              color="red"
              variant="light"
              disabled={locked}
              aria-label={t('disableLabel', { name: member.name })}
              onClick={() => setDisabling(member)}
            >
              {t('disable')}
            </Button>
          </Group>
        );
      },
    },
  ];
  return (
    <ListTable
      testId="staff-page"
      title={t('title')}
      intro={t('intro')}
      actions={
        <Button leftSection={<IconUserPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
          {t('create')}
        </Button>
      }
      count={staff && t('count', { count: staff.filter((s) => s.disabledAt === null).length })}
      countTestId="staff-count"
      error={loadError && t('loadFailed', { message: loadError })}
      retry={{ label: t('retry'), onRetry: () => void load() }}
      columns={columns}
      rows={staff}
      rowKey={(member) => member.id}
      rowTestId="staff-row"
      rowProps={(member) => {
        const off = member.disabledAt !== null;
        return {
          'data-email': member.email,
          'data-disabled': off || undefined,
          style: off ? { opacity: 0.6 } : undefined,
        };
      }}
      tableTestId="staff-table"
      emptyText={t('none')}
      paging={{ kind: 'whole', loadingText: t('loading') }}
    >
      <CreateForm
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(created) => {
          setCreating(false);
          setStaff((list) => [...(list ?? []), { ...created, disabledAt: null }]);
          toast('green', t('form.created', { name: created.name, role: t(`roles.${created.role}`) }));
        }}
      />
      <ConfirmDialog
        opened={disabling !== null}
        title={t('confirmTitle')}
        body={disabling ? t('confirmText', { name: disabling.name, email: disabling.email }) : ''}
        confirmLabel={t('confirm')}
        cancelLabel={t('cancel')}
        busy={disabling !== null && busy === disabling.id}
        confirmTestId="staff-disable-confirm"
        onConfirm={() => disabling && void disable(disabling)}
        onCancel={() => setDisabling(null)}
      />
      <ConfirmDialog
        opened={enabling !== null}
        title={t('enableTitle')}
        body={enabling ? t('enableText', { name: enabling.name, email: enabling.email }) : ''}
        confirmLabel={t('enableConfirm')}
        cancelLabel={t('cancel')}
        busy={enabling !== null && busy === enabling.id}
        confirmColor="green"
        confirmTestId="staff-enable-confirm"
        onConfirm={() => enabling && void enable(enabling)}
        onCancel={() => setEnabling(null)}
      />
    </ListTable>
  );
}
