/**
 * The question log's schema, one migration per version. A migration is never edited once shipped:
 * a change is a new entry, so every database, however old, reaches the same schema at start.
 * `PRAGMA user_version` records how many have run.
 */
export const migrations: readonly string[] = [
  `
  CREATE TABLE questions (
    id TEXT PRIMARY KEY,            -- given when the question is handled, so buttons can name it before it is written
    at INTEGER NOT NULL,            -- milliseconds since the epoch
    guild_id TEXT,                  -- null in DMs
    channel_kind TEXT NOT NULL,     -- channel, answer_channel, thread, forum, dm, slash
    user_hash TEXT NOT NULL,        -- HMAC of the member's id; the id itself is never stored
    question TEXT NOT NULL,         -- at most 500 characters
    normalized TEXT NOT NULL,       -- the grouping key of near-identical phrasings
    status TEXT NOT NULL,           -- answered, suggestions, no_match
    kind TEXT,                      -- faq, term, table
    record_id TEXT,
    confidence REAL NOT NULL,
    suggestions TEXT NOT NULL       -- JSON array of "kind:id" offered
  ) WITHOUT ROWID;
  CREATE INDEX questions_at ON questions (at);
  CREATE INDEX questions_user ON questions (user_hash);

  -- One vote per member per reply: a second press replaces the first.
  CREATE TABLE votes (
    question_id TEXT NOT NULL,
    user_hash TEXT NOT NULL,
    helpful INTEGER NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (question_id, user_hash)
  ) WITHOUT ROWID;
  CREATE INDEX votes_user ON votes (user_hash);
  CREATE INDEX votes_at ON votes (at);

  -- What a member or helper said a question was about: a suggestion pressed, "None of these", a helper's pick.
  CREATE TABLE labels (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    user_hash TEXT NOT NULL,
    source TEXT NOT NULL,           -- suggestion, none, helper
    question TEXT NOT NULL,
    normalized TEXT NOT NULL,
    kind TEXT,                      -- null for "None of these"
    record_id TEXT
  );
  CREATE INDEX labels_user ON labels (user_hash);
  CREATE INDEX labels_at ON labels (at);
  CREATE INDEX labels_normalized ON labels (normalized);

  -- Gap rows a moderator dismissed (by grouping key); they stay hidden until asked again after that.
  CREATE TABLE dismissed (
    normalized TEXT PRIMARY KEY,
    at INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  // A label holds the words of the member who asked, whoever pressed the button: /forget-me finds it by
  // asker_hash. Its server lets a server's moderators see their own server's labels only.
  `
  ALTER TABLE labels ADD COLUMN guild_id TEXT;    -- the server of the question labelled; null in DMs
  ALTER TABLE labels ADD COLUMN asker_hash TEXT;  -- HMAC of the id of the member whose words \`question\` holds; null in rows written before
  CREATE INDEX labels_asker ON labels (asker_hash);
  CREATE INDEX questions_guild ON questions (guild_id, at);
  `,
];
