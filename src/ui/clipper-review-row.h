/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "clipper-highlight.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_REVIEW_ROW (clipper_review_row_get_type ())
G_DECLARE_FINAL_TYPE (ClipperReviewRow, clipper_review_row, CLIPPER, REVIEW_ROW, GtkWidget)

GtkWidget        *clipper_review_row_new           (void);
/* (transfer none) */
ClipperHighlight *clipper_review_row_get_highlight (ClipperReviewRow *self);
void              clipper_review_row_set_highlight (ClipperReviewRow *self,
                                                    ClipperHighlight *highlight);
/* The app's settings (nullable), for the colours' names the stripe says. */
void              clipper_review_row_set_settings (ClipperReviewRow *self,
                                                   GSettings        *settings);
/* The first row of an article's group shows the article's title. */
void              clipper_review_row_set_starts_group (ClipperReviewRow *self,
                                                       gboolean          starts_group);
/* The filter's text (clipper_text_fold()ed) when it found the highlight
 * by its article's title and not by its quote or note, else NULL: the
 * row then shows that title, the words found marked. */
void              clipper_review_row_set_title_match (ClipperReviewRow *self,
                                                      const char       *folded);
/* The same when it found the highlight by its tags: the words found are
 * marked in the tags, which the row's last line then shows whole. */
void              clipper_review_row_set_tag_match (ClipperReviewRow *self,
                                                    const char       *folded);

G_END_DECLS
