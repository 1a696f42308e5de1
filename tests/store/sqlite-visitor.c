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
 * Exit status: 0 done, 1 SQLite failed (the message is on stderr).
 */
#include <sqlite3.h>
#include <stdio.h>

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
      fprintf (stderr, "usage: sqlite-visitor DB SQL\n");
      return 2;
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
