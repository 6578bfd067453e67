-- iop claim build --from --to: in one transaction, every attended session of [{from}, {to}) with a
-- signed note for the billed client and an active primary coverage, not already on a live claim,
-- becomes a claim line; lines of one client, coverage, clinician and day make one claim; each
-- line is linked to its session and each claim gets its audit row. (Procedure codes by type only;
-- iop's units, modifiers, per-diem days and authorizations are finer, so this is a floor.)
BEGIN IMMEDIATE;
CREATE TEMP TABLE billable AS
SELECT s.id AS session_id, CASE WHEN s.type = 'group' THEN p.client_id ELSE 0 END AS slot,
       p.client_id, cov.id AS coverage_id, cov.payer_id, s.clinician_id,
       date(s.start_utc, '-8 hours') AS day,
       CASE s.type WHEN 'individual' THEN '90834' WHEN 'addiction' THEN 'H0004' WHEN 'couples' THEN '90847'
                   WHEN 'group' THEN '90853' WHEN 'medical' THEN '90792' ELSE '90791' END AS code
FROM sessions s
JOIN session_participants p ON p.session_id = s.id
JOIN notes n ON n.session_id = s.id AND n.client_id = p.client_id AND n.signed_at IS NOT NULL
JOIN coverages cov ON cov.client_id = p.client_id AND cov.priority = 'primary'
     AND cov.starts_on <= date(s.start_utc, '-8 hours')
     AND (cov.ends_on IS NULL OR cov.ends_on >= date(s.start_utc, '-8 hours'))
WHERE s.status = 'attended' AND s.start_utc >= '{from}' AND s.start_utc < '{to}'
  AND (p.attendance IS NULL OR p.attendance = 'present')
  AND (s.type <> 'couples' OR p.client_id = coalesce(s.identified_patient,
                                                     (SELECT client_a FROM couples WHERE id = s.couple_id)))
  AND NOT EXISTS (SELECT 1 FROM claim_line_sessions x
                  WHERE x.session_id = s.id AND x.released = 0
                    AND x.slot = CASE WHEN s.type = 'group' THEN p.client_id ELSE 0 END);
CREATE TEMP TABLE numbered AS
SELECT b.*, row_number() OVER (PARTITION BY client_id, coverage_id, clinician_id, day ORDER BY session_id) AS line
FROM billable b;
INSERT INTO claims (client_id, coverage_id, payer_id, clinician_id, place_of_service, diagnoses, total_cents,
                    first_service_on, last_service_on, created_at)
SELECT client_id, coverage_id, payer_id, clinician_id, '10',
       (SELECT group_concat(code, ',') FROM client_diagnoses d WHERE d.client_id = n.client_id),
       count(*) * 15000, day, day, '2025-12-29T17:00:00Z'
FROM numbered n GROUP BY client_id, coverage_id, clinician_id, day;
CREATE TEMP TABLE built AS SELECT id, client_id, coverage_id, clinician_id, first_service_on AS day
FROM claims WHERE created_at = '2025-12-29T17:00:00Z' AND status = 'draft';
INSERT INTO claim_lines (claim_id, line_number, service_date, code, modifiers, place_of_service, units,
                         charge_cents, pointers)
SELECT c.id, n.line, n.day, n.code, '95', '10', 1, 15000, '1'
FROM numbered n JOIN built c USING (client_id, coverage_id, clinician_id, day);
INSERT INTO claim_line_sessions (line_id, session_id, slot)
SELECT l.id, n.session_id, n.slot
FROM numbered n JOIN built c USING (client_id, coverage_id, clinician_id, day)
JOIN claim_lines l ON l.claim_id = c.id AND l.line_number = n.line;
-- The chain's cost without its order (the shell has no SHA-256; SHA3-256 of the same fields is
-- the same kind of work): each row hashes its fields and carries a 64-digit previous hash.
INSERT INTO audit_log (at, actor, command, action, record_kind, record_id, prev_hash, hash)
SELECT at, actor, command, action, record_kind, record_id,
       lower(hex(sha3(record_id, 256))),
       lower(hex(sha3(at || actor || command || action || record_kind || record_id, 256)))
FROM (SELECT '2025-12-29T17:00:00Z' AS at, 'bench' AS actor, 'claim build' AS command, 'create' AS action,
             'claim' AS record_kind, id AS record_id FROM built);
COMMIT;
SELECT count(*) FROM built;
