/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * clipper_rank(): Okapi BM25 as FTS5's own bm25() computes it, with one
 * difference in cost, not in order.
 *
 * bm25() works out each phrase's IDF by running the phrase over the whole
 * table and counting the matching rows.  For the commonest words and
 * phrases of a large library that pass is most of a search's time, and it
 * is paid again even when only the newest matches are ranked.  When the
 * query is a single phrase (one word, one "quoted phrase", one prefix —
 * what people type most), its IDF multiplies every score by the same
 * positive number and cannot change the order, so clipper_rank() leaves it
 * out.  Queries of several phrases get the IDF pass, exactly as bm25().
 *
 * Same arguments as bm25(): the table, then one weight per column.
 * Lower is better.
 */
#define G_LOG_DOMAIN "clipper-store"

#include "clipper-store-private.h"

#include <math.h>

/* The constants of FTS5's bm25(). */
#define BM25_K1 1.2
#define BM25_B 0.75

typedef struct {
  int n_phrases;
  double avgdl;
  double *idf;    /* per phrase */
  double *freq;   /* per phrase, scratch for each row */
} RankData;

static int
count_row_cb (const Fts5ExtensionApi *api, Fts5Context *fts, void *user_data)
{
  (*(sqlite3_int64 *) user_data)++;
  return SQLITE_OK;
}

/* Per-query data, made on the first row and kept by FTS5 as auxdata. */
static int
get_rank_data (const Fts5ExtensionApi *api, Fts5Context *fts, RankData **out_data)
{
  RankData *data = api->xGetAuxdata (fts, 0);
  sqlite3_int64 n_rows = 0, n_tokens = 0;
  int n_phrases, rc;

  if (data != NULL)
    {
      *out_data = data;
      return SQLITE_OK;
    }

  n_phrases = api->xPhraseCount (fts);
  /* One block, freed by FTS5 with sqlite3_free(). */
  data = sqlite3_malloc64 (sizeof (RankData) + 2 * sizeof (double) * (n_phrases > 0 ? n_phrases : 1));
  if (data == NULL)
    return SQLITE_NOMEM;
  data->n_phrases = n_phrases;
  data->idf = (double *) (data + 1);
  data->freq = data->idf + (n_phrases > 0 ? n_phrases : 1);

  rc = api->xRowCount (fts, &n_rows);
  if (rc == SQLITE_OK)
    rc = api->xColumnTotalSize (fts, -1, &n_tokens);
  data->avgdl = n_rows > 0 ? (double) n_tokens / (double) n_rows : 1.0;
  if (data->avgdl <= 0)
    data->avgdl = 1.0;

  for (int i = 0; rc == SQLITE_OK && i < n_phrases; i++)
    {
      sqlite3_int64 n_hits = 0;
      double idf;

      if (n_phrases == 1)
        {
          data->idf[i] = 1.0;
          continue;
        }
      rc = api->xQueryPhrase (fts, i, &n_hits, count_row_cb);
      idf = log ((n_rows - n_hits + 0.5) / (n_hits + 0.5));
      /* As bm25(): a phrase in more than half the rows still counts a little. */
      data->idf[i] = idf <= 0.0 ? 1e-6 : idf;
    }

  if (rc == SQLITE_OK)
    rc = api->xSetAuxdata (fts, data, sqlite3_free);
  else
    sqlite3_free (data);
  if (rc == SQLITE_OK)
    *out_data = data;
  return rc;
}

static void
clipper_rank (const Fts5ExtensionApi *api,
              Fts5Context            *fts,
              sqlite3_context        *context,
              int                     n_values,
              sqlite3_value         **values)
{
  RankData *data = NULL;
  int n_inst = 0, n_doc_tokens = 0;
  double score = 0.0, dl;
  int rc;

  rc = get_rank_data (api, fts, &data);
  if (rc == SQLITE_OK)
    {
      for (int i = 0; i < data->n_phrases; i++)
        data->freq[i] = 0.0;
      rc = api->xInstCount (fts, &n_inst);
    }
  for (int i = 0; rc == SQLITE_OK && i < n_inst; i++)
    {
      int phrase, column, offset;

      rc = api->xInst (fts, i, &phrase, &column, &offset);
      if (rc == SQLITE_OK && phrase >= 0 && phrase < data->n_phrases)
        data->freq[phrase] += column < n_values ? sqlite3_value_double (values[column]) : 1.0;
    }
  if (rc == SQLITE_OK)
    rc = api->xColumnSize (fts, -1, &n_doc_tokens);
  if (rc != SQLITE_OK)
    {
      sqlite3_result_error_code (context, rc);
      return;
    }

  dl = n_doc_tokens;
  for (int i = 0; i < data->n_phrases; i++)
    score += data->idf[i] * (data->freq[i] * (BM25_K1 + 1.0)) /
             (data->freq[i] + BM25_K1 * (1.0 - BM25_B + BM25_B * dl / data->avgdl));
  sqlite3_result_double (context, -score);
}

fts5_api *
clipper_store_get_fts5 (sqlite3 *db)
{
  fts5_api *fts = NULL;
  sqlite3_stmt *stmt = NULL;

  /* The documented way to reach the FTS5 API of a connection. */
  if (sqlite3_prepare_v3 (db, "SELECT fts5(?1)", -1, 0, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_pointer (stmt, 1, &fts, "fts5_api_ptr", NULL);
      sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  return fts;
}

gboolean
clipper_store_register_rank (sqlite3 *db, GError **error)
{
  fts5_api *fts = clipper_store_get_fts5 (db);
  int rc;

  if (fts == NULL)
    {
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_FAILED,
                   "this SQLite has no full-text search (FTS5)");
      return FALSE;
    }
  rc = fts->xCreateFunction (fts, "clipper_rank", NULL, clipper_rank, NULL);
  if (rc != SQLITE_OK)
    {
      clipper_store_set_sqlite_error (error, db, rc, "cannot set up search ranking");
      return FALSE;
    }
  return TRUE;
}
