-- iop client import FILE: the CSV into a staging table with the shell's .import, then in one
-- transaction every row into clients (with its folded search name) and client_diagnoses, and an
-- audit row per client. (iop also checks every cell and looks for duplicates; this is the floor.)
CREATE TEMP TABLE staging (first_name, last_name, dob, sex, phone, email, address, city, state, zip, timezone,
                           track, clinician, admission_date, diagnoses);
.import --csv --skip 1 {csv} staging
BEGIN IMMEDIATE;
CREATE TEMP TABLE base AS SELECT coalesce(max(id), 0) AS id FROM clients;
INSERT INTO clients (first_name, last_name, search_name, date_of_birth, sex, phone, email, timezone, track,
                     clinician_id, admission_date, created_at)
SELECT first_name, last_name, lower(first_name || ' ' || last_name), dob, sex, phone, email, timezone, track,
       CAST(clinician AS INTEGER), admission_date, '2025-12-29T17:00:00Z'
FROM staging ORDER BY rowid;
INSERT INTO client_diagnoses (client_id, position, code)
SELECT (SELECT id FROM base) + s.rowid, 1, s.diagnoses FROM staging s;
-- The chain's cost without its order (the shell has no SHA-256; SHA3-256 of the same fields is
-- the same kind of work): each row hashes its fields and carries a 64-digit previous hash.
INSERT INTO audit_log (at, actor, command, action, record_kind, record_id, prev_hash, hash)
SELECT at, actor, command, action, record_kind, record_id,
       lower(hex(sha3(record_id, 256))),
       lower(hex(sha3(at || actor || command || action || record_kind || record_id, 256)))
FROM (SELECT '2025-12-29T17:00:00Z' AS at, 'bench' AS actor, 'client import' AS command, 'create' AS action,
             'client' AS record_kind, (SELECT id FROM base) + rowid AS record_id FROM staging);
COMMIT;
