/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Highlights page: every highlight of the library, grouped by article
 * (the article with the newest highlight first, its highlights newest
 * first, the title above each group), filtered by colour and tag (in the
 * store query) and by text (in memory: the list is at most a few thousand
 * short quotes, and filtering while typing must not wait for SQLite).
 */
#define G_LOG_DOMAIN "clipper-review"

#include <glib/gi18n.h>

#include "clipper-review-page.h"
#include "clipper-color-name.h"
#include "clipper-review-row.h"
#include "clipper-text-match.h"

struct _ClipperReviewPage
{
  GtkWidget parent_instance;

  ClipperStore *store;
  char *color;
  char *tag;
  char *search;           /* clipper_text_fold()ed */
  char *sort;             /* "newest", "oldest" or "text" (the highlights-sort setting) */
  gboolean updating_dropdowns;

  GHashTable *hidden;        /* (nullable) gint64 article ids left out: deleted, pending Undo (the window's) */
  GListStore *highlights;    /* all that the store query gave, grouped */
  GListStore *shown;         /* those that pass the text filter */

  GtkDropDown *color_dropdown;
  GtkDropDown *tag_dropdown;
  GtkStringList *color_list;
  GtkStringList *tag_list;
  GtkSearchEntry *search_entry;
  GtkStack *stack;
  GtkListView *list_view;
  GtkSignalListItemFactory *factory;
  GtkSingleSelection *selection;
  GSettings *settings;       /* (nullable) the colours' meanings, when the schema is installed */
};

G_DEFINE_FINAL_TYPE (ClipperReviewPage, clipper_review_page, GTK_TYPE_WIDGET)

enum {
  HIGHLIGHT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_SORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
matches_search (ClipperReviewPage *self,
                ClipperHighlight  *h)
{
  g_autofree char *quote = NULL;

  if (self->search == NULL)
    return TRUE;

  /* The quote as its row shows it: "would seek" finds an older article's
   * "would\n" + 32 spaces + "seek". */
  quote = clipper_highlight_collapse_space (clipper_highlight_get_quote (h));
  return clipper_text_fold_contains (quote, self->search) ||
         clipper_text_fold_contains (clipper_highlight_get_note (h), self->search) ||
         clipper_text_fold_contains (clipper_highlight_get_article_title (h), self->search);
}

static gboolean
filtering (ClipperReviewPage *self)
{
  return self->color != NULL || self->tag != NULL || self->search != NULL;
}

/* Whether the library holds a highlight at all, whatever the filters. */
static gboolean
library_has_highlights (ClipperReviewPage *self)
{
  ClipperHighlightQuery any = { .limit = 1 };
  g_autoptr (GPtrArray) one = NULL;

  if (self->store == NULL)
    return FALSE;
  one = clipper_store_list_highlights (self->store, &any, NULL);
  return one != NULL && one->len > 0;
}

/* Empty because of the filters is not empty: "No Highlights — select
 * text…" misled someone whose filters left nothing. */
static void
update_stack (ClipperReviewPage *self)
{
  const char *page = "list";

  if (g_list_model_get_n_items (G_LIST_MODEL (self->shown)) == 0)
    page = filtering (self) && library_has_highlights (self) ? "no-match" : "empty";
  gtk_stack_set_visible_child_name (self->stack, page);
}

/* The row with the keyboard, or NULL. */
static ClipperReviewRow *
focused_row (ClipperReviewPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GtkWidget *row;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_view)))
    return NULL;
  /* The list's item widget has the keyboard, with the row inside it. */
  row = gtk_widget_get_first_child (focus);
  if (!CLIPPER_IS_REVIEW_ROW (row))
    row = gtk_widget_get_ancestor (focus, CLIPPER_TYPE_REVIEW_ROW);
  return row != NULL ? CLIPPER_REVIEW_ROW (row) : NULL;
}

/* The row with the keyboard: its position in the list, or G_MAXUINT. */
static guint
focused_position (ClipperReviewPage *self)
{
  ClipperReviewRow *row = focused_row (self);
  guint position;

  if (row == NULL || clipper_review_row_get_highlight (row) == NULL ||
      !g_list_store_find (self->shown, clipper_review_row_get_highlight (row), &position))
    return G_MAXUINT;
  return position;
}

/* The keyboard to the row at @position, or to the last row when the list
 * got shorter than that. */
static void
focus_row (ClipperReviewPage *self,
           guint              position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->shown));

  if (n == 0)
    {
      clipper_review_page_focus (self);
      return;
    }
  position = MIN (position, n - 1);
  gtk_single_selection_set_selected (self->selection, position);
  /* The list gives the keyboard to the row it scrolled to last. */
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* Rebuilds the shown list as a whole, so every row is bound again and
 * knows whether it starts a group (a filter model would rebind only the
 * rows that changed, leaving stale group titles).  The keyboard stays at
 * its place in the list: the row it was on went with the rebuild. */
static void
apply_search (ClipperReviewPage *self)
{
  g_autoptr (GPtrArray) shown = g_ptr_array_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->highlights));
  guint focused = focused_position (self);

  for (guint i = 0; i < n; i++)
    {
      ClipperHighlight *h = g_list_model_get_item (G_LIST_MODEL (self->highlights), i);

      if (matches_search (self, h) &&
          (self->hidden == NULL ||
           !g_hash_table_contains (self->hidden, &(gint64) { clipper_highlight_get_article_id (h) })))
        g_ptr_array_add (shown, h);
      g_object_unref (h);   /* the store list keeps it */
    }

  g_list_store_splice (self->shown, 0, g_list_model_get_n_items (G_LIST_MODEL (self->shown)),
                       shown->pdata, shown->len);
  update_stack (self);
  if (focused != G_MAXUINT)
    focus_row (self, focused);
}

static gint64
text_position (ClipperHighlight *h)
{
  /* An orphan has no place: after those that have one. */
  return clipper_highlight_get_anchored (h) && clipper_highlight_get_start (h) >= 0 ? clipper_highlight_get_start (h)
                                                                                     : G_MAXINT64;
}

static int
compare_text_position (gconstpointer a,
                       gconstpointer b)
{
  gint64 pa = text_position (*(ClipperHighlight **) a), pb = text_position (*(ClipperHighlight **) b);

  return pa < pb ? -1 : pa > pb;
}

/* Each article's run of @grouped in the order of its text. */
static void
sort_groups_by_text (GPtrArray *grouped)
{
  for (guint from = 0; from < grouped->len;)
    {
      gint64 article = clipper_highlight_get_article_id (g_ptr_array_index (grouped, from));
      guint to = from + 1;

      while (to < grouped->len && clipper_highlight_get_article_id (g_ptr_array_index (grouped, to)) == article)
        to++;
      g_qsort_with_data (grouped->pdata + from, (gint) (to - from), sizeof (gpointer),
                         (GCompareDataFunc) (void (*) (void)) compare_text_position, NULL);
      from = to;
    }
}

/* Newest first from the store; groups articles in the order of their
 * newest highlight, keeping each article's highlights newest first. */
static GPtrArray *
group_by_article (GPtrArray *rows)
{
  g_autoptr (GHashTable) groups = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         (GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GArray) order = g_array_new (FALSE, FALSE, sizeof (gint64));
  GPtrArray *grouped = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < rows->len; i++)
    {
      ClipperHighlight *h = g_ptr_array_index (rows, i);
      gint64 article = clipper_highlight_get_article_id (h);
      GPtrArray *group = g_hash_table_lookup (groups, &article);

      if (group == NULL)
        {
          group = g_ptr_array_new ();
          g_hash_table_insert (groups, g_memdup2 (&article, sizeof article), group);
          g_array_append_val (order, article);
        }
      g_ptr_array_add (group, h);
    }

  for (guint i = 0; i < order->len; i++)
    {
      GPtrArray *group = g_hash_table_lookup (groups, &g_array_index (order, gint64, i));

      for (guint j = 0; j < group->len; j++)
        g_ptr_array_add (grouped, g_object_ref (g_ptr_array_index (group, j)));
    }

  return grouped;
}

static void
rebuild_tag_list (ClipperReviewPage *self)
{
  g_auto (GStrv) tags = NULL;
  guint selected = 0;

  /* The page filters highlights: an article's tag would always give an
   * empty list. */
  if (self->store != NULL)
    tags = clipper_store_list_tags_in_use (self->store, CLIPPER_TAG_USE_HIGHLIGHTS, NULL);

  self->updating_dropdowns = TRUE;
  gtk_string_list_splice (self->tag_list, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->tag_list)) - 1,
                          (const char * const *) tags);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    if (g_strcmp0 (tags[i], self->tag) == 0)
      selected = i + 1;
  gtk_drop_down_set_selected (self->tag_dropdown, selected);
  self->updating_dropdowns = FALSE;

  if (selected == 0 && self->tag != NULL)
    g_clear_pointer (&self->tag, g_free);
}

void
clipper_review_page_reload (ClipperReviewPage *self)
{
  ClipperHighlightQuery query = { 0 };
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;

  g_return_if_fail (CLIPPER_IS_REVIEW_PAGE (self));

  if (self->store == NULL)
    {
      g_list_store_remove_all (self->highlights);
      apply_search (self);
      return;
    }

  rebuild_tag_list (self);

  query.color = self->color;
  query.tag = self->tag;
  rows = clipper_store_list_highlights (self->store, &query, &error);
  if (rows == NULL)
    {
      g_warning ("Could not read the highlights: %s", error->message);
      g_list_store_remove_all (self->highlights);
    }
  else
    {
      g_autoptr (GPtrArray) grouped = NULL;

      /* Oldest first: articles by their first highlight, and each
       * article's in the order they were made. */
      if (g_strcmp0 (self->sort, "oldest") == 0)
        for (guint i = 0, j = rows->len; i + 1 < j; i++, j--)
          {
            gpointer swap = rows->pdata[i];

            rows->pdata[i] = rows->pdata[j - 1];
            rows->pdata[j - 1] = swap;
          }
      grouped = group_by_article (rows);
      if (g_strcmp0 (self->sort, "text") == 0)
        sort_groups_by_text (grouped);

      g_list_store_splice (self->highlights, 0,
                           g_list_model_get_n_items (G_LIST_MODEL (self->highlights)),
                           grouped->pdata, grouped->len);
    }

  apply_search (self);
}

static void
on_color_selected (ClipperReviewPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->color_dropdown);
  const char *const *colors = clipper_highlight_colors ();

  if (self->updating_dropdowns)
    return;
  clipper_review_page_set_color (self, selected == 0 || selected == GTK_INVALID_LIST_POSITION ? NULL : colors[selected - 1]);
}

static void
on_tag_selected (ClipperReviewPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->tag_dropdown);

  if (self->updating_dropdowns)
    return;
  clipper_review_page_set_tag (self, selected == 0 || selected == GTK_INVALID_LIST_POSITION
                                       ? NULL
                                       : gtk_string_list_get_string (self->tag_list, selected));
}

static void
on_search_changed (ClipperReviewPage *self)
{
  clipper_review_page_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_list_activate (ClipperReviewPage *self,
                  guint              position)
{
  g_autoptr (ClipperHighlight) h = g_list_model_get_item (G_LIST_MODEL (self->shown), position);

  if (h != NULL)
    g_signal_emit (self, signals[HIGHLIGHT_ACTIVATED], 0,
                   clipper_highlight_get_article_id (h), clipper_highlight_get_id (h));
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           ClipperReviewPage        *self)
{
  GtkWidget *row = clipper_review_row_new ();

  clipper_review_row_set_settings (CLIPPER_REVIEW_ROW (row), self->settings);
  gtk_list_item_set_child (item, row);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          ClipperReviewPage        *self)
{
  ClipperHighlight *h = gtk_list_item_get_item (item);
  guint position = gtk_list_item_get_position (item);
  gboolean starts_group = TRUE;

  if (position > 0 && position != GTK_INVALID_LIST_POSITION)
    {
      g_autoptr (ClipperHighlight) before = g_list_model_get_item (G_LIST_MODEL (self->shown), position - 1);

      starts_group = before == NULL ||
                     clipper_highlight_get_article_id (before) != clipper_highlight_get_article_id (h);
    }

  clipper_review_row_set_highlight (CLIPPER_REVIEW_ROW (gtk_list_item_get_child (item)), h);
  clipper_review_row_set_starts_group (CLIPPER_REVIEW_ROW (gtk_list_item_get_child (item)), starts_group);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item)
{
  clipper_review_row_set_highlight (CLIPPER_REVIEW_ROW (gtk_list_item_get_child (item)), NULL);
}

/* The colour menu's labels, with the user's meaning of each colour; run
 * again when Preferences renames one (the menu kept the old name). */
static void
fill_color_list (ClipperReviewPage *self)
{
  const char *const *colors = clipper_highlight_colors ();
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint selected = gtk_drop_down_get_selected (self->color_dropdown);
  gboolean was_updating = self->updating_dropdowns;

  for (guint i = 0; colors[i] != NULL; i++)
    g_ptr_array_add (labels, clipper_color_dup_label (self->settings, colors[i]));
  g_ptr_array_add (labels, NULL);

  self->updating_dropdowns = TRUE;
  gtk_string_list_splice (self->color_list, 1, g_list_model_get_n_items (G_LIST_MODEL (self->color_list)) - 1,
                          (const char *const *) labels->pdata);
  gtk_drop_down_set_selected (self->color_dropdown, selected == GTK_INVALID_LIST_POSITION ? 0 : selected);
  self->updating_dropdowns = was_updating;
}

static void
on_clear_filters_clicked (ClipperReviewPage *self)
{
  clipper_review_page_clear_filters (self);
}

static void
clipper_review_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ClipperReviewPage *self = CLIPPER_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_SORT:
      g_value_set_string (value, self->sort);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_review_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ClipperReviewPage *self = CLIPPER_REVIEW_PAGE (object);
  const char *sort = g_value_get_string (value);

  switch (prop_id)
    {
    case PROP_SORT:
      if (sort == NULL || (!g_str_equal (sort, "oldest") && !g_str_equal (sort, "text")))
        sort = "newest";
      if (g_strcmp0 (self->sort, sort) == 0)
        return;
      g_free (self->sort);
      self->sort = g_strdup (sort);
      clipper_review_page_reload (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_review_page_dispose (GObject *object)
{
  ClipperReviewPage *self = CLIPPER_REVIEW_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CLIPPER_TYPE_REVIEW_PAGE);
  /* The template's unnamed root box is not disposed with it. */
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->shown);
  g_clear_object (&self->highlights);

  G_OBJECT_CLASS (clipper_review_page_parent_class)->dispose (object);
}

static void
clipper_review_page_finalize (GObject *object)
{
  ClipperReviewPage *self = CLIPPER_REVIEW_PAGE (object);

  g_free (self->color);
  g_free (self->tag);
  g_free (self->search);
  g_free (self->sort);
  g_clear_pointer (&self->hidden, g_hash_table_unref);

  G_OBJECT_CLASS (clipper_review_page_parent_class)->finalize (object);
}

static void
clipper_review_page_class_init (ClipperReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clipper_review_page_dispose;
  object_class->finalize = clipper_review_page_finalize;
  object_class->get_property = clipper_review_page_get_property;
  object_class->set_property = clipper_review_page_set_property;

  /* "newest", "oldest" or "text" (each article's highlights in the order
   * of its text; orphans last). */
  properties[PROP_SORT] = g_param_spec_string ("sort", NULL, NULL, "newest",
                                               G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[HIGHLIGHT_ACTIVATED] =
    g_signal_new ("highlight-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Clipper/ui/clipper-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ClipperReviewPage, color_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ClipperReviewPage, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ClipperReviewPage, color_list);
  gtk_widget_class_bind_template_child (widget_class, ClipperReviewPage, tag_list);
  gtk_widget_class_bind_template_child (widget_class, ClipperReviewPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ClipperReviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ClipperReviewPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, ClipperReviewPage, factory);
  gtk_widget_class_bind_template_child (widget_class, ClipperReviewPage, selection);
  gtk_widget_class_bind_template_callback (widget_class, on_color_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_filters_clicked);
  gtk_widget_class_bind_template_callback (widget_class, setup_row);
  gtk_widget_class_bind_template_callback (widget_class, bind_row);
  gtk_widget_class_bind_template_callback (widget_class, unbind_row);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
clipper_review_page_init (ClipperReviewPage *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = source ? g_settings_schema_source_lookup (source, APP_ID, TRUE) : NULL;

  self->sort = g_strdup ("newest");
  self->updating_dropdowns = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  if (schema != NULL)
    {
      self->settings = g_settings_new (APP_ID);
      g_signal_connect_object (self->settings, "changed::color-names", G_CALLBACK (fill_color_list),
                               self, G_CONNECT_SWAPPED);
    }
  fill_color_list (self);
  self->updating_dropdowns = FALSE;

  self->highlights = g_list_store_new (CLIPPER_TYPE_HIGHLIGHT);
  self->shown = g_list_store_new (CLIPPER_TYPE_HIGHLIGHT);
  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->shown));
  update_stack (self);
  if (self->settings != NULL)
    g_settings_bind (self->settings, "highlights-sort", self, "sort", G_SETTINGS_BIND_DEFAULT);
}

GtkWidget *
clipper_review_page_new (void)
{
  return g_object_new (CLIPPER_TYPE_REVIEW_PAGE, NULL);
}

void
clipper_review_page_set_store (ClipperReviewPage *self,
                               ClipperStore      *store)
{
  g_return_if_fail (CLIPPER_IS_REVIEW_PAGE (self));

  /* Reading every highlight is for when the page is shown (the window
   * calls clipper_review_page_reload() then), not for start-up. */
  if (g_set_object (&self->store, store) && gtk_widget_get_mapped (GTK_WIDGET (self)))
    clipper_review_page_reload (self);
}

void
clipper_review_page_set_color (ClipperReviewPage *self,
                               const char        *color)
{
  g_return_if_fail (CLIPPER_IS_REVIEW_PAGE (self));

  if (g_strcmp0 (self->color, color) == 0)
    return;
  g_free (self->color);
  self->color = g_strdup (color);
  clipper_review_page_reload (self);
}

void
clipper_review_page_set_tag (ClipperReviewPage *self,
                             const char        *tag)
{
  g_return_if_fail (CLIPPER_IS_REVIEW_PAGE (self));

  if (g_strcmp0 (self->tag, tag) == 0)
    return;
  g_free (self->tag);
  self->tag = g_strdup (tag);
  clipper_review_page_reload (self);
}

void
clipper_review_page_set_search (ClipperReviewPage *self,
                                const char        *text)
{
  g_autofree char *stripped = NULL;

  g_return_if_fail (CLIPPER_IS_REVIEW_PAGE (self));

  stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_clear_pointer (&self->search, g_free);
  if (*stripped != '\0')
    self->search = clipper_text_fold (stripped);
  /* Only accents, folded away: no filter, as an empty field is. */
  if (self->search != NULL && *self->search == '\0')
    g_clear_pointer (&self->search, g_free);

  apply_search (self);
}

/**
 * clipper_review_page_set_hidden_articles:
 * @self: the page
 * @ids: (nullable): a set of #gint64 article ids (g_int64_hash()), kept
 *   by reference and read at each filtering
 *
 * Leaves out the highlights of these articles: the window's deletes that
 * wait for their Undo.  Call clipper_review_page_refilter() when the set
 * changes.
 */
void
clipper_review_page_set_hidden_articles (ClipperReviewPage *self,
                                         GHashTable        *ids)
{
  g_return_if_fail (CLIPPER_IS_REVIEW_PAGE (self));

  if (ids != NULL)
    g_hash_table_ref (ids);
  g_clear_pointer (&self->hidden, g_hash_table_unref);
  self->hidden = ids;
  apply_search (self);
}

/* Filters again what the last reload read, without reading the store. */
void
clipper_review_page_refilter (ClipperReviewPage *self)
{
  g_return_if_fail (CLIPPER_IS_REVIEW_PAGE (self));

  apply_search (self);
}

GListModel *
clipper_review_page_get_model (ClipperReviewPage *self)
{
  g_return_val_if_fail (CLIPPER_IS_REVIEW_PAGE (self), NULL);

  return G_LIST_MODEL (self->shown);
}

ClipperHighlight *
clipper_review_page_get_focused (ClipperReviewPage *self)
{
  ClipperReviewRow *row;

  g_return_val_if_fail (CLIPPER_IS_REVIEW_PAGE (self), NULL);

  row = focused_row (self);
  return row != NULL ? clipper_review_row_get_highlight (row) : NULL;
}

void
clipper_review_page_focus (ClipperReviewPage *self)
{
  g_return_if_fail (CLIPPER_IS_REVIEW_PAGE (self));

  if (g_list_model_get_n_items (G_LIST_MODEL (self->shown)) > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Every colour and tag, no text: what "Clear Filters" does. */
void
clipper_review_page_clear_filters (ClipperReviewPage *self)
{
  g_return_if_fail (CLIPPER_IS_REVIEW_PAGE (self));

  self->updating_dropdowns = TRUE;
  gtk_drop_down_set_selected (self->color_dropdown, 0);
  gtk_drop_down_set_selected (self->tag_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  self->updating_dropdowns = FALSE;
  g_clear_pointer (&self->color, g_free);
  g_clear_pointer (&self->tag, g_free);
  g_clear_pointer (&self->search, g_free);
  clipper_review_page_reload (self);
  clipper_review_page_focus (self);
}

void
clipper_review_page_focus_filter (ClipperReviewPage *self)
{
  g_return_if_fail (CLIPPER_IS_REVIEW_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
