-- iop agenda --week: the week's sessions (as sessions_between.sql), then the line under them, how
-- many notes are still to write or sign and how many of those are overdue (the bench config's
-- notes.due_hours, 72, after the end).
SELECT s.id, s.type, s.start_utc, s.end_utc, s.timezone, s.modality, s.status, cl.name, cl.credential,
       group_concat(c.first_name || ' ' || c.last_name, ' & ')
FROM sessions s
JOIN clinicians cl ON cl.id = s.clinician_id
LEFT JOIN session_participants p ON p.session_id = s.id
LEFT JOIN clients c ON c.id = p.client_id
WHERE s.start_utc >= '{from}' AND s.start_utc < '{to}'
GROUP BY s.id
ORDER BY s.start_utc, s.id;
WITH due AS (
  SELECT coalesce(s.actual_end_utc, s.end_utc) AS ended
  FROM notes n JOIN sessions s ON s.id = n.session_id
  WHERE n.signed_at IS NULL
  UNION ALL
  SELECT coalesce(s.actual_end_utc, s.end_utc)
  FROM sessions s JOIN session_participants p ON p.session_id = s.id
  WHERE s.status = 'attended'
    AND (p.attendance = 'present' OR (p.attendance IS NULL AND s.type <> 'group'))
    AND NOT EXISTS (SELECT 1 FROM notes n WHERE n.session_id = s.id AND n.client_id = p.client_id)
)
SELECT count(*), sum(strftime('%s', ended) + 72 * 3600 < CAST(strftime('%s', '{now}') AS INTEGER)) FROM due;
