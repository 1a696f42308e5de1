/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row of the library list: title, site, date, reading time, highlight
 * count and tags.  Rows are recycled by the list view, so everything is
 * set from the article in clipper_article_row_set_article().
 */
#define G_LOG_DOMAIN "clipper-library"

#include <glib/gi18n.h>

#include "clipper-article-row.h"
#include "clipper-format.h"

#include "clipper-highlight.h"
#include "clipper-kindle.h"
#include "clipper-store.h"

/* Tag chips a row shows before a "+N". */
#define MAX_TAG_CHIPS 3

struct _ClipperArticleRow
{
  GtkWidget parent_instance;

  ClipperArticle *article;

  GtkLabel *title_label;
  GtkLabel *meta_label;
  GtkLabel *excerpt_label;
  GtkImage *star_image;
  GtkLabel *highlights_label;
  GtkBox *highlights_box;
  GtkBox *tags_box;
};

G_DEFINE_FINAL_TYPE (ClipperArticleRow, clipper_article_row, GTK_TYPE_WIDGET)

static void
clear_tags (ClipperArticleRow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tags_box))) != NULL)
    gtk_box_remove (self->tags_box, child);
}

/* What a screen reader says of the row, in one go: "The Art of Slow
 * Reading, Example Journal, unread, 5 highlights".  Unread is otherwise
 * only the title's weight, and the count an icon and a number read as two
 * things. */
static char *
dup_accessible_label (ClipperArticle *a,
                      const char     *title,
                      const char     *site)
{
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint n_highlights = clipper_article_get_highlight_count (a);

  g_ptr_array_add (parts, g_strdup (title));
  if (site != NULL && *site != '\0')
    g_ptr_array_add (parts, g_strdup (site));
  if (clipper_article_get_read_state (a) == CLIPPER_READ_STATE_UNREAD)
    /* Translators: said by a screen reader of an article in the list */
    g_ptr_array_add (parts, g_strdup (_("unread")));
  else if (clipper_article_get_read_state (a) == CLIPPER_READ_STATE_ARCHIVED)
    /* Translators: said by a screen reader of an article in the list */
    g_ptr_array_add (parts, g_strdup (_("archived")));
  if (clipper_article_get_starred (a))
    /* Translators: said by a screen reader of an article in the list */
    g_ptr_array_add (parts, g_strdup (_("starred")));
  if (n_highlights > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u highlight", "%u highlights",
                                                          n_highlights), n_highlights));
  g_ptr_array_add (parts, NULL);
  /* Translators: what separates the parts of an article's description a
   * screen reader says ("The Art of Slow Reading, Example Journal, unread") */
  return g_strjoinv (_(", "), (char **) parts->pdata);
}

static void
update (ClipperArticleRow *self)
{
  ClipperArticle *a = self->article;
  g_autoptr (GString) meta = g_string_new (NULL);
  g_autoptr (GUri) uri = NULL;
  g_autofree char *date = NULL;
  const char *title;
  const char *site;
  const char *excerpt;
  const char *const *tags;
  guint n_tags;
  guint n_highlights;

  clear_tags (self);

  if (a == NULL)
    {
      gtk_label_set_label (self->title_label, "");
      gtk_label_set_label (self->meta_label, "");
      gtk_widget_set_visible (GTK_WIDGET (self->excerpt_label), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->star_image), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->highlights_box), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->tags_box), FALSE);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }

  title = clipper_article_get_title (a);
  if (title == NULL || *title == '\0')
    title = clipper_article_get_url (a);
  gtk_label_set_label (self->title_label, title != NULL ? title : _("Untitled"));

  site = clipper_article_get_site_name (a);
  if (site == NULL || *site == '\0')
    {
      /* Kept to the end: the screen reader's label says the host too. */
      uri = g_uri_parse (clipper_article_get_url (a) ? clipper_article_get_url (a) : "", G_URI_FLAGS_NONE, NULL);
      site = uri != NULL ? g_uri_get_host (uri) : NULL;
    }
  /* A Kindle book (or a page saved from a file) has no site: who wrote
   * it tells it from the others, where the date alone did not. */
  if (site == NULL || *site == '\0')
    site = clipper_article_get_byline (a);
  if (site != NULL)
    g_string_append (meta, site);

  /* A Kindle book by its latest clipping, as clipper-cli list. */
  date = clipper_format_day (clipper_article_get_display_date (a, NULL));
  if (meta->len > 0)
    g_string_append (meta, " · ");
  g_string_append (meta, date);

  if (clipper_article_has_text (a))
    {
      guint hours, rest;

      g_string_append (meta, " · ");
      /* As the reader says it, short: "264 h" said nothing. */
      if (!clipper_reading_time_split (clipper_article_get_reading_minutes (a), &hours, &rest))
        /* Translators: reading time past the cap, short; %u is 10 */
        g_string_append_printf (meta, _("more than %u h"), CLIPPER_READING_MINUTES_SHOWN_MAX / 60);
      else if (hours == 0)
        g_string_append_printf (meta, g_dngettext (GETTEXT_PACKAGE, "%u min", "%u min", rest), rest);
      else if (rest == 0)
        /* Translators: reading time in hours, short */
        g_string_append_printf (meta, g_dngettext (GETTEXT_PACKAGE, "%u h", "%u h", hours), hours);
      else
        /* Translators: reading time in hours and minutes, short */
        g_string_append_printf (meta, _("%u h %u min"), hours, rest);
    }
  gtk_label_set_label (self->meta_label, meta->str);

  excerpt = clipper_article_get_excerpt (a);
  {
    /* Excerpts come from pages and may hold line breaks and runs of
     * spaces; a two-line summary reads better as one flowing line. */
    g_autofree char *flat = clipper_text_dup_one_line (excerpt);

    gtk_label_set_label (self->excerpt_label, flat);
    gtk_widget_set_visible (GTK_WIDGET (self->excerpt_label), *flat != '\0');
  }

  gtk_widget_set_visible (GTK_WIDGET (self->star_image), clipper_article_get_starred (a));

  n_highlights = clipper_article_get_highlight_count (a);
  gtk_widget_set_visible (GTK_WIDGET (self->highlights_box), n_highlights > 0);
  if (n_highlights > 0)
    {
      g_autofree char *count = g_strdup_printf ("%u", n_highlights);

      gtk_label_set_label (self->highlights_label, count);
    }

  tags = clipper_article_get_tags (a);
  gtk_widget_set_visible (GTK_WIDGET (self->tags_box), tags != NULL && tags[0] != NULL);
  n_tags = tags != NULL ? g_strv_length ((char **) tags) : 0;
  /* A few chips and a count: ten chips in one line shrank each to "…". */
  for (guint i = 0; i < n_tags && (i < MAX_TAG_CHIPS || n_tags == MAX_TAG_CHIPS + 1); i++)
    {
      GtkWidget *tag = gtk_label_new (tags[i]);

      gtk_widget_add_css_class (tag, "clipper-tag");
      gtk_label_set_ellipsize (GTK_LABEL (tag), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (tag), 16);
      gtk_box_append (self->tags_box, tag);
    }
  if (n_tags > MAX_TAG_CHIPS + 1)
    {
      g_autofree char *more = g_strdup_printf ("+%u", n_tags - MAX_TAG_CHIPS);
      /* Quoted as the tags field writes them, so that a screen reader's
       * "Smith, John" is not heard as two tags. */
      g_autofree char *rest = clipper_tags_field_format (tags + MAX_TAG_CHIPS);
      /* Translators: %s is a list of tags */
      g_autofree char *name = g_strdup_printf (_("Also tagged %s"), rest);
      GtkWidget *tag = gtk_label_new (more);

      gtk_widget_add_css_class (tag, "clipper-tag");
      gtk_widget_add_css_class (tag, "clipper-more-tags");
      gtk_accessible_update_property (GTK_ACCESSIBLE (tag), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      gtk_box_append (self->tags_box, tag);
    }

  if (clipper_article_get_read_state (a) == CLIPPER_READ_STATE_UNREAD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "unread");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "unread");

  {
    g_autofree char *label = dup_accessible_label (a, gtk_label_get_label (self->title_label), site);
    GtkWidget *item = gtk_widget_get_parent (GTK_WIDGET (self));

    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    /* The list's item around the row is what has the focus, and what a
     * screen reader names when the arrows reach it (GTK 4.12 has
     * gtk_list_item_set_accessible_label() for this; 4.8 does not). */
    if (item != NULL && gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (item)) == GTK_ACCESSIBLE_ROLE_LIST_ITEM)
      gtk_accessible_update_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  }
}

/* The tooltips are written when asked for ("query-tooltip"), not set with
 * gtk_widget_set_tooltip_text(): on X11 every set asks the server where the
 * pointer is (two round trips), for each row the list view binds. */
static gboolean
on_query_star_tooltip (GtkWidget  *widget,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  gtk_tooltip_set_text (tooltip, _("Starred"));
  return TRUE;
}

static gboolean
on_query_highlights_tooltip (GtkWidget         *widget,
                             int                x,
                             int                y,
                             gboolean           keyboard,
                             GtkTooltip        *tooltip,
                             ClipperArticleRow *self)
{
  guint n = self->article != NULL ? clipper_article_get_highlight_count (self->article) : 0;
  g_autofree char *tip = NULL;

  if (n == 0)
    return FALSE;
  tip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u highlight", "%u highlights", n), n);
  gtk_tooltip_set_text (tooltip, tip);
  return TRUE;
}

static void
clipper_article_row_dispose (GObject *object)
{
  ClipperArticleRow *self = CLIPPER_ARTICLE_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CLIPPER_TYPE_ARTICLE_ROW);
  /* The template's unnamed root box is not disposed with it. */
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->article);

  G_OBJECT_CLASS (clipper_article_row_parent_class)->dispose (object);
}

static void
clipper_article_row_class_init (ClipperArticleRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clipper_article_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Clipper/ui/clipper-article-row.ui");
  gtk_widget_class_bind_template_child (widget_class, ClipperArticleRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, ClipperArticleRow, meta_label);
  gtk_widget_class_bind_template_child (widget_class, ClipperArticleRow, excerpt_label);
  gtk_widget_class_bind_template_child (widget_class, ClipperArticleRow, star_image);
  gtk_widget_class_bind_template_child (widget_class, ClipperArticleRow, highlights_label);
  gtk_widget_class_bind_template_child (widget_class, ClipperArticleRow, highlights_box);
  gtk_widget_class_bind_template_child (widget_class, ClipperArticleRow, tags_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "clipper-article-row");
}

static void
clipper_article_row_init (ClipperArticleRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_widget_set_has_tooltip (GTK_WIDGET (self->star_image), TRUE);
  g_signal_connect (self->star_image, "query-tooltip", G_CALLBACK (on_query_star_tooltip), NULL);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->highlights_box), TRUE);
  g_signal_connect (self->highlights_box, "query-tooltip", G_CALLBACK (on_query_highlights_tooltip), self);
}

GtkWidget *
clipper_article_row_new (void)
{
  return g_object_new (CLIPPER_TYPE_ARTICLE_ROW, NULL);
}

ClipperArticle *
clipper_article_row_get_article (ClipperArticleRow *self)
{
  g_return_val_if_fail (CLIPPER_IS_ARTICLE_ROW (self), NULL);

  return self->article;
}

void
clipper_article_row_set_article (ClipperArticleRow *self,
                                 ClipperArticle    *article)
{
  g_return_if_fail (CLIPPER_IS_ARTICLE_ROW (self));

  g_set_object (&self->article, article);
  update (self);
}
