-- B9, the rules of B3's moderation flags, edited by moderators and admins: one row. `revision` is new at every edit;
-- each backend instance keeps the rules it compiled by revision and reads only the revision when a message is
-- written, so an edit made through any instance applies to the next message on every instance.
-- The blocked words start as the list the flags used before the rules could be edited.

CREATE TABLE moderation_rules (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  blocked_words text[] NOT NULL,
  allowed_domains text[] NOT NULL DEFAULT '{}',
  detect_phones boolean NOT NULL DEFAULT true,
  detect_emails boolean NOT NULL DEFAULT true,
  detect_links boolean NOT NULL DEFAULT true,
  revision uuid NOT NULL DEFAULT gen_random_uuid(),
  -- null until the first edit
  updated_at timestamptz(3),
  updated_by uuid REFERENCES staff (id) ON DELETE SET NULL,
  updated_by_name text
);

INSERT INTO moderation_rules (blocked_words) VALUES (ARRAY[
  'واتساب', 'واتس اب', 'واتس', 'whatsapp', 'whats app', 'تلغرام', 'تليجرام', 'telegram', 'سناب', 'snapchat',
  'تحويل بنكي', 'حوالة بنكية', 'bank transfer', 'wire transfer', 'iban', 'ايبان', 'خارج التطبيق', 'outside the app',
  'pay me directly', 'ادفع لي مباشرة'
]);
