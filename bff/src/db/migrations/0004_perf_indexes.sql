CREATE INDEX `care_team_client` ON `care_team` (`org_id`,`client_id`);--> statement-breakpoint
CREATE INDEX `totp_account` ON `totp_credentials` (`account_id`);--> statement-breakpoint
CREATE INDEX `trusted_devices_account` ON `trusted_devices` (`account_id`);--> statement-breakpoint
CREATE INDEX `webauthn_account` ON `webauthn_credentials` (`account_id`);