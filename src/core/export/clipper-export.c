/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "clipper-export"

#include "clipper-export.h"
#include "clipper-export-private.h"
#include "clipper-store.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gunixoutputstream.h>
#include <glib/gstdio.h>

G_DEFINE_QUARK (clipper-export-error-quark, clipper_export_error)

GHashTable *
clipper_export_default_color_meanings (void)
{
  static const char *const defaults[][2] = {
    { "yellow", "Important" },
    { "green", "Idea" },
    { "blue", "Definition" },
    { "pink", "Question" },
    { "purple", "Quote" },
  };
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (gsize i = 0; i < G_N_ELEMENTS (defaults); i++)
    g_hash_table_insert (table, g_strdup (defaults[i][0]), g_strdup (defaults[i][1]));

  return table;
}

char *
clipper_export_tag_slug (const char *tag)
{
  g_autofree char *lower = NULL;
  GString *out;
  gboolean last_dash = TRUE;

  g_return_val_if_fail (tag != NULL, NULL);

  lower = g_utf8_strdown (tag, -1);
  out = g_string_new (NULL);
  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || c == '_' || c == '/')
        {
          g_string_append_unichar (out, c);
          last_dash = FALSE;
        }
      else if (!last_dash)
        {
          /* Runs of anything else become one '-', so "to do" is "to-do". */
          g_string_append_c (out, '-');
          last_dash = TRUE;
        }
    }
  while (out->len > 0 && out->str[out->len - 1] == '-')
    g_string_truncate (out, out->len - 1);
  if (out->len == 0)
    g_string_append (out, "tag");

  return g_string_free (out, FALSE);
}

gboolean
clipper_export_slug_is_tag (const char *slug)
{
  g_return_val_if_fail (slug != NULL, FALSE);

  for (const char *p = slug; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isdigit (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

char *
clipper_export_color_tag (GHashTable *meanings, const char *color)
{
  g_autoptr (GHashTable) defaults = NULL;
  g_autofree char *slug = NULL;
  const char *meaning = NULL;

  g_return_val_if_fail (color != NULL, NULL);

  if (meanings == NULL)
    meanings = defaults = clipper_export_default_color_meanings ();
  meaning = g_hash_table_lookup (meanings, color);
  if (meaning == NULL || *meaning == '\0')
    meaning = color;

  slug = clipper_export_tag_slug (meaning);
  return g_strconcat ("clipper/", slug, NULL);
}

char *
clipper_export_uuid_for_name (const char *name)
{
  /* RFC 4122 appendix C: the URL namespace. */
  static const guint8 ns_url[16] = { 0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
                                     0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8 };
  g_autoptr (GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize len = sizeof digest;

  g_return_val_if_fail (name != NULL, NULL);

  g_checksum_update (sha1, ns_url, sizeof ns_url);
  g_checksum_update (sha1, (const guchar *) name, strlen (name));
  g_checksum_get_digest (sha1, digest, &len);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

guint64
clipper_export_hash_bytes (guint64 h, const void *data, gsize len)
{
  const guchar *p = data;

  for (gsize i = 0; i < len; i++)
    {
      h ^= p[i];
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  return h;
}

guint64
clipper_export_hash_str (guint64 h, const char *str)
{
  if (str != NULL)
    h = clipper_export_hash_bytes (h, str, strlen (str));
  h ^= str != NULL ? 0x1f : 0x1e;
  return h * G_GUINT64_CONSTANT (0x100000001b3);
}

char *
clipper_export_block_id (const char *uuid)
{
  char id[9];
  int n = 8;

  /* The last eight hex digits, taken from the end. */
  id[8] = '\0';
  for (const char *p = uuid != NULL ? uuid + strlen (uuid) : NULL; p != NULL && p > uuid && n > 0;)
    {
      p--;
      if (g_ascii_isxdigit (*p))
        id[--n] = g_ascii_tolower (*p);
    }
  return g_strdup (id + n);
}

char *
clipper_export_old_block_id (const char *uuid)
{
  GString *id = g_string_new (NULL);

  for (const char *p = uuid; p != NULL && *p != '\0' && id->len < 8; p++)
    if (g_ascii_isxdigit (*p))
      g_string_append_c (id, g_ascii_tolower (*p));
  return g_string_free (id, FALSE);
}

char *
clipper_export_article_uid (ClipperArticle *article)
{
  const char *url;

  g_return_val_if_fail (CLIPPER_IS_ARTICLE (article), NULL);

  url = clipper_article_get_url (article);
  return clipper_export_uuid_for_name (url != NULL ? url : "");
}

/* Characters that mean something somewhere in CommonMark or in the
 * extensions people's Markdown tools add (tables, ==marks==, ^block-ids,
 * ~~strike~~).  Backslash-escaping any ASCII punctuation is always allowed
 * in CommonMark, so escaping a few too many is harmless. */
static gboolean
is_markdown_special (char c)
{
  return strchr ("\\`*_[]<>#|&~^", c) != NULL;
}

static void
append_escaped_line (GString *out, const char *line, gsize len)
{
  gsize start = 0, end = len;
  gsize i;

  /* CommonMark drops spaces and tabs at both ends of a paragraph line (and
   * four leading spaces make code); character references survive. */
  while (start < end && (line[start] == ' ' || line[start] == '\t'))
    {
      g_string_append (out, line[start] == ' ' ? "&#32;" : "&#9;");
      start++;
    }
  while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\t'))
    end--;

  /* Block starts that are not special characters elsewhere: list bullets,
   * setext underlines, and ordered-list numbers ("1." or "1)"). */
  if (start < end && strchr ("-+=", line[start]) != NULL)
    {
      g_string_append_c (out, '\\');
      g_string_append_c (out, line[start]);
      start++;
    }
  else
    {
      gsize d = start;

      while (d < end && g_ascii_isdigit (line[d]))
        d++;
      /* "1." or "1)" starts a list only before white space or the end:
       * "1.5" is a number. */
      if (d > start && d < end && (line[d] == '.' || line[d] == ')')
          && (d + 1 == end || line[d + 1] == ' ' || line[d + 1] == '\t'))
        {
          g_string_append_len (out, line + start, d - start);
          g_string_append_c (out, '\\');
          g_string_append_c (out, line[d]);
          start = d + 1;
        }
    }

  for (i = start; i < end; i++)
    {
      char c = line[i];

      if (is_markdown_special (c)
          || (c == '=' && ((i > 0 && line[i - 1] == '=') || (i + 1 < end && line[i + 1] == '='))))
        g_string_append_c (out, '\\');
      g_string_append_c (out, c);
    }

  for (i = end; i < len; i++)
    g_string_append (out, line[i] == ' ' ? "&#32;" : "&#9;");
}

static gboolean
line_is_blank (const char *line, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if (line[i] != ' ' && line[i] != '\t')
      return FALSE;
  return TRUE;
}

/* Where a line's block id would start: the caret of a trailing " ^" and
 * eight hex digits (trailing blanks aside), after the run of backslashes
 * before it; -1 for none.  *@n_backslashes gets that run's length. */
static gssize
block_id_guard_at (const char *line, gsize *n_backslashes)
{
  gsize len = strlen (line);
  gsize caret, start;

  while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
    len--;
  if (len < 9)
    return -1;
  caret = len - 9;
  if (line[caret] != '^')
    return -1;
  for (int i = 1; i <= 8; i++)
    if (!g_ascii_isxdigit (line[caret + i]))
      return -1;
  for (start = caret; start > 0 && line[start - 1] == '\\'; start--)
    ;
  if (start > 0 && line[start - 1] != ' ' && line[start - 1] != '\t')
    return -1;
  *n_backslashes = caret - start;
  return (gssize) start;
}

/* Whether @line, its leading backslashes aside, starts like the section's
 * structure: a quote, the body's rule, a highlight's tags line (which
 * starts with the colour's tag: the block id that once ended it is on the
 * quote now, where Obsidian's block references take the passage).
 * *@bare_ok: written without a backslash, the import still reads it as
 * the note's: a quote (between a highlight's quote and its tags line,
 * the import reads one as the note's, as Obsidian shows it), and the
 * rule inside a fenced code block (@in_code), which the import follows. */
static gboolean
structural_start (const char *line, gboolean in_code, gsize *n_backslashes, gboolean *bare_ok)
{
  const char *p = line;

  while (*p == '\\')
    p++;
  *n_backslashes = p - line;
  *bare_ok = *p == '>' || (in_code && strcmp (p, "---") == 0);
  return *p == '>' || strcmp (p, "---") == 0 || g_str_has_prefix (p, "#clipper/");
}

gsize
clipper_export_fence_open (const char *line, char *out_char)
{
  const char *p = line + strspn (line, " ");
  gsize len;

  if (p - line > 3 || (*p != '`' && *p != '~'))
    return 0;
  len = strspn (p, *p == '`' ? "`" : "~");
  if (len < 3 || (*p == '`' && strchr (p + len, '`') != NULL))
    return 0;
  *out_char = *p;
  return len;
}

gboolean
clipper_export_fence_closes (const char *line, char fence_char, gsize fence_len)
{
  const char *p = line + strspn (line, " ");
  gsize len;

  if (p - line > 3 || *p != fence_char)
    return FALSE;
  len = strspn (p, fence_char == '`' ? "`" : "~");
  return len >= fence_len && p[len + strspn (p + len, " \t\r")] == '\0';
}

/* Where the fenced code block that @lines[@i] opens closes: the index of
 * its closing fence, or 0 when it opens none or none closes it (CommonMark
 * runs such a block to the note's end, which the import cannot see). */
static guint
fence_close_of (char **lines, guint i)
{
  char fence_char;
  gsize fence_len = clipper_export_fence_open (lines[i], &fence_char);

  if (fence_len == 0)
    return 0;
  for (guint j = i + 1; lines[j] != NULL; j++)
    if (clipper_export_fence_closes (lines[j], fence_char, fence_len))
      return j;
  return 0;
}

/* Appends @line[0..@len) with one backslash more (@add) or less in each
 * "<!-- clipper" + backslashes + ":" (Clipper's section marks, which are
 * looked for anywhere in a file); less only where there is one. */
static void
append_guarding_marks (GString *out, const char *line, gsize len, gboolean add)
{
  static const char mark[] = "<!-- clipper";
  const gsize mark_len = sizeof mark - 1;
  const char *p = line, *end = line + len;
  const char *hit;

  while (p < end && (hit = g_strstr_len (p, end - p, mark)) != NULL)
    {
      const char *after = hit + mark_len;
      const char *q = after;

      while (q < end && *q == '\\')
        q++;
      g_string_append_len (out, p, after - p);
      if (q < end && *q == ':' && (add || q > after))
        {
          if (add)
            g_string_append_c (out, '\\');
          g_string_append_len (out, add ? after : after + 1, add ? q - after : q - after - 1);
          p = q;
        }
      else
        p = after;
    }
  g_string_append_len (out, p, end - p);
}

/* A note with one backslash more (@add) on each structural line, or one
 * fewer where there is one: clipper_export_note_markdown() and its
 * inverse.  @before: as written before 30 November 2026, a bare quote
 * line and a rule in code guarded too. */
static char *
guard_note (const char *text, gboolean add, gboolean before)
{
  g_auto (GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);
  GString *out = g_string_new (NULL);
  guint code_end = 0;   /* the closing fence of the code block the line is in; 0: none */

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = lines[i];
      gsize n = 0, len = strlen (line);
      gssize id_at;
      gboolean bare_ok;

      if (i > 0)
        g_string_append_c (out, '\n');
      /* A closing fence opens nothing. */
      if (code_end == 0 || i > code_end)
        code_end = fence_close_of (lines, i);
      if (len > 0 && line[len - 1] == '\r')
        line[--len] = '\0';
      /* Reading, a backslash goes wherever there is one: a line written
       * bare has none to lose, and files written before kept one on every
       * quote line and every rule in code. */
      if (structural_start (line, i < code_end, &n, &bare_ok))
        {
          if (add && (n > 0 || !bare_ok || before))
            g_string_append_c (out, '\\');
          else if (n > 0)
            {
              line++;
              len--;
            }
        }
      id_at = block_id_guard_at (line, &n);
      if (id_at >= 0 && (add || n > 0))
        {
          /* The caret's backslash run, one longer or shorter. */
          append_guarding_marks (out, line, id_at, add);
          if (add)
            g_string_append_c (out, '\\');
          append_guarding_marks (out, line + id_at + (add ? 0 : 1), len - id_at - (add ? 0 : 1), add);
        }
      else
        append_guarding_marks (out, line, len, add);
    }
  return g_string_free (out, FALSE);
}

char *
clipper_export_note_markdown (const char *note)
{
  return guard_note (note, TRUE, FALSE);
}

char *
clipper_export_note_markdown_before (const char *note)
{
  return guard_note (note, TRUE, TRUE);
}

char *
clipper_export_note_from_markdown (const char *markdown)
{
  return guard_note (markdown, FALSE, FALSE);
}

char *
clipper_export_escape_markdown (const char *text, const char *prefix_lines)
{
  GString *out = g_string_new (NULL);
  g_auto (GStrv) lines = NULL;
  g_autofree char *normalized = NULL;
  gboolean pending_break = FALSE;
  gboolean any = FALSE;

  if (text == NULL)
    return g_string_free (out, FALSE);
  if (prefix_lines == NULL)
    prefix_lines = "";

  /* One kind of line break: CRLF and lone CR become LF. */
  {
    GString *n = g_string_new (NULL);

    for (const char *p = text; *p != '\0'; p++)
      {
        if (*p == '\r')
          {
            g_string_append_c (n, '\n');
            if (p[1] == '\n')
              p++;
          }
        else
          g_string_append_c (n, *p);
      }
    normalized = g_string_free (n, FALSE);
  }

  lines = g_strsplit (normalized, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize len = strlen (lines[i]);

      if (line_is_blank (lines[i], len))
        {
          /* A blank line is a paragraph break; several make one. */
          pending_break = any;
          continue;
        }
      if (any)
        {
          g_string_append_c (out, '\n');
          if (pending_break)
            {
              g_string_append (out, prefix_lines);
              /* "> " would leave trailing whitespace on the blank line. */
              while (out->len > 0 && out->str[out->len - 1] == ' ')
                g_string_truncate (out, out->len - 1);
              g_string_append_c (out, '\n');
            }
        }
      pending_break = FALSE;
      g_string_append (out, prefix_lines);
      append_escaped_line (out, lines[i], len);
      any = TRUE;
    }

  return g_string_free (out, FALSE);
}

void
clipper_export_yaml_string (GString *out, const char *value)
{
  g_return_if_fail (out != NULL);

  g_string_append_c (out, '"');
  for (const char *p = value != NULL ? value : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Not UTF-8: YAML cannot hold it; say so visibly rather than emit
           * a file no parser accepts. */
          g_string_append (out, "\\uFFFD");
          continue;
        }
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\r': g_string_append (out, "\\r"); break;
        default:
          if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == 0x2028 || c == 0x2029
              || c == 0xfeff || c == 0xfffe || c == 0xffff || (c >= 0xd800 && c <= 0xdfff))
            g_string_append_printf (out, "\\u%04X", c);
          else
            g_string_append_unichar (out, c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

/* Text fragment parts: percent-encode all but unreserved characters; the
 * spec requires '-', ',' and '&' encoded, and '-' is unreserved, so it is
 * handled apart. */
static void
append_fragment_part (GString *out, const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '.' || *p == '_' || *p == '~')
        g_string_append_c (out, (char) *p);
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
}

/* Whitespace runs collapsed, split into words. */
static GStrv
split_words (const char *text)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  const char *p = text != NULL ? text : "";

  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > start)
        {
          g_autofree char *word = g_strndup (start, p - start);
          g_strv_builder_add (builder, word);
        }
    }

  return g_strv_builder_end (builder);
}

static char *
join_words (char **words, guint from, guint to)
{
  GString *s = g_string_new (NULL);

  for (guint i = from; i < to; i++)
    {
      if (i > from)
        g_string_append_c (s, ' ');
      g_string_append (s, words[i]);
    }
  return g_string_free (s, FALSE);
}

#define FRAGMENT_EDGE_WORDS 4
#define FRAGMENT_CONTEXT_WORDS 3

char *
clipper_export_text_fragment_url (const char *url, ClipperHighlight *highlight)
{
  GString *out;
  g_auto (GStrv) words = NULL;
  g_auto (GStrv) prefix = NULL;
  g_auto (GStrv) suffix = NULL;
  const char *hash;
  guint n, np, ns;

  g_return_val_if_fail (url != NULL, NULL);
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (highlight), NULL);

  out = g_string_new (NULL);
  hash = strchr (url, '#');
  for (const char *p = url; *p != '\0' && p != hash; p++)
    {
      if (strchr (" ()<>\\\"", *p) != NULL || (guchar) *p < 0x20)
        g_string_append_printf (out, "%%%02X", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }

  words = split_words (clipper_highlight_get_quote (highlight));
  n = g_strv_length (words);
  if (n == 0)
    return g_string_free (out, FALSE);

  g_string_append (out, "#:~:text=");

  /* The stored context is cut at a fixed length, so its outermost word is
   * probably partial; a text fragment only matches whole words. */
  prefix = split_words (clipper_highlight_get_prefix (highlight));
  np = g_strv_length (prefix);
  if (np > 1)
    {
      guint from = MAX (1, np - MIN (np, FRAGMENT_CONTEXT_WORDS));
      g_autofree char *part = join_words (prefix, from, np);

      append_fragment_part (out, part);
      g_string_append (out, "-,");
    }

  if (n <= 2 * FRAGMENT_EDGE_WORDS)
    {
      g_autofree char *all = join_words (words, 0, n);
      append_fragment_part (out, all);
    }
  else
    {
      g_autofree char *first = join_words (words, 0, FRAGMENT_EDGE_WORDS);
      g_autofree char *last = join_words (words, n - FRAGMENT_EDGE_WORDS, n);

      append_fragment_part (out, first);
      g_string_append_c (out, ',');
      append_fragment_part (out, last);
    }

  suffix = split_words (clipper_highlight_get_suffix (highlight));
  ns = g_strv_length (suffix);
  if (ns > 1)
    {
      guint to = MIN (ns - 1, FRAGMENT_CONTEXT_WORDS);
      g_autofree char *part = join_words (suffix, 0, to);

      g_string_append (out, ",-");
      append_fragment_part (out, part);
    }

  return g_string_free (out, FALSE);
}

char *
clipper_export_format_position (double position)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char *end;

  /* The reader saves a position only once it moved by a thousandth: more
   * digits would say nothing more, and be less readable. */
  position = round (CLAMP (position, 0.0, 1.0) * 1000.0) / 1000.0;
  if (position <= 0.0)
    return NULL;
  g_ascii_formatd (buf, sizeof buf, "%.3f", position);
  end = buf + strlen (buf);
  while (end[-1] == '0')
    *--end = '\0';
  if (end[-1] == '.')
    end[-1] = '\0';
  return g_strdup (buf);
}

gboolean
clipper_export_parse_position (const char *str, double *out_position)
{
  char *end = NULL;
  double value;

  if (str == NULL || *str == '\0')
    return FALSE;
  value = g_ascii_strtod (str, &end);
  if (end == str || *end != '\0' || !(value >= 0.0 && value <= 1.0))
    return FALSE;
  *out_position = value;
  return TRUE;
}

char *
clipper_export_format_time (gint64 unix_time)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);

  if (dt == NULL)
    return g_strdup ("1970-01-01T00:00:00Z");
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

gint64
clipper_export_parse_time (const char *str)
{
  g_autoptr (GTimeZone) utc = NULL;
  g_autoptr (GDateTime) dt = NULL;

  if (str == NULL || *str == '\0')
    return 0;

  utc = g_time_zone_new_utc ();
  dt = g_date_time_new_from_iso8601 (str, utc);
  if (dt == NULL)
    return 0;
  return g_date_time_to_unix (dt);
}

ClipperExportOptions *
clipper_export_options_new (void)
{
  return g_new0 (ClipperExportOptions, 1);
}

ClipperExportOptions *
clipper_export_options_copy (const ClipperExportOptions *options)
{
  ClipperExportOptions *copy = clipper_export_options_new ();

  if (options == NULL)
    return copy;

  if (options->ids != NULL)
    {
      copy->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), options->ids->len);
      g_array_append_vals (copy->ids, options->ids->data, options->ids->len);
    }
  copy->tag = g_strdup (options->tag);
  if (options->color_meanings != NULL)
    copy->color_meanings = g_hash_table_ref (options->color_meanings);
  copy->include_body = options->include_body;
  copy->template_text = g_strdup (options->template_text);
  copy->prune = options->prune;
  copy->copies_said = g_strdupv (options->copies_said);
  return copy;
}

void
clipper_export_options_free (ClipperExportOptions *options)
{
  if (options == NULL)
    return;
  g_clear_pointer (&options->ids, g_array_unref);
  g_free (options->tag);
  g_clear_pointer (&options->color_meanings, g_hash_table_unref);
  g_free (options->template_text);
  g_strfreev (options->copies_said);
  g_free (options);
}

struct _ClipperProgressRelay {
  ClipperProgressFunc  func;
  gpointer             data;
  GDestroyNotify       destroy;
  GMainContext        *context;
  gint64               last_us;   /* touched by the worker thread only */
};

static void
relay_clear (gpointer mem)
{
  ClipperProgressRelay *relay = mem;

  if (relay->destroy != NULL)
    relay->destroy (relay->data);
  g_main_context_unref (relay->context);
}

ClipperProgressRelay *
clipper_progress_relay_new (ClipperProgressFunc func, gpointer data, GDestroyNotify destroy)
{
  ClipperProgressRelay *relay;

  /* No callback: nothing to relay, but the caller's data is still ours to drop. */
  if (func == NULL)
    {
      if (destroy != NULL)
        destroy (data);
      return NULL;
    }

  relay = g_atomic_rc_box_new0 (ClipperProgressRelay);

  relay->func = func;
  relay->data = data;
  relay->destroy = destroy;
  relay->context = g_main_context_ref_thread_default ();
  return relay;
}

ClipperProgressRelay *
clipper_progress_relay_ref (ClipperProgressRelay *relay)
{
  return g_atomic_rc_box_acquire (relay);
}

void
clipper_progress_relay_unref (ClipperProgressRelay *relay)
{
  g_atomic_rc_box_release_full (relay, relay_clear);
}

typedef struct {
  ClipperProgressRelay *relay;
  guint64               done;
  guint64               total;
} ProgressReport;

static void
progress_report_free (gpointer data)
{
  ProgressReport *report = data;

  clipper_progress_relay_unref (report->relay);
  g_free (report);
}

static gboolean
deliver_progress (gpointer data)
{
  ProgressReport *report = data;

  report->relay->func (report->done, report->total, report->relay->data);
  return G_SOURCE_REMOVE;
}

void
clipper_progress_relay_report (guint64 done, guint64 total, gpointer user_data)
{
  ClipperProgressRelay *relay = user_data;
  ProgressReport *report;
  gint64 now;

  if (relay == NULL || relay->func == NULL)
    return;

  now = g_get_monotonic_time ();
  if (now - relay->last_us < 100 * 1000 && done != total)
    return;
  relay->last_us = now;

  report = g_new0 (ProgressReport, 1);
  report->relay = clipper_progress_relay_ref (relay);
  report->done = done;
  report->total = total;
  g_main_context_invoke_full (relay->context, G_PRIORITY_DEFAULT, deliver_progress, report,
                              progress_report_free);
}

/* The last place @part stands in @text as a paragraph of its own (@text
 * whole, or between blank-line breaks), or NULL.  Only a whole paragraph
 * is taken for the other library's: the same words inside a sentence of
 * this library's user are theirs. */
static const char *
find_part (const char *text, const char *part)
{
  gsize len = strlen (part);
  const char *found = NULL;

  if (len == 0)
    return NULL;
  for (const char *p = strstr (text, part); p != NULL; p = strstr (p + 1, part))
    {
      gboolean starts = p == text || (p - text >= 2 && p[-1] == '\n' && p[-2] == '\n');
      gboolean ends = p[len] == '\0' || (p[len] == '\n' && p[len + 1] == '\n');

      if (starts && ends)
        found = p;
    }
  return found;
}

/* @text with the paragraph at @at (@len bytes) replaced by @with, or
 * taken out with its blank line when @with is NULL; NULL when nothing is
 * left. */
static char *
splice_part (const char *text, const char *at, gsize len, const char *with)
{
  gsize before = at - text;
  const char *after = at + len;
  GString *out;

  if (with == NULL)
    {
      if (before >= 2)
        before -= 2;
      else if (*after != '\0')
        after += 2;
    }
  out = g_string_new_len (text, before);
  if (with != NULL)
    g_string_append (out, with);
  g_string_append (out, after);
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

/* @note less the paragraphs that are @kept's own: its note less the
 * parts @parts say other libraries added.  Another library that imported
 * this one's vault holds this library's note in its own, above what its
 * user wrote; taken in again, it would come back here below itself, one
 * more copy at each round between the two computers. */
static char *
strip_own (const char *note, const char *mine, GHashTable *parts)
{
  g_autofree char *own = g_strdup (mine);
  GHashTableIter iter;
  gpointer text;
  const char *at;

  if (parts != NULL)
    {
      g_hash_table_iter_init (&iter, parts);
      while (own != NULL && g_hash_table_iter_next (&iter, NULL, &text))
        if ((at = find_part (own, text)) != NULL)
          {
            char *less = splice_part (own, at, strlen (text), NULL);

            g_free (own);
            own = less;
          }
    }
  if (own == NULL || (at = find_part (note, own)) == NULL)
    return g_strdup (note);
  return splice_part (note, at, strlen (own), NULL);
}

/* The note merge of clipper_merge_same_passage(): @note, the other's as
 * taken in, with @last, its part before. */
static ClipperMergeNote
merge_note (ClipperHighlight *kept, const char *note, const char *last)
{
  const char *mine = clipper_highlight_get_note (kept);
  const char *at;

  if (last != NULL && g_strcmp0 (note, last) == 0)
    return CLIPPER_MERGE_NOTE_SAME;

  at = last != NULL && mine != NULL ? find_part (mine, last) : NULL;
  if (at != NULL)
    {
      g_autofree char *spliced = splice_part (mine, at, strlen (last), note);

      clipper_highlight_set_note (kept, spliced);
      return note != NULL ? CLIPPER_MERGE_NOTE_REPLACED : CLIPPER_MERGE_NOTE_REMOVED;
    }
  if (note == NULL || (mine != NULL && strstr (mine, note) != NULL))
    return CLIPPER_MERGE_NOTE_SAME;
  if (mine == NULL)
    {
      clipper_highlight_set_note (kept, note);
      return CLIPPER_MERGE_NOTE_ADDED;
    }
  {
    g_autofree char *both = g_strconcat (mine, "\n\n", note, NULL);

    clipper_highlight_set_note (kept, both);
  }
  return last != NULL ? CLIPPER_MERGE_NOTE_KEPT_BOTH : CLIPPER_MERGE_NOTE_ADDED;
}

void
clipper_merge_result_clear (ClipperMergeResult *result)
{
  g_clear_pointer (&result->part, g_free);
}

gboolean
clipper_merge_same_passage (ClipperHighlight   *kept,
                            const char         *note,
                            const char         *source,
                            GHashTable         *parts,
                            const char *const  *tags,
                            ClipperMergeResult *out)
{
  const char *mine = clipper_highlight_get_note (kept);
  const char *const *kept_tags = clipper_highlight_get_tags (kept);
  g_autoptr (GStrvBuilder) all = g_strv_builder_new ();
  g_auto (GStrv) names = NULL;

  memset (out, 0, sizeof *out);
  if (mine != NULL && *mine == '\0')
    mine = NULL;
  if (note != NULL && *note != '\0')
    out->part = mine != NULL ? strip_own (note, mine, parts) : g_strdup (note);
  if (out->part != NULL && *out->part == '\0')
    g_clear_pointer (&out->part, g_free);
  out->last = source != NULL && parts != NULL ? g_hash_table_lookup (parts, source) : NULL;
  out->note = merge_note (kept, out->part, out->last);
  /* A note already holding the other's words the first time holds them
   * as its own (typed here, or merged before schema version 9 recorded
   * parts): recording them would let the other library's next version
   * replace them, or its emptied note take them out. */
  out->record = source != NULL && g_strcmp0 (out->part, out->last) != 0 &&
                (out->note != CLIPPER_MERGE_NOTE_SAME || out->last != NULL);
  out->tags = FALSE;

  for (guint i = 0; kept_tags != NULL && kept_tags[i] != NULL; i++)
    g_strv_builder_add (all, kept_tags[i]);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *key = clipper_tag_key (tags[i]);
      gboolean have = FALSE;

      for (guint j = 0; !have && kept_tags != NULL && kept_tags[j] != NULL; j++)
        {
          g_autofree char *other = clipper_tag_key (kept_tags[j]);

          have = g_str_equal (key, other);
        }
      if (!have)
        {
          g_strv_builder_add (all, tags[i]);
          out->tags = TRUE;
        }
    }
  if (out->tags)
    {
      names = g_strv_builder_end (all);
      clipper_highlight_set_tags (kept, (const char *const *) names);
    }
  return out->note != CLIPPER_MERGE_NOTE_SAME || out->tags;
}

/* ------------------------------------------------------------------ */
/* Files written whole or not at all                                   */

struct _ClipperReplace {
  char          *path;
  char          *tmp;
  GOutputStream *stream;
  int            fd;
  gboolean       existed;
  gboolean       done;
};

static void
set_errno_error (GError **error, int saved)
{
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
}

/* The file a write to @path lands in: @path, or what the symbolic link
 * @path names (links to links followed, a relative one from the link's
 * folder).  A user who links a backup file elsewhere expects the link's
 * target written, as GNOME Text Editor (GtkSourceFile) writes it; renamed
 * over, the link became a regular file and the target stayed as it was.
 * A link that names no file yet names the file to make.  Past 40 links
 * (a loop), @path itself, for the rename to replace. */
static char *
dup_link_target (const char *path)
{
  g_autofree char *current = g_strdup (path);

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *target = NULL;
      g_autofree char *dir = NULL;

      if (!g_file_test (current, G_FILE_TEST_IS_SYMLINK))
        return g_steal_pointer (&current);
      target = g_file_read_link (current, NULL);
      if (target == NULL)
        return g_steal_pointer (&current);
      if (g_path_is_absolute (target))
        {
          g_free (current);
          current = g_steal_pointer (&target);
          continue;
        }
      dir = g_path_get_dirname (current);
      g_free (current);
      current = g_build_filename (dir, target, NULL);
    }
  return g_strdup (path);
}

ClipperReplace *
clipper_replace_new (const char *path, gsize buffer, ClipperReplaceFlags flags, GError **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *written = NULL;
  GOutputStream *raw;
  ClipperReplace *self;
  GStatBuf st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  if (flags & CLIPPER_REPLACE_FOLLOW_LINK)
    path = written = dup_link_target (path);
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      set_errno_error (error, errno);
      return NULL;
    }
  self = g_new0 (ClipperReplace, 1);
  /* An older file keeps its permissions (a backup made private stays so). */
  if (g_stat (path, &st) == 0)
    {
      self->existed = TRUE;
      if (fchmod (fd, st.st_mode & 07777) != 0)
        g_debug ("Cannot keep the permissions of '%s': %s", path, g_strerror (errno));
    }
  self->path = g_strdup (path);
  self->tmp = g_steal_pointer (&tmp);
  self->fd = fd;
  raw = g_unix_output_stream_new (fd, TRUE);
  if (buffer > 0)
    {
      self->stream = g_buffered_output_stream_new_sized (raw, buffer);
      g_object_unref (raw);
    }
  else
    self->stream = raw;
  return self;
}

GOutputStream *
clipper_replace_stream (ClipperReplace *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->stream;
}

gboolean
clipper_replace_commit (ClipperReplace *self, GError **error)
{
  g_return_val_if_fail (self != NULL && !self->done, FALSE);

  if (!g_output_stream_flush (self->stream, NULL, error))
    return FALSE;
  /* Replacing a file, its new contents are on the disk before the rename
   * (as g_file_set_contents() does): a crash leaves the old or the new. */
  if (self->existed && fsync (self->fd) != 0)
    {
      set_errno_error (error, errno);
      return FALSE;
    }
  if (!g_output_stream_close (self->stream, NULL, error))
    return FALSE;
  if (g_rename (self->tmp, self->path) != 0)
    {
      set_errno_error (error, errno);
      return FALSE;
    }
  self->done = TRUE;
  return TRUE;
}

void
clipper_replace_free (ClipperReplace *self)
{
  if (self == NULL)
    return;
  if (!self->done)
    {
      g_autoptr (GCancellable) abandon = g_cancellable_new ();

      /* Closed at once, the buffer not written out. */
      g_cancellable_cancel (abandon);
      g_output_stream_close (self->stream, abandon, NULL);
      if (g_unlink (self->tmp) != 0)
        g_debug ("Cannot delete '%s': %s", self->tmp, g_strerror (errno));
    }
  g_object_unref (self->stream);
  g_free (self->path);
  g_free (self->tmp);
  g_free (self);
}

gboolean
clipper_replace_contents (const char          *path,
                          const char          *contents,
                          gssize               length,
                          ClipperReplaceFlags  flags,
                          GError             **error)
{
  g_autoptr (ClipperReplace) self = NULL;
  gsize left = length < 0 ? strlen (contents) : (gsize) length;

  self = clipper_replace_new (path, 0, flags, error);
  if (self == NULL)
    return FALSE;
  while (left > 0)
    {
      gssize n = write (self->fd, contents, left);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_errno_error (error, errno);
          return FALSE;
        }
      contents += n;
      left -= (gsize) n;
    }
  return clipper_replace_commit (self, error);
}

/* ------------------------------------------------------------------ */
/* JSON that cannot be read                                            */

/* Whether @data ends inside a string, an object or an array, and the
 * number of its last line that holds more than blanks. */
static gboolean
json_ends_inside (const char *data, gsize length, guint *out_last_line)
{
  guint depth = 0, line = 1, last_line = 1;
  gboolean in_string = FALSE, escape = FALSE;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (c == '\n')
        line++;
      else if (!g_ascii_isspace (c))
        last_line = line;
      if (in_string)
        {
          if (escape)
            escape = FALSE;
          else if (c == '\\')
            escape = TRUE;
          else if (c == '"' || c == '\n')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if ((c == '}' || c == ']') && depth > 0)
        depth--;
    }
  *out_last_line = last_line;
  return in_string || depth > 0;
}

char *
clipper_export_json_problem (const char *data, gsize length, const GError *parse_error)
{
  const char *message;
  const char *p;
  char *end;
  guint64 line = 0, column = 0;
  guint last_line = 0;
  g_autofree char *why = NULL;

  g_return_val_if_fail (parse_error != NULL, NULL);

  /* (The parser quotes what it stopped at, cut inside a character at
   * times.) */
  message = parse_error->message;
  p = message;
  if (g_str_has_prefix (p, "<data>:"))
    {
      line = g_ascii_strtoull (p + 7, &end, 10);
      if (*end == ':')
        column = g_ascii_strtoull (end + 1, &end, 10);
      p = *end == ':' ? end + 1 : message;
      while (*p == ' ')
        p++;
    }
  if (g_str_has_prefix (p, "Parse error: "))
    p += strlen ("Parse error: ");
  if (g_str_has_prefix (p, "scanner: "))
    p += strlen ("scanner: ");
  /* Where the parser stopped is where a file cut short ends, whatever it
   * expected there ("unexpected character `{', expected string constant"
   * of '{"broken'). */
  if (json_ends_inside (data, length, &last_line) && (line == 0 || line >= last_line))
    return g_strdup_printf ("the file ends in the middle (cut short?), at line %u", last_line);
  why = g_utf8_make_valid (p, -1);
  if (line > 0 && column > 0)
    return g_strdup_printf ("line %" G_GUINT64_FORMAT ", column %" G_GUINT64_FORMAT ": %s", line, column, why);
  if (line > 0)
    return g_strdup_printf ("line %" G_GUINT64_FORMAT ": %s", line, why);
  return g_steal_pointer (&why);
}
