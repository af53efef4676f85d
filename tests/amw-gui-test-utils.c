/* amw-gui-test-utils.c — helpers for the GUI tests */
#include "amw-gui-test-utils.h"

#include <adwaita.h>

void
amw_gui_test_init (int    *argc,
                   char ***argv)
{
  amw_test_ignore_glib_quark_leak ();
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

static gboolean
timeout_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

gboolean
amw_gui_test_wait_for (gboolean (*condition) (gpointer data),
                       gpointer  data,
                       guint     timeout_ms)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add (timeout_ms, timeout_cb, &timed_out);

  while (!condition (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);
  return condition (data);
}

void
amw_gui_test_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static const char *
widget_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    return gtk_button_get_label (GTK_BUTTON (widget));
  if (GTK_IS_EDITABLE (widget))
    return gtk_editable_get_text (GTK_EDITABLE (widget));
  return NULL;
}

static gboolean
matches (GtkWidget  *widget,
         GType       type,
         const char *label)
{
  const char *text;
  const char *tooltip;

  if (!g_type_is_a (G_OBJECT_TYPE (widget), type))
    return FALSE;
  if (label == NULL)
    return TRUE;
  text = widget_text (widget);
  if (text != NULL && g_str_equal (text, label))
    return TRUE;
  tooltip = gtk_widget_get_tooltip_text (widget);
  if (tooltip != NULL && g_str_equal (tooltip, label))
    return TRUE;
  if (ADW_IS_ACTION_ROW (widget) || ADW_IS_PREFERENCES_ROW (widget))
    return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), label) == 0;
  return FALSE;
}

GtkWidget *
amw_gui_test_find (GtkWidget  *root,
                   GType       type,
                   const char *label)
{
  if (matches (root, type, label))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = amw_gui_test_find (child, type, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *out)
{
  if (g_type_is_a (G_OBJECT_TYPE (root), type))
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, out);
}

GPtrArray *
amw_gui_test_find_all (GtkWidget *root,
                       GType      type)
{
  GPtrArray *out = g_ptr_array_new ();

  collect (root, type, out);
  return out;
}

gboolean
amw_gui_test_shows_text (GtkWidget  *root,
                         const char *text)
{
  g_autoptr(GPtrArray) labels = amw_gui_test_find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkWidget *label = g_ptr_array_index (labels, i);

      if (gtk_widget_is_drawable (label) && strstr (gtk_label_get_text (GTK_LABEL (label)), text) != NULL)
        return TRUE;
    }
  return FALSE;
}

GtkWindow *
amw_gui_test_find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (g_type_is_a (G_OBJECT_TYPE (l->data), type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}
