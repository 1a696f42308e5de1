/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "clipper-import"

#include "clipper-kindle.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clipper-charset.h"
#include "clipper-export-private.h"

typedef enum {
  KIND_HIGHLIGHT,
  KIND_NOTE,
  KIND_BOOKMARK,
} Kind;

typedef struct {
  Kind    kind;
  guint   line;        /* where the entry starts */
  char   *title;
  char   *author;      /* may be NULL */
  gint64  start;       /* location (or page) range; 0 without (a Roman page alone) */
  gint64  end;
  gint64  page_start;  /* the page beside a location; 0 without, or a Roman one */
  gint64  page_end;
  char   *page;        /* that page as the header writes it; NULL without */
  gint64  added;       /* Unix time, 0 if unknown */
  char   *text;
  char   *note;        /* highlights: attached notes */
  guint   note_line;   /* where the latest of them starts */
  gint64  span_start;  /* highlights: the range of all its versions */
  gint64  span_end;
  GPtrArray *versions; /* highlights: the texts of its earlier versions in the file (borrowed) */
  GPtrArray *notes;    /* highlights: the attached notes, the latest at each location (borrowed) */
  GPtrArray *earlier;  /* what an earlier import of the file may have stored (see earlier_import()) */
  char   *old_note;    /* highlights: the note as an import before 30 November 2026 made it */
} Clipping;

static void
clipping_free (gpointer data)
{
  Clipping *c = data;

  g_free (c->title);
  g_free (c->author);
  g_free (c->page);
  g_free (c->text);
  g_free (c->note);
  g_clear_pointer (&c->notes, g_ptr_array_unref);
  g_ptr_array_unref (c->earlier);
  g_ptr_array_unref (c->versions);
  g_free (c->old_note);
  g_free (c);
}

char *
clipper_kindle_book_url (const char *title, const char *author)
{
  g_autofree char *key = g_strdup_printf ("%s\n%s", title != NULL ? title : "", author != NULL ? author : "");
  g_autofree char *sha = g_compute_checksum_for_string (G_CHECKSUM_SHA1, key, -1);

  sha[16] = '\0';
  return g_strconcat (CLIPPER_KINDLE_BOOK_URL_PREFIX, sha, NULL);
}

gboolean
clipper_kindle_is_book_url (const char *url)
{
  return url != NULL && g_str_has_prefix (url, CLIPPER_KINDLE_BOOK_URL_PREFIX);
}

char *
clipper_kindle_dup_location (const char       *article_url,
                             ClipperHighlight *highlight)
{
  gint64 start, end;

  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT (highlight), NULL);

  if (!clipper_kindle_is_book_url (article_url))
    return NULL;
  start = clipper_highlight_get_start (highlight);
  end = clipper_highlight_get_end (highlight);
  /* Kindle locations count from 1. */
  if (start <= 0 && end <= 0)
    return NULL;
  if (end <= start)
    return g_strdup_printf ("%" G_GINT64_FORMAT, start);
  return g_strdup_printf ("%" G_GINT64_FORMAT "–%" G_GINT64_FORMAT, start, end);
}

/* Words that say what an entry is, in each language the import reads
 * (KINDLE_LANGUAGES, which the report of a header it cannot read names).
 * Kindles word the same header differently from one version to another
 * (German "Ihre Markierung" and "Deine Markierung", Dutch "Je highlight"
 * and "Uw markering"): a list holds the word they share, or each.  The
 * first word found is read, so where one holds another ("位置no." and
 * "位置") the longer comes first. */
#define KINDLE_LANGUAGES "English, German, French, Spanish, Italian, Portuguese, Dutch, Russian, Japanese, Chinese"
static const char *const highlight_words[] = { "highlight", "markierung", "surlignement", "subrayado", "evidenziazione",
                                               "destaque", "markering", "выделенный отрывок", "ハイライト", "标注",
                                               NULL };
static const char *const bookmark_words[] = { "bookmark", "lesezeichen", "signet", "marcador", "segnalibro",
                                              "bladwijzer", "закладка", "ブックマーク", "书签", NULL };
static const char *const note_words[] = { "note", "notiz", "nota", "notitie", "заметка", "メモ", "笔记", NULL };
/* Russian: "Место 1349–1350" beside a page, "в месте 900–930" without. */
static const char *const location_words[] = { "location", "loc.", "position", "emplacement", "posición", "posizione",
                                              "pos.", "posição", "locatie", "место", "месте", "位置no.", "位置", NULL };
/* Chinese puts the page between two words, "第 12 页": the first will do. */
static const char *const page_words[] = { "page", "seite", "página", "pagina", "странице", "第", NULL };
static const char *const added_words[] = { "added on", "hinzugefügt am", "ajouté le", "añadido el", "aggiunto in data",
                                           "aggiunto il", "adicionado:", "toegevoegd op", "добавлено:", "作成日",
                                           "添加于", NULL };

static const char *
find_any (const char *haystack, const char *const *words)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *at = strstr (haystack, words[i]);
      if (at != NULL)
        return at + strlen (words[i]);
    }
  return NULL;
}

/* "180-182", "180–182", "1234-56" (the end's leading digits left out),
 * Dutch "1332 t/m 1333", Chinese "#1366-1367" and "#37-#38". */
static gboolean
parse_range (const char *p, gint64 *out_start, gint64 *out_end)
{
  gint64 start, end;
  char *next;

  while (*p != '\0' && !g_ascii_isdigit (*p))
    {
      /* Only spaces, a colon, a dot or Chinese's "#" may sit between word
       * and number. */
      if (*p != ' ' && *p != ':' && *p != '.' && *p != '#' && (guchar) *p != 0xc2 && (guchar) *p != 0xa0)
        return FALSE;
      p++;
    }
  if (!g_ascii_isdigit (*p))
    return FALSE;

  start = g_ascii_strtoll (p, &next, 10);
  end = start;
  p = next;
  if (*p == '-' || g_str_has_prefix (p, "–") || g_str_has_prefix (p, " t/m "))
    {
      if (*p == '-')
        p++;
      else
        p += g_str_has_prefix (p, "–") ? strlen ("–") : strlen (" t/m ");
      if (*p == '#')
        p++;
      if (g_ascii_isdigit (*p))
        {
          const char *digits = p;
          gint64 tail = g_ascii_strtoll (p, &next, 10);
          gsize n = next - digits;

          end = tail;
          /* Old Kindles abbreviate: 1234-56 means 1234-1256.  (Not for an
           * end of 19 digits or more, or a start near the largest number:
           * no abbreviation, and the sums below would overflow; such a
           * range is read as its start.) */
          if (end < start && n < 19 && start <= G_MAXINT64 / 2)
            {
              gint64 scale = 1;

              for (gsize i = 0; i < n; i++)
                scale *= 10;
              end = (start / scale) * scale + tail;
              if (end < start)
                end += scale;
            }
          if (end < start)
            end = start;
        }
    }
  *out_start = start;
  *out_end = end;
  return TRUE;
}

/* The page a header gives, as it writes it: "12", "ix" (a book's front
 * matter; the header is lower-cased), "1–10" for a range (Dutch "1 t/m
 * 10"; a dash as the location's), "126" for Chinese "126-126".  Japanese
 * writes the number before the word, "115ページ".  @out_start and
 * @out_end get it as numbers, which a Roman page has not (0).  NULL when
 * no part of the header gives a page. */
static char *
read_page (char **parts, gint64 *out_start, gint64 *out_end)
{
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *page = find_any (parts[i], page_words);
      const char *ja = strstr (parts[i], "ページ");
      gsize n;

      if (page == NULL && ja != NULL)
        {
          page = ja;
          while (page > parts[i] && g_ascii_isdigit (page[-1]))
            page--;
        }
      if (page == NULL)
        continue;
      if (parse_range (page, out_start, out_end))
        {
          if (*out_end > *out_start)
            return g_strdup_printf ("%" G_GINT64_FORMAT "–%" G_GINT64_FORMAT, *out_start, *out_end);
          return g_strdup_printf ("%" G_GINT64_FORMAT, *out_start);
        }
      while (*page == ' ' || *page == ':')
        page++;
      n = strspn (page, "ivxlcdm");
      if (n > 0 && (page[n] == '\0' || page[n] == ' '))
        {
          *out_start = *out_end = 0;
          return g_strndup (page, n);
        }
    }
  return NULL;
}

static int
month_number (const char *word)
{
  static const char *const months[][12] = {
    { "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december" },
    { "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember" },
    { "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre" },
    { "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre" },
    { "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre" },
    { "janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro" },
    { "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december" },
    /* Russian writes a date's month in the genitive. */
    { "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря" },
  };

  for (gsize l = 0; l < G_N_ELEMENTS (months); l++)
    for (int m = 0; m < 12; m++)
      if (g_str_equal (word, months[l][m]))
        return m + 1;
  return 0;
}

/* "Sunday, March 3, 2019 10:15:42 PM", "Sonntag, 3. März 2019 22:15:42",
 * "dimanche 3 mars 2019 22:15:42", "domingo, 3 de marzo de 2019 22:15:42",
 * "domenica 3 marzo 2019 22:15:42", "domingo, 3 de março de 2019 22:15:42",
 * "zondag 3 maart 2019 22:15:42", "воскресенье, 3 марта 2019 г. в
 * 22:15:42": the words differ, the parts do not.
 * Japanese and Chinese write the date in one piece, "2019年3月3日日曜日
 * 22:15:42", and Chinese a 12-hour time after 上午 (a.m.) or 下午 (p.m.),
 * "下午10:15:42".  Kindles write local time without a zone.  It is read as
 * this machine's local time: the Kindle and the computer it is plugged into
 * are nearly always in the same zone, and a highlight made at 10:00 in
 * Berlin read as UTC showed 11:00.  A re-import under another rule finds
 * its clippings all the same: they are matched by location, never by
 * time. */
static gint64
parse_added (const char *text)
{
  g_auto (GStrv) words = NULL;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  gboolean pm = FALSE, am = FALSE;
  g_autoptr (GDateTime) dt = NULL;
  g_autoptr (GTimeZone) local = NULL;
  g_autofree char *copy = g_strdup (text);

  g_strdelimit (copy, ",", ' ');
  words = g_strsplit_set (copy, " \t", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      char *w = words[i];
      gsize len;

      if (*w == '\0')
        continue;
      len = strlen (w);
      if (w[len - 1] == '.')
        w[--len] = '\0';
      if (strstr (w, "下午") != NULL)
        pm = TRUE;
      else if (strstr (w, "上午") != NULL)
        am = TRUE;
      if (strchr (w, ':') != NULL)
        {
          const char *digits = w;

          while (*digits != '\0' && !g_ascii_isdigit (*digits))
            digits++;
          sscanf (digits, "%d:%d:%d", &hour, &minute, &second);
        }
      else if (strstr (w, "年") != NULL)
        sscanf (w, "%d年%d月%d日", &year, &month, &day);
      else if (g_ascii_strcasecmp (w, "pm") == 0 || g_ascii_strcasecmp (w, "p.m") == 0)
        pm = TRUE;
      else if (g_ascii_strcasecmp (w, "am") == 0 || g_ascii_strcasecmp (w, "a.m") == 0)
        am = TRUE;
      else if (g_ascii_isdigit (*w))
        {
          int n = atoi (w);

          if (len == 4)
            year = n;
          else if (day == 0)
            day = n;
        }
      else if (month == 0)
        {
          g_autofree char *lower = g_utf8_strdown (w, -1);
          month = month_number (lower);
        }
    }

  if (pm && hour < 12)
    hour += 12;
  if (am && hour == 12)
    hour = 0;
  if (year == 0 || month == 0 || day == 0)
    return 0;
  local = g_time_zone_new_local ();
  dt = g_date_time_new (local, year, month, day, hour, minute, second);
  return dt != NULL ? g_date_time_to_unix (dt) : 0;
}

/* The kind of an entry, from the first part of its header that names one.
 * That is the first part but in Japanese, where a page comes before it:
 * "115ページ|位置No. 1323-1325のハイライト |作成日: …".  The date is
 * never read for it. */
static gboolean
find_kind (char **parts, Kind *out_kind)
{
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (i > 0 && find_any (parts[i], added_words) != NULL)
        continue;
      if (find_any (parts[i], highlight_words) != NULL)
        *out_kind = KIND_HIGHLIGHT;
      else if (find_any (parts[i], bookmark_words) != NULL)
        *out_kind = KIND_BOOKMARK;
      else if (find_any (parts[i], note_words) != NULL)
        *out_kind = KIND_NOTE;
      else
        continue;
      return TRUE;
    }
  return FALSE;
}

/* The header as the report quotes it: a line of another language is the
 * first thing that tells the user why a file's entries were skipped. */
static char *
quote_header (const char *line)
{
  g_autofree char *head = NULL;

  if (g_utf8_strlen (line, -1) <= 120)
    return g_strdup_printf ("\"%s\"", line);
  head = g_utf8_substring (line, 0, 120);
  return g_strdup_printf ("\"%s…\"", head);
}

/* Reads one entry's lines into a clipping; NULL (with @why, to be freed)
 * if broken. */
static Clipping *
parse_entry (GPtrArray *lines, guint first_line, char **why)
{
  g_autoptr (GString) text = g_string_new (NULL);
  g_autofree char *header = NULL;
  g_autofree char *quoted = NULL;
  const char *title_line, *loc, *added;
  Clipping *c;
  g_auto (GStrv) parts = NULL;
  g_autofree char *page = NULL;
  gboolean have_range = FALSE;
  gint64 start = 0, end = 0, page_start = 0, page_end = 0;
  Kind kind;

  if (lines->len < 2)
    {
      *why = g_strdup ("it has no header line");
      return NULL;
    }
  title_line = g_ptr_array_index (lines, 0);
  if (*title_line == '\0')
    {
      *why = g_strdup ("it has no title");
      return NULL;
    }
  quoted = quote_header (g_ptr_array_index (lines, 1));
  /* A Russian Kindle starts it with a dash of its own. */
  if (!g_str_has_prefix (g_ptr_array_index (lines, 1), "-") && !g_str_has_prefix (g_ptr_array_index (lines, 1), "–"))
    {
      *why = g_strdup_printf ("its second line, %s, is not a Kindle header (\"- Your Highlight on …\")", quoted);
      return NULL;
    }

  header = g_utf8_strdown (g_ptr_array_index (lines, 1), -1);
  parts = g_strsplit (header, "|", -1);
  if (!find_kind (parts, &kind))
    {
      *why = g_strdup_printf ("its header, %s, says neither highlight, note nor bookmark in a language Clipper "
                              "reads (" KINDLE_LANGUAGES ")", quoted);
      return NULL;
    }

  for (guint i = 0; parts[i] != NULL && !have_range; i++)
    if ((loc = find_any (parts[i], location_words)) != NULL)
      have_range = parse_range (loc, &start, &end);
  page = read_page (parts, &page_start, &page_end);
  /* Without a location the page is the range (a PDF's); beside one, it is
   * kept, and finds what an older import placed at the page (see
   * save_book()). */
  if (!have_range && page_start > 0)
    {
      start = page_start;
      end = page_end;
      have_range = TRUE;
      page_start = page_end = 0;
      g_clear_pointer (&page, g_free);
    }
  /* A book's front matter, numbered in Roman, may give its page and no
   * location: the clipping keeps the page, and no location (0). */
  if (!have_range && page == NULL && kind != KIND_BOOKMARK)
    {
      *why = g_strdup_printf ("its header, %s, gives no location or page", quoted);
      return NULL;
    }

  for (guint i = 2; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      /* The blank line after the header is the format's, not the text's. */
      if (i == 2 && *line == '\0')
        continue;
      if (text->len > 0 || i > 2)
        {
          if (text->len > 0 || *line != '\0')
            g_string_append_c (text, '\n');
        }
      g_string_append (text, line);
    }
  g_strstrip (text->str);
  text->len = strlen (text->str);
  if (kind != KIND_BOOKMARK && text->len == 0)
    {
      *why = g_strdup (kind == KIND_NOTE ? "the note is empty" : "the highlight is empty");
      return NULL;
    }

  c = g_new0 (Clipping, 1);
  c->kind = kind;
  c->line = first_line;
  c->start = start;
  c->end = end;
  c->page_start = page_start;
  c->page_end = page_end;
  c->page = g_steal_pointer (&page);
  c->text = g_string_free (g_steal_pointer (&text), FALSE);
  c->span_start = start;
  c->span_end = end;
  c->earlier = g_ptr_array_new_with_free_func (g_free);
  c->versions = g_ptr_array_new ();

  {
    /* "Title (Author)": the last parenthesised group is the author. */
    gsize len = strlen (title_line);
    const char *open = NULL;

    if (len > 2 && title_line[len - 1] == ')')
      {
        int depth = 0;

        for (const char *p = title_line + len - 1; p >= title_line; p--)
          {
            if (*p == ')')
              depth++;
            else if (*p == '(' && --depth == 0)
              {
                open = p;
                break;
              }
          }
      }
    if (open != NULL && open > title_line)
      {
        c->title = g_strstrip (g_strndup (title_line, open - title_line));
        c->author = g_strstrip (g_strndup (open + 1, title_line + len - 1 - (open + 1)));
      }
    else
      c->title = g_strstrip (g_strdup (title_line));
  }

  added = NULL;
  for (guint i = 0; parts[i] != NULL && added == NULL; i++)
    added = find_any (parts[i], added_words);
  if (added == NULL && g_strv_length (parts) > 1)
    added = parts[g_strv_length (parts) - 1];
  c->added = added != NULL ? parse_added (added) : 0;

  return c;
}

static char *
book_key (Clipping *c)
{
  return g_strdup_printf ("%s\n%s", c->title, c->author != NULL ? c->author : "");
}

static gboolean
overlaps (gint64 s1, gint64 e1, gint64 s2, gint64 e2)
{
  return s1 <= e2 && s2 <= e1;
}

/* Whether a highlight with no location (a Roman page alone) at @page
 * reading @text is the one at @other_page reading @other_text: the same
 * page, and one text holds the other (an extended highlight holds what
 * it was).  Two highlights of a book's preface are not one for having no
 * location alike. */
static gboolean
same_unlocated (const char *page, const char *text, const char *other_page, const char *other_text)
{
  return g_strcmp0 (page, other_page) == 0 && other_text != NULL &&
         (strstr (text, other_text) != NULL || strstr (other_text, text) != NULL);
}

/* The words of @text, without the punctuation at either end of each, so
 * that "ended." extended to "ended, and then" still reads "ended". */
static GPtrArray *
dup_words (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) parts = g_strsplit_set (text, " \t\r\n", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *start = parts[i];
      const char *end = parts[i] + strlen (parts[i]);

      while (start < end && g_ascii_ispunct (*start))
        start++;
      while (end > start && g_ascii_ispunct (end[-1]))
        end--;
      if (end > start)
        g_ptr_array_add (words, g_strndup (start, end - start));
    }
  return words;
}

/* Whether the @n words of @a from @i are those of @b from @j. */
static gboolean
same_words (GPtrArray *a, guint i, GPtrArray *b, guint j, guint n)
{
  for (guint k = 0; k < n; k++)
    if (strcmp (g_ptr_array_index (a, i + k), g_ptr_array_index (b, j + k)) != 0)
      return FALSE;
  return TRUE;
}

/* Whether @a and @b read as versions of one highlight: one holds the
 * other (extended or shortened on the device; words compared without
 * their punctuation, "ended." extended to "ended, and then"), or the end
 * of one is the start of the other by three words and a third of the
 * shorter at least (extended at one end, shortened at the other: a Kindle
 * makes one highlight of words highlighted twice, so two highlights never
 * share words so).  Kindle locations are about 150 bytes, so the
 * highlight after another often begins at the location where it ends:
 * overlapping locations alone do not make two clippings one (until 30
 * November 2026 the later of two neighbours replaced the earlier).  Nor
 * do a few words alike at the start or end ("It was the best of times",
 * "It was the worst of times"): neighbouring sentences read so. */
static gboolean
texts_overlap (const char *a, const char *b)
{
  g_autoptr (GPtrArray) wa = NULL;
  g_autoptr (GPtrArray) wb = NULL;
  GPtrArray *shorter, *longer;
  guint need;

  if (strstr (a, b) != NULL || strstr (b, a) != NULL)
    return TRUE;
  wa = dup_words (a);
  wb = dup_words (b);
  shorter = wa->len <= wb->len ? wa : wb;
  longer = shorter == wa ? wb : wa;
  if (shorter->len == 0)
    return FALSE;
  for (guint i = 0; i + shorter->len <= longer->len; i++)
    if (same_words (longer, i, shorter, 0, shorter->len))
      return TRUE;
  need = MAX (3, (shorter->len + 2) / 3);
  for (guint n = shorter->len - 1; n >= need; n--)
    if (same_words (wa, wa->len - n, wb, 0, n) || same_words (wb, wb->len - n, wa, 0, n))
      return TRUE;
  return FALSE;
}

/* Whether any text @a has had in the file (its own, its earlier
 * versions') reads as a version of @text (texts_overlap()). */
static gboolean
overlaps_any (const Clipping *a, const char *text)
{
  if (text == NULL)
    return FALSE;
  if (texts_overlap (a->text, text))
    return TRUE;
  for (guint i = 0; i < a->versions->len; i++)
    if (texts_overlap (g_ptr_array_index (a->versions, i), text))
      return TRUE;
  return FALSE;
}

/* Whether two highlights of a book are versions of one: at overlapping
 * locations, with texts that overlaps_any(), or the same clipping with
 * other words (same locations and date: a file corrected by hand); with
 * no location, same_unlocated(). */
static gboolean
same_highlight (const Clipping *a, const Clipping *b)
{
  if (a->start == 0 || b->start == 0)
    return a->start == 0 && b->start == 0 && same_unlocated (a->page, a->text, b->page, b->text);
  if (!overlaps (a->start, a->end, b->start, b->end))
    return FALSE;
  if (a->start == b->start && a->end == b->end && a->added == b->added)
    return TRUE;
  if (overlaps_any (a, b->text))
    return TRUE;
  for (guint i = 0; i < b->versions->len; i++)
    if (overlaps_any (a, g_ptr_array_index (b->versions, i)))
      return TRUE;
  return FALSE;
}

#define REPLACEMENT_CHAR "\xef\xbf\xbd" /* U+FFFD */

/* Whether @stored is @text as an import stored it that could not read all
 * of it: the same but for runs of U+FFFD, each where @text has a run of
 * letters that are not ASCII.  Until 30 November 2026 the import read a
 * file that was not UTF-8 (Windows-1252, -1251) as if it were, one U+FFFD
 * for each letter, and ASCII is ASCII in every encoding it reads.  A quote
 * that differs anywhere else is no repair (see save_book()'s changed
 * highlights). */
static gboolean
repairs_quote (const char *stored, const char *text)
{
  const char *s = stored, *t = text;
  gboolean repaired = FALSE;

  if (stored == NULL || strstr (text, REPLACEMENT_CHAR) != NULL)
    return FALSE;
  while (*s != '\0')
    {
      if (g_str_has_prefix (s, REPLACEMENT_CHAR))
        {
          while (g_str_has_prefix (s, REPLACEMENT_CHAR))
            s += strlen (REPLACEMENT_CHAR);
          if ((guchar) *t < 0x80)
            return FALSE;
          while ((guchar) *t >= 0x80)
            t = g_utf8_next_char (t);
          repaired = TRUE;
          continue;
        }
      if (*s != *t)
        return FALSE;
      s++;
      t++;
    }
  return repaired && *t == '\0';
}

/* @note below the note in @slot, unless it holds it already. */
static void
append_note (char **slot, const char *note)
{
  char *joined;

  if (*slot == NULL)
    {
      *slot = g_strdup (note);
      return;
    }
  if (strstr (*slot, note) != NULL)
    return;
  joined = g_strconcat (*slot, "\n\n", note, NULL);
  g_free (*slot);
  *slot = joined;
}

/* Whether @later, which the file holds after @c at the same place, is the
 * current version of the two.  A highlight or note changed on the Kindle
 * (extended, shortened, a note rewritten) is not changed in the file: the
 * Kindle adds a clipping with its new text, so the later one is current,
 * longer or shorter.  Their dates decide where they disagree with the
 * order (a file put together by hand). */
static gboolean
supersedes (const Clipping *later, const Clipping *c)
{
  if (later->added > 0 && c->added > 0 && later->added != c->added)
    return later->added > c->added;
  return TRUE;
}

/* Attaches @note to highlight @target: a note at a location where
 * @target has one already is that note edited on the device, and the
 * current version of the two is kept (the other counted as left out);
 * notes at other locations are notes of their own, all kept.  What an
 * import before 30 November 2026 stored, which joined every version, is
 * kept in @target's earlier, as the file grew. */
static void
attach_note (Clipping *target, Clipping *note, ClipperImportResult *result)
{
  append_note (&target->old_note, note->text);
  g_ptr_array_add (target->earlier, g_strdup (target->old_note));
  if (target->notes == NULL)
    target->notes = g_ptr_array_new ();
  for (guint i = 0; i < target->notes->len; i++)
    {
      Clipping *other = g_ptr_array_index (target->notes, i);

      if (other->start != note->start || other->end != note->end)
        continue;
      result->skipped++;
      if (supersedes (note, other))
        target->notes->pdata[i] = note;
      return;
    }
  g_ptr_array_add (target->notes, note);
}

/* Whether @text is what an earlier import of the file may have stored
 * from @c (a note on it, or, for a note at no highlight, its text): an
 * earlier version, or the versions joined as an import before 30 November
 * 2026 joined them.  The file only grows, so it still holds every one. */
static gboolean
earlier_import (const Clipping *c, const char *text)
{
  for (guint i = 0; i < c->earlier->len; i++)
    if (g_strcmp0 (g_ptr_array_index (c->earlier, i), text) == 0)
      return TRUE;
  return FALSE;
}

typedef struct {
  char      *key;
  Clipping  *first;       /* borrowed: title, author */
  GPtrArray *highlights;  /* borrowed Clipping */
  GPtrArray *notes;       /* borrowed Clipping */
} Book;

static void
book_free (gpointer data)
{
  Book *b = data;

  g_free (b->key);
  g_ptr_array_unref (b->highlights);
  g_ptr_array_unref (b->notes);
  g_free (b);
}

/* The byline of a book whose clippings name its authors as Kindle does,
 * "Hunt, Andrew;Thomas, David": "Andrew Hunt, David Thomas".  A copy's
 * "(1)" is no author.  (The book's address keeps Kindle's form: a library
 * that imported it before finds it again.) */
static char *
kindle_byline (const char *author)
{
  g_auto (GStrv) names = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  gboolean digits = TRUE;

  if (author == NULL || *author == '\0')
    return NULL;
  for (const char *p = author; *p != '\0'; p++)
    digits = digits && g_ascii_isdigit (*p);
  if (digits)
    return NULL;

  names = g_strsplit (author, ";", -1);
  for (guint i = 0; names[i] != NULL; i++)
    {
      char *name = g_strstrip (names[i]);
      const char *comma = strchr (name, ',');

      if (*name == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      /* "Last, First" (one comma): turned round; anything else as it is. */
      if (comma != NULL && strchr (comma + 1, ',') == NULL && comma[1] != '\0')
        {
          g_autofree char *last = g_strstrip (g_strndup (name, comma - name));
          g_autofree char *first = g_strstrip (g_strdup (comma + 1));

          g_string_append_printf (out, "%s %s", first, last);
        }
      else
        g_string_append (out, name);
    }
  return out->len > 0 ? g_strdup (out->str) : NULL;
}

/* @text with U+FFFD for each letter that is not ASCII; NULL for NULL. */
static char *
dup_unreadable (const char *text)
{
  GString *out;

  if (text == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if ((guchar) *p < 0x80)
        g_string_append_c (out, *p);
      else
        g_string_append (out, REPLACEMENT_CHAR);
    }
  return g_string_free (out, FALSE);
}

/* The book an import before 30 November 2026 made of a file it could not
 * read (see repairs_quote()): its title and author had U+FFFD for each
 * letter that is not ASCII, one byte each in Windows-1252 or -1251, and
 * its address is made from them.  Found there, it takes the file's title,
 * byline and address, and its clippings are repaired as any other's.
 * @out_id stays 0 when there is no such book. */
static gboolean
repair_book (ClipperStore        *store,
             Book                *book,
             const char          *url,
             gint64              *out_id,
             ClipperImportResult *result,
             GError             **error)
{
  g_autofree char *title = dup_unreadable (book->first->title);
  g_autofree char *author = dup_unreadable (book->first->author);
  g_autofree char *old_url = NULL;
  g_autofree char *byline = NULL;
  g_autoptr (ClipperArticle) article = NULL;
  gint64 id;

  if (g_str_equal (title, book->first->title) && g_strcmp0 (author, book->first->author) == 0)
    return TRUE;
  old_url = clipper_kindle_book_url (title, author);
  id = clipper_store_find_article_by_url (store, old_url, error);
  if (id <= 0)
    return id == 0 && (error == NULL || *error == NULL);
  article = clipper_store_get_article (store, id, error);
  if (article == NULL || g_strcmp0 (clipper_article_get_title (article), title) != 0)
    return article != NULL;

  byline = kindle_byline (book->first->author);
  clipper_article_set_url (article, url);
  clipper_article_set_title (article, book->first->title);
  clipper_article_set_byline (article, byline);
  if (!clipper_store_update_article (store, article, error))
    return FALSE;
  clipper_import_result_add_notice (result, "repaired the title of \"%s\" that an earlier import stored as \"%s\"",
                                    book->first->title, title);
  *out_id = id;
  return TRUE;
}

/* The source under which the library keeps what the import last took in
 * as a highlight's note (clipper_store_set_note_part()): a vault's and a
 * JSON's parts are named by block ids and UUIDs, which never read so. */
#define KINDLE_NOTE_PART "kindle"

/* The file's note on the library's highlight @match, by the rule of the
 * JSON and vault imports: the library's edit is kept, and said; the
 * file's note comes in where the library has none, or still holds what
 * the last import took in (an earlier import's, by earlier_import(), for
 * a library filled before that was recorded).  A file whose note is as
 * the last import took it in changes nothing, whatever the library did
 * since: My Clippings.txt only grows, and is imported whole again and
 * again.  @out_changed says whether @match's note was set. */
static gboolean
take_note (ClipperStore        *store,
           ClipperHighlight    *match,
           const Clipping      *c,
           ClipperImportResult *result,
           gboolean            *out_changed,
           GError             **error)
{
  g_autoptr (GHashTable) parts = NULL;
  const char *stored = clipper_highlight_get_note (match);
  const char *last;
  gint64 id = clipper_highlight_get_id (match);

  *out_changed = FALSE;
  if (c->note == NULL)
    return TRUE;
  parts = clipper_store_dup_note_parts (store, id, error);
  if (parts == NULL)
    return FALSE;
  last = g_hash_table_lookup (parts, KINDLE_NOTE_PART);
  if (g_strcmp0 (c->note, last) == 0)
    return TRUE;
  if (stored != NULL && *stored == '\0')
    stored = NULL;

  if (g_strcmp0 (stored, c->note) == 0)
    ;
  else if (stored == NULL && last == NULL)
    {
      clipper_highlight_set_note (match, c->note);
      result->notes_added++;
      *out_changed = TRUE;
    }
  else if ((last != NULL ? g_strcmp0 (stored, last) == 0 : earlier_import (c, stored))
           || repairs_quote (stored, c->note))
    {
      /* Edited on the device since (or stored by an import that could
       * not read all of it). */
      clipper_highlight_set_note (match, c->note);
      result->notes_updated++;
      *out_changed = TRUE;
    }
  else
    {
      g_autofree char *quoted = quote_header (clipper_highlight_get_quote (match));
      g_autofree char *note = quote_header (c->note);

      result->conflicts++;
      clipper_import_result_add_notice (result, "line %u: kept the note of %s as edited in the library; "
                                        "the file's: %s", c->note_line, quoted, note);
    }
  /* Said once: the next import of the file finds it as taken in. */
  return clipper_store_set_note_part (store, id, KINDLE_NOTE_PART, NULL, c->note, error);
}

/* Whether the library's highlight @e is a version of the file's @c,
 * at overlapping locations: same_highlight()'s rule, with what @e reads
 * and read when first imported. */
static gboolean
stored_version (const Clipping *c, ClipperHighlight *e)
{
  if (c->start == clipper_highlight_get_start (e) && c->end == clipper_highlight_get_end (e)
      && c->added == clipper_highlight_get_created_at (e))
    return TRUE;
  return overlaps_any (c, clipper_highlight_get_quote (e))
         || overlaps_any (c, clipper_highlight_get_original_quote (e));
}

static gboolean
save_book (ClipperStore        *store,
           Book                *book,
           ClipperImportResult *result,
           GError             **error)
{
  g_autofree char *url = clipper_kindle_book_url (book->first->title, book->first->author);
  g_autoptr (GPtrArray) existing = NULL;
  ClipperHighlightQuery query = { 0 };
  gint64 article_id;

  article_id = clipper_store_find_article_by_url (store, url, error);
  if (article_id < 0 || (article_id == 0 && error != NULL && *error != NULL))
    return FALSE;
  if (article_id == 0 && !repair_book (store, book, url, &article_id, result, error))
    return FALSE;
  if (article_id == 0)
    {
      g_autoptr (ClipperArticle) article = clipper_article_new ();
      g_autofree char *byline = kindle_byline (book->first->author);

      clipper_article_set_url (article, url);
      clipper_article_set_title (article, book->first->title);
      clipper_article_set_byline (article, byline);
      /* Saved now, as a page saved today is: the list's Newest is when an
       * item came into the library, and a book filed under its first
       * clipping's date went to the bottom of it, out of sight as it came
       * in.  The clippings keep their own dates. */
      if (!clipper_store_add_article (store, article, NULL, error))
        return FALSE;
      article_id = clipper_article_get_id (article);
      if (result->articles_added++ == 0)
        result->first_article_added = article_id;
    }
  else
    result->articles_existing++;

  query.article_id = article_id;
  existing = clipper_store_list_highlights (store, &query, error);
  if (existing == NULL)
    return FALSE;

  for (guint i = 0; i < book->highlights->len; i++)
    {
      Clipping *c = g_ptr_array_index (book->highlights, i);
      ClipperHighlight *match = NULL;
      g_autoptr (ClipperHighlight) h = NULL;
      g_autofree char *name = NULL;
      g_autofree char *uuid = NULL;
      const char *tags[] = { "kindle-note", NULL };
      gboolean standalone_note = c->kind == KIND_NOTE;
      gboolean moved = FALSE;

      for (guint j = 0; j < existing->len && match == NULL; j++)
        {
          ClipperHighlight *e = g_ptr_array_index (existing, j);
          gboolean located = clipper_highlight_get_start (e) > 0;

          if (c->start == 0 || !located)
            {
              if (c->start == 0 && !located
                  && (standalone_note ? g_strcmp0 (clipper_highlight_get_quote (e), c->text) == 0
                                      : same_unlocated (c->page, c->text, clipper_highlight_get_page (e),
                                                        clipper_highlight_get_quote (e))))
                match = e;
            }
          else if (standalone_note)
            {
              if (overlaps (c->start, c->end, clipper_highlight_get_start (e), clipper_highlight_get_end (e))
                  && (g_strcmp0 (clipper_highlight_get_quote (e), c->text) == 0
                      || earlier_import (c, clipper_highlight_get_quote (e))))
                match = e;
            }
          /* Where any of its versions was: the library may hold the
           * first, which the latest moved away from. */
          else if (overlaps (c->span_start, c->span_end, clipper_highlight_get_start (e), clipper_highlight_get_end (e))
                   && stored_version (c, e))
            match = e;
        }
      /* Until 30 November 2026 the import did not read Dutch "locatie"
       * and placed a Dutch highlight at its page: found there by its text,
       * it moves to its location instead of coming in twice. */
      for (guint j = 0; j < existing->len && match == NULL && c->page_start > 0 && !standalone_note; j++)
        {
          ClipperHighlight *e = g_ptr_array_index (existing, j);

          if (overlaps (c->page_start, c->page_end, clipper_highlight_get_start (e), clipper_highlight_get_end (e))
              && g_strcmp0 (clipper_highlight_get_quote (e), c->text) == 0)
            {
              match = e;
              moved = TRUE;
            }
        }

      /* A note at no highlight is found by its text, which an older
       * import may have stored with U+FFFD for letters it could not read:
       * found by what it reads, it is repaired below. */
      for (guint j = 0; j < existing->len && match == NULL && standalone_note; j++)
        {
          ClipperHighlight *e = g_ptr_array_index (existing, j);

          if (overlaps (c->start, c->end, clipper_highlight_get_start (e), clipper_highlight_get_end (e))
              && repairs_quote (clipper_highlight_get_quote (e), c->text))
            match = e;
        }

      if (match != NULL)
        {
          g_autofree char *quote = g_strdup (clipper_highlight_get_quote (match));
          gint64 created = clipper_highlight_get_created_at (match);
          gboolean repair = repairs_quote (quote, c->text);
          /* Changed on the device since the last import (extended,
           * shortened, a note at no highlight rewritten), or the file
           * corrected: the library follows, but never back to the text the
           * highlight had first or to a clipping older than it (an older
           * copy of the file imported after a newer one). */
          gboolean changed = !repair && g_strcmp0 (c->text, quote) != 0
                             && g_strcmp0 (c->text, clipper_highlight_get_original_quote (match)) != 0
                             && (c->added == 0 || created == 0 || c->added >= created);
          gboolean new_note = FALSE;
          /* An import before schema version 10 kept no page: the file's
           * fills it in.  A file without pages leaves the stored one. */
          gboolean new_page = c->page != NULL && g_strcmp0 (c->page, clipper_highlight_get_page (match)) != 0;

          /* Not "already in the library": the library had other words. */
          if (changed && !standalone_note)
            result->highlights_updated++;
          else
            result->highlights_existing++;
          if (!standalone_note && !take_note (store, match, c, result, &new_note, error))
            return FALSE;
          if (new_page || repair || changed || new_note || moved)
            {
              /* The library follows, keeping the UUID, the note and tags
               * (or the import read it at its page, or kept no page). */
              if (new_page)
                clipper_highlight_set_page (match, c->page);
              if (moved || changed)
                clipper_highlight_set_range (match, c->start, c->end);
              if (changed)
                {
                  /* The text it had, as a refetch keeps a changed page's. */
                  if (clipper_highlight_get_original_quote (match) == NULL)
                    clipper_highlight_set_original_quote (match, quote);
                  clipper_highlight_set_quote (match, c->text);
                  if (standalone_note)
                    result->notes_updated++;
                }
              if (repair)
                {
                  g_autofree char *quoted = quote_header (c->text);

                  clipper_highlight_set_quote (match, c->text);
                  result->highlights_repaired++;
                  clipper_import_result_add_notice (result, "line %u: repaired the text of a highlight of \"%s\" "
                                                    "that an earlier import stored with � for letters it could "
                                                    "not read: %s", c->line, book->first->title, quoted);
                }
              if (!clipper_store_update_highlight (store, match, error))
                return FALSE;
            }
          continue;
        }

      name = g_strdup_printf ("kindle:%s|%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "|%s",
                              book->key, c->start, c->end, c->text);
      uuid = clipper_export_uuid_for_name (name);

      h = clipper_highlight_new ();
      clipper_highlight_set_uuid (h, uuid);
      clipper_highlight_set_article_id (h, article_id);
      clipper_highlight_set_color (h, "yellow");
      clipper_highlight_set_quote (h, c->text);
      clipper_highlight_set_range (h, c->start, c->end);
      /* Kindle locations, not offsets of any text. */
      clipper_highlight_set_offsets_from (h, CLIPPER_OFFSETS_UNKNOWN);
      clipper_highlight_set_page (h, c->page);
      clipper_highlight_set_anchored (h, FALSE);
      clipper_highlight_set_created_at (h, c->added);
      if (standalone_note)
        clipper_highlight_set_tags (h, tags);
      else
        clipper_highlight_set_note (h, c->note);
      if (!clipper_store_add_highlight (store, h, error))
        return FALSE;
      if (!standalone_note && c->note != NULL
          && !clipper_store_set_note_part (store, clipper_highlight_get_id (h), KINDLE_NOTE_PART, NULL, c->note,
                                           error))
        return FALSE;
      result->highlights_added++;
      if (standalone_note || c->note != NULL)
        result->notes_added++;
      g_ptr_array_add (existing, g_object_ref (h));
    }

  return TRUE;
}

/* An iconv name as people know it: "Windows-1251", "Shift_JIS". */
static char *
describe_charset (const char *charset)
{
  static const struct {
    const char *iconv_name;
    const char *name;
  } names[] = {
    { "CP874", "Windows-874" },
    { "CP932", "Shift_JIS" },
    { "CP949", "EUC-KR" },
    { "BIG5-HKSCS", "Big5" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (charset, names[i].iconv_name) == 0)
      return g_strdup (names[i].name);
  if (g_ascii_strncasecmp (charset, "WINDOWS-", 8) == 0)
    return g_strconcat ("Windows-", charset + 8, NULL);
  return g_ascii_strup (charset, -1);
}

/* An entry with bytes the file's encoding has no letter for (a byte
 * broken in a UTF-8 file, one Windows-1252 leaves undefined) is kept with
 * U+FFFD in their place, and said: skipped, its highlight and the note on
 * it would be missing from the library for a few unreadable letters, and
 * a file read right later repairs the text (see repairs_quote()). */
static void
report_unreadable (ClipperImportResult *result, const Clipping *c, guint n, const char *charset)
{
  g_autofree char *quoted = quote_header (c->text);
  g_autofree char *name = describe_charset (charset);

  result->unreadable++;
  clipper_import_result_add_notice (result, "line %u: %u %s of \"%s\" could not be read as %s and %s kept as �: %s",
                                    c->line, n, n == 1 ? "character" : "characters", c->title, name,
                                    n == 1 ? "is" : "are", quoted);
}

gboolean
clipper_kindle_import (ClipperStore        *store,
                       const char          *data,
                       gsize                len,
                       ClipperImportResult *result,
                       ClipperProgressFunc  progress,
                       gpointer             progress_data,
                       GCancellable        *cancellable,
                       GError             **error)
{
  g_autoptr (GPtrArray) clippings = g_ptr_array_new_with_free_func (clipping_free);
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) books = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) book_list = g_ptr_array_new_with_free_func (book_free);
  g_autoptr (GArray) unreadable = NULL;
  g_autofree char *charset = NULL;
  g_autofree char *text = NULL;
  ClipperCharsetSource source;
  const char *p, *end;
  gsize text_len = 0;
  guint line_no = 0, entry_line = 0, entry_unreadable = 0, next_unreadable = 0;

  /* Kindles write UTF-8, but a file saved again by an editor may be in
   * anything: Notepad's "Unicode" is UTF-16, an old one the system's
   * Windows-1252 or -1251.  Read as UTF-8, each letter was lost. */
  charset = clipper_charset_guess_text ((const guint8 *) data, len, &source);
  text = clipper_charset_decode ((const guint8 *) data, len, charset, &text_len, &unreadable);
  if (g_ascii_strcasecmp (charset, "UTF-8") != 0)
    {
      result->encoding = describe_charset (charset);
      if (source == CLIPPER_CHARSET_SOURCE_BOM)
        clipper_import_result_add_notice (result, "read as %s, as its byte order mark says", result->encoding);
      else
        clipper_import_result_add_notice (result, "read as %s: the file is not UTF-8 (what a Kindle writes) and "
                                          "does not say what it is; its text reads best in %s",
                                          result->encoding, result->encoding);
    }
  p = text;
  end = text + text_len;

  /* Split into entries at "==========" lines. */
  while (p <= end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl != NULL ? nl : end;
      g_autofree char *line = NULL;
      gboolean last = nl == NULL;

      line_no++;
      if (line_end > p && line_end[-1] == '\r')
        line = g_strndup (p, line_end - 1 - p);
      else
        line = g_strndup (p, line_end - p);
      /* Kindles put a BOM before some titles too. */
      if (g_str_has_prefix (line, "\xef\xbb\xbf"))
        memmove (line, line + 3, strlen (line + 3) + 1);
      /* Letters the file's encoding could not read, in this entry. */
      while (next_unreadable < unreadable->len
             && g_array_index (unreadable, gsize, next_unreadable) < (gsize) (line_end - text))
        {
          entry_unreadable++;
          next_unreadable++;
        }

      if (g_str_has_prefix (line, "==========") || last)
        {
          if (!g_str_has_prefix (line, "==========") && *g_strstrip (line) != '\0')
            g_ptr_array_add (lines, g_steal_pointer (&line));
          /* Leading blank lines are not part of an entry. */
          while (lines->len > 0 && *(char *) g_ptr_array_index (lines, 0) == '\0')
            {
              g_ptr_array_remove_index (lines, 0);
              entry_line++;
            }
          if (lines->len > 0)
            {
              g_autofree char *why = NULL;
              Clipping *c = parse_entry (lines, entry_line, &why);

              if (c == NULL)
                clipper_import_result_add_problem (result, entry_line, "line %u: skipped a broken entry: %s",
                                                   entry_line, why);
              else if (c->kind == KIND_BOOKMARK)
                {
                  result->skipped++;
                  clipping_free (c);
                }
              else
                {
                  if (entry_unreadable > 0)
                    report_unreadable (result, c, entry_unreadable, charset);
                  g_ptr_array_add (clippings, c);
                }
            }
          g_ptr_array_set_size (lines, 0);
          entry_line = line_no + 1;
          entry_unreadable = 0;
        }
      else
        {
          if (lines->len == 0)
            entry_line = line_no;
          g_ptr_array_add (lines, g_steal_pointer (&line));
        }

      if (last)
        break;
      p = nl + 1;
    }

  if (clippings->len == 0 && result->skipped == 0 && result->broken_lines->len == 0)
    {
      g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_INVALID,
                   "the file holds no Kindle clippings (entries end with a line of \"==========\")");
      return FALSE;
    }
  /* Nothing read: "imported 0" would pass for success (and exit 0) when
   * the file is not what Kindle writes, or in a language not read. */
  if (clippings->len == 0 && result->skipped == 0)
    {
      g_set_error (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_INVALID,
                   "nothing imported: none of the file's entries could be read as a Kindle clipping (%u broken); "
                   "%s", result->broken_lines->len, (const char *) g_ptr_array_index (result->problems, 0));
      return FALSE;
    }

  /* Group by book; within a book keep the current version of each
   * highlight (same_highlight(), supersedes()). */
  for (guint i = 0; i < clippings->len; i++)
    {
      Clipping *c = g_ptr_array_index (clippings, i);
      g_autofree char *key = book_key (c);
      Book *book = g_hash_table_lookup (books, key);

      if (book == NULL)
        {
          book = g_new0 (Book, 1);
          book->key = g_steal_pointer (&key);
          book->first = c;
          book->highlights = g_ptr_array_new ();
          book->notes = g_ptr_array_new ();
          g_hash_table_insert (books, book->key, book);
          g_ptr_array_add (book_list, book);
        }

      if (c->kind == KIND_NOTE)
        {
          g_ptr_array_add (book->notes, c);
          continue;
        }

      {
        gboolean keep = TRUE;

        for (guint j = 0; j < book->highlights->len; j++)
          {
            Clipping *other = g_ptr_array_index (book->highlights, j);

            if (!same_highlight (c, other))
              continue;
            result->skipped++;
            /* Its notes may be at an end it no longer has. */
            if (c->start > 0)
              {
                c->span_start = other->span_start = MIN (c->span_start, other->span_start);
                c->span_end = other->span_end = MAX (c->span_end, other->span_end);
              }
            if (supersedes (c, other))
              {
                book->highlights->pdata[j] = c;
                g_ptr_array_extend (c->versions, other->versions, NULL, NULL);
                g_ptr_array_add (c->versions, other->text);
              }
            else
              g_ptr_array_add (other->versions, c->text);
            keep = FALSE;
            break;
          }
        if (keep)
          g_ptr_array_add (book->highlights, c);
      }
    }

  /* Notes go to the highlight that ends at their location, else the one
   * that holds it (or held it before it was shortened); a note at no
   * highlight stays a highlight of its own, as does one with no location
   * (a Roman page alone tells no highlight of the page from another). */
  for (guint b = 0; b < book_list->len; b++)
    {
      Book *book = g_ptr_array_index (book_list, b);

      for (guint i = 0; i < book->notes->len; i++)
        {
          Clipping *note = g_ptr_array_index (book->notes, i);
          Clipping *target = NULL;
          gboolean version = FALSE;

          for (guint j = 0; j < book->highlights->len && target == NULL && note->start > 0; j++)
            {
              Clipping *h = g_ptr_array_index (book->highlights, j);
              if (h->kind == KIND_HIGHLIGHT && h->end == note->start)
                target = h;
            }
          for (guint j = 0; j < book->highlights->len && target == NULL && note->start > 0; j++)
            {
              Clipping *h = g_ptr_array_index (book->highlights, j);
              if (h->kind == KIND_HIGHLIGHT && note->start >= h->start && note->start <= h->end)
                target = h;
            }
          for (guint j = 0; j < book->highlights->len && target == NULL && note->start > 0; j++)
            {
              Clipping *h = g_ptr_array_index (book->highlights, j);
              if (h->kind == KIND_HIGHLIGHT && note->start >= h->span_start && note->start <= h->span_end)
                target = h;
            }
          if (target != NULL)
            {
              attach_note (target, note, result);
              continue;
            }
          /* A note at no highlight edited on the device: one note, the
           * current version, found in the library by the earlier ones. */
          for (guint j = 0; j < book->highlights->len && !version && note->start > 0; j++)
            {
              Clipping *other = g_ptr_array_index (book->highlights, j);

              if (other->kind != KIND_NOTE || other->start != note->start || other->end != note->end)
                continue;
              version = TRUE;
              result->skipped++;
              if (supersedes (note, other))
                {
                  book->highlights->pdata[j] = note;
                  for (guint k = 0; k < other->earlier->len; k++)
                    g_ptr_array_add (note->earlier, g_strdup (g_ptr_array_index (other->earlier, k)));
                  g_ptr_array_add (note->earlier, g_strdup (other->text));
                }
              else
                g_ptr_array_add (other->earlier, g_strdup (note->text));
            }
          if (!version)
            g_ptr_array_add (book->highlights, note);
        }

      for (guint i = 0; i < book->highlights->len; i++)
        {
          Clipping *h = g_ptr_array_index (book->highlights, i);

          for (guint j = 0; h->notes != NULL && j < h->notes->len; j++)
            {
              Clipping *note = g_ptr_array_index (h->notes, j);

              append_note (&h->note, note->text);
              h->note_line = MAX (h->note_line, note->line);
            }
        }
    }

  for (guint b = 0; b < book_list->len; b++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (!save_book (store, g_ptr_array_index (book_list, b), result, error))
        return FALSE;
      clipper_progress_report (progress, progress_data, b + 1, book_list->len);
    }

  return TRUE;
}
