/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "clipper-store.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_REVIEW_PAGE (clipper_review_page_get_type ())
G_DECLARE_FINAL_TYPE (ClipperReviewPage, clipper_review_page, CLIPPER, REVIEW_PAGE, GtkWidget)

GtkWidget  *clipper_review_page_new        (void);
void        clipper_review_page_set_store  (ClipperReviewPage *self,
                                            ClipperStore      *store);
/* Reads every highlight again, on a worker thread; the page shows what
 * it had until the read is done.  The page follows the store's changes by
 * itself once it has read them. */
void        clipper_review_page_reload     (ClipperReviewPage *self);
/* Whether a read is under way, and how many were started (for tests). */
gboolean    clipper_review_page_get_loading (ClipperReviewPage *self);
guint       clipper_review_page_get_n_loads (ClipperReviewPage *self);
/* NULL: every colour / tag; "" or NULL search: no text filter.  The
 * menus and the field show what is set; a tag no highlight has is dropped
 * (NULL) once the page knows the library's tags. */
void        clipper_review_page_set_color  (ClipperReviewPage *self,
                                            const char        *color);
const char *clipper_review_page_get_color  (ClipperReviewPage *self);
void        clipper_review_page_set_tag    (ClipperReviewPage *self,
                                            const char        *tag);
const char *clipper_review_page_get_tag    (ClipperReviewPage *self);
/* Only the highlights of the articles with @tag (NULL: any); a highlight
 * tag and an article tag are one menu, one choice: setting either clears
 * the other. */
void        clipper_review_page_set_article_tag (ClipperReviewPage *self,
                                                 const char        *tag);
const char *clipper_review_page_get_article_tag (ClipperReviewPage *self);
/* Only the highlights not found in their articles' text (the orphans),
 * or every one; the filter's button shows what is set. */
void        clipper_review_page_set_orphans_only (ClipperReviewPage *self,
                                                  gboolean           orphans_only);
gboolean    clipper_review_page_get_orphans_only (ClipperReviewPage *self);
void        clipper_review_page_set_search (ClipperReviewPage *self,
                                            const char        *text);
/* The filter field's text, as typed. */
const char *clipper_review_page_get_search (ClipperReviewPage *self);
/* The highlights shown, newest first. (transfer none) (element-type ClipperHighlight) */
void        clipper_review_page_set_hidden_articles (ClipperReviewPage *self,
                                                     GHashTable        *ids);
void        clipper_review_page_refilter   (ClipperReviewPage *self);
/* Takes a deleted article's highlights off the page. */
void        clipper_review_page_drop_article (ClipperReviewPage *self,
                                              gint64             article_id);
GListModel *clipper_review_page_get_model  (ClipperReviewPage *self);
/* Back to every colour and tag, with no text filter. */
void        clipper_review_page_clear_filters (ClipperReviewPage *self);
/* Gives the keyboard to the filter field. */
void        clipper_review_page_focus_filter (ClipperReviewPage *self);
/* Gives the keyboard to the list, or to the filter field when the list is empty. */
void        clipper_review_page_focus      (ClipperReviewPage *self);
/* The highlight whose row has the keyboard, or NULL. (transfer none) */
ClipperHighlight *clipper_review_page_get_focused (ClipperReviewPage *self);
/* Selects highlight @id's row once the store's change brings it onto the
 * page (an Undo), and gives it the keyboard when @focus.  Nothing while
 * the page is not shown. */
void        clipper_review_page_select_when_back (ClipperReviewPage *self,
                                                  gint64             id,
                                                  gboolean           focus);
/* The label that shows a filter menu's choice in its button, @widget the
 * menu: the one mapped (beside it, "(None)" waits unseen), not one in its
 * list; NULL when none is.  The page says a long choice whole in a
 * tooltip by it; tests read the button by it too. */
GtkLabel   *clipper_review_page_find_choice_label (GtkWidget *widget);

/* Signal "highlight-activated" (gint64 article_id, gint64 highlight_id). */

G_END_DECLS
