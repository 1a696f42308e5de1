/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The keyboard to a row a list view has still to make: the reader's
 * panel after Delete and Undo, the Highlights page after a read and
 * after Undo.  Both wrote the same loop over the frames, differing only
 * in how a row's item is found; it is here once.
 */
#define G_LOG_DOMAIN "clipper-reader"

#include "clipper-list-focus.h"

/* As many frames as the list takes to scroll to a row past the ones it
 * made and lay it out, with room to spare; not more, not to take the
 * keyboard back from the arrow keys. */
#define FOCUS_FRAMES 10

static const char focus_key[] = "clipper-list-focus";

typedef struct {
  GtkWidget *list;   /* (unowned): holds this as its data */
  ClipperListWantedFunc wanted;
  ClipperListRowItemFunc row_item;
  gpointer user_data;
  guint frames;      /* scrolls left */
  guint tick;
} FocusLater;

static void
focus_later_free (gpointer data)
{
  FocusLater *later = data;

  /* Cancelled, or taken over by another call: its tick goes too. */
  if (later->tick != 0)
    gtk_widget_remove_tick_callback (later->list, later->tick);
  g_free (later);
}

static gboolean
focus_later_tick (GtkWidget     *list,
                  GdkFrameClock *clock,
                  gpointer       data)
{
  FocusLater *later = data;
  gpointer wanted;
  guint position = 0;

  wanted = later->wanted (later->user_data, &position);
  if (wanted != NULL)
    {
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list))),
                                       position, TRUE);
      for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
        {
          /* The list's item widget takes the keyboard, as from the arrows. */
          if (later->row_item (row, later->user_data) == wanted && gtk_widget_get_mapped (row) &&
              gtk_widget_grab_focus (row))
            {
              wanted = NULL;
              break;
            }
        }
    }
  if (wanted == NULL || later->frames == 0)
    {
      /* Returning G_SOURCE_REMOVE takes the tick away. */
      later->tick = 0;
      g_object_set_data (G_OBJECT (list), focus_key, NULL);
      return G_SOURCE_REMOVE;
    }
  /* Not made yet (past the rows the list made): brought into view. */
  later->frames--;
  gtk_widget_activate_action (list, "list.scroll-to-item", "u", position);
  return G_SOURCE_CONTINUE;
}

void
clipper_list_focus_later (GtkListView            *list,
                          ClipperListWantedFunc   wanted,
                          ClipperListRowItemFunc  row_item,
                          gpointer                user_data)
{
  FocusLater *later;

  g_return_if_fail (GTK_IS_LIST_VIEW (list));
  g_return_if_fail (wanted != NULL && row_item != NULL);

  later = g_new0 (FocusLater, 1);
  later->list = GTK_WIDGET (list);
  later->wanted = wanted;
  later->row_item = row_item;
  later->user_data = user_data;
  later->frames = FOCUS_FRAMES;
  later->tick = gtk_widget_add_tick_callback (GTK_WIDGET (list), focus_later_tick, later, NULL);
  g_object_set_data_full (G_OBJECT (list), focus_key, later, focus_later_free);
}

void
clipper_list_focus_cancel (GtkListView *list)
{
  g_return_if_fail (GTK_IS_LIST_VIEW (list));

  g_object_set_data (G_OBJECT (list), focus_key, NULL);
}
