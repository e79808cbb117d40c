-- Closeout schema, version 2: accounts, sessions, login throttling and display links.
--
-- Every instant here is UTC ISO text ('...Z'), like the audit columns of version 1.
-- Tokens (session cookies, display links) are never stored: only their SHA-256, as lowercase hex.

ALTER TABLE users ADD COLUMN password_changed_at TEXT;
ALTER TABLE users ADD COLUMN last_login_at TEXT;

-- A signed-in browser. A new row (and token) at every login; deleted at logout, on password change
-- and when the user is deactivated. expires_at slides with use up to a fixed limit after created_at.
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users (id),
  -- The anti-CSRF token of this session: state-changing requests must echo it in X-CSRF-Token.
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  client_ip TEXT,
  user_agent TEXT,
  CHECK (expires_at > created_at)
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

-- Failed sign-ins per key: 'user:<user name>' or 'ip:<client address>'. Kept in the database so a
-- restart does not reset an attacker's count.
CREATE TABLE login_throttle (
  key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL CHECK (failures > 0),
  window_started_at TEXT NOT NULL,
  locked_until TEXT
);

-- A revocable read-only link for a meeting-room screen (DESIGN.md §5 Big screen).
CREATE TABLE display_links (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) > 0),
  token_hash TEXT NOT NULL UNIQUE,
  -- Optional saved deck configuration (JSON object) the screen shows.
  deck TEXT,
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users (id),
  revoked_at TEXT,
  revoked_by INTEGER REFERENCES users (id),
  last_used_at TEXT,
  CHECK (revoked_by IS NULL OR revoked_at IS NOT NULL)
);
