CREATE TABLE "authors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"bio" text DEFAULT '' NOT NULL,
	"user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "authors_slug_format" CHECK ("authors"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "authors_name_not_blank" CHECK (length(btrim("authors"."name")) > 0)
);
--> statement-breakpoint
CREATE TABLE "autosaves" (
	"editor_id" text NOT NULL,
	"entity_type" text NOT NULL,
	"item_key" text NOT NULL,
	"fields" jsonb NOT NULL,
	"base_version" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "autosaves_editor_id_entity_type_item_key_pk" PRIMARY KEY("editor_id","entity_type","item_key")
);
--> statement-breakpoint
CREATE TABLE "staged_edits" (
	"entity_type" text NOT NULL,
	"entity_id" uuid NOT NULL,
	"base_version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"publish_at" timestamp with time zone,
	"editor_id" text,
	"editor_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "staged_edits_entity_type_entity_id_pk" PRIMARY KEY("entity_type","entity_id")
);
--> statement-breakpoint
CREATE TABLE "tag_slug_redirects" (
	"slug" text PRIMARY KEY NOT NULL,
	"tag_slug" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tag_slug_redirects_format" CHECK ("tag_slug_redirects"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);
--> statement-breakpoint
ALTER TABLE "changelog_entries" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce(body, '') || ' ' || coalesce(product_version, '')), 'B')) STORED;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce(description, '') || ' ' || coalesce(location, '')), 'B')) STORED;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "author_id" uuid;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || setweight(to_tsvector('english'::regconfig, coalesce(summary, '') || ' ' || coalesce(body, '')), 'B')) STORED;--> statement-breakpoint
ALTER TABLE "tags" ADD COLUMN "description" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "time_zone" text;--> statement-breakpoint
ALTER TABLE "authors" ADD CONSTRAINT "authors_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "autosaves" ADD CONSTRAINT "autosaves_editor_id_user_id_fk" FOREIGN KEY ("editor_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tag_slug_redirects" ADD CONSTRAINT "tag_slug_redirects_tag_slug_tags_slug_fk" FOREIGN KEY ("tag_slug") REFERENCES "public"."tags"("slug") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
CREATE UNIQUE INDEX "authors_slug_unique" ON "authors" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "authors_user_unique" ON "authors" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "staged_edits_due" ON "staged_edits" USING btree ("publish_at");--> statement-breakpoint
CREATE INDEX "tag_slug_redirects_tag" ON "tag_slug_redirects" USING btree ("tag_slug");--> statement-breakpoint
ALTER TABLE "posts" ADD CONSTRAINT "posts_author_id_authors_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."authors"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "changelog_search" ON "changelog_entries" USING gin ("search");--> statement-breakpoint
CREATE INDEX "events_search" ON "events" USING gin ("search");--> statement-breakpoint
CREATE INDEX "posts_author" ON "posts" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "posts_updated_order" ON "posts" USING btree ("updated_at","id");--> statement-breakpoint
CREATE INDEX "posts_search" ON "posts" USING gin ("search");--> statement-breakpoint
-- Data migration (written by hand): every free-text byline becomes an author profile, slugged
-- from its name (a short hash suffix where two names slug alike), linked to the editor account of
-- the same name if there is one; every editor account without a byline gets its own profile.
WITH names AS (
	SELECT name, coalesce(nullif(btrim(regexp_replace(lower(name), '[^a-z0-9]+', '-', 'g'), '-'), ''), 'author') AS base
	FROM (SELECT DISTINCT btrim(author) AS name FROM "posts" WHERE length(btrim(author)) > 0
	      UNION SELECT btrim(name) FROM "user" WHERE length(btrim(name)) > 0) n
), numbered AS (
	SELECT name, base, row_number() OVER (PARTITION BY base ORDER BY name) AS n FROM names
)
INSERT INTO "authors" ("slug", "name") SELECT CASE WHEN n = 1 THEN base ELSE base || '-' || substr(md5(name), 1, 6) END, name FROM numbered;--> statement-breakpoint
UPDATE "authors" a SET "user_id" = u.id FROM (SELECT DISTINCT ON (btrim(name)) id, btrim(name) AS name FROM "user" ORDER BY btrim(name), created_at) u WHERE u.name = a.name;--> statement-breakpoint
-- Posts without a byline get one "Unknown author" profile of their own. It is made in the same
-- statement as the update, which does not see it (one snapshot): a byline that reads "Unknown author"
-- keeps its own profile, and no name matches two profiles.
WITH fallback AS (
	INSERT INTO "authors" ("slug", "name") SELECT 'unknown-author-' || substr(md5(random()::text), 1, 8), 'Unknown author' WHERE EXISTS (SELECT 1 FROM "posts" WHERE length(btrim(author)) = 0) RETURNING id
)
UPDATE "posts" p SET "author_id" = coalesce((SELECT a.id FROM "authors" a WHERE a.name = btrim(p.author)), (SELECT id FROM fallback));--> statement-breakpoint
ALTER TABLE "posts" ALTER COLUMN "author_id" SET NOT NULL;
