-- iop client list --search reed: active clients whose folded name contains the text, with their
-- clinician and diagnoses, by name.
SELECT c.id, c.first_name, c.last_name, c.date_of_birth, c.track, c.status, cl.name, cl.credential,
       (SELECT group_concat(code, ', ') FROM client_diagnoses d WHERE d.client_id = c.id ORDER BY position)
FROM clients c LEFT JOIN clinicians cl ON cl.id = c.clinician_id
WHERE c.status = 'active' AND c.search_name LIKE '%reed%'
ORDER BY c.last_name, c.first_name, c.id;
