/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ClipperStore: the library in one SQLite file.
 *
 * One object is one connection.  Statements are prepared once per
 * connection and cached by their SQL text (the SQL is always ours: user
 * text only ever reaches SQLite as a bound parameter).  Every write runs in
 * a transaction; nested clipper_store_begin() calls are counted and only the
 * outermost commit writes.
 */
#define G_LOG_DOMAIN "clipper-store"

#include "clipper-store.h"
#include "clipper-store-private.h"
#include "clipper-kindle.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

/* A note is prose, not a document store. */
#define MAX_NOTE_BYTES (1024 * 1024)
#define MAX_TAG_BYTES 256
#define DEFAULT_LIST_LIMIT 50
#define DEFAULT_SEARCH_LIMIT 20
#define BUSY_TIMEOUT_MS 5000
#define WATCH_INTERVAL_MS 500
/* Matches ranked per index; see clipper_store_search(). */
#define DEFAULT_RANK_WINDOW 2000
/* Past this many highlights in one notification (an import, a Fetch
 * Again of a long article) a view is better off reading its list again
 * than one highlight at a time. */
#define MAX_LISTED_CHANGES 256

struct _ClipperStore
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  ClipperStoreLocks *locks; /* NULL while the file is not open */
  /* The log file this connection writes to, open to see whether it was
   * deleted (see reopen_db()); -1 when the store does not write. */
  char *wal_path;
  int wal_fd;
  GHashTable *statements;   /* SQL text → sqlite3_stmt */
  int schema_version;
  char *library_id;         /* NULL below schema version 7 */

  guint tx_depth;           /* 0: no transaction; > 1: savepoints inside it */
  /* A batched write failed and its undo failed too (see undo_batched()):
   * the outermost commit must not save the half-written rest. */
  char *tx_doomed;          /* why, or NULL */

  guint rank_window;        /* 0: rank every match */
  guint busy_timeout_ms;    /* how long a statement waits for another's lock */
  /* clipper_store_open_existing(): neither the folder nor the file is
   * made when it is not there. */
  gboolean must_exist;

  GMainContext *watch_context;
  GSource *poll_source;
  GSource *notify_source;
  gint64 data_version;

  /* What the transaction under way changed (only while watched), and what
   * the commits since the last "changes" did.  tx_base is the connection's
   * count of changed rows when it began, tx_recorded how many of those the
   * listed highlights account for: any other row makes it "other". */
  ClipperStoreChanges *tx_changes;
  gint64 tx_base;
  gint64 tx_recorded;
  ClipperStoreChanges *pending_changes;

  /* What other libraries' notes added to highlights deleted through this
   * store (uuid → GPtrArray of NotePart), for clipper_store_restore_highlight():
   * the rows go with the highlight. */
  GHashTable *deleted_note_parts;
};

typedef struct {
  char  *source;
  char  *library;
  char  *text;
  gint64 written_at;
} NotePart;

static void
note_part_free (gpointer data)
{
  NotePart *part = data;

  g_free (part->source);
  g_free (part->library);
  g_free (part->text);
  g_free (part);
}

G_DEFINE_FINAL_TYPE (ClipperStore, clipper_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (clipper-store-error-quark, clipper_store_error)

enum {
  SIGNAL_CHANGES,
  SIGNAL_CHANGED,
  SIGNAL_TAG_RENAMED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Taken for reading while a store opens its connection, for writing while
 * one opens it again (see reopen_db()). */
static GRWLock open_lock;

/* Statements from the cache are not freed after use but reset, so that the
 * next user finds them ready and no read transaction stays open. */
typedef sqlite3_stmt ClipperStmt;

static void
release_stmt (ClipperStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperStmt, release_stmt)

static gboolean store_open_db (ClipperStore *self, int target_version, GError **error);
static gboolean store_open_db_read_only (ClipperStore *self, GError **error);
static void schedule_changed (ClipperStore *self);
static void merge_changes (ClipperStore *self, ClipperStoreChanges *changes);
static void note_highlight_change (ClipperStore *self, ClipperChangeKind kind, gint64 id, gint64 since);

/* ---------------------------------------------------------------------- */
/* Errors                                                                  */

void
clipper_store_set_sqlite_error (GError    **error,
                                sqlite3    *db,
                                int         rc,
                                const char *what)
{
  int code;
  const char *message = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = CLIPPER_STORE_ERROR_BUSY;
      /* Not "another program": the app's own import holds the lock too,
       * and the app's connection waits less than 5 s
       * (clipper_store_set_busy_timeout()). */
      message = "the library is busy (Clipper or another program is writing it)";
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = CLIPPER_STORE_ERROR_CORRUPT;
      break;
    case SQLITE_READONLY:
      code = CLIPPER_STORE_ERROR_READ_ONLY;
      message = "the library is read-only (its file or its folder cannot be written)";
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
      code = CLIPPER_STORE_ERROR_OPEN;
      break;
    default:
      code = CLIPPER_STORE_ERROR_FAILED;
    }

  g_set_error (error, CLIPPER_STORE_ERROR, code, "%s: %s", what, message);
}

static gboolean
set_not_found (GError **error, const char *thing, gint64 id)
{
  g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND,
               "no %s with id %" G_GINT64_FORMAT, thing, id);
  return FALSE;
}

/* ---------------------------------------------------------------------- */
/* Statements                                                              */

static ClipperStmt *
prepare (ClipperStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      /* Our SQL is fixed, so this means a damaged or foreign schema (or a
       * bug): worth a line in the log, not a crash. */
      g_warning ("Cannot prepare \"%s\": %s", sql, sqlite3_errmsg (self->db));
      clipper_store_set_sqlite_error (error, self->db, rc, "cannot read the library");
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

static int
param (sqlite3_stmt *stmt, const char *name)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  g_assert (index > 0);
  return index;
}

static void
bind_text (sqlite3_stmt *stmt, const char *name, const char *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, param (stmt, name));
  else
    sqlite3_bind_text (stmt, param (stmt, name), value, -1, SQLITE_TRANSIENT);
}

static void
bind_int64 (sqlite3_stmt *stmt, const char *name, gint64 value)
{
  sqlite3_bind_int64 (stmt, param (stmt, name), value);
}

static void
bind_double (sqlite3_stmt *stmt, const char *name, double value)
{
  sqlite3_bind_double (stmt, param (stmt, name), value);
}

static void
bind_blob (sqlite3_stmt *stmt, const char *name, const void *data, gsize size)
{
  sqlite3_bind_blob64 (stmt, param (stmt, name), data ? data : "", size, SQLITE_TRANSIENT);
}

/* Steps once.  Returns SQLITE_ROW or SQLITE_DONE, or 0 with @error set. */
static int
step (ClipperStore *self, sqlite3_stmt *stmt, const char *what, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return rc;
  clipper_store_set_sqlite_error (error, self->db, rc, what);
  return 0;
}

static gboolean
step_done (ClipperStore *self, sqlite3_stmt *stmt, const char *what, GError **error)
{
  int rc = step (self, stmt, what, error);

  if (rc == SQLITE_ROW)
    {
      /* A write statement that returns rows is a programming error here. */
      g_critical ("Statement \"%s\" returned a row", sqlite3_sql (stmt));
      return TRUE;
    }
  return rc == SQLITE_DONE;
}

static char *
column_dup (sqlite3_stmt *stmt, int column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static const char *
column_str (sqlite3_stmt *stmt, int column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* ---------------------------------------------------------------------- */
/* Input checks                                                            */

static gboolean
check_text (const char *what, const char *value, gboolean required, GError **error)
{
  if (value == NULL || *value == '\0')
    {
      if (required)
        {
          g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_INVALID, "the %s is empty", what);
          return FALSE;
        }
      return TRUE;
    }
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_INVALID,
                   "the %s is not valid UTF-8 text", what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_note (const char *note, GError **error)
{
  gsize len = note != NULL ? strlen (note) : 0;

  if (len > MAX_NOTE_BYTES)
    {
      char size[G_ASCII_DTOSTR_BUF_SIZE];

      /* Decimal megabytes with a point whatever the locale, as people
       * read file sizes (g_format_size() would put a no-break space). */
      g_ascii_formatd (size, sizeof size, "%.1f", len / 1e6);
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_INVALID,
                   "note is too large (%s MB; the limit is 1 MB)", size);
      return FALSE;
    }
  return check_text ("note", note, FALSE, error);
}

/* Trims @raw and makes the case-insensitive key tags are unique by. */
static gboolean
normalize_tag (const char *raw, char **out_name, char **out_key, GError **error)
{
  g_autofree char *name = NULL;

  if (raw == NULL || !g_utf8_validate (raw, -1, NULL))
    {
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_INVALID,
                   "a tag is not valid UTF-8 text");
      return FALSE;
    }
  name = g_strstrip (g_strdup (raw));
  if (*name == '\0')
    {
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_INVALID, "a tag name is empty");
      return FALSE;
    }
  if (strlen (name) > MAX_TAG_BYTES)
    {
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_INVALID,
                   "the tag '%.40s…' is too long (the limit is %d bytes)", name, MAX_TAG_BYTES);
      return FALSE;
    }
  for (const char *p = name; *p; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      {
        g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_INVALID,
                     "the tag '%s' contains a control character", name);
        return FALSE;
      }

  *out_key = clipper_tag_key (name);
  *out_name = g_steal_pointer (&name);
  return TRUE;
}

char *
clipper_tag_key (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *normalized = g_utf8_normalize (stripped, -1, G_NORMALIZE_NFKC);

  return g_utf8_casefold (normalized != NULL ? normalized : stripped, -1);
}

/* @tag as the field writes it: quoted when a comma in it would split it. */
static void
append_tag (GString    *text,
            const char *tag)
{
  if (strchr (tag, ',') == NULL && tag[0] != '"')
    {
      g_string_append (text, tag);
      return;
    }
  g_string_append_c (text, '"');
  for (const char *p = tag; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (text, '"');
      g_string_append_c (text, *p);
    }
  g_string_append_c (text, '"');
}

char *
clipper_tags_field_format (const char *const *tags)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      append_tag (text, tags[i]);
    }
  return g_string_free (text, FALSE);
}

/* Moved here from the Highlights page's tag menu, the first to sort so,
 * that every list of tags be in its order: the CLI, the panel, an
 * article's tags and Preferences listed tag1, tag10 … tag19, tag2. */
int
clipper_tag_compare (const char *a,
                     const char *b)
{
  g_autofree char *folded_a = NULL;
  g_autofree char *folded_b = NULL;
  g_autofree char *key_a = NULL;
  g_autofree char *key_b = NULL;
  int order;

  g_return_val_if_fail (a != NULL && b != NULL, 0);

  folded_a = g_utf8_casefold (a, -1);
  folded_b = g_utf8_casefold (b, -1);
  key_a = g_utf8_collate_key_for_filename (folded_a, -1);
  key_b = g_utf8_collate_key_for_filename (folded_b, -1);
  order = strcmp (key_a, key_b);
  return order != 0 ? order : strcmp (a, b);
}

/* clipper_tag_compare() for SQL, "ORDER BY name COLLATE clipper_tag":
 * every query that lists tags sorts them so, and no caller again. */
static int
collate_tags (void       *data,
              int         len_a,
              const void *a,
              int         len_b,
              const void *b)
{
  g_autofree char *tag_a = g_strndup (a, len_a);
  g_autofree char *tag_b = g_strndup (b, len_b);

  return clipper_tag_compare (tag_a, tag_b);
}

static gboolean
register_tag_collation (sqlite3 *db, GError **error)
{
  int rc = sqlite3_create_collation (db, "clipper_tag", SQLITE_UTF8, NULL, collate_tags);

  if (rc != SQLITE_OK)
    {
      clipper_store_set_sqlite_error (error, db, rc, "cannot set up the order of tags");
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* GObject                                                                 */

static void
clipper_store_dispose (GObject *object)
{
  ClipperStore *self = CLIPPER_STORE (object);

  if (self->poll_source != NULL)
    {
      g_source_destroy (self->poll_source);
      g_clear_pointer (&self->poll_source, g_source_unref);
    }
  if (self->notify_source != NULL)
    {
      g_source_destroy (self->notify_source);
      g_clear_pointer (&self->notify_source, g_source_unref);
    }
  g_clear_pointer (&self->watch_context, g_main_context_unref);
  g_clear_pointer (&self->tx_changes, clipper_store_changes_free);
  g_clear_pointer (&self->pending_changes, clipper_store_changes_free);

  G_OBJECT_CLASS (clipper_store_parent_class)->dispose (object);
}

/* SQLite's POSIX locks belong to the process, and closing any descriptor
 * of a locked file drops them all: a GTK file chooser that lists the
 * library's folder reads library.db-shm to guess its type, and the app's
 * locks are gone (clipper-store-locks.c holds locks of its own that no
 * such close drops).  The last connection to close deletes the -wal and
 * -shm files when it can lock the database alone, so a clipper-cli run then
 * deleted the files the app still wrote to, and every later change in the
 * app was lost to other processes, and at its next start.  No connection
 * of ours deletes them.  Closing checkpoints instead and empties the log
 * (when no one else is reading): library.db alone is then complete, and
 * no stale log is left to be laid over a library.db restored from a
 * backup. */
static void
keep_wal_files (sqlite3 *db)
{
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
}

/* Whether the log file this connection writes to is still the one on
 * disk (see reopen_db()): deleted, or replaced by another, it has no name
 * left. */
static gboolean
log_is_current (ClipperStore *self)
{
  struct stat st;

  return self->wal_fd < 0 || fstat (self->wal_fd, &st) != 0 || st.st_nlink > 0;
}

/* Empties the log (a truncating checkpoint), not waiting for readers.
 *
 * After a write transaction was rolled back: what it wrote to the log
 * (a big import spills most of its pages there before its commit) is
 * undone but stays on disk, the log keeping its size until it starts over
 * at the next write, and a close's checkpoint cannot free it where the
 * disk is full (QA-r: a failed import left a 31 MB -wal on a full disk).
 * A truncating checkpoint once the transaction is gone empties it: where
 * SQLite rolled back by itself (a full disk, an I/O error) or a COMMIT
 * failed, not after every failed write (an unknown id), since another
 * program's connection takes a checkpoint for a change of ours.  If
 * it fails (someone reads, or the committed part needs room in
 * library.db the disk has not), the log stays as it was, which loses
 * nothing; closing the library tries again. */
static void
shrink_log (ClipperStore *self)
{
  int rc;

  if (!sqlite3_get_autocommit (self->db) || !log_is_current (self) || clipper_store_is_read_only (self))
    return;
  /* Not waiting for readers: an undone change must not keep the caller
   * 5 s more. */
  sqlite3_busy_timeout (self->db, 0);
  rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  sqlite3_busy_timeout (self->db, (int) self->busy_timeout_ms);
  if (rc != SQLITE_OK)
    g_debug ("Library %s: the log of a change undone could not be emptied: %s", self->path,
             sqlite3_errstr (rc));
}

/* Takes the locks of clipper-store-locks.c.  Where they cannot be had (a
 * system without open file description locks), a store that writes opens
 * the log file it writes to, to see before each write that it is still
 * there.  With the locks held no program that heeds SQLite's locks can
 * delete it, and that fstat() would cost 12% of a small write where a
 * system call takes a microsecond.  After the connection's first read,
 * which made the log file if it was missing. */
static void
hold_library (ClipperStore *self)
{
  /* The file as SQLite named it, beside which it keeps the -wal and -shm
   * files: a symbolic link's target. */
  const char *file = sqlite3_db_filename (self->db, "main");

  self->locks = clipper_store_locks_hold (file);
  if (clipper_store_is_read_only (self) ||
      (self->locks != NULL && clipper_store_locks_are_held (self->locks)))
    return;
  if (self->wal_path == NULL)
    self->wal_path = g_strdup (sqlite3_filename_wal (file));
  /* (SQLite locks no byte of the log file, so closing this drops none.) */
  self->wal_fd = open (self->wal_path, O_RDONLY | O_CLOEXEC);
}

/* Closes the store's own descriptors of the library's files, after its
 * connection. */
static void
release_library (ClipperStore *self)
{
  if (self->wal_fd >= 0)
    close (self->wal_fd);
  self->wal_fd = -1;
  g_clear_pointer (&self->locks, clipper_store_locks_release);
}

static void
clipper_store_finalize (GObject *object)
{
  ClipperStore *self = CLIPPER_STORE (object);

  if (self->tx_depth > 0 && self->db != NULL)
    {
      g_warning ("Library %s closed inside a transaction; rolling it back", self->path);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
    }
  /* Statements must be finalized before the connection closes. */
  g_clear_pointer (&self->statements, g_hash_table_destroy);
  if (self->db != NULL)
    {
      /* Briefly: with someone else reading, the log stays for them to
       * checkpoint.  Not from a log deleted under us: its pages would
       * overwrite what others wrote to library.db since.  Nor by a
       * connection that wrote nothing (an export, a search): the
       * checkpoint reads to the app's connection as another's commit, and
       * each export the app ran on a change was such a change, the next
       * export following 3 s later, and so on for as long as it ran. */
      sqlite3_busy_timeout (self->db, 100);
      if (log_is_current (self) && sqlite3_total_changes64 (self->db) > 0)
        sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
      sqlite3_close_v2 (self->db);
    }
  release_library (self);
  g_free (self->path);
  g_free (self->wal_path);
  g_free (self->library_id);
  g_free (self->tx_doomed);
  g_clear_pointer (&self->deleted_note_parts, g_hash_table_unref);

  G_OBJECT_CLASS (clipper_store_parent_class)->finalize (object);
}

static void
clipper_store_class_init (ClipperStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = clipper_store_dispose;
  object_class->finalize = clipper_store_finalize;

  /**
   * ClipperStore::changed:
   *
   * Emitted, once clipper_store_watch() was called, after a change to the
   * library was committed: by this connection (from an idle callback, so
   * never in the middle of the write) or by another connection or process
   * (noticed by polling PRAGMA data_version about twice a second).  Several
   * changes may be reported by one emission.
   */
  /**
   * ClipperStore::changes:
   * @changes: what changed
   *
   * Emitted just before each #ClipperStore::changed, with what changed.
   */
  signals[SIGNAL_CHANGES] = g_signal_new ("changes",
                                          G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 1,
                                          CLIPPER_TYPE_STORE_CHANGES | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[SIGNAL_CHANGED] = g_signal_new ("changed",
                                          G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);

  /**
   * ClipperStore::tag-renamed:
   * @from: the tag's name before
   * @to: its name now: the new one, or the other tag's it was merged into
   *
   * Emitted when clipper_store_rename_tag() on this connection has renamed
   * a tag, before ::changed: what follows a tag by its name (a filter)
   * follows it to its new one, which a list of the tags in use cannot tell
   * from a tag deleted.  A rename by another process is not seen here.
   */
  signals[SIGNAL_TAG_RENAMED] = g_signal_new ("tag-renamed",
                                              G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST,
                                              0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
}

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
clipper_store_init (ClipperStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_stmt);
  self->rank_window = DEFAULT_RANK_WINDOW;
  self->busy_timeout_ms = BUSY_TIMEOUT_MS;
  self->wal_fd = -1;
}

/**
 * clipper_store_dup_default_path:
 *
 * Returns: (transfer full): $CLIPPER_DB if set, else
 *   $XDG_DATA_HOME/clipper/library.db.
 */
char *
clipper_store_dup_default_path (void)
{
  const char *env = g_getenv ("CLIPPER_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "clipper", "library.db", NULL);
}

static gboolean
exec_simple (ClipperStore *self, const char *sql, const char *what, GError **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      clipper_store_set_sqlite_error (error, self->db, rc, what);
      return FALSE;
    }
  return TRUE;
}

/* Whether the first read of the file (@rc) found no database in it, with
 * @error set then. */
static gboolean
not_a_library (ClipperStore *self, int rc, GError **error)
{
  if ((rc & 0xff) != SQLITE_NOTADB && (rc & 0xff) != SQLITE_CORRUPT)
    return FALSE;
  g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_CORRUPT,
               "'%s' is not a Clipper library (it is not an SQLite database, or it is damaged)",
               self->path);
  return TRUE;
}

/* Read once: it never changes (see migrate_to_7()), and callers keep the
 * string clipper_store_get_library_id() gave them (see reopen_db()). */
static gboolean
read_library_id (ClipperStore *self, GError **error)
{
  g_autoptr(ClipperStmt) stmt = NULL;

  if (self->schema_version < 7 || self->library_id != NULL)
    return TRUE;
  stmt = prepare (self, "SELECT uuid FROM library WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  if (step (self, stmt, "cannot read the library's identity", error) != SQLITE_ROW)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_CORRUPT,
                     "the library '%s' has lost its identity (its 'library' table is empty)",
                     self->path);
      return FALSE;
    }
  self->library_id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return TRUE;
}

/* Whether @path is a file of mode 0444, which no one may write. */
static gboolean
nobody_may_write (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 && (st.st_mode & 0222) == 0;
}

/* A -wal or -shm file left at mode 0444 (SQLite gives them the mode of
 * library.db, and a Clipper older than this read a 0444 library the usual
 * way) makes every change fail as "read-only" after library.db is made
 * writable again.  They take the file's mode back when they are ours;
 * otherwise chmod fails and the open says read-only, as before. */
static void
unlock_log_files (const char *path)
{
  const char *suffixes[] = { "-wal", "-shm" };
  GStatBuf db_st;

  if (g_stat (path, &db_st) != 0 || (db_st.st_mode & 0200) == 0)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *log = g_strconcat (path, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (log, &st) == 0 && (st.st_mode & 0200) == 0)
        g_chmod (log, db_st.st_mode & 0666);
    }
}

static gboolean
store_open_db (ClipperStore *self, int target_version, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (self->path);
  g_autofree char *what = g_strdup_printf ("cannot open the library '%s'", self->path);
  sqlite3_stmt *version_stmt = NULL;
  int version_before = -1;
  int rc;

  if (self->must_exist && !g_file_test (self->path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_OPEN,
                   "the library '%s' is no longer there: it was deleted or moved while it was open", self->path);
      return FALSE;
    }
  if (!self->must_exist && g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_OPEN,
                   "cannot create the folder '%s' for the library: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }
  /* Read as clipper_store_open_read_only() reads it: opened the usual way
   * SQLite makes the -wal and -shm files with the file's mode, 0444, and
   * they refuse changes once the file is writable again.  Root, who could
   * write it, is no exception: the mode says the library is not to be
   * changed. */
  if (nobody_may_write (self->path))
    return store_open_db_read_only (self, error);

  unlock_log_files (self->path);
  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | (self->must_exist ? 0 : SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      clipper_store_set_sqlite_error (error, self->db, rc, what);
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, (int) self->busy_timeout_ms);

  /* The first statement that reads the file tells a non-database apart. */
  rc = sqlite3_exec (self->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
  if (not_a_library (self, rc, error))
    return FALSE;
  if (rc != SQLITE_OK)
    {
      clipper_store_set_sqlite_error (error, self->db, rc, what);
      return FALSE;
    }
  keep_wal_files (self->db);
  /* A big import grows the -wal file; it shrinks back to this when the
   * log starts over. */
  if (!exec_simple (self, "PRAGMA journal_size_limit = 8388608", what, error))
    return FALSE;
  /* In WAL mode NORMAL loses no committed transaction on a process crash,
   * only possibly the last ones on power loss, and is much faster. */
  /* A 32 MiB page cache keeps a batch's dirty pages (FTS5 segments above
   * all) in memory until commit instead of spilling them to the WAL page by
   * page; it is an upper bound, not an allocation. */
  if (!exec_simple (self,
                    "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;"
                    "PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY",
                    what, error))
    return FALSE;

  /* The tokenizers first: migrating may fill the indexes that use them. */
  if (!clipper_store_register_tokenizers (self->db, error) ||
      !clipper_store_register_rank (self->db, error) ||
      !register_tag_collation (self->db, error))
    return FALSE;
  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &version_stmt, NULL) == SQLITE_OK &&
      sqlite3_step (version_stmt) == SQLITE_ROW)
    version_before = sqlite3_column_int (version_stmt, 0);
  g_clear_pointer (&version_stmt, sqlite3_finalize);
  if (!clipper_store_migrate (self->db, self->path, target_version, &self->schema_version, error))
    return FALSE;
  /* A library just made or upgraded has its schema in the log alone.  Into
   * library.db with it, while the disk has room: where a first import
   * then fills the disk, the checkpoint that empties the log after it
   * rolls back needs no room for that (QA-r finding 1). */
  if (self->schema_version != version_before)
    shrink_log (self);

  return read_library_id (self, error);
}

static ClipperStore *
store_open (const char *path, int version, gboolean must_exist, GError **error)
{
  g_autoptr(ClipperStore) self = g_object_new (CLIPPER_TYPE_STORE, NULL);
  gboolean ok;

  self->path = path != NULL ? g_strdup (path) : clipper_store_dup_default_path ();
  self->must_exist = must_exist;
  g_rw_lock_reader_lock (&open_lock);
  ok = store_open_db (self, version, error);
  if (ok)
    hold_library (self);
  g_rw_lock_reader_unlock (&open_lock);
  return ok ? g_steal_pointer (&self) : NULL;
}

ClipperStore *
clipper_store_open_at_version (const char *path, int version, GError **error)
{
  return store_open (path, version, FALSE, error);
}

/**
 * clipper_store_open_existing:
 * @path: (nullable): the database file of a library open elsewhere in the
 *   process, or %NULL for clipper_store_dup_default_path()
 * @error: return location for a #CLIPPER_STORE_ERROR
 *
 * Opens the library as clipper_store_open() does, for a worker thread's
 * own connection to the library its caller has open, but makes nothing:
 * a library deleted or moved meanwhile (its folder deleted) is not made
 * again, empty, at @path, with the worker's changes in it that the
 * caller's store never sees.
 *
 * Returns: (transfer full): the store, or %NULL with @error set: OPEN when
 *   the file is no longer there, and as clipper_store_open() otherwise
 */
ClipperStore *
clipper_store_open_existing (const char *path, GError **error)
{
  return store_open (path, 0, TRUE, error);
}

/**
 * clipper_store_open:
 * @path: (nullable): the database file, or %NULL for
 *   clipper_store_dup_default_path()
 * @error: return location for a #CLIPPER_STORE_ERROR
 *
 * Opens the library, creating the file and upgrading its schema as needed.
 * A file of mode 0444 is opened as clipper_store_open_read_only() opens it.
 *
 * Returns: (transfer full): the store, or %NULL with @error set: CORRUPT for
 *   a file that is not a Clipper library, TOO_NEW for one made by a newer
 *   Clipper, OPEN when the file cannot be opened or created.
 */
ClipperStore *
clipper_store_open (const char *path, GError **error)
{
  return clipper_store_open_at_version (path, 0, error);
}

/* Whether @path's write-ahead log holds changes not yet written into the
 * file itself (a writer stopped before it checkpointed). */
static gboolean
wal_has_changes (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 && st.st_size > 0;
}

/* Opens @path as "immutable": read without its -wal log, its -shm file
 * and locks, so that nothing is made beside it; right only when the log
 * holds no changes (see store_open_db_read_only()). */
static int
open_immutable (const char *path, sqlite3 **db)
{
  /* (A file: URI names an absolute path: `--db library.db` has none.) */
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *uri = g_filename_to_uri (absolute, NULL, NULL);
  g_autofree char *immutable = NULL;

  if (uri == NULL)
    return SQLITE_CANTOPEN;
  immutable = g_strconcat (uri, "?immutable=1", NULL);
  return sqlite3_open_v2 (immutable, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);
}

static gboolean
store_open_db_read_only (ClipperStore *self, GError **error)
{
  g_autofree char *what = g_strdup_printf ("cannot read the library '%s'", self->path);
  int version = 0;
  int rc;

  /* A file no one may write (mode 0444) is read as "immutable" at once
   * (see below): opened the usual way, SQLite makes its -shm file with
   * the mode of library.db, 0444, and once the file is made writable
   * again every later open for writing fails on that -shm, with nothing
   * to tell the user which file is the cause. */
  if (nobody_may_write (self->path) && !wal_has_changes (self->path))
    rc = SQLITE_READONLY;
  else
    rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (self->db, 1);
      sqlite3_busy_timeout (self->db, (int) self->busy_timeout_ms);
      keep_wal_files (self->db);
      rc = sqlite3_exec (self->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
    }
  /* A library in WAL mode is read through its -shm file, made by the first
   * program that opens it; in a folder that cannot be written no one can
   * make it.  SQLite then reads the file as "immutable", without the log
   * and without locks: right when the log holds nothing, which is how the
   * programs leave it (README: library.db alone is a complete copy), and
   * no one else can be writing to a folder, or a file, no one can
   * write. */
  if (((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN) && !wal_has_changes (self->path))
    {
      sqlite3_close (self->db);
      self->db = NULL;
      rc = open_immutable (self->path, &self->db);
      if (rc == SQLITE_OK)
        {
          sqlite3_extended_result_codes (self->db, 1);
          rc = sqlite3_exec (self->db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
        }
    }
  if (not_a_library (self, rc, error))
    return FALSE;
  if (rc != SQLITE_OK && wal_has_changes (self->path))
    {
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_READ_ONLY,
                   "the library '%s' is read-only, and its last changes are still in its log "
                   "('%s-wal'), which cannot be read without writing: open it once where it can "
                   "be written",
                   self->path, self->path);
      return FALSE;
    }
  if (rc != SQLITE_OK)
    {
      clipper_store_set_sqlite_error (error, self->db, rc, what);
      return FALSE;
    }
  if (!exec_simple (self, "PRAGMA temp_store = MEMORY", what, error) ||
      !clipper_store_register_tokenizers (self->db, error) ||
      !clipper_store_register_rank (self->db, error) ||
      !register_tag_collation (self->db, error) ||
      !clipper_store_read_version (self->db, self->path, &version, error))
    return FALSE;
  /* Its tables are those of an older Clipper: the queries of this one
   * need them upgraded, which writes. */
  if (version < CLIPPER_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_READ_ONLY,
                   "the library '%s' is read-only and was made by an older Clipper: it must be "
                   "upgraded once, by opening it where it can be written", self->path);
      return FALSE;
    }
  self->schema_version = version;
  /* (A vault exported from it says which library it is.) */
  return read_library_id (self, error);
}

/**
 * clipper_store_open_read_only:
 * @path: (nullable): the database file, or %NULL for
 *   clipper_store_dup_default_path()
 * @error: return location for a #CLIPPER_STORE_ERROR
 *
 * Opens the library for reading only, as it is: nothing is created,
 * upgraded or written, so a library whose file or folder cannot be
 * written (a file of mode 0444, a folder of someone else's, a read-only
 * disk) can still be listed, searched and exported.  Every write fails
 * with %CLIPPER_STORE_ERROR_READ_ONLY.
 *
 * Returns: (transfer full): the store, or %NULL with @error set: OPEN for
 *   a file that cannot be read, CORRUPT and TOO_NEW as clipper_store_open()
 *   sets them, READ_ONLY for a library an older Clipper made (it must be
 *   upgraded, which writes) or one whose log holds changes that cannot be
 *   read without writing
 */
ClipperStore *
clipper_store_open_read_only (const char *path, GError **error)
{
  g_autoptr(ClipperStore) self = g_object_new (CLIPPER_TYPE_STORE, NULL);
  gboolean ok;

  self->path = path != NULL ? g_strdup (path) : clipper_store_dup_default_path ();
  g_rw_lock_reader_lock (&open_lock);
  ok = store_open_db_read_only (self, error);
  /* (Read-only ones too: the log must stay while they read it, and they
   * share the process's mapping of the -shm file, which reopen_db()
   * must know of.) */
  if (ok)
    hold_library (self);
  g_rw_lock_reader_unlock (&open_lock);
  return ok ? g_steal_pointer (&self) : NULL;
}

/**
 * clipper_store_set_busy_timeout:
 * @ms: how long a statement waits for a lock another connection holds
 *
 * Sets how long this connection waits before a statement fails with
 * BUSY: 5 s unless set.  The window's connection waits less, since it
 * waits on the UI thread: a star clicked while a `clipper-cli import`
 * held the library froze the window for 5 s (QA-s 2).
 */
void
clipper_store_set_busy_timeout (ClipperStore *self,
                                guint         ms)
{
  g_return_if_fail (CLIPPER_IS_STORE (self));

  self->busy_timeout_ms = ms;
  if (self->db != NULL)
    sqlite3_busy_timeout (self->db, (int) ms);
}

/**
 * clipper_store_is_read_only:
 *
 * Returns: whether the library cannot be written: opened with
 *   clipper_store_open_read_only(), or a file that SQLite could open only
 *   for reading (clipper_store_open() of a file of mode 0444)
 */
gboolean
clipper_store_is_read_only (ClipperStore *self)
{
  g_return_val_if_fail (CLIPPER_IS_STORE (self), TRUE);

  return sqlite3_db_readonly (self->db, "main") != 0;
}

/* The worker of clipper_store_open_async().
 *
 * Handing the store to another thread is safe: the connection is opened
 * with SQLITE_OPEN_NOMUTEX, SQLite's "multi-thread" mode, in which a
 * connection may be used from any thread as long as no two threads use it
 * at the same time (https://sqlite.org/threadsafe.html).  This thread
 * stops touching it before g_task_return_pointer(), whose lock orders
 * every write made here before the caller's g_task_propagate_pointer().
 * Nothing else in a ClipperStore belongs to the opening thread: the
 * statement cache is per object, the FTS5 tokenizer and rank function are
 * registered per connection, and the main context of the change watch is
 * taken only by clipper_store_watch(), which the caller runs afterwards. */
static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(GError) error = NULL;
  ClipperStore *store;

  if (g_task_return_error_if_cancelled (task))
    return;

  store = clipper_store_open (path, &error);
  if (store == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, store, g_object_unref);
}

/**
 * clipper_store_open_async:
 * @path: (nullable): the database file, or %NULL for
 *   clipper_store_dup_default_path()
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context when the
 *   library is open
 * @user_data: data for @callback
 *
 * Opens the library as clipper_store_open() does, on a worker thread, so
 * that a schema upgrade (which fills full-text indexes: about 12 s for a
 * million highlights) does not block the caller's main loop.  The store is
 * then used from the caller's thread.
 *
 * Cancelling does not stop an upgrade step once it has started (each step
 * is one transaction and finishes); the store is then closed and
 * clipper_store_open_finish() reports %G_IO_ERROR_CANCELLED.
 */
void
clipper_store_open_async (const char          *path,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, clipper_store_open_async);
  g_task_set_name (task, "[clipper] open the library");
  g_task_set_task_data (task,
                        path != NULL ? g_strdup (path) : clipper_store_dup_default_path (),
                        g_free);
  g_task_run_in_thread (task, open_thread);
}

/**
 * clipper_store_open_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #CLIPPER_STORE_ERROR or
 *   %G_IO_ERROR_CANCELLED
 *
 * Finishes clipper_store_open_async().
 *
 * Returns: (transfer full): the store, or %NULL with @error set as
 *   clipper_store_open() sets it.
 */
ClipperStore *
clipper_store_open_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == clipper_store_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * clipper_store_needs_upgrade:
 * @path: (nullable): the database file, or %NULL for
 *   clipper_store_dup_default_path()
 * @out_version: (out) (optional): the file's schema version; 0 for a
 *   missing or empty file
 * @error: return location for a #CLIPPER_STORE_ERROR
 *
 * Tells, without writing anything, whether clipper_store_open() will
 * upgrade the library's schema, which can take seconds to minutes for a
 * big library (see clipper-store-migrations.c): the app shows a status
 * page for that and opens the store with clipper_store_open_async().
 *
 * It reads `PRAGMA user_version` on a read-only connection (0.06 ms on a
 * 100,000-article library).  A missing or empty file needs no upgrade worth waiting
 * for (a new library is created at once), nor does a library made by a
 * newer Clipper (opening it fails with TOO_NEW).
 *
 * Returns: %TRUE when the file holds a Clipper library of an older
 *   schema; %FALSE otherwise, with @error set when the file exists but
 *   cannot be read (OPEN, CORRUPT, BUSY).
 */
gboolean
clipper_store_needs_upgrade (const char *path,
                             int        *out_version,
                             GError    **error)
{
  g_autofree char *resolved = path != NULL ? g_strdup (path) : clipper_store_dup_default_path ();
  g_autofree char *what = g_strdup_printf ("cannot read the version of the library '%s'", resolved);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int version = 0;
  int rc;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (out_version != NULL)
    *out_version = 0;
  if (!g_file_test (resolved, G_FILE_TEST_EXISTS))
    return FALSE;

  /* Read-only: this must never create the file or change it.  (A WAL
   * library's -shm file is still shared with writers, so the version read
   * is the last committed one even when not yet checkpointed.)  A file of
   * mode 0444 is read as clipper_store_open() reads it: even a read-only
   * connection makes the -wal and -shm files beside it, of its mode, 0444
   * (the app asks this before it opens the store). */
  if (nobody_may_write (resolved) && !wal_has_changes (resolved))
    rc = open_immutable (resolved, &db);
  else
    rc = sqlite3_open_v2 (resolved, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    {
      keep_wal_files (db);
      sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
      rc = sqlite3_prepare_v3 (db, "PRAGMA user_version", -1, 0, &stmt, NULL);
    }
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          version = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  if (rc != SQLITE_OK)
    clipper_store_set_sqlite_error (error, db, rc, what);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  if (rc != SQLITE_OK)
    return FALSE;

  if (out_version != NULL)
    *out_version = version;
  return version > 0 && version < CLIPPER_STORE_SCHEMA_VERSION;
}

void
clipper_store_set_rank_window (ClipperStore *self, guint window)
{
  g_return_if_fail (CLIPPER_IS_STORE (self));
  self->rank_window = window;
}

const char *
clipper_store_get_path (ClipperStore *self)
{
  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);
  return self->path;
}

int
clipper_store_get_schema_version (ClipperStore *self)
{
  g_return_val_if_fail (CLIPPER_IS_STORE (self), 0);
  return self->schema_version;
}

const char *
clipper_store_get_library_id (ClipperStore *self)
{
  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);
  return self->library_id;
}

/* ---------------------------------------------------------------------- */
/* Transactions                                                            */

/* The log file on disk is not the one this connection writes to: a
 * program deleted library.db-wal and library.db-shm while the store had
 * them open, on a system where the store could not hold locks of its own
 * (see hold_library()): a close() elsewhere in the process had dropped
 * SQLite's, and the program took itself for the library's last user.
 * SQLite copies the log into library.db before it deletes it, so nothing
 * written until then is lost; what this connection wrote from now on
 * would go to the deleted file, lost to every other program and to the
 * next start.  So before its next write the store opens the library
 * again, on the files now there, and says nothing.
 *
 * Only a store alone in the process can: SQLite shares one mapping of the
 * -shm file between the connections of a process, and a new connection
 * beside an old one would read the new log through the deleted one's
 * index.  Otherwise the change is refused, and says why.  The callers of
 * clipper_store_begin() at the outermost level hold no statement of the
 * connection, which this finalizes.  (Their write's "changes" then say
 * "other": the count of changed rows starts over with the connection.) */
static gboolean
reopen_db (ClipperStore *self, GError **error)
{
  gboolean ok;

  /* (No store opens meanwhile, to share the deleted files' mapping.) */
  g_rw_lock_writer_lock (&open_lock);
  if (self->locks == NULL || !clipper_store_locks_is_alone (self->locks))
    {
      g_rw_lock_writer_unlock (&open_lock);
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_FAILED,
                   "the change was not saved: another program deleted the library's log file "
                   "'%s' while Clipper had it open; close Clipper and start it again",
                   self->wal_path);
      return FALSE;
    }
  g_debug ("The log file %s was replaced; opening the library again", self->wal_path);
  g_hash_table_remove_all (self->statements);
  sqlite3_close_v2 (self->db);
  self->db = NULL;
  release_library (self);
  ok = store_open_db (self, self->schema_version, error);
  if (ok)
    hold_library (self);
  g_rw_lock_writer_unlock (&open_lock);
  return ok;
}

/* Runs one of our fixed transaction statements, cached like the others. */
static gboolean
run_cached (ClipperStore *self, const char *sql, const char *what, GError **error)
{
  g_autoptr(ClipperStmt) stmt = prepare (self, sql, error);

  return stmt != NULL && step_done (self, stmt, what, error);
}

/**
 * clipper_store_begin:
 *
 * Starts a transaction, or a nested level of the current one.  The
 * outermost level takes the write lock at once (BEGIN IMMEDIATE), so two
 * writers queue on the busy timeout instead of failing half-way; inner
 * levels are savepoints, so a failed step inside a batch (say a duplicate
 * URL in an import) undoes only itself.
 */
gboolean
clipper_store_begin (ClipperStore *self, GError **error)
{
  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);

  if (self->tx_depth == 0 && !log_is_current (self) && !reopen_db (self, error))
    return FALSE;
  /* RELEASE and ROLLBACK TO act on the most recent savepoint of a name, so
   * one name serves every depth. */
  if (!run_cached (self, self->tx_depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT clipper_nested",
                   "cannot start a change to the library", error))
    return FALSE;
  if (self->tx_depth == 0 && self->watch_context != NULL)
    {
      g_clear_pointer (&self->tx_changes, clipper_store_changes_free);
      self->tx_changes = clipper_store_changes_new ();
      self->tx_base = sqlite3_total_changes64 (self->db);
      self->tx_recorded = 0;
    }
  self->tx_depth++;
  return TRUE;
}

/**
 * clipper_store_commit:
 *
 * Ends one level; only the outermost commit writes to the file.
 */
gboolean
clipper_store_commit (ClipperStore *self, GError **error)
{
  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  if (self->tx_depth > 1)
    {
      if (!run_cached (self, "RELEASE clipper_nested", "cannot save the change to the library", error))
        {
          clipper_store_rollback (self);
          return FALSE;
        }
      self->tx_depth--;
      return TRUE;
    }

  if (self->tx_doomed)
    {
      g_autofree char *why = g_steal_pointer (&self->tx_doomed);

      clipper_store_rollback (self);
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_FAILED,
                   "none of the changes were saved: a failed step could not be undone (%s)", why);
      return FALSE;
    }
  /* Counted before the COMMIT, where FTS5 writes out the index entries
   * it held in memory: rows of its own, part of the listed changes. */
  if (self->tx_changes != NULL && sqlite3_total_changes64 (self->db) - self->tx_base > self->tx_recorded)
    self->tx_changes->other = TRUE;
  if (!run_cached (self, "COMMIT", "cannot save the change to the library", error))
    {
      /* A failed COMMIT (busy, disk full) can leave the transaction open;
       * end it so that the connection stays usable. */
      self->tx_depth = 0;
      g_clear_pointer (&self->tx_changes, clipper_store_changes_free);
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      shrink_log (self);
      return FALSE;
    }
  self->tx_depth = 0;
  if (self->tx_changes != NULL)
    merge_changes (self, g_steal_pointer (&self->tx_changes));
  schedule_changed (self);
  return TRUE;
}

/**
 * clipper_store_rollback:
 *
 * Undoes the changes of the current level (all of them at the outermost).
 */
void
clipper_store_rollback (ClipperStore *self)
{
  g_return_if_fail (CLIPPER_IS_STORE (self));
  g_return_if_fail (self->tx_depth > 0);

  self->tx_depth--;
  if (self->tx_depth > 0)
    {
      g_autoptr(GError) error = NULL;

      if (!run_cached (self, "ROLLBACK TO clipper_nested", "cannot undo a change", &error) ||
          !run_cached (self, "RELEASE clipper_nested", "cannot undo a change", &error))
        g_warning ("%s", error->message);
      return;
    }
  g_clear_pointer (&self->tx_doomed, g_free);
  g_clear_pointer (&self->tx_changes, clipper_store_changes_free);
  /* SQLite may already have rolled back by itself (e.g. after SQLITE_FULL). */
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  else
    shrink_log (self);
}

/* Marks the batch as lost: its outermost commit rolls back with an error.
 * For a write that cannot be undone by deleting its row: the undo failed,
 * or the row was saved but not indexed (the disk or memory failed), where
 * the delete triggers would unindex what was never indexed, which FTS5
 * does not survive.  A write of its own is rolled back whole anyway. */
static void
doom_batch (ClipperStore *self, GError *const *error)
{
  if (self->tx_doomed == NULL)
    self->tx_doomed = g_strdup (error != NULL && *error != NULL ? (*error)->message
                                                                : "cannot index a change");
}

/* Writes of several statements (an article with its text and tags, a
 * highlight with its tags) must be all or nothing.  Alone they run in a
 * transaction of their own.  Inside a caller's batch (an import adds
 * hundreds of thousands) they do NOT open a savepoint: FTS5 writes its
 * whole pending in-memory index out as a new segment at every SAVEPOINT
 * and RELEASE, so a savepoint per record made one tiny segment per record
 * and FTS5 then spent most of the import merging them (a third of the
 * import time).  (A statement that fires a trigger opens such a savepoint
 * too, which is why new rows are indexed without triggers; see
 * migrate_to_4().)  Instead such a write inserts its main row first (the
 * step that fails on bad input: duplicate URL or UUID, unknown article)
 * and, if a later step fails, undoes itself by deleting that row, which
 * cascades to everything the write added (text, original, tag links, FTS
 * entries).  A tag row the write created may stay behind unused; unused
 * tags are not listed.  If even the undo fails (the disk is failing), the
 * batch is marked doomed and its outermost commit rolls everything back
 * with an error instead of saving half a record. */
static void
undo_batched (ClipperStore *self, const char *sql, gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStmt) stmt = NULL;

  if (id <= 0)
    return;
  /* SQLite itself ended the transaction (disk full, out of memory): there
   * is nothing left to undo, and the caller's commit will fail. */
  if (sqlite3_get_autocommit (self->db))
    return;
  stmt = prepare (self, sql, &error);
  if (stmt != NULL)
    {
      bind_int64 (stmt, ":id", id);
      if (step_done (self, stmt, "cannot undo a failed change", &error))
        return;
    }
  doom_batch (self, &error);
}

/* Ends a write begun with clipper_store_begin(): commits when @ok, else
 * rolls back.  Returns whether the change was saved. */
static gboolean
finish_write (ClipperStore *self, gboolean ok, GError **error)
{
  if (!ok)
    {
      clipper_store_rollback (self);
      return FALSE;
    }
  return clipper_store_commit (self, error);
}

/* ---------------------------------------------------------------------- */
/* Change notification                                                     */

G_DEFINE_BOXED_TYPE (ClipperStoreChanges, clipper_store_changes, clipper_store_changes_copy,
                     clipper_store_changes_free)

ClipperStoreChanges *
clipper_store_changes_new (void)
{
  ClipperStoreChanges *changes = g_new0 (ClipperStoreChanges, 1);

  changes->highlights = g_array_new (FALSE, FALSE, sizeof (ClipperHighlightChange));
  changes->articles = g_array_new (FALSE, FALSE, sizeof (gint64));
  return changes;
}

ClipperStoreChanges *
clipper_store_changes_copy (const ClipperStoreChanges *changes)
{
  ClipperStoreChanges *copy = clipper_store_changes_new ();

  g_return_val_if_fail (changes != NULL, copy);

  copy->other = changes->other;
  copy->n_reading = changes->n_reading;
  g_array_append_vals (copy->highlights, changes->highlights->data, changes->highlights->len);
  g_array_append_vals (copy->articles, changes->articles->data, changes->articles->len);
  return copy;
}

void
clipper_store_changes_free (ClipperStoreChanges *changes)
{
  if (changes == NULL)
    return;
  g_array_unref (changes->highlights);
  g_array_unref (changes->articles);
  g_free (changes);
}

static void
forget_listed (ClipperStoreChanges *changes)
{
  changes->other = TRUE;
  changes->n_reading = 0;
  g_array_set_size (changes->highlights, 0);
  g_array_set_size (changes->articles, 0);
}

/* Lists a highlight (or, with @article, an article) the transaction under
 * way wrote, once its writes are done; @since is sqlite3_total_changes64()
 * from before them, so that the rows they changed (its tags, its index
 * entries) are not taken for another change at the commit. */
static void
note_change (ClipperStore *self, gboolean article, ClipperChangeKind kind, gint64 id, gint64 since)
{
  ClipperHighlightChange change = { id, kind };

  if (self->tx_changes == NULL)
    return;
  self->tx_recorded += sqlite3_total_changes64 (self->db) - since;
  if (self->tx_changes->other)
    return;
  if (self->tx_changes->highlights->len + self->tx_changes->articles->len >= MAX_LISTED_CHANGES)
    forget_listed (self->tx_changes);
  else if (article)
    g_array_append_val (self->tx_changes->articles, id);
  else
    g_array_append_val (self->tx_changes->highlights, change);
}

static void
note_highlight_change (ClipperStore *self, ClipperChangeKind kind, gint64 id, gint64 since)
{
  note_change (self, FALSE, kind, id, since);
}

/* note_change() of an article whose reading position alone moved. */
static void
note_reading_change (ClipperStore *self, gint64 id, gint64 since)
{
  guint listed = self->tx_changes != NULL ? self->tx_changes->articles->len : 0;

  note_change (self, TRUE, CLIPPER_CHANGE_UPDATED, id, since);
  if (self->tx_changes != NULL && self->tx_changes->articles->len > listed)
    self->tx_changes->n_reading++;
}

/* Adds a committed transaction's changes to those the next "changes"
 * reports (several commits before the idle are one emission). */
static void
merge_changes (ClipperStore *self, ClipperStoreChanges *changes)
{
  ClipperStoreChanges *pending;

  if (self->pending_changes == NULL)
    {
      self->pending_changes = changes;
      return;
    }
  pending = self->pending_changes;
  if (!pending->other && !changes->other &&
      pending->highlights->len + pending->articles->len + changes->highlights->len + changes->articles->len <=
        MAX_LISTED_CHANGES)
    {
      g_array_append_vals (pending->highlights, changes->highlights->data, changes->highlights->len);
      g_array_append_vals (pending->articles, changes->articles->data, changes->articles->len);
      pending->n_reading += changes->n_reading;
    }
  else
    forget_listed (pending);
  clipper_store_changes_free (changes);
}

static gboolean
read_data_version (ClipperStore *self, gint64 *out_version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClipperStmt) stmt = prepare (self, "PRAGMA data_version", &error);

  if (stmt == NULL || step (self, stmt, "cannot check for changes", &error) != SQLITE_ROW)
    {
      g_debug ("%s", error ? error->message : "no data_version");
      return FALSE;
    }
  *out_version = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
poll_cb (gpointer user_data)
{
  ClipperStore *self = user_data;
  gint64 version;

  /* Inside our own transaction the value says nothing about others. */
  if (self->tx_depth == 0 && read_data_version (self, &version) && version != self->data_version)
    {
      g_autoptr(ClipperStoreChanges) changes = clipper_store_changes_new ();

      /* Another connection's commit: which rows it changed is not known. */
      changes->other = TRUE;
      self->data_version = version;
      g_signal_emit (self, signals[SIGNAL_CHANGES], 0, changes);
      g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
notify_cb (gpointer user_data)
{
  ClipperStore *self = user_data;
  g_autoptr(ClipperStoreChanges) changes = g_steal_pointer (&self->pending_changes);

  g_clear_pointer (&self->notify_source, g_source_unref);
  if (changes == NULL)
    {
      changes = clipper_store_changes_new ();
      changes->other = TRUE;
    }
  g_signal_emit (self, signals[SIGNAL_CHANGES], 0, changes);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

/* Our own commits do not change PRAGMA data_version for this connection,
 * so they are announced from an idle callback instead. */
static void
schedule_changed (ClipperStore *self)
{
  if (self->watch_context == NULL || self->notify_source != NULL)
    return;
  self->notify_source = g_idle_source_new ();
  g_source_set_callback (self->notify_source, notify_cb, self, NULL);
  g_source_set_name (self->notify_source, "[clipper] store changed");
  g_source_attach (self->notify_source, self->watch_context);
}

/**
 * clipper_store_watch:
 *
 * Starts emitting #ClipperStore::changed on the caller's thread-default
 * main context.  Other connections' commits are noticed by polling
 * PRAGMA data_version every 500 ms (a cheap read of a counter); this
 * connection's own commits are announced from an idle callback.  Calling it
 * again does nothing.  The sources go away with the store.
 */
void
clipper_store_watch (ClipperStore *self)
{
  g_return_if_fail (CLIPPER_IS_STORE (self));

  if (self->poll_source != NULL)
    return;

  self->watch_context = g_main_context_ref_thread_default ();
  if (!read_data_version (self, &self->data_version))
    self->data_version = -1;
  self->poll_source = g_timeout_source_new (WATCH_INTERVAL_MS);
  g_source_set_callback (self->poll_source, poll_cb, self, NULL);
  g_source_set_name (self->poll_source, "[clipper] store watch");
  g_source_attach (self->poll_source, self->watch_context);
}

/* ---------------------------------------------------------------------- */
/* Articles                                                                */

/* The latest highlight's date is read for a Kindle book only, the one
 * article it dates (clipper_article_get_display_date()): every row of the
 * library list ran a second subquery over its highlights for it (review
 * 21, N4).  The prefix test is on the row, before the subquery. */
#define ARTICLE_LIGHT_COLUMNS \
  "a.id, a.url, a.canonical_url, a.title, a.byline, a.site_name, a.lang, a.dir, " \
  "a.published_time, a.excerpt, a.lead_image, a.word_count, a.read_state, a.starred, " \
  "a.reading_position, a.saved_at, a.updated_at, " \
  "(SELECT count(*) FROM highlights h WHERE h.article_id = a.id), " \
  "(SELECT group_concat(name, char(31)) FROM " \
  "  (SELECT t.name FROM article_tags at JOIN tags t ON t.id = at.tag_id " \
  "   WHERE at.article_id = a.id ORDER BY t.name COLLATE clipper_tag)), " \
  "CASE WHEN substr (a.url, 1, length ('" CLIPPER_KINDLE_BOOK_URL_PREFIX "')) = '" CLIPPER_KINDLE_BOOK_URL_PREFIX "' " \
  "  THEN (SELECT max(h.created_at) FROM highlights h WHERE h.article_id = a.id) END"
#define ARTICLE_N_LIGHT_COLUMNS 20

static void
set_tags_from_column (sqlite3_stmt *stmt, int column, GObject *object)
{
  const char *joined = column_str (stmt, column);
  g_auto(GStrv) tags = joined != NULL ? g_strsplit (joined, "\x1f", -1) : NULL;

  g_object_set (object, "tags", tags, NULL);
}

/* Fills an article from ARTICLE_LIGHT_COLUMNS (and html, text after them
 * when @full). */
static ClipperArticle *
article_from_row (sqlite3_stmt *stmt, gboolean full)
{
  ClipperArticle *article = clipper_article_new ();
  gint64 read_state = sqlite3_column_int64 (stmt, 12);

  g_object_freeze_notify (G_OBJECT (article));
  clipper_article_set_id (article, sqlite3_column_int64 (stmt, 0));
  clipper_article_set_url (article, column_str (stmt, 1));
  clipper_article_set_canonical_url (article, column_str (stmt, 2));
  clipper_article_set_title (article, column_str (stmt, 3));
  clipper_article_set_byline (article, column_str (stmt, 4));
  clipper_article_set_site_name (article, column_str (stmt, 5));
  clipper_article_set_lang (article, column_str (stmt, 6));
  clipper_article_set_dir (article, column_str (stmt, 7));
  clipper_article_set_published_time (article, column_str (stmt, 8));
  clipper_article_set_excerpt (article, column_str (stmt, 9));
  clipper_article_set_lead_image (article, column_str (stmt, 10));
  clipper_article_set_word_count (article, (guint) sqlite3_column_int64 (stmt, 11));
  clipper_article_set_read_state (article, CLAMP (read_state, 0, CLIPPER_READ_STATE_ARCHIVED));
  clipper_article_set_starred (article, sqlite3_column_int (stmt, 13) != 0);
  clipper_article_set_reading_position (article, sqlite3_column_double (stmt, 14));
  clipper_article_set_saved_at (article, sqlite3_column_int64 (stmt, 15));
  clipper_article_set_updated_at (article, sqlite3_column_int64 (stmt, 16));
  clipper_article_set_highlight_count (article, (guint) sqlite3_column_int64 (stmt, 17));
  set_tags_from_column (stmt, 18, G_OBJECT (article));
  clipper_article_set_last_highlight_at (article, sqlite3_column_int64 (stmt, 19));
  if (full)
    {
      clipper_article_set_html (article, column_str (stmt, ARTICLE_N_LIGHT_COLUMNS));
      clipper_article_set_text (article, column_str (stmt, ARTICLE_N_LIGHT_COLUMNS + 1));
    }
  g_object_thaw_notify (G_OBJECT (article));
  return article;
}

static gboolean
check_article (ClipperArticle *article, GError **error)
{
  static const struct {
    const char *what;
    const char *(*get) (ClipperArticle *);
  } optional[] = {
    { "canonical URL", clipper_article_get_canonical_url },
    { "title", clipper_article_get_title },
    { "byline", clipper_article_get_byline },
    { "site name", clipper_article_get_site_name },
    { "language", clipper_article_get_lang },
    { "published time", clipper_article_get_published_time },
    { "excerpt", clipper_article_get_excerpt },
    { "lead image", clipper_article_get_lead_image },
    { "article HTML", clipper_article_get_html },
    { "article text", clipper_article_get_text },
  };
  const char *dir = clipper_article_get_dir (article);

  if (!check_text ("URL", clipper_article_get_url (article), TRUE, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (optional); i++)
    if (!check_text (optional[i].what, optional[i].get (article), FALSE, error))
      return FALSE;
  if (dir != NULL && *dir != '\0' && g_strcmp0 (dir, "ltr") != 0 && g_strcmp0 (dir, "rtl") != 0 &&
      g_strcmp0 (dir, "auto") != 0)
    {
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_INVALID,
                   "'%s' is not a text direction (ltr, rtl or auto)", g_utf8_validate (dir, -1, NULL) ? dir : "?");
      return FALSE;
    }
  return TRUE;
}

/* Whether @sql (SELECT 1 … WHERE id = :id) finds the row @id; NOT_FOUND,
 * naming @what, when it does not. */
static gboolean
row_exists (ClipperStore *self, const char *sql, const char *what, gint64 id, GError **error)
{
  g_autoptr(ClipperStmt) stmt = prepare (self, sql, error);
  g_autofree char *failure = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  failure = g_strdup_printf ("cannot look up the %s", what);
  bind_int64 (stmt, ":id", id);
  rc = step (self, stmt, failure, error);
  if (rc == 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    return set_not_found (error, what, id);
  return TRUE;
}

static gboolean
article_exists (ClipperStore *self, gint64 id, GError **error)
{
  return row_exists (self, "SELECT 1 FROM articles WHERE id = :id", "article", id, error);
}

static gint64
article_id_by_exact_url (ClipperStore *self, const char *url, GError **error)
{
  g_autoptr(ClipperStmt) stmt = prepare (self, "SELECT id FROM articles WHERE url = :url", error);
  int rc;

  if (stmt == NULL)
    return -1;
  bind_text (stmt, ":url", url);
  rc = step (self, stmt, "cannot look up the article", error);
  if (rc == 0)
    return -1;
  return rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

static gboolean
set_duplicate_url (ClipperStore *self, const char *url, GError **error)
{
  gint64 existing = article_id_by_exact_url (self, url, NULL);

  g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_DUPLICATE,
               "'%s' is already saved as article %" G_GINT64_FORMAT, url, MAX (existing, 0));
  return FALSE;
}

static void
bind_article_fields (sqlite3_stmt *stmt, ClipperArticle *article)
{
  const char *dir = clipper_article_get_dir (article);

  bind_text (stmt, ":url", clipper_article_get_url (article));
  bind_text (stmt, ":canonical_url", clipper_article_get_canonical_url (article));
  bind_text (stmt, ":title", clipper_article_get_title (article) ? clipper_article_get_title (article) : "");
  bind_text (stmt, ":byline", clipper_article_get_byline (article));
  bind_text (stmt, ":site_name", clipper_article_get_site_name (article));
  bind_text (stmt, ":lang", clipper_article_get_lang (article));
  bind_text (stmt, ":dir", dir != NULL && *dir != '\0' ? dir : NULL);
  bind_text (stmt, ":published_time", clipper_article_get_published_time (article));
  bind_text (stmt, ":excerpt", clipper_article_get_excerpt (article));
  bind_text (stmt, ":lead_image", clipper_article_get_lead_image (article));
  bind_int64 (stmt, ":word_count", clipper_article_get_word_count (article));
  bind_int64 (stmt, ":read_state", clipper_article_get_read_state (article));
  bind_int64 (stmt, ":starred", clipper_article_get_starred (article) ? 1 : 0);
  bind_double (stmt, ":reading_position", clipper_article_get_reading_position (article));
  bind_int64 (stmt, ":updated_at", clipper_article_get_updated_at (article));
}

static gboolean store_original (ClipperStore *self, gint64 id, GBytes *page, const char *url, GError **error);

/* The HTML and text, in their own table (see migrate_to_1()). */
static gboolean
write_contents (ClipperStore *self, ClipperArticle *article, gboolean insert, GError **error)
{
  g_autoptr(ClipperStmt) stmt = NULL;
  const char *html = clipper_article_get_html (article);
  const char *text = clipper_article_get_text (article);

  stmt = prepare (self,
                  insert ? "INSERT INTO article_contents (article_id, html, text) VALUES (:id, :html, :text)"
                         : "UPDATE article_contents SET html = :html, text = :text WHERE article_id = :id",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind_int64 (stmt, ":id", clipper_article_get_id (article));
  bind_text (stmt, ":html", html != NULL ? html : "");
  bind_text (stmt, ":text", text != NULL ? text : "");
  return step_done (self, stmt, "cannot save the article's text", error);
}

/* Adds a new article to both full-text indexes, with the values its row
 * holds (see bind_article_fields()).  A statement of its own per index and
 * no trigger: see migrate_to_4() for why. */
static gboolean
index_new_article (ClipperStore *self, ClipperArticle *article, GError **error)
{
  static const char *const sql[] = {
    "INSERT INTO articles_fts (rowid, title, byline, text) VALUES (:id, :title, :byline, :text)",
    "INSERT INTO articles_bigrams (rowid, title, byline, text) VALUES (:id, :title, :byline, :text)",
  };
  const char *title = clipper_article_get_title (article);
  const char *text = clipper_article_get_text (article);

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      g_autoptr(ClipperStmt) stmt = prepare (self, sql[i], error);

      if (stmt == NULL)
        return FALSE;
      bind_int64 (stmt, ":id", clipper_article_get_id (article));
      bind_text (stmt, ":title", title != NULL ? title : "");
      bind_text (stmt, ":byline", clipper_article_get_byline (article));
      bind_text (stmt, ":text", text != NULL ? text : "");
      if (!step_done (self, stmt, "cannot index the article", error))
        {
          doom_batch (self, error);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean store_tags (ClipperStore *self, gboolean article, gint64 id,
                            const char *const *tags, GError **error);

static gboolean
insert_article (ClipperStore *self, ClipperArticle *article, GBytes *original_page, GError **error)
{
  gint64 now = now_seconds ();
  gint64 saved_at = clipper_article_get_saved_at (article);
  gint64 existing;
  int rc;
  g_autoptr(ClipperStmt) stmt = NULL;

  existing = article_id_by_exact_url (self, clipper_article_get_url (article), error);
  if (existing < 0)
    return FALSE;
  if (existing > 0)
    return set_duplicate_url (self, clipper_article_get_url (article), error);

  stmt = prepare (self,
                  "INSERT INTO articles (url, canonical_url, title, byline, site_name, lang, dir,"
                  " published_time, excerpt, lead_image, word_count, read_state, starred,"
                  " reading_position, saved_at, updated_at)"
                  " VALUES (:url, :canonical_url, :title, :byline, :site_name, :lang, :dir,"
                  " :published_time, :excerpt, :lead_image, :word_count, :read_state,"
                  " :starred, :reading_position, :saved_at, :updated_at)",
                  error);
  if (stmt == NULL)
    return FALSE;
  /* An import keeps the times the article had; a new save is now. */
  if (saved_at <= 0)
    saved_at = now;
  if (clipper_article_get_updated_at (article) <= 0)
    clipper_article_set_updated_at (article, MAX (now, saved_at));
  bind_article_fields (stmt, article);
  bind_int64 (stmt, ":saved_at", saved_at);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      if (rc == SQLITE_CONSTRAINT_UNIQUE)
        return set_duplicate_url (self, clipper_article_get_url (article), error);
      clipper_store_set_sqlite_error (error, self->db, rc, "cannot save the article");
      return FALSE;
    }
  clipper_article_set_id (article, sqlite3_last_insert_rowid (self->db));
  clipper_article_set_saved_at (article, saved_at);

  if (!write_contents (self, article, TRUE, error) || !index_new_article (self, article, error))
    return FALSE;

  if (original_page != NULL && !store_original (self, clipper_article_get_id (article), original_page, NULL, error))
    return FALSE;
  if (!store_tags (self, TRUE, clipper_article_get_id (article), clipper_article_get_tags (article), error))
    return FALSE;
  return TRUE;
}

/**
 * clipper_store_add_article:
 * @original_page: (nullable): the page as fetched, stored compressed
 *
 * Saves a new article with its tags.  On success the article's id,
 * saved_at and updated_at are set (an import may set both beforehand; they
 * are then kept).
 * An article whose URL is already saved is DUPLICATE, and the message names
 * the saved article's id.
 */
gboolean
clipper_store_add_article (ClipperStore   *self,
                           ClipperArticle *article,
                           GBytes         *original_page,
                           GError        **error)
{
  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (CLIPPER_IS_ARTICLE (article), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_article (article, error))
    return FALSE;
  /* Inside a caller's batch: no savepoint (see undo_batched()). */
  if (self->tx_depth > 0)
    {
      clipper_article_set_id (article, 0);
      if (!insert_article (self, article, original_page, error))
        {
          undo_batched (self, "DELETE FROM articles WHERE id = :id", clipper_article_get_id (article));
          clipper_article_set_id (article, 0);
          return FALSE;
        }
      return TRUE;
    }
  if (!clipper_store_begin (self, error))
    return FALSE;
  if (!finish_write (self, insert_article (self, article, original_page, error), error))
    {
      clipper_article_set_id (article, 0);
      return FALSE;
    }
  return TRUE;
}

/**
 * clipper_store_get_article:
 *
 * Returns: (transfer full): the full record (html, text, tags, highlight
 *   count), or %NULL with NOT_FOUND.
 */
ClipperArticle *
clipper_store_get_article (ClipperStore *self, gint64 id, GError **error)
{
  g_autoptr(ClipperStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  stmt = prepare (self,
                  "SELECT " ARTICLE_LIGHT_COLUMNS ", c.html, c.text FROM articles a"
                  " LEFT JOIN article_contents c ON c.article_id = a.id WHERE a.id = :id",
                  error);
  if (stmt == NULL)
    return NULL;
  bind_int64 (stmt, ":id", id);
  rc = step (self, stmt, "cannot read the article", error);
  if (rc == 0)
    return NULL;
  if (rc == SQLITE_DONE)
    {
      set_not_found (error, "article", id);
      return NULL;
    }
  return article_from_row (stmt, TRUE);
}

gint64
clipper_store_find_article_by_url (ClipperStore *self, const char *url, GError **error)
{
  g_autoptr(ClipperStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), 0);

  if (!check_text ("URL", url, TRUE, error))
    return 0;
  /* The exact URL wins over an article that merely names it canonical. */
  stmt = prepare (self,
                  "SELECT id FROM (SELECT id, 0 AS o FROM articles WHERE url = :url"
                  " UNION ALL SELECT id, 1 FROM articles WHERE canonical_url = :url)"
                  " ORDER BY o, id LIMIT 1",
                  error);
  if (stmt == NULL)
    return 0;
  bind_text (stmt, ":url", url);
  rc = step (self, stmt, "cannot look up the article", error);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  return 0;
}

static gboolean
write_article_update (ClipperStore *self, ClipperArticle *article, GError **error)
{
  g_autoptr(ClipperStmt) stmt = NULL;
  gint64 id = clipper_article_get_id (article);
  gint64 existing;
  int rc;

  existing = article_id_by_exact_url (self, clipper_article_get_url (article), error);
  if (existing < 0)
    return FALSE;
  if (existing > 0 && existing != id)
    return set_duplicate_url (self, clipper_article_get_url (article), error);

  stmt = prepare (self,
                  "UPDATE articles SET url = :url, canonical_url = :canonical_url, title = :title,"
                  " byline = :byline, site_name = :site_name, lang = :lang, dir = :dir,"
                  " published_time = :published_time, excerpt = :excerpt, lead_image = :lead_image,"
                  " word_count = :word_count, read_state = :read_state,"
                  " starred = :starred, reading_position = :reading_position, updated_at = :updated_at"
                  " WHERE id = :id",
                  error);
  if (stmt == NULL)
    return FALSE;
  clipper_article_set_updated_at (article, MAX (now_seconds (), clipper_article_get_updated_at (article)));
  bind_article_fields (stmt, article);
  bind_int64 (stmt, ":id", id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      if (rc == SQLITE_CONSTRAINT_UNIQUE)
        return set_duplicate_url (self, clipper_article_get_url (article), error);
      clipper_store_set_sqlite_error (error, self->db, rc, "cannot save the article");
      return FALSE;
    }
  if (sqlite3_changes (self->db) == 0)
    return set_not_found (error, "article", id);
  return write_contents (self, article, FALSE, error);
}

/**
 * clipper_store_update_reading:
 * @article_id: the article
 * @position: how far down it is read (0…1), or below 0 to leave it
 * @read: whether an unread article becomes read
 *
 * Writes only what reading changes.  The reader keeps its own record of
 * the article from when it opened; written back whole with
 * clipper_store_update_article(), it undid what changed meanwhile (a
 * Mark as Unread, a star) until the store's change notice reached it.
 * The article's updated_at moves only when it becomes read: a position
 * moves every few seconds while one reads, and nothing that goes by
 * updated_at (a vault's fingerprint of the article, the JSON export's
 * "updated", clipper-cli's updatedAt) is to change for it.
 */
gboolean
clipper_store_update_reading (ClipperStore *self, gint64 article_id, double position, gboolean read,
                              GError **error)
{
  g_autoptr(ClipperStmt) stmt = NULL;
  gint64 since;
  gboolean ok, was_unread = FALSE;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (position <= 1.0, FALSE);

  since = sqlite3_total_changes64 (self->db);
  if (!clipper_store_begin (self, error))
    return FALSE;
  /* Whether the read state changes too, which the vault shows: a position
   * alone is no reason to write it (note_reading_change()). */
  stmt = prepare (self, "SELECT read_state = :unread FROM articles WHERE id = :id", error);
  ok = stmt != NULL;
  if (ok)
    {
      bind_int64 (stmt, ":unread", CLIPPER_READ_STATE_UNREAD);
      bind_int64 (stmt, ":id", article_id);
      switch (step (self, stmt, "cannot save where the article is read", error))
        {
        case SQLITE_ROW:
          was_unread = sqlite3_column_int (stmt, 0) != 0;
          break;
        case SQLITE_DONE:
          break;
        default:
          ok = FALSE;
        }
      g_clear_pointer (&stmt, release_stmt);
    }
  if (ok)
    stmt = prepare (self,
                    "UPDATE articles SET"
                    " reading_position = CASE WHEN :position >= 0 THEN :position ELSE reading_position END,"
                    " read_state = CASE WHEN :read AND read_state = :unread THEN :read_state ELSE read_state END,"
                    " updated_at = CASE WHEN :read AND read_state = :unread THEN MAX (updated_at, :now)"
                    " ELSE updated_at END"
                    " WHERE id = :id",
                    error);
  ok = ok && stmt != NULL;
  if (ok)
    {
      bind_double (stmt, ":position", position);
      bind_int64 (stmt, ":read", read);
      bind_int64 (stmt, ":unread", CLIPPER_READ_STATE_UNREAD);
      bind_int64 (stmt, ":read_state", CLIPPER_READ_STATE_READ);
      bind_int64 (stmt, ":now", now_seconds ());
      bind_int64 (stmt, ":id", article_id);
      ok = step_done (self, stmt, "cannot save where the article is read", error);
    }
  if (ok && sqlite3_changes (self->db) == 0)
    ok = set_not_found (error, "article", article_id);
  if (ok && read && was_unread)
    note_change (self, TRUE, CLIPPER_CHANGE_UPDATED, article_id, since);
  else if (ok)
    note_reading_change (self, article_id, since);
  return finish_write (self, ok, error);
}

gboolean
clipper_store_update_article (ClipperStore *self, ClipperArticle *article, GError **error)
{
  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (CLIPPER_IS_ARTICLE (article), FALSE);

  gint64 since;
  gboolean ok;

  if (!check_article (article, error))
    return FALSE;
  since = sqlite3_total_changes64 (self->db);   /* (as in clipper_store_delete_highlight()) */
  if (!clipper_store_begin (self, error))
    return FALSE;
  ok = write_article_update (self, article, error);
  if (ok)
    note_change (self, TRUE, CLIPPER_CHANGE_UPDATED, clipper_article_get_id (article), since);
  return finish_write (self, ok, error);
}

static gboolean
store_original (ClipperStore *self, gint64 id, GBytes *page, const char *url, GError **error)
{
  g_autoptr(ClipperStmt) stmt = NULL;
  gsize size = 0;
  const guint8 *data = page != NULL ? g_bytes_get_data (page, &size) : NULL;
  g_autofree guint8 *compressed = NULL;
  uLongf compressed_size;
  int zrc;

  if (page == NULL)
    {
      stmt = prepare (self, "DELETE FROM article_originals WHERE article_id = :id", error);
      if (stmt == NULL)
        return FALSE;
      bind_int64 (stmt, ":id", id);
      return step_done (self, stmt, "cannot remove the original page", error);
    }

  if ((guint64) size > G_MAXINT32)
    {
      g_autofree char *formatted = g_format_size (size);

      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_INVALID,
                   "the original page is too large to store (%s)", formatted);
      return FALSE;
    }

  compressed_size = compressBound (size);
  compressed = g_malloc (compressed_size);
  zrc = compress2 (compressed, &compressed_size, data ? data : (const guint8 *) "", size, 6);
  if (zrc != Z_OK)
    {
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_FAILED,
                   "cannot compress the original page (zlib error %d)", zrc);
      return FALSE;
    }

  stmt = prepare (self,
                  "INSERT INTO article_originals (article_id, size, data, url) VALUES (:id, :size, :data, :url)"
                  " ON CONFLICT (article_id) DO UPDATE SET size = excluded.size, data = excluded.data,"
                  " url = excluded.url",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind_int64 (stmt, ":id", id);
  bind_int64 (stmt, ":size", size);
  bind_blob (stmt, ":data", compressed, compressed_size);
  bind_text (stmt, ":url", url);
  return step_done (self, stmt, "cannot store the original page", error);
}

gboolean
clipper_store_set_original_page (ClipperStore *self, gint64 id, GBytes *original_page, const char *url,
                                 GError **error)
{
  gboolean ok;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);

  if (!clipper_store_begin (self, error))
    return FALSE;
  ok = article_exists (self, id, error) && store_original (self, id, original_page, url, error);
  return finish_write (self, ok, error);
}

/**
 * clipper_store_dup_original_page:
 * @out_url: (out) (optional) (nullable) (transfer full): the address the
 *   page was read from, %NULL when the store was not told
 *
 * Returns: (transfer full): the page as fetched, decompressed; %NULL with
 *   NOT_FOUND when the article does not exist or none was stored.
 */
GBytes *
clipper_store_dup_original_page (ClipperStore *self, gint64 id, char **out_url, GError **error)
{
  g_autoptr(ClipperStmt) stmt = NULL;
  g_autofree guint8 *buffer = NULL;
  gint64 size;
  uLongf out_size;
  int rc, zrc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  if (!article_exists (self, id, error))
    return NULL;
  stmt = prepare (self, "SELECT size, data, url FROM article_originals WHERE article_id = :id", error);
  if (stmt == NULL)
    return NULL;
  bind_int64 (stmt, ":id", id);
  rc = step (self, stmt, "cannot read the original page", error);
  if (rc == 0)
    return NULL;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND,
                   "article %" G_GINT64_FORMAT " has no stored original page", id);
      return NULL;
    }

  size = sqlite3_column_int64 (stmt, 0);
  if (size < 0 || size > G_MAXINT32)
    goto corrupt;
  out_size = (uLongf) size;
  buffer = g_malloc (MAX (size, 1));
  zrc = uncompress (buffer, &out_size, sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
  if (zrc != Z_OK || out_size != (uLongf) size)
    goto corrupt;
  if (out_url != NULL)
    *out_url = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  return g_bytes_new_take (g_steal_pointer (&buffer), size);

corrupt:
  g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_CORRUPT,
               "the stored original page of article %" G_GINT64_FORMAT " is damaged", id);
  return NULL;
}

/* Deletes the row @id with @sql (one DELETE … WHERE id = :id) in its own
 * write; NOT_FOUND names @what when no row had that id. */
static gboolean
delete_by_id (ClipperStore *self, const char *sql, const char *what, gint64 id, GError **error)
{
  g_autoptr(ClipperStmt) stmt = NULL;
  g_autofree char *failure = NULL;
  gboolean ok;

  if (!clipper_store_begin (self, error))
    return FALSE;
  stmt = prepare (self, sql, error);
  ok = stmt != NULL;
  if (ok)
    {
      failure = g_strdup_printf ("cannot delete the %s", what);
      bind_int64 (stmt, ":id", id);
      ok = step_done (self, stmt, failure, error);
      if (ok && sqlite3_changes (self->db) == 0)
        ok = set_not_found (error, what, id);
    }
  return finish_write (self, ok, error);
}

gboolean
clipper_store_delete_article (ClipperStore *self, gint64 id, GError **error)
{
  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);

  /* Highlights, tag links, the original and image links go by cascade. */
  return delete_by_id (self, "DELETE FROM articles WHERE id = :id", "article", id, error);
}

/* ---------------------------------------------------------------------- */
/* Lists                                                                   */

/* The id of the tag whose key is @key, or 0; FALSE with @error set when
 * it cannot be read. */
static gboolean
tag_id_by_key (ClipperStore *self, const char *key, gint64 *out_id, GError **error)
{
  g_autoptr(ClipperStmt) stmt = prepare (self, "SELECT id FROM tags WHERE key = :key", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, ":key", key);
  rc = step (self, stmt, "cannot look up the tag", error);
  if (rc == 0)
    return FALSE;
  *out_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  return TRUE;
}

/* normalize_tag() for a tag as someone wrote it.  A leading '#' is how
 * Obsidian and most apps write a tag, typed by habit, not part of its
 * name: "#idea" is the tag "idea".  Kept, it made a tag of its own, shown
 * "##idea", which search did not find and which the vault wrote as the
 * same Obsidian tag as "idea".  A tag already named so (before 30
 * November 2026) keeps its name, so that it is still found, and can be
 * renamed or merged, by the name it shows. */
static gboolean
resolve_tag (ClipperStore *self, const char *raw, char **out_name, char **out_key, GError **error)
{
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;
  gint64 id = 0;

  if (!normalize_tag (raw, &name, &key, error))
    return FALSE;
  if (*name == '#')
    {
      const char *bare = name + strspn (name, "#");

      if (!tag_id_by_key (self, key, &id, error))
        return FALSE;
      if (id == 0)
        {
          if (*g_strchug ((char *) bare) == '\0')
            {
              g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_INVALID,
                           "the tag '%s' has no name after its '#'", raw);
              return FALSE;
            }
          return normalize_tag (bare, out_name, out_key, error);
        }
    }
  *out_name = g_steal_pointer (&name);
  *out_key = g_steal_pointer (&key);
  return TRUE;
}

static gboolean
lookup_tag_id (ClipperStore *self, const char *tag, gint64 *out_id, GError **error)
{
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;

  return resolve_tag (self, tag, &name, &key, error) && tag_id_by_key (self, key, out_id, error);
}

/* The SQL is assembled only from the fixed fragments below, so the
 * statement cache holds at most a few dozen variants. */
static void
append_list_filters (GString *sql, const ClipperListQuery *query, gboolean with_tag)
{
  switch (query->state)
    {
    case CLIPPER_STATE_FILTER_UNREAD:
      g_string_append (sql, " AND a.read_state <> 2");
      break;
    case CLIPPER_STATE_FILTER_ARCHIVED:
      g_string_append (sql, " AND a.read_state = 2");
      break;
    case CLIPPER_STATE_FILTER_ALL:
    default:
      break;
    }
  if (query->starred_only)
    g_string_append (sql, " AND a.starred = 1");
  if (with_tag)
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM article_tags at"
                          " WHERE at.article_id = a.id AND at.tag_id = :tag_id)");
}

/**
 * clipper_store_list_articles:
 * @query: (nullable): filters, sort and page size; %NULL for the inbox,
 *   newest first
 * @after: (nullable): the last article of the previous page
 *
 * One page of light records (no html or text) with tags and highlight
 * count.  Pages are keyset-paged on (sort key, id), so a page costs the same
 * wherever it is and rows added meanwhile never shift later pages.
 *
 * Returns: (transfer container) (element-type ClipperArticle): the page.
 */
GPtrArray *
clipper_store_list_articles (ClipperStore           *self,
                             const ClipperListQuery *query,
                             ClipperArticle         *after,
                             GError                **error)
{
  static const ClipperListQuery default_query = { NULL, CLIPPER_STATE_FILTER_UNREAD, FALSE,
                                                  CLIPPER_LIST_SORT_SAVED_DESC, 0 };
  g_autoptr(GString) sql = g_string_new ("SELECT " ARTICLE_LIGHT_COLUMNS " FROM articles a WHERE 1");
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ClipperStmt) stmt = NULL;
  gint64 tag_id = 0;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);
  g_return_val_if_fail (after == NULL || CLIPPER_IS_ARTICLE (after), NULL);

  if (query == NULL)
    query = &default_query;
  if (query->tag != NULL)
    {
      if (!lookup_tag_id (self, query->tag, &tag_id, error))
        return NULL;
      if (tag_id == 0)
        return g_steal_pointer (&result);
    }

  append_list_filters (sql, query, query->tag != NULL);
  switch (query->sort)
    {
    case CLIPPER_LIST_SORT_SAVED_ASC:
      if (after != NULL)
        g_string_append (sql, " AND a.saved_at >= :after_saved"
                              " AND (a.saved_at > :after_saved OR a.id > :after_id)");
      g_string_append (sql, " ORDER BY a.saved_at ASC, a.id ASC");
      break;
    case CLIPPER_LIST_SORT_TITLE_ASC:
      if (after != NULL)
        g_string_append (sql, " AND a.title >= :after_title COLLATE NOCASE"
                              " AND (a.title > :after_title COLLATE NOCASE OR a.id > :after_id)");
      g_string_append (sql, " ORDER BY a.title COLLATE NOCASE ASC, a.id ASC");
      break;
    case CLIPPER_LIST_SORT_SAVED_DESC:
    default:
      if (after != NULL)
        g_string_append (sql, " AND a.saved_at <= :after_saved"
                              " AND (a.saved_at < :after_saved OR a.id < :after_id)");
      g_string_append (sql, " ORDER BY a.saved_at DESC, a.id DESC");
      break;
    }
  g_string_append (sql, " LIMIT :limit");

  stmt = prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  if (query->tag != NULL)
    bind_int64 (stmt, ":tag_id", tag_id);
  if (after != NULL)
    {
      bind_int64 (stmt, ":after_id", clipper_article_get_id (after));
      if (query->sort == CLIPPER_LIST_SORT_TITLE_ASC)
        bind_text (stmt, ":after_title", clipper_article_get_title (after) ? clipper_article_get_title (after) : "");
      else
        bind_int64 (stmt, ":after_saved", clipper_article_get_saved_at (after));
    }
  bind_int64 (stmt, ":limit", query->limit > 0 ? query->limit : DEFAULT_LIST_LIMIT);

  while ((rc = step (self, stmt, "cannot list the articles", error)) == SQLITE_ROW)
    g_ptr_array_add (result, article_from_row (stmt, FALSE));
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&result);
}

gboolean
clipper_store_count_articles (ClipperStore           *self,
                              const ClipperListQuery *query,
                              guint                  *out_count,
                              GError                **error)
{
  static const ClipperListQuery default_query = { NULL, CLIPPER_STATE_FILTER_UNREAD, FALSE,
                                                  CLIPPER_LIST_SORT_SAVED_DESC, 0 };
  g_autoptr(GString) sql = g_string_new ("SELECT count(*) FROM articles a WHERE 1");
  g_autoptr(ClipperStmt) stmt = NULL;
  gint64 tag_id = 0;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (out_count != NULL, FALSE);

  if (query == NULL)
    query = &default_query;
  *out_count = 0;
  if (query->tag != NULL)
    {
      if (!lookup_tag_id (self, query->tag, &tag_id, error))
        return FALSE;
      if (tag_id == 0)
        return TRUE;
    }
  append_list_filters (sql, query, query->tag != NULL);
  stmt = prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  if (query->tag != NULL)
    bind_int64 (stmt, ":tag_id", tag_id);
  if (step (self, stmt, "cannot count the articles", error) != SQLITE_ROW)
    return FALSE;
  *out_count = (guint) sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Images                                                                  */

static gboolean
write_image (ClipperStore *self, gint64 article_id, const char *url, const char *content_type,
             GBytes *data, GError **error)
{
  g_autofree char *hash = NULL;
  gsize size = 0;
  const guint8 *bytes = g_bytes_get_data (data, &size);
  gint64 image_id;
  g_autoptr(ClipperStmt) insert = NULL;
  g_autoptr(ClipperStmt) link = NULL;

  if (!article_exists (self, article_id, error))
    return FALSE;

  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, bytes ? bytes : (const guint8 *) "", size);
  /* DO UPDATE (a no-op) rather than DO NOTHING so that RETURNING gives the
   * id of the image already stored with that content. */
  insert = prepare (self,
                    "INSERT INTO images (sha256, size, data) VALUES (:sha256, :size, :data)"
                    " ON CONFLICT (sha256) DO UPDATE SET sha256 = excluded.sha256 RETURNING id",
                    error);
  if (insert == NULL)
    return FALSE;
  bind_text (insert, ":sha256", hash);
  bind_int64 (insert, ":size", size);
  bind_blob (insert, ":data", bytes, size);
  if (step (self, insert, "cannot store the image", error) != SQLITE_ROW)
    return FALSE;
  image_id = sqlite3_column_int64 (insert, 0);
  if (step (self, insert, "cannot store the image", error) != SQLITE_DONE)
    return FALSE;

  link = prepare (self,
                  "INSERT INTO article_images (article_id, url, content_type, image_id)"
                  " VALUES (:article_id, :url, :content_type, :image_id)"
                  " ON CONFLICT (article_id, url) DO UPDATE"
                  " SET content_type = excluded.content_type, image_id = excluded.image_id",
                  error);
  if (link == NULL)
    return FALSE;
  bind_int64 (link, ":article_id", article_id);
  bind_text (link, ":url", url);
  bind_text (link, ":content_type", content_type);
  bind_int64 (link, ":image_id", image_id);
  return step_done (self, link, "cannot store the image", error);
}

/**
 * clipper_store_add_image:
 * @content_type: (nullable): the MIME type the server gave
 *
 * Stores an image @url of the article shows.  Identical content is stored
 * once (by SHA-256) whatever its URLs and articles; adding a URL again
 * replaces what it points to.
 */
gboolean
clipper_store_add_image (ClipperStore *self,
                         gint64        article_id,
                         const char   *url,
                         const char   *content_type,
                         GBytes       *data,
                         GError      **error)
{
  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (!check_text ("image URL", url, TRUE, error) ||
      !check_text ("image content type", content_type, FALSE, error))
    return FALSE;
  if (!clipper_store_begin (self, error))
    return FALSE;
  return finish_write (self, write_image (self, article_id, url, content_type, data, error), error);
}

/**
 * clipper_store_dup_image:
 * @out_content_type: (out) (optional) (transfer full) (nullable): the MIME type
 *
 * Returns: (transfer full): the image bytes, or %NULL with NOT_FOUND.
 */
GBytes *
clipper_store_dup_image (ClipperStore *self,
                         gint64        article_id,
                         const char   *url,
                         char        **out_content_type,
                         GError      **error)
{
  g_autoptr(ClipperStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  if (!check_text ("image URL", url, TRUE, error))
    return NULL;
  stmt = prepare (self,
                  "SELECT ai.content_type, i.data FROM article_images ai JOIN images i ON i.id = ai.image_id"
                  " WHERE ai.article_id = :article_id AND ai.url = :url",
                  error);
  if (stmt == NULL)
    return NULL;
  bind_int64 (stmt, ":article_id", article_id);
  bind_text (stmt, ":url", url);
  rc = step (self, stmt, "cannot read the image", error);
  if (rc == 0)
    return NULL;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND,
                   "article %" G_GINT64_FORMAT " has no stored image '%s'", article_id, url);
      return NULL;
    }
  if (out_content_type != NULL)
    *out_content_type = column_dup (stmt, 0);
  return g_bytes_new (sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
}

/* ---------------------------------------------------------------------- */
/* Tags                                                                    */

static gint64
ensure_tag (ClipperStore *self, const char *name, const char *key, GError **error)
{
  g_autoptr(ClipperStmt) stmt = NULL;
  gint64 id;

  /* Most tags exist already: a read, not a write, finds them. */
  stmt = prepare (self, "SELECT id FROM tags WHERE key = :key", error);
  if (stmt == NULL)
    return 0;
  bind_text (stmt, ":key", key);
  switch (step (self, stmt, "cannot read the tags", error))
    {
    case SQLITE_ROW:
      return sqlite3_column_int64 (stmt, 0);
    case SQLITE_DONE:
      break;
    default:
      return 0;
    }
  g_clear_pointer (&stmt, release_stmt);

  stmt = prepare (self,
                  "INSERT INTO tags (key, name) VALUES (:key, :name)"
                  " ON CONFLICT (key) DO UPDATE SET key = excluded.key RETURNING id",
                  error);
  if (stmt == NULL)
    return 0;
  bind_text (stmt, ":key", key);
  bind_text (stmt, ":name", name);
  if (step (self, stmt, "cannot save the tag", error) != SQLITE_ROW)
    return 0;
  id = sqlite3_column_int64 (stmt, 0);
  if (step (self, stmt, "cannot save the tag", error) != SQLITE_DONE)
    return 0;
  return id;
}

/* Adds @tags to an article (@article) or a highlight. */
static gboolean
store_tags (ClipperStore *self, gboolean article, gint64 id, const char *const *tags, GError **error)
{
  const char *sql = article
    ? "INSERT OR IGNORE INTO article_tags (article_id, tag_id) VALUES (:id, :tag_id)"
    : "INSERT OR IGNORE INTO highlight_tags (highlight_id, tag_id) VALUES (:id, :tag_id)";

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *key = NULL;
      g_autoptr(ClipperStmt) stmt = NULL;
      gint64 tag_id;

      if (!resolve_tag (self, tags[i], &name, &key, error))
        return FALSE;
      tag_id = ensure_tag (self, name, key, error);
      if (tag_id == 0)
        return FALSE;
      stmt = prepare (self, sql, error);
      if (stmt == NULL)
        return FALSE;
      bind_int64 (stmt, ":id", id);
      bind_int64 (stmt, ":tag_id", tag_id);
      if (!step_done (self, stmt, "cannot tag", error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_tags (const char *const *tags, GError **error)
{
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *key = NULL;

      if (!normalize_tag (tags[i], &name, &key, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
clipper_store_tag_article (ClipperStore *self, gint64 article_id, const char *const *tags, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);

  if (!check_tags (tags, error))
    return FALSE;
  if (!clipper_store_begin (self, error))
    return FALSE;
  ok = article_exists (self, article_id, error) && store_tags (self, TRUE, article_id, tags, error);
  return finish_write (self, ok, error);
}

gboolean
clipper_store_untag_article (ClipperStore *self, gint64 article_id, const char *const *tags, GError **error)
{
  gboolean ok;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);

  if (!check_tags (tags, error))
    return FALSE;
  if (!clipper_store_begin (self, error))
    return FALSE;
  ok = article_exists (self, article_id, error);
  for (guint i = 0; ok && tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *key = NULL;
      g_autoptr(ClipperStmt) stmt = NULL;

      ok = resolve_tag (self, tags[i], &name, &key, error);
      if (ok)
        stmt = prepare (self,
                        "DELETE FROM article_tags WHERE article_id = :id"
                        " AND tag_id = (SELECT id FROM tags WHERE key = :key)",
                        error);
      ok = stmt != NULL;
      if (ok)
        {
          bind_int64 (stmt, ":id", article_id);
          bind_text (stmt, ":key", key);
          ok = step_done (self, stmt, "cannot untag the article", error);
        }
    }
  return finish_write (self, ok, error);
}

static gboolean
highlight_exists (ClipperStore *self, gint64 id, GError **error)
{
  return row_exists (self, "SELECT 1 FROM highlights WHERE id = :id", "highlight", id, error);
}

static gboolean
replace_highlight_tags (ClipperStore *self, gint64 highlight_id, const char *const *tags, GError **error)
{
  g_autoptr(ClipperStmt) stmt = prepare (self, "DELETE FROM highlight_tags WHERE highlight_id = :id", error);

  if (stmt == NULL)
    return FALSE;
  bind_int64 (stmt, ":id", highlight_id);
  if (!step_done (self, stmt, "cannot change the highlight's tags", error))
    return FALSE;
  return store_tags (self, FALSE, highlight_id, tags, error);
}

gboolean
clipper_store_set_highlight_tags (ClipperStore *self, gint64 highlight_id, const char *const *tags, GError **error)
{
  gint64 since;
  gboolean ok;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);

  if (!check_tags (tags, error))
    return FALSE;
  since = sqlite3_total_changes64 (self->db);   /* (as in clipper_store_delete_highlight()) */
  if (!clipper_store_begin (self, error))
    return FALSE;
  ok = highlight_exists (self, highlight_id, error) &&
       replace_highlight_tags (self, highlight_id, tags, error);
  /* An edit like any other: the vault's merge keeps the later side, and
   * could not see a change of tags alone, nor the note panel show it. */
  if (ok)
    {
      g_autoptr(ClipperStmt) stmt = prepare (self, "UPDATE highlights SET updated_at = max(updated_at, :now)"
                                                   " WHERE id = :id", error);

      ok = stmt != NULL;
      if (ok)
        {
          bind_int64 (stmt, ":now", now_seconds ());
          bind_int64 (stmt, ":id", highlight_id);
          ok = step_done (self, stmt, "cannot change the highlight's tags", error);
        }
    }
  if (ok)
    note_highlight_change (self, CLIPPER_CHANGE_UPDATED, highlight_id, since);
  return finish_write (self, ok, error);
}

/**
 * clipper_store_list_tags:
 *
 * Returns: (transfer full): every tag on an article or a highlight, sorted
 *   ignoring case.
 */
GStrv
clipper_store_list_tags (ClipperStore *self, GError **error)
{
  return clipper_store_list_tags_in_use (self, CLIPPER_TAG_USE_ANY, error);
}

GStrv
clipper_store_list_tags_in_use (ClipperStore *self, ClipperTagUse use, GError **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(ClipperStmt) stmt = NULL;
  const char *sql;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  switch (use)
    {
    case CLIPPER_TAG_USE_ARTICLES:
      sql = "SELECT name FROM tags t WHERE EXISTS (SELECT 1 FROM article_tags WHERE tag_id = t.id) ORDER BY name COLLATE clipper_tag";
      break;
    case CLIPPER_TAG_USE_HIGHLIGHTS:
      sql = "SELECT name FROM tags t WHERE EXISTS (SELECT 1 FROM highlight_tags WHERE tag_id = t.id) ORDER BY name COLLATE clipper_tag";
      break;
    case CLIPPER_TAG_USE_ANY:
      sql = "SELECT name FROM tags t WHERE EXISTS (SELECT 1 FROM article_tags WHERE tag_id = t.id)"
            " OR EXISTS (SELECT 1 FROM highlight_tags WHERE tag_id = t.id) ORDER BY name COLLATE clipper_tag";
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  stmt = prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = step (self, stmt, "cannot list the tags", error)) == SQLITE_ROW)
    g_strv_builder_add (builder, column_str (stmt, 0));
  if (rc == 0)
    return NULL;
  return g_strv_builder_end (builder);
}

void
clipper_tag_count_free (ClipperTagCount *count)
{
  if (count == NULL)
    return;
  g_free (count->name);
  g_free (count);
}

GPtrArray *
clipper_store_list_tag_counts (ClipperStore *self, GError **error)
{
  g_autoptr(GPtrArray) counts = g_ptr_array_new_with_free_func ((GDestroyNotify) clipper_tag_count_free);
  g_autoptr(ClipperStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  stmt = prepare (self,
                  "SELECT name, (SELECT count(*) FROM article_tags WHERE tag_id = t.id),"
                  " (SELECT count(*) FROM highlight_tags WHERE tag_id = t.id) AS n_highlights FROM tags t"
                  " WHERE EXISTS (SELECT 1 FROM article_tags WHERE tag_id = t.id)"
                  " OR EXISTS (SELECT 1 FROM highlight_tags WHERE tag_id = t.id) ORDER BY name COLLATE clipper_tag",
                  error);
  if (stmt == NULL)
    return NULL;
  while ((rc = step (self, stmt, "cannot list the tags", error)) == SQLITE_ROW)
    {
      ClipperTagCount *count = g_new0 (ClipperTagCount, 1);

      count->name = g_strdup (column_str (stmt, 0));
      count->n_articles = (guint) sqlite3_column_int64 (stmt, 1);
      count->n_highlights = (guint) sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (counts, count);
    }
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&counts);
}

/* Runs @sql, which names :from and :to (tag ids) and :now as it needs. */
static gboolean
tag_statement (ClipperStore *self, const char *sql, gint64 from, gint64 to, GError **error)
{
  g_autoptr(ClipperStmt) stmt = prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  bind_int64 (stmt, ":from", from);
  if (sqlite3_bind_parameter_index (stmt, ":to") > 0)
    bind_int64 (stmt, ":to", to);
  if (sqlite3_bind_parameter_index (stmt, ":now") > 0)
    bind_int64 (stmt, ":now", now_seconds ());
  return step_done (self, stmt, "cannot change the tag", error);
}

/* The id of the tag named @name (ignoring case), NOT_FOUND without one. */
static gboolean
existing_tag_id (ClipperStore *self, const char *name, gint64 *out_id, GError **error)
{
  if (!lookup_tag_id (self, name, out_id, error))
    return FALSE;
  if (*out_id == 0)
    {
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND, "no tag is named '%s'", name);
      return FALSE;
    }
  return TRUE;
}

/* The name of the tag @id, or NULL (an error reads as none). */
static char *
dup_tag_name (ClipperStore *self, gint64 id)
{
  g_autoptr(ClipperStmt) stmt = prepare (self, "SELECT name FROM tags WHERE id = :id", NULL);

  if (stmt == NULL)
    return NULL;
  bind_int64 (stmt, ":id", id);
  if (step (self, stmt, "cannot read the tag", NULL) != SQLITE_ROW)
    return NULL;
  return g_strdup (column_str (stmt, 0));
}

/* Whether the tag @id is spelled @name (an error reads as FALSE). */
static gboolean
tag_named (ClipperStore *self, gint64 id, const char *name)
{
  g_autofree char *spelled = dup_tag_name (self, id);

  return g_strcmp0 (spelled, name) == 0;
}

/* A highlight whose tags change is changed: its updated_at moves, which
 * the vault's import reads to tell the library's edits from the file's. */
#define TOUCH_TAGGED_HIGHLIGHTS \
  "UPDATE highlights SET updated_at = max(updated_at, :now)" \
  " WHERE id IN (SELECT highlight_id FROM highlight_tags WHERE tag_id = :from)"

gboolean
clipper_store_rename_tag (ClipperStore *self, const char *from, const char *to, GError **error)
{
  g_autofree char *name = NULL;
  g_autofree char *key = NULL;
  g_autofree char *old_name = NULL;
  g_autofree char *new_name = NULL;
  gint64 from_id = 0, to_id = 0;
  gboolean ok;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);

  if (!clipper_store_begin (self, error))
    return FALSE;
  ok = resolve_tag (self, to, &name, &key, error) &&
       existing_tag_id (self, from, &from_id, error) && lookup_tag_id (self, name, &to_id, error);
  if (ok && to_id == from_id && tag_named (self, from_id, name))
    return finish_write (self, TRUE, error);  /* no change */
  if (ok)
    old_name = dup_tag_name (self, from_id);
  ok = ok && tag_statement (self, TOUCH_TAGGED_HIGHLIGHTS, from_id, 0, error);
  if (ok && (to_id == 0 || to_id == from_id))
    {
      /* A new name, or the same one spelled otherwise ("ml" → "ML"). */
      g_autoptr(ClipperStmt) stmt = prepare (self, "UPDATE tags SET name = :name, key = :key WHERE id = :id", error);

      ok = stmt != NULL;
      if (ok)
        {
          bind_text (stmt, ":name", name);
          bind_text (stmt, ":key", key);
          bind_int64 (stmt, ":id", from_id);
          ok = step_done (self, stmt, "cannot rename the tag", error);
        }
    }
  else if (ok)
    /* Another tag's name: the two become one, under that tag's spelling. */
    ok = tag_statement (self,
                        "INSERT OR IGNORE INTO article_tags (article_id, tag_id)"
                        " SELECT article_id, :to FROM article_tags WHERE tag_id = :from",
                        from_id, to_id, error) &&
         tag_statement (self,
                        "INSERT OR IGNORE INTO highlight_tags (highlight_id, tag_id)"
                        " SELECT highlight_id, :to FROM highlight_tags WHERE tag_id = :from",
                        from_id, to_id, error) &&
         tag_statement (self, "DELETE FROM article_tags WHERE tag_id = :from", from_id, 0, error) &&
         tag_statement (self, "DELETE FROM highlight_tags WHERE tag_id = :from", from_id, 0, error) &&
         tag_statement (self, "DELETE FROM tags WHERE id = :from", from_id, 0, error);
  if (ok)
    new_name = dup_tag_name (self, to_id != 0 ? to_id : from_id);
  if (!finish_write (self, ok, error))
    return FALSE;
  if (old_name != NULL && new_name != NULL)
    g_signal_emit (self, signals[SIGNAL_TAG_RENAMED], 0, old_name, new_name);
  return TRUE;
}

gboolean
clipper_store_delete_tag (ClipperStore *self, const char *name, GError **error)
{
  gint64 id = 0;
  gboolean ok;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);

  if (!clipper_store_begin (self, error))
    return FALSE;
  ok = existing_tag_id (self, name, &id, error) &&
       tag_statement (self, TOUCH_TAGGED_HIGHLIGHTS, id, 0, error) &&
       tag_statement (self, "DELETE FROM article_tags WHERE tag_id = :from", id, 0, error) &&
       tag_statement (self, "DELETE FROM highlight_tags WHERE tag_id = :from", id, 0, error) &&
       tag_statement (self, "DELETE FROM tags WHERE id = :from", id, 0, error);
  return finish_write (self, ok, error);
}

/* ---------------------------------------------------------------------- */
/* Highlights                                                              */

/* clipper_article_has_text() in SQL: the words counted at save. */
#define ARTICLE_HAS_TEXT_SQL "a.word_count > 0"

#define HIGHLIGHT_COLUMNS \
  "h.id, h.uuid, h.article_id, h.color, h.quote, h.prefix, h.suffix, h.start_offset, h.end_offset, " \
  "h.note, h.anchored, h.original_quote, h.created_at, h.updated_at, a.title, " \
  "(SELECT group_concat(name, char(31)) FROM " \
  "  (SELECT t.name FROM highlight_tags ht JOIN tags t ON t.id = ht.tag_id " \
  "   WHERE ht.highlight_id = h.id ORDER BY t.name COLLATE clipper_tag)), a.url, h.page, h.offsets_from, " \
  ARTICLE_HAS_TEXT_SQL

/* highlights.offsets_from: NULL for unknown, which every highlight from
 * before schema version 11 is. */
static const char *
offsets_from_to_name (ClipperOffsetsFrom from)
{
  switch (from)
    {
    case CLIPPER_OFFSETS_TEXT: return "text";
    case CLIPPER_OFFSETS_CARRIED: return "carried";
    case CLIPPER_OFFSETS_UNKNOWN:
    default: return NULL;
    }
}

static ClipperOffsetsFrom
offsets_from_name (const char *name)
{
  if (g_strcmp0 (name, "text") == 0)
    return CLIPPER_OFFSETS_TEXT;
  if (g_strcmp0 (name, "carried") == 0)
    return CLIPPER_OFFSETS_CARRIED;
  return CLIPPER_OFFSETS_UNKNOWN;
}

static ClipperHighlight *
highlight_from_row (sqlite3_stmt *stmt)
{
  ClipperHighlight *highlight = clipper_highlight_new ();

  g_object_freeze_notify (G_OBJECT (highlight));
  clipper_highlight_set_id (highlight, sqlite3_column_int64 (stmt, 0));
  clipper_highlight_set_uuid (highlight, column_str (stmt, 1));
  clipper_highlight_set_article_id (highlight, sqlite3_column_int64 (stmt, 2));
  clipper_highlight_set_color (highlight, column_str (stmt, 3));
  clipper_highlight_set_quote (highlight, column_str (stmt, 4));
  clipper_highlight_set_prefix (highlight, column_str (stmt, 5));
  clipper_highlight_set_suffix (highlight, column_str (stmt, 6));
  clipper_highlight_set_range (highlight, sqlite3_column_int64 (stmt, 7), sqlite3_column_int64 (stmt, 8));
  clipper_highlight_set_note (highlight, column_str (stmt, 9));
  clipper_highlight_set_anchored (highlight, sqlite3_column_int (stmt, 10) != 0);
  clipper_highlight_set_original_quote (highlight, column_str (stmt, 11));
  clipper_highlight_set_created_at (highlight, sqlite3_column_int64 (stmt, 12));
  clipper_highlight_set_updated_at (highlight, sqlite3_column_int64 (stmt, 13));
  clipper_highlight_set_article_title (highlight, column_str (stmt, 14));
  set_tags_from_column (stmt, 15, G_OBJECT (highlight));
  clipper_highlight_set_article_url (highlight, column_str (stmt, 16));
  clipper_highlight_set_page (highlight, column_str (stmt, 17));
  clipper_highlight_set_offsets_from (highlight, offsets_from_name (column_str (stmt, 18)));
  clipper_highlight_set_article_has_text (highlight, sqlite3_column_int (stmt, 19) != 0);
  g_object_thaw_notify (G_OBJECT (highlight));
  return highlight;
}

static gboolean
check_highlight (ClipperHighlight *highlight, GError **error)
{
  const char *color = clipper_highlight_get_color (highlight);
  const char *uuid = clipper_highlight_get_uuid (highlight);
  const char *page = clipper_highlight_get_page (highlight);

  if (!check_text ("quote", clipper_highlight_get_quote (highlight), TRUE, error) ||
      !check_text ("prefix", clipper_highlight_get_prefix (highlight), FALSE, error) ||
      !check_text ("suffix", clipper_highlight_get_suffix (highlight), FALSE, error) ||
      !check_text ("original quote", clipper_highlight_get_original_quote (highlight), FALSE, error) ||
      !check_text ("page", page, FALSE, error) ||
      !check_note (clipper_highlight_get_note (highlight), error) ||
      !check_tags (clipper_highlight_get_tags (highlight), error))
    return FALSE;
  if (!clipper_highlight_color_is_valid (color))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) clipper_highlight_colors ());

      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_INVALID,
                   "'%s' is not a highlight colour (use one of %s)",
                   color == NULL ? "(none)" : g_utf8_validate (color, -1, NULL) ? color : "?", list);
      return FALSE;
    }
  if (clipper_highlight_get_start (highlight) < 0 ||
      clipper_highlight_get_end (highlight) < clipper_highlight_get_start (highlight))
    {
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_INVALID,
                   "the highlight's range %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT " is not a range of the text",
                   clipper_highlight_get_start (highlight), clipper_highlight_get_end (highlight));
      return FALSE;
    }
  if (uuid != NULL && !g_uuid_string_is_valid (uuid))
    {
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_INVALID,
                   "'%s' is not a UUID", g_utf8_validate (uuid, -1, NULL) ? uuid : "?");
      return FALSE;
    }
  /* The Markdown export shows it on the highlight's one line. */
  if (page != NULL && strpbrk (page, "\r\n") != NULL)
    {
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_INVALID,
                   "the page '%s' is more than one line", page);
      return FALSE;
    }
  return TRUE;
}

/* An RFC 9562 version 7 UUID: 48 bits of Unix milliseconds, then random
 * bits.  New highlights then add to the end of the UUID index instead of
 * at random places in it, which keeps bulk inserts fast in big libraries. */
static char *
make_uuid (void)
{
  guint64 ms = g_get_real_time () / 1000;
  guint8 b[16];

  for (guint i = 0; i < 16; i += 4)
    {
      guint32 r = g_random_int ();

      memcpy (b + i, &r, 4);
    }
  for (guint i = 0; i < 6; i++)
    b[i] = (ms >> (40 - 8 * i)) & 0xff;
  b[6] = 0x70 | (b[6] & 0x0f);
  b[8] = 0x80 | (b[8] & 0x3f);
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                          b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

static void
bind_highlight_fields (sqlite3_stmt *stmt, ClipperHighlight *highlight)
{
  const char *note = clipper_highlight_get_note (highlight);
  const char *page = clipper_highlight_get_page (highlight);

  bind_text (stmt, ":color", clipper_highlight_get_color (highlight));
  bind_text (stmt, ":quote", clipper_highlight_get_quote (highlight));
  bind_text (stmt, ":prefix", clipper_highlight_get_prefix (highlight));
  bind_text (stmt, ":suffix", clipper_highlight_get_suffix (highlight));
  bind_int64 (stmt, ":start", clipper_highlight_get_start (highlight));
  bind_int64 (stmt, ":end", clipper_highlight_get_end (highlight));
  bind_text (stmt, ":note", note != NULL && *note != '\0' ? note : NULL);
  bind_int64 (stmt, ":anchored", clipper_highlight_get_anchored (highlight) ? 1 : 0);
  bind_text (stmt, ":original_quote", clipper_highlight_get_original_quote (highlight));
  bind_text (stmt, ":page", page != NULL && *page != '\0' ? page : NULL);
  bind_text (stmt, ":offsets_from", offsets_from_to_name (clipper_highlight_get_offsets_from (highlight)));
  bind_int64 (stmt, ":updated_at", clipper_highlight_get_updated_at (highlight));
}

/* Adds highlight @id to both full-text indexes with @quote and @note
 * (NULL when it has none) as its row holds them, or with @remove takes
 * those values out again ('delete' must be given exactly what was
 * indexed).  Statements of their own and no triggers: see migrate_to_4()
 * and migrate_to_6() for why.  A row whose indexing failed cannot be
 * undone by deleting it: the batch is given up (see doom_batch()). */
static gboolean
index_highlight (ClipperStore *self, gint64 id, const char *quote, const char *note, gboolean remove,
                 GError **error)
{
  static const char *const add[] = {
    "INSERT INTO highlights_fts (rowid, quote, note) VALUES (:id, :quote, :note)",
    "INSERT INTO highlights_bigrams (rowid, quote, note) VALUES (:id, :quote, :note)",
  };
  static const char *const take_out[] = {
    "INSERT INTO highlights_fts (highlights_fts, rowid, quote, note) VALUES ('delete', :id, :quote, :note)",
    "INSERT INTO highlights_bigrams (highlights_bigrams, rowid, quote, note) VALUES ('delete', :id, :quote, :note)",
  };

  for (guint i = 0; i < G_N_ELEMENTS (add); i++)
    {
      g_autoptr(ClipperStmt) stmt = prepare (self, remove ? take_out[i] : add[i], error);

      if (stmt == NULL)
        return FALSE;
      bind_int64 (stmt, ":id", id);
      bind_text (stmt, ":quote", quote);
      bind_text (stmt, ":note", note);
      if (!step_done (self, stmt, "cannot index the highlight", error))
        {
          doom_batch (self, error);
          return FALSE;
        }
    }
  return TRUE;
}

/* The note as the row holds it: none is NULL (see bind_highlight_fields()). */
static const char *
stored_note (ClipperHighlight *highlight)
{
  const char *note = clipper_highlight_get_note (highlight);

  return note != NULL && *note != '\0' ? note : NULL;
}

static gboolean
insert_highlight (ClipperStore *self, ClipperHighlight *highlight, GError **error)
{
  g_autoptr(ClipperStmt) stmt = NULL;
  gint64 now = now_seconds ();
  gint64 created_at = clipper_highlight_get_created_at (highlight);
  gint64 since = sqlite3_total_changes64 (self->db);
  int rc;

  /* No lookup of the article first: the foreign key refuses a highlight
   * of an unknown article (one B-tree search fewer per highlight in bulk
   * imports). */
  stmt = prepare (self,
                  "INSERT INTO highlights (uuid, article_id, color, quote, prefix, suffix, start_offset,"
                  " end_offset, note, anchored, original_quote, page, offsets_from, created_at, updated_at)"
                  " VALUES (:uuid, :article_id, :color, :quote, :prefix, :suffix, :start, :end, :note,"
                  " :anchored, :original_quote, :page, :offsets_from, :created_at, :updated_at)",
                  error);
  if (stmt == NULL)
    return FALSE;
  if (clipper_highlight_get_uuid (highlight) == NULL)
    {
      g_autofree char *uuid = make_uuid ();

      clipper_highlight_set_uuid (highlight, uuid);
    }
  /* Imports keep their times; new highlights are made now. */
  if (created_at <= 0)
    created_at = now;
  if (clipper_highlight_get_updated_at (highlight) <= 0)
    clipper_highlight_set_updated_at (highlight, MAX (now, created_at));
  bind_text (stmt, ":uuid", clipper_highlight_get_uuid (highlight));
  bind_int64 (stmt, ":article_id", clipper_highlight_get_article_id (highlight));
  bind_highlight_fields (stmt, highlight);
  bind_int64 (stmt, ":created_at", created_at);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      if (rc == SQLITE_CONSTRAINT_UNIQUE)
        g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_DUPLICATE,
                     "a highlight with UUID %s is already saved", clipper_highlight_get_uuid (highlight));
      else if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        set_not_found (error, "article", clipper_highlight_get_article_id (highlight));
      else
        clipper_store_set_sqlite_error (error, self->db, rc, "cannot save the highlight");
      return FALSE;
    }
  clipper_highlight_set_id (highlight, sqlite3_last_insert_rowid (self->db));
  clipper_highlight_set_created_at (highlight, created_at);
  if (!index_highlight (self, clipper_highlight_get_id (highlight), clipper_highlight_get_quote (highlight),
                        stored_note (highlight), FALSE, error) ||
      !store_tags (self, FALSE, clipper_highlight_get_id (highlight), clipper_highlight_get_tags (highlight), error))
    return FALSE;
  note_highlight_change (self, CLIPPER_CHANGE_INSERTED, clipper_highlight_get_id (highlight), since);
  return TRUE;
}

/**
 * clipper_store_add_highlight:
 *
 * Saves a new highlight with its tags.  Sets its id, and its uuid,
 * created_at and updated_at when unset (an import keeps its own).  The article must exist; the
 * quote must not be empty; the note is at most 1 MiB.
 */
gboolean
clipper_store_add_highlight (ClipperStore *self, ClipperHighlight *highlight, GError **error)
{
  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (highlight), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_highlight (highlight, error))
    return FALSE;

  /* Inside a caller's batch (bulk imports add highlights by the hundred
   * thousand): no savepoint (see undo_batched()). */
  if (self->tx_depth > 0)
    {
      clipper_highlight_set_id (highlight, 0);
      if (!insert_highlight (self, highlight, error))
        {
          undo_batched (self, "DELETE FROM highlights WHERE id = :id", clipper_highlight_get_id (highlight));
          clipper_highlight_set_id (highlight, 0);
          return FALSE;
        }
      return TRUE;
    }

  if (!clipper_store_begin (self, error))
    return FALSE;
  if (!finish_write (self, insert_highlight (self, highlight, error), error))
    {
      clipper_highlight_set_id (highlight, 0);
      return FALSE;
    }
  return TRUE;
}

static ClipperHighlight *
get_highlight_where (ClipperStore *self, const char *sql, gint64 id, const char *uuid, GError **error)
{
  g_autoptr(ClipperStmt) stmt = prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (uuid != NULL)
    bind_text (stmt, ":uuid", uuid);
  else
    bind_int64 (stmt, ":id", id);
  rc = step (self, stmt, "cannot read the highlight", error);
  if (rc == 0)
    return NULL;
  if (rc == SQLITE_DONE)
    {
      if (uuid != NULL)
        g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND,
                     "no highlight with UUID %s", uuid);
      else
        set_not_found (error, "highlight", id);
      return NULL;
    }
  return highlight_from_row (stmt);
}

/**
 * clipper_store_get_highlight:
 *
 * Returns: (transfer full): the highlight with its tags and article title,
 *   or %NULL with NOT_FOUND.
 */
ClipperHighlight *
clipper_store_get_highlight (ClipperStore *self, gint64 id, GError **error)
{
  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  return get_highlight_where (self,
                              "SELECT " HIGHLIGHT_COLUMNS " FROM highlights h"
                              " JOIN articles a ON a.id = h.article_id WHERE h.id = :id",
                              id, NULL, error);
}

/**
 * clipper_store_get_highlight_by_uuid:
 *
 * Returns: (transfer full): the highlight, or %NULL with NOT_FOUND.
 */
ClipperHighlight *
clipper_store_get_highlight_by_uuid (ClipperStore *self, const char *uuid, GError **error)
{
  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  if (!check_text ("UUID", uuid, TRUE, error))
    return NULL;
  return get_highlight_where (self,
                              "SELECT " HIGHLIGHT_COLUMNS " FROM highlights h"
                              " JOIN articles a ON a.id = h.article_id WHERE h.uuid = :uuid",
                              0, uuid, error);
}

/* The quote and note highlight @id's row holds: what its index entries
 * were made from.  NOT_FOUND for an unknown id. */
static gboolean
read_indexed_highlight (ClipperStore *self, gint64 id, char **out_quote, char **out_note, GError **error)
{
  g_autoptr(ClipperStmt) stmt = prepare (self, "SELECT quote, note FROM highlights WHERE id = :id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_int64 (stmt, ":id", id);
  rc = step (self, stmt, "cannot read the highlight", error);
  if (rc == 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    {
      set_not_found (error, "highlight", id);
      return FALSE;
    }
  *out_quote = column_dup (stmt, 0);
  *out_note = column_dup (stmt, 1);
  return TRUE;
}

/* Inside a caller's batch this opens no savepoint (see undo_batched()):
 * what can fail on good input (an unknown id) fails before anything is
 * written, and what fails after that is the disk, which gives up the batch
 * (see doom_batch()). */
static gboolean
write_highlight_update (ClipperStore *self, ClipperHighlight *highlight, GError **error)
{
  g_autoptr(ClipperStmt) stmt = NULL;
  g_autofree char *old_quote = NULL;
  g_autofree char *old_note = NULL;
  gint64 id = clipper_highlight_get_id (highlight);
  const char *quote = clipper_highlight_get_quote (highlight);
  const char *note = stored_note (highlight);
  gint64 since = sqlite3_total_changes64 (self->db);

  if (!read_indexed_highlight (self, id, &old_quote, &old_note, error))
    return FALSE;
  stmt = prepare (self,
                  "UPDATE highlights SET color = :color, quote = :quote, prefix = :prefix, suffix = :suffix,"
                  " start_offset = :start, end_offset = :end, note = :note, anchored = :anchored,"
                  " original_quote = :original_quote, page = :page, offsets_from = :offsets_from,"
                  " updated_at = :updated_at WHERE id = :id",
                  error);
  if (stmt == NULL)
    return FALSE;
  clipper_highlight_set_updated_at (highlight, MAX (now_seconds (), clipper_highlight_get_updated_at (highlight)));
  bind_highlight_fields (stmt, highlight);
  bind_int64 (stmt, ":id", id);
  if (!step_done (self, stmt, "cannot save the highlight", error))
    {
      doom_batch (self, error);
      return FALSE;
    }
  if ((g_strcmp0 (old_quote, quote) != 0 || g_strcmp0 (old_note, note) != 0) &&
      (!index_highlight (self, id, old_quote, old_note, TRUE, error) ||
       !index_highlight (self, id, quote, note, FALSE, error)))
    return FALSE;
  if (!replace_highlight_tags (self, id, clipper_highlight_get_tags (highlight), error))
    {
      doom_batch (self, error);
      return FALSE;
    }
  note_highlight_change (self, CLIPPER_CHANGE_UPDATED, id, since);
  return TRUE;
}

gboolean
clipper_store_update_highlight (ClipperStore *self, ClipperHighlight *highlight, GError **error)
{
  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (highlight), FALSE);

  if (!check_highlight (highlight, error))
    return FALSE;
  /* Inside a caller's batch (re-anchoring a whole library, an import):
   * no savepoint, which would make FTS5 write a segment per highlight
   * (see undo_batched() and write_highlight_update()). */
  if (self->tx_depth > 0)
    return write_highlight_update (self, highlight, error);
  if (!clipper_store_begin (self, error))
    return FALSE;
  return finish_write (self, write_highlight_update (self, highlight, error), error);
}

/**
 * clipper_store_set_highlight_times:
 * @id: the highlight
 * @created_at: when it was made (Unix time, over 0)
 * @updated_at: when it last changed (not before @created_at)
 *
 * For an import that matched a highlight another import made (a vault's,
 * with the time of that import) with the backup's record of it: every
 * other write makes updated_at now.
 */
gboolean
clipper_store_set_highlight_times (ClipperStore *self, gint64 id, gint64 created_at, gint64 updated_at,
                                   GError **error)
{
  g_autoptr(ClipperStmt) stmt = NULL;
  gint64 since;
  gboolean ok;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (created_at > 0 && updated_at >= created_at, FALSE);

  since = sqlite3_total_changes64 (self->db);
  if (!clipper_store_begin (self, error))
    return FALSE;
  stmt = prepare (self, "UPDATE highlights SET created_at = :created_at, updated_at = :updated_at WHERE id = :id",
                  error);
  ok = stmt != NULL;
  if (ok)
    {
      bind_int64 (stmt, ":created_at", created_at);
      bind_int64 (stmt, ":updated_at", updated_at);
      bind_int64 (stmt, ":id", id);
      ok = step_done (self, stmt, "cannot save the highlight", error);
    }
  if (ok && sqlite3_changes (self->db) == 0)
    ok = set_not_found (error, "highlight", id);
  if (ok)
    note_highlight_change (self, CLIPPER_CHANGE_UPDATED, id, since);
  return finish_write (self, ok, error);
}

/* The note parts of the highlight @id (none below schema version 9),
 * with its uuid when it has any. */
static gboolean
read_note_parts (ClipperStore *self, gint64 id, char **out_uuid, GPtrArray **out_parts, GError **error)
{
  g_autoptr(ClipperStmt) stmt = NULL;
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (note_part_free);
  int rc;

  if (self->schema_version < 9)
    return TRUE;
  stmt = prepare (self,
                  self->schema_version < 13
                  ? "SELECT h.uuid, p.source, p.library, p.text, NULL FROM note_parts p"
                    " JOIN highlights h ON h.id = p.highlight_id WHERE p.highlight_id = :id"
                  : "SELECT h.uuid, p.source, p.library, p.text, p.written_at FROM note_parts p"
                    " JOIN highlights h ON h.id = p.highlight_id WHERE p.highlight_id = :id",
                  error);
  if (stmt == NULL)
    return FALSE;
  bind_int64 (stmt, ":id", id);
  while ((rc = step (self, stmt, "cannot read the highlight's note", error)) == SQLITE_ROW)
    {
      NotePart *part = g_new0 (NotePart, 1);

      if (*out_uuid == NULL)
        *out_uuid = column_dup (stmt, 0);
      part->source = column_dup (stmt, 1);
      part->library = column_dup (stmt, 2);
      part->text = column_dup (stmt, 3);
      part->written_at = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (parts, part);
    }
  if (rc == 0)
    return FALSE;
  if (parts->len > 0)
    *out_parts = g_steal_pointer (&parts);
  return TRUE;
}

/**
 * clipper_store_delete_highlight:
 * @id: the highlight's id
 *
 * Deletes the highlight, its tags and its note parts.  The note parts
 * (what other libraries' notes added to its note) are kept by this store
 * until it closes, for clipper_store_restore_highlight(): an Undo brings
 * the highlight back as it was, and the next import of the other library
 * still replaces its part of the note instead of adding it again.
 */
gboolean
clipper_store_delete_highlight (ClipperStore *self, gint64 id, GError **error)
{
  g_autofree char *uuid = NULL;
  g_autoptr(GPtrArray) parts = NULL;
  gint64 since;
  gboolean ok;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);

  /* (Counted from before the BEGIN: inside a caller's batch it is a
   * savepoint, where FTS5 writes out what it held in memory.) */
  since = sqlite3_total_changes64 (self->db);
  if (!clipper_store_begin (self, error))
    return FALSE;
  ok = read_note_parts (self, id, &uuid, &parts, error)
       && delete_by_id (self, "DELETE FROM highlights WHERE id = :id", "highlight", id, error);
  if (ok)
    note_highlight_change (self, CLIPPER_CHANGE_DELETED, id, since);
  if (!finish_write (self, ok, error))
    return FALSE;
  if (parts != NULL)
    {
      if (self->deleted_note_parts == NULL)
        self->deleted_note_parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) g_ptr_array_unref);
      g_hash_table_replace (self->deleted_note_parts, g_steal_pointer (&uuid), g_steal_pointer (&parts));
    }
  return TRUE;
}

/**
 * clipper_store_restore_highlight:
 * @highlight: a highlight as it was read before it was deleted
 *
 * Adds @highlight back as it was: to exports and to another computer's
 * vault it is the same highlight (its UUID), with its note, its tags and,
 * when it was deleted through this store, its note parts (see
 * clipper_store_delete_highlight()).  They are written together, so an
 * Undo never brings a highlight back without its tags, nor its note
 * without what says which paragraphs of it another library wrote (the
 * next import of that library would add its note again below).
 * @highlight's id becomes the new row's.
 */
gboolean
clipper_store_restore_highlight (ClipperStore *self, ClipperHighlight *highlight, GError **error)
{
  g_auto(GStrv) tags = NULL;
  const char *uuid;
  GPtrArray *parts;
  gboolean ok;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (highlight), FALSE);

  tags = g_strdupv ((char **) clipper_highlight_get_tags (highlight));
  uuid = clipper_highlight_get_uuid (highlight);
  parts = self->deleted_note_parts != NULL && uuid != NULL ? g_hash_table_lookup (self->deleted_note_parts, uuid)
                                                           : NULL;
  clipper_highlight_set_id (highlight, 0);
  if (!clipper_store_begin (self, error))
    return FALSE;
  ok = clipper_store_add_highlight (self, highlight, error) &&
       (tags == NULL || tags[0] == NULL ||
        clipper_store_set_highlight_tags (self, clipper_highlight_get_id (highlight), (const char *const *) tags,
                                          error));
  for (guint i = 0; ok && parts != NULL && i < parts->len; i++)
    {
      NotePart *part = g_ptr_array_index (parts, i);

      ok = clipper_store_set_note_part_at (self, clipper_highlight_get_id (highlight), part->source,
                                           part->library, part->text, part->written_at, error);
    }
  if (!finish_write (self, ok, error))
    {
      clipper_highlight_set_id (highlight, 0);
      return FALSE;
    }
  if (parts != NULL)
    g_hash_table_remove (self->deleted_note_parts, uuid);
  clipper_highlight_set_tags (highlight, (const char *const *) tags);
  return TRUE;
}

GHashTable *
clipper_store_dup_note_parts (ClipperStore *self, gint64 highlight_id, GError **error)
{
  g_autoptr(ClipperStmt) stmt = NULL;
  g_autoptr(GHashTable) parts = NULL;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  stmt = prepare (self, "SELECT source, text FROM note_parts WHERE highlight_id = :id", error);
  if (stmt == NULL)
    return NULL;
  bind_int64 (stmt, ":id", highlight_id);
  parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  while ((rc = step (self, stmt, "cannot read the highlight's note", error)) == SQLITE_ROW)
    g_hash_table_insert (parts, column_dup (stmt, 0), column_dup (stmt, 1));
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&parts);
}

gboolean
clipper_store_get_note_part_time (ClipperStore *self,
                                  gint64        highlight_id,
                                  const char   *source,
                                  gint64       *out_written_at,
                                  GError      **error)
{
  g_autoptr(ClipperStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (out_written_at != NULL, FALSE);

  *out_written_at = 0;
  if (self->schema_version < 13)
    return TRUE;
  stmt = prepare (self, "SELECT written_at FROM note_parts WHERE highlight_id = :id AND source = :source", error);
  if (stmt == NULL)
    return FALSE;
  bind_int64 (stmt, ":id", highlight_id);
  bind_text (stmt, ":source", source);
  rc = step (self, stmt, "cannot read the highlight's note", error);
  if (rc == 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    *out_written_at = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

gboolean
clipper_store_set_note_part (ClipperStore *self,
                             gint64        highlight_id,
                             const char   *source,
                             const char   *library,
                             const char   *text,
                             GError      **error)
{
  return clipper_store_set_note_part_at (self, highlight_id, source, library, text, 0, error);
}

gboolean
clipper_store_set_note_part_at (ClipperStore *self,
                                gint64        highlight_id,
                                const char   *source,
                                const char   *library,
                                const char   *text,
                                gint64        written_at,
                                GError      **error)
{
  g_autoptr(ClipperStmt) stmt = NULL;
  gboolean own = self->tx_depth == 0;
  gboolean ok;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  if (text != NULL && !check_note (text, error))
    return FALSE;
  /* One statement, without a trigger: inside an import's batch it needs
   * no savepoint of its own (see undo_batched()). */
  if (own && !clipper_store_begin (self, error))
    return FALSE;
  if (text != NULL && self->schema_version < 13)
    stmt = prepare (self,
                    "INSERT INTO note_parts (highlight_id, source, library, text)"
                    " VALUES (:id, :source, :library, :text)"
                    " ON CONFLICT (highlight_id, source) DO UPDATE SET library = excluded.library,"
                    " text = excluded.text",
                    error);
  else if (text != NULL)
    stmt = prepare (self,
                    "INSERT INTO note_parts (highlight_id, source, library, text, written_at)"
                    " VALUES (:id, :source, :library, :text, :written_at)"
                    " ON CONFLICT (highlight_id, source) DO UPDATE SET library = excluded.library,"
                    " text = excluded.text, written_at = excluded.written_at",
                    error);
  else
    stmt = prepare (self, "DELETE FROM note_parts WHERE highlight_id = :id AND source = :source", error);
  ok = stmt != NULL;
  if (ok)
    {
      bind_int64 (stmt, ":id", highlight_id);
      bind_text (stmt, ":source", source);
      if (text != NULL)
        {
          bind_text (stmt, ":library", library);
          bind_text (stmt, ":text", text);
          if (self->schema_version >= 13)
            {
              if (written_at > 0)
                bind_int64 (stmt, ":written_at", written_at);
              else
                bind_text (stmt, ":written_at", NULL);
            }
        }
      ok = step_done (self, stmt, "cannot save the highlight's note", error);
    }
  return own ? finish_write (self, ok, error) : ok;
}

/**
 * clipper_store_list_highlights:
 * @query: (nullable): filters; %NULL for every highlight
 *
 * Returns: (transfer container) (element-type ClipperHighlight): the
 *   highlights of one article in text order, or of every article newest
 *   first.
 */
GPtrArray *
clipper_store_list_highlights (ClipperStore *self, const ClipperHighlightQuery *query, GError **error)
{
  static const ClipperHighlightQuery default_query = { 0 };
  g_autoptr(GString) sql = g_string_new ("SELECT " HIGHLIGHT_COLUMNS " FROM highlights h"
                                         " JOIN articles a ON a.id = h.article_id WHERE 1");
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(ClipperStmt) stmt = NULL;
  gint64 tag_id = 0;
  int rc;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  if (query == NULL)
    query = &default_query;
  if (query->color != NULL && !clipper_highlight_color_is_valid (query->color))
    {
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_INVALID,
                   "'%s' is not a highlight colour",
                   g_utf8_validate (query->color, -1, NULL) ? query->color : "?");
      return NULL;
    }
  if (query->article_id != 0 && !article_exists (self, query->article_id, error))
    return NULL;
  if (query->tag != NULL)
    {
      if (!lookup_tag_id (self, query->tag, &tag_id, error))
        return NULL;
      if (tag_id == 0)
        return g_steal_pointer (&result);
    }

  if (query->article_id != 0)
    g_string_append (sql, " AND h.article_id = :article_id");
  if (query->color != NULL)
    g_string_append (sql, " AND h.color = :color");
  /* An article with no text yet (restored from a vault) never had its
   * highlights looked for: not placed yet is not lost. */
  if (query->orphans_only)
    g_string_append (sql, " AND h.anchored = 0 AND " ARTICLE_HAS_TEXT_SQL);
  if (query->tag != NULL)
    g_string_append (sql, " AND EXISTS (SELECT 1 FROM highlight_tags ht"
                          " WHERE ht.highlight_id = h.id AND ht.tag_id = :tag_id)");
  if (query->article_id != 0)
    g_string_append (sql, " ORDER BY h.start_offset, h.end_offset, h.id");
  else
    g_string_append (sql, " ORDER BY h.created_at DESC, h.id DESC");
  g_string_append (sql, " LIMIT :limit");

  stmt = prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  if (query->article_id != 0)
    bind_int64 (stmt, ":article_id", query->article_id);
  if (query->color != NULL)
    bind_text (stmt, ":color", query->color);
  if (query->tag != NULL)
    bind_int64 (stmt, ":tag_id", tag_id);
  bind_int64 (stmt, ":limit", query->limit > 0 ? (gint64) query->limit : -1);

  while ((rc = step (self, stmt, "cannot list the highlights", error)) == SQLITE_ROW)
    g_ptr_array_add (result, highlight_from_row (stmt));
  if (rc == 0)
    return NULL;
  return g_steal_pointer (&result);
}

/* ---------------------------------------------------------------------- */
/* Search                                                                  */

static gboolean
has_word_char (const char *s, const char *end)
{
  for (const char *p = s; p < end && *p; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

gboolean
clipper_search_snippet_locate (const char *snippet,
                               const char *text,
                               gint64     *out_start,
                               gint64     *out_end)
{
  static const char ellipsis[] = "…";
  g_autoptr(GString) plain = g_string_new (NULL);
  g_autofree char *needle = NULL;
  gssize match_start = -1, match_end = -1;   /* the run chosen */
  gssize run_start = -1, run_end = -1;       /* the run being read */
  guint run_count = 0, best_count = 0;
  const char *body, *found, *p;
  gsize body_len;

  g_return_val_if_fail (out_start != NULL && out_end != NULL, FALSE);

  if (snippet == NULL || text == NULL)
    return FALSE;
  /* The snippet without its marks, and where its longest run of matches
   * is: matches with nothing but spaces or signs between them, the words
   * of the search standing together (the first such run of the most
   * matches).  A search for "exploits the vulnerability" marks each word,
   * and a reader given only the first selected, and highlighted, one. */
  for (p = snippet; *p != '\0'; p++)
    {
      if (*p == CLIPPER_SNIPPET_OPEN[0])
        {
          if (run_start < 0 || run_end < 0 || has_word_char (plain->str + run_end, plain->str + plain->len))
            {
              run_start = plain->len;
              run_count = 0;
            }
          run_end = -1;
          continue;
        }
      if (*p == CLIPPER_SNIPPET_CLOSE[0])
        {
          if (run_start >= 0 && run_end < 0)
            {
              run_end = plain->len;
              if (++run_count > best_count)
                {
                  best_count = run_count;
                  match_start = run_start;
                }
              if (match_start == run_start)
                match_end = run_end;
            }
          continue;
        }
      g_string_append_c (plain, *p);
    }
  if (match_start < 0 || match_end <= match_start)
    return FALSE;
  /* FTS5 marks a cut at either end with an ellipsis of its own. */
  body = plain->str;
  body_len = plain->len;
  if (g_str_has_prefix (body, ellipsis) && match_start >= (gssize) strlen (ellipsis))
    {
      body += strlen (ellipsis);
      body_len -= strlen (ellipsis);
      match_start -= strlen (ellipsis);
      match_end -= strlen (ellipsis);
    }
  if (body_len >= strlen (ellipsis) && (gssize) (body_len - strlen (ellipsis)) >= match_end &&
      strcmp (body + body_len - strlen (ellipsis), ellipsis) == 0)
    body_len -= strlen (ellipsis);
  needle = g_strndup (body, body_len);
  found = strstr (text, needle);
  if (found == NULL)
    return FALSE;
  *out_start = g_utf8_pointer_to_offset (text, found + match_start);
  *out_end = g_utf8_pointer_to_offset (text, found + match_end);
  return TRUE;
}

void
clipper_search_hit_free (ClipperSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->title);
  g_free (hit->snippet);
  g_free (hit->site);
  g_free (hit->quote);
  g_free (hit->tag);
  g_free (hit);
}

/* The site a hit's article is from: its name, else its address's host
 * (columns @name_column and @url_column of @stmt); NULL for neither. */
static char *
dup_site (sqlite3_stmt *stmt,
          int           name_column,
          int           url_column)
{
  const char *name = (const char *) sqlite3_column_text (stmt, name_column);
  const char *url = (const char *) sqlite3_column_text (stmt, url_column);
  g_autoptr(GUri) uri = NULL;

  if (name != NULL && *name != '\0')
    return g_strdup (name);
  uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  return uri != NULL && g_uri_get_host (uri) != NULL ? g_strdup (g_uri_get_host (uri)) : NULL;
}

/* Whether the last character before @end is one the word index keeps in
 * a token: a letter, a digit or a mark (unicode61 strips marks, but a
 * word ending in one still ends in a letter). */
static gboolean
ends_in_word_char (const char *s, const char *end)
{
  const char *last = g_utf8_find_prev_char (s, end);
  gunichar c;

  if (last == NULL)
    return FALSE;
  c = g_utf8_get_char (last);
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

static void
append_phrase (GString *out, const char *start, gsize len)
{
  /* Inside an FTS5 string a double quote is written twice. */
  if (out->len > 0)
    g_string_append_c (out, ' ');
  g_string_append_c (out, '"');
  for (gsize i = 0; i < len; i++)
    {
      if (start[i] == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, start[i]);
    }
  g_string_append_c (out, '"');
}

/* Whether @p, within @query, starts an exclusion, "-word" or -"a
 * phrase": a minus at the start of a token (the start of the query, or
 * after a space, a quote or a parenthesis), then a letter, a digit or a
 * quote.  The one rule both build_fts_query() and build_literal_query()
 * read a query by. */
static gboolean
is_exclusion (const char *query, const char *p)
{
  return p[0] == '-' && (p[1] == '"' || g_unichar_isalnum (g_utf8_get_char (p + 1))) &&
         (p == query || g_ascii_isspace (p[-1]) || p[-1] == '"' || p[-1] == '(' || p[-1] == ')');
}

/* @match, then NOT each of @excluded (FTS5 phrases); a new string.  FTS5's
 * NOT is binary, so the rest of the query comes first, whole: "-word"
 * leaves out what holds the word wherever in the query it stands. */
static char *
add_exclusions (const char *match, GPtrArray *excluded)
{
  GString *out;

  if (excluded->len == 0 || *match == '\0')
    return g_strdup (match);
  out = g_string_new ("(");
  g_string_append (out, match);
  g_string_append_c (out, ')');
  for (guint i = 0; i < excluded->len; i++)
    g_string_append_printf (out, " NOT %s", (const char *) excluded->pdata[i]);
  return g_string_free (out, FALSE);
}

/* A piece of a query as build_fts_query() reads it. */
typedef enum {
  PIECE_TERM,     /* a word or a "phrase" */
  PIECE_OPERATOR, /* AND, OR, NOT */
  PIECE_OPEN,
  PIECE_CLOSE,
  PIECE_EXCLUDED, /* where a "-word" stood */
} PieceKind;

typedef struct {
  PieceKind kind;
  char     *fts;   /* as FTS5 reads it; NULL for PIECE_EXCLUDED */
  char     *typed; /* a term as typed, for the tag search */
  gboolean  last;  /* it ends the query */
} Piece;

static void
piece_free (Piece *piece)
{
  g_free (piece->fts);
  g_free (piece->typed);
  g_free (piece);
}

static void
add_piece (GPtrArray *pieces, PieceKind kind, const char *fts, const char *typed, gsize typed_len)
{
  Piece *piece = g_new0 (Piece, 1);

  piece->kind = kind;
  piece->fts = g_strdup (fts);
  piece->typed = typed != NULL ? g_strndup (typed, typed_len) : NULL;
  g_ptr_array_add (pieces, piece);
}

static PieceKind
piece_kind (GPtrArray *pieces, gint i)
{
  if (i < 0 || (guint) i >= pieces->len)
    return PIECE_EXCLUDED;
  return ((Piece *) pieces->pdata[i])->kind;
}

/* Takes the places of the exclusions out of @pieces (add_exclusions() puts
 * them back as NOT after the rest), with the operator they leave without a
 * side: "x AND -y" and "x NOT -y" are "x NOT y", "-y AND x" is "x NOT y".
 * Then operators left dangling (at the end, before ")") and emptied "( )"
 * go too, whether an exclusion or the user left them so ("tea AND", as
 * typed so far).  FALSE for "x OR -y" (or "-y OR x", "x OR (-y)"): x, or
 * everything without y, which FTS5 has no way to say. */
static gboolean
drop_excluded_pieces (GPtrArray *pieces)
{
  gboolean changed = TRUE;

  for (guint i = 0; i < pieces->len;)
    {
      Piece *before = i > 0 ? pieces->pdata[i - 1] : NULL;

      if (piece_kind (pieces, i) != PIECE_EXCLUDED)
        {
          i++;
          continue;
        }
      /* "(-y)" is "-y", so that "x OR (-y)" is what "x OR -y" is: it read
       * as "x NOT y" once its emptied group and dangling OR were gone. */
      if (before != NULL && before->kind == PIECE_OPEN && piece_kind (pieces, i + 1) == PIECE_CLOSE)
        {
          g_ptr_array_remove_index (pieces, i + 1);
          g_ptr_array_remove_index (pieces, i - 1);
          i--;
          continue;
        }
      if (before != NULL && before->kind == PIECE_OPERATOR)
        {
          PieceKind left = piece_kind (pieces, (gint) i - 2);

          if (g_str_equal (before->fts, "OR") && (left == PIECE_TERM || left == PIECE_CLOSE))
            return FALSE;
          g_ptr_array_remove_range (pieces, i - 1, 2);
          i--;
        }
      else if ((before == NULL || before->kind == PIECE_OPEN) && piece_kind (pieces, i + 1) == PIECE_OPERATOR)
        {
          PieceKind right = piece_kind (pieces, i + 2);

          if (g_str_equal (((Piece *) pieces->pdata[i + 1])->fts, "OR") && (right == PIECE_TERM || right == PIECE_OPEN))
            return FALSE;
          g_ptr_array_remove_range (pieces, i, 2);
        }
      else
        g_ptr_array_remove_index (pieces, i);
    }

  while (changed)
    {
      changed = FALSE;
      for (guint i = 0; i < pieces->len; i++)
        {
          PieceKind kind = piece_kind (pieces, i);
          PieceKind next = piece_kind (pieces, i + 1);
          gboolean last = i + 1 == pieces->len;

          if (kind == PIECE_OPERATOR && (last || next == PIECE_CLOSE))
            g_ptr_array_remove_index (pieces, i);
          else if (kind == PIECE_OPEN && !last && next == PIECE_CLOSE)
            g_ptr_array_remove_range (pieces, i, 2);
          else
            continue;
          changed = TRUE;
          break;
        }
    }
  return TRUE;
}

/* Rewrites what a person typed into an FTS5 expression: bare words become
 * quoted prefix terms ("word"*), so no character of theirs can be read as
 * FTS5 syntax (a column filter, ^, NEAR); "phrases", parentheses and the
 * upper-case operators AND, OR and NOT keep their meaning.  A minus at the
 * start of a word or a "phrase" (is_exclusion()) leaves out what holds it:
 * @excluded gets the phrase, quoted ("word", a whole word unless starred),
 * for add_exclusions(), and the result is the rest of the query, without
 * the operator the exclusion took the place of (drop_excluded_pieces()).
 * @kept gets the words and operators that stay, as typed, for the tag
 * search.  An operator with nothing before it to join (at the start, after
 * "(" or after a left-out word) is read as a person means it: AND and OR
 * go ("AND tea" is "tea"), NOT leaves out what follows, as a minus does
 * ("NOT tea" is "-tea", "tea AND NOT coffee" "tea -coffee").  Returns NULL
 * when the query cannot be rewritten: an unclosed quote, where the caller
 * then searches the words literally, or with @problem set for "x OR -y",
 * two operators side by side ("x AND OR y") and a NOT before a group with
 * nothing before it.  When the query is nothing but "quoted
 * phrases" (no bare word, prefix, operator or parenthesis), @phrases gets
 * their texts; otherwise it is left empty.  @literals gets each bare word
 * with a sign the index drops ("C++", "C#", ".NET", "node.js"), as typed:
 * the index cannot tell "C++" from a lone "c", the text can (see
 * search_index()). */
static char *
build_fts_query (const char *query,
                 GPtrArray  *phrases,
                 GPtrArray  *literals,
                 GPtrArray  *excluded,
                 GString    *kept,
                 ClipperSearchQueryProblem *problem)
{
  g_autoptr(GPtrArray) pieces = g_ptr_array_new_with_free_func ((GDestroyNotify) piece_free);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) phrase = g_string_new (NULL);
  const char *p = query;
  gboolean only_phrases = TRUE;
  gboolean exclude = FALSE;
  gboolean negate = FALSE; /* a NOT with nothing before it: what follows is left out */

  *problem = CLIPPER_SEARCH_QUERY_OK;

  while (*p)
    {
      if (g_ascii_isspace (*p))
        {
          p++;
          continue;
        }
      if (*p == '"')
        {
          const char *close = strchr (p + 1, '"');
          const char *text_end = close;

          if (close == NULL)
            return NULL;
          if (has_word_char (p + 1, close))
            {
              g_string_truncate (phrase, 0);
              append_phrase (phrase, p + 1, close - (p + 1));
              if (close[1] == '*')
                {
                  g_string_append_c (phrase, '*');
                  only_phrases = FALSE;
                  close++;
                }
              if (exclude || negate)
                {
                  g_ptr_array_add (excluded, g_strdup (phrase->str));
                  add_piece (pieces, PIECE_EXCLUDED, NULL, NULL, 0);
                  only_phrases = FALSE;
                }
              else
                {
                  add_piece (pieces, PIECE_TERM, phrase->str, p, close + 1 - p);
                  g_ptr_array_add (phrases, g_strndup (p + 1, text_end - (p + 1)));
                }
            }
          p = close + 1;
          exclude = FALSE;
          negate = FALSE;
          continue;
        }
      exclude = FALSE;
      if (is_exclusion (query, p))
        {
          exclude = TRUE;
          p++;
          if (*p == '"')
            continue;
        }
      if (*p == '(' || *p == ')')
        {
          /* A group cannot be one left-out phrase. */
          if (negate && *p == '(')
            {
              *problem = CLIPPER_SEARCH_QUERY_NOT_GROUP;
              return NULL;
            }
          negate = FALSE;
          only_phrases = FALSE;
          add_piece (pieces, *p == '(' ? PIECE_OPEN : PIECE_CLOSE, *p == '(' ? "(" : ")", NULL, 0);
          p++;
          continue;
        }

      {
        const char *start = p;
        gboolean starred;
        gsize len;

        while (*p && !g_ascii_isspace (*p) && *p != '"' && *p != '(' && *p != ')')
          p++;
        len = p - start;
        if (!exclude &&
            ((len == 3 && (strncmp (start, "AND", 3) == 0 || strncmp (start, "NOT", 3) == 0)) ||
             (len == 2 && strncmp (start, "OR", 2) == 0)))
          {
            g_autofree char *op = g_strndup (start, len);
            PieceKind before = pieces->len > 0 ? piece_kind (pieces, (gint) pieces->len - 1) : PIECE_OPEN;

            only_phrases = FALSE;
            if (negate || (before == PIECE_OPERATOR && (!g_str_equal (op, "NOT") ||
                                                        g_str_equal (((Piece *) pieces->pdata[pieces->len - 1])->fts, "NOT"))))
              {
                *problem = CLIPPER_SEARCH_QUERY_OPERATORS;
                return NULL;
              }
            /* Nothing before it to join: "NOT tea" leaves tea out, as
             * "-tea" does; "AND tea" is "tea".  (After a left-out word,
             * AND and OR are drop_excluded_pieces()'s.) */
            if (g_str_equal (op, "NOT") && before != PIECE_TERM && before != PIECE_CLOSE)
              negate = TRUE;
            else if (before != PIECE_OPEN)
              add_piece (pieces, PIECE_OPERATOR, op, start, len);
            continue;
          }
        while (len > 0 && start[len - 1] == '*')
          len--;
        starred = len < (gsize) (p - start);
        /* A token with no letter or digit (-, ^, *, :) means nothing to
         * search for. */
        if (!has_word_char (start, start + len))
          continue;
        exclude = exclude || negate;
        negate = FALSE;
        only_phrases = FALSE;
        g_string_truncate (phrase, 0);
        append_phrase (phrase, start, len);
        if (exclude)
          {
            if (starred)
              g_string_append_c (phrase, '*');
            g_ptr_array_add (excluded, g_strdup (phrase->str));
            add_piece (pieces, PIECE_EXCLUDED, NULL, NULL, 0);
            exclude = FALSE;
            continue;
          }
        for (const char *c = start; c < start + len; c = g_utf8_next_char (c))
          if (!g_unichar_isalnum (g_utf8_get_char (c)) && !g_unichar_ismark (g_utf8_get_char (c)))
            {
              g_ptr_array_add (literals, g_strndup (start, len));
              break;
            }
        /* The word being typed is a prefix, unless signs the index drops
         * end it: "C++" is the whole token "c", not every word in c. */
        if (starred || ends_in_word_char (start, start + len))
          g_string_append_c (phrase, '*');
        add_piece (pieces, PIECE_TERM, phrase->str, start, p - start);
        ((Piece *) pieces->pdata[pieces->len - 1])->last = *p == '\0';
      }
    }

  if (!drop_excluded_pieces (pieces))
    {
      *problem = CLIPPER_SEARCH_QUERY_OR_LEFT_OUT;
      return NULL;
    }
  for (guint i = 0; i < pieces->len; i++)
    {
      Piece *piece = pieces->pdata[i];

      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, piece->fts);
      if (piece->kind == PIECE_TERM || piece->kind == PIECE_OPERATOR)
        g_string_append_printf (kept, "%s%s", kept->len > 0 ? " " : "", piece->typed);
    }
  /* The tag search takes a last word for one still being typed: not so
   * when something else ends the query ("tea -coff"). */
  if (kept->len > 0 && (pieces->len == 0 || !((Piece *) pieces->pdata[pieces->len - 1])->last))
    g_string_append_c (kept, ' ');
  /* The caller only wants the phrases of a query made of nothing else. */
  if (!only_phrases)
    g_ptr_array_set_size (phrases, 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The fallback for queries FTS5 cannot parse: every word, quoted, all
 * required, but for a "-word" or -"a phrase" (is_exclusion(), as in
 * build_fts_query()), which goes to @excluded.  @kept, unless NULL, gets
 * the words that stay, for the tag search. */
static char *
build_literal_query (const char *query, GPtrArray *excluded, GString *kept)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) word = g_string_new (NULL);
  const char *p = query;
  const char *kept_end = query;

  while (*p)
    {
      const char *start;
      gboolean exclude = FALSE;

      while (*p && !g_unichar_isalnum (g_utf8_get_char (p)))
        {
          if (is_exclusion (query, p))
            {
              exclude = TRUE;
              p++;
              if (*p == '"')
                break;
              continue;
            }
          p = g_utf8_next_char (p);
        }
      if (exclude && *p == '"')
        {
          const char *close = strchr (p + 1, '"');

          start = p + 1;
          p = close != NULL ? close : start + strlen (start);
          if (has_word_char (start, p))
            {
              g_string_truncate (word, 0);
              append_phrase (word, start, p - start);
              g_ptr_array_add (excluded, g_strdup (word->str));
            }
          if (*p == '"')
            p++;
          continue;
        }
      start = p;
      while (*p && g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p == start)
        continue;
      if (exclude)
        {
          g_string_truncate (word, 0);
          append_phrase (word, start, p - start);
          g_ptr_array_add (excluded, g_strdup (word->str));
          continue;
        }
      append_phrase (out, start, p - start);
      if (kept != NULL)
        {
          if (kept->len > 0)
            g_string_append_c (kept, ' ');
          g_string_append_len (kept, start, p - start);
          kept_end = p;
        }
    }
  if (kept != NULL && kept->len > 0 && *kept_end != '\0')
    g_string_append_c (kept, ' ');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The filters of a search, which the text search does not read:
 * tag:NAME (tag:"a name"), color:NAME (or colour:), each turned round by
 * a minus (-tag:done) or a NOT before it. */
typedef struct {
  GPtrArray *tag_names;     /* as typed, until resolve_filter_tags() */
  GPtrArray *not_tag_names;
  GArray    *tags;          /* (gint64) what a hit carries, all of them: itself or, a highlight, its article */
  GArray    *not_tags;      /* (gint64) what no hit carries */
  GPtrArray *colors;        /* a highlight hit is of one of these; no article hit is */
  GPtrArray *not_colors;    /* a highlight hit is of none of these */
  gboolean   unknown_tag;   /* a tag: that no tag is: nothing passes */
} SearchFilters;

static void
search_filters_init (SearchFilters *filters)
{
  filters->tag_names = g_ptr_array_new_with_free_func (g_free);
  filters->not_tag_names = g_ptr_array_new_with_free_func (g_free);
  filters->tags = g_array_new (FALSE, FALSE, sizeof (gint64));
  filters->not_tags = g_array_new (FALSE, FALSE, sizeof (gint64));
  filters->colors = g_ptr_array_new_with_free_func (g_free);
  filters->not_colors = g_ptr_array_new_with_free_func (g_free);
  filters->unknown_tag = FALSE;
}

static void
search_filters_clear (SearchFilters *filters)
{
  g_clear_pointer (&filters->tag_names, g_ptr_array_unref);
  g_clear_pointer (&filters->not_tag_names, g_ptr_array_unref);
  g_clear_pointer (&filters->tags, g_array_unref);
  g_clear_pointer (&filters->not_tags, g_array_unref);
  g_clear_pointer (&filters->colors, g_ptr_array_unref);
  g_clear_pointer (&filters->not_colors, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SearchFilters, search_filters_clear)

static gboolean
search_filters_any (const SearchFilters *filters)
{
  return filters->tag_names->len > 0 || filters->not_tag_names->len > 0 || filters->colors->len > 0 ||
         filters->not_colors->len > 0;
}

/* The length of the filter's name @p starts with ("tag:", "color:",
 * "colour:", in any case), or 0; @is_tag says which. */
static gsize
filter_keyword (const char *p, gboolean *is_tag)
{
  static const char *const keywords[] = { "tag:", "color:", "colour:" };

  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    if (g_ascii_strncasecmp (p, keywords[i], strlen (keywords[i])) == 0)
      {
        *is_tag = i == 0;
        return strlen (keywords[i]);
      }
  return 0;
}

/* Takes the filters out of @query into @filters: the rest of the query,
 * each filter a space there, is what the text search reads.  A filter
 * is a token of its own (white space before it, or the query's start),
 * never inside a "phrase"; a NOT just before it goes with it.  NULL with
 * @problem set for a filter with no name (tag:) or a colour that is none
 * (color:red). */
static char *
take_filters (const char *query, SearchFilters *filters, ClipperSearchQueryProblem *problem)
{
  g_autoptr(GString) rest = g_string_new (NULL);
  const char *p = query;
  gsize not_at = G_MAXSIZE; /* where in @rest a NOT just written starts */

  while (*p)
    {
      const char *start = p;
      const char *value, *value_end;
      gboolean negated = FALSE, is_tag = FALSE;
      gsize key_len;

      if (g_ascii_isspace (*p))
        {
          g_string_append_c (rest, *p++);
          continue;
        }
      if (*p == '"')
        {
          const char *close = strchr (p + 1, '"');
          const char *end = close != NULL ? close + 1 : p + strlen (p);

          g_string_append_len (rest, p, end - p);
          p = end;
          not_at = G_MAXSIZE;
          continue;
        }
      if (*p == '-')
        {
          negated = TRUE;
          p++;
        }
      key_len = filter_keyword (p, &is_tag);
      if (key_len == 0)
        {
          gsize token_at = rest->len;

          for (p = start; *p && !g_ascii_isspace (*p) && *p != '"'; p++)
            g_string_append_c (rest, *p);
          not_at = rest->len - token_at == 3 && strncmp (rest->str + token_at, "NOT", 3) == 0 ? token_at : G_MAXSIZE;
          continue;
        }
      p += key_len;
      if (*p == '"')
        {
          const char *close = strchr (p + 1, '"');

          value = p + 1;
          value_end = close != NULL ? close : value + strlen (value);
          p = close != NULL ? close + 1 : value_end;
        }
      else
        {
          value = p;
          while (*p && !g_ascii_isspace (*p))
            p++;
          value_end = p;
        }
      if (!has_word_char (value, value_end))
        {
          *problem = CLIPPER_SEARCH_QUERY_EMPTY_FILTER;
          return NULL;
        }
      if (not_at != G_MAXSIZE)
        {
          negated = TRUE;
          g_string_truncate (rest, not_at);
          not_at = G_MAXSIZE;
        }
      if (is_tag)
        g_ptr_array_add (negated ? filters->not_tag_names : filters->tag_names, g_strndup (value, value_end - value));
      else
        {
          g_autofree char *typed = g_strndup (value, value_end - value);
          g_autofree char *color = g_ascii_strdown (typed, -1);

          if (!clipper_highlight_color_is_valid (color))
            {
              *problem = CLIPPER_SEARCH_QUERY_BAD_COLOR;
              return NULL;
            }
          g_ptr_array_add (negated ? filters->not_colors : filters->colors, g_steal_pointer (&color));
        }
      g_string_append_c (rest, ' ');
    }
  *problem = CLIPPER_SEARCH_QUERY_OK;
  return g_string_free (g_steal_pointer (&rest), FALSE);
}

static GStrv
dup_strv (GPtrArray *strings)
{
  GStrv strv = g_new0 (char *, strings->len + 1);

  for (guint i = 0; i < strings->len; i++)
    strv[i] = g_strdup (strings->pdata[i]);
  return strv;
}

ClipperSearchFilters *
clipper_search_filters_new (const char *query, ClipperSearchQueryProblem *problem)
{
  g_auto(SearchFilters) filters = { 0 };
  g_autofree char *rest = NULL;
  ClipperSearchFilters *self;

  g_return_val_if_fail (problem != NULL, NULL);

  if (query == NULL || !g_utf8_validate (query, -1, NULL))
    {
      *problem = CLIPPER_SEARCH_QUERY_NOT_TEXT;
      return NULL;
    }
  search_filters_init (&filters);
  rest = take_filters (query, &filters, problem);
  if (rest == NULL)
    return NULL;
  self = g_new0 (ClipperSearchFilters, 1);
  self->tags = dup_strv (filters.tag_names);
  self->not_tags = dup_strv (filters.not_tag_names);
  self->colors = dup_strv (filters.colors);
  self->not_colors = dup_strv (filters.not_colors);
  self->words = g_strstrip (g_steal_pointer (&rest));
  return self;
}

gboolean
clipper_search_filters_any (const ClipperSearchFilters *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->tags[0] != NULL || self->not_tags[0] != NULL || self->colors[0] != NULL || self->not_colors[0] != NULL;
}

void
clipper_search_filters_free (ClipperSearchFilters *self)
{
  if (self == NULL)
    return;
  g_strfreev (self->tags);
  g_strfreev (self->not_tags);
  g_strfreev (self->colors);
  g_strfreev (self->not_colors);
  g_free (self->words);
  g_free (self);
}

/* The ids of the tags @filters name, as `--tag` and the Highlights
 * page's menu find a tag (any case).  A tag: no tag is lets nothing
 * pass; a -tag: no tag is leaves nothing out. */
static gboolean
resolve_filter_tags (ClipperStore *self, SearchFilters *filters, GError **error)
{
  for (guint negated = 0; negated < 2; negated++)
    {
      GPtrArray *names = negated ? filters->not_tag_names : filters->tag_names;

      for (guint i = 0; i < names->len; i++)
        {
          g_autoptr(GError) local_error = NULL;
          gint64 id = 0;

          if (!lookup_tag_id (self, names->pdata[i], &id, &local_error))
            {
              /* A name no tag could have is no tag the library has. */
              if (!g_error_matches (local_error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_INVALID))
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
              id = 0;
            }
          if (id != 0)
            g_array_append_val (negated ? filters->not_tags : filters->tags, id);
          else if (!negated)
            filters->unknown_tag = TRUE;
        }
    }
  return TRUE;
}

/* The conditions of @filters on an article "a" or a highlight "h", from
 * the fixed fragments below (the tags and colours are parameters). */
static void
append_filter_conditions (GString *sql, gboolean highlights, const SearchFilters *filters)
{
  for (guint negated = 0; negated < 2; negated++)
    {
      GArray *ids = negated ? filters->not_tags : filters->tags;

      for (guint i = 0; i < ids->len; i++)
        {
          g_autofree char *param = g_strdup_printf (":%stag%u", negated ? "not_" : "", i);

          g_string_append (sql, negated ? " AND NOT (" : " AND (");
          if (highlights)
            g_string_append_printf (sql,
                                    "EXISTS (SELECT 1 FROM highlight_tags ft WHERE ft.highlight_id = h.id"
                                    " AND ft.tag_id = %s) OR EXISTS (SELECT 1 FROM article_tags ft"
                                    " WHERE ft.article_id = h.article_id AND ft.tag_id = %s))", param, param);
          else
            g_string_append_printf (sql,
                                    "EXISTS (SELECT 1 FROM article_tags ft WHERE ft.article_id = a.id"
                                    " AND ft.tag_id = %s))", param);
        }
    }
  if (!highlights && filters->colors->len > 0)
    g_string_append (sql, " AND 0");
  if (highlights && filters->colors->len > 0)
    g_string_append (sql, " AND h.color IN (SELECT value FROM json_each (:colors))");
  if (highlights && filters->not_colors->len > 0)
    g_string_append (sql, " AND h.color NOT IN (SELECT value FROM json_each (:not_colors))");
}

/* @colors as a JSON array: they are highlight colours' names
 * (clipper_highlight_color_is_valid()), which need no escaping. */
static char *
dup_colors_json (GPtrArray *colors)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < colors->len; i++)
    g_string_append_printf (json, "%s\"%s\"", i > 0 ? "," : "", (const char *) colors->pdata[i]);
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

static void
bind_filters (ClipperStmt *stmt, const SearchFilters *filters)
{
  for (guint negated = 0; negated < 2; negated++)
    {
      GArray *ids = negated ? filters->not_tags : filters->tags;

      for (guint i = 0; i < ids->len; i++)
        {
          g_autofree char *param = g_strdup_printf (":%stag%u", negated ? "not_" : "", i);

          bind_int64 (stmt, param, g_array_index (ids, gint64, i));
        }
    }
  if (filters->colors->len > 0 && sqlite3_bind_parameter_index (stmt, ":colors") > 0)
    {
      g_autofree char *json = dup_colors_json (filters->colors);

      bind_text (stmt, ":colors", json);
    }
  if (filters->not_colors->len > 0 && sqlite3_bind_parameter_index (stmt, ":not_colors") > 0)
    {
      g_autofree char *json = dup_colors_json (filters->not_colors);

      bind_text (stmt, ":not_colors", json);
    }
}

/* Of @ids (a JSON array of article or highlight ids), those that pass
 * @filters, into @passing (gint64 keys). */
static gboolean
filter_ids (ClipperStore        *self,
            gboolean             highlights,
            const char          *ids,
            const SearchFilters *filters,
            GHashTable          *passing,
            GError             **error)
{
  g_autoptr(GString) sql = g_string_new (highlights ? "SELECT h.id FROM highlights h WHERE h.id IN"
                                                      " (SELECT value FROM json_each (:ids))"
                                                    : "SELECT a.id FROM articles a WHERE a.id IN"
                                                      " (SELECT value FROM json_each (:ids))");
  g_autoptr(ClipperStmt) stmt = NULL;
  int rc;

  append_filter_conditions (sql, highlights, filters);
  stmt = prepare (self, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, ":ids", ids);
  bind_filters (stmt, filters);
  while ((rc = step (self, stmt, "cannot filter the search", error)) == SQLITE_ROW)
    g_hash_table_add (passing, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)));
  return rc != 0;
}

/* Runs @match on both indexes and adds at most @limit best hits of each to
 * @hits.  Returns FALSE with @error set when FTS5 rejects @match. */
static GError *
fts_error (ClipperStore *self, int rc)
{
  int code = (rc & 0xff) == SQLITE_ERROR ? CLIPPER_STORE_ERROR_QUERY
           : (rc & 0xff) == SQLITE_BUSY ? CLIPPER_STORE_ERROR_BUSY
           : (rc & 0xff) == SQLITE_CORRUPT ? CLIPPER_STORE_ERROR_CORRUPT
           : CLIPPER_STORE_ERROR_FAILED;

  return g_error_new (CLIPPER_STORE_ERROR, code, "%s", sqlite3_errmsg (self->db));
}

/* Tiers of hits, best first; bm25 orders the hits within each.  See
 * clipper_store_search(). */
typedef enum {
  TIER_TAG,       /* carries a tag the query names */
  TIER_LITERAL,   /* holds the query's words with their signs, "C++" */
  TIER_TEXT,      /* the words, as the index has them */
  TIER_TAG_START, /* carries a tag the query is the start of */
  TIER_FILTERED,  /* passes the query's filters, which are all it has (tag:work) */
} Tier;

typedef struct {
  gint64 rowid;
  double rank;
  Tier   tier;
} Candidate;

static int
compare_candidates (gconstpointer a, gconstpointer b)
{
  const Candidate *ca = a, *cb = b;

  if (ca->tier != cb->tier)
    return ca->tier < cb->tier ? -1 : 1;
  if (ca->rank != cb->rank)
    return ca->rank < cb->rank ? -1 : 1;
  /* Equal scores: the newer first. */
  return ca->rowid > cb->rowid ? -1 : ca->rowid < cb->rowid;
}

/* Puts the candidates of @index whose text holds every one of @literals
 * (ASCII case ignored, as LIKE does) in TIER_LITERAL.  The index has
 * "C++" as the word "c", so every lone "c" (a file "add.c", "Juan C.
 * Sanz") matched it as well and often ranked first.  Only a query with
 * such a word pays for this: the candidates' text is read once per word. */
static gboolean
mark_literal_candidates (ClipperStore *self,
                         guint         index,
                         GArray       *candidates,
                         GPtrArray    *literals,
                         GError      **error)
{
  /* @index as in search_index(); the bigram indexes are searched for
   * quoted phrases only, which have no literals. */
  static const char *const checks[] = {
    "SELECT a.id FROM articles a JOIN article_contents c ON c.article_id = a.id"
    " WHERE a.id IN (SELECT value FROM json_each (:ids))"
    " AND (a.title LIKE :pattern ESCAPE '\\' OR a.byline LIKE :pattern ESCAPE '\\'"
    " OR c.text LIKE :pattern ESCAPE '\\')",
    "SELECT id FROM highlights WHERE id IN (SELECT value FROM json_each (:ids))"
    " AND (quote LIKE :pattern ESCAPE '\\' OR note LIKE :pattern ESCAPE '\\')",
  };
  g_autoptr(GHashTable) found = NULL;

  g_assert (index < G_N_ELEMENTS (checks));
  for (guint i = 0; i < candidates->len; i++)
    g_array_index (candidates, Candidate, i).tier = TIER_LITERAL;
  for (guint l = 0; l < literals->len; l++)
    {
      g_autoptr(ClipperStmt) check = prepare (self, checks[index], error);
      g_autoptr(GString) ids = g_string_new ("[");
      g_autoptr(GString) pattern = g_string_new ("%");
      int rc;

      if (check == NULL)
        return FALSE;
      for (guint i = 0; i < candidates->len; i++)
        {
          Candidate *c = &g_array_index (candidates, Candidate, i);

          if (c->tier == TIER_LITERAL)
            g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len > 1 ? "," : "", c->rowid);
        }
      g_string_append_c (ids, ']');
      for (const char *p = g_ptr_array_index (literals, l); *p != '\0'; p++)
        {
          if (*p == '%' || *p == '_' || *p == '\\')
            g_string_append_c (pattern, '\\');
          g_string_append_c (pattern, *p);
        }
      g_string_append_c (pattern, '%');
      bind_text (check, ":ids", ids->str);
      bind_text (check, ":pattern", pattern->str);
      g_clear_pointer (&found, g_hash_table_unref);
      found = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      while ((rc = sqlite3_step (check)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (check, 0);

          g_hash_table_add (found, g_memdup2 (&id, sizeof id));
        }
      if (rc != SQLITE_DONE)
        {
          g_propagate_error (error, fts_error (self, rc));
          return FALSE;
        }
      for (guint i = 0; i < candidates->len; i++)
        {
          Candidate *c = &g_array_index (candidates, Candidate, i);

          if (c->tier == TIER_LITERAL && !g_hash_table_contains (found, &c->rowid))
            c->tier = TIER_TEXT;
        }
    }
  return TRUE;
}

/* A highlight's hit, from the snippets of its passage and of its note:
 * the passage's where it holds a match, else the note's, said to be the
 * note's. */
static void
set_highlight_snippet (ClipperSearchHit *hit, ClipperStmt *detail)
{
  const char *quote = (const char *) sqlite3_column_text (detail, 4);
  const char *note = (const char *) sqlite3_column_text (detail, 5);

  if ((quote == NULL || strchr (quote, CLIPPER_SNIPPET_OPEN[0]) == NULL) &&
      note != NULL && strchr (note, CLIPPER_SNIPPET_OPEN[0]) != NULL)
    {
      hit->match = CLIPPER_SEARCH_MATCH_NOTE;
      hit->snippet = g_strdup (note);
    }
  else
    hit->snippet = g_strdup (quote != NULL ? quote : "");
  hit->quote = column_dup (detail, 6);
}

/* Whether @snippet, its marks aside, holds @literal (ASCII case ignored,
 * as mark_literal_candidates() compares). */
static gboolean
snippet_holds (const char *snippet, const char *literal)
{
  g_autofree char *text = g_ascii_strdown (snippet, -1);
  g_autofree char *folded = g_ascii_strdown (literal, -1);
  char *to = text;

  for (const char *from = text; *from != '\0'; from++)
    if (*from != CLIPPER_SNIPPET_OPEN[0] && *from != CLIPPER_SNIPPET_CLOSE[0])
      *to++ = *from;
  *to = '\0';
  return strstr (text, folded) != NULL;
}

/* A snippet of @text around the first @literal in it (ASCII case ignored),
 * the literal between the marks, about @tokens words in all, as FTS5's
 * snippet() makes them; NULL when @text does not hold it. */
static char *
dup_literal_snippet (const char *text, const char *literal, guint tokens)
{
  g_autofree char *folded_text = NULL;
  g_autofree char *folded = NULL;
  const char *found, *start, *end;
  gsize at, len = strlen (literal);
  gboolean more;
  guint words = 0;
  GString *out;

  if (text == NULL)
    return NULL;
  folded_text = g_ascii_strdown (text, -1);
  folded = g_ascii_strdown (literal, -1);
  found = strstr (folded_text, folded);
  if (found == NULL)
    return NULL;
  at = found - folded_text;

  /* Back to the start of a word, half the words before the match; then on
   * to the end of a word after it.  Only ASCII spaces stop either, so both
   * stop between two characters. */
  for (start = text + at; start > text; start--)
    if (g_ascii_isspace (start[-1]) && !g_ascii_isspace (*start) && ++words > tokens / 2)
      break;
  words = 0;
  for (end = text + at + len; *end != '\0'; end++)
    if (!g_ascii_isspace (*end) && g_ascii_isspace (end[-1]) && ++words > tokens - tokens / 2 - 1)
      break;
  more = *end != '\0';
  while (end > text + at + len && g_ascii_isspace (end[-1]))
    end--;

  out = g_string_new (start > text ? "…" : "");
  g_string_append_len (out, start, text + at - start);
  g_string_append (out, CLIPPER_SNIPPET_OPEN);
  g_string_append_len (out, text + at, len);
  g_string_append (out, CLIPPER_SNIPPET_CLOSE);
  g_string_append_len (out, text + at + len, end - (text + at + len));
  if (more)
    g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

/* Gives a hit that holds the query's @literals (TIER_LITERAL) a snippet
 * around the first of them its snippet lacks.  FTS5 makes the snippet
 * around the words the index has, and for "C++" that is any lone "c"
 * ("add.c", "Juan C. Sanz"): the hit ranked first for "C++" did not show
 * it.  The text is read again for this, for the few hits of a query with
 * such a word only.  A literal only in an article's title or byline
 * leaves the snippet as it is. */
static gboolean
set_literal_snippet (ClipperStore     *self,
                     ClipperSearchHit *hit,
                     GPtrArray        *literals,
                     guint             tokens,
                     GError          **error)
{
  g_autoptr(ClipperStmt) read = NULL;
  const char *missing = NULL;
  char *snippet = NULL;
  int rc;

  for (guint l = 0; l < literals->len && missing == NULL; l++)
    if (!snippet_holds (hit->snippet, g_ptr_array_index (literals, l)))
      missing = g_ptr_array_index (literals, l);
  if (missing == NULL)
    return TRUE;

  if (hit->kind == CLIPPER_SEARCH_HIT_ARTICLE)
    read = prepare (self, "SELECT text, NULL FROM article_contents WHERE article_id = :id", error);
  else
    read = prepare (self, "SELECT quote, note FROM highlights WHERE id = :id", error);
  if (read == NULL)
    return FALSE;
  bind_int64 (read, ":id", hit->kind == CLIPPER_SEARCH_HIT_ARTICLE ? hit->article_id : hit->highlight_id);
  rc = sqlite3_step (read);
  if (rc == SQLITE_ROW)
    {
      /* A highlight's passage first, as set_highlight_snippet() prefers it. */
      snippet = dup_literal_snippet ((const char *) sqlite3_column_text (read, 0), missing, tokens);
      if (snippet != NULL && hit->kind == CLIPPER_SEARCH_HIT_HIGHLIGHT)
        hit->match = CLIPPER_SEARCH_MATCH_TEXT;
      else if (snippet == NULL)
        {
          snippet = dup_literal_snippet ((const char *) sqlite3_column_text (read, 1), missing, tokens);
          if (snippet != NULL)
            hit->match = CLIPPER_SEARCH_MATCH_NOTE;
        }
      if (snippet != NULL)
        {
          g_free (hit->snippet);
          hit->snippet = snippet;
        }
    }
  else if (rc != SQLITE_DONE)
    {
      g_propagate_error (error, fts_error (self, rc));
      return FALSE;
    }
  return TRUE;
}

/* Takes out of @candidates those that do not pass @filters. */
static gboolean
filter_candidates (ClipperStore        *self,
                   gboolean             highlights,
                   GArray              *candidates,
                   const SearchFilters *filters,
                   GError             **error)
{
  g_autoptr(GHashTable) passing = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GString) ids = g_string_new ("[");

  for (guint i = 0; i < candidates->len; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i ? "," : "", g_array_index (candidates, Candidate, i).rowid);
  g_string_append_c (ids, ']');
  if (!filter_ids (self, highlights, ids->str, filters, passing, error))
    return FALSE;
  for (guint i = candidates->len; i > 0; i--)
    if (!g_hash_table_contains (passing, &g_array_index (candidates, Candidate, i - 1).rowid))
      g_array_remove_index (candidates, i - 1);
  return TRUE;
}

/* Takes out of @hits those that do not pass @filters (the tag search's
 * hits, which the text search's filters did not see). */
static gboolean
drop_filtered_hits (ClipperStore        *self,
                    const SearchFilters *filters,
                    GPtrArray           *hits,
                    GHashTable          *tiers,
                    GError             **error)
{
  for (guint kind = 0; kind < 2; kind++)
    {
      gboolean highlights = kind == 1;
      g_autoptr(GHashTable) passing = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_autoptr(GString) ids = g_string_new ("[");

      for (guint i = 0; i < hits->len; i++)
        {
          ClipperSearchHit *hit = hits->pdata[i];

          if ((hit->kind == CLIPPER_SEARCH_HIT_HIGHLIGHT) == highlights)
            g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len > 1 ? "," : "",
                                    highlights ? hit->highlight_id : hit->article_id);
        }
      g_string_append_c (ids, ']');
      if (ids->len == 2)
        continue;
      if (!filter_ids (self, highlights, ids->str, filters, passing, error))
        return FALSE;
      for (guint i = hits->len; i > 0; i--)
        {
          ClipperSearchHit *hit = hits->pdata[i - 1];

          if ((hit->kind == CLIPPER_SEARCH_HIT_HIGHLIGHT) == highlights &&
              !g_hash_table_contains (passing, highlights ? &hit->highlight_id : &hit->article_id))
            {
              g_hash_table_remove (tiers, hit);
              g_ptr_array_remove_index (hits, i - 1);
            }
        }
    }
  return TRUE;
}

/* Searches one index in two passes.  The first walks the matches newest
 * first, at most rank_window of them, and scores each with bm25 (through
 * clipper_rank(), which skips the IDF pass where it cannot change the
 * order) without sorting or snippets: FTS5 streams a
 * doclist in rowid order, so this stops early on common words.  The second
 * makes titles and snippets for the best @limit only, in one scan of their
 * rowid range.  @tiers gets each hit's Tier (see
 * mark_literal_candidates()). */
static gboolean
search_index (ClipperStore        *self,
              guint                index,
              const char          *match,
              GPtrArray           *literals,
              const SearchFilters *filters,
              guint                snippet_tokens,
              guint                limit,
              GPtrArray           *hits,
              GHashTable          *tiers,
              GError             **error)
{
  /* @index: 0 the articles, 1 the highlights, 2 and 3 the same through
   * their bigram indexes. */
  static const char *const scans[] = {
    /* The weights are those of the indexes' configured bm25 rank. */
    "SELECT rowid, clipper_rank(articles_fts, 10.0, 5.0, 1.0) FROM articles_fts"
    " WHERE articles_fts MATCH :match ORDER BY rowid DESC LIMIT :window",
    "SELECT rowid, clipper_rank(highlights_fts, 2.0, 1.0) FROM highlights_fts"
    " WHERE highlights_fts MATCH :match ORDER BY rowid DESC LIMIT :window",
    "SELECT rowid, clipper_rank(articles_bigrams, 10.0, 5.0, 1.0) FROM articles_bigrams"
    " WHERE articles_bigrams MATCH :match ORDER BY rowid DESC LIMIT :window",
    "SELECT rowid, clipper_rank(highlights_bigrams, 2.0, 1.0) FROM highlights_bigrams"
    " WHERE highlights_bigrams MATCH :match ORDER BY rowid DESC LIMIT :window",
  };
  /* The unary + keeps SQLite from running the FTS query once per id. */
  static const char *const details[] = {
    "SELECT articles_fts.rowid, a.id, 0, a.title,"
    " snippet(articles_fts, -1, x'02', x'03', '…', :tokens), a.site_name, a.url, a.saved_at"
    " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
    " WHERE articles_fts MATCH :match AND articles_fts.rowid BETWEEN :low AND :high"
    " AND +articles_fts.rowid IN (SELECT value FROM json_each (:ids))",
    /* The passage's snippet and the note's apart: a hit must say which
     * matched (see set_highlight_snippet()). */
    "SELECT highlights_fts.rowid, h.article_id, h.id, a.title,"
    " snippet(highlights_fts, 0, x'02', x'03', '…', :tokens),"
    " snippet(highlights_fts, 1, x'02', x'03', '…', :tokens), h.quote, a.site_name, a.url, a.saved_at"
    " FROM highlights_fts JOIN highlights h ON h.id = highlights_fts.rowid"
    " JOIN articles a ON a.id = h.article_id"
    " WHERE highlights_fts MATCH :match AND highlights_fts.rowid BETWEEN :low AND :high"
    " AND +highlights_fts.rowid IN (SELECT value FROM json_each (:ids))",
    /* Phrases found through a bigram index: the snippet comes from the
     * word index, one hit at a time (a seek in each word's doclist),
     * since a scan of the id range would walk the very matches the bigram
     * index avoids. */
    "SELECT articles_fts.rowid, a.id, 0, a.title,"
    " snippet(articles_fts, -1, x'02', x'03', '…', :tokens), a.site_name, a.url, a.saved_at"
    " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
    " WHERE articles_fts MATCH :match AND articles_fts.rowid = :low",
    "SELECT highlights_fts.rowid, h.article_id, h.id, a.title,"
    " snippet(highlights_fts, 0, x'02', x'03', '…', :tokens),"
    " snippet(highlights_fts, 1, x'02', x'03', '…', :tokens), h.quote, a.site_name, a.url, a.saved_at"
    " FROM highlights_fts JOIN highlights h ON h.id = highlights_fts.rowid"
    " JOIN articles a ON a.id = h.article_id"
    " WHERE highlights_fts MATCH :match AND highlights_fts.rowid = :low",
  };
  gboolean bigrams = index >= 2;
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autoptr(GHashTable) ranks = NULL;
  g_autoptr(GString) ids = NULL;
  gint64 low = G_MAXINT64, high = 0;
  int rc;

  /* An article has no colour. */
  if (filters != NULL && index % 2 == 0 && filters->colors->len > 0)
    return TRUE;
  {
    g_autoptr(ClipperStmt) scan = prepare (self, scans[index], error);

    if (scan == NULL)
      return FALSE;
    bind_text (scan, ":match", match);
    bind_int64 (scan, ":window", self->rank_window > 0 ? (gint64) self->rank_window : -1);
    while ((rc = sqlite3_step (scan)) == SQLITE_ROW)
      {
        Candidate c = { sqlite3_column_int64 (scan, 0), sqlite3_column_double (scan, 1), TIER_TEXT };

        g_array_append_val (candidates, c);
      }
    if (rc != SQLITE_DONE)
      {
        g_propagate_error (error, fts_error (self, rc));
        return FALSE;
      }
  }
  /* The filters before the best are kept, or a filter would leave few
   * of the @limit best (or none) where many further down pass it. */
  if (filters != NULL && search_filters_any (filters) && candidates->len > 0 &&
      !filter_candidates (self, index % 2 == 1, candidates, filters, error))
    return FALSE;
  if (candidates->len == 0)
    return TRUE;

  if (literals != NULL && literals->len > 0 && !bigrams &&
      !mark_literal_candidates (self, index, candidates, literals, error))
    return FALSE;
  g_array_sort (candidates, compare_candidates);
  if (candidates->len > limit)
    g_array_set_size (candidates, limit);

  ranks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  ids = g_string_new ("[");
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);

      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i ? "," : "", c->rowid);
      g_hash_table_insert (ranks, g_memdup2 (&c->rowid, sizeof c->rowid), g_memdup2 (c, sizeof *c));
      low = MIN (low, c->rowid);
      high = MAX (high, c->rowid);
    }
  g_string_append_c (ids, ']');

  for (guint i = 0; i < (bigrams ? candidates->len : 1); i++)
    {
      g_autoptr(ClipperStmt) detail = prepare (self, details[index], error);

      if (detail == NULL)
        return FALSE;
      bind_text (detail, ":match", match);
      bind_int64 (detail, ":tokens", snippet_tokens);
      if (bigrams)
        bind_int64 (detail, ":low", g_array_index (candidates, Candidate, i).rowid);
      else
        {
          bind_int64 (detail, ":low", low);
          bind_int64 (detail, ":high", high);
          bind_text (detail, ":ids", ids->str);
        }
      while ((rc = sqlite3_step (detail)) == SQLITE_ROW)
        {
          gint64 rowid = sqlite3_column_int64 (detail, 0);
          const Candidate *c = g_hash_table_lookup (ranks, &rowid);
          ClipperSearchHit *hit;

          if (c == NULL)
            continue;
          hit = g_new0 (ClipperSearchHit, 1);
          hit->kind = index % 2 == 1 ? CLIPPER_SEARCH_HIT_HIGHLIGHT : CLIPPER_SEARCH_HIT_ARTICLE;
          hit->article_id = sqlite3_column_int64 (detail, 1);
          hit->highlight_id = sqlite3_column_int64 (detail, 2);
          hit->title = column_dup (detail, 3);
          if (hit->kind == CLIPPER_SEARCH_HIT_HIGHLIGHT)
            set_highlight_snippet (hit, detail);
          else
            hit->snippet = column_dup (detail, 4);
          if (hit->snippet == NULL)
            hit->snippet = g_strdup ("");
          /* (Columns 5 to 7 of an article's, 7 to 9 of a highlight's.) */
          hit->site = dup_site (detail, hit->kind == CLIPPER_SEARCH_HIT_HIGHLIGHT ? 7 : 5,
                                hit->kind == CLIPPER_SEARCH_HIT_HIGHLIGHT ? 8 : 6);
          hit->saved_at = sqlite3_column_int64 (detail, hit->kind == CLIPPER_SEARCH_HIT_HIGHLIGHT ? 9 : 7);
          hit->rank = c->rank;
          g_ptr_array_add (hits, hit);
          g_hash_table_insert (tiers, hit, GINT_TO_POINTER (c->tier));
          if (c->tier == TIER_LITERAL && !set_literal_snippet (self, hit, literals, snippet_tokens, error))
            return FALSE;
        }
      if (rc != SQLITE_DONE)
        {
          g_propagate_error (error, fts_error (self, rc));
          return FALSE;
        }
    }
  return TRUE;
}

/* @bigrams: search through the bigram indexes (the query is made of
 * phrases of two words or more only; see clipper_store_search()). */
static gboolean
search_fts (ClipperStore        *self,
            const char          *match,
            GPtrArray           *literals,
            const SearchFilters *filters,
            gboolean             bigrams,
            guint                snippet_tokens,
            guint                limit,
            GPtrArray           *hits,
            GHashTable          *tiers,
            GError             **error)
{
  return search_index (self, bigrams ? 2 : 0, match, literals, filters, snippet_tokens, limit, hits, tiers, error) &&
         search_index (self, bigrams ? 3 : 1, match, literals, filters, snippet_tokens, limit, hits, tiers, error);
}

/* Whether every phrase in @phrases (the query's only parts) has two words
 * or more: then the bigram index finds exactly what the word index would. */
static gboolean
phrases_have_pairs (ClipperStore *self, GPtrArray *phrases)
{
  if (phrases->len == 0)
    return FALSE;
  for (guint i = 0; i < phrases->len; i++)
    if (clipper_store_count_words (self->db, g_ptr_array_index (phrases, i)) < 2)
      return FALSE;
  return TRUE;
}

static int
compare_hits (gconstpointer a, gconstpointer b, gpointer tiers)
{
  const ClipperSearchHit *ha = *(ClipperSearchHit *const *) a;
  const ClipperSearchHit *hb = *(ClipperSearchHit *const *) b;
  Tier ta = GPOINTER_TO_INT (g_hash_table_lookup (tiers, ha));
  Tier tb = GPOINTER_TO_INT (g_hash_table_lookup (tiers, hb));

  if (ta != tb)
    return ta < tb ? -1 : 1;
  if (ha->rank != hb->rank)
    return ha->rank < hb->rank ? -1 : 1;
  if (ha->kind != hb->kind)
    return ha->kind < hb->kind ? -1 : 1;
  /* Hits of a tag alone, all ranked 0, or of filters alone: the newest
   * first. */
  if ((ha->match == CLIPPER_SEARCH_MATCH_TAG && hb->match == CLIPPER_SEARCH_MATCH_TAG) || ta == TIER_FILTERED)
    {
      gint64 ia = ha->kind == CLIPPER_SEARCH_HIT_ARTICLE ? ha->article_id : ha->highlight_id;
      gint64 ib = hb->kind == CLIPPER_SEARCH_HIT_ARTICLE ? hb->article_id : hb->highlight_id;

      return ia > ib ? -1 : ia < ib;
    }
  if (ha->article_id != hb->article_id)
    return ha->article_id < hb->article_id ? -1 : 1;
  return ha->highlight_id < hb->highlight_id ? -1 : ha->highlight_id > hb->highlight_id;
}

/* A tag or a query as tag search compares them: accents off, case folded,
 * quotes and a final * dropped, and each run of spaces, - and _ one space
 * ("reading list", a vault's "reading-list"). */
static char *
fold_tag_text (const char *text)
{
  g_autofree char *nfkd = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  g_autofree char *folded = NULL;
  GString *out = g_string_new (NULL);
  gboolean gap = FALSE;

  folded = g_utf8_casefold (nfkd != NULL ? nfkd : "", -1);
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_ismark (c) || c == '"')
        continue;
      if (g_unichar_isspace (c) || c == '-' || c == '_')
        {
          gap = out->len > 0;
          continue;
        }
      if (gap)
        g_string_append_c (out, ' ');
      gap = FALSE;
      g_string_append_unichar (out, c);
    }
  while (out->len > 0 && out->str[out->len - 1] == '*')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

/* A hit found otherwise than by its words, from a row of: article id,
 * highlight id (0 for an article), title, the passage (the excerpt for
 * an article), site name, URL, saved time.  The snippet is the passage
 * or the excerpt, with no matches. */
static ClipperSearchHit *
item_hit (ClipperStmt *items,
          gboolean     highlight)
{
  ClipperSearchHit *hit = g_new0 (ClipperSearchHit, 1);

  hit->kind = highlight ? CLIPPER_SEARCH_HIT_HIGHLIGHT : CLIPPER_SEARCH_HIT_ARTICLE;
  hit->article_id = sqlite3_column_int64 (items, 0);
  hit->highlight_id = sqlite3_column_int64 (items, 1);
  hit->title = column_dup (items, 2);
  hit->snippet = g_strdup (sqlite3_column_text (items, 3) != NULL ? (const char *) sqlite3_column_text (items, 3) : "");
  hit->quote = highlight ? column_dup (items, 3) : NULL;
  hit->site = dup_site (items, 4, 5);
  hit->saved_at = sqlite3_column_int64 (items, 6);
  return hit;
}

/* For a query of filters alone (tag:work, color:yellow): what passes
 * them, at most @limit articles (none for a color:, as an article has no
 * colour) and @limit highlights, the newest first.  A hit says the tag
 * of a tag: (ClipperSearchHit.tag), found by it. */
static gboolean
list_filtered (ClipperStore        *self,
               const SearchFilters *filters,
               guint                limit,
               GPtrArray           *hits,
               GHashTable          *tiers,
               GError             **error)
{
  static const char *const heads[] = {
    "SELECT a.id, 0, a.title, a.excerpt, a.site_name, a.url, a.saved_at FROM articles a WHERE 1",
    "SELECT h.article_id, h.id, a.title, h.quote, a.site_name, a.url, a.saved_at"
    " FROM highlights h JOIN articles a ON a.id = h.article_id WHERE 1",
  };
  static const char *const tails[] = { " ORDER BY a.id DESC LIMIT :limit", " ORDER BY h.id DESC LIMIT :limit" };

  for (guint kind = 0; kind < G_N_ELEMENTS (heads); kind++)
    {
      g_autoptr(GString) sql = g_string_new (heads[kind]);
      g_autoptr(ClipperStmt) items = NULL;
      int rc;

      if (kind == 0 && filters->colors->len > 0)
        continue;
      append_filter_conditions (sql, kind == 1, filters);
      g_string_append (sql, tails[kind]);
      items = prepare (self, sql->str, error);
      if (items == NULL)
        return FALSE;
      bind_filters (items, filters);
      bind_int64 (items, ":limit", limit);
      while ((rc = step (self, items, "cannot list what the search's filters pass", error)) == SQLITE_ROW)
        {
          ClipperSearchHit *hit = item_hit (items, kind == 1);

          if (filters->tag_names->len > 0)
            {
              hit->match = CLIPPER_SEARCH_MATCH_TAG;
              hit->tag = g_strdup (filters->tag_names->pdata[0]);
            }
          g_ptr_array_add (hits, hit);
          g_hash_table_insert (tiers, hit, GINT_TO_POINTER (TIER_FILTERED));
        }
      if (rc == 0)
        return FALSE;
    }
  return TRUE;
}

/* Adds the articles and highlights that carry a tag @query names (or,
 * while its last word is being typed, one @query is the start of) to
 * @hits, at most @limit of each per tag, newest first.  A hit the text
 * search found already takes the tag's tier and says the tag.  Tags are
 * few (hundreds, where articles are many thousands), so they are read and
 * compared here rather than indexed. */
static gboolean
add_tag_hits (ClipperStore *self,
              const char   *query,
              guint         limit,
              GPtrArray    *hits,
              GHashTable   *tiers,
              GError      **error)
{
  static const char *const tagged[] = {
    "SELECT a.id, 0, a.title, a.excerpt, a.site_name, a.url, a.saved_at"
    " FROM article_tags t JOIN articles a ON a.id = t.article_id"
    " WHERE t.tag_id = :tag ORDER BY t.article_id DESC LIMIT :limit",
    "SELECT h.article_id, h.id, a.title, h.quote, a.site_name, a.url, a.saved_at FROM highlight_tags t"
    " JOIN highlights h ON h.id = t.highlight_id JOIN articles a ON a.id = h.article_id"
    " WHERE t.tag_id = :tag ORDER BY t.highlight_id DESC LIMIT :limit",
  };
  g_autofree char *folded = fold_tag_text (query);
  gsize folded_len = strlen (folded);
  gboolean typing = ends_in_word_char (query, query + strlen (query));
  g_autoptr(ClipperStmt) tags = NULL;
  g_autoptr(GHashTable) found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) key = g_string_new (NULL);
  int rc;

  if (folded_len == 0)
    return TRUE;
  /* What the text search found, by kind and id. */
  for (guint i = 0; i < hits->len; i++)
    {
      ClipperSearchHit *hit = hits->pdata[i];
      char *hit_key = g_strdup_printf ("%d:%" G_GINT64_FORMAT, hit->kind,
                                       hit->kind == CLIPPER_SEARCH_HIT_ARTICLE ? hit->article_id : hit->highlight_id);

      g_hash_table_insert (found, hit_key, hit);
    }

  tags = prepare (self, "SELECT id, name FROM tags", error);
  if (tags == NULL)
    return FALSE;
  while ((rc = sqlite3_step (tags)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (tags, 1);
      g_autofree char *folded_name = fold_tag_text (name != NULL ? name : "");
      Tier tier;

      if (g_str_equal (folded_name, folded))
        tier = TIER_TAG;
      else if (typing && g_str_has_prefix (folded_name, folded))
        tier = TIER_TAG_START;
      else
        continue;

      for (guint kind = 0; kind < G_N_ELEMENTS (tagged); kind++)
        {
          g_autoptr(ClipperStmt) items = prepare (self, tagged[kind], error);
          int items_rc;

          if (items == NULL)
            return FALSE;
          bind_int64 (items, ":tag", sqlite3_column_int64 (tags, 0));
          bind_int64 (items, ":limit", limit);
          while ((items_rc = sqlite3_step (items)) == SQLITE_ROW)
            {
              gint64 article_id = sqlite3_column_int64 (items, 0);
              gint64 highlight_id = sqlite3_column_int64 (items, 1);
              ClipperSearchHit *hit;

              g_string_printf (key, "%d:%" G_GINT64_FORMAT, kind, kind == 0 ? article_id : highlight_id);
              hit = g_hash_table_lookup (found, key->str);
              if (hit == NULL)
                {
                  hit = item_hit (items, kind == 1);
                  hit->match = CLIPPER_SEARCH_MATCH_TAG;
                  g_ptr_array_add (hits, hit);
                  g_hash_table_insert (found, g_strdup (key->str), hit);
                  g_hash_table_insert (tiers, hit, GINT_TO_POINTER (tier));
                }
              else if (tier < (Tier) GPOINTER_TO_INT (g_hash_table_lookup (tiers, hit)))
                /* Found by its words (or a tag only begun) too: the
                 * better tier. */
                g_hash_table_insert (tiers, hit, GINT_TO_POINTER (tier));
              /* It says the tag named whole over one only begun. */
              if (hit->tag == NULL || tier == TIER_TAG)
                {
                  g_free (hit->tag);
                  hit->tag = g_strdup (name);
                }
            }
          if (items_rc != SQLITE_DONE)
            {
              g_propagate_error (error, fts_error (self, items_rc));
              return FALSE;
            }
        }
    }
  if (rc != SQLITE_DONE)
    {
      g_propagate_error (error, fts_error (self, rc));
      return FALSE;
    }
  return TRUE;
}

/* Snippets of so many tokens: sixteen words read as a line or two.  A
 * token of CJK text is one character (see clipper-store-words.c), and
 * sixteen of them are barely a phrase. */
#define SNIPPET_TOKENS 16
#define CJK_SNIPPET_TOKENS 48

/* Folds one character as clipper_words does. */
static char *
fold_character (const char *p)
{
  g_autofree char *nfkc = g_utf8_normalize (p, g_utf8_next_char (p) - p, G_NORMALIZE_NFKC);

  return g_utf8_casefold (nfkc != NULL ? nfkc : "", -1);
}

/* %NULL when @query has no CJK text; else the characters it searches for
 * alone (a CJK run of one character), folded. */
static GPtrArray *
lone_cjk_characters (const char *query)
{
  GPtrArray *lone = NULL;
  gboolean before = FALSE;

  for (const char *p = query; *p != '\0'; p = g_utf8_next_char (p))
    {
      gboolean cjk = clipper_store_words_is_cjk (g_utf8_get_char (p));
      const char *next = g_utf8_next_char (p);

      if (cjk && lone == NULL)
        lone = g_ptr_array_new_with_free_func (g_free);
      if (cjk && !before && (*next == '\0' || !clipper_store_words_is_cjk (g_utf8_get_char (next))))
        g_ptr_array_add (lone, fold_character (p));
      before = cjk;
    }
  return lone;
}

static gboolean
is_lone (GPtrArray *lone, const char *p)
{
  g_autofree char *folded = fold_character (p);

  return g_ptr_array_find_with_equal_func (lone, folded, g_str_equal, NULL);
}

/* clipper_words indexes a CJK character where the pair it starts stands
 * (the run's last character where the last pair does), and FTS5 marks the
 * first token at a position: a search for 館 marked 館で.  A mark of two
 * CJK characters of which one is searched for alone is narrowed to it. */
static char *
narrow_cjk_marks (const char *snippet, GPtrArray *lone)
{
  GString *out = g_string_new (NULL);
  const char *p = snippet;

  while (*p != '\0')
    {
      const char *open = strchr (p, CLIPPER_SNIPPET_OPEN[0]);
      const char *close, *second;
      gboolean first_lone, second_lone;

      if (open == NULL)
        break;
      close = strchr (open + 1, CLIPPER_SNIPPET_CLOSE[0]);
      if (close == NULL)
        break;
      g_string_append_len (out, p, open - p);
      p = close + 1;
      second = g_utf8_next_char (open + 1);
      if (second >= close || g_utf8_next_char (second) != close ||
          !clipper_store_words_is_cjk (g_utf8_get_char (open + 1)) ||
          !clipper_store_words_is_cjk (g_utf8_get_char (second)))
        {
          g_string_append_len (out, open, p - open);
          continue;
        }
      first_lone = is_lone (lone, open + 1);
      second_lone = is_lone (lone, second);
      if (first_lone && !second_lone)
        {
          g_string_append_len (out, open, second - open);
          g_string_append (out, CLIPPER_SNIPPET_CLOSE);
          g_string_append_len (out, second, close - second);
        }
      else if (second_lone && !first_lone)
        {
          g_string_append_len (out, open + 1, second - (open + 1));
          g_string_append (out, CLIPPER_SNIPPET_OPEN);
          g_string_append_len (out, second, p - second);
        }
      else
        g_string_append_len (out, open, p - open);
    }
  g_string_append (out, p);
  return g_string_free (out, FALSE);
}

/* The QUERY error for @problem, in English for the CLI and the logs (the
 * app says it in the user's language: clipper_search_query_problem()).
 * Returns NULL, for the search to return. */
static GPtrArray *
query_error (GError **error, ClipperSearchQueryProblem problem, const char *query)
{
  switch (problem)
    {
    case CLIPPER_SEARCH_QUERY_NOT_TEXT:
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_QUERY, "the search query is not valid UTF-8 text");
      break;
    case CLIPPER_SEARCH_QUERY_NO_WORDS:
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_QUERY,
                   "the search query '%s' has no words to search for", query);
      break;
    /* A query of nothing but "-word"s: FTS5 has no "everything but", and a
     * search for the words themselves would find the opposite. */
    case CLIPPER_SEARCH_QUERY_ONLY_LEFT_OUT:
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_QUERY,
                   "the search query '%s' only leaves words out (-word); give a word to search for as well", query);
      break;
    case CLIPPER_SEARCH_QUERY_OR_LEFT_OUT:
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_QUERY,
                   "the search query '%s' joins a left-out word (-word) with OR, and a search cannot find "
                   "\"this, or everything without that\"; drop the OR or the minus", query);
      break;
    case CLIPPER_SEARCH_QUERY_OPERATORS:
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_QUERY,
                   "the search query '%s' has two operators side by side (AND, OR, NOT); take one out", query);
      break;
    case CLIPPER_SEARCH_QUERY_NOT_GROUP:
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_QUERY,
                   "the search query '%s' puts NOT before a parenthesis with nothing before it to keep; "
                   "leave words out one by one (-word)", query);
      break;
    case CLIPPER_SEARCH_QUERY_EMPTY_FILTER:
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_QUERY,
                   "the search query '%s' has a tag: or color: with no name after it", query);
      break;
    case CLIPPER_SEARCH_QUERY_BAD_COLOR:
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_QUERY,
                   "the search query '%s' names a colour that is none; color: takes yellow, green, blue, pink "
                   "or purple", query);
      break;
    case CLIPPER_SEARCH_QUERY_OK:
    default:
      g_assert_not_reached ();
    }
  return NULL;
}

/* The checks clipper_store_search() makes before it searches, and the
 * FTS5 expression of @query's words (NULL: search them literally, or
 * none, as @problem says).  @filters gets its filters, and @rest what
 * is left of the query, its words, with them taken out. */
static char *
read_query (const char                *query,
            SearchFilters             *filters,
            GPtrArray                 *phrases,
            GPtrArray                 *literals,
            GPtrArray                 *excluded,
            GString                   *kept,
            char                     **rest,
            ClipperSearchQueryProblem *problem)
{
  char *words;

  *rest = NULL;
  if (query == NULL || !g_utf8_validate (query, -1, NULL))
    {
      *problem = CLIPPER_SEARCH_QUERY_NOT_TEXT;
      return NULL;
    }
  *rest = take_filters (query, filters, problem);
  if (*rest == NULL)
    return NULL;
  if (!has_word_char (*rest, *rest + strlen (*rest)))
    {
      /* Filters alone list what passes them. */
      if (!search_filters_any (filters))
        *problem = CLIPPER_SEARCH_QUERY_NO_WORDS;
      return NULL;
    }
  words = build_fts_query (*rest, phrases, literals, excluded, kept, problem);
  /* Left-out words alone: FTS5 has no "everything but" (with filters,
   * what passes them, less those). */
  if (words != NULL && *words == '\0' && excluded->len > 0 && !search_filters_any (filters))
    {
      *problem = CLIPPER_SEARCH_QUERY_ONLY_LEFT_OUT;
      g_clear_pointer (&words, g_free);
    }
  return words;
}

ClipperSearchQueryProblem
clipper_search_query_problem (const char *query)
{
  g_auto(SearchFilters) filters = { 0 };
  g_autoptr(GPtrArray) phrases = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) literals = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) excluded = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) kept = g_string_new (NULL);
  g_autofree char *words = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *literal = NULL;
  ClipperSearchQueryProblem problem;

  search_filters_init (&filters);
  words = read_query (query, &filters, phrases, literals, excluded, kept, &rest, &problem);
  if (words != NULL || problem != CLIPPER_SEARCH_QUERY_OK || !has_word_char (rest, rest + strlen (rest)))
    return problem;
  /* Not parsed (an unclosed quote): searched as its words. */
  g_ptr_array_set_size (excluded, 0);
  literal = build_literal_query (rest, excluded, NULL);
  return *literal == '\0' && excluded->len > 0 && !search_filters_any (&filters)
           ? CLIPPER_SEARCH_QUERY_ONLY_LEFT_OUT : CLIPPER_SEARCH_QUERY_OK;
}

/* Drops from @hits those found by a tag or filters alone (their text
 * was not searched) whose text holds one of @excluded. */
static gboolean
drop_excluded_tag_hits (ClipperStore *self,
                        GPtrArray    *excluded,
                        GPtrArray    *hits,
                        GHashTable   *tiers,
                        GError      **error)
{
  static const char *const holds[] = {
    "SELECT 1 FROM articles_fts WHERE articles_fts MATCH :match AND rowid = :id",
    "SELECT 1 FROM highlights_fts WHERE highlights_fts MATCH :match AND rowid = :id",
  };
  g_autoptr(GString) any = g_string_new (NULL);

  for (guint i = 0; i < excluded->len; i++)
    g_string_append_printf (any, "%s%s", i > 0 ? " OR " : "", (const char *) excluded->pdata[i]);
  for (guint i = hits->len; i > 0; i--)
    {
      ClipperSearchHit *hit = hits->pdata[i - 1];
      gboolean article = hit->kind == CLIPPER_SEARCH_HIT_ARTICLE;
      g_autoptr(ClipperStmt) stmt = NULL;
      int rc;

      if (hit->match != CLIPPER_SEARCH_MATCH_TAG && GPOINTER_TO_INT (g_hash_table_lookup (tiers, hit)) != TIER_FILTERED)
        continue;
      stmt = prepare (self, holds[article ? 0 : 1], error);
      if (stmt == NULL)
        return FALSE;
      bind_text (stmt, ":match", any->str);
      bind_int64 (stmt, ":id", article ? hit->article_id : hit->highlight_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          g_hash_table_remove (tiers, hit);
          g_ptr_array_remove_index (hits, i - 1);
        }
      else if (rc != SQLITE_DONE)
        {
          g_propagate_error (error, fts_error (self, rc));
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * clipper_store_search:
 * @limit: the most hits to return; 0 for 20
 *
 * Searches titles, bylines, article text, highlight quotes and notes.  Bare
 * words match as prefixes of words; "quoted phrases", AND, OR, NOT,
 * parentheses and word* work as in FTS5.  A "-word" (or -"a phrase")
 * leaves out what holds that whole word (word* for its starts) in its
 * text, wherever it stands: "x AND -y" and "x NOT -y" are "x -y", while
 * "x OR -y" (x, or everything without y) is QUERY, and so is a query of
 * nothing but those.  An operator with nothing to join is read as meant
 * (build_fts_query()): "AND tea" is "tea", "NOT coffee tea" "tea -coffee".
 * tag:NAME, tag:"a name" and color:NAME (-tag:, NOT color: …) filter the
 * hits (take_filters()); alone, they list what passes them.  Column
 * filters and other FTS5
 * syntax in the query are searched as text.  A query FTS5 cannot parse
 * (an unclosed quote, `AND OR`) is searched as its literal words; a query with
 * no words at all is QUERY, and clipper_search_query_problem() says why.  A highlight hit says whether the words are in
 * its passage or only in its note, and gives its passage either way.
 *
 * Hits come in tiers, bm25 ranking each: first what carries a tag the
 * query names (accents, case, spaces and dashes aside: "cafe" names
 * "café", "reading list" "reading-list"; ClipperSearchHit.tag says it);
 * then, for a query with a word the index drops signs of ("C++", "C#",
 * ".NET", "node.js"), the text that holds it as typed, which the index
 * cannot tell from a lone "c"; then the other text hits; last what
 * carries a tag the query's last word, still being typed, begins.
 *
 * When a query matches more than 2,000 articles (or highlights), only the
 * 2,000 most recently saved of them are ranked.  Ranking every match of a
 * very common word in a library of 100,000 articles costs a good part of
 * a second; a word that common says little about relevance, and recency is
 * the better guide there.  Rarer words are ranked over all their matches.
 *
 * A query made only of "quoted phrases" of two words or more looks the
 * articles and the highlights up in their bigram indexes (articles_bigrams
 * and highlights_bigrams: pairs of neighbouring words; see
 * clipper-store-bigram.c), where a rare phrase of common words is a short
 * list instead of a walk through the position lists of nearly every row.
 * They find the same rows as the word indexes; bm25 there counts pairs
 * instead of words, so scores differ a little from the word index's.
 * Snippets still come from the word indexes, one hit at a time.
 *
 * Returns: (transfer container) (element-type ClipperSearchHit): the hits,
 *   best (lowest bm25 rank) first, or %NULL with @error set.
 */
GPtrArray *
clipper_store_search (ClipperStore *self, const char *query, guint limit, GError **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) clipper_search_hit_free);
  g_autoptr(GPtrArray) phrases = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) literals = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) excluded = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) tiers = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) lone = NULL;
  guint snippet_tokens;
  g_autofree char *words = NULL;
  g_autofree char *match = NULL;
  g_autofree char *words_literal = NULL;
  g_autoptr(GString) kept = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  g_auto(SearchFilters) filters = { 0 };
  g_autofree char *rest = NULL;
  ClipperSearchQueryProblem problem;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);

  search_filters_init (&filters);
  words = read_query (query, &filters, phrases, literals, excluded, kept, &rest, &problem);
  if (problem != CLIPPER_SEARCH_QUERY_OK)
    return query_error (error, problem, query);
  if (limit == 0)
    limit = DEFAULT_SEARCH_LIMIT;
  if (!resolve_filter_tags (self, &filters, error))
    return NULL;
  /* A tag: that no tag is: nothing carries it. */
  if (filters.unknown_tag)
    return g_steal_pointer (&hits);
  if (search_filters_any (&filters) && (!has_word_char (rest, rest + strlen (rest)) || (words != NULL && *words == '\0')))
    {
      if (!list_filtered (self, &filters, limit, hits, tiers, error))
        return NULL;
      goto filtered;
    }
  lone = lone_cjk_characters (rest);
  snippet_tokens = lone != NULL ? CJK_SNIPPET_TOKENS : SNIPPET_TOKENS;

  match = words != NULL ? add_exclusions (words, excluded) : NULL;
  if (match != NULL && *match != '\0' &&
      search_fts (self, match, literals, &filters, phrases_have_pairs (self, phrases), snippet_tokens, limit, hits,
                  tiers, &local_error))
    goto done;
  if (local_error != NULL && local_error->code != CLIPPER_STORE_ERROR_QUERY)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  g_debug ("Searching '%s' literally (%s)", query, local_error ? local_error->message : "not parsed");
  g_clear_error (&local_error);
  g_hash_table_remove_all (tiers);
  g_ptr_array_set_size (hits, 0);
  /* The tag search reads the query as the text search could; when FTS5
   * could (and only ran into trouble), its reading stands. */
  if (words == NULL)
    g_string_truncate (kept, 0);
  g_clear_pointer (&match, g_free);
  g_ptr_array_set_size (excluded, 0);
  words_literal = build_literal_query (rest, excluded, words == NULL ? kept : NULL);
  g_free (words);
  words = g_steal_pointer (&words_literal);
  if (*words == '\0' && excluded->len > 0)
    {
      if (!search_filters_any (&filters))
        return query_error (error, CLIPPER_SEARCH_QUERY_ONLY_LEFT_OUT, query);
      if (!list_filtered (self, &filters, limit, hits, tiers, error))
        return NULL;
      goto filtered;
    }
  match = add_exclusions (words, excluded);
  if (!search_fts (self, match, NULL, &filters, FALSE, snippet_tokens, limit, hits, tiers, &local_error))
    {
      g_set_error (error, CLIPPER_STORE_ERROR,
                   local_error->code == CLIPPER_STORE_ERROR_QUERY ? CLIPPER_STORE_ERROR_QUERY : local_error->code,
                   "cannot search for '%s': %s", query, local_error->message);
      return NULL;
    }

done:
  if (lone != NULL && lone->len > 0)
    for (guint i = 0; i < hits->len; i++)
      {
        ClipperSearchHit *hit = hits->pdata[i];
        char *narrowed = narrow_cjk_marks (hit->snippet, lone);

        g_free (hit->snippet);
        hit->snippet = narrowed;
      }
  /* The tags the query names are those of its words, the left-out ones
   * aside; what carries them but holds a left-out word goes. */
  if (!add_tag_hits (self, kept->str, limit, hits, tiers, error))
    return NULL;
  if (search_filters_any (&filters) && !drop_filtered_hits (self, &filters, hits, tiers, error))
    return NULL;
filtered:
  if (excluded->len > 0 && !drop_excluded_tag_hits (self, excluded, hits, tiers, error))
    return NULL;
  g_ptr_array_sort_with_data (hits, compare_hits, tiers);
  if (hits->len > limit)
    g_ptr_array_set_size (hits, limit);
  return g_steal_pointer (&hits);
}

/* ---------------------------------------------------------------------- */
/* Whole-library reads for exporters                                       */

/* Big enough that paging costs nothing, small enough that memory stays flat. */
#define FOREACH_PAGE_SIZE 256

static gboolean
visit_article (ClipperStore             *self,
               ClipperArticle           *article,
               ClipperStoreArticleFilter filter,
               ClipperStoreArticleFunc   func,
               gpointer                  user_data,
               GError                  **error)
{
  ClipperHighlightQuery hq = { 0 };
  g_autoptr(GPtrArray) highlights = NULL;

  if (filter != NULL && !filter (article, user_data))
    return TRUE;
  hq.article_id = clipper_article_get_id (article);
  highlights = clipper_store_list_highlights (self, &hq, error);
  if (highlights == NULL)
    return FALSE;
  return func (article, highlights, user_data, error);
}

/**
 * clipper_store_foreach_article:
 *
 * See clipper-store.h.  Pages through the library with the same keyset
 * query as the article list (oldest saved first, then by id), so memory
 * stays flat however big the library is.
 */
gboolean
clipper_store_foreach_article (ClipperStore             *self,
                               GArray                   *ids,
                               const char               *tag,
                               gboolean                  full,
                               ClipperStoreArticleFilter filter,
                               ClipperStoreArticleFunc   func,
                               gpointer                  user_data,
                               GCancellable             *cancellable,
                               GError                  **error)
{
  ClipperListQuery query = { 0 };
  g_autoptr(ClipperArticle) after = NULL;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (ids != NULL && ids->len > 0)
    {
      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr(ClipperArticle) article = NULL;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          article = clipper_store_get_article (self, g_array_index (ids, gint64, i), error);
          if (article == NULL)
            return FALSE;
          if (tag != NULL && !g_strv_contains (clipper_article_get_tags (article), tag))
            continue;
          if (!visit_article (self, article, filter, func, user_data, error))
            return FALSE;
        }
      return TRUE;
    }

  query.tag = tag;
  query.state = CLIPPER_STATE_FILTER_ALL;
  query.sort = CLIPPER_LIST_SORT_SAVED_ASC;
  query.limit = FOREACH_PAGE_SIZE;
  for (;;)
    {
      g_autoptr(GPtrArray) page = clipper_store_list_articles (self, &query, after, error);

      if (page == NULL)
        return FALSE;
      for (guint i = 0; i < page->len; i++)
        {
          ClipperArticle *light = g_ptr_array_index (page, i);
          g_autoptr(ClipperArticle) article = NULL;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (full)
            {
              article = clipper_store_get_article (self, clipper_article_get_id (light), error);
              if (article == NULL)
                return FALSE;
            }
          else
            article = g_object_ref (light);
          if (!visit_article (self, article, filter, func, user_data, error))
            return FALSE;
        }
      if (page->len < FOREACH_PAGE_SIZE)
        break;
      g_set_object (&after, g_ptr_array_index (page, page->len - 1));
    }
  return TRUE;
}

/**
 * clipper_store_count_foreach:
 *
 * See clipper-store.h.
 */
gboolean
clipper_store_count_foreach (ClipperStore *self,
                             GArray       *ids,
                             const char   *tag,
                             guint        *out_count,
                             GError      **error)
{
  ClipperListQuery query = { 0 };

  g_return_val_if_fail (CLIPPER_IS_STORE (self), FALSE);
  g_return_val_if_fail (out_count != NULL, FALSE);

  if (ids != NULL && ids->len > 0)
    {
      *out_count = ids->len;
      return TRUE;
    }
  query.tag = tag;
  query.state = CLIPPER_STATE_FILTER_ALL;
  return clipper_store_count_articles (self, &query, out_count, error);
}

/* FNV-1a, 64 bits: fast, and good enough to notice a change. */
static guint64
fnv1a (guint64 h, const void *data, gsize len)
{
  const guchar *p = data;

  for (gsize i = 0; i < len; i++)
    {
      h ^= p[i];
      h *= 0x100000001b3ull;
    }
  return h;
}

/* Hashes columns 1… of each row into the article of column 0.  A row's
 * hash is summed into its article's, so the order of rows does not
 * matter. */
static gboolean
add_fingerprints (ClipperStore *self, const char *sql, GHashTable *table, GError **error)
{
  g_autoptr(ClipperStmt) stmt = prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint64 h = 0xcbf29ce484222325ull;
      gint64 article_id = sqlite3_column_int64 (stmt, 0);
      guint64 *sum;

      for (int c = 1; c < sqlite3_column_count (stmt); c++)
        {
          guchar type = (guchar) sqlite3_column_type (stmt, c);

          /* The type and a separator keep "ab","c" apart from "a","bc". */
          h = fnv1a (h, &type, 1);
          if (type == SQLITE_INTEGER)
            {
              gint64 v = sqlite3_column_int64 (stmt, c);

              h = fnv1a (h, &v, sizeof v);
            }
          else if (type != SQLITE_NULL)
            {
              const void *blob = sqlite3_column_blob (stmt, c);

              h = fnv1a (h, blob, sqlite3_column_bytes (stmt, c));
            }
          h = fnv1a (h, "\x1f", 1);
        }
      sum = g_hash_table_lookup (table, &article_id);
      if (sum == NULL)
        {
          sum = g_new0 (guint64, 1);
          g_hash_table_insert (table, g_memdup2 (&article_id, sizeof article_id), sum);
        }
      *sum += h * 0x9e3779b97f4a7c15ull + 1;
    }
  if (rc != SQLITE_DONE)
    {
      clipper_store_set_sqlite_error (error, self->db, rc, "cannot read the highlights");
      return FALSE;
    }
  return TRUE;
}

/**
 * clipper_store_dup_highlight_fingerprints:
 *
 * See clipper-store.h.  Two scans over this connection: every column of
 * every highlight, then apart (few highlights have tags, and a subquery
 * per highlight would cost more than all the rest) the names of their
 * tags, both in one read transaction so that they see the same library.
 */
GHashTable *
clipper_store_dup_highlight_fingerprints (ClipperStore *self, GError **error)
{
  static const char highlights_sql[] =
    "SELECT h.article_id, h.id, h.uuid, h.color, h.quote, h.prefix, h.suffix, h.start_offset,"
    " h.end_offset, h.note, h.anchored, h.original_quote, h.created_at, h.updated_at"
    " FROM highlights h";
  static const char tags_sql[] =
    "SELECT h.article_id, ht.highlight_id, t.name"
    " FROM highlight_tags ht JOIN highlights h ON h.id = ht.highlight_id JOIN tags t ON t.id = ht.tag_id";
  /* Pages apart too, and only the known ones: a highlight without a page
   * (all but a Kindle book's) hashes as it did before schema version 10,
   * so the upgrade leaves every vault file's fingerprint as it was.  The
   * 'page' column keeps a page apart from a tag of the same name. */
  static const char pages_sql[] =
    "SELECT h.article_id, h.id, 'page', h.page FROM highlights h WHERE h.page IS NOT NULL";
  g_autoptr(GHashTable) table = NULL;
  gboolean own_tx;
  gboolean ok;

  g_return_val_if_fail (CLIPPER_IS_STORE (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  /* Inside a caller's transaction the reads see it already. */
  own_tx = self->tx_depth == 0;
  if (own_tx && !run_cached (self, "BEGIN", "cannot read the highlights", error))
    return NULL;
  ok = add_fingerprints (self, highlights_sql, table, error) &&
       add_fingerprints (self, tags_sql, table, error) &&
       add_fingerprints (self, pages_sql, table, error);
  if (own_tx)
    run_cached (self, "COMMIT", "cannot read the highlights", NULL);
  return ok ? g_steal_pointer (&table) : NULL;
}
