/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text as one line of prose, by one rule for the window's rows, GNOME
 * Shell's results, the reader's panel, the exports and clipper-cli alike:
 * clipper_text_dup_one_line() for a quote, a title or an excerpt, and
 * clipper_snippet_render() for a search snippet (ClipperSearchHit.snippet,
 * its matches between CLIPPER_SNIPPET_OPEN and CLIPPER_SNIPPET_CLOSE).
 */
#define G_LOG_DOMAIN "clipper-store"

#include "clipper-store.h"

#include <string.h>

typedef enum
{
  ONE_LINE_KEEP,
  ONE_LINE_SPACE,
  ONE_LINE_DROP,
} OneLine;

/* What a character becomes on one line.  White space is what a page's
 * source breaks and indents lines with, which CSS collapses: space, tab
 * and the line breaks (LF, CR, form and line feeds, NEL, and Unicode's
 * line and paragraph separators, which text pasted from a word processor
 * holds).  The Unicode spaces (no-break, ideographic, em, thin…) are
 * white space too: CSS keeps them, but pages indent with them
 * (&nbsp;&nbsp;&nbsp;, a Japanese paragraph's U+3000), and on one line a
 * run of them is only a gap.  What clipper_text_is_invisible() goes, so
 * a word split by one reads whole, as on the page.
 * Other control characters go too: a terminal would act on them (ESC)
 * and a label shows them as boxes.  Zero-width joiners stay: they shape
 * emoji and Indic and Persian letters. */
static OneLine
one_line_class (gunichar c)
{
  if (clipper_text_is_invisible (c))
    return ONE_LINE_DROP;
  if (c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' || c == 0x85 || c == 0x2028 ||
      c == 0x2029)
    return ONE_LINE_SPACE;
  if (g_unichar_iscntrl (c))
    return ONE_LINE_DROP;
  if (g_unichar_isspace (c))
    return ONE_LINE_SPACE;
  return ONE_LINE_KEEP;
}

/* A soft hyphen shows only where a line breaks at it, which one line
 * never does; a zero-width space, a word joiner and a BOM (a zero-width
 * no-break space inside text) never show.  Until 30 November 2026 one
 * line kept word joiners and quotes were compared without soft hyphens
 * alone (clipper_highlight_get_quote_before_change()), so an extractor
 * that left a zero-width space in a word or took it out "changed" the
 * quote.  Zero-width joiners are not among them: they shape emoji and
 * Indic and Persian letters. */
gboolean
clipper_text_is_invisible (gunichar c)
{
  return c == 0xAD || c == 0x200B || c == 0x2060 || c == 0xFEFF;
}

/* A run of white space between two words is one space; a no-break space
 * alone there stays, since it is what holds "10 km" or "M. Dupont"
 * together where a label wraps (a run of them is indentation). */
static void
append_space (GString  *out,
              guint     run,
              gunichar  last)
{
  if (run == 1 && (last == 0xA0 || last == 0x202F || last == 0x2007))
    g_string_append_unichar (out, last);
  else
    g_string_append_c (out, ' ');
}

/**
 * clipper_text_dup_one_line:
 * @text: (nullable): a quote, a title, an excerpt
 *
 * @text on one line, as a page shows it outside code: each run of white
 * space one space, none at either end, without what shows nothing (soft
 * hyphens, zero-width spaces, word joiners: clipper_text_is_invisible())
 * or control characters (see one_line_class()).  An article saved
 * before 30 November 2026 kept the page's source line breaks and
 * indentation in its text, and so in its quotes, which lists and exports
 * showed as gaps and extra lines.  Invalid UTF-8 is replaced.
 *
 * Returns: (transfer full): the text to show; "" for %NULL
 */
char *
clipper_text_dup_one_line (const char *text)
{
  GString *out = g_string_new (NULL);
  guint run = 0;
  gunichar last = 0;
  const char *p = text != NULL ? text : "";

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char_validated (p, -1);
      const char *next = c < 0x80000000 ? g_utf8_next_char (p) : p + 1;

      if (c >= 0x80000000)
        c = 0xFFFD;
      switch (one_line_class (c))
        {
        case ONE_LINE_SPACE:
          run++;
          last = c;
          break;
        case ONE_LINE_DROP:
          break;
        case ONE_LINE_KEEP:
          if (run > 0 && out->len > 0)
            append_space (out, run, last);
          run = 0;
          g_string_append_unichar (out, c);
          break;
        default:
          g_assert_not_reached ();
        }
      p = next;
    }
  return g_string_free (out, FALSE);
}

/**
 * clipper_text_dup_short:
 * @text: (nullable): a quote
 * @max_chars: how many characters it may take, "…" included
 *
 * @text on one line (clipper_text_dup_one_line()), cut where a word ends
 * so that it fits in @max_chars, "…" ending it then; a first word longer
 * than that is cut where it must.
 *
 * Returns: (transfer full): the text to show
 */
char *
clipper_text_dup_short (const char *text, guint max_chars)
{
  g_autofree char *line = clipper_text_dup_one_line (text);
  const char *cut;
  const char *space = NULL;
  GString *out;
  guint n = 0;

  g_return_val_if_fail (max_chars > 1, NULL);

  if ((guint) g_utf8_strlen (line, -1) <= max_chars)
    return g_steal_pointer (&line);
  for (cut = line; n < max_chars - 1; cut = g_utf8_next_char (cut), n++)
    if (*cut == ' ')
      space = cut;
  if (*cut == ' ' || space == NULL)
    space = cut;
  out = g_string_new_len (line, space - line);
  g_string_append (out, "…");
  return g_string_free (out, FALSE);
}

static void
append_mark (GString *out, ClipperSnippetStyle style, gboolean open, GArray *matches)
{
  if (matches != NULL)
    {
      gint64 offset = g_utf8_strlen (out->str, (gssize) out->len);

      g_array_append_val (matches, offset);
    }
  switch (style)
    {
    case CLIPPER_SNIPPET_PLAIN:
      break;
    case CLIPPER_SNIPPET_MARKUP:
      g_string_append (out, open ? "<b>" : "</b>");
      break;
    case CLIPPER_SNIPPET_BRACKETS:
      /* Brackets prose never has: a note's own "**bold**" read as a
       * match when matches were marked so. */
      g_string_append (out, open ? "⟦" : "⟧");
      break;
    case CLIPPER_SNIPPET_ANSI:
      g_string_append (out, open ? "\033[1m" : "\033[0m");
      break;
    default:
      g_assert_not_reached ();
    }
}

/**
 * clipper_snippet_render:
 * @snippet: (nullable): a store snippet
 * @style: how to show a match
 * @matches: (nullable) (element-type gint64): where each match starts and
 *   ends in the result, in code points, end exclusive, appended in pairs
 *
 * The page's line breaks and indents come through in a snippet; this
 * shows it as one line by clipper_text_dup_one_line()'s rule, and a space
 * next to a mark goes outside it, so a match is never a bold gap.  Marks
 * pair up: an open inside a match and a close outside one are dropped,
 * and a match still open at the end is closed.  Invalid UTF-8 is
 * replaced.  In %CLIPPER_SNIPPET_MARKUP the text is
 * escaped for HTML and Pango markup alike.
 *
 * Returns: (transfer full): the snippet rendered
 */
char *
clipper_snippet_render (const char          *snippet,
                        ClipperSnippetStyle  style,
                        GArray              *matches)
{
  g_autofree char *valid = g_utf8_make_valid (snippet != NULL ? snippet : "", -1);
  GString *out = g_string_new (NULL);
  gboolean open = FALSE;
  guint run = 0;
  gunichar last = 0;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (*p == CLIPPER_SNIPPET_OPEN[0] && !open)
        {
          if (run > 0 && out->len > 0)
            append_space (out, run, last);
          run = 0;
          append_mark (out, style, TRUE, matches);
          open = TRUE;
        }
      else if (*p == CLIPPER_SNIPPET_CLOSE[0] && open)
        {
          /* A space owed at a match's end stays owed until the next word. */
          append_mark (out, style, FALSE, matches);
          open = FALSE;
        }
      else if (one_line_class (c) == ONE_LINE_SPACE)
        {
          run++;
          last = c;
        }
      else if (one_line_class (c) == ONE_LINE_KEEP)
        {
          if (run > 0 && out->len > 0)
            append_space (out, run, last);
          run = 0;
          if (style == CLIPPER_SNIPPET_MARKUP && c < 0x80 && strchr ("<>&\"'", (int) c) != NULL)
            g_string_append (out, c == '<'    ? "&lt;"
                                  : c == '>'  ? "&gt;"
                                  : c == '&'  ? "&amp;"
                                  : c == '"'  ? "&quot;"
                                              : "&#39;");
          else
            g_string_append_unichar (out, c);
        }
    }
  if (open)
    append_mark (out, style, FALSE, matches);

  return g_string_free (out, FALSE);
}
