/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Another program that opens the library with plain SQLite, as the sqlite3
 * shell or a backup script does: none of Clipper's settings, so SQLite's
 * own behaviour on close.  A connection that closes while it can lock the
 * database alone copies the log into it and deletes library.db-wal and
 * library.db-shm, whoever else still uses them.
 *
 *   sqlite-visitor DB SQL
 *
 * runs SQL and prints the first column of each row it gives.
 *
 *   sqlite-visitor DB --locks
 *
 * opens nothing with SQLite, but asks the system which of the locks that
 * say "in use" other processes hold: "shared" when one holds DB's SHARED
 * bytes (a closing connection deletes the log only if it can lock them
 * for writing), "dms" when one holds the -shm file's DMS byte (an opening
 * one empties that file when no one does).  The offsets are SQLite's
 * (os_unix.c).
 *
 * Exit status: 0 done, 1 SQLite failed (the message is on stderr).
 */
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Whether another process holds a lock on @length bytes at @start of
 * @path that a write lock would conflict with. */
static int
is_locked (const char *path, off_t start, off_t length)
{
  struct flock lock = { 0 };
  int fd = open (path, O_RDONLY);
  int locked;

  if (fd < 0)
    return 0;
  lock.l_type = F_WRLCK;
  lock.l_whence = SEEK_SET;
  lock.l_start = start;
  lock.l_len = length;
  locked = fcntl (fd, F_GETLK, &lock) == 0 && lock.l_type != F_UNLCK;
  close (fd);
  return locked;
}

static int
print_row (void *data, int n_columns, char **values, char **names)
{
  printf ("%s\n", values[0] != NULL ? values[0] : "NULL");
  return 0;
}

int
main (int argc, char **argv)
{
  sqlite3 *db = NULL;
  char *message = NULL;
  int rc;

  if (argc != 3)
    {
      fprintf (stderr, "usage: sqlite-visitor DB SQL|--locks\n");
      return 2;
    }
  if (strcmp (argv[2], "--locks") == 0)
    {
      char shm[4096];

      snprintf (shm, sizeof shm, "%s-shm", argv[1]);
      if (is_locked (argv[1], 0x40000000 + 2, 510))
        printf ("shared\n");
      if (is_locked (shm, 128, 1))
        printf ("dms\n");
      return 0;
    }

  rc = sqlite3_open_v2 (argv[1], &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, argv[2], print_row, NULL, &message);
  if (rc != SQLITE_OK)
    fprintf (stderr, "sqlite-visitor: %s\n", message != NULL ? message : sqlite3_errmsg (db));
  sqlite3_free (message);
  if (sqlite3_close (db) != SQLITE_OK)
    rc = SQLITE_ERROR;
  return rc == SQLITE_OK ? 0 : 1;
}
