/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The schema history of the library.  Each step is one function and runs in
 * its own transaction together with the PRAGMA user_version bump, so a crash
 * during an upgrade leaves the previous version intact.  Old steps are never
 * edited: databases made by them exist on users' disks.
 */
#define G_LOG_DOMAIN "clipper-store"

#include "clipper-store-private.h"

typedef gboolean (*MigrationFunc) (sqlite3 *db, GError **error);

static gboolean
exec_sql (sqlite3 *db, const char *sql, const char *what, GError **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      clipper_store_set_sqlite_error (error, db, rc, what);
      return FALSE;
    }
  return TRUE;
}

/* Version 1: articles with their content and original page, tags on
 * articles, highlights, and the two full-text indexes.
 *
 * An article's HTML and text live in article_contents, not in the articles
 * row: lists, filters and sorts then read small rows packed many to a page,
 * and never walk the overflow pages of 10 KB of text to reach a flag.
 *
 * The FTS5 tables are external-content tables (the text is stored once);
 * the article index reads its content through the article_search view.
 * Triggers keep both in step, and each 'delete' passes exactly the values
 * that were indexed, as FTS5 requires.  Update triggers fire only when
 * an indexed value changed, so saving a starred article does not re-index
 * its text. */
static gboolean
migrate_to_1 (sqlite3 *db, GError **error)
{
  static const char sql[] =
    "CREATE TABLE articles ("
    "  id               INTEGER PRIMARY KEY,"
    /* What lists filter and sort on comes first in the record. */
    "  saved_at         INTEGER NOT NULL,"
    "  updated_at       INTEGER NOT NULL,"
    "  read_state       INTEGER NOT NULL DEFAULT 0 CHECK (read_state BETWEEN 0 AND 2),"
    "  starred          INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),"
    "  word_count       INTEGER NOT NULL DEFAULT 0,"
    "  reading_position REAL NOT NULL DEFAULT 0,"
    "  title            TEXT NOT NULL DEFAULT '',"
    "  url              TEXT NOT NULL UNIQUE,"
    "  canonical_url    TEXT,"
    "  byline           TEXT,"
    "  site_name        TEXT,"
    "  lang             TEXT,"
    "  dir              TEXT,"
    "  published_time   TEXT,"
    "  lead_image       TEXT,"
    "  excerpt          TEXT"
    ");"
    /* The rowid is the implicit last column of each index, which is what
     * keyset paging on (saved_at, id) and (title, id) needs. */
    "CREATE INDEX articles_by_saved ON articles (saved_at);"
    "CREATE INDEX articles_by_title ON articles (title COLLATE NOCASE);"
    "CREATE INDEX articles_by_canonical_url ON articles (canonical_url) WHERE canonical_url IS NOT NULL;"
    "CREATE TABLE article_contents ("
    "  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,"
    "  html       TEXT NOT NULL DEFAULT '',"
    "  text       TEXT NOT NULL DEFAULT ''"
    ");"
    /* Kept apart so that nothing but a re-extraction ever reads it. */
    "CREATE TABLE article_originals ("
    "  article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,"
    "  size       INTEGER NOT NULL,"
    "  data       BLOB NOT NULL"
    ");"
    /* key is the case-folded name: tags are unique ignoring case, but shown
     * as first given. */
    "CREATE TABLE tags ("
    "  id   INTEGER PRIMARY KEY,"
    "  key  TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL"
    ");"
    "CREATE TABLE article_tags ("
    "  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
    "  tag_id     INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
    "  PRIMARY KEY (article_id, tag_id)"
    ") WITHOUT ROWID;"
    "CREATE INDEX article_tags_by_tag ON article_tags (tag_id, article_id);"
    "CREATE TABLE highlights ("
    "  id           INTEGER PRIMARY KEY,"
    "  uuid         TEXT NOT NULL UNIQUE,"
    "  article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
    "  color        TEXT NOT NULL,"
    "  quote        TEXT NOT NULL,"
    "  prefix       TEXT,"
    "  suffix       TEXT,"
    "  start_offset INTEGER NOT NULL,"
    "  end_offset   INTEGER NOT NULL,"
    "  note         TEXT,"
    "  anchored     INTEGER NOT NULL DEFAULT 1,"
    "  created_at   INTEGER NOT NULL,"
    "  updated_at   INTEGER NOT NULL"
    ");"
    "CREATE INDEX highlights_by_article ON highlights (article_id, start_offset);"
    "CREATE INDEX highlights_by_created ON highlights (created_at);"
    "CREATE VIEW article_search AS"
    "  SELECT a.id AS id, a.title AS title, a.byline AS byline, c.text AS text"
    "  FROM articles a JOIN article_contents c ON c.article_id = a.id;"
    /* Prefix indexes for 3 and 4 characters: without them FTS5 merges the
     * doclists of every term with the prefix on each query, 75 ms for a
     * common 4-letter prefix in a library of 100,000 articles.  They cost
     * about a fifth more index and insert time.  Longer prefixes match few
     * terms and are cheap without. */
    "CREATE VIRTUAL TABLE articles_fts USING fts5 ("
    "  title, byline, text,"
    "  content='article_search', content_rowid='id',"
    "  tokenize='unicode61 remove_diacritics 2', prefix='3 4'"
    ");"
    /* A title match counts far more than one in the body.  A bigger
     * in-memory hash means fewer, larger segments in bulk imports. */
    "INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(10.0, 5.0, 1.0)');"
    "INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 8388608);"
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON article_contents BEGIN"
    "  INSERT INTO articles_fts (rowid, title, byline, text)"
    "    SELECT a.id, a.title, a.byline, new.text FROM articles a WHERE a.id = new.article_id;"
    "END;"
    /* BEFORE: the article's content is still there to say what to unindex. */
    "CREATE TRIGGER articles_fts_delete BEFORE DELETE ON articles BEGIN"
    "  INSERT INTO articles_fts (articles_fts, rowid, title, byline, text)"
    "    SELECT 'delete', old.id, old.title, old.byline, c.text"
    "    FROM article_contents c WHERE c.article_id = old.id;"
    "END;"
    "CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, byline ON articles"
    "  WHEN old.title IS NOT new.title OR old.byline IS NOT new.byline BEGIN"
    "  INSERT INTO articles_fts (articles_fts, rowid, title, byline, text)"
    "    SELECT 'delete', old.id, old.title, old.byline, c.text"
    "    FROM article_contents c WHERE c.article_id = old.id;"
    "  INSERT INTO articles_fts (rowid, title, byline, text)"
    "    SELECT new.id, new.title, new.byline, c.text"
    "    FROM article_contents c WHERE c.article_id = new.id;"
    "END;"
    "CREATE TRIGGER articles_fts_update_text AFTER UPDATE OF text ON article_contents"
    "  WHEN old.text IS NOT new.text BEGIN"
    "  INSERT INTO articles_fts (articles_fts, rowid, title, byline, text)"
    "    SELECT 'delete', a.id, a.title, a.byline, old.text FROM articles a WHERE a.id = old.article_id;"
    "  INSERT INTO articles_fts (rowid, title, byline, text)"
    "    SELECT a.id, a.title, a.byline, new.text FROM articles a WHERE a.id = new.article_id;"
    "END;"
    "CREATE VIRTUAL TABLE highlights_fts USING fts5 ("
    "  quote, note,"
    "  content='highlights', content_rowid='id',"
    "  tokenize='unicode61 remove_diacritics 2', prefix='3 4'"
    ");"
    "INSERT INTO highlights_fts (highlights_fts, rank) VALUES ('rank', 'bm25(2.0, 1.0)');"
    "INSERT INTO highlights_fts (highlights_fts, rank) VALUES ('hashsize', 8388608);"
    "CREATE TRIGGER highlights_fts_insert AFTER INSERT ON highlights BEGIN"
    "  INSERT INTO highlights_fts (rowid, quote, note) VALUES (new.id, new.quote, new.note);"
    "END;"
    "CREATE TRIGGER highlights_fts_delete AFTER DELETE ON highlights BEGIN"
    "  INSERT INTO highlights_fts (highlights_fts, rowid, quote, note)"
    "    VALUES ('delete', old.id, old.quote, old.note);"
    "END;"
    "CREATE TRIGGER highlights_fts_update AFTER UPDATE OF quote, note ON highlights"
    "  WHEN old.quote IS NOT new.quote OR old.note IS NOT new.note BEGIN"
    "  INSERT INTO highlights_fts (highlights_fts, rowid, quote, note)"
    "    VALUES ('delete', old.id, old.quote, old.note);"
    "  INSERT INTO highlights_fts (rowid, quote, note) VALUES (new.id, new.quote, new.note);"
    "END;";

  return exec_sql (db, sql, "cannot create the library tables", error);
}

/* Version 2: the quote a highlight was first made with (re-anchoring may
 * change the quote; the user's original selection is worth keeping), tags
 * on highlights, and the images articles show, stored once per content
 * (SHA-256) however many articles use them. */
static gboolean
migrate_to_2 (sqlite3 *db, GError **error)
{
  static const char sql[] =
    "ALTER TABLE highlights ADD COLUMN original_quote TEXT;"
    "CREATE TABLE highlight_tags ("
    "  highlight_id INTEGER NOT NULL REFERENCES highlights (id) ON DELETE CASCADE,"
    "  tag_id       INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
    "  PRIMARY KEY (highlight_id, tag_id)"
    ") WITHOUT ROWID;"
    "CREATE INDEX highlight_tags_by_tag ON highlight_tags (tag_id, highlight_id);"
    "CREATE TABLE images ("
    "  id     INTEGER PRIMARY KEY,"
    "  sha256 TEXT NOT NULL UNIQUE,"
    "  size   INTEGER NOT NULL,"
    "  data   BLOB NOT NULL"
    ");"
    "CREATE TABLE article_images ("
    "  article_id   INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
    "  url          TEXT NOT NULL,"
    "  content_type TEXT,"
    "  image_id     INTEGER NOT NULL REFERENCES images (id),"
    "  PRIMARY KEY (article_id, url)"
    ") WITHOUT ROWID;"
    "CREATE INDEX article_images_by_image ON article_images (image_id);"
    /* An image nobody shows any more is dropped with its last link. */
    "CREATE TRIGGER article_images_gc_delete AFTER DELETE ON article_images"
    "  WHEN NOT EXISTS (SELECT 1 FROM article_images WHERE image_id = old.image_id) BEGIN"
    "  DELETE FROM images WHERE id = old.image_id;"
    "END;"
    "CREATE TRIGGER article_images_gc_update AFTER UPDATE OF image_id ON article_images"
    "  WHEN NOT EXISTS (SELECT 1 FROM article_images WHERE image_id = old.image_id) BEGIN"
    "  DELETE FROM images WHERE id = old.image_id;"
    "END;";

  return exec_sql (db, sql, "cannot upgrade the library to version 2", error);
}

/* Version 3: a second index of the articles' titles, bylines and text in
 * pairs of neighbouring words (the clipper_bigram tokenizer; see
 * clipper-store-bigram.c for why), which phrase searches use.  It needs
 * the tokenizer, registered by the store before it migrates.  Filling it
 * from an existing library reads every article's text once. */
static gboolean
migrate_to_3 (sqlite3 *db, GError **error)
{
  static const char sql[] =
    "CREATE VIRTUAL TABLE articles_bigrams USING fts5 ("
    "  title, byline, text,"
    "  content='article_search', content_rowid='id',"
    "  tokenize='clipper_bigram'"
    ");"
    "INSERT INTO articles_bigrams (articles_bigrams, rank) VALUES ('rank', 'bm25(10.0, 5.0, 1.0)');"
    "INSERT INTO articles_bigrams (articles_bigrams, rank) VALUES ('hashsize', 8388608);"
    "INSERT INTO articles_bigrams (articles_bigrams) VALUES ('rebuild');"
    /* The same triggers as articles_fts's (see migrate_to_1()). */
    "CREATE TRIGGER articles_bigrams_insert AFTER INSERT ON article_contents BEGIN"
    "  INSERT INTO articles_bigrams (rowid, title, byline, text)"
    "    SELECT a.id, a.title, a.byline, new.text FROM articles a WHERE a.id = new.article_id;"
    "END;"
    "CREATE TRIGGER articles_bigrams_delete BEFORE DELETE ON articles BEGIN"
    "  INSERT INTO articles_bigrams (articles_bigrams, rowid, title, byline, text)"
    "    SELECT 'delete', old.id, old.title, old.byline, c.text"
    "    FROM article_contents c WHERE c.article_id = old.id;"
    "END;"
    "CREATE TRIGGER articles_bigrams_update AFTER UPDATE OF title, byline ON articles"
    "  WHEN old.title IS NOT new.title OR old.byline IS NOT new.byline BEGIN"
    "  INSERT INTO articles_bigrams (articles_bigrams, rowid, title, byline, text)"
    "    SELECT 'delete', old.id, old.title, old.byline, c.text"
    "    FROM article_contents c WHERE c.article_id = old.id;"
    "  INSERT INTO articles_bigrams (rowid, title, byline, text)"
    "    SELECT new.id, new.title, new.byline, c.text"
    "    FROM article_contents c WHERE c.article_id = new.id;"
    "END;"
    "CREATE TRIGGER articles_bigrams_update_text AFTER UPDATE OF text ON article_contents"
    "  WHEN old.text IS NOT new.text BEGIN"
    "  INSERT INTO articles_bigrams (articles_bigrams, rowid, title, byline, text)"
    "    SELECT 'delete', a.id, a.title, a.byline, old.text FROM articles a WHERE a.id = old.article_id;"
    "  INSERT INTO articles_bigrams (rowid, title, byline, text)"
    "    SELECT a.id, a.title, a.byline, new.text FROM articles a WHERE a.id = new.article_id;"
    "END;";

  return exec_sql (db, sql, "cannot upgrade the library to version 3", error);
}

/* Version 4: the store indexes a new article or highlight itself, in a
 * statement of its own, instead of by AFTER INSERT triggers.
 *
 * Why: a statement that fires a trigger writes more than one row, so SQLite
 * gives it a statement journal, and opening one calls xSavepoint on every
 * virtual table in the transaction.  FTS5 answers a savepoint by flushing
 * its in-memory index to a new segment on disk, so each highlight inserted
 * in a batch of 10,000 became a segment of its own, merged and merged again:
 * 38 µs of FTS5 work per highlight instead of about 9 (bench-store, 300,000
 * highlights into a library of 100,000 articles).  A single-row INSERT
 * without triggers needs no statement journal.  Deletions and updates keep
 * their triggers: a deleted article cascades to its highlights inside
 * SQLite, where only a trigger sees them, and neither is a bulk path. */
static gboolean
migrate_to_4 (sqlite3 *db, GError **error)
{
  static const char sql[] =
    "DROP TRIGGER highlights_fts_insert;"
    "DROP TRIGGER articles_fts_insert;"
    "DROP TRIGGER articles_bigrams_insert;";

  return exec_sql (db, sql, "cannot upgrade the library to version 4", error);
}

/* Version 5: the highlights' quotes and notes in pairs of neighbouring
 * words too (see migrate_to_3() and clipper-store-bigram.c): a phrase of
 * common words that is itself rare walked the position lists of most of a
 * million highlights (31 ms p95 in bench-store, over the 20 ms target).
 * Affordable since version 4 made indexing a highlight cheap.  New
 * highlights are indexed by the store (see migrate_to_4()); deletions and
 * updates by triggers, as for the word index. */
static gboolean
migrate_to_5 (sqlite3 *db, GError **error)
{
  static const char sql[] =
    "CREATE VIRTUAL TABLE highlights_bigrams USING fts5 ("
    "  quote, note,"
    "  content='highlights', content_rowid='id',"
    "  tokenize='clipper_bigram'"
    ");"
    "INSERT INTO highlights_bigrams (highlights_bigrams, rank) VALUES ('rank', 'bm25(2.0, 1.0)');"
    "INSERT INTO highlights_bigrams (highlights_bigrams, rank) VALUES ('hashsize', 8388608);"
    "INSERT INTO highlights_bigrams (highlights_bigrams) VALUES ('rebuild');"
    "CREATE TRIGGER highlights_bigrams_delete AFTER DELETE ON highlights BEGIN"
    "  INSERT INTO highlights_bigrams (highlights_bigrams, rowid, quote, note)"
    "    VALUES ('delete', old.id, old.quote, old.note);"
    "END;"
    "CREATE TRIGGER highlights_bigrams_update AFTER UPDATE OF quote, note ON highlights"
    "  WHEN old.quote IS NOT new.quote OR old.note IS NOT new.note BEGIN"
    "  INSERT INTO highlights_bigrams (highlights_bigrams, rowid, quote, note)"
    "    VALUES ('delete', old.id, old.quote, old.note);"
    "  INSERT INTO highlights_bigrams (rowid, quote, note) VALUES (new.id, new.quote, new.note);"
    "END;";

  return exec_sql (db, sql, "cannot upgrade the library to version 5", error);
}

/* Version 6: the store re-indexes a highlight whose quote or note it
 * changes, instead of by update triggers, for the reason of version 4: a
 * statement that fires a trigger makes FTS5 write a segment, so updating
 * many highlights in one transaction (re-anchoring a whole library, an
 * import of notes) cost 88 µs a highlight instead of 22 (30,000 updates,
 * measured with the sqlite3 shell).  Only deletions keep their triggers:
 * a cascade from a deleted article is seen by nothing else. */
static gboolean
migrate_to_6 (sqlite3 *db, GError **error)
{
  static const char sql[] =
    "DROP TRIGGER highlights_fts_update;"
    "DROP TRIGGER highlights_bigrams_update;";

  return exec_sql (db, sql, "cannot upgrade the library to version 6", error);
}

/* Version 7: the library's identity, a random UUID made once.  A vault
 * (see docs/export.md) remembers which library wrote it: another library's
 * vault, synced to this computer, holds highlights this library never had,
 * which must come in as new rather than be taken for ones deleted here.
 * Made by the upgrade too, so a library from before has one from then on;
 * the one row is all the table may hold. */
static gboolean
migrate_to_7 (sqlite3 *db, GError **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *sql = NULL;

  /* The UUID is ours (hex digits and dashes), not user text. */
  sql = g_strdup_printf ("CREATE TABLE library ("
                         "  id   INTEGER PRIMARY KEY CHECK (id = 1),"
                         "  uuid TEXT NOT NULL"
                         ");"
                         "INSERT INTO library (id, uuid) VALUES (1, '%s');",
                         uuid);
  return exec_sql (db, sql, "cannot upgrade the library to version 7", error);
}

/* Version 8: the search indexes split Chinese, Japanese and Korean text
 * into pairs of characters (the clipper_words tokenizer; see
 * clipper-store-words.c), where unicode61 took a whole run of it for one
 * word and most words in it could not be found.  A virtual table's
 * tokenizer is part of its declaration, so the four indexes are made
 * again, with the same options, and filled from their content tables:
 * every article's text is read once.  Their triggers name the tables, not
 * their declarations, and stay. */
static gboolean
migrate_to_8 (sqlite3 *db, GError **error)
{
  static const char sql[] =
    "DROP TABLE articles_fts;"
    "CREATE VIRTUAL TABLE articles_fts USING fts5 ("
    "  title, byline, text,"
    "  content='article_search', content_rowid='id',"
    "  tokenize='clipper_words', prefix='3 4'"
    ");"
    "INSERT INTO articles_fts (articles_fts, rank) VALUES ('rank', 'bm25(10.0, 5.0, 1.0)');"
    "INSERT INTO articles_fts (articles_fts, rank) VALUES ('hashsize', 8388608);"
    "INSERT INTO articles_fts (articles_fts) VALUES ('rebuild');"
    "DROP TABLE highlights_fts;"
    "CREATE VIRTUAL TABLE highlights_fts USING fts5 ("
    "  quote, note,"
    "  content='highlights', content_rowid='id',"
    "  tokenize='clipper_words', prefix='3 4'"
    ");"
    "INSERT INTO highlights_fts (highlights_fts, rank) VALUES ('rank', 'bm25(2.0, 1.0)');"
    "INSERT INTO highlights_fts (highlights_fts, rank) VALUES ('hashsize', 8388608);"
    "INSERT INTO highlights_fts (highlights_fts) VALUES ('rebuild');"
    /* Their pairs of words are pairs of clipper_words's words now. */
    "DROP TABLE articles_bigrams;"
    "CREATE VIRTUAL TABLE articles_bigrams USING fts5 ("
    "  title, byline, text,"
    "  content='article_search', content_rowid='id',"
    "  tokenize='clipper_bigram'"
    ");"
    "INSERT INTO articles_bigrams (articles_bigrams, rank) VALUES ('rank', 'bm25(10.0, 5.0, 1.0)');"
    "INSERT INTO articles_bigrams (articles_bigrams, rank) VALUES ('hashsize', 8388608);"
    "INSERT INTO articles_bigrams (articles_bigrams) VALUES ('rebuild');"
    "DROP TABLE highlights_bigrams;"
    "CREATE VIRTUAL TABLE highlights_bigrams USING fts5 ("
    "  quote, note,"
    "  content='highlights', content_rowid='id',"
    "  tokenize='clipper_bigram'"
    ");"
    "INSERT INTO highlights_bigrams (highlights_bigrams, rank) VALUES ('rank', 'bm25(2.0, 1.0)');"
    "INSERT INTO highlights_bigrams (highlights_bigrams, rank) VALUES ('hashsize', 8388608);"
    "INSERT INTO highlights_bigrams (highlights_bigrams) VALUES ('rebuild');";

  return exec_sql (db, sql, "cannot upgrade the library to version 8", error);
}

/* Version 9: what another library's note added to a highlight of this
 * library's (the same passage highlighted on two computers; see
 * clipper_merge_same_passage() and docs/export.md).  The note stays one
 * plain text that the reader and the exports show and the user edits;
 * this table only remembers, per highlight and per highlight of the other
 * library (its block id, which its vault and its JSON both give), the text
 * last taken in from it, so that an edited version can replace that text
 * in the note instead of piling up below it.  library is the other
 * library's identity when the file said it (a vault does, a JSON export
 * does not).  A highlight's parts go with it.  Nothing is filled in for
 * notes merged before: which paragraph came from where was never kept. */
static gboolean
migrate_to_9 (sqlite3 *db, GError **error)
{
  static const char sql[] =
    "CREATE TABLE note_parts ("
    "  highlight_id INTEGER NOT NULL REFERENCES highlights (id) ON DELETE CASCADE,"
    "  source       TEXT NOT NULL,"
    "  library      TEXT,"
    "  text         TEXT NOT NULL,"
    "  PRIMARY KEY (highlight_id, source)"
    ") WITHOUT ROWID;";

  return exec_sql (db, sql, "cannot upgrade the library to version 9", error);
}

/* Version 10: the printed page a Kindle gives beside a highlight's
 * location ("- Your Highlight on page 12 | Location 170-172"), which the
 * import read and had nowhere to keep.  Text, not a number: Kindles write
 * front matter's pages in Roman numerals ("page ix") and some pages as
 * ranges.  NULL when unknown, as for every highlight the upgrade finds:
 * importing the clippings again fills it in (see save_book() in
 * clipper-kindle.c). */
static gboolean
migrate_to_10 (sqlite3 *db, GError **error)
{
  return exec_sql (db, "ALTER TABLE highlights ADD COLUMN page TEXT;",
                   "cannot upgrade the library to version 10", error);
}

/* Version 11: where a highlight's offsets come from ('text': placed on
 * its article's text; 'carried': an orphan's, carried through a
 * re-anchoring with the old text; NULL: unknown, another tool's), so that
 * an orphan's closest passage is looked for near its offsets only when
 * they are its article's (clipper_anchor_suggest()).  Every highlight the
 * upgrade finds is NULL: which orphans' offsets were carried was never
 * kept, and unknown is how they were all treated before.  The next
 * re-anchoring of an article sets it for its highlights. */
static gboolean
migrate_to_11 (sqlite3 *db, GError **error)
{
  return exec_sql (db,
                   "ALTER TABLE highlights ADD COLUMN offsets_from TEXT"
                   " CHECK (offsets_from IN ('text', 'carried'));",
                   "cannot upgrade the library to version 11", error);
}

/* Indexes again the rows whose text holds a character of @pattern (a
 * GLOB), which the search indexes' tokenizer splits otherwise in schema
 * version @old + 1 than it did in @old: each such row's old words are
 * taken out of the four indexes, split as version @old split them (FTS5
 * deletes the words it is given), and its new words put in, as the
 * upgrade's version splits them (clipper_store_migrate()).  Rebuilding the indexes
 * whole took 15 s of CPU for 10,000 articles; most libraries have no such
 * row, and finding them reads the text once, with no tokenizing. */
static gboolean
reindex_rows (sqlite3    *db,
              const char *pattern,
              int         old,
              const char *what,
              GError    **error)
{
  static const char *const find[] = {
    "CREATE TEMP TABLE arabic_articles AS SELECT a.id AS id FROM articles a"
    " JOIN article_contents c ON c.article_id = a.id"
    " WHERE a.title GLOB :p OR a.byline GLOB :p OR c.text GLOB :p",
    "CREATE TEMP TABLE arabic_highlights AS SELECT id FROM highlights WHERE quote GLOB :p OR note GLOB :p",
  };
  static const char delete_old[] =
    "INSERT INTO articles_fts (articles_fts, rowid, title, byline, text)"
    "  SELECT 'delete', id, title, byline, text FROM article_search WHERE id IN (SELECT id FROM arabic_articles);"
    "INSERT INTO articles_bigrams (articles_bigrams, rowid, title, byline, text)"
    "  SELECT 'delete', id, title, byline, text FROM article_search WHERE id IN (SELECT id FROM arabic_articles);"
    "INSERT INTO highlights_fts (highlights_fts, rowid, quote, note)"
    "  SELECT 'delete', id, quote, note FROM highlights WHERE id IN (SELECT id FROM arabic_highlights);"
    "INSERT INTO highlights_bigrams (highlights_bigrams, rowid, quote, note)"
    "  SELECT 'delete', id, quote, note FROM highlights WHERE id IN (SELECT id FROM arabic_highlights);";
  static const char insert_new[] =
    "INSERT INTO articles_fts (rowid, title, byline, text)"
    "  SELECT id, title, byline, text FROM article_search WHERE id IN (SELECT id FROM arabic_articles);"
    "INSERT INTO articles_bigrams (rowid, title, byline, text)"
    "  SELECT id, title, byline, text FROM article_search WHERE id IN (SELECT id FROM arabic_articles);"
    "INSERT INTO highlights_fts (rowid, quote, note)"
    "  SELECT id, quote, note FROM highlights WHERE id IN (SELECT id FROM arabic_highlights);"
    "INSERT INTO highlights_bigrams (rowid, quote, note)"
    "  SELECT id, quote, note FROM highlights WHERE id IN (SELECT id FROM arabic_highlights);"
    "DROP TABLE temp.arabic_articles;"
    "DROP TABLE temp.arabic_highlights;";
  gboolean ok;

  for (guint i = 0; i < G_N_ELEMENTS (find); i++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc = sqlite3_prepare_v3 (db, find[i], -1, 0, &stmt, NULL);

      if (rc == SQLITE_OK)
        rc = sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_STATIC);
      if (rc == SQLITE_OK)
        rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          clipper_store_set_sqlite_error (error, db, rc, what);
          return FALSE;
        }
    }
  clipper_store_words_split_as (db, old);
  ok = exec_sql (db, delete_old, what, error);
  clipper_store_words_split_as (db, old + 1);
  return ok && exec_sql (db, insert_new, what, error);
}

/* Version 12: the search indexes fold Arabic letters people type one for
 * another (clipper_text_fold_arabic()) and keep a word's vowel marks in
 * it, where unicode61 split the word at them.  The tokenizer's name and
 * options are unchanged, so the tables stay as they are, but the rows
 * whose text holds a character the fold changes are split differently
 * now, and indexed again. */
static gboolean
migrate_to_12 (sqlite3 *db, GError **error)
{
  /* The characters clipper_text_fold_arabic() changed in version 12. */
  static const char pattern[] = "*[\u0622\u0623\u0625\u0629\u0640\u0649\u064B-\u065F\u0670\u0671]*";

  return reindex_rows (db, pattern, 11, "cannot upgrade the library to version 12", error);
}

/* Version 13: when the text a note part holds was written where it came
 * from, as the file said it (a Hypothesis annotation's or reply's
 * "updated"), so that an older export imported after a newer one does not
 * put the older text back (see update_annotation() in clipper-json.c).
 * NULL when the file gave no time, and for every part the upgrade finds:
 * their times were never kept, and such a part is taken over as before. */
static gboolean
migrate_to_13 (sqlite3 *db, GError **error)
{
  return exec_sql (db, "ALTER TABLE note_parts ADD COLUMN written_at INTEGER;",
                   "cannot upgrade the library to version 13", error);
}

/* Version 14: the fold takes the hamza off ؤ and ئ, as off أ and إ, and
 * reads Persian's ی and ک as Arabic's ي and ك (clipper_text_fold_arabic()):
 * a Persian query did not find an Arabic-spelled word, nor مسوول find
 * مسؤول.  As version 12, only the rows holding one of them are indexed
 * again; finding them in 10,000 articles took 0.9 s of CPU (see
 * docs/performance.md). */
static gboolean
migrate_to_14 (sqlite3 *db, GError **error)
{
  static const char pattern[] = "*[\u0624\u0626\u06A9\u06CC]*";

  return reindex_rows (db, pattern, 13, "cannot upgrade the library to version 14", error);
}

/* Version 15: the address the stored original page was read from, which
 * a re-extraction resolves the page's links and images against.  It was
 * taken from the article: a page saved from a file and fetched again from
 * the web was re-read as if it were the file, its images looked up by
 * the file's neighbours' addresses, not by those they were stored under.
 * NULL for every page the upgrade finds, which is read as before. */
static gboolean
migrate_to_15 (sqlite3 *db, GError **error)
{
  return exec_sql (db, "ALTER TABLE article_originals ADD COLUMN url TEXT;",
                   "cannot upgrade the library to version 15", error);
}

/* Version 16: a picture written into a page is named by the sha256 of
 * its bytes, "data:sha256,<hex>" (CLIPPER_INLINE_IMAGE_PREFIX), since 1
 * December 2026.  An article saved before kept it under its whole data:
 * URL, megabytes of base64, in its image's row (part of a primary key),
 * in its HTML and in the reader's image address.  Each such row takes the
 * new name, which the image's own sha256 gives (the bytes were stored
 * decoded), and so do its article's HTML and lead image.  A row whose
 * article has the new name already (a refetch --offline filed it there)
 * is the same picture twice: it goes. */
static gboolean
migrate_to_16 (sqlite3 *db, GError **error)
{
  static const char find[] =
    "SELECT ai.article_id, ai.url, 'data:sha256,' || i.sha256 FROM article_images ai"
    " JOIN images i ON i.id = ai.image_id"
    " WHERE lower (substr (ai.url, 1, 5)) = 'data:' AND ai.url NOT GLOB 'data:sha256,*'";
  static const char *const rename[] = {
    "UPDATE article_contents SET html = replace (html, :old, :key)"
    " WHERE article_id = :article_id AND instr (html, :old) > 0",
    "UPDATE articles SET lead_image = :key WHERE id = :article_id AND lead_image = :old",
    "UPDATE OR IGNORE article_images SET url = :key WHERE article_id = :article_id AND url = :old",
    "DELETE FROM article_images WHERE article_id = :article_id AND url = :old",
  };
  const char *what = "cannot upgrade the library to version 16";
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) olds = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* Read first: the rows change under a statement still reading them. */
  rc = sqlite3_prepare_v3 (db, find, -1, 0, &stmt, NULL);
  while ((rc == SQLITE_OK || rc == SQLITE_ROW) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (olds, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      g_ptr_array_add (keys, g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      clipper_store_set_sqlite_error (error, db, rc, what);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (rename); i++)
    {
      rc = sqlite3_prepare_v3 (db, rename[i], -1, 0, &stmt, NULL);
      for (guint j = 0; rc == SQLITE_OK && j < ids->len; j++)
        {
          sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":article_id"),
                              g_array_index (ids, gint64, j));
          sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":old"), olds->pdata[j], -1, SQLITE_STATIC);
          if (sqlite3_bind_parameter_index (stmt, ":key") > 0)
            sqlite3_bind_text (stmt, sqlite3_bind_parameter_index (stmt, ":key"), keys->pdata[j], -1,
                               SQLITE_STATIC);
          rc = sqlite3_step (stmt);
          if (rc == SQLITE_DONE)
            rc = sqlite3_reset (stmt);
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_OK)
        {
          clipper_store_set_sqlite_error (error, db, rc, what);
          return FALSE;
        }
    }
  return TRUE;
}

static const MigrationFunc migrations[] = {
  migrate_to_1,
  migrate_to_2,
  migrate_to_3,
  migrate_to_4,
  migrate_to_5,
  migrate_to_6,
  migrate_to_7,
  migrate_to_8,
  migrate_to_9,
  migrate_to_10,
  migrate_to_11,
  migrate_to_12,
  migrate_to_13,
  migrate_to_14,
  migrate_to_15,
  migrate_to_16,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == CLIPPER_STORE_SCHEMA_VERSION);

static gboolean
read_user_version (sqlite3 *db, int *out_version, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v3 (db, "PRAGMA user_version", -1, 0, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out_version = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  if (rc != SQLITE_OK)
    clipper_store_set_sqlite_error (error, db, rc, "cannot read the library's version");
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK;
}

static gboolean
has_any_table (sqlite3 *db, gboolean *out_has, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v3 (db, "SELECT count(*) FROM sqlite_schema", -1, 0, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *out_has = sqlite3_column_int (stmt, 0) > 0;
          rc = SQLITE_OK;
        }
    }
  if (rc != SQLITE_OK)
    clipper_store_set_sqlite_error (error, db, rc, "cannot read the library's tables");
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK;
}

static gboolean
check_version (const char *path, int version, GError **error)
{
  if (version > CLIPPER_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_TOO_NEW,
                   "the library '%s' was made by a newer Clipper (schema version %d; "
                   "this version knows up to %d)",
                   path, version, CLIPPER_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  if (version < 0)
    {
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_CORRUPT,
                   "'%s' is not a Clipper library (schema version %d)", path, version);
      return FALSE;
    }
  return TRUE;
}

gboolean
clipper_store_read_version (sqlite3    *db,
                            const char *path,
                            int        *out_version,
                            GError    **error)
{
  if (!read_user_version (db, out_version, error) || !check_version (path, *out_version, error))
    return FALSE;
  if (*out_version == 0)
    {
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_CORRUPT,
                   "'%s' is not a Clipper library (it has none of its tables)", path);
      return FALSE;
    }
  return TRUE;
}

gboolean
clipper_store_migrate (sqlite3    *db,
                       const char *path,
                       int         target_version,
                       int        *out_version,
                       GError    **error)
{
  int version = 0;

  if (target_version <= 0 || target_version > CLIPPER_STORE_SCHEMA_VERSION)
    target_version = CLIPPER_STORE_SCHEMA_VERSION;

  /* Reading outside a transaction first means a library that is already
   * current never takes the write lock just to be opened. */
  if (!read_user_version (db, &version, error))
    return FALSE;
  if (!check_version (path, version, error))
    return FALSE;

  while (version < target_version)
    {
      gboolean has_tables = FALSE;
      gboolean ok;
      g_autofree char *bump = NULL;
      g_autofree char *what = NULL;

      /* IMMEDIATE takes the write lock at once, so two processes opening a
       * new library together cannot both run a step: the second waits, then
       * sees the new version below. */
      if (!exec_sql (db, "BEGIN IMMEDIATE", "cannot upgrade the library", error))
        return FALSE;

      if (!read_user_version (db, &version, error))
        goto fail;
      if (!check_version (path, version, error))
        goto fail;
      if (version >= target_version)
        {
          if (!exec_sql (db, "COMMIT", "cannot upgrade the library", error))
            goto fail;
          break;
        }

      /* Version 0 with tables is some other program's database: never
       * write our tables into it. */
      if (version == 0)
        {
          if (!has_any_table (db, &has_tables, error))
            goto fail;
          if (has_tables)
            {
              g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_CORRUPT,
                           "'%s' is an SQLite database but not a Clipper library", path);
              goto fail;
            }
        }

      /* What a step writes in the search indexes is split as its version
       * split it, so that the next step that indexes a row again finds
       * the words it takes out (a version 11 library upgraded to 14:
       * version 12's words, then 14's). */
      clipper_store_words_split_as (db, version + 1);
      ok = migrations[version] (db, error);
      clipper_store_words_split_as (db, 0);
      if (!ok)
        goto fail;

      /* PRAGMA takes no parameters; the number is ours, not user text. */
      bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);
      what = g_strdup_printf ("cannot upgrade the library to version %d", version + 1);
      if (!exec_sql (db, bump, what, error))
        goto fail;
      if (!exec_sql (db, "COMMIT", what, error))
        goto fail;

      g_debug ("Upgraded %s to schema version %d", path, version + 1);
      version++;
      continue;

    fail:
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  if (out_version != NULL)
    *out_version = version;
  return TRUE;
}
