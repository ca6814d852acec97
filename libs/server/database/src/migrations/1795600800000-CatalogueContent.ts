import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The catalogue's content model: versions of a course (a published version is immutable, enforced by
 * triggers), modules and lessons with ids of their own, authors, review decisions, turnkey solutions,
 * search synonyms, and French full-text search (`fr_unaccent`: the `french` configuration with unaccent).
 *
 * `course` stays the catalogue row that hot reads hit: it carries a copy of its latest published version's
 * metadata and a stored tsvector (A title, B summary, C lesson text), refreshed at each publication.
 */
export class CatalogueContent1795600800000 implements MigrationInterface {
  name = 'CatalogueContent1795600800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`CREATE TEXT SEARCH CONFIGURATION public.fr_unaccent (COPY = pg_catalog.french)`);
    await q.query(
      `ALTER TEXT SEARCH CONFIGURATION public.fr_unaccent ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, french_stem`,
    );

    // The query of a search: an AND of groups, each group an OR of phrases (a term and its synonyms).
    // `[["ia", "intelligence artificielle"], ["generative"]]` -> ('ia' | 'intellig' <-> 'artificiel') & 'gener'.
    // Immutable like to_tsvector(regconfig, text), so that the planner folds it into a constant.
    await q.query(`
      CREATE FUNCTION catalog_search_query(groups jsonb) RETURNS tsquery
        LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
        SET client_min_messages = 'warning'
      AS $$
      DECLARE
        result tsquery;
        alternatives tsquery;
        part tsquery;
        grp jsonb;
        phrase text;
      BEGIN
        IF jsonb_typeof(groups) <> 'array' THEN
          RETURN ''::tsquery;
        END IF;
        FOR grp IN SELECT value FROM jsonb_array_elements(groups) LOOP
          alternatives := NULL;
          IF jsonb_typeof(grp) = 'array' THEN
            FOR phrase IN SELECT value FROM jsonb_array_elements_text(grp) LOOP
              part := phraseto_tsquery('public.fr_unaccent', phrase);
              IF numnode(part) > 0 THEN
                alternatives := CASE WHEN alternatives IS NULL THEN part ELSE alternatives || part END;
              END IF;
            END LOOP;
          END IF;
          IF alternatives IS NOT NULL THEN
            result := CASE WHEN result IS NULL THEN alternatives ELSE result && alternatives END;
          END IF;
        END LOOP;
        RETURN coalesce(result, ''::tsquery);
      END
      $$`);

    await q.query(`
      CREATE TABLE course_version (
        id uuid CONSTRAINT pk_course_version PRIMARY KEY DEFAULT gen_random_uuid(),
        course_id uuid NOT NULL CONSTRAINT fk_course_version_course REFERENCES course (id),
        number integer NOT NULL CONSTRAINT ck_course_version_number_positive CHECK (number > 0),
        status varchar(20) NOT NULL DEFAULT 'draft'
          CONSTRAINT ck_course_version_status CHECK (status IN ('draft', 'submitted', 'rejected', 'published')),
        kind varchar(20) NOT NULL CONSTRAINT ck_course_version_kind CHECK (kind IN ('course', 'tutorial')),
        title varchar(200) NOT NULL,
        summary text NOT NULL,
        level varchar(20) NOT NULL
          CONSTRAINT ck_course_version_level CHECK (level IN ('decouverte', 'intermediaire', 'avance')),
        duration_minutes integer NOT NULL CONSTRAINT ck_course_version_duration_positive CHECK (duration_minutes > 0),
        audiences text[] NOT NULL DEFAULT '{}',
        sectors text[] NOT NULL DEFAULT '{}',
        use_cases text[] NOT NULL DEFAULT '{}',
        language varchar(10) NOT NULL DEFAULT 'fr',
        counts_toward_goal boolean NOT NULL DEFAULT true,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        submitted_by uuid,
        submitted_at timestamptz,
        published_by uuid,
        published_at timestamptz,
        CONSTRAINT uq_course_version_number UNIQUE (course_id, number),
        CONSTRAINT uq_course_version_id_course UNIQUE (id, course_id),
        CONSTRAINT ck_course_version_published_at CHECK (status <> 'published' OR published_at IS NOT NULL),
        CONSTRAINT ck_course_version_not_self_approved
          CHECK (published_by IS NULL OR submitted_by IS NULL OR published_by <> submitted_by)
      )`);
    // At most one version of a course is open (being written, submitted or rejected) at a time.
    await q.query(`CREATE UNIQUE INDEX uq_course_version_open ON course_version (course_id) WHERE status <> 'published'`);
    await q.query(`CREATE INDEX ix_course_version_submitted ON course_version (submitted_at, id) WHERE status = 'submitted'`);

    await q.query(`
      CREATE TABLE course_module (
        id uuid CONSTRAINT pk_course_module PRIMARY KEY DEFAULT gen_random_uuid(),
        version_id uuid NOT NULL CONSTRAINT fk_course_module_version REFERENCES course_version (id) ON DELETE CASCADE,
        position integer NOT NULL CONSTRAINT ck_course_module_position CHECK (position >= 0),
        title varchar(200) NOT NULL,
        CONSTRAINT uq_course_module_id_version UNIQUE (id, version_id),
        CONSTRAINT uq_course_module_position UNIQUE (version_id, position) DEFERRABLE INITIALLY DEFERRED
      )`);

    await q.query(`
      CREATE TABLE course_lesson (
        id uuid CONSTRAINT pk_course_lesson PRIMARY KEY DEFAULT gen_random_uuid(),
        version_id uuid NOT NULL,
        module_id uuid NOT NULL,
        position integer NOT NULL CONSTRAINT ck_course_lesson_position CHECK (position >= 0),
        kind varchar(10) NOT NULL CONSTRAINT ck_course_lesson_kind CHECK (kind IN ('text', 'video', 'quiz')),
        title varchar(200) NOT NULL,
        duration_minutes integer NOT NULL CONSTRAINT ck_course_lesson_duration_positive CHECK (duration_minutes > 0),
        required boolean NOT NULL DEFAULT true,
        content jsonb NOT NULL,
        search_text text NOT NULL DEFAULT '',
        origin_lesson_id uuid CONSTRAINT fk_course_lesson_origin REFERENCES course_lesson (id),
        CONSTRAINT fk_course_lesson_module FOREIGN KEY (module_id, version_id)
          REFERENCES course_module (id, version_id) ON DELETE CASCADE,
        CONSTRAINT uq_course_lesson_position UNIQUE (module_id, position) DEFERRABLE INITIALLY DEFERRED,
        CONSTRAINT ck_course_lesson_content_object CHECK (jsonb_typeof(content) = 'object')
      )`);
    await q.query(`CREATE INDEX ix_course_lesson_version ON course_lesson (version_id)`);
    await q.query(`CREATE INDEX ix_course_lesson_origin ON course_lesson (origin_lesson_id) WHERE origin_lesson_id IS NOT NULL`);

    // Immutability of published versions: a learner who started version N keeps exactly version N.
    await q.query(`
      CREATE FUNCTION catalog_refuse_published_version_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'published' THEN
          RAISE EXCEPTION 'course_version % is published: its content is immutable', OLD.id
            USING ERRCODE = 'object_not_in_prerequisite_state', CONSTRAINT = 'ck_course_version_immutable';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER tr_course_version_immutable BEFORE UPDATE OR DELETE ON course_version
        FOR EACH ROW EXECUTE FUNCTION catalog_refuse_published_version_change()`);
    await q.query(`
      CREATE FUNCTION catalog_refuse_published_content_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        version_ids uuid[];
      BEGIN
        version_ids := CASE TG_OP
          WHEN 'INSERT' THEN ARRAY[NEW.version_id]
          WHEN 'DELETE' THEN ARRAY[OLD.version_id]
          ELSE ARRAY[OLD.version_id, NEW.version_id] END;
        -- FOR SHARE waits for a publication in progress on the version, then sees its outcome.
        PERFORM 1 FROM course_version WHERE id = ANY (version_ids) AND status = 'published' FOR SHARE;
        IF FOUND THEN
          RAISE EXCEPTION '% of a published course_version is immutable', TG_TABLE_NAME
            USING ERRCODE = 'object_not_in_prerequisite_state', CONSTRAINT = 'ck_course_version_immutable';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER tr_course_module_immutable BEFORE INSERT OR UPDATE OR DELETE ON course_module
        FOR EACH ROW EXECUTE FUNCTION catalog_refuse_published_content_change()`);
    await q.query(`
      CREATE TRIGGER tr_course_lesson_immutable BEFORE INSERT OR UPDATE OR DELETE ON course_lesson
        FOR EACH ROW EXECUTE FUNCTION catalog_refuse_published_content_change()`);
    await q.query(`
      CREATE FUNCTION catalog_refuse_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% holds published versions: TRUNCATE is refused', TG_TABLE_NAME
          USING ERRCODE = 'object_not_in_prerequisite_state', CONSTRAINT = 'ck_course_version_immutable';
      END
      $$`);
    for (const table of ['course_version', 'course_module', 'course_lesson']) {
      await q.query(
        `CREATE TRIGGER tr_${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION catalog_refuse_truncate()`,
      );
    }

    await q.query(`
      CREATE TABLE course_review (
        id uuid CONSTRAINT pk_course_review PRIMARY KEY DEFAULT gen_random_uuid(),
        version_id uuid NOT NULL CONSTRAINT fk_course_review_version REFERENCES course_version (id),
        decision varchar(20) NOT NULL CONSTRAINT ck_course_review_decision CHECK (decision IN ('approved', 'rejected')),
        comment text,
        reviewer_id uuid NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_course_review_rejection_comment CHECK (decision <> 'rejected' OR length(btrim(comment)) > 0)
      )`);
    await q.query(`CREATE INDEX ix_course_review_version ON course_review (version_id, decided_at)`);
    await q.query(`CREATE INDEX ix_course_review_reviewer ON course_review (reviewer_id)`);

    await q.query(`
      CREATE TABLE course_author (
        course_id uuid NOT NULL CONSTRAINT fk_course_author_course REFERENCES course (id),
        user_id uuid NOT NULL CONSTRAINT fk_course_author_user REFERENCES app_user (id),
        display_name varchar(200),
        added_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_course_author PRIMARY KEY (course_id, user_id)
      )`);
    await q.query(`CREATE INDEX ix_course_author_user ON course_author (user_id)`);

    // The catalogue row: projection of the latest published version, plus the stored search vector.
    await q.query(`
      ALTER TABLE course
        ADD COLUMN current_version_id uuid,
        ADD COLUMN search_vector tsvector NOT NULL DEFAULT ''::tsvector,
        ADD COLUMN created_by uuid,
        ADD COLUMN archived_at timestamptz,
        ADD CONSTRAINT fk_course_current_version FOREIGN KEY (current_version_id, id) REFERENCES course_version (id, course_id),
        ADD CONSTRAINT ck_course_archived_at CHECK (status <> 'archived' OR archived_at IS NOT NULL)`);
    // Courses published before versions existed get a version 1 holding their metadata (no modules yet).
    await q.query(`
      INSERT INTO course_version (course_id, number, status, kind, title, summary, level, duration_minutes, audiences,
                                  sectors, use_cases, language, counts_toward_goal, created_at, published_at)
      SELECT id, 1, 'published', kind, title, summary, level, duration_minutes, audiences, sectors, use_cases, language,
             counts_toward_goal, created_at, coalesce(published_at, now())
        FROM course WHERE status IN ('published', 'archived')`);
    await q.query(`
      UPDATE course c SET current_version_id = v.id,
             archived_at = CASE WHEN c.status = 'archived' THEN coalesce(c.archived_at, now()) END,
             search_vector = setweight(to_tsvector('public.fr_unaccent', c.title), 'A')
                          || setweight(to_tsvector('public.fr_unaccent', c.summary), 'B')
        FROM course_version v WHERE v.course_id = c.id`);
    await q.query(
      `ALTER TABLE course ADD CONSTRAINT ck_course_published_version CHECK (status <> 'published' OR current_version_id IS NOT NULL)`,
    );
    await q.query(`CREATE INDEX ix_course_search ON course USING gin (search_vector) WHERE status = 'published'`);
    await q.query(`CREATE INDEX ix_course_created_by ON course (created_by)`);

    await q.query(`
      CREATE TABLE solution (
        id uuid CONSTRAINT pk_solution PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(120) NOT NULL,
        provider varchar(120) NOT NULL,
        description text NOT NULL,
        use_cases text[] NOT NULL CONSTRAINT ck_solution_use_cases_not_empty CHECK (cardinality(use_cases) > 0),
        sectors text[] NOT NULL DEFAULT '{}',
        company_sizes text[] NOT NULL CONSTRAINT ck_solution_company_sizes_not_empty CHECK (cardinality(company_sizes) > 0),
        price_range varchar(20) NOT NULL
          CONSTRAINT ck_solution_price_range CHECK (price_range IN ('gratuit', 'moins_50', 'de_50_a_200', 'de_200_a_1000', 'plus_1000', 'sur_devis')),
        url varchar(500) NOT NULL CONSTRAINT ck_solution_url_https CHECK (url ~ '^https://'),
        private_offer boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_solution_provider_name UNIQUE (provider, name)
      )`);
    await q.query(`CREATE INDEX ix_solution_use_cases ON solution USING gin (use_cases)`);
    await q.query(`CREATE INDEX ix_solution_company_sizes ON solution USING gin (company_sizes)`);
    await q.query(`CREATE INDEX ix_solution_name ON solution (name, id)`);

    // Groups of equivalent expressions, normalized (lower case, no accents, sorted), applied at query time.
    await q.query(`
      CREATE TABLE search_synonym (
        id uuid CONSTRAINT pk_search_synonym PRIMARY KEY DEFAULT gen_random_uuid(),
        terms text[] NOT NULL CONSTRAINT ck_search_synonym_terms CHECK (cardinality(terms) BETWEEN 2 AND 20),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT uq_search_synonym_terms UNIQUE (terms)
      )`);
    await q.query(`
      INSERT INTO search_synonym (terms) VALUES
        ('{ia,intelligence artificielle}'),
        ('{assistant conversationnel,agent conversationnel,chatbot}'),
        ('{reglement general sur la protection des donnees,rgpd}'),
        ('{ressources humaines,rh}'),
        ('{grand modele de langage,llm}')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE search_synonym`);
    await q.query(`DROP TABLE solution`);
    await q.query(`DROP INDEX ix_course_created_by`);
    await q.query(`DROP INDEX ix_course_search`);
    await q.query(`
      ALTER TABLE course DROP CONSTRAINT ck_course_published_version, DROP CONSTRAINT fk_course_current_version,
        DROP CONSTRAINT ck_course_archived_at, DROP COLUMN current_version_id, DROP COLUMN search_vector,
        DROP COLUMN created_by, DROP COLUMN archived_at`);
    await q.query(`DROP TABLE course_author`);
    await q.query(`DROP TABLE course_review`);
    for (const table of ['course_lesson', 'course_module', 'course_version']) {
      await q.query(`DROP TRIGGER tr_${table}_no_truncate ON ${table}`);
    }
    await q.query(`DROP TRIGGER tr_course_version_immutable ON course_version`);
    await q.query(`DROP TABLE course_lesson`);
    await q.query(`DROP TABLE course_module`);
    await q.query(`DROP TABLE course_version`);
    await q.query(`DROP FUNCTION catalog_refuse_truncate()`);
    await q.query(`DROP FUNCTION catalog_refuse_published_content_change()`);
    await q.query(`DROP FUNCTION catalog_refuse_published_version_change()`);
    await q.query(`DROP FUNCTION catalog_search_query(jsonb)`);
    await q.query(`DROP TEXT SEARCH CONFIGURATION public.fr_unaccent`);
  }
}
