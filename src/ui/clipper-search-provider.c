/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GNOME Shell's search provider (org.gnome.Shell.SearchProvider2): typing
 * in the overview finds saved articles and highlights as the window's
 * search does (the same store query, best first), and choosing one opens
 * it in the reader, at the words found or at the highlight.  Enter on the
 * provider's heading opens the window with the search in its entry.
 *
 * The Shell starts Clipper for this by D-Bus activation
 * (data/org.example.Clipper.service: `clipper --gapplication-service`),
 * without a window; the application then stays for a few seconds after
 * each request.  A library an older Clipper made is upgraded behind a
 * window of its own, which a search must not start: until it has been,
 * the provider finds nothing.
 *
 * Result identifiers are "article:ID" and "highlight:ID".  The Shell asks
 * for the results' names after the search that found them; they are kept
 * from that search, with the snippet that says where an article's words
 * are, until the next one.
 */
#define G_LOG_DOMAIN "clipper-search-provider"

#include <glib/gi18n.h>

#include "clipper-search-provider.h"
#include "clipper-search-result.h"
#include "clipper-window.h"

/* The overview shows a handful of each provider's results; the rest are
 * a click away, in the window (LaunchSearch). */
#define PROVIDER_MAX_RESULTS 10

static const char provider_xml[] =
  "<node>"
  "  <interface name='org.gnome.Shell.SearchProvider2'>"
  "    <method name='GetInitialResultSet'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetSubsearchResultSet'>"
  "      <arg type='as' name='previous_results' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetResultMetas'>"
  "      <arg type='as' name='identifiers' direction='in'/>"
  "      <arg type='aa{sv}' name='metas' direction='out'/>"
  "    </method>"
  "    <method name='ActivateResult'>"
  "      <arg type='s' name='identifier' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "    <method name='LaunchSearch'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

/* One result of the last search. */
typedef struct {
  ClipperSearchHitKind kind;
  gint64 article_id;
  gint64 highlight_id;
  char *title;
  char *snippet;
  char *text;       /* what the description says of it, on one line */
  gboolean stale;   /* read again from the library, not found by the last search */
} ProviderResult;

struct _ClipperSearchProvider
{
  GObject parent_instance;

  ClipperApplication *app;      /* weak: it owns the provider */
  GDBusConnection *connection;
  guint registration_id;
  GHashTable *results;          /* identifier → ProviderResult, of the last search */
  ClipperStore *store;          /* weak: the application's library, once open */
};

G_DEFINE_FINAL_TYPE (ClipperSearchProvider, clipper_search_provider, G_TYPE_OBJECT)

static void
provider_result_free (gpointer data)
{
  ProviderResult *r = data;

  g_free (r->title);
  g_free (r->snippet);
  g_free (r->text);
  g_free (r);
}

static char *
result_identifier (ClipperSearchHitKind kind,
                   gint64               article_id,
                   gint64               highlight_id)
{
  if (kind == CLIPPER_SEARCH_HIT_HIGHLIGHT)
    return g_strdup_printf ("highlight:%" G_GINT64_FORMAT, highlight_id);
  return g_strdup_printf ("article:%" G_GINT64_FORMAT, article_id);
}

/* The library, unless it is not there yet (being upgraded, or made by an
 * older Clipper and waiting for the window that upgrades it) or cannot be
 * opened: then a search finds nothing. */
static ClipperStore *
provider_store (ClipperSearchProvider *self)
{
  g_autoptr (GError) error = NULL;
  ClipperStore *store;

  /* Open, it stays the application's until it goes: no need to read the
   * file's version again at every letter typed. */
  if (self->app == NULL || self->store != NULL)
    return self->store;
  if (clipper_store_needs_upgrade (NULL, NULL, NULL))
    return NULL;
  store = clipper_application_get_store (self->app, &error);
  if (store == NULL)
    g_debug ("no library to search: %s", error->message);
  else
    g_set_weak_pointer (&self->store, store);
  return store;
}

/* The Shell's terms as one query of the window's search: bare words,
 * each matching as a word's beginning, all of them needed. */
static GPtrArray *
search (ClipperSearchProvider *self,
        const char * const    *terms)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) hits = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *query = g_strjoinv (" ", (char **) terms);
  ClipperStore *store = provider_store (self);

  g_hash_table_remove_all (self->results);
  if (store == NULL || *g_strstrip (query) == '\0')
    return g_steal_pointer (&ids);

  hits = clipper_store_search (store, query, PROVIDER_MAX_RESULTS, &error);
  if (hits == NULL)
    {
      /* Words the index cannot read ("&&", say): nothing found, as in
       * the window. */
      g_debug ("search for '%s': %s", query, error->message);
      return g_steal_pointer (&ids);
    }

  for (guint i = 0; i < hits->len; i++)
    {
      ClipperSearchHit *hit = g_ptr_array_index (hits, i);
      g_autoptr (ClipperSearchResult) result = clipper_search_result_new (hit);
      ProviderResult *r = g_new0 (ProviderResult, 1);
      char *id = result_identifier (hit->kind, hit->article_id, hit->highlight_id);

      r->kind = hit->kind;
      r->article_id = hit->article_id;
      r->highlight_id = hit->highlight_id;
      r->title = g_strdup (hit->title != NULL && *hit->title != '\0' ? hit->title : _("Untitled"));
      r->snippet = g_strdup (hit->snippet);
      /* Said as the window's row says it (a note's passage and "In your
       * note", "Tagged café"): the snippet alone gave a note hit's note
       * without its passage and a tag hit's text without the tag. */
      r->text = clipper_text_dup_one_line (clipper_search_result_get_text (result));
      g_hash_table_replace (self->results, g_strdup (id), r);
      g_ptr_array_add (ids, id);
    }
  return g_steal_pointer (&ids);
}

/* (transfer full) @ids */
static GVariant *
result_ids_variant (GPtrArray *ids)
{
  GVariant *value;

  g_ptr_array_add (ids, NULL);
  value = g_variant_new ("(^as)", (char **) ids->pdata);
  g_ptr_array_unref (ids);
  return value;
}

/* The name is the article's title; the description says why it was
 * found as the window's row does, in plain text (the Shell shows no
 * markup, and marks the words itself), a highlight's said to be one. */
static GVariant *
result_meta (const char           *id,
             const ProviderResult *r)
{
  GVariantBuilder meta;
  g_autoptr (GIcon) icon = g_themed_icon_new (APP_ID);
  g_autoptr (GVariant) serialized = g_icon_serialize (icon);
  g_autofree char *description = r->kind == CLIPPER_SEARCH_HIT_HIGHLIGHT
                                 ? g_strdup_printf (_("Highlight: %s"), r->text) : g_strdup (r->text);

  g_variant_builder_init (&meta, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&meta, "{sv}", "id", g_variant_new_string (id));
  g_variant_builder_add (&meta, "{sv}", "name", g_variant_new_string (r->title));
  g_variant_builder_add (&meta, "{sv}", "description", g_variant_new_string (description));
  g_variant_builder_add (&meta, "{sv}", "icon", serialized);
  return g_variant_builder_end (&meta);
}

static gboolean
parse_identifier (const char *id,
                  ClipperSearchHitKind *kind,
                  gint64 *number)
{
  const char *digits;
  guint64 value;

  if (g_str_has_prefix (id, "article:"))
    {
      *kind = CLIPPER_SEARCH_HIT_ARTICLE;
      digits = id + strlen ("article:");
    }
  else if (g_str_has_prefix (id, "highlight:"))
    {
      *kind = CLIPPER_SEARCH_HIT_HIGHLIGHT;
      digits = id + strlen ("highlight:");
    }
  else
    return FALSE;

  if (!g_ascii_string_to_unsigned (digits, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  *number = (gint64) value;
  return TRUE;
}

/* A result by its identifier: from the last search, or, for one the Shell
 * kept from an earlier search, read again from the library (the article's
 * excerpt or the highlight's quote standing for the words found).  NULL
 * when the library no longer has it. (transfer none) */
static const ProviderResult *
lookup_result (ClipperSearchProvider *self,
               const char            *id)
{
  ProviderResult *r = g_hash_table_lookup (self->results, id);
  ClipperStore *store;
  ClipperSearchHitKind kind;
  gint64 number;
  g_autoptr (ClipperHighlight) h = NULL;
  g_autoptr (ClipperArticle) article = NULL;

  if (r != NULL)
    return r;
  store = provider_store (self);
  if (store == NULL || !parse_identifier (id, &kind, &number))
    return NULL;
  if (kind == CLIPPER_SEARCH_HIT_HIGHLIGHT)
    {
      h = clipper_store_get_highlight (store, number, NULL);
      if (h == NULL)
        return NULL;
    }
  article = clipper_store_get_article (store, h != NULL ? clipper_highlight_get_article_id (h) : number, NULL);
  if (article == NULL)
    return NULL;

  r = g_new0 (ProviderResult, 1);
  r->kind = kind;
  r->article_id = clipper_article_get_id (article);
  r->highlight_id = h != NULL ? number : 0;
  r->title = g_strdup (*clipper_article_get_title (article) != '\0' ? clipper_article_get_title (article)
                                                                      : _("Untitled"));
  r->snippet = g_strdup (h != NULL ? clipper_highlight_get_quote (h) : clipper_article_get_excerpt (article));
  r->text = clipper_snippet_render (r->snippet, CLIPPER_SNIPPET_PLAIN, NULL);
  r->stale = TRUE;
  g_hash_table_replace (self->results, g_strdup (id), r);
  return r;
}

/* Opens a result in the library window: an article at the words the
 * search found (not known for one read again), a highlight's article at
 * the highlight. */
static void
activate_result (ClipperSearchProvider *self,
                 const char            *id,
                 guint32                timestamp)
{
  const ProviderResult *r = lookup_result (self, id);
  GtkWindow *window;

  if (r == NULL)
    return;
  window = clipper_application_get_library_window (self->app);
  if (window == NULL)
    return;
  clipper_window_open_search_hit (CLIPPER_WINDOW (window), r->kind, r->article_id, r->highlight_id,
                                  r->stale ? NULL : r->snippet);
  gtk_window_present_with_time (window, timestamp);
}

static void
launch_search (ClipperSearchProvider *self,
               const char * const    *terms,
               guint32                timestamp)
{
  g_autofree char *query = g_strjoinv (" ", (char **) terms);
  GtkWindow *window = clipper_application_get_library_window (self->app);

  if (window == NULL)
    return;
  clipper_window_search (CLIPPER_WINDOW (window), g_strstrip (query));
  gtk_window_present_with_time (window, timestamp);
}

static void
method_call (GDBusConnection       *connection,
             const char            *sender,
             const char            *object_path,
             const char            *interface_name,
             const char            *method_name,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation,
             gpointer               user_data)
{
  ClipperSearchProvider *self = user_data;
  g_autofree const char **terms = NULL;
  g_autofree const char **ids = NULL;
  const char *id;
  guint32 timestamp;

  if (self->app == NULL)
    {
      g_dbus_method_invocation_return_error_literal (invocation, G_DBUS_ERROR, G_DBUS_ERROR_FAILED,
                                                     "Clipper is quitting");
      return;
    }

  /* Each request keeps a Clipper started for the Shell a little longer
   * (the application's inactivity timeout). */
  g_application_hold (G_APPLICATION (self->app));

  if (g_str_equal (method_name, "GetInitialResultSet"))
    {
      g_variant_get (parameters, "(^a&s)", &terms);
      g_dbus_method_invocation_return_value (invocation, result_ids_variant (search (self, terms)));
    }
  else if (g_str_equal (method_name, "GetSubsearchResultSet"))
    {
      /* Searched again: the store's query is quicker than the Shell
       * can type, and ranks the narrower search afresh. */
      g_variant_get (parameters, "(^a&s^a&s)", &ids, &terms);
      g_dbus_method_invocation_return_value (invocation, result_ids_variant (search (self, terms)));
    }
  else if (g_str_equal (method_name, "GetResultMetas"))
    {
      GVariantBuilder metas;

      g_variant_get (parameters, "(^a&s)", &ids);
      g_variant_builder_init (&metas, G_VARIANT_TYPE ("aa{sv}"));
      for (guint i = 0; ids[i] != NULL; i++)
        {
          const ProviderResult *r = lookup_result (self, ids[i]);

          if (r != NULL)
            g_variant_builder_add_value (&metas, result_meta (ids[i], r));
        }
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(aa{sv})", &metas));
    }
  else if (g_str_equal (method_name, "ActivateResult"))
    {
      g_variant_get (parameters, "(&s^a&su)", &id, &terms, &timestamp);
      activate_result (self, id, timestamp);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method_name, "LaunchSearch"))
    {
      g_variant_get (parameters, "(^a&su)", &terms, &timestamp);
      launch_search (self, terms, timestamp);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD,
                                           "No method %s", method_name);

  g_application_release (G_APPLICATION (self->app));
}

static const GDBusInterfaceVTable provider_vtable = { method_call, NULL, NULL, { 0 } };

gboolean
clipper_search_provider_register (ClipperSearchProvider *self,
                                  GDBusConnection       *connection,
                                  const char            *object_path,
                                  GError               **error)
{
  g_autoptr (GDBusNodeInfo) info = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (CLIPPER_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (self->registration_id == 0, FALSE);

  info = g_dbus_node_info_new_for_xml (provider_xml, error);
  if (info == NULL)
    return FALSE;
  path = g_strconcat (object_path, CLIPPER_SEARCH_PROVIDER_PATH_SUFFIX, NULL);
  self->registration_id = g_dbus_connection_register_object (connection, path, info->interfaces[0],
                                                             &provider_vtable, self, NULL, error);
  if (self->registration_id == 0)
    return FALSE;
  self->connection = g_object_ref (connection);
  return TRUE;
}

void
clipper_search_provider_unregister (ClipperSearchProvider *self)
{
  g_return_if_fail (CLIPPER_IS_SEARCH_PROVIDER (self));

  if (self->registration_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->registration_id);
  self->registration_id = 0;
  g_clear_object (&self->connection);
}

static void
clipper_search_provider_dispose (GObject *object)
{
  ClipperSearchProvider *self = CLIPPER_SEARCH_PROVIDER (object);

  clipper_search_provider_unregister (self);
  g_clear_weak_pointer (&self->app);
  g_clear_weak_pointer (&self->store);
  g_clear_pointer (&self->results, g_hash_table_unref);

  G_OBJECT_CLASS (clipper_search_provider_parent_class)->dispose (object);
}

static void
clipper_search_provider_class_init (ClipperSearchProviderClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = clipper_search_provider_dispose;
}

static void
clipper_search_provider_init (ClipperSearchProvider *self)
{
  self->results = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, provider_result_free);
}

ClipperSearchProvider *
clipper_search_provider_new (ClipperApplication *app)
{
  ClipperSearchProvider *self = g_object_new (CLIPPER_TYPE_SEARCH_PROVIDER, NULL);

  g_set_weak_pointer (&self->app, app);
  return self;
}
