/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "clipper-export"

#include "clipper-json.h"

#include <string.h>

#include "clipper-anchor.h"
#include "clipper-reanchor.h"
#include "clipper-export-private.h"
#include "clipper-extractor.h"
#include "clipper-kindle.h"

/* ------------------------------------------------------------------ */
/* Export                                                              */

typedef struct {
  GOutputStream *out;
  GCancellable  *cancellable;
  guint          articles;
  guint          highlights;
  guint64        done;
  guint64        total;
  ClipperProgressFunc progress;
  gpointer       progress_data;
} Writer;

static gboolean
write_str (Writer *w, const char *str, GError **error)
{
  return g_output_stream_write_all (w->out, str, strlen (str), NULL, w->cancellable, error);
}

static gboolean
write_node (Writer *w, JsonNode *node, gboolean first, GError **error)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  gsize len = 0;
  g_autofree char *text = NULL;

  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, &len);
  return write_str (w, first ? "\n" : ",\n", error)
         && g_output_stream_write_all (w->out, text, len, NULL, w->cancellable, error);
}

static void
set_string_or_null (JsonObject *obj, const char *name, const char *value)
{
  if (value != NULL)
    json_object_set_string_member (obj, name, value);
  else
    json_object_set_null_member (obj, name);
}

static void
set_time (JsonObject *obj, const char *name, gint64 t)
{
  g_autofree char *text = clipper_export_format_time (t);
  json_object_set_string_member (obj, name, text);
}

static JsonArray *
string_array (const char *const *strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  return array;
}

static char *
urn_uuid (const char *uuid)
{
  return g_strconcat ("urn:uuid:", uuid, NULL);
}

static gboolean
write_article (ClipperArticle *article, GPtrArray *highlights, gpointer user_data, GError **error)
{
  Writer *w = user_data;
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *obj = json_object_new ();
  g_autofree char *uid = clipper_export_article_uid (article);
  g_autofree char *id = urn_uuid (uid);
  g_autoptr (GBytes) original = NULL;
  g_autofree char *original_url = NULL;
  g_autoptr (GError) local_error = NULL;
  ClipperStore *store = g_object_get_data (G_OBJECT (w->out), "clipper-store");

  json_node_take_object (node, obj);
  json_object_set_string_member (obj, "id", id);
  json_object_set_string_member (obj, "type", "clipper:Article");
  set_string_or_null (obj, "url", clipper_article_get_url (article));
  set_string_or_null (obj, "canonicalUrl", clipper_article_get_canonical_url (article));
  set_string_or_null (obj, "title", clipper_article_get_title (article));
  set_string_or_null (obj, "byline", clipper_article_get_byline (article));
  set_string_or_null (obj, "siteName", clipper_article_get_site_name (article));
  set_string_or_null (obj, "lang", clipper_article_get_lang (article));
  set_string_or_null (obj, "dir", clipper_article_get_dir (article));
  set_string_or_null (obj, "publishedTime", clipper_article_get_published_time (article));
  set_string_or_null (obj, "excerpt", clipper_article_get_excerpt (article));
  set_string_or_null (obj, "leadImage", clipper_article_get_lead_image (article));
  json_object_set_int_member (obj, "wordCount", clipper_article_get_word_count (article));
  json_object_set_string_member (obj, "readState", clipper_read_state_to_string (clipper_article_get_read_state (article)));
  json_object_set_boolean_member (obj, "starred", clipper_article_get_starred (article));
  json_object_set_double_member (obj, "readingPosition", clipper_article_get_reading_position (article));
  set_time (obj, "saved", clipper_article_get_saved_at (article));
  set_time (obj, "updated", clipper_article_get_updated_at (article));
  json_object_set_array_member (obj, "tags", string_array (clipper_article_get_tags (article)));
  set_string_or_null (obj, "html", clipper_article_get_html (article));
  set_string_or_null (obj, "text", clipper_article_get_text (article));

  original = clipper_store_dup_original_page (store, clipper_article_get_id (article), &original_url, &local_error);
  if (original == NULL && !g_error_matches (local_error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (original != NULL)
    {
      gsize len = 0;
      const guchar *data = g_bytes_get_data (original, &len);
      g_autofree char *b64 = g_base64_encode (data, len);

      json_object_set_string_member (obj, "originalPage", b64);
      /* Where it was read from, when the library knows (a refetch): a
       * re-extraction resolves it against that. */
      if (original_url != NULL)
        json_object_set_string_member (obj, "originalPageUrl", original_url);
    }
  else
    json_object_set_null_member (obj, "originalPage");

  if (!write_node (w, node, w->articles == 0, error))
    return FALSE;
  w->articles++;
  clipper_progress_report (w->progress, w->progress_data, ++w->done, w->total);
  return TRUE;
}

static JsonNode *
annotation_node (ClipperArticle *article, ClipperHighlight *h)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  JsonObject *obj = json_object_new ();
  JsonArray *body = json_array_new ();
  JsonObject *target = json_object_new ();
  JsonArray *selectors = json_array_new ();
  JsonObject *quote = json_object_new ();
  g_autofree char *id = urn_uuid (clipper_highlight_get_uuid (h));
  g_autofree char *uid = clipper_export_article_uid (article);
  g_autofree char *article_id = urn_uuid (uid);
  const char *note = clipper_highlight_get_note (h);
  const char *const *tags = clipper_highlight_get_tags (h);

  json_node_take_object (node, obj);
  json_object_set_string_member (obj, "id", id);
  json_object_set_string_member (obj, "type", "Annotation");
  json_object_set_string_member (obj, "motivation", note != NULL && *note != '\0' ? "commenting" : "highlighting");
  set_time (obj, "created", clipper_highlight_get_created_at (h));
  set_time (obj, "modified", clipper_highlight_get_updated_at (h));

  if (note != NULL && *note != '\0')
    {
      JsonObject *b = json_object_new ();

      json_object_set_string_member (b, "type", "TextualBody");
      json_object_set_string_member (b, "value", note);
      json_object_set_string_member (b, "format", "text/markdown");
      json_object_set_string_member (b, "purpose", "commenting");
      json_array_add_object_element (body, b);
    }
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      JsonObject *b = json_object_new ();

      json_object_set_string_member (b, "type", "TextualBody");
      json_object_set_string_member (b, "value", tags[i]);
      json_object_set_string_member (b, "purpose", "tagging");
      json_array_add_object_element (body, b);
    }
  json_object_set_array_member (obj, "body", body);

  json_object_set_string_member (target, "source", clipper_article_get_url (article));
  json_object_set_string_member (quote, "type", "TextQuoteSelector");
  json_object_set_string_member (quote, "exact", clipper_highlight_get_quote (h));
  if (clipper_highlight_get_prefix (h) != NULL)
    json_object_set_string_member (quote, "prefix", clipper_highlight_get_prefix (h));
  if (clipper_highlight_get_suffix (h) != NULL)
    json_object_set_string_member (quote, "suffix", clipper_highlight_get_suffix (h));
  json_array_add_object_element (selectors, quote);
  /* A Kindle book's highlight keeps its Kindle locations where a web
   * page's keeps offsets; W3C tools read a TextPositionSelector as
   * offsets in the target's text, which a book in the library has none
   * of, so the locations go into a member of Clipper's own. */
  if (clipper_kindle_is_book_url (clipper_article_get_url (article)))
    {
      if (clipper_highlight_get_start (h) > 0)
        {
          JsonObject *location = json_object_new ();

          json_object_set_int_member (location, "start", clipper_highlight_get_start (h));
          json_object_set_int_member (location, "end", clipper_highlight_get_end (h));
          json_object_set_object_member (obj, "clipper:location", location);
        }
    }
  else
    {
      JsonObject *position = json_object_new ();

      json_object_set_string_member (position, "type", "TextPositionSelector");
      json_object_set_int_member (position, "start", clipper_highlight_get_start (h));
      json_object_set_int_member (position, "end", clipper_highlight_get_end (h));
      json_array_add_object_element (selectors, position);
    }
  json_object_set_array_member (target, "selector", selectors);
  json_object_set_object_member (obj, "target", target);

  json_object_set_string_member (obj, "clipper:color", clipper_highlight_get_color (h));
  json_object_set_string_member (obj, "clipper:article", article_id);
  json_object_set_boolean_member (obj, "clipper:anchored", clipper_highlight_get_anchored (h));
  if (clipper_highlight_get_original_quote (h) != NULL)
    json_object_set_string_member (obj, "clipper:originalQuote", clipper_highlight_get_original_quote (h));
  /* A book's printed page (a Kindle's).  Not a FragmentSelector's
   * "page=": that one is a PDF's page, a place in the target itself. */
  if (clipper_highlight_get_page (h) != NULL)
    json_object_set_string_member (obj, "clipper:page", clipper_highlight_get_page (h));
  /* An orphan's offsets that are not the exported text's (another tool's
   * annotation never placed): imported, its closest passage may be
   * anywhere (clipper_reanchor_suggest()).  An orphan's that a refetch
   * carried are the text's, but where its passage would stand, which
   * holds other words: said, since a reader of the TextPositionSelector
   * takes it for the quote's place (and the import keeps it carried).  A
   * placed highlight's are the text's whatever they were. */
  if (!clipper_highlight_get_anchored (h) && clipper_highlight_get_offsets_from (h) == CLIPPER_OFFSETS_UNKNOWN)
    json_object_set_string_member (obj, "clipper:offsetsFrom", "unknown");
  else if (!clipper_highlight_get_anchored (h) && clipper_highlight_get_offsets_from (h) == CLIPPER_OFFSETS_CARRIED)
    json_object_set_string_member (obj, "clipper:offsetsFrom", "carried");

  return node;
}

static gboolean
write_annotations (ClipperArticle *article, GPtrArray *highlights, gpointer user_data, GError **error)
{
  Writer *w = user_data;

  for (guint i = 0; i < highlights->len; i++)
    {
      g_autoptr (JsonNode) node = annotation_node (article, g_ptr_array_index (highlights, i));

      if (!write_node (w, node, w->highlights == 0, error))
        return FALSE;
      w->highlights++;
    }
  clipper_progress_report (w->progress, w->progress_data, ++w->done, w->total);
  return TRUE;
}

gboolean
clipper_json_export (ClipperStore               *store,
                     GOutputStream              *out,
                     const ClipperExportOptions *options,
                     guint                      *out_articles,
                     guint                      *out_highlights,
                     ClipperProgressFunc         progress,
                     gpointer                    progress_data,
                     GCancellable               *cancellable,
                     GError                    **error)
{
  Writer w = { out, cancellable, 0, 0, 0, 0, progress, progress_data };
  GArray *ids = options != NULL ? options->ids : NULL;
  const char *tag = options != NULL ? options->tag : NULL;
  guint count = 0;
  g_autofree char *tail = NULL;
  gboolean ok;

  g_return_val_if_fail (CLIPPER_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);

  if (!clipper_store_count_foreach (store, ids, tag, &count, error))
    return FALSE;
  /* Two passes: the articles, then their annotations. */
  w.total = 2 * (guint64) count;
  clipper_progress_report (progress, progress_data, 0, w.total);

  /* The store rides along on the stream for write_article(). */
  g_object_set_data (G_OBJECT (out), "clipper-store", store);

  ok = write_str (&w, CLIPPER_JSON_HEADER, error)
       && clipper_store_foreach_article (store, ids, tag, TRUE, NULL, write_article, &w, cancellable, error)
       && write_str (&w, w.articles > 0 ? "\n],\n" CLIPPER_JSON_ITEMS_LINE : "],\n" CLIPPER_JSON_ITEMS_LINE, error)
       && clipper_store_foreach_article (store, ids, tag, FALSE, NULL, write_annotations, &w, cancellable, error);

  g_object_set_data (G_OBJECT (out), "clipper-store", NULL);
  if (!ok)
    return FALSE;

  tail = g_strdup_printf ("%s]},\n\"total\":%u}\n", w.highlights > 0 ? "\n" : "", w.highlights);
  if (!write_str (&w, tail, error) || !g_output_stream_flush (out, cancellable, error))
    return FALSE;

  if (out_articles != NULL)
    *out_articles = w.articles;
  if (out_highlights != NULL)
    *out_highlights = w.highlights;
  return TRUE;
}

typedef struct {
  char                 *db_path;
  char                 *path;
  ClipperExportOptions *options;
  ClipperProgressRelay *relay;
  guint                 articles;     /* written, for the finish */
  guint                 highlights;
} JsonTask;

static void
json_task_free (gpointer data)
{
  JsonTask *t = data;

  g_free (t->db_path);
  g_free (t->path);
  clipper_export_options_free (t->options);
  g_clear_pointer (&t->relay, clipper_progress_relay_unref);
  g_free (t);
}

gboolean
clipper_json_export_file (ClipperStore               *store,
                          const char                 *path,
                          const ClipperExportOptions *options,
                          guint                      *out_articles,
                          guint                      *out_highlights,
                          ClipperProgressFunc         progress,
                          gpointer                    progress_data,
                          GCancellable               *cancellable,
                          GError                    **error)
{
  g_autoptr (ClipperReplace) out = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  /* The file the user named: a link to a backup elsewhere stays one. */
  out = clipper_replace_new (path, 256 * 1024, CLIPPER_REPLACE_FOLLOW_LINK, error);
  return out != NULL
         && clipper_json_export (store, clipper_replace_stream (out), options, out_articles, out_highlights,
                                 progress, progress_data, cancellable, error)
         && clipper_replace_commit (out, error);
}

static void
json_export_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  JsonTask *t = task_data;
  g_autoptr (ClipperStore) store = NULL;
  GError *error = NULL;

  /* A worker's own connection to the caller's library: one deleted or
   * moved meanwhile is not made again (its folder too) to work in. */
  store = clipper_store_open_existing (t->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!clipper_json_export_file (store, t->path, t->options, &t->articles, &t->highlights,
                                 t->relay != NULL ? clipper_progress_relay_report : NULL, t->relay,
                                 cancellable, &error))
    {
      /* Which file: the reason alone is no message for a toast. */
      if (error->domain == G_IO_ERROR && error->code != G_IO_ERROR_CANCELLED)
        g_prefix_error (&error, "cannot write '%s': ", t->path);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
clipper_json_export_async (const char                 *db_path,
                           const char                 *path,
                           const ClipperExportOptions *options,
                           ClipperProgressFunc         progress,
                           gpointer                    progress_data,
                           GDestroyNotify              progress_destroy,
                           GCancellable               *cancellable,
                           GAsyncReadyCallback         callback,
                           gpointer                    user_data)
{
  g_autoptr (GTask) task = NULL;
  JsonTask *t;

  g_return_if_fail (path != NULL);

  t = g_new0 (JsonTask, 1);
  t->db_path = g_strdup (db_path);
  t->path = g_strdup (path);
  t->options = clipper_export_options_copy (options);
  t->relay = clipper_progress_relay_new (progress, progress_data, progress_destroy);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, clipper_json_export_async);
  g_task_set_task_data (task, t, json_task_free);
  g_task_run_in_thread (task, json_export_thread);
}

gboolean
clipper_json_export_finish (GAsyncResult *result, guint *out_articles, guint *out_highlights, GError **error)
{
  JsonTask *t;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  t = g_task_get_task_data (G_TASK (result));
  if (out_articles != NULL)
    *out_articles = t->articles;
  if (out_highlights != NULL)
    *out_highlights = t->highlights;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Import: reading values defensively                                  */

static JsonObject *
member_object (JsonObject *obj, const char *name)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *obj, const char *name)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static const char *
member_string (JsonObject *obj, const char *name)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
member_int (JsonObject *obj, const char *name, gint64 *out)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    *out = json_node_get_int (node);
  else if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    *out = (gint64) json_node_get_double (node);
  else
    return FALSE;
  return TRUE;
}

static double
member_double (JsonObject *obj, const char *name)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0.0;
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return json_node_get_double (node);
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return (double) json_node_get_int (node);
  return 0.0;
}

static gboolean
member_bool (JsonObject *obj, const char *name, gboolean fallback)
{
  JsonNode *node = obj != NULL ? json_object_get_member (obj, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fallback;
  return json_node_get_boolean (node);
}

/* Strings of a JSON array (others skipped); (transfer full). */
static GStrv
string_list (JsonArray *array)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
          && *json_node_get_string (node) != '\0')
        g_strv_builder_add (builder, json_node_get_string (node));
    }
  return g_strv_builder_end (builder);
}

/* A value the import does not know, as people are shown it: a string
 * quoted, anything else as JSON. */
static char *
describe_value (JsonObject *obj, const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup_printf ("'%s'", json_node_get_string (node));
  return json_to_string (node, FALSE);
}

/* Whether the record gives a read state Clipper knows, in @out_state; one
 * it does not know (a newer Clipper's) is said. */
static gboolean
record_read_state (ClipperImportResult *result, JsonObject *rec, guint entry, ClipperReadState *out_state)
{
  g_autofree char *value = NULL;

  if (!json_object_has_member (rec, "readState"))
    return FALSE;
  if (member_string (rec, "readState") != NULL
      && clipper_read_state_from_string (member_string (rec, "readState"), out_state))
    return TRUE;
  value = describe_value (rec, "readState");
  clipper_import_result_add_notice (result, "article %u (%s): the read state %s is not one Clipper knows; "
                                    "imported as unread", entry, member_string (rec, "url"), value);
  return FALSE;
}

static const char *
strip_urn (const char *id)
{
  if (id != NULL && g_str_has_prefix (id, "urn:uuid:"))
    return id + strlen ("urn:uuid:");
  return id;
}

/* The error a record got from the store, as a problem to report; FALSE
 * when the error is one that must stop the import (the database). */
static gboolean
note_problem (ClipperImportResult *result, guint entry, const char *what, GError *store_error)
{
  if (store_error->domain == CLIPPER_STORE_ERROR && store_error->code == CLIPPER_STORE_ERROR_INVALID)
    {
      clipper_import_result_add_problem (result, entry, "%s: %s", what, store_error->message);
      return TRUE;
    }
  return FALSE;
}

/* A library item for a page that has no article: used for annotations of
 * pages that were never saved. */
static gint64
ensure_article (ClipperStore        *store,
                const char          *url,
                const char          *title,
                gint64               saved_at,
                GHashTable          *created_urls,
                ClipperImportResult *result,
                GError             **error)
{
  g_autoptr (ClipperArticle) article = NULL;
  gint64 id;

  id = clipper_store_find_article_by_url (store, url, error);
  if (id != 0)
    {
      if (id > 0 && !g_hash_table_contains (created_urls, url))
        {
          result->articles_existing++;
          g_hash_table_add (created_urls, g_strdup (url));
        }
      return id;
    }
  if (error != NULL && *error != NULL)
    return -1;

  article = clipper_article_new ();
  clipper_article_set_url (article, url);
  clipper_article_set_title (article, title != NULL && *title != '\0' ? title : url);
  clipper_article_set_saved_at (article, saved_at);
  if (!clipper_store_add_article (store, article, NULL, error))
    return -1;
  g_hash_table_add (created_urls, g_strdup (url));
  if (result->articles_added++ == 0)
    result->first_article_added = clipper_article_get_id (article);
  return clipper_article_get_id (article);
}

/* The article's text, prepared once per import (NULL: it has none). */
static ClipperAnchorText *
article_text (ClipperStore *store, gint64 article_id, GHashTable *texts)
{
  ClipperAnchorText *text = g_hash_table_lookup (texts, &article_id);

  if (text == NULL && !g_hash_table_contains (texts, &article_id))
    {
      g_autoptr (ClipperArticle) article = clipper_store_get_article (store, article_id, NULL);
      const char *body = article != NULL ? clipper_article_get_text (article) : NULL;

      text = body != NULL && *body != '\0' ? clipper_anchor_text_new (body) : NULL;
      g_hash_table_insert (texts, g_memdup2 (&article_id, sizeof article_id), text);
    }
  return text;
}

/* Fills in where a highlight lands in its article's text, if the article has
 * text; otherwise the highlight is kept as an orphan, never dropped. */
static void
anchor_highlight (ClipperStore *store, ClipperHighlight *h, GHashTable *texts)
{
  ClipperAnchorText *text = article_text (store, clipper_highlight_get_article_id (h), texts);
  g_autoptr (GPtrArray) one = NULL;

  /* Another tool's offsets are those of the page it was made on; placed,
   * they become the text's. */
  clipper_highlight_set_offsets_from (h, CLIPPER_OFFSETS_UNKNOWN);
  if (text == NULL)
    {
      clipper_highlight_set_anchored (h, FALSE);
      return;
    }
  /* As a refetch places it: where it lands, its quote and context are the
   * text's (another tool's quote kept as the original when they differ). */
  one = g_ptr_array_new ();
  g_ptr_array_add (one, h);
  clipper_reanchor_place_all (text, NULL, one, NULL, NULL);
}

static void
anchor_text_free (gpointer data)
{
  if (data != NULL)
    clipper_anchor_text_free (data);
}

/* A highlight of Clipper's own export whose article was in the library
 * before the import, with another text: placed when its article's batch
 * is complete. */
typedef struct {
  ClipperHighlight *highlight;
  guint             entry;
  gint64            updated_at;
  gboolean          has_color;
} Pending;

static void
pending_free (gpointer data)
{
  Pending *p = data;

  g_object_unref (p->highlight);
  g_free (p);
}

struct _ClipperJsonImporter {
  ClipperStore        *store;
  ClipperImportResult *result;
  GHashTable          *uid_to_id;     /* article uid → gint64 id */
  GHashTable          *created_urls;  /* URLs counted already */
  GHashTable          *texts;         /* article id → ClipperAnchorText */
  /* Articles that were in the library before the import: id → the text
   * the export had (NULL when it had none; no entry when the two texts
   * are the same, so the exported offsets hold). */
  GHashTable          *old_texts;
  gint64               pending_article;
  GPtrArray           *pending;       /* (element-type Pending) of pending_article */
  /* Articles the library had without a text that the file filled in, until
   * their highlights are settled (gint64 ids). */
  GHashTable          *filled;
  /* The library's highlights of one article as they were before the import,
   * less those matched since: read when an annotation of it is not found by
   * its UUID (an export lists an article's annotations together). */
  gint64               library_article;
  GPtrArray           *library;
  /* Entries whose reply text is no newer than the library's (guint). */
  GArray              *older;
};

/* ------------------------------------------------------------------ */
/* Import: W3C Web Annotation (Clipper's own export among them)        */

static gboolean
is_set (const char *str)
{
  return str != NULL && *str != '\0';
}

/* @text for a message: its first 60 characters, then "…". */
static char *
shorten (const char *text)
{
  glong length = g_utf8_strlen (text, -1);
  g_autofree char *start = NULL;

  if (length <= 60)
    return g_strdup (text);
  start = g_utf8_substring (text, 0, 60);
  return g_strconcat (start, "…", NULL);
}

/* How a notice names the file's entry @entry, a highlight of @quote: by
 * its quote, which is how the reader knows it, then its place in the file
 * ("annotation 1" alone told someone who never opened the file nothing). */
static char *
name_highlight (guint       entry,
                const char *quote)
{
  g_autofree char *shown = NULL;

  if (quote == NULL || *quote == '\0')
    return g_strdup_printf ("annotation %u", entry);
  shown = shorten (quote);
  return g_strdup_printf ("the highlight \"%s\" (annotation %u in the file)", shown, entry);
}

/* The record's originalPageUrl when it can be one: the address a
 * refetch --offline reads the stored page against, so an absolute web
 * address with a host, or a file one.  Anything else ("", "not a url",
 * "javascript:…") is left out and said; the page is kept without it. */
static const char *
original_page_url (ClipperImportResult *result, JsonObject *rec, guint entry)
{
  const char *url = member_string (rec, "originalPageUrl");
  g_autoptr (GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (url == NULL)
    return NULL;
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;
  if (scheme != NULL
      && (g_ascii_strcasecmp (scheme, "file") == 0
          || ((g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0)
              && host != NULL && *host != '\0')))
    return url;
  clipper_import_result_add_notice (result, "article %u (%s): its originalPageUrl \"%s\" is no web or file "
                                    "address; the original page is kept without it", entry,
                                    member_string (rec, "url"), url);
  return NULL;
}

/* An article the library has without a text (made from a vault or from
 * Kindle clippings: a new machine restored from the vault first) takes
 * the file's text, html and original page, and each field it lacks; what
 * it has is kept, and the file's tags and star are added.  Its highlights
 * are then matched with the file's and placed on the text. */
static gboolean
fill_article (ClipperJsonImporter *self, ClipperArticle *kept, JsonObject *rec, guint entry, GError **error)
{
  gint64 id = clipper_article_get_id (kept);
  const char *b64 = member_string (rec, "originalPage");
  const char *title = clipper_article_get_title (kept);
  g_auto (GStrv) tags = string_list (member_array (rec, "tags"));
  g_autoptr (GBytes) original = NULL;
  g_autoptr (GError) local_error = NULL;
  ClipperReadState state = CLIPPER_READ_STATE_UNREAD;
  gint64 word_count = 0;

  /* A title that is the URL is the one an import makes up. */
  if ((!is_set (title) || g_strcmp0 (title, clipper_article_get_url (kept)) == 0)
      && is_set (member_string (rec, "title")))
    clipper_article_set_title (kept, member_string (rec, "title"));
#define FILL(field, member) \
  if (!is_set (clipper_article_get_##field (kept))) \
    clipper_article_set_##field (kept, member_string (rec, member));
  FILL (canonical_url, "canonicalUrl")
  FILL (byline, "byline")
  FILL (site_name, "siteName")
  FILL (lang, "lang")
  FILL (dir, "dir")
  FILL (published_time, "publishedTime")
  FILL (excerpt, "excerpt")
  FILL (lead_image, "leadImage")
#undef FILL
  clipper_article_set_html (kept, member_string (rec, "html"));
  clipper_article_set_text (kept, member_string (rec, "text"));
  if (clipper_article_get_word_count (kept) == 0 && member_int (rec, "wordCount", &word_count))
    clipper_article_set_word_count (kept, (guint) CLAMP (word_count, 0, G_MAXUINT));
  /* Unread and not starred are what an article without a text was made
   * with; a position in no text means nothing. */
  if (record_read_state (self->result, rec, entry, &state)
      && clipper_article_get_read_state (kept) == CLIPPER_READ_STATE_UNREAD)
    clipper_article_set_read_state (kept, state);
  if (member_bool (rec, "starred", FALSE))
    clipper_article_set_starred (kept, TRUE);
  clipper_article_set_reading_position (kept, CLAMP (member_double (rec, "readingPosition"), 0.0, 1.0));

  if (!clipper_store_update_article (self->store, kept, &local_error))
    {
      if (note_problem (self->result, entry, clipper_article_get_url (kept), local_error))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* A vault writes tags as Obsidian spells them ("to-read", "c" for
   * "C++"): the file's spelling replaces the vault's, not stands beside
   * it (QA: every restored article had both). */
  {
    const char *const *kept_tags = clipper_article_get_tags (kept);
    g_autoptr (GStrvBuilder) slugged = g_strv_builder_new ();
    g_auto (GStrv) vault_spelled = NULL;

    for (guint i = 0; kept_tags != NULL && kept_tags[i] != NULL; i++)
      {
        if (g_strv_contains ((const char *const *) tags, kept_tags[i]))
          continue;
        for (guint j = 0; tags[j] != NULL; j++)
          {
            g_autofree char *slug = clipper_export_tag_slug (tags[j]);

            if (g_str_equal (slug, kept_tags[i]))
              {
                g_strv_builder_add (slugged, kept_tags[i]);
                break;
              }
          }
      }
    vault_spelled = g_strv_builder_end (slugged);
    if (vault_spelled[0] != NULL
        && !clipper_store_untag_article (self->store, id, (const char *const *) vault_spelled, &local_error))
      {
        if (!note_problem (self->result, entry, clipper_article_get_url (kept), local_error))
          {
            g_propagate_error (error, g_steal_pointer (&local_error));
            return FALSE;
          }
        g_clear_error (&local_error);
      }
  }
  /* (A tag the store refuses is said; the text is in.) */
  if (!clipper_store_tag_article (self->store, id, (const char *const *) tags, &local_error))
    {
      if (!note_problem (self->result, entry, clipper_article_get_url (kept), local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_clear_error (&local_error);
    }

  original = clipper_store_dup_original_page (self->store, id, NULL, &local_error);
  if (original == NULL && !g_error_matches (local_error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_error (&local_error);
  if (original == NULL && b64 != NULL)
    {
      gsize len = 0;
      guchar *data = g_base64_decode (b64, &len);

      original = g_bytes_new_take (data, len);
      if (!clipper_store_set_original_page (self->store, id, original,
                                            original_page_url (self->result, rec, entry), error))
        return FALSE;
    }

  /* The exported offsets hold on this text: it is the export's. */
  g_hash_table_remove (self->texts, &id);
  g_hash_table_add (self->filled, g_memdup2 (&id, sizeof id));
  self->result->articles_completed++;
  return TRUE;
}

static gboolean
import_article_record (ClipperJsonImporter *self,
                       JsonObject          *rec,
                       guint                entry,
                       GError             **error)
{
  ClipperStore *store = self->store;
  GHashTable *uid_to_id = self->uid_to_id;
  GHashTable *created_urls = self->created_urls;
  ClipperImportResult *result = self->result;
  g_autoptr (ClipperArticle) article = NULL;
  g_autoptr (GBytes) original = NULL;
  g_autoptr (GError) local_error = NULL;
  g_auto (GStrv) tags = NULL;
  const char *url = member_string (rec, "url");
  const char *id = strip_urn (member_string (rec, "id"));
  const char *b64 = member_string (rec, "originalPage");
  const char *original_url;
  ClipperReadState state = CLIPPER_READ_STATE_UNREAD;
  gint64 existing, word_count = 0;

  if (url == NULL || *url == '\0')
    {
      clipper_import_result_add_problem (result, entry, "article %u has no \"url\"", entry);
      return TRUE;
    }

  existing = clipper_store_find_article_by_url (store, url, error);
  if (existing < 0 || (existing == 0 && error != NULL && *error != NULL))
    return FALSE;
  if (existing > 0)
    {
      g_autoptr (ClipperArticle) kept = clipper_store_get_article (store, existing, error);
      const char *text = member_string (rec, "text");
      const char *kept_text;

      if (kept == NULL)
        return FALSE;
      result->articles_existing++;
      if (id != NULL)
        g_hash_table_insert (uid_to_id, g_strdup (id), g_memdup2 (&existing, sizeof existing));
      kept_text = clipper_article_get_text (kept);
      if (!is_set (kept_text) && is_set (text))
        {
          g_hash_table_add (created_urls, g_strdup (url));
          return fill_article (self, kept, rec, entry, error);
        }
      /* The library's copy may have been fetched again or extracted anew
       * since the export: then the exported offsets and quotes describe the
       * export's text, not this one. */
      if (text == NULL || *text == '\0' || g_strcmp0 (text, clipper_article_get_text (kept)) != 0)
        g_hash_table_insert (self->old_texts, g_memdup2 (&existing, sizeof existing),
                             text != NULL && *text != '\0' ? g_strdup (text) : NULL);
      g_hash_table_add (created_urls, g_strdup (url));
      return TRUE;
    }

  article = clipper_article_new ();
  clipper_article_set_url (article, url);
  clipper_article_set_canonical_url (article, member_string (rec, "canonicalUrl"));
  clipper_article_set_title (article, member_string (rec, "title") != NULL ? member_string (rec, "title") : "");
  clipper_article_set_byline (article, member_string (rec, "byline"));
  clipper_article_set_site_name (article, member_string (rec, "siteName"));
  clipper_article_set_lang (article, member_string (rec, "lang"));
  clipper_article_set_dir (article, member_string (rec, "dir"));
  clipper_article_set_published_time (article, member_string (rec, "publishedTime"));
  clipper_article_set_excerpt (article, member_string (rec, "excerpt"));
  clipper_article_set_lead_image (article, member_string (rec, "leadImage"));
  clipper_article_set_html (article, member_string (rec, "html"));
  clipper_article_set_text (article, member_string (rec, "text"));
  if (member_int (rec, "wordCount", &word_count))
    clipper_article_set_word_count (article, (guint) CLAMP (word_count, 0, G_MAXUINT));
  /* A file that gives the text without its count (one made by hand or by
   * another tool): counted, as a save counts it, or the article would
   * read as one without text, its highlights as never placed. */
  else if (member_string (rec, "text") != NULL)
    clipper_article_set_word_count (article, clipper_extract_count_words (member_string (rec, "text")));
  record_read_state (result, rec, entry, &state);
  clipper_article_set_read_state (article, state);
  clipper_article_set_starred (article, member_bool (rec, "starred", FALSE));
  clipper_article_set_reading_position (article, CLAMP (member_double (rec, "readingPosition"), 0.0, 1.0));
  clipper_article_set_saved_at (article, clipper_export_parse_time (member_string (rec, "saved")));
  tags = string_list (member_array (rec, "tags"));
  clipper_article_set_tags (article, (const char *const *) tags);

  if (b64 != NULL)
    {
      gsize len = 0;
      guchar *data = g_base64_decode (b64, &len);

      original = g_bytes_new_take (data, len);
    }

  /* The store keeps the times an import sets (0: now). */
  clipper_article_set_updated_at (article, clipper_export_parse_time (member_string (rec, "updated")));
  if (!clipper_store_add_article (store, article, original, &local_error))
    {
      if (note_problem (result, entry, url, local_error))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* Where the page was read from, which clipper_store_add_article() does
   * not take: only a page a refetch stored has it, and it is written
   * again with it. */
  original_url = original != NULL ? original_page_url (result, rec, entry) : NULL;
  if (original_url != NULL &&
      !clipper_store_set_original_page (store, clipper_article_get_id (article), original, original_url, error))
    return FALSE;

  if (result->articles_added++ == 0)
    result->first_article_added = clipper_article_get_id (article);
  g_hash_table_add (created_urls, g_strdup (url));
  if (id != NULL)
    {
      gint64 new_id = clipper_article_get_id (article);
      g_hash_table_insert (uid_to_id, g_strdup (id), g_memdup2 (&new_id, sizeof new_id));
    }
  return TRUE;
}

/* The first selector of @type in a W3C target (selector may be one object
 * or a list). */
static JsonObject *
find_selector (JsonObject *target, const char *type)
{
  JsonNode *node = target != NULL ? json_object_get_member (target, "selector") : NULL;

  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return g_strcmp0 (member_string (json_node_get_object (node), "type"), type) == 0 ? json_node_get_object (node) : NULL;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *el = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_OBJECT (el) && g_strcmp0 (member_string (json_node_get_object (el), "type"), type) == 0)
            return json_node_get_object (el);
        }
    }
  return NULL;
}

static JsonObject *
first_target (JsonObject *annotation)
{
  JsonNode *node = json_object_get_member (annotation, "target");

  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);
  if (JSON_NODE_HOLDS_ARRAY (node) && json_array_get_length (json_node_get_array (node)) > 0)
    {
      JsonNode *el = json_array_get_element (json_node_get_array (node), 0);
      return JSON_NODE_HOLDS_OBJECT (el) ? json_node_get_object (el) : NULL;
    }
  return NULL;
}

/* Adds @h, which the library does not have; FALSE only for a store error
 * that stops the import. */
static gboolean
add_new_highlight (ClipperStore        *store,
                   ClipperHighlight    *h,
                   guint                entry,
                   gint64               updated_at,
                   ClipperImportResult *result,
                   guint               *added,
                   GError             **error)
{
  g_autoptr (GError) local_error = NULL;

  /* The store keeps the times an import sets (0: now). */
  clipper_highlight_set_updated_at (h, MAX (updated_at, 0));
  if (!clipper_store_add_highlight (store, h, &local_error))
    {
      if (note_problem (result, entry, "highlight", local_error))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  (*added)++;
  return TRUE;
}

/* Adds @h unless its uuid is there already, counting it in @added; FALSE
 * only for a store error that stops the import. */
static gboolean
add_highlight_once (ClipperStore        *store,
                    ClipperHighlight    *h,
                    guint                entry,
                    gint64               updated_at,
                    ClipperImportResult *result,
                    guint               *added,
                    GError             **error)
{
  g_autoptr (ClipperHighlight) existing = NULL;
  g_autoptr (GError) local_error = NULL;

  existing = clipper_store_get_highlight_by_uuid (store, clipper_highlight_get_uuid (h), &local_error);
  if (existing != NULL)
    {
      result->highlights_existing++;
      return TRUE;
    }
  if (!g_error_matches (local_error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND))
    {
      if (local_error != NULL && note_problem (result, entry, "highlight", local_error))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return add_new_highlight (store, h, entry, updated_at, result, added, error);
}

/* What the user wrote at no passage of the page, a note on the whole page
 * or a reply whose annotation is not there (@kind "page-note" or
 * "reply"): a highlight needs a quote, so it is kept as a highlight of its
 * own text, tagged @kind, as Kindle's notes at no highlight are; nothing
 * written is lost.  It quotes nothing of the article, so it is not placed
 * in its text.  Counted as a page note: that is what it is kept as. */
static gboolean
keep_written_note (ClipperStore        *store,
                   gint64               article_id,
                   const char          *uuid,
                   const char          *text,
                   const char *const   *tags,
                   const char          *kind,
                   gint64               created,
                   gint64               updated_at,
                   guint                entry,
                   ClipperImportResult *result,
                   GError             **error)
{
  g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) all_tags = NULL;

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    if (!g_str_equal (tags[i], kind))
      g_strv_builder_add (builder, tags[i]);
  g_strv_builder_add (builder, kind);
  all_tags = g_strv_builder_end (builder);

  clipper_highlight_set_uuid (h, uuid);
  clipper_highlight_set_article_id (h, article_id);
  clipper_highlight_set_color (h, "yellow");
  clipper_highlight_set_quote (h, text);
  clipper_highlight_set_tags (h, (const char *const *) all_tags);
  clipper_highlight_set_created_at (h, created);
  clipper_highlight_set_range (h, 0, 0);
  clipper_highlight_set_anchored (h, FALSE);
  clipper_highlight_set_offsets_from (h, CLIPPER_OFFSETS_UNKNOWN);
  return add_highlight_once (store, h, entry, updated_at, result, &result->page_notes, error);
}

/* Merges @text, the part of @h's note that comes from @source (a reply,
 * a Hypothesis annotation's own text, another library's note on the same
 * passage), written at @written_at (the file's "updated", 0 if none),
 * into the note as another library's part is merged
 * (clipper_merge_same_passage(), @tags added): the version an
 * earlier import took in (in @parts) is replaced where the note still
 * holds it, and where it was edited here the new one goes below and both
 * stay; @merge says which.  A @text other than that version but written
 * no later than it (an older export imported after a newer one) changes
 * nothing, @merge says the note is the same, and @entry is appended to
 * @older (NULL only with no @written_at): putting it in put the older
 * words back over the newer.  Writes what changed.  Returns FALSE for a
 * store error that stops the import; @out_kept is FALSE, and a problem
 * reported, when the store refused only this entry (@what). */
static gboolean
merge_note_part (ClipperStore        *store,
                 ClipperHighlight    *h,
                 GHashTable          *parts,
                 const char          *source,
                 const char          *text,
                 gint64               written_at,
                 const char *const   *tags,
                 guint                entry,
                 const char          *what,
                 ClipperImportResult *result,
                 GArray              *older,
                 ClipperMergeResult  *merge,
                 gboolean            *out_kept,
                 GError             **error)
{
  g_autoptr (GError) local_error = NULL;
  gint64 id = clipper_highlight_get_id (h);
  gboolean changed;

  *out_kept = FALSE;
  if (written_at > 0 && g_strcmp0 (text, g_hash_table_lookup (parts, source)) != 0)
    {
      gint64 taken_at;

      if (!clipper_store_get_note_part_time (store, id, source, &taken_at, error))
        return FALSE;
      if (taken_at > 0 && written_at <= taken_at)
        {
          g_array_append_val (older, entry);
          merge->note = CLIPPER_MERGE_NOTE_SAME;
          *out_kept = TRUE;
          return TRUE;
        }
    }
  changed = clipper_merge_same_passage (h, text, source, parts, tags, merge);
  if ((changed && !clipper_store_update_highlight (store, h, &local_error)) ||
      (merge->record
       && !clipper_store_set_note_part_at (store, id, source, NULL, merge->part, written_at, &local_error)))
    {
      if (note_problem (result, entry, what, local_error))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *out_kept = TRUE;
  return TRUE;
}

static int
compare_entries (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* Once for the file: its annotations and replies (entries @older) whose
 * text is no newer than what the library took in before (@from: where,
 * " from hypothes.is", or ""), and was left out (merge_note_part()).  Ten
 * are named; a whole older export would name them all. */
static void
say_older (ClipperImportResult *result,
           GArray              *older,
           const char          *from)
{
  g_autoptr (GString) entries = g_string_new (NULL);

  g_array_sort (older, compare_entries);
  for (guint k = 0; k < older->len && k < 10; k++)
    g_string_append_printf (entries, "%s%u", k > 0 ? ", " : "", g_array_index (older, guint, k));
  if (older->len > 10)
    g_string_append_printf (entries, " and %u more", older->len - 10);
  clipper_import_result_add_notice (result,
                                    "%s %s: the file's text is no newer than the text the library took in%s "
                                    "before (an older export?), so the library keeps the newer text",
                                    older->len == 1 ? "annotation" : "annotations", entries->str, from);
}

/* A reply (@uuid, by @who) to the annotation that is @parent: what it
 * says goes into @parent's note, below it, credited ("Reply from who: …"),
 * and is kept apart as a part of that note by the reply's block id, so
 * that an edited reply imported again replaces its earlier version
 * (merge_note_part()).  A reply is one person answering
 * another's annotation, often a friend's: kept as a highlight of its own
 * text, it read as the user's own highlight of a passage the article does
 * not have, and its author was lost.  Counted as a reply, not as a
 * highlight: a thread of one highlight and two replies was "3
 * highlights" already in the library. */
static gboolean
add_reply (ClipperStore        *store,
           ClipperHighlight    *parent,
           const char          *uuid,
           const char          *who,
           const char          *text,
           gint64               written_at,
           const char *const   *tags,
           guint                entry,
           ClipperImportResult *result,
           GArray              *older,
           GError             **error)
{
  g_autoptr (GHashTable) parts = NULL;
  g_auto (ClipperMergeResult) merge = { 0 };
  g_autofree char *source = clipper_export_block_id (uuid);
  g_autofree char *credited = g_strdup_printf ("Reply from %s: %s", is_set (who) ? who : "someone", text);
  g_autoptr (ClipperHighlight) kept_alone = clipper_store_get_highlight_by_uuid (store, uuid, NULL);
  gboolean kept;

  /* Imported before replies went into notes (30 November 2026): it stays
   * the highlight of its own text it is, which the user may have edited
   * or tagged, and is not written into the note a second time. */
  if (kept_alone != NULL)
    {
      result->replies_existing++;
      return TRUE;
    }
  parts = clipper_store_dup_note_parts (store, clipper_highlight_get_id (parent), error);
  if (parts == NULL)
    return FALSE;
  if (!merge_note_part (store, parent, parts, source, credited, written_at, tags, entry, "reply", result, older,
                        &merge, &kept, error))
    return FALSE;
  if (!kept)
    return TRUE;
  /* Edited since: its new version replaced the earlier, or went below it. */
  if (merge.note == CLIPPER_MERGE_NOTE_SAME)
    result->replies_existing++;
  else if (merge.note == CLIPPER_MERGE_NOTE_ADDED)
    result->replies++;
  else
    result->replies_updated++;
  if (merge.note == CLIPPER_MERGE_NOTE_KEPT_BOTH)
    {
      g_autofree char *quote = shorten (clipper_highlight_get_quote (parent));

      clipper_import_result_add_notice (result,
                                        "annotation %u: a reply to \"%s\" was edited, and its earlier version "
                                        "in that note was edited or taken out here: the new version was added "
                                        "below; edit the note to keep what you want", entry, quote);
    }
  return TRUE;
}

/* Whether @a and @b hold the same tags, in any order; @slugs compares them
 * as a vault writes them ("to read" is #to-read there). */
static gboolean
same_tags (const char *const *a, const char *const *b, gboolean slugs)
{
  g_autoptr (GHashTable) in_a = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) in_b = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; a != NULL && a[i] != NULL; i++)
    g_hash_table_add (in_a, slugs ? clipper_export_tag_slug (a[i]) : g_strdup (a[i]));
  for (guint i = 0; b != NULL && b[i] != NULL; i++)
    {
      char *key = slugs ? clipper_export_tag_slug (b[i]) : g_strdup (b[i]);

      if (!g_hash_table_contains (in_a, key))
        {
          g_free (key);
          return FALSE;
        }
      g_hash_table_add (in_b, key);
    }
  return g_hash_table_size (in_a) == g_hash_table_size (in_b);
}

/* The highlight of @library that @h (of the file, not found by its UUID)
 * is the same as, taken out of @library: first one a vault import made
 * from it, whose UUID ends with the block id the export wrote, the end of
 * @h's (a quote edited in the vault is matched when the library's is not
 * placed); else one with @h's quote that is not placed (a vault's or
 * Kindle's), or placed at the same offsets or in the same context. */
static ClipperHighlight *
claim_same (GPtrArray *library, ClipperHighlight *h)
{
  g_autofree char *block_id = clipper_export_block_id (clipper_highlight_get_uuid (h));
  const char *quote = clipper_highlight_get_quote (h);

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < library->len; i++)
      {
        ClipperHighlight *l = g_ptr_array_index (library, i);
        const char *prefix = clipper_highlight_get_prefix (l);
        const char *suffix = clipper_highlight_get_suffix (l);
        gboolean same_quote = g_strcmp0 (clipper_highlight_get_quote (l), quote) == 0;
        gboolean has_context = is_set (prefix) || is_set (suffix);
        gboolean placed = clipper_highlight_get_anchored (l) || has_context;
        gboolean same;

        if (pass == 0)
          {
            g_autofree char *l_block_id = clipper_export_block_id (clipper_highlight_get_uuid (l));

            same = g_str_equal (l_block_id, block_id) && (same_quote || !placed);
          }
        else
          same = same_quote
                 && (!placed
                     || (clipper_highlight_get_anchored (l) && clipper_highlight_get_anchored (h)
                         && clipper_highlight_get_start (l) == clipper_highlight_get_start (h)
                         && clipper_highlight_get_end (l) == clipper_highlight_get_end (h))
                     || (has_context && g_strcmp0 (prefix, clipper_highlight_get_prefix (h)) == 0
                         && g_strcmp0 (suffix, clipper_highlight_get_suffix (h)) == 0));
        if (same)
          return g_ptr_array_steal_index (library, i);
      }
  return NULL;
}

/* The library's highlight @kept and the file's @h, the same one: the
 * file's note, colour and tags come in where the library has none, or
 * when the file changed them later (@modified) than the library did; where
 * the library changed them later, its own are kept and that is said.
 * @h's place and page come in when @kept has none.  @other_id: @kept has another
 * UUID (a vault import's), whose tags are the vault's spelling of the
 * file's.  @has_color: the file gave a colour. */
static gboolean
merge_highlight (ClipperJsonImporter *self,
                 ClipperHighlight    *kept,
                 ClipperHighlight    *h,
                 guint                entry,
                 gint64               modified,
                 gboolean             has_color,
                 gboolean             other_id,
                 GError             **error)
{
  ClipperImportResult *result = self->result;
  g_autoptr (GStrvBuilder) kept_fields = g_strv_builder_new ();
  g_auto (GStrv) kept_list = NULL;
  g_autoptr (GError) local_error = NULL;
  gboolean newer = modified > clipper_highlight_get_updated_at (kept);
  gboolean note_taken = FALSE, tags_taken = FALSE, changed = FALSE;
  const char *note = clipper_highlight_get_note (h);
  const char *kept_note = clipper_highlight_get_note (kept);
  const char *const *tags = clipper_highlight_get_tags (h);
  const char *const *kept_tags = clipper_highlight_get_tags (kept);

  if (g_strcmp0 (is_set (note) ? note : NULL, is_set (kept_note) ? kept_note : NULL) != 0)
    {
      if (newer || !is_set (kept_note))
        {
          clipper_highlight_set_note (kept, is_set (note) ? note : NULL);
          note_taken = TRUE;
        }
      else
        g_strv_builder_add (kept_fields, "note");
    }
  if (has_color && g_strcmp0 (clipper_highlight_get_color (h), clipper_highlight_get_color (kept)) != 0)
    {
      if (newer)
        {
          clipper_highlight_set_color (kept, clipper_highlight_get_color (h));
          tags_taken = TRUE;
        }
      else
        g_strv_builder_add (kept_fields, "colour");
    }
  if (!same_tags (tags, kept_tags, FALSE))
    {
      if (newer || kept_tags == NULL || kept_tags[0] == NULL)
        {
          clipper_highlight_set_tags (kept, tags);
          tags_taken = TRUE;
        }
      else if (other_id && same_tags (tags, kept_tags, TRUE))
        {
          /* The vault's spelling of the same tags: the file has them as
           * they were typed. */
          clipper_highlight_set_tags (kept, tags);
          changed = TRUE;
        }
      else
        g_strv_builder_add (kept_fields, "tags");
    }

  if (!clipper_highlight_get_anchored (kept) && clipper_highlight_get_anchored (h))
    {
      /* A quote edited in the vault stays, as the first one. */
      if (g_strcmp0 (clipper_highlight_get_quote (kept), clipper_highlight_get_quote (h)) != 0
          && clipper_highlight_get_original_quote (kept) == NULL)
        clipper_highlight_set_original_quote (kept, clipper_highlight_get_quote (kept));
      clipper_highlight_set_quote (kept, clipper_highlight_get_quote (h));
      clipper_highlight_set_prefix (kept, clipper_highlight_get_prefix (h));
      clipper_highlight_set_suffix (kept, clipper_highlight_get_suffix (h));
      clipper_highlight_set_range (kept, clipper_highlight_get_start (h), clipper_highlight_get_end (h));
      clipper_highlight_set_anchored (kept, TRUE);
      clipper_highlight_set_offsets_from (kept, CLIPPER_OFFSETS_TEXT);
      changed = TRUE;
    }
  if (clipper_highlight_get_original_quote (kept) == NULL && clipper_highlight_get_original_quote (h) != NULL
      && g_strcmp0 (clipper_highlight_get_quote (kept), clipper_highlight_get_quote (h)) == 0)
    {
      clipper_highlight_set_original_quote (kept, clipper_highlight_get_original_quote (h));
      changed = TRUE;
    }
  /* As the place: a page comes in where the library has none (an import
   * made before the library kept pages). */
  if (clipper_highlight_get_page (kept) == NULL && clipper_highlight_get_page (h) != NULL)
    {
      clipper_highlight_set_page (kept, clipper_highlight_get_page (h));
      changed = TRUE;
    }

  if ((note_taken || tags_taken || changed)
      && !clipper_store_update_highlight (self->store, kept, &local_error))
    {
      if (note_problem (result, entry, "highlight", local_error))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (note_taken)
    result->notes_updated++;
  if (tags_taken)
    result->tags_updated++;
  kept_list = g_strv_builder_end (kept_fields);

  /* Another import made @kept (a vault's, which has no times: that
   * import's) from the same highlight: the file's times are its own, and
   * its last change the file's unless the library's version was kept.
   * Restored from the vault and then the backup, every highlight said
   * "Today" (QA). */
  if (other_id && clipper_highlight_get_created_at (h) > 0
      && clipper_highlight_get_created_at (h) < clipper_highlight_get_created_at (kept))
    {
      gint64 created = clipper_highlight_get_created_at (h);
      gint64 updated = MAX (kept_list[0] == NULL ? modified : clipper_highlight_get_updated_at (kept), created);

      if (!clipper_store_set_highlight_times (self->store, clipper_highlight_get_id (kept), created, updated,
                                              &local_error))
        {
          if (note_problem (result, entry, "highlight", local_error))
            return TRUE;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      clipper_highlight_set_created_at (kept, created);
      clipper_highlight_set_updated_at (kept, updated);
    }
  if (kept_list[0] != NULL)
    {
      g_autofree char *name = name_highlight (entry, clipper_highlight_get_quote (kept));
      g_autofree char *fields = g_strjoinv (" and ", kept_list);

      result->conflicts++;
      clipper_import_result_add_notice (result, "%s: the library's %s %s; kept the library's", name, fields,
                                        other_id ? "came from another import and differs from the file's"
                                                 : "changed after the file's");
    }
  return TRUE;
}

/* Highlights of an article the file filled in that no annotation was
 * matched with (added in the vault alone, a Kindle book's) are placed on
 * its text as a refetch places them; once an article. */
static gboolean
place_leftovers (ClipperJsonImporter *self, gint64 article_id, GPtrArray *leftover, GError **error)
{
  g_autoptr (ClipperArticle) article = NULL;
  g_autoptr (ClipperAnchorText) text = NULL;
  g_autoptr (GPtrArray) orphans = g_ptr_array_new ();
  g_autofree gboolean *changed = NULL;

  if (!g_hash_table_remove (self->filled, &article_id))
    return TRUE;
  for (guint i = 0; i < leftover->len; i++)
    if (!clipper_highlight_get_anchored (g_ptr_array_index (leftover, i)))
      g_ptr_array_add (orphans, g_ptr_array_index (leftover, i));
  if (orphans->len == 0)
    return TRUE;

  article = clipper_store_get_article (self->store, article_id, error);
  if (article == NULL)
    return FALSE;
  text = clipper_anchor_text_new (clipper_article_get_text (article));
  changed = g_new0 (gboolean, orphans->len);
  clipper_reanchor_place_all (text, NULL, orphans, changed, NULL);
  for (guint i = 0; i < orphans->len; i++)
    {
      ClipperHighlight *h = g_ptr_array_index (orphans, i);

      if (!changed[i])
        continue;
      if (!clipper_store_update_highlight (self->store, h, error))
        return FALSE;
      if (clipper_highlight_get_anchored (h))
        self->result->highlights_placed++;
    }
  return TRUE;
}

/* Done with the library's highlights of the article read last. */
static gboolean
settle_library (ClipperJsonImporter *self, GError **error)
{
  g_autoptr (GPtrArray) library = g_steal_pointer (&self->library);

  return library == NULL || place_leftovers (self, self->library_article, library, error);
}

/* The library's highlights of @article_id before the import, less those
 * matched already. */
static GPtrArray *
library_highlights (ClipperJsonImporter *self, gint64 article_id, GError **error)
{
  ClipperHighlightQuery query = { 0 };

  if (self->library != NULL && self->library_article == article_id)
    return self->library;
  if (!settle_library (self, error))
    return NULL;
  query.article_id = article_id;
  self->library = clipper_store_list_highlights (self->store, &query, error);
  self->library_article = article_id;
  return self->library;
}

/* Whether @uuid is name-based (version 5): the ids imports make for what
 * they bring without one of Clipper's (a vault's highlights, a Kindle's,
 * another tool's).  The store makes version 7 ones for highlights made in
 * the library. */
static gboolean
is_name_based (const char *uuid)
{
  return uuid != NULL && strlen (uuid) == 36 && uuid[14] == '5';
}

/* The file's @h on the passage of @kept, a highlight this library made
 * itself under another id: the same passage highlighted in two libraries
 * (another computer's Clipper exported the file), not one highlight edited
 * in two places, so neither side's note is newer than the other's: one
 * highlight, with what both wrote (clipper_merge_same_passage()).  (Until
 * 30 November 2026 the later note replaced the other, and the colour and
 * tags with it.)  What @h's note added is kept apart by @h's block id, as
 * a vault import of that library keeps it, so that the next version of it,
 * from either, replaces it instead of piling up below it. */
static gboolean
merge_same_passage (ClipperJsonImporter *self, ClipperHighlight *kept, ClipperHighlight *h,
                    guint entry, GError **error)
{
  g_autoptr (GHashTable) parts = NULL;
  g_auto (ClipperMergeResult) merge = { 0 };
  g_autofree char *source = clipper_export_block_id (clipper_highlight_get_uuid (h));
  gboolean taken;

  parts = clipper_store_dup_note_parts (self->store, clipper_highlight_get_id (kept), error);
  if (parts == NULL)
    return FALSE;
  /* With no time: neither library's version is older than the other's. */
  if (!merge_note_part (self->store, kept, parts, source, clipper_highlight_get_note (h), 0,
                        clipper_highlight_get_tags (h), entry, "highlight", self->result, NULL, &merge, &taken,
                        error))
    return FALSE;
  if (!taken)
    return TRUE;
  if (merge.note == CLIPPER_MERGE_NOTE_SAME && !merge.tags)
    {
      self->result->highlights_existing++;
      return TRUE;
    }
  if (merge.note == CLIPPER_MERGE_NOTE_KEPT_BOTH || merge.note == CLIPPER_MERGE_NOTE_REMOVED)
    {
      g_autofree char *name = name_highlight (entry, clipper_highlight_get_quote (kept));

      if (merge.note == CLIPPER_MERGE_NOTE_KEPT_BOTH)
        clipper_import_result_add_notice (self->result,
                                          "%s: another library changed its note on a "
                                          "passage this library has highlighted too, whose earlier version "
                                          "was edited or taken out here: the new version was added below, "
                                          "and the rest left as it is; edit the note to keep what you "
                                          "want", name);
      else
        clipper_import_result_add_notice (self->result,
                                          "%s: another library emptied its note on a "
                                          "passage this library has highlighted too; what it had added to "
                                          "this library's note was taken out: \"%s\"", name,
                                          merge.last);
    }
  if (merge.note != CLIPPER_MERGE_NOTE_SAME)
    self->result->notes_updated++;
  if (merge.tags)
    self->result->tags_updated++;
  self->result->foreign_merged++;
  return TRUE;
}

/* Adds @h (of the file) unless the library has it, by its UUID or under
 * another id (a vault import's, when the vault came in first): then the
 * two are merged (an edited export brings its edits).  One the library
 * made itself on the same passage is another library's highlight of it:
 * what both wrote is kept (merge_same_passage()).  FALSE only for a
 * store error that stops the import. */
static gboolean
add_or_merge (ClipperJsonImporter *self,
              ClipperHighlight    *h,
              guint                entry,
              gint64               updated_at,
              gboolean             has_color,
              GError             **error)
{
  g_autoptr (ClipperHighlight) existing = NULL;
  g_autoptr (ClipperHighlight) same = NULL;
  g_autoptr (GError) local_error = NULL;
  GPtrArray *library;

  existing = clipper_store_get_highlight_by_uuid (self->store, clipper_highlight_get_uuid (h), &local_error);
  if (existing != NULL)
    {
      self->result->highlights_existing++;
      /* (A UUID of another article's is a file made up to collide.) */
      if (clipper_highlight_get_article_id (existing) != clipper_highlight_get_article_id (h))
        return TRUE;
      return merge_highlight (self, existing, h, entry, updated_at, has_color, FALSE, error);
    }
  if (!g_error_matches (local_error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND))
    {
      if (local_error != NULL && note_problem (self->result, entry, "highlight", local_error))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  library = library_highlights (self, clipper_highlight_get_article_id (h), error);
  if (library == NULL)
    return FALSE;
  same = claim_same (library, h);
  if (same == NULL)
    return add_new_highlight (self->store, h, entry, updated_at, self->result, &self->result->highlights_added,
                              error);
  if (!is_name_based (clipper_highlight_get_uuid (same)))
    return merge_same_passage (self, same, h, entry, error);
  self->result->highlights_merged++;
  return merge_highlight (self, same, h, entry, updated_at, has_color, TRUE, error);
}

/* Places the pending highlights (those of one article that was in the
 * library before the import, with another text) in the library's text,
 * aligned with the export's, and adds them. */
static gboolean
flush_pending (ClipperJsonImporter *self, GError **error)
{
  g_autoptr (GPtrArray) pending = NULL;
  g_autoptr (GPtrArray) highlights = NULL;
  g_autoptr (ClipperArticle) article = NULL;
  g_autoptr (ClipperAnchorText) text = NULL;
  const char *body;

  if (self->pending->len == 0)
    return TRUE;
  pending = g_steal_pointer (&self->pending);
  self->pending = g_ptr_array_new_with_free_func (pending_free);

  article = clipper_store_get_article (self->store, self->pending_article, error);
  if (article == NULL)
    return FALSE;
  body = clipper_article_get_text (article);
  highlights = g_ptr_array_new ();
  for (guint i = 0; i < pending->len; i++)
    {
      ClipperHighlight *h = ((Pending *) g_ptr_array_index (pending, i))->highlight;

      /* The export's text's offsets, not this one's: the placing below
       * makes them the text's, or carries an orphan's. */
      clipper_highlight_set_offsets_from (h, CLIPPER_OFFSETS_UNKNOWN);
      g_ptr_array_add (highlights, h);
    }
  if (body != NULL && *body != '\0')
    {
      text = clipper_anchor_text_new (body);
      clipper_reanchor_place_all (text, g_hash_table_lookup (self->old_texts, &self->pending_article), highlights,
                                  NULL, NULL);
    }
  else
    for (guint i = 0; i < highlights->len; i++)
      clipper_highlight_set_anchored (g_ptr_array_index (highlights, i), FALSE);

  for (guint i = 0; i < pending->len; i++)
    {
      Pending *p = g_ptr_array_index (pending, i);
      guint added = self->result->highlights_added;

      if (!add_or_merge (self, p->highlight, p->entry, p->updated_at, p->has_color, error))
        return FALSE;
      /* (One the library had already is counted as that.) */
      if (self->result->highlights_added > added)
        {
          if (clipper_highlight_get_anchored (p->highlight))
            self->result->highlights_reanchored++;
          else
            self->result->highlights_orphaned++;
        }
    }
  return TRUE;
}

/* A highlight of Clipper's own export, for an article the library had
 * with another text: kept for its article's batch (an export lists an
 * article's highlights together, so one batch at a time is enough). */
static gboolean
defer_highlight (ClipperJsonImporter *self,
                 ClipperHighlight    *h,
                 guint                entry,
                 gint64               updated_at,
                 gboolean             has_color,
                 GError             **error)
{
  gint64 article_id = clipper_highlight_get_article_id (h);
  Pending *p;

  if (article_id != self->pending_article && !flush_pending (self, error))
    return FALSE;
  self->pending_article = article_id;
  p = g_new0 (Pending, 1);
  p->highlight = g_object_ref (h);
  p->entry = entry;
  p->updated_at = updated_at;
  p->has_color = has_color;
  g_ptr_array_add (self->pending, p);
  return TRUE;
}

/* The note (commenting, describing or no purpose; several are joined)
 * and the tags of an annotation's body, which is a list, one object, or a
 * "bodyValue". */
static void
read_body (JsonObject *ann, char **out_note, GStrv *out_tags)
{
  g_autoptr (GStrvBuilder) tags = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (ann, "body");
  JsonArray *list = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  guint n = list != NULL ? json_array_get_length (list) : node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? 1 : 0;
  GString *note = NULL;

  if (member_string (ann, "bodyValue") != NULL)
    note = g_string_new (member_string (ann, "bodyValue"));
  for (guint i = 0; i < n; i++)
    {
      JsonNode *el = list != NULL ? json_array_get_element (list, i) : node;
      JsonObject *b = JSON_NODE_HOLDS_OBJECT (el) ? json_node_get_object (el) : NULL;
      const char *purpose = member_string (b, "purpose");
      const char *value = member_string (b, "value");

      if (value == NULL)
        continue;
      if (g_strcmp0 (purpose, "tagging") == 0)
        g_strv_builder_add (tags, value);
      else if (purpose == NULL || g_strcmp0 (purpose, "commenting") == 0 || g_strcmp0 (purpose, "describing") == 0)
        {
          if (note == NULL)
            note = g_string_new (value);
          else
            g_string_append_printf (note, "\n\n%s", value);
        }
    }
  *out_note = note != NULL ? g_string_free (note, FALSE) : NULL;
  *out_tags = g_strv_builder_end (tags);
}

/* A stable UUID: the annotation's own when it is one, else one made from
 * its id (another tool's), else from what it says. */
static char *
annotation_uuid (const char *id, const char *source, const char *exact)
{
  g_autofree char *name = NULL;

  if (id != NULL && g_uuid_string_is_valid (id))
    return g_ascii_strdown (id, -1);
  name = g_strdup_printf ("w3c:%s|%s|%s", id != NULL ? id : "", source, exact != NULL ? exact : "");
  return clipper_export_uuid_for_name (name);
}

/* Who wrote a W3C annotation: its creator's name, nickname or id. */
static const char *
creator_of (JsonObject *ann)
{
  JsonObject *creator = member_object (ann, "creator");
  const char *name = member_string (ann, "creator");

  if (name == NULL)
    name = member_string (creator, "name");
  if (name == NULL)
    name = member_string (creator, "nickname");
  if (name == NULL)
    name = strip_urn (member_string (creator, "id"));
  return name;
}

/* An annotation with a target but no quote: a note on the whole page, a
 * reply to another annotation (added to that one's note, when the library
 * has it: add_reply()), or a bookmark (nothing written: left out). */
static gboolean
import_written_note (ClipperJsonImporter *self,
                     JsonObject          *ann,
                     guint                entry,
                     const char          *source,
                     const char          *note,
                     const char *const   *tags,
                     GError             **error)
{
  ClipperImportResult *result = self->result;
  const char *id = strip_urn (member_string (ann, "id"));
  const char *article_ref = strip_urn (member_string (ann, "clipper:article"));
  const char *parent_uuid = strip_urn (source);
  gboolean reply = g_strcmp0 (member_string (ann, "motivation"), "replying") == 0;
  gint64 created = clipper_export_parse_time (member_string (ann, "created"));
  gint64 updated_at = clipper_export_parse_time (member_string (ann, "modified"));
  g_autoptr (ClipperHighlight) parent = NULL;
  g_autofree char *uuid = NULL;
  gint64 article_id;

  if (!is_set (note))
    {
      result->skipped++;
      return TRUE;
    }

  /* A reply targets the annotation it answers (by its id, a URN). */
  if (g_uuid_string_is_valid (parent_uuid))
    parent = clipper_store_get_highlight_by_uuid (self->store, parent_uuid, NULL);
  if (parent != NULL)
    {
      uuid = annotation_uuid (id, source, NULL);
      /* Its time, as a Hypothesis reply's: an older export imported
       * after a newer one put the older words back.  A reply never
       * edited may have no "modified"; it was written when created. */
      return add_reply (self->store, parent, uuid, creator_of (ann), note, updated_at > 0 ? updated_at : created,
                        tags, entry, result, self->older, error);
    }
  else if (reply || g_uuid_string_is_valid (parent_uuid))
    {
      g_autofree char *start = shorten (note);

      /* Reported as an entry that could not be imported, with the text:
       * it has no page to go to. */
      clipper_import_result_add_problem (result, entry, "annotation %u replies to %s, which the library does not "
                                         "have; left out: \"%s\"", entry, source, start);
      return TRUE;
    }
  else
    {
      gint64 *known = article_ref != NULL ? g_hash_table_lookup (self->uid_to_id, article_ref) : NULL;

      article_id = known != NULL ? *known
                                 : ensure_article (self->store, source, NULL, created, self->created_urls, result,
                                                   error);
      if (article_id < 0)
        return FALSE;
    }

  uuid = annotation_uuid (id, source, NULL);
  return keep_written_note (self->store, article_id, uuid, note, tags, "page-note", created, updated_at, entry,
                            result, error);
}

/* The annotation's clipper:page into @h: text, or a number another tool
 * may have written for one.  FALSE when it is there but neither, or
 * more than one line (the Markdown line that shows it is one line). */
static gboolean
read_page (JsonObject *ann, ClipperHighlight *h)
{
  const char *page = member_string (ann, "clipper:page");
  gint64 number;

  if (!json_object_has_member (ann, "clipper:page"))
    return TRUE;
  if (is_set (page) && strpbrk (page, "\r\n") == NULL)
    {
      clipper_highlight_set_page (h, page);
      return TRUE;
    }
  if (page == NULL && member_int (ann, "clipper:page", &number) && number > 0)
    {
      g_autofree char *digits = g_strdup_printf ("%" G_GINT64_FORMAT, number);

      clipper_highlight_set_page (h, digits);
      return TRUE;
    }
  return FALSE;
}

static gboolean
import_annotation (ClipperJsonImporter *self,
                   JsonObject          *ann,
                   guint                entry,
                   GError             **error)
{
  ClipperStore *store = self->store;
  GHashTable *uid_to_id = self->uid_to_id;
  GHashTable *created_urls = self->created_urls;
  GHashTable *texts = self->texts;
  ClipperImportResult *result = self->result;
  gint64 updated_at = clipper_export_parse_time (member_string (ann, "modified"));
  g_autoptr (ClipperHighlight) h = NULL;
  g_auto (GStrv) tag_list = NULL;
  g_autofree char *note = NULL;
  JsonObject *target = first_target (ann);
  JsonObject *quote = find_selector (target, "TextQuoteSelector");
  /* A Kindle book's locations; exports before 30 November 2026 wrote
   * them as a TextPositionSelector. */
  JsonObject *position = json_object_has_member (ann, "clipper:location")
                         ? member_object (ann, "clipper:location")
                         : find_selector (target, "TextPositionSelector");
  const char *source = member_string (target, "source");
  const char *id = strip_urn (member_string (ann, "id"));
  const char *article_ref = strip_urn (member_string (ann, "clipper:article"));
  const char *color = member_string (ann, "clipper:color");
  gboolean has_color = color != NULL && clipper_highlight_color_is_valid (color);
  const char *exact = member_string (quote, "exact");
  g_autofree char *uuid = NULL;
  gint64 *known, article_id = 0, start = 0, end = 0;
  gint64 created = clipper_export_parse_time (member_string (ann, "created"));

  if (target == NULL && member_string (ann, "target") != NULL)
    source = member_string (ann, "target");
  if (source == NULL)
    {
      clipper_import_result_add_problem (result, entry, "annotation %u has no target source", entry);
      return TRUE;
    }
  read_body (ann, &note, &tag_list);
  if (!is_set (exact))
    return import_written_note (self, ann, entry, source, note, (const char *const *) tag_list, error);

  known = article_ref != NULL ? g_hash_table_lookup (uid_to_id, article_ref) : NULL;
  if (known != NULL)
    article_id = *known;
  else
    {
      article_id = ensure_article (store, source, NULL, created, created_urls, result, error);
      if (article_id < 0)
        return FALSE;
    }

  uuid = annotation_uuid (id, source, exact);

  if (json_object_has_member (ann, "clipper:color") && !has_color)
    {
      /* A newer Clipper's colour, or one typed in. */
      g_autofree char *value = describe_value (ann, "clipper:color");
      g_autofree char *name = name_highlight (entry, exact);

      clipper_import_result_add_notice (result, "%s: the colour %s is not one Clipper knows; imported as yellow",
                                        name, value);
    }

  h = clipper_highlight_new ();
  clipper_highlight_set_uuid (h, uuid);
  clipper_highlight_set_article_id (h, article_id);
  clipper_highlight_set_color (h, has_color ? color : "yellow");
  clipper_highlight_set_quote (h, exact);
  clipper_highlight_set_prefix (h, member_string (quote, "prefix"));
  clipper_highlight_set_suffix (h, member_string (quote, "suffix"));
  if (position != NULL && member_int (position, "start", &start) && member_int (position, "end", &end)
      && start >= 0 && end >= start)
    clipper_highlight_set_range (h, start, end);
  clipper_highlight_set_created_at (h, created);
  clipper_highlight_set_original_quote (h, member_string (ann, "clipper:originalQuote"));
  if (!read_page (ann, h))
    {
      g_autofree char *value = describe_value (ann, "clipper:page");
      g_autofree char *name = name_highlight (entry, exact);

      clipper_import_result_add_notice (result, "%s: the page %s is not one line of text; left out", name, value);
    }
  clipper_highlight_set_note (h, note);
  clipper_highlight_set_tags (h, (const char *const *) tag_list);

  /* Clipper's own export says whether it was anchored, and where, in the
   * text it exported; anything else is placed in the article's text now. */
  if (!json_object_has_member (ann, "clipper:anchored"))
    anchor_highlight (store, h, texts);
  else
    {
      clipper_highlight_set_anchored (h, member_bool (ann, "clipper:anchored", TRUE));
      /* An orphan the exporting library had from another tool: its
       * offsets are not the text's either.  One a refetch carried: they
       * are, near its passage's old place. */
      if (g_strcmp0 (member_string (ann, "clipper:offsetsFrom"), "unknown") == 0)
        clipper_highlight_set_offsets_from (h, CLIPPER_OFFSETS_UNKNOWN);
      else if (!clipper_highlight_get_anchored (h) &&
               g_strcmp0 (member_string (ann, "clipper:offsetsFrom"), "carried") == 0)
        clipper_highlight_set_offsets_from (h, CLIPPER_OFFSETS_CARRIED);
      /* The library had this article, with another text: placed again,
       * aligned with the exported text (without it, the offsets stand
       * where they still hold the quote, and the rest is searched for). */
      if (g_hash_table_contains (self->old_texts, &article_id))
        return defer_highlight (self, h, entry, updated_at, has_color, error);
    }

  return add_or_merge (self, h, entry, updated_at, has_color, error);
}

ClipperJsonImporter *
clipper_json_importer_new (ClipperStore *store, ClipperImportResult *result)
{
  ClipperJsonImporter *self = g_new0 (ClipperJsonImporter, 1);

  self->store = g_object_ref (store);
  self->result = result;
  self->uid_to_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->created_urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, anchor_text_free);
  self->old_texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  self->pending = g_ptr_array_new_with_free_func (pending_free);
  self->filled = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->older = g_array_new (FALSE, FALSE, sizeof (guint));
  return self;
}

/**
 * clipper_json_importer_finish:
 * @self: an importer
 * @error: return location for a store error
 *
 * Adds the highlights still held back: those of Clipper's own export whose
 * article the library already had with another text are placed in a batch
 * per article.  Then the library's highlights of articles the file gave a
 * text, that none of the file's was matched with, are placed on it.  A
 * notice names the replies whose text was no newer than the library's,
 * and left out.  Call once the last record was added.
 *
 * Returns: %FALSE on a store error that stops the import
 */
gboolean
clipper_json_importer_finish (ClipperJsonImporter *self, GError **error)
{
  g_autoptr (GArray) filled = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTableIter iter;
  gpointer key;

  if (!flush_pending (self, error) || !settle_library (self, error))
    return FALSE;
  g_hash_table_iter_init (&iter, self->filled);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (filled, *(gint64 *) key);
  for (guint i = 0; i < filled->len; i++)
    {
      gint64 id = g_array_index (filled, gint64, i);

      if (library_highlights (self, id, error) == NULL || !settle_library (self, error))
        return FALSE;
    }
  if (self->older->len > 0)
    say_older (self->result, self->older, "");
  return TRUE;
}

void
clipper_json_importer_free (ClipperJsonImporter *self)
{
  if (self == NULL)
    return;
  g_object_unref (self->store);
  g_hash_table_unref (self->uid_to_id);
  g_hash_table_unref (self->created_urls);
  g_hash_table_unref (self->texts);
  g_hash_table_unref (self->old_texts);
  /* Only an import that failed or was cancelled leaves some: nothing else
   * of it is kept either. */
  g_ptr_array_unref (self->pending);
  g_hash_table_unref (self->filled);
  g_clear_pointer (&self->library, g_ptr_array_unref);
  g_array_unref (self->older);
  g_free (self);
}

gboolean
clipper_json_importer_add_article (ClipperJsonImporter *self, JsonNode *node, guint entry, GError **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      clipper_import_result_add_problem (self->result, entry, "article %u is not a JSON object", entry);
      return TRUE;
    }
  return import_article_record (self, json_node_get_object (node), entry, error);
}

gboolean
clipper_json_importer_add_annotation (ClipperJsonImporter *self, JsonNode *node, guint entry, GError **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      clipper_import_result_add_problem (self->result, entry, "annotation %u is not a JSON object", entry);
      return TRUE;
    }
  return import_annotation (self, json_node_get_object (node), entry, error);
}

gboolean
clipper_json_import_w3c (ClipperStore        *store,
                         JsonNode            *root,
                         ClipperImportResult *result,
                         ClipperProgressFunc  progress,
                         gpointer             progress_data,
                         GCancellable        *cancellable,
                         GError             **error)
{
  g_autoptr (ClipperJsonImporter) importer = NULL;
  JsonObject *obj = NULL;
  JsonArray *articles = NULL;
  JsonArray *items = NULL;
  g_autoptr (JsonArray) single = NULL;
  guint64 total, done = 0;
  gint64 version = 0;

  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      obj = json_node_get_object (root);
      articles = member_array (obj, "clipper:articles");
      items = member_array (member_object (obj, "first"), "items");
      if (items == NULL)
        items = member_array (obj, "items");
      if (items == NULL && g_strcmp0 (member_string (obj, "type"), "Annotation") == 0)
        {
          single = json_array_new ();
          json_array_add_element (single, json_node_copy (root));
          items = single;
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (root))
    items = json_node_get_array (root);

  if (articles == NULL && items == NULL)
    {
      g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_INVALID,
                   "the JSON holds no annotations (no \"first.items\", \"items\" or \"clipper:articles\")");
      return FALSE;
    }

  if (obj != NULL && member_int (obj, "clipper:version", &version) && version > CLIPPER_JSON_VERSION)
    clipper_import_result_add_notice (result,
                                      "the file was written by a newer Clipper (version %" G_GINT64_FORMAT "); "
                                      "parts of it may not be imported", version);

  importer = clipper_json_importer_new (store, result);
  total = (articles != NULL ? json_array_get_length (articles) : 0) + (items != NULL ? json_array_get_length (items) : 0);
  clipper_progress_report (progress, progress_data, 0, total);

  for (guint i = 0; articles != NULL && i < json_array_get_length (articles); i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!clipper_json_importer_add_article (importer, json_array_get_element (articles, i), i + 1, error))
        return FALSE;
      clipper_progress_report (progress, progress_data, ++done, total);
    }

  for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!clipper_json_importer_add_annotation (importer, json_array_get_element (items, i), i + 1, error))
        return FALSE;
      clipper_progress_report (progress, progress_data, ++done, total);
    }

  return clipper_json_importer_finish (importer, error);
}

/* ------------------------------------------------------------------ */
/* Import: Hypothesis                                                  */

/* A Hypothesis annotation's UUID: Hypothesis ids are not UUIDs; one made
 * from the id is stable, so a second import finds the first one's
 * highlights. */
static char *
hypothesis_uuid (const char *id, const char *fallback)
{
  g_autofree char *name = g_strdup_printf ("hypothesis:%s", id != NULL ? id : fallback);

  return clipper_export_uuid_for_name (name);
}

/* The source under which the library keeps, as a part of a highlight's
 * note (clipper_store_set_note_part()), the text of the Hypothesis
 * annotation it was imported from as the import last took it in: its
 * replies' parts are named by block ids, which never read so. */
#define HYPOTHESIS_NOTE_PART "hypothesis"

/* Whether @note starts with @text as paragraphs of their own, as an
 * import before 30 November 2026 left an annotation's text: the note, its
 * replies below it.  That import kept no record of what it took in. */
static gboolean
starts_with_text (const char *note, const char *text)
{
  gsize len = strlen (text);

  return note != NULL && len > 0 && strncmp (note, text, len) == 0
         && (note[len] == '\0' || (note[len] == '\n' && note[len + 1] == '\n'));
}

/* The library's @kept, the file's annotation @ann (entry @entry, its
 * quote @exact) imported before: its text, edited on hypothes.is since,
 * comes into the note as a reply's edit does and by the rule of Kindle's
 * notes (merge_note_part()): it replaces the text the last import took in
 * where the note still holds it, and goes below the note where that was
 * edited here, both kept and said.  A file as the last import took it in
 * changes nothing.  Until 30 November 2026 the library's highlight was
 * left as it was, and the new text dropped without a word.  Its tags are
 * not taken again: a tag taken off here would come back at each import.
 * The quote stays the library's, and a new one is said. */
static gboolean
update_annotation (ClipperStore        *store,
                   ClipperHighlight    *kept,
                   JsonObject          *ann,
                   const char          *exact,
                   guint                entry,
                   ClipperImportResult *result,
                   GArray              *older,
                   GError             **error)
{
  g_autoptr (GHashTable) parts = NULL;
  g_auto (ClipperMergeResult) merge = { 0 };
  const char *text = member_string (ann, "text");
  const char *mine = clipper_highlight_get_note (kept);
  const char *quote = clipper_highlight_get_quote (kept);
  gboolean had_note = is_set (mine);
  g_autofree char *start = shorten (quote);
  g_autofree char *name = name_highlight (entry, quote);
  gboolean taken;

  result->highlights_existing++;
  if (g_strcmp0 (exact, quote) != 0 && g_strcmp0 (exact, clipper_highlight_get_original_quote (kept)) != 0)
    {
      g_autofree char *now = shorten (exact);

      clipper_import_result_add_notice (result,
                                        "annotation %u: its quote was changed on hypothes.is to \"%s\"; the "
                                        "highlight stays on \"%s\" (the article's text decides the quote), so "
                                        "the change is ignored", entry, now, start);
    }

  parts = clipper_store_dup_note_parts (store, clipper_highlight_get_id (kept), error);
  if (parts == NULL)
    return FALSE;
  if (!g_hash_table_contains (parts, HYPOTHESIS_NOTE_PART) && is_set (text) && starts_with_text (mine, text))
    {
      /* The text an earlier import took in, as it was. */
      if (!clipper_store_set_note_part (store, clipper_highlight_get_id (kept), HYPOTHESIS_NOTE_PART, NULL, text,
                                        error))
        return FALSE;
      g_hash_table_insert (parts, g_strdup (HYPOTHESIS_NOTE_PART), g_strdup (text));
    }
  if (!merge_note_part (store, kept, parts, HYPOTHESIS_NOTE_PART, is_set (text) ? text : NULL,
                        clipper_export_parse_time (member_string (ann, "updated")), NULL, entry, "highlight",
                        result, older, &merge, &taken, error))
    return FALSE;
  if (!taken)
    return TRUE;
  switch (merge.note)
    {
    case CLIPPER_MERGE_NOTE_SAME:
      break;
    case CLIPPER_MERGE_NOTE_ADDED:
      if (!had_note)
        {
          result->notes_added++;
          break;
        }
      /* A note here the earlier import's text is not in, nor recorded. */
      result->conflicts++;
      clipper_import_result_add_notice (result,
                                        "%s: its text on hypothes.is is not in the note "
                                        "here, which was written or edited in the library (or imported by a "
                                        "Clipper before 30 November 2026, which kept no record of the text): "
                                        "the file's text was added below; edit the note to keep what you want",
                                        name);
      break;
    case CLIPPER_MERGE_NOTE_REPLACED:
      result->notes_updated++;
      break;
    case CLIPPER_MERGE_NOTE_REMOVED:
      result->notes_updated++;
      clipper_import_result_add_notice (result,
                                        "%s: its text was emptied on hypothes.is, so the "
                                        "note here no longer holds it: \"%s\"", name, merge.last);
      break;
    case CLIPPER_MERGE_NOTE_KEPT_BOTH:
      result->conflicts++;
      clipper_import_result_add_notice (result,
                                        "%s: its text was edited on hypothes.is, and its "
                                        "earlier version in the note was edited here: the new text was added "
                                        "below; edit the note to keep what you want", name);
      break;
    }
  return TRUE;
}

/* The file's new annotation @h (entry @entry, its text as @h's note),
 * added, and its text recorded as what the import took in, so that the
 * next import can tell an edit on hypothes.is from one made here. */
static gboolean
add_annotation (ClipperStore        *store,
                ClipperHighlight    *h,
                guint                entry,
                gint64               updated_at,
                ClipperImportResult *result,
                GError             **error)
{
  const char *text = clipper_highlight_get_note (h);
  guint added = result->highlights_added;

  if (!add_new_highlight (store, h, entry, updated_at, result, &result->highlights_added, error))
    return FALSE;
  if (result->highlights_added == added || !is_set (text))
    return TRUE;
  return clipper_store_set_note_part_at (store, clipper_highlight_get_id (h), HYPOTHESIS_NOTE_PART, NULL, text,
                                         updated_at, error);
}

/* A reply held back until the annotations it may answer are in. */
typedef struct {
  guint  index;       /* in the file's rows */
  gint64 article_id;  /* its page's */
  gint64 created;
} HeldReply;

/* A thread reads in the order it was written, whatever the file's. */
static int
compare_held_replies (gconstpointer a, gconstpointer b)
{
  const HeldReply *x = a, *y = b;

  if (x->created != y->created)
    return x->created < y->created ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* A reply (@ann, entry @entry, on the page @article_id): into the note of
 * the thread's first annotation, which its "references" name first (a
 * reply to a reply answers the same highlight), when the library has it
 * by now; else kept as before, a highlight of its own text tagged reply,
 * and said. */
static gboolean
import_hypothesis_reply (ClipperStore        *store,
                         JsonObject          *ann,
                         guint                entry,
                         gint64               article_id,
                         ClipperImportResult *result,
                         GArray              *older,
                         GError             **error)
{
  JsonArray *references = member_array (ann, "references");
  JsonNode *first = json_array_get_element (references, 0);
  const char *root = JSON_NODE_HOLDS_VALUE (first) && json_node_get_value_type (first) == G_TYPE_STRING
                     ? json_node_get_string (first) : NULL;
  const char *text = member_string (ann, "text");
  const char *user = member_string (ann, "user");
  g_auto (GStrv) tags = string_list (member_array (ann, "tags"));
  g_autofree char *uuid = hypothesis_uuid (member_string (ann, "id"), text);
  g_autofree char *root_uuid = root != NULL ? hypothesis_uuid (root, NULL) : NULL;
  g_autoptr (ClipperHighlight) parent = NULL;
  g_autofree char *start = NULL;

  if (root_uuid != NULL)
    parent = clipper_store_get_highlight_by_uuid (store, root_uuid, NULL);
  if (parent != NULL)
    return add_reply (store, parent, uuid,
                      user != NULL && g_str_has_prefix (user, "acct:") ? user + strlen ("acct:") : user, text,
                      clipper_export_parse_time (member_string (ann, "updated")), (const char *const *) tags,
                      entry, result, older, error);

  start = shorten (text);
  clipper_import_result_add_notice (result, "annotation %u is a reply to %s, which neither the file nor the "
                                    "library has; kept as a highlight of its own text, tagged reply: \"%s\"",
                                    entry, root != NULL ? root : "an annotation", start);
  return keep_written_note (store, article_id, uuid, text, (const char *const *) tags, "reply",
                            clipper_export_parse_time (member_string (ann, "created")),
                            clipper_export_parse_time (member_string (ann, "updated")), entry, result, error);
}

gboolean
clipper_json_import_hypothesis (ClipperStore        *store,
                                JsonNode            *root,
                                ClipperImportResult *result,
                                ClipperProgressFunc  progress,
                                gpointer             progress_data,
                                GCancellable        *cancellable,
                                GError             **error)
{
  g_autoptr (GHashTable) created_urls = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, anchor_text_free);
  g_autoptr (GArray) replies = g_array_new (FALSE, FALSE, sizeof (HeldReply));
  g_autoptr (GArray) older = g_array_new (FALSE, FALSE, sizeof (guint));
  JsonArray *rows = NULL;
  guint n;

  if (JSON_NODE_HOLDS_ARRAY (root))
    rows = json_node_get_array (root);
  else if (JSON_NODE_HOLDS_OBJECT (root))
    rows = member_array (json_node_get_object (root), "rows");
  if (rows == NULL)
    {
      g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_INVALID,
                   "the Hypothesis export is not a list of annotations");
      return FALSE;
    }

  n = json_array_get_length (rows);
  clipper_progress_report (progress, progress_data, 0, n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *el = json_array_get_element (rows, i);
      JsonObject *ann = JSON_NODE_HOLDS_OBJECT (el) ? json_node_get_object (el) : NULL;
      JsonObject *target, *quote, *position;
      JsonArray *titles, *references;
      g_autoptr (ClipperHighlight) h = NULL;
      g_autoptr (ClipperHighlight) existing = NULL;
      g_autoptr (GError) local_error = NULL;
      g_auto (GStrv) tags = NULL;
      g_autofree char *uuid = NULL;
      const char *uri, *exact, *id, *title = NULL, *text;
      gint64 article_id, created, updated_at, start = 0, end = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      clipper_progress_report (progress, progress_data, i + 1, n);

      if (ann == NULL)
        {
          clipper_import_result_add_problem (result, i + 1, "annotation %u is not a JSON object", i + 1);
          continue;
        }
      target = first_target (ann);
      uri = member_string (ann, "uri");
      if (uri == NULL)
        uri = member_string (target, "source");
      id = member_string (ann, "id");
      if (uri == NULL || *uri == '\0')
        {
          clipper_import_result_add_problem (result, i + 1, "annotation %u has no \"uri\"", i + 1);
          continue;
        }
      quote = find_selector (target, "TextQuoteSelector");
      exact = member_string (quote, "exact");
      text = member_string (ann, "text");
      tags = string_list (member_array (ann, "tags"));
      if (!is_set (exact) && !is_set (text))
        {
          /* Nothing quoted, nothing written. */
          result->skipped++;
          continue;
        }

      titles = member_array (member_object (ann, "document"), "title");
      if (titles != NULL && json_array_get_length (titles) > 0)
        {
          JsonNode *t = json_array_get_element (titles, 0);
          if (JSON_NODE_HOLDS_VALUE (t) && json_node_get_value_type (t) == G_TYPE_STRING)
            title = json_node_get_string (t);
        }
      created = clipper_export_parse_time (member_string (ann, "created"));
      updated_at = clipper_export_parse_time (member_string (ann, "updated"));
      article_id = ensure_article (store, uri, title, created, created_urls, result, error);
      if (article_id < 0)
        return FALSE;

      uuid = hypothesis_uuid (id, is_set (exact) ? exact : text);

      /* A reply (Hypothesis's quote none), once every annotation it may
       * answer is in: the file need not list a thread's first annotation
       * before its replies. */
      references = member_array (ann, "references");
      if (references != NULL && json_array_get_length (references) > 0 && !is_set (exact))
        {
          HeldReply held = { i, article_id, created };

          g_array_append_val (replies, held);
          continue;
        }

      /* A note on the whole page.  Kept as a highlight quoting it, which
       * takes no new text (a quote is not edited here): an edit on
       * hypothes.is is said, in full, rather than dropped unsaid. */
      if (!is_set (exact))
        {
          existing = clipper_store_get_highlight_by_uuid (store, uuid, NULL);
          if (existing != NULL && g_strcmp0 (clipper_highlight_get_quote (existing), text) != 0)
            {
              g_autofree char *kept = shorten (clipper_highlight_get_quote (existing));

              clipper_import_result_add_notice (result, "annotation %u: a page note edited on hypothes.is; the "
                                                "library keeps it as first imported, \"%s\"; the file's: \"%s\"",
                                                i + 1, kept, text);
            }
          if (!keep_written_note (store, article_id, uuid, text, (const char *const *) tags, "page-note", created,
                                  updated_at, i + 1, result, error))
            return FALSE;
          continue;
        }

      h = clipper_highlight_new ();
      clipper_highlight_set_uuid (h, uuid);
      clipper_highlight_set_article_id (h, article_id);
      clipper_highlight_set_color (h, "yellow");
      clipper_highlight_set_quote (h, exact);
      clipper_highlight_set_prefix (h, member_string (quote, "prefix"));
      clipper_highlight_set_suffix (h, member_string (quote, "suffix"));
      position = find_selector (target, "TextPositionSelector");
      if (position != NULL && member_int (position, "start", &start) && member_int (position, "end", &end)
          && start >= 0 && end >= start)
        clipper_highlight_set_range (h, start, end);
      clipper_highlight_set_note (h, is_set (text) ? text : NULL);
      clipper_highlight_set_tags (h, (const char *const *) tags);
      clipper_highlight_set_created_at (h, created);
      existing = clipper_store_get_highlight_by_uuid (store, uuid, &local_error);
      if (existing != NULL && clipper_highlight_get_article_id (existing) == article_id)
        {
          if (!update_annotation (store, existing, ann, exact, i + 1, result, older, error))
            return FALSE;
          continue;
        }
      /* (A UUID of another article's is a file made up to collide.) */
      if (existing != NULL)
        {
          result->highlights_existing++;
          continue;
        }
      if (!g_error_matches (local_error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND))
        {
          if (local_error != NULL && note_problem (result, i + 1, "highlight", local_error))
            continue;
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      anchor_highlight (store, h, texts);
      if (!add_annotation (store, h, i + 1, updated_at, result, error))
        return FALSE;
    }

  g_array_sort (replies, compare_held_replies);
  for (guint k = 0; k < replies->len; k++)
    {
      HeldReply *held = &g_array_index (replies, HeldReply, k);

      if (!import_hypothesis_reply (store, json_node_get_object (json_array_get_element (rows, held->index)),
                                    held->index + 1, held->article_id, result, older, error))
        return FALSE;
    }
  if (older->len > 0)
    say_older (result, older, " from hypothes.is");
  return TRUE;
}
