-- B9: the feed's moderation.rules.updated events carried the whole rules (blocked words, allowed domains) to every
-- staff member, agents too, who may not read them. An event now says only the new revision, when and by whom; the
-- events already stored are cut down to the same. The revision of an earlier edit was not kept: they name the current
-- one (a desk replaying them reads the rules in force, as it does for any of them).
UPDATE events
SET payload = (payload - 'rules') || jsonb_build_object(
  'revision', (SELECT revision::text FROM moderation_rules),
  'updatedAt', payload->'rules'->'updatedAt',
  'updatedBy', payload->'rules'->'updatedBy'
)
WHERE type = 'moderation.rules.updated' AND payload ? 'rules';
