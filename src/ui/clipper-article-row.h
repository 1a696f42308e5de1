/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "clipper-article.h"

G_BEGIN_DECLS

#define CLIPPER_TYPE_ARTICLE_ROW (clipper_article_row_get_type ())
G_DECLARE_FINAL_TYPE (ClipperArticleRow, clipper_article_row, CLIPPER, ARTICLE_ROW, GtkWidget)

GtkWidget      *clipper_article_row_new         (void);
/* (transfer none) */
ClipperArticle *clipper_article_row_get_article (ClipperArticleRow *self);
void            clipper_article_row_set_article (ClipperArticleRow *self,
                                                 ClipperArticle    *article);

G_END_DECLS
