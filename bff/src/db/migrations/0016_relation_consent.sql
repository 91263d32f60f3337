ALTER TABLE `portal_consents` ADD `decided_by` text DEFAULT 'client' NOT NULL;--> statement-breakpoint
ALTER TABLE `portal_consents` ADD `gezag_relation_id` text REFERENCES relations(id);