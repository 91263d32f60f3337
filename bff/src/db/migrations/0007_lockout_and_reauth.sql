ALTER TABLE `accounts` ADD `password_paused_until` integer;--> statement-breakpoint
ALTER TABLE `accounts` ADD `failed_codes` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `accounts` ADD `codes_paused_until` integer;--> statement-breakpoint
ALTER TABLE `sessions` ADD `reauth_at` integer;