/** The SQLite schema, one migration per entry; applied in order at start, each once. */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE subscriptions (
    key         TEXT PRIMARY KEY,
    platform    TEXT NOT NULL,
    channel_id  TEXT NOT NULL,
    reference   TEXT,
    lead_days   TEXT NOT NULL,
    time_zone   TEXT,
    post_at     TEXT,
    origin      TEXT NOT NULL CHECK (origin IN ('chat', 'config')),
    since       INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
  );
  CREATE TABLE deliveries (
    subscription_key TEXT NOT NULL,
    milestone_id     TEXT NOT NULL,
    lead_days        INTEGER NOT NULL,
    send_at          INTEGER NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('claimed', 'retry', 'sent', 'failed', 'skipped')),
    attempts         INTEGER NOT NULL,
    lease_until      INTEGER,
    next_attempt_at  INTEGER,
    last_error       TEXT,
    sent_at          INTEGER,
    updated_at       INTEGER NOT NULL,
    PRIMARY KEY (subscription_key, milestone_id, lead_days)
  );
  CREATE INDEX deliveries_pending ON deliveries (state) WHERE state IN ('claimed', 'retry');
  CREATE TABLE reminder_state (
    name TEXT PRIMARY KEY,
    at   INTEGER NOT NULL
  );
  `,
  // The chat adapters' state: written on every message, so kept lean (clustered on the key, no other index;
  // the hourly prune scans the table).
  `
  CREATE TABLE thread_contexts (
    platform    TEXT NOT NULL,
    key         TEXT NOT NULL,
    context     TEXT NOT NULL,
    updated_at  INTEGER NOT NULL,
    PRIMARY KEY (platform, key)
  ) WITHOUT ROWID;
  CREATE TABLE handled_events (
    platform    TEXT NOT NULL,
    event_id    TEXT NOT NULL,
    claimed_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    PRIMARY KEY (platform, event_id)
  ) WITHOUT ROWID;
  `,
  // Keeping it current: a channel may turn the "New in Haiti Brief" digest off; each channel's mark (the
  // newest source date its last brief rested on) tells what is new to it.
  `
  ALTER TABLE subscriptions ADD COLUMN digest INTEGER NOT NULL DEFAULT 1;
  CREATE TABLE channel_news_marks (
    channel_key       TEXT PRIMARY KEY,
    newest_date       TEXT NOT NULL,
    newest_precision  TEXT NOT NULL,
    newest_end        INTEGER NOT NULL,
    brief_at          INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  // Signatures of the signed requests answered (replays are refused), kept five minutes.
  `
  CREATE TABLE request_signatures (
    platform    TEXT NOT NULL,
    signature   TEXT NOT NULL,
    expires_at  INTEGER NOT NULL,
    PRIMARY KEY (platform, signature)
  ) WITHOUT ROWID;
  `,
  // Who last turned a subscription on or changed it in chat (a user id), for that person's App Home.
  `
  ALTER TABLE subscriptions ADD COLUMN set_by TEXT;
  `,
];
