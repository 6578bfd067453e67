-- iop report hours --week: attended minutes per active client in [{from}, {to}), by type, and
-- whether the weekly minimum (9 h) is met.
SELECT c.id, c.first_name, c.last_name, c.track,
       coalesce(sum(CASE WHEN s.type IN ('individual', 'addiction', 'intake') THEN m END), 0),
       coalesce(sum(CASE WHEN s.type = 'couples' THEN m END), 0),
       coalesce(sum(CASE WHEN s.type = 'group' THEN m END), 0),
       coalesce(sum(CASE WHEN s.type = 'medical' THEN m END), 0),
       coalesce(sum(m), 0) >= 9 * 60
FROM clients c
LEFT JOIN (SELECT p.client_id, s.type,
                  round((julianday(s.actual_end_utc) - julianday(s.actual_start_utc)) * 1440) AS m
           FROM sessions s JOIN session_participants p ON p.session_id = s.id
           WHERE s.status = 'attended' AND s.start_utc >= '{from}' AND s.start_utc < '{to}'
             AND (p.attendance IS NULL OR p.attendance = 'present')) s ON s.client_id = c.id
WHERE c.status = 'active'
GROUP BY c.id
ORDER BY c.last_name, c.first_name, c.id;
