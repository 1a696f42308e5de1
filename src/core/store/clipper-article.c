/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ClipperArticle: a value object with properties, so that list models in
 * the app can bind rows to it.  The store fills it; nothing here touches
 * the database.
 */
#define G_LOG_DOMAIN "clipper-store"

#include "clipper-article.h"
#include "clipper-kindle.h"

#include <math.h>

struct _ClipperArticle
{
  GObject parent_instance;

  gint64 id;
  char *url;
  char *canonical_url;
  char *title;
  char *byline;
  char *site_name;
  char *lang;
  char *dir;
  char *published_time;
  char *excerpt;
  char *lead_image;
  char *html;
  char *text;
  guint word_count;
  ClipperReadState read_state;
  gboolean starred;
  double reading_position;
  gint64 saved_at;
  gint64 updated_at;
  guint highlight_count;
  gint64 last_highlight_at;
  GStrv tags;
};

G_DEFINE_FINAL_TYPE (ClipperArticle, clipper_article, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_URL,
  PROP_CANONICAL_URL,
  PROP_TITLE,
  PROP_BYLINE,
  PROP_SITE_NAME,
  PROP_LANG,
  PROP_DIR,
  PROP_PUBLISHED_TIME,
  PROP_EXCERPT,
  PROP_LEAD_IMAGE,
  PROP_HTML,
  PROP_TEXT,
  PROP_WORD_COUNT,
  PROP_READ_STATE,
  PROP_STARRED,
  PROP_READING_POSITION,
  PROP_SAVED_AT,
  PROP_UPDATED_AT,
  PROP_HIGHLIGHT_COUNT,
  PROP_LAST_HIGHLIGHT_AT,
  PROP_TAGS,
  PROP_READING_MINUTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *const empty_strv[] = { NULL };

/* Returns TRUE when the value changed, so setters notify only then. */
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
clipper_article_finalize (GObject *object)
{
  ClipperArticle *self = CLIPPER_ARTICLE (object);

  g_free (self->url);
  g_free (self->canonical_url);
  g_free (self->title);
  g_free (self->byline);
  g_free (self->site_name);
  g_free (self->lang);
  g_free (self->dir);
  g_free (self->published_time);
  g_free (self->excerpt);
  g_free (self->lead_image);
  g_free (self->html);
  g_free (self->text);
  g_strfreev (self->tags);

  G_OBJECT_CLASS (clipper_article_parent_class)->finalize (object);
}

static void
clipper_article_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ClipperArticle *self = CLIPPER_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_URL: g_value_set_string (value, self->url); break;
    case PROP_CANONICAL_URL: g_value_set_string (value, self->canonical_url); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_BYLINE: g_value_set_string (value, self->byline); break;
    case PROP_SITE_NAME: g_value_set_string (value, self->site_name); break;
    case PROP_LANG: g_value_set_string (value, self->lang); break;
    case PROP_DIR: g_value_set_string (value, self->dir); break;
    case PROP_PUBLISHED_TIME: g_value_set_string (value, self->published_time); break;
    case PROP_EXCERPT: g_value_set_string (value, self->excerpt); break;
    case PROP_LEAD_IMAGE: g_value_set_string (value, self->lead_image); break;
    case PROP_HTML: g_value_set_string (value, self->html); break;
    case PROP_TEXT: g_value_set_string (value, self->text); break;
    case PROP_WORD_COUNT: g_value_set_uint (value, self->word_count); break;
    case PROP_READ_STATE: g_value_set_uint (value, self->read_state); break;
    case PROP_STARRED: g_value_set_boolean (value, self->starred); break;
    case PROP_READING_POSITION: g_value_set_double (value, self->reading_position); break;
    case PROP_SAVED_AT: g_value_set_int64 (value, self->saved_at); break;
    case PROP_UPDATED_AT: g_value_set_int64 (value, self->updated_at); break;
    case PROP_HIGHLIGHT_COUNT: g_value_set_uint (value, self->highlight_count); break;
    case PROP_LAST_HIGHLIGHT_AT: g_value_set_int64 (value, self->last_highlight_at); break;
    case PROP_TAGS: g_value_set_boxed (value, clipper_article_get_tags (self)); break;
    case PROP_READING_MINUTES: g_value_set_uint (value, clipper_article_get_reading_minutes (self)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_article_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ClipperArticle *self = CLIPPER_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_ID: clipper_article_set_id (self, g_value_get_int64 (value)); break;
    case PROP_URL: clipper_article_set_url (self, g_value_get_string (value)); break;
    case PROP_CANONICAL_URL: clipper_article_set_canonical_url (self, g_value_get_string (value)); break;
    case PROP_TITLE: clipper_article_set_title (self, g_value_get_string (value)); break;
    case PROP_BYLINE: clipper_article_set_byline (self, g_value_get_string (value)); break;
    case PROP_SITE_NAME: clipper_article_set_site_name (self, g_value_get_string (value)); break;
    case PROP_LANG: clipper_article_set_lang (self, g_value_get_string (value)); break;
    case PROP_DIR: clipper_article_set_dir (self, g_value_get_string (value)); break;
    case PROP_PUBLISHED_TIME: clipper_article_set_published_time (self, g_value_get_string (value)); break;
    case PROP_EXCERPT: clipper_article_set_excerpt (self, g_value_get_string (value)); break;
    case PROP_LEAD_IMAGE: clipper_article_set_lead_image (self, g_value_get_string (value)); break;
    case PROP_HTML: clipper_article_set_html (self, g_value_get_string (value)); break;
    case PROP_TEXT: clipper_article_set_text (self, g_value_get_string (value)); break;
    case PROP_WORD_COUNT: clipper_article_set_word_count (self, g_value_get_uint (value)); break;
    case PROP_READ_STATE: clipper_article_set_read_state (self, g_value_get_uint (value)); break;
    case PROP_STARRED: clipper_article_set_starred (self, g_value_get_boolean (value)); break;
    case PROP_READING_POSITION: clipper_article_set_reading_position (self, g_value_get_double (value)); break;
    case PROP_SAVED_AT: clipper_article_set_saved_at (self, g_value_get_int64 (value)); break;
    case PROP_UPDATED_AT: clipper_article_set_updated_at (self, g_value_get_int64 (value)); break;
    case PROP_HIGHLIGHT_COUNT: clipper_article_set_highlight_count (self, g_value_get_uint (value)); break;
    case PROP_LAST_HIGHLIGHT_AT: clipper_article_set_last_highlight_at (self, g_value_get_int64 (value)); break;
    case PROP_TAGS: clipper_article_set_tags (self, g_value_get_boxed (value)); break;
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
clipper_article_class_init (ClipperArticleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = clipper_article_finalize;
  object_class->get_property = clipper_article_get_property;
  object_class->set_property = clipper_article_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_URL] = string_param ("url");
  properties[PROP_CANONICAL_URL] = string_param ("canonical-url");
  properties[PROP_TITLE] = string_param ("title");
  properties[PROP_BYLINE] = string_param ("byline");
  properties[PROP_SITE_NAME] = string_param ("site-name");
  properties[PROP_LANG] = string_param ("lang");
  properties[PROP_DIR] = string_param ("dir");
  properties[PROP_PUBLISHED_TIME] = string_param ("published-time");
  properties[PROP_EXCERPT] = string_param ("excerpt");
  properties[PROP_LEAD_IMAGE] = string_param ("lead-image");
  properties[PROP_HTML] = string_param ("html");
  properties[PROP_TEXT] = string_param ("text");
  properties[PROP_WORD_COUNT] = g_param_spec_uint ("word-count", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_READ_STATE] = g_param_spec_uint ("read-state", NULL, NULL,
                                                   CLIPPER_READ_STATE_UNREAD, CLIPPER_READ_STATE_ARCHIVED,
                                                   CLIPPER_READ_STATE_UNREAD, flags);
  properties[PROP_STARRED] = g_param_spec_boolean ("starred", NULL, NULL, FALSE, flags);
  properties[PROP_READING_POSITION] = g_param_spec_double ("reading-position", NULL, NULL, 0.0, 1.0, 0.0, flags);
  properties[PROP_SAVED_AT] = g_param_spec_int64 ("saved-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_UPDATED_AT] = g_param_spec_int64 ("updated-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_HIGHLIGHT_COUNT] = g_param_spec_uint ("highlight-count", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_LAST_HIGHLIGHT_AT] = g_param_spec_int64 ("last-highlight-at", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_TAGS] = g_param_spec_boxed ("tags", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_READING_MINUTES] = g_param_spec_uint ("reading-minutes", NULL, NULL, 0, G_MAXUINT, 0,
                                                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS |
                                                        G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
clipper_article_init (ClipperArticle *self)
{
}

/**
 * clipper_article_new:
 *
 * Returns: (transfer full): an empty article, not yet in any store.
 */
ClipperArticle *
clipper_article_new (void)
{
  return g_object_new (CLIPPER_TYPE_ARTICLE, NULL);
}

#define DEFINE_STRING_ACCESSORS(field, PROP)                                   \
  const char *                                                                 \
  clipper_article_get_##field (ClipperArticle *self)                           \
  {                                                                            \
    g_return_val_if_fail (CLIPPER_IS_ARTICLE (self), NULL);                    \
    return self->field;                                                        \
  }                                                                            \
  void                                                                         \
  clipper_article_set_##field (ClipperArticle *self, const char *value)        \
  {                                                                            \
    g_return_if_fail (CLIPPER_IS_ARTICLE (self));                              \
    if (replace_string (&self->field, value))                                  \
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);            \
  }

DEFINE_STRING_ACCESSORS (url, PROP_URL)
DEFINE_STRING_ACCESSORS (canonical_url, PROP_CANONICAL_URL)
DEFINE_STRING_ACCESSORS (title, PROP_TITLE)
DEFINE_STRING_ACCESSORS (byline, PROP_BYLINE)
DEFINE_STRING_ACCESSORS (site_name, PROP_SITE_NAME)
DEFINE_STRING_ACCESSORS (lang, PROP_LANG)
DEFINE_STRING_ACCESSORS (dir, PROP_DIR)
DEFINE_STRING_ACCESSORS (published_time, PROP_PUBLISHED_TIME)
DEFINE_STRING_ACCESSORS (excerpt, PROP_EXCERPT)
DEFINE_STRING_ACCESSORS (lead_image, PROP_LEAD_IMAGE)
DEFINE_STRING_ACCESSORS (html, PROP_HTML)
DEFINE_STRING_ACCESSORS (text, PROP_TEXT)

#define DEFINE_SCALAR_ACCESSORS(type, field, PROP)                             \
  type                                                                         \
  clipper_article_get_##field (ClipperArticle *self)                           \
  {                                                                            \
    g_return_val_if_fail (CLIPPER_IS_ARTICLE (self), (type) 0);                \
    return self->field;                                                        \
  }                                                                            \
  void                                                                         \
  clipper_article_set_##field (ClipperArticle *self, type value)               \
  {                                                                            \
    g_return_if_fail (CLIPPER_IS_ARTICLE (self));                              \
    if (self->field == value)                                                  \
      return;                                                                  \
    self->field = value;                                                       \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);              \
  }

DEFINE_SCALAR_ACCESSORS (gint64, id, PROP_ID)
DEFINE_SCALAR_ACCESSORS (gint64, saved_at, PROP_SAVED_AT)
DEFINE_SCALAR_ACCESSORS (gint64, updated_at, PROP_UPDATED_AT)
DEFINE_SCALAR_ACCESSORS (guint, highlight_count, PROP_HIGHLIGHT_COUNT)
DEFINE_SCALAR_ACCESSORS (gint64, last_highlight_at, PROP_LAST_HIGHLIGHT_AT)

guint
clipper_article_get_word_count (ClipperArticle *self)
{
  g_return_val_if_fail (CLIPPER_IS_ARTICLE (self), 0);
  return self->word_count;
}

void
clipper_article_set_word_count (ClipperArticle *self, guint word_count)
{
  g_return_if_fail (CLIPPER_IS_ARTICLE (self));
  if (self->word_count == word_count)
    return;
  self->word_count = word_count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WORD_COUNT]);
  /* The reading time is derived from the word count. */
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READING_MINUTES]);
}

ClipperReadState
clipper_article_get_read_state (ClipperArticle *self)
{
  g_return_val_if_fail (CLIPPER_IS_ARTICLE (self), CLIPPER_READ_STATE_UNREAD);
  return self->read_state;
}

void
clipper_article_set_read_state (ClipperArticle *self, ClipperReadState state)
{
  g_return_if_fail (CLIPPER_IS_ARTICLE (self));
  g_return_if_fail (state <= CLIPPER_READ_STATE_ARCHIVED);
  if (self->read_state == state)
    return;
  self->read_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_STATE]);
}

gboolean
clipper_article_get_starred (ClipperArticle *self)
{
  g_return_val_if_fail (CLIPPER_IS_ARTICLE (self), FALSE);
  return self->starred;
}

void
clipper_article_set_starred (ClipperArticle *self, gboolean starred)
{
  g_return_if_fail (CLIPPER_IS_ARTICLE (self));
  starred = !!starred;
  if (self->starred == starred)
    return;
  self->starred = starred;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARRED]);
}

double
clipper_article_get_reading_position (ClipperArticle *self)
{
  g_return_val_if_fail (CLIPPER_IS_ARTICLE (self), 0.0);
  return self->reading_position;
}

void
clipper_article_set_reading_position (ClipperArticle *self, double position)
{
  g_return_if_fail (CLIPPER_IS_ARTICLE (self));
  /* A scroll position from a page can be anything; keep it in range. */
  if (isnan (position))
    position = 0.0;
  position = CLAMP (position, 0.0, 1.0);
  if (self->reading_position == position)
    return;
  self->reading_position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READING_POSITION]);
}

/**
 * clipper_article_get_tags:
 *
 * Returns: (transfer none) (array zero-terminated=1): the tag names, sorted;
 *   never %NULL.
 */
const char *const *
clipper_article_get_tags (ClipperArticle *self)
{
  g_return_val_if_fail (CLIPPER_IS_ARTICLE (self), empty_strv);
  return self->tags ? (const char *const *) self->tags : empty_strv;
}

void
clipper_article_set_tags (ClipperArticle *self, const char *const *tags)
{
  g_return_if_fail (CLIPPER_IS_ARTICLE (self));
  if (tags == NULL)
    tags = empty_strv;
  if (g_strv_equal (clipper_article_get_tags (self), tags))
    return;
  g_strfreev (self->tags);
  self->tags = g_strdupv ((char **) tags);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

gint64
clipper_article_get_display_date (ClipperArticle *self,
                                  gboolean       *by_clipping)
{
  gboolean clipping;

  g_return_val_if_fail (CLIPPER_IS_ARTICLE (self), 0);

  clipping = self->last_highlight_at > 0 && clipper_kindle_is_book_url (self->url);
  if (by_clipping != NULL)
    *by_clipping = clipping;
  return clipping ? self->last_highlight_at : self->saved_at;
}

gboolean
clipper_article_has_text (ClipperArticle *self)
{
  g_return_val_if_fail (CLIPPER_IS_ARTICLE (self), FALSE);
  return self->word_count > 0;
}

gboolean
clipper_article_text_is_blank (ClipperArticle *self)
{
  g_return_val_if_fail (CLIPPER_IS_ARTICLE (self), TRUE);

  for (const char *c = self->text; c != NULL && *c != '\0'; c++)
    if (!g_ascii_isspace (*c))
      return FALSE;
  return TRUE;
}

guint
clipper_article_get_reading_minutes (ClipperArticle *self)
{
  g_return_val_if_fail (CLIPPER_IS_ARTICLE (self), 0);
  if (self->word_count == 0)
    return 0;
  return MAX (1, (self->word_count + 115) / 230);
}

gboolean
clipper_reading_time_split (guint  minutes,
                            guint *hours,
                            guint *rest)
{
  g_return_val_if_fail (hours != NULL && rest != NULL, FALSE);

  *hours = MIN (minutes, CLIPPER_READING_MINUTES_SHOWN_MAX) / 60;
  *rest = MIN (minutes, CLIPPER_READING_MINUTES_SHOWN_MAX) % 60;
  return minutes <= CLIPPER_READING_MINUTES_SHOWN_MAX;
}

const char *
clipper_read_state_to_string (ClipperReadState state)
{
  switch (state)
    {
    case CLIPPER_READ_STATE_UNREAD: return "unread";
    case CLIPPER_READ_STATE_READ: return "read";
    case CLIPPER_READ_STATE_ARCHIVED: return "archived";
    default: return NULL;
    }
}

gboolean
clipper_read_state_from_string (const char *str, ClipperReadState *out_state)
{
  static const ClipperReadState states[] = {
    CLIPPER_READ_STATE_UNREAD, CLIPPER_READ_STATE_READ, CLIPPER_READ_STATE_ARCHIVED,
  };

  g_return_val_if_fail (out_state != NULL, FALSE);

  if (str == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    if (g_ascii_strcasecmp (str, clipper_read_state_to_string (states[i])) == 0)
      {
        *out_state = states[i];
        return TRUE;
      }
  return FALSE;
}
