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

ClipperSearchResult *
clipper_search_result_new (const ClipperSearchHit *hit)
{
  ClipperSearchResult *self;

  g_return_val_if_fail (hit != NULL, NULL);

  self = g_object_new (CLIPPER_TYPE_SEARCH_RESULT, NULL);
  self->kind = hit->kind;
  self->article_id = hit->article_id;
  self->highlight_id = hit->highlight_id;
  self->title = g_strdup (hit->title != NULL && *hit->title != '\0' ? hit->title : _("Untitled"));
  self->markup = clipper_snippet_render (hit->snippet, CLIPPER_SNIPPET_MARKUP, NULL);
  self->snippet = g_strdup (hit->snippet);
  {
    /* The site and the day it was saved, as the article's row says them:
     * two copies of one article (the same title and byline, saved from
     * two sites or on two days) gave two hits alike to the letter. */
    g_autofree char *day = clipper_format_day (hit->saved_at);

    self->meta = hit->site != NULL ? g_strdup_printf ("%s · %s", hit->site, day) : g_steal_pointer (&day);
  }

  return self;
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

char *
clipper_search_result_dup_accessible_label (ClipperSearchResult *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (CLIPPER_IS_SEARCH_RESULT (self), NULL);

  text = clipper_snippet_render (self->snippet, CLIPPER_SNIPPET_PLAIN, NULL);
  /* Translators: what a screen reader says of a search hit: its article's
   * title, "Article" or "Highlight", its site and the day it was saved,
   * and the text around the match. */
  return g_strdup_printf (_("%s, %s, %s, %s"), self->title, kind_label (self), self->meta,
                          text != NULL ? text : "");
}
