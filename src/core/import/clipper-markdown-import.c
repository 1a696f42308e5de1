/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "clipper-import"

#include "clipper-markdown-import.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "clipper-anchor.h"
#include "clipper-export-private.h"
#include "clipper-kindle.h"
#include "clipper-markdown.h"

/* Bigger than any notes file a person writes; keeps a wrong file (a video
 * renamed .md) from being read whole. */
#define MAX_MARKDOWN_BYTES ((gsize) 64 * 1024 * 1024)

/* ------------------------------------------------------------------ */
/* Unescaping: the reverse of clipper_export_escape_markdown()         */

/* One line of escaped text back to text: the exporter's backslash before
 * ASCII punctuation and its character references for edge white space.
 * Anything else stays as the user typed it: `*this*` is `*this*`. */
static void
unescape_line (GString *out, const char *line)
{
  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0' && g_ascii_ispunct (p[1]))
        {
          g_string_append_c (out, p[1]);
          p++;
        }
      else if (*p == '&' && strncmp (p, "&#32;", 5) == 0)
        {
          g_string_append_c (out, ' ');
          p += 4;
        }
      else if (*p == '&' && strncmp (p, "&#9;", 4) == 0)
        {
          g_string_append_c (out, '\t');
          p += 3;
        }
      else
        g_string_append_c (out, *p);
    }
}

/* @md (lines joined by '\n', block quote markers already removed) as text. */
static char *
unescape_markdown (const char *md)
{
  g_auto (GStrv) lines = g_strsplit (md, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, '\n');
      unescape_line (out, lines[i]);
    }
  return g_string_free (out, FALSE);
}

/* The block quote's lines without their "> " (or ">") markers. */
static char *
strip_quote_markers (const char *block)
{
  g_auto (GStrv) lines = g_strsplit (block, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *l = lines[i];

      if (*l == '>')
        l++;
      if (*l == ' ')
        l++;
      if (i > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, l);
    }
  return g_string_free (out, FALSE);
}

/* The code of a quote's lines @stripped (strip_quote_markers()) that are
 * a fenced code block, as the export writes a quote of code: its lines as
 * they are, between an opening fence (three backticks or more, and the
 * language) and a closing one, after which only blank lines (the one the
 * block id was on).  NULL when they are not. */
static char *
fenced_code (const char *stripped)
{
  g_auto (GStrv) lines = g_strsplit (stripped, "\n", -1);
  guint n = g_strv_length (lines);
  gsize fence;
  guint close;

  /* A quote whose words were all deleted in the file has no line. */
  if (n == 0)
    return NULL;
  fence = strspn (lines[0], "`");
  if (fence < 3 || strchr (lines[0] + fence, '`') != NULL)
    return NULL;
  close = n;
  while (close > 1 && lines[close - 1][strspn (lines[close - 1], " \t")] == '\0')
    close--;
  if (close < 2 || strspn (lines[close - 1], "`") < fence || lines[close - 1][strspn (lines[close - 1], "`")] != '\0')
    return NULL;
  close--;
  {
    GString *code = g_string_new (NULL);

    /* The lines between the fences; those after the closing one are
     * freed with the rest. */
    for (guint i = 1; i < close; i++)
      {
        if (i > 1)
          g_string_append_c (code, '\n');
        g_string_append (code, lines[i]);
      }
    return g_string_free (code, FALSE);
  }
}

/* The text a quote's lines in a file (@md, markers included) say: code
 * as it is when they are a fenced code block, else unescaped, its
 * paragraphs (split by empty quote lines, as the export writes a quote of
 * more than one) a line each, as the article's text has them. */
static char *
quote_text (const char *md)
{
  g_autofree char *stripped = strip_quote_markers (md);
  char *code = fenced_code (stripped);
  g_autoptr (GString) joined = NULL;
  g_auto (GStrv) lines = NULL;

  if (code != NULL)
    return code;
  lines = g_strsplit (stripped, "\n", -1);
  joined = g_string_new (NULL);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (lines[i][0] == '\0')
        continue;
      if (joined->len > 0)
        g_string_append_c (joined, '\n');
      g_string_append (joined, lines[i]);
    }
  return unescape_markdown (joined->str);
}

/* ------------------------------------------------------------------ */
/* Front matter                                                        */

typedef struct {
  char      *title;
  char      *author;
  char      *site;
  char      *url;
  char      *published;
  char      *saved;
  char      *clipper_id;
  char      *library;   /* clipper-library: the library that wrote the file; NULL in files
                         * from before */
  char      *notes;     /* "markdown": notes as Markdown (clipper_export_note_markdown());
                         * otherwise escaped as text */
  GPtrArray *tags;      /* element-type utf8 */
  gboolean   has_tags;  /* a key "tags" is there (Clipper always writes one) */
  GPtrArray *tag_names; /* clipper-tags: the exact names of tags' slugs; NULL without */
  GHashTable *highlight_tag_names; /* clipper-highlight-tags: block id → GPtrArray of
                                    * names; NULL without */
  GPtrArray *bad_tag_names; /* its entries that are not "block-id name", for a notice */
  gboolean   starred;   /* starred: true */
  gboolean   read;      /* read: true */
  gboolean   archived;  /* archived: true */
  double     position;  /* clipper-position; 0 without */
  gboolean   has_state; /* any of those four keys is there with a value it can have */
  GPtrArray *bad_state; /* those with one it cannot: "starred: \"maybe\"", for a notice */
  guint      bad_fields; /* …and the fields they leave unknown: BAD_STAR | BAD_STATE | BAD_POSITION */
} FrontMatter;

enum {
  BAD_STAR = 1 << 0,
  BAD_STATE = 1 << 1,
  BAD_POSITION = 1 << 2,
};

static void
front_matter_free (FrontMatter *fm)
{
  g_free (fm->title);
  g_free (fm->author);
  g_free (fm->site);
  g_free (fm->url);
  g_free (fm->published);
  g_free (fm->saved);
  g_free (fm->clipper_id);
  g_free (fm->library);
  g_free (fm->notes);
  g_clear_pointer (&fm->tags, g_ptr_array_unref);
  g_clear_pointer (&fm->tag_names, g_ptr_array_unref);
  g_clear_pointer (&fm->highlight_tag_names, g_hash_table_unref);
  g_clear_pointer (&fm->bad_tag_names, g_ptr_array_unref);
  g_clear_pointer (&fm->bad_state, g_ptr_array_unref);
  g_free (fm);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FrontMatter, front_matter_free)

static int
hex_value (char c)
{
  return g_ascii_xdigit_value (c);
}

/* A YAML double-quoted scalar starting after its opening quote; *@p is
 * left after the closing quote.  NULL when it does not close or holds an
 * escape YAML does not have. */
static char *
parse_double_quoted (const char **p)
{
  GString *out = g_string_new (NULL);
  const char *s = *p;

  while (*s != '\0' && *s != '"')
    {
      if (*s != '\\')
        {
          g_string_append_c (out, *s++);
          continue;
        }
      s++;
      switch (*s)
        {
        case '"': g_string_append_c (out, '"'); break;
        case '\\': g_string_append_c (out, '\\'); break;
        case '/': g_string_append_c (out, '/'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 't': case '\t': g_string_append_c (out, '\t'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case '0': g_string_append_c (out, '\0'); break;
        case 'a': g_string_append_c (out, '\a'); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'e': g_string_append_c (out, '\x1b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'v': g_string_append_c (out, '\v'); break;
        case ' ': g_string_append_c (out, ' '); break;
        case 'N': g_string_append_unichar (out, 0x85); break;
        case '_': g_string_append_unichar (out, 0xa0); break;
        case 'L': g_string_append_unichar (out, 0x2028); break;
        case 'P': g_string_append_unichar (out, 0x2029); break;
        case 'x': case 'u': case 'U':
          {
            int digits = *s == 'x' ? 2 : *s == 'u' ? 4 : 8;
            gunichar c = 0;

            for (int i = 1; i <= digits; i++)
              {
                if (hex_value (s[i]) < 0)
                  goto bad;
                c = c * 16 + (gunichar) hex_value (s[i]);
              }
            if (!g_unichar_validate (c))
              goto bad;
            g_string_append_unichar (out, c);
            s += digits;
          }
          break;
        default:
          goto bad;
        }
      s++;
    }
  if (*s != '"')
    goto bad;
  *p = s + 1;
  /* "\0" cannot be held by a C string: refuse rather than cut. */
  if (strlen (out->str) != out->len)
    goto bad;
  return g_string_free (out, FALSE);

bad:
  g_string_free (out, TRUE);
  return NULL;
}

/* A single-quoted scalar ('' is a quote), after its opening quote. */
static char *
parse_single_quoted (const char **p)
{
  GString *out = g_string_new (NULL);
  const char *s = *p;

  for (;;)
    {
      if (*s == '\0')
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      if (*s == '\'')
        {
          if (s[1] != '\'')
            break;
          s++;
        }
      g_string_append_c (out, *s++);
    }
  *p = s + 1;
  return g_string_free (out, FALSE);
}

/* A scalar as a person may have retyped it: quoted either way or plain
 * (a plain one ends at " #", a comment, or at @stops). */
static char *
parse_scalar (const char **p, const char *stops, gboolean *ok)
{
  const char *s = *p;
  const char *start;
  char *value;

  while (*s == ' ' || *s == '\t')
    s++;
  if (*s == '"' || *s == '\'')
    {
      s++;
      value = s[-1] == '"' ? parse_double_quoted (&s) : parse_single_quoted (&s);
      if (value == NULL)
        *ok = FALSE;
      *p = s;
      return value;
    }
  start = s;
  while (*s != '\0' && strchr (stops, *s) == NULL && !(*s == '#' && s > start && (s[-1] == ' ' || s[-1] == '\t')))
    s++;
  value = g_strstrip (g_strndup (start, s - start));
  *p = s;
  return value;
}

char *
clipper_markdown_yaml_scalar (const char **p, const char *stops, gboolean *ok)
{
  return parse_scalar (p, stops, ok);
}

/* One of the keys of the article's state (starred, read, archived:
 * booleans as YAML writes them, quoted or not; clipper-position: a number
 * from 0 to 1).  A value it cannot have is kept in @fm->bad_state, for a
 * notice: the file is read all the same, that key as if it were not
 * there.  FALSE only when the value is not YAML at all. */
static gboolean
parse_state_key (FrontMatter *fm, const char *key, const char *value)
{
  static const char *const yes[] = { "true", "True", "TRUE", NULL };
  static const char *const no[] = { "false", "False", "FALSE", NULL };
  gboolean ok = TRUE;
  g_autofree char *scalar = parse_scalar (&value, "", &ok);
  gboolean flag;

  if (!ok)
    return FALSE;
  /* (An emptied property of Obsidian's.) */
  if (*scalar == '\0')
    return TRUE;
  if (g_str_equal (key, "clipper-position"))
    {
      if (clipper_export_parse_position (scalar, &fm->position))
        {
          fm->has_state = TRUE;
          return TRUE;
        }
    }
  else if (g_strv_contains (yes, scalar) || g_strv_contains (no, scalar))
    {
      flag = g_strv_contains (yes, scalar);
      if (g_str_equal (key, "starred"))
        fm->starred = flag;
      else if (g_str_equal (key, "read"))
        fm->read = flag;
      else
        fm->archived = flag;
      fm->has_state = TRUE;
      return TRUE;
    }
  fm->bad_fields |= g_str_equal (key, "clipper-position") ? BAD_POSITION
                    : g_str_equal (key, "starred")       ? BAD_STAR
                                                         : BAD_STATE;
  if (fm->bad_state == NULL)
    fm->bad_state = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (fm->bad_state, g_strdup_printf ("%s: \"%s\"", key, scalar));
  return TRUE;
}

void
clipper_yaml_item_free (gpointer data)
{
  ClipperYamlItem *item = data;

  g_free (item->value);
  g_free (item->raw);
  g_free (item->indent);
  g_free (item);
}

/* Whether @p, just after a token, holds nothing more on its line than
 * blanks and a comment (whose "#" YAML takes only after a blank: @p[-1]
 * is read); a comment sets *@bare FALSE. */
static gboolean
ends_line (const char *p, gboolean *bare)
{
  const char *s = p;

  while (*s == ' ' || *s == '\t')
    s++;
  if (*s == '#' && (s[-1] == ' ' || s[-1] == '\t'))
    {
      *bare = FALSE;
      return TRUE;
    }
  return *s == '\0';
}

/* The item at *@p (left after it), @indent (may be NULL) its dash's. */
static ClipperYamlItem *
read_item (const char **p, const char *stops, char *indent)
{
  const char *start = *p;
  gboolean ok = TRUE;
  ClipperYamlItem *item = g_new0 (ClipperYamlItem, 1);

  item->indent = indent;
  item->value = parse_scalar (p, stops, &ok);
  item->raw = g_strstrip (g_strndup (start, *p - start));
  if (!ok)
    {
      clipper_yaml_item_free (item);
      return NULL;
    }
  return item;
}

GPtrArray *
clipper_markdown_yaml_list (const char *value, const char *const *more, ClipperYamlListForm *out_form,
                            gboolean *out_bare)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (clipper_yaml_item_free);
  ClipperYamlListForm form = CLIPPER_YAML_LIST_BLOCK;
  gboolean bare = TRUE;
  const char *p = value;

  g_return_val_if_fail (value != NULL, NULL);

  while (*p == ' ' || *p == '\t')
    p++;
  if (*p == '[')
    {
      form = CLIPPER_YAML_LIST_FLOW;
      p++;
      while (*p == ' ' || *p == '\t')
        p++;
      while (*p != ']')
        {
          ClipperYamlItem *item = read_item (&p, ",]", NULL);

          if (item == NULL)
            return NULL;
          g_ptr_array_add (items, item);
          while (*p == ' ' || *p == '\t')
            p++;
          if (*p == ',')
            p++;
          else if (*p != ']')
            return NULL;
          while (*p == ' ' || *p == '\t')
            p++;
        }
      if (!ends_line (p + 1, &bare))
        return NULL;
    }
  else if (!ends_line (p, &bare))
    {
      ClipperYamlItem *item = read_item (&p, "", NULL);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
      form = CLIPPER_YAML_LIST_SCALAR;
      if (!ends_line (p, &bare))
        return NULL;
    }

  for (guint i = 0; more != NULL && more[i] != NULL; i++)
    {
      const char *l = more[i];
      ClipperYamlItem *item;
      char *indent;

      while (*l == ' ' || *l == '\t')
        l++;
      if (*l == '\0')
        continue;
      if (*l == '#')
        {
          bare = FALSE;
          continue;
        }
      /* Below a value or a flow list, or in a block list, a line that is
       * no item ("-c", no blank after the dash, is text to YAML) is YAML's
       * text over several lines or no YAML: not taken apart.  Neither is
       * an item further in or out than the first, which YAML reads as the
       * text of the one above or as no YAML. */
      if (form != CLIPPER_YAML_LIST_BLOCK || *l != '-' || (l[1] != '\0' && l[1] != ' ' && l[1] != '\t')
          || (items->len > 0
              && strlen (((ClipperYamlItem *) g_ptr_array_index (items, 0))->indent) != (gsize) (l - more[i])))
        return NULL;
      indent = g_strndup (more[i], l - more[i]);
      l++;
      if (ends_line (l, &bare))
        {
          /* "  -" alone, as Obsidian leaves a value cleared: an empty
           * item (null to YAML). */
          item = g_new0 (ClipperYamlItem, 1);
          item->value = g_strdup ("");
          item->raw = g_strdup ("");
          item->indent = indent;
          g_ptr_array_add (items, item);
          continue;
        }
      item = read_item (&l, "", indent);
      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, item);
      if (!ends_line (l, &bare))
        return NULL;
    }
  if (out_form != NULL)
    *out_form = form;
  if (out_bare != NULL)
    *out_bare = bare;
  return g_steal_pointer (&items);
}

/* Whether a value (after its key's colon, or a list item's raw text) is
 * a YAML anchor ("&t …") or alias ("*t"): not the text it reads as. */
static gboolean
is_yaml_reference (const char *value)
{
  while (*value == ' ' || *value == '\t')
    value++;
  return (*value == '&' || *value == '*') && value[1] != '\0' && !g_ascii_isspace (value[1]);
}

/* The article's tags or the names of clipper-tags or clipper-highlight-tags
 * (an empty item is none) into @tags; FALSE when they cannot be read (an
 * alias among them too). */
static gboolean
parse_tags (const char *value, const char *const *more, GPtrArray *tags)
{
  g_autoptr (GPtrArray) items = clipper_markdown_yaml_list (value, more, NULL, NULL);

  if (items == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      ClipperYamlItem *item = g_ptr_array_index (items, i);

      if (is_yaml_reference (item->raw))
        return FALSE;
      if (*item->value != '\0')
        g_ptr_array_add (tags, g_strdup (item->value));
    }
  return TRUE;
}

/* The lines below a key that belong to it, up to the next key: a block
 * sequence's "- a", comments (YAML's list goes on below one) and what
 * no key owns, as the export's merge takes them. */
static GStrv
nested_lines (GPtrArray *lines, guint i)
{
  g_autoptr (GStrvBuilder) nested = g_strv_builder_new ();

  for (guint j = i + 1; j + 1 < lines->len; j++)
    {
      const char *l = g_ptr_array_index (lines, j);

      if (l[0] != '\0' && !g_ascii_isspace (l[0]) && l[0] != '-' && l[0] != '#' && strchr (l, ':') != NULL)
        break;
      g_strv_builder_add (nested, l);
    }
  return g_strv_builder_end (nested);
}

/* clipper-highlight-tags' entries, "0a1b2c3d to do", by block id; one
 * that is not that goes to @fm->bad_tag_names (the tags line's slug then
 * names that tag, as in files written before the key). */
static void
index_highlight_tag_names (FrontMatter *fm, GPtrArray *entries)
{
  fm->highlight_tag_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < entries->len; i++)
    {
      const char *entry = g_ptr_array_index (entries, i);
      g_autofree char *block_id = NULL;
      GPtrArray *names;
      gboolean hex = strlen (entry) > 9 && entry[8] == ' ';

      for (int j = 0; hex && j < 8; j++)
        hex = g_ascii_isxdigit (entry[j]);
      if (!hex)
        {
          if (fm->bad_tag_names == NULL)
            fm->bad_tag_names = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (fm->bad_tag_names, g_strdup (entry));
          continue;
        }
      block_id = g_ascii_strdown (entry, 8);
      names = g_hash_table_lookup (fm->highlight_tag_names, block_id);
      if (names == NULL)
        {
          names = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (fm->highlight_tag_names, g_steal_pointer (&block_id), names);
        }
      g_ptr_array_add (names, g_strdup (entry + 9));
    }
}

/* The export writes a tag Obsidian takes for none ("2024": digits alone)
 * in clipper-tags only, not in tags:: it is one of the article's tags
 * with the others (removed from clipper-tags in Obsidian, it is removed). */
static void
add_untaggable_names (FrontMatter *fm)
{
  for (guint i = 0; fm->has_tags && fm->tag_names != NULL && i < fm->tag_names->len; i++)
    {
      const char *name = g_ptr_array_index (fm->tag_names, i);
      g_autofree char *slug = clipper_export_tag_slug (name);

      if (!clipper_export_slug_is_tag (slug))
        g_ptr_array_add (fm->tags, g_strdup (name));
    }
}

typedef enum {
  FRONT_OK,
  FRONT_NOT_CLIPPER,  /* no front matter or no clipper-id: someone else's file */
  FRONT_BROKEN,
} FrontStatus;

/* Reads the keys Clipper writes; the others are the user's and ignored.
 * *@out_body points after the front matter. */
static FrontStatus
parse_front_matter (const char *text, const char **out_body, FrontMatter **out_fm, char **out_problem)
{
  g_autoptr (FrontMatter) fm = g_new0 (FrontMatter, 1);
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) keys = NULL; /* key → the line it is on */
  const char *p;
  const char *end = NULL;
  gboolean has_markers = strstr (text, CLIPPER_MARKDOWN_BEGIN_MARK) != NULL;

  fm->tags = g_ptr_array_new_with_free_func (g_free);
  *out_body = text;
  if (!g_str_has_prefix (text, "---\n") && !g_str_has_prefix (text, "---\r\n"))
    {
      if (!has_markers)
        return FRONT_NOT_CLIPPER;
      *out_problem = g_strdup ("it has Clipper's section but no front matter (it must start with a line '---')");
      return FRONT_BROKEN;
    }

  p = strchr (text, '\n') + 1;
  while (*p != '\0')
    {
      const char *nl = strchr (p, '\n');
      gsize len = nl != NULL ? (gsize) (nl - p) : strlen (p);

      if (len > 0 && p[len - 1] == '\r')
        len--;
      if (len == 3 && (strncmp (p, "---", 3) == 0 || strncmp (p, "...", 3) == 0))
        {
          end = p;
          *out_body = nl != NULL ? nl + 1 : p + 3;
          break;
        }
      g_ptr_array_add (lines, g_strndup (p, len));
      if (nl == NULL)
        break;
      p = nl + 1;
    }
  if (end == NULL)
    {
      if (!has_markers && strstr (text, "clipper-id:") == NULL)
        return FRONT_NOT_CLIPPER;
      *out_problem = g_strdup ("its front matter does not end (no closing line '---')");
      return FRONT_BROKEN;
    }
  g_ptr_array_add (lines, NULL);

  keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i + 1 < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      const char *colon = strchr (line, ':');
      g_autofree char *key = NULL;
      const char *value;
      char **slot = NULL;
      gboolean ok = TRUE;

      /* Nested lines, comments and list items belong to the key above. */
      if (colon == NULL || g_ascii_isspace (line[0]) || line[0] == '-' || line[0] == '#')
        continue;
      key = g_strstrip (g_strndup (line, colon - line));
      g_strdelimit (key, "\"'", ' ');
      g_strstrip (key);
      value = colon + 1;

      /* YAML the import does not take apart, and reads as no YAML parser
       * does: the last of two "title:" (which YAML refuses, and Obsidian's
       * Properties flag), or "*t", an alias, as the title itself.  The
       * file is said and left as it is rather than read wrong. */
      if (g_hash_table_contains (keys, key))
        {
          *out_problem = g_strdup_printf ("its front matter has the key '%s' twice (line %u and line %u), which "
                                          "YAML does not allow",
                                          key, GPOINTER_TO_UINT (g_hash_table_lookup (keys, key)), i + 2);
          return FRONT_BROKEN;
        }
      g_hash_table_insert (keys, g_strdup (key), GUINT_TO_POINTER (i + 2));

      if (g_str_equal (key, "tags"))
        {
          g_auto (GStrv) more = nested_lines (lines, i);

          g_ptr_array_set_size (fm->tags, 0);
          fm->has_tags = TRUE;
          if (!parse_tags (value, (const char *const *) more, fm->tags))
            {
              *out_problem = g_strdup_printf ("its front matter's tags cannot be read (line %u)", i + 2);
              return FRONT_BROKEN;
            }
          continue;
        }

      if (g_str_equal (key, "clipper-tags") || g_str_equal (key, "clipper-highlight-tags"))
        {
          g_auto (GStrv) more = nested_lines (lines, i);
          g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

          if (!parse_tags (value, (const char *const *) more, names))
            {
              *out_problem = g_strdup_printf ("its front matter's %s cannot be read (line %u)", key, i + 2);
              return FRONT_BROKEN;
            }
          if (g_str_equal (key, "clipper-tags"))
            {
              g_clear_pointer (&fm->tag_names, g_ptr_array_unref);
              fm->tag_names = g_steal_pointer (&names);
            }
          else
            {
              g_clear_pointer (&fm->highlight_tag_names, g_hash_table_unref);
              g_clear_pointer (&fm->bad_tag_names, g_ptr_array_unref);
              index_highlight_tag_names (fm, names);
            }
          continue;
        }

      if (g_str_equal (key, "starred") || g_str_equal (key, "read") || g_str_equal (key, "archived")
          || g_str_equal (key, "clipper-position"))
        {
          if (is_yaml_reference (value) || !parse_state_key (fm, key, value))
            {
              *out_problem = g_strdup_printf ("the value of '%s' in its front matter is broken (line %u)", key,
                                              i + 2);
              return FRONT_BROKEN;
            }
          continue;
        }

      if (g_str_equal (key, "title"))
        slot = &fm->title;
      else if (g_str_equal (key, "author"))
        slot = &fm->author;
      else if (g_str_equal (key, "site"))
        slot = &fm->site;
      else if (g_str_equal (key, "url"))
        slot = &fm->url;
      else if (g_str_equal (key, "published"))
        slot = &fm->published;
      else if (g_str_equal (key, "saved"))
        slot = &fm->saved;
      else if (g_str_equal (key, "clipper-id"))
        slot = &fm->clipper_id;
      else if (g_str_equal (key, "clipper-library"))
        slot = &fm->library;
      else if (g_str_equal (key, "clipper-notes"))
        slot = &fm->notes;
      else
        continue;

      /* (The user's own keys may hold any YAML: they are not read.) */
      if (is_yaml_reference (value))
        {
          *out_problem = g_strdup_printf ("its front matter's '%s' is a YAML anchor or alias (line %u), which the "
                                          "import does not read",
                                          key, i + 2);
          return FRONT_BROKEN;
        }
      g_free (*slot);
      *slot = parse_scalar (&value, "", &ok);
      if (!ok)
        {
          *out_problem = g_strdup_printf ("the value of '%s' in its front matter is broken (line %u)", key, i + 2);
          return FRONT_BROKEN;
        }
    }

  if (fm->clipper_id == NULL || *fm->clipper_id == '\0')
    {
      if (!has_markers)
        return FRONT_NOT_CLIPPER;
      *out_problem = g_strdup ("it has Clipper's section but no clipper-id in its front matter");
      return FRONT_BROKEN;
    }
  if (fm->url == NULL || *fm->url == '\0')
    {
      *out_problem = g_strdup ("its front matter has no url");
      return FRONT_BROKEN;
    }
  if (fm->library != NULL && !g_uuid_string_is_valid (fm->library))
    {
      *out_problem = g_strdup_printf ("its clipper-library '%s' is not the id of a library (was it "
                                      "edited?)", fm->library);
      return FRONT_BROKEN;
    }
  add_untaggable_names (fm);
  {
    g_autofree char *uid = clipper_export_uuid_for_name (fm->url);

    if (g_ascii_strcasecmp (uid, fm->clipper_id) != 0)
      {
        *out_problem = g_strdup_printf ("its clipper-id %s is not the one of its url %s (was one of them edited?)",
                                        fm->clipper_id, fm->url);
        return FRONT_BROKEN;
      }
  }
  *out_fm = g_steal_pointer (&fm);
  return FRONT_OK;
}

/* ------------------------------------------------------------------ */
/* Clipper's section                                                   */

typedef struct {
  char      *quote_md;   /* the block quote as in the file, markers included */
  char      *note_md;    /* the note as in the file; "" for none */
  GPtrArray *tags;       /* tags of the tags line, without '#', colour tag excluded */
  char      *color_tag;  /* "clipper/…", or NULL when the line has none */
  char      *block_id;   /* lower-case, or NULL for a quote added by hand */
  char      *page;       /* the tags line's "· Page 12", unescaped; NULL without */
  gint64     location[2]; /* its "· Location 341–345"; 0, 0 without */
  gboolean   tags_line;  /* its tags line was read */
  gboolean   note_ends;  /* a tags line ends its note: quotes up to it are the note's */
  gboolean   lost;       /* the tags line says the text does not hold it */
  guint      line;       /* where its quote starts in the file */
  char      *raw;        /* its quote and note lines as the file has them */
} FileHighlight;

/* Where lines the import reads nothing of stand in Clipper's section. */
typedef enum {
  UNREAD_RULE,        /* from a "---" that is not the one before the article's body */
  UNREAD_BELOW_TAGS,  /* below a highlight's tags line, before the next quote */
  UNREAD_HEAD,        /* above the first quote: the title and excerpt, and what
                       * the user added there (told apart by the caller) */
} UnreadKind;

/* Lines the user wrote in Clipper's section where the import reads nothing. */
typedef struct {
  UnreadKind  kind;
  guint       line;
  char       *raw;
} UnreadLines;

static void
unread_lines_free (gpointer data)
{
  UnreadLines *u = data;

  g_free (u->raw);
  g_free (u);
}

static void
file_highlight_free (gpointer data)
{
  FileHighlight *h = data;

  g_free (h->quote_md);
  g_free (h->note_md);
  g_ptr_array_unref (h->tags);
  g_free (h->color_tag);
  g_free (h->block_id);
  g_free (h->page);
  g_free (h->raw);
  g_free (h);
}

/* The block id at the end of a tags line ("… ^0a1b2c3d"), or NULL when
 * @line is no tags line.  A note cannot end so: the exporter escapes '^'. */
static char *
tags_line_block_id (const char *line)
{
  gsize len = strlen (line);
  const char *caret;

  while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
    len--;
  if (len < 9)
    return NULL;
  caret = line + len - 9;
  if (*caret != '^' || (caret > line && caret[-1] != ' ' && caret[-1] != '\t'))
    return NULL;
  for (int i = 1; i <= 8; i++)
    if (!g_ascii_isxdigit (caret[i]))
      return NULL;
  return g_ascii_strdown (caret + 1, 8);
}

/* Whether @line is a highlight's tags line.  Files written before 30
 * November 2026 end it with the block id; since, the block id ends the
 * quote (Obsidian's block references take the block the id ends) and the
 * tags line is the one that starts with the colour's tag: a note's line
 * that starts so is escaped (clipper_export_note_markdown()).
 * @ids_on_quotes: the file is of the latter kind. */
static gboolean
is_tags_line (const char *line, gboolean ids_on_quotes)
{
  g_autofree char *block_id = NULL;

  if (line[0] == '>')
    return FALSE;
  if (ids_on_quotes && g_str_has_prefix (line, "#clipper/"))
    return TRUE;
  block_id = tags_line_block_id (line);
  return block_id != NULL;
}

/* Whether a quote line of @lines ends with a block id: the file puts block
 * ids on quotes (a quote's own caret is escaped, so only Clipper's id
 * ends one so). */
static gboolean
has_ids_on_quotes (char **lines, guint n)
{
  for (guint j = 0; j < n; j++)
    {
      g_autofree char *block_id = lines[j][0] == '>' ? tags_line_block_id (lines[j]) : NULL;

      if (block_id != NULL)
        return TRUE;
    }
  return FALSE;
}

/* The Kindle locations of a book's highlight, "341–345" or "341", into
 * @location; left as it is when @text is not that. */
static void
read_location (const char *text, gint64 location[2])
{
  char *end;
  gint64 start = g_ascii_strtoll (text, &end, 10);
  gint64 last = start;

  if (end == text || start <= 0)
    return;
  if (g_str_has_prefix (end, "–"))
    {
      const char *digits = end + strlen ("–");

      last = g_ascii_strtoll (digits, &end, 10);
      if (end == digits || last < start)
        return;
    }
  if (*end != '\0')
    return;
  location[0] = start;
  location[1] = last;
}

/* The page of a Kindle book's highlight, "· Page 12": what follows the
 * word up to the next "·" or the block id.  @tokens[@i] is the word. */
static char *
tags_line_page (char **tokens, guint i)
{
  g_autoptr (GString) page = g_string_new (NULL);
  g_autofree char *written = NULL;

  for (i++; tokens[i] != NULL && !g_str_equal (tokens[i], "·") && tokens[i][0] != '^'; i++)
    {
      if (tokens[i][0] == '\0')
        continue;
      if (page->len > 0)
        g_string_append_c (page, ' ');
      g_string_append (page, tokens[i]);
    }
  if (page->len == 0)
    return NULL;
  written = g_string_free (g_steal_pointer (&page), FALSE);
  return unescape_markdown (written);
}

static void
parse_tags_line (FileHighlight *h, const char *line)
{
  g_auto (GStrv) tokens = g_strsplit_set (line, " \t", -1);
  gboolean tags = TRUE;

  h->tags_line = TRUE;
  /* No tag holds a "·" (a slug has none). */
  h->lost = strstr (line, "· " CLIPPER_MARKDOWN_LOST_MARK) != NULL;

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      const char *t = tokens[i];

      /* The source link, a Kindle book's page and location, and the
       * block id follow a "·"; of them the page and the location are
       * read (a library restored from its vault keeps them). */
      if (g_str_equal (t, "·"))
        {
          tags = FALSE;
          if (tokens[i + 1] != NULL && g_str_equal (tokens[i + 1], "Page") && h->page == NULL)
            h->page = tags_line_page (tokens, i + 1);
          else if (tokens[i + 1] != NULL && g_str_equal (tokens[i + 1], "Location") && tokens[i + 2] != NULL)
            read_location (tokens[i + 2], h->location);
          continue;
        }
      if (!tags || t[0] != '#' || t[1] == '\0')
        continue;
      /* (Obsidian's tags ignore case: #Clipper/Idea is #clipper/idea.) */
      if (g_ascii_strncasecmp (t + 1, "clipper/", 8) == 0 && h->color_tag == NULL)
        h->color_tag = g_strdup (t + 1);
      else
        g_ptr_array_add (h->tags, g_strdup (t + 1));
    }
}

static gboolean
is_blank (const char *line)
{
  for (const char *p = line; *p != '\0'; p++)
    if (*p != ' ' && *p != '\t')
      return FALSE;
  return TRUE;
}

/* @lines[@first..@last) joined, blank lines at the end left out. */
static char *
join_lines (char **lines, guint first, guint last)
{
  GString *out = g_string_new (NULL);

  while (last > first && is_blank (lines[last - 1]))
    last--;
  for (guint k = first; k < last; k++)
    {
      if (k > first)
        g_string_append_c (out, '\n');
      g_string_append (out, lines[k]);
    }
  return g_string_free (out, FALSE);
}

/* @lines[0..@n) as parse_section() makes a note of them: white space at
 * line ends dropped (in place: CommonMark drops it, and the exporter
 * writes what it must keep as &#32;), blank lines around them left out. */
static char *
note_of_lines (char **lines, guint n)
{
  guint first = 0;

  for (guint k = 0; k < n; k++)
    g_strchomp (lines[k]);
  while (first < n && is_blank (lines[first]))
    first++;
  return join_lines (lines, first, n);
}

/* The text between Clipper's section marks in @text, or NULL. */
static char *
dup_section (const char *text)
{
  const char *begin = strstr (text, CLIPPER_MARKDOWN_BEGIN_MARK);
  const char *end = begin != NULL ? strstr (begin, CLIPPER_MARKDOWN_END_MARK) : NULL;

  if (end == NULL)
    return NULL;
  begin += strlen (CLIPPER_MARKDOWN_BEGIN_MARK);
  return g_strndup (begin, end - begin);
}

/* @section's lines, without the CR of CRLF line ends. */
static GStrv
split_section (const char *section)
{
  GStrv lines = g_strsplit (section, "\n", -1);

  for (guint j = 0; lines[j] != NULL; j++)
    {
      gsize len = strlen (lines[j]);

      if (len > 0 && lines[j][len - 1] == '\r')
        lines[j][len - 1] = '\0';
    }
  return lines;
}

/* Where the article's body (--body) starts in Clipper's section: the first
 * line "---" after the last tags line (or quote with a block id); @n when
 * there is none. */
static guint
body_start (char **lines, guint n)
{
  gboolean ids_on_quotes = has_ids_on_quotes (lines, n);
  guint body = n;

  for (guint j = n; j > 0; j--)
    {
      g_autofree char *block_id = tags_line_block_id (lines[j - 1]);

      if (block_id != NULL || is_tags_line (lines[j - 1], ids_on_quotes))
        break;
      if (g_str_equal (lines[j - 1], "---"))
        body = j - 1;
    }
  return body;
}

char *
clipper_markdown_section_body (const char *text)
{
  g_autofree char *section = NULL;
  g_auto (GStrv) lines = NULL;
  guint n, body;

  g_return_val_if_fail (text != NULL, NULL);

  if ((section = dup_section (text)) == NULL)
    return NULL;
  lines = split_section (section);
  n = g_strv_length (lines);
  body = body_start (lines, n);
  return body < n ? join_lines (lines, body, n) : NULL;
}

/* Where the note of a highlight Clipper wrote, from @lines[@i] on (up to
 * @end), ends: at its tags line, or at the next highlight's quote, a run
 * of quote lines one of which ends in a block id (a note's line ending so
 * is escaped); @end when neither comes.  A quote without a block id is the
 * note's own: Obsidian shows it inside the note, and the export writes a
 * note's quote lines as they are. */
static guint
next_note_end (char **lines, guint i, guint end, gboolean ids_on_quotes)
{
  while (i < end)
    {
      guint run = i;

      if (lines[i][0] != '>')
        {
          if (is_tags_line (lines[i], ids_on_quotes))
            return i;
          i++;
          continue;
        }
      for (; i < end && lines[i][0] == '>'; i++)
        {
          g_autofree char *block_id = tags_line_block_id (lines[i]);

          if (block_id != NULL)
            return run;
        }
    }
  return end;
}

/* The closing fence of the fenced code block @lines[@i] opens in a note
 * that ends at @note_end (next_note_end()), or 0: lines inside it are
 * code, and a "---" there is the note's (clipper_export_note_markdown()
 * writes it as it is).  A fence that does not close there is no fence. */
static guint
note_fence_close (char **lines, guint i, guint note_end)
{
  char fence_char;
  gsize fence_len = clipper_export_fence_open (lines[i], &fence_char);

  if (fence_len == 0)
    return 0;
  for (guint j = i + 1; j < note_end; j++)
    if (clipper_export_fence_closes (lines[j], fence_char, fence_len))
      return j;
  return 0;
}

static void
add_unread (GPtrArray *out_unread, UnreadKind kind, guint line, char **lines, guint first, guint last)
{
  UnreadLines *u;

  if (out_unread == NULL)
    return;
  u = g_new0 (UnreadLines, 1);
  u->kind = kind;
  u->line = line;
  u->raw = join_lines (lines, first, last);
  g_ptr_array_add (out_unread, u);
}

/* Whether @h is a highlight Clipper wrote (its block id on its quote)
 * whose note is still being read up to its tags line. */
static gboolean
open_note (FileHighlight *h)
{
  return h != NULL && h->note_ends && !h->tags_line;
}

/* The highlights of Clipper's section (the default layout's shape: block
 * quote, note, tags line).  Lines before the first quote are the title and
 * excerpt, and go to @out_unread (when given) for the caller to tell
 * Clipper's from the user's; a line "---" after the last tags line starts
 * the article's body (--body), which is not read back.  Clipper writes
 * nothing but blank lines between a tags line and the next quote, so lines
 * there are the user's and go to @out_unread.  Clipper never writes a "---"
 * line above a tags line (a note's is escaped), so one there is the user's
 * too: the lines from it up to the next quote or tags line go to
 * @out_unread, and a tags line right after them still belongs to the
 * highlight they interrupted.  Between a quote with a block id and its
 * tags line, everything is the note, quotes typed there too (next_note_end()):
 * a quote added by hand is one outside any note, after a tags line or
 * above the first quote. */
static GPtrArray *
parse_section (const char *section, guint first_line, GPtrArray *out_unread)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (file_highlight_free);
  g_auto (GStrv) lines = split_section (section);
  guint n = g_strv_length (lines);
  guint i = 0;
  guint body;   /* where the article's body starts */
  gboolean ids_on_quotes = has_ids_on_quotes (lines, n);

  body = body_start (lines, n);

  while (i < body)
    {
      FileHighlight *h;
      g_autoptr (GString) quote = NULL;
      g_autoptr (GPtrArray) note = NULL;
      guint start, id_line = 0, note_end;

      if (g_str_equal (lines[i], "---"))
        {
          FileHighlight *interrupted = list->len > 0 ? g_ptr_array_index (list, list->len - 1) : NULL;
          g_autofree char *block_id = NULL;

          start = i++;
          /* Inside a highlight's note, a quote without a block id is
           * still the note's, and so not read either. */
          if (open_note (interrupted))
            i = next_note_end (lines, i, body, ids_on_quotes);
          while (i < body && !is_tags_line (lines[i], ids_on_quotes) && lines[i][0] != '>')
            i++;
          add_unread (out_unread, UNREAD_RULE, first_line + start, lines, start, i);
          if (i < body && is_tags_line (lines[i], ids_on_quotes) && interrupted != NULL
              && !interrupted->tags_line)
            {
              block_id = tags_line_block_id (lines[i]);
              if (interrupted->block_id == NULL)
                interrupted->block_id = g_steal_pointer (&block_id);
              parse_tags_line (interrupted, lines[i]);
              i++;
            }
          continue;
        }
      if (lines[i][0] != '>')
        {
          UnreadKind kind = list->len == 0 ? UNREAD_HEAD : UNREAD_BELOW_TAGS;

          start = i;
          while (i < body && lines[i][0] != '>' && !g_str_equal (lines[i], "---"))
            i++;
          /* Blank lines are the layout's, not text. */
          while (kind == UNREAD_BELOW_TAGS && start < i && is_blank (lines[start]))
            start++;
          if (kind == UNREAD_HEAD || start < i)
            add_unread (out_unread, kind, first_line + start, lines, start, i);
          continue;
        }

      h = g_new0 (FileHighlight, 1);
      h->tags = g_ptr_array_new_with_free_func (g_free);
      h->line = first_line + i;
      start = i;
      /* The block id ending the quote (ids_on_quotes): its last line's,
       * or, when lines were typed below that one, the last line's that has
       * one: the lines below it lengthen that highlight's quote (an edit
       * of it, said and ignored), they are no quote of their own. */
      for (; i < body && lines[i][0] == '>'; i++)
        {
          g_autofree char *block_id = tags_line_block_id (lines[i]);

          if (block_id != NULL)
            {
              g_free (h->block_id);
              h->block_id = g_steal_pointer (&block_id);
              id_line = i;
            }
        }
      quote = g_string_new (NULL);
      for (guint k = start; k < i; k++)
        {
          gsize len = strlen (lines[k]);

          if (k > start)
            g_string_append_c (quote, '\n');
          if (h->block_id != NULL && k == id_line)
            {
              while (len > 0 && (lines[k][len - 1] == ' ' || lines[k][len - 1] == '\t'))
                len--;
              len -= strlen (" ^") + 8;
            }
          g_string_append_len (quote, lines[k], len);
        }
      h->quote_md = g_strdup (quote->str);
      /* Without a tags line to end it (one deleted in the file), a quote
       * in the note may as well be one added by hand, and is read so. */
      note_end = ids_on_quotes && h->block_id != NULL ? next_note_end (lines, i, body, ids_on_quotes) : body;
      h->note_ends = note_end < body && is_tags_line (lines[note_end], ids_on_quotes);

      note = g_ptr_array_new ();
      while (i < body)
        {
          const char *line = lines[i];
          guint code_end;

          /* A note with a tags line ahead (note_ends) ends there, the
           * quotes and code before it its own. */
          if (open_note (h) && (code_end = note_fence_close (lines, i, note_end)) > 0)
            {
              for (; i <= code_end; i++)
                g_ptr_array_add (note, lines[i]);
              continue;
            }
          if ((line[0] == '>' && !open_note (h)) || g_str_equal (line, "---"))
            break;
          if (is_tags_line (line, ids_on_quotes))
            {
              if (h->block_id == NULL)
                h->block_id = tags_line_block_id (line);
              parse_tags_line (h, line);
              break;
            }
          i++;
          g_ptr_array_add (note, (gpointer) line);
        }
      h->raw = join_lines (lines, start, i);
      if (h->tags_line)
        i++;
      /* The note is what lies between (an editor that adds or trims white
       * space at line ends or blank lines around it changes no note). */
      h->note_md = note_of_lines ((char **) note->pdata, note->len);
      g_ptr_array_add (list, h);
    }

  return list;
}

/* ------------------------------------------------------------------ */
/* Into the library                                                    */

typedef struct {
  ClipperStore        *store;
  const char          *library_id;     /* the store's; NULL: not known (every file is this
                                        * library's) */
  ClipperImportResult *result;
  GHashTable          *color_by_tag;   /* "clipper/important" → "yellow" */
  GHashTable          *meanings;       /* colour → meaning, as exported */
  GHashTable          *tag_names;      /* slug → a tag name in the library; NULL until needed */
  const char          *vault_library;  /* another library's vault: its manifest's library; else NULL */
  GHashTable          *taken;          /* file name → ClipperVaultTaken, for the manifest; NULL: not
                                        * recorded */
} Importer;

static void
importer_init (Importer *imp, ClipperStore *store, GHashTable *meanings, ClipperImportResult *result)
{
  g_autoptr (GHashTable) defaults = clipper_export_default_color_meanings ();
  const char *const *colors = clipper_highlight_colors ();

  imp->store = store;
  imp->library_id = clipper_store_get_library_id (store);
  imp->result = result;
  imp->meanings = g_hash_table_ref (meanings != NULL ? meanings : defaults);
  imp->color_by_tag = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  imp->tag_names = NULL;
  imp->vault_library = NULL;
  imp->taken = NULL;

  /* The colour's own name and its default meaning are understood too (a
   * vault written before the user renamed a colour); the meanings this
   * export uses win. */
  for (guint i = 0; colors[i] != NULL; i++)
    g_hash_table_insert (imp->color_by_tag, g_strconcat ("clipper/", colors[i], NULL), (gpointer) colors[i]);
  for (guint i = 0; colors[i] != NULL; i++)
    g_hash_table_insert (imp->color_by_tag, clipper_export_color_tag (defaults, colors[i]), (gpointer) colors[i]);
  for (guint i = 0; colors[i] != NULL; i++)
    g_hash_table_insert (imp->color_by_tag, clipper_export_color_tag (imp->meanings, colors[i]), (gpointer) colors[i]);
}

static void
importer_clear (Importer *imp)
{
  g_clear_pointer (&imp->meanings, g_hash_table_unref);
  g_clear_pointer (&imp->color_by_tag, g_hash_table_unref);
  g_clear_pointer (&imp->tag_names, g_hash_table_unref);
}

/* The tag a slug stands for: the library's tag of that slug ("to read" for
 * #to-read), else the slug itself. */
static const char *
tag_name_for_slug (Importer *imp, const char *slug, GError **error)
{
  const char *name;

  if (imp->tag_names == NULL)
    {
      g_auto (GStrv) all = clipper_store_list_tags (imp->store, error);

      if (all == NULL)
        return NULL;
      imp->tag_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      for (guint i = 0; all[i] != NULL; i++)
        {
          char *s = clipper_export_tag_slug (all[i]);

          if (!g_hash_table_contains (imp->tag_names, s))
            g_hash_table_insert (imp->tag_names, s, g_strdup (all[i]));
          else
            g_free (s);
        }
    }
  name = g_hash_table_lookup (imp->tag_names, slug);
  return name != NULL ? name : slug;
}

/* Adds to @out the tags of @names (clipper-tags, or a highlight's entries
 * in clipper-highlight-tags) whose slug is @slug: what the export wrote as
 * #c may be "C" and "C++".  FALSE when @names has none of them, and the
 * slug stands for a tag by the rules of files without the key. */
static gboolean
add_exact_names (GPtrArray *names, const char *slug, GStrvBuilder *out)
{
  gboolean found = FALSE;

  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *s = clipper_export_tag_slug (name);

      if (g_str_equal (s, slug))
        {
          g_strv_builder_add (out, name);
          found = TRUE;
        }
    }
  return found;
}

/* The tag a front matter's tag stands for.  The export writes each as its
 * slug ("machine-learning" for "machine learning": Obsidian takes no
 * spaces in a tag), so the library's tag of that slug is meant; a tag no
 * library tag has is taken as written ("new-tag" stays "new-tag").  NULL
 * with @error when the library cannot be read. */
static const char *
article_tag_name (Importer *imp, const char *written, GError **error)
{
  g_autofree char *slug = clipper_export_tag_slug (written);
  const char *name = tag_name_for_slug (imp, slug, error);

  return name == slug ? written : name;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Sorted, distinct @key_of of @tags (or of @array's strings). */
static GPtrArray *
key_set (const char *const *tags, GPtrArray *array, char *(*key_of) (const char *))
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  guint n = tags != NULL ? g_strv_length ((char **) tags) : array != NULL ? array->len : 0;

  for (guint i = 0; i < n; i++)
    {
      const char *t = tags != NULL ? tags[i] : g_ptr_array_index (array, i);
      char *slug = key_of (t);

      if (!g_ptr_array_find_with_equal_func (out, slug, g_str_equal, NULL))
        g_ptr_array_add (out, slug);
      else
        g_free (slug);
    }
  g_ptr_array_sort (out, compare_strings);
  return out;
}

/* Sorted, distinct slugs of @tags (or of @array's strings). */
static GPtrArray *
slug_set (const char *const *tags, GPtrArray *array)
{
  return key_set (tags, array, clipper_export_tag_slug);
}

static gboolean
same_strings (GPtrArray *a, GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (!g_str_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* What each highlight looked like in the file when Clipper wrote it   */

/* A highlight's marks: its block id and a fingerprint of each field the
 * import takes back, as the file shows it.  The vault's manifest keeps
 * them (12 bytes a highlight, base64), so that an import can tell which
 * side changed a field: the file (its fingerprint is not the manifest's)
 * or the library (its rendering's is not), or both. */
#define MARK_BYTES 12

typedef struct {
  guint32  note;       /* the note's Markdown as in the file */
  guint16  tags;       /* the set of tag slugs */
  guint16  color;      /* the colour tag */
  gboolean ambiguous;  /* the block id appears twice in the file: unknown */
} FieldMarks;

static guint32
fold32 (guint64 h)
{
  return (guint32) (h ^ (h >> 32));
}

static guint16
fold16 (guint64 h)
{
  return (guint16) (h ^ (h >> 16) ^ (h >> 32) ^ (h >> 48));
}

static void
field_marks_of (FileHighlight *fh, FieldMarks *out)
{
  g_autoptr (GPtrArray) slugs = slug_set (NULL, fh->tags);
  guint64 tags = CLIPPER_EXPORT_HASH_INIT;

  /* Tags as tags: their order in the line and how they are spelled
   * (#to-read, #To-Read) change nothing the import takes. */
  for (guint i = 0; i < slugs->len; i++)
    tags = clipper_export_hash_str (tags, g_ptr_array_index (slugs, i));
  out->note = fold32 (clipper_export_hash_str (CLIPPER_EXPORT_HASH_INIT, fh->note_md));
  out->tags = fold16 (tags);
  out->color = fold16 (clipper_export_hash_str (CLIPPER_EXPORT_HASH_INIT, fh->color_tag));
  out->ambiguous = FALSE;
}

/* What a highlight's quote looked like in the file when Clipper wrote it,
 * beside the marks (the manifest's "quotes": the block id and a
 * fingerprint of the quote's lines, 8 bytes a highlight).  The article's
 * text decides the quote, so an edit of it is only said; the library may
 * change the quote itself (a Kindle's longer or trimmed highlight, a page
 * fetched again), and a quote the file has as Clipper wrote it is then no
 * edit of the user's. */
#define QUOTE_MARK_BYTES 8

typedef struct {
  guint32  quote;      /* the quote's lines as in the file */
  gboolean ambiguous;  /* the block id appears twice in the file: unknown */
} QuoteMark;

static guint32
quote_mark_of (FileHighlight *fh)
{
  return fold32 (clipper_export_hash_str (CLIPPER_EXPORT_HASH_INIT, fh->quote_md));
}

static guint32
block_number (const char *block_id)
{
  guint32 block = 0;

  for (int k = 0; k < 8; k++)
    block = (block << 4) | (guint32) g_ascii_xdigit_value (block_id[k]);
  return block;
}

static void
append_be32 (GByteArray *bytes, guint32 v)
{
  guint8 b[4] = { v >> 24, v >> 16, v >> 8, v };

  g_byte_array_append (bytes, b, 4);
}

static guint32
read_be32 (const guchar *r)
{
  return (guint32) r[0] << 24 | (guint32) r[1] << 16 | (guint32) r[2] << 8 | r[3];
}

static void
append_marks (GByteArray *bytes, const char *block_id, const FieldMarks *m)
{
  guint8 rest[4] = { m->tags >> 8, m->tags, m->color >> 8, m->color };

  /* Big-endian, so the manifest reads the same on any machine. */
  append_be32 (bytes, block_number (block_id));
  append_be32 (bytes, m->note);
  g_byte_array_append (bytes, rest, 4);
}

static gboolean
is_base64 (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '+' && *p != '/' && *p != '=')
      return FALSE;
  return TRUE;
}

/* The manifest's records of a file (its marks, its quotes), base64 of
 * @record_size bytes each, into a table block id → a new value of
 * @value_size bytes: each record is the block number (big-endian), then
 * what @read takes into the value.  A block id that comes twice in the
 * file is not known: its value gets TRUE in its gboolean at
 * @ambiguous_offset.  NULL when there are none or they are damaged. */
static GHashTable *
decode_records (const char *text,
                gsize       record_size,
                gsize       value_size,
                glong       ambiguous_offset,
                void      (*read) (const guchar *rest, gpointer value))
{
  g_autofree guchar *bytes = NULL;
  gsize len = 0;
  GHashTable *table;

  if (text == NULL || !is_base64 (text))
    return NULL;
  bytes = g_base64_decode (text, &len);
  if (len % record_size != 0)
    return NULL;

  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (gsize off = 0; off < len; off += record_size)
    {
      char *id = g_strdup_printf ("%08x", read_be32 (bytes + off));
      gpointer value = g_hash_table_lookup (table, id);

      if (value != NULL)
        {
          G_STRUCT_MEMBER (gboolean, value, ambiguous_offset) = TRUE;
          g_free (id);
          continue;
        }
      value = g_malloc0 (value_size);
      read (bytes + off + 4, value);
      g_hash_table_insert (table, id, value);
    }
  return table;
}

static void
read_quote_mark (const guchar *rest,
                 gpointer      value)
{
  QuoteMark *m = value;

  m->quote = read_be32 (rest);
}

/* The manifest's quotes of a file: block id → QuoteMark.  NULL when there
 * are none or they are damaged: every quote unlike the library's is then
 * said, as before the manifest kept them. */
static GHashTable *
decode_quote_marks (const char *quotes)
{
  return decode_records (quotes, QUOTE_MARK_BYTES, sizeof (QuoteMark), G_STRUCT_OFFSET (QuoteMark, ambiguous),
                         read_quote_mark);
}

char *
clipper_markdown_highlight_marks (const char *text, char **out_quotes)
{
  g_autofree char *section = NULL;
  g_autoptr (GPtrArray) fhs = NULL;
  g_autoptr (GByteArray) bytes = g_byte_array_new ();
  g_autoptr (GByteArray) quotes = g_byte_array_new ();

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (out_quotes != NULL, NULL);

  *out_quotes = NULL;
  if ((section = dup_section (text)) == NULL)
    return NULL;
  /* Both from one reading of the section: an export makes them for each
   * file it writes. */
  fhs = parse_section (section, 1, NULL);
  for (guint i = 0; i < fhs->len; i++)
    {
      FileHighlight *fh = g_ptr_array_index (fhs, i);
      FieldMarks m;

      if (fh->block_id == NULL)
        continue;
      field_marks_of (fh, &m);
      append_marks (bytes, fh->block_id, &m);
      append_be32 (quotes, block_number (fh->block_id));
      append_be32 (quotes, quote_mark_of (fh));
    }
  *out_quotes = g_base64_encode (quotes->data, quotes->len);
  return g_base64_encode (bytes->data, bytes->len);
}

static void
read_field_marks (const guchar *rest,
                  gpointer      value)
{
  FieldMarks *m = value;

  m->note = read_be32 (rest);
  m->tags = (guint16) (rest[4] << 8 | rest[5]);
  m->color = (guint16) (rest[6] << 8 | rest[7]);
}

/* The manifest's marks of a file: block id → FieldMarks.  NULL when there
 * are none or they are damaged (the manifest is the user's file too):
 * the import then goes by time, as without them. */
static GHashTable *
decode_marks (const char *marks)
{
  return decode_records (marks, MARK_BYTES, sizeof (FieldMarks), G_STRUCT_OFFSET (FieldMarks, ambiguous),
                         read_field_marks);
}

/* A stable UUID for a highlight read from a file, so that importing the
 * file again finds it: made from the article's clipper-id, the block id and
 * the quote (a file may hold block ids that are not unique: those of files
 * exported before clipper_export_block_id(), or a user's copy and paste).
 * It ends with the block id, so the next export writes the same one and
 * links to it keep working. */
static char *
derived_uuid (const char *clipper_id, const char *block_id, const char *quote)
{
  g_autofree char *lower = g_ascii_strdown (clipper_id, -1);
  g_autofree char *name = g_strdup_printf ("clipper-markdown:%s#^%s:%s", lower,
                                           block_id != NULL ? block_id : "", quote);
  char *uuid = clipper_export_uuid_for_name (name);

  if (block_id != NULL && strlen (block_id) == 8)
    memcpy (uuid + strlen (uuid) - 8, block_id, 8);
  return uuid;
}

/* A fingerprint of a set of tag keys (key_set() with clipper_tag_key()), as the
 * vault's manifest keeps the article's tags Clipper wrote in a file. */
static char *
tags_fingerprint (GPtrArray *keys)
{
  guint64 h = CLIPPER_EXPORT_HASH_INIT;

  for (guint i = 0; i < keys->len; i++)
    h = clipper_export_hash_str (h, g_ptr_array_index (keys, i));
  return g_strdup_printf ("%016" G_GINT64_MODIFIER "x", h);
}

static ClipperReadState
read_state_of (FrontMatter *fm)
{
  if (fm->archived)
    return CLIPPER_READ_STATE_ARCHIVED;
  return fm->read ? CLIPPER_READ_STATE_READ : CLIPPER_READ_STATE_UNREAD;
}

/* The article's state as a front matter shows it, "sa 0.346" (starred or
 * not, "-"; unread, read or archived; the position to three decimals), as
 * the vault's manifest keeps it after the tags' fingerprint. */
static char *
state_mark (gboolean starred, ClipperReadState state, double position)
{
  g_autofree char *written = clipper_export_format_position (position);

  return g_strdup_printf ("%c%c %s", starred ? 's' : '-', "ura"[CLAMP (state, 0, 2)],
                          written != NULL ? written : "0");
}

char *
clipper_markdown_tags_mark (const char *text)
{
  g_autoptr (FrontMatter) fm = NULL;
  g_autoptr (GPtrArray) keys = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *tags = NULL;
  g_autofree char *state = NULL;
  const char *body;

  g_return_val_if_fail (text != NULL, NULL);

  if (g_str_has_prefix (text, "\xef\xbb\xbf"))
    text += 3;
  if (parse_front_matter (text, &body, &fm, &problem) != FRONT_OK)
    return NULL;
  keys = slug_set (NULL, fm->tags);
  tags = tags_fingerprint (keys);
  state = state_mark (fm->starred, read_state_of (fm), fm->position);
  return g_strconcat (tags, " ", state, NULL);
}

/* What is known of the file being imported. */
typedef struct {
  const char  *name;
  FrontMatter *fm;
  gint64       file_mtime;     /* now, when not known */
  gint64       written_at;     /* when Clipper last wrote it; -1: not known */
  gboolean     untouched;      /* as Clipper wrote it: holds nothing of the user's */
  GHashTable  *marks;          /* block id → FieldMarks as Clipper wrote them; NULL: not known */
  const char  *tags_mark;      /* the article's tags as Clipper wrote them (tags_fingerprint());
                                * NULL: not known */
  const char  *state_mark;     /* its state as Clipper wrote it (state_mark()); NULL: not known */
  GString     *kept;           /* the file's side of each conflict is added here; NULL: nowhere */
  ClipperArticle *stub;        /* for rendering the library's highlights; NULL until needed */
  gboolean     foreign;        /* written by another library: its block ids are not this one's */
  GHashTable  *quotes;         /* block id → QuoteMark as Clipper wrote them; NULL: not known */
  GHashTable  *agreed;         /* FileHighlight → Agreed, for the manifest; NULL: not recorded */
} FileContext;

/* How the library's version of a file's highlight stands after the
 * import: what the manifest is to remember of the file (see
 * record_taken()). */
typedef struct {
  FieldMarks library;     /* the library's highlight as the export would write it now */
  gboolean   same_quote;  /* the file's quote reads as the library's */
} Agreed;

static void
file_context_clear (FileContext *ctx)
{
  g_clear_object (&ctx->stub);
  g_clear_pointer (&ctx->marks, g_hash_table_unref);
  g_clear_pointer (&ctx->quotes, g_hash_table_unref);
  g_clear_pointer (&ctx->agreed, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FileContext, file_context_clear)

/* The colour a file's colour tag stands for; NULL (and a notice) for a tag
 * no colour has. */
static const char *
color_of_tag (Importer *imp, FileContext *ctx, FileHighlight *fh)
{
  const char *color;

  if (fh->color_tag == NULL)
    return NULL;
  color = g_hash_table_lookup (imp->color_by_tag, fh->color_tag);
  /* Obsidian takes #clipper/Idea for #clipper/idea, and so does the
   * import: the tags it looks up are all slugs, in lower case, so one
   * colour at most has the tag in lower case. */
  if (color == NULL)
    {
      g_autofree char *lower = g_utf8_strdown (fh->color_tag, -1);

      color = g_hash_table_lookup (imp->color_by_tag, lower);
    }
  if (color == NULL)
    clipper_import_result_add_notice (imp->result,
                                      "'%s', line %u: #%s is no colour's tag (are the colour names the export used "
                                      "given?); the colour is left as it is",
                                      ctx->name, fh->line, fh->color_tag);
  return color;
}

/* The file's tags as library tag names: as clipper-highlight-tags names
 * them for the highlight, else the library's tag of each slug.  They are
 * the whole set the file holds, those on no tags line included (digits
 * alone, "2024": only named in clipper-highlight-tags); without that key
 * at all (the property deleted in Obsidian, where it reads as noise),
 * the file says nothing of them, and @h's (the library's highlight, NULL
 * for a new one) stay, as an article's do. */
static GStrv
tag_names_of (Importer *imp, FileContext *ctx, FileHighlight *fh, ClipperHighlight *h, GError **error)
{
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) library = NULL;
  GPtrArray *exact = NULL;
  GPtrArray *untaggable = NULL;

  if (fh->block_id != NULL && ctx->fm->highlight_tag_names != NULL)
    exact = g_hash_table_lookup (ctx->fm->highlight_tag_names, fh->block_id);

  for (guint i = 0; i < fh->tags->len; i++)
    {
      g_autofree char *slug = clipper_export_tag_slug (g_ptr_array_index (fh->tags, i));
      const char *name;

      if (g_ptr_array_find_with_equal_func (seen, slug, g_str_equal, NULL))
        continue;
      if (!add_exact_names (exact, slug, names))
        {
          name = tag_name_for_slug (imp, slug, error);
          if (name == NULL)
            return NULL;
          g_strv_builder_add (names, name);
        }
      g_ptr_array_add (seen, g_steal_pointer (&slug));
    }
  /* A tag Obsidian takes for none ("2024") is only named there. */
  if (ctx->fm->highlight_tag_names != NULL)
    untaggable = exact;
  else if (h != NULL)
    {
      const char *const *mine = clipper_highlight_get_tags (h);

      untaggable = library = g_ptr_array_new ();
      for (guint i = 0; mine != NULL && mine[i] != NULL; i++)
        g_ptr_array_add (library, (gpointer) mine[i]);
    }
  for (guint i = 0; untaggable != NULL && i < untaggable->len; i++)
    {
      const char *name = g_ptr_array_index (untaggable, i);
      g_autofree char *slug = clipper_export_tag_slug (name);

      if (!clipper_export_slug_is_tag (slug) && !g_ptr_array_find_with_equal_func (seen, slug, g_str_equal, NULL))
        {
          g_strv_builder_add (names, name);
          g_ptr_array_add (seen, g_steal_pointer (&slug));
        }
    }
  return g_strv_builder_end (names);
}

/* Whether the file writes notes as Markdown (clipper-notes: markdown)
 * rather than escaped as text, as files did before. */
static gboolean
markdown_notes (FileContext *ctx)
{
  return ctx->fm != NULL && g_strcmp0 (ctx->fm->notes, "markdown") == 0;
}

static char *
note_of (FileContext *ctx, FileHighlight *fh)
{
  if (*fh->note_md == '\0')
    return NULL;
  return markdown_notes (ctx) ? clipper_export_note_from_markdown (fh->note_md) : unescape_markdown (fh->note_md);
}

/* Whether the file's Markdown @md says @text: written as the exporter
 * writes it (so export → import is the identity even for text its escaping
 * normalizes: CRLF, runs of blank lines), or as a person typed it (`*this*`
 * for "*this*").  A quote is written with its white space collapsed (an
 * article saved before 30 November 2026 has the page's source line breaks
 * and indentation in its quotes), so white space does not tell quotes
 * apart. */
static gboolean
same_text (const char *text, const char *md, gboolean quote)
{
  g_autofree char *escaped = clipper_export_escape_markdown (text, quote ? "> " : NULL);
  g_autofree char *unescaped = NULL;

  if (g_str_equal (escaped, md))
    return TRUE;
  if (quote)
    {
      g_autofree char *said = quote_text (md);
      g_autofree char *read = clipper_text_dup_one_line (said);
      g_autofree char *written = clipper_text_dup_one_line (text);

      return g_str_equal (read, written);
    }
  unescaped = unescape_markdown (md);
  return g_strcmp0 (unescaped, text != NULL ? text : "") == 0;
}

/* @text as parse_section() leaves a note. */
static char *
as_parsed (const char *text)
{
  g_auto (GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  return note_of_lines (lines, g_strv_length (lines));
}

/* Whether the file's note @md says the library's note @text. */
static gboolean
same_note (FileContext *ctx, const char *text, const char *md)
{
  g_autofree char *read = NULL;
  g_autofree char *expected = NULL;

  if (!markdown_notes (ctx))
    return same_text (text, md, FALSE);
  read = clipper_export_note_from_markdown (md);
  expected = as_parsed (text);
  return g_str_equal (read, expected);
}

/* A write the store refused as bad input (a quote too long, say) leaves
 * that one highlight out, reported, and the import goes on; anything else
 * stops it. */
static gboolean
refused (Importer *imp, FileContext *ctx, guint line, GError **error)
{
  if (error == NULL || *error == NULL || !g_error_matches (*error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_INVALID))
    return FALSE;
  clipper_import_result_add_notice (imp->result, "'%s', line %u: %s; left out", ctx->name, line, (*error)->message);
  g_clear_error (error);
  return TRUE;
}

/* The marks of the library's version of @h, as the export would write it
 * now (the built-in layout, the colour names of this import). */
static gboolean
library_marks (Importer *imp, FileContext *ctx, ClipperHighlight *h, FieldMarks *out)
{
  g_autofree char *md = NULL;
  g_autoptr (GPtrArray) fhs = NULL;

  if (ctx->stub == NULL)
    {
      ctx->stub = clipper_article_new ();
      clipper_article_set_url (ctx->stub, ctx->fm->url);
    }
  md = clipper_markdown_render_highlight_as (ctx->stub, h, imp->meanings, markdown_notes (ctx));
  fhs = parse_section (md, 1, NULL);
  if (fhs->len != 1)
    return FALSE;
  field_marks_of (g_ptr_array_index (fhs, 0), out);
  return TRUE;
}

/* The mark of the note @text as a file written before 30 November 2026
 * had it (clipper_export_note_markdown_before()): a note with a quote line
 * the library did not change since is no change of the library's. */
static guint32
note_mark_before (const char *text)
{
  g_autofree char *md = clipper_export_note_markdown_before (text);
  g_autofree char *parsed = as_parsed (md);

  return fold32 (clipper_export_hash_str (CLIPPER_EXPORT_HASH_INIT, parsed));
}

/* A conflict's file side, where the user will see it: a callout naming the
 * block id with what the file said of each field both sides changed. */
static void
keep_file_side (FileContext *ctx, FileHighlight *fh, const char *block_id, gboolean note, gboolean tags,
                gboolean color)
{
  if (ctx->kept == NULL)
    return;
  g_string_append_printf (ctx->kept, "> [!note] Clipper kept its own version of ^%s; what this file said:\n",
                          block_id);
  if (note)
    {
      g_auto (GStrv) lines = g_strsplit (fh->note_md, "\n", -1);

      if (*fh->note_md == '\0')
        g_string_append (ctx->kept, "> (no note)\n");
      for (guint i = 0; lines[i] != NULL; i++)
        g_string_append_printf (ctx->kept, ">%s%s\n", *lines[i] != '\0' ? " " : "", lines[i]);
    }
  if (tags)
    {
      g_string_append (ctx->kept, "> tags:");
      if (fh->tags->len == 0)
        g_string_append (ctx->kept, " (none)");
      for (guint i = 0; i < fh->tags->len; i++)
        g_string_append_printf (ctx->kept, " #%s", (const char *) g_ptr_array_index (fh->tags, i));
      g_string_append_c (ctx->kept, '\n');
    }
  if (color)
    g_string_append_printf (ctx->kept, "> colour: #%s\n", fh->color_tag);
  g_string_append_c (ctx->kept, '\n');
}

/* Lines of the user's in Clipper's section the import could not take in:
 * said, and kept below the section (where no export writes) rather than
 * lost to the rewrite of the section. */
static void
keep_unread (Importer *imp, FileContext *ctx, guint line, const char *why, const char *raw)
{
  g_auto (GStrv) lines = g_strsplit (raw, "\n", -1);

  imp->result->not_read++;
  clipper_import_result_add_notice (imp->result, "'%s', line %u: %s; %s", ctx->name, line, why,
                                    ctx->kept != NULL ? "kept below Clipper's section"
                                                      : "left in the file, where the next vault export keeps it");
  if (ctx->kept == NULL)
    return;
  g_string_append_printf (ctx->kept, "> [!note] %s; kept here:\n", why);
  for (guint i = 0; lines[i] != NULL; i++)
    g_string_append_printf (ctx->kept, ">%s%s\n", *lines[i] != '\0' ? " " : "", lines[i]);
  g_string_append_c (ctx->kept, '\n');
}

/* A highlight the library has: the file's note, tags and colour come in
 * when the file changed them and the library did not (see
 * clipper-markdown-import.h).  *@out_refused: the store refused the
 * change (@h then holds it, the library does not). */
static gboolean
take_fields (Importer *imp, FileContext *ctx, ClipperHighlight *h, FileHighlight *fh, gboolean *out_refused,
             GError **error)
{
  g_autoptr (GPtrArray) file_slugs = NULL;
  g_autoptr (GPtrArray) library_slugs = NULL;
  g_auto (GStrv) file_names = NULL;
  /* Named as the file names it (a file exported before the block id
   * became the UUID's last digits has the first ones). */
  g_autofree char *block_id = fh->block_id != NULL ? g_strdup (fh->block_id)
                                                   : clipper_export_block_id (clipper_highlight_get_uuid (h));
  const char *color;
  gboolean note_changed, tags_changed, color_changed;
  gint64 updated = clipper_highlight_get_updated_at (h);
  const FieldMarks *written = NULL;
  const QuoteMark *quote_written = NULL;

  imp->result->highlights_existing++;
  if (ctx->untouched)
    return TRUE;

  /* Unlike the library's, but as Clipper wrote it: the library changed
   * the quote since (a Kindle's trimmed highlight), not the user. */
  if (ctx->quotes != NULL && fh->block_id != NULL)
    quote_written = g_hash_table_lookup (ctx->quotes, fh->block_id);
  if (!same_text (clipper_highlight_get_quote (h), fh->quote_md, TRUE)
      && (quote_written == NULL || quote_written->ambiguous || quote_written->quote != quote_mark_of (fh)))
    clipper_import_result_add_notice (imp->result,
                                      "'%s': the quote of ^%s was edited in the file; the article's text decides "
                                      "the quote, so the edit is ignored",
                                      ctx->name, block_id);

  note_changed = !same_note (ctx, clipper_highlight_get_note (h), fh->note_md);
  /* The tags as the export wrote them: a tag on no tags line is the
   * file's all the same (compared with the tags line alone, "2024" was a
   * change at every import without the manifest's marks). */
  file_names = tag_names_of (imp, ctx, fh, h, error);
  if (file_names == NULL)
    return FALSE;
  file_slugs = slug_set ((const char *const *) file_names, NULL);
  library_slugs = slug_set (clipper_highlight_get_tags (h), NULL);
  tags_changed = !same_strings (file_slugs, library_slugs);
  color = color_of_tag (imp, ctx, fh);
  color_changed = color != NULL && g_strcmp0 (color, clipper_highlight_get_color (h)) != 0;
  if (!note_changed && !tags_changed && !color_changed)
    return TRUE;

  if (ctx->marks != NULL && fh->block_id != NULL)
    written = g_hash_table_lookup (ctx->marks, fh->block_id);
  if (written != NULL && !written->ambiguous)
    {
      /* Field by field: a field the file left as Clipper wrote it is the
       * library's to change (no conflict: the user did not touch it); one
       * the file changed comes in unless the library changed it too. */
      FieldMarks in_file, in_library;
      gboolean note_both, tags_both, color_both;

      field_marks_of (fh, &in_file);
      note_changed = note_changed && in_file.note != written->note;
      tags_changed = tags_changed && in_file.tags != written->tags;
      color_changed = color_changed && in_file.color != written->color;
      if (!note_changed && !tags_changed && !color_changed)
        return TRUE;
      if (!library_marks (imp, ctx, h, &in_library))
        {
          /* Cannot happen with the built-in layout; if it did, the library
           * would keep its version, as when both changed. */
          in_library.note = ~written->note;
          in_library.tags = (guint16) ~written->tags;
          in_library.color = (guint16) ~written->color;
        }
      note_both = note_changed && in_library.note != written->note
                  && !(markdown_notes (ctx) && note_mark_before (clipper_highlight_get_note (h)) == written->note);
      tags_both = tags_changed && in_library.tags != written->tags;
      color_both = color_changed && in_library.color != written->color;
      if (note_both || tags_both || color_both)
        {
          imp->result->conflicts++;
          clipper_import_result_add_notice (imp->result,
                                            "'%s': ^%s: the %s%s%s%s%s changed both in the file and in the library; "
                                            "the library's is kept%s",
                                            ctx->name, block_id, note_both ? "note" : "",
                                            note_both && (tags_both || color_both) ? ", " : "",
                                            tags_both ? "tags" : "", tags_both && color_both ? ", " : "",
                                            color_both ? "colour" : "",
                                            ctx->kept != NULL ? ", the file's is written below Clipper's section"
                                                              : ", the file's is still in the file");
          keep_file_side (ctx, fh, block_id, note_both, tags_both, color_both);
          note_changed = note_changed && !note_both;
          tags_changed = tags_changed && !tags_both;
          color_changed = color_changed && !color_both;
          if (!note_changed && !tags_changed && !color_changed)
            return TRUE;
        }
    }
  /* Without the marks, the later change wins.  With the vault's manifest we
   * also know when Clipper wrote the file: a highlight changed in the
   * library since then may differ from the file only because the file is
   * older, so the library's is kept.  Times are whole seconds; a change in
   * the very second of the export counts as written into the file, since a
   * highlight is mostly changed just before an export (the app exports a
   * few seconds after each change), and a user's edit must not be lost to
   * a tie. */
  else if (ctx->file_mtime <= updated || (ctx->written_at >= 0 && updated > ctx->written_at))
    {
      imp->result->conflicts++;
      clipper_import_result_add_notice (imp->result,
                                        "'%s': ^%s changed in the library after the file was written, so the "
                                        "library's version is kept (an edit of it in the file is not taken)",
                                        ctx->name, block_id);
      return TRUE;
    }

  if (note_changed)
    {
      g_autofree char *note = note_of (ctx, fh);

      clipper_highlight_set_note (h, note);
      imp->result->notes_updated++;
    }
  if (tags_changed)
    clipper_highlight_set_tags (h, (const char *const *) file_names);
  if (color_changed)
    clipper_highlight_set_color (h, color);
  if (!clipper_store_update_highlight (imp->store, h, error))
    {
      if (note_changed)
        imp->result->notes_updated--;
      *out_refused = TRUE;
      return refused (imp, ctx, fh->line, error);
    }
  if (tags_changed || color_changed)
    imp->result->tags_updated++;
  return TRUE;
}

/* take_fields(), and how the highlight then stands against the file, for
 * the manifest (@ctx->agreed). */
static gboolean
update_existing (Importer *imp, FileContext *ctx, ClipperHighlight *h, FileHighlight *fh, GError **error)
{
  gboolean refused_change = FALSE;
  Agreed *agreed;

  if (!take_fields (imp, ctx, h, fh, &refused_change, error))
    return FALSE;
  if (ctx->agreed == NULL || ctx->untouched || refused_change || fh->block_id == NULL)
    return TRUE;
  agreed = g_new0 (Agreed, 1);
  if (!library_marks (imp, ctx, h, &agreed->library))
    {
      g_free (agreed);
      return TRUE;
    }
  agreed->same_quote = same_text (clipper_highlight_get_quote (h), fh->quote_md, TRUE);
  g_hash_table_insert (ctx->agreed, fh, agreed);
  return TRUE;
}

/* A new highlight from a file: quote, note, colour and tags. */
static ClipperHighlight *
new_highlight (Importer *imp, FileContext *ctx, gint64 article_id, FileHighlight *fh, const char *quote,
               const char *uuid, GError **error)
{
  g_autoptr (ClipperHighlight) h = clipper_highlight_new ();
  g_autofree char *note = note_of (ctx, fh);
  g_auto (GStrv) names = tag_names_of (imp, ctx, fh, NULL, error);
  const char *color = color_of_tag (imp, ctx, fh);

  if (names == NULL)
    return NULL;
  clipper_highlight_set_uuid (h, uuid);
  clipper_highlight_set_article_id (h, article_id);
  clipper_highlight_set_color (h, color != NULL ? color : "yellow");
  clipper_highlight_set_quote (h, quote);
  clipper_highlight_set_note (h, note);
  clipper_highlight_set_tags (h, (const char *const *) names);
  /* A Kindle book has no text to place it in: its place is its location,
   * by which the next import of the clippings finds it. */
  if (clipper_kindle_is_book_url (ctx->fm->url))
    clipper_highlight_set_range (h, fh->location[0], fh->location[1]);
  else
    clipper_highlight_set_range (h, 0, 0);
  clipper_highlight_set_page (h, fh->page);
  clipper_highlight_set_anchored (h, FALSE);
  /* A file gives no offsets: the text's once the quote is found in it. */
  clipper_highlight_set_offsets_from (h, CLIPPER_OFFSETS_UNKNOWN);
  return g_steal_pointer (&h);
}

/* A highlight of another library's file on a passage this library has
 * highlighted too (the same quote, or the same place in the text): one
 * highlight, not two (clipper_merge_same_passage()).
 *
 * What the file's note added to the highlight's note is kept apart too,
 * by the file's block id (the other library's highlight), so that the
 * next version of it replaces it instead of piling up below it
 * (docs/export.md).  A quote typed by hand into the other library's file
 * has no block id: its note is only added. */
static gboolean
merge_foreign (Importer *imp, FileContext *ctx, ClipperHighlight *h, FileHighlight *fh,
               GError **error)
{
  g_autofree char *note = note_of (ctx, fh);
  g_auto (GStrv) tags = tag_names_of (imp, ctx, fh, NULL, error);
  g_autoptr (GHashTable) parts = NULL;
  g_auto (ClipperMergeResult) merge = { 0 };
  const char *library = ctx->fm->library != NULL ? ctx->fm->library : imp->vault_library;
  const char *mine = clipper_highlight_get_note (h);
  gboolean had_note = mine != NULL && *mine != '\0';
  gint64 id = clipper_highlight_get_id (h);
  gboolean changed;

  if (tags == NULL)
    return FALSE;
  parts = clipper_store_dup_note_parts (imp->store, id, error);
  if (parts == NULL)
    return FALSE;
  changed = clipper_merge_same_passage (h, note, fh->block_id, parts, (const char *const *) tags, &merge);
  if (changed && !clipper_store_update_highlight (imp->store, h, error))
    return refused (imp, ctx, fh->line, error);
  if (merge.record && !clipper_store_set_note_part (imp->store, id, fh->block_id, library, merge.part, error))
    return refused (imp, ctx, fh->line, error);
  if (!changed)
    {
      imp->result->highlights_existing++;
      return TRUE;
    }
  switch (merge.note)
    {
    case CLIPPER_MERGE_NOTE_ADDED:
      /* The first time here: a note merged by a Clipper before schema
       * version 9 may hold an older version of it, which nothing
       * recorded as the other library's. */
      if (merge.last == NULL && had_note)
        clipper_import_result_add_notice (imp->result,
                                          "'%s', line %u: another library's note on a passage this "
                                          "library has highlighted too was added below this library's "
                                          "note, where its later versions will replace it; if an import "
                                          "by an older Clipper added an older version, that stays above "
                                          "it: edit the note to keep one", ctx->name, fh->line);
      break;
    case CLIPPER_MERGE_NOTE_KEPT_BOTH:
      clipper_import_result_add_notice (imp->result,
                                        "'%s', line %u: another library changed its note on a passage "
                                        "this library has highlighted too, whose earlier version was "
                                        "edited or taken out here: the new version was added below, "
                                        "and the rest left as it is; edit the note to keep what you "
                                        "want", ctx->name, fh->line);
      break;
    case CLIPPER_MERGE_NOTE_REMOVED:
      clipper_import_result_add_notice (imp->result,
                                        "'%s', line %u: another library emptied its note on a passage "
                                        "this library has highlighted too; what it had added to this "
                                        "library's note was taken out: \"%s\"", ctx->name, fh->line,
                                        merge.last);
      break;
    case CLIPPER_MERGE_NOTE_SAME:
    case CLIPPER_MERGE_NOTE_REPLACED:
      break;
    }
  if (merge.note != CLIPPER_MERGE_NOTE_SAME)
    imp->result->notes_updated++;
  if (merge.tags)
    imp->result->tags_updated++;
  imp->result->foreign_merged++;
  return TRUE;
}

/* The article's text, read once per file when a quote added by hand needs it. */
typedef struct {
  gboolean           loaded;
  ClipperAnchorText *text;   /* NULL: the article has none */
  char              *plain;
} ArticleText;

static gboolean
load_text (Importer *imp, gint64 article_id, ArticleText *at, GError **error)
{
  g_autoptr (ClipperArticle) article = NULL;
  const char *text;

  if (at->loaded)
    return TRUE;
  article = clipper_store_get_article (imp->store, article_id, error);
  if (article == NULL)
    return FALSE;
  text = clipper_article_get_text (article);
  at->text = text != NULL && *text != '\0' ? clipper_anchor_text_new (text) : NULL;
  at->plain = g_strdup (text);
  at->loaded = TRUE;
  return TRUE;
}

/* A block quote the user wrote into the file: placed in the article's text
 * (an article without text keeps it as an orphan, as other imports do).
 * Another library's highlight comes this way too: one placed where a
 * highlight of @library (not in @claimed) is, is that one (merge_foreign());
 * one its text does not hold is kept as an orphan with its note, as a
 * refetch keeps a passage gone, since it is a highlight, not a line typed
 * in the wrong place. */
static gboolean
add_hand_quote (Importer *imp, FileContext *ctx, gint64 article_id, FileHighlight *fh,
                const char *quote, const char *uuid, ArticleText *at, GPtrArray *library,
                GHashTable *claimed, GError **error)
{
  g_autoptr (ClipperHighlight) h = NULL;

  if (!load_text (imp, article_id, at, error))
    return FALSE;
  h = new_highlight (imp, ctx, article_id, fh, quote, uuid, error);
  if (h == NULL)
    return FALSE;
  /* The file says its text did not hold the passage: it is an orphan
   * there, kept so here (Re-attach offers the closest passage), not
   * placed on whatever reads most like it. */
  if (at->text != NULL && !fh->lost)
    {
      ClipperTextSelector selector = { quote, NULL, NULL, -1, -1 };
      ClipperAnchorResult found = { 0 };
      g_autofree char *exact = NULL;
      g_autofree char *prefix = NULL;
      g_autofree char *suffix = NULL;

      clipper_anchor_locate (at->text, &selector, &found);
      if (found.kind == CLIPPER_ANCHOR_ORPHAN && found.n_exact == 1)
        {
          /* The anchor wants context to place a short quote; a passage the
           * user copied that occurs once, verbatim, needs none. */
          const char *at_quote = strstr (at->plain, quote);

          if (at_quote != NULL)
            {
              found.kind = CLIPPER_ANCHOR_EXACT_QUOTE;
              found.start = g_utf8_pointer_to_offset (at->plain, at_quote);
              found.end = found.start + g_utf8_strlen (quote, -1);
            }
        }
      if (found.kind == CLIPPER_ANCHOR_ORPHAN && !ctx->foreign)
        {
          keep_unread (imp, ctx, fh->line, "Clipper could not place this quote in the article", fh->raw);
          return TRUE;
        }
      if (found.kind == CLIPPER_ANCHOR_ORPHAN)
        clipper_import_result_add_notice (imp->result,
                                          "'%s', line %u: this library's text of the article does "
                                          "not hold the passage of another library's highlight; "
                                          "kept as an orphan", ctx->name, fh->line);
      else
        {
          for (guint i = 0; ctx->foreign && i < library->len; i++)
            {
              ClipperHighlight *same = g_ptr_array_index (library, i);

              if (clipper_highlight_get_anchored (same)
                  && clipper_highlight_get_start (same) == found.start
                  && clipper_highlight_get_end (same) == found.end
                  && !g_hash_table_contains (claimed, same))
                {
                  g_hash_table_add (claimed, same);
                  return merge_foreign (imp, ctx, same, fh, error);
                }
            }
          /* The text's own wording, as the reader would have saved it. */
          exact = clipper_anchor_text_slice (at->text, found.start, found.end);
          clipper_anchor_text_context (at->text, found.start, found.end, &prefix, &suffix);
          clipper_highlight_set_quote (h, exact);
          clipper_highlight_set_prefix (h, prefix);
          clipper_highlight_set_suffix (h, suffix);
          clipper_highlight_set_range (h, found.start, found.end);
          clipper_highlight_set_anchored (h, TRUE);
          clipper_highlight_set_offsets_from (h, CLIPPER_OFFSETS_TEXT);
        }
    }
  if (!clipper_store_add_highlight (imp->store, h, error))
    return refused (imp, ctx, fh->line, error);
  imp->result->highlights_added++;
  return TRUE;
}

/* The file's quote as text; NULL (and a notice) when there is none. */
static char *
quote_of (Importer *imp, FileContext *ctx, FileHighlight *fh)
{
  g_autofree char *quote = quote_text (fh->quote_md);
  g_autofree char *trimmed = g_strstrip (g_strdup (quote));

  if (*trimmed == '\0')
    {
      clipper_import_result_add_notice (imp->result, "'%s', line %u: an empty quote; left out", ctx->name, fh->line);
      return NULL;
    }
  return g_steal_pointer (&quote);
}

static void
anchor_text_clear (ArticleText *at)
{
  g_clear_pointer (&at->text, clipper_anchor_text_free);
  g_clear_pointer (&at->plain, g_free);
}

/* The library's highlight a file's highlight stands for, among those with
 * its block id (several highlights can share one in files exported before
 * clipper_export_block_id(): the first eight digits of version 7 UUIDs
 * made in the same minute are the same).  With @by_quote,
 * only one with the same quote; else the first not taken yet (both lists
 * are in text order). */
static ClipperHighlight *
claim_highlight (GPtrArray *same, GHashTable *claimed, FileHighlight *fh, gboolean by_quote)
{
  for (guint i = 0; same != NULL && i < same->len; i++)
    {
      ClipperHighlight *h = g_ptr_array_index (same, i);

      if (g_hash_table_contains (claimed, h)
          || (by_quote && !same_text (clipper_highlight_get_quote (h), fh->quote_md, TRUE)))
        continue;
      g_hash_table_add (claimed, h);
      return h;
    }
  return NULL;
}

/* Whether one of @same has @fh's quote. */
static gboolean
has_quote (GPtrArray *same, FileHighlight *fh)
{
  for (guint i = 0; i < same->len; i++)
    if (same_text (clipper_highlight_get_quote (g_ptr_array_index (same, i)), fh->quote_md, TRUE))
      return TRUE;
  return FALSE;
}

static void
add_to_block (GHashTable *by_block, const char *block_id, ClipperHighlight *h)
{
  GPtrArray *same = g_hash_table_lookup (by_block, block_id);

  if (same == NULL)
    {
      same = g_ptr_array_new ();
      g_hash_table_insert (by_block, g_strdup (block_id), same);
    }
  g_ptr_array_add (same, h);
}

/* The highlights Clipper wrote into the file (the manifest's marks) that
 * are no longer in it and that the library still has: deleted in the
 * file, most likely.  An import never deletes (a file cut short, or
 * written by an editor that lost a block, must not delete highlights),
 * so they are said, by file and block id: the next export writes them
 * back.  @present: the UUIDs of the library's highlights the file has. */
static void
report_removed (Importer *imp, FileContext *ctx, GHashTable *by_block, GHashTable *present)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  g_autoptr (GString) named = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key;
  guint removed = 0;

  g_hash_table_iter_init (&iter, ctx->marks);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, key);
  g_ptr_array_sort (ids, compare_strings);
  for (guint i = 0; i < ids->len; i++)
    {
      const char *block_id = g_ptr_array_index (ids, i);
      GPtrArray *same = g_hash_table_lookup (by_block, block_id);

      for (guint k = 0; same != NULL && k < same->len; k++)
        if (!g_hash_table_contains (present, clipper_highlight_get_uuid (g_ptr_array_index (same, k))))
          {
            g_string_append_printf (named, "%s^%s", removed > 0 ? ", " : "", block_id);
            removed++;
          }
    }
  if (removed == 0)
    return;
  imp->result->removed_in_file += removed;
  clipper_import_result_add_notice (imp->result,
                                    removed == 1 ? "%u highlight removed from '%s' is still in Clipper (%s); "
                                                   "delete it there, or the next export writes it back"
                                                 : "%u highlights removed from '%s' are still in Clipper (%s); "
                                                   "delete them there, or the next export writes them back",
                                    removed, ctx->name, named->str);
}

static gboolean
import_into_article (Importer *imp, FileContext *ctx, gint64 article_id, gboolean is_new, GPtrArray *fhs,
                     GError **error)
{
  g_autoptr (GPtrArray) library = NULL;
  g_autoptr (GHashTable) by_block = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GHashTable) claimed = g_hash_table_new (NULL, NULL);
  g_autoptr (GHashTable) matches = g_hash_table_new (NULL, NULL);   /* FileHighlight → ClipperHighlight */
  g_autoptr (GHashTable) present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ClipperHighlightQuery query = { 0 };
  ArticleText at = { is_new, NULL, NULL };
  gboolean ok = FALSE;

  /* A file as Clipper left it says nothing the library does not know
   * (a highlight deleted since is not "missing" from the library). */
  if (ctx->untouched && !is_new)
    return TRUE;

  query.article_id = article_id;
  library = clipper_store_list_highlights (imp->store, &query, error);
  if (library == NULL)
    return FALSE;
  for (guint i = 0; i < library->len; i++)
    {
      ClipperHighlight *h = g_ptr_array_index (library, i);
      const char *uuid = clipper_highlight_get_uuid (h);
      g_autofree char *block_id = clipper_export_block_id (uuid);
      g_autofree char *old_block_id = clipper_export_old_block_id (uuid);

      /* Files exported before the block id became the UUID's last digits
       * name the highlight by its first ones.  Not another library's: its
       * files are newer than that, and the first digits of this library's
       * highlights (their minute of making) are no name of its. */
      add_to_block (by_block, block_id, h);
      if (!ctx->foreign && !g_str_equal (old_block_id, block_id))
        add_to_block (by_block, old_block_id, h);
    }

  /* A quote typed into a highlight's note ends the note, and the tags line
   * below then reads as the typed quote's.  It is the highlight's above
   * when that one has the block id's quote and the typed one has not. */
  for (guint i = 1; i < fhs->len; i++)
    {
      FileHighlight *fh = g_ptr_array_index (fhs, i);
      GPtrArray *same = fh->block_id != NULL ? g_hash_table_lookup (by_block, fh->block_id) : NULL;

      if (same == NULL || has_quote (same, fh))
        continue;
      for (guint j = i; j > 0; j--)
        {
          FileHighlight *above = g_ptr_array_index (fhs, j - 1);

          if (above->block_id != NULL)
            break;
          if (has_quote (same, above))
            {
              GPtrArray *tags = above->tags;

              above->block_id = g_steal_pointer (&fh->block_id);
              above->color_tag = g_steal_pointer (&fh->color_tag);
              above->tags = fh->tags;
              fh->tags = tags;
              break;
            }
        }
    }

  /* Same block id and quote first, so that a quote edited in one highlight
   * cannot take the place of another sharing its block id. */
  for (guint i = 0; i < fhs->len; i++)
    {
      FileHighlight *fh = g_ptr_array_index (fhs, i);
      ClipperHighlight *h;

      if (fh->block_id != NULL
          && (h = claim_highlight (g_hash_table_lookup (by_block, fh->block_id), claimed, fh, TRUE)) != NULL)
        g_hash_table_insert (matches, fh, h);
    }

  for (guint i = 0; i < fhs->len; i++)
    {
      FileHighlight *fh = g_ptr_array_index (fhs, i);
      g_autofree char *quote = NULL;
      g_autofree char *uuid = NULL;
      g_autoptr (ClipperHighlight) by_uuid = NULL;
      ClipperHighlight *h = NULL;

      if (fh->block_id != NULL)
        {
          h = g_hash_table_lookup (matches, fh);
          if (h == NULL)
            h = claim_highlight (g_hash_table_lookup (by_block, fh->block_id), claimed, fh, FALSE);
          if (h != NULL)
            {
              g_hash_table_add (present, g_strdup (clipper_highlight_get_uuid (h)));
              if (!update_existing (imp, ctx, h, fh, error))
                goto out;
              continue;
            }
          if (!is_new && !ctx->foreign)
            {
              /* Deleted in Clipper, most likely: an import never brings back
               * what the library removed.  (Another library's highlight is
               * one this library never had: it comes in below.) */
              clipper_import_result_add_notice (imp->result,
                                                "'%s': ^%s is not in the library (deleted there?); left out",
                                                ctx->name, fh->block_id);
              continue;
            }
        }

      quote = quote_of (imp, ctx, fh);
      if (quote == NULL)
        continue;
      uuid = derived_uuid (ctx->fm->clipper_id, fh->block_id, quote);
      by_uuid = clipper_store_get_highlight_by_uuid (imp->store, uuid, NULL);
      if (by_uuid != NULL && clipper_highlight_get_article_id (by_uuid) == article_id)
        {
          g_hash_table_add (present, g_strdup (clipper_highlight_get_uuid (by_uuid)));
          if (!update_existing (imp, ctx, by_uuid, fh, error))
            goto out;
          continue;
        }
      if (by_uuid != NULL)
        {
          /* Only a file made up to collide gets here. */
          clipper_import_result_add_notice (imp->result, "'%s', line %u: the highlight's id belongs to another "
                                            "article; left out", ctx->name, fh->line);
          continue;
        }
      /* A tags line deleted with its block id leaves a highlight the
       * library has: its quote tells, and it is not added twice.  So does
       * a passage both libraries highlighted. */
      h = fh->block_id == NULL || ctx->foreign ? claim_highlight (library, claimed, fh, TRUE)
                                               : NULL;
      if (h != NULL)
        {
          g_hash_table_add (present, g_strdup (clipper_highlight_get_uuid (h)));
          if (!(ctx->foreign ? merge_foreign (imp, ctx, h, fh, error)
                             : update_existing (imp, ctx, h, fh, error)))
            goto out;
          continue;
        }
      if (!add_hand_quote (imp, ctx, article_id, fh, quote, uuid, &at, library, claimed, error))
        goto out;
    }
  if (!is_new && !ctx->foreign && ctx->marks != NULL)
    report_removed (imp, ctx, by_block, present);
  ok = TRUE;

out:
  anchor_text_clear (&at);
  return ok;
}

/* Whether @mark, the manifest's record of the tags Clipper wrote into a
 * front matter, is that of @slugs (the tags @array or @tags hold).  A
 * manifest written before the front matter's tags were written as slugs
 * (30 November 2026) recorded them by clipper_tag_key(), which tells
 * "reading list" from "reading-list": both are taken, or a tag edited in
 * such a vault would pass for a change made on both sides. */
static gboolean
is_tags_mark (const char *mark, GPtrArray *slugs, GPtrArray *array, const char *const *tags)
{
  g_autofree char *fp = tags_fingerprint (slugs);
  g_autoptr (GPtrArray) keys = NULL;
  g_autofree char *key_fp = NULL;

  if (g_str_equal (fp, mark))
    return TRUE;
  keys = key_set (tags, array, clipper_tag_key);
  key_fp = tags_fingerprint (keys);
  return g_str_equal (key_fp, mark);
}

/* The article's tags as the front matter lists them (Obsidian's
 * Properties edit them there), by the rule of a highlight's fields: the
 * file's change comes in when the library did not change the tags since
 * Clipper wrote the file; when both changed, the library's stay and the
 * file's go into a callout (@ctx->kept).  Without the manifest's record of
 * what Clipper wrote, a tag the file adds is added, and one it lacks is
 * said but stays: the file may only be older than the library. */
static gboolean
update_article_tags (Importer *imp, FileContext *ctx, gint64 article_id, GError **error)
{
  g_autoptr (ClipperArticle) article = NULL;
  g_autoptr (GPtrArray) in_file = slug_set (NULL, ctx->fm->tags);
  g_autoptr (GPtrArray) in_library = NULL;
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GStrvBuilder) add = g_strv_builder_new ();
  g_autoptr (GStrvBuilder) remove = g_strv_builder_new ();
  g_auto (GStrv) adding = NULL;
  g_auto (GStrv) removing = NULL;
  const char *const *library;
  gboolean ok;

  /* A front matter without the key says nothing of the tags (a key the
   * user deleted is written again by the next export). */
  if (!ctx->fm->has_tags)
    return TRUE;
  /* As Clipper wrote them: whatever the library did since is its own
   * (and the article need not be read, as for most files). */
  if (ctx->tags_mark != NULL && is_tags_mark (ctx->tags_mark, in_file, ctx->fm->tags, NULL))
    return TRUE;
  article = clipper_store_get_article (imp->store, article_id, error);
  if (article == NULL)
    return FALSE;
  library = clipper_article_get_tags (article);
  in_library = slug_set (library, NULL);
  /* No clipper-tags at all: the property deleted in Obsidian, where it
   * reads as noise.  The tags only it holds (digits alone, no Obsidian
   * tag) went with it without a word, while the others stayed through
   * tags:; they are taken as still there.  Taken out of a clipper-tags
   * the file has, one is still removed. */
  if (ctx->fm->tag_names == NULL)
    {
      g_autoptr (GPtrArray) kept = g_ptr_array_new ();

      for (guint i = 0; i < ctx->fm->tags->len; i++)
        g_ptr_array_add (kept, g_ptr_array_index (ctx->fm->tags, i));
      for (guint i = 0; library != NULL && library[i] != NULL; i++)
        {
          g_autofree char *key = clipper_export_tag_slug (library[i]);

          if (!clipper_export_slug_is_tag (key))
            g_ptr_array_add (kept, (gpointer) library[i]);
        }
      g_ptr_array_unref (in_file);
      in_file = slug_set (NULL, kept);
    }
  if (same_strings (in_file, in_library))
    return TRUE;

  if (ctx->tags_mark != NULL)
    {
      if (!is_tags_mark (ctx->tags_mark, in_library, NULL, library))
        {
          imp->result->conflicts++;
          imp->result->article_tag_conflicts++;
          clipper_import_result_add_notice (imp->result,
                                            "'%s': the article's tags changed both in the front matter and in the "
                                            "library; the library's are kept%s",
                                            ctx->name,
                                            ctx->kept != NULL ? ", the file's are written below Clipper's section"
                                                              : ", the file's are still in the file");
          if (ctx->kept != NULL)
            {
              g_string_append (ctx->kept, "> [!note] Clipper kept its own tags of this article; what the front "
                                          "matter said:\n> tags:");
              if (ctx->fm->tags->len == 0)
                g_string_append (ctx->kept, " (none)");
              for (guint i = 0; i < ctx->fm->tags->len; i++)
                g_string_append_printf (ctx->kept, "%s %s", i > 0 ? "," : "",
                                        (const char *) g_ptr_array_index (ctx->fm->tags, i));
              g_string_append (ctx->kept, "\n\n");
            }
          return TRUE;
        }
    }

  for (guint i = 0; i < ctx->fm->tags->len; i++)
    {
      const char *written = g_ptr_array_index (ctx->fm->tags, i);
      char *key = clipper_export_tag_slug (written);
      const char *name;

      if (g_ptr_array_find_with_equal_func (in_library, key, g_str_equal, NULL)
          || g_ptr_array_find_with_equal_func (seen, key, g_str_equal, NULL))
        {
          g_free (key);
          continue;
        }
      g_ptr_array_add (seen, key);
      if (add_exact_names (ctx->fm->tag_names, key, add))
        continue;
      name = article_tag_name (imp, written, error);
      if (name == NULL)
        return FALSE;
      g_strv_builder_add (add, name);
    }
  for (guint i = 0; library != NULL && library[i] != NULL; i++)
    {
      g_autofree char *key = clipper_export_tag_slug (library[i]);

      if (g_ptr_array_find_with_equal_func (in_file, key, g_str_equal, NULL))
        continue;
      if (ctx->tags_mark != NULL)
        g_strv_builder_add (remove, library[i]);
      /* Another library's file need not have this library's tags. */
      else if (!ctx->foreign)
        clipper_import_result_add_notice (imp->result,
                                          "'%s': the front matter does not list the article's tag '%s'; it is "
                                          "kept, as the vault does not say whether the file or the library is "
                                          "newer (remove it in Clipper)",
                                          ctx->name, library[i]);
    }
  adding = g_strv_builder_end (add);
  removing = g_strv_builder_end (remove);
  if (adding[0] == NULL && removing[0] == NULL)
    return TRUE;
  ok = (adding[0] == NULL || clipper_store_tag_article (imp->store, article_id, (const char *const *) adding, error))
       && (removing[0] == NULL
           || clipper_store_untag_article (imp->store, article_id, (const char *const *) removing, error));
  if (!ok)
    {
      if (error == NULL || *error == NULL
          || !g_error_matches (*error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_INVALID))
        return FALSE;
      clipper_import_result_add_notice (imp->result, "'%s': the article's tags in the front matter: %s; left as "
                                        "they were", ctx->name, (*error)->message);
      g_clear_error (error);
      return TRUE;
    }
  imp->result->article_tags_updated++;
  return TRUE;
}

static gboolean
same_position (double a, double b)
{
  g_autofree char *x = clipper_export_format_position (a);
  g_autofree char *y = clipper_export_format_position (b);

  return g_strcmp0 (x, y) == 0;
}

/* The article's star, read state and reading position as the front matter
 * gives them (starred, read, archived: Obsidian's checkboxes), each by the
 * rule of a highlight's fields: with the manifest's record of what Clipper
 * wrote (@ctx->state_mark), the file's change comes in when the library
 * did not change that field since; when both changed it differently, the
 * library's stays and the file's goes into a callout (@ctx->kept).
 * Without that record, the file may be older than the library, or be
 * another library's: a star it has is added, a read state further on
 * (unread, read, archived) is taken, a position only where the library
 * has none; what it says against the library is said, not taken.  A
 * field whose key has a value it cannot have (fm->bad_fields) is left as
 * the library has it. */
static gboolean
update_article_state (Importer *imp, FileContext *ctx, gint64 article_id, GError **error)
{
  FrontMatter *fm = ctx->fm;
  g_autoptr (ClipperArticle) article = NULL;
  g_autofree char *in_file = state_mark (fm->starred, read_state_of (fm), fm->position);
  ClipperReadState file_state = read_state_of (fm);
  ClipperReadState lib_state;
  gboolean lib_starred, changed = FALSE, conflict = FALSE;
  double lib_position;

  /* Nothing changed in the file since Clipper wrote it. */
  if (ctx->state_mark != NULL && g_str_equal (ctx->state_mark, in_file))
    return TRUE;
  /* A file from before the state was written says nothing of it. */
  if (ctx->state_mark == NULL && !fm->has_state)
    return TRUE;
  article = clipper_store_get_article (imp->store, article_id, error);
  if (article == NULL)
    return FALSE;
  lib_starred = clipper_article_get_starred (article);
  lib_state = clipper_article_get_read_state (article);
  lib_position = clipper_article_get_reading_position (article);

  if (ctx->state_mark != NULL)
    {
      gboolean written_starred = ctx->state_mark[0] == 's';
      const char *states = "ura";
      const char *at = strchr (states, ctx->state_mark[1]);
      ClipperReadState written_state = at != NULL ? (ClipperReadState) (at - states) : lib_state;
      double written = 0.0;

      if (strlen (ctx->state_mark) > 3)
        clipper_export_parse_position (ctx->state_mark + 3, &written);
      if (!(fm->bad_fields & BAD_STAR) && fm->starred != written_starred && fm->starred != lib_starred)
        {
          if (lib_starred == written_starred)
            {
              clipper_article_set_starred (article, fm->starred);
              changed = TRUE;
            }
          else
            conflict = TRUE;
        }
      if (!(fm->bad_fields & BAD_STATE) && file_state != written_state && file_state != lib_state)
        {
          if (lib_state == written_state)
            {
              clipper_article_set_read_state (article, file_state);
              changed = TRUE;
            }
          else
            conflict = TRUE;
        }
      if (!(fm->bad_fields & BAD_POSITION) && !same_position (fm->position, written)
          && !same_position (fm->position, lib_position))
        {
          if (same_position (lib_position, written))
            {
              clipper_article_set_reading_position (article, fm->position);
              changed = TRUE;
            }
          else
            conflict = TRUE;
        }
      if (conflict)
        {
          g_autofree char *position = clipper_export_format_position (fm->position);

          imp->result->conflicts++;
          imp->result->article_state_conflicts++;
          clipper_import_result_add_notice (imp->result,
                                            "'%s': the article's star, read state or reading position changed both "
                                            "in the front matter and in the library; the library's is kept%s",
                                            ctx->name,
                                            ctx->kept != NULL ? ", the file's is written below Clipper's section"
                                                              : ", the file's is still in the file");
          if (ctx->kept != NULL)
            g_string_append_printf (ctx->kept,
                                    "> [!note] Clipper kept its own state of this article; what the front matter "
                                    "said:\n> starred: %s, read: %s, archived: %s, clipper-position: %s\n\n",
                                    fm->starred ? "true" : "false", fm->read || fm->archived ? "true" : "false",
                                    fm->archived ? "true" : "false", position != NULL ? position : "0");
        }
    }
  else
    {
      g_autoptr (GString) against = g_string_new (NULL);

      if (fm->starred && !lib_starred && !(fm->bad_fields & BAD_STAR))
        {
          clipper_article_set_starred (article, TRUE);
          changed = TRUE;
        }
      else if (!fm->starred && lib_starred && !(fm->bad_fields & BAD_STAR))
        g_string_append (against, ", not starred");
      if (file_state > lib_state && !(fm->bad_fields & BAD_STATE))
        {
          clipper_article_set_read_state (article, file_state);
          changed = TRUE;
        }
      else if (file_state < lib_state && !(fm->bad_fields & BAD_STATE))
        g_string_append (against, file_state == CLIPPER_READ_STATE_UNREAD ? ", unread" : ", not archived");
      if (lib_position <= 0.0 && fm->position > 0.0)
        {
          clipper_article_set_reading_position (article, fm->position);
          changed = TRUE;
        }
      /* Another library's file need not agree with this library. */
      if (against->len > 0 && !ctx->foreign)
        clipper_import_result_add_notice (imp->result,
                                          "'%s': the front matter says the article is %s; the library's state is "
                                          "kept, as the vault does not say whether the file or the library is "
                                          "newer (change it in Clipper)",
                                          ctx->name, against->str + 2);
    }
  if (!changed)
    return TRUE;
  if (!clipper_store_update_article (imp->store, article, error))
    return FALSE;
  imp->result->article_states_updated++;
  return TRUE;
}

/* The lines Clipper writes above the first quote for the article of
 * @article_id, blank lines left out, unescaped (so that a file written
 * when the escaping differed still matches): its title and excerpt (cut
 * when long, and whole), and the title as the file's front matter has it
 * (the heading Clipper wrote with it, before the article was renamed in
 * the library). */
static GPtrArray *
head_lines_of (Importer *imp, FileContext *ctx, gint64 article_id, GError **error)
{
  g_autoptr (ClipperArticle) article = clipper_store_get_article (imp->store, article_id, error);
  GPtrArray *expected;

  if (article == NULL)
    return NULL;
  expected = g_ptr_array_new_with_free_func (g_free);
  for (guint round = 0; round < 2; round++)
    {
      g_autofree char *md = NULL;
      g_autofree char *section = NULL;
      g_auto (GStrv) lines = NULL;

      if (round == 1)
        {
          if (ctx->fm->title == NULL)
            break;
          clipper_article_set_title (article, ctx->fm->title);
        }
      md = clipper_markdown_render_article (article, NULL, NULL, NULL);
      section = md != NULL ? dup_section (md) : NULL;
      if (section == NULL)
        continue;
      lines = split_section (section);
      for (guint k = 0; lines[k] != NULL; k++)
        if (!is_blank (lines[k]))
          g_ptr_array_add (expected, unescape_markdown (lines[k]));
    }
  /* The excerpt whole, as Clipper wrote it before it cut long ones (30
   * November 2026): its line is Clipper's too. */
  if (clipper_article_get_excerpt (article) != NULL)
    {
      g_auto (GStrv) lines = g_strsplit (clipper_article_get_excerpt (article), "\n", -1);

      for (guint k = 0; lines[k] != NULL; k++)
        if (!is_blank (lines[k]))
          g_ptr_array_add (expected, g_strchomp (g_strdup (lines[k])));
    }
  return expected;
}

/* The lines above the first quote that Clipper did not write there: kept
 * (see keep_unread()), a run of them at a time.  Clipper's own lines are
 * matched in their order, so a line added above, between or below them
 * stands out, and so does a heading or an excerpt edited in the file. */
static gboolean
keep_head (Importer *imp, FileContext *ctx, gint64 article_id, UnreadLines *u, GError **error)
{
  g_autoptr (GPtrArray) expected = head_lines_of (imp, ctx, article_id, error);
  g_auto (GStrv) lines = NULL;
  guint next = 0;   /* the first of Clipper's lines not yet seen */
  gint first = -1;  /* the run of the user's lines: where it starts */
  guint last = 0;   /* and ends */

  if (expected == NULL)
    return FALSE;
  lines = g_strsplit (u->raw, "\n", -1);
  for (guint k = 0;; k++)
    {
      gboolean clippers = FALSE;

      if (lines[k] != NULL && is_blank (lines[k]))
        continue;
      if (lines[k] != NULL)
        {
          g_autofree char *chomped = g_strchomp (g_strdup (lines[k]));
          g_autofree char *line = unescape_markdown (chomped);

          for (guint j = next; !clippers && j < expected->len; j++)
            if (g_str_equal (line, g_ptr_array_index (expected, j)))
              {
                next = j + 1;
                clippers = TRUE;
              }
        }
      if ((lines[k] == NULL || clippers) && first >= 0)
        {
          g_autofree char *raw = join_lines (lines, (guint) first, last + 1);

          keep_unread (imp, ctx, u->line + (guint) first,
                       "Text above the first highlight in Clipper's section is not read (the title and excerpt "
                       "go there)", raw);
          first = -1;
        }
      if (lines[k] == NULL)
        break;
      if (!clippers)
        {
          if (first < 0)
            first = (gint) k;
          last = k;
        }
    }
  return TRUE;
}

/* The excerpt of a file's article: the lines above its first quote after
 * the title's heading (as the exporter escaped them). */
static char *
excerpt_of (GPtrArray *unread)
{
  UnreadLines *head = unread->len > 0 ? g_ptr_array_index (unread, 0) : NULL;
  g_auto (GStrv) lines = NULL;
  g_autofree char *md = NULL;
  guint first = 0, n;

  if (head == NULL || head->kind != UNREAD_HEAD)
    return NULL;
  lines = g_strsplit (head->raw, "\n", -1);
  n = g_strv_length (lines);
  while (first < n && is_blank (lines[first]))
    first++;
  if (first < n && g_str_has_prefix (lines[first], "# "))
    first++;
  md = note_of_lines (lines + first, n - first);
  return *md != '\0' ? unescape_markdown (md) : NULL;
}

static gboolean
add_article (Importer *imp, FileContext *ctx, const char *excerpt, gint64 *out_id, GError **error)
{
  g_autoptr (ClipperArticle) article = clipper_article_new ();
  FrontMatter *fm = ctx->fm;
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) tags = NULL;

  for (guint i = 0; i < fm->tags->len; i++)
    {
      const char *written = g_ptr_array_index (fm->tags, i);
      const char *name;

      /* A slug clipper-tags names gives each of its names, once. */
      if (fm->tag_names != NULL)
        {
          char *slug = clipper_export_tag_slug (written);

          if (g_ptr_array_find_with_equal_func (seen, slug, g_str_equal, NULL))
            {
              g_free (slug);
              continue;
            }
          g_ptr_array_add (seen, slug);
          if (add_exact_names (fm->tag_names, slug, names))
            continue;
        }
      name = article_tag_name (imp, written, error);
      if (name == NULL)
        return FALSE;
      g_strv_builder_add (names, name);
    }
  tags = g_strv_builder_end (names);
  clipper_article_set_url (article, fm->url);
  clipper_article_set_title (article, fm->title != NULL && *fm->title != '\0' ? fm->title : fm->url);
  clipper_article_set_byline (article, fm->author);
  clipper_article_set_site_name (article, fm->site);
  clipper_article_set_published_time (article, fm->published);
  clipper_article_set_excerpt (article, excerpt);
  clipper_article_set_saved_at (article, clipper_export_parse_time (fm->saved));
  clipper_article_set_tags (article, (const char *const *) tags);
  clipper_article_set_starred (article, fm->starred);
  clipper_article_set_read_state (article, read_state_of (fm));
  clipper_article_set_reading_position (article, fm->position);
  if (!clipper_store_add_article (imp->store, article, NULL, error))
    return FALSE;
  *out_id = clipper_article_get_id (article);
  if (imp->result->articles_added++ == 0)
    imp->result->first_article_added = *out_id;
  return TRUE;
}

/* The article's tags mark (clipper_markdown_tags_mark()) for the manifest
 * after the import, by the rule of record_taken(): the tags and each field
 * of the state as the file has them where the library now holds the same,
 * else as Clipper wrote them.  NULL: nothing to record. */
static char *
tags_mark_taken (FileContext *ctx, ClipperArticle *article)
{
  FrontMatter *fm = ctx->fm;
  g_autoptr (GPtrArray) in_file = slug_set (NULL, fm->tags);
  g_autoptr (GPtrArray) in_library = slug_set (clipper_article_get_tags (article), NULL);
  g_autofree char *file_tags = tags_fingerprint (in_file);
  gboolean same_tags = same_strings (in_file, in_library);
  ClipperReadState file_state = read_state_of (fm);
  gboolean same_star = fm->starred == clipper_article_get_starred (article);
  gboolean same_state = file_state == clipper_article_get_read_state (article);
  gboolean same_place = same_position (fm->position, clipper_article_get_reading_position (article));
  g_autofree char *state = NULL;

  if (ctx->tags_mark == NULL)
    {
      if (!same_tags || !same_star || !same_state || !same_place)
        return NULL;
      state = state_mark (fm->starred, file_state, fm->position);
      return g_strconcat (file_tags, " ", state, NULL);
    }
  if (ctx->state_mark == NULL)
    {
      /* A manifest from before the state was written: the state is
       * recorded when the library holds all of it as the file. */
      if (same_star && same_state && same_place)
        state = state_mark (fm->starred, file_state, fm->position);
    }
  else
    {
      static const char states[] = "ura";
      const char *at = ctx->state_mark[1] != '\0' ? strchr (states, ctx->state_mark[1]) : NULL;
      double written = 0.0;

      if (strlen (ctx->state_mark) > 3)
        clipper_export_parse_position (ctx->state_mark + 3, &written);
      state = state_mark (same_star ? fm->starred : ctx->state_mark[0] == 's',
                          same_state || at == NULL ? file_state : (ClipperReadState) (at - states),
                          same_place ? fm->position : written);
    }
  return g_strjoin (state != NULL ? " " : NULL, same_tags ? file_tags : ctx->tags_mark, state, NULL);
}

/* What the vault's manifest is to remember of a file this import read
 * (into @imp->taken): each field of a highlight (note, tags, colour, and
 * its quote) as the file has it where the library now holds the same,
 * taken in or changed alike on both sides; as Clipper wrote it where they
 * still differ (a conflict, a change the store refused, the library's own
 * change), so that the next export or import sees that difference and no
 * other.  The same for the article's tags and each field of its state.  A
 * highlight the manifest had no marks of gets them only when the library
 * holds all three fields as the file does.  Without this, a note taken in
 * from the file read, at the next export, as changed in the file since
 * Clipper wrote it, and a change of it in the library since the import as
 * a conflict. */
static gboolean
record_taken (Importer   *imp,
              FileContext *ctx,
              gint64      article_id,
              GPtrArray  *fhs,
              const char *marks_text,
              const char *quotes_text,
              const char *tags_text,
              GError    **error)
{
  g_autoptr (GByteArray) marks = g_byte_array_new ();
  g_autoptr (GByteArray) quotes = g_byte_array_new ();
  g_autoptr (ClipperArticle) article = NULL;
  g_autofree char *new_marks = NULL;
  g_autofree char *new_quotes = NULL;
  g_autofree char *new_tags = NULL;
  ClipperVaultTaken *taken;

  for (guint i = 0; i < fhs->len; i++)
    {
      FileHighlight *fh = g_ptr_array_index (fhs, i);
      const Agreed *agreed = g_hash_table_lookup (ctx->agreed, fh);
      const FieldMarks *was = NULL;
      const QuoteMark *quote_was = NULL;
      FieldMarks in_file, m;

      if (fh->block_id == NULL)
        continue;
      if (ctx->marks != NULL && (was = g_hash_table_lookup (ctx->marks, fh->block_id)) != NULL && was->ambiguous)
        was = NULL;
      if (ctx->quotes != NULL && (quote_was = g_hash_table_lookup (ctx->quotes, fh->block_id)) != NULL
          && quote_was->ambiguous)
        quote_was = NULL;
      field_marks_of (fh, &in_file);
      if (agreed == NULL)
        {
          /* Not read (not matched, or refused): as before. */
          if (was != NULL)
            append_marks (marks, fh->block_id, was);
          if (quote_was != NULL)
            {
              append_be32 (quotes, block_number (fh->block_id));
              append_be32 (quotes, quote_was->quote);
            }
          continue;
        }
      if (was != NULL
          || (in_file.note == agreed->library.note && in_file.tags == agreed->library.tags
              && in_file.color == agreed->library.color))
        {
          m.note = in_file.note == agreed->library.note ? in_file.note : was->note;
          m.tags = in_file.tags == agreed->library.tags ? in_file.tags : was->tags;
          m.color = in_file.color == agreed->library.color ? in_file.color : was->color;
          append_marks (marks, fh->block_id, &m);
        }
      if (agreed->same_quote || quote_was != NULL)
        {
          append_be32 (quotes, block_number (fh->block_id));
          append_be32 (quotes, agreed->same_quote ? quote_mark_of (fh) : quote_was->quote);
        }
    }

  article = clipper_store_get_article (imp->store, article_id, error);
  if (article == NULL)
    return FALSE;
  new_tags = tags_mark_taken (ctx, article);
  /* Empty, as the export writes them for a file without highlights, or
   * none. */
  if (marks->len > 0 || marks_text != NULL)
    new_marks = g_base64_encode (marks->data, marks->len);
  if (quotes->len > 0 || quotes_text != NULL)
    new_quotes = g_base64_encode (quotes->data, quotes->len);
  if (g_strcmp0 (new_marks, marks_text) == 0 && g_strcmp0 (new_quotes, quotes_text) == 0
      && g_strcmp0 (new_tags, tags_text) == 0)
    return TRUE;

  taken = g_new0 (ClipperVaultTaken, 1);
  taken->marks = g_steal_pointer (&new_marks);
  taken->quotes = g_steal_pointer (&new_quotes);
  taken->tags = g_steal_pointer (&new_tags);
  taken->read_marks = g_strdup (marks_text);
  taken->read_quotes = g_strdup (quotes_text);
  taken->read_tags = g_strdup (tags_text);
  g_hash_table_replace (imp->taken, g_strdup (ctx->name), taken);
  return TRUE;
}

static void
add_broken (Importer *imp, guint index, const char *name, const char *problem)
{
  imp->result->files_skipped++;
  g_ptr_array_add (imp->result->broken_files, g_strdup (name));
  clipper_import_result_add_problem (imp->result, index, "'%s': %s; skipped", name, problem);
}

static gboolean
import_one_file (Importer   *imp,
            guint       index,
            const char *name,
            const char *contents,
            gsize       len,
            gint64      file_mtime,
            gint64      written_at,
            gboolean    untouched,
            gboolean    as_written,
            const char *marks_text,
            const char *quotes_text,
            const char *tags_mark,
            GString    *kept,
            gboolean    foreign_vault,
            GError    **error)
{
  g_autoptr (FrontMatter) fm = NULL;
  g_autoptr (GPtrArray) fhs = NULL;
  g_autoptr (GPtrArray) unread = NULL;
  g_autofree char *problem = NULL;
  g_autofree char *section = NULL;
  g_autofree char *tags_only = NULL;
  const char *space = tags_mark != NULL ? strchr (tags_mark, ' ') : NULL;
  g_auto (FileContext) ctx = { name, NULL, file_mtime, written_at, untouched, decode_marks (marks_text), tags_mark,
                               NULL, kept, NULL, FALSE, decode_quote_marks (quotes_text), NULL };
  const char *body, *begin, *end;
  guint first_line = 1;
  gint64 article_id;
  gboolean is_new = FALSE;
  guint added_before = imp->result->highlights_added;

  if (memchr (contents, '\0', len) != NULL || !g_utf8_validate (contents, (gssize) len, NULL))
    {
      /* Only a broken Clipper file is worth a report; anything else is
       * someone else's file. */
      if (g_strstr_len (contents, (gssize) MIN (len, G_MAXSSIZE), "clipper-id:") != NULL)
        add_broken (imp, index, name, "it is not UTF-8 text");
      else
        imp->result->files_skipped++;
      return TRUE;
    }
  if (g_str_has_prefix (contents, "\xef\xbb\xbf"))
    contents += 3;

  switch (parse_front_matter (contents, &body, &fm, &problem))
    {
    case FRONT_NOT_CLIPPER:
      imp->result->files_skipped++;
      return TRUE;
    case FRONT_BROKEN:
      add_broken (imp, index, name, problem);
      return TRUE;
    case FRONT_OK:
    default:
      break;
    }

  begin = strstr (body, CLIPPER_MARKDOWN_BEGIN_MARK);
  end = begin != NULL ? strstr (begin, CLIPPER_MARKDOWN_END_MARK) : NULL;
  if (end == NULL)
    {
      add_broken (imp, index, name, "Clipper's section (" CLIPPER_MARKDOWN_BEGIN_MARK " … "
                  CLIPPER_MARKDOWN_END_MARK ") is missing");
      return TRUE;
    }
  for (const char *p = contents; p < begin; p++)
    if (*p == '\n')
      first_line++;
  begin += strlen (CLIPPER_MARKDOWN_BEGIN_MARK);
  section = g_strndup (begin, end - begin);
  unread = g_ptr_array_new_with_free_func (unread_lines_free);
  fhs = parse_section (section, first_line, unread);

  ctx.fm = fm;
  /* The manifest keeps the state after the tags' fingerprint; one written
   * before the front matter had the state has the fingerprint alone. */
  if (space != NULL)
    {
      ctx.tags_mark = tags_only = g_strndup (tags_mark, space - tags_mark);
      ctx.state_mark = space + 1;
    }
  if (ctx.file_mtime < 0)
    ctx.file_mtime = g_get_real_time () / G_USEC_PER_SEC;
  imp->result->files_read++;

  /* Written by another library (the file says so; a file from before says
   * nothing, and then the vault's manifest does): its block ids name that
   * library's highlights, and what a manifest remembers of it is that
   * library's view, not this one's.  Every highlight is then read, and
   * one this library does not know is new here, not deleted here. */
  if (imp->library_id != NULL
      && (fm->library != NULL ? !g_str_equal (fm->library, imp->library_id) : foreign_vault))
    {
      ctx.foreign = TRUE;
      ctx.untouched = FALSE;
      ctx.written_at = -1;
      g_clear_pointer (&ctx.marks, g_hash_table_unref);
      g_clear_pointer (&ctx.quotes, g_hash_table_unref);
      ctx.tags_mark = NULL;
      ctx.state_mark = NULL;
      as_written = FALSE;
    }

  if (fm->bad_tag_names != NULL)
    {
      g_autoptr (GString) entries = g_string_new (NULL);

      for (guint i = 0; i < fm->bad_tag_names->len; i++)
        g_string_append_printf (entries, "%s\"%s\"", i > 0 ? ", " : "",
                                (const char *) g_ptr_array_index (fm->bad_tag_names, i));
      clipper_import_result_add_notice (imp->result,
                                        "'%s': the front matter's clipper-highlight-tags %s cannot be read (each is "
                                        "a block id and a tag, \"0a1b2c3d to do\"); those highlights' tags are "
                                        "read from their tags lines",
                                        name, entries->str);
    }

  if (fm->bad_state != NULL)
    {
      g_autoptr (GString) values = g_string_new (NULL);

      for (guint i = 0; i < fm->bad_state->len; i++)
        g_string_append_printf (values, "%s%s", i > 0 ? ", " : "", (const char *) g_ptr_array_index (fm->bad_state, i));
      clipper_import_result_add_notice (imp->result,
                                        "'%s': the front matter's %s cannot be read (starred, read and archived "
                                        "are true or false, clipper-position a number from 0 to 1); left as the "
                                        "library has it",
                                        name, values->str);
    }

  article_id = clipper_store_find_article_by_url (imp->store, fm->url, error);
  if (article_id < 0 || (article_id == 0 && error != NULL && *error != NULL))
    return FALSE;
  if (article_id == 0)
    {
      /* The excerpt Clipper wrote under the title: the only copy of it
       * there is (and taken, whatever the user added to it, the file's
       * lines above the first quote are the article's and stay so). */
      g_autofree char *excerpt = excerpt_of (unread);

      is_new = TRUE;
      if (!add_article (imp, &ctx, excerpt, &article_id, error))
        {
          g_autoptr (GError) refusal = NULL;

          if (error == NULL || *error == NULL
              || !(g_error_matches (*error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_INVALID)
                   || g_error_matches (*error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_DUPLICATE)))
            return FALSE;
          refusal = g_steal_pointer (error);
          imp->result->files_read--;
          add_broken (imp, index, name, refusal->message);
          return TRUE;
        }
      if (!import_into_article (imp, &ctx, article_id, TRUE, fhs, error))
        return FALSE;
    }
  else
    {
      /* A file of this library's vault with an entry in its manifest (one
       * written or found up to date by an export) and something of the
       * user's in it: what the import takes in is recorded there. */
      if (imp->taken != NULL && !ctx.foreign && !as_written && written_at >= 0)
        ctx.agreed = g_hash_table_new_full (NULL, NULL, NULL, g_free);
      imp->result->articles_existing++;
      if (!import_into_article (imp, &ctx, article_id, FALSE, fhs, error)
          || (!as_written && !update_article_tags (imp, &ctx, article_id, error))
          || (!as_written && !update_article_state (imp, &ctx, article_id, error))
          || (ctx.agreed != NULL && !record_taken (imp, &ctx, article_id, fhs, marks_text, quotes_text, tags_mark,
                                                 error)))
        return FALSE;
    }
  if (ctx.foreign && imp->result->highlights_added > added_before)
    {
      imp->result->foreign_highlights += imp->result->highlights_added - added_before;
      imp->result->foreign_articles++;
    }
  /* A file as Clipper wrote it has no lines of the user's there. */
  for (guint i = 0; !ctx.untouched && i < unread->len; i++)
    {
      UnreadLines *u = g_ptr_array_index (unread, i);

      switch (u->kind)
        {
        case UNREAD_HEAD:
          /* Another library's title and excerpt of the article may well
           * differ from this one's (fetched at another time): not the
           * user's lines, and that library's export keeps any that are. */
          if (!is_new && !ctx.foreign && !keep_head (imp, &ctx, article_id, u, error))
            return FALSE;
          break;
        case UNREAD_BELOW_TAGS:
          keep_unread (imp, &ctx, u->line,
                       "Text below a highlight's tags line is not read (a note goes between the quote and its "
                       "tags line)", u->raw);
          break;
        case UNREAD_RULE:
        default:
          keep_unread (imp, &ctx, u->line,
                       "Text after a '---' line in Clipper's section is not read (it is where --body goes)",
                       u->raw);
          break;
        }
    }
  return TRUE;
}

/* import_one_file() with an error of its own: it tells refusals of bad
 * input (which skip a highlight or a file) from failures even when the
 * caller passes no error.  @as_written: the whole file, front matter
 * included, is as Clipper wrote it (its size and mtime are the manifest's),
 * where @untouched may say so of Clipper's section only. */
static gboolean
import_one (Importer   *imp,
            guint       index,
            const char *name,
            const char *contents,
            gsize       len,
            gint64      file_mtime,
            gint64      written_at,
            gboolean    untouched,
            gboolean    as_written,
            const char *marks,
            const char *quotes,
            const char *tags_mark,
            GString    *kept,
            gboolean    foreign_vault,
            GError    **error)
{
  GError *local_error = NULL;

  if (import_one_file (imp, index, name, contents, len, file_mtime, written_at, untouched, as_written, marks,
                       quotes, tags_mark, kept, foreign_vault, &local_error))
    return TRUE;
  if (local_error == NULL)
    g_set_error (&local_error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_FAILED, "cannot import '%s'", name);
  g_propagate_error (error, local_error);
  return FALSE;
}

gboolean
clipper_markdown_import_text_full (ClipperStore        *store,
                                   const char          *name,
                                   const char          *contents,
                                   gsize                len,
                                   gint64               file_mtime,
                                   gint64               written_at,
                                   gboolean             untouched,
                                   const char          *marks,
                                   const char          *quotes,
                                   const char          *tags_mark,
                                   GString             *kept,
                                   GHashTable          *color_meanings,
                                   ClipperImportResult *result,
                                   GError             **error)
{
  g_autofree char *copy = NULL;
  Importer imp;
  gboolean ok;

  g_return_val_if_fail (CLIPPER_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (contents != NULL || len == 0, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  /* The parser reads strings: a copy that ends at @len (NUL bytes inside
   * kept, for import_one() to refuse). */
  copy = g_malloc (len + 1);
  if (len > 0)
    memcpy (copy, contents, len);
  copy[len] = '\0';

  importer_init (&imp, store, color_meanings, result);
  ok = import_one (&imp, result->broken_lines->len + result->files_read + 1, name, copy, len, file_mtime,
                   written_at, untouched, FALSE, marks, quotes, tags_mark, kept, FALSE, error);
  importer_clear (&imp);
  return ok;
}

gboolean
clipper_markdown_import_text (ClipperStore        *store,
                              const char          *name,
                              const char          *contents,
                              gsize                len,
                              gint64               file_mtime,
                              gint64               written_at,
                              gboolean             untouched,
                              GHashTable          *color_meanings,
                              ClipperImportResult *result,
                              GError             **error)
{
  return clipper_markdown_import_text_full (store, name, contents, len, file_mtime, written_at, untouched, NULL,
                                            NULL, NULL, NULL, color_meanings, result, error);
}

/* ------------------------------------------------------------------ */
/* Files and folders                                                   */

char *
clipper_markdown_section_fingerprint (const char *text)
{
  const char *begin, *end;
  guint64 h = CLIPPER_EXPORT_HASH_INIT;

  g_return_val_if_fail (text != NULL, NULL);

  begin = strstr (text, CLIPPER_MARKDOWN_BEGIN_MARK);
  end = begin != NULL ? strstr (begin, CLIPPER_MARKDOWN_END_MARK) : NULL;
  if (end == NULL)
    return NULL;
  end += strlen (CLIPPER_MARKDOWN_END_MARK);
  h = clipper_export_hash_bytes (h, begin, (gsize) (end - begin));
  return g_strdup_printf ("%016" G_GINT64_MODIFIER "x", h);
}

/* What the vault's manifest says of a file. */
typedef struct {
  gint64  size;
  gint64  mtime;
  gint64  written;   /* when Clipper last wrote it or found it up to date */
  char   *section;   /* clipper_markdown_section_fingerprint() then; NULL if not known */
  char   *marks;     /* clipper_markdown_highlight_marks() then; NULL if not known */
  char   *quotes;    /* clipper_markdown_highlight_marks()'s quotes then; NULL if not known */
  char   *tags;      /* clipper_markdown_tags_mark() then; NULL if not known */
} Written;

static void
written_free (gpointer data)
{
  Written *w = data;

  g_free (w->section);
  g_free (w->marks);
  g_free (w->quotes);
  g_free (w->tags);
  g_free (w);
}

/* What the vault's manifest says of each file: name → Written (a manifest
 * of an older Clipper has no "written": its mtime stands in), and in
 * *@out_library the library that wrote it (NULL in a manifest from before).
 * NULL when there is none or it cannot be read, which only means less is
 * known. */
static GHashTable *
load_written_times (const char *dir, char **out_library)
{
  g_autofree char *path = g_build_filename (dir, CLIPPER_VAULT_MANIFEST, NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GList) members = NULL;
  GHashTable *times;
  JsonNode *root;
  JsonObject *files;

  if (!json_parser_load_from_file (parser, path, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root)
      || !json_object_has_member (json_node_get_object (root), "files")
      || !JSON_NODE_HOLDS_OBJECT (json_object_get_member (json_node_get_object (root), "files")))
    return NULL;
  files = json_object_get_object_member (json_node_get_object (root), "files");
  *out_library = g_strdup (json_object_get_string_member_with_default (json_node_get_object (root),
                                                                       "library", NULL));

  times = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, written_free);
  members = json_object_get_members (files);
  for (GList *l = members; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (files, l->data);
      JsonObject *entry;
      const char *file;
      Written *w;

      if (!JSON_NODE_HOLDS_OBJECT (value))
        continue;
      entry = json_node_get_object (value);
      file = json_object_get_string_member_with_default (entry, "file", NULL);
      if (file == NULL || !json_object_has_member (entry, "mtime"))
        continue;
      w = g_new0 (Written, 1);
      w->size = json_object_get_int_member_with_default (entry, "size", -1);
      w->mtime = json_object_get_int_member_with_default (entry, "mtime", -1);
      w->written = json_object_get_int_member_with_default (entry, "written", w->mtime);
      w->section = g_strdup (json_object_get_string_member_with_default (entry, "section", NULL));
      w->marks = g_strdup (json_object_get_string_member_with_default (entry, "marks", NULL));
      w->quotes = g_strdup (json_object_get_string_member_with_default (entry, "quotes", NULL));
      w->tags = g_strdup (json_object_get_string_member_with_default (entry, "tags", NULL));
      g_hash_table_insert (times, g_strdup (file), w);
    }
  return times;
}

static gboolean
import_path (Importer     *imp,
             const char   *dir,
             const char   *name,
             GHashTable   *written,
             gboolean      foreign_vault,
             guint         index,
             GError      **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr (GMappedFile) mapped = NULL;
  g_autoptr (GError) local_error = NULL;
  const Written *w = written != NULL ? g_hash_table_lookup (written, name) : NULL;
  gint64 written_at = -1;
  gboolean untouched = FALSE;
  GStatBuf st;

  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode))
    {
      imp->result->files_skipped++;
      return TRUE;
    }
  if ((gsize) st.st_size > MAX_MARKDOWN_BYTES)
    {
      add_broken (imp, index, name, "it is too large for a notes file");
      return TRUE;
    }
  mapped = g_mapped_file_new (path, FALSE, &local_error);
  if (mapped == NULL)
    {
      g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_IO, "cannot read '%s': %s", path,
                   local_error->message);
      return FALSE;
    }
  if (w != NULL)
    {
      untouched = w->size == (gint64) st.st_size && w->mtime == (gint64) st.st_mtime;
      written_at = w->written;
    }
  {
    /* A copy, NUL-terminated (a mapping is not), NUL bytes inside kept for
     * import_one() to refuse. */
    gsize len = g_mapped_file_get_length (mapped);
    g_autofree char *contents = g_malloc (len + 1);
    gboolean as_written = untouched;

    if (len > 0)
      memcpy (contents, g_mapped_file_get_contents (mapped), len);
    contents[len] = '\0';
    if (w != NULL && w->section != NULL && !untouched)
      {
        /* Edited around Clipper's section only: nothing to take there (the
         * front matter's tags are still looked at). */
        g_autofree char *section = clipper_markdown_section_fingerprint (contents);

        untouched = g_strcmp0 (section, w->section) == 0;
      }
    return import_one (imp, index, name, contents, len, st.st_mtime, written_at, untouched, as_written,
                       w != NULL ? w->marks : NULL, w != NULL ? w->quotes : NULL, w != NULL ? w->tags : NULL, NULL,
                       foreign_vault, error);
  }
}

static gboolean
is_markdown_name (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_str_has_suffix (lower, ".md") || g_str_has_suffix (lower, ".markdown");
}

/* One folder of clipper_markdown_list_vault(): @fd is open on it (and is
 * closed here), @rel is its path in the vault ("" for the vault itself).
 * Each sub-folder is opened relative to its parent's descriptor with
 * O_NOFOLLOW, so a folder swapped for a symbolic link between the listing
 * and the opening is not entered either. */
static void
list_folder (int fd, const char *rel, guint depth, GPtrArray *files, guint *skipped)
{
  DIR *d = fdopendir (fd);
  struct dirent *de;

  if (d == NULL)
    {
      close (fd);
      (*skipped)++;
      return;
    }
  while ((de = readdir (d)) != NULL)
    {
      const char *name = de->d_name;
      unsigned char type = de->d_type;
      g_autofree char *path = NULL;

      /* Hidden entries are the tools' own (the manifest, .obsidian, .trash)
       * or the user's business; "." and ".." too. */
      if (name[0] == '.')
        continue;
      if (type == DT_UNKNOWN)
        {
          struct stat st;

          if (fstatat (dirfd (d), name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            {
              (*skipped)++;
              continue;
            }
          type = S_ISDIR (st.st_mode) ? DT_DIR : S_ISREG (st.st_mode) ? DT_REG : DT_UNKNOWN;
        }
      path = rel[0] == '\0' ? g_strdup (name) : g_strconcat (rel, "/", name, NULL);
      if (type == DT_DIR)
        {
          int sub = -1;

          if (depth < CLIPPER_VAULT_MAX_DEPTH)
            sub = openat (dirfd (d), name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
          if (sub < 0)
            (*skipped)++;
          else
            list_folder (sub, path, depth + 1, files, skipped);
        }
      else if (type == DT_REG && is_markdown_name (name))
        g_ptr_array_add (files, g_steal_pointer (&path));
      else
        (*skipped)++;   /* another kind of file, or a symbolic link (DT_LNK) */
    }
  closedir (d);
}

GPtrArray *
clipper_markdown_list_vault (const char *dir, guint *out_skipped, GError **error)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  guint skipped = 0;
  int fd;

  g_return_val_if_fail (dir != NULL, NULL);

  /* The vault itself may be a symbolic link (the user chose it). */
  fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_IO, "cannot read the folder '%s': %s", dir,
                   g_strerror (saved_errno));
      return NULL;
    }
  list_folder (fd, "", 0, files, &skipped);
  /* In name order, so messages come in the order a person looks. */
  g_ptr_array_sort (files, compare_strings);
  if (out_skipped != NULL)
    *out_skipped = skipped;
  return g_steal_pointer (&files);
}

/* The clipper-id of the file @name of @dir, from its front matter in its
 * first 64 KiB (where Clipper's front matter ends, however many tags);
 * NULL when it has none there, or the file cannot be read (the import
 * then reads it, or says why not, as any other). */
static char *
head_clipper_id (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *head = g_malloc (64 * 1024 + 1);
  g_autoptr (FrontMatter) fm = NULL;
  g_autofree char *problem = NULL;
  const char *body;
  FILE *file = g_fopen (path, "rb");
  gsize len;

  if (file == NULL)
    return NULL;
  len = fread (head, 1, 64 * 1024, file);
  fclose (file);
  head[len] = '\0';
  if (parse_front_matter (head, &body, &fm, &problem) != FRONT_OK)
    return NULL;
  return g_ascii_strdown (fm->clipper_id, -1);
}

/* Leaves out of @names the copies of a vault's files: files with the
 * clipper-id of another (Obsidian's "Make a copy", a copy in a backup
 * folder).  Both read, the edits of each were taken in turn, and the copy
 * stayed stale and unsaid.  Of the files of one article the one the
 * vault's list of files (@written) names is read, Clipper's own; with
 * none or several so named, the first by name.  The others are said by
 * name and skipped: their edits are not taken. */
static void
drop_copies (ClipperImportResult *result, const char *dir, GPtrArray *names, GHashTable *written)
{
  g_autoptr (GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GHashTable) copies = g_hash_table_new (NULL, NULL);   /* @names' strings, by address */
  GHashTableIter iter;
  GPtrArray *same;

  for (guint i = 0; i < names->len; i++)
    {
      char *id = head_clipper_id (dir, g_ptr_array_index (names, i));

      if (id == NULL)
        continue;
      same = g_hash_table_lookup (by_id, id);
      if (same == NULL)
        g_hash_table_insert (by_id, id, same = g_ptr_array_new ());
      else
        g_free (id);
      g_ptr_array_add (same, g_ptr_array_index (names, i));
    }

  g_hash_table_iter_init (&iter, by_id);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &same))
    {
      const char *kept = NULL;
      guint named = 0;

      if (same->len < 2)
        continue;
      g_ptr_array_sort (same, compare_strings);
      for (guint k = 0; k < same->len; k++)
        if (written != NULL && g_hash_table_contains (written, g_ptr_array_index (same, k)))
          {
            kept = kept != NULL ? kept : g_ptr_array_index (same, k);
            named++;
          }
      if (named != 1)
        kept = g_ptr_array_index (same, 0);
      for (guint k = 0; k < same->len; k++)
        {
          const char *copy = g_ptr_array_index (same, k);

          if (copy == kept)
            continue;
          g_hash_table_add (copies, (gpointer) copy);
          result->files_skipped++;
          clipper_import_result_add_notice (result,
                                            "'%s' holds the same article as '%s' (the same clipper-id), a copy: "
                                            "only '%s' was read, %s; edits made in the copy are not taken "
                                            "(make them in '%s', then delete the copy)",
                                            copy, kept, kept,
                                            named == 1 ? "the file the vault's list of files names"
                                                       : "the first by name (the vault's list of files names "
                                                         "neither)",
                                            kept);
        }
    }
  if (g_hash_table_size (copies) == 0)
    return;
  for (guint i = names->len; i > 0; i--)
    if (g_hash_table_contains (copies, g_ptr_array_index (names, i - 1)))
      g_ptr_array_remove_index (names, i - 1);
}

ClipperImportResult *
clipper_markdown_import (ClipperStore        *store,
                         const char          *path,
                         GHashTable          *color_meanings,
                         ClipperProgressFunc  progress,
                         gpointer             progress_data,
                         GCancellable        *cancellable,
                         GError             **error)
{
  g_autoptr (ClipperImportResult) result = clipper_import_result_new ();
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) written = NULL;
  g_autoptr (GHashTable) taken = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *manifest_library = NULL;
  const char *library_id = clipper_store_get_library_id (store);
  gboolean is_dir, foreign_vault;
  Importer imp;
  gboolean ok = TRUE;

  g_return_val_if_fail (CLIPPER_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  result->format = CLIPPER_IMPORT_FORMAT_MARKDOWN;
  is_dir = g_file_test (path, G_FILE_TEST_IS_DIR);
  if (is_dir)
    {
      guint skipped = 0;

      g_clear_pointer (&names, g_ptr_array_unref);
      names = clipper_markdown_list_vault (path, &skipped, error);
      if (names == NULL)
        return NULL;
      result->files_skipped += skipped;
      dir = g_strdup (path);
    }
  else
    {
      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_IO, "cannot read '%s': no such file or folder",
                       path);
          return NULL;
        }
      g_ptr_array_add (names, g_path_get_basename (path));
      dir = g_path_get_dirname (path);
    }
  written = load_written_times (dir, &manifest_library);
  /* Another library's manifest: what it remembers of the files (which are
   * as that library wrote them, what each highlight looked like) says
   * nothing of this library's highlights, and is not used. */
  foreign_vault = library_id != NULL && manifest_library != NULL
                  && !g_str_equal (manifest_library, library_id);
  if (foreign_vault)
    g_clear_pointer (&written, g_hash_table_unref);
  if (is_dir)
    drop_copies (result, dir, names, written);

  if (!clipper_store_begin (store, error))
    return NULL;
  importer_init (&imp, store, color_meanings, result);
  imp.vault_library = foreign_vault ? manifest_library : NULL;
  if (written != NULL)
    imp.taken = taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, clipper_vault_taken_free);
  clipper_progress_report (progress, progress_data, 0, names->len);
  for (guint i = 0; ok && i < names->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        ok = FALSE;
      else
        ok = import_path (&imp, dir, g_ptr_array_index (names, i), written, foreign_vault, i + 1,
                          error);
      clipper_progress_report (progress, progress_data, i + 1, names->len);
    }
  importer_clear (&imp);
  if (ok && !is_dir && result->files_read == 0 && result->broken_files->len == 0)
    {
      g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_UNSUPPORTED,
                   "'%s' is not a Markdown file of Clipper's (its front matter has no clipper-id)", path);
      ok = FALSE;
    }
  /* A folder without a single note of Clipper's is not a vault: "nothing
   * changed" said nothing of the mistake (a wrong folder chosen). */
  else if (ok && is_dir && result->files_read == 0 && result->broken_files->len == 0)
    {
      g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_UNSUPPORTED,
                   "'%s' holds no Markdown note of Clipper's (%u other file%s; a note of Clipper's has a "
                   "clipper-id in its front matter)", path, result->files_skipped,
                   result->files_skipped == 1 ? "" : "s");
      ok = FALSE;
    }
  if (!ok)
    {
      clipper_import_undo (store, error);
      return NULL;
    }
  if (!clipper_store_commit (store, error))
    {
      clipper_import_say_undone (error);
      return NULL;
    }
  /* Only once the library holds it: a manifest that says a note was taken
   * in when it was not would have the next export write the library's
   * over it. */
  if (taken != NULL && g_hash_table_size (taken) > 0)
    {
      g_autoptr (GError) manifest_error = NULL;

      if (!clipper_markdown_record_import (dir, taken, &manifest_error))
        clipper_import_result_add_notice (result,
                                          "%s; everything was imported, but until the vault's list of files can "
                                          "be written, the next export may take what this import took in for "
                                          "changes made both in the vault and in the library (it then keeps the "
                                          "library's version and writes the file's below Clipper's section)",
                                          manifest_error->message);
    }
  return g_steal_pointer (&result);
}

void
clipper_markdown_import_async (const char          *db_path,
                               const char          *path,
                               GHashTable          *color_meanings,
                               ClipperProgressFunc  progress,
                               gpointer             progress_data,
                               GDestroyNotify       progress_destroy,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  clipper_import_start_async (db_path, path, CLIPPER_IMPORT_FORMAT_MARKDOWN, color_meanings, progress,
                              progress_data, progress_destroy, cancellable, callback, user_data,
                              clipper_markdown_import_async);
}

ClipperImportResult *
clipper_markdown_import_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
