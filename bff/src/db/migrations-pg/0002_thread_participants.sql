CREATE TABLE "appointment_people" (
	"org_id" text NOT NULL,
	"appointment_id" text NOT NULL,
	"account_id" text NOT NULL,
	CONSTRAINT "appointment_people_appointment_id_account_id_pk" PRIMARY KEY("appointment_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "thread_participants" (
	"org_id" text NOT NULL,
	"thread_id" text NOT NULL,
	"account_id" text NOT NULL,
	"added_at" bigint DEFAULT (floor(extract(epoch from clock_timestamp()) * 1000))::bigint NOT NULL,
	"added_by" text,
	CONSTRAINT "thread_participants_thread_id_account_id_pk" PRIMARY KEY("thread_id","account_id")
);
--> statement-breakpoint
ALTER TABLE "appointment_people" ADD CONSTRAINT "appointment_people_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_people" ADD CONSTRAINT "appointment_people_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_people" ADD CONSTRAINT "appointment_people_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thread_participants" ADD CONSTRAINT "thread_participants_org_id_organizations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thread_participants" ADD CONSTRAINT "thread_participants_thread_id_message_threads_id_fk" FOREIGN KEY ("thread_id") REFERENCES "public"."message_threads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thread_participants" ADD CONSTRAINT "thread_participants_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "thread_participants" ADD CONSTRAINT "thread_participants_added_by_accounts_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointment_people_account" ON "appointment_people" USING btree ("org_id","account_id");--> statement-breakpoint
CREATE INDEX "thread_participants_account" ON "thread_participants" USING btree ("org_id","account_id");