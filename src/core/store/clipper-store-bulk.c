/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "clipper-store"

#include "clipper-store-bulk.h"

#include <sqlite3.h>

/* Big enough that paging costs nothing, small enough that memory stays flat. */
#define PAGE_SIZE 256

static gboolean
visit (ClipperStore             *store,
       ClipperArticle           *article,
       ClipperStoreArticleFilter filter,
       ClipperStoreArticleFunc   func,
       gpointer                  user_data,
       GError                  **error)
{
  ClipperHighlightQuery hq = { 0 };
  g_autoptr (GPtrArray) highlights = NULL;

  if (filter != NULL && !filter (article, user_data))
    return TRUE;

  hq.article_id = clipper_article_get_id (article);
  highlights = clipper_store_list_highlights (store, &hq, error);
  if (highlights == NULL)
    return FALSE;

  return func (article, highlights, user_data, error);
}

gboolean
clipper_store_bulk_foreach_article (ClipperStore            *store,
                                    GArray                  *ids,
                                    const char              *tag,
                                    gboolean                 full,
                                    ClipperStoreArticleFilter filter,
                                    ClipperStoreArticleFunc  func,
                                    gpointer                 user_data,
                                    GCancellable            *cancellable,
                                    GError                 **error)
{
  ClipperListQuery query = { 0 };
  g_autoptr (ClipperArticle) after = NULL;

  g_return_val_if_fail (CLIPPER_IS_STORE (store), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (ids != NULL && ids->len > 0)
    {
      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr (ClipperArticle) article = NULL;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          article = clipper_store_get_article (store, g_array_index (ids, gint64, i), error);
          if (article == NULL)
            return FALSE;
          if (tag != NULL && !g_strv_contains (clipper_article_get_tags (article), tag))
            continue;
          if (!visit (store, article, filter, func, user_data, error))
            return FALSE;
        }
      return TRUE;
    }

  query.tag = tag;
  query.state = CLIPPER_STATE_FILTER_ALL;
  query.sort = CLIPPER_LIST_SORT_SAVED_ASC;
  query.limit = PAGE_SIZE;

  for (;;)
    {
      g_autoptr (GPtrArray) page = NULL;

      page = clipper_store_list_articles (store, &query, after, error);
      if (page == NULL)
        return FALSE;

      for (guint i = 0; i < page->len; i++)
        {
          ClipperArticle *light = g_ptr_array_index (page, i);
          g_autoptr (ClipperArticle) article = NULL;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (full)
            {
              article = clipper_store_get_article (store, clipper_article_get_id (light), error);
              if (article == NULL)
                return FALSE;
            }
          else
            article = g_object_ref (light);

          if (!visit (store, article, filter, func, user_data, error))
            return FALSE;
        }

      if (page->len < PAGE_SIZE)
        break;
      g_set_object (&after, g_ptr_array_index (page, page->len - 1));
    }

  return TRUE;
}

gboolean
clipper_store_bulk_count_articles (ClipperStore *store,
                                   GArray       *ids,
                                   const char   *tag,
                                   guint        *out_count,
                                   GError      **error)
{
  ClipperListQuery query = { 0 };

  g_return_val_if_fail (CLIPPER_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_count != NULL, FALSE);

  if (ids != NULL && ids->len > 0)
    {
      *out_count = ids->len;
      return TRUE;
    }

  query.tag = tag;
  query.state = CLIPPER_STATE_FILTER_ALL;
  return clipper_store_count_articles (store, &query, out_count, error);
}

typedef struct {
  gint64 id;
  gint64 updated_at;
} TimeFixup;

struct _ClipperTimeFixups {
  GArray *articles;    /* TimeFixup */
  GArray *highlights;  /* TimeFixup */
};

ClipperTimeFixups *
clipper_time_fixups_new (void)
{
  ClipperTimeFixups *fixups = g_new0 (ClipperTimeFixups, 1);

  fixups->articles = g_array_new (FALSE, FALSE, sizeof (TimeFixup));
  fixups->highlights = g_array_new (FALSE, FALSE, sizeof (TimeFixup));
  return fixups;
}

void
clipper_time_fixups_free (ClipperTimeFixups *fixups)
{
  if (fixups == NULL)
    return;
  g_array_unref (fixups->articles);
  g_array_unref (fixups->highlights);
  g_free (fixups);
}

void
clipper_time_fixups_add_article (ClipperTimeFixups *fixups, gint64 id, gint64 updated_at)
{
  TimeFixup fixup = { id, updated_at };

  if (updated_at > 0)
    g_array_append_val (fixups->articles, fixup);
}

void
clipper_time_fixups_add_highlight (ClipperTimeFixups *fixups, gint64 id, gint64 updated_at)
{
  TimeFixup fixup = { id, updated_at };

  if (updated_at > 0)
    g_array_append_val (fixups->highlights, fixup);
}

static gboolean
sql_failed (sqlite3 *db, const char *what, GError **error)
{
  g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_FAILED,
               "Cannot %s: %s", what, sqlite3_errmsg (db));
  return FALSE;
}

static gboolean
apply_fixups (sqlite3 *db, const char *sql, GArray *fixups, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (fixups->len == 0)
    return TRUE;
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return sql_failed (db, "prepare to restore imported times", error);

  for (guint i = 0; i < fixups->len; i++)
    {
      TimeFixup *fixup = &g_array_index (fixups, TimeFixup, i);

      sqlite3_bind_int64 (stmt, 1, fixup->updated_at);
      sqlite3_bind_int64 (stmt, 2, fixup->id);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          sqlite3_finalize (stmt);
          return sql_failed (db, "restore imported times", error);
        }
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

gboolean
clipper_store_bulk_apply_time_fixups (ClipperStore      *store,
                                      ClipperTimeFixups *fixups,
                                      GError           **error)
{
  sqlite3 *db = NULL;
  gboolean ok;

  g_return_val_if_fail (CLIPPER_IS_STORE (store), FALSE);
  g_return_val_if_fail (fixups != NULL, FALSE);

  if (fixups->articles->len == 0 && fixups->highlights->len == 0)
    return TRUE;

  if (sqlite3_open_v2 (clipper_store_get_path (store), &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      ok = sql_failed (db, "open the library to restore imported times", error);
      sqlite3_close (db);
      return ok;
    }
  sqlite3_busy_timeout (db, 10000);

  ok = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK
       || sql_failed (db, "start restoring imported times", error);
  ok = ok && apply_fixups (db, "UPDATE articles SET updated_at = ?1 WHERE id = ?2", fixups->articles, error);
  ok = ok && apply_fixups (db, "UPDATE highlights SET updated_at = ?1 WHERE id = ?2", fixups->highlights, error);
  if (ok && sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    ok = sql_failed (db, "finish restoring imported times", error);
  if (!ok)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);
  return ok;
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

static guint64 *
fingerprint_slot (GHashTable *table, gint64 article_id)
{
  guint64 *sum = g_hash_table_lookup (table, &article_id);

  if (sum == NULL)
    {
      sum = g_new0 (guint64, 1);
      g_hash_table_insert (table, g_memdup2 (&article_id, sizeof article_id), sum);
    }
  return sum;
}

/* Hashes columns 1… of each row into the article of column 0.  Rows come
 * in any order; a row's hash is summed into its article's, which does not
 * depend on order. */
static gboolean
add_fingerprints (sqlite3 *db, const char *sql, GHashTable *table, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return sql_failed (db, "read highlight fingerprints", error);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint64 h = 0xcbf29ce484222325ull;
      int n = sqlite3_column_count (stmt);

      for (int c = 1; c < n; c++)
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
      *fingerprint_slot (table, sqlite3_column_int64 (stmt, 0)) += h * 0x9e3779b97f4a7c15ull + 1;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sql_failed (db, "read highlight fingerprints", error);
  return TRUE;
}

GHashTable *
clipper_store_bulk_highlight_fingerprints (ClipperStore *store, GError **error)
{
  /* Every column of a highlight; then, apart (few highlights have tags,
   * and a subquery per highlight costs more than all the rest), the names
   * of highlights' tags. */
  static const char highlights_sql[] =
    "SELECT h.article_id, h.id, h.uuid, h.color, h.quote, h.prefix, h.suffix, h.start_offset,"
    " h.end_offset, h.note, h.anchored, h.original_quote, h.created_at, h.updated_at"
    " FROM highlights h";
  static const char tags_sql[] =
    "SELECT h.article_id, ht.highlight_id, t.name"
    " FROM highlight_tags ht JOIN highlights h ON h.id = ht.highlight_id JOIN tags t ON t.id = ht.tag_id";
  g_autoptr (GHashTable) table = NULL;
  sqlite3 *db = NULL;
  gboolean ok;

  g_return_val_if_fail (CLIPPER_IS_STORE (store), NULL);

  if (sqlite3_open_v2 (clipper_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      sql_failed (db, "open the library to read highlight fingerprints", error);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_busy_timeout (db, 10000);

  table = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  /* One read transaction, so both queries see the same library. */
  ok = sqlite3_exec (db, "BEGIN", NULL, NULL, NULL) == SQLITE_OK
       && add_fingerprints (db, highlights_sql, table, error)
       && add_fingerprints (db, tags_sql, table, error);
  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  sqlite3_close (db);
  if (!ok)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_FAILED, "Cannot read highlight fingerprints");
      return NULL;
    }
  return g_steal_pointer (&table);
}
