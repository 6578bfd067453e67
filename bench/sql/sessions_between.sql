-- iop agenda --week / iop session list --from --to: the sessions starting in [{from}, {to}), with
-- clinician and everyone booked, by start.
SELECT s.id, s.type, s.start_utc, s.end_utc, s.timezone, s.modality, s.status, cl.name, cl.credential,
       group_concat(c.first_name || ' ' || c.last_name, ' & ')
FROM sessions s
JOIN clinicians cl ON cl.id = s.clinician_id
LEFT JOIN session_participants p ON p.session_id = s.id
LEFT JOIN clients c ON c.id = p.client_id
WHERE s.start_utc >= '{from}' AND s.start_utc < '{to}'
GROUP BY s.id
ORDER BY s.start_utc, s.id;
