ALTER TABLE `appointments` ADD `description` text;--> statement-breakpoint
ALTER TABLE `appointments` ADD `changed_at` integer;