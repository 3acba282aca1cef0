DROP INDEX "events_start";--> statement-breakpoint
ALTER TABLE "revisions" ALTER COLUMN "entity_type" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "publication_status" "publication_status" DEFAULT 'draft' NOT NULL;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
-- Events get the publication model of posts and changelog entries: a published event stays published
-- (since it was created: the flag kept no time); every other event becomes a draft.
UPDATE "events" SET "publication_status" = 'published', "published_at" = "created_at" WHERE "published";--> statement-breakpoint
CREATE INDEX "events_start" ON "events" USING btree ("publication_status","starts_at");--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_scheduled_has_time" CHECK ("events"."publication_status" = 'draft' OR "events"."published_at" IS NOT NULL);--> statement-breakpoint
DROP TYPE "public"."revision_entity";