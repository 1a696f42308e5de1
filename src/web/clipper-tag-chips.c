/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A tags field of chips.  The highlight panel's field and the article's
 * Tags dialog (Ctrl+T) were one line of comma-separated text: with 23
 * tags only the end showed, and in the dialog, 240 px wide, a few (QA
 * qa-l, finding 9).  Chips wrap, each tag whole, as Foliate's and
 * Obsidian's Properties show tags.
 */
#define G_LOG_DOMAIN "clipper-reader"

#include "clipper-tag-chips.h"
#include "clipper-tag-completion.h"
#include "clipper-wrap-layout.h"

#include <glib/gi18n.h>
#include <string.h>

struct _ClipperTagChips
{
  GtkWidget parent_instance;

  GtkEntry *entry;          /* the last child, after the chips */
  GtkWidget *selected;      /* (nullable) the chip Backspace selected */
  gboolean editable;
  GStrv known;              /* the library's tags (clipper_tag_chips_set_completion()), or NULL */
};

G_DEFINE_FINAL_TYPE (ClipperTagChips, clipper_tag_chips, GTK_TYPE_WIDGET)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Marks @chip (nullable: none) as the one Backspace took. */
static void
select_chip (ClipperTagChips *self,
             GtkWidget       *chip)
{
  if (self->selected != NULL)
    gtk_widget_remove_css_class (self->selected, "selected");
  self->selected = chip;
  if (chip != NULL)
    gtk_widget_add_css_class (chip, "selected");
}

static void
remove_chip (ClipperTagChips *self,
             GtkWidget       *chip)
{
  if (self->selected == chip)
    self->selected = NULL;
  gtk_widget_unparent (chip);
}

static void
on_remove_clicked (GtkButton       *button,
                   ClipperTagChips *self)
{
  GtkWidget *chip = gtk_widget_get_parent (GTK_WIDGET (button));

  /* The keyboard goes on to the entry, not out of the field with the
   * button it was on. */
  if (gtk_widget_has_focus (GTK_WIDGET (button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  remove_chip (self, chip);
  g_signal_emit (self, signals[CHANGED], 0);
}

/* The chip of @tag: a pill of its name and a button that removes it. */
static GtkWidget *
make_chip (ClipperTagChips *self,
           const char      *tag)
{
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *label = gtk_label_new (tag);
  GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
  /* Translators: the accessible name of the button on a tag's chip. */
  g_autofree char *name = g_strdup_printf (_("Remove tag %s"), tag);

  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_add_css_class (remove, "circular");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_widget_set_visible (remove, self->editable);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), self);
  gtk_box_append (GTK_BOX (chip), label);
  gtk_box_append (GTK_BOX (chip), remove);
  gtk_widget_add_css_class (chip, "clipper-tag");
  gtk_widget_add_css_class (chip, "clipper-chip");
  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (chip), "clipper-tag", g_strdup (tag), g_free);
  return chip;
}

static gboolean
has_tag (ClipperTagChips *self,
         const char      *tag)
{
  g_autofree char *key = g_utf8_casefold (tag, -1);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *other = g_object_get_data (G_OBJECT (child), "clipper-tag");
      g_autofree char *other_key = other != NULL ? g_utf8_casefold (other, -1) : NULL;

      if (other_key != NULL && g_str_equal (key, other_key))
        return TRUE;
    }
  return FALSE;
}

/* @tag as the library keeps it: a '#' typed before it by habit (as
 * Obsidian writes tags) is not part of its name, "#beta" is "beta", unless
 * the library has a tag named so (from before 30 November 2026, which
 * keeps its name).  The chip showed "#beta" beside "beta" until the
 * store made them one (review, session 20).  (transfer full) */
static char *
dup_bare_tag (ClipperTagChips *self,
              const char      *tag)
{
  g_autofree char *key = g_utf8_casefold (tag, -1);
  g_autofree char *bare = NULL;

  if (*tag != '#')
    return g_strdup (tag);
  for (guint i = 0; self->known != NULL && self->known[i] != NULL; i++)
    {
      g_autofree char *known_key = g_utf8_casefold (self->known[i], -1);

      if (g_str_equal (key, known_key))
        return g_strdup (self->known[i]);
    }
  bare = g_strdup (tag + strspn (tag, "#"));
  if (*g_strstrip (bare) == '\0')
    return g_strdup (tag);
  return g_steal_pointer (&bare);
}

/* Adds the tags in @text as chips, each once (in any case, as the
 * library tells tags apart); says whether any was added. */
static gboolean
add_tags (ClipperTagChips *self,
          const char      *text)
{
  g_auto (GStrv) tags = clipper_tags_field_parse (text);
  gboolean added = FALSE;

  for (guint i = 0; tags[i] != NULL; i++)
    {
      g_autofree char *tag = dup_bare_tag (self, tags[i]);

      if (has_tag (self, tag))
        continue;
      gtk_widget_insert_before (make_chip (self, tag), GTK_WIDGET (self), GTK_WIDGET (self->entry));
      added = TRUE;
    }
  return added;
}

void
clipper_tag_chips_commit (ClipperTagChips *self)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CLIPPER_IS_TAG_CHIPS (self));

  text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  if (*g_strstrip (text) == '\0')
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  if (add_tags (self, text))
    g_signal_emit (self, signals[CHANGED], 0);
}

/* Enter adds what was typed; in the empty entry it is the dialog's
 * Apply, as it was in the one-line field. */
static void
on_entry_activate (ClipperTagChips *self)
{
  if (*gtk_editable_get_text (GTK_EDITABLE (self->entry)) != '\0')
    clipper_tag_chips_commit (self);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "default.activate", NULL);
}

/* Whether @text ends with a comma outside double quotes: a tag typed,
 * and the comma after it, as a chosen completion also writes it. */
static gboolean
ends_with_separator (const char *text)
{
  gsize len = strlen (text);
  guint quotes = 0;

  while (len > 0 && g_ascii_isspace (text[len - 1]))
    len--;
  if (len == 0 || text[len - 1] != ',')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    quotes += *p == '"';
  return quotes % 2 == 0;
}

static gboolean
commit_idle_cb (gpointer user_data)
{
  clipper_tag_chips_commit (user_data);
  return G_SOURCE_REMOVE;
}

static void
on_entry_changed (ClipperTagChips *self)
{
  select_chip (self, NULL);
  /* Not from within the entry's own change: the text is set again. */
  if (ends_with_separator (gtk_editable_get_text (GTK_EDITABLE (self->entry))))
    g_idle_add_full (G_PRIORITY_HIGH_IDLE, commit_idle_cb, g_object_ref (self), g_object_unref);
}

/* Backspace in the empty entry selects the last chip, and again removes
 * it: at once, one key too many took a tag away unseen. */
static gboolean
on_entry_key_pressed (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      ClipperTagChips       *self)
{
  GtkWidget *last;

  if (keyval != GDK_KEY_BackSpace || *gtk_editable_get_text (GTK_EDITABLE (self->entry)) != '\0' ||
      !self->editable)
    {
      select_chip (self, NULL);
      return GDK_EVENT_PROPAGATE;
    }
  last = gtk_widget_get_prev_sibling (GTK_WIDGET (self->entry));
  if (last == NULL)
    return GDK_EVENT_PROPAGATE;
  if (self->selected == last)
    {
      remove_chip (self, last);
      g_signal_emit (self, signals[CHANGED], 0);
    }
  else
    select_chip (self, last);
  return GDK_EVENT_STOP;
}

/* What was typed and not added is added when the keyboard leaves. */
static void
on_entry_focus_leave (ClipperTagChips *self)
{
  select_chip (self, NULL);
  clipper_tag_chips_commit (self);
}

void
clipper_tag_chips_set_tags (ClipperTagChips   *self,
                            const char *const *tags)
{
  GtkWidget *child;

  g_return_if_fail (CLIPPER_IS_TAG_CHIPS (self));

  select_chip (self, NULL);
  /* A chip whose tag stays is kept, button and all: the panel saves each
   * change and shows the tags as stored, and a tag typed is added when a
   * click on another chip's button takes the keyboard; that button, made
   * again, left GTK's click and focus on one no longer in the window
   * (QA-n: the app froze). */
  for (GtkWidget *next = NULL, *c = gtk_widget_get_first_child (GTK_WIDGET (self)); c != GTK_WIDGET (self->entry);
       c = next)
    {
      const char *tag = g_object_get_data (G_OBJECT (c), "clipper-tag");

      next = gtk_widget_get_next_sibling (c);
      if (tags == NULL || !g_strv_contains (tags, tag))
        gtk_widget_unparent (c);
    }
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      child = gtk_widget_get_first_child (GTK_WIDGET (self));
      while (child != GTK_WIDGET (self->entry) &&
             g_strcmp0 (g_object_get_data (G_OBJECT (child), "clipper-tag"), tags[i]) != 0)
        child = gtk_widget_get_next_sibling (child);
      /* In the order given, before the entry. */
      gtk_widget_insert_before (child != GTK_WIDGET (self->entry) ? child : make_chip (self, tags[i]),
                                GTK_WIDGET (self), GTK_WIDGET (self->entry));
    }
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
}

GStrv
clipper_tag_chips_dup_tags (ClipperTagChips *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (CLIPPER_IS_TAG_CHIPS (self), NULL);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *tag = g_object_get_data (G_OBJECT (child), "clipper-tag");

      if (tag != NULL)
        g_strv_builder_add (builder, tag);
    }
  return g_strv_builder_end (builder);
}

void
clipper_tag_chips_set_completion (ClipperTagChips   *self,
                                  const char *const *tags)
{
  g_return_if_fail (CLIPPER_IS_TAG_CHIPS (self));

  g_strfreev (self->known);
  self->known = g_strdupv ((char **) tags);
  clipper_tag_completion_set_tags (self->entry, tags);
}

void
clipper_tag_chips_set_editable (ClipperTagChips *self,
                                gboolean         editable)
{
  g_return_if_fail (CLIPPER_IS_TAG_CHIPS (self));

  self->editable = editable;
  gtk_editable_set_editable (GTK_EDITABLE (self->entry), editable);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != GTK_WIDGET (self->entry))
      gtk_widget_set_visible (gtk_widget_get_last_child (child), editable);
}

GtkEntry *
clipper_tag_chips_get_entry (ClipperTagChips *self)
{
  g_return_val_if_fail (CLIPPER_IS_TAG_CHIPS (self), NULL);

  return self->entry;
}

static void
clipper_tag_chips_dispose (GObject *object)
{
  ClipperTagChips *self = CLIPPER_TAG_CHIPS (object);

  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->entry = NULL;
  g_clear_pointer (&self->known, g_strfreev);

  G_OBJECT_CLASS (clipper_tag_chips_parent_class)->dispose (object);
}

static void
clipper_tag_chips_class_init (ClipperTagChipsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = clipper_tag_chips_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, CLIPPER_TYPE_WRAP_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "clipper-tag-chips");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
clipper_tag_chips_init (ClipperTagChips *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->editable = TRUE;
  /* The width it is given, wrapping there: in the Tags dialog, all the
   * chips on one line made it wider with each. */
  clipper_wrap_layout_set_fit (CLIPPER_WRAP_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))), TRUE);
  self->entry = GTK_ENTRY (gtk_entry_new ());
  /* Translators: the placeholder of the entry after a highlight's or an article's tags. */
  gtk_entry_set_placeholder_text (self->entry, _("Add a tag…"));
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 10);
  gtk_widget_set_hexpand (GTK_WIDGET (self->entry), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->entry), "clipper-tags");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Tags"), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Tags"), -1);
  g_signal_connect_swapped (self->entry, "activate", G_CALLBACK (on_entry_activate), self);
  g_signal_connect_swapped (self->entry, "changed", G_CALLBACK (on_entry_changed), self);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_entry_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_entry_focus_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), focus);
  clipper_tag_completion_attach (self->entry, NULL, NULL);

  gtk_widget_set_parent (GTK_WIDGET (self->entry), GTK_WIDGET (self));
}

GtkWidget *
clipper_tag_chips_new (void)
{
  return g_object_new (CLIPPER_TYPE_TAG_CHIPS, NULL);
}
