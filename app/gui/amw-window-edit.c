/* amw-window-edit.c — the window's editing actions: they find what the editor is looking at
 * (the shown article, the selected rows, the open company profile) and open the dialog. */
#include "amw-config.h"
#include "amw-window-edit.h"

#include <glib/gi18n.h>

#include "amw-areas-dialog.h"
#include "amw-articles-view.h"
#include "amw-companies-view.h"
#include "amw-company-dialog.h"
#include "amw-connections-dialog.h"
#include "amw-edit-article-dialog.h"
#include "amw-history-dialog.h"
#include "amw-manage-tags-dialog.h"
#include "amw-ratings-dialog.h"
#include "amw-tags-dialog.h"
#include "amw-window-io.h"

static const char *
shown_article (AmwWindow *self)
{
  return amw_articles_view_get_article_id (AMW_ARTICLES_VIEW (amw_window_get_view_widget (self, "articles")));
}

static const char *
shown_company (AmwWindow *self)
{
  if (g_strcmp0 (amw_window_get_view (self), "companies") != 0)
    return NULL;
  return amw_companies_view_get_company (AMW_COMPANIES_VIEW (amw_window_get_view_widget (self, "companies")));
}

/* The rows the editor selected, or the article on show when nothing is selected. */
static GStrv
target_articles (AmwWindow *self)
{
  g_auto(GStrv) selected = amw_window_get_selected_article_ids (self);
  const char *shown = shown_article (self);

  if (selected != NULL && selected[0] != NULL)
    return g_steal_pointer (&selected);
  if (shown != NULL)
    {
      GStrv one = g_new0 (char *, 2);
      one[0] = g_strdup (shown);
      return one;
    }
  return NULL;
}

static void
present (GtkWidget *dialog)
{
  if (dialog != NULL)
    gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AmwWindow *self = AMW_WINDOW (widget);
  AmwStore *store = amw_window_get_store (self);
  const char *company = shown_company (self);

  if (company != NULL)
    present (amw_company_dialog_new (GTK_WINDOW (self), store, company));
  else if (shown_article (self) != NULL)
    present (amw_edit_article_dialog_new (GTK_WINDOW (self), store, shown_article (self)));
}

static void
tags_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AmwWindow *self = AMW_WINDOW (widget);
  g_auto(GStrv) ids = target_articles (self);

  if (ids != NULL)
    present (amw_tags_dialog_new (GTK_WINDOW (self), amw_window_get_store (self), (const char * const *) ids));
}

static void
rate_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AmwWindow *self = AMW_WINDOW (widget);
  g_auto(GStrv) ids = target_articles (self);

  if (ids != NULL)
    present (amw_ratings_dialog_new (GTK_WINDOW (self), amw_window_get_store (self), (const char * const *) ids));
}

static void
connections_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  AmwWindow *self = AMW_WINDOW (widget);

  if (shown_article (self) != NULL)
    present (amw_connections_dialog_new (GTK_WINDOW (self), amw_window_get_store (self), shown_article (self)));
}

static void
history_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AmwWindow *self = AMW_WINDOW (widget);

  if (shown_article (self) != NULL)
    present (amw_history_dialog_new (GTK_WINDOW (self), amw_window_get_store (self), shown_article (self)));
}

static void
manage_tags_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  present (amw_manage_tags_dialog_new (GTK_WINDOW (widget), amw_window_get_store (AMW_WINDOW (widget))));
}

static void
manage_areas_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  present (amw_areas_dialog_new (GTK_WINDOW (widget), amw_window_get_store (AMW_WINDOW (widget))));
}

void
amw_window_edit_update_actions (AmwWindow *self)
{
  AmwStore *store = amw_window_get_store (self);
  gboolean writable = store != NULL && !amw_store_is_read_only (store) && !amw_store_is_empty (store);
  gboolean article = writable && shown_article (self) != NULL;
  g_auto(GStrv) targets = writable ? target_articles (self) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.edit", article || (writable && shown_company (self) != NULL));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.tags", targets != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rate", targets != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.connections", article);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.history", store != NULL && shown_article (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.manage-tags", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.manage-areas", writable);
}

void
amw_window_edit_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.edit", NULL, edit_activated);
  gtk_widget_class_install_action (widget_class, "win.tags", NULL, tags_activated);
  gtk_widget_class_install_action (widget_class, "win.rate", NULL, rate_activated);
  gtk_widget_class_install_action (widget_class, "win.connections", NULL, connections_activated);
  gtk_widget_class_install_action (widget_class, "win.history", NULL, history_activated);
  gtk_widget_class_install_action (widget_class, "win.manage-tags", NULL, manage_tags_activated);
  gtk_widget_class_install_action (widget_class, "win.manage-areas", NULL, manage_areas_activated);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.tags", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.rate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.connections", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_h, GDK_CONTROL_MASK, "win.history", NULL);
}
