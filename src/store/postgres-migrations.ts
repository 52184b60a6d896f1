/** The PostgreSQL schema, one migration per entry; applied in order at start, each once, under an advisory lock. */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE subscriptions (
    key         text PRIMARY KEY,
    platform    text NOT NULL,
    channel_id  text NOT NULL,
    reference   jsonb,
    lead_days   jsonb NOT NULL,
    time_zone   text,
    post_at     text,
    origin      text NOT NULL CHECK (origin IN ('chat', 'config')),
    since       timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE deliveries (
    subscription_key text NOT NULL,
    milestone_id     text NOT NULL,
    lead_days        integer NOT NULL,
    send_at          timestamptz NOT NULL,
    state            text NOT NULL CHECK (state IN ('claimed', 'retry', 'sent', 'failed', 'skipped')),
    attempts         integer NOT NULL,
    lease_until      timestamptz,
    next_attempt_at  timestamptz,
    last_error       text,
    sent_at          timestamptz,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (subscription_key, milestone_id, lead_days)
  );
  CREATE INDEX deliveries_pending ON deliveries (state) WHERE state IN ('claimed', 'retry');
  CREATE TABLE reminder_state (
    name text PRIMARY KEY,
    at   timestamptz NOT NULL
  );
  `,
  `
  CREATE TABLE thread_contexts (
    platform    text NOT NULL,
    key         text NOT NULL,
    context     jsonb NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (platform, key)
  );
  CREATE INDEX thread_contexts_age ON thread_contexts (updated_at);
  CREATE TABLE handled_events (
    platform    text NOT NULL,
    event_id    text NOT NULL,
    claimed_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    PRIMARY KEY (platform, event_id)
  );
  CREATE INDEX handled_events_expiry ON handled_events (expires_at);
  `,
  // Keeping it current: a channel may turn the "New in Haiti Brief" digest off; each channel's mark (the
  // newest source date its last brief rested on) tells what is new to it.
  `
  ALTER TABLE subscriptions ADD COLUMN digest boolean NOT NULL DEFAULT true;
  CREATE TABLE channel_news_marks (
    channel_key       text PRIMARY KEY,
    newest_date       text NOT NULL,
    newest_precision  text NOT NULL,
    newest_end        timestamptz NOT NULL,
    brief_at          timestamptz NOT NULL
  );
  `,
  `
  CREATE TABLE request_signatures (
    platform    text NOT NULL,
    signature   text NOT NULL,
    expires_at  timestamptz NOT NULL,
    PRIMARY KEY (platform, signature)
  );
  CREATE INDEX request_signatures_expiry ON request_signatures (expires_at);
  `,
  // Who last turned a subscription on or changed it in chat (a user id), for that person's App Home.
  `
  ALTER TABLE subscriptions ADD COLUMN set_by text;
  `,
];
