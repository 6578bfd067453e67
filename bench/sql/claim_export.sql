-- iop claim export --x12 --since-last: every draft claim with its patient, subscriber, payer,
-- rendering clinician and lines, as segment text in claim and line order; stored as the batch's
-- content, the claims marked exported and linked to the batch, all in one transaction; the batch
-- written to the output file.
BEGIN IMMEDIATE;
CREATE TEMP TABLE segments AS
SELECT c.id AS claim_id, 0 AS line,
       'CLM*' || c.id || '*' || (c.total_cents / 100.0) || '***' || c.place_of_service || ':B:1*Y*A*Y*Y~' ||
       'NM1*IL*1*' || cl.last_name || '*' || cl.first_name || '****MI*' || cov.member_id || '~' ||
       'DMG*D8*' || replace(cl.date_of_birth, '-', '') || '*' || cl.sex || '~' ||
       'NM1*PR*2*' || py.name || '*****PI*' || py.payer_id || '~' ||
       'HI*ABK:' || replace(c.diagnoses, '.', '') || '~' ||
       'NM1*82*1*' || dr.name || '****XX*' || coalesce(dr.npi, '') || '~' AS text
FROM claims c
JOIN clients cl ON cl.id = c.client_id
JOIN coverages cov ON cov.id = c.coverage_id
JOIN payers py ON py.id = c.payer_id
JOIN clinicians dr ON dr.id = c.clinician_id
WHERE c.status = 'draft'
UNION ALL
SELECT l.claim_id, l.line_number,
       'LX*' || l.line_number || '~SV1*HC:' || l.code || CASE WHEN l.modifiers <> '' THEN ':' || l.modifiers ELSE '' END ||
       '*' || (l.charge_cents / 100.0) || '*UN*' || l.units || '***' || l.pointers || '~DTP*472*D8*' ||
       replace(l.service_date, '-', '') || '~'
FROM claim_lines l JOIN claims c ON c.id = l.claim_id
WHERE c.status = 'draft';
INSERT INTO claim_batches (created_at, submitter_id, interchange_control, group_control, transaction_control,
                           usage, claim_count, total_cents, content, content_sha256)
SELECT '2025-12-29T17:00:00Z', 'HARBORLIGHT', coalesce((SELECT max(id) FROM claim_batches), 0) + 1, 1, 1, 'T',
       (SELECT count(*) FROM claims WHERE status = 'draft'),
       (SELECT coalesce(sum(total_cents), 0) FROM claims WHERE status = 'draft'),
       CAST((SELECT group_concat(text, '') FROM (SELECT text FROM segments ORDER BY claim_id, line)) AS BLOB),
       '-';
INSERT INTO claim_batch_claims (batch_id, claim_id)
SELECT last_insert_rowid(), id FROM claims WHERE status = 'draft';
UPDATE claims SET status = 'exported' WHERE status = 'draft';
-- The chain's cost without its order (the shell has no SHA-256; SHA3-256 of the same fields is
-- the same kind of work): each row hashes its fields and carries a 64-digit previous hash.
INSERT INTO audit_log (at, actor, command, action, record_kind, record_id, prev_hash, hash)
SELECT at, actor, command, action, record_kind, record_id,
       lower(hex(sha3(record_id, 256))),
       lower(hex(sha3(at || actor || command || action || record_kind || record_id, 256)))
FROM (SELECT '2025-12-29T17:00:00Z' AS at, 'bench' AS actor, 'claim export' AS command, 'export' AS action,
             'claim_batch' AS record_kind, max(id) AS record_id FROM claim_batches);
COMMIT;
.output {out}
SELECT content FROM claim_batches WHERE id = (SELECT max(id) FROM claim_batches);
.output stdout
