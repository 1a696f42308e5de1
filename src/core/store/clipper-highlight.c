/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ClipperHighlight: a value object with properties; the store fills it.
 */
#define G_LOG_DOMAIN "clipper-store"

#include "clipper-highlight.h"

struct _ClipperHighlight
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  gint64 article_id;
  char *color;
  char *quote;
  char *prefix;
  char *suffix;
  gint64 start;
  gint64 end;
  char *note;
  gboolean anchored;
  ClipperOffsetsFrom offsets_from;
  char *original_quote;
  char *page;
  gint64 created_at;
  gint64 updated_at;
  GStrv tags;
  char *article_title;
  char *article_url;
  gboolean article_has_text;
};

G_DEFINE_FINAL_TYPE (ClipperHighlight, clipper_highlight, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_ARTICLE_ID,
  PROP_COLOR,
  PROP_QUOTE,
  PROP_PREFIX,
  PROP_SUFFIX,
  PROP_START,
  PROP_END,
  PROP_NOTE,
  PROP_ANCHORED,
  PROP_OFFSETS_FROM,
  PROP_ORIGINAL_QUOTE,
  PROP_PAGE,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  PROP_TAGS,
  PROP_ARTICLE_TITLE,
  PROP_ARTICLE_URL,
  PROP_ARTICLE_HAS_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const empty_strv[] = { NULL };

static const char *const colors[] = { "yellow", "green", "blue", "pink", "purple", NULL };

static gboolean
replace_string (char **field, const char *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
clipper_highlight_finalize (GObject *object)
{
  ClipperHighlight *self = CLIPPER_HIGHLIGHT (object);

  g_free (self->uuid);
  g_free (self->color);
  g_free (self->quote);
  g_free (self->prefix);
  g_free (self->suffix);
  g_free (self->note);
  g_free (self->original_quote);
  g_free (self->page);
  g_strfreev (self->tags);
  g_free (self->article_title);
  g_free (self->article_url);

  G_OBJECT_CLASS (clipper_highlight_parent_class)->finalize (object);
}

static void
clipper_highlight_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ClipperHighlight *self = CLIPPER_HIGHLIGHT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_UUID: g_value_set_string (value, self->uuid); break;
    case PROP_ARTICLE_ID: g_value_set_int64 (value, self->article_id); break;
    case PROP_COLOR: g_value_set_string (value, self->color); break;
    case PROP_QUOTE: g_value_set_string (value, self->quote); break;
    case PROP_PREFIX: g_value_set_string (value, self->prefix); break;
    case PROP_SUFFIX: g_value_set_string (value, self->suffix); break;
    case PROP_START: g_value_set_int64 (value, self->start); break;
    case PROP_END: g_value_set_int64 (value, self->end); break;
    case PROP_NOTE: g_value_set_string (value, self->note); break;
    case PROP_ANCHORED: g_value_set_boolean (value, self->anchored); break;
    case PROP_OFFSETS_FROM: g_value_set_uint (value, self->offsets_from); break;
    case PROP_ORIGINAL_QUOTE: g_value_set_string (value, self->original_quote); break;
    case PROP_PAGE: g_value_set_string (value, self->page); break;
    case PROP_CREATED_AT: g_value_set_int64 (value, self->created_at); break;
    case PROP_UPDATED_AT: g_value_set_int64 (value, self->updated_at); break;
    case PROP_TAGS: g_value_set_boxed (value, clipper_highlight_get_tags (self)); break;
    case PROP_ARTICLE_TITLE: g_value_set_string (value, self->article_title); break;
    case PROP_ARTICLE_URL: g_value_set_string (value, self->article_url); break;
    case PROP_ARTICLE_HAS_TEXT: g_value_set_boolean (value, self->article_has_text); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_highlight_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ClipperHighlight *self = CLIPPER_HIGHLIGHT (object);

  switch (prop_id)
    {
    case PROP_ID: clipper_highlight_set_id (self, g_value_get_int64 (value)); break;
    case PROP_UUID: clipper_highlight_set_uuid (self, g_value_get_string (value)); break;
    case PROP_ARTICLE_ID: clipper_highlight_set_article_id (self, g_value_get_int64 (value)); break;
    case PROP_COLOR: clipper_highlight_set_color (self, g_value_get_string (value)); break;
    case PROP_QUOTE: clipper_highlight_set_quote (self, g_value_get_string (value)); break;
    case PROP_PREFIX: clipper_highlight_set_prefix (self, g_value_get_string (value)); break;
    case PROP_SUFFIX: clipper_highlight_set_suffix (self, g_value_get_string (value)); break;
    case PROP_START: clipper_highlight_set_range (self, g_value_get_int64 (value), self->end); break;
    case PROP_END: clipper_highlight_set_range (self, self->start, g_value_get_int64 (value)); break;
    case PROP_NOTE: clipper_highlight_set_note (self, g_value_get_string (value)); break;
    case PROP_ANCHORED: clipper_highlight_set_anchored (self, g_value_get_boolean (value)); break;
    case PROP_OFFSETS_FROM: clipper_highlight_set_offsets_from (self, g_value_get_uint (value)); break;
    case PROP_ORIGINAL_QUOTE: clipper_highlight_set_original_quote (self, g_value_get_string (value)); break;
    case PROP_PAGE: clipper_highlight_set_page (self, g_value_get_string (value)); break;
    case PROP_CREATED_AT: clipper_highlight_set_created_at (self, g_value_get_int64 (value)); break;
    case PROP_UPDATED_AT: clipper_highlight_set_updated_at (self, g_value_get_int64 (value)); break;
    case PROP_TAGS: clipper_highlight_set_tags (self, g_value_get_boxed (value)); break;
    case PROP_ARTICLE_TITLE: clipper_highlight_set_article_title (self, g_value_get_string (value)); break;
    case PROP_ARTICLE_URL: clipper_highlight_set_article_url (self, g_value_get_string (value)); break;
    case PROP_ARTICLE_HAS_TEXT: clipper_highlight_set_article_has_text (self, g_value_get_boolean (value)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
string_param (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL,
                              G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
}

static void
clipper_highlight_class_init (ClipperHighlightClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = clipper_highlight_finalize;
  object_class->get_property = clipper_highlight_get_property;
  object_class->set_property = clipper_highlight_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UUID] = string_param ("uuid");
  properties[PROP_ARTICLE_ID] = g_param_spec_int64 ("article-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_COLOR] = string_param ("color");
  properties[PROP_QUOTE] = string_param ("quote");
  properties[PROP_PREFIX] = string_param ("prefix");
  properties[PROP_SUFFIX] = string_param ("suffix");
  properties[PROP_START] = g_param_spec_int64 ("start", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_END] = g_param_spec_int64 ("end", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NOTE] = string_param ("note");
  properties[PROP_ANCHORED] = g_param_spec_boolean ("anchored", NULL, NULL, TRUE, flags);
  properties[PROP_OFFSETS_FROM] = g_param_spec_uint ("offsets-from", NULL, NULL, CLIPPER_OFFSETS_UNKNOWN,
                                                     CLIPPER_OFFSETS_CARRIED, CLIPPER_OFFSETS_TEXT, flags);
  properties[PROP_ORIGINAL_QUOTE] = string_param ("original-quote");
  properties[PROP_PAGE] = string_param ("page");
  properties[PROP_CREATED_AT] = g_param_spec_int64 ("created-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UPDATED_AT] = g_param_spec_int64 ("updated-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_ARTICLE_TITLE] = string_param ("article-title");
  properties[PROP_ARTICLE_URL] = string_param ("article-url");
  properties[PROP_ARTICLE_HAS_TEXT] = g_param_spec_boolean ("article-has-text", NULL, NULL, TRUE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clipper_highlight_init (ClipperHighlight *self)
{
  /* A new highlight is made from a live selection, so it is anchored,
   * at offsets of its article's text. */
  self->anchored = TRUE;
  self->offsets_from = CLIPPER_OFFSETS_TEXT;
  self->article_has_text = TRUE;
  self->color = g_strdup ("yellow");
}

/**
 * clipper_highlight_new:
 *
 * Returns: (transfer full): a yellow, anchored highlight with nothing else set.
 */
ClipperHighlight *
clipper_highlight_new (void)
{
  return g_object_new (CLIPPER_TYPE_HIGHLIGHT, NULL);
}

#define DEFINE_STRING_ACCESSORS(field, PROP)                                   \
  const char *                                                                 \
  clipper_highlight_get_##field (ClipperHighlight *self)                       \
  {                                                                            \
    g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (self), NULL);                  \
    return self->field;                                                        \
  }                                                                            \
  void                                                                         \
  clipper_highlight_set_##field (ClipperHighlight *self, const char *value)    \
  {                                                                            \
    g_return_if_fail (CLIPPER_IS_HIGHLIGHT (self));                            \
    if (replace_string (&self->field, value))                                  \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);            \
  }

DEFINE_STRING_ACCESSORS (uuid, PROP_UUID)
DEFINE_STRING_ACCESSORS (color, PROP_COLOR)
DEFINE_STRING_ACCESSORS (quote, PROP_QUOTE)
DEFINE_STRING_ACCESSORS (prefix, PROP_PREFIX)
DEFINE_STRING_ACCESSORS (suffix, PROP_SUFFIX)
DEFINE_STRING_ACCESSORS (note, PROP_NOTE)
DEFINE_STRING_ACCESSORS (original_quote, PROP_ORIGINAL_QUOTE)
DEFINE_STRING_ACCESSORS (page, PROP_PAGE)
DEFINE_STRING_ACCESSORS (article_title, PROP_ARTICLE_TITLE)
DEFINE_STRING_ACCESSORS (article_url, PROP_ARTICLE_URL)

/**
 * clipper_highlight_get_quote_before_change:
 *
 * Returns: (transfer none) (nullable): the quote as first highlighted when
 *   re-anchoring has changed its words since (white space aside), else %NULL
 */
/* Whether @c is left out in comparing quotes: white space, and what
 * shows nothing (the soft hyphens the extractor kept until 30 November
 * 2026, zero-width spaces, word joiners, BOMs), as one line drops it. */
static gboolean
is_space_or_invisible (gunichar c)
{
  return g_unichar_isspace (c) || clipper_text_is_invisible (c);
}

/* Whether @a and @b are the same words: white space aside, which a page
 * re-extracted with its blocks kept apart gains ("item" "Two" in a list
 * was "itemTwo") or with its white space collapsed loses, though nothing
 * the reader highlighted changed. */
gboolean
clipper_highlight_same_words (const char *a, const char *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  for (;;)
    {
      while (*a != '\0' && is_space_or_invisible (g_utf8_get_char (a)))
        a = g_utf8_next_char (a);
      while (*b != '\0' && is_space_or_invisible (g_utf8_get_char (b)))
        b = g_utf8_next_char (b);
      if (*a == '\0' || *b == '\0')
        return *a == *b;
      if (g_utf8_get_char (a) != g_utf8_get_char (b))
        return FALSE;
      a = g_utf8_next_char (a);
      b = g_utf8_next_char (b);
    }
}

const char *
clipper_highlight_get_quote_before_change (ClipperHighlight *self)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (self), NULL);

  if (self->original_quote == NULL || clipper_highlight_same_words (self->original_quote, self->quote))
    return NULL;
  return self->original_quote;
}

#define DEFINE_INT64_ACCESSORS(field, PROP)                                    \
  gint64                                                                       \
  clipper_highlight_get_##field (ClipperHighlight *self)                       \
  {                                                                            \
    g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (self), 0);                     \
    return self->field;                                                        \
  }                                                                            \
  void                                                                         \
  clipper_highlight_set_##field (ClipperHighlight *self, gint64 value)         \
  {                                                                            \
    g_return_if_fail (CLIPPER_IS_HIGHLIGHT (self));                            \
    if (self->field == value)                                                  \
      return;                                                                  \
    self->field = value;                                                       \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);              \
  }

DEFINE_INT64_ACCESSORS (id, PROP_ID)
DEFINE_INT64_ACCESSORS (article_id, PROP_ARTICLE_ID)
DEFINE_INT64_ACCESSORS (created_at, PROP_CREATED_AT)
DEFINE_INT64_ACCESSORS (updated_at, PROP_UPDATED_AT)

gint64
clipper_highlight_get_start (ClipperHighlight *self)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (self), 0);
  return self->start;
}

gint64
clipper_highlight_get_end (ClipperHighlight *self)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (self), 0);
  return self->end;
}

/* The range is set as a pair: start and end are only meaningful together.
 * The store rejects an end before the start; here we only keep values. */
void
clipper_highlight_set_range (ClipperHighlight *self, gint64 start, gint64 end)
{
  g_return_if_fail (CLIPPER_IS_HIGHLIGHT (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (self->start != start)
    {
      self->start = start;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
    }
  if (self->end != end)
    {
      self->end = end;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

gboolean
clipper_highlight_get_anchored (ClipperHighlight *self)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (self), FALSE);
  return self->anchored;
}

void
clipper_highlight_set_anchored (ClipperHighlight *self, gboolean anchored)
{
  g_return_if_fail (CLIPPER_IS_HIGHLIGHT (self));
  anchored = !!anchored;
  if (self->anchored == anchored)
    return;
  self->anchored = anchored;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANCHORED]);
}

gboolean
clipper_highlight_get_article_has_text (ClipperHighlight *self)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (self), TRUE);
  return self->article_has_text;
}

void
clipper_highlight_set_article_has_text (ClipperHighlight *self, gboolean has_text)
{
  g_return_if_fail (CLIPPER_IS_HIGHLIGHT (self));
  has_text = !!has_text;
  if (self->article_has_text == has_text)
    return;
  self->article_has_text = has_text;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE_HAS_TEXT]);
}

ClipperOffsetsFrom
clipper_highlight_get_offsets_from (ClipperHighlight *self)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (self), CLIPPER_OFFSETS_UNKNOWN);
  return self->offsets_from;
}

void
clipper_highlight_set_offsets_from (ClipperHighlight *self, ClipperOffsetsFrom from)
{
  g_return_if_fail (CLIPPER_IS_HIGHLIGHT (self));
  g_return_if_fail (from <= CLIPPER_OFFSETS_CARRIED);
  if (self->offsets_from == from)
    return;
  self->offsets_from = from;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFSETS_FROM]);
}

/**
 * clipper_highlight_get_tags:
 *
 * Returns: (transfer none) (array zero-terminated=1): the tag names, sorted;
 *   never %NULL.
 */
const char *const *
clipper_highlight_get_tags (ClipperHighlight *self)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (self), empty_strv);
  return self->tags ? (const char *const *) self->tags : empty_strv;
}

void
clipper_highlight_set_tags (ClipperHighlight *self, const char *const *tags)
{
  g_return_if_fail (CLIPPER_IS_HIGHLIGHT (self));
  if (tags == NULL)
    tags = empty_strv;
  if (g_strv_equal (clipper_highlight_get_tags (self), tags))
    return;
  g_strfreev (self->tags);
  self->tags = g_strdupv ((char **) tags);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

/**
 * clipper_highlight_colors:
 *
 * Returns: (transfer none) (array zero-terminated=1): the colour names in
 *   display order.
 */
const char *const *
clipper_highlight_colors (void)
{
  return colors;
}

gboolean
clipper_highlight_color_is_valid (const char *color)
{
  return color != NULL && g_strv_contains (colors, color);
}
