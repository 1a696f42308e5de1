/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening a library that needs an upgrade: clipper_store_needs_upgrade()
 * tells it without writing, and clipper_store_open_async() upgrades it on
 * a worker while the caller's main loop keeps running (the app shows a
 * status window meanwhile instead of freezing).  Real SQLite files in a
 * temp dir, libraries made as older Clipper versions left them.
 */
#define G_LOG_DOMAIN "test-store-open"

#include <string.h>

#include <glib/gstdio.h>

#include "clipper-store.h"
#include "clipper-store-private.h"
#include "clipper-test-util.h"

/* Enough highlights that filling the word-pair index of version 5 takes
 * a time a 5 ms timer sees many times over (about 0.2 s, 1 s under
 * ASan), and few enough to keep the test fast. */
#define N_HIGHLIGHTS 20000

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("clipper-store-open-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "library.db", NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  clipper_test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Runs SQL on a raw connection of its own, as another program would. */
static void
raw_exec (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  rc = sqlite3_exec (db, sql, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static gint64
raw_int (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* A library as Clipper's schema version 4 left it: one article saved
 * through the store (version 4 already indexed articles itself), and
 * @n_highlights highlights with their word index, written in one batch;
 * one of them quotes "zebra finches", which only the word-pair index of
 * version 5 finds as a phrase. */
static void
make_version_4 (const char *path, guint n_highlights)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = clipper_store_open_at_version (path, 4, &error);
  g_autoptr(ClipperArticle) article = clipper_article_new ();
  g_autofree char *sql = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (clipper_store_get_schema_version (store), ==, 4);
  clipper_article_set_url (article, "https://example.org/birds");
  clipper_article_set_title (article, "Birds of the estuary");
  clipper_article_set_text (article, "Zebra finches and herons along the river.");
  clipper_article_set_html (article, "<p>Zebra finches and herons along the river.</p>");
  clipper_store_add_article (store, article, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  sql = g_strdup_printf ("BEGIN;"
                         "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %u)"
                         "INSERT INTO highlights (id, uuid, article_id, color, quote, start_offset, end_offset,"
                         "  note, created_at, updated_at)"
                         "  SELECT i, printf ('00000000-0000-4000-8000-%%012d', i), 1, 'yellow',"
                         "    CASE i WHEN %u THEN 'two zebra finches'"
                         "      ELSE printf ('the heron number %%d waits by the grey water of the river at low tide', i) END,"
                         "    0, 10, printf ('note %%d about herons and tides', i), i, i FROM n;"
                         "INSERT INTO highlights_fts (highlights_fts) VALUES ('rebuild');"
                         "COMMIT;",
                         n_highlights, n_highlights / 2);
  /* (The quote is set in the INSERT: version 4 still re-indexed updated
   * quotes by a trigger, which would delete from an index not built yet.) */
  raw_exec (path, sql);
  g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, 4);
  g_assert_cmpint (raw_int (path, "SELECT count(*) FROM highlights"), ==, n_highlights);
}

static void
test_needs_upgrade (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autofree char *missing_dir = g_build_filename (f->dir, "no-such-folder", NULL);
  g_autofree char *missing = g_build_filename (missing_dir, "library.db", NULL);
  g_autofree char *junk = g_build_filename (f->dir, "junk.db", NULL);
  g_autofree char *newer = g_build_filename (f->dir, "newer.db", NULL);
  GStatBuf before, after;
  int version = -1;

  /* A missing file: a new library is made at once, nothing to wait for;
   * and asking creates neither the file nor its folder. */
  g_assert_false (clipper_store_needs_upgrade (missing, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 0);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (missing_dir, G_FILE_TEST_EXISTS));

  /* A library at every older version needs one, and asking writes nothing. */
  for (int v = 1; v < CLIPPER_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *path = g_strdup_printf ("%s/v%d.db", f->dir, v);

      store = clipper_store_open_at_version (path, v, &error);
      g_assert_no_error (error);
      g_clear_object (&store);
      g_assert_cmpint (g_stat (path, &before), ==, 0);
      version = -1;
      g_assert_true (clipper_store_needs_upgrade (path, &version, &error));
      g_assert_no_error (error);
      g_assert_cmpint (version, ==, v);
      g_assert_cmpint (g_stat (path, &after), ==, 0);
      g_assert_cmpint (before.st_size, ==, after.st_size);
      g_assert_cmpint (before.st_mtime, ==, after.st_mtime);
      g_assert_cmpint (raw_int (path, "PRAGMA user_version"), ==, v);
    }

  /* A current library does not, nor does an open one (read while the
   * store holds its connection, as the CLI may). */
  store = clipper_store_open (f->path, &error);
  g_assert_no_error (error);
  version = -1;
  g_assert_false (clipper_store_needs_upgrade (f->path, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, CLIPPER_STORE_SCHEMA_VERSION);
  g_clear_object (&store);
  g_assert_false (clipper_store_needs_upgrade (f->path, NULL, &error));
  g_assert_no_error (error);

  /* Not a database: no upgrade, and an error that names the file. */
  g_assert_true (g_file_set_contents (junk, "this is not a database, just some text", -1, NULL));
  g_assert_false (clipper_store_needs_upgrade (junk, &version, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, junk));
  g_clear_error (&error);

  /* A newer Clipper's library is not ours to upgrade (opening says TOO_NEW). */
  store = clipper_store_open (newer, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  raw_exec (newer, "PRAGMA user_version = 99");
  g_assert_false (clipper_store_needs_upgrade (newer, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 99);
}

typedef struct {
  ClipperStore *store;
  GError *error;
  gboolean done;
  guint ticks_before_done;
  guint ticks;
} OpenState;

static void
on_opened (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  OpenState *state = user_data;

  g_assert_null (source);
  state->store = clipper_store_open_finish (result, &state->error);
  state->ticks_before_done = state->ticks;
  state->done = TRUE;
}

static gboolean
on_tick (gpointer user_data)
{
  OpenState *state = user_data;

  state->ticks++;
  return G_SOURCE_CONTINUE;
}

static void
run_until_done (OpenState *state)
{
  while (!state->done)
    g_main_context_iteration (NULL, TRUE);
}

/* The upgrade runs on a worker: a timer on the caller's main loop fires
 * while it runs, and the store that comes back is upgraded and works on
 * the caller's thread (reads, the new index, writes). */
static void
test_open_async_upgrades (Fixture *f, gconstpointer data)
{
  OpenState state = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(ClipperArticle) article = NULL;
  g_autoptr(ClipperHighlight) highlight = clipper_highlight_new ();
  gint64 started;
  double seconds;
  guint tick_id;

  make_version_4 (f->path, N_HIGHLIGHTS);
  g_assert_true (clipper_store_needs_upgrade (f->path, NULL, &error));
  g_assert_no_error (error);

  tick_id = g_timeout_add (5, on_tick, &state);
  started = g_get_monotonic_time ();
  clipper_store_open_async (f->path, NULL, on_opened, &state);
  g_assert_false (state.done);
  run_until_done (&state);
  seconds = (g_get_monotonic_time () - started) / 1e6;
  g_source_remove (tick_id);
  g_test_message ("upgrade of %d highlights: %.2f s, %u ticks of 5 ms meanwhile",
                  N_HIGHLIGHTS, seconds, state.ticks_before_done);

  g_assert_no_error (state.error);
  g_assert_nonnull (state.store);
  /* At least a few 5 ms ticks ran during the upgrade: the loop was free.
   * (Run on the caller's thread, the upgrade would leave none.) */
  g_assert_cmpuint (state.ticks_before_done, >=, 3);
  g_assert_cmpint (clipper_store_get_schema_version (state.store), ==, CLIPPER_STORE_SCHEMA_VERSION);
  g_assert_false (clipper_store_needs_upgrade (f->path, NULL, &error));
  g_assert_no_error (error);

  /* The phrase is found through the word-pair index the upgrade filled. */
  hits = clipper_store_search (state.store, "\"zebra finches\"", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);  /* the article and its highlight */
  article = clipper_store_get_article (state.store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_article_get_title (article), ==, "Birds of the estuary");

  /* And it writes, from this thread. */
  clipper_highlight_set_article_id (highlight, 1);
  clipper_highlight_set_quote (highlight, "herons along the river");
  clipper_highlight_set_range (highlight, 19, 41);
  clipper_store_add_highlight (state.store, highlight, &error);
  g_assert_no_error (error);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = clipper_store_search (state.store, "\"herons along\"", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 2);

  g_clear_object (&state.store);
}

/* Errors come back through _finish, as clipper_store_open() gives them,
 * and nothing is written into a file that is not a library. */
static void
test_open_async_errors (Fixture *f, gconstpointer data)
{
  OpenState state = { 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (f->path, "this is not a database, just some text", -1, NULL));
  clipper_store_open_async (f->path, NULL, on_opened, &state);
  run_until_done (&state);
  g_assert_null (state.store);
  g_assert_error (state.error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_CORRUPT);
  g_clear_error (&state.error);
  g_assert_true (g_file_get_contents (f->path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "this is not a database, just some text");

  /* Made by a newer Clipper. */
  g_unlink (f->path);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ClipperStore) store = clipper_store_open (f->path, &error);

    g_assert_no_error (error);
    g_assert_nonnull (store);
  }
  raw_exec (f->path, "PRAGMA user_version = 99");
  state = (OpenState) { 0 };
  clipper_store_open_async (f->path, NULL, on_opened, &state);
  run_until_done (&state);
  g_assert_null (state.store);
  g_assert_error (state.error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_TOO_NEW);
  g_clear_error (&state.error);

  /* Cancelled before it ran: no store, CANCELLED. */
  g_cancellable_cancel (cancellable);
  state = (OpenState) { 0 };
  clipper_store_open_async (f->path, cancellable, on_opened, &state);
  run_until_done (&state);
  g_assert_null (state.store);
  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&state.error);
}

/* clipper_store_open_read_only() reads a library as it is: it searches
 * (its FTS5 functions are there), refuses every write as READ_ONLY, never
 * makes a file, and refuses a library that must be upgraded first, since
 * that writes.  (A library SQLite cannot write at all, which only a user
 * other than root has, is tested through clipper-cli in tests/cli.) */
static void
test_open_read_only (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(ClipperArticle) article = NULL;
  g_autofree char *old_path = g_build_filename (f->dir, "old.db", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.db", NULL);
  const char *tags[] = { "birds", NULL };
  g_autofree char *library_id = NULL;

  make_version_4 (f->path, 10);
  store = clipper_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (clipper_store_is_read_only (store));
  library_id = g_strdup (clipper_store_get_library_id (store));
  g_clear_object (&store);

  store = clipper_store_open_read_only (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (clipper_store_is_read_only (store));
  /* Its vault export says which library it is, as any other. */
  g_assert_cmpstr (clipper_store_get_library_id (store), ==, library_id);
  hits = clipper_store_search (store, "\"zebra finches\"", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, >, 0);
  article = clipper_store_get_article (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (clipper_article_get_title (article), ==, "Birds of the estuary");
  g_assert_false (clipper_store_tag_article (store, 1, tags, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "read-only"));
  g_clear_error (&error);
  g_clear_object (&store);

  g_assert_null (clipper_store_open_read_only (missing, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_OPEN);
  g_clear_error (&error);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  make_version_4 (old_path, 10);
  g_assert_null (clipper_store_open_read_only (old_path, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "older Clipper"));
  g_assert_cmpint (raw_int (old_path, "PRAGMA user_version"), ==, 4);
}

/* Reading a library file of mode 0444 leaves no -shm file behind: SQLite
 * makes it with the mode of library.db, and a -shm of mode 0444 made
 * every open for writing fail for good once the file was writable again
 * (a user other than root cannot open it; root can, so the test looks at
 * the files). */
static void
test_open_read_only_file_mode (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  const char *tags[] = { "birds", NULL };
  GStatBuf st;

  make_version_4 (f->path, 10);
  store = clipper_store_open (f->path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  /* The files as a copy or a backup of the library has them: closing
   * emptied the log. */
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
  g_assert_cmpint (g_remove (wal), ==, 0);
  g_assert_cmpint (g_remove (shm), ==, 0);
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);

  store = clipper_store_open_read_only (f->path, &error);
  g_assert_no_error (error);
  hits = clipper_store_search (store, "\"zebra finches\"", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, >, 0);
  g_clear_object (&store);
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  /* clipper_store_open() too (the app and clipper-cli open that way
   * first), and what it opens cannot be changed. */
  store = clipper_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (clipper_store_is_read_only (store));
  g_assert_false (clipper_store_tag_article (store, 1, tags, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_clear_object (&store);
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_chmod (f->path, 0644), ==, 0);
  store = clipper_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_false (clipper_store_is_read_only (store));
  g_assert_true (clipper_store_tag_article (store, 1, tags, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (shm, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0200, !=, 0);
}

/* QA: the app made library.db-wal and library.db-shm, of mode 0444,
 * beside a library of mode 0444 (clipper-cli did not): before it opens
 * the store it asks clipper_store_needs_upgrade(), whose read-only
 * connection made them.  Opened as the app opens it, a copy of mode 0444
 * still reads, and nothing appears beside it (root, who may write any
 * file, too: the test runs as root in CI). */
static void
test_open_read_only_file_mode_as_app (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  int version = 0;

  make_version_4 (f->path, 10);
  store = clipper_store_open (f->path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  /* A copy: library.db alone. */
  g_assert_cmpint (g_remove (wal), ==, 0);
  g_assert_cmpint (g_remove (shm), ==, 0);
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);

  g_assert_false (clipper_store_needs_upgrade (f->path, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, CLIPPER_STORE_SCHEMA_VERSION);
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  store = clipper_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (clipper_store_is_read_only (store));
  hits = clipper_store_search (store, "\"zebra finches\"", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, >, 0);
  g_clear_object (&store);
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* One made by an older Clipper is still found to need its upgrade
   * (which the app then refuses, read-only), without a file made. */
  g_assert_cmpint (g_chmod (f->path, 0644), ==, 0);
  g_assert_cmpint (g_remove (f->path), ==, 0);
  make_version_4 (f->path, 10);
  g_remove (wal);
  g_remove (shm);
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  g_assert_true (clipper_store_needs_upgrade (f->path, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, 4);
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_chmod (f->path, 0644), ==, 0);
}

/* A read-only library named by a relative path (`clipper-cli --db
 * library.db` in its folder) is read too: it was read through a file: URI,
 * which a relative path has none of, and "cannot read the library
 * 'library.db': unable to open database file" was all there was. */
static void
test_open_read_only_relative (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autofree char *cwd = g_get_current_dir ();
  g_autofree char *dir = g_path_get_dirname (f->path);
  g_autofree char *name = g_path_get_basename (f->path);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  store = clipper_store_open (f->path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_remove (wal);
  g_remove (shm);
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);

  g_assert_cmpint (g_chdir (dir), ==, 0);
  store = clipper_store_open_read_only (name, &error);
  g_assert_no_error (error);
  g_assert_true (clipper_store_is_read_only (store));
  g_clear_object (&store);
  store = clipper_store_open (name, &error);
  g_assert_no_error (error);
  g_assert_true (clipper_store_is_read_only (store));
  g_clear_object (&store);
  g_assert_cmpint (g_chdir (cwd), ==, 0);
  g_assert_cmpint (g_chmod (f->path, 0644), ==, 0);
}

/* A library a Clipper before this one read at mode 0444 has a -shm of
 * mode 0444; once library.db is writable again, opening it for writing
 * gives the -shm the file's mode back (only a user other than root is
 * refused by that -shm, so the test looks at its mode). */
static void
test_open_unlocks_log_files (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStore) store = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  const char *tags[] = { "birds", NULL };
  GStatBuf st, db_st;

  make_version_4 (f->path, 10);
  store = clipper_store_open (f->path, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpint (g_chmod (wal, 0444), ==, 0);
  g_assert_cmpint (g_chmod (shm, 0444), ==, 0);

  store = clipper_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (clipper_store_tag_article (store, 1, tags, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (f->path, &db_st), ==, 0);
  g_assert_cmpint (g_stat (shm, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, db_st.st_mode & 0666);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, db_st.st_mode & 0666);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/open/needs-upgrade", Fixture, NULL, fixture_set_up, test_needs_upgrade, fixture_tear_down);
  g_test_add ("/store/open/async-upgrades", Fixture, NULL, fixture_set_up, test_open_async_upgrades, fixture_tear_down);
  g_test_add ("/store/open/async-errors", Fixture, NULL, fixture_set_up, test_open_async_errors, fixture_tear_down);
  g_test_add ("/store/open/read-only", Fixture, NULL, fixture_set_up, test_open_read_only, fixture_tear_down);
  g_test_add ("/store/open/read-only-file-mode", Fixture, NULL, fixture_set_up, test_open_read_only_file_mode, fixture_tear_down);
  g_test_add ("/store/open/read-only-file-mode-as-app", Fixture, NULL, fixture_set_up,
              test_open_read_only_file_mode_as_app, fixture_tear_down);
  g_test_add ("/store/open/read-only-relative", Fixture, NULL, fixture_set_up, test_open_read_only_relative, fixture_tear_down);
  g_test_add ("/store/open/unlocks-log-files", Fixture, NULL, fixture_set_up, test_open_unlocks_log_files, fixture_tear_down);

  return g_test_run ();
}
