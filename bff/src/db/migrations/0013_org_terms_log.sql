CREATE TABLE `audit_verifications` (
	`id` text PRIMARY KEY NOT NULL,
	`org_id` text NOT NULL,
	`at` integer NOT NULL,
	`actor_id` text,
	`ok` integer NOT NULL,
	`rows` integer NOT NULL,
	`first_broken_seq` integer,
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_verifications_org` ON `audit_verifications` (`org_id`,`at`);--> statement-breakpoint
ALTER TABLE `terms_versions` ADD `published_by` text REFERENCES accounts(id);--> statement-breakpoint
CREATE INDEX `audit_org` ON `audit_log` (`org_id`);--> statement-breakpoint
CREATE INDEX `audit_org_actor` ON `audit_log` (`org_id`,`actor_id`);--> statement-breakpoint
CREATE INDEX `audit_org_action` ON `audit_log` (`org_id`,`action`);