ALTER TABLE `message_attachments` ADD `position` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Existing attachments keep the order they were attached in (their rowid order within each message).
UPDATE `message_attachments` SET `position` = (SELECT count(*) FROM `message_attachments` AS `earlier` WHERE `earlier`.`message_id` = `message_attachments`.`message_id` AND `earlier`.`rowid` < `message_attachments`.`rowid`);
