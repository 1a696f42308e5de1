/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A search hit as a GObject, so that search results are a GListModel the
 * list view and its builder factory can show (ClipperSearchHit is a plain
 * struct owned by the store's result array).
 */
#define G_LOG_DOMAIN "clipper-search"

#include <glib/gi18n.h>

#include "clipper-search-result.h"
#include "clipper-format.h"

#include <pango/pango.h>

/* A passage named above a match in its note: about a line of the list at
 * its narrowest, so that the note's words still show in the row's three. */
#define QUOTE_CHARS 48

struct _ClipperSearchResult
{
  GObject parent_instance;

  ClipperSearchHitKind kind;
  gint64 article_id;
  gint64 highlight_id;
  char *title;
  char *markup;
  char *snippet;
  char *meta;
  char *plain;    /* what the markup says, for screen readers */
};

G_DEFINE_FINAL_TYPE (ClipperSearchResult, clipper_search_result, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_MARKUP,
  PROP_KIND_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clipper_search_result_finalize (GObject *object)
{
  ClipperSearchResult *self = CLIPPER_SEARCH_RESULT (object);

  g_free (self->title);
  g_free (self->markup);
  g_free (self->snippet);
  g_free (self->meta);
  g_free (self->plain);

  G_OBJECT_CLASS (clipper_search_result_parent_class)->finalize (object);
}

static const char *
kind_label (ClipperSearchResult *self)
{
  return self->kind == CLIPPER_SEARCH_HIT_HIGHLIGHT ? _("Highlight") : _("Article");
}

static void
clipper_search_result_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ClipperSearchResult *self = CLIPPER_SEARCH_RESULT (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_MARKUP:
      g_value_set_string (value, self->markup);
      break;
    case PROP_KIND_LABEL:
      g_value_set_string (value, kind_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_search_result_class_init (ClipperSearchResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = clipper_search_result_finalize;
  object_class->get_property = clipper_search_result_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_MARKUP] =
    g_param_spec_string ("markup", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND_LABEL] =
    g_param_spec_string ("kind-label", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clipper_search_result_init (ClipperSearchResult *self)
{
}

/* @text with every @from replaced by @to. */
static char *
replace_all (const char *text, const char *from, const char *to)
{
  g_auto (GStrv) parts = g_strsplit (text, from, -1);

  return g_strjoinv (to, parts);
}

/* A note's snippet as the Highlights page shows the note, its Markdown
 * rendered (QA: "\*\*chaos\*\*" showed raw in the hit), the matches in
 * bold.  The marks go through clipper_format_note_markup() as the
 * character references it escapes them to.  A match that starts inside
 * the note's emphasis and ends outside it would not nest: then the note
 * shows without its matches in bold. */
static char *
dup_note_markup (const char *snippet, char **plain)
{
  g_autofree char *note_plain = NULL;
  g_autofree char *note_markup = clipper_format_note_markup (snippet, &note_plain);
  /* A snippet is words around the match, on the line after the passage:
   * its lines run together, as they did. */
  g_autofree char *rendered = replace_all (note_markup, CLIPPER_FORMAT_LINE_SEPARATOR, " ");
  g_autofree char *joined_plain = replace_all (note_plain, "\n", " ");
  g_autofree char *opened = replace_all (rendered, "&#x2;", "<b>");
  char *marked = replace_all (opened, "&#x3;", "</b>");
  g_autofree char *plain_opened = replace_all (joined_plain, CLIPPER_SNIPPET_OPEN, "");

  *plain = replace_all (plain_opened, CLIPPER_SNIPPET_CLOSE, "");
  if (!pango_parse_markup (marked, -1, 0, NULL, NULL, NULL, NULL))
    {
      g_autofree char *unopened = replace_all (rendered, "&#x2;", "");

      g_free (marked);
      marked = replace_all (unopened, "&#x3;", "");
    }
  return marked;
}

/* What the row's second line says: the text around the match; for a
 * match in a highlight's note, its passage, then the note; the tag the
 * query names, when the hit carries one. */
static void
set_markup (ClipperSearchResult *self, const ClipperSearchHit *hit)
{
  g_autoptr (GString) markup = g_string_new (NULL);
  g_autoptr (GString) plain = g_string_new (NULL);

  if (hit->tag != NULL)
    {
      g_autofree char *tag = g_markup_escape_text (hit->tag, -1);
      g_autofree char *bold = g_strdup_printf ("<b>%s</b>", tag);

      /* Translators: a search hit found by its tag, "Tagged café". */
      g_string_append_printf (markup, _("Tagged %s"), bold);
      g_string_append_printf (plain, _("Tagged %s"), hit->tag);
    }
  if (hit->match == CLIPPER_SEARCH_MATCH_NOTE)
    {
      g_autofree char *quote = clipper_text_dup_short (hit->quote, QUOTE_CHARS);
      g_autofree char *quote_markup = g_markup_escape_text (quote, -1);
      g_autofree char *note_plain = NULL;
      g_autofree char *note = dup_note_markup (hit->snippet, &note_plain);

      if (markup->len > 0)
        {
          g_string_append_c (markup, '\n');
          g_string_append (plain, ", ");
        }
      /* Translators: a search hit in a highlight's note: the passage
       * (shortened), then on a line of its own the note around the match. */
      g_string_append_printf (markup, _("“%s”\nIn your note: %s"), quote_markup, note);
      g_string_append_printf (plain, _("“%s”, in your note: %s"), quote, note_plain);
    }
  else if (hit->snippet != NULL && *hit->snippet != '\0')
    {
      g_autofree char *snippet_markup = clipper_snippet_render (hit->snippet, CLIPPER_SNIPPET_MARKUP, NULL);
      g_autofree char *snippet_plain = clipper_snippet_render (hit->snippet, CLIPPER_SNIPPET_PLAIN, NULL);

      if (markup->len > 0)
        {
          g_string_append_c (markup, '\n');
          g_string_append (plain, ", ");
        }
      g_string_append (markup, snippet_markup);
      g_string_append (plain, snippet_plain);
    }
  self->markup = g_string_free (g_steal_pointer (&markup), FALSE);
  self->plain = g_string_free (g_steal_pointer (&plain), FALSE);
}

/* What the row shows of @hit, in place of what it showed. */
static void
set_texts (ClipperSearchResult *self, const ClipperSearchHit *hit)
{
  g_autofree char *day = clipper_format_day (hit->saved_at);

  g_free (self->title);
  g_free (self->markup);
  g_free (self->plain);
  g_free (self->snippet);
  g_free (self->meta);
  self->title = g_strdup (hit->title != NULL && *hit->title != '\0' ? hit->title : _("Untitled"));
  set_markup (self, hit);
  self->snippet = g_strdup (hit->snippet);
  /* The site and the day it was saved, as the article's row says them:
   * two copies of one article (the same title and byline, saved from
   * two sites or on two days) gave two hits alike to the letter. */
  self->meta = hit->site != NULL ? g_strdup_printf ("%s · %s", hit->site, day) : g_steal_pointer (&day);
}

ClipperSearchResult *
clipper_search_result_new (const ClipperSearchHit *hit)
{
  ClipperSearchResult *self;

  g_return_val_if_fail (hit != NULL, NULL);

  self = g_object_new (CLIPPER_TYPE_SEARCH_RESULT, NULL);
  self->kind = hit->kind;
  self->article_id = hit->article_id;
  self->highlight_id = hit->highlight_id;
  set_texts (self, hit);

  return self;
}

gboolean
clipper_search_result_is_hit (ClipperSearchResult    *self,
                              const ClipperSearchHit *hit)
{
  g_return_val_if_fail (CLIPPER_IS_SEARCH_RESULT (self), FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  return self->kind == hit->kind && self->article_id == hit->article_id && self->highlight_id == hit->highlight_id;
}

void
clipper_search_result_update (ClipperSearchResult    *self,
                              const ClipperSearchHit *hit)
{
  g_autofree char *title = NULL;
  g_autofree char *markup = NULL;
  g_autofree char *meta = NULL;

  g_return_if_fail (CLIPPER_IS_SEARCH_RESULT (self));
  g_return_if_fail (clipper_search_result_is_hit (self, hit));

  title = g_steal_pointer (&self->title);
  markup = g_steal_pointer (&self->markup);
  meta = g_steal_pointer (&self->meta);
  set_texts (self, hit);
  /* The row shows the title, the markup and the meta line; a notify of
   * "markup" stands for the last two, which have no property. */
  if (g_strcmp0 (title, self->title) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
  if (g_strcmp0 (markup, self->markup) != 0 || g_strcmp0 (meta, self->meta) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARKUP]);
}

const char *
clipper_search_result_get_snippet (ClipperSearchResult *self)
{
  g_return_val_if_fail (CLIPPER_IS_SEARCH_RESULT (self), NULL);
  return self->snippet;
}

ClipperSearchHitKind
clipper_search_result_get_kind (ClipperSearchResult *self)
{
  g_return_val_if_fail (CLIPPER_IS_SEARCH_RESULT (self), CLIPPER_SEARCH_HIT_ARTICLE);
  return self->kind;
}

gint64
clipper_search_result_get_article_id (ClipperSearchResult *self)
{
  g_return_val_if_fail (CLIPPER_IS_SEARCH_RESULT (self), 0);
  return self->article_id;
}

gint64
clipper_search_result_get_highlight_id (ClipperSearchResult *self)
{
  g_return_val_if_fail (CLIPPER_IS_SEARCH_RESULT (self), 0);
  return self->highlight_id;
}

const char *
clipper_search_result_get_title (ClipperSearchResult *self)
{
  g_return_val_if_fail (CLIPPER_IS_SEARCH_RESULT (self), NULL);
  return self->title;
}

const char *
clipper_search_result_get_meta (ClipperSearchResult *self)
{
  g_return_val_if_fail (CLIPPER_IS_SEARCH_RESULT (self), NULL);
  return self->meta;
}

const char *
clipper_search_result_get_markup (ClipperSearchResult *self)
{
  g_return_val_if_fail (CLIPPER_IS_SEARCH_RESULT (self), NULL);
  return self->markup;
}

const char *
clipper_search_result_get_text (ClipperSearchResult *self)
{
  g_return_val_if_fail (CLIPPER_IS_SEARCH_RESULT (self), NULL);
  return self->plain;
}

char *
clipper_search_result_dup_accessible_label (ClipperSearchResult *self)
{
  g_return_val_if_fail (CLIPPER_IS_SEARCH_RESULT (self), NULL);

  /* Translators: what a screen reader says of a search hit: its article's
   * title, "Article" or "Highlight", its site and the day it was saved,
   * and the text around the match. */
  return g_strdup_printf (_("%s, %s, %s, %s"), self->title, kind_label (self), self->meta, self->plain);
}

const char *
clipper_search_query_message (const char *query)
{
  switch (clipper_search_query_problem (query))
    {
    case CLIPPER_SEARCH_QUERY_NOT_TEXT:
    case CLIPPER_SEARCH_QUERY_NO_WORDS:
      /* Translators: the search's empty state, for a query of signs alone ("*", "&&") */
      return _("Type a word to search for");
    case CLIPPER_SEARCH_QUERY_ONLY_LEFT_OUT:
      /* Translators: the search's empty state, for "-coffee" alone: a
       * minus (or NOT) leaves a word out */
      return _("Words with a minus are left out: give a word to search for as well");
    case CLIPPER_SEARCH_QUERY_OR_LEFT_OUT:
      /* Translators: the search's empty state, for "tea OR -coffee" */
      return _("OR cannot join a word left out (-word): drop the OR or the minus");
    case CLIPPER_SEARCH_QUERY_OPERATORS:
      /* Translators: the search's empty state, for "tea AND OR coffee"; keep AND, OR and NOT in English */
      return _("Two of AND, OR and NOT are side by side: take one out");
    case CLIPPER_SEARCH_QUERY_NOT_GROUP:
      /* Translators: the search's empty state, for "NOT (tea OR coffee)"; keep NOT in English */
      return _("NOT cannot leave out a group in parentheses: leave words out one by one (-word)");
    case CLIPPER_SEARCH_QUERY_EMPTY_FILTER:
      /* Translators: the search's empty state, for "tag:" alone; keep tag: and color: in English */
      return _("Give a name after tag: or color:, as in tag:work");
    case CLIPPER_SEARCH_QUERY_BAD_COLOR:
      /* Translators: the search's empty state, for "color:red"; keep color: and the names in English */
      return _("color: takes yellow, green, blue, pink or purple");
    case CLIPPER_SEARCH_QUERY_OK:
    default:
      return NULL;
    }
}
