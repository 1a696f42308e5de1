/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Completion of comma-separated tags in an entry: the highlight panel's
 * tags field had it and the article's Tags dialog (Ctrl+T) had none.
 */
#define G_LOG_DOMAIN "clipper-reader"

#include "clipper-tag-completion.h"

#include <string.h>

typedef struct {
  ClipperTagChosenFunc chosen;
  gpointer user_data;
} Chosen;

/* Completion works on the tag being typed: the text after the last comma. */
static gboolean
tag_completion_match (GtkEntryCompletion *completion,
                      const char         *key,
                      GtkTreeIter        *iter,
                      gpointer            user_data)
{
  GtkTreeModel *model = gtk_entry_completion_get_model (completion);
  g_autofree char *tag = NULL;
  g_autofree char *tag_folded = NULL;
  const char *last = strrchr (key, ',');
  g_autofree char *typed = g_utf8_casefold (g_strstrip (g_strdup (last ? last + 1 : key)), -1);

  if (*typed == '\0')
    return FALSE;
  gtk_tree_model_get (model, iter, 0, &tag, -1);
  tag_folded = g_utf8_casefold (tag, -1);
  return g_str_has_prefix (tag_folded, typed) && !g_str_equal (tag_folded, typed);
}

/* A row of the completion list chosen (Enter on the row selected with the
 * arrows, or a click) takes the place of the tag being typed, and the
 * caller is told (the panel saves it as Enter saves the typed text).
 * Enter with no row selected is left to GTK, which activates the entry
 * with the text as typed: that is what the user chose, a new tag that
 * merely begins like others. */
static gboolean
on_tag_match_selected (GtkEntryCompletion *completion,
                       GtkTreeModel       *model,
                       GtkTreeIter        *iter,
                       Chosen             *chosen)
{
  GtkEditable *entry = GTK_EDITABLE (gtk_entry_completion_get_entry (completion));
  const char *text = gtk_editable_get_text (entry);
  const char *last = strrchr (text, ',');
  g_autofree char *tag = NULL;
  g_autofree char *head = g_strndup (text, last ? (gsize) (last - text) : 0);
  g_autofree char *result = NULL;

  gtk_tree_model_get (model, iter, 0, &tag, -1);
  result = last ? g_strdup_printf ("%s, %s, ", head, tag) : g_strdup_printf ("%s, ", tag);
  gtk_editable_set_text (entry, result);
  gtk_editable_set_position (entry, -1);
  if (chosen->chosen != NULL)
    chosen->chosen (chosen->user_data);
  return TRUE;
}

/* Without a compositor (an X11 window manager that draws no shadows) a
 * popup's shadow is painted opaque, and GTK places the completion list so
 * that its shadow lies over the entry: the list, opened above the tags
 * entry at the bottom of a maximized window, hid the tag being typed.
 * There the list goes without its shadow; checked as the text changes,
 * before the list shows, as a compositor can come and go. */
static void
update_tag_completion_style (GtkWidget *entry)
{
  gboolean composited = gdk_display_is_composited (gtk_widget_get_display (entry));

  for (GtkWidget *child = gtk_widget_get_first_child (entry); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      {
        if (composited)
          gtk_widget_remove_css_class (child, "clipper-unshadowed");
        else
          gtk_widget_add_css_class (child, "clipper-unshadowed");
      }
}

void
clipper_tag_completion_attach (GtkEntry             *entry,
                               ClipperTagChosenFunc  chosen,
                               gpointer              user_data)
{
  g_autoptr (GtkEntryCompletion) completion = gtk_entry_completion_new ();
  g_autoptr (GtkListStore) model = gtk_list_store_new (1, G_TYPE_STRING);
  Chosen *data = g_new0 (Chosen, 1);

  g_return_if_fail (GTK_IS_ENTRY (entry));

  data->chosen = chosen;
  data->user_data = user_data;
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (model));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_match_func (completion, tag_completion_match, NULL, NULL);
  g_signal_connect_data (completion, "match-selected", G_CALLBACK (on_tag_match_selected), data,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  gtk_entry_set_completion (entry, completion);
  g_signal_connect (entry, "changed", G_CALLBACK (update_tag_completion_style), NULL);
}

void
clipper_tag_completion_set_tags (GtkEntry          *entry,
                                 const char *const *tags)
{
  GtkEntryCompletion *completion;
  GtkListStore *model;

  g_return_if_fail (GTK_IS_ENTRY (entry));

  completion = gtk_entry_get_completion (entry);
  g_return_if_fail (completion != NULL);
  model = GTK_LIST_STORE (gtk_entry_completion_get_model (completion));
  gtk_list_store_clear (model);
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    gtk_list_store_insert_with_values (model, NULL, -1, 0, tags[i], -1);
}
