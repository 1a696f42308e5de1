/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The item the keyboard is to go to now, with its @out_position in the
 * list's model, or NULL to give up (gone, filtered out, the keyboard
 * elsewhere).  Asked again every frame: the model may change meanwhile. */
typedef gpointer (*ClipperListWantedFunc)  (gpointer   user_data,
                                            guint     *out_position);
/* The item @row shows, or NULL: @row is one of the list view's own item
 * widgets (the one that takes the keyboard), the factory's widget its
 * child.  Compared with the wanted item by pointer. */
typedef gpointer (*ClipperListRowItemFunc) (GtkWidget *row,
                                            gpointer   user_data);

/* Gives the keyboard to the row of the item @wanted names, once @list
 * has made that row: GTK 4.8's list view makes a row only when it lays
 * out, has none yet for a position past the rows it made, and keeps the
 * keyboard where it was meanwhile (on the first row after the list is
 * filled again).  The row is selected too, where @list's model selects.
 * Tried for a few frames, scrolling to the row; a second call takes the
 * place of the first.  @user_data goes to @wanted and @row_item and must
 * outlive the tries, or clipper_list_focus_cancel() them first. */
void clipper_list_focus_later  (GtkListView            *list,
                                ClipperListWantedFunc   wanted,
                                ClipperListRowItemFunc  row_item,
                                gpointer                user_data);
/* Stops what clipper_list_focus_later() was trying on @list, if anything. */
void clipper_list_focus_cancel (GtkListView            *list);

G_END_DECLS
