/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Helpers shared by the app's and the reader's test programs: what they
 * look for on screen the same way (a label shown whole, the dialog a
 * toast's Details opened).  GTK and libadwaita only, so that the reader's
 * tests stay on the reader and the core.
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Whether @label shows its whole text (not ellipsized, not cut by the
 * edges of @window, a window of the width under test). */
gboolean          ui_test_label_whole  (GtkLabel  *label,
                                        GtkWidget *window);

/* The visible message dialog other than @not_this (%NULL: any): a dialog
 * that answered closes itself, and this finds the one still open. */
AdwMessageDialog *ui_test_find_dialog  (gpointer   not_this);

/* Iterates the main loop until @done (@data) holds or @ms pass; returns
 * whether it holds.  What a test waits for (a row, the keyboard, a
 * selection), rather than a fixed time, which a loaded machine outlasts. */
gboolean          ui_test_wait_until   (gboolean (*done) (gpointer data),
                                        gpointer   data,
                                        guint      ms);

G_END_DECLS
