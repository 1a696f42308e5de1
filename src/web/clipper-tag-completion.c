/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Completion of comma-separated tags in an entry: the highlight panel's
 * tags field had it and the article's Tags dialog (Ctrl+T) had none.  And
 * the text of such a field read back, as clipper_tags_field_format()
 * writes it (in the core, for clipper-cli too), so that both quote a tag
 * holding a comma alike.
 */
#define G_LOG_DOMAIN "clipper-reader"

#include "clipper-tag-completion.h"

#include <string.h>

#include "clipper-store.h"

typedef struct {
  ClipperTagChosenFunc chosen;
  gpointer user_data;
} Chosen;

/* Reads one tag from *@p up to the comma after it (or the end), a part in
 * quotes at its start as written, a doubled quote in it as one (a quote
 * further on, 5" floppy, is a quote); leaves *@p after the comma, and
 * says in @out_comma (nullable) whether there was one. */
static char *
read_tag (const char **p,
          gboolean    *out_comma)
{
  GString *tag = g_string_new (NULL);
  const char *s = *p;
  gboolean quoted = FALSE;

  while (g_ascii_isspace (*s))
    s++;
  if (*s == '"')
    {
      quoted = TRUE;
      s++;
    }
  while (*s != '\0' && (quoted || *s != ','))
    {
      if (*s == '"' && quoted)
        {
          quoted = s[1] == '"';
          if (quoted)
            g_string_append_c (tag, '"');
          s += quoted ? 2 : 1;
          continue;
        }
      g_string_append_c (tag, *s);
      s++;
    }
  if (out_comma != NULL)
    *out_comma = *s == ',';
  *p = *s == ',' ? s + 1 : s;
  return g_strstrip (g_string_free (tag, FALSE));
}

/* Where the tag being typed begins: after the last comma that is not in
 * quotes ("Smith, John" is one tag), else at the start.  The field was
 * split at every comma when saved, "Smith, John" becoming "John" and
 * "Smith", though no one had touched it. */
static const char *
find_last_tag (const char *text)
{
  const char *start = text;

  for (const char *p = text; *p != '\0';)
    {
      gboolean comma;

      g_free (read_tag (&p, &comma));
      if (comma)
        start = p;
    }
  return start;
}

GStrv
clipper_tags_field_parse (const char *text)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  const char *p = text != NULL ? text : "";

  while (*p != '\0')
    {
      char *tag = read_tag (&p, NULL);

      if (*tag == '\0' || g_ptr_array_find_with_equal_func (seen, tag, g_str_equal, NULL))
        {
          g_free (tag);
          continue;
        }
      g_strv_builder_add (builder, tag);
      g_ptr_array_add (seen, tag);
    }
  return g_strv_builder_end (builder);
}

/* Completion works on the tag being typed: the text after the last comma
 * outside quotes, without the quote or '#' it may begin with. */
static gboolean
tag_completion_match (GtkEntryCompletion *completion,
                      const char         *key,
                      GtkTreeIter        *iter,
                      gpointer            user_data)
{
  GtkTreeModel *model = gtk_entry_completion_get_model (completion);
  g_autofree char *tag = NULL;
  g_autofree char *tag_folded = NULL;
  g_autofree char *last = g_strstrip (g_strdup (find_last_tag (key)));
  g_autofree char *typed = g_utf8_casefold (last + strspn (last, "\"#"), -1);

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
  const char *last = find_last_tag (text);
  g_autofree char *tag = NULL;
  g_autofree char *quoted = NULL;
  const char *single[2] = { NULL, NULL };
  g_autoptr (GString) result = g_string_new_len (text, last - text);

  gtk_tree_model_get (model, iter, 0, &tag, -1);
  if (result->len > 0)
    g_string_append_c (result, ' ');
  single[0] = tag;
  quoted = clipper_tags_field_format (single);
  g_string_append (result, quoted);
  g_string_append (result, ", ");
  gtk_editable_set_text (entry, result->str);
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

/* The completion list is a popover of the entry's own (GTK 4.8's
 * GtkEntryCompletion offers no call that closes it). */
gboolean
clipper_tag_completion_close (GtkEntry *entry)
{
  g_return_val_if_fail (GTK_IS_ENTRY (entry), FALSE);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (entry)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child) && gtk_widget_get_visible (child))
      {
        gtk_popover_popdown (GTK_POPOVER (child));
        return TRUE;
      }
  return FALSE;
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
