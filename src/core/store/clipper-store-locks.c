/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Locks on the library that nothing else in the process can drop.
 *
 * SQLite's locks are POSIX (fcntl) locks, which belong to the process, and
 * closing any descriptor of a file drops every one the process holds on it
 * (https://sqlite.org/howtocorrupt.html, section 2.2).  SQLite never closes
 * a descriptor of a locked file, but GIO does: a GTK file chooser listing
 * the library's folder opens and closes library.db and library.db-shm to
 * guess their types.  With no lock left, another program with plain
 * SQLite (the sqlite3 shell, a backup script) took itself for the
 * library's last user when it closed: it copied the log into library.db
 * and deleted library.db-wal and library.db-shm, and the app's later
 * changes went into the deleted files, lost to every other program and
 * to its own next start.
 *
 * So each open store also holds, on a descriptor of its own, the two read
 * locks that tell other programs the library is in use, as open file
 * description locks (F_OFD_SETLK, Linux): those belong to that descriptor,
 * which only this file closes, and a close() elsewhere leaves them.  They
 * are the locks SQLite holds for every connection in WAL mode:
 *
 * - a read lock on the database file's SHARED bytes, which a closing
 *   connection must lock for writing before it deletes the log;
 * - a read lock on the -shm file's DMS byte, which a connection opening
 *   the -shm file locks for writing when it finds no one else, before it
 *   empties the file as abandoned (under the mapping we still use).
 *
 * Against other processes they are SQLite's own read locks.  In this
 * process they stand in the way of no lock SQLite takes while the library
 * is open in WAL mode: read locks never conflict, and it locks those bytes
 * for writing only to leave WAL mode, which we never do, or to delete the
 * log on close, which our connections do not (keep_wal_files() in
 * clipper-store.c).  The offsets are SQLite's file format (os_unix.c:
 * every program sharing a file must agree on them).
 *
 * The locks are held once per file in the process, counted by the stores
 * open on it, so that a store can tell whether it is the only one.
 */
#define G_LOG_DOMAIN "clipper-store"

#define _GNU_SOURCE

#include "clipper-store-private.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

/* SQLite's PENDING_BYTE and the SHARED range after it (os_unix.c). */
#define SHARED_FIRST (0x40000000 + 2)
#define SHARED_SIZE 510
/* The -shm file's "dead man switch" byte, after its 120-byte header and
 * eight lock bytes (UNIX_SHM_DMS). */
#define SHM_DMS 128

struct _ClipperStoreLocks
{
  dev_t dev;
  ino_t ino;
  guint stores;
  int db_fd;    /* -1: not open */
  int shm_fd;
  gboolean db_locked;
  gboolean shm_locked;
};

static GMutex held_mutex;
static GPtrArray *held;   /* of ClipperStoreLocks; one per library open */
static gboolean disabled;

/* Takes a read lock on @length bytes at @start of the file open as *@fd
 * (opening @path first when it is not) that only closing that descriptor
 * releases: whether *@locked.  A descriptor whose lock failed stays open
 * until the last store closes, as SQLite keeps its own: closing it would
 * drop the POSIX locks SQLite holds on the file, the very thing these
 * locks are there against (it did, at each store opened while the lock
 * could not be had). */
static void
hold_read_lock (const char *path,
                off_t       start,
                off_t       length,
                int        *fd,
                gboolean   *locked)
{
#ifdef F_OFD_SETLK
  struct flock lock = { 0 };

  if (*locked)
    return;
  if (*fd < 0)
    *fd = open (path, O_RDONLY | O_CLOEXEC);
  if (*fd < 0)
    return;
  /* Tests play a kernel without open file description locks, whose
   * fcntl() refuses them (EINVAL). */
  if (disabled)
    return;
  lock.l_type = F_RDLCK;
  lock.l_whence = SEEK_SET;
  lock.l_start = start;
  lock.l_len = length;
  *locked = fcntl (*fd, F_OFD_SETLK, &lock) == 0;
  if (!*locked)
    g_debug ("Cannot lock %s: %s", path, g_strerror (errno));
#endif
}

/* Closes @fd, which drops the process's POSIX locks on its file: only
 * once no store has the library open. */
static void
close_fd (int *fd)
{
  if (*fd >= 0)
    close (*fd);
  *fd = -1;
}

/**
 * clipper_store_locks_hold:
 * @path: a library that a connection of this process has open in WAL mode
 *
 * Holds the library's locks for one more store.
 *
 * Returns: (transfer full) (nullable): what to give
 *   clipper_store_locks_release() when the store closes, or %NULL when
 *   @path cannot be found.
 */
ClipperStoreLocks *
clipper_store_locks_hold (const char *path)
{
  g_autoptr(GMutexLocker) locker G_GNUC_UNUSED = g_mutex_locker_new (&held_mutex);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  ClipperStoreLocks *locks = NULL;
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return NULL;
  if (held == NULL)
    held = g_ptr_array_new ();
  for (guint i = 0; i < held->len && locks == NULL; i++)
    {
      ClipperStoreLocks *other = g_ptr_array_index (held, i);

      if (other->dev == st.st_dev && other->ino == st.st_ino)
        locks = other;
    }
  if (locks == NULL)
    {
      locks = g_new0 (ClipperStoreLocks, 1);
      locks->dev = st.st_dev;
      locks->ino = st.st_ino;
      locks->db_fd = -1;
      locks->shm_fd = -1;
      g_ptr_array_add (held, locks);
    }
  locks->stores++;
  /* A library read as "immutable" has no -shm file to lock; a store
   * opened later to write it makes one. */
  hold_read_lock (path, SHARED_FIRST, SHARED_SIZE, &locks->db_fd, &locks->db_locked);
  hold_read_lock (shm, SHM_DMS, 1, &locks->shm_fd, &locks->shm_locked);
  return locks;
}

/**
 * clipper_store_locks_release:
 * @locks: (transfer full): from clipper_store_locks_hold()
 *
 * The store is closed: its connection first, since the last release
 * closes the descriptors, and with them drops any POSIX lock of the
 * process on the files.
 */
void
clipper_store_locks_release (ClipperStoreLocks *locks)
{
  g_autoptr(GMutexLocker) locker G_GNUC_UNUSED = g_mutex_locker_new (&held_mutex);

  g_assert (locks->stores > 0);
  if (--locks->stores > 0)
    return;
  g_ptr_array_remove_fast (held, locks);
  close_fd (&locks->db_fd);
  close_fd (&locks->shm_fd);
  g_free (locks);
}

/**
 * clipper_store_locks_are_held:
 * @locks: from clipper_store_locks_hold()
 *
 * Returns: whether both locks are held: no program that heeds SQLite's
 *   locks can then delete or empty the library's log files.
 */
gboolean
clipper_store_locks_are_held (ClipperStoreLocks *locks)
{
  g_autoptr(GMutexLocker) locker G_GNUC_UNUSED = g_mutex_locker_new (&held_mutex);

  return locks->db_locked && locks->shm_locked;
}

/**
 * clipper_store_locks_set_enabled:
 * @enabled: whether to take the locks
 *
 * Tests turn them off to play a system without open file description
 * locks; libraries already open keep theirs.
 */
void
clipper_store_locks_set_enabled (gboolean enabled)
{
  g_autoptr(GMutexLocker) locker G_GNUC_UNUSED = g_mutex_locker_new (&held_mutex);

  disabled = !enabled;
}

/**
 * clipper_store_locks_is_alone:
 * @locks: from clipper_store_locks_hold()
 *
 * Returns: whether one store only has the library open in this process.
 */
gboolean
clipper_store_locks_is_alone (ClipperStoreLocks *locks)
{
  g_autoptr(GMutexLocker) locker G_GNUC_UNUSED = g_mutex_locker_new (&held_mutex);

  return locks->stores == 1;
}
