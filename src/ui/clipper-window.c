/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window: the library (Articles | Highlights) on the left, the
 * reader on the right, in an AdwLeaflet that shows one pane at a time on a
 * narrow screen.  Library actions live in the "library." scope, window
 * actions in "win."; each has its key binding next to it.
 */
#define G_LOG_DOMAIN "clipper-window"

#include <glib/gi18n.h>
#include <sys/resource.h>

#include "clipper-toast.h"
#include "clipper-format.h"
#include "clipper-highlight-undo.h"
#include "clipper-window.h"
#include "clipper-resources.h"
#include "clipper-article-row.h"
#include "clipper-review-page.h"
#include "clipper-search-result.h"
#include "clipper-export.h"
#include "clipper-import.h"
#include "clipper-markdown-import.h"
#include "clipper-json.h"
#include "clipper-markdown.h"
#include "clipper-preferences-window.h"
#include "clipper-reader-view.h"
#include "clipper-reading-units.h"
#include "clipper-tag-chips.h"
#include "clipper-saver.h"
#include "clipper-vault-folder.h"

#define N_FIXED_FILTERS 4
#define SEARCH_LIMIT 200
/* Saves that end this close to one another are summed up in one toast. */
#define BURST_GAP_US (10 * G_USEC_PER_SEC)

/* The library search runs on worker threads, one search at a time, on a
 * read-only connection of its own (a store is used by one thread at a
 * time; see clipper-store.h), opened by the first search. */
typedef struct {
  GMutex lock;
  char *path;
  ClipperStore *store;   /* (nullable) used under lock */
} SearchConnection;

struct _ClipperWindow
{
  AdwApplicationWindow parent_instance;

  ClipperStore *store;
  ClipperLibraryModel *model;
  GListStore *search_results;
  char *results_text;                 /* (nullable) the query search_results are the hits of */
  SearchConnection *search_connection;
  GCancellable *search_cancellable;   /* (nullable) the search under way */
  GSettings *settings;
  GSettings *screen_reader;      /* (nullable) GNOME's a11y applications settings */
  GHashTable *pending_deletes;   /* gint64 id → AdwToast (borrowed) */
  char *export_refusal;          /* the last refused export's whole message, for its Details */
  AdwToast *refusal_toast;       /* (nullable) its toast, while shown */
  char *import_path;             /* the file being imported */
  GQueue import_queue;           /* (element-type filename) files to import when the running job ends */
  GPtrArray *import_batch;       /* (element-type utf8) for files imported one after another: what
                                  * came of each, for one toast when the last is done */
  guint import_batch_files;      /* how many of them are done */
  guint import_batch_failed;     /* how many of those could not be imported */
  GHashTable *pending_saves;     /* GCancellable → GtkWidget row (borrowed) */
  GHashTable *updating;          /* gint64 article id → GCancellable: Fetch Again running */
  gboolean destroyed;            /* gtk_window_destroy()ed, maybe not yet disposed (see unrealize()) */
  GtkWindow *close_dialog;       /* (weak) asking whether to drop the saves under way */
  gboolean close_confirmed;      /* the user chose to drop them */
  ClipperFetcher *fetcher;       /* made on the first save */
  gint64 article_id;
  gint64 opened_highlight;       /* the highlight article_id was opened at, or 0 */
  ClipperHighlightUndo *deleted_highlights; /* deleted on the Highlights page, for Undo and Ctrl+Z */
  gboolean selecting;
  gboolean updating_filters;
  char *filter_tag;
  gint64 measure_start_us;
  gulong measure_handler;
  guint n_row_widgets;           /* article rows the list view made (for the start-up figures) */
  GtkSliceListModel *first_rows; /* what the list view sees of the model: a screenful until the first frame */
  gulong first_paint_handler;
  guint all_rows_idle;
  guint first_frame_timeout;
  gboolean first_frame_done;     /* after_first_frame() ran */
  gint64 top_id;                 /* the article at the top of the list, when it last showed (library-top) */
  guint top_position;            /*   and its position then */
  gboolean restoring_place;      /* the list is to come back to top_id, and the open article's row selected */
  gulong place_paint_handler;    /* the next step of scroll_to_top_row() */
  guint place_position;          /*   its row */
  guint place_step;              /*   1: gone past the row, 2: back to it; 3 steps more at most */
  guint place_timeout;           /* shows the list if its place is not found by then (hide_list_until_placed()) */

  AdwToastOverlay *toast_overlay;
  AdwLeaflet *leaflet;
  GtkWidget *library_pane;
  GtkWidget *reader_pane;
  GtkWidget *library_header;
  GtkWidget *reader_header;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkWidget *search_origin;        /* (weak) the last focus outside the search bar, for Escape */
  GtkToggleButton *search_button;
  GtkMenuButton *reading_button;
  GtkButton *text_size_button;
  GtkAdjustment *line_width_adjustment;
  GtkSpinButton *line_width_spin;
  GtkMenuButton *sort_button;
  GtkStack *view_stack;
  GtkDropDown *filter_dropdown;
  GtkWidget *filter_box;           /* the filter and the sort, above the list */
  GtkStringList *filter_list;
  GtkDropDown *sort_dropdown;
  GtkListBox *pending_list;
  GtkStack *articles_stack;
  GtkListView *article_list;
  GtkSingleSelection *article_selection;
  GtkListView *search_list;
  GtkSingleSelection *search_selection;
  guint hit_scroll_tick;           /* scroll_to_open_hit(), once search_list has its size */
  AdwStatusPage *no_results_page;
  GtkLabel *library_file_label;
  ClipperReviewPage *review_page;
  AdwWindowTitle *reader_title;
  GtkStack *reader_stack;
  GtkWidget *reader_placeholder;
  GtkButton *star_button;
  GtkButton *archive_button;
  GtkWidget *back_button;
  GtkMenuButton *article_menu_button;
  GMenuModel *article_menu;
  GMenu *narrow_menu;              /* the article menu below the fold: */
  GMenu *narrow_items;             /*   Star and Archive, then article_menu */
  GtkWidget *reader;
  GtkRevealer *progress_revealer;
  GtkRevealer *read_only_banner;
  gboolean read_only;           /* the library cannot be written (see attach_store()) */
  gboolean opening_unattended;  /* clipper_window_open_article() for the user's sake, not at their choice */
  gint64 save_opened;           /* the article a save opened, until the user opens one (takes_reader()) */
  GtkLabel *progress_label;
  GtkProgressBar *progress_bar;
  GtkFileChooserNative *chooser;
  void (*chooser_done) (ClipperWindow *self, GFile *file);   /* what the chooser is for */
  GCancellable *job_cancellable;   /* the export or import running, if any */
  guint vault_timeout;
  gboolean vault_again;            /* a change came in while the vault export ran */
  GHashTable *copies_said;         /* paths of the vault's copies said this session: once is enough */
  gboolean reading_only;           /* the store's "changes" just said: only reading positions moved */
  AdwToast *failure_toast;         /* the failure shown, if any (borrowed, until dismissed) */
  char *failure_title;             /* the last failure's toast title, */
  char *failure_message;           /*   its whole message, for its Details, */
  char *failure_retry;             /*   and the address Retry saves, if any, */
  gint64 failure_update_id;        /*   or the article it fetches again, if any */
  GtkWidget *save_dialog;          /* (nullable) the Save Page dialog while it is up */
  AdwToast *save_toast;            /* the last save's toast, if shown (borrowed, until dismissed) */
  gint64 burst_end_us;             /* when the last save ended (g_get_monotonic_time()) */
  guint burst_saved;               /* saves that ended while others ran or their toast showed: */
  guint burst_existed;             /*   pages new, pages there already, */
  guint burst_changed;             /*   of those, pages whose words changed since, */
  guint burst_failed;              /*   pages not saved, */
  guint burst_missing;             /*   images that could not be downloaded */
  AdwToast *burst_failure_toast;   /* the failure toast of the run's first save, if it failed
                                    * alone (borrowed, compared only) */
  GPtrArray *burst_details;        /* (element-type utf8) what came of each, for Details */
  GPtrArray *burst_retry;          /* (element-type utf8) what Retry saves again: the pages that
                                    * failed where trying again can help */
  GFile *last_folder;              /* where the user went in the last file dialog */
  const char *chooser_key;         /* the setting the chooser's folder goes to (an export's), or NULL */
};

G_DEFINE_FINAL_TYPE (ClipperWindow, clipper_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  ARTICLE_SAVED,
  SAVE_FAILED,
  ARTICLE_UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule_vault_export (ClipperWindow *self);
static void restore_list_place (ClipperWindow *self);
static void show_placed_list (ClipperWindow *self);
static void run_search (ClipperWindow *self, const char *text);
static void select_open_hit (ClipperWindow *self);
static void select_current (ClipperWindow *self, gboolean scroll);
static void scroll_to_item (ClipperWindow *self, guint position);

/* A toast that shows @text as it is.  An AdwToast's title is Pango markup
 * (libadwaita 1.2 has no switch for it), and our messages carry titles,
 * addresses and error text that may hold '&' or '<': unescaped, the label
 * refuses the whole title and the toast comes up blank. */
static AdwToast *
toast_new_text (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

static void
toast (ClipperWindow *self,
       const char    *message)
{
  AdwToast *t = toast_new_text (message);

  adw_toast_set_timeout (t, 4);
  clipper_toast_add (self->toast_overlay, t);
}

/* What an export or an import did.  The overlay shows one toast at a
 * time, the others queued behind it: the result of an import right after
 * an export waited unseen for the export's 6 seconds, and one after a
 * few jobs for half a minute.  The newer result takes the place of the
 * last one at once; one that stays until closed (something left out, to
 * read in its Details) stays, and the newer goes before it. */
static void
add_job_toast (ClipperWindow *self,
               AdwToast      *t)
{
  clipper_toast_add_replacing (self->toast_overlay, t, "job", FALSE);
}

static void show_failure (ClipperWindow *self,
                          const char    *title,
                          const char    *message,
                          const char    *retry);

/* What failed, in the toast's @title, a few words that fit at 360 px
 * beside Details ("Could not open the article" lost its last words
 * there); @what in full and why, in its Details. */
static void
toast_error (ClipperWindow *self,
             const char    *title,
             const char    *what,
             const GError  *error)
{
  /* Translators: what failed, then why (the error's message) */
  g_autofree char *message = g_strdup_printf (_("%s: %s"), what, error->message);

  show_failure (self, title, message, NULL);
}

/* What cannot be done in a library that cannot be written, said instead
 * of a store error after the fact (an import or a save would have run,
 * and failed, in the background). */
static void
toast_read_only (ClipperWindow *self,
                 const char    *what)
{
  /* Translators: "Not saved" or "Not imported", then why */
  g_autofree char *message = g_strdup_printf (_("%s: this library is read-only"), what);

  toast (self, message);
}

/* The tooltip of a control that would change a library that cannot be
 * written (its action off): why it does nothing, in the banner's words,
 * rather than what it would do. */
static const char *
read_only_reason (void)
{
  return _("This library is read-only: changes can’t be saved");
}

static void
explain_read_only (GtkWidget         *widget,
                   const char *const *actions,
                   guint              n_actions)
{
  if (GTK_IS_ACTIONABLE (widget))
    for (guint i = 0; i < n_actions; i++)
      if (g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), actions[i]) == 0)
        gtk_widget_set_tooltip_text (widget, read_only_reason ());
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    explain_read_only (child, actions, n_actions);
}

/* ------------------------------------------------------------------ */
/* Empty states and filters                                             */

static gboolean
searching (ClipperWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  return gtk_search_bar_get_search_mode (self->search_bar) && text != NULL && *text != '\0';
}

static void
update_articles_stack (ClipperWindow *self)
{
  const char *page;

  /* A search covers the whole library, ranked: the filter and the sort
   * above would seem to apply to it, and do not. */
  gtk_widget_set_visible (self->filter_box, !searching (self));
  if (searching (self))
    page = g_list_model_get_n_items (G_LIST_MODEL (self->search_results)) > 0 ? "search" : "no-results";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    page = "list";
  else
    {
      ClipperListQuery all = { .state = CLIPPER_STATE_FILTER_ALL };
      guint total = 0;

      clipper_store_count_articles (self->store, &all, &total, NULL);
      if (total > 0)
        page = "empty-filter";
      else
        page = gtk_widget_get_visible (GTK_WIDGET (self->pending_list)) ? "list" : "empty-library";
    }

  gtk_stack_set_visible_child_name (self->articles_stack, page);
  /* Beside an empty library there is no article to choose: the reader's
   * side says what will come there instead. */
  if (g_str_equal (page, "empty-library"))
    {
      adw_status_page_set_title (ADW_STATUS_PAGE (self->reader_placeholder), _("Nothing to Read Yet"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->reader_placeholder),
                                       _("Pages you save open here to read"));
    }
  else
    {
      adw_status_page_set_title (ADW_STATUS_PAGE (self->reader_placeholder), _("No Article Open"));
      adw_status_page_set_description (ADW_STATUS_PAGE (self->reader_placeholder),
                                       _("Choose an article from the library to read it"));
    }
}

static void
rebuild_tag_filters (ClipperWindow *self)
{
  /* The list filters articles: a tag only highlights have would always
   * give an empty list. */
  g_auto (GStrv) tags = clipper_store_list_tags_in_use (self->store, CLIPPER_TAG_USE_ARTICLES, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filter_list));
  guint selected = gtk_drop_down_get_selected (self->filter_dropdown);
  guint n_tags = tags != NULL ? g_strv_length (tags) : 0;
  g_autofree char **labels = g_new0 (char *, n_tags + 1);
  g_autoptr (GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_tags; i++)
    {
      /* Translators: a tag in the filter list */
      labels[i] = g_strdup_printf (_("Tag: %s"), tags[i]);
      g_ptr_array_add (owned, labels[i]);
    }

  self->updating_filters = TRUE;
  gtk_string_list_splice (self->filter_list, N_FIXED_FILTERS, n - N_FIXED_FILTERS, (const char * const *) labels);

  if (self->filter_tag != NULL)
    {
      guint found = GTK_INVALID_LIST_POSITION;

      for (guint i = 0; i < n_tags; i++)
        if (g_str_equal (tags[i], self->filter_tag))
          found = N_FIXED_FILTERS + i;

      self->updating_filters = FALSE;
      if (found == GTK_INVALID_LIST_POSITION)
        /* The tag is gone (untagged everywhere): back to the Reading List. */
        clipper_window_set_filter (self, 0);
      else
        {
          self->updating_filters = TRUE;
          gtk_drop_down_set_selected (self->filter_dropdown, found);
        }
    }
  else
    gtk_drop_down_set_selected (self->filter_dropdown, MIN (selected, N_FIXED_FILTERS - 1));
  self->updating_filters = FALSE;
}

void
clipper_window_set_filter (ClipperWindow *self,
                           guint          index)
{
  g_return_if_fail (CLIPPER_IS_WINDOW (self));

  if (index >= g_list_model_get_n_items (G_LIST_MODEL (self->filter_list)))
    return;

  g_clear_pointer (&self->filter_tag, g_free);
  if (index >= N_FIXED_FILTERS)
    {
      /* The menu's tags (rebuild_tag_filters()). */
      g_auto (GStrv) tags = clipper_store_list_tags_in_use (self->store, CLIPPER_TAG_USE_ARTICLES, NULL);

      if (tags != NULL && index - N_FIXED_FILTERS < g_strv_length (tags))
        self->filter_tag = g_strdup (tags[index - N_FIXED_FILTERS]);
    }

  g_object_freeze_notify (G_OBJECT (self->model));
  switch (index)
    {
    case 0:
      clipper_library_model_set_tag (self->model, NULL);
      clipper_library_model_set_starred_only (self->model, FALSE);
      clipper_library_model_set_state (self->model, CLIPPER_STATE_FILTER_UNREAD);
      break;
    case 1:
      clipper_library_model_set_tag (self->model, NULL);
      clipper_library_model_set_state (self->model, CLIPPER_STATE_FILTER_ALL);
      clipper_library_model_set_starred_only (self->model, TRUE);
      break;
    case 2:
      clipper_library_model_set_tag (self->model, NULL);
      clipper_library_model_set_starred_only (self->model, FALSE);
      clipper_library_model_set_state (self->model, CLIPPER_STATE_FILTER_ARCHIVED);
      break;
    default:
      clipper_library_model_set_starred_only (self->model, FALSE);
      clipper_library_model_set_state (self->model, CLIPPER_STATE_FILTER_ALL);
      clipper_library_model_set_tag (self->model, self->filter_tag);
      break;
    }
  g_object_thaw_notify (G_OBJECT (self->model));

  if (gtk_drop_down_get_selected (self->filter_dropdown) != index)
    {
      self->updating_filters = TRUE;
      gtk_drop_down_set_selected (self->filter_dropdown, index);
      self->updating_filters = FALSE;
    }
  update_articles_stack (self);
}

/* The library-filter setting's values.  The Reading List (everything not
 * archived, read or not, as `clipper-cli list --state unread` lists it) is
 * "unread", its name until 30 November 2026: a window closed on it then
 * opens on it now, and the other way round. */
static const char *const fixed_filters[N_FIXED_FILTERS] = { "unread", "starred", "archived", "all" };

/* The library's filter and the Highlights page's, for the window that
 * opens next (clipper_window_restore_state()). */
static void
save_filters (ClipperWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->filter_dropdown);
  const char *color = clipper_review_page_get_color (self->review_page);
  const char *tag = clipper_review_page_get_tag (self->review_page);
  const char *article_tag = clipper_review_page_get_article_tag (self->review_page);

  g_settings_set_string (self->settings, "library-filter",
                         self->filter_tag != NULL ? "tag" : fixed_filters[MIN (selected, N_FIXED_FILTERS - 1)]);
  g_settings_set_string (self->settings, "library-tag", self->filter_tag != NULL ? self->filter_tag : "");
  g_settings_set_string (self->settings, "library-search",
                         searching (self) ? gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) : "");
  g_settings_set_string (self->settings, "highlights-color", color != NULL ? color : "");
  g_settings_set_string (self->settings, "highlights-tag", tag != NULL ? tag : "");
  g_settings_set_string (self->settings, "highlights-article-tag", article_tag != NULL ? article_tag : "");
  g_settings_set_string (self->settings, "highlights-search", clipper_review_page_get_search (self->review_page));
  g_settings_set_boolean (self->settings, "highlights-orphans",
                          clipper_review_page_get_orphans_only (self->review_page));
}

static void
restore_filters (ClipperWindow *self)
{
  g_autofree char *filter = g_settings_get_string (self->settings, "library-filter");
  g_autofree char *color = g_settings_get_string (self->settings, "highlights-color");
  g_autofree char *tag = g_settings_get_string (self->settings, "highlights-tag");
  g_autofree char *article_tag = g_settings_get_string (self->settings, "highlights-article-tag");
  g_autofree char *search = g_settings_get_string (self->settings, "highlights-search");
  g_autofree char *library_search = g_settings_get_string (self->settings, "library-search");

  if (g_str_equal (filter, "tag"))
    {
      g_autofree char *name = g_settings_get_string (self->settings, "library-tag");
      g_auto (GStrv) tags = clipper_store_list_tags_in_use (self->store, CLIPPER_TAG_USE_ARTICLES, NULL);

      /* The menu lists the tags some article has, in this order; a tag
       * no article has any more leaves the list on the Reading List. */
      for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
        if (g_str_equal (tags[i], name))
          clipper_window_set_filter (self, N_FIXED_FILTERS + i);
    }
  else
    for (guint i = 0; i < N_FIXED_FILTERS; i++)
      if (g_str_equal (filter, fixed_filters[i]))
        clipper_window_set_filter (self, i);

  /* The search too, with its results: its bar came back closed, the
   * list behind it on its filter, and the words typed were lost. */
  if (*library_search != '\0')
    run_search (self, library_search);

  clipper_review_page_set_color (self->review_page, *color != '\0' ? color : NULL);
  clipper_review_page_set_tag (self->review_page, *tag != '\0' ? tag : NULL);
  if (*article_tag != '\0')
    clipper_review_page_set_article_tag (self->review_page, article_tag);
  clipper_review_page_set_search (self->review_page, search);
  clipper_review_page_set_orphans_only (self->review_page,
                                        g_settings_get_boolean (self->settings, "highlights-orphans"));
}

/* After the user chose another filter or sort: the open article's row,
 * if the new list holds it, stays in view (selected and scrolled to, as
 * GNOME Files keeps the selected file in view when the sort changes);
 * otherwise the list starts at its top.  It kept the old list's scroll
 * offset and began in its middle, its first rows out of view with no sign
 * of them (QA-s 3). */
static void
show_new_list (ClipperWindow *self)
{
  if (self->article_id != 0 &&
      clipper_library_model_find (self->model, self->article_id, 0) != G_MAXUINT)
    {
      /* Further down than the first page read, it was not found as the
       * list changed: found now. */
      select_current (self, TRUE);
      return;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    scroll_to_item (self, 0);
}

static void
on_filter_selected (ClipperWindow *self)
{
  guint selected = gtk_drop_down_get_selected (self->filter_dropdown);

  if (self->updating_filters || selected == GTK_INVALID_LIST_POSITION)
    return;
  /* Another list: the place the last window left is not in it. */
  self->restoring_place = FALSE;
  show_placed_list (self);
  clipper_window_set_filter (self, selected);
  show_new_list (self);
}

static void
on_sort_selected (ClipperWindow *self)
{
  static const ClipperListSort sorts[] = {
    CLIPPER_LIST_SORT_SAVED_DESC, CLIPPER_LIST_SORT_SAVED_ASC, CLIPPER_LIST_SORT_TITLE_ASC,
  };
  guint selected = gtk_drop_down_get_selected (self->sort_dropdown);

  if (selected >= G_N_ELEMENTS (sorts))
    return;
  self->restoring_place = FALSE;
  show_placed_list (self);
  clipper_library_model_set_sort (self->model, sorts[selected]);
  show_new_list (self);
  g_settings_set_enum (self->settings, "sort", (int) selected);
}

/* ------------------------------------------------------------------ */
/* The reader pane                                                      */

/* Whether @article has a page to open and to fetch again: a web page or
 * a file.  A Kindle book (kindle:book/…) has none, nor a document that an
 * annotation knew only by a urn:, and both actions failed on them ("cannot
 * fetch 'kindle:book/…'"); a page imported without its text from
 * Hypothesis has its http address, and keeps them. */
static gboolean
has_page (ClipperArticle *article)
{
  const char *url = clipper_article_get_url (article);
  const char *scheme = url != NULL ? g_uri_peek_scheme (url) : NULL;

  return scheme != NULL && (g_str_equal (scheme, "http") || g_str_equal (scheme, "https") ||
                            g_str_equal (scheme, "file"));
}

static void
update_article_actions (ClipperWindow *self)
{
  g_autoptr (ClipperArticle) article = NULL;
  gboolean have = self->article_id != 0;
  gboolean page;

  if (have)
    article = clipper_store_get_article (self->store, self->article_id, NULL);
  have = article != NULL;
  page = have && has_page (article);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.star", have && !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.archive", have && !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.mark-read",
                                 have && !self->read_only &&
                                 clipper_article_get_read_state (article) == CLIPPER_READ_STATE_UNREAD);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.mark-unread",
                                 have && !self->read_only &&
                                 clipper_article_get_read_state (article) == CLIPPER_READ_STATE_READ);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.delete", have && !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.tag", have && !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.open-original", page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.copy-markdown", have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.export", have);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-panel", have && self->reader != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", have && self->reader != NULL);
  /* Once at a time per article; a page that is a local file is fetched
   * again from it too. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "library.refetch",
                                 page && !self->read_only && self->updating != NULL &&
                                 !g_hash_table_contains (self->updating, &self->article_id));

  if (!have)
    {
      adw_window_title_set_title (self->reader_title, "");
      adw_window_title_set_subtitle (self->reader_title, "");
      return;
    }

  adw_window_title_set_title (self->reader_title,
                              clipper_article_get_title (article) ? clipper_article_get_title (article) : "");
  adw_window_title_set_subtitle (self->reader_title,
                                 clipper_article_get_site_name (article) ? clipper_article_get_site_name (article) : "");
  gtk_button_set_icon_name (self->star_button,
                            clipper_article_get_starred (article) ? "starred-symbolic" : "non-starred-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->star_button),
                               self->read_only ? read_only_reason ()
                               : clipper_article_get_starred (article) ? _("Unstar (Ctrl+D)") : _("Star (Ctrl+D)"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->archive_button),
                               self->read_only ? read_only_reason ()
                               : clipper_article_get_read_state (article) == CLIPPER_READ_STATE_ARCHIVED
                                 ? _("Move to Reading List (Ctrl+E)") : _("Archive (Ctrl+E)"));
  /* What a screen reader says for these icons: what they do now. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->star_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  clipper_article_get_starred (article) ? _("Unstar") : _("Star"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->archive_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  clipper_article_get_read_state (article) == CLIPPER_READ_STATE_ARCHIVED
                                    ? _("Move to Reading List") : _("Archive"), -1);
  /* The same, as the narrow window's menu items. */
  g_menu_remove_all (self->narrow_items);
  g_menu_append (self->narrow_items, clipper_article_get_starred (article) ? _("_Unstar") : _("_Star"),
                 "library.star");
  g_menu_append (self->narrow_items,
                 clipper_article_get_read_state (article) == CLIPPER_READ_STATE_ARCHIVED
                   ? _("Move to _Reading List") : _("_Archive"),
                 "library.archive");
}

/* Below the leaflet's fold (a phone's width) the reader's header keeps its
 * room for the title, which showed four or five letters ("Just-…") beside
 * Star, Archive and the menu: Star and Archive go into the article menu,
 * as GNOME's apps move their secondary buttons.  While the highlights
 * panel is out, the header's back arrow goes: the panel's own (a note
 * back to the list) was stacked right under it, and the panel closes
 * first (F9, Escape, its close button) before the window goes back. */
static void
update_reader_header (ClipperWindow *self)
{
  gboolean folded = adw_leaflet_get_folded (self->leaflet);
  gboolean panel = self->reader != NULL && clipper_reader_view_get_panel_visible (CLIPPER_READER_VIEW (self->reader));

  gtk_widget_set_visible (GTK_WIDGET (self->star_button), !folded);
  gtk_widget_set_visible (GTK_WIDGET (self->archive_button), !folded);
  /* The reading settings too: one button more, and the window no longer
   * went down to 360 px.  Preferences and Ctrl+plus have them there. */
  gtk_widget_set_visible (GTK_WIDGET (self->reading_button), !folded);
  gtk_menu_button_set_menu_model (self->article_menu_button,
                                  folded ? G_MENU_MODEL (self->narrow_menu) : self->article_menu);
  gtk_widget_set_visible (self->back_button, folded && !panel);
}

/* The open article's row in the article list, if the list has built it. */
static GtkWidget *
open_article_row (ClipperWindow *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->article_list));
       child != NULL && self->article_id != 0;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      ClipperArticle *article = CLIPPER_IS_ARTICLE_ROW (row)
                                  ? clipper_article_row_get_article (CLIPPER_ARTICLE_ROW (row)) : NULL;

      if (article != NULL && clipper_article_get_id (article) == self->article_id)
        return child;
    }
  return NULL;
}

/* The keyboard to the list the Articles page shows: the search results
 * while searching, else the articles, on the open article's row. */
static void
focus_article_list (ClipperWindow *self)
{
  if (searching (self) && g_list_model_get_n_items (G_LIST_MODEL (self->search_results)) > 0)
    {
      GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->search_list));

      /* The open article's hit, the row selected (select_open_hit()),
       * rather than the row the list last had the keyboard on. */
      while (row != NULL && !(gtk_widget_get_state_flags (row) & GTK_STATE_FLAG_SELECTED))
        row = gtk_widget_get_next_sibling (row);
      if (row == NULL || !gtk_widget_grab_focus (row))
        gtk_widget_grab_focus (GTK_WIDGET (self->search_list));
    }
  else if (gtk_widget_get_mapped (GTK_WIDGET (self->article_list)))
    {
      GtkWidget *row = open_article_row (self);

      /* The list itself gives the keyboard to the row it last knew had it,
       * a place its reloads (an article marked read) move: Alt+Left put it
       * on another row than the open one, and Delete then deleted the
       * open article with the focus ring elsewhere. */
      if (row == NULL || !gtk_widget_grab_focus (row))
        gtk_widget_grab_focus (GTK_WIDGET (self->article_list));
    }
  else
    /* No articles (or none the filter keeps): the page says so, with a
     * button.  The keyboard goes there: in a list nobody sees, it took the
     * window's own keys with it (Ctrl+L did nothing on a new library). */
    gtk_widget_child_focus (gtk_stack_get_visible_child (self->articles_stack), GTK_DIR_TAB_FORWARD);
}

/* The keyboard to the list of the page shown: the Highlights page's, or
 * the articles (focus_article_list()). */
static void
focus_page_list (ClipperWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "highlights") == 0)
    clipper_review_page_focus (self->review_page);
  else
    focus_article_list (self);
}

/* The open article went away (deleted here or from elsewhere) with the
 * keyboard in it (@was_in_reader: before the placeholder took its place):
 * the keyboard goes to the list rather than nowhere. */
static void
refocus_if_lost (ClipperWindow *self,
                 gboolean       was_in_reader)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (was_in_reader || focus == NULL || !gtk_widget_get_mapped (focus) ||
      (self->reader != NULL && (focus == self->reader || gtk_widget_is_ancestor (focus, self->reader))))
    focus_page_list (self);
}

/* The reader view stays in its stack behind the placeholder, never taken
 * out of the window: in GTK 4.8 a widget with class actions that is
 * unparented and parented again leaves the buttons inside it (the
 * selection popover's colours, the panel's Delete Highlight) insensitive
 * for good, as the muxer tells them its actions went away and never that
 * they came back. */
static void
show_placeholder (ClipperWindow *self)
{
  gtk_stack_set_visible_child (self->reader_stack, self->reader_placeholder);
}

/* GTK 4.8's GtkListView keeps up to 200 rows alive around its anchor
 * whatever its height, so a list view handed the whole library before its
 * first frame builds, binds and measures ~205 article rows (each with a
 * tooltip that costs two X round trips) to show the dozen that fit.  Until
 * the window has drawn, the list view sees only the first screenful; the
 * rest follows right after the first frame.  A slice from 0 keeps the
 * positions of the model, so the list's positions stay the model's. */
static guint
first_screen_rows (ClipperWindow *self)
{
  int height = g_settings_get_int (self->settings, "window-height");

  /* An article row is at least ~48 px tall; a maximised window may be as
   * tall as a 4K screen. */
  if (g_settings_get_boolean (self->settings, "window-maximized") || height <= 0)
    height = 2160;
  return CLAMP ((guint) height / 48 + 2, 16, 48);
}

static void
show_all_rows (ClipperWindow *self)
{
  g_clear_handle_id (&self->all_rows_idle, g_source_remove);
  if (self->first_rows != NULL)
    gtk_slice_list_model_set_size (self->first_rows, G_MAXUINT);
}

static gboolean
all_rows_idle_cb (gpointer user_data)
{
  ClipperWindow *self = user_data;

  self->all_rows_idle = 0;
  show_all_rows (self);
  restore_list_place (self);
  return G_SOURCE_REMOVE;
}

/* The article whose row is at the top of the list's view (the first one
 * not scrolled out of it), with its position; 0 when the list shows none. */
static gint64
find_list_top (ClipperWindow *self,
              guint         *position)
{
  GtkWidget *best = NULL;
  float best_y = G_MAXFLOAT;
  ClipperArticle *article;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->article_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      graphene_rect_t bounds;

      if (!CLIPPER_IS_ARTICLE_ROW (row) || clipper_article_row_get_article (CLIPPER_ARTICLE_ROW (row)) == NULL ||
          !gtk_widget_get_child_visible (child) ||
          !gtk_widget_compute_bounds (child, GTK_WIDGET (self->article_list), &bounds) ||
          bounds.origin.y + bounds.size.height <= 0.5f || bounds.size.height <= 0.f ||
          bounds.origin.y >= best_y)
        continue;
      best = row;
      best_y = bounds.origin.y;
    }
  if (best == NULL)
    return 0;
  article = clipper_article_row_get_article (CLIPPER_ARTICLE_ROW (best));
  *position = clipper_library_model_find_loaded (self->model, clipper_article_get_id (article));
  return *position != G_MAXUINT ? clipper_article_get_id (article) : 0;
}

/* Notes where the list is scrolled to (at close, and as it goes out of
 * sight for the Highlights page or a search: its rows keep their places
 * then), for the library-top setting: the window opens on the same rows. */
static void
remember_list_top (ClipperWindow *self)
{
  guint position = 0;
  gint64 id;

  if (self->restoring_place || self->model == NULL)
    return;
  id = find_list_top (self, &position);
  self->top_id = id;
  self->top_position = id != 0 ? position : 0;
}

static void
scroll_to_item (ClipperWindow *self,
                guint          position)
{
  gtk_widget_activate_action (GTK_WIDGET (self->article_list), "list.scroll-to-item", "u", position);
}

static void on_place_painted (GdkFrameClock *clock,
                              ClipperWindow *self);

/* The list's scrolled window: hidden as a whole, its scrollbar too. */
static GtkWidget *
list_scroller (ClipperWindow *self)
{
  return gtk_widget_get_parent (GTK_WIDGET (self->article_list));
}

static void
show_placed_list (ClipperWindow *self)
{
  g_clear_handle_id (&self->place_timeout, g_source_remove);
  gtk_widget_set_opacity (list_scroller (self), 1.0);
}

static gboolean
place_timeout_cb (gpointer user_data)
{
  ClipperWindow *self = user_data;

  /* Behind the Highlights page it waits to be shown: it is placed then. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self->article_list)))
    return G_SOURCE_CONTINUE;
  self->place_timeout = 0;
  show_placed_list (self);
  return G_SOURCE_REMOVE;
}

/* The list comes back to its place only once it holds every row, 0.6 to
 * 0.9 s after the first frame on 400 articles (restore_list_place()):
 * shown at once, it was painted at its top and then jumped.  It is kept
 * transparent until then, still laid out and scrolled as when shown (a
 * list not shown would not be), and the first frame is not delayed.  A
 * place still not reached PLACE_TIMEOUT_MS after the list could show is
 * given up on: the list shows where it is. */
#define PLACE_TIMEOUT_MS 3000

static void
hide_list_until_placed (ClipperWindow *self)
{
  gtk_widget_set_opacity (list_scroller (self), 0.0);
  g_clear_handle_id (&self->place_timeout, g_source_remove);
  self->place_timeout = g_timeout_add (PLACE_TIMEOUT_MS, place_timeout_cb, self);
}

/* Goes past row place_position: two screens on (pages the list would
 * read anyway), or to the end. */
static void
scroll_past_place (ClipperWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  int height = gtk_widget_get_height (GTK_WIDGET (self->article_list));

  scroll_to_item (self, MIN (n - 1, self->place_position + (guint) MAX (height, 480) / 24 + 2));
}

static void
on_place_painted (GdkFrameClock *clock,
                  ClipperWindow *self)
{
  guint position = G_MAXUINT;

  if (self->place_step % 2 == 1)
    {
      /* Below the view now: scrolled to, it comes to the top. */
      scroll_to_item (self, self->place_position);
      self->place_step++;
      return;
    }
  /* Something else scrolled the list meanwhile (the keyboard given to
   * it as it showed): again, a few times at most. */
  if (find_list_top (self, &position) != 0 && position != self->place_position && self->place_step < 5 &&
      self->place_position + 1 < g_list_model_get_n_items (G_LIST_MODEL (self->model)))
    {
      scroll_past_place (self);
      self->place_step++;
      return;
    }
  g_clear_signal_handler (&self->place_paint_handler, clock);
  show_placed_list (self);
  if (self->measure_start_us != 0)
    g_print ("list-restored-ms %.1f\n", (g_get_monotonic_time () - self->measure_start_us) / 1000.0);
}

/* Scrolls the list so that row @position is at the top.  GTK 4.8's list
 * view has no such call: "list.scroll-to-item" scrolls as little as it
 * can, which brings a row from below to the bottom of the view and one
 * from above to its top.  So the list goes past the row first and back
 * to it once that is laid out (after the next frame). */
static void
scroll_to_top_row (ClipperWindow *self,
                   guint          position)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  if (n == 0 || clock == NULL)
    {
      show_placed_list (self);
      return;
    }
  self->place_position = MIN (position, n - 1);
  self->place_step = 1;
  scroll_past_place (self);
  if (self->place_paint_handler == 0)
    self->place_paint_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_place_painted), self);
}

/* The list as the last window left it (clipper_window_restore_state()):
 * the open article's row selected, and scrolled to the row that was at
 * the top.  Done once the list holds every row (after the first frame,
 * which shows a screenful, and the count that follows on a worker) and
 * shows: a list behind the Highlights page is not laid out, and would
 * scroll from where it was never drawn. */
static void
restore_list_place (ClipperWindow *self)
{
  guint selected = G_MAXUINT;
  guint top = G_MAXUINT;

  if (!self->restoring_place || self->model == NULL ||
      gtk_slice_list_model_get_size (self->first_rows) != G_MAXUINT ||
      !clipper_library_model_get_counted (self->model) ||
      !gtk_widget_get_mapped (GTK_WIDGET (self->article_list)))
    return;
  self->restoring_place = FALSE;

  if (self->top_id != 0)
    top = clipper_library_model_find (self->model, self->top_id, self->top_position);
  if (self->article_id != 0)
    selected = clipper_library_model_find (self->model, self->article_id, top);
  if (selected != G_MAXUINT && selected != gtk_single_selection_get_selected (self->article_selection))
    {
      self->selecting = TRUE;
      gtk_single_selection_set_selected (self->article_selection, selected);
      self->selecting = FALSE;
    }
  if (top != G_MAXUINT)
    scroll_to_top_row (self, top);
  else
    {
      if (selected != G_MAXUINT)
        scroll_to_item (self, selected);
      show_placed_list (self);
    }
}

static void
after_first_frame (ClipperWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  /* Once: the first paint and the timeout standing in for it both come
   * when the paint is late, and the second moved the keyboard again. */
  g_clear_handle_id (&self->first_frame_timeout, g_source_remove);
  if (clock != NULL)
    g_clear_signal_handler (&self->first_paint_handler, clock);
  if (self->first_frame_done)
    return;
  self->first_frame_done = TRUE;

  /* The keyboard goes to the page's list, not to the first filter GTK
   * gave it: the arrows then go through it.  On the Highlights page, its
   * list: given to the hidden Articles page, no key did anything until a
   * click.  Not when the reader started to type somewhere already, or
   * went into an article: under load the first frame came after Enter on
   * a row, and took the keyboard back. */
  if (focus == NULL || !gtk_widget_get_mapped (focus) ||
      !(GTK_IS_EDITABLE (focus) ||
        (self->reader != NULL && (focus == self->reader || gtk_widget_is_ancestor (focus, self->reader)))))
    focus_page_list (self);
  if (self->model != NULL)
    clipper_library_model_count_rest (self->model);
  if (self->all_rows_idle == 0 && self->first_rows != NULL &&
      gtk_slice_list_model_get_size (self->first_rows) != G_MAXUINT)
    self->all_rows_idle = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, all_rows_idle_cb, self, NULL);
  restore_list_place (self);
}

static void
on_first_paint (GdkFrameClock *clock,
                ClipperWindow *self)
{
  g_clear_signal_handler (&self->first_paint_handler, clock);
  after_first_frame (self);
}

/* A window that is never shown (or not soon) still gets its whole list. */
static gboolean
first_frame_timeout_cb (gpointer user_data)
{
  ClipperWindow *self = user_data;

  self->first_frame_timeout = 0;
  after_first_frame (self);
  return G_SOURCE_REMOVE;
}

static void
on_realize_first_rows (ClipperWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  g_signal_handlers_disconnect_by_func (self, on_realize_first_rows, self);
  if (clock != NULL && self->first_paint_handler == 0)
    self->first_paint_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_paint), self);
  else
    after_first_frame (self);
}

/* Selects the open article's row; scrolled to when @scroll (it was just
 * opened), or left where it is (the list changed around it). */
static void
select_current (ClipperWindow *self,
                gboolean       scroll)
{
  guint position;

  if (self->article_id == 0)
    return;

  position = clipper_library_model_find_loaded (self->model, self->article_id);
  if (position == G_MAXUINT || position == gtk_single_selection_get_selected (self->article_selection))
    return;
  if (position >= gtk_slice_list_model_get_size (self->first_rows))
    show_all_rows (self);

  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->article_selection, position);
  if (scroll)
    gtk_widget_activate_action (GTK_WIDGET (self->article_list), "list.scroll-to-item", "u", position);
  self->selecting = FALSE;
}

/* Shows the reader's pane.  AdwLeaflet hands the keyboard to the page it
 * shows whenever the page it hid had it, folded or not: side by side, the
 * list lost it to the reader's Star button at every article the arrow
 * keys opened (and Enter then starred it).  Where both panes show, the
 * keyboard stays where it was. */
static void
show_reader_pane (ClipperWindow *self)
{
  g_autoptr (GtkWidget) focus = NULL;

  if (!adw_leaflet_get_folded (self->leaflet) && gtk_root_get_focus (GTK_ROOT (self)) != NULL)
    focus = g_object_ref (gtk_root_get_focus (GTK_ROOT (self)));
  adw_leaflet_set_visible_child (self->leaflet, self->reader_pane);
  if (focus != NULL && gtk_root_get_focus (GTK_ROOT (self)) != focus &&
      gtk_widget_get_mapped (focus))
    gtk_widget_grab_focus (focus);
}

void
clipper_window_open_article (ClipperWindow *self,
                             gint64         article_id,
                             gint64         highlight_id)
{
  g_return_if_fail (CLIPPER_IS_WINDOW (self));

  self->article_id = article_id;
  self->opened_highlight = highlight_id;
  if (!self->opening_unattended)
    self->save_opened = 0;

  if (article_id == 0)
    {
      gboolean had_reader = self->reader != NULL && gtk_stack_get_visible_child (self->reader_stack) == self->reader;
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
      /* The stack hands the keyboard on to the placeholder, not to nowhere. */
      gboolean was_in_reader = had_reader && focus != NULL &&
                               (focus == self->reader || gtk_widget_is_ancestor (focus, self->reader));

      show_placeholder (self);
      update_article_actions (self);
      select_open_hit (self);
      if (had_reader)
        refocus_if_lost (self, was_in_reader);
      return;
    }

  {
    g_autoptr (GError) error = NULL;

    if (self->reader == NULL)
      {
        self->reader = g_object_ref_sink (clipper_reader_view_new ());
        clipper_reader_view_set_store (CLIPPER_READER_VIEW (self->reader), self->store);
        clipper_reader_view_set_hidden_articles (CLIPPER_READER_VIEW (self->reader), self->pending_deletes);
        g_signal_connect_object (self->reader, "notify::panel-visible", G_CALLBACK (update_reader_header), self,
                                 G_CONNECT_SWAPPED);
        clipper_reader_view_set_plain_text (CLIPPER_READER_VIEW (self->reader),
                                            clipper_reader_plain_text_wanted (self->settings, self->screen_reader));
        gtk_stack_add_named (self->reader_stack, self->reader, "reader");
      }
    gtk_stack_set_visible_child (self->reader_stack, self->reader);
    clipper_reader_view_set_unattended (CLIPPER_READER_VIEW (self->reader), self->opening_unattended);

    if (clipper_reader_view_get_article_id (CLIPPER_READER_VIEW (self->reader)) != article_id &&
        !clipper_reader_view_load_article (CLIPPER_READER_VIEW (self->reader), article_id, &error))
      {
        toast_error (self, _("Article not opened"), _("Could not open the article"), error);
        self->article_id = 0;
        show_placeholder (self);
      }
    else if (highlight_id != 0)
      clipper_reader_view_scroll_to_highlight (CLIPPER_READER_VIEW (self->reader), highlight_id);
    /* The article already shown was not loaded again: the mark must not
     * wait for the next one (a refetch's reload, the user's next choice). */
    clipper_reader_view_set_unattended (CLIPPER_READER_VIEW (self->reader), FALSE);
  }

  update_article_actions (self);
  select_current (self, TRUE);
  select_open_hit (self);
  show_reader_pane (self);
}

static void
on_article_selected (ClipperWindow *self)
{
  ClipperArticle *article = gtk_single_selection_get_selected_item (self->article_selection);

  if (self->selecting || article == NULL)
    return;
  if (clipper_article_get_id (article) != self->article_id)
    clipper_window_open_article (self, clipper_article_get_id (article), 0);
}

/* Opening an article or a highlight from a list (Enter on its row, a
 * click) takes the keyboard into the article, to read on with the arrows
 * and Page Down. */
static void
focus_reader (ClipperWindow *self)
{
  GtkWidget *reader = clipper_window_get_reader (self);

  if (CLIPPER_IS_READER_VIEW (reader))
    clipper_reader_view_focus_article (CLIPPER_READER_VIEW (reader));
}

static void
on_article_activate (ClipperWindow *self,
                     guint          position)
{
  g_autoptr (ClipperArticle) article = g_list_model_get_item (G_LIST_MODEL (self->article_selection), position);

  if (article != NULL)
    {
      clipper_window_open_article (self, clipper_article_get_id (article), 0);
      focus_reader (self);
    }
}

void
clipper_window_open_search_hit (ClipperWindow        *self,
                                ClipperSearchHitKind  kind,
                                gint64                article_id,
                                gint64                highlight_id,
                                const char           *snippet)
{
  g_return_if_fail (CLIPPER_IS_WINDOW (self));

  clipper_window_open_article (self, article_id, kind == CLIPPER_SEARCH_HIT_HIGHLIGHT ? highlight_id : 0);
  /* An article hit opens where the words are, not where reading
   * stopped: they are selected, as a find in the page does. */
  if (kind == CLIPPER_SEARCH_HIT_ARTICLE && snippet != NULL &&
      CLIPPER_IS_READER_VIEW (clipper_window_get_reader (self)))
    {
      g_autoptr (ClipperArticle) article = clipper_store_get_article (self->store, article_id, NULL);
      gint64 start, end;

      if (article != NULL &&
          clipper_search_snippet_locate (snippet, clipper_article_get_text (article), &start, &end))
        clipper_reader_view_reveal_text (CLIPPER_READER_VIEW (clipper_window_get_reader (self)), start, end);
    }
  focus_reader (self);
}

static void
on_search_result_activate (ClipperWindow *self,
                           guint          position)
{
  g_autoptr (ClipperSearchResult) result = g_list_model_get_item (G_LIST_MODEL (self->search_results), position);

  if (result != NULL)
    clipper_window_open_search_hit (self, clipper_search_result_get_kind (result),
                                    clipper_search_result_get_article_id (result),
                                    clipper_search_result_get_highlight_id (result),
                                    clipper_search_result_get_snippet (result));
}

static void
on_highlight_activated (ClipperWindow *self,
                        gint64         article_id,
                        gint64         highlight_id)
{
  clipper_window_open_article (self, article_id, highlight_id);
  focus_reader (self);
}

static void
on_leaflet_folded (ClipperWindow *self)
{
  update_reader_header (self);
  if (adw_leaflet_get_folded (self->leaflet) && self->article_id == 0)
    adw_leaflet_set_visible_child (self->leaflet, self->library_pane);
}

/* ------------------------------------------------------------------ */
/* Rows                                                                 */

static void
setup_article_row (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   ClipperWindow            *self)
{
  self->n_row_widgets++;
  gtk_list_item_set_child (item, clipper_article_row_new ());
}

static void
bind_article_row (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  clipper_article_row_set_article (CLIPPER_ARTICLE_ROW (gtk_list_item_get_child (item)),
                                   gtk_list_item_get_item (item));
}

static void
unbind_article_row (GtkSignalListItemFactory *factory,
                    GtkListItem              *item)
{
  clipper_article_row_set_article (CLIPPER_ARTICLE_ROW (gtk_list_item_get_child (item)), NULL);
}

/* ------------------------------------------------------------------ */
/* Search                                                               */

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static SearchConnection *
search_connection_new (const char *path)
{
  SearchConnection *connection = g_atomic_rc_box_new0 (SearchConnection);

  g_mutex_init (&connection->lock);
  connection->path = g_strdup (path);
  return connection;
}

static void
search_connection_clear (gpointer data)
{
  SearchConnection *connection = data;

  g_clear_object (&connection->store);
  g_free (connection->path);
  g_mutex_clear (&connection->lock);
}

static void
search_connection_unref (SearchConnection *connection)
{
  g_atomic_rc_box_release_full (connection, search_connection_clear);
}

typedef struct {
  SearchConnection *connection;
  char *text;
} SearchJob;

static void
search_job_free (SearchJob *job)
{
  search_connection_unref (job->connection);
  g_free (job->text);
  g_free (job);
}

static void
search_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchJob *job = task_data;
  SearchConnection *connection = job->connection;
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&connection->lock);
  g_autoptr (GError) error = NULL;
  GPtrArray *hits;

  /* Keys typed while an earlier search ran: only the last one's search
   * is worth running. */
  if (g_task_return_error_if_cancelled (task))
    return;
  if (connection->store == NULL)
    connection->store = clipper_store_open_read_only (connection->path, &error);
  hits = connection->store != NULL ? clipper_store_search (connection->store, job->text, SEARCH_LIMIT, &error) : NULL;
  if (hits == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, hits, (GDestroyNotify) g_ptr_array_unref);
}

/* The position of @hit's row in the results, or G_MAXUINT. */
static guint
find_search_result (ClipperWindow          *self,
                    const ClipperSearchHit *hit)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->search_results));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (ClipperSearchResult) result = g_list_model_get_item (G_LIST_MODEL (self->search_results), i);

      if (clipper_search_result_is_hit (result, hit))
        return i;
    }
  return G_MAXUINT;
}

/* The same query's hits again (the library changed): the rows stay in
 * their order, each showing what it now says, as the ranking may have
 * moved them.  A note typed in the reader moved the highlight it was
 * written on from the first row to the second, under the reader's eyes,
 * in the list they had come from.  A row whose hit is gone (deleted, or
 * no longer matching) goes; a new hit comes in after the row of the hit
 * ranked just before it, so that one deleted and brought back by Undo
 * is where it was. */
static void
merge_search_hits (ClipperWindow *self,
                   GPtrArray     *hits)
{
  guint position = 0;

  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->search_results)); i > 0; i--)
    {
      g_autoptr (ClipperSearchResult) result = g_list_model_get_item (G_LIST_MODEL (self->search_results), i - 1);
      ClipperSearchHit *hit = NULL;

      for (guint j = 0; j < hits->len && hit == NULL; j++)
        if (clipper_search_result_is_hit (result, g_ptr_array_index (hits, j)))
          hit = g_ptr_array_index (hits, j);
      if (hit != NULL)
        clipper_search_result_update (result, hit);
      else
        g_list_store_remove (self->search_results, i - 1);
    }
  for (guint i = 0; i < hits->len; i++)
    {
      ClipperSearchHit *hit = g_ptr_array_index (hits, i);
      guint found = find_search_result (self, hit);

      if (found != G_MAXUINT)
        position = found + 1;
      else
        {
          g_autoptr (ClipperSearchResult) result = clipper_search_result_new (hit);

          g_list_store_insert (self->search_results, position++, result);
        }
    }
}

static void
show_search_hits (ClipperWindow *self,
                  const char    *text,
                  GPtrArray     *hits,
                  GError        *error)
{
  if (hits == NULL)
    {
      /* A query with no words or one the index cannot read: say so in
       * the empty state rather than as an error, in the user's language
       * (the store's message is English, and quotes the query whole).
       * The description is markup: another error's message may quote
       * what was typed ("& <", say). */
      const char *message = error->message;
      g_autofree char *escaped = NULL;

      if (g_error_matches (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_QUERY))
        {
          message = clipper_search_query_message (text);
          if (message == NULL)
            /* Translators: the search's empty state, for a query the index could not read */
            message = _("This search cannot be read: try other words");
        }
      escaped = g_markup_escape_text (message, -1);

      adw_status_page_set_description (self->no_results_page, escaped);
      g_list_store_remove_all (self->search_results);
      g_clear_pointer (&self->results_text, g_free);
    }
  else
    {
      /* (An article deleted a moment ago is gone from here too, until
       * its Undo.) */
      for (guint i = hits->len; i > 0; i--)
        {
          ClipperSearchHit *hit = g_ptr_array_index (hits, i - 1);

          if (g_hash_table_contains (self->pending_deletes, &hit->article_id))
            g_ptr_array_remove_index (hits, i - 1);
        }
      adw_status_page_set_description (self->no_results_page, _("Try other words"));
      /* Another query is ranked anew. */
      if (g_strcmp0 (text, self->results_text) == 0)
        merge_search_hits (self, hits);
      else
        {
          g_autoptr (GPtrArray) results = g_ptr_array_new_with_free_func (g_object_unref);

          for (guint i = 0; i < hits->len; i++)
            g_ptr_array_add (results, clipper_search_result_new (g_ptr_array_index (hits, i)));
          g_list_store_splice (self->search_results, 0,
                               g_list_model_get_n_items (G_LIST_MODEL (self->search_results)),
                               results->pdata, results->len);
          g_free (self->results_text);
          self->results_text = g_strdup (text);
        }
    }
  update_articles_stack (self);
  select_open_hit (self);
}

static void
search_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ClipperWindow *self = CLIPPER_WINDOW (source);
  SearchJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) hits = g_task_propagate_pointer (G_TASK (result), &error);

  /* A newer search replaced this one, or the window went. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->search_cancellable);
  show_search_hits (self, job->text, hits, error);
}

/* The results of @text, without leaving the page the window shows: run
 * again on every change to the library, it took the user back from the
 * Highlights page to the Articles page's results at each Delete there.
 * The search runs on a worker: on 10,000 articles it took up to a second,
 * and the letters typed waited for it.  The results shown stay until the
 * new ones come; a search that a newer one replaces is dropped. */
static void
run_search (ClipperWindow *self,
            const char    *text)
{
  g_autoptr (GTask) task = NULL;
  SearchJob *job;

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  if (text != NULL && *text != '\0')
    gtk_search_bar_set_search_mode (self->search_bar, TRUE);

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  if (is_blank (text))
    {
      g_list_store_remove_all (self->search_results);
      g_clear_pointer (&self->results_text, g_free);
      update_articles_stack (self);
      return;
    }

  if (self->search_connection == NULL)
    self->search_connection = search_connection_new (clipper_store_get_path (self->store));
  job = g_new0 (SearchJob, 1);
  job->connection = g_atomic_rc_box_acquire (self->search_connection);
  job->text = g_strdup (text);
  self->search_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->search_cancellable, search_done, NULL);
  g_task_set_source_tag (task, run_search);
  g_task_set_task_data (task, job, (GDestroyNotify) search_job_free);
  g_task_run_in_thread (task, search_thread);
}

gboolean
clipper_window_get_search_pending (ClipperWindow *self)
{
  g_return_val_if_fail (CLIPPER_IS_WINDOW (self), FALSE);

  return self->search_cancellable != NULL;
}

void
clipper_window_search (ClipperWindow *self,
                       const char    *text)
{
  g_return_if_fail (CLIPPER_IS_WINDOW (self));

  run_search (self, text);
  if (!is_blank (text) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "articles") != 0)
    gtk_stack_set_visible_child_name (self->view_stack, "articles");
}

/* One search hit: its article's title and kind, the text around the
 * match, then its site and the day it was saved, as the article's row
 * says them (two copies of an article were two rows alike).  Built here rather than from a builder template: the list's item
 * around it, which has the focus, needs its name set when it is bound (a
 * screen reader said nothing of the hits). */
static void
on_search_row_setup (GtkSignalListItemFactory *factory,
                     GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *kind = gtk_label_new (NULL);
  GtkWidget *excerpt = gtk_label_new (NULL);
  GtkWidget *meta = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "clipper-row-title");
  gtk_widget_add_css_class (kind, "dim-label");
  gtk_widget_add_css_class (kind, "caption");
  gtk_box_append (GTK_BOX (top), title);
  gtk_box_append (GTK_BOX (top), kind);
  gtk_box_append (GTK_BOX (box), top);
  gtk_label_set_xalign (GTK_LABEL (excerpt), 0);
  gtk_label_set_wrap (GTK_LABEL (excerpt), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (excerpt), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (excerpt), 3);
  gtk_label_set_ellipsize (GTK_LABEL (excerpt), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (excerpt, "clipper-row-excerpt");
  gtk_box_append (GTK_BOX (box), excerpt);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_ellipsize (GTK_LABEL (meta), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (meta, "dim-label");
  gtk_widget_add_css_class (meta, "caption");
  gtk_box_append (GTK_BOX (box), meta);
  g_object_set_data (G_OBJECT (box), "title", title);
  g_object_set_data (G_OBJECT (box), "kind", kind);
  g_object_set_data (G_OBJECT (box), "excerpt", excerpt);
  g_object_set_data (G_OBJECT (box), "meta", meta);
  gtk_list_item_set_child (item, box);
}

static void
show_search_row (GtkListItem *item)
{
  ClipperSearchResult *result = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *row = gtk_widget_get_parent (box);
  g_autofree char *kind = NULL;
  g_autofree char *label = clipper_search_result_dup_accessible_label (result);

  g_object_get (result, "kind-label", &kind, NULL);
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "title"), clipper_search_result_get_title (result));
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "kind"), kind);
  gtk_label_set_markup (g_object_get_data (G_OBJECT (box), "excerpt"), clipper_search_result_get_markup (result));
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "meta"), clipper_search_result_get_meta (result));
  if (row != NULL && gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (row)) == GTK_ACCESSIBLE_ROLE_LIST_ITEM)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

/* A row follows its hit as the library changes (merge_search_hits()). */
static void
on_search_row_bind (GtkSignalListItemFactory *factory,
                    GtkListItem              *item)
{
  show_search_row (item);
  g_signal_connect_object (gtk_list_item_get_item (item), "notify", G_CALLBACK (show_search_row), item,
                           G_CONNECT_SWAPPED);
}

static void
on_search_row_unbind (GtkSignalListItemFactory *factory,
                      GtkListItem              *item)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (item), show_search_row, item);
}

/* Scrolls the results to the open article's row once the list has its
 * size: scrolled to before that (the results just shown, at start, with
 * the article restored), the list stayed at its top. */
static gboolean
scroll_to_open_hit (GtkWidget     *list,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  ClipperWindow *self = user_data;
  guint position = gtk_single_selection_get_selected (self->search_selection);

  if (gtk_widget_get_height (list) == 0)
    return G_SOURCE_CONTINUE;
  self->hit_scroll_tick = 0;
  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
  return G_SOURCE_REMOVE;
}

/* The open article's row in the results: the hit it was opened from,
 * else its first. */
static guint
find_open_hit (ClipperWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->search_results));
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < n && self->article_id != 0; i++)
    {
      g_autoptr (ClipperSearchResult) result = g_list_model_get_item (G_LIST_MODEL (self->search_results), i);

      if (clipper_search_result_get_article_id (result) != self->article_id)
        continue;
      if (position == GTK_INVALID_LIST_POSITION)
        position = i;
      if (clipper_search_result_get_highlight_id (result) == self->opened_highlight)
        return i;
    }
  return position;
}

/* The open article's row in the results, selected and scrolled to (not
 * given the keyboard, which stays in the article).  It was not marked
 * at all, opened from the results or at the next start with the search
 * restored. */
static void
select_open_hit (ClipperWindow *self)
{
  guint position = find_open_hit (self);

  if (position == gtk_single_selection_get_selected (self->search_selection))
    return;
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->search_selection, position);
  self->selecting = FALSE;
  if (position == GTK_INVALID_LIST_POSITION)
    return;
  if (gtk_widget_get_height (GTK_WIDGET (self->search_list)) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->search_list), "list.scroll-to-item", "u", position);
  else if (self->hit_scroll_tick == 0)
    self->hit_scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->search_list), scroll_to_open_hit,
                                                          self, NULL);
}

/* The selection is the open article's row, never the user's: GTK selects
 * the row under the pointer (the list activates on a single click) and
 * the one the arrow keys go to, which marked rows whose article was not
 * the one open.  It goes back at once, unscrolled; a row activated opens
 * its hit, and is selected then. */
static void
on_search_selected (ClipperWindow *self)
{
  if (self->selecting)
    return;
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->search_selection, find_open_hit (self));
  self->selecting = FALSE;
}

/* The library's field searches the library, whichever page is shown, and
 * leaves the page as it is.  Its "search-changed" comes a moment after
 * its text is set: a window opening on the Highlights page with the
 * library's search restored (restore_filters()) put those words in the
 * Highlights page's filter, and saved them there.  That page has its own
 * field, and this one is hidden while it shows (on_view_changed()). */
static void
on_search_changed (ClipperWindow *self)
{
  run_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_search_activate (ClipperWindow *self)
{
  if (g_list_model_get_n_items (G_LIST_MODEL (self->search_results)) > 0)
    on_search_result_activate (self, 0);
}

/* Down in the search field goes into the results, as in GNOME's other
 * searches (left alone, it went to the filter below the field). */
static gboolean
on_search_entry_key (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     ClipperWindow         *self)
{
  if ((keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down) ||
      (state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK)) != 0 ||
      g_list_model_get_n_items (G_LIST_MODEL (self->search_results)) == 0)
    return FALSE;
  return gtk_widget_child_focus (GTK_WIDGET (self->search_list), GTK_DIR_TAB_FORWARD);
}

/* Where the keyboard was before it went into the search, its field or
 * its results: an Escape there (or the search button) gives it back. */
static void
on_focus_widget_changed (ClipperWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus != NULL && focus != GTK_WIDGET (self->search_bar) &&
      !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_bar)) &&
      !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_list)))
    g_set_weak_pointer (&self->search_origin, focus);
}

/* Escape in the results closes the search, as it does in the field: it
 * went nowhere, the keyboard staying on the first hit.  The keyboard goes
 * through the field first, so that the search, closing, gives it back
 * where the search started (the hit goes with the results as the bar
 * empties the field, and the keyboard with it). */
static gboolean
search_results_escape (GtkWidget *widget,
                       GVariant  *args,
                       gpointer   user_data)
{
  ClipperWindow *self = user_data;

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  return TRUE;
}

static void
on_search_mode_changed (ClipperWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (gtk_search_bar_get_search_mode (self->search_bar))
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_list_store_remove_all (self->search_results);
  g_clear_pointer (&self->results_text, g_free);
  update_articles_stack (self);
  /* Left in the hidden field, the keyboard went on to the next widget,
   * the Show filter: it goes back where the search was started from (the
   * list, the article), or to the list. */
  if (focus != NULL && !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_bar)))
    return;
  if (self->search_origin != NULL && gtk_widget_get_mapped (self->search_origin) &&
      gtk_widget_grab_focus (self->search_origin))
    return;
  focus_article_list (self);
}

/* The library's search belongs to the Articles page: the Highlights page
 * has its own filter field, and the bar left above it searched the
 * articles while seeming to filter the highlights.  A search in progress
 * is kept for the way back. */
static void
on_view_changed (ClipperWindow *self)
{
  gboolean highlights = g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "highlights") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->search_bar), !highlights);
  gtk_widget_set_visible (GTK_WIDGET (self->search_button), !highlights);
  gtk_widget_set_visible (GTK_WIDGET (self->sort_button), highlights);
  gtk_search_bar_set_key_capture_widget (self->search_bar,
                                         highlights ? NULL : GTK_WIDGET (self->library_pane));
  /* The Highlights page reads its rows itself when it is shown. */
}

/* ------------------------------------------------------------------ */
/* Store changes                                                        */

/* A row the library read again (its article marked read, starred,
 * tagged) is a new object, for which the list view makes a new row
 * widget.  The keyboard stayed on the old one, out of the window, until
 * GTK gave it to the new row at the list's next layout: keys pressed
 * meanwhile went to a row no longer shown, and an arrow key that opened
 * an unread article (marked read once painted) left the list without
 * the keyboard for a frame, longer under load.  The list gives it at
 * once to the row it tracked it on, as that layout would have. */
static void
keep_list_focus (ClipperWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus != NULL && gtk_widget_get_root (focus) != GTK_ROOT (self) &&
      gtk_widget_get_mapped (GTK_WIDGET (self->article_list)))
    gtk_widget_grab_focus (GTK_WIDGET (self->article_list));
}

static void
on_model_items_changed (ClipperWindow *self,
                        guint          position,
                        guint          removed,
                        guint          added)
{
  keep_list_focus (self);
  /* Rows saved or deleted elsewhere (clipper-cli) moved the open one: it
   * stays selected, and the list where it was.  Scrolled to, the open
   * row went to the list's top, the new page and the rows above it out
   * of view (QA-q 5).  A list read whole (another filter, another sort)
   * has lost its place: it goes to the open row. */
  select_current (self, removed != 0 && added != 0);
  update_articles_stack (self);
  /* The count came, with the rest of the list. */
  restore_list_place (self);
}

/* The search again, when the store or the pending deletes changed. */
static void
refresh_search (ClipperWindow *self)
{
  if (searching (self))
    run_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* The search and the Highlights page leave out the articles deleted
 * pending Undo (pending_deletes): filtered again when that set changes. */
static void
pending_deletes_changed (ClipperWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->search_results));

  clipper_review_page_refilter (self->review_page);
  /* A deleted article leaves the results at once, before the search that
   * follows (which brings it back after an Undo) is done. */
  for (guint i = n; i > 0; i--)
    {
      g_autoptr (ClipperSearchResult) result = g_list_model_get_item (G_LIST_MODEL (self->search_results), i - 1);
      gint64 article_id = clipper_search_result_get_article_id (result);

      if (g_hash_table_contains (self->pending_deletes, &article_id))
        g_list_store_remove (self->search_results, i - 1);
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (self->search_results)) != n)
    update_articles_stack (self);
  refresh_search (self);
}

/* Reading moves the position every few seconds: no reason to write the
 * vault (each move rewrote the article's file, under an open Obsidian and
 * into every sync).  "changes" comes just before its "changed". */
static void
on_store_changes (ClipperWindow       *self,
                  ClipperStoreChanges *changes)
{
  self->reading_only = !changes->other && changes->highlights->len == 0 && changes->n_reading > 0 &&
                       changes->n_reading == changes->articles->len;
}

static void
on_store_changed (ClipperWindow *self)
{
  /* The list model reloads itself; the rest follows here. */
  rebuild_tag_filters (self);
  if (self->article_id != 0)
    {
      g_autoptr (ClipperArticle) article = clipper_store_get_article (self->store, self->article_id, NULL);

      if (article == NULL)
        clipper_window_open_article (self, 0, 0);
      else
        update_article_actions (self);
    }
  refresh_search (self);
  /* The Highlights page follows the store's "changes" by itself. */
  update_articles_stack (self);
  if (!self->reading_only)
    schedule_vault_export (self);
  self->reading_only = FALSE;
}

/* ------------------------------------------------------------------ */
/* Saving                                                               */

/* One save in flight: its pending row and what to say if it fails. */
typedef struct {
  ClipperWindow *self;       /* strong */
  GCancellable *cancellable;
  GtkWidget *row;            /* borrowed from the pending list */
  GtkLabel *stage_label;     /* borrowed */
  GtkLabel *received_label;  /* borrowed: how much of the page came in */
  char *uri;
  char *fallback;            /* http:// to try when a guessed https:// cannot connect */
  char *retry;               /* what Retry saves: the address as the user gave it */
  gint64 reading;            /* the article open when the save started, or 0 */
} Save;

static void
save_clear (gpointer data)
{
  Save *save = data;

  g_clear_object (&save->self);
  g_clear_object (&save->cancellable);
  g_free (save->uri);
  g_free (save->fallback);
  g_free (save->retry);
}

/* A Save is shared by the progress callback and the finish callback, which
 * may come in either order: reference counted. */
static void
save_unref (gpointer data)
{
  g_rc_box_release_full (data, save_clear);
}

/* Whether the window still shows this save (it was not destroyed). */
static gboolean
save_is_live (Save *save)
{
  return !save->self->destroyed && save->self->pending_saves != NULL &&
         g_hash_table_contains (save->self->pending_saves, save->cancellable);
}

static void
remove_pending_row (ClipperWindow *self,
                    GCancellable  *cancellable)
{
  GtkWidget *row = g_hash_table_lookup (self->pending_saves, cancellable);

  if (row != NULL)
    gtk_list_box_remove (self->pending_list, row);
  g_hash_table_remove (self->pending_saves, cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->pending_list), g_hash_table_size (self->pending_saves) > 0);
}

/* The last save ended while the user was asked whether to quit without
 * it: nothing would be lost now, so the window closes, as they asked. */
static void
close_if_asked (ClipperWindow *self)
{
  if (self->close_dialog == NULL || g_hash_table_size (self->pending_saves) > 0)
    return;
  gtk_window_destroy (self->close_dialog);
  gtk_window_close (GTK_WINDOW (self));
}

#define SHORT_ADDRESS_CHARS 56

/* @uri as it fits in a one-line toast: a long one cut in the middle, where
 * the scheme and the host's start, and the page's name at the end, are
 * kept (the scheme says whether the save went over http). */
static char *
dup_short_address (const char *uri)
{
  glong len = g_utf8_strlen (uri, -1);
  const char *head_end;
  const char *tail;

  if (len <= SHORT_ADDRESS_CHARS)
    return g_strdup (uri);

  head_end = g_utf8_offset_to_pointer (uri, SHORT_ADDRESS_CHARS / 2);
  tail = g_utf8_offset_to_pointer (uri, len - (SHORT_ADDRESS_CHARS / 2 - 1));
  return g_strdup_printf ("%.*s…%s", (int) (head_end - uri), uri, tail);
}

/* Why a page could not be fetched, said of it: the reason first, with
 * the address shortened, once: the fetcher's messages name the address
 * already, and a toast cut off at the window's edge lost the reason
 * after it.  For a failed save's Details and a failed Fetch Again's.
 *
 * The core's messages are English (it has no gettext): the reasons users
 * meet most often lead in the UI's language, and the core's message
 * follows for its detail (which address, how long), unless it says
 * nothing more. */
static char *
dup_fetch_failure (const char   *uri,
                   const GError *error)
{
  g_autofree char *address = dup_short_address (uri);
  g_autofree char *quoted = g_strdup_printf ("'%s'", uri);
  g_autoptr (GString) reason = g_string_new (error->message);
  const char *lead = NULL;

  if (g_error_matches (error, CLIPPER_EXTRACT_ERROR, CLIPPER_EXTRACT_ERROR_EMPTY))
    lead = N_("no article found on this page");
  else if (g_error_matches (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_NOT_FOUND))
    lead = N_("the page was not found");
  /* A server that answered and then stopped is there: "could not
   * connect" or "took too long to answer" sent users to check their
   * network (QA-p findings 2 and 3). */
  else if (g_error_matches (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_CUT_SHORT))
    lead = N_("the server stopped in the middle of the page");
  else if (clipper_fetch_error_is_stopped (error))
    lead = N_("the server stopped sending the page");
  else if (g_error_matches (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_TIMEOUT))
    lead = N_("the server took too long to answer");
  else if (g_error_matches (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_NETWORK))
    lead = N_("could not connect to the server");
  else if (g_error_matches (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_UNSUPPORTED_TYPE))
    lead = N_("this is not a web page");
  else if (g_error_matches (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_HTTP))
    lead = clipper_fetch_error_is_temporary (error) ? N_("the server had a problem")
                                                    : N_("the server refused the page");
  else if (g_error_matches (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_TOO_LARGE))
    lead = N_("the page is too large");
  else if (g_error_matches (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_TOO_MANY_REDIRECTS))
    lead = N_("the page redirects too many times");
  else if (g_error_matches (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_EMPTY))
    lead = N_("the page is empty");
  /* The core quotes an address with straight quotes ("'http://…' is not
   * a web page"): the app's text uses typographic ones. */
  if (*uri != '\0' && strstr (reason->str, quoted) != NULL)
    {
      g_autofree char *typographic = g_strdup_printf ("“%s”", uri);

      g_string_replace (reason, quoted, typographic, 0);
    }
  if (lead != NULL && g_str_equal (error->message, lead))
    g_string_assign (reason, _(lead));
  else if (lead != NULL)
    {
      g_autofree char *detail = g_strdup (reason->str);

      /* Translators: the first %s is why, in the app's words; the second
       * the same as the library says it, in English, with the detail
       * (which address, how long) */
      g_string_printf (reason, _("%s — %s"), _(lead), detail);
    }
  if (*uri != '\0' && strstr (reason->str, uri) != NULL)
    {
      g_string_replace (reason, uri, address, 0);
      return g_string_free (g_steal_pointer (&reason), FALSE);
    }
  if (*address == '\0')
    return g_string_free (g_steal_pointer (&reason), FALSE);
  /* Translators: the first %s is why, the second the shortened address */
  return g_strdup_printf (_("%s (%s)"), reason->str, address);
}

/* What a failed save's toast says in its Details: "Not saved: " and why
 * (dup_fetch_failure()). */
char *
clipper_window_dup_save_failure (const char   *uri,
                                 const GError *error)
{
  g_autofree char *reason = dup_fetch_failure (uri, error);

  /* Translators: %s is why, with the shortened address in it */
  return g_strdup_printf (_("Not saved: %s"), reason);
}

/* Why a page could not be fetched, in the fewest words, or NULL when no
 * few words say more than what failed.  A toast is one line, and at a
 * phone's width its title has 170 px beside the Details button, some 17
 * characters ("Not saved: the page was not found — …" showed "Not saved:
 * page n…"); the whole message is behind Details. */
static const char *
get_fetch_failure_title (const GError *error)
{
  if (g_error_matches (error, CLIPPER_EXTRACT_ERROR, CLIPPER_EXTRACT_ERROR_EMPTY))
    return _("No article found");
  if (g_error_matches (error, CLIPPER_EXTRACT_ERROR, CLIPPER_EXTRACT_ERROR_INVALID) ||
      g_error_matches (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_UNSUPPORTED_TYPE))
    return _("Not a web page");
  if (g_error_matches (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_NOT_FOUND))
    return _("Page not found");
  if (g_error_matches (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_CUT_SHORT))
    return _("Page cut short");
  if (clipper_fetch_error_is_stopped (error))
    return _("Server stopped sending");
  if (g_error_matches (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_TIMEOUT))
    return _("Server too slow");
  if (g_error_matches (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_NETWORK))
    return _("No connection");
  if (g_error_matches (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_TOO_LARGE))
    return _("Page too large");
  return NULL;
}

/* A failed save's toast title: why, in the fewest words
 * (get_fetch_failure_title()). */
const char *
clipper_window_get_save_failure_title (const GError *error)
{
  const char *title;

  g_return_val_if_fail (error != NULL, NULL);

  title = get_fetch_failure_title (error);
  return title != NULL ? title : _("Page not saved");
}

/* A failed import's toast title, as short as a failed save's: "Import
 * failed" beside Details said nothing of why (a folder that is not a
 * vault, a file in no format Clipper imports).  @path is what was
 * imported: a folder's failures are said of a folder. */
const char *
clipper_window_get_import_failure_title (const GError *error,
                                         const char   *path)
{
  gboolean folder;

  g_return_val_if_fail (error != NULL, NULL);

  folder = path != NULL && g_file_test (path, G_FILE_TEST_IS_DIR);
  if (g_error_matches (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_UNSUPPORTED))
    return folder ? _("Not a Clipper vault") : _("Unknown file type");
  if (g_error_matches (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_IO))
    return folder ? _("Folder not readable") : _("File not readable");
  if (g_error_matches (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_INVALID))
    return _("File not valid");
  return _("Import failed");
}

static void
on_failure_toast_dismissed (AdwToast      *t,
                            ClipperWindow *self)
{
  if (self->failure_toast == t)
    self->failure_toast = NULL;
  if (self->burst_failure_toast == t)
    self->burst_failure_toast = NULL;
}

/* A failure says what failed in a few words, the essential ones first,
 * and the whole message is behind Details: a toast is one line, and a
 * long message lost its end at the window's edge ("…File not found for
 * http://127.0.0.1:8765/nope.…", the reason gone).  It stays until it is
 * dismissed (it went after 10 s, before a long message could be read),
 * and a way to try again is in its Details.  A newer one takes its place
 * rather than waiting behind it (the overlay shows one toast at a time).
 * Returns the toast, for the caller to add. */
static AdwToast *
failure_toast_new (ClipperWindow *self,
                   const char    *title,
                   const char    *message,
                   const char    *retry)
{
  AdwToast *t = toast_new_text (title);

  adw_toast_set_timeout (t, 0);
  if (g_strcmp0 (message, title) != 0 || retry != NULL)
    {
      adw_toast_set_button_label (t, _("_Details"));
      adw_toast_set_action_name (t, "win.failure-details");
    }
  g_free (self->failure_title);
  self->failure_title = g_strdup (title);
  g_free (self->failure_message);
  self->failure_message = g_strdup (message != NULL ? message : title);
  g_free (self->failure_retry);
  self->failure_retry = g_strdup (retry);
  self->failure_update_id = 0;
  g_signal_connect_object (t, "dismissed", G_CALLBACK (on_failure_toast_dismissed), self, 0);
  if (self->failure_toast != NULL)
    clipper_toast_dismiss (self->failure_toast);
  self->failure_toast = t;
  return t;
}

static void
show_failure (ClipperWindow *self,
              const char    *title,
              const char    *message,
              const char    *retry)
{
  clipper_toast_add (self->toast_overlay, failure_toast_new (self, title, message, retry));
}

static void toast_saved_burst (ClipperWindow *self);
static void burst_reset (ClipperWindow *self);

/* Whether the run's first failure, alone in its own toast, still shows. */
static gboolean
burst_failure_shown (ClipperWindow *self)
{
  return self->burst_failure_toast != NULL && self->burst_failure_toast == self->failure_toast;
}

/* A page that could not be saved.  While other saves run, or after some
 * of the run saved their pages, it is counted in the run's toast
 * ("Saved 18 pages; 2 could not be saved"), whose Details says why:
 * twenty saves of which two failed showed the two failures for a moment,
 * then "Saved 18 pages" as though that were all.  Otherwise its own
 * toast says why, with Retry, in the place of the last failure's; it is
 * counted all the same, should a save of the run end well after it. */
static void
on_failure_retry (AdwMessageDialog *dialog,
                  const char       *response,
                  ClipperWindow    *self)
{
  /* The page retried is a run of its own, as on_burst_retry() has it:
   * left in the run of its failure, saved, it was counted as not saved. */
  if (burst_failure_shown (self))
    {
      clipper_toast_dismiss (self->failure_toast);
      burst_reset (self);
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "win.retry-save", "s",
                              g_object_get_data (G_OBJECT (dialog), "clipper-retry"));
}

/* A failed Fetch Again tried again: a run of its own, like a page retried. */
static void
on_update_retry (AdwMessageDialog *dialog,
                 const char       *response,
                 ClipperWindow    *self)
{
  const gint64 *id = g_object_get_data (G_OBJECT (dialog), "clipper-retry-update");

  gtk_widget_activate_action (GTK_WIDGET (self), "win.retry-update", "x", *id);
}

/* The last failure, whole, with Retry when there is one: the toast's one
 * button is Details, and the dialog takes the keyboard (Enter retries). */
static void
failure_details_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);
  AdwMessageDialog *dialog;

  if (self->failure_message == NULL)
    return;
  dialog = clipper_toast_show_details (GTK_WINDOW (self), self->failure_title, NULL, self->failure_message);
  if (self->failure_retry == NULL && self->failure_update_id == 0)
    return;
  adw_message_dialog_add_response (dialog, "retry", _("_Retry"));
  adw_message_dialog_set_response_appearance (dialog, "retry", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "retry");
  if (self->failure_update_id != 0)
    {
      g_object_set_data_full (G_OBJECT (dialog), "clipper-retry-update",
                              g_memdup2 (&self->failure_update_id, sizeof (gint64)), g_free);
      g_signal_connect_object (dialog, "response::retry", G_CALLBACK (on_update_retry), self, 0);
      return;
    }
  g_object_set_data_full (G_OBJECT (dialog), "clipper-retry", g_strdup (self->failure_retry), g_free);
  g_signal_connect_object (dialog, "response::retry", G_CALLBACK (on_failure_retry), self, 0);
}

static void
save_failed (ClipperWindow *self,
             const char    *uri,
             const char    *retry,
             const GError  *error)
{
  g_autofree char *message = clipper_window_dup_save_failure (uri, error);

  self->burst_end_us = g_get_monotonic_time ();
  self->burst_failed++;
  g_ptr_array_add (self->burst_details, g_strdup (message));
  if (retry != NULL && clipper_fetch_error_is_temporary (error))
    g_ptr_array_add (self->burst_retry, g_strdup (retry));
  /* A failure of the run still shown alone is summed with this one: the
   * newer took its place, and the page not found before a PDF was gone
   * from the toast and from Details without being closed. */
  if (g_hash_table_size (self->pending_saves) > 0 || self->burst_saved + self->burst_existed > 0 ||
      burst_failure_shown (self))
    toast_saved_burst (self);
  else
    {
      /* Retry only where it can help (no connection, a timeout, a server
       * error): a page not found or an image was offered it, to fail again. */
      show_failure (self, clipper_window_get_save_failure_title (error), message,
                    clipper_fetch_error_is_temporary (error) ? retry : NULL);
      self->burst_failure_toast = self->failure_toast;
    }
  g_signal_emit (self, signals[SAVE_FAILED], 0, message);
  update_articles_stack (self);
}

static void
save_progress (ClipperSaveStage stage,
               guint64          received,
               gpointer         user_data)
{
  Save *save = user_data;
  const char *what;

  if (g_cancellable_is_cancelled (save->cancellable) || !save_is_live (save))
    return;

  /* A slow or large page: how much has come in, as GNOME Web's downloads
   * say it, so that a server still sending is told from a dead one (QA-p
   * finding 8).  The saver says it a few times a second at most. */
  if (received > 0)
    {
      g_autofree char *size = g_format_size (received);
      g_autofree char *spoken = NULL;

      gtk_label_set_label (save->received_label, size);
      /* Translators: how much of a page being saved has come in, e.g. “1.2 MB received” */
      spoken = g_strdup_printf (_("%s received"), size);
      gtk_accessible_update_property (GTK_ACCESSIBLE (save->received_label), GTK_ACCESSIBLE_PROPERTY_LABEL, spoken,
                                      -1);
      gtk_widget_set_visible (GTK_WIDGET (save->received_label), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (save->received_label), FALSE);

  switch (stage)
    {
    case CLIPPER_SAVE_STAGE_FETCHING: what = _("Fetching…"); break;
    case CLIPPER_SAVE_STAGE_EXTRACTING: what = _("Finding the article…"); break;
    case CLIPPER_SAVE_STAGE_IMAGES: what = _("Fetching images…"); break;
    case CLIPPER_SAVE_STAGE_SAVING: what = _("Saving…"); break;
    default: return;
    }
  gtk_label_set_label (save->stage_label, what);
}

static void start_save (ClipperWindow *self,
                        const char    *uri,
                        const char    *fallback,
                        const char    *retry);

static char *short_title (const char *title);

/* Whether a page saved in the background may open itself in the reader:
 * not when the user went on to read another article meanwhile, nor while
 * they type (a note, a search) — what they type would go elsewhere. */
static gboolean
takes_reader (ClipperWindow *self,
              gint64         reading_at_start)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus != NULL && (GTK_IS_TEXT_VIEW (focus) || GTK_IS_EDITABLE (focus) ||
                        gtk_widget_get_ancestor (focus, GTK_TYPE_TEXT_VIEW) != NULL))
    return FALSE;
  /* Pages saved together (dropped, chosen in Save Page from File, a
   * burst of links): the first to be saved took the reader and the
   * others, open in nothing, left it and the list on that one, below the
   * newer.  Each takes the place of the one a save opened, so the last
   * saved, the newest, shows, unless the user opened another meanwhile. */
  return self->article_id == 0 || self->article_id == reading_at_start ||
         (self->save_opened != 0 && self->article_id == self->save_opened);
}

/* Whether the list, on its filter, holds @article (a search aside). */
static gboolean
filter_shows (ClipperWindow  *self,
              ClipperArticle *article)
{
  ClipperReadState state = clipper_article_get_read_state (article);
  const char *const *tags = clipper_article_get_tags (article);

  if (self->filter_tag != NULL)
    return tags != NULL && g_strv_contains (tags, self->filter_tag);
  switch (gtk_drop_down_get_selected (self->filter_dropdown))
    {
    case 0:
      return state != CLIPPER_READ_STATE_ARCHIVED;
    case 1:
      return clipper_article_get_starred (article);
    case 2:
      return state == CLIPPER_READ_STATE_ARCHIVED;
    default:
      return TRUE;
    }
}

static void
on_save_toast_dismissed (AdwToast      *t,
                         ClipperWindow *self)
{
  if (self->save_toast == t)
    self->save_toast = NULL;
}

static void
set_save_toast (AdwToast   *t,
                const char *title,
                const char *button_label,
                const char *action_name,
                GVariant   *action_target)
{
  adw_toast_set_title (t, title);
  adw_toast_set_button_label (t, button_label);
  /* The target first: the old action with the new target's type, or the
   * other way round, is refused with a warning. */
  adw_toast_set_action_name (t, NULL);
  adw_toast_set_action_target_value (t, action_target);
  adw_toast_set_action_name (t, action_name);
}

/* One save toast at a time: a newer one takes the place of the last
 * rather than waiting behind it (twenty saves queued twenty toasts, which
 * went on for minutes after the saves).  The one shown is changed in
 * place: libadwaita 1.2 crashed on a toast dismissed while it slid in,
 * which a toast queued behind another could not be told from.  One that
 * reports a failure @stays until closed, as a failure's own toast does. */
static void
show_save_toast (ClipperWindow *self,
                 const char    *message,
                 gboolean       stays,
                 const char    *button_label,
                 const char    *action_name,
                 GVariant      *action_target)
{
  g_autofree char *title = g_markup_escape_text (message, -1);
  g_autoptr (GVariant) target = action_target != NULL ? g_variant_ref_sink (action_target) : NULL;
  AdwToast *t = self->save_toast;

  /* A toast's timeout starts when it is shown, and setting it later
   * changes nothing (a run's failure went with its toast after 6 s).  One
   * that is to go is left to go, saying the same, and one that stays
   * comes after it: dismissed for it instead, a toast still queued
   * crashed libadwaita 1.2. */
  if (t != NULL && stays && adw_toast_get_timeout (t) != 0)
    {
      set_save_toast (t, title, button_label, action_name, target);
      self->save_toast = t = NULL;
    }
  if (t == NULL)
    {
      t = adw_toast_new (title);
      adw_toast_set_timeout (t, stays ? 0 : 6);
    }
  set_save_toast (t, title, button_label, action_name, target);
  if (t != self->save_toast)
    {
      g_signal_connect_object (t, "dismissed", G_CALLBACK (on_save_toast_dismissed), self, 0);
      self->save_toast = t;
      clipper_toast_add (self->toast_overlay, t);
    }
}

/* What the saves that ended one after another came to: how many pages,
 * how many could not be saved, and how many images could not be
 * downloaded. */
static char *
dup_burst_summary (ClipperWindow *self)
{
  GString *message = g_string_new (NULL);

  if (self->burst_saved > 0)
    g_string_printf (message, ngettext ("Saved %u page", "Saved %u pages", self->burst_saved),
                     self->burst_saved);
  if (self->burst_existed > 0 && self->burst_saved > 0)
    /* Translators: after "Saved 3 pages" */
    g_string_append_printf (message, ngettext ("; %u was already in your library",
                                               "; %u were already in your library", self->burst_existed),
                            self->burst_existed);
  else if (self->burst_existed > 0)
    g_string_printf (message, ngettext ("%u page was already in your library",
                                        "%u pages were already in your library", self->burst_existed),
                     self->burst_existed);
  if (self->burst_changed > 0)
    /* Translators: after "1 was already in your library" */
    g_string_append_printf (message, ngettext ("; %u has changed since you saved it",
                                               "; %u have changed since you saved them", self->burst_changed),
                            self->burst_changed);
  if (self->burst_failed > 0 && message->len > 0)
    /* Translators: after "Saved 18 pages" */
    g_string_append_printf (message, ngettext ("; %u could not be saved", "; %u could not be saved",
                                               self->burst_failed),
                            self->burst_failed);
  else if (self->burst_failed > 0)
    g_string_printf (message, ngettext ("%u page could not be saved", "%u pages could not be saved",
                                        self->burst_failed),
                     self->burst_failed);
  if (self->burst_missing > 0)
    /* Translators: after "Saved 3 pages" */
    g_string_append_printf (message, ngettext ("; %u image could not be downloaded",
                                               "; %u images could not be downloaded", self->burst_missing),
                            self->burst_missing);
  return g_string_free (message, FALSE);
}

/* The toast for saves that ended one after another; Details says what
 * came of each.  With pages that could not be saved it says only that,
 * the counts in Details, and stays until closed: "Saved 5 pages; 1 could
 * not be saved; 15 images could not be downloaded" went after 6 s, its
 * failure with it, and at 360 px read "Saved 1 page; 1 co…".  Such a run
 * lasts as long as its toast does, so that no failure drops out of its
 * count. */
static void
toast_saved_burst (ClipperWindow *self)
{
  g_autofree char *summary = NULL;
  g_autofree char *title = NULL;

  /* The run's first save failed alone, and its toast still shows: this
   * one counts it now. */
  if (burst_failure_shown (self))
    {
      clipper_toast_dismiss (self->burst_failure_toast);
      self->burst_failure_toast = NULL;
    }

  if (self->burst_failed == 0)
    {
      summary = dup_burst_summary (self);
      show_save_toast (self, summary, FALSE, _("_Details"), "win.save-details", NULL);
      return;
    }
  /* Translators: a toast's title, short enough for a phone's width
   * beside its Details button */
  title = g_strdup_printf (ngettext ("%u page not saved", "%u pages not saved", self->burst_failed),
                           self->burst_failed);
  show_save_toast (self, title, TRUE, _("_Details"), "win.save-details", NULL);
}

/* What a finished save (@report) says: that the page was there already
 * (and has changed since, its notices), or how many of its images could
 * not be downloaded (the reader shows where they were, their alt text;
 * Fetch Again tries them again), or that it may be only a paywall's
 * teaser (its notices).  Saved while the user was busy elsewhere,
 * it names the article, with Open.  Saves that end while others run, or
 * within BURST_GAP_US of the last, are summed up in one toast instead. */
static void
toast_saved (ClipperWindow           *self,
             const ClipperSaveReport *report,
             gboolean                 opened)
{
  gint64 id = report->article_id;
  gboolean existed = report->existed;
  guint n_missing = report->n_images_missing;
  ClipperSaveNotices notices = report->notices;
  gboolean preview = !existed && (notices & CLIPPER_SAVE_NOTICE_PREVIEW) != 0;
  gboolean changed = existed && (notices & CLIPPER_SAVE_NOTICE_PAGE_CHANGED) != 0;
  g_autoptr (ClipperArticle) article = NULL;
  g_autofree char *title = NULL;
  g_autoptr (GString) message = g_string_new (NULL);

  self->burst_end_us = g_get_monotonic_time ();
  article = clipper_store_get_article (self->store, id, NULL);
  title = short_title (article != NULL && clipper_article_get_title (article) != NULL
                         ? clipper_article_get_title (article) : _("Untitled"));
  if (existed)
    {
      self->burst_existed++;
      self->burst_changed += changed ? 1 : 0;
      g_ptr_array_add (self->burst_details,
                       changed
                         /* Translators: %s is the article's title */
                         ? g_strdup_printf (_("“%s” was already in your library — the page has changed since "
                                              "you saved it"), title)
                         /* Translators: %s is the article's title */
                         : g_strdup_printf (_("“%s” was already in your library"), title));
    }
  else
    {
      self->burst_saved++;
      self->burst_missing += n_missing;
      g_ptr_array_add (self->burst_details,
                       n_missing > 0
                         /* Translators: %s is the saved article's title */
                         ? g_strdup_printf (ngettext ("“%s”: %u image could not be downloaded",
                                                      "“%s”: %u images could not be downloaded", n_missing),
                                            title, n_missing)
                         /* Translators: %s is the saved article's title */
                         : g_strdup_printf (_("“%s”"), title));
      /* A teaser looks whole in the list and in the reader: said in the
       * toast, and in Details with the others of a run. */
      if (preview)
        {
          char *line = g_ptr_array_steal_index (self->burst_details, self->burst_details->len - 1);

          /* Translators: after "“Title”" or "“Title”: 1 image could not be downloaded" */
          g_ptr_array_add (self->burst_details,
                           g_strdup_printf (_("%s; the page may be only a preview: it asks to subscribe"), line));
          g_free (line);
        }
    }
  if (self->burst_details->len > 1)
    {
      toast_saved_burst (self);
      return;
    }

  /* The page as it is now was fetched and kept nowhere: the user decides
   * whether it replaces the saved one, and keeps the highlights either
   * way (QA-p 5: only "Already in your library" was said). */
  if (existed && changed)
    {
      if (opened)
        g_string_assign (message, _("Already in your library — the page has changed since you saved it"));
      else
        /* Translators: %s is the article's title */
        g_string_printf (message, _("“%s” is already in your library — the page has changed since you saved it"),
                         title);
      show_save_toast (self, message->str, FALSE, _("_Fetch Again"), "win.retry-update", g_variant_new_int64 (id));
      return;
    }

  if (opened)
    {
      if (existed)
        g_string_assign (message, _("Already in your library"));
      else if (preview)
        {
          /* Cut at a phone's width: Details says it whole, and of the
           * images too. */
          show_save_toast (self, _("Saved, but the page may be only a preview: it asks to subscribe"), FALSE,
                           _("_Details"), "win.save-details", NULL);
          return;
        }
      else if (n_missing > 0)
        g_string_printf (message, ngettext ("Saved; %u image could not be downloaded",
                                            "Saved; %u images could not be downloaded", n_missing),
                         n_missing);
      else
        return;
      show_save_toast (self, message->str, FALSE, NULL, NULL, NULL);
      return;
    }

  if (existed)
    /* Translators: %s is the article's title */
    g_string_printf (message, _("“%s” is already in your library"), title);
  else
    /* Translators: %s is the saved article's title */
    g_string_printf (message, _("Saved “%s”"), title);
  if (preview)
    /* Translators: after "Saved “…”" */
    g_string_append (message, _(", but the page may be only a preview: it asks to subscribe"));
  if (!existed && n_missing > 0)
    /* Translators: after "Saved “…”" */
    g_string_append_printf (message, ngettext ("; %u image could not be downloaded",
                                               "; %u images could not be downloaded", n_missing),
                            n_missing);
  show_save_toast (self, message->str, FALSE, _("_Open"), "win.show-highlight", g_variant_new ("(xx)", id, (gint64) 0));
}

/* A new run of saves: nothing of the last one is counted in it. */
static void
burst_reset (ClipperWindow *self)
{
  self->burst_saved = self->burst_existed = self->burst_changed = self->burst_failed = self->burst_missing = 0;
  self->burst_failure_toast = NULL;
  g_ptr_array_set_size (self->burst_details, 0);
  g_ptr_array_set_size (self->burst_retry, 0);
}

/* The pages retried are a run of their own: left in the run shown, a page
 * saved on Retry was still counted as not saved. */
static void
on_burst_retry (AdwMessageDialog *dialog,
                 const char       *response,
                 ClipperWindow    *self)
{
  char **retry = g_object_get_data (G_OBJECT (dialog), "clipper-retry");

  if (self->save_toast != NULL)
    {
      AdwToast *t = self->save_toast;

      self->save_toast = NULL;
      clipper_toast_dismiss (t);
    }
  burst_reset (self);
  for (guint i = 0; retry[i] != NULL; i++)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.retry-save", "s", retry[i]);
}

/* What each page of the last saves came to, the counts above it, and
 * Retry for the pages that failed where trying again can help. */
static void
save_details_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;
  AdwMessageDialog *dialog;

  if (self->burst_details->len == 0)
    return;
  g_ptr_array_add (self->burst_details, NULL);
  text = g_strjoinv ("\n", (char **) self->burst_details->pdata);
  g_ptr_array_remove_index (self->burst_details, self->burst_details->len - 1);
  summary = dup_burst_summary (self);
  dialog = clipper_toast_show_details (GTK_WINDOW (self), _("Saved Pages"), summary, text);
  if (self->burst_retry->len == 0)
    return;
  adw_message_dialog_add_response (dialog, "retry", _("_Retry"));
  adw_message_dialog_set_response_appearance (dialog, "retry", ADW_RESPONSE_SUGGESTED);
  g_ptr_array_add (self->burst_retry, NULL);
  g_object_set_data_full (G_OBJECT (dialog), "clipper-retry",
                          g_strdupv ((char **) self->burst_retry->pdata), (GDestroyNotify) g_strfreev);
  g_ptr_array_remove_index (self->burst_retry, self->burst_retry->len - 1);
  g_signal_connect_object (dialog, "response::retry", G_CALLBACK (on_burst_retry), self, 0);
}

static void
save_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Save *save = user_data;
  ClipperWindow *self = save->self;
  g_autoptr (GError) error = NULL;
  ClipperSaveReport report;
  gboolean opened;
  gint64 id;

  id = clipper_saver_save_finish (result, &report, &error);
  if (!save_is_live (save))
    {
      /* The window went away meanwhile. */
      save_unref (save);
      return;
    }
  remove_pending_row (self, save->cancellable);

  if (id == 0)
    {
      /* An address typed without its scheme went to https first; a site
       * that does not answer there (no TLS, port 443 closed) is tried
       * with http, as browsers do.  Retry starts from https again. */
      if (save->fallback != NULL && g_error_matches (error, CLIPPER_FETCH_ERROR, CLIPPER_FETCH_ERROR_NETWORK))
        start_save (self, save->fallback, NULL, save->retry);
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        save_failed (self, save->uri, save->retry, error);
      save_unref (save);
      close_if_asked (self);
      return;
    }

  /* The worker wrote through its own connection: read the list now
   * rather than waiting for the store's poll. */
  clipper_library_model_reload (self->model);
  rebuild_tag_filters (self);
  update_articles_stack (self);
  opened = takes_reader (self, save->reading);
  if (opened)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
      g_autoptr (ClipperArticle) article = clipper_store_get_article (self->store, id, NULL);

      /* Saved for later: not read until the user reads it. */
      self->opening_unattended = TRUE;
      clipper_window_open_article (self, id, 0);
      self->opening_unattended = FALSE;
      self->save_opened = id;
      /* Its row selected, in a list that holds it: on Starred, Archived
       * or a tag, the pages just saved were in none, and nothing said
       * where they went.  A new page is on the Reading List; one saved
       * before may be archived, and All holds it. */
      if (article != NULL && !filter_shows (self, article))
        clipper_window_set_filter (self, clipper_article_get_read_state (article) == CLIPPER_READ_STATE_ARCHIVED
                                           ? N_FIXED_FILTERS - 1 : 0);
      /* The keyboard on the list goes to the new article's row, for the
       * arrows to go on from there.  Where it went away with what it was
       * on (the empty library's Save a Page), or was in the reader, it
       * goes into the article: left to GTK, it fell on a header button
       * (the Star, which Enter, meant to open the article, toggled). */
      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->article_list)))
        focus_article_list (self);
      else if (focus == NULL || !gtk_widget_get_mapped (focus) ||
               gtk_widget_is_ancestor (focus, GTK_WIDGET (self->articles_stack)) ||
               gtk_widget_is_ancestor (focus, self->reader_pane))
        focus_reader (self);
    }
  toast_saved (self, &report, opened);
  save_unref (save);
  g_signal_emit (self, signals[ARTICLE_SAVED], 0, id);
  close_if_asked (self);
}

static void
on_cancel_save_clicked (GtkButton    *button,
                        GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static void
start_save (ClipperWindow *self,
            const char    *uri,
            const char    *fallback,
            const char    *retry)
{
  g_autoptr (GtkBuilder) builder = gtk_builder_new_from_resource ("/org/example/Clipper/ui/clipper-pending-row.ui");
  Save *save = g_rc_box_new0 (Save);

  /* Nothing saving, no toast of the run shown, and nothing saved for a
   * while, or the run's failures closed: a new run of saves begins.  (Its
   * toast may have timed out in a long run meanwhile.)  A failure stays
   * until closed, and the run with it, however long ago it came. */
  if (g_hash_table_size (self->pending_saves) == 0 && self->save_toast == NULL && !burst_failure_shown (self) &&
      (g_get_monotonic_time () - self->burst_end_us > BURST_GAP_US || self->burst_failed > 0))
    burst_reset (self);
  save->self = g_object_ref (self);
  save->cancellable = g_cancellable_new ();
  save->uri = g_strdup (uri);
  save->fallback = g_strdup (fallback);
  save->retry = g_strdup (retry);
  save->reading = self->article_id;
  save->row = GTK_WIDGET (gtk_builder_get_object (builder, "row"));
  save->stage_label = GTK_LABEL (gtk_builder_get_object (builder, "stage_label"));
  save->received_label = GTK_LABEL (gtk_builder_get_object (builder, "received_label"));

  gtk_label_set_label (GTK_LABEL (gtk_builder_get_object (builder, "uri_label")), uri);
  g_signal_connect_data (gtk_builder_get_object (builder, "cancel_button"), "clicked",
                         G_CALLBACK (on_cancel_save_clicked), g_object_ref (save->cancellable),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  gtk_list_box_prepend (self->pending_list, save->row);
  gtk_widget_set_visible (GTK_WIDGET (self->pending_list), TRUE);
  g_hash_table_insert (self->pending_saves, g_object_ref (save->cancellable), save->row);
  if (g_str_equal (gtk_stack_get_visible_child_name (self->articles_stack), "empty-library"))
    gtk_stack_set_visible_child_name (self->articles_stack, "list");

  if (self->fetcher == NULL)
    self->fetcher = clipper_fetcher_new ();
  clipper_saver_save_async (self->store, self->fetcher, uri, NULL,
                            save_progress, g_rc_box_acquire (save), save_unref,
                            save->cancellable, save_done, save);
}

/**
 * clipper_window_dup_save_uri:
 * @text: what the user typed, pasted or dropped
 *
 * Makes a URI the saver understands from @text, by the rule clipper-cli
 * add follows too (clipper_fetch_dup_typed_uri()): an http(s) URL, a
 * file:// URI or an absolute path as they are, and a web address without
 * its scheme ("example.org/page", "example.org:8080") as https, or http
 * for this machine's own servers ("localhost:8000/notes.html").
 * clipper_window_save_uri() tries http when such a guessed https address
 * cannot be reached.
 *
 * Returns: (transfer full) (nullable): the URI, or %NULL when @text is
 *   none of these
 */
char *
clipper_window_dup_save_uri (const char *text)
{
  return clipper_fetch_dup_typed_uri (text, NULL);
}

void
clipper_window_save_uri (ClipperWindow *self,
                         const char    *uri)
{
  g_autofree char *normalized = NULL;
  g_autofree char *fallback = NULL;

  g_return_if_fail (CLIPPER_IS_WINDOW (self));

  if (self->read_only)
    {
      /* Translators: a page dropped on, or opened with, a read-only library */
      toast_read_only (self, _("Not saved"));
      g_signal_emit (self, signals[SAVE_FAILED], 0, _("This library is read-only"));
      return;
    }
  normalized = clipper_fetch_dup_typed_uri (uri, &fallback);
  if (normalized == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("“%s” is not a web address or an HTML file"), uri ? uri : "");

      show_failure (self, _("Not an address"), message, NULL);
      g_signal_emit (self, signals[SAVE_FAILED], 0, message);
      return;
    }

  /* Opened with Clipper or dropped on it, a clippings file or an export is
   * meant to be read in: saved, it would be an article of raw clippings or
   * JSON, and none of its highlights would come in. */
  if (g_str_has_prefix (normalized, "file:"))
    {
      g_autofree char *path = g_filename_from_uri (normalized, NULL, NULL);

      if (path != NULL && clipper_import_detect_export (path) != CLIPPER_IMPORT_FORMAT_AUTO)
        {
          clipper_window_import_file (self, path);
          return;
        }
    }

  start_save (self, normalized, fallback, uri);
}

guint
clipper_window_get_n_pending_saves (ClipperWindow *self)
{
  g_return_val_if_fail (CLIPPER_IS_WINDOW (self), 0);

  return g_hash_table_size (self->pending_saves);
}

/* The Save Page dialog while it is up.  The clipboard is read
 * asynchronously: a Return that comes before its text (a burst of saves,
 * the window busy opening the page saved before) confirmed the address the
 * user copied, which was then dropped without a word. */
typedef struct {
  ClipperWindow *self;         /* (weak) */
  AdwMessageDialog *dialog;
  gboolean reading;            /* the clipboard's text is not in yet */
  gboolean confirmed;          /* Save was chosen before it came */
} SaveDialog;

static void
save_dialog_free (SaveDialog *sd)
{
  g_clear_weak_pointer (&sd->self);
  g_free (sd);
}

static void
update_save_dialog (SaveDialog *sd)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (sd->dialog));
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  g_autofree char *uri = clipper_window_dup_save_uri (text);
  gboolean wrong = uri == NULL && *text != '\0';

  /* Empty while the clipboard is read, Save takes what it holds. */
  adw_message_dialog_set_response_enabled (sd->dialog, "save", uri != NULL || (sd->reading && *text == '\0'));
  /* Save greyed out says nothing of why: the body does. */
  if (wrong)
    gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  adw_message_dialog_set_body (sd->dialog, wrong ? _("That is not a web address (like example.org/page) or the path of an HTML file")
                                                 : _("Enter the address of a web page to keep it in your library"));
}

static void
on_save_dialog_response (AdwMessageDialog *dialog,
                         const char       *response,
                         SaveDialog       *sd)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  if (!g_str_equal (response, "save") || sd->self == NULL)
    return;
  if (sd->reading && *gtk_editable_get_text (entry) == '\0')
    sd->confirmed = TRUE;
  else
    clipper_window_save_uri (sd->self, gtk_editable_get_text (entry));
}

static void
on_save_dialog_destroy (GtkWidget  *dialog,
                        SaveDialog *sd)
{
  if (sd->self != NULL && sd->self->save_dialog == dialog)
    sd->self->save_dialog = NULL;
  sd->dialog = NULL;
  /* A clipboard read still under way holds the rest. */
  if (!sd->reading)
    save_dialog_free (sd);
}

static void
clipboard_text_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  SaveDialog *sd = user_data;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  g_autofree char *scheme = NULL;
  gboolean url;

  sd->reading = FALSE;
  if (text != NULL)
    {
      g_strstrip (text);
      scheme = g_uri_parse_scheme (text);
    }
  /* Only a single http(s) URL is worth pre-filling. */
  url = scheme != NULL && (g_str_equal (scheme, "http") || g_str_equal (scheme, "https")) &&
        strpbrk (text, " \t\n") == NULL;

  if (sd->confirmed && sd->self != NULL)
    {
      /* Saved as if it had been in the field; what cannot be saved is
       * said, not dropped. */
      if (url)
        clipper_window_save_uri (sd->self, text);
      else
        {
          const char *message = _("Not saved: the clipboard held no web address");

          show_failure (sd->self, _("No address copied"), message, NULL);
          g_signal_emit (sd->self, signals[SAVE_FAILED], 0, message);
        }
    }
  else if (sd->dialog != NULL)
    {
      GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (sd->dialog));

      if (url && *gtk_editable_get_text (entry) == '\0')
        {
          gtk_editable_set_text (entry, text);
          gtk_editable_select_region (entry, 0, -1);
        }
      update_save_dialog (sd);
    }
  if (sd->dialog == NULL)
    save_dialog_free (sd);
}

static void
save_url_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);
  g_autoptr (GtkBuilder) builder = NULL;
  GtkWidget *entry;
  SaveDialog *sd;

  /* A second Ctrl+L, typed before the first dialog had the keyboard,
   * goes to that dialog rather than making another behind it. */
  if (self->save_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->save_dialog));
      return;
    }

  builder = gtk_builder_new_from_resource ("/org/example/Clipper/ui/clipper-save-dialog.ui");
  sd = g_new0 (SaveDialog, 1);
  g_set_weak_pointer (&sd->self, self);
  sd->dialog = ADW_MESSAGE_DIALOG (gtk_builder_get_object (builder, "dialog"));
  sd->reading = TRUE;
  entry = adw_message_dialog_get_extra_child (sd->dialog);
  self->save_dialog = GTK_WIDGET (sd->dialog);

  gtk_window_set_transient_for (GTK_WINDOW (sd->dialog), GTK_WINDOW (self));
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (update_save_dialog), sd);
  g_signal_connect (sd->dialog, "response", G_CALLBACK (on_save_dialog_response), sd);
  g_signal_connect (sd->dialog, "destroy", G_CALLBACK (on_save_dialog_destroy), sd);
  update_save_dialog (sd);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, clipboard_text_cb, sd);
  gtk_window_present (GTK_WINDOW (sd->dialog));
}

/* Keys the window has before its children.  The article's web view hands
 * a key to its web process and passes on only what the page did not take,
 * when the page answers: while the first article's web process starts, a
 * second or more later, or never (a burst of saves lost Ctrl+L there).
 * And keys typed while the Save Page dialog is on its way (the window is
 * busy; without a window manager, it has not the keyboard yet) are the
 * dialog's: the Return after Ctrl+L confirmed nothing otherwise. */
static gboolean
on_window_key_captured (GtkEventControllerKey *keys,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        ClipperWindow         *self)
{
  if (self->save_dialog != NULL)
    {
      AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self->save_dialog);
      GtkWidget *entry = adw_message_dialog_get_extra_child (dialog);

      /* What Return does there, the dialog shown or not yet. */
      if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
        {
          if (adw_message_dialog_get_response_enabled (dialog, "save"))
            {
              adw_message_dialog_response (dialog, "save");
              gtk_window_close (GTK_WINDOW (dialog));
            }
        }
      else
        gtk_event_controller_key_forward (keys, gtk_widget_get_first_child (entry));
      return TRUE;
    }
  if ((state & gtk_accelerator_get_default_mod_mask ()) == GDK_CONTROL_MASK &&
      (keyval == GDK_KEY_l || keyval == GDK_KEY_L))
    return gtk_widget_activate_action (GTK_WIDGET (self), "win.save-url", NULL);
  /* The empty library gives the keyboard to Save a Page, with no focus
   * ring until a key is used: the first Tab moved on to Import… before
   * the user ever saw where it was.  It shows the ring on Save a Page
   * instead, as the suggested action comes first. */
  if ((keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab) &&
      (state & gtk_accelerator_get_default_mod_mask ()) == 0 &&
      !gtk_window_get_focus_visible (GTK_WINDOW (self)) &&
      g_str_equal (gtk_stack_get_visible_child_name (self->articles_stack), "empty-library"))
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

      if (focus != NULL && GTK_IS_ACTIONABLE (focus) &&
          g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (focus)), "win.save-url") == 0)
        {
          gtk_window_set_focus_visible (GTK_WINDOW (self), TRUE);
          return TRUE;
        }
    }
  return FALSE;
}

static void
retry_save_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  clipper_window_save_uri (CLIPPER_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         ClipperWindow *self)
{
  if (G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    {
      GSList *files = g_value_get_boxed (value);

      for (GSList *l = files; l != NULL; l = l->next)
        {
          g_autofree char *uri = g_file_get_uri (l->data);

          clipper_window_save_uri (self, uri);
        }
      return files != NULL;
    }

  if (G_VALUE_HOLDS (value, G_TYPE_FILE))
    {
      g_autofree char *uri = g_file_get_uri (g_value_get_object (value));

      clipper_window_save_uri (self, uri);
      return TRUE;
    }

  if (G_VALUE_HOLDS (value, G_TYPE_STRING))
    {
      clipper_window_save_uri (self, g_value_get_string (value));
      return TRUE;
    }

  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Library actions                                                      */

static ClipperArticle *
dup_current (ClipperWindow *self)
{
  g_autoptr (GError) error = NULL;
  ClipperArticle *article;

  if (self->article_id == 0)
    return NULL;
  article = clipper_store_get_article (self->store, self->article_id, &error);
  if (article == NULL)
    toast_error (self, _("Article not loaded"), _("Could not read the article"), error);
  return article;
}

static void
star_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);
  g_autoptr (ClipperArticle) article = dup_current (self);
  g_autoptr (GError) error = NULL;

  if (article == NULL)
    return;
  clipper_article_set_starred (article, !clipper_article_get_starred (article));
  if (!clipper_store_update_article (self->store, article, &error))
    toast_error (self, _("Not starred"), _("Could not star the article"), error);
  update_article_actions (self);
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);
  g_autoptr (ClipperArticle) article = dup_current (self);
  g_autoptr (GError) error = NULL;
  gboolean archived;

  if (article == NULL)
    return;
  archived = clipper_article_get_read_state (article) == CLIPPER_READ_STATE_ARCHIVED;
  clipper_article_set_read_state (article, archived ? CLIPPER_READ_STATE_READ : CLIPPER_READ_STATE_ARCHIVED);
  if (!clipper_store_update_article (self->store, article, &error))
    toast_error (self, _("Not archived"), _("Could not archive the article"), error);
  else
    toast (self, archived ? _("Moved to Reading List") : _("Archived"));
  update_article_actions (self);
}

/* Opening an article marks it read; the user may want it back among
 * the ones still to read (bold in the list), or mark one read unopened. */
static void
mark_read_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);
  g_autoptr (ClipperArticle) article = dup_current (self);
  g_autoptr (GError) error = NULL;
  gboolean read = g_str_equal (action_name, "library.mark-read");

  if (article == NULL || clipper_article_get_read_state (article) == CLIPPER_READ_STATE_ARCHIVED)
    return;
  clipper_article_set_read_state (article, read ? CLIPPER_READ_STATE_READ : CLIPPER_READ_STATE_UNREAD);
  if (!clipper_store_update_article (self->store, article, &error))
    toast_error (self, read ? _("Not marked read") : _("Not marked unread"),
                 read ? _("Could not mark the article read") : _("Could not mark the article unread"), error);
  update_article_actions (self);
}

static void
really_delete (ClipperWindow *self,
               gint64         article_id)
{
  g_autoptr (GError) error = NULL;

  if (!g_hash_table_remove (self->pending_deletes, &article_id))
    return;

  if (!clipper_store_delete_article (self->store, article_id, &error) &&
      !g_error_matches (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND))
    {
      toast_error (self, _("Not deleted"), _("Could not delete the article"), error);
      clipper_library_model_unhide (self->model, article_id);
      /* Back in the search results and on the Highlights page, which
       * leave out what pending_deletes holds. */
      pending_deletes_changed (self);
      update_articles_stack (self);
    }
  else
    clipper_review_page_drop_article (self->review_page, article_id);
  /* The list stays hidden until the store's "changed" reloads it, which
   * then forgets it: the list does not move meanwhile. */
}

static void
on_delete_toast_dismissed (AdwToast      *t,
                           ClipperWindow *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (t), "article-id"));

  really_delete (self, id);
}

/* What an article's Undo does besides bringing it back. */
typedef enum {
  REOPEN_NOT,       /* it was not open */
  REOPEN_SHOWN,     /* it was open */
  REOPEN_READING,   /* it was open with the keyboard in it */
} Reopen;

void
clipper_window_delete_article (ClipperWindow *self,
                               gint64         article_id)
{
  g_autoptr (ClipperArticle) article = NULL;
  g_autofree char *message = NULL;
  Reopen reopen = REOPEN_NOT;
  gint64 now = g_get_monotonic_time ();
  AdwToast *t;

  g_return_if_fail (CLIPPER_IS_WINDOW (self));

  article = clipper_store_get_article (self->store, article_id, NULL);
  if (article == NULL || g_hash_table_contains (self->pending_deletes, &article_id))
    return;

  clipper_library_model_hide (self->model, article_id);
  if (self->article_id == article_id)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

      /* Undo opens it again (and gives it the keyboard back if it had it):
       * it came back only in the list, the reader staying empty. */
      reopen = focus != NULL && self->reader != NULL &&
               (focus == self->reader || gtk_widget_is_ancestor (focus, self->reader))
                 ? REOPEN_READING : REOPEN_SHOWN;
      clipper_window_open_article (self, 0, 0);
    }

  /* The verb first: a long title is cut off at the toast's end, and with
   * it went "deleted", the one word that said what happened. */
  /* Translators: %s is the deleted article's title */
  message = g_strdup_printf (_("Deleted “%s”"), clipper_article_get_title (article));
  t = toast_new_text (message);
  adw_toast_set_button_label (t, _("_Undo"));
  adw_toast_set_action_name (t, "library.undo-delete");
  adw_toast_set_action_target_value (t, g_variant_new_int64 (article_id));
  adw_toast_set_priority (t, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data (G_OBJECT (t), "article-id", GSIZE_TO_POINTER ((gsize) article_id));
  g_object_set_data (G_OBJECT (t), "reopen", GINT_TO_POINTER (reopen));
  /* For Ctrl+Z, which undoes the pending deletes newest first. */
  g_object_set_data_full (G_OBJECT (t), "deleted-us", g_memdup2 (&now, sizeof now), g_free);
  g_signal_connect_object (t, "dismissed", G_CALLBACK (on_delete_toast_dismissed), self, 0);
  g_hash_table_insert (self->pending_deletes, g_memdup2 (&article_id, sizeof article_id), t);
  clipper_toast_add (self->toast_overlay, t);
  pending_deletes_changed (self);
  update_articles_stack (self);
}

void
clipper_window_undo_delete (ClipperWindow *self,
                            gint64         article_id)
{
  Reopen reopen;
  AdwToast *t;

  g_return_if_fail (CLIPPER_IS_WINDOW (self));

  t = g_hash_table_lookup (self->pending_deletes, &article_id);
  if (t == NULL)
    return;

  reopen = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (t), "reopen"));
  g_hash_table_remove (self->pending_deletes, &article_id);
  clipper_library_model_unhide (self->model, article_id);
  g_signal_handlers_disconnect_by_func (t, on_delete_toast_dismissed, self);
  clipper_toast_dismiss (t);
  pending_deletes_changed (self);
  update_articles_stack (self);
  /* Open again if it was open when deleted, unless another one is open now. */
  if (reopen != REOPEN_NOT && self->article_id == 0)
    {
      clipper_window_open_article (self, article_id, 0);
      if (reopen == REOPEN_READING)
        focus_reader (self);
    }
}

void
clipper_window_flush_deletes (ClipperWindow *self)
{
  g_autoptr (GList) ids = NULL;

  g_return_if_fail (CLIPPER_IS_WINDOW (self));

  ids = g_hash_table_get_keys (self->pending_deletes);
  for (GList *l = ids; l != NULL; l = l->next)
    {
      gint64 id = *(gint64 *) l->data;
      AdwToast *t = g_hash_table_lookup (self->pending_deletes, &id);

      g_signal_handlers_disconnect_by_func (t, on_delete_toast_dismissed, self);
      really_delete (self, id);
    }
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);

  if (self->article_id != 0)
    clipper_window_delete_article (self, self->article_id);
}

/* Delete on the Highlights page: the highlight whose row has the keyboard
 * goes, with the toast and Undo (its button, or Ctrl+Z) the reader's
 * Delete gives, and the keyboard moves on to the next row.  Before, Delete
 * did nothing there: a highlight was deleted from its article's panel. */
static gboolean
delete_page_highlight (ClipperWindow *self)
{
  ClipperHighlight *focused = clipper_review_page_get_focused (self->review_page);
  g_autoptr (ClipperHighlight) h = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id;
  AdwToast *t;

  if (focused == NULL)
    return FALSE;
  if (self->read_only)
    {
      /* Translators: the Delete key on the Highlights page of a read-only library */
      toast_read_only (self, _("Not deleted"));
      return TRUE;
    }
  h = g_object_ref (focused);
  id = clipper_highlight_get_id (h);
  if (!clipper_store_delete_highlight (self->store, id, &error))
    {
      toast_error (self, _("Not deleted"), _("Could not delete the highlight"), error);
      return TRUE;
    }
  /* The page takes the row out when the store says it went, keeping the
   * keyboard at its place: the next row. */

  t = toast_new_text (_("Highlight deleted"));
  adw_toast_set_button_label (t, _("_Undo"));
  adw_toast_set_action_name (t, "library.undo-delete-highlight");
  adw_toast_set_action_target_value (t, g_variant_new_int64 (id));
  clipper_highlight_undo_push (self->deleted_highlights, h, self->toast_overlay, t);
  return TRUE;
}

/* Brings back @taken (transfer full, nullable), a highlight taken from
 * self->deleted_highlights. */
static void
undo_delete_highlight (ClipperWindow    *self,
                       ClipperHighlight *taken)
{
  g_autoptr (ClipperHighlight) h = taken;
  g_autoptr (GError) error = NULL;

  if (h == NULL)
    return;
  if (!clipper_store_restore_highlight (self->store, h, &error))
    {
      toast_error (self, _("Not restored"), _("Could not restore the highlight"), error);
      return;
    }
  /* Its row is selected and gets the keyboard, which stayed on the next
   * row (QA), unless the keyboard is in the reader: Ctrl+Z came from the
   * page, the toast's Undo from its button, which goes with the toast. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "highlights") == 0)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

      clipper_review_page_select_when_back (self->review_page, clipper_highlight_get_id (h),
                                            focus == NULL || !gtk_widget_is_ancestor (focus, self->reader_pane));
    }
}

static void
undo_delete_highlight_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);

  undo_delete_highlight (self, clipper_highlight_undo_take (self->deleted_highlights,
                                                            g_variant_get_int64 (parameter),
                                                            CLIPPER_HIGHLIGHT_UNDO_DELETE));
}

/* The Delete key deletes an article only where the keyboard is on it in
 * the list: the row with the focus ring (the open article's, as a rule,
 * but another article opened from a search hit or the Shell leaves the
 * ring where it was).  In the reader it removes a highlight and never the
 * article (the reader's own keys): a reader one character off a highlight
 * lost the article, its highlights and notes.  On the Highlights page,
 * with a highlight's row focused, it deleted the article open behind the
 * page: there it deletes that highlight. */
static gboolean
delete_key (GtkWidget *widget,
            GVariant  *args,
            gpointer   user_data)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *row;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "highlights") == 0)
    return delete_page_highlight (self);
  if (focus == NULL)
    return FALSE;
  row = gtk_widget_get_first_child (focus);
  if (gtk_widget_is_ancestor (focus, GTK_WIDGET (self->article_list)) && CLIPPER_IS_ARTICLE_ROW (row) &&
      clipper_article_row_get_article (CLIPPER_ARTICLE_ROW (row)) != NULL)
    {
      clipper_window_delete_article (self,
                                     clipper_article_get_id (clipper_article_row_get_article (CLIPPER_ARTICLE_ROW (row))));
      return TRUE;
    }
  if (self->article_id == 0 ||
      !(gtk_widget_is_ancestor (focus, GTK_WIDGET (self->article_list)) || focus == GTK_WIDGET (self->article_list)))
    return FALSE;
  return gtk_widget_activate_action (widget, "library.delete", NULL);
}

/* The newest article delete still pending (its toast shown or queued):
 * its id, and when it was deleted in @out_us, or 0. */
static gint64
newest_pending_delete (ClipperWindow *self,
                       gint64        *out_us)
{
  GHashTableIter iter;
  gpointer key, value;
  gint64 newest = 0;

  *out_us = 0;
  g_hash_table_iter_init (&iter, self->pending_deletes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 *us = g_object_get_data (G_OBJECT (value), "deleted-us");

      if (us != NULL && *us > *out_us)
        {
          *out_us = *us;
          newest = *(gint64 *) key;
        }
    }
  return newest;
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);
  gint64 article_us;
  gint64 article_id = newest_pending_delete (self, &article_us);
  gint64 page_us = clipper_highlight_undo_get_newest_time (self->deleted_highlights);
  gint64 reader_us = CLIPPER_IS_READER_VIEW (self->reader)
                       ? clipper_reader_view_get_undo_time (CLIPPER_READER_VIEW (self->reader)) : 0;

  /* The most recent delete still undoable, if any: an article's (each
   * whose toast is shown or queued, newest first: only the last was
   * reachable, and the others were then deleted for good under their
   * toasts' Undo, QA-s 1), a highlight's in the reader (its own toast, a
   * re-attach's too) or one's on the Highlights page. */
  if (reader_us > article_us && reader_us > page_us)
    {
      clipper_reader_view_undo (CLIPPER_READER_VIEW (self->reader));
      return;
    }
  if (page_us > article_us)
    {
      undo_delete_highlight (self, clipper_highlight_undo_take_newest (self->deleted_highlights, NULL));
      return;
    }
  if (article_id != 0)
    clipper_window_undo_delete (self, article_id);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  clipper_window_undo_delete (CLIPPER_WINDOW (widget), g_variant_get_int64 (parameter));
}

static void
on_tag_dialog_response (AdwMessageDialog *dialog,
                        const char       *response,
                        ClipperWindow    *self)
{
  ClipperTagChips *chips = CLIPPER_TAG_CHIPS (adw_message_dialog_get_extra_child (dialog));
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "article-id"));
  g_autoptr (ClipperArticle) article = NULL;
  g_auto (GStrv) wanted = NULL;
  g_autoptr (GPtrArray) add = g_ptr_array_new_null_terminated (0, NULL, TRUE);
  g_autoptr (GPtrArray) remove = g_ptr_array_new_null_terminated (0, NULL, TRUE);
  g_autoptr (GError) error = NULL;
  const char *const *have;

  if (!g_str_equal (response, "apply"))
    return;

  article = clipper_store_get_article (self->store, id, &error);
  if (article == NULL)
    {
      toast_error (self, _("Not tagged"), _("Could not tag the article"), error);
      return;
    }

  /* A tag typed and not yet added is applied with the others. */
  clipper_tag_chips_commit (chips);
  wanted = clipper_tag_chips_dup_tags (chips);
  for (guint i = 0; wanted[i] != NULL; i++)
    g_ptr_array_add (add, wanted[i]);
  have = clipper_article_get_tags (article);
  for (guint i = 0; have != NULL && have[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) wanted, have[i]))
      g_ptr_array_add (remove, (gpointer) have[i]);

  if ((remove->len > 0 && !clipper_store_untag_article (self->store, id, (const char * const *) remove->pdata, &error)) ||
      (add->len > 0 && !clipper_store_tag_article (self->store, id, (const char * const *) add->pdata, &error)))
    toast_error (self, _("Not tagged"), _("Could not tag the article"), error);
}

static void
tag_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);
  g_autoptr (ClipperArticle) article = dup_current (self);
  g_autoptr (GtkBuilder) builder = NULL;
  g_auto (GStrv) tags = NULL;
  AdwMessageDialog *dialog;
  ClipperTagChips *chips;

  if (article == NULL)
    return;

  g_type_ensure (CLIPPER_TYPE_TAG_CHIPS);
  builder = gtk_builder_new_from_resource ("/org/example/Clipper/ui/clipper-tag-dialog.ui");
  dialog = ADW_MESSAGE_DIALOG (gtk_builder_get_object (builder, "dialog"));
  chips = CLIPPER_TAG_CHIPS (gtk_builder_get_object (builder, "chips"));
  /* The library's tags, as the highlight panel's tags field offers them. */
  tags = clipper_store_list_tags (self->store, NULL);
  clipper_tag_chips_set_completion (chips, (const char *const *) tags);
  clipper_tag_chips_set_tags (chips, clipper_article_get_tags (article));
  g_object_set_data (G_OBJECT (dialog), "article-id", GSIZE_TO_POINTER ((gsize) self->article_id));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect (dialog, "response", G_CALLBACK (on_tag_dialog_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
  /* The keyboard in the entry, for the next tag, not on the first chip's
   * remove button, where Space or Enter would take a tag off. */
  gtk_widget_grab_focus (GTK_WIDGET (clipper_tag_chips_get_entry (chips)));
}

/* Nothing may be there to open the page (no browser, an address of a
 * kind no application takes): say so rather than nothing. */
static void
open_original_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr (ClipperWindow) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      self->toast_overlay != NULL)
    toast_error (self, _("Page not opened"), _("Could not open the original page"), error);
}

static void
open_original_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);
  g_autoptr (ClipperArticle) article = dup_current (self);

  if (article != NULL && clipper_article_get_url (article) != NULL)
    gtk_show_uri_full (GTK_WINDOW (self), clipper_article_get_url (article), GDK_CURRENT_TIME,
                       NULL, open_original_done, g_object_ref (self));
}

/* ------------------------------------------------------------------ */
/* Fetch Again: the article's page fetched and extracted anew, its
 * highlights placed again on the new text (clipper_saver_update_async()). */

typedef struct {
  ClipperWindow *self;       /* strong */
  gint64 article_id;
  char *title;               /* to name it in the toast */
  char *url;                 /* to name it when it fails */
  guint orphans_before;      /* not placed before the update */
} Update;

static void
update_free (Update *update)
{
  g_object_unref (update->self);
  g_free (update->title);
  g_free (update->url);
  g_free (update);
}

/* How many of the article's highlights the update made orphans: the
 * orphans after it, less those it found orphans (the counts are of every
 * highlight; one it placed again counts among those placed). */
static guint
new_orphans (const ClipperReanchorCounts *counts,
             guint                        orphans_before)
{
  return counts->orphaned > orphans_before ? counts->orphaned - orphans_before : 0;
}

/* What the toast says of an update that went through. */
static char *
describe_update (const char                  *title,
                 const ClipperReanchorCounts *counts,
                 guint                        orphans_before)
{
  guint placed = counts->exact + counts->fuzzy;
  guint lost = new_orphans (counts, orphans_before);

  if (lost > 0 && orphans_before > 0)
    /* Translators: %s is the article's title; some of its highlights had no place already */
    return g_strdup_printf (ngettext ("“%s” updated; %u more highlight could not be placed",
                                      "“%s” updated; %u more highlights could not be placed", lost),
                            title, lost);
  if (lost > 0)
    /* Translators: %s is the article's title */
    return g_strdup_printf (ngettext ("“%s” updated; %u highlight could not be placed",
                                      "“%s” updated; %u highlights could not be placed", lost),
                            title, lost);
  /* Placed on edited words is not "in place": the user reads them again
   * (QA-p finding 6; the CLI says "1 exact, 2 fuzzy"). */
  if (counts->reworded > 0)
    /* Translators: %s is the article's title; the page's words under the highlights changed */
    return g_strdup_printf (ngettext ("“%s” updated; %u highlight now reads differently",
                                      "“%s” updated; %u highlights now read differently", counts->reworded),
                            title, counts->reworded);
  if (counts->orphaned > 0)
    /* Translators: %s is the article's title; the highlights that had a place still have one */
    return g_strdup_printf (_("“%s” updated; no highlight lost its place"), title);
  if (placed > 0)
    /* Translators: %s is the article's title */
    return g_strdup_printf (ngettext ("“%s” updated; its highlight is in place",
                                      "“%s” updated; all %u highlights are in place", placed),
                            title, placed);
  /* Translators: %s is the article's title */
  return g_strdup_printf (_("“%s” updated"), title);
}

/* A title short enough for a toast, on its one line. */
static char *
short_title (const char *title)
{
  const glong max = 40;
  g_autofree char *line = clipper_text_dup_one_line (title);
  g_autofree char *cut = NULL;

  if (g_utf8_strlen (line, -1) <= max)
    return g_steal_pointer (&line);
  cut = g_utf8_substring (line, 0, max - 1);
  return g_strconcat (g_strstrip (cut), "…", NULL);
}

/* The article's first highlight not placed in its text (or 0), and how
 * many there are. */
static gint64
first_orphan (ClipperWindow *self, gint64 article_id, guint *out_count)
{
  ClipperHighlightQuery query = { 0 };
  g_autoptr (GPtrArray) highlights = NULL;
  gint64 first = 0;
  guint count = 0;

  query.article_id = article_id;
  highlights = clipper_store_list_highlights (self->store, &query, NULL);
  for (guint i = 0; highlights != NULL && i < highlights->len; i++)
    if (!clipper_highlight_get_anchored (g_ptr_array_index (highlights, i)))
      {
        if (count++ == 0)
          first = clipper_highlight_get_id (g_ptr_array_index (highlights, i));
      }
  if (out_count != NULL)
    *out_count = count;
  return first;
}

/* The article's first highlight placed on words that are not those it
 * was made on (or 0). */
static gint64
first_changed (ClipperWindow *self, gint64 article_id)
{
  ClipperHighlightQuery query = { 0 };
  g_autoptr (GPtrArray) highlights = NULL;

  query.article_id = article_id;
  highlights = clipper_store_list_highlights (self->store, &query, NULL);
  for (guint i = 0; highlights != NULL && i < highlights->len; i++)
    {
      ClipperHighlight *h = g_ptr_array_index (highlights, i);

      if (clipper_highlight_get_anchored (h) && clipper_highlight_get_quote_before_change (h) != NULL)
        return clipper_highlight_get_id (h);
    }
  return 0;
}

static void start_update (ClipperWindow *self, ClipperArticle *article, ClipperSaverUpdateFlags flags);

static void
on_replace_response (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  ClipperWindow *self = CLIPPER_WINDOW (gtk_window_get_transient_for (GTK_WINDOW (dialog)));
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "clipper-article-id"));
  g_autoptr (ClipperArticle) article = NULL;

  /* (The window closed meanwhile.) */
  if (g_strcmp0 (response, "replace") != 0 || self == NULL || self->updating == NULL)
    return;
  /* (Deleted meanwhile: nothing to replace.) */
  article = clipper_store_get_article (self->store, id, NULL);
  if (article != NULL)
    start_update (self, article, CLIPPER_SAVER_UPDATE_REPLACE);
}

/* Fetch Again found that the page no longer holds the article (it leads
 * to another, or lost most of the text the highlights were on) and
 * changed nothing: replacing it would lose the saved text and page for
 * good, so the user decides, Cancel first. */
static void
ask_to_replace (ClipperWindow               *self,
                gint64                       article_id,
                const char                  *new_title,
                const ClipperReanchorCounts *counts)
{
  g_autoptr (ClipperArticle) article = clipper_store_get_article (self->store, article_id, NULL);
  guint lost = CLIPPER_REANCHOR_COUNTS_LOST (counts);
  guint were_placed = CLIPPER_REANCHOR_COUNTS_WERE_PLACED (counts);
  g_autofree char *title = clipper_text_dup_one_line (new_title != NULL ? new_title : "");
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (article == NULL)
    return;
  /* The verb goes with the highlights that would lose their place: by the
   * count of all, "1 of 3 highlights would lose their place". */
  if (lost > 0 && lost == were_placed)
    /* Translators: the first %s is the article's web address, the second the title of the page found there;
     * the two numbers are the same: every highlight would lose its place */
    body = g_strdup_printf (ngettext ("The page at %s is now “%s”; %u of %u highlight would lose its place.",
                                      "The page at %s is now “%s”; %u of %u highlights would lose their place.",
                                      lost),
                            clipper_article_get_url (article), title, lost, were_placed);
  else if (lost > 0)
    /* Translators: the first %s is the article's web address, the second the title of the page found there;
     * then how many highlights would lose their place (the plural goes by it), of how many had one */
    body = g_strdup_printf (ngettext ("The page at %s is now “%s”; %u of %u highlights would lose its place.",
                                      "The page at %s is now “%s”; %u of %u highlights would lose their place.",
                                      lost),
                            clipper_article_get_url (article), title, lost, were_placed);
  else
    /* Translators: the first %s is the article's web address, the second the title of the page found there */
    body = g_strdup_printf (_("The page at %s is now “%s”, which keeps little of the saved text."),
                            clipper_article_get_url (article), title);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Replace the saved article?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "replace", _("_Replace"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "clipper-article-id", GSIZE_TO_POINTER (article_id));
  g_signal_connect (dialog, "response", G_CALLBACK (on_replace_response), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* @t says what the last Fetch Again of @article_id came to: the toast of
 * the one before, if it still shows or waits, goes, one that stays too.
 * Each waited behind the other, and an older "all 6 highlights are in
 * place" came after the newer "1 highlight lost its place", saying the
 * opposite. */
static void
add_update_toast (ClipperWindow *self,
                  gint64         article_id,
                  AdwToast      *t)
{
  g_autofree char *kind = g_strdup_printf ("update:%" G_GINT64_FORMAT, article_id);

  clipper_toast_add_replacing (self->toast_overlay, t, kind, TRUE);
}

static void
update_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Update *update = user_data;
  ClipperWindow *self = update->self;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  ClipperSaveReport report;
  ClipperReanchorCounts counts;
  guint n_missing;
  gboolean ok;

  ok = clipper_saver_update_finish (result, &report, &error);
  counts = report.counts;
  n_missing = report.n_images_missing;
  if (self->updating == NULL || self->destroyed ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* The window went away meanwhile. */
      update_free (update);
      return;
    }
  g_hash_table_remove (self->updating, &update->article_id);

  /* Nothing was changed: the page is no longer the saved article, which
   * the user may still want replaced. */
  if (g_error_matches (error, CLIPPER_SAVER_ERROR, CLIPPER_SAVER_ERROR_OTHER_ARTICLE))
    {
      update_article_actions (self);
      ask_to_replace (self, update->article_id, clipper_saver_update_get_title (result), &counts);
      g_signal_emit (self, signals[ARTICLE_UPDATED], 0, update->article_id, error->message);
      update_free (update);
      return;
    }

  /* The worker wrote through its own connection: read it now rather than
   * waiting for the store's poll. */
  clipper_library_model_reload (self->model);
  on_store_changed (self);
  if (self->reader != NULL && self->article_id == update->article_id &&
      clipper_reader_view_get_article_id (CLIPPER_READER_VIEW (self->reader)) == update->article_id)
    clipper_reader_view_load_article (CLIPPER_READER_VIEW (self->reader), update->article_id, NULL);

  if (ok && n_missing > 0)
    {
      /* As a save says it: the reader shows their alt text, and the next
       * Fetch Again tries them again. */
      g_autofree char *updated = describe_update (update->title, &counts, update->orphans_before);

      /* Translators: %s says what was updated, e.g. “Tides” updated; all 3 highlights are in place */
      message = g_strdup_printf (ngettext ("%s; %u image could not be downloaded",
                                           "%s; %u images could not be downloaded", n_missing),
                                 updated, n_missing);
    }
  else if (ok)
    message = describe_update (update->title, &counts, update->orphans_before);
  else if (g_error_matches (error, CLIPPER_SAVER_ERROR, CLIPPER_SAVER_ERROR_IMAGES_NOT_STORED))
    {
      /* The text and the highlights are new; only the pictures are not.
       * Why the library could not be written is for the log: the toast
       * says what the reader has now. */
      g_autofree char *updated = describe_update (update->title, &counts, update->orphans_before);

      g_warning ("%s", error->message);
      /* Translators: %s says what was updated, e.g. “Tides” updated; all 3 highlights are in place */
      message = g_strdup_printf (_("%s, but its images could not be stored"), updated);
    }
  else
    {
      g_autofree char *reason = dup_fetch_failure (update->url, error);

      /* Translators: %s is the article's title; why follows, as a failed
       * save's Details say it */
      message = g_strdup_printf (_("“%s” not updated: %s"), update->title, reason);
    }
  /* As a save says it: the page now shows only a teaser, which took the
   * article's place (a refetch refuses another article, not a shorter
   * one whose highlights keep their place). */
  if (ok && (report.notices & CLIPPER_SAVE_NOTICE_PREVIEW))
    {
      g_autofree char *updated = g_steal_pointer (&message);

      /* Translators: %s says what was updated, e.g. “Tides” updated; all 3 highlights are in place */
      message = g_strdup_printf (_("%s, but the page may be only a preview: it asks to subscribe"), updated);
    }
  if (ok && new_orphans (&counts, update->orphans_before) > 0)
    {
      /* The orphans wait in the reader's panel: Show goes to the first,
       * ready to be attached again.  What matters, in words that fit, and
       * until it is closed or acted on, as a failure: "“Just-released
       * Minecraft exploit makes i…” updated; 1 highlight could not be
       * placed; 1 image could not be do…" went after 6 s, cut off at 1100
       * px.  The title is the article's that Show opens, whose missing
       * images are boxes with their alt text. */
      guint lost = new_orphans (&counts, update->orphans_before);
      g_autofree char *title = NULL;
      AdwToast *t;

      if (update->orphans_before > 0)
        /* Translators: some of the article's highlights had no place already */
        title = g_strdup_printf (ngettext ("%u more highlight lost its place",
                                           "%u more highlights lost their place", lost), lost);
      else
        title = g_strdup_printf (ngettext ("%u highlight lost its place",
                                           "%u highlights lost their place", lost), lost);
      /* A teaser in the article's place is why they lost it, often: said
       * after them, in the one toast that stays (a toast of its own was
       * taken by this one, and the preview went unsaid). */
      if (report.notices & CLIPPER_SAVE_NOTICE_PREVIEW)
        {
          g_autofree char *lost_title = g_steal_pointer (&title);

          /* Translators: %s says how many highlights lost their place, e.g. 1 highlight lost its place */
          title = g_strdup_printf (_("%s; the page may be only a preview"), lost_title);
        }
      t = toast_new_text (title);
      adw_toast_set_timeout (t, 0);
      adw_toast_set_button_label (t, _("_Show"));
      adw_toast_set_action_name (t, "win.show-highlight");
      adw_toast_set_action_target_value (t, g_variant_new ("(xx)", update->article_id,
                                                           first_orphan (self, update->article_id, NULL)));
      add_update_toast (self, update->article_id, t);
    }
  else if (ok && counts.reworded > 0)
    {
      /* Highlights on edited words: Show goes to the first, whose row
       * says what it read when highlighted.  Up until closed, as for lost
       * ones: a toast gone in seconds was easily missed. */
      AdwToast *t = toast_new_text (message);

      adw_toast_set_timeout (t, 0);
      adw_toast_set_button_label (t, _("_Show"));
      adw_toast_set_action_name (t, "win.show-highlight");
      adw_toast_set_action_target_value (t, g_variant_new ("(xx)", update->article_id,
                                                           first_changed (self, update->article_id)));
      add_update_toast (self, update->article_id, t);
    }
  else if (!ok && !g_error_matches (error, CLIPPER_SAVER_ERROR, CLIPPER_SAVER_ERROR_IMAGES_NOT_STORED))
    {
      /* Why, in the words of a failed save ("Page not found", "No
       * connection"): "Not updated" alone said nothing of it.  Retry only
       * where trying again can help, as for a save. */
      const char *why = get_fetch_failure_title (error);
      AdwToast *t;

      /* Translators: a failed Fetch Again, short; the title and why are behind Details */
      t = failure_toast_new (self, why != NULL ? why : _("Not updated"), message, NULL);
      add_update_toast (self, update->article_id, t);
      if (clipper_fetch_error_is_temporary (error))
        self->failure_update_id = update->article_id;
    }
  else
    {
      AdwToast *t = toast_new_text (message);

      adw_toast_set_timeout (t, 4);
      add_update_toast (self, update->article_id, t);
    }
  g_signal_emit (self, signals[ARTICLE_UPDATED], 0, update->article_id, ok ? NULL : error->message);
  update_free (update);
}

/* (article id, highlight id or 0) */
static void
show_highlight_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);
  gint64 article_id = 0, highlight_id = 0;

  g_variant_get (parameter, "(xx)", &article_id, &highlight_id);
  /* An article deleted but for its Undo is gone from the list: opened,
   * it went from under the reader when the toast did (review 20, 8). */
  if (self->pending_deletes != NULL && g_hash_table_contains (self->pending_deletes, &article_id))
    return;
  clipper_window_open_article (self, article_id, highlight_id);
}

/* Fetches @article again, unless that runs already; @flags as for
 * clipper_saver_update_async(). */
static void
start_update (ClipperWindow           *self,
              ClipperArticle          *article,
              ClipperSaverUpdateFlags  flags)
{
  g_autoptr (GCancellable) cancellable = NULL;
  gint64 id = clipper_article_get_id (article);
  gint64 *key;
  Update *update;

  if (self->updating == NULL || g_hash_table_contains (self->updating, &id))
    return;

  update = g_new0 (Update, 1);
  update->self = g_object_ref (self);
  update->article_id = id;
  update->title = short_title (clipper_article_get_title (article) != NULL ? clipper_article_get_title (article)
                                                                           : clipper_article_get_url (article));
  update->url = g_strdup (clipper_article_get_url (article) != NULL ? clipper_article_get_url (article) : "");
  first_orphan (self, update->article_id, &update->orphans_before);
  cancellable = g_cancellable_new ();
  key = g_new (gint64, 1);
  *key = update->article_id;
  g_hash_table_insert (self->updating, key, g_object_ref (cancellable));
  update_article_actions (self);

  if (self->fetcher == NULL)
    self->fetcher = clipper_fetcher_new ();
  clipper_saver_update_async (self->store, self->fetcher, update->article_id, flags, cancellable, update_done,
                              update);
}

static void
refetch_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);
  g_autoptr (ClipperArticle) article = dup_current (self);

  if (article != NULL)
    start_update (self, article, CLIPPER_SAVER_UPDATE_NONE);
}

/* A failed Fetch Again's Retry, and Fetch Again of a page saved again
 * that has changed: the article it was for, whichever is open now. */
static void
retry_update_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);
  g_autoptr (ClipperArticle) article = clipper_store_get_article (self->store, g_variant_get_int64 (parameter), NULL);

  if (article != NULL)
    start_update (self, article, CLIPPER_SAVER_UPDATE_NONE);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  on_store_changed (CLIPPER_WINDOW (widget));
  clipper_library_model_reload (CLIPPER_WINDOW (widget)->model);
}

static void
filter_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  clipper_window_set_filter (CLIPPER_WINDOW (widget), (guint) g_variant_get_int32 (parameter));
}

/* ------------------------------------------------------------------ */
/* Export and import                                                    */

/* The user's colour meanings from GSettings, for exports. */
static ClipperExportOptions *
export_options_new (ClipperWindow *self)
{
  ClipperExportOptions *options = clipper_export_options_new ();
  g_autoptr (GVariant) names = g_settings_get_value (self->settings, "color-names");
  GVariantIter iter;
  const char *color;
  const char *meaning;

  options->color_meanings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_variant_iter_init (&iter, names);
  while (g_variant_iter_next (&iter, "{&s&s}", &color, &meaning))
    if (*meaning != '\0')
      g_hash_table_insert (options->color_meanings, g_strdup (color), g_strdup (meaning));

  return options;
}

/* The open article as Markdown; NULL with a toast on failure. */
static char *
render_current_markdown (ClipperWindow *self)
{
  g_autoptr (ClipperArticle) article = dup_current (self);
  g_autoptr (ClipperExportOptions) options = NULL;
  g_autoptr (GPtrArray) highlights = NULL;
  g_autoptr (GError) error = NULL;
  ClipperHighlightQuery query = { 0 };
  char *markdown;

  if (article == NULL)
    return NULL;

  query.article_id = clipper_article_get_id (article);
  highlights = clipper_store_list_highlights (self->store, &query, &error);
  if (highlights == NULL)
    {
      toast_error (self, _("Highlights not read"), _("Could not read the highlights"), error);
      return NULL;
    }

  options = export_options_new (self);
  markdown = clipper_markdown_render_article (article, highlights, options, &error);
  if (markdown == NULL)
    toast_error (self, _("No Markdown made"), _("Could not make the Markdown"), error);
  return markdown;
}

static void
copy_markdown_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);
  g_autofree char *markdown = render_current_markdown (self);
  g_autoptr (GString) pasted = NULL;
  const char *body;

  if (markdown == NULL)
    return;
  /* What is pasted into a note: the file's front matter and Clipper's
   * section marks belong to a file of its own, not there. */
  body = markdown;
  if (g_str_has_prefix (body, "---\n") && (body = strstr (body + 4, "\n---\n")) != NULL)
    body += 5;
  else
    body = markdown;
  pasted = g_string_new (body);
  g_string_replace (pasted, CLIPPER_MARKDOWN_BEGIN_MARK "\n", "", 0);
  g_string_replace (pasted, CLIPPER_MARKDOWN_END_MARK "\n", "", 0);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), pasted->str);
  toast (self, _("Copied as Markdown"));
}

/* One native file chooser at a time; @done gets the file the user accepted. */
static void
on_chooser_response (GtkNativeDialog *chooser,
                     int              response,
                     ClipperWindow   *self)
{
  void (*done) (ClipperWindow *, GFile *) = self->chooser_done;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GListModel) files = NULL;

  if (response == GTK_RESPONSE_ACCEPT && gtk_file_chooser_get_select_multiple (GTK_FILE_CHOOSER (chooser)))
    {
      files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      if (g_list_model_get_n_items (files) > 0)
        file = g_list_model_get_item (files, 0);
    }
  else if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    {
      /* The next dialog starts where the user went last. */
      g_clear_object (&self->last_folder);
      if (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)) == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER)
        self->last_folder = g_object_ref (file);
      else
        self->last_folder = g_file_get_parent (file);
      if (self->chooser_key != NULL)
        {
          g_autofree char *path = g_file_get_path (self->last_folder);

          if (path != NULL)
            g_settings_set_string (self->settings, self->chooser_key, path);
        }
    }
  g_clear_object (&self->chooser);
  self->chooser_done = NULL;
  self->chooser_key = NULL;
  if (files != NULL && done != NULL)
    for (guint i = 0; i < g_list_model_get_n_items (files); i++)
      {
        g_autoptr (GFile) each = g_list_model_get_item (files, i);

        done (self, each);
      }
  else if (file != NULL && done != NULL)
    done (self, file);
}

/* Where a file dialog starts: see clipper_dup_start_folder(). */
static GFile *
dup_start_folder (ClipperWindow *self)
{
  return clipper_dup_start_folder (self->last_folder, clipper_store_get_path (self->store));
}

/* The chooser show_chooser() shows, for a caller that sets more first;
 * it starts in @start, or where dup_start_folder() says.  (Its folder set
 * twice, the dialog GTK falls back on without a portal opened in neither.) */
static GtkFileChooser *
new_chooser (ClipperWindow        *self,
             const char           *title,
             GtkFileChooserAction  action,
             const char           *accept_label,
             const char           *current_name,
             GtkFileFilter        *filter,
             GFile                *start,
             void                (*done) (ClipperWindow *self, GFile *file))
{
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept_label, _("_Cancel"));
  self->chooser_done = done;
  self->chooser_key = NULL;
  {
    g_autoptr (GFile) folder = start != NULL ? g_object_ref (start) : dup_start_folder (self);

    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  }
  if (current_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), current_name);
  if (filter != NULL)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  return GTK_FILE_CHOOSER (self->chooser);
}

static void
show_chooser (ClipperWindow        *self,
              const char           *title,
              GtkFileChooserAction  action,
              const char           *accept_label,
              const char           *current_name,
              GtkFileFilter        *filter,
              void                (*done) (ClipperWindow *self, GFile *file))
{
  new_chooser (self, title, action, accept_label, current_name, filter, NULL, done);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Whether @folder is @vault_path or inside it. */
static gboolean
in_folder (GFile      *folder,
           const char *vault_path)
{
  g_autoptr (GFile) vault = NULL;

  if (*vault_path == '\0')
    return FALSE;
  vault = g_file_new_for_path (vault_path);
  return g_file_equal (folder, vault) || g_file_has_prefix (folder, vault);
}

/* An export's dialog starts where that kind of export went last (@key),
 * remembered across runs: one folder for every dialog had Export Library
 * as JSON propose clipper-library.json inside the Obsidian vault just
 * exported to, and the article's Export…, remembered by nothing after a
 * restart, opened in the home folder.  An export not made before starts
 * where the user went last, but a file goes beside the vault, not into it. */
static void
show_export_chooser (ClipperWindow        *self,
                     const char           *key,
                     const char           *title,
                     GtkFileChooserAction  action,
                     const char           *current_name,
                     void                (*done) (ClipperWindow *self, GFile *file))
{
  g_autofree char *last = g_settings_get_string (self->settings, key);
  g_autoptr (GFile) start = NULL;

  if (*last != '\0' && g_file_test (last, G_FILE_TEST_IS_DIR))
    {
      g_autoptr (GFile) remembered = g_file_new_for_path (last);

      start = clipper_dup_start_folder (remembered, clipper_store_get_path (self->store));
    }
  else if (action == GTK_FILE_CHOOSER_ACTION_SAVE)
    {
      g_autofree char *vault = g_settings_get_string (self->settings, "vault-folder");
      g_autofree char *markdown = g_settings_get_string (self->settings, "export-markdown-folder");

      g_autoptr (GFile) outside = dup_start_folder (self);

      while ((in_folder (outside, vault) || in_folder (outside, markdown)) && g_file_has_parent (outside, NULL))
        {
          GFile *parent = g_file_get_parent (outside);

          g_object_unref (outside);
          outside = parent;
        }
      start = clipper_dup_start_folder (outside, clipper_store_get_path (self->store));
    }
  new_chooser (self, title, action, _("_Export"), current_name, NULL, start, done);
  /* A vault's folder is remembered when the export starts: the folder
   * chosen may get a "Clipper" of its own inside. */
  self->chooser_key = action == GTK_FILE_CHOOSER_ACTION_SAVE ? key : NULL;
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
export_article_chosen (ClipperWindow *self,
                       GFile         *file)
{
  g_autofree char *markdown = render_current_markdown (self);
  g_autoptr (ClipperArticle) article = dup_current (self);
  g_autofree char *existing = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *file_uid = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;

  if (markdown == NULL || article == NULL)
    return;

  /* Over the article's own file (in a vault, say), as a vault export
   * writes: the user's keys and text around Clipper's section are kept. */
  uid = clipper_export_article_uid (article);
  if (g_file_load_contents (file, NULL, &existing, NULL, NULL, NULL))
    file_uid = clipper_markdown_file_uid (existing);
  if (file_uid != NULL && g_str_equal (file_uid, uid))
    {
      char *merged = clipper_markdown_merge (existing, markdown);

      g_free (markdown);
      markdown = merged;
    }

  /* Written whole, as every export writes its files: g_file_replace()
   * wrote a new file in place (cut short by a full disk, it stayed so) and
   * put a regular file in the place of a symbolic link.  A file with no
   * local path (a remote one the file chooser offers through GVfs) is
   * replaced as GIO does it. */
  path = g_file_get_path (file);
  if (path != NULL ? !clipper_replace_contents (path, markdown, -1, CLIPPER_REPLACE_FOLLOW_LINK, &error)
                   : !g_file_replace_contents (file, markdown, strlen (markdown), NULL, FALSE,
                                               G_FILE_CREATE_NONE, NULL, NULL, &error))
    {
      /* The writer's error is the reason alone; GIO's names the file. */
      if (path != NULL)
        g_prefix_error (&error, "cannot write '%s': ", path);
      toast_error (self, _("Export failed"), _("Could not export"), error);
    }
  else
    toast (self, _("Article exported"));
}

/* Ctrl+plus, Ctrl+minus, Ctrl+0 and Ctrl+scroll: the reader's text size,
 * in the Preferences' steps and bounds (clipper-reading-units.c). */
static void
change_text_size (ClipperWindow *self,
                  int            step)
{
  if (step == 0)
    g_settings_reset (self->settings, "font-size");
  else
    clipper_reading_units_step_text_size (self->settings, step);
}

/* The reading settings' "100%": the text size against the schema's
 * default, what Ctrl+0 goes back to, in Preferences' unit
 * (clipper-reading-units.c).  A screen reader hears what it is as well
 * as the number. */
static void
update_text_size_label (ClipperWindow *self)
{
  g_autoptr (GVariant) standard = g_settings_get_default_value (self->settings, "font-size");
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;

  label = clipper_reading_units_format_text_size (g_settings_get_int (self->settings, "font-size"),
                                                  g_variant_get_int32 (standard));
  gtk_button_set_label (self->text_size_button, label);
  /* Translators: the accessible name of the reading settings' text size
   * button, which goes back to the default size: "Text size 120%". */
  name = g_strdup_printf (_("Text size %s"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_size_button), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Default Text Size"), -1);
}

static void
text_size_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  change_text_size (CLIPPER_WINDOW (widget), g_variant_get_int32 (parameter));
}

static gboolean
on_reader_scroll (GtkEventControllerScroll *controller,
                  double                    dx,
                  double                    dy,
                  ClipperWindow            *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if ((state & GDK_CONTROL_MASK) == 0 || dy == 0)
    return FALSE;
  change_text_size (self, dy < 0 ? 1 : -1);
  return TRUE;
}

static void
export_article_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);
  g_autoptr (ClipperArticle) article = dup_current (self);
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;

  if (article == NULL)
    return;

  stem = clipper_markdown_file_name (clipper_article_get_title (article));
  name = g_strconcat (stem, ".md", NULL);
  show_export_chooser (self, "export-article-folder", _("Export Article"), GTK_FILE_CHOOSER_ACTION_SAVE, name,
                       export_article_chosen);
}

static void
job_progress (guint64  done,
              guint64  total,
              gpointer user_data)
{
  ClipperWindow *self = user_data;

  if (self->progress_bar == NULL)
    return;
  if (total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, MIN (1.0, (double) done / (double) total));
  else
    gtk_progress_bar_pulse (self->progress_bar);
}

static void
job_start (ClipperWindow *self,
           const char    *what)
{
  g_clear_object (&self->job_cancellable);
  self->job_cancellable = g_cancellable_new ();
  gtk_label_set_label (self->progress_label, what);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-library", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-library-json", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-folder", FALSE);
}

/* "Import Notes from Vault" is there when a vault folder is set (the menu
 * hides it otherwise); while a job runs it says to wait, like Import…. */
static void
update_import_vault (ClipperWindow *self)
{
  g_autofree char *dir = g_settings_get_string (self->settings, "vault-folder");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-vault", *dir != '\0' && !self->read_only);
}

static void
job_end (ClipperWindow *self)
{
  g_clear_object (&self->job_cancellable);
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  /* A vault export takes in what was edited in the vault before it
   * rewrites the files: in a library that cannot be written it failed
   * with the store's error.  The JSON export only reads. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-library", !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-library-json", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-folder", !self->read_only);
}

static void start_vault_export (ClipperWindow *self, const char *dir, gboolean quiet);
static void set_details (AdwToast *t, const char *heading, const char *summary, GPtrArray *lines, gint64 shown);
static gboolean import_next (ClipperWindow *self);
static void import_batch_toast (ClipperWindow *self);

/* Appends @part (freed) to *@message. */
static void
append_part (char **message,
             char  *part)
{
  char *both = g_strconcat (*message, part, NULL);

  g_free (part);
  g_free (*message);
  *message = both;
}

/* The vault folder is another library's vault: every export on change
 * would be refused again, a toast at each change.  Said once, and stopped
 * until the user chooses a folder of this library's own in Preferences. */
static void
stop_export_on_change (ClipperWindow *self)
{
  AdwToast *t = toast_new_text (_("Export on change turned off: the vault folder belongs to "
                                  "another Clipper library"));

  g_settings_set_boolean (self->settings, "export-on-change", FALSE);
  self->vault_again = FALSE;
  adw_toast_set_timeout (t, 0);
  adw_toast_set_button_label (t, _("_Preferences"));
  adw_toast_set_action_name (t, "win.vault-preferences");
  clipper_toast_add (self->toast_overlay, t);
}

/* The button of that toast: Preferences, where the folder is chosen, at
 * the vault's group (app.preferences opens it at its top, the group out
 * of sight). */
static void
vault_preferences_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);
  GtkWidget *prefs = clipper_preferences_window_new (GTK_WINDOW (self));

  clipper_preferences_window_set_store (CLIPPER_PREFERENCES_WINDOW (prefs), self->store);
  clipper_preferences_window_show_vault (CLIPPER_PREFERENCES_WINDOW (prefs));
  gtk_window_present (GTK_WINDOW (prefs));
}

/* An export refused because the folder is another library's vault: the
 * whole message (whose vault, and the three ways out) is too long for a
 * toast, which cut it off and was gone in 4 seconds.  The toast says what
 * happened and stays; the message is behind Details. */
static void
refuse_export (ClipperWindow *self,
               const GError  *error)
{
  /* Translators: a refused export, short: the folder is another library's vault (said in its Details) */
  AdwToast *t = toast_new_text (_("Not exported"));

  g_free (self->export_refusal);
  self->export_refusal = g_strdup (error->message);
  adw_toast_set_timeout (t, 0);
  adw_toast_set_button_label (t, _("_Details"));
  adw_toast_set_action_name (t, "win.export-details");
  g_set_object (&self->refusal_toast, t);
  clipper_toast_add (self->toast_overlay, t);
}

static void
vault_export_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr (ClipperWindow) self = user_data;
  ClipperVaultStats stats = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *folder_uri = NULL;
  g_autofree char *dir = NULL;
  AdwToast *t;
  gboolean quiet;

  if (self->progress_revealer == NULL)
    return;   /* the window is gone */

  quiet = self->job_cancellable != NULL &&
          GPOINTER_TO_INT (g_object_get_data (G_OBJECT (self->job_cancellable), "quiet"));
  if (self->job_cancellable != NULL)
    {
      folder = g_strdup (g_object_get_data (G_OBJECT (self->job_cancellable), "folder"));
      folder_uri = g_strdup (g_object_get_data (G_OBJECT (self->job_cancellable), "folder-uri"));
      dir = g_strdup (g_object_get_data (G_OBJECT (self->job_cancellable), "dir"));
    }
  job_end (self);

  import_next (self);
  if (!clipper_markdown_export_vault_finish (result, &stats, &error))
    {
      if (quiet &&
          g_error_matches (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_OTHER_LIBRARY))
        stop_export_on_change (self);
      else if (g_error_matches (error, CLIPPER_EXPORT_ERROR, CLIPPER_EXPORT_ERROR_OTHER_LIBRARY))
        refuse_export (self, error);
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_error (self, _("Export failed"), _("Could not export"), error);
    }
  else if (!quiet || stats.conflicts > 0 || stats.moved > 0 || stats.not_read > 0 ||
           clipper_markdown_export_vault_get_notices (result)[0] != NULL)
    {
      const char *const *notices = clipper_markdown_export_vault_get_notices (result);
      const char *const *copies = clipper_markdown_export_vault_get_copies (result);
      /* Each count its own plural ("1 files written" read wrong). */
      g_autofree char *title =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u article", "Exported %u articles", stats.articles),
                         stats.articles);
      g_autofree char *message = g_strdup (title);

      for (guint i = 0; dir != NULL && copies[i] != NULL; i++)
        g_hash_table_add (self->copies_said, g_build_filename (dir, copies[i], NULL));

      /* Translators: after "Exported %u articles" */
      append_part (&message, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, " with %u highlight",
                                                           " with %u highlights", stats.highlights),
                                              stats.highlights));
      /* The folder by name: after "Export into “Documents”?" the files
       * went into a new "Clipper" inside, not the folder picked. */
      if (folder != NULL)
        /* Translators: after "Exported %u articles with %u highlights"; %s
         * is the folder's name, "Clipper" */
        append_part (&message, g_strdup_printf (_(" into “%s”"), folder));
      /* Translators: after "Exported %u articles with %u highlights into “%s”" */
      append_part (&message, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, " (%u file written, %u unchanged)",
                                                           " (%u files written, %u unchanged)", stats.written),
                                              stats.written, stats.unchanged));

      /* A conflict is worth a toast even after a quiet "export on change":
       * the user should go and look at the file. */
      if (stats.conflicts > 0)
        /* Translators: after "Exported … (… unchanged)" */
        append_part (&message, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "; %u conflict: the vault's text is kept below Clipper's section",
                                                             "; %u conflicts: the vault's texts are kept below Clipper's sections",
                                                             stats.conflicts),
                                                stats.conflicts));
      /* What the user wrote in Clipper's section that could not be read
       * back stays in the file, below the section: worth a look. */
      if (stats.not_read > 0)
        /* Translators: after "Exported … (… unchanged)" */
        append_part (&message, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "; %u passage Clipper could not read is kept below its section",
                                                             "; %u passages Clipper could not read are kept below their sections",
                                                             stats.not_read),
                                                stats.not_read));
      /* A highlight deleted in a file stays in the library, and the
       * export writes it back: the user meant it gone. */
      if (stats.removed_in_file > 0)
        /* Translators: after "Exported … (… unchanged)" */
        append_part (&message, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "; %u highlight removed from a file is still in the library",
                                                             "; %u highlights removed from files are still in the library",
                                                             stats.removed_in_file),
                                                stats.removed_in_file));
      /* Files renamed or moved in the vault are updated where they are
       * now; worth saying once (the next export finds them in place). */
      if (stats.moved > 0)
        /* Translators: after "Exported … (… unchanged)" */
        append_part (&message, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "; %u file followed where you renamed or moved it",
                                                             "; %u files followed where you renamed or moved them",
                                                             stats.moved),
                                                stats.moved));
      /* What reading the files back could not take (a quote edited in the
       * file, the edit ignored and written over) was said on the terminal
       * alone: it is in Details, as an import's notices are.  An export on
       * change says what it did in a title that fits; the whole message,
       * cut off at 360 px ("…; 1 passage Clipper c…"), is in Details. */
      if (quiet || notices[0] != NULL)
        {
          g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

          for (guint i = 0; notices[i] != NULL; i++)
            g_ptr_array_add (lines, g_strdup (notices[i]));
          /* A highlight deleted in the vault and written back is what the
           * user most needs to know ("delete it in Clipper"): "Vault
           * updated" alone hid it in Details.  Short, as a toast beside
           * Details has room for little at a phone's width. */
          if (quiet && stats.removed_in_file > 0)
            {
              g_autofree char *kept =
                /* Translators: the toast of an export on change: highlights deleted in the vault were written back */
                g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u removed highlight kept",
                                              "%u removed highlights kept", stats.removed_in_file),
                                 stats.removed_in_file);

              t = toast_new_text (kept);
            }
          else
            /* Translators: the toast of an export on change that has something to say, in its Details */
            t = toast_new_text (quiet ? _("Vault updated") : title);
          set_details (t, _("Export Details"), message, lines, 0);
        }
      else
        {
          t = toast_new_text (message);
          /* Where the files are, a click away, as apps that save files offer. */
          if (folder_uri != NULL)
            {
              adw_toast_set_button_label (t, _("_Open Folder"));
              adw_toast_set_action_name (t, "win.open-folder");
              adw_toast_set_action_target_value (t, g_variant_new_string (folder_uri));
            }
        }
      /* A notice stays until read, as an import's does. */
      adw_toast_set_timeout (t, notices[0] != NULL ? 0 : 6);
      /* An export on change runs after a change, often an import's: as a
       * job of the same kind it took the place of that import's toast,
       * Details and all, within seconds.  Its own kind replaces only the
       * export on change before it, and waits behind the import's toast. */
      if (quiet)
        clipper_toast_add_replacing (self->toast_overlay, t, "vault", FALSE);
      else
        add_job_toast (self, t);
    }

  if (self->vault_again)
    {
      g_autofree char *dir = g_settings_get_string (self->settings, "vault-folder");

      self->vault_again = FALSE;
      if (*dir != '\0')
        start_vault_export (self, dir, TRUE);
    }
}

/* The copies in the vault at @dir said this session, by their names in
 * it, for ClipperExportOptions.copies_said: a sync conflict's copy stays
 * until the user deletes it, and an export on change runs at every edit. */
static char **
dup_copies_said (ClipperWindow *self,
                 const char    *dir)
{
  g_autofree char *prefix = g_build_filename (dir, "/", NULL);
  GPtrArray *names = g_ptr_array_new ();
  GHashTableIter iter;
  const char *path;

  g_hash_table_iter_init (&iter, self->copies_said);
  while (g_hash_table_iter_next (&iter, (gpointer *) &path, NULL))
    if (g_str_has_prefix (path, prefix))
      g_ptr_array_add (names, g_strdup (path + strlen (prefix)));
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (names, FALSE);
}

static void
start_vault_export (ClipperWindow *self,
                    const char    *dir,
                    gboolean       quiet)
{
  g_autoptr (ClipperExportOptions) options = export_options_new (self);
  g_autoptr (GFile) file = g_file_new_for_path (dir);

  job_start (self, quiet ? _("Updating the vault…") : _("Exporting the library…"));
  g_object_set_data (G_OBJECT (self->job_cancellable), "quiet", GINT_TO_POINTER (quiet));
  g_object_set_data_full (G_OBJECT (self->job_cancellable), "folder", g_filename_display_basename (dir), g_free);
  g_object_set_data_full (G_OBJECT (self->job_cancellable), "folder-uri", g_file_get_uri (file), g_free);
  g_object_set_data_full (G_OBJECT (self->job_cancellable), "dir", g_strdup (dir), g_free);
  options->copies_said = dup_copies_said (self, dir);
  clipper_markdown_export_vault_async (clipper_store_get_path (self->store), dir, options,
                                       job_progress, self, NULL,
                                       self->job_cancellable, vault_export_done, g_object_ref (self));
}

static void
folder_opened (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (ClipperWindow) self = user_data;
  g_autoptr (GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast_error (self, _("Folder not opened"), _("Could not open the folder"), error);
}

/* The export toast's Open Folder: the file manager, or whatever the
 * desktop opens folders with (through the portal in a sandbox).  GTK 4.8
 * has no GtkFileLauncher. */
static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  gtk_show_uri_full (GTK_WINDOW (widget), g_variant_get_string (parameter, NULL), GDK_CURRENT_TIME, NULL,
                     folder_opened, g_object_ref (widget));
}

static void
export_library_confirmed (GtkWidget    *widget,
                          GFile        *folder,
                          const GError *error)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);
  g_autofree char *path = NULL;

  if (error != NULL)
    {
      toast_error (self, _("Export failed"), _("Could not export"), error);
      return;
    }
  path = g_file_get_path (folder);
  if (path != NULL)
    clipper_window_export_library (self, path);
}

/* A folder of the user's own files (Documents, where the dialog starts,
 * or an Obsidian vault) is asked about first: the export would put a file
 * for each article among them. */
static void
export_library_chosen (ClipperWindow *self,
                       GFile         *folder)
{
  clipper_vault_folder_confirm (GTK_WINDOW (self), folder, clipper_store_get_library_id (self->store),
                                GTK_WIDGET (self),
                                export_library_confirmed);
}

static void
export_library_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  show_export_chooser (CLIPPER_WINDOW (widget), "export-markdown-folder", _("Export Library as Markdown"),
                       GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, NULL, export_library_chosen);
}

static void
json_export_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr (ClipperWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *folder_uri = NULL;
  g_autofree char *articles = NULL;
  g_autofree char *highlights = NULL;
  g_autofree char *message = NULL;
  guint n_articles = 0, n_highlights = 0;
  AdwToast *t;

  if (self->progress_revealer == NULL)
    return;   /* the window is gone */
  if (self->job_cancellable != NULL)
    folder_uri = g_strdup (g_object_get_data (G_OBJECT (self->job_cancellable), "folder-uri"));
  job_end (self);
  import_next (self);
  if (!clipper_json_export_finish (result, &n_articles, &n_highlights, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_error (self, _("Export failed"), _("Could not export"), error);
      return;
    }
  /* What was written, as the Markdown export's toast says it ("Library
   * exported as JSON" said nothing of how much), and the file a click
   * away. */
  articles = g_strdup_printf (ngettext ("%u article", "%u articles", n_articles), n_articles);
  highlights = g_strdup_printf (ngettext ("%u highlight", "%u highlights", n_highlights), n_highlights);
  /* Translators: "Exported 12 articles, 80 highlights as JSON" */
  message = g_strdup_printf (_("Exported %s, %s as JSON"), articles, highlights);
  t = toast_new_text (message);
  adw_toast_set_timeout (t, 6);
  if (folder_uri != NULL)
    {
      adw_toast_set_button_label (t, _("_Open Folder"));
      adw_toast_set_action_name (t, "win.open-folder");
      adw_toast_set_action_target_value (t, g_variant_new_string (folder_uri));
    }
  add_job_toast (self, t);
}

static void
export_json_chosen (ClipperWindow *self,
                    GFile         *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    clipper_window_export_library_json (self, path);
}

static void
export_library_json_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  show_export_chooser (CLIPPER_WINDOW (widget), "export-json-folder", _("Export Library as JSON"),
                       GTK_FILE_CHOOSER_ACTION_SAVE, "clipper-library.json", export_json_chosen);
}

/* "Imported 2 articles and 40 highlights": what an import added. */
static char *
dup_import_counts (const ClipperImportResult *r)
{
  guint added = r->highlights_added + r->page_notes;
  g_autofree char *items = NULL;
  g_autofree char *highlights = NULL;

  items = g_strdup_printf (r->format == CLIPPER_IMPORT_FORMAT_KINDLE
                             ? ngettext ("%u book", "%u books", r->articles_added)
                             : ngettext ("%u article", "%u articles", r->articles_added),
                           r->articles_added);
  highlights = g_strdup_printf (ngettext ("%u highlight", "%u highlights", added), added);
  /* Translators: "Imported 2 articles and 40 highlights" */
  return g_strdup_printf (_("Imported %s and %s"), items, highlights);
}

/* What an import did, in the reader's language (the core's summary is
 * clipper-cli's, in English). */
static char *
describe_import (const ClipperImportResult *r)
{
  GString *s;
  guint added, updated;

  if (r->format == CLIPPER_IMPORT_FORMAT_MARKDOWN)
    {
      g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

      /* Each count its own part: one sum of notes and highlights counted a
       * highlight whose note and tags both came in twice, and left out
       * the articles added. */
      if (r->articles_added > 0)
        g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u article added", "%u articles added",
                                                           r->articles_added),
                                                 r->articles_added));
      if (r->highlights_added > 0 && r->foreign_highlights > 0)
        /* Translators: the second %u is how many of the first came from
         * another library's vault (another computer's Clipper) */
        g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u highlight added (%u from another library)",
                                                           "%u highlights added (%u from another library)",
                                                           r->highlights_added),
                                                 r->highlights_added, r->foreign_highlights));
      else if (r->highlights_added > 0)
        g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u highlight added", "%u highlights added",
                                                           r->highlights_added),
                                                 r->highlights_added));
      if (r->notes_updated > 0)
        g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u note updated", "%u notes updated",
                                                           r->notes_updated),
                                                 r->notes_updated));
      if (r->tags_updated > 0)
        g_ptr_array_add (parts, g_strdup_printf (ngettext ("tags or colour of %u highlight updated",
                                                           "tags or colours of %u highlights updated",
                                                           r->tags_updated),
                                                 r->tags_updated));
      if (r->article_tags_updated > 0)
        /* Translators: taken from the files' front matter */
        g_ptr_array_add (parts, g_strdup_printf (ngettext ("tags of %u article updated",
                                                           "tags of %u articles updated",
                                                           r->article_tags_updated),
                                                 r->article_tags_updated));
      if (r->article_states_updated > 0)
        /* Translators: the star, read or archived state or reading
         * position, taken from the files' front matter */
        g_ptr_array_add (parts, g_strdup_printf (ngettext ("state of %u article updated",
                                                           "state of %u articles updated",
                                                           r->article_states_updated),
                                                 r->article_states_updated));
      if (parts->len == 0)
        s = g_string_new (_("Nothing new in the vault: the library has all of it already"));
      else
        {
          g_autofree char *joined = NULL;

          g_ptr_array_add (parts, NULL);
          joined = g_strjoinv (", ", (char **) parts->pdata);
          s = g_string_new (NULL);
          /* Translators: %s is what came in: "1 article added, 2 highlights added" */
          g_string_printf (s, _("From the vault: %s"), joined);
        }
      if (r->foreign_merged > 0)
        /* Translators: after "From the vault: …"; highlights of another
         * library on passages this one had highlighted too */
        g_string_append_printf (s, ngettext ("; %u highlight from another library you had too was kept once",
                                             "; %u highlights from another library you had too were kept once",
                                             r->foreign_merged),
                                r->foreign_merged);
      if (r->conflicts > 0)
        /* Translators: after "From the vault: …" */
        g_string_append_printf (s, ngettext ("; %u edit that conflicts with Clipper's was left in the vault",
                                             "; %u edits that conflict with Clipper's were left in the vault",
                                             r->conflicts),
                                r->conflicts);
      if (r->not_read > 0)
        /* Translators: after "From the vault: …" */
        g_string_append_printf (s, ngettext ("; %u passage Clipper could not read was left in the vault",
                                             "; %u passages Clipper could not read were left in the vault",
                                             r->not_read),
                                r->not_read);
      if (r->broken_files->len > 0)
        g_string_append_printf (s, ngettext ("; %u broken file was skipped", "; %u broken files were skipped",
                                             r->broken_files->len),
                                r->broken_files->len);
      return g_string_free (s, FALSE);
    }

  /* Page notes are kept as highlights of their own text; replies go into
   * the note they answer, and are no highlights (a highlight and its two
   * replies read "3 highlights"). */
  added = r->highlights_added + r->page_notes;
  updated = r->notes_updated + r->tags_updated + r->highlights_updated + r->replies_updated;
  if (r->articles_added > 0 || added > 0)
    {
      g_autofree char *counts = dup_import_counts (r);

      s = g_string_new (counts);
    }
  else if (r->replies > 0)
    {
      s = g_string_new (NULL);
      /* Translators: an import that brought replies to annotations the
       * library has (Hypothesis), each added to the note it answers */
      g_string_printf (s, ngettext ("%u reply added to a note", "%u replies added to notes", r->replies),
                       r->replies);
    }
  else if (updated == 0 && r->articles_completed == 0 && r->notes_added == 0
           /* (A Hypothesis conflict added the file's text to the note.) */
           && (r->conflicts == 0 || r->format != CLIPPER_IMPORT_FORMAT_HYPOTHESIS))
    s = g_string_new (_("Nothing new: the library has all of it already"));
  else
    /* Translators: followed by what the import changed instead */
    s = g_string_new (_("Nothing new added"));
  if (r->replies > 0 && (r->articles_added > 0 || added > 0))
    /* Translators: after "Imported … highlights"; replies to annotations
     * (Hypothesis), each added to the note it answers */
    g_string_append_printf (s, ngettext ("; %u reply added to a note", "; %u replies added to notes", r->replies),
                            r->replies);
  if (r->notes_added > 0)
    /* Translators: after "Imported … highlights" (Kindle's notes, on their highlights) */
    g_string_append_printf (s, ngettext ("; %u note", "; %u notes", r->notes_added), r->notes_added);
  if (updated > 0)
    /* Translators: after "Imported …" or "Nothing new added"; edits made
     * in an exported file after the library's */
    g_string_append_printf (s, ngettext ("; %u note or highlight updated from the file",
                                         "; %u notes or highlights updated from the file", updated),
                            updated);
  if (r->articles_completed > 0)
    /* Translators: articles imported from a vault or Kindle without
     * their text, which the file had */
    g_string_append_printf (s, ngettext ("; the text of %u article filled in",
                                         "; the text of %u articles filled in", r->articles_completed),
                            r->articles_completed);
  if (r->conflicts > 0 && r->format == CLIPPER_IMPORT_FORMAT_KINDLE)
    /* Translators: a Kindle note edited in the app, then on the Kindle */
    g_string_append_printf (s, ngettext ("; %u note you edited was kept as it is",
                                         "; %u notes you edited were kept as they are", r->conflicts),
                            r->conflicts);
  else if (r->conflicts > 0 && r->format == CLIPPER_IMPORT_FORMAT_HYPOTHESIS)
    /* Translators: an annotation's text edited in the app (or by an
     * older import that kept no record of it), then on hypothes.is: both
     * are kept, the file's text below the note */
    g_string_append_printf (s, ngettext ("; %u note was kept, the file's text added below it",
                                         "; %u notes were kept, the file's text added below each",
                                         r->conflicts),
                            r->conflicts);
  else if (r->conflicts > 0)
    /* Translators: highlights edited in the file and, later, in the app */
    g_string_append_printf (s, ngettext ("; %u highlight changed later in the library was kept as it is",
                                         "; %u highlights changed later in the library were kept as they are",
                                         r->conflicts),
                            r->conflicts);
  if (r->highlights_orphaned > 0)
    /* Translators: after "Imported … highlights"; their articles' text in
     * the library differs from the one they were made on */
    g_string_append_printf (s, ngettext ("; %u could not be placed in its article",
                                         "; %u could not be placed in their articles", r->highlights_orphaned),
                            r->highlights_orphaned);
  if (r->skipped > 0 && r->format == CLIPPER_IMPORT_FORMAT_KINDLE)
    /* Translators: Kindle clippings not imported on purpose: bookmarks,
     * and earlier versions of a highlight or note changed on the Kindle */
    g_string_append_printf (s, ngettext ("; %u left out (bookmarks or earlier versions)",
                                         "; %u left out (bookmarks or earlier versions)", r->skipped),
                            r->skipped);
  if (r->broken_lines->len > 0)
    g_string_append_printf (s, ngettext ("; %u broken entry was skipped", "; %u broken entries were skipped",
                                         r->broken_lines->len),
                            r->broken_lines->len);
  return g_string_free (s, FALSE);
}

/* What an import's Details say of it, into @lines: each entry skipped
 * and each notice; for Kindle clippings first clipper-cli's summary,
 * which names what the toast only counts (bookmarks, earlier versions,
 * notes kept or updated). */
static void
add_import_details (GPtrArray *lines, const ClipperImportResult *r)
{
  if (r->format == CLIPPER_IMPORT_FORMAT_KINDLE)
    g_ptr_array_add (lines, clipper_import_result_summary (r));
  for (guint i = 0; i < r->problems->len; i++)
    g_ptr_array_add (lines, g_strdup (g_ptr_array_index (r->problems, i)));
  for (guint i = 0; i < r->notices->len; i++)
    g_ptr_array_add (lines, g_strdup (g_ptr_array_index (r->notices, i)));
}

/* @t's Details, headed @heading: @summary, then @lines, and Show for
 * @shown, the first article an import added (or 0).  The toast carries
 * them: the action read the window's last import, and an older toast that
 * stayed (it had problems to read) showed the newer import's.  The
 * heading too, since an export's toast has Details of this kind (its
 * notices), which were headed "Import Details". */
static void
set_details (AdwToast   *t,
             const char *heading,
             const char *summary,
             GPtrArray  *lines,
             gint64      shown)
{
  adw_toast_set_button_label (t, _("_Details"));
  adw_toast_set_action_target_value (t, g_variant_new ("(ss@asx)", heading, summary,
                                                       g_variant_new_strv ((const char *const *) lines->pdata,
                                                                           lines->len),
                                                       shown));
  adw_toast_set_action_name (t, "library.import-details");
}

/* The title of an import's toast, in words that fit beside Details at
 * 360 px: the summary ("Imported 5 articles and 3 highlights; 2 notes")
 * read "Imported 5 articles and 3 highl…" there.  The whole summary is
 * behind Details. */
static char *
dup_import_title (ClipperWindow             *self,
                  const ClipperImportResult *r)
{
  guint added = r->highlights_added + r->page_notes;
  /* (A Hypothesis conflict added the file's text to the note; the others
   * left the library's as it was.) */
  guint changed = r->notes_added + r->notes_updated + r->tags_updated + r->article_tags_updated +
                  r->article_states_updated + r->articles_completed + r->replies_updated +
                  (r->format == CLIPPER_IMPORT_FORMAT_HYPOTHESIS ? r->conflicts : 0);

  /* Both counts where the window is wide enough for them: the highlights
   * were said only behind Details, and a toast with Show instead ("Imported
   * 2000 articles") said nothing of 16,000 (QA-s 6). */
  if (r->articles_added > 0 && added > 0 && !adw_leaflet_get_folded (self->leaflet))
    return dup_import_counts (r);
  if (r->articles_added > 0)
    return g_strdup_printf (r->format == CLIPPER_IMPORT_FORMAT_KINDLE
                              ? ngettext ("Imported %u book", "Imported %u books", r->articles_added)
                              : ngettext ("Imported %u article", "Imported %u articles", r->articles_added),
                            r->articles_added);
  if (added > 0)
    /* Translators: an import's toast, short (the whole summary is behind Details) */
    return g_strdup_printf (ngettext ("%u highlight added", "%u highlights added", added), added);
  if (r->replies > 0)
    /* Translators: an import's toast, short: replies added to the notes they answer */
    return g_strdup_printf (ngettext ("%u reply added", "%u replies added", r->replies), r->replies);
  if (changed > 0)
    /* Translators: an import's toast that added nothing but changed notes, tags or states */
    return g_strdup (_("Library updated"));
  /* Translators: an import's toast that found nothing new */
  return g_strdup (_("Nothing new"));
}

static void
import_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr (ClipperWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  ClipperImportResult *imported;

  if (g_async_result_is_tagged (result, clipper_markdown_import_async))
    imported = clipper_markdown_import_finish (result, &error);
  else
    imported = clipper_import_file_finish (result, &error);
  if (self->progress_revealer == NULL)
    {
      g_clear_pointer (&imported, clipper_import_result_free);
      return;
    }
  job_end (self);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Cancelled: the files waiting after it are not wanted either. */
      g_queue_clear_full (&self->import_queue, g_free);
      g_clear_pointer (&self->import_batch, g_ptr_array_unref);
      return;
    }

  /* Several files dropped or opened together: one toast for all, once the
   * last is done, with what came of each in its Details. */
  if (self->import_batch != NULL || !g_queue_is_empty (&self->import_queue))
    {
      g_autofree char *name = g_filename_display_basename (self->import_path);

      if (self->import_batch == NULL)
        self->import_batch = g_ptr_array_new_with_free_func (g_free);
      if (imported == NULL)
        {
          /* Translators: a line of an import's Details: a file's name, then why it could not be imported */
          g_ptr_array_add (self->import_batch, g_strdup_printf (_("%s: could not be imported: %s"), name, error->message));
          self->import_batch_failed++;
        }
      else
        {
          g_autofree char *summary = describe_import (imported);

          g_ptr_array_add (self->import_batch, g_strdup_printf ("%s: %s", name, summary));
          add_import_details (self->import_batch, imported);
          clipper_import_result_free (imported);
          clipper_library_model_reload (self->model);
          on_store_changed (self);
        }
      self->import_batch_files++;
      if (!import_next (self))
        import_batch_toast (self);
      return;
    }

  if (imported == NULL)
    {
      show_failure (self, clipper_window_get_import_failure_title (error, self->import_path),
                    error->message, NULL);
      return;
    }

  {
    g_autofree char *summary = describe_import (imported);
    g_autofree char *title = dup_import_title (self, imported);
    g_autoptr (GPtrArray) details = g_ptr_array_new_with_free_func (g_free);
    AdwToast *t = toast_new_text (title);

    /* The toast says what came in; the whole summary, and which file,
     * line or highlight each count is about (what clipper-cli prints on
     * stderr), are a click away. */
    add_import_details (details, imported);
    /* What came in a click away, as a saved page's toast has Open: "Imported
     * 1 book" beside Details alone left the user to look for it (a book
     * filed under its clippings' date was at the bottom of the list).
     * Where something was left out or is to be read, Details stays, and its
     * dialog has Show. */
    if (imported->first_article_added != 0 && imported->skipped == 0 &&
        imported->problems->len + imported->notices->len == 0)
      {
        adw_toast_set_button_label (t, _("_Show"));
        adw_toast_set_action_target_value (t, g_variant_new ("(xx)", imported->first_article_added, (gint64) 0));
        adw_toast_set_action_name (t, "win.show-highlight");
      }
    else if (details->len > 0 || g_strcmp0 (title, summary) != 0)
      set_details (t, _("Import Details"), summary, details, imported->first_article_added);
    /* A skipped entry or a notice stays until read; a summary alone
     * does not keep the toast. */
    adw_toast_set_timeout (t, imported->problems->len + imported->notices->len > 0 ? 0 : 8);
    add_job_toast (self, t);
  }
  clipper_import_result_free (imported);
  /* Written through another connection: read the list now. */
  clipper_library_model_reload (self->model);
  on_store_changed (self);
}

static void
on_import_show (AdwMessageDialog *dialog,
                const char       *response,
                ClipperWindow    *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-highlight", "(xx)",
                              (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "clipper-show")),
                              (gint64) 0);
}

/* An import's or an export's problems and notices, and Show for the first
 * article an import added, whose toast had Details in Show's place: the
 * toast's own, (heading, summary, lines, first article added or 0). */
static void
import_details_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);
  const char *heading;
  const char *summary;
  g_autofree const char **lines = NULL;
  g_autofree char *text = NULL;
  gint64 shown;
  AdwMessageDialog *dialog;

  g_variant_get (parameter, "(&s&s^a&sx)", &heading, &summary, &lines, &shown);
  /* Nothing to say of each entry: the summary is the whole story. */
  if (lines[0] == NULL)
    dialog = clipper_toast_show_details (GTK_WINDOW (self), heading, NULL, summary);
  else
    {
      text = g_strjoinv ("\n", (char **) lines);
      dialog = clipper_toast_show_details (GTK_WINDOW (self), heading, summary, text);
    }
  if (shown == 0)
    return;
  adw_message_dialog_add_response (dialog, "show", _("_Show"));
  g_object_set_data (G_OBJECT (dialog), "clipper-show", GSIZE_TO_POINTER ((gsize) shown));
  g_signal_connect_object (dialog, "response::show", G_CALLBACK (on_import_show), self, 0);
}

/* The last refused export's whole message, with its ways out. */
static void
export_details_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);

  if (self->export_refusal == NULL)
    return;
  clipper_toast_show_details (GTK_WINDOW (self), _("Library Not Exported"), NULL, self->export_refusal);
  /* Read now: it need not come back after the toasts shown before it. */
  if (self->refusal_toast != NULL)
    adw_toast_dismiss (self->refusal_toast);
  g_clear_object (&self->refusal_toast);
}

static void
import_chosen (ClipperWindow *self,
               GFile         *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    clipper_window_import_file (self, path);
}

static void
import_start (ClipperWindow *self,
              const char    *path)
{
  g_free (self->import_path);
  self->import_path = g_strdup (path);
  job_start (self, _("Importing…"));
  if (clipper_import_path_is_markdown (path))
    {
      /* Markdown notes: the colours' tags are read with the meanings the
       * vault was written with. */
      g_autoptr (ClipperExportOptions) options = export_options_new (self);

      clipper_markdown_import_async (clipper_store_get_path (self->store), path, options->color_meanings,
                                     job_progress, self, NULL,
                                     self->job_cancellable, import_done, g_object_ref (self));
      return;
    }
  clipper_import_file_async (clipper_store_get_path (self->store), path, CLIPPER_IMPORT_FORMAT_AUTO,
                             job_progress, self, NULL,
                             self->job_cancellable, import_done, g_object_ref (self));
}

/* Starts importing the next file waiting, if there is one and nothing
 * else runs.  Returns whether one was started. */
static gboolean
import_next (ClipperWindow *self)
{
  g_autofree char *path = NULL;

  if (self->job_cancellable != NULL)
    return FALSE;
  path = g_queue_pop_head (&self->import_queue);
  if (path == NULL)
    return FALSE;
  import_start (self, path);
  return TRUE;
}

/* The toast for files imported one after another: how many came in; what
 * came of each is in its Details. */
static void
import_batch_toast (ClipperWindow *self)
{
  guint n = self->import_batch_files;
  guint ok = n - self->import_batch_failed;
  g_autofree char *summary = ok == n
                             /* Translators: after several files were dropped or opened together */
                             ? g_strdup_printf (ngettext ("Imported %u file", "Imported %u files", n), n)
                             /* Translators: after several files were dropped or opened together; some failed */
                             : g_strdup_printf (ngettext ("Imported %u of %u file", "Imported %u of %u files", n), ok, n);
  /* Those that failed first, in words that fit at 360 px ("Imported 3
   * of 20 files" did not), as a run of saves says its failures. */
  g_autofree char *title = ok == n
                           ? g_strdup (summary)
                           /* Translators: the toast of several files imported together, some of which failed */
                           : g_strdup_printf (ngettext ("%u file not imported", "%u files not imported", n - ok), n - ok);
  g_autoptr (GPtrArray) details = g_steal_pointer (&self->import_batch);
  AdwToast *t = toast_new_text (title);

  self->import_batch_files = self->import_batch_failed = 0;
  set_details (t, _("Import Details"), summary, details, 0);
  /* One that failed stays until read, as a single file's problems do. */
  adw_toast_set_timeout (t, ok < n ? 0 : 8);
  add_job_toast (self, t);
}

/**
 * clipper_window_import_file:
 * @self: a #ClipperWindow
 * @path: a file or folder Clipper can import
 *
 * Imports @path in the background.  While another import or an export
 * runs, it waits for it: files dropped or opened together are imported
 * one after another, and one toast tells of them all.
 */
void
clipper_window_import_file (ClipperWindow *self,
                            const char    *path)
{
  g_return_if_fail (CLIPPER_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->read_only)
    {
      toast_read_only (self, _("Not imported"));
      return;
    }
  g_queue_push_tail (&self->import_queue, g_strdup (path));
  import_next (self);
}

void
clipper_window_export_library (ClipperWindow *self,
                               const char    *dir)
{
  g_return_if_fail (CLIPPER_IS_WINDOW (self));
  g_return_if_fail (dir != NULL);

  if (self->read_only)
    {
      /* Translators: Export Library as Markdown in a read-only library */
      toast_read_only (self, _("Not exported"));
      return;
    }
  if (self->job_cancellable != NULL)
    {
      toast (self, _("Wait for the export or import that is running"));
      return;
    }
  g_settings_set_string (self->settings, "export-markdown-folder", dir);
  start_vault_export (self, dir, FALSE);
}

/**
 * clipper_window_export_library_json:
 * @self: a #ClipperWindow
 * @path: the file to write (replaced when the export succeeds)
 *
 * Exports every article and highlight as W3C Web Annotation JSON, the
 * lossless format `clipper-cli import` reads back, in the background.
 */
void
clipper_window_export_library_json (ClipperWindow *self,
                                    const char    *path)
{
  g_autoptr (ClipperExportOptions) options = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFile) folder = NULL;

  g_return_if_fail (CLIPPER_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->job_cancellable != NULL)
    {
      toast (self, _("Wait for the export or import that is running"));
      return;
    }
  options = export_options_new (self);
  job_start (self, _("Exporting the library as JSON…"));
  file = g_file_new_for_path (path);
  folder = g_file_get_parent (file);
  if (folder != NULL)
    g_object_set_data_full (G_OBJECT (self->job_cancellable), "folder-uri", g_file_get_uri (folder), g_free);
  clipper_json_export_async (clipper_store_get_path (self->store), path, options,
                             job_progress, self, NULL,
                             self->job_cancellable, json_export_done, g_object_ref (self));
}

gboolean
clipper_window_is_busy (ClipperWindow *self)
{
  g_return_val_if_fail (CLIPPER_IS_WINDOW (self), FALSE);

  return self->job_cancellable != NULL || self->vault_timeout != 0 || !g_queue_is_empty (&self->import_queue);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Clipper JSON or Markdown, Hypothesis JSON, Kindle clippings"));
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_filter_add_suffix (filter, "jsonld");
  gtk_file_filter_add_suffix (filter, "txt");
  gtk_file_filter_add_suffix (filter, "md");
  gtk_file_filter_add_suffix (filter, "markdown");

  show_chooser (self, _("Import Highlights"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL, filter,
                import_chosen);
}

static void
save_file_chosen (ClipperWindow *self,
                  GFile         *file)
{
  g_autofree char *uri = g_file_get_uri (file);

  clipper_window_save_uri (self, uri);
}

/* A page saved from the browser ("Save Page As…", or a colleague's mail)
 * is saved as a dropped one is; until now only dropping it or typing its
 * path in the Save dialog did, neither of which the menu told. */
static void
save_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);
  g_autoptr (GtkFileFilter) pages = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooser *chooser;

  gtk_file_filter_set_name (pages, _("Web Pages"));
  gtk_file_filter_add_mime_type (pages, "text/html");
  gtk_file_filter_add_mime_type (pages, "application/xhtml+xml");
  gtk_file_filter_add_suffix (pages, "html");
  gtk_file_filter_add_suffix (pages, "htm");
  gtk_file_filter_add_suffix (pages, "xhtml");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  chooser = new_chooser (self, _("Save Pages from Files"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Save"), NULL,
                         pages, NULL, save_file_chosen);
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_set_select_multiple (chooser, TRUE);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* A whole vault (another computer's, or another library's that an export
 * refused to write over) is a folder, and GTK 4.8's chooser picks either
 * files or folders, never both: so a chooser of its own. */
static void
import_folder_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  show_chooser (CLIPPER_WINDOW (widget), _("Import Vault Folder"), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                _("_Import"), NULL, NULL, import_chosen);
}

/* Notes written in the vault come back into the library. */
static void
import_vault_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);
  g_autofree char *dir = g_settings_get_string (self->settings, "vault-folder");

  if (*dir == '\0')
    {
      toast (self, _("Choose a vault folder in Preferences first"));
      return;
    }
  clipper_window_import_file (self, dir);
}

static gboolean
vault_timeout_cb (gpointer user_data)
{
  ClipperWindow *self = user_data;
  g_autofree char *dir = g_settings_get_string (self->settings, "vault-folder");

  self->vault_timeout = 0;
  if (*dir == '\0' || !g_settings_get_boolean (self->settings, "export-on-change"))
    return G_SOURCE_REMOVE;

  if (self->job_cancellable != NULL)
    self->vault_again = TRUE;   /* after the job that runs now */
  else
    start_vault_export (self, dir, TRUE);
  return G_SOURCE_REMOVE;
}

/* "Export on change": keep the vault current a few seconds after the
 * library changes, in one go for a burst of changes. */
static void
schedule_vault_export (ClipperWindow *self)
{
  if (!g_settings_get_boolean (self->settings, "export-on-change"))
    return;
  g_clear_handle_id (&self->vault_timeout, g_source_remove);
  self->vault_timeout = g_timeout_add_seconds (3, vault_timeout_cb, self);
}

/* Export on Change turned on, or its folder changed while on: the vault
 * is written now.  It was written only at the library's next change, and
 * the folder chosen stayed empty until then. */
static void
on_vault_settings_changed (ClipperWindow *self)
{
  if (self->store == NULL || !g_settings_get_boolean (self->settings, "export-on-change"))
    return;
  g_clear_handle_id (&self->vault_timeout, g_source_remove);
  vault_timeout_cb (self);
}

/* ------------------------------------------------------------------ */
/* Window actions                                                       */

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "highlights") == 0)
    {
      clipper_review_page_focus_filter (self->review_page);
      return;
    }
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));
  adw_leaflet_set_visible_child (self->leaflet, self->library_pane);
  /* The keyboard follows to the page's list (GTK gave it to the first
   * header button when the focused page went away). */
  focus_page_list (self);
}

/* F9 from anywhere in the window: the reader's own binding works only
 * while the keyboard is in the reader. */
static void
toggle_panel_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);
  ClipperReaderView *reader;

  if (self->article_id == 0 || !CLIPPER_IS_READER_VIEW (clipper_window_get_reader (self)))
    return;
  reader = CLIPPER_READER_VIEW (self->reader);
  /* The reader's own F9: the keyboard follows into a panel over the article. */
  gtk_widget_activate_action (GTK_WIDGET (reader), "reader.toggle-panel", NULL);
}

/* Ctrl+P and the article menu's Print…: the article as the reader shows it. */
static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);

  if (self->article_id == 0 || !CLIPPER_IS_READER_VIEW (clipper_window_get_reader (self)))
    return;
  clipper_reader_view_print (CLIPPER_READER_VIEW (self->reader));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->library_pane);
  /* The links followed from article to article are behind: the next
   * article opened from the list starts anew. */
  if (CLIPPER_IS_READER_VIEW (self->reader))
    clipper_reader_view_clear_history (CLIPPER_READER_VIEW (self->reader));
  /* Back to the list, folded or not (side by side, the leaflet gave the
   * keyboard to the list pane's first header button). */
  focus_page_list (self);
}

/* F6 and Shift+F6 go from pane to pane, as in Nautilus and Web: the list,
 * the article, the highlights panel (when shown), the article's header
 * bar, the list's header bar.  Tab stops at every row of the list and
 * every link of the article, and GTK 4.8's list views cannot be told
 * otherwise: past a real library Tab never reached the article.  Only
 * what the window shows is a stop: folded, it shows the list or the
 * article, and the panel, out, lies over the article (F6 went from the
 * header into the article behind the panel, and the keys typed next went
 * to a page nobody saw).  The article's header was no stop while the
 * list showed beside it: its menu, Star and Archive were out of the
 * keys' reach but through Tab from the article, past every one of its
 * links. */
typedef enum {
  PANE_LIST,
  PANE_ARTICLE,
  PANE_PANEL,
  PANE_READER_HEADER,
  PANE_LIBRARY_HEADER,
  N_PANES
} Pane;

static Pane
focused_pane (ClipperWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus == NULL)
    return PANE_LIST;
  if (CLIPPER_IS_READER_VIEW (self->reader) && gtk_widget_is_ancestor (focus, self->reader))
    return clipper_reader_view_get_panel_has_focus (CLIPPER_READER_VIEW (self->reader)) ? PANE_PANEL : PANE_ARTICLE;
  if (gtk_widget_is_ancestor (focus, self->reader_header))
    return PANE_READER_HEADER;
  if (gtk_widget_is_ancestor (focus, self->library_header))
    return PANE_LIBRARY_HEADER;
  return PANE_LIST;
}

/* Puts the keyboard into @pane; FALSE when it is not shown (no article,
 * the panel closed or over the article, the other side of a folded
 * window). */
static gboolean
focus_pane (ClipperWindow *self,
            Pane           pane)
{
  ClipperReaderView *reader = CLIPPER_IS_READER_VIEW (self->reader) ? CLIPPER_READER_VIEW (self->reader) : NULL;

  switch (pane)
    {
    case PANE_LIST:
      if (!gtk_widget_get_mapped (self->library_pane))
        return FALSE;
      focus_page_list (self);
      return TRUE;
    case PANE_ARTICLE:
      if (reader == NULL || self->article_id == 0 || !gtk_widget_get_mapped (self->reader) ||
          clipper_reader_view_get_panel_over_article (reader))
        return FALSE;
      clipper_reader_view_focus_article (reader);
      return focused_pane (self) == PANE_ARTICLE;
    case PANE_PANEL:
      return reader != NULL && self->article_id != 0 && gtk_widget_get_mapped (self->reader) &&
             clipper_reader_view_focus_panel (reader);
    case PANE_READER_HEADER:
      return gtk_widget_get_mapped (self->reader_header) &&
             gtk_widget_child_focus (self->reader_header, GTK_DIR_TAB_FORWARD);
    case PANE_LIBRARY_HEADER:
      return gtk_widget_get_mapped (self->library_header) &&
             gtk_widget_child_focus (self->library_header, GTK_DIR_TAB_FORWARD);
    case N_PANES:
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

static void
focus_pane_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);
  int step = g_variant_get_int32 (parameter) < 0 ? N_PANES - 1 : 1;
  Pane pane = focused_pane (self);

  for (int i = 0; i < N_PANES - 1; i++)
    {
      pane = (pane + step) % N_PANES;
      if (focus_pane (self, pane))
        return;
    }
}

/* ------------------------------------------------------------------ */
/* Startup measurement (CLIPPER_MEASURE_STARTUP)                       */

/* CPU time the process used so far: start-up cost without the noise of a
 * busy machine. */
static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

static guint64
read_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmRSS:");
  return line != NULL ? g_ascii_strtoull (line + 6, NULL, 10) : 0;
}

static gboolean
measure_quit_cb (gpointer user_data)
{
  ClipperWindow *self = user_data;

  g_print ("rss-kb %" G_GUINT64_FORMAT "\n", read_rss_kb ());
  g_print ("pages-fetched %u\n", clipper_library_model_get_n_page_fetches (self->model));
  gtk_window_destroy (GTK_WINDOW (self));
  return G_SOURCE_REMOVE;
}

static void
on_first_frame (GdkFrameClock *clock,
                ClipperWindow *self)
{
  g_signal_handler_disconnect (clock, self->measure_handler);
  self->measure_handler = 0;
  g_print ("first-frame-ms %.1f\n", (g_get_monotonic_time () - self->measure_start_us) / 1000.0);
  g_print ("cpu-ms %.1f\n", cpu_ms ());
  g_print ("rows %u\n", g_list_model_get_n_items (G_LIST_MODEL (self->model)));
  g_print ("row-widgets %u\n", self->n_row_widgets);
  /* Let the list settle (the count and the page keys are read in the
   * background) before reading memory, as a user would see it. */
  g_timeout_add_full (G_PRIORITY_DEFAULT, 4000, measure_quit_cb, g_object_ref (self), g_object_unref);
}

static void
on_measure_realize (ClipperWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  self->measure_handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_frame), self);
}

void
clipper_window_measure_startup (ClipperWindow *self,
                                gint64         start_us)
{
  g_return_if_fail (CLIPPER_IS_WINDOW (self));

  self->measure_start_us = start_us;
  if (gtk_widget_get_realized (GTK_WIDGET (self)))
    on_measure_realize (self);
  else
    g_signal_connect_swapped (self, "realize", G_CALLBACK (on_measure_realize), self);
}

/* ------------------------------------------------------------------ */

static void
on_close_dialog_response (AdwMessageDialog *dialog,
                          const char       *response,
                          ClipperWindow    *self)
{
  if (g_strcmp0 (response, "quit") != 0)
    return;
  self->close_confirmed = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* Closing the window stops the saves under way, and their pages would not
 * be in the library: the user is asked first, as GNOME apps ask before
 * they drop unsaved work. */
static void
ask_before_close (ClipperWindow *self)
{
  guint n = g_hash_table_size (self->pending_saves);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  if (self->close_dialog != NULL)
    {
      gtk_window_present (self->close_dialog);
      return;
    }
  if (n == 1)
    heading = g_strdup (_("A page is still being saved"));
  else
    heading = g_strdup_printf (ngettext ("%u page is still being saved",
                                         "%u pages are still being saved", n),
                               n);
  dialog = ADW_MESSAGE_DIALOG (
    adw_message_dialog_new (GTK_WINDOW (self), heading,
                            n == 1 ? _("If you quit now, it will not be in your library.")
                                   : _("If you quit now, they will not be in your library.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "quit", _("_Quit Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "quit", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_close_dialog_response), self);
  g_set_weak_pointer (&self->close_dialog, GTK_WINDOW (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
clipper_window_close_request (GtkWindow *window)
{
  ClipperWindow *self = CLIPPER_WINDOW (window);
  int width;
  int height;

  if (!self->close_confirmed && g_hash_table_size (self->pending_saves) > 0)
    {
      ask_before_close (self);
      return TRUE;
    }

  clipper_window_flush_deletes (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self->article_list)))
    remember_list_top (self);

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  /* Where the user was, for clipper_window_restore_state(). */
  g_settings_set_int64 (self->settings, "last-article", self->article_id);
  g_settings_set_string (self->settings, "view", gtk_stack_get_visible_child_name (self->view_stack));
  save_filters (self);
  g_settings_set_value (self->settings, "library-top", g_variant_new ("(xu)", self->top_id, self->top_position));

  return GTK_WINDOW_CLASS (clipper_window_parent_class)->close_request (window);
}

static void
cancel_save (gpointer key,
             gpointer value,
             gpointer user_data)
{
  g_cancellable_cancel (key);
}

static void
cancel_update (gpointer key,
               gpointer value,
               gpointer user_data)
{
  g_cancellable_cancel (value);
}

/* gtk_window_destroy() hides the window, takes it off the toplevels,
 * unrealizes it and lets go of it; it is disposed only with its last
 * reference.  Each save and Fetch Again holds one until its callback, so
 * dispose, which stopped them, came only once they had ended by
 * themselves: a window closed with Quit Anyway still saved the page,
 * opened it in its reader and said "article-saved" (which a test's
 * handler, its test over, wrote into the stack of the test after it:
 * test-window's rare crash, session 22).  What the window started stops
 * when it is destroyed.  (A window is unrealized only then, in dispose,
 * or when moved to another display, which Clipper never does.) */
static void
clipper_window_unrealize (GtkWidget *widget)
{
  ClipperWindow *self = CLIPPER_WINDOW (widget);

  self->destroyed = TRUE;
  if (self->pending_saves != NULL)
    g_hash_table_foreach (self->pending_saves, cancel_save, NULL);
  if (self->updating != NULL)
    g_hash_table_foreach (self->updating, cancel_update, NULL);

  GTK_WIDGET_CLASS (clipper_window_parent_class)->unrealize (widget);
}

static void
clipper_window_dispose (GObject *object)
{
  ClipperWindow *self = CLIPPER_WINDOW (object);

  if (self->pending_deletes != NULL)
    clipper_window_flush_deletes (self);
  if (self->pending_saves != NULL)
    g_hash_table_foreach (self->pending_saves, cancel_save, NULL);
  /* The dialog goes with the window (it is destroyed with its parent). */
  g_clear_weak_pointer (&self->close_dialog);
  g_clear_weak_pointer (&self->search_origin);
  if (self->updating != NULL)
    g_hash_table_foreach (self->updating, cancel_update, NULL);
  if (self->job_cancellable != NULL)
    g_cancellable_cancel (self->job_cancellable);
  g_clear_object (&self->job_cancellable);
  g_clear_handle_id (&self->vault_timeout, g_source_remove);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->last_folder);
  if (self->store != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->store, on_store_changes, self);
      g_signal_handlers_disconnect_by_func (self->store, on_store_changed, self);
    }
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_model_items_changed, self);

  g_clear_handle_id (&self->all_rows_idle, g_source_remove);
  g_clear_handle_id (&self->first_frame_timeout, g_source_remove);
  g_clear_handle_id (&self->place_timeout, g_source_remove);
  if (self->hit_scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->search_list), self->hit_scroll_tick);
  self->hit_scroll_tick = 0;
  if (self->first_paint_handler != 0 && gtk_widget_get_frame_clock (GTK_WIDGET (self)) != NULL)
    g_clear_signal_handler (&self->first_paint_handler, gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  self->first_paint_handler = 0;
  if (self->place_paint_handler != 0 && gtk_widget_get_frame_clock (GTK_WIDGET (self)) != NULL)
    g_clear_signal_handler (&self->place_paint_handler, gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  self->place_paint_handler = 0;

  gtk_widget_dispose_template (GTK_WIDGET (self), CLIPPER_TYPE_WINDOW);

  g_clear_object (&self->first_rows);
  g_clear_object (&self->reader);
  g_clear_object (&self->model);
  g_clear_object (&self->search_results);
  g_clear_pointer (&self->results_text, g_free);
  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_pointer (&self->search_connection, search_connection_unref);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->screen_reader);
  g_clear_pointer (&self->pending_deletes, g_hash_table_unref);
  g_clear_object (&self->deleted_highlights);
  g_clear_pointer (&self->export_refusal, g_free);
  g_clear_pointer (&self->copies_said, g_hash_table_unref);
  g_clear_object (&self->refusal_toast);
  g_clear_object (&self->narrow_menu);
  g_clear_object (&self->narrow_items);
  g_clear_pointer (&self->failure_title, g_free);
  g_clear_pointer (&self->failure_message, g_free);
  g_clear_pointer (&self->failure_retry, g_free);
  g_clear_pointer (&self->import_path, g_free);
  g_clear_pointer (&self->import_batch, g_ptr_array_unref);
  g_queue_clear_full (&self->import_queue, g_free);
  g_clear_pointer (&self->pending_saves, g_hash_table_unref);
  g_clear_pointer (&self->burst_details, g_ptr_array_unref);
  g_clear_pointer (&self->burst_retry, g_ptr_array_unref);
  g_clear_pointer (&self->updating, g_hash_table_unref);
  g_clear_object (&self->fetcher);
  g_clear_pointer (&self->filter_tag, g_free);

  G_OBJECT_CLASS (clipper_window_parent_class)->dispose (object);
}

static void
clipper_window_class_init (ClipperWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = clipper_window_dispose;
  widget_class->unrealize = clipper_window_unrealize;
  window_class->close_request = clipper_window_close_request;

  signals[ARTICLE_SAVED] =
    g_signal_new ("article-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SAVE_FAILED] =
    g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* An article's Fetch Again ended: its id, and why it failed (or NULL). */
  signals[ARTICLE_UPDATED] =
    g_signal_new ("article-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  /* Referencing the bundle keeps its object file, whose constructor
   * registers the resources, in the link from the static library. */
  (void) clipper_get_resource ();
  g_type_ensure (CLIPPER_TYPE_REVIEW_PAGE);
  g_type_ensure (CLIPPER_TYPE_SEARCH_RESULT);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/example/Clipper/ui/clipper-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, library_pane);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, reader_pane);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, library_header);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, reader_header);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, search_button);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, reading_button);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, text_size_button);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, line_width_adjustment);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, line_width_spin);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, sort_button);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, filter_box);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, filter_list);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, pending_list);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, articles_stack);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, article_list);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, article_selection);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, search_list);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, search_selection);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, library_file_label);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, review_page);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, reader_title);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, reader_stack);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, reader_placeholder);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, star_button);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, archive_button);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, article_menu_button);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, article_menu);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, read_only_banner);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, ClipperWindow, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_mode_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_view_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_sort_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_article_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_article_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_result_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_row_setup);
  gtk_widget_class_bind_template_callback (widget_class, on_search_row_bind);
  gtk_widget_class_bind_template_callback (widget_class, on_search_row_unbind);
  gtk_widget_class_bind_template_callback (widget_class, on_search_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_highlight_activated);
  gtk_widget_class_bind_template_callback (widget_class, setup_article_row);
  gtk_widget_class_bind_template_callback (widget_class, bind_article_row);
  gtk_widget_class_bind_template_callback (widget_class, unbind_article_row);

  /* Window actions. */
  gtk_widget_class_install_action (widget_class, "win.save-url", NULL, save_url_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.save-url", NULL);
  gtk_widget_class_install_action (widget_class, "win.save-file", NULL, save_file_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.save-file", NULL);
  gtk_widget_class_install_action (widget_class, "win.retry-save", "s", retry_save_action);
  gtk_widget_class_install_action (widget_class, "win.failure-details", NULL, failure_details_action);
  gtk_widget_class_install_action (widget_class, "win.retry-update", "x", retry_update_action);
  gtk_widget_class_install_action (widget_class, "win.save-details", NULL, save_details_action);
  gtk_widget_class_install_action (widget_class, "win.show-highlight", "(xx)", show_highlight_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "win.show-view", "s", "articles");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK, "win.show-view", "s", "highlights");
  gtk_widget_class_install_action (widget_class, "win.toggle-panel", NULL, toggle_panel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-panel", NULL);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, print_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_install_action (widget_class, "win.focus-pane", "i", focus_pane_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "win.focus-pane", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, GDK_SHIFT_MASK, "win.focus-pane", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_install_action (widget_class, "win.export-library", NULL, export_library_action);
  gtk_widget_class_install_action (widget_class, "win.export-library-json", NULL, export_library_json_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.export-library", NULL);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.import-folder", NULL, import_folder_action);
  gtk_widget_class_install_action (widget_class, "win.text-size", "i", text_size_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.text-size", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.text-size", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.text-size", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.text-size", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.text-size", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.text-size", "i", 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "win.text-size", "i", 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_install_action (widget_class, "win.import-vault", NULL, import_vault_action);
  /* win.plain-text is a stateful action of the window's action map (see
   * update_plain_text()): a check item in the article's menu. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.plain-text", NULL);

  /* Library actions: on the open article. */
  gtk_widget_class_install_action (widget_class, "library.star", NULL, star_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "library.star", NULL);
  gtk_widget_class_install_action (widget_class, "library.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "library.mark-read", NULL, mark_read_action);
  gtk_widget_class_install_action (widget_class, "library.mark-unread", NULL, mark_read_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "library.archive", NULL);
  gtk_widget_class_install_action (widget_class, "library.delete", NULL, delete_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Delete, 0, delete_key, NULL);
  gtk_widget_class_install_action (widget_class, "library.undo-delete", "x", undo_delete_action);
  gtk_widget_class_install_action (widget_class, "library.undo-delete-highlight", "x",
                                   undo_delete_highlight_action);
  gtk_widget_class_install_action (widget_class, "library.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "library.undo", NULL);
  gtk_widget_class_install_action (widget_class, "library.tag", NULL, tag_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "library.tag", NULL);
  gtk_widget_class_install_action (widget_class, "library.open-original", NULL, open_original_action);
  gtk_widget_class_install_action (widget_class, "library.refetch", NULL, refetch_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "library.refetch", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "library.open-original", NULL);
  gtk_widget_class_install_action (widget_class, "library.copy-markdown", NULL, copy_markdown_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "library.copy-markdown", NULL);
  gtk_widget_class_install_action (widget_class, "library.export", NULL, export_article_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "library.export", NULL);
  gtk_widget_class_install_action (widget_class, "library.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "library.import-details", "(ssasx)", import_details_action);
  gtk_widget_class_install_action (widget_class, "win.export-details", NULL, export_details_action);
  gtk_widget_class_install_action (widget_class, "win.open-folder", "s", open_folder_action);
  gtk_widget_class_install_action (widget_class, "win.vault-preferences", NULL, vault_preferences_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "library.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "library.refresh", NULL);
  gtk_widget_class_install_action (widget_class, "library.filter", "i", filter_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK, "library.filter", "i", 0);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK, "library.filter", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK, "library.filter", "i", 2);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK, "library.filter", "i", 3);
}

/* Plain Text (win.plain-text) shows what the settings want: the user's
 * choice, or, until there is one, whether a screen reader runs; the
 * screen reader may start or stop while the app runs. */
static void
update_plain_text (ClipperWindow *self)
{
  gboolean wanted = clipper_reader_plain_text_wanted (self->settings, self->screen_reader);
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "plain-text");

  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (wanted));
  if (self->reader != NULL)
    clipper_reader_view_set_plain_text (CLIPPER_READER_VIEW (self->reader), wanted);
}

/* The menu's check item or Ctrl+Shift+T: the user's choice, kept. */
static void
plain_text_change_state (GSimpleAction *action,
                         GVariant      *state,
                         gpointer       user_data)
{
  ClipperWindow *self = CLIPPER_WINDOW (user_data);

  g_settings_set_boolean (self->settings, "plain-text", g_variant_get_boolean (state));
  /* Written even when equal to the default: it is a choice now, which a
   * screen reader's start no longer overrides. */
  update_plain_text (self);
}

static void
clipper_window_init (ClipperWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->copies_said = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->narrow_items = g_menu_new ();
  self->narrow_menu = g_menu_new ();
  g_menu_append_section (self->narrow_menu, NULL, G_MENU_MODEL (self->narrow_items));
  g_menu_append_section (self->narrow_menu, NULL, self->article_menu);
  update_reader_header (self);

  self->settings = g_settings_new (APP_ID);
  {
    /* The Highlights page's sort menu sets the setting the page follows. */
    g_autoptr (GSimpleActionGroup) group = g_simple_action_group_new ();
    g_autoptr (GAction) sort = g_settings_create_action (self->settings, "highlights-sort");

    g_action_map_add_action (G_ACTION_MAP (group), sort);
    gtk_widget_insert_action_group (GTK_WIDGET (self), "settings", G_ACTION_GROUP (group));
  }
  g_signal_connect_object (self->settings, "changed::vault-folder", G_CALLBACK (update_import_vault), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::vault-folder", G_CALLBACK (on_vault_settings_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::export-on-change", G_CALLBACK (on_vault_settings_changed),
                           self, G_CONNECT_SWAPPED);
  update_import_vault (self);
  {
    g_autoptr (GSimpleAction) plain = g_simple_action_new_stateful ("plain-text", NULL, g_variant_new_boolean (FALSE));

    g_signal_connect_object (plain, "change-state", G_CALLBACK (plain_text_change_state), self, 0);
    g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (plain));
  }
  /* The reading settings' popover: font and theme as GSettings actions,
   * the line width bound, so that it and Preferences stay in step. */
  {
    g_autoptr (GSimpleActionGroup) reading = g_simple_action_group_new ();
    g_autoptr (GAction) font = g_settings_create_action (self->settings, "font-family");
    g_autoptr (GAction) theme = g_settings_create_action (self->settings, "theme");

    g_action_map_add_action (G_ACTION_MAP (reading), font);
    g_action_map_add_action (G_ACTION_MAP (reading), theme);
    gtk_widget_insert_action_group (GTK_WIDGET (self), "reading", G_ACTION_GROUP (reading));
  }
  g_settings_bind (self->settings, "line-width", self->line_width_adjustment, "value", G_SETTINGS_BIND_DEFAULT);
  clipper_reading_units_attach_line_width (self->line_width_spin);
  g_signal_connect_object (self->settings, "changed::font-size", G_CALLBACK (update_text_size_label), self,
                           G_CONNECT_SWAPPED);
  update_text_size_label (self);
  self->screen_reader = clipper_reader_screen_reader_settings_new ();
  g_signal_connect_object (self->settings, "changed::plain-text", G_CALLBACK (update_plain_text), self,
                           G_CONNECT_SWAPPED);
  if (self->screen_reader != NULL)
    g_signal_connect_object (self->screen_reader, "changed::screen-reader-enabled", G_CALLBACK (update_plain_text),
                             self, G_CONNECT_SWAPPED);
  update_plain_text (self);
  self->search_results = g_list_store_new (CLIPPER_TYPE_SEARCH_RESULT);
  gtk_single_selection_set_model (self->search_selection, G_LIST_MODEL (self->search_results));
  self->pending_deletes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->deleted_highlights = clipper_highlight_undo_new ();
  clipper_review_page_set_hidden_articles (self->review_page, self->pending_deletes);
  self->pending_saves = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->burst_details = g_ptr_array_new_with_free_func (g_free);
  self->burst_retry = g_ptr_array_new_with_free_func (g_free);
  self->updating = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* Type-to-search where the articles are listed, not in the whole window:
   * letters typed in the article (N after a colour key, a digit with no
   * selection) went into the search and took the keyboard from it. */
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self->library_pane));
  g_signal_connect (self, "notify::focus-widget", G_CALLBACK (on_focus_widget_changed), NULL);
  g_signal_connect_swapped (self->article_list, "unmap", G_CALLBACK (remember_list_top), self);
  g_signal_connect_swapped (self->article_list, "map", G_CALLBACK (restore_list_place), self);
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_entry_key), self);
    gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  }
  {
    GtkEventController *escape = gtk_shortcut_controller_new ();

    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (escape),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                            gtk_callback_action_new (search_results_escape,
                                                                                     self, NULL)));
    gtk_widget_add_controller (GTK_WIDGET (self->search_list), escape);
  }

  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_window_key_captured), self);
    gtk_widget_add_controller (GTK_WIDGET (self), keys);
  }
  {
    /* Caught on the way down: the web view would scroll the page. */
    GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL |
                                                                  GTK_EVENT_CONTROLLER_SCROLL_DISCRETE);

    gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
    g_signal_connect (scroll, "scroll", G_CALLBACK (on_reader_scroll), self);
    gtk_widget_add_controller (self->reader_pane, scroll);
  }

  drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY);
  gtk_drop_target_set_gtypes (drop, (GType[3]) { GDK_TYPE_FILE_LIST, G_TYPE_STRING, G_TYPE_FILE }, 3);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}

/* How long the window's writes wait for a lock another program holds:
 * a brief one (a `clipper-cli tag`) is waited out, a long one (an import)
 * is said at once, well under the second a click may take. */
#define UI_BUSY_TIMEOUT_MS 400

static void
attach_store (ClipperWindow *self,
              ClipperStore  *store)
{
  guint sort = (guint) g_settings_get_enum (self->settings, "sort");
  g_autofree char *path = clipper_format_path (clipper_store_get_path (store));
  g_autofree char *where = NULL;

  self->store = g_object_ref (store);
  /* Its writes run on the UI thread: a lock held by another program (an
   * import) made each wait out SQLite's 5 s, the window frozen, before
   * it failed (QA-s 2).  Now it fails at once, and says "busy". */
  clipper_store_set_busy_timeout (store, UI_BUSY_TIMEOUT_MS);
  /* The empty library says which file it is: on the first run the app
   * makes it without a word, and a reader who looks for the library (to
   * back it up, for clipper-cli) had nothing to go by. */
  where = g_strdup_printf (_("Your articles and highlights are kept in %s"), path);
  gtk_label_set_text (self->library_file_label, where);
  /* A file of mode 0444, a folder or a disk that cannot be written: the
   * library is read as it is, and what would change it is not offered
   * (the banner says why) rather than failing once tried, a note typed
   * into the panel lost with it. */
  self->read_only = clipper_store_is_read_only (store);
  gtk_revealer_set_reveal_child (self->read_only_banner, self->read_only);
  if (self->read_only)
    {
      const char *const editing[] = {
        "win.save-url", "win.save-file", "win.retry-save", "win.retry-update", "win.import", "win.import-folder",
        "win.import-vault", "win.export-library", "library.undo-delete", "library.undo-delete-highlight",
        "library.undo",
      };

      for (guint i = 0; i < G_N_ELEMENTS (editing); i++)
        gtk_widget_action_set_enabled (GTK_WIDGET (self), editing[i], FALSE);
      /* Its buttons (Save Page in the header and the empty library) say
       * why; Star and Archive are told in update_article_actions(). */
      explain_read_only (GTK_WIDGET (self), editing, G_N_ELEMENTS (editing));
    }
  /* The first page now; the count of the rest after the first frame. */
  self->model = clipper_library_model_new_first_page (store);
  if (sort > 0)
    {
      gtk_drop_down_set_selected (self->sort_dropdown, sort);
      on_sort_selected (self);
    }

  self->first_rows = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->model)), 0, first_screen_rows (self));
  gtk_single_selection_set_model (self->article_selection, G_LIST_MODEL (self->first_rows));
  self->first_frame_timeout = g_timeout_add_seconds (2, first_frame_timeout_cb, self);
  if (gtk_widget_get_realized (GTK_WIDGET (self)))
    on_realize_first_rows (self);
  else
    g_signal_connect_swapped (self, "realize", G_CALLBACK (on_realize_first_rows), self);
  g_signal_connect_swapped (self->model, "items-changed", G_CALLBACK (on_model_items_changed), self);
  g_signal_connect_swapped (store, "changes", G_CALLBACK (on_store_changes), self);
  g_signal_connect_swapped (store, "changed", G_CALLBACK (on_store_changed), self);
  clipper_store_watch (store);

  clipper_review_page_set_store (self->review_page, store);
  rebuild_tag_filters (self);
  update_article_actions (self);
  update_articles_stack (self);
}

/* GTK 4.8's shortcuts window (Ctrl+?, which GtkApplication makes from
 * gtk/help-overlay.ui for a window of the app) is as large as its widest
 * page, two columns of groups, about 950 × 780 px, and cannot scroll: at
 * 360 × 640 it stood past the screen's edges, most of its rows out of
 * reach.  Its content goes into a scrolled window, which asks for its
 * natural size where there is room (the window is as it was) and scrolls
 * where there is not.  (Fewer rows a column only makes more columns, two
 * a page, no narrower.) */
static void
make_help_overlay_scroll (ClipperWindow *self)
{
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (self));
  g_autoptr(GtkWidget) content = NULL;
  GtkWidget *scrolled;

  if (overlay == NULL || gtk_window_get_child (GTK_WINDOW (overlay)) == NULL ||
      GTK_IS_SCROLLED_WINDOW (gtk_window_get_child (GTK_WINDOW (overlay))))
    return;
  content = g_object_ref (gtk_window_get_child (GTK_WINDOW (overlay)));
  gtk_window_set_child (GTK_WINDOW (overlay), NULL);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), content);
  gtk_window_set_child (GTK_WINDOW (overlay), scrolled);
}

ClipperWindow *
clipper_window_new (ClipperApplication *app,
                    ClipperStore       *store)
{
  ClipperWindow *self;

  g_return_val_if_fail (CLIPPER_IS_STORE (store), NULL);

  self = g_object_new (CLIPPER_TYPE_WINDOW, "application", app, NULL);
  make_help_overlay_scroll (self);
  attach_store (self, store);

  return self;
}

/**
 * clipper_window_restore_state:
 * @self: the window, just made
 *
 * Shows the page (the articles or the Highlights) and opens the article
 * that were shown when the last window closed, as GNOME's apps come back
 * to where one was, with the library's filter and search (its results
 * shown) and the Highlights page's filters (colour, tag, text), the open
 * article's row selected and the list scrolled to the row that was at
 * its top (shown only once there).  An article deleted since (by
 * clipper-cli, or another library's file) is not opened; a tag no longer
 * in use is not filtered by.  The application calls this for its
 * library window; a window made otherwise (tests, the search provider's
 * activation opening an article of its own) starts afresh.
 */
void
clipper_window_restore_state (ClipperWindow *self)
{
  g_autofree char *view = NULL;
  gint64 id;

  g_return_if_fail (CLIPPER_IS_WINDOW (self));

  /* The filters first: the list's first page is read again for them
   * (not counted: see clipper_library_model_count_rest()), and the
   * Highlights page reads its highlights once, filtered, when shown. */
  restore_filters (self);
  view = g_settings_get_string (self->settings, "view");
  if (g_str_equal (view, "highlights"))
    gtk_stack_set_visible_child_name (self->view_stack, view);

  id = g_settings_get_int64 (self->settings, "last-article");
  if (id > 0)
    {
      g_autoptr (ClipperArticle) article = clipper_store_get_article (self->store, id, NULL);

      /* Reopened, not chosen: its read state stays as it was left. */
      if (article != NULL)
        {
          self->opening_unattended = TRUE;
          clipper_window_open_article (self, id, 0);
          self->opening_unattended = FALSE;
        }
    }

  /* The list comes back to its rows once it holds them all
   * (restore_list_place()). */
  g_settings_get (self->settings, "library-top", "(xu)", &self->top_id, &self->top_position);
  self->restoring_place = TRUE;
  if (self->top_id != 0)
    hide_list_until_placed (self);
  restore_list_place (self);
}

ClipperStore *
clipper_window_get_store (ClipperWindow *self)
{
  g_return_val_if_fail (CLIPPER_IS_WINDOW (self), NULL);
  return self->store;
}

ClipperLibraryModel *
clipper_window_get_library_model (ClipperWindow *self)
{
  g_return_val_if_fail (CLIPPER_IS_WINDOW (self), NULL);
  return self->model;
}

GListModel *
clipper_window_get_search_model (ClipperWindow *self)
{
  g_return_val_if_fail (CLIPPER_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->search_results);
}

GtkWidget *
clipper_window_get_review_page (ClipperWindow *self)
{
  g_return_val_if_fail (CLIPPER_IS_WINDOW (self), NULL);
  return GTK_WIDGET (self->review_page);
}

gint64
clipper_window_get_article_id (ClipperWindow *self)
{
  g_return_val_if_fail (CLIPPER_IS_WINDOW (self), 0);
  return self->article_id;
}

GtkWidget *
clipper_window_get_reader (ClipperWindow *self)
{
  g_return_val_if_fail (CLIPPER_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child (self->reader_stack);
}
