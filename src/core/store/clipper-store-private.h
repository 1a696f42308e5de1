/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internals of the store shared between its files: the schema history and
 * the mapping of SQLite result codes to CLIPPER_STORE_ERROR.
 */
#pragma once

#include <sqlite3.h>

#include "clipper-store.h"

G_BEGIN_DECLS

/* The newest schema this build knows.  Bump it together with a new step in
 * clipper-store-migrations.c, never by editing an old step. */
#define CLIPPER_STORE_SCHEMA_VERSION 16

/* Sets @error from the connection's last error; @what says what we were doing
 * ("cannot save the article"). */
void     clipper_store_set_sqlite_error (GError    **error,
                                         sqlite3    *db,
                                         int         rc,
                                         const char *what);

/* Brings the database at @db up to CLIPPER_STORE_SCHEMA_VERSION, one step
 * (one transaction) at a time.  Refuses a database from a newer Clipper
 * (TOO_NEW) and one that is not a Clipper library (CORRUPT).  Stops at
 * @target_version when it is > 0 (tests build old databases that way). */
gboolean clipper_store_migrate          (sqlite3    *db,
                                         const char *path,
                                         int         target_version,
                                         int        *out_version,
                                         GError    **error);

/* The schema version of the library at @db, read without writing: CORRUPT
 * for a database that is not a Clipper library (version 0 included: it
 * has none of its tables yet), TOO_NEW as clipper_store_migrate(). */
gboolean clipper_store_read_version     (sqlite3    *db,
                                         const char *path,
                                         int        *out_version,
                                         GError    **error);

/* Adds clipper_rank() (bm25 without the IDF pass for one-phrase queries;
 * see clipper-store-rank.c) to the connection's FTS5. */
gboolean clipper_store_register_rank    (sqlite3    *db,
                                         GError    **error);

/* The connection's FTS5 API, or NULL when SQLite was built without it. */
fts5_api *clipper_store_get_fts5        (sqlite3    *db);

/* Adds the "clipper_words" tokenizer (unicode61, with CJK text in pairs of
 * characters; see clipper-store-words.c) and the "clipper_bigram" one
 * (pairs of neighbouring words; see clipper-store-bigram.c) to the
 * connection's FTS5.  The search indexes need them for every search and
 * every write, so every connection that writes articles or highlights
 * must register them (other tools, such as the sqlite3 shell, can read the
 * library's tables but neither search it nor change what it indexes). */
gboolean clipper_store_register_tokenizers (sqlite3    *db,
                                            GError    **error);
gboolean clipper_store_register_words      (sqlite3    *db,
                                            GError    **error);

/* Until called again with 0, clipper_words on @db splits text as schema
 * @version did: up to 11, before it folded Arabic, or 12 and 13, before
 * it folded ؤ, ئ and Persian's ی and ک.  An upgrade writes each step's
 * words with it, and takes a row's old words out of the indexes
 * (migrate_to_12(), migrate_to_14()). */
void     clipper_store_words_split_as     (sqlite3 *db,
                                           int      version);

/* Whether clipper_words indexes @c in pairs of characters (Chinese,
 * Japanese, Korean). */
gboolean clipper_store_words_is_cjk     (gunichar    c);

/* How many words the word index finds in @text (0 on error). */
guint    clipper_store_count_words      (sqlite3    *db,
                                         const char *text);

/* Opens @path migrating only up to @version (0: the newest).  Tests use it
 * to make databases as older Clipper versions left them. */
ClipperStore *clipper_store_open_at_version (const char *path,
                                             int         version,
                                             GError    **error);

/* How many of the newest matches clipper_store_search() ranks (0: all).
 * Tests make it small to see the effect without thousands of rows. */
void clipper_store_set_rank_window (ClipperStore *self,
                                    guint         window);

/* Read locks on the library that no close() elsewhere in the process
 * drops, one set per file, counted by the stores open on it (see
 * clipper-store-locks.c). */
typedef struct _ClipperStoreLocks ClipperStoreLocks;

ClipperStoreLocks *clipper_store_locks_hold     (const char        *path);
void               clipper_store_locks_release  (ClipperStoreLocks *locks);
gboolean           clipper_store_locks_is_alone (ClipperStoreLocks *locks);
gboolean           clipper_store_locks_are_held (ClipperStoreLocks *locks);
/* Tests play a system without the locks. */
void               clipper_store_locks_set_enabled (gboolean     enabled);

G_END_DECLS
