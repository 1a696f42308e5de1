/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One highlight on the Highlights page: its colour, the article it belongs
 * to, the quote, the note and its tags.
 */
#define G_LOG_DOMAIN "clipper-review"

#include <glib/gi18n.h>

#include "clipper-review-row.h"
#include "clipper-article-row.h"
#include "clipper-color-name.h"
#include "clipper-format.h"
#include "clipper-kindle.h"
#include "clipper-reanchor.h"
#include "clipper-text-match.h"

struct _ClipperReviewRow
{
  GtkWidget parent_instance;

  ClipperHighlight *highlight;
  char *color_class;
  GSettings *settings;       /* (nullable) the colours' meanings */
  gboolean starts_group;
  char *title_match;         /* (nullable) the filter's folded text, found in the title, not the quote or note */
  char *tag_match;           /* (nullable) the same, found in the tags */

  GtkWidget *swatch;
  GtkLabel *article_label;
  GtkLabel *quote_label;
  GtkLabel *note_label;
  GtkLabel *meta_label;
};

G_DEFINE_FINAL_TYPE (ClipperReviewRow, clipper_review_row, GTK_TYPE_WIDGET)

/* A tag's length on the row, "…" included: the panel's pills' width. */
#define MAX_TAG_CHARS 24

/* Appends @text to @markup, escaped, the words @folded (nullable) finds
 * in it in bold. */
static void
append_marked (GString    *markup,
               const char *text,
               const char *folded)
{
  gsize start, end;
  g_autofree char *escaped = NULL;

  if (folded != NULL && clipper_text_fold_find (text, folded, &start, &end))
    {
      g_autofree char *before = g_markup_escape_text (text, (gssize) start);
      g_autofree char *found = g_markup_escape_text (text + start, (gssize) (end - start));
      g_autofree char *after = g_markup_escape_text (text + end, -1);

      g_string_append_printf (markup, "%s<b>%s</b>%s", before, found, after);
      return;
    }
  escaped = g_markup_escape_text (text, -1);
  g_string_append (markup, escaped);
}

/* The article's title heads its group; on a row the filter found by that
 * title alone it shows too, whole, with the words found in bold: such a
 * row showed no word of the filter's (QA). */
static void
update_title (ClipperReviewRow *self)
{
  const char *title = self->highlight != NULL ? clipper_highlight_get_article_title (self->highlight) : NULL;

  if (title == NULL || *title == '\0')
    title = _("Untitled");
  if (self->title_match != NULL)
    {
      g_autoptr (GString) markup = g_string_new (NULL);

      append_marked (markup, title, self->title_match);
      gtk_label_set_markup (self->article_label, markup->str);
    }
  else
    gtk_label_set_text (self->article_label, title);
  gtk_label_set_wrap (self->article_label, self->title_match != NULL);
  gtk_label_set_ellipsize (self->article_label, self->title_match != NULL ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);
  gtk_widget_set_visible (GTK_WIDGET (self->article_label), self->starts_group || self->title_match != NULL);
}

static void
update (ClipperReviewRow *self)
{
  ClipperHighlight *h = self->highlight;
  g_autoptr (GString) meta = g_string_new (NULL);
  g_autofree char *date = NULL;
  g_autofree char *location = NULL;
  const char *note;
  const char *before;
  const char *const *tags;
  gboolean wrap;

  if (self->color_class != NULL)
    {
      gtk_widget_remove_css_class (self->swatch, self->color_class);
      g_clear_pointer (&self->color_class, g_free);
    }

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->meta_label), NULL);
  if (h == NULL)
    return;

  self->color_class = g_strdup_printf ("clipper-stripe-%s",
                                       clipper_highlight_get_color (h) ? clipper_highlight_get_color (h) : "yellow");
  gtk_widget_add_css_class (self->swatch, self->color_class);
  {
    /* The stripe's colour is the highlight's: said, not only shown, by
     * the name the colour filter gives it. */
    g_autofree char *name = clipper_color_dup_label (self->settings,
                                                     clipper_highlight_get_color (h) ? clipper_highlight_get_color (h) : "yellow");
    /* Translators: %s is a highlight colour's name, as the colour filter lists it ("Yellow · Important"). */
    g_autofree char *color = g_strdup_printf (_("Colour: %s"), name);

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->swatch), GTK_ACCESSIBLE_PROPERTY_LABEL, color, -1);
  }

  update_title (self);
  {
    /* As the page shows it: an article saved before the extractor
     * collapsed white space has the source's line breaks and indentation
     * in its quotes, which the row showed as gaps and extra lines. */
    g_autofree char *quote = clipper_text_dup_one_line (clipper_highlight_get_quote (h));

    gtk_label_set_label (self->quote_label, quote);
  }

  note = clipper_highlight_get_note (h);
  {
    /* The note as it reads, not its Markdown source ("**matters**"); a
     * screen reader gets the words alone. */
    g_autofree char *plain = NULL;
    g_autofree char *markup = clipper_format_note_markup (note, &plain);

    gtk_label_set_markup (self->note_label, markup);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_label), GTK_ACCESSIBLE_PROPERTY_LABEL, plain, -1);
  }
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL && *note != '\0');

  date = clipper_format_day (clipper_highlight_get_created_at (h));
  g_string_append (meta, date);
  location = clipper_kindle_dup_location (clipper_highlight_get_article_url (h), h);
  if (clipper_kindle_is_book_url (clipper_highlight_get_article_url (h)))
    {
      /* A book's highlight was never in a text that could lose it: where
       * it is in the book is what finds it there (a page of its front
       * matter may be all a Kindle gave). */
      if (clipper_highlight_get_page (h) != NULL)
        {
          g_string_append (meta, " · ");
          /* Translators: %s is the printed page a Kindle gave ("12", "ix"). */
          g_string_append_printf (meta, _("Page %s"), clipper_highlight_get_page (h));
        }
      if (location != NULL)
        {
          g_string_append (meta, " · ");
          /* Translators: %s is a Kindle location or range of them ("341–345"). */
          g_string_append_printf (meta, _("Location %s"), location);
        }
    }
  else if (!clipper_highlight_get_anchored (h))
    {
      g_string_append (meta, " · ");
      /* Restored from a vault, its article has no text yet: the passage
       * was never looked for, and "Not found" read as if it had gone
       * (QA).  Fetch Again places it. */
      g_string_append (meta, clipper_highlight_get_article_has_text (h)
                               ? _("Not found in the article")
                               : _("Not placed: the article’s text is not in the library yet"));
    }
  else if ((before = clipper_highlight_get_quote_before_change (h)) != NULL)
    {
      g_autofree char *tooltip = NULL;
      g_autofree char *shown = clipper_text_dup_one_line (before);

      g_string_append (meta, " · ");
      /* Put on other words by the reader, the page did not change it:
       * "Changed on the page" said it had. */
      g_string_append (meta, clipper_reanchor_is_reattached (h) ? _("Re-attached") : _("Changed on the page"));
      /* Translators: the quote as the reader highlighted it, before the page was edited. */
      tooltip = g_strdup_printf (_("When highlighted: “%s”"), shown);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->meta_label), tooltip);
    }
  tags = clipper_highlight_get_tags (h);
  if (self->tag_match != NULL)
    {
      /* Found by a tag: the words found in bold, and the line wrapped
       * rather than cut, so that the tag is seen. */
      g_autoptr (GString) markup = g_string_new (NULL);

      append_marked (markup, meta->str, NULL);
      for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
        {
          g_autofree char *tag = g_strconcat ("#", tags[i], NULL);

          g_string_append (markup, " · ");
          append_marked (markup, tag, self->tag_match);
        }
      gtk_label_set_markup (self->meta_label, markup->str);
    }
  else
    {
      /* Each tag seen, as the reader's panel shows them: a long one is
       * cut short, as the panel's pills are, and the line wraps.  Cut at
       * the row's end, a long first tag hid all the others (QA-q 6). */
      for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
        {
          g_autofree char *shown = clipper_text_dup_short (tags[i], MAX_TAG_CHARS);

          g_string_append_printf (meta, " · #%s", shown);
        }
      gtk_label_set_text (self->meta_label, meta->str);
    }
  wrap = self->tag_match != NULL || (tags != NULL && tags[0] != NULL);
  gtk_label_set_wrap (self->meta_label, wrap);
  gtk_label_set_ellipsize (self->meta_label, wrap ? PANGO_ELLIPSIZE_NONE : PANGO_ELLIPSIZE_END);

  {
    g_autofree char *label = clipper_highlight_dup_accessible_label (h, self->settings, TRUE);
    GtkWidget *item = gtk_widget_get_parent (GTK_WIDGET (self));

    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    /* The list's item around the row has the focus: a screen reader said
     * nothing of it (as for the article rows, see clipper-article-row.c). */
    if (item != NULL && gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (item)) == GTK_ACCESSIBLE_ROLE_LIST_ITEM)
      gtk_accessible_update_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  }
}

static void
clipper_review_row_dispose (GObject *object)
{
  ClipperReviewRow *self = CLIPPER_REVIEW_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CLIPPER_TYPE_REVIEW_ROW);
  /* The template's unnamed root box is not disposed with it. */
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  if (self->highlight != NULL)
    g_signal_handlers_disconnect_by_func (self->highlight, update, self);
  g_clear_object (&self->highlight);
  g_clear_pointer (&self->color_class, g_free);
  g_clear_pointer (&self->title_match, g_free);
  g_clear_pointer (&self->tag_match, g_free);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (clipper_review_row_parent_class)->dispose (object);
}

static void
clipper_review_row_class_init (ClipperReviewRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clipper_review_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Clipper/ui/clipper-review-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ClipperReviewRow, swatch);
  gtk_widget_class_bind_template_child (widget_class, ClipperReviewRow, article_label);
  gtk_widget_class_bind_template_child (widget_class, ClipperReviewRow, quote_label);
  gtk_widget_class_bind_template_child (widget_class, ClipperReviewRow, note_label);
  gtk_widget_class_bind_template_child (widget_class, ClipperReviewRow, meta_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
clipper_review_row_init (ClipperReviewRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
clipper_review_row_new (void)
{
  return g_object_new (CLIPPER_TYPE_REVIEW_ROW, NULL);
}

ClipperHighlight *
clipper_review_row_get_highlight (ClipperReviewRow *self)
{
  g_return_val_if_fail (CLIPPER_IS_REVIEW_ROW (self), NULL);

  return self->highlight;
}

void
clipper_review_row_set_highlight (ClipperReviewRow *self,
                                  ClipperHighlight *highlight)
{
  g_return_if_fail (CLIPPER_IS_REVIEW_ROW (self));

  if (self->highlight != NULL)
    g_signal_handlers_disconnect_by_func (self->highlight, update, self);
  g_set_object (&self->highlight, highlight);
  /* The page changes a highlight in place when the store says it changed
   * (a note typed in the panel): the row follows it, the list is left
   * alone. */
  if (self->highlight != NULL)
    g_signal_connect_swapped (self->highlight, "notify", G_CALLBACK (update), self);
  update (self);
}

void
clipper_review_row_set_settings (ClipperReviewRow *self,
                                 GSettings        *settings)
{
  g_return_if_fail (CLIPPER_IS_REVIEW_ROW (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (self->settings == settings)
    return;
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  /* A colour renamed in Preferences is said by its new name at once. */
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::color-names", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

void
clipper_review_row_set_starts_group (ClipperReviewRow *self,
                                     gboolean          starts_group)
{
  g_return_if_fail (CLIPPER_IS_REVIEW_ROW (self));

  self->starts_group = starts_group;
  update_title (self);
  if (starts_group)
    gtk_widget_add_css_class (GTK_WIDGET (self), "group-start");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "group-start");
}

void
clipper_review_row_set_title_match (ClipperReviewRow *self,
                                    const char       *folded)
{
  g_return_if_fail (CLIPPER_IS_REVIEW_ROW (self));

  if (g_strcmp0 (self->title_match, folded) == 0)
    return;
  g_free (self->title_match);
  self->title_match = g_strdup (folded);
  update_title (self);
}

void
clipper_review_row_set_tag_match (ClipperReviewRow *self,
                                  const char       *folded)
{
  g_return_if_fail (CLIPPER_IS_REVIEW_ROW (self));

  if (g_strcmp0 (self->tag_match, folded) == 0)
    return;
  g_free (self->tag_match);
  self->tag_match = g_strdup (folded);
  update (self);
}
