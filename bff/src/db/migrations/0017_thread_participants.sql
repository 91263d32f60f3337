CREATE TABLE `appointment_people` (
	`org_id` text NOT NULL,
	`appointment_id` text NOT NULL,
	`account_id` text NOT NULL,
	PRIMARY KEY(`appointment_id`, `account_id`),
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `appointment_people_account` ON `appointment_people` (`org_id`,`account_id`);--> statement-breakpoint
CREATE TABLE `thread_participants` (
	`org_id` text NOT NULL,
	`thread_id` text NOT NULL,
	`account_id` text NOT NULL,
	`added_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`added_by` text,
	PRIMARY KEY(`thread_id`, `account_id`),
	FOREIGN KEY (`org_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`thread_id`) REFERENCES `message_threads`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`added_by`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `thread_participants_account` ON `thread_participants` (`org_id`,`account_id`);--> statement-breakpoint
-- Backfill (issue 14): existing conversations keep their portal people. A conversation's participants are
-- its starter when a portal person, every portal person who wrote in it, and everyone whose grant to the
-- client existed when it started. Someone who got access later is not added (they do not see old threads).
INSERT OR IGNORE INTO `thread_participants` (`org_id`, `thread_id`, `account_id`, `added_at`, `added_by`)
SELECT t.org_id, t.id, a.id, t.created_at, NULL
FROM `message_threads` t JOIN `accounts` a ON a.id = t.created_by
WHERE a.kind = 'cov';
--> statement-breakpoint
INSERT OR IGNORE INTO `thread_participants` (`org_id`, `thread_id`, `account_id`, `added_at`, `added_by`)
SELECT DISTINCT t.org_id, t.id, a.id, t.created_at, NULL
FROM `message_threads` t
JOIN `messages` m ON m.thread_id = t.id
JOIN `accounts` a ON a.id = m.sender_id
WHERE a.kind = 'cov';
--> statement-breakpoint
INSERT OR IGNORE INTO `thread_participants` (`org_id`, `thread_id`, `account_id`, `added_at`, `added_by`)
SELECT t.org_id, t.id, g.account_id, t.created_at, NULL
FROM `message_threads` t
JOIN `portal_grants` g ON g.org_id = t.org_id AND g.client_id = t.client_id
WHERE g.created_at <= t.created_at;
