/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ClipperStore: the library, one SQLite file.
 *
 * One ClipperStore is one SQLite connection, used by one thread at a time:
 * the thread that opened it, or the one clipper_store_open_async() hands it
 * to; open another for a worker thread (SQLite WAL lets the app and
 * clipper-cli use the same file at once).  Every write is a transaction:
 * after a crash the file holds all of a change or none of it.
 */
#pragma once

#include <gio/gio.h>

#include "clipper-article.h"
#include "clipper-highlight.h"

G_BEGIN_DECLS

#define CLIPPER_STORE_ERROR (clipper_store_error_quark ())

typedef enum {
  CLIPPER_STORE_ERROR_FAILED,      /* anything SQLite reports that is none of the below */
  CLIPPER_STORE_ERROR_OPEN,        /* the file cannot be opened or created */
  CLIPPER_STORE_ERROR_CORRUPT,     /* not a Clipper database, or damaged */
  CLIPPER_STORE_ERROR_TOO_NEW,     /* made by a newer Clipper (schema version unknown) */
  CLIPPER_STORE_ERROR_NOT_FOUND,   /* no article/highlight with that id */
  CLIPPER_STORE_ERROR_DUPLICATE,   /* an article with that URL is already saved */
  CLIPPER_STORE_ERROR_INVALID,     /* bad input: empty, invalid UTF-8, NUL bytes, too large, bad colour */
  CLIPPER_STORE_ERROR_BUSY,        /* another process held the database past the busy timeout */
  CLIPPER_STORE_ERROR_QUERY,       /* a search query that cannot be understood */
  CLIPPER_STORE_ERROR_READ_ONLY,   /* the library's file or folder cannot be written */
} ClipperStoreError;

GQuark clipper_store_error_quark (void);

typedef enum {
  CLIPPER_LIST_SORT_SAVED_DESC = 0, /* newest first (default) */
  CLIPPER_LIST_SORT_SAVED_ASC,
  CLIPPER_LIST_SORT_TITLE_ASC,
} ClipperListSort;

typedef enum {
  CLIPPER_STATE_FILTER_UNREAD = 0, /* everything not archived (the inbox) */
  CLIPPER_STATE_FILTER_ARCHIVED,
  CLIPPER_STATE_FILTER_ALL,
} ClipperStateFilter;

typedef struct {
  const char         *tag;          /* NULL: any */
  ClipperStateFilter  state;
  gboolean            starred_only;
  ClipperListSort     sort;
  guint               limit;        /* 0: a default of 50 */
} ClipperListQuery;

typedef struct {
  gint64      article_id;    /* 0: every article */
  const char *tag;           /* NULL: any */
  const char *color;         /* NULL: any */
  gboolean    orphans_only;  /* not placed in an article that has text */
  guint       limit;         /* 0: no limit */
} ClipperHighlightQuery;

typedef enum {
  CLIPPER_SEARCH_HIT_ARTICLE,
  CLIPPER_SEARCH_HIT_HIGHLIGHT,
} ClipperSearchHitKind;

/* Where a hit's words were found, so that it can say why it matched: 13
 * hits on one note that read "Highlight · serendipity: …" looked alike. */
typedef enum {
  CLIPPER_SEARCH_MATCH_TEXT,  /* an article's title, byline or text; a highlight's passage */
  CLIPPER_SEARCH_MATCH_NOTE,  /* a highlight's note, not its passage */
  CLIPPER_SEARCH_MATCH_TAG,   /* only a tag it carries (ClipperSearchHit.tag) */
} ClipperSearchMatch;

typedef struct {
  ClipperSearchHitKind kind;
  gint64  article_id;
  gint64  highlight_id;   /* 0 for article hits */
  char   *title;          /* the article's title */
  char   *snippet;        /* text around the match, matches wrapped in \x02 … \x03;
                           * for a TAG match, the highlight's passage or the article's
                           * excerpt, unmarked */
  char   *site;           /* the article's site name, else its address's host; NULL for neither */
  gint64  saved_at;       /* when the article was saved (Unix time) */
  double  rank;           /* bm25, lower is better; 0 for a TAG match */
  ClipperSearchMatch match;
  char   *quote;          /* a highlight hit's passage, whole; NULL for articles */
  char   *tag;            /* the tag the query names, when the hit carries one; else NULL */
} ClipperSearchHit;

void clipper_search_hit_free (ClipperSearchHit *hit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperSearchHit, clipper_search_hit_free)

/* Marks that wrap matched terms in ClipperSearchHit.snippet. */
#define CLIPPER_SNIPPET_OPEN  "\x02"
#define CLIPPER_SNIPPET_CLOSE "\x03"

typedef enum {
  CLIPPER_SNIPPET_PLAIN,     /* marks dropped */
  CLIPPER_SNIPPET_MARKUP,    /* escaped text, <b>match</b>: HTML and Pango markup */
  CLIPPER_SNIPPET_BRACKETS,  /* ⟦match⟧: text whose own **bold** is not a match */
  CLIPPER_SNIPPET_ANSI,      /* bold on a terminal */
} ClipperSnippetStyle;

char    *clipper_snippet_render        (const char          *snippet,
                                        ClipperSnippetStyle  style,
                                        GArray              *matches);

/* Where the words found in @snippet (a ClipperSearchHit's, from an
 * article's text) are in @text, the article's text: code points
 * [*@out_start, *@out_end), from the first to the last of its longest run
 * of matches that only spaces or signs part (the words of a search,
 * standing together; else its first match).  FALSE when the snippet is not from @text (it came from the
 * title or the byline) or has no match. */
gboolean clipper_search_snippet_locate (const char *snippet,
                                        const char *text,
                                        gint64     *out_start,
                                        gint64     *out_end);

#define CLIPPER_TYPE_STORE (clipper_store_get_type ())
G_DECLARE_FINAL_TYPE (ClipperStore, clipper_store, CLIPPER, STORE, GObject)

/* $CLIPPER_DB, else $XDG_DATA_HOME/clipper/library.db */
char           *clipper_store_dup_default_path   (void);

/* Opens (creating and migrating as needed) the library at @path; NULL for the default path. */
ClipperStore   *clipper_store_open               (const char *path, GError **error);
/* The same for a worker's own connection to a library open elsewhere:
 * nothing is made when it is no longer there (OPEN). */
ClipperStore   *clipper_store_open_existing      (const char *path, GError **error);
/* Opens it for reading only, as it is (a file or folder that cannot be
 * written); every write fails with READ_ONLY. */
ClipperStore   *clipper_store_open_read_only     (const char *path, GError **error);
gboolean        clipper_store_is_read_only       (ClipperStore *self);
/* How long a statement waits for another connection's lock before it
 * fails with BUSY (5 s unless set). */
void            clipper_store_set_busy_timeout   (ClipperStore *self, guint ms);
/* The same on a worker thread (an upgrade of a big library takes seconds);
 * the store is then used from the thread that called _async. */
void            clipper_store_open_async         (const char          *path,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
ClipperStore   *clipper_store_open_finish        (GAsyncResult *result, GError **error);
/* Whether opening @path will upgrade its schema (read-only, writes nothing).
 * FALSE for a missing file: a new library is created at once. */
gboolean        clipper_store_needs_upgrade      (const char *path,
                                                  int        *out_version,
                                                  GError    **error);
const char     *clipper_store_get_path           (ClipperStore *self);
int             clipper_store_get_schema_version (ClipperStore *self);
/* The library's identity: a random UUID made with the library (or by the
 * upgrade to schema version 7), the same for as long as the file lives.
 * A vault remembers the library that wrote it (docs/export.md).  NULL only
 * for a store opened at an older version (tests). */
const char     *clipper_store_get_library_id     (ClipperStore *self);

/* Explicit transactions for batches (bulk import, benchmarks, re-anchoring).
 * Nesting is allowed; only the outermost commit writes.  Inner levels are
 * savepoints.  A failed API write inside a batch undoes only itself, and
 * the batch can go on (adds of articles and highlights do that without a
 * savepoint of their own, which keeps bulk imports fast: see
 * undo_batched() in clipper-store.c). */
gboolean        clipper_store_begin              (ClipperStore *self, GError **error);
gboolean        clipper_store_commit             (ClipperStore *self, GError **error);
void            clipper_store_rollback           (ClipperStore *self);

/* Articles.  @original_page is the page as fetched (any size; stored compressed), may be NULL.
 * On success the article's id, saved_at and updated_at are set (times the
 * caller already set, as an import does, are kept). */
gboolean        clipper_store_add_article        (ClipperStore   *self,
                                                  ClipperArticle *article,
                                                  GBytes         *original_page,
                                                  GError        **error);
/* Full record: html, text, tags, highlight count. */
ClipperArticle *clipper_store_get_article        (ClipperStore *self, gint64 id, GError **error);
/* 0 and no error when no article has that URL (or canonical URL). */
gint64          clipper_store_find_article_by_url (ClipperStore *self, const char *url, GError **error);
/* Writes every field but id, saved_at, tags and highlight count; bumps updated_at. */
gboolean        clipper_store_update_article     (ClipperStore *self, ClipperArticle *article, GError **error);
gboolean        clipper_store_update_reading     (ClipperStore *self, gint64 article_id, double position,
                                                  gboolean read, GError **error);
/* Replaces the stored original page (refetch).  @url (nullable) is the
 * address it was read from, where that may not be the article's own. */
gboolean        clipper_store_set_original_page  (ClipperStore *self, gint64 id, GBytes *original_page,
                                                  const char *url, GError **error);
/* The original page, decompressed; NULL with NOT_FOUND when none was stored.
 * *@out_url (nullable) gets the address it was read from, NULL when the
 * store was not told (see clipper_store_set_original_page()). */
GBytes         *clipper_store_dup_original_page  (ClipperStore *self, gint64 id, char **out_url, GError **error);
/* Deletes the article with its highlights, tags links and images (cascade). */
gboolean        clipper_store_delete_article     (ClipperStore *self, gint64 id, GError **error);

/* Light records (no html/text/original) for lists.  @after is the last
 * article of the previous page (keyset paging) or NULL for the first page.
 * Returns (element-type ClipperArticle). */
GPtrArray      *clipper_store_list_articles      (ClipperStore           *self,
                                                  const ClipperListQuery *query,
                                                  ClipperArticle         *after,
                                                  GError                **error);
gboolean        clipper_store_count_articles     (ClipperStore           *self,
                                                  const ClipperListQuery *query,
                                                  guint                  *out_count,
                                                  GError                **error);

/* Images the article shows, deduplicated by content hash. */
gboolean        clipper_store_add_image          (ClipperStore *self,
                                                  gint64        article_id,
                                                  const char   *url,
                                                  const char   *content_type,
                                                  GBytes       *data,
                                                  GError      **error);
GBytes         *clipper_store_dup_image          (ClipperStore *self,
                                                  gint64        article_id,
                                                  const char   *url,
                                                  char        **out_content_type,
                                                  GError      **error);

/* Tags.  Names are trimmed; empty names are INVALID. */
gboolean        clipper_store_tag_article        (ClipperStore *self, gint64 article_id, const char *const *tags, GError **error);
gboolean        clipper_store_untag_article      (ClipperStore *self, gint64 article_id, const char *const *tags, GError **error);
gboolean        clipper_store_set_highlight_tags (ClipperStore *self, gint64 highlight_id, const char *const *tags, GError **error);
/* Every tag in use, in clipper_tag_compare() order (as an article's and a
 * highlight's tags are). */
GStrv           clipper_store_list_tags          (ClipperStore *self, GError **error);

typedef enum {
  CLIPPER_TAG_USE_ANY,          /* on an article or a highlight */
  CLIPPER_TAG_USE_ARTICLES,     /* on at least one article */
  CLIPPER_TAG_USE_HIGHLIGHTS,   /* on at least one highlight */
} ClipperTagUse;

/* The tags in use where @use says, in clipper_tag_compare() order: a filter of articles offers
 * only the articles' tags, one of highlights only the highlights'. */
GStrv           clipper_store_list_tags_in_use   (ClipperStore *self, ClipperTagUse use, GError **error);

/* What tells tags apart: "ML" and "ml" are one tag (NFKC, case-folded,
 * without the white space around). (transfer full) */
char           *clipper_tag_key                  (const char *name);
/* @tags as one line of text: separated by ", ", a tag that holds a comma
 * (or begins with a double quote) in double quotes, a quote in it doubled,
 * as a spreadsheet writes a cell.  The app's tags fields read it back (and
 * a vault's front matter reads "Smith, John" as one tag too), so a tag
 * holding a comma is not read as two wherever tags are printed: here, in
 * the core, for clipper-cli as much as for the app.  (transfer full) */
char           *clipper_tags_field_format        (const char *const *tags);
/* The order of tags wherever they are listed: as people count, whatever
 * the case, "tag2" before "tag10"; tags alike but for their spelling by
 * their bytes, so that the order is the same every time.  A strcmp(). */
int             clipper_tag_compare              (const char *a, const char *b);

typedef struct {
  char  *name;
  guint  n_articles;
  guint  n_highlights;
} ClipperTagCount;

void clipper_tag_count_free (ClipperTagCount *count);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperTagCount, clipper_tag_count_free)

/* Every tag in use with how many articles and highlights carry it, in
 * clipper_tag_compare() order. (element-type ClipperTagCount) */
GPtrArray      *clipper_store_list_tag_counts    (ClipperStore *self, GError **error);
/* Renames the tag @from (any case) to @to on every article and highlight.
 * When @to names another tag (ignoring case), the two become that one; the
 * same tag spelled otherwise takes the new spelling.  NOT_FOUND without a
 * tag @from, INVALID for a name a tag cannot have.  The highlights whose
 * tags change are updated now (their updated_at).  Emits ::tag-renamed. */
gboolean        clipper_store_rename_tag         (ClipperStore *self, const char *from, const char *to, GError **error);
/* Takes the tag @name off every article and highlight (NOT_FOUND without one). */
gboolean        clipper_store_delete_tag         (ClipperStore *self, const char *name, GError **error);

/* Highlights.  On add, id, uuid (if unset), created_at and updated_at are set
 * (times the caller already set are kept).  New UUIDs are version 7. */
gboolean          clipper_store_add_highlight       (ClipperStore *self, ClipperHighlight *highlight, GError **error);
ClipperHighlight *clipper_store_get_highlight       (ClipperStore *self, gint64 id, GError **error);
ClipperHighlight *clipper_store_get_highlight_by_uuid (ClipperStore *self, const char *uuid, GError **error);
/* Writes colour, quote, prefix, suffix, range, note, anchored, original quote and tags. */
gboolean          clipper_store_update_highlight    (ClipperStore *self, ClipperHighlight *highlight, GError **error);
/* Sets the times of the highlight @id as a backup had them (an import). */
gboolean          clipper_store_set_highlight_times (ClipperStore *self, gint64 id, gint64 created_at,
                                                     gint64 updated_at, GError **error);
/* Deletes a highlight; its note parts are kept by this store for
 * clipper_store_restore_highlight() until it closes. */
gboolean          clipper_store_delete_highlight    (ClipperStore *self, gint64 id, GError **error);
/* Puts back a highlight read before it was deleted (an Undo): its UUID,
 * colour, range, note, tags and note parts, in one transaction; it gets a
 * new id. */
gboolean          clipper_store_restore_highlight   (ClipperStore *self, ClipperHighlight *highlight, GError **error);
/* The parts of highlight @highlight_id's note that other libraries'
 * highlights of the same passage added when last imported: a table of
 * their block ids to the text taken in from each, empty when none.  The
 * note itself stays one text; see migrate_to_9() and docs/export.md.
 * (transfer full) */
GHashTable       *clipper_store_dup_note_parts      (ClipperStore *self, gint64 highlight_id, GError **error);
/* Records @text as the part of @source, a highlight of another library
 * (@library: its identity, or NULL when the file did not say it); a NULL
 * @text forgets it. */
gboolean          clipper_store_set_note_part       (ClipperStore *self, gint64 highlight_id, const char *source,
                                                     const char *library, const char *text, GError **error);
/* As clipper_store_set_note_part(), with when @text was written where it
 * came from (@written_at, Unix seconds; 0 when the file did not say). */
gboolean          clipper_store_set_note_part_at    (ClipperStore *self, gint64 highlight_id, const char *source,
                                                     const char *library, const char *text, gint64 written_at,
                                                     GError **error);
/* When the text of @source's part of highlight @highlight_id's note was
 * written, as the import that recorded it was told: 0 in
 * @out_written_at when unknown, or when there is no such part. */
gboolean          clipper_store_get_note_part_time  (ClipperStore *self, gint64 highlight_id, const char *source,
                                                     gint64 *out_written_at, GError **error);
/* With article_id: text order.  Otherwise newest first.  (element-type ClipperHighlight) */
GPtrArray        *clipper_store_list_highlights     (ClipperStore *self, const ClipperHighlightQuery *query, GError **error);

/* Full-text search over titles, bylines, article text, quotes and notes,
 * and the tags of articles and highlights, best first (bm25).  Bare words match as prefixes of words; "quoted
 * phrases", AND/OR/NOT and word* work as in FTS5, "-word" leaves a word out
 * (a query of nothing but those is QUERY), tag:NAME and color:NAME filter
 * (see clipper_search_filters_new()); a query FTS5 cannot parse
 * is searched as literal words, and one with no words at all is QUERY.
 * A query matching more than 2,000 articles (or highlights) ranks only the
 * 2,000 most recently saved of them (see clipper-store.c for why).
 * Phrases of two words or more are looked up in a second index of word
 * pairs, which keeps rare phrases of common words fast.  What carries a
 * tag the query names comes first, and text that holds a word with signs
 * as typed ("C++") before text that holds it without ("c").
 * (element-type ClipperSearchHit) */
GPtrArray      *clipper_store_search             (ClipperStore *self, const char *query, guint limit, GError **error);

/* Why clipper_store_search() refuses a query (its QUERY error), for the
 * app to say in the user's language: the store's messages are English,
 * for the CLI and the logs. */
typedef enum {
  CLIPPER_SEARCH_QUERY_OK,            /* a query the search takes */
  CLIPPER_SEARCH_QUERY_NOT_TEXT,      /* not valid UTF-8 */
  CLIPPER_SEARCH_QUERY_NO_WORDS,      /* no letter or digit at all */
  CLIPPER_SEARCH_QUERY_ONLY_LEFT_OUT, /* nothing but -words (or NOT words) */
  CLIPPER_SEARCH_QUERY_OR_LEFT_OUT,   /* "x OR -y": x, or everything without y */
  CLIPPER_SEARCH_QUERY_OPERATORS,     /* two operators side by side: "x AND OR y" */
  CLIPPER_SEARCH_QUERY_NOT_GROUP,     /* NOT before "(" with nothing before it to keep */
  CLIPPER_SEARCH_QUERY_EMPTY_FILTER,  /* tag: or color: with no name after it */
  CLIPPER_SEARCH_QUERY_BAD_COLOR,     /* color:NAME, NAME no highlight colour */
} ClipperSearchQueryProblem;

/* What is wrong with @query, read by the rules and the code
 * clipper_store_search() reads it by (no library needed); OK for one it
 * takes.  (A query the index then rejects is not known here.) */
ClipperSearchQueryProblem clipper_search_query_problem (const char *query);

/* The filters of a search query, read as clipper_store_search() reads
 * them (for the Highlights page, which filters what it holds): tag:NAME
 * (tag:"a name") and color:NAME (colour:), each turned round by a minus
 * (-tag:done) or a NOT just before it. */
typedef struct {
  GStrv  tags;        /* carried, every one (by a highlight or its article) */
  GStrv  not_tags;    /* carried, none of them */
  GStrv  colors;      /* a highlight's colour is one of these (lower case) */
  GStrv  not_colors;  /* ... none of these */
  char  *words;       /* the rest of the query, its words, trimmed */
} ClipperSearchFilters;

/* NULL with @problem set (EMPTY_FILTER, BAD_COLOR, NOT_TEXT) for a query
 * whose filters cannot be read. */
ClipperSearchFilters *clipper_search_filters_new  (const char *query, ClipperSearchQueryProblem *problem);
gboolean              clipper_search_filters_any  (const ClipperSearchFilters *self);
void                  clipper_search_filters_free (ClipperSearchFilters *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperSearchFilters, clipper_search_filters_free)

/* Whole-library reads for exporters. */

/**
 * ClipperStoreArticleFunc:
 * @article: an article
 * @highlights: (element-type ClipperHighlight): its highlights in text order
 * @user_data: the data given to clipper_store_foreach_article()
 * @error: set it and return %FALSE to stop
 *
 * Returns: %TRUE to go on
 */
typedef gboolean (*ClipperStoreArticleFunc) (ClipperArticle *article,
                                             GPtrArray      *highlights,
                                             gpointer        user_data,
                                             GError        **error);

/**
 * ClipperStoreArticleFilter:
 * @article: an article (a list record unless full records were asked for)
 * @user_data: the data given to clipper_store_foreach_article()
 *
 * Returns: %TRUE to visit the article (load its highlights, call the
 *   ClipperStoreArticleFunc), %FALSE to skip it
 */
typedef gboolean (*ClipperStoreArticleFilter) (ClipperArticle *article, gpointer user_data);

/**
 * clipper_store_foreach_article:
 * @self: the library
 * @ids: (nullable) (element-type gint64): only these articles, in this
 *   order (an unknown id is a NOT_FOUND error); %NULL or empty: all
 * @tag: (nullable): only articles with this tag
 * @full: %TRUE to load the full records (html, text); %FALSE for list
 *   records, which is much faster
 * @filter: (nullable): called first; an article it refuses costs no more queries
 * @func: called for each article
 * @user_data: for @filter and @func
 * @cancellable: (nullable): checked between articles
 * @error: return location
 *
 * Calls @func for every article (oldest saved first, then by id: the order
 * is stable from run to run and survives export and import), reading one
 * page of articles at a time so that memory stays flat.
 *
 * Returns: %FALSE if the store, @func or @cancellable stopped it
 */
gboolean        clipper_store_foreach_article    (ClipperStore             *self,
                                                  GArray                   *ids,
                                                  const char               *tag,
                                                  gboolean                  full,
                                                  ClipperStoreArticleFilter filter,
                                                  ClipperStoreArticleFunc   func,
                                                  gpointer                  user_data,
                                                  GCancellable             *cancellable,
                                                  GError                  **error);
/* How many articles clipper_store_foreach_article() would visit. */
gboolean        clipper_store_count_foreach      (ClipperStore *self,
                                                  GArray       *ids,
                                                  const char   *tag,
                                                  guint        *out_count,
                                                  GError      **error);

/**
 * clipper_store_dup_highlight_fingerprints:
 * @self: the library
 * @error: return location
 *
 * A fingerprint of each article's highlights (every column, tags
 * included), for all articles in one pass: an exporter compares it with
 * the one it saw last time to skip articles that did not change without
 * loading their highlights.
 *
 * Returns: (transfer full) (element-type gint64 guint64): article id →
 *   fingerprint (articles without highlights are absent), or %NULL on error
 */
GHashTable     *clipper_store_dup_highlight_fingerprints (ClipperStore *self, GError **error);

/* Change notification.  "changed" is emitted on the thread-default main
 * context of the caller of clipper_store_watch() whenever this or another
 * connection (another process) committed a change to the file.  Nothing is
 * emitted before clipper_store_watch() is called.  Other connections are
 * noticed by polling PRAGMA data_version every 500 ms; this connection's
 * commits are announced from an idle callback.  "changes" comes just
 * before each "changed" and says what changed, so that a view of 100,000
 * highlights can update the one row a note edit touched instead of reading
 * them all again. */
void            clipper_store_watch              (ClipperStore *self);

typedef enum {
  CLIPPER_CHANGE_INSERTED,
  CLIPPER_CHANGE_UPDATED,   /* any column, or its tags */
  CLIPPER_CHANGE_DELETED,
} ClipperChangeKind;

typedef struct {
  gint64 id;
  ClipperChangeKind kind;
} ClipperHighlightChange;

/**
 * ClipperStoreChanges:
 * @other: whether anything beyond @highlights may have changed: an
 *   article, a tag's name, another connection's commit (which the store
 *   cannot see into), or more highlights than are worth listing.  A view
 *   then reads again what it shows.
 * @highlights: (element-type ClipperHighlightChange): the highlights this
 *   connection inserted, updated or deleted, in the order it did; an id
 *   may come more than once, and one rolled back to a savepoint may be
 *   listed though it did not change (a view reads each one again).
 * @articles: (element-type gint64): the articles whose own fields
 *   clipper_store_update_article() changed (a title, a reading position:
 *   the reader saves it as it scrolls).
 * @n_reading: how many of @articles are there only because
 *   clipper_store_update_reading() moved their reading position (their
 *   read state as it was): with no other change listed, nothing the vault
 *   is written for changed.
 */
typedef struct {
  gboolean other;
  GArray *highlights;
  GArray *articles;
  guint n_reading;
} ClipperStoreChanges;

#define CLIPPER_TYPE_STORE_CHANGES (clipper_store_changes_get_type ())

GType                clipper_store_changes_get_type (void) G_GNUC_CONST;
ClipperStoreChanges *clipper_store_changes_new      (void);
ClipperStoreChanges *clipper_store_changes_copy     (const ClipperStoreChanges *changes);
void                 clipper_store_changes_free     (ClipperStoreChanges *changes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClipperStoreChanges, clipper_store_changes_free)

/* @text (@length bytes, or -1: to its NUL) with the Arabic letters people
 * type one for another as one letter, the way search matches them: alif
 * with hamza or madda and alif wasla (أ إ آ ٱ) as alif (ا), ta marbuta
 * (ة) as ha (ه), alif maqsura (ى) as ya (ي), waw and ya with hamza (ؤ ئ)
 * as waw and ya (و ي), Persian's ya and kaf (ی ک) as Arabic's (ي ك), and
 * the vowel marks (harakat) and the tatweel (ـ) dropped.  Other text is
 * unchanged.  The
 * search indexes' tokenizer (clipper-store-words.c) and the filters that
 * search in memory both fold with it, so that they find the same. */
char                *clipper_text_fold_arabic       (const char *text,
                                                     gssize      length);

G_END_DECLS
