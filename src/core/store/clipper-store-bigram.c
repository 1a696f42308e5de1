/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "clipper_bigram" FTS5 tokenizer: the words the word index's tokenizer
 * finds (clipper_words, see clipper-store-words.c), emitted as pairs of
 * neighbours.  The
 * text "a b c d" gives the tokens "a b", "b c", "c d" at positions 0, 1, 2.
 *
 * Why: a phrase of common words ("of the", "it is a") that is itself rare
 * made FTS5 read the position lists of nearly every article to find the
 * few where the words stand side by side: 70 ms p95, 240 ms at worst, in a
 * library of 100,000 articles (35 ms p95 with this index; the rest is the
 * highlights' word index).  In the bigram index such a phrase is the
 * short doclist of its own pair(s).  A phrase of n >= 2 words matches a
 * text exactly when its n - 1 pairs stand at consecutive positions, so
 * searching the phrase in the bigram index gives the same rows as in the
 * word index (the same tokenizer underneath splits both; the query side
 * runs the phrase's text through this tokenizer too).  A single word has
 * no pair: clipper_store_search() only sends phrases of two words or more
 * here (clipper_store_count_words() tells).
 *
 * The separator inside a pair is a space, which clipper_words never puts in
 * a token, so a pair cannot collide with a word.  Its colocated tokens (a
 * CJK pair's single characters) are not paired.
 */
#define G_LOG_DOMAIN "clipper-store"

#include "clipper-store-private.h"

#include <string.h>

#define WORD_TOKENIZER "clipper_words"

typedef struct {
  fts5_tokenizer words;      /* clipper_words's methods */
  Fts5Tokenizer *instance;
} BigramTokenizer;

static int
bigram_create (void *user_data, const char **args, int n_args, Fts5Tokenizer **out)
{
  fts5_api *api = user_data;
  void *words_data = NULL;
  BigramTokenizer *self;
  int rc;

  /* The options are fixed: they must be those of the word index. */
  if (n_args > 0)
    return SQLITE_ERROR;
  self = sqlite3_malloc (sizeof *self);
  if (self == NULL)
    return SQLITE_NOMEM;
  memset (self, 0, sizeof *self);
  rc = api->xFindTokenizer (api, WORD_TOKENIZER, &words_data, &self->words);
  if (rc == SQLITE_OK)
    rc = self->words.xCreate (words_data, NULL, 0, &self->instance);
  if (rc != SQLITE_OK)
    {
      sqlite3_free (self);
      return rc;
    }
  *out = (Fts5Tokenizer *) self;
  return SQLITE_OK;
}

static void
bigram_delete (Fts5Tokenizer *tokenizer)
{
  BigramTokenizer *self = (BigramTokenizer *) tokenizer;

  self->words.xDelete (self->instance);
  sqlite3_free (self);
}

typedef struct {
  void *ctx;
  int (*token) (void *ctx, int flags, const char *token, int n, int start, int end);
  GString *pair;            /* the previous word, then the pair */
  gsize prev_len;
  int prev_start;
  gboolean have_prev;
} BigramState;

static int
bigram_word (void *data, int flags, const char *token, int n, int start, int end)
{
  BigramState *state = data;
  int rc = SQLITE_OK;

  /* (A CJK pair's characters, indexed for one-character queries.) */
  if (flags & FTS5_TOKEN_COLOCATED)
    return SQLITE_OK;
  if (state->have_prev)
    {
      g_string_truncate (state->pair, state->prev_len);
      g_string_append_c (state->pair, ' ');
      g_string_append_len (state->pair, token, n);
      rc = state->token (state->ctx, 0, state->pair->str, (int) state->pair->len, state->prev_start, end);
    }
  g_string_truncate (state->pair, 0);
  g_string_append_len (state->pair, token, n);
  state->prev_len = n;
  state->prev_start = start;
  state->have_prev = TRUE;
  return rc;
}

static int
bigram_tokenize (Fts5Tokenizer *tokenizer,
                 void          *ctx,
                 int            flags,
                 const char    *text,
                 int            n_text,
                 int          (*token) (void *, int, const char *, int, int, int))
{
  BigramTokenizer *self = (BigramTokenizer *) tokenizer;
  BigramState state = { ctx, token, g_string_sized_new (64), 0, 0, FALSE };
  int rc;

  rc = self->words.xTokenize (self->instance, &state, flags, text, n_text, bigram_word);
  g_string_free (state.pair, TRUE);
  return rc;
}

static int
count_word (void       *data,
            int         flags,
            const char *token G_GNUC_UNUSED,
            int         n G_GNUC_UNUSED,
            int         start G_GNUC_UNUSED,
            int         end G_GNUC_UNUSED)
{
  if (!(flags & FTS5_TOKEN_COLOCATED))
    (*(guint *) data)++;
  return SQLITE_OK;
}

gboolean
clipper_store_register_tokenizers (sqlite3 *db, GError **error)
{
  static fts5_tokenizer methods = { bigram_create, bigram_delete, bigram_tokenize };
  fts5_api *api;
  int rc;

  /* clipper_bigram is made of clipper_words, which also says when this
   * SQLite has no FTS5. */
  if (!clipper_store_register_words (db, error))
    return FALSE;
  api = clipper_store_get_fts5 (db);
  rc = api->xCreateTokenizer (api, "clipper_bigram", api, &methods, NULL);
  if (rc != SQLITE_OK)
    {
      clipper_store_set_sqlite_error (error, db, rc, "cannot set up phrase search");
      return FALSE;
    }
  return TRUE;
}

guint
clipper_store_count_words (sqlite3 *db, const char *text)
{
  fts5_api *api = clipper_store_get_fts5 (db);
  void *words_data = NULL;
  fts5_tokenizer words;
  Fts5Tokenizer *instance = NULL;
  guint count = 0;

  if (api == NULL || api->xFindTokenizer (api, WORD_TOKENIZER, &words_data, &words) != SQLITE_OK ||
      words.xCreate (words_data, NULL, 0, &instance) != SQLITE_OK)
    return 0;
  words.xTokenize (instance, &count, FTS5_TOKENIZE_QUERY, text, (int) strlen (text), count_word);
  words.xDelete (instance);
  return count;
}
