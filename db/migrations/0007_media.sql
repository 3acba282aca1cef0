CREATE TABLE "media" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source_hash" text NOT NULL,
	"file_name" text NOT NULL,
	"alt" text DEFAULT '' NOT NULL,
	"format" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"bytes" integer NOT NULL,
	"created_by" text,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, coalesce(file_name, '') || ' ' || coalesce(alt, ''))) STORED,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "media_source_hash_format" CHECK ("media"."source_hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "media_format" CHECK ("media"."format" in ('jpeg', 'png', 'webp', 'avif', 'gif')),
	CONSTRAINT "media_size_positive" CHECK ("media"."width" > 0 and "media"."height" > 0 and "media"."bytes" > 0)
);
--> statement-breakpoint
CREATE TABLE "media_files" (
	"media_id" uuid NOT NULL,
	"hash" text NOT NULL,
	"format" text NOT NULL,
	"width" integer NOT NULL,
	"height" integer NOT NULL,
	"bytes" integer NOT NULL,
	"original" boolean DEFAULT false NOT NULL,
	CONSTRAINT "media_files_media_id_hash_pk" PRIMARY KEY("media_id","hash"),
	CONSTRAINT "media_files_hash_format" CHECK ("media_files"."hash" ~ '^[0-9a-f]{64}$'),
	CONSTRAINT "media_files_format" CHECK ("media_files"."format" in ('jpeg', 'png', 'webp', 'avif', 'gif'))
);
--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "cover_media_id" uuid;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "cover_alt" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "media" ADD CONSTRAINT "media_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_files" ADD CONSTRAINT "media_files_media_id_media_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "media_source_hash_unique" ON "media" USING btree ("source_hash");--> statement-breakpoint
CREATE INDEX "media_created_order" ON "media" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "media_search" ON "media" USING gin ("search");--> statement-breakpoint
CREATE INDEX "media_files_hash" ON "media_files" USING btree ("hash");--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_cover_media_id_media_id_fk" FOREIGN KEY ("cover_media_id") REFERENCES "public"."media"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "posts_cover" ON "posts" USING btree ("cover_media_id");