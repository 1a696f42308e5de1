/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "clipper-fetch"

#include "clipper-prescan.h"

#include <string.h>

gboolean
clipper_prescan_is_space (guint8 c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

gboolean
clipper_prescan_has_prefix_ci (const guint8 *p, const guint8 *end, const char *prefix)
{
  gsize n = strlen (prefix);

  return (gsize) (end - p) >= n && g_ascii_strncasecmp ((const char *) p, prefix, n) == 0;
}

const guint8 *
clipper_prescan_find (const guint8 *p, const guint8 *end, const char *needle)
{
  gsize n = strlen (needle);

  for (; p + n <= end; p++)
    if (memcmp (p, needle, n) == 0)
      return p;
  return NULL;
}

/* The HTML standard's "get an attribute" step of the prescan, simplified:
 * reads one name="value" pair at *pp.  Returns FALSE at the end of the tag. */
static gboolean
read_attribute (const guint8 **pp, const guint8 *end, char **out_name, char **out_value)
{
  const guint8 *p = *pp;
  const guint8 *start;

  *out_name = NULL;
  *out_value = NULL;

  while (p < end && (clipper_prescan_is_space (*p) || *p == '/'))
    p++;
  if (p >= end || *p == '>')
    {
      *pp = p;
      return FALSE;
    }

  start = p;
  while (p < end && !clipper_prescan_is_space (*p) && *p != '=' && *p != '>' && !(*p == '/' && p != start))
    p++;
  *out_name = g_ascii_strdown ((const char *) start, p - start);

  while (p < end && clipper_prescan_is_space (*p))
    p++;
  if (p < end && *p == '=')
    {
      p++;
      while (p < end && clipper_prescan_is_space (*p))
        p++;
      if (p < end && (*p == '"' || *p == '\''))
        {
          guint8 quote = *p++;

          start = p;
          while (p < end && *p != quote)
            p++;
          *out_value = g_strndup ((const char *) start, p - start);
          if (p < end)
            p++;
        }
      else
        {
          start = p;
          while (p < end && !clipper_prescan_is_space (*p) && *p != '>')
            p++;
          *out_value = g_strndup ((const char *) start, p - start);
        }
    }
  else
    *out_value = g_strdup ("");

  *pp = p;
  return TRUE;
}

/**
 * clipper_prescan_metas:
 * @data: (array length=length): the start of the page
 * @length: bytes in @data
 * @limit: how many of them to look at
 * @func: called for each <meta> tag found
 * @user_data: for @func
 *
 * The prescan of the HTML standard: walks the tags of the first bytes of
 * the page (skipping comments, and other tags with their quoted attribute
 * values) and gives @func each <meta> tag's attributes, until it returns
 * %TRUE.
 */
void
clipper_prescan_metas (const guint8           *data,
                       gsize                   length,
                       gsize                   limit,
                       ClipperPrescanMetaFunc  func,
                       gpointer                user_data)
{
  const guint8 *p = data;
  const guint8 *end = data + MIN (length, limit);

  while (p < end)
    {
      if (*p != '<')
        {
          p++;
          continue;
        }

      if (clipper_prescan_has_prefix_ci (p, end, "<!--"))
        {
          const guint8 *close = clipper_prescan_find (p + 4, end, "-->");

          if (close == NULL)
            return;
          p = close + 3;
        }
      else if (clipper_prescan_has_prefix_ci (p, end, "<meta") && p + 5 < end &&
               (clipper_prescan_is_space (p[5]) || p[5] == '/'))
        {
          g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
          g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
          char *name, *value;

          p += 5;
          while (read_attribute (&p, end, &name, &value))
            {
              g_ptr_array_add (names, name);
              g_ptr_array_add (values, value);
            }
          if (func (names, values, user_data))
            return;
        }
      else
        {
          /* Any other tag, end tag, <!DOCTYPE> or <?…>: skip to its end,
           * minding quoted attribute values that may hold a '>'. */
          guint8 quote = 0;

          for (p++; p < end; p++)
            {
              if (quote)
                {
                  if (*p == quote)
                    quote = 0;
                }
              else if (*p == '"' || *p == '\'')
                {
                  /* Quotes only count inside a tag, after its name. */
                  if (p[-1] == '=' || clipper_prescan_is_space (p[-1]))
                    quote = *p;
                }
              else if (*p == '>')
                break;
              else if (*p == '<')
                {
                  p--;
                  break;
                }
            }
          p++;
        }
    }
}

/* A refresh may stand anywhere in the head, after long inline styles and
 * scripts: further than the charset's 4 KB. */
#define REFRESH_PRESCAN_BYTES (64 * 1024)

typedef struct {
  char  *url;
  guint  seconds;
} Refresh;

/* The HTML standard's "shared declarative refresh steps" on @content
 * ("5; url=/next", "0;URL='next.html'"): the URL it names, if any. */
static char *
refresh_url (const char *content, guint *out_seconds)
{
  const char *p = content;
  const char *digits;
  const char *url;
  char quote = 0;
  guint64 seconds;

  while (clipper_prescan_is_space (*p))
    p++;
  digits = p;
  while (g_ascii_isdigit (*p))
    p++;
  if (p == digits && *p != '.')
    return NULL;
  seconds = p > digits ? g_ascii_strtoull (digits, NULL, 10) : 0;
  while (g_ascii_isdigit (*p) || *p == '.')
    p++;
  /* Only a time: the page reloads itself. */
  if (*p == '\0')
    return NULL;
  if (*p != ';' && *p != ',' && !clipper_prescan_is_space (*p))
    return NULL;
  while (clipper_prescan_is_space (*p))
    p++;
  if (*p == ';' || *p == ',')
    p++;
  while (clipper_prescan_is_space (*p))
    p++;
  if (g_ascii_strncasecmp (p, "url", 3) == 0)
    {
      const char *after = p + 3;

      while (clipper_prescan_is_space (*after))
        after++;
      if (*after == '=')
        {
          p = after + 1;
          while (clipper_prescan_is_space (*p))
            p++;
        }
    }
  if (*p == '"' || *p == '\'')
    quote = *p++;
  url = p;
  while (*p != '\0' && *p != quote)
    p++;
  while (p > url && clipper_prescan_is_space (p[-1]))
    p--;
  if (p == url)
    return NULL;
  *out_seconds = (guint) MIN (seconds, G_MAXUINT);
  return g_strndup (url, p - url);
}

static gboolean
on_refresh_meta (const GPtrArray *names, const GPtrArray *values, gpointer user_data)
{
  Refresh *refresh = user_data;
  const char *content = NULL;
  gboolean is_refresh = FALSE;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      const char *value = g_ptr_array_index (values, i);

      if (strcmp (name, "http-equiv") == 0)
        {
          g_autofree char *v = g_strstrip (g_strdup (value));

          is_refresh = is_refresh || g_ascii_strcasecmp (v, "refresh") == 0;
        }
      else if (strcmp (name, "content") == 0 && content == NULL)
        content = value;
    }
  /* (The first refresh is the one a browser acts on.) */
  if (!is_refresh || content == NULL)
    return FALSE;
  refresh->url = refresh_url (content, &refresh->seconds);
  return TRUE;
}

/**
 * clipper_prescan_refresh:
 * @data: (array length=length): the start of the page
 * @length: bytes in @data
 * @out_seconds: (out): after how many seconds a browser would go there
 *
 * The URL a `<meta http-equiv="refresh" content="N; url=…">` in the
 * page's head sends the reader to, as written (relative to the page).
 *
 * Returns: (transfer full) (nullable): the URL, or %NULL when the page
 *   asks for no refresh, or only to reload itself
 */
char *
clipper_prescan_refresh (const guint8 *data,
                         gsize         length,
                         guint        *out_seconds)
{
  Refresh refresh = { NULL, 0 };

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (out_seconds != NULL, NULL);

  clipper_prescan_metas (data, length, REFRESH_PRESCAN_BYTES, on_refresh_meta, &refresh);
  *out_seconds = refresh.seconds;
  return refresh.url;
}
