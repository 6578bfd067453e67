// Each migration is applied once, in order, inside one transaction with the user_version bump.
// Never edit a migration that has shipped: add the next number instead.
#include "migrations.hpp"

#include "audit_store.hpp"

#include <array>

namespace iop::detail {

namespace {

// 1: clinicians, clients and the audit log.
constexpr const char* k_migration_1 = R"SQL(
CREATE TABLE clinicians (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,   -- AUTOINCREMENT: ids are never reused
  name        TEXT NOT NULL CHECK (length(name) > 0),
  credential  TEXT NOT NULL CHECK (length(credential) > 0),
  npi         TEXT UNIQUE CHECK (npi IS NULL OR length(npi) = 10),
  timezone    TEXT NOT NULL,
  email       TEXT,
  active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at  TEXT NOT NULL
);
CREATE TABLE clinician_roles (
  clinician_id INTEGER NOT NULL REFERENCES clinicians(id),
  role         TEXT NOT NULL CHECK (role IN ('individual', 'couples', 'addiction', 'group', 'medical')),
  PRIMARY KEY (clinician_id, role)
) WITHOUT ROWID;

CREATE TABLE clients (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  first_name       TEXT NOT NULL CHECK (length(first_name) > 0),
  last_name        TEXT NOT NULL CHECK (length(last_name) > 0),
  search_name      TEXT NOT NULL,                   -- folded "first last" for accent-insensitive search
  date_of_birth    TEXT NOT NULL,
  sex              TEXT NOT NULL DEFAULT 'U' CHECK (sex IN ('F', 'M', 'X', 'U')),
  phone            TEXT,
  email            TEXT,
  timezone         TEXT NOT NULL,
  track            TEXT NOT NULL DEFAULT 'mh' CHECK (track IN ('mh', 'sud', 'dual')),
  clinician_id     INTEGER REFERENCES clinicians(id),
  admission_date   TEXT NOT NULL,
  status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'discharged')),
  discharge_date   TEXT,
  discharge_reason TEXT CHECK (discharge_reason IS NULL OR discharge_reason IN
                     ('completed', 'transferred', 'withdrew', 'ama', 'administrative', 'other')),
  created_at       TEXT NOT NULL,
  CHECK (admission_date >= date_of_birth),
  CHECK ((status = 'active' AND discharge_date IS NULL) OR
         (status = 'discharged' AND discharge_date IS NOT NULL AND discharge_date >= admission_date))
);
CREATE INDEX clients_identity ON clients (last_name, first_name, date_of_birth);
CREATE INDEX clients_clinician ON clients (clinician_id);

CREATE TABLE client_diagnoses (
  client_id INTEGER NOT NULL REFERENCES clients(id),
  position  INTEGER NOT NULL CHECK (position >= 1),  -- 1 is the primary diagnosis
  code      TEXT NOT NULL,
  PRIMARY KEY (client_id, position),
  UNIQUE (client_id, code)
) WITHOUT ROWID;

-- Who did what, when. Never clinical text. Append-only: the database refuses changes.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  command     TEXT NOT NULL,
  action      TEXT NOT NULL,
  record_kind TEXT,
  record_id   INTEGER
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- Records are never hard-deleted by a normal command.
CREATE TRIGGER clients_no_delete BEFORE DELETE ON clients
BEGIN SELECT RAISE(ABORT, 'client records are never deleted; discharge instead'); END;
CREATE TRIGGER clinicians_no_delete BEFORE DELETE ON clinicians
BEGIN SELECT RAISE(ABORT, 'clinician records are never deleted; deactivate instead'); END;
)SQL";

// 2: couples. A client is in at most one active couple; history is kept.
constexpr const char* k_migration_2 = R"SQL(
CREATE TABLE couples (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  client_a      INTEGER NOT NULL REFERENCES clients(id),
  client_b      INTEGER NOT NULL REFERENCES clients(id),
  therapist_id  INTEGER REFERENCES clinicians(id),
  since         TEXT NOT NULL,
  until         TEXT,
  end_reason    TEXT,
  created_at    TEXT NOT NULL,
  CHECK (client_a <> client_b),
  CHECK (until IS NULL OR until >= since)
);
CREATE INDEX couples_client_a ON couples (client_a);
CREATE INDEX couples_client_b ON couples (client_b);
-- The rule is checked by the program with a clear message; this is the backstop for any other path.
CREATE TRIGGER couples_one_active_insert BEFORE INSERT ON couples WHEN NEW.until IS NULL
BEGIN
  SELECT RAISE(ABORT, 'a client can be in only one active couple')
  WHERE EXISTS (SELECT 1 FROM couples c WHERE c.until IS NULL
                AND (c.client_a IN (NEW.client_a, NEW.client_b) OR c.client_b IN (NEW.client_a, NEW.client_b)));
END;
CREATE TRIGGER couples_no_delete BEFORE DELETE ON couples
BEGIN SELECT RAISE(ABORT, 'couple history is never deleted; unpair instead'); END;
)SQL";

// 3: groups, sessions with their participants and attendance, recurring series, session history.
constexpr const char* k_migration_3 = R"SQL(
CREATE TABLE groups (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  name         TEXT NOT NULL CHECK (length(name) > 0),
  clinician_id INTEGER NOT NULL REFERENCES clinicians(id),
  capacity     INTEGER CHECK (capacity IS NULL OR capacity > 0),
  created_at   TEXT NOT NULL
);
CREATE TABLE group_members (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  group_id  INTEGER NOT NULL REFERENCES groups(id),
  client_id INTEGER NOT NULL REFERENCES clients(id),
  joined_on TEXT NOT NULL,
  left_on   TEXT,
  CHECK (left_on IS NULL OR left_on >= joined_on)
);
CREATE UNIQUE INDEX group_members_one_current ON group_members (group_id, client_id) WHERE left_on IS NULL;
CREATE INDEX group_members_client ON group_members (client_id);

CREATE TABLE session_series (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  rule       TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE sessions (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  type             TEXT NOT NULL CHECK (type IN ('individual', 'addiction', 'couples', 'group', 'medical', 'intake')),
  clinician_id     INTEGER NOT NULL REFERENCES clinicians(id),
  client_id        INTEGER REFERENCES clients(id),
  couple_id        INTEGER REFERENCES couples(id),
  group_id         INTEGER REFERENCES groups(id),
  start_utc        TEXT NOT NULL,              -- RFC 3339 UTC: sorts and compares as text
  end_utc          TEXT NOT NULL,
  timezone         TEXT NOT NULL,              -- the zone the session was booked in
  modality         TEXT NOT NULL DEFAULT 'video' CHECK (modality IN ('video', 'phone', 'in-person')),
  link             TEXT,
  note_text        TEXT,
  status           TEXT NOT NULL DEFAULT 'scheduled'
                   CHECK (status IN ('scheduled', 'attended', 'no-show', 'cancelled', 'late-cancel')),
  actual_start_utc TEXT,
  actual_end_utc   TEXT,
  series_id        INTEGER REFERENCES session_series(id),
  cancel_reason    TEXT,
  created_at       TEXT NOT NULL,
  CHECK (end_utc > start_utc),
  CHECK ((type = 'couples') = (couple_id IS NOT NULL)),
  CHECK ((type = 'group') = (group_id IS NOT NULL)),
  CHECK ((type IN ('couples', 'group')) = (client_id IS NULL)),
  CHECK ((status = 'attended') = (actual_start_utc IS NOT NULL AND actual_end_utc IS NOT NULL)),
  CHECK (actual_end_utc IS NULL OR actual_end_utc > actual_start_utc)
);
CREATE INDEX sessions_start ON sessions (start_utc);
CREATE INDEX sessions_clinician_start ON sessions (clinician_id, start_utc);
CREATE INDEX sessions_series ON sessions (series_id);

-- Everyone a session books: its client, both partners of a couple, a group's roster on the day.
-- Overlap checks look here, so a partner's individual session blocks a joint one.
CREATE TABLE session_participants (
  session_id INTEGER NOT NULL REFERENCES sessions(id),
  client_id  INTEGER NOT NULL REFERENCES clients(id),
  attendance TEXT CHECK (attendance IS NULL OR attendance IN ('present', 'absent')),
  PRIMARY KEY (session_id, client_id)
) WITHOUT ROWID;
CREATE INDEX session_participants_client ON session_participants (client_id, session_id);

CREATE TABLE session_history (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id    INTEGER NOT NULL REFERENCES sessions(id),
  at            TEXT NOT NULL,
  action        TEXT NOT NULL,
  old_start_utc TEXT,
  old_end_utc   TEXT,
  old_status    TEXT
);
CREATE INDEX session_history_session ON session_history (session_id);

CREATE TRIGGER sessions_no_delete BEFORE DELETE ON sessions
BEGIN SELECT RAISE(ABORT, 'sessions are never deleted; cancel instead'); END;
CREATE TRIGGER groups_no_delete BEFORE DELETE ON groups
BEGIN SELECT RAISE(ABORT, 'groups are never deleted'); END;
)SQL";

// 4: progress notes (locked once signed, addenda only) and outcome measures.
constexpr const char* k_migration_4 = R"SQL(
CREATE TABLE notes (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  session_id     INTEGER NOT NULL REFERENCES sessions(id),
  client_id      INTEGER NOT NULL REFERENCES clients(id),
  template       TEXT NOT NULL CHECK (template IN ('soap', 'dap', 'birp')),
  body           TEXT NOT NULL CHECK (length(body) > 0),
  author         TEXT NOT NULL,               -- the user who wrote the draft (--as, IOP_USER, login)
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL,
  signed_by      INTEGER REFERENCES clinicians(id),
  signed_at      TEXT,
  content_sha256 TEXT,                        -- over note_signed_content(): see lib/notes.cpp
  UNIQUE (session_id, client_id),
  CHECK ((signed_by IS NULL) = (signed_at IS NULL) AND (signed_at IS NULL) = (content_sha256 IS NULL))
);
CREATE INDEX notes_client ON notes (client_id);

-- A signed note never changes and no note is ever deleted: the program is not the only way in.
CREATE TRIGGER notes_signed_locked BEFORE UPDATE ON notes WHEN OLD.signed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a signed note is locked; add an addendum instead'); END;
CREATE TRIGGER notes_keep_owner BEFORE UPDATE OF session_id, client_id ON notes
WHEN NEW.session_id IS NOT OLD.session_id OR NEW.client_id IS NOT OLD.client_id
BEGIN SELECT RAISE(ABORT, 'a note stays with its session and client'); END;
CREATE TRIGGER notes_no_delete BEFORE DELETE ON notes
BEGIN SELECT RAISE(ABORT, 'notes are never deleted'); END;

CREATE TABLE note_addenda (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  note_id        INTEGER NOT NULL REFERENCES notes(id),
  body           TEXT NOT NULL CHECK (length(body) > 0),
  signed_by      INTEGER NOT NULL REFERENCES clinicians(id),
  signed_at      TEXT NOT NULL,
  content_sha256 TEXT NOT NULL
);
CREATE INDEX note_addenda_note ON note_addenda (note_id);
CREATE TRIGGER note_addenda_no_update BEFORE UPDATE ON note_addenda
BEGIN SELECT RAISE(ABORT, 'an addendum is locked once signed'); END;
CREATE TRIGGER note_addenda_no_delete BEFORE DELETE ON note_addenda
BEGIN SELECT RAISE(ABORT, 'addenda are never deleted'); END;
CREATE TRIGGER note_addenda_signed_only BEFORE INSERT ON note_addenda
WHEN (SELECT signed_at FROM notes WHERE id = NEW.note_id) IS NULL
BEGIN SELECT RAISE(ABORT, 'addenda are for signed notes; edit the draft instead'); END;

CREATE TABLE measures (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  client_id       INTEGER NOT NULL REFERENCES clients(id),
  instrument      TEXT NOT NULL CHECK (instrument IN ('scs-sf', 'phq-9', 'gad-7')),
  administered_on TEXT NOT NULL,               -- YYYY-MM-DD
  session_id      INTEGER REFERENCES sessions(id),
  answers         TEXT NOT NULL,               -- JSON array of the answers as given, item 1 first
  total           REAL NOT NULL,               -- sum (PHQ-9, GAD-7) or mean of scored items (SCS-SF)
  band            TEXT NOT NULL,
  subscales       TEXT,                        -- JSON object of subscale means (SCS-SF), else NULL
  flagged         INTEGER NOT NULL DEFAULT 0 CHECK (flagged IN (0, 1)),
  flag_reason     TEXT,
  created_at      TEXT NOT NULL,
  CHECK ((flagged = 1) = (flag_reason IS NOT NULL))
);
CREATE INDEX measures_client ON measures (client_id, instrument, administered_on);
CREATE INDEX measures_flagged ON measures (flagged) WHERE flagged = 1;
-- Scores are facts about a day: never rewritten or deleted.
CREATE TRIGGER measures_no_update BEFORE UPDATE ON measures
BEGIN SELECT RAISE(ABORT, 'measures are never changed'); END;
CREATE TRIGGER measures_no_delete BEFORE DELETE ON measures
BEGIN SELECT RAISE(ABORT, 'measures are never deleted'); END;
)SQL";

// 5: insurance: payers, a client's coverage (subscriber: self, a partner, or another person),
// prior authorizations, and the identified patient of a couple (who a joint session is billed to).
constexpr const char* k_migration_5 = R"SQL(
CREATE TABLE payers (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  name                TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
  payer_id            TEXT NOT NULL CHECK (length(payer_id) > 0),   -- the clearinghouse's payer id (2010BB)
  plan                TEXT NOT NULL DEFAULT 'ppo'
                      CHECK (plan IN ('ppo', 'hmo', 'epo', 'pos', 'indemnity', 'medicaid', 'medicare', 'other')),
  filing_code         TEXT NOT NULL CHECK (length(filing_code) = 2),  -- SBR09
  billing             TEXT NOT NULL DEFAULT 'per-service' CHECK (billing IN ('per-service', 'per-diem')),
  telehealth_modifier TEXT NOT NULL DEFAULT '95' CHECK (telehealth_modifier IN ('95', 'GT', 'none')),  -- video
  audio_modifier      TEXT NOT NULL DEFAULT '93' CHECK (audio_modifier IN ('93', 'FQ', 'none')),       -- phone
  requires_auth       INTEGER NOT NULL DEFAULT 0 CHECK (requires_auth IN (0, 1)),
  active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at          TEXT NOT NULL
);

CREATE TABLE coverages (
  id                   INTEGER PRIMARY KEY AUTOINCREMENT,
  client_id            INTEGER NOT NULL REFERENCES clients(id),
  payer_id             INTEGER NOT NULL REFERENCES payers(id),
  member_id            TEXT NOT NULL CHECK (length(member_id) > 0),
  group_number         TEXT,
  priority             TEXT NOT NULL DEFAULT 'primary' CHECK (priority IN ('primary', 'secondary', 'tertiary')),
  -- self: the client; client: another client (usually the partner); other: a person not in iop.
  subscriber_kind      TEXT NOT NULL DEFAULT 'self' CHECK (subscriber_kind IN ('self', 'client', 'other')),
  subscriber_client_id INTEGER REFERENCES clients(id),
  subscriber_first     TEXT,
  subscriber_last      TEXT,
  subscriber_dob       TEXT,
  subscriber_sex       TEXT CHECK (subscriber_sex IS NULL OR subscriber_sex IN ('F', 'M', 'X', 'U')),
  relationship         TEXT NOT NULL DEFAULT 'self'
                       CHECK (relationship IN ('self', 'spouse', 'partner', 'parent', 'other')),
  starts_on            TEXT NOT NULL,
  ends_on              TEXT,
  created_at           TEXT NOT NULL,
  CHECK (ends_on IS NULL OR ends_on >= starts_on),
  CHECK ((subscriber_kind = 'self') = (relationship = 'self')),
  CHECK ((subscriber_kind = 'client') = (subscriber_client_id IS NOT NULL)),
  CHECK (subscriber_client_id IS NULL OR subscriber_client_id <> client_id),
  CHECK (subscriber_kind <> 'other' OR
         (subscriber_first IS NOT NULL AND subscriber_last IS NOT NULL AND subscriber_dob IS NOT NULL))
);
CREATE INDEX coverages_client ON coverages (client_id, priority, starts_on);
CREATE TRIGGER coverages_no_delete BEFORE DELETE ON coverages
BEGIN SELECT RAISE(ABORT, 'coverage is never deleted; end it instead'); END;

CREATE TABLE authorizations (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  client_id  INTEGER NOT NULL REFERENCES clients(id),
  payer_id   INTEGER NOT NULL REFERENCES payers(id),
  number     TEXT NOT NULL CHECK (length(number) > 0),
  units      INTEGER NOT NULL CHECK (units > 0),
  starts_on  TEXT NOT NULL,
  ends_on    TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (payer_id, number),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX authorizations_client ON authorizations (client_id, starts_on);
CREATE TABLE authorization_codes (
  authorization_id INTEGER NOT NULL REFERENCES authorizations(id),
  code             TEXT NOT NULL,
  PRIMARY KEY (authorization_id, code)
) WITHOUT ROWID;
CREATE TRIGGER authorizations_no_delete BEFORE DELETE ON authorizations
BEGIN SELECT RAISE(ABORT, 'authorizations are never deleted'); END;

-- The partner whose diagnosis the couples work treats: joint sessions are billed to them once.
ALTER TABLE couples ADD COLUMN identified_patient INTEGER REFERENCES clients(id)
  CHECK (identified_patient IS NULL OR identified_patient IN (client_a, client_b));
)SQL";

// 6: claims. A claim bills one patient under one coverage; its lines link the sessions they bill,
// and the partial unique index on those links is what makes billing a session twice impossible.
// A void releases the links (they stay, for history). Batches keep the exact 837P bytes.
constexpr const char* k_migration_6 = R"SQL(
-- Per session: who a couples session is billed to (NULL: the couple's identified patient) and
-- whether that partner took part (0: billed 90846, family psychotherapy without the patient).
ALTER TABLE sessions ADD COLUMN identified_patient INTEGER REFERENCES clients(id);
ALTER TABLE sessions ADD COLUMN patient_present INTEGER NOT NULL DEFAULT 1 CHECK (patient_present IN (0, 1));

CREATE TABLE claims (
  id                INTEGER PRIMARY KEY AUTOINCREMENT,  -- CLM01, the patient account number
  client_id         INTEGER NOT NULL REFERENCES clients(id),     -- the patient
  coverage_id       INTEGER NOT NULL REFERENCES coverages(id),
  payer_id          INTEGER NOT NULL REFERENCES payers(id),
  clinician_id      INTEGER NOT NULL REFERENCES clinicians(id),  -- rendering provider
  status            TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'exported', 'void')),
  frequency         INTEGER NOT NULL DEFAULT 1 CHECK (frequency IN (1, 7, 8)),  -- CLM05-3
  original_claim_id INTEGER REFERENCES claims(id),  -- frequency 7 and 8: the claim replaced or voided
  payer_claim_number TEXT,                          -- REF*F8 when the payer's number is known
  place_of_service  TEXT NOT NULL CHECK (length(place_of_service) = 2),
  diagnoses         TEXT NOT NULL CHECK (length(diagnoses) > 0),  -- dotted codes, comma separated, as billed
  total_cents       INTEGER NOT NULL CHECK (total_cents >= 0),
  first_service_on  TEXT NOT NULL,
  last_service_on   TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  voided_at         TEXT,
  void_reason       TEXT,
  CHECK ((frequency = 1) = (original_claim_id IS NULL)),
  CHECK ((status = 'void') = (voided_at IS NOT NULL)),
  CHECK (last_service_on >= first_service_on)
);
CREATE INDEX claims_client ON claims (client_id, first_service_on);
CREATE INDEX claims_status ON claims (status, id);
CREATE UNIQUE INDEX claims_one_void_of_each ON claims (original_claim_id) WHERE frequency = 8;
CREATE TRIGGER claims_no_delete BEFORE DELETE ON claims
BEGIN SELECT RAISE(ABORT, 'claims are never deleted; void instead'); END;
-- Only the status moves (draft -> exported -> void, draft -> void), with its void fields.
CREATE TRIGGER claims_fixed BEFORE UPDATE OF id, client_id, coverage_id, payer_id, clinician_id, frequency,
  original_claim_id, place_of_service, diagnoses, total_cents, first_service_on, last_service_on, created_at
  ON claims
BEGIN SELECT RAISE(ABORT, 'a claim is fixed once built; void it and build again'); END;
CREATE TRIGGER claims_status_forward BEFORE UPDATE OF status ON claims
WHEN NOT ((OLD.status = 'draft' AND NEW.status IN ('exported', 'void')) OR
          (OLD.status = 'exported' AND NEW.status = 'void') OR OLD.status = NEW.status)
BEGIN SELECT RAISE(ABORT, 'a claim goes draft -> exported -> void only'); END;

CREATE TABLE claim_lines (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  claim_id         INTEGER NOT NULL REFERENCES claims(id),
  line_number      INTEGER NOT NULL CHECK (line_number BETWEEN 1 AND 50),
  service_date     TEXT NOT NULL,
  code             TEXT NOT NULL CHECK (length(code) = 5),
  modifiers        TEXT NOT NULL DEFAULT '',   -- comma separated, at most 4
  place_of_service TEXT NOT NULL CHECK (length(place_of_service) = 2),
  units            INTEGER NOT NULL CHECK (units > 0),
  charge_cents     INTEGER NOT NULL CHECK (charge_cents >= 0),
  pointers         TEXT NOT NULL DEFAULT '1',  -- 1-based into the claim's diagnoses, comma separated
  authorization_id INTEGER REFERENCES authorizations(id),
  UNIQUE (claim_id, line_number)
);
CREATE INDEX claim_lines_authorization ON claim_lines (authorization_id) WHERE authorization_id IS NOT NULL;
CREATE TRIGGER claim_lines_fixed BEFORE UPDATE ON claim_lines
BEGIN SELECT RAISE(ABORT, 'claim lines are fixed once built'); END;
CREATE TRIGGER claim_lines_no_delete BEFORE DELETE ON claim_lines
BEGIN SELECT RAISE(ABORT, 'claim lines are never deleted'); END;

-- slot: the billed client for a group session (each present member is billed once), 0 otherwise
-- (an individual session, or a couples session, billed once whoever the patient is).
CREATE TABLE claim_line_sessions (
  line_id    INTEGER NOT NULL REFERENCES claim_lines(id),
  session_id INTEGER NOT NULL REFERENCES sessions(id),
  slot       INTEGER NOT NULL CHECK (slot >= 0),
  released   INTEGER NOT NULL DEFAULT 0 CHECK (released IN (0, 1)),
  PRIMARY KEY (line_id, session_id, slot)
) WITHOUT ROWID;
CREATE UNIQUE INDEX claim_line_sessions_billed_once ON claim_line_sessions (session_id, slot) WHERE released = 0;
CREATE TRIGGER claim_line_sessions_release_only BEFORE UPDATE ON claim_line_sessions
WHEN NOT (OLD.released = 0 AND NEW.released = 1 AND NEW.line_id = OLD.line_id AND
          NEW.session_id = OLD.session_id AND NEW.slot = OLD.slot)
BEGIN SELECT RAISE(ABORT, 'a billed session can only be released'); END;
CREATE TRIGGER claim_line_sessions_no_delete BEFORE DELETE ON claim_line_sessions
BEGIN SELECT RAISE(ABORT, 'claim links are never deleted; void the claim instead'); END;

-- One 837P interchange. The id is the batch number; the control numbers come from it.
CREATE TABLE claim_batches (
  id                  INTEGER PRIMARY KEY AUTOINCREMENT,
  created_at          TEXT NOT NULL,
  submitter_id        TEXT NOT NULL,
  interchange_control INTEGER NOT NULL UNIQUE CHECK (interchange_control BETWEEN 1 AND 999999999),
  group_control       INTEGER NOT NULL CHECK (group_control BETWEEN 1 AND 999999999),
  transaction_control INTEGER NOT NULL CHECK (transaction_control BETWEEN 1 AND 999999999),
  usage               TEXT NOT NULL CHECK (usage IN ('T', 'P')),
  claim_count         INTEGER NOT NULL CHECK (claim_count > 0),
  total_cents         INTEGER NOT NULL CHECK (total_cents >= 0),
  content             BLOB NOT NULL,   -- the exact bytes written: --batch N writes them again
  content_sha256      TEXT NOT NULL,
  written_to          TEXT             -- the file name it was first written to (informational)
);
CREATE TRIGGER claim_batches_fixed BEFORE UPDATE ON claim_batches
BEGIN SELECT RAISE(ABORT, 'an exported batch never changes'); END;
CREATE TRIGGER claim_batches_no_delete BEFORE DELETE ON claim_batches
BEGIN SELECT RAISE(ABORT, 'exported batches are never deleted'); END;
CREATE TABLE claim_batch_claims (
  batch_id INTEGER NOT NULL REFERENCES claim_batches(id),
  claim_id INTEGER NOT NULL UNIQUE REFERENCES claims(id),  -- a claim goes out in one batch only
  PRIMARY KEY (batch_id, claim_id)
) WITHOUT ROWID;
CREATE TRIGGER claim_batch_claims_fixed BEFORE UPDATE ON claim_batch_claims
BEGIN SELECT RAISE(ABORT, 'an exported batch never changes'); END;
CREATE TRIGGER claim_batch_claims_no_delete BEFORE DELETE ON claim_batch_claims
BEGIN SELECT RAISE(ABORT, 'exported batches are never deleted'); END;
)SQL";

// Migration 7: a client's postal address, sent as the patient's (and subscriber's) N3/N4 on claims.
// All four parts are set together or none; the zip is stored as 5 or 9 digits, no hyphen.
constexpr const char* k_migration_7 = R"SQL(
ALTER TABLE clients ADD COLUMN address TEXT;
ALTER TABLE clients ADD COLUMN city TEXT;
ALTER TABLE clients ADD COLUMN state TEXT CHECK (state IS NULL OR length(state) = 2);
ALTER TABLE clients ADD COLUMN zip TEXT
  CHECK (zip IS NULL OR ((length(zip) = 5 OR length(zip) = 9) AND zip NOT GLOB '*[^0-9]*'));
)SQL";

// Migration 8: the audit log becomes a hash chain (see include/iop/audit.hpp). The columns are
// added here; the C++ step below fills them in for the rows already there, with the no-update
// trigger dropped only for that step, inside this migration's transaction.
constexpr const char* k_migration_8 = R"SQL(
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT
  CHECK (prev_hash IS NULL OR (length(prev_hash) = 64 AND prev_hash NOT GLOB '*[^0-9a-f]*'));
ALTER TABLE audit_log ADD COLUMN hash TEXT
  CHECK (hash IS NULL OR (length(hash) = 64 AND hash NOT GLOB '*[^0-9a-f]*'));
DROP TRIGGER audit_log_no_update;
)SQL";

constexpr const char* k_migration_8_triggers = R"SQL(
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_hashed BEFORE INSERT ON audit_log
WHEN NEW.hash IS NULL OR NEW.prev_hash IS NULL
BEGIN SELECT RAISE(ABORT, 'an audit row needs its hash and the previous row''s hash'); END;
)SQL";

// 9: the notes still to sign, found without reading every note's text (agenda, note list --unsigned).
constexpr const char* k_migration_9 = R"SQL(
CREATE INDEX notes_unsigned ON notes (session_id, client_id) WHERE signed_at IS NULL;
)SQL";

// 10: a batch's content becomes the last column of its row. SQLite keeps a zeroblob lazy (zeros
// written straight to the file's pages) only when it ends the record; in the middle it is
// expanded in memory, so a new batch, inserted as zeroblob(size) and filled piece by piece, cost
// its whole size in RAM (296 MiB for a year's 837P). The no-update trigger is dropped only for
// the copy. An INSERT always names the content; the DEFAULT exists because ADD COLUMN ... NOT NULL
// needs one.
constexpr const char* k_migration_10 = R"SQL(
DROP TRIGGER claim_batches_fixed;
ALTER TABLE claim_batches ADD COLUMN content_bytes BLOB NOT NULL DEFAULT x'';
UPDATE claim_batches SET content_bytes = content;
ALTER TABLE claim_batches DROP COLUMN content;
ALTER TABLE claim_batches RENAME COLUMN content_bytes TO content;
CREATE TRIGGER claim_batches_fixed BEFORE UPDATE ON claim_batches
BEGIN SELECT RAISE(ABORT, 'an exported batch never changes'); END;
)SQL";

void hash_existing_audit_rows(SQLite::Database& db) {
  store::backfill_audit_chain(db);
  db.exec(k_migration_8_triggers);
}

constexpr std::array<Migration, 10> k_migrations{{
    {1, k_migration_1},
    {2, k_migration_2},
    {3, k_migration_3},
    {4, k_migration_4},
    {5, k_migration_5},
    {6, k_migration_6},
    {7, k_migration_7},
    {8, k_migration_8, hash_existing_audit_rows},
    {9, k_migration_9},
    {10, k_migration_10},
}};

} // namespace

std::span<const Migration> migrations() {
  return k_migrations;
}

} // namespace iop::detail
