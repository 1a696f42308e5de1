/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The "clipper_words" FTS5 tokenizer: unicode61's words (case folded,
 * diacritics removed), except that text in a script written without
 * spaces between words — Chinese, Japanese, and Korean, whose words carry
 * their particles — is indexed as overlapping pairs of characters.
 *
 * Why: unicode61 takes a whole run of such text for one word.
 * "東京の図書館では" was one token, so 図書館 (library) was found only as
 * a prefix of the run it starts, and most words of a Japanese or Chinese
 * article could not be found at all.  Pairs are what CJK search engines
 * use when they have no dictionary (Lucene's CJKBigramFilter): a word of n
 * characters is the n - 1 pairs at consecutive positions, which is how
 * FTS5 matches a phrase, so 図書館 matches 図書 書館 wherever they stand.
 *
 * Indexing "図書館で" gives 図書 at position 0, 書館 at 1, 館で at 2, and
 * each character as well, at the position of the pair it starts (the last
 * at the last pair's), marked colocated, so that a query of one character
 * finds it too.  A query gives the pairs only (or the one character), and
 * a prefix query's last pair is a prefix, which FTS5 handles as for any
 * word.  Text around the run in the same unicode61 word ("東京2024",
 * "iPhone用") is split off and tokenized by unicode61 as usual.
 *
 * Arabic words are folded (clipper_text_fold_arabic()): الاسكندرية, typed
 * with a bare alif as most people type it, did not find الإسكندرية, nor
 * مدرسه (ha) find مدرسة (ta marbuta).  unicode61 took the vowel marks (harakat) for spaces,
 * splitting كَتَبَ into three one-letter words; they are word characters
 * here (tokenchars), then dropped with the tatweel.  Since version 14 the
 * fold takes the hamza off و and ي too (مسؤول, typed مسوول, and
 * رئيس, typed رييس), and reads Persian's ی and ک as Arabic's ي and ك: a
 * Persian keyboard types کتاب where an Arabic page has كتاب, and the
 * two did not find each other.
 */
#define G_LOG_DOMAIN "clipper-store"

#include "clipper-store-private.h"

#include <string.h>

#define WORD_TOKENIZER "unicode61"

/* The harakat, U+064B–U+065F, and the superscript alif, U+0670. */
static const char *const word_tokenizer_args[] = {
  "remove_diacritics", "2",
  "tokenchars", ("\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652\u0653\u0654\u0655\u0656\u0657"
                 "\u0658\u0659\u065A\u065B\u065C\u065D\u065E\u065F\u0670"),
};

/* Version 11's unicode61 options, before Arabic was folded. */
static const char *const unfolded_tokenizer_args[] = { "remove_diacritics", "2" };

/* The tokenizer's registration on one connection. */
typedef struct {
  fts5_api *api;
  int split_as;           /* the schema version whose words to give, 0 the newest
                           * (clipper_store_words_split_as()) */
} WordsContext;

typedef struct {
  WordsContext *context;
  fts5_tokenizer words;   /* unicode61's methods */
  Fts5Tokenizer *outer;   /* splits the text into words */
  Fts5Tokenizer *inner;   /* splits the other parts of a word with CJK in it (called from outer's callback) */
  Fts5Tokenizer *unfolded_outer;   /* the same, as version 11 split them */
  Fts5Tokenizer *unfolded_inner;
} WordsTokenizer;

typedef struct {
  WordsTokenizer *self;
  void *ctx;
  int (*token) (void *ctx, int flags, const char *token, int n, int start, int end);
  int flags;              /* the xTokenize() call's: FTS5_TOKENIZE_QUERY … */
  int split_as;           /* the context's */
  Fts5Tokenizer *inner;   /* self's inner or unfolded_inner */
  const char *text;
  int inner_offset;       /* where the text the inner tokenizer reads starts in @text */
} WordsState;

/* Scripts written without spaces between words, and the marks they share
 * with others (the prolonged sound mark of コーヒー, the voicing marks). */
gboolean
clipper_store_words_is_cjk (gunichar c)
{
  GUnicodeScript script;

  if (c < 0x1100)
    return FALSE;
  if (c == 0x30fc || c == 0xff70 || c == 0x309b || c == 0x309c)
    return TRUE;
  script = g_unichar_get_script (c);
  return script == G_UNICODE_SCRIPT_HAN || script == G_UNICODE_SCRIPT_HIRAGANA ||
         script == G_UNICODE_SCRIPT_KATAKANA || script == G_UNICODE_SCRIPT_HANGUL ||
         script == G_UNICODE_SCRIPT_BOPOMOFO;
}

static gboolean
has_cjk (const char *s, int n)
{
  for (const char *p = s; p < s + n; p = g_utf8_next_char (p))
    if ((guchar) *p >= 0xe1 && clipper_store_words_is_cjk (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/* Emits @s[@from, @to) of the text, folded (NFKC: half-width kana and
 * compatibility ideographs as their usual forms; case, for the odd letter
 * among them). */
static int
emit_folded (WordsState *state, int flags, int from, int to)
{
  g_autofree char *nfkc = g_utf8_normalize (state->text + from, to - from, G_NORMALIZE_NFKC);
  g_autofree char *folded = g_utf8_casefold (nfkc != NULL ? nfkc : "", -1);

  return state->token (state->ctx, flags, folded, (int) strlen (folded), from, to);
}

static int
emit_run (WordsState *state, int from, int to)
{
  gboolean query = (state->flags & FTS5_TOKENIZE_QUERY) != 0;
  g_autoptr (GArray) at = g_array_new (FALSE, FALSE, sizeof (int));
  int rc = SQLITE_OK;

  for (const char *p = state->text + from; p < state->text + to; p = g_utf8_next_char (p))
    {
      int offset = (int) (p - state->text);

      g_array_append_val (at, offset);
    }
  g_array_append_val (at, to);

  if (at->len == 2)
    return emit_folded (state, 0, from, to);
  for (guint k = 0; k + 2 < at->len && rc == SQLITE_OK; k++)
    {
      int c0 = g_array_index (at, int, k), c1 = g_array_index (at, int, k + 1), c2 = g_array_index (at, int, k + 2);

      rc = emit_folded (state, 0, c0, c2);
      if (!query && rc == SQLITE_OK)
        rc = emit_folded (state, FTS5_TOKEN_COLOCATED, c0, c1);
      if (!query && rc == SQLITE_OK && k + 3 == at->len)
        rc = emit_folded (state, FTS5_TOKEN_COLOCATED, c1, c2);
    }
  return rc;
}

/* Whether @s[0, @n) may hold a letter clipper_text_fold_arabic() folds:
 * those are all in the Arabic block, U+0600–U+06FF, which UTF-8 starts
 * with 0xD8 to 0xDB. */
static gboolean
has_arabic (const char *s, int n)
{
  for (int i = 0; i < n; i++)
    if ((guchar) s[i] >= 0xd8 && (guchar) s[i] <= 0xdb)
      return TRUE;
  return FALSE;
}

/* @text folded as clipper_text_fold_arabic() describes; as versions 12
 * and 13 folded it when @as_12 (no hamza taken off و and ي, Persian's
 * letters as they are). */
static char *
fold_arabic (const char *text,
             gssize      length,
             gboolean    as_12)
{
  const char *end = text + (length < 0 ? strlen (text) : (gsize) length);
  GString *out = g_string_sized_new (end - text);

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case 0x0622: case 0x0623: case 0x0625: case 0x0671:   /* آ أ إ ٱ */
          g_string_append_unichar (out, 0x0627);
          continue;
        case 0x0629:                                          /* ة */
          g_string_append_unichar (out, 0x0647);
          continue;
        case 0x0649:                                          /* ى */
          g_string_append_unichar (out, 0x064A);
          continue;
        case 0x0640:                                          /* ـ */
          continue;
        default:
          if ((c >= 0x064B && c <= 0x065F) || c == 0x0670)
            continue;
        }
      if (!as_12)
        switch (c)
          {
          case 0x0624:                                        /* ؤ */
            g_string_append_unichar (out, 0x0648);
            continue;
          case 0x0626: case 0x06CC:                           /* ئ ی */
            g_string_append_unichar (out, 0x064A);
            continue;
          case 0x06A9:                                        /* ک */
            g_string_append_unichar (out, 0x0643);
            continue;
          default:
            break;
          }
      g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  return g_string_free (out, FALSE);
}

/* Whether schema version @split_as (0: the newest) split text before
 * Arabic was folded. */
static gboolean
is_unfolded (int split_as)
{
  return split_as > 0 && split_as < 12;
}

/* Emits unicode61's word @token, at [@start, @end) of the text, its Arabic
 * letters folded.  A "word" of nothing but marks and tatweels is none: a
 * query for it must not look for an empty word. */
static int
emit_word (WordsState *state, int flags, const char *token, int n, int start, int end)
{
  g_autofree char *folded = NULL;

  if (is_unfolded (state->split_as) || !has_arabic (token, n))
    return state->token (state->ctx, flags, token, n, start, end);
  folded = fold_arabic (token, n, state->split_as == 12 || state->split_as == 13);
  if (*folded == '\0')
    return SQLITE_OK;
  return state->token (state->ctx, flags, folded, (int) strlen (folded), start, end);
}

static int
pass_inner (void *data, int flags, const char *token, int n, int start, int end)
{
  WordsState *state = data;

  return emit_word (state, flags, token, n, state->inner_offset + start, state->inner_offset + end);
}

static int
words_word (void *data, int flags, const char *token, int n, int start, int end)
{
  WordsState *state = data;
  const char *p = state->text + start;
  const char *stop = state->text + end;
  int rc = SQLITE_OK;

  if (!has_cjk (token, n))
    return emit_word (state, flags, token, n, start, end);

  /* The word as the text has it, in runs of CJK and of the rest. */
  while (p < stop && rc == SQLITE_OK)
    {
      gboolean cjk = clipper_store_words_is_cjk (g_utf8_get_char (p));
      const char *q = p;

      while (q < stop && clipper_store_words_is_cjk (g_utf8_get_char (q)) == cjk)
        q = g_utf8_next_char (q);
      if (cjk)
        rc = emit_run (state, (int) (p - state->text), (int) (q - state->text));
      else
        {
          state->inner_offset = (int) (p - state->text);
          rc = state->self->words.xTokenize (state->inner, state, state->flags, p, (int) (q - p), pass_inner);
        }
      p = q;
    }
  return rc;
}

static int
words_tokenize (Fts5Tokenizer *tokenizer,
                void          *ctx,
                int            flags,
                const char    *text,
                int            n_text,
                int          (*token) (void *, int, const char *, int, int, int))
{
  WordsTokenizer *self = (WordsTokenizer *) tokenizer;
  int split_as = self->context->split_as;
  gboolean unfolded = is_unfolded (split_as);
  WordsState state = { self, ctx, token, flags, split_as, unfolded ? self->unfolded_inner : self->inner, text, 0 };

  return self->words.xTokenize (unfolded ? self->unfolded_outer : self->outer, &state, flags, text, n_text, words_word);
}

static void
words_delete (Fts5Tokenizer *tokenizer)
{
  WordsTokenizer *self = (WordsTokenizer *) tokenizer;

  if (self->outer != NULL)
    self->words.xDelete (self->outer);
  if (self->inner != NULL)
    self->words.xDelete (self->inner);
  if (self->unfolded_outer != NULL)
    self->words.xDelete (self->unfolded_outer);
  if (self->unfolded_inner != NULL)
    self->words.xDelete (self->unfolded_inner);
  sqlite3_free (self);
}

static int
words_create (void *user_data, const char **args, int n_args, Fts5Tokenizer **out)
{
  WordsContext *context = user_data;
  fts5_api *api = context->api;
  void *words_data = NULL;
  WordsTokenizer *self;
  int rc;

  /* The options are fixed: every index and every query must split alike. */
  if (n_args > 0)
    return SQLITE_ERROR;
  self = sqlite3_malloc (sizeof *self);
  if (self == NULL)
    return SQLITE_NOMEM;
  memset (self, 0, sizeof *self);
  self->context = context;
  rc = api->xFindTokenizer (api, WORD_TOKENIZER, &words_data, &self->words);
  if (rc == SQLITE_OK)
    rc = self->words.xCreate (words_data, (const char **) word_tokenizer_args,
                              G_N_ELEMENTS (word_tokenizer_args), &self->outer);
  if (rc == SQLITE_OK)
    rc = self->words.xCreate (words_data, (const char **) word_tokenizer_args,
                              G_N_ELEMENTS (word_tokenizer_args), &self->inner);
  if (rc == SQLITE_OK)
    rc = self->words.xCreate (words_data, (const char **) unfolded_tokenizer_args,
                              G_N_ELEMENTS (unfolded_tokenizer_args), &self->unfolded_outer);
  if (rc == SQLITE_OK)
    rc = self->words.xCreate (words_data, (const char **) unfolded_tokenizer_args,
                              G_N_ELEMENTS (unfolded_tokenizer_args), &self->unfolded_inner);
  if (rc != SQLITE_OK)
    {
      words_delete ((Fts5Tokenizer *) self);
      return rc;
    }
  *out = (Fts5Tokenizer *) self;
  return SQLITE_OK;
}

char *
clipper_text_fold_arabic (const char *text, gssize length)
{
  g_return_val_if_fail (text != NULL, NULL);

  return fold_arabic (text, length, FALSE);
}

gboolean
clipper_store_register_words (sqlite3 *db, GError **error)
{
  static fts5_tokenizer methods = { words_create, words_delete, words_tokenize };
  fts5_api *api = clipper_store_get_fts5 (db);
  WordsContext *context;
  int rc;

  if (api == NULL)
    {
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_FAILED,
                   "this SQLite has no full-text search (FTS5)");
      return FALSE;
    }
  context = g_new0 (WordsContext, 1);
  context->api = api;
  /* FTS5 frees the context when the connection closes; a registration
   * that failed left it ours. */
  rc = api->xCreateTokenizer (api, "clipper_words", context, &methods, g_free);
  if (rc != SQLITE_OK)
    {
      g_free (context);
      clipper_store_set_sqlite_error (error, db, rc, "cannot set up search");
      return FALSE;
    }
  return TRUE;
}

void
clipper_store_words_split_as (sqlite3 *db, int version)
{
  fts5_api *api = clipper_store_get_fts5 (db);
  fts5_tokenizer methods;
  void *data = NULL;

  g_return_if_fail (api != NULL);

  if (api->xFindTokenizer (api, "clipper_words", &data, &methods) != SQLITE_OK)
    g_return_if_reached ();
  ((WordsContext *) data)->split_as = version;
}
