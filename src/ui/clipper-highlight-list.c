/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Highlights page's list: a GListModel over an array.  GListStore
 * keeps its items in a GSequence, where putting 100,000 highlights in
 * takes a tree insertion each; the page replaces its whole list at each
 * filter change, which an array does with one copy, and reads an item
 * by position in constant time.
 */
#define G_LOG_DOMAIN "clipper-review"

#include "clipper-highlight-list.h"

struct _ClipperHighlightList
{
  GObject parent_instance;

  GPtrArray *items;   /* ClipperHighlight, owned */
};

static GType
get_item_type (GListModel *model)
{
  return CLIPPER_TYPE_HIGHLIGHT;
}

static guint
get_n_items (GListModel *model)
{
  return CLIPPER_HIGHLIGHT_LIST (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  ClipperHighlightList *self = CLIPPER_HIGHLIGHT_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (ClipperHighlightList, clipper_highlight_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_init))

static void
clipper_highlight_list_finalize (GObject *object)
{
  ClipperHighlightList *self = CLIPPER_HIGHLIGHT_LIST (object);

  g_ptr_array_unref (self->items);

  G_OBJECT_CLASS (clipper_highlight_list_parent_class)->finalize (object);
}

static void
clipper_highlight_list_class_init (ClipperHighlightListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = clipper_highlight_list_finalize;
}

static void
clipper_highlight_list_init (ClipperHighlightList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

ClipperHighlightList *
clipper_highlight_list_new (void)
{
  return g_object_new (CLIPPER_TYPE_HIGHLIGHT_LIST, NULL);
}

void
clipper_highlight_list_set (ClipperHighlightList *self,
                            GPtrArray            *items)
{
  guint old_len, new_len, prefix = 0, suffix = 0;
  g_autoptr (GPtrArray) old = NULL;

  g_return_if_fail (CLIPPER_IS_HIGHLIGHT_LIST (self));
  g_return_if_fail (items != NULL);

  old_len = self->items->len;
  new_len = items->len;
  while (prefix < old_len && prefix < new_len &&
         g_ptr_array_index (self->items, prefix) == g_ptr_array_index (items, prefix))
    prefix++;
  while (suffix < old_len - prefix && suffix < new_len - prefix &&
         g_ptr_array_index (self->items, old_len - 1 - suffix) == g_ptr_array_index (items, new_len - 1 - suffix))
    suffix++;
  if (prefix == old_len && prefix == new_len)
    return;

  old = g_steal_pointer (&self->items);
  self->items = g_ptr_array_new_full (new_len, g_object_unref);
  for (guint i = 0; i < new_len; i++)
    g_ptr_array_add (self->items, g_object_ref (g_ptr_array_index (items, i)));
  /* The old items go after the signal: a handler may still look at them. */
  g_list_model_items_changed (G_LIST_MODEL (self), prefix, old_len - prefix - suffix, new_len - prefix - suffix);
}

ClipperHighlight *
clipper_highlight_list_peek (ClipperHighlightList *self,
                             guint                 position)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT_LIST (self), NULL);

  return position < self->items->len ? g_ptr_array_index (self->items, position) : NULL;
}

gboolean
clipper_highlight_list_find (ClipperHighlightList *self,
                             ClipperHighlight     *highlight,
                             guint                *out_position)
{
  g_return_val_if_fail (CLIPPER_IS_HIGHLIGHT_LIST (self), FALSE);

  return g_ptr_array_find (self->items, highlight, out_position);
}
