/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The library's locks against anything else in the process that opens its
 * files.  SQLite's POSIX locks belong to the process, and closing any
 * descriptor of a locked file drops them all: a GTK file chooser listing
 * the library's folder reads library.db and library.db-shm to guess their
 * types.  Another program with plain SQLite (the sqlite3 shell, a backup
 * script) then took itself for the last user and deleted library.db-wal
 * and library.db-shm, and every later change of the app went into the
 * deleted files: a star shown set was gone at the next start.  Real SQLite
 * files in a temp dir, the other program a process of its own.
 */
#define G_LOG_DOMAIN "test-store-locks"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "clipper-store.h"
#include "clipper-store-private.h"
#include "clipper-test-util.h"

typedef ClipperTestLibrary Fixture;

/* Opens and reads @path, then closes it, as GIO does to guess a file's
 * content type. */
static void
touch_read (const char *path)
{
  char byte;
  int fd = open (path, O_RDONLY);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (read (fd, &byte, 1), >=, 0);
  close (fd);
}

/* Runs @sql in another program (tests/store/sqlite-visitor.c) and returns
 * what it printed. */
static char *
visit (Fixture *f, const char *sql)
{
  const char *argv[] = { SQLITE_VISITOR, f->db_path, sql, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("sqlite-visitor \"%s\" failed: %s", sql, err);
  return g_steal_pointer (&out);
}

/* The reads of a sqlite3 shell or a backup script. */
#define VISIT "SELECT count(*) FROM articles"

static gint64
add_article (ClipperStore *store, const char *url)
{
  g_autoptr(ClipperArticle) article = clipper_article_new ();
  g_autoptr(GError) error = NULL;

  clipper_article_set_url (article, url);
  clipper_article_set_title (article, "Locks");
  clipper_article_set_text (article, "the quick brown fox");
  clipper_article_set_html (article, "<p>the quick brown fox</p>");
  g_assert_true (clipper_store_add_article (store, article, NULL, &error));
  g_assert_no_error (error);
  return clipper_article_get_id (article);
}

/* Stars article @id through @store: whether that was reported as done. */
static gboolean
star (ClipperStore *store, gint64 id, GError **error)
{
  g_autoptr(ClipperArticle) article = clipper_store_get_article (store, id, error);

  if (article == NULL)
    return FALSE;
  clipper_article_set_starred (article, TRUE);
  return clipper_store_update_article (store, article, error);
}

/* Whether article @id is starred in the library on disk, read by a new
 * connection after @f's store is closed. */
static gboolean
starred_on_disk (Fixture *f, gint64 id)
{
  g_autoptr(ClipperStore) later = NULL;
  g_autoptr(ClipperArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->store);
  later = clipper_test_open_store (f->db_path);
  article = clipper_store_get_article (later, id, &error);
  g_assert_no_error (error);
  return clipper_article_get_starred (article);
}

/* How many articles @store reads (NULL query: the Reading List). */
static guint
count_articles (ClipperStore *store)
{
  g_autoptr(GError) error = NULL;
  guint count = 0;

  g_assert_true (clipper_store_count_articles (store, NULL, &count, &error));
  g_assert_no_error (error);
  return count;
}

static void
inode_of (const char *path, GStatBuf *st)
{
  g_assert_cmpint (g_stat (path, st), ==, 0);
}

/* The app writes, something in it reads the library's files (the file
 * chooser), another program comes and goes, the app writes again: that
 * write is in the library, for other programs (clipper-cli) at once and
 * for the app's next start. */
static void
test_kept_through_a_close (Fixture *f, gconstpointer data)
{
  g_autofree char *shm = g_strconcat (f->db_path, "-shm", NULL);
  g_autofree char *starred = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = add_article (f->store, "https://example.org/kept");

  touch_read (shm);
  touch_read (f->db_path);
  g_free (visit (f, VISIT));

  g_assert_true (star (f->store, id, &error));
  g_assert_no_error (error);
  starred = visit (f, "SELECT count(*) FROM articles WHERE starred");
  g_assert_cmpstr (starred, ==, "1\n");
  g_assert_true (starred_on_disk (f, id));
}

/* Whatever closes a descriptor of the library's files in the process (the
 * file chooser, another connection of the app closing: a worker's
 * read-only one), the other program finds the library in use and leaves
 * its -wal and -shm files where they are.  With @data, the library is
 * opened through a symbolic link (CLIPPER_DB=~/Documents/library.db, say,
 * a link to the real file), beside whose target SQLite keeps those. */
static void
test_other_program_keeps_log (Fixture *f, gconstpointer data)
{
  g_autofree char *wal = g_strconcat (f->db_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->db_path, "-shm", NULL);
  g_autofree char *link = g_build_filename (f->dir, "link.db", NULL);
  g_autofree char *locks = NULL;
  g_autoptr(ClipperStore) worker = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf wal_before, shm_before, wal_after, shm_after;

  if (data != NULL)
    {
      g_assert_cmpint (symlink ("library.db", link), ==, 0);
      g_clear_object (&f->store);
      f->store = clipper_test_open_store (link);
    }
  add_article (f->store, "https://example.org/log");
  inode_of (wal, &wal_before);
  inode_of (shm, &shm_before);

  worker = clipper_store_open_read_only (data != NULL ? link : f->db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_articles (worker), ==, 1);
  g_clear_object (&worker);
  touch_read (shm);
  touch_read (f->db_path);
  touch_read (wal);
  locks = visit (f, "--locks");
  g_assert_cmpstr (locks, ==, "shared\ndms\n");
  g_free (visit (f, VISIT));

  inode_of (wal, &wal_after);
  inode_of (shm, &shm_after);
  g_assert_cmpuint (wal_after.st_ino, ==, wal_before.st_ino);
  g_assert_cmpuint (shm_after.st_ino, ==, shm_before.st_ino);
  /* (SQLite empties a -shm file it takes for abandoned.) */
  g_assert_cmpint (shm_after.st_size, ==, shm_before.st_size);
}

/* Plays a system without open file description locks: @f's store is
 * opened again with SQLite's locks alone, then writes an article. */
static gint64
open_without_locks (Fixture *f, const char *url)
{
  clipper_store_locks_set_enabled (FALSE);
  g_clear_object (&f->store);
  f->store = clipper_test_open_store (f->db_path);
  return add_article (f->store, url);
}

/* Drops SQLite's locks as the file chooser does, and lets the other
 * program delete the log files, which it does on such a system. */
static void
delete_log_files (Fixture *f)
{
  g_autofree char *wal = g_strconcat (f->db_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->db_path, "-shm", NULL);

  touch_read (shm);
  touch_read (f->db_path);
  g_free (visit (f, VISIT));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* There, the store notices at its next write that its log file is gone,
 * opens the library again and writes to the new one. */
static void
test_log_deleted_reopens (Fixture *f, gconstpointer data)
{
  g_autofree char *starred = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = open_without_locks (f, "https://example.org/deleted");
  gint64 second;

  delete_log_files (f);
  g_assert_true (star (f->store, id, &error));
  g_assert_no_error (error);
  starred = visit (f, "SELECT count(*) FROM articles WHERE starred");
  g_assert_cmpstr (starred, ==, "1\n");
  /* The store goes on as before: its cached statements were made anew. */
  second = add_article (f->store, "https://example.org/deleted/2");
  g_assert_cmpuint (count_articles (f->store), ==, 2);
  g_assert_true (starred_on_disk (f, id));
  {
    g_autoptr(ClipperStore) later = clipper_test_open_store (f->db_path);
    g_autoptr(ClipperArticle) article = clipper_store_get_article (later, second, &error);

    g_assert_no_error (error);
    g_assert_nonnull (article);
  }
  clipper_store_locks_set_enabled (TRUE);
}

/* While another connection of the process still has the deleted files
 * open (the window's search connection), the store cannot safely start
 * over on new ones: SQLite shares one mapping of the -shm file between a
 * process's connections.  The change is refused, with a message that
 * says why, rather than shown as done and lost.  Once that connection is
 * closed, the next change is saved. */
static void
test_log_deleted_shared (Fixture *f, gconstpointer data)
{
  g_autoptr(ClipperStore) search = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = open_without_locks (f, "https://example.org/shared");

  search = clipper_store_open_read_only (f->db_path, &error);
  g_assert_no_error (error);
  delete_log_files (f);

  g_assert_false (star (f->store, id, &error));
  g_assert_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "library.db-wal"));
  g_assert_nonnull (strstr (error->message, "deleted"));
  g_clear_error (&error);

  g_clear_object (&search);
  g_assert_true (star (f->store, id, &error));
  g_assert_no_error (error);
  g_assert_true (starred_on_disk (f, id));
  clipper_store_locks_set_enabled (TRUE);
}

/* Where the lock could not be had (a kernel without open file
 * description locks), the descriptor opened for it was closed at once,
 * and with it went SQLite's own locks on the library: each store opened
 * after the first (a worker's) left the library to any other program to
 * take for abandoned.  SQLite's locks stay. */
static void
test_failed_lock_keeps_sqlite_locks (Fixture *f, gconstpointer data)
{
  g_autoptr(ClipperStore) worker = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *locks = NULL;

  open_without_locks (f, "https://example.org/failed");
  worker = clipper_store_open_read_only (f->db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_articles (worker), ==, 1);
  locks = visit (f, "--locks");
  g_assert_cmpstr (locks, ==, "shared\ndms\n");
  clipper_store_locks_set_enabled (TRUE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/store/locks/" name, Fixture, NULL, clipper_test_library_set_up, func, \
              clipper_test_library_tear_down)
  ADD ("kept-through-a-close", test_kept_through_a_close);
  ADD ("other-program-keeps-log", test_other_program_keeps_log);
  g_test_add ("/store/locks/other-program-keeps-log-linked", Fixture, "linked", clipper_test_library_set_up,
              test_other_program_keeps_log, clipper_test_library_tear_down);
  ADD ("log-deleted-reopens", test_log_deleted_reopens);
  ADD ("log-deleted-shared", test_log_deleted_shared);
  ADD ("failed-lock-keeps-sqlite-locks", test_failed_lock_keeps_sqlite_locks);
#undef ADD

  return g_test_run ();
}
