/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * clipper_snippet_render(): a search snippet (ClipperSearchHit.snippet,
 * its matches between CLIPPER_SNIPPET_OPEN and CLIPPER_SNIPPET_CLOSE) as
 * one line of prose, for the window's rows, GNOME Shell's results and
 * clipper-cli alike.
 */
#define G_LOG_DOMAIN "clipper-store"

#include "clipper-store.h"

#include <string.h>

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
    case CLIPPER_SNIPPET_MARKDOWN:
      g_string_append (out, "**");
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
 * shows it as one line: every run of white space becomes one space, none
 * at the ends, and a space next to a mark goes outside it, so a match is
 * never a bold gap.  Marks pair up: an open inside a match and a close
 * outside one are dropped, and a match still open at the end is closed.
 * Invalid UTF-8 is replaced.  In %CLIPPER_SNIPPET_MARKUP the text is
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
  gboolean space = FALSE, open = FALSE;

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (*p == CLIPPER_SNIPPET_OPEN[0] && !open)
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          append_mark (out, style, TRUE, matches);
          open = TRUE;
        }
      else if (*p == CLIPPER_SNIPPET_CLOSE[0] && open)
        {
          /* A space owed at a match's end stays owed until the next word. */
          append_mark (out, style, FALSE, matches);
          open = FALSE;
        }
      else if (*p == CLIPPER_SNIPPET_OPEN[0] || *p == CLIPPER_SNIPPET_CLOSE[0])
        continue;
      else if (g_unichar_isspace (c))
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
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
