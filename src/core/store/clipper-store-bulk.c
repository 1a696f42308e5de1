/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "clipper-store"

#include "clipper-store-bulk.h"

/* Big enough that paging costs nothing, small enough that memory stays flat. */
#define PAGE_SIZE 256

static gboolean
visit (ClipperStore            *store,
       ClipperArticle          *article,
       ClipperStoreArticleFunc  func,
       gpointer                 user_data,
       GError                 **error)
{
  ClipperHighlightQuery hq = { 0 };
  g_autoptr (GPtrArray) highlights = NULL;

  hq.article_id = clipper_article_get_id (article);
  highlights = clipper_store_list_highlights (store, &hq, error);
  if (highlights == NULL)
    return FALSE;

  return func (article, highlights, user_data, error);
}

gboolean
clipper_store_bulk_foreach_article (ClipperStore            *store,
                                    GArray                  *ids,
                                    const char              *tag,
                                    gboolean                 full,
                                    ClipperStoreArticleFunc  func,
                                    gpointer                 user_data,
                                    GCancellable            *cancellable,
                                    GError                 **error)
{
  ClipperListQuery query = { 0 };
  g_autoptr (ClipperArticle) after = NULL;

  g_return_val_if_fail (CLIPPER_IS_STORE (store), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (ids != NULL && ids->len > 0)
    {
      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr (ClipperArticle) article = NULL;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          article = clipper_store_get_article (store, g_array_index (ids, gint64, i), error);
          if (article == NULL)
            return FALSE;
          if (tag != NULL && !g_strv_contains (clipper_article_get_tags (article), tag))
            continue;
          if (!visit (store, article, func, user_data, error))
            return FALSE;
        }
      return TRUE;
    }

  query.tag = tag;
  query.state = CLIPPER_STATE_FILTER_ALL;
  query.sort = CLIPPER_LIST_SORT_SAVED_ASC;
  query.limit = PAGE_SIZE;

  for (;;)
    {
      g_autoptr (GPtrArray) page = NULL;

      page = clipper_store_list_articles (store, &query, after, error);
      if (page == NULL)
        return FALSE;

      for (guint i = 0; i < page->len; i++)
        {
          ClipperArticle *light = g_ptr_array_index (page, i);
          g_autoptr (ClipperArticle) article = NULL;

          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (full)
            {
              article = clipper_store_get_article (store, clipper_article_get_id (light), error);
              if (article == NULL)
                return FALSE;
            }
          else
            article = g_object_ref (light);

          if (!visit (store, article, func, user_data, error))
            return FALSE;
        }

      if (page->len < PAGE_SIZE)
        break;
      g_set_object (&after, g_ptr_array_index (page, page->len - 1));
    }

  return TRUE;
}

gboolean
clipper_store_bulk_count_articles (ClipperStore *store,
                                   GArray       *ids,
                                   const char   *tag,
                                   guint        *out_count,
                                   GError      **error)
{
  ClipperListQuery query = { 0 };

  g_return_val_if_fail (CLIPPER_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_count != NULL, FALSE);

  if (ids != NULL && ids->len > 0)
    {
      *out_count = ids->len;
      return TRUE;
    }

  query.tag = tag;
  query.state = CLIPPER_STATE_FILTER_ALL;
  return clipper_store_count_articles (store, &query, out_count, error);
}
