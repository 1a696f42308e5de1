/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Highlights page: every highlight of the library, grouped by article
 * (the article with the newest highlight first, its highlights newest
 * first, the title above each group), filtered by colour, tag and text.
 *
 * The page reads the library once when it is shown, on a worker thread
 * with its own read-only connection (100,000 highlights take about a
 * second to read), and filters, sorts and groups in memory: a filter
 * change never waits for SQLite.  Afterwards it follows the store's
 * "changes": each highlight a change names is read again by its id and
 * updated in place (a note typed in the panel changes that row's text and
 * nothing else), added or taken out; only a change the store cannot name
 * (an article, another process) reads everything again.  Leaving the page
 * lets all of it go.
 */
#define G_LOG_DOMAIN "clipper-review"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <malloc.h>
#include <string.h>

#include "clipper-review-page.h"
#include "clipper-color-name.h"
#include "clipper-kindle.h"
#include "clipper-highlight-list.h"
#include "clipper-list-focus.h"
#include "clipper-review-row.h"
#include "clipper-search-result.h"
#include "clipper-text-match.h"

struct _ClipperReviewPage
{
  GtkWidget parent_instance;

  ClipperStore *store;
  char *color;
  char *tag;
  char *article_tag;      /* only the highlights of articles with this tag (the tag menu's other part) */
  GHashTable *tagged;     /* gint64 ids of the articles with article_tag */
  GStrv article_tags;     /* the article tags the tag menu lists after the highlights' */
  guint n_tags;           /* the highlights' tags before them in the menu */
  char *search;           /* the filter field's words, clipper_text_fold()ed (its tag: and color: aside) */
  char *search_text;      /* the filter field's text, trimmed; NULL when empty */
  ClipperSearchFilters *search_filters;  /* (nullable) its tag: and color:, when it has some */
  GPtrArray *filter_tagged;  /* a GHashTable of gint64 article ids for each of search_filters' tags, then not_tags */
  ClipperSearchQueryProblem search_problem;  /* what is wrong with its filters (a colour that is none) */
  gboolean orphans_only;  /* only the highlights not found in their article's text */
  guint n_orphans;        /* those in all not left out */
  char *sort;             /* "newest", "oldest" or "text" (the highlights-sort setting) */
  gboolean updating_dropdowns;

  GHashTable *hidden;        /* (nullable) gint64 article ids left out: deleted, pending Undo (the window's) */
  GPtrArray *all;            /* (nullable) every highlight, newest first (the store's order); NULL until read */
  GHashTable *by_id;         /* gint64 id → its highlight in all */
  ClipperHighlightList *shown;  /* those that pass the filters, grouped */
  guint n_unfiltered;        /* those in all not left out (hidden) */
  GPtrArray *bound;          /* the GtkListItems bound to a row now */

  GCancellable *loading;     /* (nullable) the read under way */
  ClipperStoreChanges *meanwhile;  /* (nullable) what the store changed during the read */
  gboolean focus_when_read;  /* clipper_review_page_focus() came before the rows */
  gint64 chosen_id;          /* the highlight last chosen, whose row the keyboard comes back to */
  gint64 focus_id;           /* the highlight whose row focus_row_later() gives the keyboard to */
  gint64 back_id;            /* a highlight an Undo brings back, whose row is selected when it comes */
  gboolean back_focus;       /* … and given the keyboard */
  guint n_loads;

  GtkDropDown *color_dropdown;
  GtkDropDown *tag_dropdown;
  AdwStatusPage *no_match_page;
  GtkStringList *color_list;
  GtkStringList *tag_list;
  GtkSearchEntry *search_entry;
  GtkToggleButton *orphans_button;
  GtkLabel *count_label;
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

/* Whether one of @h's tags holds the filter's text: its row shows them,
 * and the library search finds them ("Tagged security"), but the filter
 * left "No Matching Highlights" for "security" (QA). */
static gboolean
matches_tags (ClipperReviewPage *self,
              ClipperHighlight  *h)
{
  const char *const *tags = clipper_highlight_get_tags (h);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *written = NULL;

      /* As the row writes it, "#security", so that "#secur" finds it too;
       * without a "#" in the text the tag alone tells the same, and each
       * key does not copy every tag of the library. */
      if (strchr (self->search, '#') == NULL)
        {
          if (clipper_text_fold_contains (tags[i], self->search))
            return TRUE;
          continue;
        }
      written = g_strconcat ("#", tags[i], NULL);
      if (clipper_text_fold_contains (written, self->search))
        return TRUE;
    }
  return FALSE;
}

/* Whether the filter's text is in the quote or the note, which the row
 * always shows. */
static gboolean
matches_text (ClipperReviewPage *self,
              ClipperHighlight  *h)
{
  /* The quote as its row shows it: "would seek" finds an older article's
   * "would\n" + 32 spaces + "seek". */
  g_autofree char *quote = clipper_text_dup_one_line (clipper_highlight_get_quote (h));

  return clipper_text_fold_contains (quote, self->search) ||
         clipper_text_fold_contains (clipper_highlight_get_note (h), self->search);
}

static gboolean
matches_search (ClipperReviewPage *self,
                ClipperHighlight  *h)
{
  if (self->search == NULL)
    return TRUE;
  return matches_text (self, h) ||
         clipper_text_fold_contains (clipper_highlight_get_article_title (h), self->search) ||
         matches_tags (self, h);
}

/* A row the filter found by its article's title or its tags, not by
 * its quote or note, shows what was found, in bold: the title (which
 * only the first row of a group shows), the tag (which the row's last
 * line may cut), or nothing on it would say why it is there. */
static void
mark_why_found (ClipperReviewPage *self,
                ClipperReviewRow  *row,
                ClipperHighlight  *h)
{
  gboolean beside_text = self->search != NULL && h != NULL && !matches_text (self, h);
  gboolean in_title = beside_text && clipper_text_fold_contains (clipper_highlight_get_article_title (h), self->search);
  gboolean in_tags = beside_text && matches_tags (self, h);

  clipper_review_row_set_title_match (row, in_title ? self->search : NULL);
  clipper_review_row_set_tag_match (row, in_tags ? self->search : NULL);
}

static gboolean
is_hidden (ClipperReviewPage *self,
           ClipperHighlight  *h)
{
  return self->hidden != NULL &&
         g_hash_table_contains (self->hidden, &(gint64) { clipper_highlight_get_article_id (h) });
}

/* Whether @h lost its place in its article's text, as `clipper-cli
 * highlights --orphans` has it: a Kindle book's highlights never had one
 * (the book's text is not in the clippings), and those of an article
 * with no text yet (restored from a vault) were never looked for: not
 * placed yet, as their rows say, is not lost. */
static gboolean
is_orphan (ClipperHighlight *h)
{
  return !clipper_highlight_get_anchored (h) && clipper_highlight_get_article_has_text (h) &&
         !clipper_kindle_is_book_url (clipper_highlight_get_article_url (h));
}

/* Whether @h carries the tag @key (clipper_tag_key()), or its article
 * does (@articles: the ids of those that carry it). */
static gboolean
carries_tag (ClipperHighlight *h,
             const char       *name,
             GHashTable       *articles)
{
  const char *const *tags = clipper_highlight_get_tags (h);
  g_autofree char *key = clipper_tag_key (name);

  if (g_hash_table_contains (articles, &(gint64) { clipper_highlight_get_article_id (h) }))
    return TRUE;
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *tag_key = clipper_tag_key (tags[i]);

      if (g_strcmp0 (tag_key, key) == 0)
        return TRUE;
    }
  return FALSE;
}

/* The field's tag: and color: filters, read as the library's search reads
 * them (clipper_search_filters_new()). */
static gboolean
passes_search_filters (ClipperReviewPage *self,
                       ClipperHighlight  *h)
{
  const ClipperSearchFilters *filters = self->search_filters;
  const char *color = clipper_highlight_get_color (h);
  guint n_tags;

  if (self->search_problem != CLIPPER_SEARCH_QUERY_OK)
    return FALSE;
  if (filters == NULL)
    return TRUE;
  if (filters->colors[0] != NULL && (color == NULL || !g_strv_contains ((const char *const *) filters->colors, color)))
    return FALSE;
  if (color != NULL && g_strv_contains ((const char *const *) filters->not_colors, color))
    return FALSE;
  n_tags = g_strv_length (filters->tags);
  for (guint i = 0; filters->tags[i] != NULL; i++)
    if (!carries_tag (h, filters->tags[i], g_ptr_array_index (self->filter_tagged, i)))
      return FALSE;
  for (guint i = 0; filters->not_tags[i] != NULL; i++)
    if (carries_tag (h, filters->not_tags[i], g_ptr_array_index (self->filter_tagged, n_tags + i)))
      return FALSE;
  return TRUE;
}

static gboolean
passes_filters (ClipperReviewPage *self,
                ClipperHighlight  *h)
{
  if (!passes_search_filters (self, h))
    return FALSE;
  if (self->color != NULL && g_strcmp0 (clipper_highlight_get_color (h), self->color) != 0)
    return FALSE;
  if (self->orphans_only && !is_orphan (h))
    return FALSE;
  /* The tag menu lists the names the store holds, which are the names
   * each highlight's tags are read with. */
  if (self->tag != NULL && !g_strv_contains (clipper_highlight_get_tags (h), self->tag))
    return FALSE;
  if (self->article_tag != NULL &&
      !g_hash_table_contains (self->tagged, &(gint64) { clipper_highlight_get_article_id (h) }))
    return FALSE;
  if (is_hidden (self, h))
    return FALSE;
  return matches_search (self, h);
}

static gboolean
filtering (ClipperReviewPage *self)
{
  return self->color != NULL || self->tag != NULL || self->article_tag != NULL || self->search_text != NULL ||
         self->orphans_only;
}

/* The orphans' filter is there while there are orphans (or it is on, to
 * be turned off): most libraries have none, and the pane is narrow.  Its
 * tooltip says how many, as the CLI's --orphans lists them. */
static void
update_orphans_button (ClipperReviewPage *self)
{
  g_autofree char *tip = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->orphans_button), self->n_orphans > 0 || self->orphans_only);
  /* Translators: the Highlights page's filter of the highlights that
   * lost their place in their article (a refetch changed its text) */
  tip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Only the %u Highlight Not Found in Its Article",
                                      "Only the %u Highlights Not Found in Their Articles", self->n_orphans),
                         self->n_orphans);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->orphans_button), tip);
}

/* How many highlights the list shows, and of how many when filtered
 * (QA: the page never said how many matched).  None says nothing: the
 * page's own "No Matching Highlights" or "No Highlights" says it. */
static void
update_count (ClipperReviewPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->shown));
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->count_label), n > 0);
  if (n == 0)
    return;
  if (filtering (self))
    /* Translators: the highlights the filters leave, of all of them: "12 of 218 highlights". */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u highlight", "%u of %u highlights",
                                         self->n_unfiltered),
                            n, self->n_unfiltered);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u highlight", "%u highlights", n), n);
  gtk_label_set_text (self->count_label, text);
}

/* Says which of the filters set leave nothing: it named "the filter,
 * colour and tag chosen" with only a colour and a tag chosen (QA). */
static void
update_no_match_text (ClipperReviewPage *self)
{
  gboolean tag = self->tag != NULL || self->article_tag != NULL;
  const char *text;

  /* A filter that cannot be read (color:red) says why, as the library's
   * search does. */
  if (self->search_problem != CLIPPER_SEARCH_QUERY_OK)
    {
      adw_status_page_set_description (self->no_match_page, clipper_search_query_message (self->search_text));
      return;
    }
  if (self->orphans_only && (self->search_text != NULL || self->color != NULL || tag))
    text = _("No highlight that lost its place matches the filters chosen");
  else if (self->orphans_only)
    text = _("No highlight has lost its place");
  else if (self->search_text != NULL && self->color != NULL && tag)
    text = _("No highlight matches the filter, colour and tag chosen");
  else if (self->search_text != NULL && self->color != NULL)
    text = _("No highlight of the colour chosen matches the filter");
  else if (self->search_text != NULL && tag)
    text = _("No highlight with the tag chosen matches the filter");
  else if (self->search_text != NULL)
    text = _("No highlight matches the filter");
  else if (self->color != NULL && tag)
    text = _("No highlight has both the colour and the tag chosen");
  else if (self->color != NULL)
    text = _("No highlight has the colour chosen");
  else
    text = _("No highlight has the tag chosen");
  adw_status_page_set_description (self->no_match_page, text);
}

/* Empty because of the filters is not empty: "No Highlights — select
 * text…" misled someone whose filters left nothing.  Nor is a page still
 * reading the library (a second for 100,000 highlights): it shows its
 * empty list meanwhile. */
static void
update_stack (ClipperReviewPage *self)
{
  const char *page = "list";

  if (g_list_model_get_n_items (G_LIST_MODEL (self->shown)) == 0 && (self->all != NULL || self->loading == NULL))
    page = filtering (self) && self->all != NULL && self->all->len > 0 ? "no-match" : "empty";
  if (g_str_equal (page, "no-match"))
    update_no_match_text (self);
  gtk_stack_set_visible_child_name (self->stack, page);
  update_count (self);
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
      !clipper_highlight_list_find (self->shown, clipper_review_row_get_highlight (row), &position))
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

static gboolean
starts_group_at (ClipperReviewPage *self,
                 guint              position)
{
  ClipperHighlight *h = clipper_highlight_list_peek (self->shown, position);
  ClipperHighlight *before = position > 0 ? clipper_highlight_list_peek (self->shown, position - 1) : NULL;

  return h == NULL || before == NULL ||
         clipper_highlight_get_article_id (before) != clipper_highlight_get_article_id (h);
}

/* Whether a row starts its article's group depends on the row before it,
 * which a change next to it replaces while the row itself stays bound
 * (the list binds only the rows whose item changed), and why the filter
 * found it on the filter: the bound rows, a screenful, are looked at
 * again after every change. */
static void
update_bound_rows (ClipperReviewPage *self)
{
  for (guint i = 0; i < self->bound->len; i++)
    {
      GtkListItem *item = g_ptr_array_index (self->bound, i);
      guint position = gtk_list_item_get_position (item);

      if (position != GTK_INVALID_LIST_POSITION)
        clipper_review_row_set_starts_group (CLIPPER_REVIEW_ROW (gtk_list_item_get_child (item)),
                                             starts_group_at (self, position));
      mark_why_found (self, CLIPPER_REVIEW_ROW (gtk_list_item_get_child (item)), gtk_list_item_get_item (item));
    }
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  ClipperHighlight *ha = *(ClipperHighlight **) a, *hb = *(ClipperHighlight **) b;
  gint64 ta = clipper_highlight_get_created_at (ha), tb = clipper_highlight_get_created_at (hb);
  gint64 ia = clipper_highlight_get_id (ha), ib = clipper_highlight_get_id (hb);

  /* The store's ORDER BY created_at DESC, id DESC. */
  if (ta != tb)
    return ta > tb ? -1 : 1;
  return ia > ib ? -1 : ia < ib;
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

/* Groups @rows (in the order the page sorts by) by article, the articles
 * in the order of their first highlight in @rows, each article's
 * highlights in their order there.  (transfer container) */
static GPtrArray *
group_by_article (GPtrArray *rows)
{
  g_autoptr (GHashTable) groups = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         (GDestroyNotify) g_ptr_array_unref);
  g_autoptr (GArray) order = g_array_new (FALSE, FALSE, sizeof (gint64));
  GPtrArray *grouped = g_ptr_array_sized_new (rows->len);

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
        g_ptr_array_add (grouped, g_ptr_array_index (group, j));
    }

  return grouped;
}

/* What the list shows: the highlights that pass the filters, grouped and
 * sorted, from what the page read, without asking the store.  The list
 * announces only the run of rows that differs, so that a delete leaves
 * every other row as it was; the keyboard stays at its place in the list
 * when its row went. */
static void
show_filtered (ClipperReviewPage *self)
{
  g_autoptr (GPtrArray) passing = g_ptr_array_new ();
  g_autoptr (GPtrArray) grouped = NULL;
  guint focused = focused_position (self);

  self->n_unfiltered = 0;
  self->n_orphans = 0;
  for (guint i = 0; self->all != NULL && i < self->all->len; i++)
    {
      ClipperHighlight *h = g_ptr_array_index (self->all, i);

      if (!is_hidden (self, h))
        {
          self->n_unfiltered++;
          self->n_orphans += is_orphan (h);
        }
      if (passes_filters (self, h))
        g_ptr_array_add (passing, h);
    }
  /* Oldest first: articles by their first highlight, and each article's
   * in the order they were made. */
  if (g_strcmp0 (self->sort, "oldest") == 0)
    for (guint i = 0, j = passing->len; i + 1 < j; i++, j--)
      {
        gpointer swap = passing->pdata[i];

        passing->pdata[i] = passing->pdata[j - 1];
        passing->pdata[j - 1] = swap;
      }
  grouped = group_by_article (passing);
  if (g_strcmp0 (self->sort, "text") == 0)
    sort_groups_by_text (grouped);

  clipper_highlight_list_set (self->shown, grouped);
  update_bound_rows (self);
  update_stack (self);
  update_orphans_button (self);
  if (focused != G_MAXUINT && focused_row (self) == NULL)
    focus_row (self, focused);
}

/* A new filter or sort: its result starts at its top, where the list
 * kept its place among the rows that stayed, mid-list with its first row
 * cut (QA).  The keyboard stays on its row if that row stays, or goes to
 * the first. */
static void
show_from_top (ClipperReviewPage *self)
{
  ClipperReviewRow *row = focused_row (self);
  ClipperHighlight *focused = row != NULL ? clipper_review_row_get_highlight (row) : NULL;

  show_filtered (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->shown)) == 0 ||
      (focused != NULL && clipper_highlight_list_find (self->shown, focused, NULL)))
    return;
  if (focused != NULL)
    focus_row (self, 0);
  else
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
}

/* The highlight focus_row_later() gives the keyboard to and its
 * position, unless the keyboard left the list meanwhile. */
static gpointer
focus_wanted (gpointer  data,
              guint    *out_position)
{
  ClipperReviewPage *self = data;
  ClipperHighlight *wanted = g_hash_table_lookup (self->by_id, &self->focus_id);

  if (wanted == NULL || focused_row (self) == NULL ||
      !clipper_highlight_list_find (self->shown, wanted, out_position))
    return NULL;
  return wanted;
}

static gpointer
row_highlight (GtkWidget *row,
               gpointer   data)
{
  GtkWidget *child = gtk_widget_get_first_child (row);

  return CLIPPER_IS_REVIEW_ROW (child) ? clipper_review_row_get_highlight (CLIPPER_REVIEW_ROW (child)) : NULL;
}

/* The keyboard to highlight @id's row (the one chosen before the page
 * was left, or one an Undo brought back), once the list has laid out its
 * rows: before, GTK 4.8's list has no widget at that position to give it
 * to and keeps it where it was (on the first row after a read, on the
 * next row after an Undo). */
static void
focus_row_later (ClipperReviewPage *self,
                 gint64             id)
{
  self->focus_id = id;
  clipper_list_focus_later (self->list_view, focus_wanted, row_highlight, self);
}

/* The row of the highlight an Undo brought back, selected, and with the
 * keyboard if asked: it stayed on the row after it, which the next
 * Delete would have deleted (QA). */
static void
select_back (ClipperReviewPage *self)
{
  ClipperHighlight *h = self->back_id != 0 ? g_hash_table_lookup (self->by_id, &self->back_id) : NULL;
  guint position;

  if (h == NULL)
    return;   /* not back yet */
  self->back_id = 0;
  if (!clipper_highlight_list_find (self->shown, h, &position))
    return;   /* the filters leave it out */
  if (self->back_focus)
    {
      /* Into the list at once (from the toast's button, which goes), to
       * the row when the list has made it. */
      focus_row (self, position);
      focus_row_later (self, clipper_highlight_get_id (h));
      return;
    }
  gtk_single_selection_set_selected (self->selection, position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

/* The articles that have the article tag chosen, read again whenever
 * the articles may have changed: a highlight is not told its article's
 * tags. */
static void
read_tagged_articles (ClipperReviewPage *self)
{
  ClipperListQuery query = { .tag = self->article_tag, .state = CLIPPER_STATE_FILTER_ALL, .limit = G_MAXUINT };
  g_autoptr (GPtrArray) articles = NULL;

  g_hash_table_remove_all (self->tagged);
  if (self->article_tag == NULL || self->store == NULL)
    return;
  articles = clipper_store_list_articles (self->store, &query, NULL, NULL);
  for (guint i = 0; articles != NULL && i < articles->len; i++)
    {
      gint64 id = clipper_article_get_id (g_ptr_array_index (articles, i));

      g_hash_table_add (self->tagged, g_memdup2 (&id, sizeof id));
    }
}

/* The articles that carry each tag of the field's tag: and -tag:
 * filters, read again whenever the articles may have changed, as for
 * the tag menu's article tag. */
static void
read_filter_tagged (ClipperReviewPage *self)
{
  const ClipperSearchFilters *filters = self->search_filters;

  g_ptr_array_set_size (self->filter_tagged, 0);
  if (filters == NULL)
    return;
  for (guint negated = 0; negated < 2; negated++)
    for (char **name = negated ? filters->not_tags : filters->tags; *name != NULL; name++)
      {
        ClipperListQuery query = { .tag = *name, .state = CLIPPER_STATE_FILTER_ALL, .limit = G_MAXUINT };
        GHashTable *articles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
        g_autoptr (GPtrArray) tagged = self->store != NULL ? clipper_store_list_articles (self->store, &query, NULL, NULL)
                                                            : NULL;

        for (guint i = 0; tagged != NULL && i < tagged->len; i++)
          {
            gint64 id = clipper_article_get_id (g_ptr_array_index (tagged, i));

            g_hash_table_add (articles, g_memdup2 (&id, sizeof id));
          }
        g_ptr_array_add (self->filter_tagged, articles);
      }
}

/* The menu lists the highlights' tags, then the articles' tags, each
 * marked as such: "all my highlights from articles tagged science" had
 * no way in (QA).  A tag on both is listed twice, once for each. */
static void
rebuild_tag_list (ClipperReviewPage *self)
{
  g_auto (GStrv) tags = NULL;
  g_autoptr (GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint n_tags = 0;
  guint selected = 0;

  g_clear_pointer (&self->article_tags, g_strfreev);
  if (self->store != NULL)
    {
      tags = clipper_store_list_tags_in_use (self->store, CLIPPER_TAG_USE_HIGHLIGHTS, NULL);
      self->article_tags = clipper_store_list_tags_in_use (self->store, CLIPPER_TAG_USE_ARTICLES, NULL);
    }
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++, n_tags++)
    {
      g_ptr_array_add (labels, g_strdup (tags[i]));
      if (g_strcmp0 (tags[i], self->tag) == 0)
        selected = i + 1;
    }
  for (guint i = 0; self->article_tags != NULL && self->article_tags[i] != NULL; i++)
    {
      /* Translators: an article's tag in the Highlights page's tag menu,
       * which shows the highlights of the articles that have it. */
      g_ptr_array_add (labels, g_strdup_printf (_("%s (article tag)"), self->article_tags[i]));
      if (g_strcmp0 (self->article_tags[i], self->article_tag) == 0)
        selected = n_tags + i + 1;
    }
  g_ptr_array_add (labels, NULL);
  self->n_tags = n_tags;

  self->updating_dropdowns = TRUE;
  gtk_string_list_splice (self->tag_list, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->tag_list)) - 1,
                          (const char * const *) labels->pdata);
  gtk_drop_down_set_selected (self->tag_dropdown, selected);
  self->updating_dropdowns = FALSE;

  /* A tag that nothing has any more is no filter. */
  if (selected == 0)
    {
      g_clear_pointer (&self->tag, g_free);
      g_clear_pointer (&self->article_tag, g_free);
    }
  read_tagged_articles (self);
}

/* Lets go of every highlight read: the page holds them only while shown. */
static void
forget_highlights (ClipperReviewPage *self)
{
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_pointer (&self->meanwhile, clipper_store_changes_free);
  self->focus_when_read = FALSE;
  self->back_id = 0;
  g_hash_table_remove_all (self->by_id);
  g_clear_pointer (&self->all, g_ptr_array_unref);
  clipper_highlight_list_set (self->shown, &(GPtrArray) { 0 });
  update_stack (self);
}

static void
take_highlights (ClipperReviewPage *self,
                 GPtrArray         *rows)
{
  g_hash_table_remove_all (self->by_id);
  g_clear_pointer (&self->all, g_ptr_array_unref);
  self->all = rows;
  for (guint i = 0; i < rows->len; i++)
    {
      ClipperHighlight *h = g_ptr_array_index (rows, i);

      g_hash_table_insert (self->by_id, g_memdup2 (&(gint64) { clipper_highlight_get_id (h) }, sizeof (gint64)), h);
    }
}

/* Copies @fresh into @h, the page's object, so that its row (which
 * follows it) changes and nothing else does. */
static void
refresh_highlight (ClipperHighlight *h,
                   ClipperHighlight *fresh)
{
  g_object_freeze_notify (G_OBJECT (h));
  clipper_highlight_set_uuid (h, clipper_highlight_get_uuid (fresh));
  clipper_highlight_set_color (h, clipper_highlight_get_color (fresh));
  clipper_highlight_set_quote (h, clipper_highlight_get_quote (fresh));
  clipper_highlight_set_prefix (h, clipper_highlight_get_prefix (fresh));
  clipper_highlight_set_suffix (h, clipper_highlight_get_suffix (fresh));
  clipper_highlight_set_range (h, clipper_highlight_get_start (fresh), clipper_highlight_get_end (fresh));
  clipper_highlight_set_note (h, clipper_highlight_get_note (fresh));
  clipper_highlight_set_anchored (h, clipper_highlight_get_anchored (fresh));
  clipper_highlight_set_original_quote (h, clipper_highlight_get_original_quote (fresh));
  clipper_highlight_set_created_at (h, clipper_highlight_get_created_at (fresh));
  clipper_highlight_set_updated_at (h, clipper_highlight_get_updated_at (fresh));
  clipper_highlight_set_tags (h, clipper_highlight_get_tags (fresh));
  clipper_highlight_set_article_title (h, clipper_highlight_get_article_title (fresh));
  clipper_highlight_set_article_url (h, clipper_highlight_get_article_url (fresh));
  clipper_highlight_set_article_has_text (h, clipper_highlight_get_article_has_text (fresh));
  g_object_thaw_notify (G_OBJECT (h));
}

/* Reads highlight @id again and puts it where it belongs: updated in
 * place, added, or taken out.  Returns whether the list must be filtered
 * again (it went in or out, or moved); sets *@tags_changed when its tags
 * did. */
static gboolean
apply_change (ClipperReviewPage *self,
              gint64             id,
              gboolean          *tags_changed)
{
  g_autoptr (ClipperHighlight) fresh = clipper_store_get_highlight (self->store, id, NULL);
  ClipperHighlight *h = g_hash_table_lookup (self->by_id, &id);

  if (h != NULL && fresh != NULL)
    {
      gboolean passed = passes_filters (self, h);
      gboolean orphan = is_orphan (h);
      gint64 created = clipper_highlight_get_created_at (h);
      gint64 position = text_position (h);

      if (!g_strv_equal (clipper_highlight_get_tags (h), clipper_highlight_get_tags (fresh)))
        *tags_changed = TRUE;
      refresh_highlight (h, fresh);
      if (created != clipper_highlight_get_created_at (h))
        {
          /* Its place in the store's order moved: taken out and put back. */
          g_ptr_array_remove (self->all, h);
          g_ptr_array_add (self->all, h);
          g_ptr_array_sort (self->all, compare_newest_first);
          return TRUE;
        }
      /* (An orphan re-attached, or one more, is counted again.) */
      return passed != passes_filters (self, h) || orphan != is_orphan (h) ||
             (position != text_position (h) && g_strcmp0 (self->sort, "text") == 0);
    }
  if (h != NULL)
    {
      *tags_changed = *tags_changed || clipper_highlight_get_tags (h)[0] != NULL;
      g_hash_table_remove (self->by_id, &id);
      g_ptr_array_remove (self->all, h);
      return TRUE;
    }
  if (fresh != NULL)
    {
      guint lo = 0, hi = self->all->len;

      /* Into its place in the store's order, found by halving. */
      while (lo < hi)
        {
          guint mid = lo + (hi - lo) / 2;

          if (compare_newest_first (&g_ptr_array_index (self->all, mid), &fresh) < 0)
            lo = mid + 1;
          else
            hi = mid;
        }
      *tags_changed = *tags_changed || clipper_highlight_get_tags (fresh)[0] != NULL;
      g_hash_table_insert (self->by_id, g_memdup2 (&id, sizeof id), fresh);
      g_ptr_array_insert (self->all, (gint) lo, g_steal_pointer (&fresh));
      return TRUE;
    }
  return FALSE;
}

static void start_load (ClipperReviewPage *self);

/* An article's title and address, which its highlights show, as the
 * store holds them now. */
static gboolean
refresh_article (ClipperReviewPage *self,
                 gint64             article_id)
{
  g_autoptr (ClipperArticle) article = NULL;
  gboolean refilter = FALSE;

  for (guint i = 0; i < self->all->len; i++)
    {
      ClipperHighlight *h = g_ptr_array_index (self->all, i);
      gboolean passed;

      if (clipper_highlight_get_article_id (h) != article_id)
        continue;
      if (article == NULL)
        article = clipper_store_get_article (self->store, article_id, NULL);
      if (article == NULL)
        return FALSE;   /* deleted: its own change says so */
      passed = passes_filters (self, h);
      clipper_highlight_set_article_title (h, clipper_article_get_title (article));
      clipper_highlight_set_article_url (h, clipper_article_get_url (article));
      clipper_highlight_set_article_has_text (h, clipper_article_has_text (article));
      refilter = refilter || passed != passes_filters (self, h);
    }
  return refilter;
}

/* Follows the store's changes: only the highlights and articles it names
 * are read again. */
static void
apply_changes (ClipperReviewPage         *self,
               const ClipperStoreChanges *changes)
{
  gboolean refilter = FALSE;
  gboolean tags_changed = FALSE;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (changes->other)
    {
      start_load (self);
      return;
    }
  for (guint i = 0; i < changes->highlights->len; i++)
    {
      ClipperHighlightChange *change = &g_array_index (changes->highlights, ClipperHighlightChange, i);

      if (g_hash_table_add (seen, &change->id))
        refilter = apply_change (self, change->id, &tags_changed) || refilter;
    }
  g_hash_table_remove_all (seen);
  for (guint i = 0; i < changes->articles->len; i++)
    if (g_hash_table_add (seen, &g_array_index (changes->articles, gint64, i)))
      refilter = refresh_article (self, g_array_index (changes->articles, gint64, i)) || refilter;
  if (tags_changed)
    rebuild_tag_list (self);
  if (self->article_tag != NULL && changes->articles->len > 0)
    {
      read_tagged_articles (self);
      refilter = TRUE;
    }
  if (self->filter_tagged->len > 0 && changes->articles->len > 0)
    {
      read_filter_tagged (self);
      refilter = TRUE;
    }
  if (refilter)
    show_filtered (self);
  select_back (self);
}

static void
on_store_changes (ClipperReviewPage   *self,
                  ClipperStoreChanges *changes)
{
  if (self->loading != NULL)
    {
      /* Kept for when the read is done: it may or may not have seen them. */
      g_autoptr (ClipperStoreChanges) all = g_steal_pointer (&self->meanwhile);

      self->meanwhile = clipper_store_changes_copy (changes);
      if (all != NULL)
        {
          self->meanwhile->other = self->meanwhile->other || all->other;
          g_array_prepend_vals (self->meanwhile->highlights, all->highlights->data, all->highlights->len);
          g_array_prepend_vals (self->meanwhile->articles, all->articles->data, all->articles->len);
        }
      return;
    }
  if (self->all == NULL)
    return;   /* not shown: read when it is */
  apply_changes (self, changes);
}

static void
load_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr (ClipperStore) store = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *rows;

  /* A connection of its own: a store is used by one thread at a time. */
  store = clipper_store_open_read_only (task_data, &error);
  rows = store != NULL ? clipper_store_list_highlights (store, NULL, &error) : NULL;
  if (rows == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, rows, (GDestroyNotify) g_ptr_array_unref);
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  ClipperReviewPage *self = CLIPPER_REVIEW_PAGE (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = g_task_propagate_pointer (G_TASK (result), &error);
  g_autoptr (ClipperStoreChanges) meanwhile = NULL;

  /* The worker's connection read through its own page cache, now freed;
   * glibc keeps a thread's freed memory unless asked (see
   * clipper-library-model.c). */
  malloc_trim (0);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;
  g_clear_object (&self->loading);
  if (rows == NULL)
    {
      g_warning ("Could not read the highlights: %s", error->message);
      rows = g_ptr_array_new_with_free_func (g_object_unref);
    }
  take_highlights (self, g_steal_pointer (&rows));

  /* What changed while the worker read: the read may or may not have seen
   * it, and reading those few again settles it. */
  meanwhile = g_steal_pointer (&self->meanwhile);
  if (meanwhile != NULL && meanwhile->other)
    {
      start_load (self);
      return;
    }
  if (meanwhile != NULL)
    apply_changes (self, meanwhile);
  show_filtered (self);
  select_back (self);
  if (self->focus_when_read)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

      self->focus_when_read = FALSE;
      /* Unless the keyboard went elsewhere meanwhile (the filter field).
       * Back from the article of a highlight chosen here, the keyboard
       * is on its row again, not on the first. */
      if (focus == NULL || focus == GTK_WIDGET (self->list_view) || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
        {
          clipper_review_page_focus (self);
          if (g_hash_table_contains (self->by_id, &self->chosen_id))
            focus_row_later (self, self->chosen_id);
        }
    }
}

/* Reads every highlight on a worker; the list shows what it had until
 * then. */
static void
start_load (ClipperReviewPage *self)
{
  g_autoptr (GTask) task = NULL;

  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_pointer (&self->meanwhile, clipper_store_changes_free);
  if (self->store == NULL)
    {
      forget_highlights (self);
      return;
    }

  rebuild_tag_list (self);
  self->n_loads++;
  self->loading = g_cancellable_new ();
  task = g_task_new (self, self->loading, load_done, NULL);
  g_task_set_source_tag (task, start_load);
  g_task_set_task_data (task, g_strdup (clipper_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, load_thread);
  update_stack (self);
}

void
clipper_review_page_reload (ClipperReviewPage *self)
{
  g_return_if_fail (CLIPPER_IS_REVIEW_PAGE (self));

  start_load (self);
}

gboolean
clipper_review_page_get_loading (ClipperReviewPage *self)
{
  g_return_val_if_fail (CLIPPER_IS_REVIEW_PAGE (self), FALSE);

  return self->loading != NULL;
}

guint
clipper_review_page_get_n_loads (ClipperReviewPage *self)
{
  g_return_val_if_fail (CLIPPER_IS_REVIEW_PAGE (self), 0);

  return self->n_loads;
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
  if (selected != GTK_INVALID_LIST_POSITION && selected > self->n_tags)
    clipper_review_page_set_article_tag (self, self->article_tags[selected - self->n_tags - 1]);
  else
    clipper_review_page_set_tag (self, selected == 0 || selected == GTK_INVALID_LIST_POSITION
                                         ? NULL
                                         : gtk_string_list_get_string (self->tag_list, selected));
}

/* The first widget of @type in @widget, @widget included. */
static GtkWidget *
find_widget_of_type (GtkWidget *widget,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_of_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
scroll_tag_list_cb (gpointer user_data)
{
  ClipperReviewPage *self = user_data;
  GtkWidget *popover = find_widget_of_type (GTK_WIDGET (self->tag_dropdown), GTK_TYPE_POPOVER);
  GtkWidget *list = popover != NULL ? find_widget_of_type (popover, GTK_TYPE_LIST_VIEW) : NULL;
  guint selected = gtk_drop_down_get_selected (self->tag_dropdown);

  if (list != NULL && selected != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", selected);
  return G_SOURCE_REMOVE;
}

/* The tag menu opens at the tag chosen, its search empty: it opened where
 * it was last scrolled, "All Tags" out of sight, and a click meant for it
 * chose another tag (QA).  Once the list is laid out: before, there is
 * nothing to scroll. */
static void
on_tag_popover_show (ClipperReviewPage *self,
                     GtkWidget         *popover)
{
  GtkWidget *search = find_widget_of_type (popover, GTK_TYPE_SEARCH_ENTRY);

  if (search != NULL)
    gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, scroll_tag_list_cb, g_object_ref (self), g_object_unref);
}

/* Enter in the tag menu's search chooses the first tag it shows (the
 * only one, often), as GNOME's searchable lists do: GtkDropDown (GTK
 * 4.8) did nothing, and Down then Enter was the only way (QA). */
static void
on_tag_search_activate (ClipperReviewPage *self,
                        GtkSearchEntry    *search)
{
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (search), GTK_TYPE_POPOVER);
  GtkWidget *list = popover != NULL ? find_widget_of_type (popover, GTK_TYPE_LIST_VIEW) : NULL;
  GListModel *shown = list != NULL ? G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list))) : NULL;
  GListModel *all = gtk_drop_down_get_model (self->tag_dropdown);
  g_autoptr (GObject) first = shown != NULL ? g_list_model_get_item (shown, 0) : NULL;

  if (first == NULL || all == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (all, i);

      if (item == first)
        {
          gtk_popover_popdown (GTK_POPOVER (popover));
          gtk_drop_down_set_selected (self->tag_dropdown, i);
          return;
        }
    }
}

/* A letter typed while the tag menu opens, before its search has the
 * keyboard (on the menu's button, or with the list's row focused), goes
 * into the search: it was lost, and "Smi" typed at once after Space
 * searched for "i" or nothing (QA). */
static gboolean
on_tag_dropdown_key (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     ClipperReviewPage     *self)
{
  GtkWidget *popover = find_widget_of_type (GTK_WIDGET (self->tag_dropdown), GTK_TYPE_POPOVER);
  GtkWidget *search = popover != NULL ? find_widget_of_type (popover, GTK_TYPE_SEARCH_ENTRY) : NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self->tag_dropdown));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gunichar c = gdk_keyval_to_unicode (keyval);
  char text[7] = { 0 };
  int position;

  if (search == NULL || !gtk_widget_get_visible (popover) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 ||
      c == 0 || !g_unichar_isgraph (c))
    return FALSE;
  /* Where the search has the keyboard, it types for itself. */
  if (focus != NULL && (focus == search || gtk_widget_is_ancestor (focus, search)))
    return FALSE;
  g_unichar_to_utf8 (c, text);
  position = -1;
  gtk_editable_insert_text (GTK_EDITABLE (search), text, -1, &position);
  gtk_widget_grab_focus (search);
  gtk_editable_set_position (GTK_EDITABLE (search), -1);
  return TRUE;
}

static void
on_orphans_toggled (ClipperReviewPage *self)
{
  gboolean active = gtk_toggle_button_get_active (self->orphans_button);

  if (self->updating_dropdowns || self->orphans_only == active)
    return;
  self->orphans_only = active;
  show_from_top (self);
}

static void
on_search_changed (ClipperReviewPage *self)
{
  clipper_review_page_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* Escape in the filter field empties it and gives the keyboard to the
 * list, as Escape closes the library's search: the text and "No Matching
 * Highlights" stayed, the keyboard with them, though the shortcuts window
 * promises "Escape: Close the search". */
static void
on_stop_search (ClipperReviewPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  /* At once, not after the field's pause for typing. */
  clipper_review_page_set_search (self, NULL);
  clipper_review_page_focus (self);
}

/* Down in the filter field goes to the first row of what was typed, as
 * in the library's search.  Left to the window, it went to the row the
 * list last had the keyboard on, in the list as it was before the field's
 * pause for typing was over: "Mozilla Festival", Down and Return at once
 * opened the first highlight of the whole list, and the note typed next
 * went into it while the list showed only the Mozilla row (QA). */
static gboolean
on_search_entry_key (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     ClipperReviewPage     *self)
{
  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0)
    return FALSE;
  clipper_review_page_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  if (g_list_model_get_n_items (G_LIST_MODEL (self->shown)) == 0)
    return FALSE;
  focus_row (self, 0);
  return TRUE;
}

static void
on_list_activate (ClipperReviewPage *self,
                  guint              position)
{
  g_autoptr (ClipperHighlight) h = g_list_model_get_item (G_LIST_MODEL (self->shown), position);
  g_autoptr (ClipperHighlight) now = NULL;

  if (h == NULL)
    return;
  /* Text typed in the filter and not yet applied (the field waits for a
   * pause) is applied first: the row was chosen in a list about to
   * change.  Unless the same highlight is still at that place, nothing
   * opens rather than another one. */
  clipper_review_page_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  now = g_list_model_get_item (G_LIST_MODEL (self->shown), position);
  if (now == NULL || clipper_highlight_get_id (now) != clipper_highlight_get_id (h))
    return;
  self->chosen_id = clipper_highlight_get_id (h);
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

  clipper_review_row_set_highlight (CLIPPER_REVIEW_ROW (gtk_list_item_get_child (item)), h);
  clipper_review_row_set_starts_group (CLIPPER_REVIEW_ROW (gtk_list_item_get_child (item)),
                                       position == GTK_INVALID_LIST_POSITION || starts_group_at (self, position));
  mark_why_found (self, CLIPPER_REVIEW_ROW (gtk_list_item_get_child (item)), h);
  g_ptr_array_add (self->bound, item);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            ClipperReviewPage        *self)
{
  g_ptr_array_remove_fast (self->bound, item);
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

GtkLabel *
clipper_review_page_find_choice_label (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  if (GTK_IS_POPOVER (widget) || !gtk_widget_get_mapped (widget))
    return NULL;
  if (GTK_IS_LABEL (widget))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = clipper_review_page_find_choice_label (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
menu_is_open (GtkWidget *dropdown)
{
  for (GtkWidget *child = gtk_widget_get_first_child (dropdown); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child) && gtk_widget_get_visible (child))
      return TRUE;
  return FALSE;
}

/* A choice too long for its menu's button (a long tag) is ellipsized
 * there and said whole in a tooltip; none else, and none while the menu
 * is open: the tooltip "Tag" lay over its first item, "All Tags" (QA). */
static gboolean
on_dropdown_query_tooltip (GtkWidget         *dropdown,
                           int                x,
                           int                y,
                           gboolean           keyboard_mode,
                           GtkTooltip        *tooltip,
                           ClipperReviewPage *self)
{
  GtkLabel *label = clipper_review_page_find_choice_label (dropdown);

  if (label == NULL || menu_is_open (dropdown) || !pango_layout_is_ellipsized (gtk_label_get_layout (label)))
    return FALSE;
  gtk_tooltip_set_text (tooltip, gtk_label_get_text (label));
  return TRUE;
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
      show_from_top (self);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Off the page, 100,000 highlights are 190 MB the app does not need. */
static void
clipper_review_page_unmap (GtkWidget *widget)
{
  ClipperReviewPage *self = CLIPPER_REVIEW_PAGE (widget);

  GTK_WIDGET_CLASS (clipper_review_page_parent_class)->unmap (widget);
  if (self->all == NULL && self->loading == NULL)
    return;
  forget_highlights (self);
  malloc_trim (0);
}

/* Shown again without its rows (they went at unmap), the page reads them
 * again with its filters and sort as they were: the narrow window's back
 * arrow from an article shows it again without a change of view, and the
 * page said "No Highlights" until Ctrl+1 and Ctrl+2. */
static void
clipper_review_page_map (GtkWidget *widget)
{
  ClipperReviewPage *self = CLIPPER_REVIEW_PAGE (widget);

  GTK_WIDGET_CLASS (clipper_review_page_parent_class)->map (widget);
  if (self->store != NULL && self->all == NULL && self->loading == NULL)
    start_load (self);
}

/* The tag filter follows its tag to its new name, or to the tag it was
 * merged into: the list of tags in use, read again, no longer holds the
 * old name, and the page fell back to every tag. */
static void
on_tag_renamed (ClipperReviewPage *self,
                const char        *from,
                const char        *to)
{
  if (g_strcmp0 (self->tag, from) == 0)
    {
      g_free (self->tag);
      self->tag = g_strdup (to);
    }
  if (g_strcmp0 (self->article_tag, from) == 0)
    {
      g_free (self->article_tag);
      self->article_tag = g_strdup (to);
    }
}

static void
clipper_review_page_dispose (GObject *object)
{
  ClipperReviewPage *self = CLIPPER_REVIEW_PAGE (object);

  /* Its tries hold the page, which goes. */
  if (self->list_view != NULL)
    clipper_list_focus_cancel (self->list_view);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLIPPER_TYPE_REVIEW_PAGE);
  /* The template's unnamed root box is not disposed with it. */
  {
    GtkWidget *child;

    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->store, on_store_changes, self);
      g_signal_handlers_disconnect_by_func (self->store, on_tag_renamed, self);
    }
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->shown);
  g_clear_pointer (&self->all, g_ptr_array_unref);

  G_OBJECT_CLASS (clipper_review_page_parent_class)->dispose (object);
}

static void
clipper_review_page_finalize (GObject *object)
{
  ClipperReviewPage *self = CLIPPER_REVIEW_PAGE (object);

  g_free (self->color);
  g_free (self->tag);
  g_free (self->article_tag);
  g_strfreev (self->article_tags);
  g_hash_table_unref (self->tagged);
  g_free (self->search);
  g_free (self->search_text);
  g_clear_pointer (&self->search_filters, clipper_search_filters_free);
  g_ptr_array_unref (self->filter_tagged);
  g_free (self->sort);
  g_clear_pointer (&self->hidden, g_hash_table_unref);
  g_hash_table_unref (self->by_id);
  g_ptr_array_unref (self->bound);
  g_clear_pointer (&self->meanwhile, clipper_store_changes_free);

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
  widget_class->map = clipper_review_page_map;
  widget_class->unmap = clipper_review_page_unmap;

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
  gtk_widget_class_bind_template_child (widget_class, ClipperReviewPage, no_match_page);
  gtk_widget_class_bind_template_child (widget_class, ClipperReviewPage, color_list);
  gtk_widget_class_bind_template_child (widget_class, ClipperReviewPage, tag_list);
  gtk_widget_class_bind_template_child (widget_class, ClipperReviewPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ClipperReviewPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, ClipperReviewPage, orphans_button);
  gtk_widget_class_bind_template_child (widget_class, ClipperReviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, ClipperReviewPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, ClipperReviewPage, factory);
  gtk_widget_class_bind_template_child (widget_class, ClipperReviewPage, selection);
  gtk_widget_class_bind_template_callback (widget_class, on_color_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_orphans_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_list_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_clear_filters_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_dropdown_query_tooltip);
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
  {
    GtkWidget *popover = find_widget_of_type (GTK_WIDGET (self->tag_dropdown), GTK_TYPE_POPOVER);

    GtkWidget *search = popover != NULL ? find_widget_of_type (popover, GTK_TYPE_SEARCH_ENTRY) : NULL;
    GtkEventController *keys = gtk_event_controller_key_new ();

    if (popover != NULL)
      g_signal_connect_object (popover, "show", G_CALLBACK (on_tag_popover_show), self, G_CONNECT_SWAPPED);
    if (search != NULL)
      g_signal_connect_object (search, "activate", G_CALLBACK (on_tag_search_activate), self, G_CONNECT_SWAPPED);
    /* Before the menu's own widgets: a letter on its button is not the
     * button's to take. */
    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    gtk_event_controller_set_name (keys, "clipper-tag-menu-keys");
    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_tag_dropdown_key), self);
    gtk_widget_add_controller (GTK_WIDGET (self->tag_dropdown), keys);
  }
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_entry_key), self);
    gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  }

  self->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->tagged = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->filter_tagged = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  self->bound = g_ptr_array_new ();
  self->shown = clipper_highlight_list_new ();
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

  if (self->store == store)
    return;
  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->store, on_store_changes, self);
      g_signal_handlers_disconnect_by_func (self->store, on_tag_renamed, self);
    }
  g_set_object (&self->store, store);
  if (self->store != NULL)
    {
      g_signal_connect_swapped (self->store, "changes", G_CALLBACK (on_store_changes), self);
      g_signal_connect_swapped (self->store, "tag-renamed", G_CALLBACK (on_tag_renamed), self);
    }
  /* Reading every highlight is for when the page is shown (mapped), not
   * for start-up. */
  forget_highlights (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    clipper_review_page_reload (self);
}

/* The filters set from the code (the window restoring them, tests) show
 * in the menus and the field, as the user's own choices do. */
void
clipper_review_page_set_color (ClipperReviewPage *self,
                               const char        *color)
{
  const char *const *colors = clipper_highlight_colors ();
  guint selected = 0;

  g_return_if_fail (CLIPPER_IS_REVIEW_PAGE (self));

  for (guint i = 0; color != NULL && colors[i] != NULL; i++)
    if (g_str_equal (colors[i], color))
      selected = i + 1;
  /* No such colour: every colour, as the menu can show. */
  if (selected == 0)
    color = NULL;
  self->updating_dropdowns = TRUE;
  gtk_drop_down_set_selected (self->color_dropdown, selected);
  self->updating_dropdowns = FALSE;
  if (g_strcmp0 (self->color, color) == 0)
    return;
  g_free (self->color);
  self->color = g_strdup (color);
  show_from_top (self);
}

const char *
clipper_review_page_get_color (ClipperReviewPage *self)
{
  g_return_val_if_fail (CLIPPER_IS_REVIEW_PAGE (self), NULL);

  return self->color;
}

void
clipper_review_page_set_tag (ClipperReviewPage *self,
                             const char        *tag)
{
  g_return_if_fail (CLIPPER_IS_REVIEW_PAGE (self));

  if (g_strcmp0 (self->tag, tag) == 0 && self->article_tag == NULL)
    return;
  g_free (self->tag);
  self->tag = g_strdup (tag);
  /* One menu, one choice. */
  g_clear_pointer (&self->article_tag, g_free);
  /* Into the menu, which drops a tag no highlight has. */
  rebuild_tag_list (self);
  show_from_top (self);
}

const char *
clipper_review_page_get_tag (ClipperReviewPage *self)
{
  g_return_val_if_fail (CLIPPER_IS_REVIEW_PAGE (self), NULL);

  return self->tag;
}

void
clipper_review_page_set_orphans_only (ClipperReviewPage *self,
                                      gboolean           orphans_only)
{
  g_return_if_fail (CLIPPER_IS_REVIEW_PAGE (self));

  orphans_only = !!orphans_only;
  self->updating_dropdowns = TRUE;
  gtk_toggle_button_set_active (self->orphans_button, orphans_only);
  self->updating_dropdowns = FALSE;
  if (self->orphans_only == orphans_only)
    return;
  self->orphans_only = orphans_only;
  show_from_top (self);
}

gboolean
clipper_review_page_get_orphans_only (ClipperReviewPage *self)
{
  g_return_val_if_fail (CLIPPER_IS_REVIEW_PAGE (self), FALSE);

  return self->orphans_only;
}

void
clipper_review_page_set_article_tag (ClipperReviewPage *self,
                                     const char        *tag)
{
  g_return_if_fail (CLIPPER_IS_REVIEW_PAGE (self));

  if (g_strcmp0 (self->article_tag, tag) == 0 && self->tag == NULL)
    return;
  g_free (self->article_tag);
  self->article_tag = g_strdup (tag);
  g_clear_pointer (&self->tag, g_free);
  /* Into the menu, which drops a tag no article has; its articles read. */
  rebuild_tag_list (self);
  show_from_top (self);
}

const char *
clipper_review_page_get_article_tag (ClipperReviewPage *self)
{
  g_return_val_if_fail (CLIPPER_IS_REVIEW_PAGE (self), NULL);

  return self->article_tag;
}

void
clipper_review_page_set_search (ClipperReviewPage *self,
                                const char        *text)
{
  g_autofree char *stripped = NULL;
  g_autofree char *folded = NULL;

  g_return_if_fail (CLIPPER_IS_REVIEW_PAGE (self));

  if (text == NULL)
    text = "";
  /* The field says it (its change comes back here, at once or a moment
   * later: the same text then changes nothing). */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    g_clear_pointer (&stripped, g_free);
  if (g_strcmp0 (stripped, self->search_text) == 0)
    return;
  g_free (self->search_text);
  self->search_text = g_strdup (stripped);

  /* tag:work, -tag:done, color:yellow, as the library's search reads
   * them; the other words are looked for as before. */
  g_clear_pointer (&self->search_filters, clipper_search_filters_free);
  self->search_problem = CLIPPER_SEARCH_QUERY_OK;
  if (stripped != NULL)
    {
      g_autoptr (ClipperSearchFilters) filters = clipper_search_filters_new (stripped, &self->search_problem);

      if (filters != NULL && clipper_search_filters_any (filters))
        {
          g_free (stripped);
          stripped = g_strdup (filters->words);
          self->search_filters = g_steal_pointer (&filters);
        }
    }
  read_filter_tagged (self);
  folded = stripped != NULL && *stripped != '\0' ? clipper_text_fold (stripped) : NULL;
  /* Only accents, folded away: no words to look for, as an empty field
   * has. */
  if (folded != NULL && *folded == '\0')
    g_clear_pointer (&folded, g_free);
  g_free (self->search);
  self->search = g_steal_pointer (&folded);

  show_from_top (self);
}

const char *
clipper_review_page_get_search (ClipperReviewPage *self)
{
  g_return_val_if_fail (CLIPPER_IS_REVIEW_PAGE (self), "");

  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
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
  show_filtered (self);
}

/* Lets go of an article's highlights at once when it is deleted: the
 * store's change (its highlights went by cascade, which it cannot list)
 * reads everything again, which takes a second on a big library, and the
 * article is no longer left out as pending its Undo meanwhile. */
void
clipper_review_page_drop_article (ClipperReviewPage *self,
                                  gint64             article_id)
{
  gboolean dropped = FALSE;

  g_return_if_fail (CLIPPER_IS_REVIEW_PAGE (self));

  for (guint i = 0; self->all != NULL && i < self->all->len;)
    {
      ClipperHighlight *h = g_ptr_array_index (self->all, i);

      if (clipper_highlight_get_article_id (h) != article_id)
        {
          i++;
          continue;
        }
      g_hash_table_remove (self->by_id, &(gint64) { clipper_highlight_get_id (h) });
      g_ptr_array_remove_index (self->all, i);
      dropped = TRUE;
    }
  if (dropped)
    show_filtered (self);
}

/* Filters again what the page read, without reading the store. */
void
clipper_review_page_refilter (ClipperReviewPage *self)
{
  g_return_if_fail (CLIPPER_IS_REVIEW_PAGE (self));

  show_filtered (self);
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

  /* Still reading: the list takes the keyboard when its rows come. */
  self->focus_when_read = self->loading != NULL && self->all == NULL;
  if (g_list_model_get_n_items (G_LIST_MODEL (self->shown)) > 0 || self->focus_when_read)
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Every colour and tag, no text, orphans or not: what "Clear Filters" does. */
void
clipper_review_page_clear_filters (ClipperReviewPage *self)
{
  g_return_if_fail (CLIPPER_IS_REVIEW_PAGE (self));

  self->updating_dropdowns = TRUE;
  gtk_drop_down_set_selected (self->color_dropdown, 0);
  gtk_drop_down_set_selected (self->tag_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_toggle_button_set_active (self->orphans_button, FALSE);
  self->updating_dropdowns = FALSE;
  self->orphans_only = FALSE;
  g_clear_pointer (&self->color, g_free);
  g_clear_pointer (&self->tag, g_free);
  g_clear_pointer (&self->article_tag, g_free);
  g_hash_table_remove_all (self->tagged);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->search_text, g_free);
  g_clear_pointer (&self->search_filters, clipper_search_filters_free);
  g_ptr_array_set_size (self->filter_tagged, 0);
  self->search_problem = CLIPPER_SEARCH_QUERY_OK;
  show_from_top (self);
  clipper_review_page_focus (self);
}

void
clipper_review_page_select_when_back (ClipperReviewPage *self,
                                      gint64             id,
                                      gboolean           focus)
{
  g_return_if_fail (CLIPPER_IS_REVIEW_PAGE (self));

  /* Off the page, it reads everything again when shown, at the top. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  self->back_id = id;
  self->back_focus = focus;
  select_back (self);
}

void
clipper_review_page_focus_filter (ClipperReviewPage *self)
{
  g_return_if_fail (CLIPPER_IS_REVIEW_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}
