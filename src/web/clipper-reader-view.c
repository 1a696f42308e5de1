/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "clipper-reader"

#include "clipper-reader-view.h"
#include "clipper-toast.h"

#include "clipper-anchor.h"
#include "clipper-color-name.h"
#include "clipper-extractor.h"
#include "clipper-fetcher.h"
#include "clipper-format.h"
#include "clipper-highlight-undo.h"
#include "clipper-kindle.h"
#include "clipper-list-focus.h"
#include "clipper-reanchor.h"
#include "clipper-reader-page.h"
#include "clipper-tag-chips.h"
#include "clipper-tag-completion.h"
#include "clipper-wrap-layout.h"
#include "clipper-web-resources.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>
#include <webkit/webkit.h>

/* The version of the JSON messages between the page script and this view. */
#define BRIDGE_VERSION 1
#define SCRIPT_WORLD "clipper"
#define NOTE_SAVE_DELAY_MS 700
/* A note the library refused, tried again (save_note_now()). */
#define NOTE_RETRY_MS 3000
/* The article's narrowest column, at any text size: a phone's width.  It
 * grew with the text (to 640 px) and a window at 360 px grew with it,
 * off the screen; the text's size only sets the column's maximum, in the
 * page and in the plain text's clamp. */
#define ARTICLE_MIN_WIDTH 360
#define RESOURCE_PREFIX "/org/example/Clipper/web/"
/* How long an article may take to show before a cover says it is on its
 * way: a fast open does not flash. */
#define LOADING_DELAY_MS 200

struct _ClipperReaderView
{
  GtkWidget parent_instance;

  /* Template children */
  AdwToastOverlay *toast_overlay;
  AdwFlap         *flap;
  GtkBox          *content_box;
  GtkStack        *panel_stack;
  AdwStatusPage   *empty_page;
  GtkListView     *highlight_list;
  GtkWidget       *highlight_scroller;
  GtkWidget       *orphan_box;
  GtkWidget       *orphan_heading;
  GtkWidget       *orphan_hint;
  GtkListBox      *orphan_list;
  GtkLabel        *detail_quote;
  GtkLabel        *detail_before;
  GtkBox          *detail_colors;
  GtkTextView     *note_view;
  GHashTable      *note_buffers;   /* highlight id → its note's GtkTextBuffer (note_buffer_for()) */
  GtkWidget       *note_placeholder;
  ClipperTagChips *tags_chips;
  GtkLabel        *detail_dates;
  GtkPopover      *selection_popover;
  GtkBox          *popover_colors;
  GtkWidget       *reattach_button;
  GtkWidget       *remove_button;
  AdwClamp        *plain_box;
  GtkLabel        *plain_title;
  GtkLabel        *plain_meta;
  GtkTextView     *plain_view;
  GtkWidget       *loading_box;
  GtkSpinner      *loading_spinner;
  GtkSearchBar    *find_bar;
  GtkSearchEntry  *find_entry;
  GtkLabel        *find_count;

  WebKitWebView            *web_view;
  WebKitUserContentManager *ucm;
  GCancellable             *cancellable;

  ClipperStore      *store;
  GSettings         *settings;
  ClipperArticle    *article;
  ClipperAnchorText *anchor_text;
  GPtrArray         *highlights;      /* (element-type ClipperHighlight), text order; orphans too */
  GListStore        *anchored_model;  /* (element-type ClipperHighlight): the panel's list */
  GPtrArray         *panel_rest;      /* (element-type ClipperHighlight): its rows still to come */
  guint              panel_tick;      /* adds them, a few a frame */
  gint64             focus_row_id;    /* the highlight whose row focus_row_later() gives the keyboard to */

  gint64   article_id;
  gboolean read_only;         /* the store cannot be written: nothing is offered that would */
  gboolean plain_text;        /* the article is read in plain_view, not in the web view */
  guint    plain_popover_id;  /* the popover for a mouse selection in the plain text, soon */
  double   plain_position;    /* the plain text's reading position (0…1), kept as it is laid out; < 0: none yet */
  gboolean plain_scrolling;   /* plain_view is scrolled to plain_position, not by the reader */
  gboolean plain_place_caret; /* the caret follows plain_position to the first line in view */
  guint    plain_save_id;     /* writing plain_position to the store, soon */
  guint    plain_apply_id;    /* apply_plain_position() once the text view's change is done */
  double   plain_upper;       /* the plain text's scrollable height and view height at the last "changed" */
  double   plain_page;
  gboolean plain_relayout;    /* plain_view is configuring its adjustment: its moves are its own */
  guint    plain_relayout_id; /* the end of that */
  guint    loading_id;        /* the loading cover, soon (show_loading()) */
  gboolean unattended;        /* the next article opens unasked (clipper_reader_view_set_unattended()) */
  gboolean read_on_scroll;    /* opened unasked: read once the reader scrolls it, not at once */
  gboolean textless;          /* highlights imported without the text (a Kindle book) */
  gboolean panel_auto_opened; /* opened for such an article, not by the reader */
  gboolean focus_panel_pending; /* F9 opened the panel: keyboard into it once shown */
  gint64   load_start_us;
  gboolean page_ready;
  gboolean load_failed;       /* the load under way failed: its "finished" is not the page's */
  gboolean painted;
  gboolean panel_dirty;
  gint64   pending_scroll;
  gint64   pending_reveal_start;  /* text to reveal once painted; -1: none */
  gint64   pending_reveal_end;
  char    *fragment;          /* a link's #fragment to open fragment_article at, or NULL */
  gint64   fragment_article;
  GHashTable *hidden;         /* gint64 ids of articles deleted but for their Undo, or NULL */
  double   last_position;     /* where the reader last was in this article (0…1), as the page or plain text said */
  GArray  *history;           /* (element-type Visit) the articles left by a link to a saved copy, last last */
  gint64   history_next;      /* the article a link or Alt+Left opens: its load keeps the history */

  /* The last selection the page reported. */
  gboolean     has_selection;
  gint64       selection_highlight;
  GdkRectangle selection_rect;
  gboolean     popover_on_click;   /* the popover is for a click on selection_highlight */
  gboolean     quiet_selection;    /* the next selection is a search hit's: no popover over it */

  /* Find in the article: the matches of the find bar's text, and which
   * of them is shown (0-based); in Plain Text where that one is (code
   * points, -1 none).  The last text looked for, which the bar shows
   * again when it opens. */
  guint find_matches;
  guint find_index;
  gint64 find_start;
  gint64 find_end;
  char *find_last;
  char *find_text;            /* the text the matches shown are for, or NULL */

  gint64  active_highlight;   /* the one in the detail panel or clicked, or 0 */
  gint64  last_made;          /* made (or recoloured) by the last colour key, for N; or 0 */
  gboolean plain_caret_left;  /* the plain text's caret is where a colour left it, not moved since */
  gint64  reattach_id;        /* the orphan waiting for its text, or 0 */
  guint   note_save_id;
  gboolean loading_detail;

  ClipperHighlightUndo *deleted;  /* kept for each Undo toast and Ctrl+Z */

  AdwToast *failure_toast;    /* the failure shown, if any (borrowed, until dismissed) */
  char     *failure_title;    /*   its title, */
  char     *failure_message;  /*   and its whole message, for its Details */

  gint64  last_crash_us;      /* when the web process last stopped, or 0 */

  GtkWindow *close_window;    /* our root, watched for close-request, or NULL */
  gulong     close_handler;
};

G_DEFINE_FINAL_TYPE (ClipperReaderView, clipper_reader_view, GTK_TYPE_WIDGET)

/* An article left by a link to another's saved copy, and where in it the
 * reader was: Alt+Left comes back there, as GNOME Web's history does. */
typedef struct {
  gint64 article_id;
  double position;
} Visit;

/* Enough to come back along a chain of links; the oldest go first. */
#define MAX_HISTORY 20

enum {
  PROP_0,
  PROP_STORE,
  PROP_ARTICLE_ID,
  PROP_TITLE,
  PROP_PANEL_VISIBLE,
  PROP_CARET_BROWSING,
  PROP_PLAIN_TEXT,
  N_PROPS
};

enum {
  SIGNAL_ARTICLE_READY,
  SIGNAL_HIGHLIGHTS_CHANGED,
  SIGNAL_LOAD_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void push_highlights (ClipperReaderView *self);
static void rebuild_panel (ClipperReaderView *self);
static void show_detail (ClipperReaderView *self, gint64 highlight_id);
static void flush_note (ClipperReaderView *self);
static void apply_color_names (ClipperReaderView *self);
static void find_step (ClipperReaderView *self, int step);
static void paint_plain_highlights (ClipperReaderView *self);
static void style_plain_text (ClipperReaderView *self, const ClipperReaderStyle *style);
static void article_painted (ClipperReaderView *self);
static void on_flap_reveal_progress (ClipperReaderView *self);
static void show_loading    (ClipperReaderView *self,
                             gboolean           loading);
static double plain_top_fraction (ClipperReaderView *self);
static void apply_plain_position (ClipperReaderView *self);

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static void
toast (ClipperReaderView *self,
       const char        *message)
{
  /* Toast titles are markup; messages may quote anything. */
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  clipper_toast_add (self->toast_overlay, adw_toast_new (escaped));
}

static void
on_failure_toast_dismissed (AdwToast          *t,
                            ClipperReaderView *self)
{
  if (self->failure_toast == t)
    self->failure_toast = NULL;
}

/* What failed, in the toast's @title, a few words that fit at 360 px
 * beside Details ("Could not delete the highlight: " and the store's
 * reason were cut at the reader's edge, the reason gone); @what in full
 * and why, in its Details.  As the window's failures, it stays until
 * closed, and a newer one takes its place: a note that cannot be saved
 * fails at every pause in the typing. */
static void
toast_error (ClipperReaderView *self,
             const char        *title,
             const char        *what,
             const GError      *error)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  AdwToast *t = adw_toast_new (escaped);

  g_free (self->failure_title);
  self->failure_title = g_strdup (title);
  g_free (self->failure_message);
  /* Translators: what failed, then why (the error's message) */
  self->failure_message = g_strdup_printf (_("%s: %s"), what, error->message);
  adw_toast_set_timeout (t, 0);
  adw_toast_set_button_label (t, _("_Details"));
  adw_toast_set_action_name (t, "reader.failure-details");
  g_signal_connect_object (t, "dismissed", G_CALLBACK (on_failure_toast_dismissed), self, 0);
  if (self->failure_toast != NULL)
    clipper_toast_dismiss (self->failure_toast);
  self->failure_toast = t;
  clipper_toast_add (self->toast_overlay, t);
}

static ClipperHighlight *
find_highlight (ClipperReaderView *self,
                gint64             id,
                guint             *out_index)
{
  if (self->highlights == NULL || id <= 0)
    return NULL;
  for (guint i = 0; i < self->highlights->len; i++)
    {
      ClipperHighlight *h = g_ptr_array_index (self->highlights, i);
      if (clipper_highlight_get_id (h) == id)
        {
          if (out_index)
            *out_index = i;
          return h;
        }
    }
  return NULL;
}

/* The highlight a selection of code points [@start, @end) lies inside, or
 * NULL: only that one may be recoloured, annotated or removed through the
 * selection.  One that the selection merely starts or ends in is not
 * meant: its colours would make a new highlight, so its Remove must not
 * delete the old one.  Where highlights nest, the innermost (the one the
 * page paints on top) is meant. */
static ClipperHighlight *
find_highlight_around (ClipperReaderView *self,
                       gint64             start,
                       gint64             end)
{
  ClipperHighlight *found = NULL;

  if (self->highlights == NULL || start < 0 || end <= start)
    return NULL;
  for (guint i = 0; i < self->highlights->len; i++)
    {
      ClipperHighlight *h = g_ptr_array_index (self->highlights, i);

      if (!clipper_highlight_get_anchored (h) ||
          start < clipper_highlight_get_start (h) || end > clipper_highlight_get_end (h))
        continue;
      if (found == NULL ||
          clipper_highlight_get_start (h) > clipper_highlight_get_start (found) ||
          (clipper_highlight_get_start (h) == clipper_highlight_get_start (found) &&
           clipper_highlight_get_end (h) < clipper_highlight_get_end (found)))
        found = h;
    }
  return found;
}

static int
compare_highlights (gconstpointer a,
                    gconstpointer b)
{
  ClipperHighlight *ha = *(ClipperHighlight **) a;
  ClipperHighlight *hb = *(ClipperHighlight **) b;
  gint64 sa = clipper_highlight_get_start (ha), sb = clipper_highlight_get_start (hb);

  if (sa != sb)
    return sa < sb ? -1 : 1;
  return clipper_highlight_get_id (ha) < clipper_highlight_get_id (hb) ? -1 : 1;
}

static void
emit_changed (ClipperReaderView *self)
{
  g_signal_emit (self, signals[SIGNAL_HIGHLIGHTS_CHANGED], 0, self->article_id);
}

static void
highlights_changed (ClipperReaderView *self)
{
  g_ptr_array_sort (self->highlights, compare_highlights);
  push_highlights (self);
  rebuild_panel (self);
  emit_changed (self);
}

/* ------------------------------------------------------------------ */
/* Talking to the page script                                          */

typedef void (*EvalDone) (ClipperReaderView *self, JSCValue *value, gpointer data);

typedef struct {
  ClipperReaderView *self;
  EvalDone           done;
  gpointer           data;
} EvalClosure;

static void
eval_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  EvalClosure *closure = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JSCValue) value = NULL;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (source), result, &error);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Reader page script failed: %s", error->message);
  if (value != NULL && closure->done != NULL && closure->self->web_view != NULL)
    closure->done (closure->self, value, closure->data);
  g_object_unref (closure->self);
  g_free (closure);
}

static void
run_script (ClipperReaderView *self,
            const char        *script,
            EvalDone           done,
            gpointer           data)
{
  EvalClosure *closure;

  if (self->web_view == NULL)
    return;
  closure = g_new0 (EvalClosure, 1);
  closure->self = g_object_ref (self);
  closure->done = done;
  closure->data = data;
  webkit_web_view_evaluate_javascript (self->web_view, script, -1, SCRIPT_WORLD,
                                       "clipper-article://resource/bridge.js",
                                       self->cancellable, eval_cb, closure);
}

static char *
highlights_json (ClipperReaderView *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; self->highlights != NULL && i < self->highlights->len; i++)
    {
      ClipperHighlight *h = g_ptr_array_index (self->highlights, i);
      const char *note = clipper_highlight_get_note (h);

      if (!clipper_highlight_get_anchored (h))
        continue;
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, clipper_highlight_get_id (h));
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, clipper_highlight_get_start (h));
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, clipper_highlight_get_end (h));
      json_builder_set_member_name (builder, "color");
      json_builder_add_string_value (builder, clipper_highlight_get_color (h));
      json_builder_set_member_name (builder, "note");
      json_builder_add_boolean_value (builder, note != NULL && *note != '\0');
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
push_highlights (ClipperReaderView *self)
{
  g_autofree char *json = NULL;
  g_autofree char *script = NULL;

  /* The plain text shows them at once, whether the page is ready or not. */
  paint_plain_highlights (self);
  if (!self->page_ready)
    return;
  json = highlights_json (self);
  script = g_strdup_printf ("clipper.setHighlights(%s)", json);
  run_script (self, script, NULL, NULL);
}

static void
clear_page_selection (ClipperReaderView *self)
{
  self->has_selection = FALSE;
  gtk_popover_popdown (self->selection_popover);
  if (self->page_ready)
    run_script (self, "clipper.clearSelection()", NULL, NULL);
  /* In the plain text the caret stays where the selection ended, to read
   * on from there. */
  if (self->plain_text)
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->plain_view);
      GtkTextIter start, end;

      if (gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
        gtk_text_buffer_place_cursor (buffer, &end);
      self->plain_caret_left = TRUE;
    }
}

/* ------------------------------------------------------------------ */
/* Settings                                                            */

static void
resolve_style (ClipperReaderView  *self,
               ClipperReaderStyle *style,
               char              **out_font,
               char              **out_theme)
{
  g_autofree char *theme = NULL;
  g_autofree char *font = NULL;

  style->size = 18;
  style->width = 70;
  if (self->settings != NULL)
    {
      font = g_settings_get_string (self->settings, "font-family");
      theme = g_settings_get_string (self->settings, "theme");
      style->size = g_settings_get_int (self->settings, "font-size");
      style->width = g_settings_get_int (self->settings, "line-width");
    }
  if (g_strcmp0 (font, "sans") != 0)
    {
      g_free (font);
      font = g_strdup ("serif");
    }
  if (g_strcmp0 (theme, "light") != 0 && g_strcmp0 (theme, "dark") != 0 && g_strcmp0 (theme, "sepia") != 0)
    {
      /* "system" follows the desktop's dark style preference. */
      g_free (theme);
      theme = g_strdup (adw_style_manager_get_dark (adw_style_manager_get_default ()) ? "dark" : "light");
    }
  style->size = CLAMP (style->size, 8, 48);
  style->width = CLAMP (style->width, 30, 160);
  style->font = font;
  style->theme = theme;
  style->ui_dir = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL ? "rtl" : "ltr";
  /* High contrast is the desktop's, in every scheme: the page then marks
   * each highlight colour with its own underline, not with a tint alone. */
  style->high_contrast = adw_style_manager_get_high_contrast (adw_style_manager_get_default ());
  *out_font = g_steal_pointer (&font);
  *out_theme = g_steal_pointer (&theme);
}

static void
apply_settings (ClipperReaderView *self)
{
  ClipperReaderStyle style;
  g_autofree char *font = NULL;
  g_autofree char *theme = NULL;
  GdkRGBA background;

  resolve_style (self, &style, &font, &theme);
  /* The view's own background matches the page, so nothing flashes white
   * in a dark or sepia scheme before the page paints. */
  if (g_str_equal (theme, "dark"))
    gdk_rgba_parse (&background, "#1e1e1e");
  else if (g_str_equal (theme, "sepia"))
    gdk_rgba_parse (&background, "#f5ecd9");
  else
    gdk_rgba_parse (&background, "#ffffff");
  if (self->web_view != NULL)
    webkit_web_view_set_background_color (self->web_view, &background);
  style_plain_text (self, &style);

  if (self->page_ready)
    {
      g_autofree char *script = g_strdup_printf ("clipper.applySettings({font:'%s',size:%d,width:%d,theme:'%s',"
                                                 "contrast:'%s'})",
                                                 font, style.size, style.width, theme,
                                                 style.high_contrast ? "high" : "normal");
      run_script (self, script, NULL, NULL);
    }
}

/* The widget of the window that has the keyboard, or NULL (no window,
 * or nothing focused in it). */
static GtkWidget *
keyboard_focus (ClipperReaderView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return root != NULL ? gtk_root_get_focus (root) : NULL;
}

/* The page has the keyboard: its keys are the article's (caret, Delete
 * at the caret, Alt+Left, Ctrl+Home…), not a field's nor Plain Text's.
 * A page still loading has no script to run them yet. */
static gboolean
page_has_keyboard (ClipperReaderView *self)
{
  return !self->plain_text && self->page_ready &&
         keyboard_focus (self) == GTK_WIDGET (self->web_view);
}

static gboolean
caret_wanted (ClipperReaderView *self)
{
  /* Painted in the plain text, the page may still be loading. */
  return self->painted && self->page_ready && clipper_reader_view_get_caret_browsing (self);
}

/* WebKit shows a caret only where a click put one: with caret navigation
 * on and the keyboard in the article, one goes to the first text in view,
 * so that Shift and the arrows select at once (without a mouse they only
 * scrolled).  A selection or caret already in view stays. */
static void
place_caret (ClipperReaderView *self)
{
  if (!caret_wanted (self) || !page_has_keyboard (self))
    return;
  run_script (self, "clipper.placeCaret()", NULL, NULL);
}

/* The keyboard comes into the page.  GTK says so before the window's
 * focus is the web view, which place_caret() asks: an article painted
 * while the keyboard was elsewhere (opened with the arrows in the list,
 * then Enter) kept WebKit's own caret at the page's start, out of view
 * at a reading position, and Shift and the arrows selected nothing
 * there. */
static void
on_web_view_focus_enter (ClipperReaderView *self)
{
  if (caret_wanted (self))
    run_script (self, "clipper.placeCaret()", NULL, NULL);
}

/* Caret navigation (F7): a caret in the article that the arrow keys move
 * and Shift extends, for readers who select text from the keyboard; the
 * popover picks the selection up as it does a mouse's.  A setting, as in
 * Web: who needs it needs it in every article. */
static void
apply_caret_browsing (ClipperReaderView *self)
{
  gboolean on = self->settings != NULL && g_settings_get_boolean (self->settings, "caret-browsing");
  WebKitSettings *web = self->web_view != NULL ? webkit_web_view_get_settings (self->web_view) : NULL;

  if (web == NULL || webkit_settings_get_enable_caret_browsing (web) == on)
    return;
  webkit_settings_set_enable_caret_browsing (web, on);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CARET_BROWSING]);
  place_caret (self);
}

gboolean
clipper_reader_view_get_caret_browsing (ClipperReaderView *self)
{
  g_return_val_if_fail (CLIPPER_IS_READER_VIEW (self), FALSE);

  return self->web_view != NULL && webkit_settings_get_enable_caret_browsing (webkit_web_view_get_settings (self->web_view));
}

/* Kept in the settings too when there are any (the app's): the next view
 * starts with it. */
void
clipper_reader_view_set_caret_browsing (ClipperReaderView *self,
                                        gboolean           caret_browsing)
{
  g_return_if_fail (CLIPPER_IS_READER_VIEW (self));

  caret_browsing = !!caret_browsing;
  if (self->web_view == NULL || clipper_reader_view_get_caret_browsing (self) == caret_browsing)
    return;
  webkit_settings_set_enable_caret_browsing (webkit_web_view_get_settings (self->web_view), caret_browsing);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CARET_BROWSING]);
  if (self->settings != NULL && g_settings_get_boolean (self->settings, "caret-browsing") != caret_browsing)
    g_settings_set_boolean (self->settings, "caret-browsing", caret_browsing);
  if (caret_browsing)
    {
      toast (self, _("Caret navigation: Shift and the arrows select"));
      gtk_widget_grab_focus (GTK_WIDGET (self->web_view));
      place_caret (self);
    }
}

static void
on_settings_changed (ClipperReaderView *self,
                     const char        *key)
{
  if (g_strcmp0 (key, "caret-browsing") == 0)
    apply_caret_browsing (self);
  else if (g_strcmp0 (key, "color-names") == 0)
    apply_color_names (self);
  else
    apply_settings (self);
}

void
clipper_reader_view_set_settings (ClipperReaderView *self,
                                  GSettings         *settings)
{
  g_return_if_fail (CLIPPER_IS_READER_VIEW (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed), self, G_CONNECT_SWAPPED);
  apply_settings (self);
  apply_caret_browsing (self);
  apply_color_names (self);
}

/* ------------------------------------------------------------------ */
/* The clipper-article: scheme                                          */

static void
finish_bytes (WebKitURISchemeRequest *request,
              GBytes                 *bytes,
              const char             *content_type)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autoptr(WebKitURISchemeResponse) response = NULL;
  SoupMessageHeaders *headers;

  response = webkit_uri_scheme_response_new (stream, g_bytes_get_size (bytes));
  webkit_uri_scheme_response_set_content_type (response, content_type);
  /* The same policy as the page's <meta>, for every response of the scheme. */
  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  soup_message_headers_append (headers, "Content-Security-Policy", CLIPPER_READER_CSP);
  soup_message_headers_append (headers, "Content-Type", content_type);
  webkit_uri_scheme_response_set_http_headers (response, headers);
  webkit_uri_scheme_request_finish_with_response (request, response);
}

static void
finish_error (WebKitURISchemeRequest *request,
              const char             *format,
              ...) G_GNUC_PRINTF (2, 3);

static void
finish_error (WebKitURISchemeRequest *request,
              const char             *format,
              ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, message);
  webkit_uri_scheme_request_finish_error (request, error);
}

static void
serve_page (ClipperReaderView      *self,
            WebKitURISchemeRequest *request,
            gint64                  id)
{
  ClipperReaderStyle style;
  g_autofree char *font = NULL;
  g_autofree char *theme = NULL;
  g_autofree char *highlights = NULL;
  g_autofree char *page = NULL;
  gsize len;

  /* Only the article this view shows: a page cannot open other articles. */
  if (self->article == NULL || id != self->article_id)
    {
      finish_error (request, "Article %" G_GINT64_FORMAT " is not open in this reader", id);
      return;
    }
  resolve_style (self, &style, &font, &theme);
  highlights = highlights_json (self);
  /* None to paint: the page as it was without them. */
  if (g_str_equal (highlights, "[]"))
    g_clear_pointer (&highlights, g_free);
  page = clipper_reader_page_build (self->article, &style, highlights);
  len = strlen (page);
  finish_bytes (request, g_bytes_new_take (g_steal_pointer (&page), len), "text/html; charset=utf-8");
}

static void
serve_image (ClipperReaderView      *self,
             WebKitURISchemeRequest *request,
             gint64                  id,
             const char             *query)
{
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *content_type = NULL;
  const char *url;

  if (self->store == NULL || query == NULL)
    {
      finish_error (request, "No image here");
      return;
    }
  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, &error);
  url = params != NULL ? g_hash_table_lookup (params, "url") : NULL;
  if (url == NULL)
    {
      finish_error (request, "An image address without its original URL");
      return;
    }
  bytes = clipper_store_dup_image (self->store, id, url, &content_type, &error);
  if (bytes == NULL)
    {
      finish_error (request, "Image %s of article %" G_GINT64_FORMAT " is not stored: %s",
                    url, id, error ? error->message : "unknown error");
      return;
    }
  /* Anything that is not a picture is not served as one. */
  if (content_type == NULL || !g_str_has_prefix (content_type, "image/"))
    {
      finish_error (request, "The stored file for %s is not an image (%s)", url,
                    content_type ? content_type : "no type");
      return;
    }
  finish_bytes (request, bytes, content_type);
}

static void
serve_resource (WebKitURISchemeRequest *request,
                const char             *path)
{
  g_autoptr(GBytes) bytes = NULL;

  if (g_strcmp0 (path, "/reader-page.css") == 0)
    bytes = g_resources_lookup_data (RESOURCE_PREFIX "css/reader-page.css", 0, NULL);
  if (bytes == NULL)
    {
      finish_error (request, "No reader resource %s", path);
      return;
    }
  finish_bytes (request, bytes, "text/css; charset=utf-8");
}

static void
handle_scheme_request (WebKitURISchemeRequest *request,
                       gpointer                user_data)
{
  WebKitWebView *web_view = webkit_uri_scheme_request_get_web_view (request);
  ClipperReaderView *self = NULL;
  const char *uri = webkit_uri_scheme_request_get_uri (request);
  g_autoptr(GUri) parsed = NULL;
  const char *host, *path;
  gint64 id = 0;

  if (web_view != NULL)
    self = g_object_get_data (G_OBJECT (web_view), "clipper-reader-view");
  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED_QUERY, NULL);
  if (self == NULL || parsed == NULL || g_uri_get_host (parsed) == NULL)
    {
      finish_error (request, "Cannot open %s", uri);
      return;
    }
  host = g_uri_get_host (parsed);
  path = g_uri_get_path (parsed);
  if (g_str_equal (host, "resource"))
    {
      serve_resource (request, path);
      return;
    }
  if (path != NULL && path[0] == '/' && g_ascii_isdigit (path[1]))
    id = g_ascii_strtoll (path + 1, NULL, 10);
  if (id > 0 && g_str_equal (host, "article"))
    serve_page (self, request, id);
  else if (id > 0 && g_str_equal (host, "image"))
    serve_image (self, request, id, g_uri_get_query (parsed));
  else
    finish_error (request, "Cannot open %s", uri);
}

/* One web process and one ephemeral network session for every reader: the
 * reader keeps no cookies, cache or storage of its own. */
static WebKitWebContext *
get_web_context (void)
{
  static WebKitWebContext *context;

  if (context == NULL)
    {
      WebKitSecurityManager *security;

      context = webkit_web_context_new ();
      webkit_web_context_set_cache_model (context, WEBKIT_CACHE_MODEL_DOCUMENT_VIEWER);
      webkit_web_context_register_uri_scheme (context, CLIPPER_READER_SCHEME, handle_scheme_request, NULL, NULL);
      security = webkit_web_context_get_security_manager (context);
      webkit_security_manager_register_uri_scheme_as_secure (security, CLIPPER_READER_SCHEME);
      webkit_security_manager_register_uri_scheme_as_cors_enabled (security, CLIPPER_READER_SCHEME);
    }
  return context;
}

static WebKitNetworkSession *
get_network_session (void)
{
  static WebKitNetworkSession *session;

  if (session == NULL)
    session = webkit_network_session_new_ephemeral ();
  return session;
}

/* ------------------------------------------------------------------ */
/* Navigation policy                                                   */

static gboolean
is_openable_url (const char *uri)
{
  return g_str_has_prefix (uri, "https://") || g_str_has_prefix (uri, "http://") ||
         g_str_has_prefix (uri, "mailto:");
}

static gboolean
on_decide_policy (ClipperReaderView        *self,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type)
{
  WebKitNavigationAction *action;
  WebKitURIRequest *request;
  const char *uri;

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    {
      WebKitResponsePolicyDecision *response = WEBKIT_RESPONSE_POLICY_DECISION (decision);
      uri = webkit_uri_request_get_uri (webkit_response_policy_decision_get_request (response));
      if (g_str_has_prefix (uri, CLIPPER_READER_SCHEME ":") || g_str_equal (uri, "about:blank"))
        webkit_policy_decision_use (decision);
      else
        webkit_policy_decision_ignore (decision);
      return TRUE;
    }

  action = webkit_navigation_policy_decision_get_navigation_action (WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  request = webkit_navigation_action_get_request (action);
  uri = webkit_uri_request_get_uri (request);

  /* Our own page (and #fragments inside it) may load, and the blank page
   * that clears the view; nothing else does. */
  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION &&
      ((self->article_id > 0 && clipper_reader_page_parse_article_uri (uri) == self->article_id) ||
       (self->article_id == 0 && g_str_equal (uri, "about:blank"))))
    {
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  webkit_policy_decision_ignore (decision);

  /* A link the reader clicked opens in the browser; a refresh, a form or a
   * script-driven navigation is simply refused. */
  if (webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED &&
      webkit_navigation_action_is_user_gesture (action) &&
      is_openable_url (uri))
    clipper_reader_view_open_link (self, uri);
  return TRUE;
}

/* The article shown and where the reader is in it, for Alt+Left to come
 * back to from the saved copy a link opens.  The page said where it was
 * as the link was clicked (reader.js), the plain text is asked. */
static void
push_visit (ClipperReaderView *self)
{
  Visit visit = { self->article_id, self->plain_text ? plain_top_fraction (self) : self->last_position };

  if (self->article_id <= 0)
    return;
  if (self->history->len == MAX_HISTORY)
    g_array_remove_index (self->history, 0);
  g_array_append_val (self->history, visit);
}

/* Opens @id as a step along the history (a link followed, or Alt+Left):
 * through the window, whose list follows, or in this view where it is
 * alone.  Any other article opened empties the history
 * (clipper_reader_view_load_article()). */
static gboolean
open_in_history (ClipperReaderView *self,
                 gint64             id,
                 GError           **error)
{
  gboolean opened;

  self->history_next = id;
  opened = gtk_widget_activate_action (GTK_WIDGET (self), "win.show-highlight", "(xx)", id, (gint64) 0) ||
           clipper_reader_view_load_article (self, id, error);
  self->history_next = 0;
  if (opened && self->article_id != id)
    {
      /* The window would not open it (deleted, its Undo showing). */
      g_set_error (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND,
                   "Article %" G_GINT64_FORMAT " was not opened", id);
      opened = FALSE;
    }
  return opened;
}

/* Alt+Left with no place left in the article: back to the article a link
 * to a saved copy was followed from, where the reader was in it.  FALSE
 * when there is none (or it is gone): the window goes back to the list. */
static gboolean
go_back_in_history (ClipperReaderView *self)
{
  while (self->history->len > 0)
    {
      Visit visit = g_array_index (self->history, Visit, self->history->len - 1);
      g_autoptr (GError) error = NULL;

      g_array_set_size (self->history, self->history->len - 1);
      if (self->hidden != NULL && g_hash_table_contains (self->hidden, &visit.article_id))
        continue;
      /* Where the reader was in it, written as its reading position: the
       * article opens there, and so does every later load of it (Plain
       * Text, Fetch Again, a reload), which a place kept aside for the
       * first load only overrode, taking the reader back there (review21
       * S1). */
      if (self->store != NULL && !self->read_only &&
          !clipper_store_update_reading (self->store, visit.article_id, visit.position, FALSE, &error))
        {
          g_warning ("Could not remember the reading position of article %" G_GINT64_FORMAT ": %s",
                     visit.article_id, error->message);
          g_clear_error (&error);
        }
      if (open_in_history (self, visit.article_id, &error))
        return TRUE;
      g_debug ("Could not go back to article %" G_GINT64_FORMAT ": %s", visit.article_id, error->message);
    }
  return FALSE;
}

/**
 * clipper_reader_view_clear_history:
 * @self: a #ClipperReaderView
 *
 * Forgets the articles Alt+Left would go back to (the library is shown:
 * the next Alt+Left is not to come back to them).
 */
void
clipper_reader_view_clear_history (ClipperReaderView *self)
{
  g_return_if_fail (CLIPPER_IS_READER_VIEW (self));

  g_array_set_size (self->history, 0);
}

typedef struct {
  ClipperReaderView *self;  /* (weak) */
  char *uri;
} OpenLink;

static void
open_link_free (OpenLink *open)
{
  g_clear_weak_pointer (&open->self);
  g_free (open->uri);
  g_free (open);
}

/* No browser on the machine (or none for this kind of address): GTK said
 * it in a dialog of its own, "Could not show link — Operation not
 * supported".  The reader says it in its words, with the link to copy,
 * for a browser elsewhere. */
static void
link_opened (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  OpenLink *open = user_data;
  g_autoptr (GError) error = NULL;

  if (!gtk_show_uri_full_finish (GTK_WINDOW (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && open->self != NULL)
    {
      AdwToast *t = adw_toast_new (_("No app could open the link"));

      adw_toast_set_timeout (t, 10);
      adw_toast_set_button_label (t, _("_Copy Link"));
      adw_toast_set_action_name (t, "reader.copy-link");
      adw_toast_set_action_target_value (t, g_variant_new_string (open->uri));
      clipper_toast_add (open->self->toast_overlay, t);
    }
  open_link_free (open);
}

/* Opens @uri in the browser, or where none can open it, says so with a
 * toast that offers to copy it. */
static void
open_in_browser (ClipperReaderView *self,
                 const char        *uri)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  OpenLink *open;

  if (!GTK_IS_WINDOW (root))
    return;
  open = g_new0 (OpenLink, 1);
  g_set_weak_pointer (&open->self, self);
  open->uri = g_strdup (uri);
  gtk_show_uri_full (GTK_WINDOW (root), uri, GDK_CURRENT_TIME, NULL, link_opened, open);
}

/* A link to a page that is in the library opens the saved copy, as the
 * library finds a page being saved again (its URL normalized, or the
 * canonical URL of an article): offline, the web page was a toast "No
 * app could open the link", or a browser on a dead page (QA-m 7).  The
 * window opens it (its list follows), or the view itself where it is
 * alone.  A toast says so, with the web page a click away.  A link with
 * a #fragment opens it at that place, as a browser opens the web page:
 * with the fragment dropped, the saved copy of a long page left the
 * reader to look for the section the link was about. */
static gboolean
open_saved_copy (ClipperReaderView *self,
                 const char        *uri)
{
  g_autofree char *url = NULL;
  g_autoptr (GError) error = NULL;
  const char *hash = strchr (uri, '#');
  AdwToast *t;
  gint64 id;

  if (self->store == NULL || !(g_str_has_prefix (uri, "https://") || g_str_has_prefix (uri, "http://")))
    return FALSE;
  url = clipper_fetch_dup_normalized_uri (uri, NULL);
  if (url == NULL)
    return FALSE;
  id = clipper_store_find_article_by_url (self->store, url, NULL);
  /* The article's own address (the header's link to the original) is
   * for the web page.  So is an article deleted a moment ago, its Undo
   * still showing: opened, it went from under the reader when the toast
   * did (review 20, 8). */
  if (id <= 0 || id == self->article_id || (self->hidden != NULL && g_hash_table_contains (self->hidden, &id)))
    return FALSE;
  /* Kept until that article's page has loaded: the window may open it
   * in this view later than now. */
  g_free (self->fragment);
  self->fragment = hash != NULL && hash[1] != '\0' ? g_strdup (hash + 1) : NULL;
  self->fragment_article = id;
  push_visit (self);
  if (!open_in_history (self, id, &error))
    {
      g_debug ("The saved copy of %s did not open: %s", uri, error->message);
      g_clear_pointer (&self->fragment, g_free);
      g_array_set_size (self->history, self->history->len - 1);
      return FALSE;
    }
  t = adw_toast_new (_("Opened the saved copy"));
  adw_toast_set_button_label (t, _("Open _Web Page"));
  adw_toast_set_action_name (t, "reader.open-web-page");
  adw_toast_set_action_target_value (t, g_variant_new_string (uri));
  clipper_toast_add (self->toast_overlay, t);
  return TRUE;
}

/**
 * clipper_reader_view_open_link:
 * @self: a #ClipperReaderView
 * @uri: a web address
 *
 * Opens @uri as a link of the article is opened: the saved copy when the
 * page is in the library (and not the article shown), else in the
 * browser, or, where none can open it, with a toast that says so and
 * offers to copy it.
 */
void
clipper_reader_view_open_link (ClipperReaderView *self,
                               const char        *uri)
{
  g_return_if_fail (CLIPPER_IS_READER_VIEW (self));
  g_return_if_fail (uri != NULL);

  if (!open_saved_copy (self, uri))
    open_in_browser (self, uri);
}

static gboolean
on_context_menu (ClipperReaderView *self,
                 WebKitContextMenu *menu,
                 WebKitHitTestResult *hit)
{
  GList *items = g_list_copy (webkit_context_menu_get_items (menu));

  /* Reload, back, inspect and "open in new window" make no sense here. */
  for (GList *l = items; l != NULL; l = l->next)
    {
      WebKitContextMenuItem *item = l->data;
      switch (webkit_context_menu_item_get_stock_action (item))
        {
        case WEBKIT_CONTEXT_MENU_ACTION_COPY:
        case WEBKIT_CONTEXT_MENU_ACTION_COPY_LINK_TO_CLIPBOARD:
        case WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL:
          break;
        default:
          webkit_context_menu_remove (menu, item);
          break;
        }
    }
  g_list_free (items);
  return webkit_context_menu_get_n_items (menu) == 0;
}

/* The ids the page is to open at, as a JSON array, and the fragment they
 * come from used up (another article's page, still loading when the
 * link was followed, leaves it): the article's ids are its page's with "article-"
 * before them (docs/extraction.md), and a fragment names one as written
 * or percent-decoded, as a browser finds it.  Empty when no link asked. */
static char *
fragment_targets_json (ClipperReaderView *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  if (self->fragment != NULL && self->fragment_article == self->article_id)
    {
      g_autofree char *decoded = g_uri_unescape_string (self->fragment, NULL);
      g_autofree char *as_written = g_strconcat ("article-", self->fragment, NULL);

      json_builder_add_string_value (builder, as_written);
      /* Decoded, it may be no text ("%FF"), which the page's script
       * cannot take (it did not run: the page never became ready). */
      if (decoded != NULL && g_utf8_validate (decoded, -1, NULL) && !g_str_equal (decoded, self->fragment))
        {
          g_autofree char *as_decoded = g_strconcat ("article-", decoded, NULL);

          json_builder_add_string_value (builder, as_decoded);
        }
      g_clear_pointer (&self->fragment, g_free);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* The plain text opened by a link with a #fragment goes where the page
 * would: the target's words at the top, as its reading position. */
static void
target_offset_done (ClipperReaderView *self,
                    JSCValue          *value,
                    gpointer           data)
{
  int total = gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (self->plain_view));
  double offset = jsc_value_is_number (value) ? jsc_value_to_double (value) : -1;

  if (!self->plain_text || offset < 0 || total == 0)
    return;
  self->plain_position = CLAMP (offset / total, 0.0, 1.0);
  self->plain_place_caret = TRUE;
  apply_plain_position (self);
}

static void
on_load_changed (ClipperReaderView *self,
                 WebKitLoadEvent    event)
{
  g_autofree char *json = NULL;
  g_autofree char *targets = NULL;
  g_autofree char *script = NULL;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  double position;

  if (event == WEBKIT_LOAD_STARTED)
    self->load_failed = FALSE;
  if (event != WEBKIT_LOAD_FINISHED || self->article == NULL)
    return;
  /* WebKit says "finished" after a load that failed too, a load the next
   * one cut short among them, when the web view's address may already be
   * the next load's: the same article's after Fetch Again.  The page was
   * then taken for ready before its script was in, and what was asked of
   * it failed ("Can't find variable: clipper"). */
  if (self->load_failed)
    {
      self->load_failed = FALSE;
      return;
    }
  if (clipper_reader_page_parse_article_uri (webkit_web_view_get_uri (self->web_view)) != self->article_id)
    return;

  self->page_ready = TRUE;
  json = highlights_json (self);
  position = clipper_article_get_reading_position (self->article);
  if (!(position > 0.0 && position <= 1.0))
    position = 0.0;
  targets = fragment_targets_json (self);
  script = g_strdup_printf ("clipper.init({highlights:%s,position:%s,targets:%s})", json,
                            g_ascii_dtostr (buf, sizeof buf, position), targets);
  run_script (self, script, NULL, NULL);
  /* The page, hidden behind the plain text, does not go there: the plain
   * text does. */
  if (self->plain_text && !g_str_equal (targets, "[]"))
    {
      g_autofree char *ask = g_strdup_printf ("clipper.targetOffset(%s)", targets);

      run_script (self, ask, target_offset_done, NULL);
    }
  apply_settings (self);
  /* Looked for while the page was loading (a new article closes the bar,
   * but Plain Text switched off opens the page as it loads). */
  if (gtk_search_bar_get_search_mode (self->find_bar) && !self->plain_text)
    find_step (self, 0);
}

static void
on_load_failed (ClipperReaderView *self,
                WebKitLoadEvent    event,
                const char        *uri,
                GError            *error)
{
  self->load_failed = TRUE;
  if (g_error_matches (error, WEBKIT_NETWORK_ERROR, WEBKIT_NETWORK_ERROR_CANCELLED) ||
      g_error_matches (error, WEBKIT_POLICY_ERROR, WEBKIT_POLICY_ERROR_FRAME_LOAD_INTERRUPTED_BY_POLICY_CHANGE))
    return;
  show_loading (self, FALSE);
  g_signal_emit (self, signals[SIGNAL_LOAD_FAILED], 0, error);
}

/* Two stops this close together: the article itself brings the web
 * process down, and reloading it again and again would only loop. */
#define CRASH_LOOP_US (10 * G_USEC_PER_SEC)

static void
on_web_process_terminated (ClipperReaderView                *self,
                           WebKitWebProcessTerminationReason reason)
{
  gint64 now = g_get_monotonic_time ();
  gboolean looping = self->last_crash_us != 0 && now - self->last_crash_us < CRASH_LOOP_US;
  AdwToast *t;

  g_debug ("web process terminated (reason %d) while showing article %" G_GINT64_FORMAT,
           reason, self->article_id);
  self->last_crash_us = now;
  self->page_ready = FALSE;
  if (self->article_id <= 0)
    return;

  if (!looping)
    {
      /* Nothing is lost: highlights and notes are in the store, and the
       * reading position comes back with the article. */
      clipper_reader_view_load_article (self, self->article_id, NULL);
      toast (self, reason == WEBKIT_WEB_PROCESS_EXCEEDED_MEMORY_LIMIT
                     ? _("The article used too much memory and was reloaded")
                     : _("The reader stopped unexpectedly and was reloaded"));
      return;
    }
  t = adw_toast_new (_("The article could not be shown: the reader keeps stopping"));
  adw_toast_set_button_label (t, _("_Try Again"));
  adw_toast_set_action_name (t, "reader.reload");
  adw_toast_set_timeout (t, 0);
  clipper_toast_add (self->toast_overlay, t);
}

static void
action_reload (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ClipperReaderView *self = CLIPPER_READER_VIEW (widget);

  self->last_crash_us = 0;
  if (self->article_id > 0)
    clipper_reader_view_load_article (self, self->article_id, NULL);
}

/* ------------------------------------------------------------------ */
/* The plain-text reader                                               */

/* The reading position (0…1 of the way down), from the page or the plain
 * text: the article opens there next time, in either. */
static void
remember_position (ClipperReaderView *self,
                   double             value)
{
  g_autoptr(GError) error = NULL;

  if (self->article == NULL || self->store == NULL || self->read_only || !(value >= 0.0 && value <= 1.0))
    return;
  if (ABS (value - clipper_article_get_reading_position (self->article)) < 0.001)
    return;
  clipper_article_set_reading_position (self->article, value);
  /* Only the position (and, opened unasked at start-up or after a save,
   * that it is read once scrolled): this record may be older than a star
   * or a Mark as Unread given meanwhile. */
  if (!clipper_store_update_reading (self->store, self->article_id, value, self->read_on_scroll, &error))
    g_warning ("Could not remember the reading position of article %" G_GINT64_FORMAT ": %s",
               self->article_id, error->message);
  self->read_on_scroll = FALSE;
}

static void
flush_plain_position (ClipperReaderView *self)
{
  if (self->plain_save_id == 0)
    return;
  g_clear_handle_id (&self->plain_save_id, g_source_remove);
  remember_position (self, self->plain_position);
}

static gboolean
save_plain_position_cb (gpointer data)
{
  ClipperReaderView *self = data;

  self->plain_save_id = 0;
  remember_position (self, self->plain_position);
  return G_SOURCE_REMOVE;
}

/* The reading position is how far into the text the words at the top of
 * the view are (0…1 of its code points), as the page measures it
 * (readingFraction() in reader.js): a fraction of each view's height
 * opened the plain text further down than the page, whose height counts
 * its header and its pictures. */
static double
plain_top_fraction (ClipperReaderView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->plain_view);
  int total = gtk_text_buffer_get_char_count (buffer);
  GdkRectangle visible;
  GtkTextIter top;

  if (total == 0)
    return 0.0;
  gtk_text_view_get_visible_rect (self->plain_view, &visible);
  if (visible.y <= 0)
    return 0.0;
  gtk_text_view_get_iter_at_location (self->plain_view, &top, visible.x, visible.y);
  return CLAMP ((double) gtk_text_iter_get_offset (&top) / total, 0.0, 1.0);
}

/* Scrolls the plain text to its reading position: the line of its
 * character at the top.  A text view lays its text out bit by bit after
 * it is filled, its height growing as it goes: this runs again at each
 * change of its height (or of the view's, the window resized), so that
 * the same part of the text stays in view, as the page keeps its place
 * across a reflow.  The caret comes along to the first line in view
 * until the reader moves it: the arrows go on from where reading
 * stopped, not from the top. */
static void
apply_plain_position (ClipperReaderView *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->plain_view));
  double max = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->plain_view);
  int total = gtk_text_buffer_get_char_count (buffer);
  GdkRectangle visible, location;
  GtkTextIter top;
  double margin;

  if (!self->plain_text || self->plain_position < 0.0 || max <= 0.0)
    return;
  self->plain_scrolling = TRUE;
  gtk_text_buffer_get_iter_at_offset (buffer, &top, (int) MIN (total, self->plain_position * total + 0.5));
  /* Not the blank line between two paragraphs: the words after it, as
   * the page goes to them (the white space between its paragraphs has
   * no box). */
  while (!gtk_text_iter_is_end (&top) && g_unichar_isspace (gtk_text_iter_get_char (&top)))
    gtk_text_iter_forward_char (&top);
  gtk_text_view_get_iter_location (self->plain_view, &top, &location);
  /* The adjustment's value counts the view's top margin, which its
   * visible area does not: set to the line's own y, the view began that
   * margin higher, and the bottom of the line before showed cut in half
   * under the title and meta line. */
  gtk_text_view_get_visible_rect (self->plain_view, &visible);
  margin = gtk_adjustment_get_value (adjustment) - visible.y;
  gtk_adjustment_set_value (adjustment, self->plain_position > 0.0 ? MIN (location.y + margin, max) : 0.0);
  if (self->plain_place_caret && !gtk_text_buffer_get_selection_bounds (buffer, NULL, NULL))
    {
      gtk_text_view_get_visible_rect (self->plain_view, &visible);
      gtk_text_view_get_iter_at_location (self->plain_view, &top, visible.x, visible.y);
      gtk_text_view_get_iter_location (self->plain_view, &top, &location);
      /* A line cut at the top edge, or one above it whose spacing below
       * is all that shows (the view clamped to the height laid out so
       * far): the next one, read whole. */
      if (gtk_text_iter_get_offset (&top) > 0 &&
          (!gtk_text_iter_starts_line (&top) || location.y + location.height <= visible.y))
        gtk_text_view_forward_display_line (self->plain_view, &top);
      gtk_text_buffer_place_cursor (buffer, &top);
    }
  self->plain_scrolling = FALSE;
}

static gboolean
apply_plain_position_cb (gpointer data)
{
  ClipperReaderView *self = data;

  self->plain_apply_id = 0;
  apply_plain_position (self);
  return G_SOURCE_REMOVE;
}

static gboolean
plain_relayout_done_cb (gpointer data)
{
  ClipperReaderView *self = data;

  self->plain_relayout_id = 0;
  self->plain_relayout = FALSE;
  return G_SOURCE_REMOVE;
}

/* The text view configures its adjustment at each allocation, and
 * gtk_adjustment_configure() says "changed" each time, before the
 * "value-changed" of its clamping: the moves that follow, in the same
 * dispatch, are the text view's own.  That lasts until the next turn of
 * the main loop (G_PRIORITY_HIGH, before any event): a reader's scroll
 * comes later, and is theirs.  (Until 30 November 2026 every move was
 * taken as the text view's while a position was still to apply, and a
 * "changed" came at every frame: on a busy machine the reader's scroll
 * was undone by the next apply, and never kept.)
 *
 * The position is applied again after the change, not inside it (a
 * value set while the text view configures its adjustment is not the one
 * it keeps), and only when its height or the view's did change: a
 * "changed" for nothing has nothing to bring back. */
static void
on_plain_adjustment_changed (ClipperReaderView *self,
                             GtkAdjustment     *adjustment)
{
  double upper = gtk_adjustment_get_upper (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);

  self->plain_relayout = TRUE;
  if (self->plain_relayout_id == 0)
    self->plain_relayout_id = g_idle_add_full (G_PRIORITY_HIGH, plain_relayout_done_cb, self, NULL);
  if (upper == self->plain_upper && page == self->plain_page)
    return;
  self->plain_upper = upper;
  self->plain_page = page;
  if (self->plain_apply_id == 0)
    self->plain_apply_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, apply_plain_position_cb, self, NULL);
}

/* Scrolled by the reader (or to a highlight): that is the reading
 * position now, written to the store when the scrolling stops, as the
 * page writes its own. */
static void
on_plain_value_changed (ClipperReaderView *self,
                        GtkAdjustment     *adjustment)
{
  double max = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  double position;

  /* Ours, or the text view's as it configures its adjustment (clamping
   * to its new height, on_plain_adjustment_changed()): the position is
   * applied again after that. */
  if (self->plain_scrolling || self->plain_relayout || !self->plain_text || self->article == NULL ||
      max <= 0.0)
    return;
  position = plain_top_fraction (self);
  /* The text view's own moves as it lays the text out keep the fraction:
   * they are no scrolling to wait for the end of (on a busy machine they
   * came every few hundred milliseconds, and the position was never
   * written). */
  if (self->plain_position >= 0.0 && ABS (position - self->plain_position) < 0.001)
    return;
  self->plain_position = position;
  g_clear_handle_id (&self->plain_save_id, g_source_remove);
  self->plain_save_id = g_timeout_add (400, save_plain_position_cb, self);
}

/* The page's highlight tints (reader-page.css), for its light, sepia and
 * dark schemes, normal and high contrast (sepia's high contrast is the
 * light one's, as in the page); in high contrast each colour also has a
 * line of its own, as in the page (Pango has no dashed or dotted
 * underline: overlines make up the five). */
static const struct {
  const char    *color;
  const char    *tag;
  const char    *light, *sepia, *dark, *contrast_light, *contrast_dark;
  PangoUnderline underline;
  PangoOverline  overline;
} plain_tints[] = {
  { "yellow", "clipper-hl-yellow", "#fbe27c", "#f0cf5e", "#7a6414", "#f8d000", "#8a6d00", PANGO_UNDERLINE_SINGLE, PANGO_OVERLINE_NONE },
  { "green", "clipper-hl-green", "#b5e8a8", "#b8d99a", "#2f6b32", "#6fd46f", "#1f6b26", PANGO_UNDERLINE_DOUBLE, PANGO_OVERLINE_NONE },
  { "blue", "clipper-hl-blue", "#b3d6f7", "#a9cbe6", "#234f86", "#7fb2f0", "#1a4f99", PANGO_UNDERLINE_NONE, PANGO_OVERLINE_SINGLE },
  { "pink", "clipper-hl-pink", "#f7bcd6", "#eab0c4", "#7d2d55", "#f28cb8", "#8f1d5a", PANGO_UNDERLINE_SINGLE, PANGO_OVERLINE_SINGLE },
  { "purple", "clipper-hl-purple", "#d8c2f2", "#cdb5e3", "#57377f", "#b894ea", "#5b2a96", PANGO_UNDERLINE_ERROR, PANGO_OVERLINE_NONE },
};

/* The CSS classes of the page's schemes on the plain text
 * (reader-view.css): its colours are the page's. */
static const char *const plain_schemes[] = { "clipper-plain-light", "clipper-plain-sepia", "clipper-plain-dark" };

static void
setup_plain_tags (ClipperReaderView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->plain_view);

  /* First, so that the highlights' tags lie over it. */
  gtk_text_buffer_create_tag (buffer, "clipper-body", NULL);
  gtk_text_buffer_create_tag (buffer, "clipper-paragraph", NULL);
  /* Over the paragraph's space: a cell after the first of its row has
   * none. */
  for (int level = 1; level <= 6; level++)
    {
      g_autofree char *name = g_strdup_printf ("clipper-heading-%d", level);

      gtk_text_buffer_create_tag (buffer, name, "weight", PANGO_WEIGHT_BOLD,
                                  "scale", level <= 4 ? 1.5 - level * 0.1 : 1.0, NULL);
    }
  gtk_text_buffer_create_tag (buffer, "clipper-code", "family", "monospace", NULL);
  gtk_text_buffer_create_tag (buffer, "clipper-quote", NULL);
  gtk_text_buffer_create_tag (buffer, "clipper-superscript", "scale", PANGO_SCALE_SMALL, NULL);
  gtk_text_buffer_create_tag (buffer, "clipper-subscript", "scale", PANGO_SCALE_SMALL, NULL);
  gtk_text_buffer_create_tag (buffer, "clipper-header-cell", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "clipper-cell", "pixels-above-lines", 0, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (plain_tints); i++)
    gtk_text_buffer_create_tag (buffer, plain_tints[i].tag, NULL);
  /* Over the highlights: the find's matches, and the one shown drawn as
   * a selection is (style_plain_text() gives their colours). */
  gtk_text_buffer_create_tag (buffer, "clipper-find-match", NULL);
  gtk_text_buffer_create_tag (buffer, "clipper-find-current", NULL);
}

/* The text view has the page's scheme, light, sepia or dark (the
 * reader's theme, which "system" resolves to the app's light or dark
 * style), its colours and its tints, and the reader's font, size and
 * line width.  (It followed the app's style alone: a reader who chose
 * sepia got white paper in Plain Text.) */
static void
style_plain_text (ClipperReaderView       *self,
                  const ClipperReaderStyle *style)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (self->plain_view));
  gboolean dark = g_str_equal (style->theme, "dark");
  gboolean sepia = g_str_equal (style->theme, "sepia");
  const char *family = g_str_equal (style->font, "sans") ? "Cantarell, DejaVu Sans, sans-serif"
                                                         : "DejaVu Serif, Noto Serif, serif";
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (family);
  PangoFontMetrics *metrics;
  int char_width, column, above, em, margin;

  g_object_set (gtk_text_tag_table_lookup (table, "clipper-body"),
                "family", family,
                "size-points", (double) style->size,
                NULL);
  /* An em between two paragraphs, as the page's <p> margins, the space
   * below each line included (points at 96 dpi). */
  above = MAX (0, style->size * 4 / 3 - gtk_text_view_get_pixels_below_lines (self->plain_view));
  g_object_set (gtk_text_tag_table_lookup (table, "clipper-paragraph"), "pixels-above-lines", above, NULL);
  /* Set in by an em and a half, as the page's quotes and a table's
   * cells after the first of their row; code by an em, its wrapped
   * lines by four characters more (GNOME Text Editor's way), so that
   * its own indentation still reads.  Superscripts a third of the
   * size up, subscripts a fifth down. */
  em = style->size * 4 / 3;
  margin = gtk_text_view_get_left_margin (self->plain_view);
  g_object_set (gtk_text_tag_table_lookup (table, "clipper-quote"), "left-margin", margin + em * 3 / 2, NULL);
  g_object_set (gtk_text_tag_table_lookup (table, "clipper-cell"), "left-margin", margin + em * 3 / 2, NULL);
  g_object_set (gtk_text_tag_table_lookup (table, "clipper-superscript"), "rise", style->size * PANGO_SCALE / 3, NULL);
  g_object_set (gtk_text_tag_table_lookup (table, "clipper-subscript"), "rise", -style->size * PANGO_SCALE / 5, NULL);
  /* As the page's column of --reader-width ch, with the text view's
   * margins (24 px each side) around it. */
  pango_font_description_set_size (font, style->size * PANGO_SCALE);
  metrics = pango_context_get_metrics (gtk_widget_get_pango_context (GTK_WIDGET (self->plain_view)), font, NULL);
  char_width = pango_font_metrics_get_approximate_digit_width (metrics);
  pango_font_metrics_unref (metrics);
  column = char_width * style->width / PANGO_SCALE + 48;
  g_object_set (gtk_text_tag_table_lookup (table, "clipper-code"),
                "left-margin", margin + em + char_width * 4 / PANGO_SCALE,
                "indent", -char_width * 4 / PANGO_SCALE,
                NULL);
  /* The whole width up to the column's, as the page does (a lower
   * threshold narrowed the text well before the window was that wide). */
  adw_clamp_set_maximum_size (self->plain_box, column);
  adw_clamp_set_tightening_threshold (self->plain_box, column);
  for (guint i = 0; i < G_N_ELEMENTS (plain_schemes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->plain_box), plain_schemes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->plain_box), plain_schemes[dark ? 2 : sepia ? 1 : 0]);
  if (style->high_contrast)
    gtk_widget_add_css_class (GTK_WIDGET (self->plain_box), "clipper-plain-contrast");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->plain_box), "clipper-plain-contrast");
  for (guint i = 0; i < G_N_ELEMENTS (plain_tints); i++)
    {
      const char *tint = style->high_contrast ? (dark ? plain_tints[i].contrast_dark : plain_tints[i].contrast_light)
                                              : (dark ? plain_tints[i].dark : sepia ? plain_tints[i].sepia : plain_tints[i].light);

      /* On the dark scheme's deep tints, the page's light text. */
      g_object_set (gtk_text_tag_table_lookup (table, plain_tints[i].tag),
                    "foreground", dark ? "#f6f5f4" : NULL,
                    "background", tint,
                    "underline", style->high_contrast ? plain_tints[i].underline : PANGO_UNDERLINE_NONE,
                    "overline", style->high_contrast ? plain_tints[i].overline : PANGO_OVERLINE_NONE,
                    NULL);
    }
  /* The page's find colours (reader-page.css --find, --find-current),
   * the orange tint blended on each scheme's paper: a text tag's
   * background is drawn opaque. */
  g_object_set (gtk_text_tag_table_lookup (table, "clipper-find-match"),
                "background", dark ? "#6b4020" : sepia ? "#f7c48f" : "#ffc999",
                NULL);
  g_object_set (gtk_text_tag_table_lookup (table, "clipper-find-current"),
                "background", dark ? "#3584e4" : "#1c71d8",
                "foreground", "#ffffff",
                NULL);
}

static const char *
plain_tag_for_color (const char *color)
{
  for (guint i = 0; i < G_N_ELEMENTS (plain_tints); i++)
    if (g_strcmp0 (plain_tints[i].color, color) == 0)
      return plain_tints[i].tag;
  return NULL;
}

/* Each placed highlight is a tag over its code points: the buffer's
 * offsets are the article text's. */
static void
paint_plain_highlights (ClipperReaderView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->plain_view);
  int length = gtk_text_buffer_get_char_count (buffer);
  GtkTextIter start, end;

  if (!self->plain_text)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  for (guint i = 0; i < G_N_ELEMENTS (plain_tints); i++)
    gtk_text_buffer_remove_tag_by_name (buffer, plain_tints[i].tag, &start, &end);
  /* The buffer says why there is no text: the offsets are not its. */
  if (self->textless)
    return;
  for (guint i = 0; self->highlights != NULL && i < self->highlights->len; i++)
    {
      ClipperHighlight *h = g_ptr_array_index (self->highlights, i);
      const char *tag = plain_tag_for_color (clipper_highlight_get_color (h));
      gint64 from = clipper_highlight_get_start (h), to = clipper_highlight_get_end (h);

      if (!clipper_highlight_get_anchored (h) || tag == NULL || from < 0 || to <= from || to > length)
        continue;
      gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) from);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) to);
      gtk_text_buffer_apply_tag_by_name (buffer, tag, &start, &end);
    }
}

/* Selects code points [@start, @end) of the plain text (a caret at @start
 * when they are the same) and scrolls there. */
static void
select_plain_text (ClipperReaderView *self,
                   gint64             start,
                   gint64             end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->plain_view);
  int length = gtk_text_buffer_get_char_count (buffer);
  GtkTextIter from, to;

  gtk_text_buffer_get_iter_at_offset (buffer, &from, (int) CLAMP (start, 0, length));
  gtk_text_buffer_get_iter_at_offset (buffer, &to, (int) CLAMP (end, start, length));
  /* The text goes there, not back to the reading position. */
  self->plain_position = -1.0;
  self->plain_place_caret = FALSE;
  gtk_text_buffer_select_range (buffer, &from, &to);
  gtk_text_view_scroll_to_mark (self->plain_view, gtk_text_buffer_get_insert (buffer), 0.1, FALSE, 0, 0);
}

/* Tags @tag over code points [@start, @end) of the plain text. */
static void
tag_plain_range (GtkTextBuffer *buffer,
                 const char    *tag,
                 gint64         start,
                 gint64         end)
{
  GtkTextIter from, to;

  gtk_text_buffer_get_iter_at_offset (buffer, &from, (int) start);
  gtk_text_buffer_get_iter_at_offset (buffer, &to, (int) end);
  gtk_text_buffer_apply_tag_by_name (buffer, tag, &from, &to);
}

/* What the page shows of the article's structure, as tags over its
 * characters, which stay the text's (the offsets of its highlights
 * count in them): headings bold and larger, code in a monospace font,
 * quotes set in, superscripts and subscripts raised and lowered, a
 * table's header cells bold and the cells after the first of a row set
 * in under it.  The text has each cell on a line of its own, which no
 * tag joins: a row is its first cell and the others set in, close
 * under it.  (Plain Text showed all of it as body text, a table as one
 * paragraph a cell.) */
static void
mark_plain_structure (GtkTextBuffer     *buffer,
                      ClipperTextLayout *layout)
{
  for (guint i = 0; i < layout->code_blocks->len; i++)
    {
      const ClipperCodeBlock *code = &g_array_index (layout->code_blocks, ClipperCodeBlock, i);

      tag_plain_range (buffer, "clipper-code", code->start, code->end);
    }
  for (guint i = 0; i < layout->spans->len; i++)
    {
      const ClipperTextSpan *span = &g_array_index (layout->spans, ClipperTextSpan, i);
      g_autofree char *heading = NULL;

      switch (span->kind)
        {
        case CLIPPER_TEXT_SPAN_HEADING:
          heading = g_strdup_printf ("clipper-heading-%d", CLAMP (span->level, 1, 6));
          tag_plain_range (buffer, heading, span->start, span->end);
          break;
        case CLIPPER_TEXT_SPAN_QUOTE:
          tag_plain_range (buffer, "clipper-quote", span->start, span->end);
          break;
        case CLIPPER_TEXT_SPAN_SUPERSCRIPT:
          tag_plain_range (buffer, "clipper-superscript", span->start, span->end);
          break;
        case CLIPPER_TEXT_SPAN_SUBSCRIPT:
          tag_plain_range (buffer, "clipper-subscript", span->start, span->end);
          break;
        case CLIPPER_TEXT_SPAN_HEADER_CELL:
          tag_plain_range (buffer, "clipper-header-cell", span->start, span->end);
          G_GNUC_FALLTHROUGH;
        case CLIPPER_TEXT_SPAN_CELL:
          if (span->level > 0)
            tag_plain_range (buffer, "clipper-cell", span->start, span->end);
          break;
        }
    }
}

/* The stored text ends each paragraph (a block of the page) with one
 * "\n": each starts with the space the page leaves between its
 * paragraphs, as a tag, so that the characters and their offsets stay
 * the text's.  (The text view showed them run together: 6 px between
 * paragraphs against 4 between wrapped lines.)  A line of the same
 * paragraph, after a <br> (a poem, an address) or in code, ends with one
 * "\n" too, and stays as close as in the page: @html tells them apart
 * (clipper_html_dup_text_layout()); they were spaced as paragraphs.  A
 * text with blank lines between its paragraphs (saved before 30 November
 * 2026, or said by the page when there is no text) has its space
 * already, and no structure: its HTML's text is not its own. */
static void
space_plain_paragraphs (ClipperReaderView *self,
                        const char        *html)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->plain_view);
  int lines = gtk_text_buffer_get_line_count (buffer);
  g_autoptr(ClipperTextLayout) layout = NULL;
  GArray *breaks = NULL;
  guint next = 0;

  if (html != NULL && lines > 1)
    {
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
      layout = clipper_html_dup_text_layout (html, text);
      breaks = layout != NULL ? layout->line_breaks : NULL;
    }
  for (int line = 1; line < lines; line++)
    {
      GtkTextIter start, end, before;

      gtk_text_buffer_get_iter_at_line (buffer, &start, line);
      gtk_text_buffer_get_iter_at_line (buffer, &before, line - 1);
      if (gtk_text_iter_ends_line (&start) || gtk_text_iter_ends_line (&before))
        continue;
      /* The "\n" before the line: a line of the paragraph before. */
      while (breaks != NULL && next < breaks->len &&
             g_array_index (breaks, gint64, next) < gtk_text_iter_get_offset (&start) - 1)
        next++;
      if (breaks != NULL && next < breaks->len &&
          g_array_index (breaks, gint64, next) == gtk_text_iter_get_offset (&start) - 1)
        continue;
      end = start;
      gtk_text_iter_forward_to_line_end (&end);
      gtk_text_buffer_apply_tag_by_name (buffer, "clipper-paragraph", &start, &end);
    }
  if (layout != NULL)
    mark_plain_structure (buffer, layout);
}

/* The direction of the first letter of @text, near enough to the one
 * Pango gives a paragraph (pango_find_base_dir() is deprecated): right
 * to left in the scripts written so, else left to right. */
static PangoDirection
text_direction (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (g_unichar_get_script (c))
        {
        case G_UNICODE_SCRIPT_ARABIC:
        case G_UNICODE_SCRIPT_HEBREW:
        case G_UNICODE_SCRIPT_SYRIAC:
        case G_UNICODE_SCRIPT_THAANA:
        case G_UNICODE_SCRIPT_NKO:
        case G_UNICODE_SCRIPT_SAMARITAN:
        case G_UNICODE_SCRIPT_MANDAIC:
        case G_UNICODE_SCRIPT_ADLAM:
        case G_UNICODE_SCRIPT_HANIFI_ROHINGYA:
          if (g_unichar_isalpha (c))
            return PANGO_DIRECTION_RTL;
          break;
        default:
          if (g_unichar_isalpha (c))
            return PANGO_DIRECTION_LTR;
          break;
        }
    }
  return PANGO_DIRECTION_NEUTRAL;
}

/* The direction of the article's words: the one it said (the page's
 * <html dir>), else its text's first strong character's, as the text
 * view sets its paragraphs. */
static PangoDirection
plain_article_direction (ClipperArticle *article,
                         const char     *text)
{
  const char *dir = article != NULL ? clipper_article_get_dir (article) : NULL;

  if (g_strcmp0 (dir, "rtl") == 0)
    return PANGO_DIRECTION_RTL;
  if (g_strcmp0 (dir, "ltr") == 0)
    return PANGO_DIRECTION_LTR;
  return text_direction (text);
}

/* The title and the meta line on the article's side, as in the page:
 * the title in its own words' direction (the page's dir="auto"), the
 * meta line in the app's (its "1 minute read" is the UI's language) but
 * standing on the article's side, under the title.  (Both stood at the
 * left over an Arabic text at the right.) */
static void
align_plain_header (ClipperReaderView *self,
                    const char        *title,
                    PangoDirection     article)
{
  PangoDirection own = text_direction (title);
  GtkTextDirection ui = gtk_widget_get_direction (GTK_WIDGET (self));
  gboolean rtl = (article == PANGO_DIRECTION_NEUTRAL ? ui == GTK_TEXT_DIR_RTL : article == PANGO_DIRECTION_RTL);
  gboolean opposite = rtl != (ui == GTK_TEXT_DIR_RTL);

  if (own == PANGO_DIRECTION_NEUTRAL)
    own = rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR;
  gtk_widget_set_direction (GTK_WIDGET (self->plain_title),
                            own == PANGO_DIRECTION_RTL ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  /* xalign and justify count from the widget's start. */
  gtk_label_set_xalign (self->plain_meta, opposite ? 1.0 : 0.0);
  gtk_label_set_justify (self->plain_meta, opposite ? GTK_JUSTIFY_RIGHT : GTK_JUSTIFY_LEFT);
}

/* The article, its title and meta line into the plain text, the caret at
 * the start of its text.  The text is the store's as it is (the offsets
 * of its highlights are code points of it), made valid UTF-8 first: a
 * text buffer takes nothing else. */
static void
fill_plain_text (ClipperReaderView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->plain_view);
  const char *title = self->article ? clipper_article_get_title (self->article) : NULL;
  const char *text = self->article ? clipper_article_get_text (self->article) : NULL;
  g_autofree char *valid = text != NULL && !g_utf8_validate (text, -1, NULL) ? g_utf8_make_valid (text, -1) : NULL;
  g_autofree char *meta = self->article ? clipper_reader_page_dup_meta_text (self->article) : NULL;
  const char *heading, *body;
  GtkTextIter start, end;

  if (self->article != NULL && (title == NULL || *title == '\0'))
    title = _("Untitled");
  gtk_label_set_text (self->plain_title, title ? title : "");
  gtk_widget_set_visible (GTK_WIDGET (self->plain_title), title != NULL);
  gtk_label_set_text (self->plain_meta, meta ? meta : "");
  gtk_widget_set_visible (GTK_WIDGET (self->plain_meta), meta != NULL && *meta != '\0');
  align_plain_header (self, title, plain_article_direction (self->article, valid ? valid : text));
  /* What a screen reader says as the keyboard comes into the text: the
   * labels above it are not said then. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->plain_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title ? title : _("Article"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, meta ? meta : "",
                                  -1);

  if (self->article != NULL && clipper_reader_page_get_no_text (self->article, &heading, &body))
    {
      /* Said in the text, where the keyboard goes and a screen reader
       * reads, as the page says it; no highlight is painted over it. */
      g_autofree char *why = g_strconcat (heading, "\n\n", body, NULL);

      gtk_text_buffer_set_text (buffer, why, -1);
      space_plain_paragraphs (self, NULL);
    }
  else
    {
      gtk_text_buffer_set_text (buffer, valid ? valid : text ? text : "", -1);
      space_plain_paragraphs (self, self->article ? clipper_article_get_html (self->article) : NULL);
    }
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_apply_tag_by_name (buffer, "clipper-body", &start, &end);
  gtk_text_buffer_place_cursor (buffer, &start);
  /* At the reading position, as the page opens (the same words at the
   * top), once the text is laid out: apply_plain_position(). */
  g_clear_handle_id (&self->plain_save_id, g_source_remove);
  self->plain_position = self->article != NULL ? clipper_article_get_reading_position (self->article) : 0.0;
  if (!(self->plain_position >= 0.0 && self->plain_position <= 1.0))
    self->plain_position = 0.0;
  self->plain_place_caret = TRUE;
  /* Back to the top for the new text: a move of ours, not the
   * reader's, whatever state the last text's layout is in. */
  self->plain_scrolling = TRUE;
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->plain_view)), 0);
  self->plain_scrolling = FALSE;
  /* Applied again at the next "changed", even one that says the last
   * text's heights: this text's may happen to be the same. */
  self->plain_upper = -1.0;
  self->plain_page = -1.0;
  apply_plain_position (self);
  paint_plain_highlights (self);
}

gboolean
clipper_reader_view_get_plain_text (ClipperReaderView *self)
{
  g_return_val_if_fail (CLIPPER_IS_READER_VIEW (self), FALSE);
  return self->plain_text;
}

void
clipper_reader_view_set_plain_text (ClipperReaderView *self,
                                    gboolean           plain_text)
{
  GtkWidget *focus;
  gboolean in_article;

  g_return_if_fail (CLIPPER_IS_READER_VIEW (self));

  plain_text = !!plain_text;
  if (self->plain_text == plain_text)
    return;
  focus = keyboard_focus (self);
  in_article = focus != NULL && (focus == GTK_WIDGET (self->web_view) || focus == GTK_WIDGET (self->plain_view));

  clear_page_selection (self);
  if (!plain_text)
    {
      /* The page goes on from where the plain text was read to. */
      flush_plain_position (self);
      if (self->page_ready && self->plain_position >= 0.0)
        {
          g_autofree char *script = NULL;
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          script = g_strdup_printf ("clipper.setPosition(%s)", g_ascii_dtostr (buf, sizeof buf, self->plain_position));
          run_script (self, script, NULL, NULL);
        }
    }
  self->plain_text = plain_text;
  if (plain_text)
    fill_plain_text (self);
  else
    /* Nothing kept of an article that is not read there. */
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->plain_view), "", 0);
  gtk_widget_set_visible (GTK_WIDGET (self->plain_box), plain_text);
  gtk_widget_set_visible (GTK_WIDGET (self->web_view), !plain_text);
  if (plain_text && self->article != NULL)
    article_painted (self);
  /* The keyboard stays in the article, now shown the other way. */
  if (in_article)
    clipper_reader_view_focus_article (self);
  /* The find bar's matches, now in the view shown. */
  if (gtk_search_bar_get_search_mode (self->find_bar))
    find_step (self, 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAIN_TEXT]);
}

void
clipper_reader_view_focus_article (ClipperReaderView *self)
{
  g_return_if_fail (CLIPPER_IS_READER_VIEW (self));

  if (self->plain_text)
    gtk_widget_grab_focus (GTK_WIDGET (self->plain_view));
  else if (self->web_view != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->web_view));
}

/* ------------------------------------------------------------------ */
/* Messages from the page script                                       */

static gboolean
read_rect_member (JsonObject   *object,
                  const char   *member,
                  GdkRectangle *rect)
{
  JsonObject *r;

  if (!json_object_has_member (object, member) ||
      !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, member)))
    return FALSE;
  r = json_object_get_object_member (object, member);
  rect->x = (int) json_object_get_double_member_with_default (r, "x", 0);
  rect->y = (int) json_object_get_double_member_with_default (r, "y", 0);
  rect->width = MAX (1, (int) json_object_get_double_member_with_default (r, "width", 1));
  rect->height = MAX (1, (int) json_object_get_double_member_with_default (r, "height", 1));
  return TRUE;
}

static gboolean
read_rect (JsonObject   *object,
           GdkRectangle *rect)
{
  return read_rect_member (object, "rect", rect);
}

#define POPOVER_FRAME 20

/* The popover points at @area, the selection's bounds in @widget's
 * coordinates (the page's, or the plain text's): above it, or below it
 * when @widget has no room for it above.  GTK flips it only at the
 * screen's edge; pointed at the first line alone, it then sat on the
 * next lines of the selection. */
static void
show_popover_at (ClipperReaderView  *self,
                 GtkWidget          *widget,
                 const GdkRectangle *area,
                 gboolean            on_highlight)
{
  GdkRectangle rect = *area;
  double x = 0, y = 0;
  int height = 0;

  if (!gtk_widget_translate_coordinates (widget, GTK_WIDGET (self), rect.x, rect.y, &x, &y))
    return;
  rect.x = (int) x;
  rect.y = (int) y;
  gtk_widget_set_visible (self->remove_button, on_highlight);
  gtk_widget_set_visible (self->reattach_button, !on_highlight && self->reattach_id != 0);
  /* Its content: a hidden popover measures nothing.  The arrow and
   * the frame take a few pixels more. */
  gtk_widget_measure (gtk_popover_get_child (self->selection_popover), GTK_ORIENTATION_VERTICAL, -1,
                      NULL, &height, NULL, NULL);
  height += POPOVER_FRAME;
  gtk_popover_set_position (self->selection_popover,
                            area->y < height && area->y + area->height + height <= gtk_widget_get_height (widget)
                              ? GTK_POS_BOTTOM : GTK_POS_TOP);
  gtk_popover_set_pointing_to (self->selection_popover, &rect);
  gtk_popover_popup (self->selection_popover);
}

/* The popover closed with the keyboard on one of its buttons (a colour,
 * Note, Remove clicked with the mouse, which gives a button the keyboard):
 * the keyboard goes back to the article, where the selection's end left
 * the caret, as after a colour key.  GTK gives it instead, a frame later,
 * to the first ancestor that takes it, which was the window's article
 * list: the next letter started a library search, and Delete, N and F7
 * went nowhere near the new highlight.  Called as the popover hides, so
 * that whoever closed it (N opening the note) still chooses after. */
static void
on_selection_popover_closed (ClipperReaderView *self)
{
  GtkWidget *focus = keyboard_focus (self);

  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->selection_popover)))
    clipper_reader_view_focus_article (self);
}

/* A selection made with the mouse in the plain text gets the page's
 * popover, at its bounds; one made from the keyboard does not (the
 * keys need none, and a window popping up at each Shift+arrow would be
 * said by a screen reader).  Shown once the text view is done with the
 * button's release, which may have changed the selection. */
static gboolean
show_plain_popover_cb (gpointer data)
{
  ClipperReaderView *self = data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->plain_view);
  ClipperHighlight *around;
  GtkTextIter start, end;
  GdkRectangle rect, last;
  int x, y;

  self->plain_popover_id = 0;
  if (!self->plain_text || self->textless || !gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    return G_SOURCE_REMOVE;
  around = find_highlight_around (self, gtk_text_iter_get_offset (&start), gtk_text_iter_get_offset (&end));
  self->has_selection = TRUE;
  self->popover_on_click = FALSE;
  self->last_made = 0;
  self->selection_highlight = around ? clipper_highlight_get_id (around) : 0;
  gtk_text_view_get_iter_location (self->plain_view, &start, &rect);
  gtk_text_view_get_iter_location (self->plain_view, &end, &last);
  gdk_rectangle_union (&rect, &last, &rect);
  gtk_text_view_buffer_to_window_coords (self->plain_view, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y, &x, &y);
  rect.x = x;
  rect.y = y;
  show_popover_at (self, GTK_WIDGET (self->plain_view), &rect, around != NULL);
  return G_SOURCE_REMOVE;
}

static gboolean
on_plain_event (GtkEventControllerLegacy *controller,
                GdkEvent                 *event,
                ClipperReaderView        *self)
{
  if (gdk_event_get_event_type (event) == GDK_BUTTON_RELEASE && self->plain_popover_id == 0)
    self->plain_popover_id = g_idle_add (show_plain_popover_cb, self);
  return GDK_EVENT_PROPAGATE;
}

/* The plain text's selection went (a click, an arrow): its popover too. */
static void
on_plain_mark_set (GtkTextBuffer     *buffer,
                   const GtkTextIter *location,
                   GtkTextMark       *mark,
                   ClipperReaderView *self)
{
  if (mark == gtk_text_buffer_get_insert (buffer))
    self->plain_caret_left = FALSE;
  /* The reader moved the caret: it stays where they put it. */
  if (mark == gtk_text_buffer_get_insert (buffer) && !self->plain_scrolling &&
      gtk_widget_has_focus (GTK_WIDGET (self->plain_view)))
    self->plain_place_caret = FALSE;
  if (!self->plain_text ||
      (mark != gtk_text_buffer_get_insert (buffer) && mark != gtk_text_buffer_get_selection_bound (buffer)) ||
      gtk_text_buffer_get_selection_bounds (buffer, NULL, NULL))
    return;
  self->has_selection = FALSE;
  self->selection_highlight = 0;
  gtk_popover_popdown (self->selection_popover);
}

/* Code points [@start, @end) of the article selected and in view: a
 * search hit's words (as a find in the page selects them), an orphan's
 * suggested passage.  The selection's popover then offers what to do
 * with an orphan's passage; a search hit's (@quiet) gets none: it opened
 * over the very words the reader was looking for. */
static void
reveal_text_now (ClipperReaderView *self,
                 gint64             start,
                 gint64             end,
                 gboolean           quiet)
{
  g_autofree char *script = g_strdup_printf ("clipper.selectRange(%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", true)",
                                             start, end);

  if (self->plain_text)
    select_plain_text (self, start, end);
  if (self->page_ready)
    {
      self->quiet_selection = quiet;
      run_script (self, script, NULL, NULL);
    }
}

static void
handle_selection_message (ClipperReaderView *self,
                          JsonObject        *object)
{
  ClipperHighlight *around;
  /* A find's match says so itself (reader.js, showMatch()). */
  gboolean quiet =
    self->quiet_selection || json_object_get_boolean_member_with_default (object, "quiet", FALSE);

  self->quiet_selection = FALSE;
  if (json_object_get_boolean_member_with_default (object, "empty", FALSE))
    {
      self->has_selection = FALSE;
      self->selection_highlight = 0;
      gtk_popover_popdown (self->selection_popover);
      return;
    }
  self->has_selection = TRUE;
  self->popover_on_click = FALSE;
  self->last_made = 0;
  around = find_highlight_around (self,
                                  json_object_get_int_member_with_default (object, "start", -1),
                                  json_object_get_int_member_with_default (object, "end", -1));
  self->selection_highlight = around ? clipper_highlight_get_id (around) : 0;
  /* A search hit or a find's match is selected to be read, not acted on:
   * the popover would lie over it.  A selection of the reader's own
   * (the keys, the mouse) after it has its popover again. */
  if (quiet)
    return;
  if (read_rect (object, &self->selection_rect))
    show_popover_at (self, GTK_WIDGET (self->web_view), &self->selection_rect, self->selection_highlight != 0);
}

static void
handle_activate_message (ClipperReaderView *self,
                         JsonObject        *object)
{
  gint64 id = json_object_get_int_member_with_default (object, "highlight", 0);
  GdkRectangle rect;

  /* A page could forge a <mark>; only our own highlights are acted on. */
  if (find_highlight (self, id, NULL) == NULL)
    return;
  self->selection_highlight = id;
  self->last_made = 0;
  show_detail (self, id);
  /* Folded, the panel lies over the article, and the popover was left
   * over the note, pointing at words no longer seen, with the keys in the
   * hidden page: typing went nowhere, 2 recoloured, Delete deleted (QA-q
   * 1).  There the click opens the note alone, the keyboard in it, as
   * choosing the highlight on the Highlights page does; its colours and
   * Delete are the panel's. */
  if (adw_flap_get_folded (self->flap))
    {
      gtk_popover_popdown (self->selection_popover);
      self->focus_panel_pending = TRUE;
      clipper_reader_view_set_panel_visible (self, TRUE);
      on_flap_reveal_progress (self);
      return;
    }
  clipper_reader_view_set_panel_visible (self, TRUE);
  if (read_rect (object, &rect))
    {
      show_popover_at (self, GTK_WIDGET (self->web_view), &rect, TRUE);
      self->popover_on_click = TRUE;
    }
}

/* The page's column changed width (the panel opened or closed, the window
 * was resized) and its text reflowed: a popover left where it was would
 * point at other text.  One for a clicked highlight (the reader wants its
 * colours) moves to where the page now has it, and so does one for a
 * selection (an orphan's suggested passage opens the panel as it is
 * selected: its Re-attach must stay).  Any other goes. */
static void
handle_layout_message (ClipperReaderView *self,
                       JsonObject        *object)
{
  gint64 id = json_object_get_int_member_with_default (object, "highlight", 0);
  GdkRectangle rect;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->selection_popover)))
    return;
  if (self->popover_on_click && id != 0 && id == self->selection_highlight && read_rect (object, &rect))
    show_popover_at (self, GTK_WIDGET (self->web_view), &rect, TRUE);
  else if (!self->popover_on_click && self->has_selection && read_rect_member (object, "selection", &rect))
    {
      self->selection_rect = rect;
      show_popover_at (self, GTK_WIDGET (self->web_view), &rect, self->selection_highlight != 0);
    }
  else
    gtk_popover_popdown (self->selection_popover);
}

static void
handle_position_message (ClipperReaderView *self,
                         JsonObject        *object)
{
  /* The page behind the plain text is not what is read: its own
   * scrolling as it loads (late, on a busy machine) overwrote where the
   * plain text was read to. */
  double value = json_object_get_double_member_with_default (object, "value", -1);

  if (self->plain_text)
    return;
  if (value >= 0.0 && value <= 1.0)
    self->last_position = value;
  remember_position (self, value);
}

/* An article opened is read: the list stops showing it bold and a
 * screen reader stops calling it unread (Mark as Unread undoes it). */
static void
mark_read (ClipperReaderView *self)
{
  g_autoptr(GError) error = NULL;

  if (self->article == NULL || self->store == NULL || self->read_only ||
      clipper_article_get_read_state (self->article) != CLIPPER_READ_STATE_UNREAD)
    return;
  clipper_article_set_read_state (self->article, CLIPPER_READ_STATE_READ);
  /* (Deleted meanwhile: on_store_changed() will close it.) */
  if (!clipper_store_update_reading (self->store, self->article_id, -1, TRUE, &error) &&
      !g_error_matches (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND))
    g_warning ("Could not mark article %" G_GINT64_FORMAT " read: %s", self->article_id, error->message);
}

/* A large page takes seconds to load, and WebKit shows the last one
 * until the new one replaces it: the new title stood over the old text,
 * with nothing to say that anything was happening.  A cover with a
 * spinner hides the old text while the new article is on its way. */
static void
show_loading (ClipperReaderView *self,
              gboolean           loading)
{
  g_clear_handle_id (&self->loading_id, g_source_remove);
  gtk_widget_set_visible (self->loading_box, loading);
  gtk_spinner_set_spinning (self->loading_spinner, loading);
}

static gboolean
loading_cb (gpointer data)
{
  ClipperReaderView *self = data;

  self->loading_id = 0;
  show_loading (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* The article is on show, in the page or in the plain text: what waited
 * for it is done, and "article-ready" says so, once an article (the page,
 * hidden behind the plain text, still paints it later). */
static void
article_painted (ClipperReaderView *self)
{
  double ms = (g_get_monotonic_time () - self->load_start_us) / 1000.0;

  if (self->painted)
    return;
  self->painted = TRUE;
  /* (Opened unasked, it is read once scrolled: remember_position().) */
  if (!self->read_on_scroll)
    mark_read (self);
  show_loading (self, FALSE);
  /* A book whose text is not in the library: its highlights are all
   * there is to read (the page says so). */
  if (self->textless && self->highlights->len > 0 && !adw_flap_get_reveal_flap (self->flap))
    {
      adw_flap_set_reveal_flap (self->flap, TRUE);
      self->panel_auto_opened = TRUE;
    }
  if (self->panel_dirty)
    rebuild_panel (self);
  g_signal_emit (self, signals[SIGNAL_ARTICLE_READY], 0, self->article_id, ms);
}

static void
on_script_message (WebKitUserContentManager *ucm,
                   JSCValue                 *value,
                   ClipperReaderView        *self)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  JsonObject *object;
  const char *type;

  if (self->web_view == NULL || !jsc_value_is_string (value))
    return;
  text = jsc_value_to_string (value);
  if (!json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_debug ("Ignoring a malformed message from the reader page");
      return;
    }
  object = json_node_get_object (json_parser_get_root (parser));
  if (json_object_get_int_member_with_default (object, "v", 0) != BRIDGE_VERSION)
    {
      g_debug ("Ignoring a reader page message of another version");
      return;
    }
  type = json_object_get_string_member_with_default (object, "type", "");

  if (g_str_equal (type, "ready"))
    {
      g_debug ("Article %" G_GINT64_FORMAT " painted in %.1f ms (highlights painted in %.1f ms)", self->article_id,
               (g_get_monotonic_time () - self->load_start_us) / 1000.0,
               json_object_get_double_member_with_default (object, "paintMs", 0));
      if (self->pending_scroll != 0)
        {
          clipper_reader_view_scroll_to_highlight (self, self->pending_scroll);
          self->pending_scroll = 0;
        }
      if (self->pending_reveal_start >= 0)
        {
          reveal_text_now (self, self->pending_reveal_start, self->pending_reveal_end, TRUE);
          self->pending_reveal_start = self->pending_reveal_end = -1;
        }
      article_painted (self);
      place_caret (self);
    }
  else if (g_str_equal (type, "selection"))
    handle_selection_message (self, object);
  else if (g_str_equal (type, "activate"))
    handle_activate_message (self, object);
  else if (g_str_equal (type, "position"))
    handle_position_message (self, object);
  else if (g_str_equal (type, "layout"))
    handle_layout_message (self, object);
}

/* ------------------------------------------------------------------ */
/* Making and changing highlights                                      */

typedef enum {
  SELECTION_HIGHLIGHT,
  SELECTION_NOTE,
  SELECTION_COPY,
  SELECTION_REATTACH,
} SelectionIntent;

typedef struct {
  SelectionIntent intent;
  char           *color;
} SelectionRequest;

static void
selection_request_free (SelectionRequest *request)
{
  g_free (request->color);
  g_free (request);
}

/* Where the core places the selection, or FALSE (with a toast) when it
 * cannot be found in the stored text with confidence. */
static gboolean
anchor_selection (ClipperReaderView   *self,
                  const char          *quote,
                  gint64               start,
                  gint64               end,
                  ClipperAnchorResult *result)
{
  ClipperTextSelector selector = { quote, NULL, NULL, start, end };

  if (self->anchor_text == NULL || quote == NULL || *quote == '\0')
    return FALSE;
  clipper_anchor_locate (self->anchor_text, &selector, result);
  if (result->kind == CLIPPER_ANCHOR_ORPHAN)
    {
      toast (self, _("The selected text could not be found in the saved article"));
      return FALSE;
    }
  return TRUE;
}

static void
fill_target (ClipperReaderView         *self,
             ClipperHighlight          *h,
             const ClipperAnchorResult *result)
{
  g_autofree char *exact = clipper_anchor_text_slice (self->anchor_text, result->start, result->end);
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;

  clipper_anchor_text_context (self->anchor_text, result->start, result->end, &prefix, &suffix);
  clipper_highlight_set_quote (h, exact);
  clipper_highlight_set_prefix (h, prefix);
  clipper_highlight_set_suffix (h, suffix);
  clipper_highlight_set_range (h, result->start, result->end);
  clipper_highlight_set_anchored (h, TRUE);
  /* An orphan re-attached: wherever its offsets came from, they are the
   * text's now. */
  clipper_highlight_set_offsets_from (h, CLIPPER_OFFSETS_TEXT);
}

static ClipperHighlight *
create_highlight (ClipperReaderView *self,
                  const char        *quote,
                  gint64             start,
                  gint64             end,
                  const char        *color)
{
  g_autoptr(ClipperHighlight) h = NULL;
  g_autoptr(GError) error = NULL;
  ClipperAnchorResult result;

  if (!anchor_selection (self, quote, start, end, &result))
    return NULL;
  h = clipper_highlight_new ();
  clipper_highlight_set_article_id (h, self->article_id);
  clipper_highlight_set_color (h, color);
  fill_target (self, h, &result);
  if (!clipper_store_add_highlight (self->store, h, &error))
    {
      toast_error (self, _("Highlight not saved"), _("Could not save the highlight"), error);
      return NULL;
    }
  g_ptr_array_add (self->highlights, g_object_ref (h));
  highlights_changed (self);
  return h;
}

/* Saves a change to @h; when it fails, its toast says @title, its
 * Details @what and why. */
static gboolean
save_highlight (ClipperReaderView *self,
                ClipperHighlight  *h,
                const char        *title,
                const char        *what)
{
  g_autoptr(GError) error = NULL;

  if (!clipper_store_update_highlight (self->store, h, &error))
    {
      toast_error (self, title, what, error);
      return FALSE;
    }
  return TRUE;
}

static void
recolor_highlight (ClipperReaderView *self,
                   gint64             id,
                   const char        *color)
{
  ClipperHighlight *h = find_highlight (self, id, NULL);

  if (h == NULL || g_strcmp0 (clipper_highlight_get_color (h), color) == 0)
    return;
  clipper_highlight_set_color (h, color);
  if (save_highlight (self, h, _("Colour not saved"), _("Could not change the highlight’s colour")))
    highlights_changed (self);
  if (self->active_highlight == id)
    show_detail (self, id);
}

/* "Copy as quote": the quote as the page shows it, on one line as the
 * Markdown export writes it.  An article saved before 30 November 2026
 * has the page's source line breaks and indentation in its text, which
 * came out as a line break in the middle of a sentence. */
static char *
quote_markdown (ClipperReaderView *self,
                const char        *quote)
{
  GString *out = g_string_new (NULL);
  g_autofree char *line = clipper_text_dup_one_line (quote);
  const char *title = self->article ? clipper_article_get_title (self->article) : NULL;
  const char *url = self->article ? clipper_article_get_url (self->article) : NULL;

  g_string_append_printf (out, "> %s\n", line);
  g_string_append (out, ">\n> — ");
  if (url != NULL && *url != '\0')
    g_string_append_printf (out, "[%s](%s)\n", title && *title ? title : url, url);
  else
    g_string_append_printf (out, "%s\n", title ? title : "");
  return g_string_free (out, FALSE);
}

static void
reattach_highlight (ClipperReaderView *self,
                    const char        *quote,
                    gint64             start,
                    gint64             end)
{
  ClipperHighlight *h = find_highlight (self, self->reattach_id, NULL);
  g_autoptr(ClipperHighlight) before = NULL;
  ClipperAnchorResult result;
  AdwToast *undo;

  if (h == NULL || !anchor_selection (self, quote, start, end, &result))
    return;
  /* As it is stored, for Undo: an orphan moved to the wrong words had
   * lost its own but for its original quote. */
  before = clipper_store_get_highlight (self->store, self->reattach_id, NULL);
  if (clipper_highlight_get_original_quote (h) == NULL)
    clipper_highlight_set_original_quote (h, clipper_highlight_get_quote (h));
  fill_target (self, h, &result);
  if (!save_highlight (self, h, _("Not re-attached"), _("Could not re-attach the highlight")))
    return;
  self->reattach_id = 0;
  highlights_changed (self);
  if (before == NULL)
    {
      toast (self, _("Highlight re-attached"));
      return;
    }
  undo = adw_toast_new (_("Highlight re-attached"));
  adw_toast_set_button_label (undo, _("_Undo"));
  adw_toast_set_action_name (undo, "reader.undo-reattach");
  adw_toast_set_action_target_value (undo, g_variant_new_int64 (clipper_highlight_get_id (h)));
  clipper_highlight_undo_push_reattach (self->deleted, before, self->toast_overlay, undo);
}

/* The panel opens on @id's note, with the keyboard in it; the passage
 * being annotated stays in view as the panel opens. */
static void
open_note (ClipperReaderView *self,
           gint64             id)
{
  g_autofree char *script = g_strdup_printf ("clipper.focusHighlight(%" G_GINT64_FORMAT ")", id);

  /* The page behind the plain text may still be loading: our script is
   * not in it yet. */
  if (self->page_ready)
    run_script (self, script, NULL, NULL);
  show_detail (self, id);
  clipper_reader_view_set_panel_visible (self, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
}

/* Does what @request asks with the selection: @quote, code points
 * [@start, @end) of the article's text as the page or the plain text
 * reports them; a NULL @quote is no selection. */
static void
act_on_selection (ClipperReaderView      *self,
                  const SelectionRequest *request,
                  const char             *quote,
                  gint64                  start,
                  gint64                  end)
{
  if (quote == NULL)
    {
      /* No selection: colour keys and buttons act on the clicked highlight. */
      if (request->intent == SELECTION_HIGHLIGHT && self->active_highlight != 0)
        recolor_highlight (self, self->active_highlight, request->color);
      else if (request->intent == SELECTION_NOTE && self->active_highlight != 0)
        {
          show_detail (self, self->active_highlight);
          clipper_reader_view_set_panel_visible (self, TRUE);
          gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
        }
      else if (request->intent == SELECTION_COPY && find_highlight (self, self->active_highlight, NULL))
        {
          g_autofree char *md = quote_markdown (self, clipper_highlight_get_quote (find_highlight (self, self->active_highlight, NULL)));
          gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), md);
          toast (self, _("Quote copied"));
        }
      return;
    }

  switch (request->intent)
    {
    case SELECTION_COPY:
      {
        g_autofree char *md = quote_markdown (self, quote ? quote : "");
        gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), md);
        toast (self, _("Quote copied"));
      }
      break;

    case SELECTION_REATTACH:
      reattach_highlight (self, quote, start, end);
      clear_page_selection (self);
      break;

    case SELECTION_HIGHLIGHT:
    case SELECTION_NOTE:
      {
        ClipperHighlight *existing = find_highlight_around (self, start, end);
        ClipperHighlight *h = NULL;

        /* A selection inside one highlight changes that highlight rather
         * than stacking a second one on it. */
        if (existing != NULL)
          {
            h = existing;
            if (request->intent == SELECTION_HIGHLIGHT)
              recolor_highlight (self, clipper_highlight_get_id (h), request->color);
          }
        else
          h = create_highlight (self, quote, start, end, request->color);
        clear_page_selection (self);
        if (h != NULL && request->intent == SELECTION_NOTE)
          open_note (self, clipper_highlight_get_id (h));
        else if (h != NULL)
          self->last_made = clipper_highlight_get_id (h);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
on_selection_read (ClipperReaderView *self,
                   JSCValue          *value,
                   gpointer           data)
{
  SelectionRequest *request = data;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = jsc_value_is_string (value) ? jsc_value_to_string (value) : NULL;
  JsonObject *object;

  if (text == NULL || *text == '\0' ||
      !json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    act_on_selection (self, request, NULL, -1, -1);
  else
    {
      object = json_node_get_object (json_parser_get_root (parser));
      act_on_selection (self, request,
                        json_object_get_string_member_with_default (object, "quote", NULL),
                        json_object_get_int_member_with_default (object, "start", -1),
                        json_object_get_int_member_with_default (object, "end", -1));
    }
  selection_request_free (request);
}

/* @start and @end moved out to the ends of the words they cut, as the
 * page's script snaps a selection (snapToWords() in reader.js): a drag
 * that stops a letter short of a word's end highlights the word.  A
 * selection inside one word stays as it is.  Pango's words are the
 * page's, except in scripts written without spaces, where each character
 * is one and a selection there stays as made. */
static void
snap_to_words (GtkTextIter *start,
               GtkTextIter *end)
{
  GtkTextIter word_end = *start;
  gboolean start_cuts = gtk_text_iter_inside_word (start) && !gtk_text_iter_starts_word (start);
  gboolean end_cuts = gtk_text_iter_inside_word (end) && !gtk_text_iter_ends_word (end);

  if (gtk_text_iter_inside_word (start) && !gtk_text_iter_ends_word (&word_end))
    gtk_text_iter_forward_word_end (&word_end);
  if (gtk_text_iter_inside_word (start) && gtk_text_iter_compare (&word_end, end) >= 0)
    return;
  if (start_cuts)
    gtk_text_iter_backward_word_start (start);
  if (end_cuts)
    gtk_text_iter_forward_word_end (end);
}

/* The plain text's selection: its offsets in the buffer are code points
 * of the article's text, which the buffer holds as it is. */
static void
act_on_plain_selection (ClipperReaderView *self,
                        SelectionIntent    intent,
                        const char        *color)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->plain_view);
  g_autofree char *owned_color = g_strdup (color ? color : "yellow");
  SelectionRequest request = { intent, owned_color };
  GtkTextIter start, end;
  g_autofree char *quote = NULL;

  if (!gtk_text_buffer_get_selection_bounds (buffer, &start, &end))
    {
      act_on_selection (self, &request, NULL, -1, -1);
      return;
    }
  if (intent != SELECTION_REATTACH)
    snap_to_words (&start, &end);
  quote = gtk_text_buffer_get_slice (buffer, &start, &end, TRUE);
  act_on_selection (self, &request, quote, gtk_text_iter_get_offset (&start), gtk_text_iter_get_offset (&end));
}

static void
read_selection (ClipperReaderView *self,
                SelectionIntent    intent,
                const char        *color)
{
  SelectionRequest *request;

  if (self->store == NULL)
    return;
  if (self->plain_text)
    {
      act_on_plain_selection (self, intent, color);
      return;
    }
  if (!self->page_ready)
    return;
  request = g_new0 (SelectionRequest, 1);
  request->intent = intent;
  request->color = g_strdup (color ? color : "yellow");
  /* An orphan takes the passage as selected (its suggestion is the text
   * that reads most like its quote, a word's end cut off included). */
  run_script (self, intent == SELECTION_REATTACH ? "clipper.selection(false)" : "clipper.selection(true)",
              on_selection_read, request);
}

static void
action_highlight (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ClipperReaderView *self = CLIPPER_READER_VIEW (widget);
  const char *color = g_variant_get_string (parameter, NULL);

  if (!clipper_highlight_color_is_valid (color))
    return;
  read_selection (self, SELECTION_HIGHLIGHT, color);
}

static void
action_recolor (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ClipperReaderView *self = CLIPPER_READER_VIEW (widget);
  const char *color = g_variant_get_string (parameter, NULL);

  if (clipper_highlight_color_is_valid (color) && self->active_highlight != 0)
    recolor_highlight (self, self->active_highlight, color);
}

static void
action_note (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  read_selection (CLIPPER_READER_VIEW (widget), SELECTION_NOTE, "yellow");
}

static void
action_copy_quote (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  read_selection (CLIPPER_READER_VIEW (widget), SELECTION_COPY, NULL);
}

static void
action_copy_link (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ClipperReaderView *self = CLIPPER_READER_VIEW (widget);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), g_variant_get_string (parameter, NULL));
  toast (self, _("Link copied"));
}

/* The web page of a link whose saved copy opened instead. */
static void
action_open_web_page (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  open_in_browser (CLIPPER_READER_VIEW (widget), g_variant_get_string (parameter, NULL));
}

/* The last failure, whole, over the window the reader is in. */
static void
action_failure_details (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ClipperReaderView *self = CLIPPER_READER_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->failure_message == NULL)
    return;
  clipper_toast_show_details (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->failure_title, NULL,
                              self->failure_message);
}

static void
action_reattach (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  ClipperReaderView *self = CLIPPER_READER_VIEW (widget);

  if (self->reattach_id == 0)
    return;
  read_selection (self, SELECTION_REATTACH, NULL);
}

static void
remove_highlight (ClipperReaderView *self,
                  gint64             id)
{
  g_autoptr(GError) error = NULL;
  ClipperHighlight *h;
  guint index;
  g_autoptr(ClipperHighlight) deleted = NULL;
  AdwToast *undo;

  h = find_highlight (self, id, &index);
  if (h == NULL)
    return;
  if (id == self->active_highlight)
    flush_note (self);
  if (!clipper_store_delete_highlight (self->store, id, &error))
    {
      toast_error (self, _("Highlight not deleted"), _("Could not delete the highlight"), error);
      return;
    }
  deleted = g_ptr_array_steal_index (self->highlights, index);
  if (self->active_highlight == id)
    self->active_highlight = 0;
  if (self->reattach_id == id)
    self->reattach_id = 0;
  self->selection_highlight = 0;
  gtk_popover_popdown (self->selection_popover);
  gtk_stack_set_visible_child_name (self->panel_stack, "list");
  highlights_changed (self);

  undo = adw_toast_new (_("Highlight deleted"));
  adw_toast_set_button_label (undo, _("_Undo"));
  adw_toast_set_action_name (undo, "reader.undo-delete");
  /* Each toast undoes its own deletion, however many are queued. */
  adw_toast_set_action_target_value (undo, g_variant_new_int64 (id));
  clipper_highlight_undo_push (self->deleted, deleted, self->toast_overlay, undo);
}

/* The panel's delete button: the highlight whose note is open. */
static void
action_remove_highlight (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  ClipperReaderView *self = CLIPPER_READER_VIEW (widget);

  remove_highlight (self, self->active_highlight ? self->active_highlight : self->selection_highlight);
}

/* The popover's remove button: the highlight under the selection or click,
 * which need not be the one open in the panel. */
static void
action_remove_selected (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ClipperReaderView *self = CLIPPER_READER_VIEW (widget);

  remove_highlight (self, self->selection_highlight ? self->selection_highlight : self->active_highlight);
}

static gpointer
focus_row_wanted (gpointer  data,
                  guint    *out_position)
{
  ClipperReaderView *self = data;
  ClipperHighlight *wanted = find_highlight (self, self->focus_row_id, NULL);

  return wanted != NULL && g_list_store_find (self->anchored_model, wanted, out_position) ? wanted : NULL;
}

/* The highlight of a row of the panel's list, by its id: the row may
 * still hold the object it was bound to before the highlights were read
 * again. */
static gpointer
row_highlight (GtkWidget *row,
               gpointer   data)
{
  ClipperReaderView *self = data;
  GtkWidget *box = gtk_widget_get_first_child (row);
  ClipperHighlight *h = box != NULL ? g_object_get_data (G_OBJECT (box), "highlight") : NULL;

  return h != NULL ? find_highlight (self, clipper_highlight_get_id (h), NULL) : NULL;
}

/* The keyboard to highlight @id's row in the panel's list, once the list
 * has made it: the list is filled again at every change of the
 * highlights, and GTK 4.8's list view then gave the keyboard to its first
 * row (list.scroll-to-item moves only its idea of the focused position),
 * where the next Delete went. */
static void
focus_row_later (ClipperReaderView *self,
                 gint64             id)
{
  /* Into the list at once (from a row that went, from a toast's button
   * that goes), to the row when it is there. */
  gtk_widget_grab_focus (GTK_WIDGET (self->highlight_list));
  self->focus_row_id = id;
  clipper_list_focus_later (self->highlight_list, focus_row_wanted, row_highlight, self);
}

/* Brings back @taken (transfer full, nullable), a deleted highlight taken
 * from self->deleted. */
static void
undo_delete (ClipperReaderView *self,
             ClipperHighlight  *taken)
{
  g_autoptr(ClipperHighlight) h = taken;
  g_autoptr(GError) error = NULL;
  GtkWidget *focus = keyboard_focus (self);
  gboolean to_row;
  guint position;

  if (h == NULL || self->store == NULL)
    return;
  /* Undone from the panel's list (Ctrl+Z on a row) or from the toast
   * (its Undo button, which goes with the toast): the keyboard goes to
   * the restored highlight's row.  The list is filled again, and the
   * keyboard was left on its first row, where the next Delete went. */
  to_row = focus != NULL &&
           (gtk_widget_is_ancestor (focus, GTK_WIDGET (self->highlight_list)) ||
            (gtk_widget_is_ancestor (focus, GTK_WIDGET (self->toast_overlay)) &&
             !gtk_widget_is_ancestor (focus, adw_toast_overlay_get_child (self->toast_overlay))));
  /* The same UUID, note and tags: to exports it is the same highlight. */
  if (!clipper_store_restore_highlight (self->store, h, &error))
    {
      toast_error (self, _("Highlight not restored"), _("Could not restore the highlight"), error);
      return;
    }
  /* Back in its article, whichever the reader shows now. */
  if (clipper_highlight_get_article_id (h) != self->article_id)
    {
      g_signal_emit (self, signals[SIGNAL_HIGHLIGHTS_CHANGED], 0, clipper_highlight_get_article_id (h));
      return;
    }
  g_ptr_array_add (self->highlights, g_object_ref (h));
  highlights_changed (self);
  if (to_row && adw_flap_get_reveal_flap (self->flap) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->panel_stack), "list") == 0 &&
      g_list_store_find (self->anchored_model, h, &position))
    focus_row_later (self, clipper_highlight_get_id (h));
}

/* Puts back @taken (transfer full, nullable), a highlight as it was
 * before a re-attach, taken from self->deleted: an orphan again, with its
 * quote, context, offsets and original quote as they were.  Its note,
 * tags and colour are as they are now: the re-attach did not change them,
 * and a note written since stays. */
static void
undo_reattach (ClipperReaderView *self,
               ClipperHighlight  *taken)
{
  g_autoptr(ClipperHighlight) before = taken;
  g_autoptr(ClipperHighlight) h = NULL;
  g_autoptr(GError) error = NULL;
  guint index;

  if (before == NULL || self->store == NULL)
    return;
  /* A note being written is saved first, and kept. */
  if (self->active_highlight == clipper_highlight_get_id (before))
    flush_note (self);
  h = clipper_store_get_highlight (self->store, clipper_highlight_get_id (before), &error);
  if (h == NULL)
    {
      toast_error (self, _("Not undone"), _("Could not undo the re-attach"), error);
      return;
    }
  clipper_highlight_set_quote (h, clipper_highlight_get_quote (before));
  clipper_highlight_set_prefix (h, clipper_highlight_get_prefix (before));
  clipper_highlight_set_suffix (h, clipper_highlight_get_suffix (before));
  clipper_highlight_set_range (h, clipper_highlight_get_start (before), clipper_highlight_get_end (before));
  clipper_highlight_set_anchored (h, clipper_highlight_get_anchored (before));
  clipper_highlight_set_offsets_from (h, clipper_highlight_get_offsets_from (before));
  clipper_highlight_set_original_quote (h, clipper_highlight_get_original_quote (before));
  if (!save_highlight (self, h, _("Not undone"), _("Could not undo the re-attach")))
    return;
  if (clipper_highlight_get_article_id (h) != self->article_id ||
      find_highlight (self, clipper_highlight_get_id (h), &index) == NULL)
    {
      g_signal_emit (self, signals[SIGNAL_HIGHLIGHTS_CHANGED], 0, clipper_highlight_get_article_id (h));
      return;
    }
  g_object_unref (g_ptr_array_index (self->highlights, index));
  g_ptr_array_index (self->highlights, index) = g_object_ref (h);
  highlights_changed (self);
  if (self->active_highlight == clipper_highlight_get_id (h))
    show_detail (self, self->active_highlight);
}

/* Undoes what @kind says to @taken (transfer full, nullable). */
static void
undo_taken (ClipperReaderView        *self,
            ClipperHighlight         *taken,
            ClipperHighlightUndoKind  kind)
{
  if (kind == CLIPPER_HIGHLIGHT_UNDO_REATTACH)
    undo_reattach (self, taken);
  else
    undo_delete (self, taken);
}

/* A toast's Undo: "Highlight deleted"'s brings the highlight back,
 * "Highlight re-attached"'s its place before, whatever came since. */
static void
action_undo_delete (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ClipperReaderView *self = CLIPPER_READER_VIEW (widget);

  undo_delete (self, clipper_highlight_undo_take (self->deleted, g_variant_get_int64 (parameter),
                                                  CLIPPER_HIGHLIGHT_UNDO_DELETE));
}

static void
action_undo_reattach (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  ClipperReaderView *self = CLIPPER_READER_VIEW (widget);

  undo_reattach (self, clipper_highlight_undo_take (self->deleted, g_variant_get_int64 (parameter),
                                                    CLIPPER_HIGHLIGHT_UNDO_REATTACH));
}

/* F9 takes the keyboard into the panel it opens, beside the article as
 * over it (where the panel is modal): on the first highlight of its list
 * (or its note editor, when it shows a note).  Left in the article, the
 * keys went on scrolling it, and Tab reached the list only past the
 * header. */
static void
focus_panel (ClipperReaderView *self)
{
  GtkWidget *list = GTK_WIDGET (self->highlight_list);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->panel_stack), "detail") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
  else if (gtk_widget_get_visible (self->highlight_scroller) &&
           g_list_model_get_n_items (G_LIST_MODEL (self->anchored_model)) > 0 &&
           gtk_widget_grab_focus (list))
    gtk_widget_activate_action (list, "list.scroll-to-item", "u", 0);
  else
    gtk_widget_child_focus (GTK_WIDGET (self->panel_stack), GTK_DIR_TAB_FORWARD);
}

gboolean
clipper_reader_view_focus_panel (ClipperReaderView *self)
{
  g_return_val_if_fail (CLIPPER_IS_READER_VIEW (self), FALSE);

  if (!adw_flap_get_reveal_flap (self->flap))
    return FALSE;
  focus_panel (self);
  return clipper_reader_view_get_panel_has_focus (self);
}

gboolean
clipper_reader_view_get_panel_has_focus (ClipperReaderView *self)
{
  GtkWidget *focus;

  g_return_val_if_fail (CLIPPER_IS_READER_VIEW (self), FALSE);

  focus = keyboard_focus (self);
  return focus != NULL && adw_flap_get_flap (self->flap) != NULL &&
         gtk_widget_is_ancestor (focus, adw_flap_get_flap (self->flap));
}

gboolean
clipper_reader_view_get_panel_over_article (ClipperReaderView *self)
{
  g_return_val_if_fail (CLIPPER_IS_READER_VIEW (self), FALSE);

  return adw_flap_get_folded (self->flap) && adw_flap_get_reveal_flap (self->flap);
}

/* The flap shows its panel only once it starts to slide in: before that
 * nothing in it can take the keyboard. */
static void
on_flap_reveal_progress (ClipperReaderView *self)
{
  if (!self->focus_panel_pending || adw_flap_get_reveal_progress (self->flap) <= 0)
    return;
  self->focus_panel_pending = FALSE;
  focus_panel (self);
}

static void
action_toggle_panel (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ClipperReaderView *self = CLIPPER_READER_VIEW (widget);
  gboolean show = !clipper_reader_view_get_panel_visible (self);

  self->focus_panel_pending = show;
  clipper_reader_view_set_panel_visible (self, show);
  on_flap_reveal_progress (self);
  /* Closed, it gives the keyboard back to the article. */
  if (!show)
    clipper_reader_view_focus_article (self);
}

/* Tab and Shift+Tab go round the panel while it lies over the article,
 * as in a dialog, rather than out to the header behind it. */
static gboolean
on_panel_tab (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  ClipperReaderView *self = CLIPPER_READER_VIEW (user_data);
  GtkDirectionType direction = g_variant_get_boolean (args) ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;

  if (!adw_flap_get_folded (self->flap) || !adw_flap_get_reveal_flap (self->flap))
    return FALSE;
  if (gtk_widget_child_focus (widget, direction))
    return TRUE;
  /* Past its last stop (or first): from the other end again. */
  gtk_root_set_focus (gtk_widget_get_root (widget), NULL);
  gtk_widget_child_focus (widget, direction);
  return TRUE;
}

static void
add_panel_tab (GtkShortcutController *controller,
               ClipperReaderView     *self,
               guint                  keyval,
               GdkModifierType        modifiers)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                            gtk_callback_action_new (on_panel_tab, self, NULL));

  gtk_shortcut_set_arguments (shortcut, g_variant_new_boolean ((modifiers & GDK_SHIFT_MASK) != 0));
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

/* The highlight the plain text's caret is in (the innermost), or NULL. */
static ClipperHighlight *
find_highlight_at_caret (ClipperReaderView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->plain_view);
  GtkTextIter caret;
  gint64 offset;

  gtk_text_buffer_get_iter_at_mark (buffer, &caret, gtk_text_buffer_get_insert (buffer));
  offset = gtk_text_iter_get_offset (&caret);
  return find_highlight_around (self, offset, offset + 1);
}

/* Delete found no highlight to remove: said, so that a reader who meant
 * one (one character off it) knows, and one who meant the article finds
 * it in the menu. */
static void
no_highlight_here (ClipperReaderView *self)
{
  toast (self, _("No highlight here"));
}

/* Delete in the page without a popover: the highlight a colour just
 * made while the caret is still where that left it, at its end
 * (clipper.clearSelection(); Delete right after a colour said "No
 * highlight here"), else the one the caret is in, whose character comes
 * after it, as in the plain text.  A caret the reader put right after a
 * highlight is not in it: Delete there took any highlight it ended. */
static void
remove_at_caret_done (ClipperReaderView *self,
                      JSCValue          *value,
                      gpointer           data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = jsc_value_is_string (value) ? jsc_value_to_string (value) : NULL;
  JsonObject *caret = NULL;
  gint64 offset = -1;
  ClipperHighlight *h;

  if (text != NULL && json_parser_load_from_data (parser, text, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      caret = json_node_get_object (json_parser_get_root (parser));
      offset = json_object_get_int_member_with_default (caret, "offset", -1);
    }
  h = caret != NULL && json_object_get_boolean_member_with_default (caret, "left", FALSE) && self->last_made != 0
      ? find_highlight (self, self->last_made, NULL) : NULL;
  if (h == NULL)
    h = find_highlight_around (self, offset, offset + 1);

  if (h == NULL)
    no_highlight_here (self);
  else
    remove_highlight (self, clipper_highlight_get_id (h));
}

/* Keys in the plain text, which has no popover: 1–5 highlight the
 * selection (or recolour the highlight it lies in), N opens the note of
 * the highlight the selection makes or lies in, of the one a colour key
 * just made, or of the one under the caret; Delete removes the highlight
 * the selection or the caret is in, and nothing else (as in the page).
 * Without a selection, 1–5 recolour the highlight under the caret.
 * Anything else goes on (FALSE). */
static gboolean
plain_text_key (ClipperReaderView *self,
                const char        *what)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->plain_view);
  gboolean selected = gtk_text_buffer_get_selection_bounds (buffer, NULL, NULL);
  ClipperHighlight *h = NULL;

  /* Nothing to highlight in why there is no text. */
  if (self->textless)
    return FALSE;

  if (g_str_equal (what, "remove"))
    {
      if (selected)
        {
          GtkTextIter start, end;

          gtk_text_buffer_get_selection_bounds (buffer, &start, &end);
          h = find_highlight_around (self, gtk_text_iter_get_offset (&start), gtk_text_iter_get_offset (&end));
        }
      else
        {
          /* As in the page: the highlight a colour just made, the caret
           * still at its end where that left it (Delete there said "No
           * highlight here"), else the one the caret is in. */
          h = self->plain_caret_left && self->last_made != 0 ? find_highlight (self, self->last_made, NULL) : NULL;
          if (h == NULL)
            h = find_highlight_at_caret (self);
        }
      if (h == NULL)
        no_highlight_here (self);
      else
        remove_highlight (self, clipper_highlight_get_id (h));
      return TRUE;
    }
  if (g_str_equal (what, "note"))
    {
      if (selected)
        act_on_plain_selection (self, SELECTION_NOTE, NULL);
      else if (self->last_made != 0 && find_highlight (self, self->last_made, NULL) != NULL)
        open_note (self, self->last_made);
      else if ((h = find_highlight_at_caret (self)) != NULL)
        open_note (self, clipper_highlight_get_id (h));
      else
        return FALSE;
      self->last_made = 0;
      return TRUE;
    }
  if (selected)
    act_on_plain_selection (self, SELECTION_HIGHLIGHT, what);
  else if ((h = find_highlight_at_caret (self)) != NULL)
    {
      recolor_highlight (self, clipper_highlight_get_id (h), what);
      self->last_made = clipper_highlight_get_id (h);
    }
  else
    return FALSE;
  return TRUE;
}

/* The highlight whose row in the panel's list (or its orphans') has the
 * keyboard, or NULL: a note, the tags, a button. */
static ClipperHighlight *
find_focused_row (ClipperReaderView *self,
                  GtkWidget         *focus)
{
  GtkWidget *list = gtk_widget_get_parent (focus);
  GtkWidget *box = gtk_widget_get_first_child (focus);
  ClipperHighlight *h;

  if (box == NULL || (list != GTK_WIDGET (self->highlight_list) && list != GTK_WIDGET (self->orphan_list)))
    return NULL;
  h = g_object_get_data (G_OBJECT (box), "highlight");
  return h != NULL ? find_highlight (self, clipper_highlight_get_id (h), NULL) : NULL;
}

/* Delete on a row of the panel's list removes its highlight, with the
 * Undo the article's Delete gives, and the keyboard goes on to the row
 * that takes its place (or the one before, past the last).  The key did
 * nothing there: the panel took it for text being typed. */
static gboolean
remove_focused_row (ClipperReaderView *self,
                    GtkWidget         *focus)
{
  ClipperHighlight *h = find_focused_row (self, focus);
  GListModel *model = G_LIST_MODEL (self->anchored_model);
  gboolean listed;
  guint position = 0, n;

  if (h == NULL)
    return FALSE;
  listed = g_list_store_find (self->anchored_model, h, &position);
  remove_highlight (self, clipper_highlight_get_id (h));
  n = g_list_model_get_n_items (model);
  if (listed && n > 0)
    {
      g_autoptr(ClipperHighlight) next = g_list_model_get_item (model, MIN (position, n - 1));

      focus_row_later (self, clipper_highlight_get_id (next));
    }
  else if (!clipper_reader_view_get_panel_has_focus (self))
    focus_panel (self);
  return TRUE;
}

/* Keys 1–5 and N act on the selection only while its popover is shown;
 * otherwise they go on to the page (find-as-you-type, scrolling…).  N is
 * also the note of the highlight a colour key just made: the popover
 * closed with that key, and the note is what a reader adds next (N went
 * on to the page, and no note opened).  Delete in the article removes a
 * highlight and nothing else: the one the popover is for, or the one at
 * the caret; elsewhere it says there is none.  It was the window's
 * there, which deleted the whole article, its highlights and notes with
 * it, for a reader one character off a highlight. */
static gboolean
on_selection_key (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  ClipperReaderView *self = CLIPPER_READER_VIEW (widget);
  const char *what = g_variant_get_string (args, NULL);
  GtkWidget *focus = keyboard_focus (self);

  /* Typing a note or tags is not a command; Delete on a row of the list is. */
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->panel_stack)))
    return g_str_equal (what, "remove") && remove_focused_row (self, focus);
  if (self->plain_text && focus == GTK_WIDGET (self->plain_view))
    return plain_text_key (self, what);
  if (g_str_equal (what, "remove") && !gtk_widget_get_visible (GTK_WIDGET (self->selection_popover)))
    {
      if (!page_has_keyboard (self))
        return FALSE;
      run_script (self, "clipper.caret()", remove_at_caret_done, NULL);
      return TRUE;
    }
  if (!gtk_widget_get_visible (GTK_WIDGET (self->selection_popover)))
    {
      if (!g_str_equal (what, "note") || self->last_made == 0 ||
          find_highlight (self, self->last_made, NULL) == NULL)
        return FALSE;
      open_note (self, self->last_made);
      self->last_made = 0;
      return TRUE;
    }
  if (g_str_equal (what, "remove"))
    {
      if (self->selection_highlight != 0)
        gtk_widget_activate_action (widget, "reader.remove-selected", NULL);
      else
        no_highlight_here (self);
    }
  else if (g_str_equal (what, "note"))
    gtk_widget_activate_action (widget, "reader.note", NULL);
  else
    gtk_widget_activate_action (widget, "reader.highlight", "s", what);
  return TRUE;
}

/* Escape closes the selection's popover (the selection stays, as a
 * popover's Escape leaves what it was for), and leaves the note editor:
 * the note is written and the keys go back to the article.  Anything
 * else is the window's. */
/* F7 toggles caret navigation in the page.  The plain text always has
 * its caret, which the arrows move and Shift extends: F7 there leaves
 * the page's setting alone (toggled unseen, it surprised the reader back
 * in the page, its caret on or gone) and brings the keyboard to that
 * caret, saying why nothing else happens. */
static gboolean
on_caret_key (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  ClipperReaderView *self = CLIPPER_READER_VIEW (widget);

  if (!self->plain_text)
    return gtk_widget_activate_action (widget, "reader.caret-browsing", NULL);
  clipper_reader_view_focus_article (self);
  toast (self, _("Plain Text always has a caret: Shift and the arrows select"));
  return TRUE;
}

/* clipper.back() found no place to come back to: the page keeps them,
 * and only the page knows how many are left. */
static void
back_done (ClipperReaderView *self,
           JSCValue          *value,
           gpointer           data)
{
  if (!jsc_value_to_boolean (value) && !go_back_in_history (self))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.back", NULL);
}

/* Alt+Left after a footnote or a table of contents took the reader
 * elsewhere in the article goes back to where they were, as in a browser;
 * then to the article a link to a saved copy was followed from, where
 * the reader was in it (go_back_in_history()); otherwise back to the
 * library (the window's "win.back").  The page
 * script's answer decides: a count of the links kept here as well went
 * out of step when the page loaded again (its places gone, the count
 * kept), and the press then did nothing (review 20, 7). */
static gboolean
on_back_key (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  ClipperReaderView *self = CLIPPER_READER_VIEW (widget);

  if (!page_has_keyboard (self))
    return go_back_in_history (self) || gtk_widget_activate_action (widget, "win.back", NULL);
  run_script (self, "clipper.back()", back_done, NULL);
  return TRUE;
}

/* The mouse's back button (8) does what Alt+Left does, as in GNOME Web:
 * in-article jumps first, wherever the keyboard is (the pointer is on
 * the reader), then back across articles, then the library.  WebKit took
 * it for its own history, which goes back to the last article's page, one
 * the reader refuses. */
static void
on_back_button (GtkGestureClick   *gesture,
                int                n_press,
                double             x,
                double             y,
                ClipperReaderView *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (!self->plain_text && self->page_ready)
    run_script (self, "clipper.back()", back_done, NULL);
  else if (!go_back_in_history (self))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.back", NULL);
}

/* Ctrl+Home and Ctrl+End go to the top and the end of the article, as in
 * GNOME Web: WebKit takes them to move a caret, and without caret
 * navigation they did nothing (QA-m 8), while Home and End scrolled.
 * With caret navigation, and in the note, the tags and Plain Text, they
 * move the caret as they do anywhere. */
static gboolean
on_edge_key (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  ClipperReaderView *self = CLIPPER_READER_VIEW (widget);

  if (!page_has_keyboard (self) || clipper_reader_view_get_caret_browsing (self))
    return FALSE;
  run_script (self, g_variant_get_boolean (args) ? "clipper.scrollToEdge(true)" : "clipper.scrollToEdge(false)",
              NULL, NULL);
  return TRUE;
}

static gboolean
on_escape_key (GtkWidget *widget,
               GVariant  *args,
               gpointer   user_data)
{
  ClipperReaderView *self = CLIPPER_READER_VIEW (widget);
  GtkWidget *focus = keyboard_focus (self);
  gboolean handled = FALSE;

  if (gtk_widget_get_visible (GTK_WIDGET (self->selection_popover)))
    {
      /* The selection goes with it: one left selected without its
       * popover took no keys (1–5, N), and a click on it brought nothing
       * back. */
      clear_page_selection (self);
      handled = TRUE;
    }
  if (focus != NULL &&
      (focus == GTK_WIDGET (self->note_view) || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->note_view))))
    {
      flush_note (self);
      clipper_reader_view_focus_article (self);
      handled = TRUE;
    }
  else if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->tags_chips)))
    {
      /* The tags' entry, as GNOME's entries (GtkEntryCompletion's own
       * Escape): Escape first closes the completion list, then takes back
       * what was typed, and with nothing typed leaves the entry for the
       * article, as the note's Escape does.  (This shortcut comes before
       * the completion's: the list stayed open and the text went.) */
      GtkEntry *tags_entry = clipper_tag_chips_get_entry (self->tags_chips);
      GtkEditable *entry = GTK_EDITABLE (tags_entry);

      if (clipper_tag_completion_close (tags_entry))
        ;
      else if (*gtk_editable_get_text (entry) != '\0')
        gtk_editable_set_text (entry, "");
      else
        clipper_reader_view_focus_article (self);
      handled = TRUE;
    }
  return handled;
}


/* ------------------------------------------------------------------ */
/* Find in the article                                                 */

/* "3 of 12", or "No match" in the entry's error style (GNOME Web's). */
static void
show_find_count (ClipperReaderView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->find_entry));
  g_autofree char *label = NULL;

  if (*text != '\0' && self->find_matches == 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->find_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->find_entry), "error");
  if (*text == '\0')
    label = g_strdup ("");
  else if (self->find_matches == 0)
    label = g_strdup (_("No match"));
  else
    /* Translators: the match shown and how many the article has, "3 of 12". */
    label = g_strdup_printf (_("%u of %u"), self->find_index + 1, self->find_matches);
  gtk_label_set_text (self->find_count, label);
}

/* The find's marks in the plain text go: the text no longer matches, or
 * the bar closed.  The match shown, still selected, becomes the caret at
 * its start: left selected, it looked found still after "No match". */
static void
clear_plain_find (ClipperReaderView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->plain_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "clipper-find-match", &start, &end);
  gtk_text_buffer_remove_tag_by_name (buffer, "clipper-find-current", &start, &end);
  if (self->find_start >= 0 && gtk_text_buffer_get_selection_bounds (buffer, &start, &end) &&
      gtk_text_iter_get_offset (&start) == self->find_start &&
      gtk_text_iter_get_offset (&end) == self->find_end)
    gtk_text_buffer_place_cursor (buffer, &start);
  self->find_start = self->find_end = -1;
}

/* The match a step goes to from the plain text's caret or selection,
 * when the reader moved it off the match shown (a click): the first
 * match at or after it, or the last before it; -1 to count on from the
 * match shown.  @starts and @ends hold the matches' offsets. */
static int
plain_match_from_caret (ClipperReaderView *self,
                        GArray            *starts,
                        GArray            *ends,
                        int                step)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->plain_view);
  GtkTextIter sel_start, sel_end;
  gint64 from, to;

  gtk_text_buffer_get_selection_bounds (buffer, &sel_start, &sel_end);
  from = gtk_text_iter_get_offset (&sel_start);
  to = gtk_text_iter_get_offset (&sel_end);
  if (self->find_start < 0 || (from == self->find_start && to == self->find_end))
    return -1;
  if (step > 0)
    {
      for (guint i = 0; i < starts->len; i++)
        if (g_array_index (starts, gint64, i) >= to)
          return (int) i;
      return 0;
    }
  for (guint i = starts->len; i > 0; i--)
    if (g_array_index (ends, gint64, i - 1) <= from)
      return (int) i - 1;
  return (int) starts->len - 1;
}

/* The plain text's matches, every one marked (clipper-find-match) and the
 * shown one selected and marked as a selection is drawn
 * (clipper-find-current): the text view draws its selection faintly
 * while the keyboard is in the find bar.  @step as find_step()'s.  The
 * text is an article's, a few hundred kilobytes at most: searching it
 * whole at each step costs less than a frame. */
static void
plain_find (ClipperReaderView *self,
            int                step)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->plain_view);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->find_entry));
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkTextIter iter, start, end;
  int from;

  gtk_text_buffer_get_start_iter (buffer, &iter);
  while (*text != '\0' &&
         gtk_text_iter_forward_search (&iter, text, GTK_TEXT_SEARCH_CASE_INSENSITIVE, &start, &end, NULL))
    {
      gint64 at = gtk_text_iter_get_offset (&start), to = gtk_text_iter_get_offset (&end);

      g_array_append_val (starts, at);
      g_array_append_val (ends, to);
      iter = end;
    }
  from = step != 0 && starts->len > 0 ? plain_match_from_caret (self, starts, ends, step) : -1;
  clear_plain_find (self);
  self->find_matches = starts->len;
  if (step == 0 || starts->len == 0)
    self->find_index = 0;
  else if (from >= 0)
    self->find_index = from;
  else
    self->find_index = (self->find_index + starts->len + step) % starts->len;
  for (guint i = 0; i < starts->len; i++)
    tag_plain_range (buffer, i == self->find_index ? "clipper-find-current" : "clipper-find-match",
                     g_array_index (starts, gint64, i), g_array_index (ends, gint64, i));
  if (starts->len > 0)
    {
      self->find_start = g_array_index (starts, gint64, self->find_index);
      self->find_end = g_array_index (ends, gint64, self->find_index);
      select_plain_text (self, self->find_start, self->find_end);
    }
  show_find_count (self);
}

/* The page's answer to clipper.find(): how many matches, which shown. */
static void
page_find_done (ClipperReaderView *self,
                JSCValue          *value,
                gpointer           data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = jsc_value_is_string (value) ? jsc_value_to_string (value) : NULL;
  JsonObject *found;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL) ||
      !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return;
  found = json_node_get_object (json_parser_get_root (parser));
  self->find_matches = (guint) json_object_get_int_member_with_default (found, "matches", 0);
  self->find_index = (guint) json_object_get_int_member_with_default (found, "index", 0);
  show_find_count (self);
}

/* @step 0: the find bar's text changed, from the first match; 1 or -1:
 * the next or the previous, round the end of the article as GNOME Web
 * goes, or from where the reader clicked since.  The page finds and
 * marks its matches itself (clipper.find() in reader.js) and says which
 * it shows: WebKitFindController marked only the one shown, and counted
 * on from a click while the bar counted from the last match. */
static void
find_step (ClipperReaderView *self,
           int                step)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->find_entry));
  g_autoptr(JsonNode) literal = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *script = NULL;

  if (*text != '\0')
    {
      g_free (self->find_last);
      self->find_last = g_strdup (text);
    }
  if (step == 0)
    {
      g_free (self->find_text);
      self->find_text = g_strdup (text);
    }
  /* The other view's marks go (Plain Text switched on or off). */
  if (self->plain_text)
    {
      if (step == 0 && self->page_ready)
        run_script (self, "clipper.findClear()", NULL, NULL);
      plain_find (self, step);
      return;
    }
  clear_plain_find (self);
  if (*text == '\0')
    {
      if (self->page_ready)
        run_script (self, "clipper.findClear()", NULL, NULL);
      self->find_matches = 0;
      self->find_index = 0;
      show_find_count (self);
      return;
    }
  /* Not loaded yet: found once it is (on_load_changed()). */
  if (!self->page_ready)
    return;
  /* The page selects the match it shows, and reports it as a match's. */
  literal = json_node_init_string (json_node_alloc (), text);
  quoted = json_to_string (literal, FALSE);
  script = g_strdup_printf ("clipper.find(%s, %d)", quoted, step);
  run_script (self, script, page_find_done, NULL);
}

/* The entry says its text changed a moment after it did: the bar may
 * have looked for that text already (opened on the last one), and
 * looking again took the reader's selection made meanwhile. */
static void
on_find_changed (ClipperReaderView *self)
{
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->find_entry)), self->find_text) == 0)
    return;
  find_step (self, 0);
}

static void
on_find_next (ClipperReaderView *self)
{
  find_step (self, 1);
}

static gboolean
on_find_previous_key (GtkWidget *widget,
                      GVariant  *args,
                      gpointer   user_data)
{
  GtkWidget *reader = gtk_widget_get_ancestor (widget, CLIPPER_TYPE_READER_VIEW);

  find_step (CLIPPER_READER_VIEW (reader), -1);
  return TRUE;
}

/* Escape in the entry, or the bar's close button: the matches go and
 * the keyboard goes back to the article, where the reader was. */
static void
on_find_mode_changed (ClipperReaderView *self)
{
  GtkWidget *focus;

  if (gtk_search_bar_get_search_mode (self->find_bar))
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->find_bar), FALSE);
  self->quiet_selection = FALSE;
  if (self->page_ready)
    run_script (self, "clipper.findClear()", NULL, NULL);
  clear_plain_find (self);
  g_clear_pointer (&self->find_text, g_free);
  focus = keyboard_focus (self);
  if (focus == NULL || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->find_bar)))
    clipper_reader_view_focus_article (self);
}

static void
on_find_stop (ClipperReaderView *self)
{
  gtk_search_bar_set_search_mode (self->find_bar, FALSE);
}

/* The bar's entry, emptied as the bar closed, shows the last text
 * looked for again. */
static void
show_last_find (ClipperReaderView *self)
{
  if (self->find_last == NULL || *gtk_editable_get_text (GTK_EDITABLE (self->find_entry)) != '\0')
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->find_entry), self->find_last);
}

void
clipper_reader_view_find (ClipperReaderView *self)
{
  GtkWidget *focus;

  g_return_if_fail (CLIPPER_IS_READER_VIEW (self));

  if (self->article == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->find_bar), TRUE);
  gtk_search_bar_set_search_mode (self->find_bar, TRUE);
  /* Closing the bar emptied its entry (GtkSearchBar does): the last text
   * comes back, as in GNOME Web and GNOME Text Editor. */
  show_last_find (self);
  /* Typed over, as in GNOME Web; the matches of what it holds shown
   * again.  Selected before the entry takes the keyboard: GtkText starts
   * its caret blinking as it takes it without a selection, and a
   * selection made after that blinked on, which GTK warns of
   * ("unexpected blinking selection").  The bar took the keyboard as it
   * opened, and it may have had it already. */
  focus = keyboard_focus (self);
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->find_entry)))
    gtk_root_set_focus (gtk_widget_get_root (focus), NULL);
  gtk_editable_select_region (GTK_EDITABLE (self->find_entry), 0, -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->find_entry));
  find_step (self, 0);
}

/* Without an article the key goes on to the window: the library's search. */
static gboolean
on_find_key (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  ClipperReaderView *self = CLIPPER_READER_VIEW (widget);

  if (self->article == NULL)
    return FALSE;
  clipper_reader_view_find (self);
  return TRUE;
}

static void
action_find (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  clipper_reader_view_find (CLIPPER_READER_VIEW (widget));
}

/* Ctrl+G and Ctrl+Shift+G, in the entry or in the article; the bar
 * comes back with its text if it was closed. */
static void
action_find_step (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  ClipperReaderView *self = CLIPPER_READER_VIEW (widget);

  if (self->article == NULL)
    return;
  if (!gtk_search_bar_get_search_mode (self->find_bar))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->find_bar), TRUE);
      gtk_search_bar_set_search_mode (self->find_bar, TRUE);
      show_last_find (self);
      find_step (self, 0);
      return;
    }
  find_step (self, g_str_equal (action_name, "reader.find-next") ? 1 : -1);
}

void
clipper_reader_view_print (ClipperReaderView *self)
{
  g_autoptr(WebKitPrintOperation) operation = NULL;
  GtkRoot *root;

  g_return_if_fail (CLIPPER_IS_READER_VIEW (self));

  if (self->article == NULL || self->web_view == NULL)
    return;
  /* The page, in Plain Text too: it holds the same article in the
   * reader's font and colours, and a text view has no printing of its
   * own.  WebKit's dialog offers Print to File (PDF) beside the printers. */
  operation = webkit_print_operation_new (self->web_view);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  webkit_print_operation_run_dialog (operation, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
}

/* ------------------------------------------------------------------ */
/* The side panel                                                      */

/* A swatch of @color; @current is the colour of the highlight it
 * recolours, NULL for the popover's, which make a new one. */
static GtkWidget *
make_swatch (const char *action,
             const char *color,
             const char *tooltip,
             const char *current)
{
  GtkWidget *button = gtk_button_new ();

  gtk_widget_add_css_class (button, "clipper-swatch");
  gtk_widget_add_css_class (button, color);
  if (g_strcmp0 (current, color) == 0)
    gtk_widget_add_css_class (button, "selected");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  /* A swatch is only a colour: say which to screen readers. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  /* …and which is the highlight's, pressed as GTK 4.8's toggle buttons
   * say it: only the ring of the "selected" class showed it (QA-q 4). */
  if (current != NULL)
    gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_PRESSED,
                                 g_strcmp0 (current, color) == 0 ? GTK_ACCESSIBLE_TRISTATE_TRUE
                                                                 : GTK_ACCESSIBLE_TRISTATE_FALSE,
                                 -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", color);
  return button;
}

static char *
color_label (ClipperReaderView *self,
             const char        *color,
             guint              index)
{
  g_autofree char *name = clipper_color_dup_label (self->settings, color);

  /* Translators: a highlight colour's name and the key that picks it, "Yellow · Important (1)" */
  return g_strdup_printf (_("%s (%u)"), name, index + 1);
}

/* The popover's swatches highlight the selection (reader.highlight); the
 * note panel's recolour the highlight shown (reader.recolor, @current its
 * colour), whatever else is selected in the page.  The keys 1–5 are the
 * article's: only the popover's say them ("(2)" in the panel promised a
 * key that did nothing there, QA-q 4). */
static void
fill_swatches (ClipperReaderView *self,
               GtkBox            *box,
               const char        *action,
               const char        *current)
{
  const char *const *colors = clipper_highlight_colors ();
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
  for (guint i = 0; colors[i] != NULL; i++)
    {
      g_autofree char *label = current == NULL ? color_label (self, colors[i], i)
                                               : clipper_color_dup_label (self->settings, colors[i]);
      gtk_box_append (box, make_swatch (action, colors[i], label, current));
    }
}

/* One row of the highlights list: colour bar, quote, note, tags. */
static GtkWidget *
make_row_widget (void)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  /* (An image to screen readers: its colour is said, see bind_row_widget().) */
  GtkWidget *bar = g_object_new (GTK_TYPE_BOX, "orientation", GTK_ORIENTATION_VERTICAL,
                                 "accessible-role", GTK_ACCESSIBLE_ROLE_IMG, NULL);
  GtkWidget *quote = gtk_label_new (NULL);
  GtkWidget *note = gtk_label_new (NULL);
  /* A pill for each tag, as the library's rows show an article's: joined
   * by ", ", the one tag "Smith, John" read as two (QA).  Wrapped, not
   * cut: the panel is where all of a highlight's tags are seen.  The row
   * takes the clicks, not the pills. */
  GtkWidget *tags = g_object_new (GTK_TYPE_BOX,
                                  "layout-manager", clipper_wrap_layout_new (),
                                  "can-target", FALSE,
                                  NULL);
  GtkWidget *where = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "clipper-hl-row");
  gtk_widget_add_css_class (bar, "clipper-hl-bar");
  gtk_box_append (GTK_BOX (box), bar);

  gtk_label_set_xalign (GTK_LABEL (quote), 0);
  gtk_label_set_wrap (GTK_LABEL (quote), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (quote), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (quote), 4);
  gtk_label_set_ellipsize (GTK_LABEL (quote), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (quote), 36);
  gtk_label_set_width_chars (GTK_LABEL (quote), 30);
  gtk_widget_add_css_class (quote, "clipper-quote");
  gtk_box_append (GTK_BOX (text), quote);

  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (note), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (note), CLIPPER_FORMAT_NOTE_LINES);
  gtk_label_set_ellipsize (GTK_LABEL (note), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (note), 36);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_widget_add_css_class (note, "clipper-note-preview");
  gtk_box_append (GTK_BOX (text), note);

  gtk_widget_add_css_class (tags, "clipper-hl-tags");
  gtk_box_append (GTK_BOX (text), tags);

  gtk_label_set_xalign (GTK_LABEL (where), 0);
  gtk_widget_add_css_class (where, "caption");
  gtk_widget_add_css_class (where, "dim-label");
  gtk_box_append (GTK_BOX (text), where);

  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (box), text);
  g_object_set_data (G_OBJECT (box), "bar", bar);
  g_object_set_data (G_OBJECT (box), "quote", quote);
  g_object_set_data (G_OBJECT (box), "note", note);
  g_object_set_data (G_OBJECT (box), "tags", tags);
  g_object_set_data (G_OBJECT (box), "where", where);
  return box;
}

static void
bind_row_widget (ClipperReaderView *self,
                 GtkWidget         *box,
                 ClipperHighlight  *h)
{
  GtkWidget *bar = g_object_get_data (G_OBJECT (box), "bar");
  GtkWidget *note = g_object_get_data (G_OBJECT (box), "note");
  GtkWidget *tags = g_object_get_data (G_OBJECT (box), "tags");
  GtkWidget *where = g_object_get_data (G_OBJECT (box), "where");
  GtkWidget *child;
  const char *note_text = clipper_highlight_get_note (h);
  const char *const *colors = clipper_highlight_colors ();
  const char *const *tag_list = clipper_highlight_get_tags (h);
  g_autofree char *name = clipper_color_dup_label (self->settings, clipper_highlight_get_color (h));
  g_autofree char *color = NULL;
  g_autofree char *location = clipper_kindle_dup_location (clipper_highlight_get_article_url (h), h);
  const char *unlocated_page = clipper_kindle_is_book_url (clipper_highlight_get_article_url (h))
                                 ? clipper_highlight_get_page (h) : NULL;
  /* As the page shows it (an article saved before the extractor collapsed
   * white space has the source's line breaks and indentation in it). */
  g_autofree char *quote = clipper_text_dup_one_line (clipper_highlight_get_quote (h));

  for (guint i = 0; colors[i] != NULL; i++)
    gtk_widget_remove_css_class (bar, colors[i]);
  gtk_widget_add_css_class (bar, clipper_highlight_get_color (h));
  /* Translators: %s is a highlight colour's name, as the colour filter lists it ("Yellow · Important"). */
  color = g_strdup_printf (_("Colour: %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL, color, -1);
  gtk_label_set_text (g_object_get_data (G_OBJECT (box), "quote"), quote);
  {
    /* The note as it reads, not its Markdown source ("**matters**"); a
     * screen reader gets the words alone.  The editor shows the source. */
    g_autofree char *plain = NULL;
    g_autofree char *markup = clipper_format_note_markup (note_text, &plain);

    gtk_label_set_markup (GTK_LABEL (note), markup);
    gtk_accessible_update_property (GTK_ACCESSIBLE (note), GTK_ACCESSIBLE_PROPERTY_LABEL, plain, -1);
  }
  gtk_widget_set_visible (note, note_text != NULL && *note_text != '\0');
  while ((child = gtk_widget_get_first_child (tags)) != NULL)
    gtk_box_remove (GTK_BOX (tags), child);
  for (guint i = 0; tag_list != NULL && tag_list[i] != NULL; i++)
    {
      GtkWidget *pill = gtk_label_new (tag_list[i]);

      gtk_label_set_ellipsize (GTK_LABEL (pill), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (pill), 24);
      gtk_widget_add_css_class (pill, "clipper-tag");
      gtk_box_append (GTK_BOX (tags), pill);
    }
  gtk_widget_set_visible (tags, tag_list != NULL && tag_list[0] != NULL);
  /* A book's highlights are found in the book by their Kindle location,
   * or by the page of its front matter when that is all a Kindle gave. */
  if (location != NULL)
    {
      const char *page = clipper_highlight_get_page (h);
      /* Translators: %s is a Kindle location or range of them ("341–345"). */
      g_autofree char *text = g_strdup_printf (_("Location %s"), location);

      if (page != NULL)
        {
          /* Translators: the printed page a Kindle gave ("12", "ix"), then
           * its location ("Location 341–345"). */
          g_autofree char *both = g_strdup_printf (_("Page %s · %s"), page, text);

          g_free (text);
          text = g_steal_pointer (&both);
        }
      gtk_label_set_text (GTK_LABEL (where), text);
    }
  else if (unlocated_page != NULL)
    {
      /* Translators: %s is the printed page a Kindle gave ("ix"). */
      g_autofree char *text = g_strdup_printf (_("Page %s"), unlocated_page);

      gtk_label_set_text (GTK_LABEL (where), text);
    }
  gtk_widget_set_visible (where, location != NULL || unlocated_page != NULL);
  g_object_set_data_full (G_OBJECT (box), "highlight", g_object_ref (h), g_object_unref);

  /* The row around the box (the list's item, or the orphans' list box
   * row) has the focus: a screen reader said nothing of it. */
  if (gtk_widget_get_parent (box) != NULL &&
      gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (gtk_widget_get_parent (box))) == GTK_ACCESSIBLE_ROLE_LIST_ITEM)
    {
      g_autofree char *label = clipper_highlight_dup_accessible_label (h, self->settings, FALSE);

      gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (box)),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
}

static void
on_factory_setup (GtkSignalListItemFactory *factory,
                  GtkListItem              *item)
{
  gtk_list_item_set_child (item, make_row_widget ());
}

static void
on_factory_bind (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 ClipperReaderView        *self)
{
  bind_row_widget (self, gtk_list_item_get_child (item), gtk_list_item_get_item (item));
}

static GtkWidget *
make_orphan_row (ClipperReaderView *self,
                 ClipperHighlight  *h)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = make_row_widget ();

  /* The orphans' scroller takes its natural height from its rows' natural
   * width, not from the width it gets: rows narrower by nature than the
   * panel are measured with as many lines as they wrap to there, or more,
   * never fewer (which cut the last line). */
  gtk_label_set_max_width_chars (g_object_get_data (G_OBJECT (box), "quote"), 24);
  gtk_label_set_width_chars (g_object_get_data (G_OBJECT (box), "quote"), 20);
  gtk_label_set_max_width_chars (g_object_get_data (G_OBJECT (box), "note"), 24);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* Bound in its row, which takes its name. */
  bind_row_widget (self, box, h);
  g_object_set_data_full (G_OBJECT (row), "highlight", g_object_ref (h), g_object_unref);
  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* The panel's rows added in one frame: a screenful, which GTK lays out
 * in the frame that shows the article in tens of milliseconds on a busy
 * machine, not hundreds. */
#define PANEL_ROWS_PER_FRAME 8

static void
stop_panel_fill (ClipperReaderView *self)
{
  if (self->panel_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->highlight_list), self->panel_tick);
  self->panel_tick = 0;
  g_clear_pointer (&self->panel_rest, g_ptr_array_unref);
}

static gboolean
add_panel_rows (GtkWidget     *list,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  ClipperReaderView *self = user_data;
  guint n = MIN (self->panel_rest->len, PANEL_ROWS_PER_FRAME);

  g_list_store_splice (self->anchored_model, g_list_model_get_n_items (G_LIST_MODEL (self->anchored_model)), 0,
                       self->panel_rest->pdata, n);
  g_ptr_array_remove_range (self->panel_rest, 0, n);
  if (self->panel_rest->len > 0)
    return G_SOURCE_CONTINUE;
  self->panel_tick = 0;
  g_clear_pointer (&self->panel_rest, g_ptr_array_unref);
  return G_SOURCE_REMOVE;
}

/* The panel is filled only while it is shown and once the article is
 * painted, and an empty list a screenful a frame: GTK 4.8's list view
 * lays out up to 200 rows at once, which held up the window for
 * 250–650 ms with 250 highlights on a busy machine, the article (painted
 * in the web process) waiting in it for the window's next frame.  A list
 * that shows rows is changed at once, so that it stays where the reader
 * scrolled it. */
static void
rebuild_panel (ClipperReaderView *self)
{
  guint n_anchored = 0, n_orphans = 0;
  g_autoptr(GPtrArray) anchored = NULL;
  guint shown, first;

  stop_panel_fill (self);
  if (!adw_flap_get_reveal_flap (self->flap) || (self->article != NULL && !self->painted))
    {
      self->panel_dirty = TRUE;
      return;
    }
  self->panel_dirty = FALSE;
  anchored = g_ptr_array_new_with_free_func (g_object_unref);

  clear_list (self->orphan_list);
  for (guint i = 0; self->highlights != NULL && i < self->highlights->len; i++)
    {
      ClipperHighlight *h = g_ptr_array_index (self->highlights, i);

      /* Without the text there is nothing to attach to: imported
       * highlights are the book's highlights, not orphans of a page that
       * changed. */
      if (clipper_highlight_get_anchored (h) || self->textless)
        {
          g_ptr_array_add (anchored, g_object_ref (h));
          n_anchored++;
        }
      else
        {
          GtkWidget *row = make_orphan_row (self, h);
          gtk_list_box_append (self->orphan_list, row);
          if (clipper_highlight_get_id (h) == self->reattach_id)
            gtk_list_box_select_row (self->orphan_list, GTK_LIST_BOX_ROW (row));
          n_orphans++;
        }
    }
  shown = g_list_model_get_n_items (G_LIST_MODEL (self->anchored_model));
  first = shown > 0 ? anchored->len : MIN (anchored->len, PANEL_ROWS_PER_FRAME);
  g_list_store_splice (self->anchored_model, 0, shown, anchored->pdata, first);
  if (anchored->len > first)
    {
      g_ptr_array_remove_range (anchored, 0, first);
      self->panel_rest = g_steal_pointer (&anchored);
      self->panel_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->highlight_list), add_panel_rows, self, NULL);
    }
  gtk_widget_set_visible (self->highlight_scroller, n_anchored > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page), n_anchored == 0 && n_orphans == 0);
  gtk_widget_set_visible (self->orphan_box, n_orphans > 0);
}

/* Each row of @list (the panel's list view or its orphans' list box)
 * shows its highlight again. */
static void
rebind_rows (ClipperReaderView *self,
             GtkWidget         *list)
{
  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *box = gtk_widget_get_first_child (child);
      ClipperHighlight *h = box != NULL ? g_object_get_data (G_OBJECT (box), "highlight") : NULL;

      if (h != NULL)
        bind_row_widget (self, box, h);
    }
}

/* The swatches and the rows say the colours' names from the settings:
 * filled again when the settings come (the popover's were filled before,
 * and said "yellow (1)") and when Preferences renames a colour. */
static void
apply_color_names (ClipperReaderView *self)
{
  ClipperHighlight *active = find_highlight (self, self->active_highlight, NULL);

  fill_swatches (self, self->popover_colors, "reader.highlight", NULL);
  if (active != NULL)
    fill_swatches (self, self->detail_colors, "reader.recolor", clipper_highlight_get_color (active));
  /* The panel's rows are bound again here: a closed panel is filled again
   * only when it opens, and its rows, which screen readers still list,
   * said the old names until then (given the same highlights, the list
   * keeps their rows as they were). */
  rebind_rows (self, GTK_WIDGET (self->highlight_list));
  rebind_rows (self, GTK_WIDGET (self->orphan_list));
  rebuild_panel (self);
}

/* The detail's last line: where a book's highlight is, when it was made
 * and last edited. */
static void
show_dates (ClipperReaderView *self,
            ClipperHighlight  *h)
{
  g_autofree char *created = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *dates = NULL;
  g_autofree char *location = NULL;

  created = clipper_format_date_time (clipper_highlight_get_created_at (h));
  updated = clipper_format_date_time (clipper_highlight_get_updated_at (h));
  if (clipper_highlight_get_updated_at (h) > clipper_highlight_get_created_at (h))
    dates = g_strdup_printf (_("Created %s · Edited %s"), g_strstrip (created), g_strstrip (updated));
  else
    dates = g_strdup_printf (_("Created %s"), g_strstrip (created));
  location = clipper_kindle_dup_location (clipper_highlight_get_article_url (h), h);
  if (location != NULL)
    {
      /* Translators: %s is a Kindle location or range of them ("341–345"),
       * then when the highlight was made ("Created 3 Mar 2019, 22:15"). */
      g_autofree char *where = g_strdup_printf (_("Location %s · %s"), location, dates);

      g_free (dates);
      dates = g_steal_pointer (&where);
      if (clipper_highlight_get_page (h) != NULL)
        {
          /* Translators: the printed page a Kindle gave ("12", "ix"), then
           * its location and when it was made ("Location 341–345 · Created …"). */
          g_autofree char *page = g_strdup_printf (_("Page %s · %s"), clipper_highlight_get_page (h), dates);

          g_free (dates);
          dates = g_steal_pointer (&page);
        }
    }
  else if (clipper_kindle_is_book_url (clipper_highlight_get_article_url (h)) && clipper_highlight_get_page (h) != NULL)
    {
      /* A page of the book's front matter, with no location. */
      g_autofree char *page = g_strdup_printf (_("Page %s · %s"), clipper_highlight_get_page (h), dates);

      g_free (dates);
      dates = g_steal_pointer (&page);
    }
  gtk_label_set_text (self->detail_dates, dates);
}

/* The highlight as its note was loaded into the editor: a note edited and
 * undone back to it leaves the highlight as it was, its time too. */
typedef struct {
  char *note;
  char *color;
  char *tags;
  gint64 updated_at;
} NoteOrigin;

static void
note_origin_free (NoteOrigin *origin)
{
  g_free (origin->note);
  g_free (origin->color);
  g_free (origin->tags);
  g_free (origin);
}

static char *
dup_tags_key (ClipperHighlight *h)
{
  return g_strjoinv ("\n", (char **) clipper_highlight_get_tags (h));
}

static void setup_markdown_tags (GtkTextBuffer *buffer);
static void on_note_changed (ClipperReaderView *self, GtkTextBuffer *buffer);
static void update_note_placeholder (ClipperReaderView *self);

/* The note editor's buffer for @h, one for each highlight while the view
 * lives, so that each note keeps its own undo history: one buffer for all,
 * loaded with each note in turn, lost it (GTK cannot undo a set_text), and
 * Ctrl+Z in a note did nothing once another highlight had been looked at
 * (QA).  A note changed elsewhere meanwhile (the vault, the CLI) is loaded
 * again, its history starting there. */
static GtkTextBuffer *
note_buffer_for (ClipperReaderView *self,
                 ClipperHighlight  *h)
{
  gint64 id = clipper_highlight_get_id (h);
  GtkTextBuffer *buffer = g_hash_table_lookup (self->note_buffers, &id);
  const char *note = clipper_highlight_get_note (h) != NULL ? clipper_highlight_get_note (h) : "";
  g_autofree char *text = NULL;
  GtkTextIter start, end;
  NoteOrigin *origin;

  if (buffer == NULL)
    {
      buffer = gtk_text_buffer_new (NULL);
      setup_markdown_tags (buffer);
      g_signal_connect_swapped (buffer, "changed", G_CALLBACK (on_note_changed), self);
      g_hash_table_insert (self->note_buffers, g_memdup2 (&id, sizeof id), buffer);
    }
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_object_get_data (G_OBJECT (buffer), "clipper-origin") != NULL && g_str_equal (text, note))
    return buffer;
  gtk_text_buffer_set_text (buffer, note, -1);
  origin = g_new0 (NoteOrigin, 1);
  origin->note = g_strdup (note);
  origin->color = g_strdup (clipper_highlight_get_color (h));
  origin->tags = dup_tags_key (h);
  origin->updated_at = clipper_highlight_get_updated_at (h);
  g_object_set_data_full (G_OBJECT (buffer), "clipper-origin", origin, (GDestroyNotify) note_origin_free);
  return buffer;
}

/* After a note was saved: if the highlight is back to what it was when
 * its note was loaded (an edit undone), so is its time, and the panel
 * does not say "Edited" for an edit that is no more. */
static void
restore_origin_time (ClipperReaderView *self,
                     ClipperHighlight  *h,
                     GtkTextBuffer     *buffer)
{
  NoteOrigin *origin = g_object_get_data (G_OBJECT (buffer), "clipper-origin");
  g_autofree char *tags = dup_tags_key (h);
  const char *note = clipper_highlight_get_note (h) != NULL ? clipper_highlight_get_note (h) : "";

  if (origin == NULL || origin->updated_at >= clipper_highlight_get_updated_at (h) ||
      origin->updated_at < clipper_highlight_get_created_at (h) || !g_str_equal (origin->note, note) ||
      g_strcmp0 (origin->color, clipper_highlight_get_color (h)) != 0 || !g_str_equal (origin->tags, tags))
    return;
  if (clipper_store_set_highlight_times (self->store, clipper_highlight_get_id (h),
                                         clipper_highlight_get_created_at (h), origin->updated_at, NULL))
    clipper_highlight_set_updated_at (h, origin->updated_at);
}

static void
show_detail (ClipperReaderView *self,
             gint64             highlight_id)
{
  ClipperHighlight *h = find_highlight (self, highlight_id, NULL);
  g_autofree char *quote = NULL;
  GtkTextBuffer *buffer;
  const char *before;

  if (self->active_highlight != highlight_id)
    flush_note (self);
  if (h == NULL)
    return;
  self->active_highlight = highlight_id;
  self->loading_detail = TRUE;
  quote = clipper_text_dup_one_line (clipper_highlight_get_quote (h));
  gtk_label_set_text (self->detail_quote, quote);
  /* A refetch placed it on edited text, or the reader on other words: what
   * the reader chose, to compare. */
  before = clipper_highlight_get_anchored (h) ? clipper_highlight_get_quote_before_change (h) : NULL;
  if (before != NULL)
    {
      g_autofree char *shown = clipper_text_dup_one_line (before);
      g_autofree char *text = NULL;

      /* Put on other words by the reader, the page did not change it. */
      if (clipper_reanchor_is_reattached (h))
        /* Translators: %s is the quote as first highlighted */
        text = g_strdup_printf (_("You re-attached this. It read: “%s”"), shown);
      else
        text = g_strdup_printf (_("The page changed since you highlighted this. It read: “%s”"), shown);

      gtk_label_set_text (self->detail_before, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->detail_before), before != NULL);
  fill_swatches (self, self->detail_colors, "reader.recolor", clipper_highlight_get_color (h));
  buffer = note_buffer_for (self, h);
  if (gtk_text_view_get_buffer (self->note_view) != buffer)
    gtk_text_view_set_buffer (self->note_view, buffer);
  update_note_placeholder (self);
  clipper_tag_chips_set_tags (self->tags_chips, clipper_highlight_get_tags (h));
  show_dates (self, h);
  self->loading_detail = FALSE;
  gtk_stack_set_visible_child_name (self->panel_stack, "detail");
}

static gboolean save_note_cb (gpointer data);

static void
save_note_now (ClipperReaderView *self)
{
  ClipperHighlight *h;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autofree char *stored = NULL;

  h = find_highlight (self, self->active_highlight, NULL);
  if (h == NULL || self->store == NULL)
    return;
  buffer = gtk_text_view_get_buffer (self->note_view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_strcmp0 (text, clipper_highlight_get_note (h) ? clipper_highlight_get_note (h) : "") == 0)
    return;
  stored = g_strdup (clipper_highlight_get_note (h));
  clipper_highlight_set_note (h, text);
  if (save_highlight (self, h, _("Note not saved"), _("Could not save the note")))
    {
      restore_origin_time (self, h, buffer);
      /* The store gave it its new updated_at: "Edited" says so while the
       * note is open, where it said "Edited yesterday" (QA). */
      show_dates (self, h);
      highlights_changed (self);
    }
  else
    {
      /* Not written (the library locked by another program, a full
       * disk): the note goes back to what the library holds, and is
       * tried again while it stays open.  It kept the words not written,
       * and the next autosave, comparing with them, wrote nothing: what
       * was typed was lost unless more was typed. */
      clipper_highlight_set_note (h, stored);
      if (self->note_save_id == 0)
        self->note_save_id = g_timeout_add (NOTE_RETRY_MS, save_note_cb, self);
    }
}

/* A pending autosave is written now (before the note is switched or the view goes). */
static void
flush_note (ClipperReaderView *self)
{
  if (self->note_save_id == 0)
    return;
  g_clear_handle_id (&self->note_save_id, g_source_remove);
  save_note_now (self);
}

static gboolean
save_note_cb (gpointer data)
{
  ClipperReaderView *self = data;

  self->note_save_id = 0;
  save_note_now (self);
  return G_SOURCE_REMOVE;
}

/* Light Markdown styling in the note editor: the source stays as typed,
 * emphasis, code, headings, quotes and links just look like what they are. */
static const struct {
  const char *tag;
  const char *pattern;
} markdown_rules[] = {
  { "md-heading", "^#{1,6}[ \\t].*$" },
  { "md-quote", "^>.*$" },
  { "md-strong", "\\*\\*[^*\\n]+\\*\\*|__[^_\\n]+__" },
  { "md-em", "(?<![*\\w])\\*[^*\\s][^*\\n]*\\*(?!\\*)|(?<![_\\w])_[^_\\s][^_\\n]*_(?![_\\w])" },
  { "md-code", "`[^`\\n]+`" },
  { "md-link", "\\[[^\\]\\n]+\\]\\([^)\\s]+\\)" },
};

static void
style_markdown (GtkTextBuffer *buffer)
{
  static GRegex *regexes[G_N_ELEMENTS (markdown_rules)];
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  for (guint i = 0; i < G_N_ELEMENTS (markdown_rules); i++)
    gtk_text_buffer_remove_tag_by_name (buffer, markdown_rules[i].tag, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (markdown_rules); i++)
    {
      g_autoptr(GMatchInfo) match = NULL;

      if (regexes[i] == NULL)
        regexes[i] = g_regex_new (markdown_rules[i].pattern, G_REGEX_MULTILINE | G_REGEX_OPTIMIZE, 0, NULL);
      g_assert (regexes[i] != NULL);
      g_regex_match (regexes[i], text, 0, &match);
      while (g_match_info_matches (match))
        {
          GtkTextIter a, b;
          int from, to;

          g_match_info_fetch_pos (match, 0, &from, &to);
          gtk_text_buffer_get_iter_at_offset (buffer, &a, (int) g_utf8_pointer_to_offset (text, text + from));
          gtk_text_buffer_get_iter_at_offset (buffer, &b, (int) g_utf8_pointer_to_offset (text, text + to));
          gtk_text_buffer_apply_tag_by_name (buffer, markdown_rules[i].tag, &a, &b);
          g_match_info_next (match, NULL);
        }
    }
}

static void
setup_markdown_tags (GtkTextBuffer *buffer)
{
  gtk_text_buffer_create_tag (buffer, "md-heading", "weight", PANGO_WEIGHT_BOLD, "scale", 1.15, NULL);
  gtk_text_buffer_create_tag (buffer, "md-quote", "style", PANGO_STYLE_ITALIC, "foreground-rgba", &(GdkRGBA) { 0.45, 0.45, 0.45, 1.0 }, NULL);
  gtk_text_buffer_create_tag (buffer, "md-strong", "weight", PANGO_WEIGHT_BOLD, NULL);
  gtk_text_buffer_create_tag (buffer, "md-em", "style", PANGO_STYLE_ITALIC, NULL);
  gtk_text_buffer_create_tag (buffer, "md-code", "family", "monospace", NULL);
  gtk_text_buffer_create_tag (buffer, "md-link", "underline", PANGO_UNDERLINE_SINGLE, "foreground-rgba", &(GdkRGBA) { 0.11, 0.44, 0.85, 1.0 }, NULL);
}

/* "Add a note…" in the empty editor, as the tags field says what goes there. */
static void
update_note_placeholder (ClipperReaderView *self)
{
  gtk_widget_set_visible (self->note_placeholder,
                          gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (self->note_view)) == 0);
}

static void
on_note_changed (ClipperReaderView *self,
                 GtkTextBuffer     *buffer)
{
  style_markdown (buffer);
  if (buffer != gtk_text_view_get_buffer (self->note_view))
    return;
  update_note_placeholder (self);
  if (self->loading_detail)
    return;
  if (self->note_save_id != 0)
    g_source_remove (self->note_save_id);
  self->note_save_id = g_timeout_add (NOTE_SAVE_DELAY_MS, save_note_cb, self);
}

/* In the library's order, that the tags typed and those held compare. */
static int
compare_tags (gconstpointer a,
              gconstpointer b)
{
  return clipper_tag_compare (*(const char **) a, *(const char **) b);
}

static void refresh_tag_completion (ClipperReaderView *self);

static void
save_tags (ClipperReaderView *self)
{
  ClipperHighlight *h = find_highlight (self, self->active_highlight, NULL);
  g_auto(GStrv) tags = NULL;
  g_autoptr(ClipperHighlight) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old = NULL;
  g_autofree char *now = NULL;
  g_auto(GStrv) shown = NULL;

  if (h == NULL || self->store == NULL || self->loading_detail)
    return;
  /* What was typed and not yet added is a tag too. */
  clipper_tag_chips_commit (self->tags_chips);
  tags = clipper_tag_chips_dup_tags (self->tags_chips);
  qsort (tags, g_strv_length (tags), sizeof (char *), compare_tags);
  old = g_strjoinv ("\n", (char **) clipper_highlight_get_tags (h));
  now = g_strjoinv ("\n", tags);
  if (g_str_equal (old, now))
    return;
  if (!clipper_store_set_highlight_tags (self->store, clipper_highlight_get_id (h),
                                         (const char *const *) tags, &error))
    {
      toast_error (self, _("Tags not saved"), _("Could not save the tags"), error);
      return;
    }
  /* The tags as the library keeps them, which the chips then show: "#idea"
   * typed is "idea", and a tag added goes to its place in their order. */
  saved = clipper_store_get_highlight (self->store, clipper_highlight_get_id (h), NULL);
  clipper_highlight_set_tags (h, saved != NULL ? clipper_highlight_get_tags (saved) : (const char *const *) tags);
  shown = clipper_tag_chips_dup_tags (self->tags_chips);
  if (!g_strv_equal ((const char *const *) shown, clipper_highlight_get_tags (h)))
    clipper_tag_chips_set_tags (self->tags_chips, clipper_highlight_get_tags (h));
  /* A new tag is offered from now on. */
  refresh_tag_completion (self);
  rebuild_panel (self);
  emit_changed (self);
}

/* The keyboard went into the panel (a note or tags to type, its list):
 * the selection's popover, left over the passage, would hide the very
 * text being annotated.  It comes back with the next click or selection
 * in the page. */
static void
on_panel_focus_enter (GtkEventControllerFocus *controller,
                      ClipperReaderView       *self)
{
  gtk_popover_popdown (self->selection_popover);
}

static void
refresh_tag_completion (ClipperReaderView *self)
{
  g_auto(GStrv) tags = self->store != NULL ? clipper_store_list_tags (self->store, NULL) : NULL;

  clipper_tag_chips_set_completion (self->tags_chips, (const char *const *) tags);
}

static void
on_back_clicked (ClipperReaderView *self)
{
  flush_note (self);
  save_tags (self);
  self->active_highlight = 0;
  gtk_stack_set_visible_child_name (self->panel_stack, "list");
  if (self->page_ready)
    run_script (self, "clipper.focusHighlight(0)", NULL, NULL);
}

static void
on_highlight_activated (ClipperReaderView *self,
                        guint              position)
{
  g_autoptr(ClipperHighlight) h = g_list_model_get_item (G_LIST_MODEL (self->anchored_model), position);

  if (h == NULL)
    return;
  /* Which opens its note too. */
  clipper_reader_view_scroll_to_highlight (self, clipper_highlight_get_id (h));
  /* Chosen to write its note: the stack hands the keyboard to the quote,
   * the first thing on the page that takes it (which selects its text),
   * on its way here. */
  gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
  gtk_label_select_region (self->detail_quote, 0, 0);
}

/* Selects in the page the passage that reads most like orphan @h, scrolled
 * into view: the selection's popover then offers Re-attach, and the reader
 * confirms it, widens or narrows the selection first, or selects something
 * else.  Only a suggestion (clipper_reanchor_suggest()): nothing changes
 * until the reader chooses.  FALSE when no passage reads like it. */
static gboolean
select_suggestion (ClipperReaderView *self,
                   ClipperHighlight  *h)
{
  ClipperAnchorResult result;

  if (self->anchor_text == NULL || !clipper_reanchor_suggest (self->anchor_text, h, &result))
    return FALSE;
  reveal_text_now (self, result.start, result.end, FALSE);
  return TRUE;
}

/* The orphan @id waits for the reader to select its text and Re-attach;
 * the passage that reads most like it is selected already. */
static void
pick_orphan (ClipperReaderView *self,
             gint64             id)
{
  ClipperHighlight *h = find_highlight (self, id, NULL);

  self->reattach_id = id;
  if (!self->page_ready && !self->plain_text)
    {
      /* Once the page is there (see the "ready" message). */
      self->pending_scroll = id;
      return;
    }
  if (h != NULL && select_suggestion (self, h))
    toast (self, _("Closest passage selected: check it, then “Re-attach”"));
  /* What was looked for, and not found: "Select its passage" alone left
   * the reader to wonder why nothing was selected.  Offsets of this text
   * bound the search to near them (clipper_reanchor_suggest()). */
  else if (h != NULL && clipper_highlight_get_offsets_from (h) != CLIPPER_OFFSETS_UNKNOWN)
    toast (self, _("No passage near where it was reads like it. Select its passage, then “Re-attach”"));
  else
    toast (self, _("No passage reads like it. Select its passage, then “Re-attach”"));
}

static void
on_orphan_row_activated (ClipperReaderView *self,
                         GtkListBoxRow     *row)
{
  ClipperHighlight *h = g_object_get_data (G_OBJECT (row), "highlight");

  if (h == NULL)
    return;
  pick_orphan (self, clipper_highlight_get_id (h));
}

/* ------------------------------------------------------------------ */
/* Changes from elsewhere (clipper-cli, the app's other views)          */

/* Everything about the highlights the page and the panel show; our own
 * writes leave it unchanged, since the objects here hold what we wrote. */
static char *
highlights_signature (GPtrArray *list)
{
  GString *sig = g_string_new (NULL);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      ClipperHighlight *h = g_ptr_array_index (list, i);
      g_autofree char *tags = g_strjoinv ("\x1f", (char **) clipper_highlight_get_tags (h));

      g_string_append_printf (sig, "%" G_GINT64_FORMAT "|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%d|%s|%s|%s\n",
                              clipper_highlight_get_id (h), clipper_highlight_get_color (h),
                              clipper_highlight_get_start (h), clipper_highlight_get_end (h),
                              clipper_highlight_get_anchored (h), clipper_highlight_get_quote (h),
                              clipper_highlight_get_note (h) ? clipper_highlight_get_note (h) : "", tags);
    }
  return g_string_free (sig, FALSE);
}

static void
on_store_changed (ClipperReaderView *self)
{
  ClipperHighlightQuery query = { .article_id = self->article_id };
  g_autoptr(ClipperArticle) article = NULL;
  g_autoptr(GPtrArray) highlights = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_sig = NULL;
  g_autofree char *new_sig = NULL;
  gboolean title_changed;

  /* The plain text shows its article at once; the page only once loaded. */
  if (self->article_id == 0 || self->article == NULL || (!self->page_ready && !self->plain_text))
    return;

  article = clipper_store_get_article (self->store, self->article_id, &error);
  if (article == NULL)
    {
      /* Deleted elsewhere: show nothing rather than a ghost. */
      if (g_error_matches (error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND))
        clipper_reader_view_load_article (self, 0, NULL);
      return;
    }
  if (g_strcmp0 (clipper_article_get_html (article), clipper_article_get_html (self->article)) != 0 ||
      g_strcmp0 (clipper_article_get_text (article), clipper_article_get_text (self->article)) != 0)
    {
      /* Re-extracted (refetch): its highlights were re-anchored too. */
      clipper_reader_view_load_article (self, self->article_id, NULL);
      return;
    }
  /* Keep the newest record, so that saving the reading position never
   * writes back a title or state changed elsewhere. */
  title_changed = g_strcmp0 (clipper_article_get_title (article), clipper_article_get_title (self->article)) != 0;
  /* Marked read or unread by hand meanwhile: that stands. */
  if (clipper_article_get_read_state (article) != clipper_article_get_read_state (self->article))
    self->read_on_scroll = FALSE;
  g_set_object (&self->article, article);
  if (title_changed)
    {
      if (self->plain_text)
        {
          const char *title = clipper_article_get_title (article);

          if (title == NULL || *title == '\0')
            title = _("Untitled");
          gtk_label_set_text (self->plain_title, title);
          gtk_accessible_update_property (GTK_ACCESSIBLE (self->plain_view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
        }
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }

  highlights = clipper_store_list_highlights (self->store, &query, &error);
  if (highlights == NULL)
    return;
  g_ptr_array_sort (highlights, compare_highlights);
  old_sig = highlights_signature (self->highlights);
  new_sig = highlights_signature (highlights);
  if (g_str_equal (old_sig, new_sig))
    return;

  flush_note (self);
  g_ptr_array_unref (self->highlights);
  self->highlights = g_steal_pointer (&highlights);
  push_highlights (self);
  rebuild_panel (self);
  if (self->active_highlight != 0)
    {
      if (find_highlight (self, self->active_highlight, NULL) != NULL)
        {
          gint64 id = self->active_highlight;
          self->active_highlight = 0;
          show_detail (self, id);
        }
      else
        {
          self->active_highlight = 0;
          gtk_stack_set_visible_child_name (self->panel_stack, "list");
        }
    }
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */

GtkWidget *
clipper_reader_view_new (void)
{
  return g_object_new (CLIPPER_TYPE_READER_VIEW, NULL);
}

ClipperStore *
clipper_reader_view_get_store (ClipperReaderView *self)
{
  g_return_val_if_fail (CLIPPER_IS_READER_VIEW (self), NULL);
  return self->store;
}

/* A library that cannot be written (a file of mode 0444, a read-only
 * disk): its highlights and notes are shown, not offered for editing (the
 * window's banner says why), so that no note is typed only to be lost and
 * no highlight seems made that is not. */
static void
set_read_only (ClipperReaderView *self,
               gboolean           read_only)
{
  const char *const editing[] = {
    "reader.highlight", "reader.recolor", "reader.note", "reader.reattach",
    "reader.remove-highlight", "reader.remove-selected", "reader.undo-delete", "reader.undo-reattach",
  };

  self->read_only = read_only;
  for (guint i = 0; i < G_N_ELEMENTS (editing); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), editing[i], !read_only);
  gtk_text_view_set_editable (self->note_view, !read_only);
  clipper_tag_chips_set_editable (self->tags_chips, !read_only);
}

void
clipper_reader_view_set_store (ClipperReaderView *self,
                               ClipperStore      *store)
{
  g_return_if_fail (CLIPPER_IS_READER_VIEW (self));
  g_return_if_fail (store == NULL || CLIPPER_IS_STORE (store));

  if (self->store == store)
    return;
  flush_note (self);
  clipper_reader_view_load_article (self, 0, NULL);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_set_object (&self->store, store);
  set_read_only (self, self->store != NULL && clipper_store_is_read_only (self->store));
  /* Emitted once the app calls clipper_store_watch(). */
  if (self->store != NULL)
    g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  refresh_tag_completion (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * clipper_reader_view_set_hidden_articles:
 * @self: a #ClipperReaderView
 * @ids: (nullable): a set of #gint64 article ids (g_int64_hash()), kept
 *   by reference and read at each link followed
 *
 * Articles that are no saved copy for a link: the window's deletes that
 * wait for their Undo.
 */
void
clipper_reader_view_set_hidden_articles (ClipperReaderView *self,
                                         GHashTable        *ids)
{
  g_return_if_fail (CLIPPER_IS_READER_VIEW (self));

  if (ids != NULL)
    g_hash_table_ref (ids);
  g_clear_pointer (&self->hidden, g_hash_table_unref);
  self->hidden = ids;
}

/**
 * clipper_reader_view_set_unattended:
 *
 * The next clipper_reader_view_load_article() opens an article the user
 * did not choose (the window reopening on its last article, a page just
 * saved): it is marked read once the reader scrolls it, not on show as a
 * chosen one is.  A restart or a save left a "Mark as Unread" undone, and
 * a page saved for later read at once.
 */
void
clipper_reader_view_set_unattended (ClipperReaderView *self,
                                    gboolean           unattended)
{
  g_return_if_fail (CLIPPER_IS_READER_VIEW (self));

  self->unattended = unattended;
}

gboolean
clipper_reader_view_load_article (ClipperReaderView *self,
                                  gint64             article_id,
                                  GError           **error)
{
  g_autoptr(ClipperArticle) article = NULL;
  g_autoptr(GPtrArray) highlights = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CLIPPER_IS_READER_VIEW (self), FALSE);
  g_return_val_if_fail (article_id >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->load_start_us = g_get_monotonic_time ();
  flush_note (self);
  flush_plain_position (self);
  self->read_on_scroll = self->unattended;
  self->unattended = FALSE;
  /* Opened only because the last article had nothing else to show: the
   * next one is read as the reader left the panel. */
  if (self->panel_auto_opened && article_id != self->article_id)
    adw_flap_set_reveal_flap (self->flap, FALSE);
  self->panel_auto_opened = FALSE;
  /* Tags made, renamed or deleted elsewhere meanwhile (Preferences, the
   * article's Tags dialog, clipper-cli) are offered as they are now. */
  if (article_id != self->article_id)
    refresh_tag_completion (self);

  if (article_id > 0)
    {
      ClipperHighlightQuery query = { .article_id = article_id };

      if (self->store == NULL)
        {
          g_set_error (&local_error, CLIPPER_STORE_ERROR, CLIPPER_STORE_ERROR_NOT_FOUND,
                       "No library to read article %" G_GINT64_FORMAT " from", article_id);
          article_id = 0;
        }
      else
        {
          article = clipper_store_get_article (self->store, article_id, &local_error);
          if (article != NULL)
            highlights = clipper_store_list_highlights (self->store, &query, &local_error);
          if (highlights == NULL)
            {
              g_clear_object (&article);
              article_id = 0;
            }
        }
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->page_ready = FALSE;
  self->painted = FALSE;
  self->pending_scroll = 0;
  self->pending_reveal_start = self->pending_reveal_end = -1;
  /* A link's fragment is for the article it led to, not the next one. */
  if (article_id != self->fragment_article)
    g_clear_pointer (&self->fragment, g_free);
  /* Alt+Left comes back along the links followed; an article opened
   * otherwise (from the list, a search, a toast) starts anew. */
  if (article_id != self->article_id && article_id != self->history_next)
    g_array_set_size (self->history, 0);
  self->last_position = article != NULL ? clipper_article_get_reading_position (article) : 0.0;
  self->has_selection = FALSE;
  self->selection_highlight = 0;
  self->active_highlight = 0;
  self->last_made = 0;
  self->reattach_id = 0;
  gtk_popover_popdown (self->selection_popover);
  gtk_stack_set_visible_child_name (self->panel_stack, "list");

  g_clear_pointer (&self->anchor_text, clipper_anchor_text_free);
  g_clear_pointer (&self->highlights, g_ptr_array_unref);
  self->highlights = highlights ? g_steal_pointer (&highlights)
                                : g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_sort (self->highlights, compare_highlights);

  self->textless = FALSE;
  if (article != NULL)
    {
      const char *text = clipper_article_get_text (article);

      self->anchor_text = clipper_anchor_text_new (text ? text : "");
      self->textless = clipper_article_text_is_blank (article);
    }
  g_set_object (&self->article, article);
  /* No rows of the previous article stay on show while this one loads. */
  g_list_store_remove_all (self->anchored_model);
  clear_list (self->orphan_list);
  rebuild_panel (self);

  /* The find bar's matches were the last article's. */
  gtk_search_bar_set_search_mode (self->find_bar, FALSE);
  if (self->article_id != article_id)
    {
      self->article_id = article_id;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE_ID]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);

  if (self->web_view != NULL)
    {
      if (article_id > 0)
        {
          g_autofree char *uri = clipper_reader_page_uri_for_article (article_id);
          webkit_web_view_load_uri (self->web_view, uri);
          /* Already up (the last article was slow too), it stays. */
          if (!gtk_widget_get_visible (self->loading_box) && self->loading_id == 0)
            self->loading_id = g_timeout_add (LOADING_DELAY_MS, loading_cb, self);
        }
      else
        {
          webkit_web_view_load_html (self->web_view, "", NULL);
          show_loading (self, FALSE);
        }
    }
  /* The plain text shows it at once; the page behind it loads as well,
   * ready for when the reader switches back. */
  if (self->plain_text)
    {
      fill_plain_text (self);
      if (self->article != NULL)
        article_painted (self);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

gint64
clipper_reader_view_get_article_id (ClipperReaderView *self)
{
  g_return_val_if_fail (CLIPPER_IS_READER_VIEW (self), 0);
  return self->article_id;
}

const char *
clipper_reader_view_get_title (ClipperReaderView *self)
{
  g_return_val_if_fail (CLIPPER_IS_READER_VIEW (self), NULL);
  return self->article ? clipper_article_get_title (self->article) : NULL;
}

void
clipper_reader_view_scroll_to_highlight (ClipperReaderView *self,
                                         gint64             highlight_id)
{
  g_autofree char *script = NULL;

  ClipperHighlight *h;

  g_return_if_fail (CLIPPER_IS_READER_VIEW (self));

  if ((h = find_highlight (self, highlight_id, NULL)) == NULL)
    return;
  if (self->textless)
    {
      /* No text to scroll to, nor to re-attach to: its note. */
      show_detail (self, highlight_id);
      if (!adw_flap_get_reveal_flap (self->flap))
        {
          adw_flap_set_reveal_flap (self->flap, TRUE);
          self->panel_auto_opened = TRUE;
        }
      return;
    }
  if (!clipper_highlight_get_anchored (h))
    {
      /* Not in the text, so nowhere to scroll to: its row in the panel,
       * under "Not Found in the Text", is where it can be attached again
       * (as if the reader had picked it there). */
      pick_orphan (self, highlight_id);
      if (clipper_reader_view_get_panel_visible (self))
        rebuild_panel (self);
      else
        clipper_reader_view_set_panel_visible (self, TRUE);
      return;
    }
  /* Chosen elsewhere (the Highlights page, a search hit): its note opens,
   * as choosing its row in the panel opens it, to be read and edited
   * there rather than found again in the text.  The panel comes out only
   * beside the article: folded over it, it would hide the passage just
   * shown (F9 then shows the note). */
  show_detail (self, highlight_id);
  if (!adw_flap_get_folded (self->flap))
    clipper_reader_view_set_panel_visible (self, TRUE);
  /* In the plain text the caret goes to its start, where a screen reader
   * reads on from. */
  if (self->plain_text)
    select_plain_text (self, clipper_highlight_get_start (h), clipper_highlight_get_start (h));
  if (!self->page_ready)
    {
      if (!self->plain_text)
        self->pending_scroll = highlight_id;
      return;
    }
  script = g_strdup_printf ("clipper.scrollTo(%" G_GINT64_FORMAT ")", highlight_id);
  run_script (self, script, NULL, NULL);
}

void
clipper_reader_view_reveal_text (ClipperReaderView *self,
                                 gint64             start,
                                 gint64             end)
{
  g_return_if_fail (CLIPPER_IS_READER_VIEW (self));

  if (start < 0 || end <= start)
    return;
  if (!self->page_ready && !self->plain_text)
    {
      self->pending_reveal_start = start;
      self->pending_reveal_end = end;
      return;
    }
  reveal_text_now (self, start, end, TRUE);
}

gboolean
clipper_reader_view_get_panel_visible (ClipperReaderView *self)
{
  g_return_val_if_fail (CLIPPER_IS_READER_VIEW (self), FALSE);
  return adw_flap_get_reveal_flap (self->flap);
}

void
clipper_reader_view_set_panel_visible (ClipperReaderView *self,
                                       gboolean           visible)
{
  g_return_if_fail (CLIPPER_IS_READER_VIEW (self));

  visible = !!visible;
  self->panel_auto_opened = FALSE;
  if (adw_flap_get_reveal_flap (self->flap) == visible)
    return;
  /* on_flap_reveal_changed() fills the panel and notifies. */
  adw_flap_set_reveal_flap (self->flap, visible);
}

GtkWidget *
clipper_reader_view_get_web_view (ClipperReaderView *self)
{
  g_return_val_if_fail (CLIPPER_IS_READER_VIEW (self), NULL);
  return GTK_WIDGET (self->web_view);
}

gint64
clipper_reader_view_get_undo_time (ClipperReaderView *self)
{
  g_return_val_if_fail (CLIPPER_IS_READER_VIEW (self), 0);
  return clipper_highlight_undo_get_newest_time (self->deleted);
}

gboolean
clipper_reader_view_undo (ClipperReaderView *self)
{
  ClipperHighlightUndoKind kind = CLIPPER_HIGHLIGHT_UNDO_DELETE;
  ClipperHighlight *h;

  g_return_val_if_fail (CLIPPER_IS_READER_VIEW (self), FALSE);

  h = clipper_highlight_undo_take_newest (self->deleted, &kind);
  if (h == NULL)
    return FALSE;
  undo_taken (self, h, kind);
  return TRUE;
}

void
clipper_reader_view_flush (ClipperReaderView *self)
{
  g_return_if_fail (CLIPPER_IS_READER_VIEW (self));

  flush_note (self);
  if (self->active_highlight != 0 && self->tags_chips != NULL)
    save_tags (self);
  flush_plain_position (self);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */

/* The flap may also close by itself (folded on a narrow window). */
static void
on_flap_reveal_changed (ClipperReaderView *self)
{
  /* A note typed a moment ago is written as the panel closes, not 0.7 s
   * later: the reader may quit in between. */
  if (!adw_flap_get_reveal_flap (self->flap))
    {
      clipper_reader_view_flush (self);
      self->focus_panel_pending = FALSE;
    }
  if (adw_flap_get_reveal_flap (self->flap) && self->panel_dirty)
    rebuild_panel (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PANEL_VISIBLE]);
}

static void
on_style_manager_changed (ClipperReaderView *self)
{
  apply_settings (self);
}

static void
clipper_reader_view_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  ClipperReaderView *self = CLIPPER_READER_VIEW (widget);

  gtk_widget_measure (GTK_WIDGET (self->toast_overlay), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
clipper_reader_view_size_allocate (GtkWidget *widget,
                                   int        width,
                                   int        height,
                                   int        baseline)
{
  ClipperReaderView *self = CLIPPER_READER_VIEW (widget);

  gtk_widget_allocate (GTK_WIDGET (self->toast_overlay), width, height, baseline, NULL);
  /* A popover is placed by its parent. */
  if (self->selection_popover != NULL)
    gtk_popover_present (self->selection_popover);
}

/* Closing the window (Ctrl+W, or Ctrl+Q, which closes every window) writes
 * a note still waiting for its autosave: the view itself may be disposed
 * much later than the window closes, or never before the process exits. */
static gboolean
on_root_close_request (ClipperReaderView *self)
{
  clipper_reader_view_flush (self);
  return FALSE;
}

static void
clipper_reader_view_root (GtkWidget *widget)
{
  ClipperReaderView *self = CLIPPER_READER_VIEW (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (clipper_reader_view_parent_class)->root (widget);
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    {
      self->close_window = GTK_WINDOW (root);
      self->close_handler = g_signal_connect_swapped (root, "close-request",
                                                      G_CALLBACK (on_root_close_request), self);
    }
}

static void
clipper_reader_view_unroot (GtkWidget *widget)
{
  ClipperReaderView *self = CLIPPER_READER_VIEW (widget);

  if (self->close_window != NULL)
    g_clear_signal_handler (&self->close_handler, self->close_window);
  self->close_window = NULL;
  GTK_WIDGET_CLASS (clipper_reader_view_parent_class)->unroot (widget);
}

static void
clipper_reader_view_dispose (GObject *object)
{
  ClipperReaderView *self = CLIPPER_READER_VIEW (object);

  flush_note (self);
  flush_plain_position (self);
  g_clear_handle_id (&self->plain_apply_id, g_source_remove);
  g_clear_handle_id (&self->plain_relayout_id, g_source_remove);
  if (self->highlight_list != NULL)
    clipper_list_focus_cancel (self->highlight_list);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->ucm != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->ucm, self);
      webkit_user_content_manager_unregister_script_message_handler (self->ucm, "clipper", SCRIPT_WORLD);
      g_clear_object (&self->ucm);
    }
  if (self->web_view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->web_view, self);
      g_object_set_data (G_OBJECT (self->web_view), "clipper-reader-view", NULL);
      self->web_view = NULL;
    }
  if (self->selection_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->selection_popover));
      self->selection_popover = NULL;
    }
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  if (self->flap != NULL)
    g_signal_handlers_disconnect_by_data (self->flap, self);
  if (self->note_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_text_view_get_buffer (self->note_view), self);
  if (self->note_buffers != NULL)
    {
      GHashTableIter iter;
      gpointer buffer;

      g_hash_table_iter_init (&iter, self->note_buffers);
      while (g_hash_table_iter_next (&iter, NULL, &buffer))
        g_signal_handlers_disconnect_by_data (buffer, self);
      g_clear_pointer (&self->note_buffers, g_hash_table_unref);
    }
  g_clear_pointer (&self->hidden, g_hash_table_unref);
  g_clear_pointer (&self->history, g_array_unref);
  if (self->plain_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_text_view_get_buffer (self->plain_view), self);
  /* A search entry says "search-changed" a moment after its text
   * changed, which may be after the template's children are gone. */
  if (self->find_entry != NULL)
    g_signal_handlers_disconnect_by_data (self->find_entry, self);
  g_clear_handle_id (&self->plain_popover_id, g_source_remove);
  g_clear_handle_id (&self->loading_id, g_source_remove);
  g_clear_pointer (&self->fragment, g_free);
  g_clear_pointer (&self->find_last, g_free);
  g_clear_pointer (&self->find_text, g_free);
  stop_panel_fill (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), CLIPPER_TYPE_READER_VIEW);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->article);
  g_clear_object (&self->deleted);
  g_clear_object (&self->anchored_model);
  g_clear_pointer (&self->anchor_text, clipper_anchor_text_free);
  g_clear_pointer (&self->highlights, g_ptr_array_unref);
  g_clear_pointer (&self->failure_title, g_free);
  g_clear_pointer (&self->failure_message, g_free);

  G_OBJECT_CLASS (clipper_reader_view_parent_class)->dispose (object);
}

static void
clipper_reader_view_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ClipperReaderView *self = CLIPPER_READER_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ARTICLE_ID:
      g_value_set_int64 (value, self->article_id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, clipper_reader_view_get_title (self));
      break;
    case PROP_PANEL_VISIBLE:
      g_value_set_boolean (value, clipper_reader_view_get_panel_visible (self));
      break;
    case PROP_CARET_BROWSING:
      g_value_set_boolean (value, clipper_reader_view_get_caret_browsing (self));
      break;
    case PROP_PLAIN_TEXT:
      g_value_set_boolean (value, self->plain_text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
clipper_reader_view_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ClipperReaderView *self = CLIPPER_READER_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      clipper_reader_view_set_store (self, g_value_get_object (value));
      break;
    case PROP_PANEL_VISIBLE:
      clipper_reader_view_set_panel_visible (self, g_value_get_boolean (value));
      break;
    case PROP_CARET_BROWSING:
      clipper_reader_view_set_caret_browsing (self, g_value_get_boolean (value));
      break;
    case PROP_PLAIN_TEXT:
      clipper_reader_view_set_plain_text (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_edge_key (GtkShortcutController *controller,
              guint                  keyval,
              gboolean               end)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, GDK_CONTROL_MASK),
                                            gtk_callback_action_new (on_edge_key, NULL, NULL));

  gtk_shortcut_set_arguments (shortcut, g_variant_new_boolean (end));
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

static void
add_selection_key (GtkShortcutController *controller,
                   guint                  keyval,
                   const char            *what)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, 0),
                                            gtk_callback_action_new (on_selection_key, NULL, NULL));

  gtk_shortcut_set_arguments (shortcut, g_variant_new_string (what));
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

static void
clipper_reader_view_class_init (ClipperReaderViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clipper_reader_view_dispose;
  object_class->get_property = clipper_reader_view_get_property;
  object_class->set_property = clipper_reader_view_set_property;
  widget_class->measure = clipper_reader_view_measure;
  widget_class->size_allocate = clipper_reader_view_size_allocate;
  widget_class->root = clipper_reader_view_root;
  widget_class->unroot = clipper_reader_view_unroot;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CLIPPER_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARTICLE_ID] =
    g_param_spec_int64 ("article-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PANEL_VISIBLE] =
    g_param_spec_boolean ("panel-visible", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CARET_BROWSING] =
    g_param_spec_boolean ("caret-browsing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAIN_TEXT] =
    g_param_spec_boolean ("plain-text", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_ARTICLE_READY] =
    g_signal_new ("article-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_DOUBLE);
  signals[SIGNAL_HIGHLIGHTS_CHANGED] =
    g_signal_new ("highlights-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SIGNAL_LOAD_FAILED] =
    g_signal_new ("load-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);

  /* Referencing the bundle keeps it linked from the static library. */
  g_resource_unref (g_resource_ref (clipper_web_get_resource ()));
  g_type_ensure (CLIPPER_TYPE_TAG_CHIPS);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "ui/clipper-reader-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, flap);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, content_box);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, find_bar);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, find_entry);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, find_count);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, loading_box);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, panel_stack);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, highlight_list);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, highlight_scroller);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, orphan_box);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, orphan_heading);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, orphan_hint);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, orphan_list);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, detail_quote);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, detail_before);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, detail_colors);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, note_view);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, note_placeholder);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, tags_chips);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, detail_dates);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, selection_popover);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, popover_colors);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, reattach_button);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, remove_button);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, plain_box);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, plain_title);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, plain_meta);
  gtk_widget_class_bind_template_child (widget_class, ClipperReaderView, plain_view);
  gtk_widget_class_bind_template_callback (widget_class, on_highlight_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_orphan_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);

  gtk_widget_class_install_action (widget_class, "reader.highlight", "s", action_highlight);
  gtk_widget_class_install_action (widget_class, "reader.recolor", "s", action_recolor);
  gtk_widget_class_install_action (widget_class, "reader.note", NULL, action_note);
  gtk_widget_class_install_action (widget_class, "reader.copy-quote", NULL, action_copy_quote);
  gtk_widget_class_install_action (widget_class, "reader.copy-link", "s", action_copy_link);
  gtk_widget_class_install_action (widget_class, "reader.open-web-page", "s", action_open_web_page);
  gtk_widget_class_install_action (widget_class, "reader.reattach", NULL, action_reattach);
  gtk_widget_class_install_action (widget_class, "reader.failure-details", NULL, action_failure_details);
  gtk_widget_class_install_action (widget_class, "reader.remove-highlight", NULL, action_remove_highlight);
  gtk_widget_class_install_action (widget_class, "reader.remove-selected", NULL, action_remove_selected);
  gtk_widget_class_install_action (widget_class, "reader.undo-delete", "x", action_undo_delete);
  gtk_widget_class_install_action (widget_class, "reader.undo-reattach", "x", action_undo_reattach);
  gtk_widget_class_install_action (widget_class, "reader.toggle-panel", NULL, action_toggle_panel);
  gtk_widget_class_install_action (widget_class, "reader.reload", NULL, action_reload);
  gtk_widget_class_install_action (widget_class, "reader.find", NULL, action_find);
  gtk_widget_class_install_action (widget_class, "reader.find-next", NULL, action_find_step);
  gtk_widget_class_install_action (widget_class, "reader.find-previous", NULL, action_find_step);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "reader.toggle-panel", NULL);
  gtk_widget_class_install_property_action (widget_class, "reader.caret-browsing", "caret-browsing");

  gtk_widget_class_set_css_name (widget_class, "clipper-reader-view");
}

/* A drag that started in this app (the article's own link or text,
 * pressed on and moved) and is dropped on the article: nothing happens.
 * WebKitGTK's drop target and the window's (links dropped to be saved)
 * both took it, and it was finished with several actions at once
 * (Gdk-CRITICAL "gdk_drop_finish: assertion 'gdk_drag_action_is_unique
 * (action)' failed", then a drop finalized while dropping), its drag icon
 * left painted; a bare web view, or one in a window without a drop target,
 * gives no critical.  This target comes first (capture phase), refuses the
 * drop, and GTK finishes it with no action.  Drops from other programs go
 * on as before. */
static gboolean
on_own_drop_accept (GtkDropTarget *target,
                    GdkDrop       *drop,
                    gpointer       user_data)
{
  return gdk_drop_get_drag (drop) != NULL;
}

static gboolean
on_own_drop (GtkDropTarget *target,
             const GValue  *value,
             double         x,
             double         y,
             gpointer       user_data)
{
  return FALSE;
}

static void
setup_web_view (ClipperReaderView *self)
{
  GtkDropTarget *own_drop;
  g_autoptr(GBytes) script_bytes = NULL;
  g_autoptr(WebKitUserScript) script = NULL;
  g_autoptr(WebKitSettings) settings = NULL;

  self->ucm = webkit_user_content_manager_new ();
  /* Connect before registering, so that no early message is lost. */
  g_signal_connect (self->ucm, "script-message-received::clipper", G_CALLBACK (on_script_message), self);
  webkit_user_content_manager_register_script_message_handler (self->ucm, "clipper", SCRIPT_WORLD);
  script_bytes = g_resources_lookup_data (RESOURCE_PREFIX "js/reader.js", 0, NULL);
  g_assert (script_bytes != NULL);
  script = webkit_user_script_new_for_world (g_bytes_get_data (script_bytes, NULL),
                                             WEBKIT_USER_CONTENT_INJECT_TOP_FRAME,
                                             WEBKIT_USER_SCRIPT_INJECT_AT_DOCUMENT_END,
                                             SCRIPT_WORLD, NULL, NULL);
  webkit_user_content_manager_add_script (self->ucm, script);

  settings = webkit_settings_new ();
  /* Our world's script still runs; the article's scripts, handlers and
   * javascript: links never do. */
  webkit_settings_set_enable_javascript (settings, TRUE);
  webkit_settings_set_enable_javascript_markup (settings, FALSE);
  webkit_settings_set_javascript_can_open_windows_automatically (settings, FALSE);
  webkit_settings_set_enable_developer_extras (settings, FALSE);
  webkit_settings_set_enable_html5_local_storage (settings, FALSE);
  webkit_settings_set_enable_html5_database (settings, FALSE);
  webkit_settings_set_enable_page_cache (settings, FALSE);
  webkit_settings_set_enable_webgl (settings, FALSE);
  webkit_settings_set_enable_webaudio (settings, FALSE);
  webkit_settings_set_enable_media (settings, FALSE);
  webkit_settings_set_enable_media_stream (settings, FALSE);
  webkit_settings_set_enable_mediasource (settings, FALSE);
  webkit_settings_set_enable_encrypted_media (settings, FALSE);
  webkit_settings_set_enable_back_forward_navigation_gestures (settings, FALSE);
  webkit_settings_set_auto_load_images (settings, TRUE);

  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                 "web-context", get_web_context (),
                                 "network-session", get_network_session (),
                                 "user-content-manager", self->ucm,
                                 "settings", settings,
                                 "hexpand", TRUE,
                                 "vexpand", TRUE,
                                 NULL);
  g_object_set_data (G_OBJECT (self->web_view), "clipper-reader-view", self);
  g_signal_connect_swapped (self->web_view, "decide-policy", G_CALLBACK (on_decide_policy), self);
  g_signal_connect_swapped (self->web_view, "load-changed", G_CALLBACK (on_load_changed), self);
  g_signal_connect_swapped (self->web_view, "load-failed", G_CALLBACK (on_load_failed), self);
  g_signal_connect_swapped (self->web_view, "web-process-terminated", G_CALLBACK (on_web_process_terminated), self);
  g_signal_connect_swapped (self->web_view, "context-menu", G_CALLBACK (on_context_menu), self);
  own_drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY | GDK_ACTION_MOVE | GDK_ACTION_LINK);
  gtk_drop_target_set_gtypes (own_drop, (GType[2]) { GDK_TYPE_FILE_LIST, G_TYPE_STRING }, 2);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (own_drop), GTK_PHASE_CAPTURE);
  g_signal_connect (own_drop, "accept", G_CALLBACK (on_own_drop_accept), NULL);
  g_signal_connect (own_drop, "drop", G_CALLBACK (on_own_drop), NULL);
  gtk_widget_add_controller (GTK_WIDGET (self->web_view), GTK_EVENT_CONTROLLER (own_drop));
  gtk_box_append (self->content_box, GTK_WIDGET (self->web_view));
}

static void
load_css (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (loaded || display == NULL)
    return;
  loaded = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "css/reader-view.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

gboolean
clipper_reader_plain_text_wanted (GSettings *settings,
                                  GSettings *screen_reader)
{
  g_autoptr(GVariant) chosen = NULL;

  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), FALSE);
  g_return_val_if_fail (screen_reader == NULL || G_IS_SETTINGS (screen_reader), FALSE);

  if (settings == NULL)
    return FALSE;
  /* Set by the user, on or off, it stays as they chose. */
  chosen = g_settings_get_user_value (settings, "plain-text");
  if (chosen != NULL)
    return g_variant_get_boolean (chosen);
  return screen_reader != NULL && g_settings_get_boolean (screen_reader, "screen-reader-enabled");
}

GSettings *
clipper_reader_screen_reader_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, "org.gnome.desktop.a11y.applications", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, "screen-reader-enabled"))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static GSettings *
default_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  return schema ? g_settings_new (APP_ID) : NULL;
}

static void
clipper_reader_view_init (ClipperReaderView *self)
{
  g_autoptr(GSettings) settings = NULL;
  GtkEventController *focus;
  GtkEventController *keys;
  GtkEventController *pointer;
  GtkGesture *back_button;
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;

  self->pending_reveal_start = self->pending_reveal_end = -1;
  self->find_start = self->find_end = -1;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_size_request (GTK_WIDGET (self->content_box), ARTICLE_MIN_WIDTH, -1);
  load_css ();

  self->cancellable = g_cancellable_new ();
  self->highlights = g_ptr_array_new_with_free_func (g_object_unref);
  self->deleted = clipper_highlight_undo_new ();
  self->note_buffers = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->anchored_model = g_list_store_new (CLIPPER_TYPE_HIGHLIGHT);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (on_factory_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (on_factory_bind), self);
  gtk_list_view_set_factory (self->highlight_list, factory);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->anchored_model)));
  gtk_list_view_set_model (self->highlight_list, GTK_SELECTION_MODEL (selection));
  g_object_ref_sink (self->selection_popover);
  gtk_widget_set_parent (GTK_WIDGET (self->selection_popover), GTK_WIDGET (self));
  g_object_unref (self->selection_popover);
  g_signal_connect_swapped (self->selection_popover, "closed", G_CALLBACK (on_selection_popover_closed), self);

  setup_web_view (self);
  setup_plain_tags (self);
  pointer = gtk_event_controller_legacy_new ();
  /* Before the text view's own gestures, which claim the button. */
  gtk_event_controller_set_propagation_phase (pointer, GTK_PHASE_CAPTURE);
  g_signal_connect (pointer, "event", G_CALLBACK (on_plain_event), self);
  gtk_widget_add_controller (GTK_WIDGET (self->plain_view), pointer);
  g_signal_connect (gtk_text_view_get_buffer (self->plain_view), "mark-set", G_CALLBACK (on_plain_mark_set), self);
  self->plain_position = -1.0;
  self->history = g_array_new (FALSE, FALSE, sizeof (Visit));
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->plain_view)), "changed",
                           G_CALLBACK (on_plain_adjustment_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->plain_view)), "value-changed",
                           G_CALLBACK (on_plain_value_changed), self, G_CONNECT_SWAPPED);

  /* The web view takes key presses for itself: catch ours on the way down. */
  keys = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  add_selection_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_1, "yellow");
  add_selection_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_2, "green");
  add_selection_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_3, "blue");
  add_selection_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_4, "pink");
  add_selection_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_5, "purple");
  add_selection_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_KP_1, "yellow");
  add_selection_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_KP_2, "green");
  add_selection_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_KP_3, "blue");
  add_selection_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_KP_4, "pink");
  add_selection_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_KP_5, "purple");
  add_selection_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_n, "note");
  add_selection_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_N, "note");
  add_selection_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_Delete, "remove");
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_callback_action_new (on_escape_key, NULL, NULL)));
  /* F7 too, before the web view and the note editor see it: WebKit's
   * own F7, or the text view's (which hides its cursor), then made GTK
   * 4.8 abort in a text view's cursor blink (gtktextview.c, blink_cb:
   * cursor_visible), and the app closed. */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F7, 0),
                                                          gtk_callback_action_new (on_caret_key, NULL, NULL)));
  /* Alt+Left, back within the article or to the library (on_back_key()):
   * the web view took it for its own history, which goes back to the
   * last article, a page the reader refuses. */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Left, GDK_ALT_MASK),
                                                          gtk_callback_action_new (on_back_key, NULL, NULL)));
  add_edge_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_Home, FALSE);
  add_edge_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_KP_Home, FALSE);
  add_edge_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_End, TRUE);
  add_edge_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_KP_End, TRUE);
  /* Find in the article, while the keyboard is in the reader (GNOME Web's
   * keys); elsewhere Ctrl+F is the window's, the library's search.  Ctrl+G
   * here, not the entry's own, so that a step is one step. */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_f, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (on_find_key, NULL, NULL)));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_g, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("reader.find-next")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("reader.find-previous")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_G, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("reader.find-previous")));
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  back_button = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (back_button), 8);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (back_button), GTK_PHASE_CAPTURE);
  g_signal_connect (back_button, "pressed", G_CALLBACK (on_back_button), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (back_button));

  /* Enter is the next match, Shift+Enter the previous (GNOME Web's). */
  gtk_search_bar_connect_entry (self->find_bar, GTK_EDITABLE (self->find_entry));
  g_signal_connect_swapped (self->find_entry, "search-changed", G_CALLBACK (on_find_changed), self);
  g_signal_connect_swapped (self->find_entry, "activate", G_CALLBACK (on_find_next), self);
  g_signal_connect_swapped (self->find_entry, "stop-search", G_CALLBACK (on_find_stop), self);
  g_signal_connect_swapped (self->find_bar, "notify::search-mode-enabled", G_CALLBACK (on_find_mode_changed), self);
  keys = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_SHIFT_MASK),
                                                                                       gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_SHIFT_MASK)),
                                                          gtk_callback_action_new (on_find_previous_key, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->find_entry), keys);

  keys = gtk_shortcut_controller_new ();
  add_panel_tab (GTK_SHORTCUT_CONTROLLER (keys), self, GDK_KEY_Tab, 0);
  add_panel_tab (GTK_SHORTCUT_CONTROLLER (keys), self, GDK_KEY_KP_Tab, 0);
  add_panel_tab (GTK_SHORTCUT_CONTROLLER (keys), self, GDK_KEY_Tab, GDK_SHIFT_MASK);
  add_panel_tab (GTK_SHORTCUT_CONTROLLER (keys), self, GDK_KEY_KP_Tab, GDK_SHIFT_MASK);
  gtk_widget_add_controller (GTK_WIDGET (self->panel_stack), keys);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_web_view_focus_enter), self);
  gtk_widget_add_controller (GTK_WIDGET (self->web_view), focus);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "enter", G_CALLBACK (on_panel_focus_enter), self);
  gtk_widget_add_controller (GTK_WIDGET (self->panel_stack), focus);

  setup_markdown_tags (gtk_text_view_get_buffer (self->note_view));
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->note_view), "changed",
                            G_CALLBACK (on_note_changed), self);
  /* A tag added (Enter, a comma, a tag chosen from the completion, the
   * keyboard leaving with one typed) or removed is saved at once. */
  g_signal_connect_swapped (self->tags_chips, "changed", G_CALLBACK (save_tags), self);

  g_signal_connect_swapped (self->flap, "notify::reveal-flap", G_CALLBACK (on_flap_reveal_changed), self);
  g_signal_connect_swapped (self->flap, "notify::reveal-progress", G_CALLBACK (on_flap_reveal_progress), self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_style_manager_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::high-contrast",
                           G_CALLBACK (on_style_manager_changed), self, G_CONNECT_SWAPPED);

  settings = default_settings ();
  clipper_reader_view_set_settings (self, settings);
}
