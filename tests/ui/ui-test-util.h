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

/* A log writer for g_log_set_writer_func(): it writes as GLib's default
 * writer does and, for a warning or a critical, the stack that logged it,
 * so that a warning seen once in a loaded CI run (the tests make them
 * fatal) says where it came from.  With @warnings_fatal (a pointer to a
 * gboolean, or %NULL for FALSE) it aborts on a warning itself, but on GTK
 * 4.8's "Trying to snapshot … without a current allocation" (see
 * ui_test_is_gtk_snapshot_warning()). */
GLogWriterOutput  ui_test_log_writer   (GLogLevelFlags   log_level,
                                        const GLogField *fields,
                                        gsize            n_fields,
                                        gpointer         warnings_fatal);

/* GTK 4.8 warns "Trying to snapshot GtkButton … without a current
 * allocation" when a toast or popover button is drawn in the frame it is
 * unparented: seen once in a few dozen runs, in different tests, never
 * with anything of Clipper's wrong. */
gboolean          ui_test_is_gtk_snapshot_warning (const GLogField *fields,
                                                   gsize            n_fields);

/* Iterates the main loop until @done (@data) holds or @ms pass; returns
 * whether it holds.  What a test waits for (a row, the keyboard, a
 * selection), rather than a fixed time, which a loaded machine outlasts. */
gboolean          ui_test_wait_until   (gboolean (*done) (gpointer data),
                                        gpointer   data,
                                        guint      ms);

G_END_DECLS
