/* SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A layout that wraps its widget's children in lines, for tags: the
 * chips of a tags field, the pills of the panel's rows.
 */
#define G_LOG_DOMAIN "clipper-reader"

#include "clipper-wrap-layout.h"

struct _ClipperWrapLayout
{
  GtkLayoutManager parent_instance;

  gboolean fit;  /* natural width: the widest child's (clipper_wrap_layout_set_fit()) */
};

G_DEFINE_FINAL_TYPE (ClipperWrapLayout, clipper_wrap_layout, GTK_TYPE_LAYOUT_MANAGER)

#define SPACING 4

/* Places the children of @widget in lines @width wide; with @allocate,
 * gives each its place.  Returns the height of all the lines. */
static int
wrap_children (GtkWidget *widget,
               int        width,
               gboolean   allocate)
{
  int x = 0;
  int y = 0;
  int line_height = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;)
    {
      int child_width, child_height;

      if (!gtk_widget_should_layout (child))
        {
          child = gtk_widget_get_next_sibling (child);
          continue;
        }
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &child_width, NULL, NULL);
      child_width = MIN (child_width, width);
      if (x > 0 && x + child_width > width)
        {
          /* The next line. */
          y += line_height + SPACING;
          x = 0;
          line_height = 0;
        }
      if (gtk_widget_get_hexpand (child))
        child_width = MAX (child_width, width - x);
      gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, child_width, NULL, &child_height, NULL, NULL);
      if (allocate)
        gtk_widget_size_allocate (child, &(GtkAllocation){ x, y, child_width, child_height }, -1);
      line_height = MAX (line_height, child_height);
      x += child_width + SPACING;
      child = gtk_widget_get_next_sibling (child);
    }
  return y + line_height;
}

static GtkSizeRequestMode
clipper_wrap_layout_get_request_mode (GtkLayoutManager *manager,
                                      GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
clipper_wrap_layout_measure (GtkLayoutManager *manager,
                             GtkWidget        *widget,
                             GtkOrientation    orientation,
                             int               for_size,
                             int              *minimum,
                             int              *natural,
                             int              *minimum_baseline,
                             int              *natural_baseline)
{
  int min = 0;
  int nat = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* At the least the widest child; at best all on one line, or,
       * fitting, the widest child whole. */
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int child_min, child_nat;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, orientation, -1, &child_min, &child_nat, NULL, NULL);
          min = MAX (min, child_min);
          if (CLIPPER_WRAP_LAYOUT (manager)->fit)
            nat = MAX (nat, child_nat);
          else
            nat += (nat > 0 ? SPACING : 0) + child_nat;
        }
      nat = MAX (nat, min);
    }
  else
    {
      int width = for_size;

      if (width < 0)
        gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
      min = nat = wrap_children (widget, width, FALSE);
    }
  *minimum = min;
  *natural = nat;
}

static void
clipper_wrap_layout_allocate (GtkLayoutManager *manager,
                              GtkWidget        *widget,
                              int               width,
                              int               height,
                              int               baseline)
{
  wrap_children (widget, width, TRUE);
}

static void
clipper_wrap_layout_class_init (ClipperWrapLayoutClass *klass)
{
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  layout_class->get_request_mode = clipper_wrap_layout_get_request_mode;
  layout_class->measure = clipper_wrap_layout_measure;
  layout_class->allocate = clipper_wrap_layout_allocate;
}

static void
clipper_wrap_layout_init (ClipperWrapLayout *self)
{
}


GtkLayoutManager *
clipper_wrap_layout_new (void)
{
  return g_object_new (CLIPPER_TYPE_WRAP_LAYOUT, NULL);
}

void
clipper_wrap_layout_set_fit (ClipperWrapLayout *self,
                             gboolean           fit)
{
  g_return_if_fail (CLIPPER_IS_WRAP_LAYOUT (self));

  if (self->fit == !!fit)
    return;
  self->fit = !!fit;
  gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
}
