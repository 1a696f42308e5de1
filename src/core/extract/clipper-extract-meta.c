/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Article metadata: JSON-LD (schema.org Article types, @graph), then
 * Dublin Core / OpenGraph / Twitter / Parse.ly <meta> tags, then itemprop
 * and <time> fallbacks.  The order of preference follows what the reader
 * views people compare us with (Firefox's Readability), so titles and
 * bylines agree with it on the pages both handle.
 */
#define G_LOG_DOMAIN "clipper-extract"

#include "clipper-extract-private.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
clipper_meta_clear (ClipperMeta *meta)
{
  g_clear_pointer (&meta->title, g_free);
  g_clear_pointer (&meta->byline, g_free);
  g_clear_pointer (&meta->site_name, g_free);
  g_clear_pointer (&meta->excerpt, g_free);
  g_clear_pointer (&meta->published_time, g_free);
  g_clear_pointer (&meta->lead_image, g_free);
  g_clear_pointer (&meta->canonical_url, g_free);
  g_clear_pointer (&meta->lang, g_free);
  g_clear_pointer (&meta->article_body, g_free);
}

/* Pages often double-escape entities in <meta content> ("&amp;quot;"):
 * undo the common ones and numeric references. */
char *
clipper_unescape_entities (const char *s)
{
  GString *out;

  if (s == NULL)
    return NULL;
  if (strchr (s, '&') == NULL)
    return g_strdup (s);
  out = g_string_sized_new (strlen (s));
  while (*s != '\0')
    {
      if (*s == '&')
        {
          static const struct { const char *name; const char *value; } named[] = {
            { "&quot;", "\"" }, { "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&apos;", "'" },
          };
          gboolean done = FALSE;

          for (guint i = 0; i < G_N_ELEMENTS (named); i++)
            {
              gsize l = strlen (named[i].name);
              if (g_ascii_strncasecmp (s, named[i].name, l) == 0)
                {
                  g_string_append (out, named[i].value);
                  s += l;
                  done = TRUE;
                  break;
                }
            }
          if (!done && s[1] == '#')
            {
              const char *p = s + 2;
              gboolean hex = (*p == 'x' || *p == 'X');
              char *end = NULL;
              guint64 v;

              if (hex)
                p++;
              v = g_ascii_strtoull (p, &end, hex ? 16 : 10);
              if (end != p && end != NULL && *end == ';')
                {
                  gunichar c = (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) ? 0xFFFD : (gunichar) v;
                  g_string_append_unichar (out, c);
                  s = end + 1;
                  done = TRUE;
                }
            }
          if (done)
            continue;
        }
      g_string_append_c (out, *s);
      s++;
    }
  return g_string_free (out, FALSE);
}

static char *
strip_dup (const char *s)
{
  char *r;

  if (s == NULL)
    return NULL;
  r = g_strstrip (g_strdup (s));
  if (*r == '\0')
    {
      g_free (r);
      return NULL;
    }
  return r;
}

/* Word tokens for similarity: lower-cased runs of letters and digits.
 * Not "_", which Chinese sites put between a title's parts ("标题_科技_
 * 腾讯网"): a heading of the story's part is then one of its words. */
static GPtrArray *
tokenize (const char *s)
{
  GPtrArray *tokens = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *lower = g_utf8_strdown (s, -1);
  GString *cur = g_string_new (NULL);

  for (const char *p = lower; ; p = g_utf8_next_char (p))
    {
      gunichar c = *p ? g_utf8_get_char (p) : 0;

      if (c != 0 && g_unichar_isalnum (c))
        g_string_append_unichar (cur, c);
      else if (cur->len > 0)
        {
          g_ptr_array_add (tokens, g_strdup (cur->str));
          g_string_truncate (cur, 0);
        }
      if (c == 0)
        break;
    }
  g_string_free (cur, TRUE);
  return tokens;
}

static gsize
joined_length (GPtrArray *tokens)
{
  gsize n = 0;

  for (guint i = 0; i < tokens->len; i++)
    n += g_utf8_strlen (tokens->pdata[i], -1) + (i > 0 ? 1 : 0);
  return n;
}

/* 1 - (share of @b's text made of tokens that are not in @a). */
double
clipper_text_similarity (const char *a, const char *b)
{
  g_autoptr(GPtrArray) ta = NULL;
  g_autoptr(GPtrArray) tb = NULL;
  g_autoptr(GPtrArray) uniq = NULL;
  g_autoptr(GHashTable) set = NULL;
  gsize total;

  if (a == NULL || b == NULL)
    return 0;
  ta = tokenize (a);
  tb = tokenize (b);
  if (ta->len == 0 || tb->len == 0)
    return 0;
  set = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < ta->len; i++)
    g_hash_table_add (set, ta->pdata[i]);
  uniq = g_ptr_array_new ();
  for (guint i = 0; i < tb->len; i++)
    if (!g_hash_table_contains (set, tb->pdata[i]))
      g_ptr_array_add (uniq, tb->pdata[i]);
  total = joined_length (tb);
  if (total == 0)
    return 0;
  return 1.0 - (double) joined_length (uniq) / (double) total;
}

/* document.title: the first <title>'s text, white space collapsed. */
static char *
doc_title (xmlDoc *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  xmlNode *t;

  if (root == NULL)
    return g_strdup ("");
  for (t = root; t != NULL; t = clipper_dom_next (t, root, FALSE))
    {
      if (clipper_dom_is (t, "svg"))
        {
          t = clipper_dom_next (t, root, TRUE);
          if (t == NULL)
            break;
        }
      if (clipper_dom_is (t, "title"))
        break;
    }
  if (t == NULL)
    return g_strdup ("");
  {
    /* document.title strips and collapses ASCII white space only. */
    g_autofree char *raw = clipper_dom_inner_text (t, FALSE);
    GString *out = g_string_new (NULL);
    gboolean space = FALSE;

    for (const char *p = raw; *p; p++)
      {
        if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
          {
            space = TRUE;
            continue;
          }
        if (space && out->len > 0)
          g_string_append_c (out, ' ');
        space = FALSE;
        g_string_append_c (out, *p);
      }
    return g_string_free (out, FALSE);
  }
}

static guint
word_count (const char *s)
{
  /* JavaScript's str.split(/\s+/).length: pieces between runs of space. */
  guint n = 1;
  gboolean in_space = FALSE;

  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean sp = g_unichar_isspace (c) || c == 0xA0;

      if (sp && !in_space)
        n++;
      in_space = sp;
    }
  return n;
}

static gboolean
is_separator (char c)
{
  return c == '|' || c == '-' || c == '\\' || c == '/' || c == '>';
}

/* Position of a " X " separator, X one of | - \ / > », at @p, or 0. */
static gsize
separator_at (const char *p, gboolean *hierarchical)
{
  if (p[0] != ' ')
    return 0;
  if (is_separator (p[1]) && p[2] == ' ')
    {
      if (hierarchical != NULL)
        *hierarchical = (p[1] != '|' && p[1] != '-');
      return 1;
    }
  if (strncmp (p + 1, "\xc2\xbb", 2) == 0 && p[3] == ' ')
    {
      if (hierarchical != NULL)
        *hierarchical = TRUE;
      return 2;
    }
  /* en and em dashes */
  if ((strncmp (p + 1, "\xe2\x80\x93", 3) == 0 || strncmp (p + 1, "\xe2\x80\x94", 3) == 0) && p[4] == ' ')
    return 3;
  return 0;
}

static gboolean
is_separator_at (const char *p, gsize *len)
{
  if (is_separator (*p))
    {
      *len = 1;
      return TRUE;
    }
  if (strncmp (p, "\xc2\xbb", 2) == 0)
    {
      *len = 2;
      return TRUE;
    }
  if (strncmp (p, "\xe2\x80\x93", 3) == 0 || strncmp (p, "\xe2\x80\x94", 3) == 0)
    {
      *len = 3;
      return TRUE;
    }
  return FALSE;
}

/* The words of a name, to compare a title's part with the site's name:
 * accents off, casefolded, runs of letters and digits. */
static GPtrArray *
name_words (const char *s)
{
  g_autofree char *nfkd = g_utf8_normalize (s, -1, G_NORMALIZE_NFKD);
  g_autofree char *folded = g_utf8_casefold (nfkd != NULL ? nfkd : "", -1);
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  GString *cur = g_string_new (NULL);

  for (const char *p = folded; ; p = g_utf8_next_char (p))
    {
      gunichar c = *p ? g_utf8_get_char (p) : 0;

      if (c != 0 && g_unichar_ismark (c))
        continue;
      if (c != 0 && g_unichar_isalnum (c))
        g_string_append_unichar (cur, c);
      else if (cur->len > 0)
        {
          g_ptr_array_add (words, g_strdup (cur->str));
          g_string_truncate (cur, 0);
        }
      if (c == 0)
        break;
    }
  g_string_free (cur, TRUE);
  return words;
}

/* @words from @from on, run together. */
static char *
join_words (GPtrArray *words, guint from)
{
  GString *out = g_string_new (NULL);

  for (guint i = from; i < words->len; i++)
    g_string_append (out, words->pdata[i]);
  return g_string_free (out, FALSE);
}

/* Whether @needle's words stand in @hay in a row, at its start when
 * @at_start is set. */
static gboolean
has_word_run (GPtrArray *hay, GPtrArray *needle, gboolean at_start)
{
  for (guint i = 0; needle->len > 0 && i + needle->len <= hay->len; i++)
    {
      guint j = 0;

      while (j < needle->len && strcmp (hay->pdata[i + j], needle->pdata[j]) == 0)
        j++;
      if (j == needle->len)
        return TRUE;
      if (at_start)
        break;
    }
  return FALSE;
}

/* Whether @word is the first letters of @words. */
static gboolean
is_initials (const char *word, GPtrArray *words)
{
  const char *p = word;

  for (guint i = 0; i < words->len; i++, p = g_utf8_next_char (p))
    if (*p == '\0' || g_utf8_get_char (p) != g_utf8_get_char (words->pdata[i]))
      return FALSE;
  return *p == '\0';
}

/* Whether @part (of a title, between separators) is the site called
 * @name: the same words, run together or not ("The Verge" for
 * "theverge"), the name with more around it ("NZZ am Sonntag" for
 * "NZZ"), its first two words or more ("Mozilla Hacks" for "Mozilla
 * Hacks – the Web developer blog"), or the one is the other's initials
 * ("NZZ", "Neue Zürcher Zeitung").  A place or a subtitle is none of
 * these. */
static gboolean
part_names_site (const char *part, const char *name)
{
  g_autoptr(GPtrArray) pw = name_words (part);
  g_autoptr(GPtrArray) nw = name_words (name);
  g_autofree char *pj = NULL;
  g_autofree char *nj = NULL;
  g_autofree char *pj_the = NULL;
  g_autofree char *nj_the = NULL;

  if (pw->len == 0 || nw->len == 0)
    return FALSE;
  pj = join_words (pw, 0);
  nj = join_words (nw, 0);
  /* "The Verge" is "verge" to its host name. */
  pj_the = join_words (pw, strcmp (pw->pdata[0], "the") == 0 ? 1 : 0);
  nj_the = join_words (nw, strcmp (nw->pdata[0], "the") == 0 ? 1 : 0);
  if (strcmp (pj, nj) == 0 || strcmp (pj_the, nj) == 0 || strcmp (pj, nj_the) == 0)
    return TRUE;
  /* A one-word part at the start of a longer name is more often a place
   * than the name: "Berlin" on the site "Berlin Live". */
  if (has_word_run (pw, nw, FALSE) || (pw->len >= 2 && has_word_run (nw, pw, TRUE)))
    return TRUE;
  if (pw->len == 1 && nw->len >= 2)
    return is_initials (pw->pdata[0], nw);
  if (nw->len == 1 && pw->len >= 2)
    return is_initials (nw->pdata[0], pw);
  return FALSE;
}

/* The host name's main label: "nzz" for www.nzz.ch, "bbc" for
 * www.bbc.co.uk; NULL for an address without a host name. */
static char *
host_label (const char *url)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  static const char *const second_level[] = { "co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "gv", NULL };
  g_auto(GStrv) labels = NULL;
  guint n;

  if (uri == NULL || g_uri_get_host (uri) == NULL || g_hostname_is_ip_address (g_uri_get_host (uri)))
    return NULL;
  labels = g_strsplit (g_uri_get_host (uri), ".", -1);
  n = g_strv_length (labels);
  if (n < 2)
    return NULL;
  if (n >= 3 && g_strv_contains (second_level, labels[n - 2]))
    return g_strdup (labels[n - 3]);
  return g_strdup (labels[n - 2]);
}

/* The names the page gives its site: og:site_name, application-name,
 * apple-mobile-web-app-title, and @publisher (JSON-LD's). */
static GPtrArray *
declared_site_names (xmlDoc *doc, const char *publisher)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  if (publisher != NULL && *publisher != '\0')
    g_ptr_array_add (names, g_strdup (publisher));
  for (xmlNode *n = root; n != NULL; n = clipper_dom_next (n, root, FALSE))
    {
      const char *key, *content;
      char *name;

      if (!clipper_dom_is (n, "meta") || (content = clipper_dom_attr (n, "content")) == NULL)
        continue;
      key = clipper_dom_attr (n, "property");
      if (key == NULL)
        key = clipper_dom_attr (n, "name");
      if (key == NULL ||
          (g_ascii_strcasecmp (key, "og:site_name") != 0 && g_ascii_strcasecmp (key, "application-name") != 0 &&
           g_ascii_strcasecmp (key, "apple-mobile-web-app-title") != 0))
        continue;
      name = g_strstrip (g_strdup (content));
      if (*name != '\0')
        g_ptr_array_add (names, name);
      else
        g_free (name);
    }
  return names;
}

/* Whether @part is the site's name: one the page declares in @declared,
 * or its host name's @label. */
static gboolean
part_is_site (const char *part, GPtrArray *declared, const char *label)
{
  for (guint i = 0; i < declared->len; i++)
    if (part_names_site (part, declared->pdata[i]))
      return TRUE;
  return label != NULL && part_names_site (part, label);
}

/* @s's words run together, a leading "by" left out: what a title's last
 * part and a byline are compared by. */
static char *
credit_key (const char *s)
{
  g_autoptr(GPtrArray) words = name_words (s);

  return join_words (words, words->len > 1 && g_str_equal (words->pdata[0], "by") ? 1 : 0);
}

char *
clipper_title_drop_credit (const char *title, const char *byline)
{
  const char *last = NULL;
  gsize last_len = 0;
  g_autofree char *tail = NULL;
  g_autofree char *head = NULL;
  g_autoptr(GPtrArray) head_words = NULL;

  for (const char *p = title; *p != '\0'; p++)
    {
      gboolean hierarchical = FALSE;
      gsize len = separator_at (p, &hierarchical);

      /* "a / b", "a > b" are a path, not a credit. */
      if (len > 0 && !hierarchical)
        {
          last = p;
          last_len = len;
        }
    }
  if (last == NULL)
    return g_strdup (title);

  head = g_strndup (title, last - title);
  head_words = name_words (head);
  tail = credit_key (last + 1 + last_len + 1);
  if (head_words->len == 0 || *tail == '\0')
    return g_strdup (title);
  if (byline != NULL)
    {
      g_autofree char *key = credit_key (byline);

      if (g_str_equal (key, tail))
        return g_strdup (g_strchomp (head));
    }
  return g_strdup (title);
}

/* Whether an <h1> of @doc reads @text, case and white space aside. */
static gboolean
h1_repeats (xmlDoc *doc, const char *text)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  g_autofree char *want = g_utf8_casefold (text, -1);

  if (*g_strstrip (want) == '\0')
    return FALSE;
  for (xmlNode *n = root; n != NULL; n = clipper_dom_next (n, root, FALSE))
    if (n->type == XML_ELEMENT_NODE && clipper_dom_is (n, "h1"))
      {
        g_autofree char *t = clipper_dom_inner_text (n, TRUE);
        g_autofree char *folded = g_utf8_casefold (g_strstrip (t), -1);

        if (g_str_equal (folded, want))
          return TRUE;
      }
  return FALSE;
}

/* The page title without the site's name: "Story | Site" -> "Story",
 * "Site: Story" -> "Story", falling back to the lone <h1> when the title
 * is implausibly short or long, and to the whole title when cutting would
 * leave four words or fewer.  When the page declares its site's name
 * (@publisher is JSON-LD's), a part after a separator is cut only if it
 * is that name or the host name's: "Die Stadt erfindet sich neu —
 * Zürich" on a page of the site "NZZ" keeps its place; a part that is
 * the name goes however few words are left ("Mozilla - Wikipedia").
 * Without one, the last part goes as in Readability, as it may be the
 * name.  @kept_whole, when given, says whether a title with separators
 * was kept whole as no part was long enough to be a story's. */
char *
clipper_doc_title_heuristic (xmlDoc *doc, const char *publisher, gboolean *kept_whole)
{
  g_autofree char *orig = doc_title (doc);
  g_autofree char *cur = g_strdup (orig);
  gboolean hierarchical = FALSE;
  gboolean has_sep = FALSE;
  const char *last_sep = NULL;
  gboolean site_cut = FALSE;
  guint cur_words;

  if (kept_whole != NULL)
    *kept_whole = FALSE;
  for (const char *p = orig; *p != '\0'; p++)
    {
      gboolean h = FALSE;
      if (separator_at (p, &h) > 0)
        {
          has_sep = TRUE;
          hierarchical |= h;
        }
    }

  if (has_sep)
    {
      g_autoptr(GPtrArray) declared = declared_site_names (doc, publisher);
      g_autofree char *label = host_label ((const char *) doc->URL);
      gsize l = 0;

      /* Greedy "(.*)[sep] .*": cut before the last separator followed by a space. */
      for (const char *p = orig; *p != '\0'; p++)
        if (is_separator_at (p, &l) && p[l] == ' ')
          last_sep = p;
      if (last_sep != NULL)
        is_separator_at (last_sep, &l);
      if (last_sep != NULL && declared->len > 0 && !part_is_site (last_sep + l, declared, label))
        {
          /* Not the site's name: "Site | Story" then, or a title whose
           * last part is its own (a place, a subtitle). */
          for (const char *p = orig; *p != '\0'; p++)
            if ((l = separator_at (p, NULL)) > 0)
              {
                g_autofree char *first = g_strndup (orig, p - orig);

                if (part_is_site (first, declared, label))
                  {
                    g_free (cur);
                    cur = g_strdup (p + 1 + l);
                    site_cut = TRUE;
                  }
                break;
              }
        }
      else if (last_sep != NULL && declared->len > 0)
        {
          /* The page's own name: it goes, however short the rest
           * ("Mozilla - Wikipedia"), as the page says what it is. */
          g_free (cur);
          cur = g_strndup (orig, last_sep - orig);
          site_cut = TRUE;
        }
      else
        {
          if (last_sep != NULL)
            {
              g_free (cur);
              cur = g_strndup (orig, last_sep - orig);
            }
          /* "Mozilla - Wikipedia" over <h1>Mozilla</h1>: the page's own
           * heading says which part is its, however short. */
          if (last_sep != NULL && h1_repeats (doc, cur))
            site_cut = TRUE;
          else if (word_count (cur) < 3)
            {
              /* "[^sep]*[sep](.*)": everything after the first separator. */
              for (const char *p = orig; *p != '\0'; p++)
                if (is_separator_at (p, &l))
                  {
                    g_free (cur);
                    cur = g_strdup (p + l);
                    break;
                  }
            }
        }
    }
  else if (strstr (orig, ": ") != NULL)
    {
      xmlNode *root = xmlDocGetRootElement (doc);
      gboolean match = FALSE;
      g_autofree char *trimmed = g_strstrip (g_strdup (orig));

      for (xmlNode *n = root; n != NULL && !match; n = clipper_dom_next (n, root, FALSE))
        {
          if (clipper_dom_is (n, "h1") || clipper_dom_is (n, "h2"))
            {
              g_autofree char *t = clipper_dom_inner_text (n, FALSE);
              match = g_strcmp0 (g_strstrip (t), trimmed) == 0;
            }
        }
      if (!match)
        {
          const char *last = strrchr (orig, ':');
          const char *first = strchr (orig, ':');
          g_autofree char *before = g_strndup (orig, first - orig);

          g_free (cur);
          cur = g_strdup (last + 1);
          if (word_count (cur) < 3)
            {
              g_free (cur);
              cur = g_strdup (first + 1);
            }
          else if (word_count (before) > 5)
            {
              g_free (cur);
              cur = g_strdup (orig);
            }
        }
    }
  else if (g_utf8_strlen (orig, -1) > 150 || g_utf8_strlen (orig, -1) < 15)
    {
      xmlNode *root = xmlDocGetRootElement (doc);
      xmlNode *only = NULL;
      guint n_h1 = 0;

      for (xmlNode *n = root; n != NULL; n = clipper_dom_next (n, root, FALSE))
        if (clipper_dom_is (n, "h1"))
          {
            only = n;
            n_h1++;
          }
      if (n_h1 == 1)
        {
          g_free (cur);
          cur = clipper_dom_inner_text (only, TRUE);
        }
    }

  {
    /* JavaScript's trim() then /\s{2,}/ -> " ": single odd spaces stay. */
    GString *out = g_string_new (NULL);
    const char *p = cur;
    const char *end;

    while (*p && (g_unichar_isspace (g_utf8_get_char (p)) || g_utf8_get_char (p) == 0xA0 || g_utf8_get_char (p) == 0xFEFF))
      p = g_utf8_next_char (p);
    end = p + strlen (p);
    while (end > p)
      {
        const char *prev = g_utf8_prev_char (end);
        gunichar c = g_utf8_get_char (prev);
        if (!(g_unichar_isspace (c) || c == 0xA0 || c == 0xFEFF))
          break;
        end = prev;
      }
    while (p < end)
      {
        gunichar c = g_utf8_get_char (p);
        const char *next = g_utf8_next_char (p);
        if (g_unichar_isspace (c) || c == 0xA0)
          {
            const char *q = next;
            guint run = 1;
            while (q < end && (g_unichar_isspace (g_utf8_get_char (q)) || g_utf8_get_char (q) == 0xA0))
              {
                q = g_utf8_next_char (q);
                run++;
              }
            if (run >= 2)
              {
                g_string_append_c (out, ' ');
                p = q;
                continue;
              }
          }
        g_string_append_len (out, p, next - p);
        p = next;
      }
    g_free (cur);
    cur = g_string_free (out, FALSE);
  }
  cur_words = word_count (cur);
  if (cur_words <= 4 && !site_cut)
    {
      GString *stripped = g_string_new (NULL);
      gboolean use_orig = !hierarchical;

      if (!use_orig)
        {
          for (const char *p = orig; *p != '\0';)
            {
              gsize l;
              if (is_separator_at (p, &l))
                p += l;
              else
                g_string_append_c (stripped, *p++);
            }
          use_orig = cur_words != word_count (stripped->str) - 1;
        }
      g_string_free (stripped, TRUE);
      if (use_orig)
        {
          g_free (cur);
          cur = g_strdup (orig);
          /* "Google - Site Reliability Engineering": no part is a story's. */
          if (kept_whole != NULL)
            *kept_whole = has_sep;
        }
    }
  return g_steal_pointer (&cur);
}

/* ---- JSON-LD ---------------------------------------------------------- */

static gboolean
is_article_type (const char *type)
{
  static const char *const types[] = {
    "AdvertiserContentArticle", "NewsArticle", "AnalysisNewsArticle", "AskPublicNewsArticle",
    "BackgroundNewsArticle", "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle",
    "Report", "SatiricalArticle", "ScholarlyArticle", "MedicalScholarlyArticle",
    "SocialMediaPosting", "BlogPosting", "LiveBlogPosting", "DiscussionForumPosting",
    "TechArticle",
  };

  if (type == NULL)
    return FALSE;
  if (g_str_has_prefix (type, "Article") || g_str_has_suffix (type, "APIReference"))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (strstr (type, types[i]) != NULL)
      return TRUE;
  return FALSE;
}

static const char *
obj_string (JsonObject *obj, const char *member)
{
  JsonNode *n;

  if (obj == NULL || !json_object_has_member (obj, member))
    return NULL;
  n = json_object_get_member (obj, member);
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (n);
}

static JsonObject *
obj_object (JsonObject *obj, const char *member)
{
  JsonNode *n;

  if (obj == NULL || !json_object_has_member (obj, member))
    return NULL;
  n = json_object_get_member (obj, member);
  return (n != NULL && JSON_NODE_HOLDS_OBJECT (n)) ? json_node_get_object (n) : NULL;
}

static const char *
type_string (JsonObject *obj)
{
  JsonNode *n;

  if (obj == NULL || !json_object_has_member (obj, "@type"))
    return NULL;
  n = json_object_get_member (obj, "@type");
  if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
    return json_node_get_string (n);
  if (JSON_NODE_HOLDS_ARRAY (n))
    {
      JsonArray *a = json_node_get_array (n);
      for (guint i = 0; i < json_array_get_length (a); i++)
        {
          JsonNode *e = json_array_get_element (a, i);
          if (JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING &&
              is_article_type (json_node_get_string (e)))
            return json_node_get_string (e);
        }
    }
  return NULL;
}

static gboolean
is_schema_org (const char *s)
{
  return s != NULL && (g_str_has_prefix (s, "http://schema.org") || g_str_has_prefix (s, "https://schema.org")) &&
         (strlen (s) <= strlen ("https://schema.org/"));
}

static char *
image_url (JsonNode *n)
{
  if (n == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (n));
  if (JSON_NODE_HOLDS_OBJECT (n))
    return g_strdup (obj_string (json_node_get_object (n), "url"));
  if (JSON_NODE_HOLDS_ARRAY (n) && json_array_get_length (json_node_get_array (n)) > 0)
    return image_url (json_array_get_element (json_node_get_array (n), 0));
  return NULL;
}

/* @o, or when it only points into the page's @graph ({"@id": "#org"},
 * as WordPress's SEO plugins and many sites write a publisher or an
 * author), the node of the graph it names. */
static JsonObject *
resolve_ref (JsonArray *graph, JsonObject *o)
{
  const char *id = obj_string (o, "@id");

  if (graph == NULL || id == NULL || obj_string (o, "name") != NULL)
    return o;
  for (guint i = 0; i < json_array_get_length (graph); i++)
    {
      JsonNode *e = json_array_get_element (graph, i);

      if (JSON_NODE_HOLDS_OBJECT (e) && json_node_get_object (e) != o &&
          g_strcmp0 (obj_string (json_node_get_object (e), "@id"), id) == 0)
        return json_node_get_object (e);
    }
  return o;
}

static gboolean
read_json_ld_object (JsonObject *obj, xmlDoc *doc, ClipperMeta *ld)
{
  JsonArray *graph = NULL;
  JsonObject *publisher;
  const char *ctx = obj_string (obj, "@context");
  JsonObject *ctx_obj = obj_object (obj, "@context");
  const char *name, *headline, *s;
  JsonNode *author;

  if (!is_schema_org (ctx) && !(ctx_obj != NULL && is_schema_org (obj_string (ctx_obj, "@vocab"))))
    return FALSE;
  if (type_string (obj) == NULL && json_object_has_member (obj, "@graph") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (obj, "@graph")))
    {
      JsonObject *found = NULL;

      graph = json_object_get_array_member (obj, "@graph");

      for (guint i = 0; i < json_array_get_length (graph) && found == NULL; i++)
        {
          JsonNode *e = json_array_get_element (graph, i);
          if (JSON_NODE_HOLDS_OBJECT (e) && is_article_type (type_string (json_node_get_object (e))))
            found = json_node_get_object (e);
        }
      obj = found;
    }
  if (obj == NULL || !is_article_type (type_string (obj)))
    return FALSE;
  publisher = resolve_ref (graph, obj_object (obj, "publisher"));

  name = obj_string (obj, "name");
  headline = obj_string (obj, "headline");
  if (name != NULL && headline != NULL && g_strcmp0 (name, headline) != 0)
    {
      /* Some sites put their own name in "name": take whichever is
       * closer to the page's title. */
      g_autofree char *title = clipper_doc_title_heuristic (doc, obj_string (publisher, "name"), NULL);
      gboolean name_matches = clipper_text_similarity (name, title) > 0.75;
      gboolean headline_matches = clipper_text_similarity (headline, title) > 0.75;

      ld->title = g_strdup ((headline_matches && !name_matches) ? headline : name);
    }
  else if (name != NULL)
    ld->title = strip_dup (name);
  else if (headline != NULL)
    ld->title = strip_dup (headline);

  author = json_object_has_member (obj, "author") ? json_object_get_member (obj, "author") : NULL;
  if (author != NULL && JSON_NODE_HOLDS_OBJECT (author))
    ld->byline = strip_dup (obj_string (resolve_ref (graph, json_node_get_object (author)), "name"));
  else if (author != NULL && JSON_NODE_HOLDS_ARRAY (author))
    {
      JsonArray *a = json_node_get_array (author);
      GString *names = g_string_new (NULL);

      if (json_array_get_length (a) > 0 && JSON_NODE_HOLDS_OBJECT (json_array_get_element (a, 0)) &&
          obj_string (resolve_ref (graph, json_array_get_object_element (a, 0)), "name") != NULL)
        {
          for (guint i = 0; i < json_array_get_length (a); i++)
            {
              JsonNode *e = json_array_get_element (a, i);
              JsonObject *o = JSON_NODE_HOLDS_OBJECT (e) ? resolve_ref (graph, json_node_get_object (e)) : NULL;
              const char *n = obj_string (o, "name");
              g_autofree char *t = NULL;

              if (n == NULL)
                continue;
              t = g_strstrip (g_strdup (n));
              if (names->len > 0)
                g_string_append (names, ", ");
              g_string_append (names, t);
            }
        }
      if (names->len > 0)
        ld->byline = g_string_free (names, FALSE);
      else
        g_string_free (names, TRUE);
    }
  if ((s = obj_string (obj, "description")) != NULL)
    ld->excerpt = strip_dup (s);
  if ((s = obj_string (publisher, "name")) != NULL)
    ld->site_name = strip_dup (s);
  if ((s = obj_string (obj, "datePublished")) != NULL)
    ld->published_time = strip_dup (s);
  if (json_object_has_member (obj, "image"))
    ld->lead_image = image_url (json_object_get_member (obj, "image"));
  if ((s = obj_string (obj, "articleBody")) != NULL)
    ld->article_body = strip_dup (s);
  return TRUE;
}

static void
read_json_ld (xmlDoc *doc, ClipperMeta *ld)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  for (xmlNode *n = root; n != NULL; n = clipper_dom_next (n, root, FALSE))
    {
      const char *type;
      g_autofree char *content = NULL;
      g_autoptr(JsonParser) parser = NULL;
      JsonNode *top;
      char *p;
      gsize len;

      if (!clipper_dom_is (n, "script"))
        continue;
      type = clipper_dom_attr (n, "type");
      if (type == NULL || g_strcmp0 (type, "application/ld+json") != 0)
        continue;
      content = clipper_dom_inner_text (n, FALSE);
      /* Strip a CDATA wrapper some CMSes add. */
      p = g_strstrip (content);
      if (g_str_has_prefix (p, "<![CDATA["))
        p += 9;
      len = strlen (p);
      if (len >= 3 && g_str_has_suffix (p, "]]>"))
        p[len - 3] = '\0';
      parser = json_parser_new ();
      if (!json_parser_load_from_data (parser, p, -1, NULL))
        continue;
      top = json_parser_get_root (parser);
      if (top != NULL && JSON_NODE_HOLDS_ARRAY (top))
        {
          JsonArray *a = json_node_get_array (top);
          JsonObject *found = NULL;

          for (guint i = 0; i < json_array_get_length (a) && found == NULL; i++)
            {
              JsonNode *e = json_array_get_element (a, i);
              if (JSON_NODE_HOLDS_OBJECT (e) && is_article_type (type_string (json_node_get_object (e))))
                found = json_node_get_object (e);
            }
          if (found != NULL && read_json_ld_object (found, doc, ld))
            return;
        }
      else if (top != NULL && JSON_NODE_HOLDS_OBJECT (top))
        {
          if (read_json_ld_object (json_node_get_object (top), doc, ld))
            return;
        }
    }
}

/* ---- <meta> ----------------------------------------------------------- */

/* property="og:title" style names, possibly several space-separated: the
 * first "prefix:name" anywhere in the value wins ("og:article:author"
 * reads as article:author), matched the way Readability does. */
static char *
match_property (const char *property)
{
  static GRegex *regex = NULL;
  g_autoptr(GMatchInfo) info = NULL;
  g_autofree char *whole = NULL;
  GString *key;

  if (g_once_init_enter (&regex))
    {
      GRegex *r = g_regex_new ("\\s*(article|dc|dcterm|og|twitter)\\s*:\\s*"
                               "(author|creator|description|published_time|title|site_name)\\s*",
                               G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&regex, r);
    }
  if (!g_regex_match (regex, property, 0, &info))
    return NULL;
  whole = g_match_info_fetch (info, 0);
  key = g_string_new (NULL);
  for (const char *p = whole; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (key, g_ascii_tolower (*p));
  return g_string_free (key, FALSE);
}

/* name="dc.title", "twitter:title", "author", "parsely-title"... */
static char *
match_name (const char *name)
{
  static const char *const prefixes[] = { "dc", "dcterm", "og", "twitter", "parsely", "weibo:article", "weibo:webpage" };
  static const char *const names[] = { "author", "creator", "pub-date", "description", "title", "site_name" };
  g_autofree char *lower = g_ascii_strdown (name, -1);
  char *s = g_strstrip (lower);

  for (guint j = 0; j < G_N_ELEMENTS (names); j++)
    if (g_strcmp0 (s, names[j]) == 0)
      return g_strdup (s);
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize l = strlen (prefixes[i]);
      const char *rest;

      if (strncmp (s, prefixes[i], l) != 0)
        continue;
      rest = s + l;
      while (*rest == ' ')
        rest++;
      if (*rest != '-' && *rest != '.' && *rest != ':')
        continue;
      rest++;
      while (*rest == ' ')
        rest++;
      for (guint j = 0; j < G_N_ELEMENTS (names); j++)
        if (g_strcmp0 (rest, names[j]) == 0)
          {
            GString *key = g_string_new (NULL);
            for (const char *p = s; *p; p++)
              {
                if (*p == ' ' || *p == '\t')
                  continue;
                g_string_append_c (key, *p == '.' ? ':' : *p);
              }
            return g_string_free (key, FALSE);
          }
    }
  return NULL;
}

static gboolean
looks_like_url (const char *s)
{
  return g_str_has_prefix (s, "http://") || g_str_has_prefix (s, "https://");
}

static const char *
first_of (GHashTable *values, const char *const *keys)
{
  for (guint i = 0; keys[i] != NULL; i++)
    {
      const char *v = g_hash_table_lookup (values, keys[i]);
      if (v != NULL && *v != '\0')
        return v;
    }
  return NULL;
}

/* Whether @s is nothing but dots, ellipses and white space: what a site
 * puts where it cut a description short. */
static gboolean
only_ellipsis (const char *s)
{
  for (; *s != '\0'; s = g_utf8_next_char (s))
    {
      gunichar c = g_utf8_get_char (s);

      if (c != '.' && c != 0x2026 && !g_unichar_isspace (c))
        return FALSE;
    }
  return TRUE;
}

/* A site may cut one of its descriptions short, at a word ("…illustrates
 * the changing status of computation in", Quanta's name="description")
 * and give it whole in another (its twitter:description): the one that
 * continues @chosen is taken, so that the excerpt does not end
 * mid-sentence.  One that only adds an ellipsis ("…until July..." after
 * "…until July.", BuzzFeed's) is the one cut short. */
static const char *
continued_in (GHashTable *values, const char *const *keys, const char *chosen)
{
  const char *best = chosen;
  gsize len;

  if (chosen == NULL)
    return NULL;
  len = strlen (chosen);
  while (len > 0 && g_ascii_isspace (chosen[len - 1]))
    len--;
  for (guint i = 0; len > 0 && keys[i] != NULL; i++)
    {
      const char *v = g_hash_table_lookup (values, keys[i]);

      if (v != NULL && strlen (v) > strlen (best) && strncmp (v, chosen, len) == 0 && !only_ellipsis (v + len))
        best = v;
    }
  return best;
}

static char *
itemprop_value (xmlDoc *doc, const char *prop)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  for (xmlNode *n = root; n != NULL; n = clipper_dom_next (n, root, FALSE))
    {
      const char *ip = clipper_dom_attr (n, "itemprop");
      const char *v;

      if (ip == NULL || g_strcmp0 (ip, prop) != 0)
        continue;
      if ((v = clipper_dom_attr (n, "content")) != NULL || (v = clipper_dom_attr (n, "datetime")) != NULL)
        return strip_dup (v);
    }
  return NULL;
}

/* A <time datetime> the page marks as the publication time: the HTML 4
 * "pubdate" attribute, or a class that says so ("entry-date published"). */
static char *
published_time_element (xmlDoc *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  for (xmlNode *n = root; n != NULL; n = clipper_dom_next (n, root, FALSE))
    {
      const char *datetime, *cls;

      if (!clipper_dom_is (n, "time") || (datetime = clipper_dom_attr (n, "datetime")) == NULL)
        continue;
      cls = clipper_dom_attr (n, "class");
      if (clipper_dom_attr (n, "pubdate") != NULL || (cls != NULL && strstr (cls, "publish") != NULL))
        return strip_dup (datetime);
    }
  return NULL;
}

static int
month_of (const char *word)
{
  static const char *const months[] = { "jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec" };

  if (strlen (word) < 3)
    return 0;
  for (int i = 0; i < 12; i++)
    if (g_ascii_strncasecmp (word, months[i], 3) == 0)
      return i + 1;
  return 0;
}

/* Dates written for people ("Tue, 12 Mar 2024 10:00:00 +0000", "March 12,
 * 2024", "12 March 2024 10:00") as ISO 8601.  ISO-looking values are kept
 * as the page wrote them; anything else unreadable gives NULL (the caller
 * keeps the original). */
static char *
normalize_date (const char *value)
{
  g_auto(GStrv) words = NULL;
  int year = 0, month = 0, day = 0, hour = -1, minute = 0, second = 0;
  char zone[8] = "";

  if (g_ascii_isdigit (value[0]) && g_ascii_isdigit (value[1]) && g_ascii_isdigit (value[2]) &&
      g_ascii_isdigit (value[3]) && value[4] == '-')
    return NULL;
  words = g_strsplit_set (value, " ,\t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *w = words[i];
      int m;

      if (*w == '\0')
        continue;
      if (strchr (w, ':') != NULL && hour < 0)
        {
          if (sscanf (w, "%d:%d:%d", &hour, &minute, &second) < 2)
            hour = -1;
        }
      else if ((w[0] == '+' || w[0] == '-') && strlen (w) == 5 && g_ascii_isdigit (w[1]) &&
               g_ascii_isdigit (w[2]) && g_ascii_isdigit (w[3]) && g_ascii_isdigit (w[4]))
        /* (All four digits: "+0" and a three-byte character are five bytes
         * too, and the colon would go between that character's bytes.) */
        g_snprintf (zone, sizeof zone, "%c%c%c:%c%c", w[0], w[1], w[2], w[3], w[4]);
      else if (g_ascii_strcasecmp (w, "GMT") == 0 || g_ascii_strcasecmp (w, "UTC") == 0 ||
               g_ascii_strcasecmp (w, "Z") == 0)
        g_strlcpy (zone, "Z", sizeof zone);
      else if (g_ascii_isdigit (w[0]))
        {
          int v = atoi (w);
          if (v >= 1000 && year == 0)
            year = v;
          else if (v >= 1 && v <= 31 && day == 0)
            day = v;
        }
      else if ((m = month_of (w)) != 0 && month == 0)
        month = m;
    }
  if (year == 0 || month == 0 || day == 0)
    return NULL;
  if (hour < 0)
    return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
  if (hour > 23 || minute > 59 || second > 60)
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d%s", year, month, day, hour, minute, second, zone);
}

/* Whether @w (a trailing "." aside) is a month's or a weekday's English
 * name, whole or in three letters: "March", "Mar.", "Tue", not "Mark". */
static gboolean
is_calendar_name (const char *w)
{
  static const char *const names[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "sept", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
    "sat", "sun", NULL
  };
  gsize len = strlen (w);

  if (len > 0 && w[len - 1] == '.')
    len--;
  for (guint i = 0; names[i] != NULL; i++)
    if ((strlen (names[i]) == len && g_ascii_strncasecmp (w, names[i], len) == 0) ||
        (i < 12 && len == 3 && g_ascii_strncasecmp (w, names[i], 3) == 0))
      return TRUE;
  return FALSE;
}

/* Whether @w is a number of a date or time: "25", "25.", "25th", "2015",
 * "09:30", "+0300". */
static gboolean
is_date_number (const char *w)
{
  const char *p = w;

  if (*p == '+' || *p == '-')
    p++;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p) || *p == ':')
    p++;
  return *p == '\0' || g_str_equal (p, ".") || g_ascii_strcasecmp (p, "st") == 0 ||
         g_ascii_strcasecmp (p, "nd") == 0 || g_ascii_strcasecmp (p, "rd") == 0 ||
         g_ascii_strcasecmp (p, "th") == 0;
}

char *
clipper_date_of_line (const char *line)
{
  g_auto(GStrv) words = g_strsplit_set (line, " ,\t\n", -1);
  guint n = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *w = words[i];

      if (*w == '\0')
        continue;
      /* (No "PM": normalize_date() reads a 24-hour clock.) */
      if (!is_date_number (w) && !is_calendar_name (w) && g_ascii_strcasecmp (w, "GMT") != 0 &&
          g_ascii_strcasecmp (w, "UTC") != 0)
        return NULL;
      n++;
    }
  return n >= 2 ? normalize_date (line) : NULL;
}

/* Whether the space-separated @rel holds @token (any case). */
static gboolean
rel_has (const char *rel, const char *token)
{
  gsize len = strlen (token);

  for (const char *p = rel; p != NULL && *p != '\0';)
    {
      gsize n;

      while (g_ascii_isspace (*p))
        p++;
      for (n = 0; p[n] != '\0' && !g_ascii_isspace (p[n]); n++)
        ;
      if (n == len && g_ascii_strncasecmp (p, token, len) == 0)
        return TRUE;
      p += n;
    }
  return FALSE;
}

void
clipper_meta_read (xmlDoc *doc, ClipperMeta *meta, const char *base_url)
{
  ClipperMeta ld = { 0 };
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  xmlNode *root = xmlDocGetRootElement (doc);
  const char *v;
  char *image = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *og_url = NULL;

  if (root == NULL)
    return;

  read_json_ld (doc, &ld);

  for (xmlNode *n = root; n != NULL; n = clipper_dom_next (n, root, FALSE))
    {
      const char *name, *property, *content;
      g_autofree char *key = NULL;

      if (canonical == NULL && clipper_dom_is (n, "link") && rel_has (clipper_dom_attr (n, "rel"), "canonical") &&
          (content = clipper_dom_attr (n, "href")) != NULL && *content != '\0')
        canonical = g_strstrip (g_strdup (content));
      if (!clipper_dom_is (n, "meta"))
        continue;
      name = clipper_dom_attr (n, "name");
      property = clipper_dom_attr (n, "property");
      content = clipper_dom_attr (n, "content");
      if (content == NULL || *content == '\0')
        continue;
      if (property != NULL && (key = match_property (property)) != NULL)
        g_hash_table_replace (values, g_steal_pointer (&key), g_strstrip (g_strdup (content)));
      else if (name != NULL && (key = match_name (name)) != NULL)
        g_hash_table_replace (values, g_steal_pointer (&key), g_strstrip (g_strdup (content)));
      if (image == NULL && property != NULL &&
          (g_ascii_strcasecmp (property, "og:image") == 0 || g_ascii_strcasecmp (property, "og:image:url") == 0 ||
           g_ascii_strcasecmp (property, "og:image:secure_url") == 0))
        image = g_strstrip (g_strdup (content));
      if (image == NULL && name != NULL &&
          (g_ascii_strcasecmp (name, "twitter:image") == 0 || g_ascii_strcasecmp (name, "twitter:image:src") == 0))
        image = g_strstrip (g_strdup (content));
      if (og_url == NULL && property != NULL && g_ascii_strcasecmp (property, "og:url") == 0)
        og_url = g_strstrip (g_strdup (content));
    }

  {
    static const char *const title_keys[] = { "dc:title", "dcterm:title", "og:title", "weibo:article:title",
                                              "weibo:webpage:title", "title", "twitter:title", "parsely-title", NULL };
    static const char *const byline_keys[] = { "dc:creator", "dcterm:creator", "author", "parsely-author", NULL };
    static const char *const excerpt_keys[] = { "dc:description", "dcterm:description", "og:description",
                                                "weibo:article:description", "weibo:webpage:description",
                                                "description", "twitter:description", NULL };
    static const char *const time_keys[] = { "article:published_time", "parsely-pub-date", NULL };
    const char *article_author = g_hash_table_lookup (values, "article:author");

    meta->title = ld.title ? g_strdup (ld.title) : g_strdup (first_of (values, title_keys));
    if (meta->title == NULL)
      meta->title = clipper_doc_title_heuristic (doc, ld.site_name, &meta->title_kept_whole);
    v = first_of (values, byline_keys);
    if (v == NULL && article_author != NULL && !looks_like_url (article_author))
      v = article_author;
    meta->byline = ld.byline ? g_strdup (ld.byline) : g_strdup (v);
    meta->excerpt = g_strdup (continued_in (values, excerpt_keys,
                                            ld.excerpt ? ld.excerpt : first_of (values, excerpt_keys)));
    meta->site_name = ld.site_name ? g_strdup (ld.site_name) : g_strdup (g_hash_table_lookup (values, "og:site_name"));
    meta->published_time = ld.published_time ? g_strdup (ld.published_time) : g_strdup (first_of (values, time_keys));
    if (meta->published_time == NULL)
      meta->published_time = itemprop_value (doc, "datePublished");
    if (meta->published_time == NULL)
      meta->published_time = published_time_element (doc);
    if (meta->published_time != NULL)
      {
        char *iso = normalize_date (meta->published_time);
        if (iso != NULL)
          {
            g_free (meta->published_time);
            meta->published_time = iso;
          }
      }
  }

  /* Double-escaped entities in metadata; control characters out (they
   * are never meant, and break JSON writers and terminals). */
  {
    char **fields[] = { &meta->title, &meta->byline, &meta->excerpt, &meta->site_name, &meta->published_time };
    for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
      if (*fields[i] != NULL)
        {
          char *u = clipper_unescape_entities (*fields[i]);
          char *w = u;

          for (const char *r = u; *r != '\0'; r++)
            if ((guchar) *r >= 0x20 && *r != 0x7f)
              *w++ = *r;
            else if (*r == '\t' || *r == '\n' || *r == '\r')
              *w++ = ' ';
          *w = '\0';
          g_free (*fields[i]);
          *fields[i] = u;
        }
  }

  meta->article_body = g_steal_pointer (&ld.article_body);

  if (image == NULL && ld.lead_image != NULL)
    image = g_strdup (ld.lead_image);
  if (image != NULL)
    {
      char *abs = clipper_resolve_url (base_url, image);
      if (abs != NULL && (g_str_has_prefix (abs, "http://") || g_str_has_prefix (abs, "https://")))
        meta->lead_image = g_steal_pointer (&abs);
      g_free (abs);
      g_free (image);
    }

  /* The address the page gives as its own: <link rel=canonical>, else
   * og:url.  (Whether to believe it is the saver's call.) */
  if (canonical != NULL || og_url != NULL)
    {
      char *abs = clipper_resolve_url (base_url, canonical != NULL ? canonical : og_url);
      if (abs != NULL && (g_str_has_prefix (abs, "http://") || g_str_has_prefix (abs, "https://")))
        meta->canonical_url = g_steal_pointer (&abs);
      g_free (abs);
    }

  v = clipper_dom_attr (root, "lang");
  meta->lang = v != NULL ? g_strdup (v) : NULL;

  clipper_meta_clear (&ld);
}
