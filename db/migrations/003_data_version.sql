-- A counter that every change to data behind the figures bumps, in the same transaction as the change.
-- Cached figure responses are keyed by it, so a cache entry can never outlive the data it was computed
-- from, whichever path (API, import, command line) made the change.
CREATE TABLE data_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
INSERT INTO data_version (id, version) VALUES (1, 0);

CREATE TRIGGER items_insert_bumps_data_version AFTER INSERT ON items
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER items_update_bumps_data_version AFTER UPDATE ON items
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER items_delete_bumps_data_version AFTER DELETE ON items
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER item_closures_insert_bumps_data_version AFTER INSERT ON item_closures
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER item_closures_update_bumps_data_version AFTER UPDATE ON item_closures
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER item_closures_delete_bumps_data_version AFTER DELETE ON item_closures
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER deadline_extensions_insert_bumps_data_version AFTER INSERT ON deadline_extensions
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER deadline_extensions_update_bumps_data_version AFTER UPDATE ON deadline_extensions
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER deadline_extensions_delete_bumps_data_version AFTER DELETE ON deadline_extensions
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER item_departments_insert_bumps_data_version AFTER INSERT ON item_departments
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER item_departments_update_bumps_data_version AFTER UPDATE ON item_departments
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER item_departments_delete_bumps_data_version AFTER DELETE ON item_departments
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER scoring_profiles_insert_bumps_data_version AFTER INSERT ON scoring_profiles
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER scoring_profiles_update_bumps_data_version AFTER UPDATE ON scoring_profiles
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER scoring_profiles_delete_bumps_data_version AFTER DELETE ON scoring_profiles
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER appraisals_insert_bumps_data_version AFTER INSERT ON appraisals
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER appraisals_update_bumps_data_version AFTER UPDATE ON appraisals
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER appraisals_delete_bumps_data_version AFTER DELETE ON appraisals
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER departments_insert_bumps_data_version AFTER INSERT ON departments
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER departments_update_bumps_data_version AFTER UPDATE ON departments
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER departments_delete_bumps_data_version AFTER DELETE ON departments
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER peer_groups_insert_bumps_data_version AFTER INSERT ON peer_groups
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER peer_groups_update_bumps_data_version AFTER UPDATE ON peer_groups
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER peer_groups_delete_bumps_data_version AFTER DELETE ON peer_groups
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER campaigns_insert_bumps_data_version AFTER INSERT ON campaigns
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER campaigns_update_bumps_data_version AFTER UPDATE ON campaigns
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER campaigns_delete_bumps_data_version AFTER DELETE ON campaigns
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER domains_insert_bumps_data_version AFTER INSERT ON domains
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER domains_update_bumps_data_version AFTER UPDATE ON domains
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
CREATE TRIGGER domains_delete_bumps_data_version AFTER DELETE ON domains
BEGIN
  UPDATE data_version SET version = version + 1 WHERE id = 1;
END;
