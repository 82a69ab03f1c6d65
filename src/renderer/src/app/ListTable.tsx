// The shell of a list page (Users, Orders, Staff accounts, Audit log): the title and intro, the filters with the
// count, the error alert (with "Try again" where the page can retry), the table with its empty text, and the
// paging. The page keeps its data, its filters and its cells; the shell lays them out the same way everywhere.
//
// Two kinds, as the pages need them:
// - `pages`: one server page at a time with page numbers below. The table stays up while a page loads, says that
//   nothing matches in a row of its own, and the count stands beside the filters.
// - `whole`: the whole list (or what "Load more" fetched so far). A loading line until the first rows arrive, the
//   empty text instead of the table, the count above the table and the page's own footer below it.
import {
  Alert,
  Button,
  Group,
  Pagination,
  Stack,
  Table,
  type TableTdProps,
  type TableTrProps,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { usePaginationLabels } from './pagination.ts';

export interface ListColumn<Row> {
  key: string;
  header: ReactNode;
  cell(row: Row): ReactNode;
  /** Props of every cell of the column (`dir`, `style`). */
  td?: TableTdProps;
}

type DataAttributes = { [name: `data-${string}`]: string | boolean | undefined };

export type ListPaging =
  | { kind: 'pages'; page: number; pageSize: number; total: number | null; onPage(page: number): void }
  | { kind: 'whole'; loadingText: string; footer?: ReactNode };

export interface ListTableProps<Row> {
  /** The page's `data-testid`. */
  testId: string;
  title: string;
  intro: string;
  /** Beside the title (a "New …" button). */
  actions?: ReactNode;
  /** The search box, first of the filters. */
  search?: { label: string; value: string; onChange(value: string): void };
  /** The other filters above the table. */
  filters?: ReactNode;
  /** How many there are, as the page words it; nothing while unknown. */
  count?: ReactNode;
  countTestId?: string;
  /** The whole error text, or null. */
  error: string | null;
  retry?: { label: string; onRetry(): void };
  columns: readonly ListColumn<Row>[];
  /** Null until the first answer. */
  rows: readonly Row[] | null;
  rowKey(row: Row): string;
  rowTestId: string;
  rowProps?(row: Row): TableTrProps & DataAttributes;
  tableTestId?: string;
  /** Rows light up under the pointer (default true). */
  highlightOnHover?: boolean;
  emptyText: string;
  emptyTestId?: string;
  paging: ListPaging;
  /** Rendered last (the page's dialogs). */
  children?: ReactNode;
}

export function ListTable<Row>(props: ListTableProps<Row>) {
  const { paging, rows, error, count } = props;
  const pageLabels = usePaginationLabels();
  const paged = paging.kind === 'pages';

  const titleAndIntro = (
    <>
      <Title order={2}>{props.title}</Title>
      <Text size="sm" c="dimmed">
        {props.intro}
      </Text>
    </>
  );
  // A paged list's title and intro sit in the page's own tighter column; the others keep them together.
  const heading = paged ? titleAndIntro : <Stack gap={4}>{titleAndIntro}</Stack>;
  const filters = (
    <>
      {props.search && (
        <TextInput
          label={props.search.label}
          value={props.search.value}
          onChange={(e) => props.search?.onChange(e.currentTarget.value)}
          style={{ flex: 1, maxWidth: 420 }}
          type="search"
        />
      )}
      {props.filters}
    </>
  );
  const countText = count ? (
    <Text size="sm" c="dimmed" data-testid={props.countTestId}>
      {count}
    </Text>
  ) : null;
  const table = (
    <Table
      striped
      highlightOnHover={props.highlightOnHover ?? true}
      withTableBorder={!paged}
      data-testid={props.tableTestId}
    >
      <Table.Thead>
        <Table.Tr>
          {props.columns.map((c) => (
            <Table.Th key={c.key}>{c.header}</Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {paged && rows?.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={props.columns.length}>
              <Text c="dimmed" ta="center" data-testid={props.emptyTestId}>
                {props.emptyText}
              </Text>
            </Table.Td>
          </Table.Tr>
        )}
        {rows?.map((row) => (
          <Table.Tr key={props.rowKey(row)} data-testid={props.rowTestId} {...props.rowProps?.(row)}>
            {props.columns.map((c) => (
              <Table.Td key={c.key} {...c.td}>
                {c.cell(row)}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );

  let pages = 1;
  if (paging.kind === 'pages' && paging.total !== null) pages = Math.max(1, Math.ceil(paging.total / paging.pageSize));

  return (
    <Stack p="md" gap={paged ? 'sm' : 'md'} data-testid={props.testId}>
      {props.actions ? (
        <Group justify="space-between" align="flex-start">
          {heading}
          {props.actions}
        </Group>
      ) : (
        heading
      )}
      {paged ? (
        <Group align="flex-end">
          {filters}
          {countText}
        </Group>
      ) : (
        (props.search || props.filters) && (
          <Group gap="sm" align="flex-end">
            {filters}
          </Group>
        )
      )}
      {error && (
        <Alert color="red" role="alert">
          {props.retry ? (
            <Group justify="space-between">
              <Text size="sm">{error}</Text>
              <Button size="xs" variant="default" onClick={props.retry.onRetry}>
                {props.retry.label}
              </Button>
            </Group>
          ) : (
            error
          )}
        </Alert>
      )}
      {paging.kind === 'pages' ? (
        <>
          {table}
          {pages > 1 && (
            <Pagination
              value={paging.page}
              onChange={paging.onPage}
              total={pages}
              size="sm"
              getControlProps={pageLabels}
            />
          )}
        </>
      ) : (
        <>
          {rows === null && !error && <Text c="dimmed">{paging.loadingText}</Text>}
          {rows !== null && rows.length === 0 && (
            <Text c="dimmed" data-testid={props.emptyTestId}>
              {props.emptyText}
            </Text>
          )}
          {rows !== null && rows.length > 0 && (
            <>
              {countText}
              {table}
              {paging.footer}
            </>
          )}
        </>
      )}
      {props.children}
    </Stack>
  );
}
