// B9: the moderation rules (one row, migration 012): read and edited by staff, and the compiled rules every new
// message is flagged by. Each process keeps the rules it compiled by revision (a new one at every edit). A message is
// flagged by the rules this process used last, and its insert holds only if their revision is still the one in force
// (messages.ts); when it is not, the rules are read again and the message flagged by them. So an edit through any
// backend instance applies to the next message on all of them, with no read of its own in a message's write, and
// the lists are read and compiled again only when they changed.
import { AppError } from '../../shared/errors.ts';
import type { ModerationRules, ModerationRulesBody } from '../../shared/moderationRules.ts';
import { prepared, type Queryable } from '../db/db.ts';
import { type CompiledRules, compileRules } from '../moderation.ts';
import type { WriteCtx } from './context.ts';

interface RulesRow {
  blocked_words: string[];
  allowed_domains: string[];
  detect_phones: boolean;
  detect_emails: boolean;
  detect_links: boolean;
  revision: string;
  updated_at: string | null;
  updated_by: string | null;
  updated_by_name: string | null;
}

const RULES_COLUMNS = `blocked_words, allowed_domains, detect_phones, detect_emails, detect_links, revision, updated_at,
  updated_by, updated_by_name`;

const toRules = (r: RulesRow): ModerationRules => ({
  revision: r.revision,
  blockedWords: r.blocked_words,
  allowedDomains: r.allowed_domains,
  detectPhones: r.detect_phones,
  detectEmails: r.detect_emails,
  detectLinks: r.detect_links,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by ? { id: r.updated_by, name: r.updated_by_name ?? '' } : null,
});

/** Compiled rules by revision. A revision names one content for good, whichever database it is in. */
const compiled = new Map<string, CompiledRules>();
const KEEP_REVISIONS = 16;

function remember(revision: string, rules: ModerationRules): CompiledRules {
  const ready = compileRules(rules);
  compiled.set(revision, ready);
  if (compiled.size > KEEP_REVISIONS) compiled.delete(compiled.keys().next().value as string);
  return ready;
}

async function readRow(db: Queryable): Promise<RulesRow> {
  const { rows } = await db.query<RulesRow>(`SELECT ${RULES_COLUMNS} FROM moderation_rules`);
  const row = rows[0];
  if (!row) throw new Error('moderation_rules has no row (migration 012 adds it)');
  return row;
}

export async function readRules(db: Queryable): Promise<ModerationRules> {
  return toRules(await readRow(db));
}

export interface RulesInForce {
  revision: string;
  rules: CompiledRules;
}

/** The rules this process flagged a message by last: most likely still those in force. */
let lastUsed: RulesInForce | null = null;

/** The rules in force as `db`'s transaction sees them now: one small read while they are unchanged. */
export async function currentRules(db: Queryable): Promise<RulesInForce> {
  const { rows } = await db.query<{ revision: string }>(RULES_REVISION);
  const revision = rows[0]?.revision;
  const known = revision ? compiled.get(revision) : undefined;
  if (revision && known) {
    lastUsed = { revision, rules: known };
    return lastUsed;
  }
  const row = await readRow(db);
  lastUsed = { revision: row.revision, rules: remember(row.revision, toRules(row)) };
  return lastUsed;
}

/**
 * The rules a message is flagged by before its insert, which holds only if their revision is still in force: those
 * used last, with no read (the first message of a process reads them).
 */
export async function likelyRules(db: Queryable): Promise<RulesInForce> {
  return lastUsed ?? currentRules(db);
}

const RULES_REVISION = prepared('SELECT revision FROM moderation_rules');

const difference = (a: readonly string[], b: readonly string[]) => a.filter((x) => !b.includes(x));

/**
 * Replaces the rules, with an event and an audit entry saying what changed. Messages already written keep their flags.
 * The edit names the revision it was made from: when the rules changed since (another moderator's edit), it is refused
 * with 409 and nothing changes, so a change made from an old copy (an offline desk's) cannot undo the edits since.
 */
export async function updateRules(ctx: WriteCtx, body: ModerationRulesBody): Promise<ModerationRules> {
  // The row lock orders two edits at once: the second sees the first's revision, and its audit entry compares with
  // the rules it replaced.
  const { rows: before } = await ctx.tx.query<RulesRow>(`SELECT ${RULES_COLUMNS} FROM moderation_rules FOR UPDATE`);
  const old = before[0];
  if (old && old.revision !== body.revision) {
    const by = old.updated_by_name ? ` by ${old.updated_by_name}` : '';
    throw new AppError(
      'conflict',
      `The rules were changed${by} since revision ${body.revision} this edit was made from: read them again ` +
        `(revision ${old.revision}) and make the change on them`,
      { revision: `is not the current revision (${old.revision})` },
    );
  }
  const { rows } = await ctx.tx.query<RulesRow>(
    `UPDATE moderation_rules SET blocked_words = $1::text[], allowed_domains = $2::text[], detect_phones = $3,
        detect_emails = $4, detect_links = $5, revision = gen_random_uuid(), updated_at = now(), updated_by = $6,
        updated_by_name = $7
     RETURNING ${RULES_COLUMNS}`,
    [
      body.blockedWords,
      body.allowedDomains,
      body.detectPhones,
      body.detectEmails,
      body.detectLinks,
      ctx.staff?.id ?? null,
      ctx.staff?.name ?? null,
    ],
  );
  const row = rows[0] as RulesRow;
  const rules = toRules(row);
  remember(row.revision, rules);
  // Only the revision: the feed reaches agents too, who may not read the rules.
  ctx.events.push({
    type: 'moderation.rules.updated',
    revision: rules.revision,
    updatedAt: rules.updatedAt,
    updatedBy: rules.updatedBy,
  });
  ctx.audits.push({
    action: 'moderation.rules.update',
    targetKind: 'moderation_rules',
    targetId: null,
    details: {
      blockedWords: {
        added: difference(body.blockedWords, old?.blocked_words ?? []),
        removed: difference(old?.blocked_words ?? [], body.blockedWords),
      },
      allowedDomains: {
        added: difference(body.allowedDomains, old?.allowed_domains ?? []),
        removed: difference(old?.allowed_domains ?? [], body.allowedDomains),
      },
      detectPhones: body.detectPhones,
      detectEmails: body.detectEmails,
      detectLinks: body.detectLinks,
    },
  });
  return rules;
}
