SELECT c.*, (SELECT group_concat(code) FROM client_diagnoses WHERE client_id = 1) FROM clients c WHERE c.id = 1;
