/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How the app writes dates and shows notes in its lists: one place, so
 * that the article list, the Highlights page, the panel and the reader say
 * a date the same way (they used three formats), and a note reads as the
 * text it is rather than as its Markdown source.  And a file's path, as
 * the window and Preferences say where the library is.
 */
#define G_LOG_DOMAIN "clipper-reader"

#include "clipper-format.h"

#include <glib/gi18n.h>
#include <string.h>

static gboolean
same_day (GDateTime *a,
          GDateTime *b)
{
  return g_date_time_get_year (a) == g_date_time_get_year (b) &&
         g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b);
}

/* -1 for yesterday, 0 for today, 1 for another day. */
static int
relative_day (GDateTime *when)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) yesterday = g_date_time_add_days (now, -1);

  if (same_day (when, now))
    return 0;
  if (same_day (when, yesterday))
    return -1;
  return 1;
}

char *
clipper_format_day (gint64 unix_time)
{
  g_autoptr (GDateTime) when = g_date_time_new_from_unix_local (unix_time);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  if (when == NULL)
    return g_strdup ("");

  switch (relative_day (when))
    {
    case 0: return g_strdup (_("Today"));
    case -1: return g_strdup (_("Yesterday"));
    default: break;
    }

  if (g_date_time_get_year (when) == g_date_time_get_year (now))
    /* Translators: a date in this year, see g_date_time_format() */
    return g_date_time_format (when, _("%b %-e"));

  /* Translators: a date in another year, see g_date_time_format() */
  return g_date_time_format (when, _("%b %-e, %Y"));
}

char *
clipper_format_date (GDateTime *when)
{
  g_return_val_if_fail (when != NULL, NULL);

  /* Translators: a date in full, see g_date_time_format() */
  return g_date_time_format (when, _("%B %-e, %Y"));
}

char *
clipper_format_path (const char *path)
{
  const char *home = g_get_home_dir ();
  gsize n = home != NULL ? strlen (home) : 0;

  g_return_val_if_fail (path != NULL, NULL);

  /* "/home/ada" is not the home of "/home/adam/…".  A file name need not
   * be UTF-8: shown as GLib shows one. */
  if (n > 1 && strncmp (path, home, n) == 0 && path[n] == G_DIR_SEPARATOR)
    {
      g_autofree char *rest = g_filename_display_name (path + n);

      return g_strconcat ("~", rest, NULL);
    }
  return g_filename_display_name (path);
}

char *
clipper_format_date_time (gint64 unix_time)
{
  g_autoptr (GDateTime) when = g_date_time_new_from_unix_local (unix_time);
  g_autofree char *time = NULL;
  g_autofree char *date = NULL;

  if (when == NULL)
    return g_strdup ("");

  /* Translators: a time of day, see g_date_time_format() */
  time = g_date_time_format (when, _("%H:%M"));
  switch (relative_day (when))
    {
    /* Translators: %s is a time of day ("09:52") */
    case 0: return g_strdup_printf (_("today at %s"), time);
    /* Translators: %s is a time of day ("09:52") */
    case -1: return g_strdup_printf (_("yesterday at %s"), time);
    default: break;
    }
  date = clipper_format_date (when);
  /* Translators: a date in full ("November 3, 2022"), then a time of day ("09:52") */
  return g_strdup_printf (_("%s at %s"), date, time);
}

/* ---- notes ---------------------------------------------------------------- */

typedef struct {
  GString *markup;
  GString *plain;
  const char *base;  /* the paragraph's start, to look behind a delimiter */
} Out;

static void
append_text (Out        *out,
             const char *text,
             gssize      len)
{
  g_autofree char *escaped = g_markup_escape_text (text, len);

  g_string_append (out->markup, escaped);
  g_string_append_len (out->plain, text, len < 0 ? (gssize) strlen (text) : len);
}

/* Whether @p is at the end or on white space. */
static gboolean
is_space (const char *p,
          const char *end)
{
  return p >= end || g_ascii_isspace (*p);
}

/* The run of @len times @c, after @from, that closes emphasis opened
 * just before @from, or NULL: it follows a non-space and, for "_", ends
 * a word. */
static const char *
find_closer (const char *from,
             const char *end,
             char        c,
             gsize       len)
{
  for (const char *q = from; q + len <= end; q++)
    {
      gsize n = 0;

      while (n < len && q[n] == c)
        n++;
      if (n < len || g_ascii_isspace (q[-1]))
        continue;
      if (c == '_' && q + len < end && g_ascii_isalnum (q[len]))
        continue;
      return q;
    }
  return NULL;
}

static void append_inline (Out *out, const char *p, const char *end);

/* Emphasis, strike-through: @p is on a run of '*', '_' or '~'.  Returns
 * where the text goes on, or NULL when the run is only text. */
static const char *
append_emphasis (Out        *out,
                 const char *p,
                 const char *end)
{
  char c = *p;
  gsize run = 0;
  gsize len;
  const char *close;
  const char *tag;

  while (p + run < end && p[run] == c)
    run++;
  if (c == '~')
    {
      if (run != 2)
        return NULL;
      len = 2;
      tag = "s";
    }
  else
    {
      len = run >= 2 ? 2 : 1;
      tag = len == 2 ? "b" : "i";
    }
  /* "2 * 3", "snake_case": not emphasis. */
  if (is_space (p + len, end))
    return NULL;
  if (c == '_' && p > out->base && g_ascii_isalnum (p[-1]))
    return NULL;
  close = find_closer (p + len + 1, end, c, len);
  if (close == NULL)
    return NULL;
  g_string_append_printf (out->markup, "<%s>", tag);
  append_inline (out, p + len, close);
  g_string_append_printf (out->markup, "</%s>", tag);
  return close + len;
}

/* A link or an image, "[text](url)", "![alt](src)", on @p's '[': its text. */
static const char *
append_link (Out        *out,
             const char *p,
             const char *end)
{
  const char *close = memchr (p, ']', end - p);
  const char *paren;

  if (close == NULL || close + 1 >= end || close[1] != '(')
    return NULL;
  paren = memchr (close, ')', end - close);
  if (paren == NULL)
    return NULL;
  append_inline (out, p + 1, close);
  return paren + 1;
}

/* "`code`": its text, in a fixed-width font. */
static const char *
append_code (Out        *out,
             const char *p,
             const char *end)
{
  gsize ticks = 0;

  while (p + ticks < end && p[ticks] == '`')
    ticks++;
  for (const char *q = p + ticks; q + ticks <= end; q++)
    {
      gsize n = 0;

      while (q + n < end && q[n] == '`')
        n++;
      if (n == ticks)
        {
          g_string_append (out->markup, "<tt>");
          append_text (out, p + ticks, q - (p + ticks));
          g_string_append (out->markup, "</tt>");
          return q + ticks;
        }
      if (n > 0)
        q += n - 1;
    }
  return NULL;
}

static void
append_inline (Out        *out,
               const char *p,
               const char *end)
{
  const char *run = p;  /* text not yet written */

  while (p < end)
    {
      gsize markup_len = out->markup->len;
      gsize plain_len = out->plain->len;
      const char *next = NULL;

      if (*p == '\\' && p + 1 < end && g_ascii_ispunct (p[1]))
        {
          append_text (out, run, p - run);
          append_text (out, p + 1, 1);
          p += 2;
          run = p;
          continue;
        }
      if (*p != '`' && *p != '[' && *p != '!' && *p != '*' && *p != '_' && *p != '~')
        {
          p = g_utf8_next_char (p);
          continue;
        }

      append_text (out, run, p - run);
      if (*p == '`')
        next = append_code (out, p, end);
      else if (*p == '[')
        next = append_link (out, p, end);
      else if (*p == '!' && p + 1 < end && p[1] == '[')
        next = append_link (out, p + 1, end);
      else if (*p != '!')
        next = append_emphasis (out, p, end);
      if (next != NULL)
        {
          p = run = next;
          continue;
        }
      /* Only text after all: written with the rest of the run later. */
      g_string_truncate (out->markup, markup_len);
      g_string_truncate (out->plain, plain_len);
      if (*p == '*' || *p == '_' || *p == '~' || *p == '`')
        {
          char c = *p;

          while (p < end && *p == c)
            p++;
        }
      else
        p++;
    }
  append_text (out, run, end - run);
}

/* Skips up to three spaces of indentation. */
static const char *
skip_indent (const char *p)
{
  for (int i = 0; i < 3 && *p == ' '; i++)
    p++;
  return p;
}

/* A thematic break ("---", "* * *") or a setext heading's underline ("==="). */
static gboolean
is_rule (const char *line)
{
  char c = *skip_indent (line);
  guint n = 0;

  if (c != '-' && c != '*' && c != '_' && c != '=')
    return FALSE;
  for (const char *p = skip_indent (line); *p != '\0'; p++)
    if (*p == c)
      n++;
    else if (*p != ' ' && *p != '\t')
      return FALSE;
  return n >= 3 || (c == '=' && n >= 1);
}

char *
clipper_format_note_markup (const char  *note,
                            char       **plain)
{
  g_auto (GStrv) lines = g_strsplit (note != NULL ? note : "", "\n", -1);
  Out out = { g_string_new (NULL), g_string_new (NULL), NULL };
  gboolean in_fence = FALSE;
  guint n_lines = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      const char *p;
      const char *end;
      gboolean heading = FALSE;

      g_strchomp (line);
      p = skip_indent (line);
      if (g_str_has_prefix (p, "```") || g_str_has_prefix (p, "~~~"))
        {
          in_fence = !in_fence;
          continue;
        }
      if (*p == '\0' || (!in_fence && is_rule (line)))
        continue;
      /* Each line on a line of its own, as Obsidian shows a note: joined,
       * "unique word" and "A second line" read as one sentence (QA).  A
       * line separator, not "\n", which starts a paragraph, and Pango
       * gives each paragraph the label's three lines: a note of five
       * lines showed them all.  Past the lists' three lines the rest runs
       * on, to be cut short there: a label of more line separators than
       * its lines says it needs more height at the least than at best
       * (GTK 4.8 warns).  A blank line is no line of its own. */
      if (out.plain->len > 0)
        {
          g_string_append (out.markup, n_lines < CLIPPER_FORMAT_NOTE_LINES ? CLIPPER_FORMAT_LINE_SEPARATOR : " ");
          g_string_append_c (out.plain, '\n');
        }
      n_lines++;
      if (in_fence)
        {
          g_string_append (out.markup, "<tt>");
          append_text (&out, p, -1);
          g_string_append (out.markup, "</tt>");
          continue;
        }

      /* Quote markers go; what they quote stays. */
      while (*p == '>')
        p = skip_indent (p[1] == ' ' ? p + 2 : p + 1);
      if (*p == '#')
        {
          const char *q = p;

          while (*q == '#' && q - p < 6)
            q++;
          if (*q == ' ' || *q == '\0')
            {
              heading = TRUE;
              p = q;
              while (*p == ' ')
                p++;
            }
        }
      else if ((*p == '-' || *p == '*' || *p == '+') && p[1] == ' ')
        {
          /* A list item is a bullet; a task's box goes with its marker. */
          p += 2;
          if (g_str_has_prefix (p, "[ ] ") || g_str_has_prefix (p, "[x] ") || g_str_has_prefix (p, "[X] "))
            p += 4;
          append_text (&out, "• ", -1);
        }
      end = p + strlen (p);
      if (heading)
        {
          /* "## Title ##": the closing hashes are markers too. */
          while (end > p && end[-1] == '#')
            end--;
          while (end > p && end[-1] == ' ')
            end--;
          g_string_append (out.markup, "<b>");
        }
      out.base = p;
      append_inline (&out, p, end);
      if (heading)
        g_string_append (out.markup, "</b>");
    }

  if (plain != NULL)
    *plain = g_string_free (out.plain, FALSE);
  else
    g_string_free (out.plain, TRUE);
  return g_string_free (out.markup, FALSE);
}
