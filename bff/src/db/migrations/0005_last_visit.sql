ALTER TABLE `accounts` ADD `last_visit_at` integer;--> statement-breakpoint
UPDATE `accounts` SET `last_visit_at` = `last_login_at`;
