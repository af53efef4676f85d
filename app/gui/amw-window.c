/* amw-window.c — the main window: Articles · Companies · Timeline, back/forward between
 * what was opened, the empty state, and the import and export flows. */
#include "amw-config.h"
#include "amw-window.h"

#include <glib/gi18n.h>

#include "amw-articles-view.h"
#include "amw-companies-view.h"
#include "amw-export.h"
#include "amw-import.h"
#include "amw-timeline-view.h"
#include "amw-window-edit.h"
#include "amw-window-io.h"

typedef struct {
  char *view;
  char *id;
} Place;

struct _AmwWindow
{
  AdwApplicationWindow parent_instance;

  /* template widgets */
  AdwToastOverlay   *toast_overlay;
  GtkStack          *main_stack;
  AdwViewStack      *view_stack;
  AdwStatusPage     *error_page;
  GtkRevealer       *damage_revealer;
  GtkLabel          *damage_label;

  /* owned */
  GCancellable      *verify_cancellable;
  AmwStore          *store;
  GSettings         *settings;
  GtkWidget         *articles_view;
  GtkWidget         *companies_view;
  GtkWidget         *timeline_view;
  GPtrArray         *history;      /* Place */
  guint              history_pos;
  gboolean           navigating;   /* true while restoring a place */
  gint64             toasted_group; /* the newest edit offered for undo in a toast */
  gulong             store_changed_id;
};

G_DEFINE_FINAL_TYPE (AmwWindow, amw_window, ADW_TYPE_APPLICATION_WINDOW)

static void
place_free (Place *place)
{
  g_free (place->view);
  g_free (place->id);
  g_free (place);
}

static void
update_navigation_actions (AmwWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", self->history_pos > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.forward",
                                 self->history->len > 0 && self->history_pos + 1 < self->history->len);
}

static Place *
current_place (AmwWindow *self)
{
  return self->history->len > 0 ? g_ptr_array_index (self->history, self->history_pos) : NULL;
}

static void
push_place (AmwWindow  *self,
            const char *view,
            const char *id)
{
  Place *current = current_place (self);
  Place *place;

  if (current != NULL && g_strcmp0 (current->view, view) == 0 && g_strcmp0 (current->id, id) == 0)
    return;
  /* Going somewhere new forgets what was ahead. */
  if (self->history->len > 0)
    g_ptr_array_set_size (self->history, self->history_pos + 1);
  place = g_new0 (Place, 1);
  place->view = g_strdup (view);
  place->id = g_strdup (id);
  g_ptr_array_add (self->history, place);
  self->history_pos = self->history->len - 1;
  update_navigation_actions (self);
}

static GtkWidget *ensure_view (AmwWindow *self, const char *name);

static void
show_place (AmwWindow  *self,
            const char *view,
            const char *id)
{
  self->navigating = TRUE;
  adw_view_stack_set_visible_child_name (self->view_stack, view);
  if (g_str_equal (view, "articles") && id != NULL)
    amw_articles_view_show_article (AMW_ARTICLES_VIEW (self->articles_view), id);
  else if (g_str_equal (view, "companies"))
    amw_companies_view_show_company (AMW_COMPANIES_VIEW (ensure_view (self, "companies")), id);
  self->navigating = FALSE;
}

static void
on_view_stack_visible_child_changed_cb (AmwWindow *self)
{
  const char *view = adw_view_stack_get_visible_child_name (self->view_stack);
  const char *id = NULL;

  ensure_view (self, view);
  if (self->articles_view != NULL)
    amw_window_edit_update_actions (self);
  if (self->navigating || view == NULL || self->articles_view == NULL)
    return;
  if (g_str_equal (view, "articles"))
    id = amw_articles_view_get_article_id (AMW_ARTICLES_VIEW (self->articles_view));
  else if (g_str_equal (view, "companies"))
    id = amw_companies_view_get_company (AMW_COMPANIES_VIEW (self->companies_view));
  push_place (self, view, id);
}

/* Choosing another article in the list updates where we are without a new history step. */
static void
on_article_selected_cb (AmwWindow *self)
{
  Place *current = current_place (self);

  amw_window_edit_update_actions (self);
  if (current != NULL && g_str_equal (current->view, "articles") && !self->navigating)
    amw_set_str (&current->id, amw_articles_view_get_article_id (AMW_ARTICLES_VIEW (self->articles_view)));
}

/* The companies view went back to its list (its own back button): a step of history. */
static void
on_company_shown_cb (AmwWindow *self)
{
  const char *view = adw_view_stack_get_visible_child_name (self->view_stack);

  amw_window_edit_update_actions (self);
  if (!self->navigating && g_strcmp0 (view, "companies") == 0)
    push_place (self, "companies", amw_companies_view_get_company (AMW_COMPANIES_VIEW (self->companies_view)));
}

void
amw_window_open_article (AmwWindow  *self,
                         const char *id)
{
  g_return_if_fail (AMW_IS_WINDOW (self));

  push_place (self, "articles", id);
  show_place (self, "articles", id);
}

void
amw_window_open_company (AmwWindow  *self,
                         const char *id)
{
  g_return_if_fail (AMW_IS_WINDOW (self));

  push_place (self, "companies", id);
  show_place (self, "companies", id);
}

void
amw_window_show_view (AmwWindow  *self,
                      const char *name)
{
  g_return_if_fail (AMW_IS_WINDOW (self));
  adw_view_stack_set_visible_child_name (self->view_stack, name);
}

const char *
amw_window_get_view (AmwWindow *self)
{
  g_return_val_if_fail (AMW_IS_WINDOW (self), NULL);
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

GtkWidget *
amw_window_get_view_widget (AmwWindow  *self,
                            const char *name)
{
  g_return_val_if_fail (AMW_IS_WINDOW (self), NULL);

  return ensure_view (self, name);
}

void
amw_window_toast (AmwWindow  *self,
                  const char *message)
{
  g_autofree char *markup = NULL;

  g_return_if_fail (AMW_IS_WINDOW (self));
  /* A toast's title is Pango markup: the message must be escaped. */
  markup = g_markup_escape_text (message, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
}

static void
on_open_article_cb (AmwWindow  *self,
                    const char *id)
{
  amw_window_open_article (self, id);
}

static void
on_open_company_cb (AmwWindow  *self,
                    const char *id)
{
  amw_window_open_company (self, id);
}

static void
update_main_page (AmwWindow *self)
{
  if (self->articles_view != NULL)
    amw_window_edit_update_actions (self);
  if (self->store == NULL)
    gtk_stack_set_visible_child_name (self->main_stack, "error");
  else if (amw_store_is_empty (self->store))
    gtk_stack_set_visible_child_name (self->main_stack, "empty");
  else
    gtk_stack_set_visible_child_name (self->main_stack, "content");

  {
    gboolean has_store = self->store != NULL;
    gboolean has_content = has_store && !amw_store_is_empty (self->store);

    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", has_content);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", has_content);
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", has_store && !amw_store_is_read_only (self->store));
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-sample", has_store && !amw_store_is_read_only (self->store));
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", has_store && amw_store_can_undo (self->store));
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", has_store && amw_store_can_redo (self->store));
  }
}

/* Every new edit of ours gets a toast with Undo; undo, redo and other programs' writes
 * do not (the group id only grows with new commands). */
static void
offer_undo (AmwWindow *self)
{
  g_autofree char *description = NULL;
  g_autofree char *markup = NULL;
  gint64 group = amw_store_peek_undo (self->store, &description);
  AdwToast *toast;

  if (group <= self->toasted_group)
    return;
  self->toasted_group = group;
  /* Pango markup: a title in the description may hold "&" or "<". */
  markup = g_markup_escape_text (description, -1);
  toast = adw_toast_new (markup);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_damage (AmwWindow *self)
{
  const GError *damage = amw_store_get_damage (self->store);
  g_autofree char *text = NULL;

  if (damage == NULL)
    return;
  text = g_strdup_printf (_("%s. Editing is turned off so that nothing more is written into "
                            "the file. Copy it somewhere safe, then restore a backup or "
                            "import your latest export into a new database."),
                          damage->message);
  gtk_label_set_text (self->damage_label, text);
  gtk_revealer_set_reveal_child (self->damage_revealer, TRUE);
  gtk_window_set_title (GTK_WINDOW (self), _("AMW Desk (read-only)"));
  amw_window_edit_update_actions (self);
}

static void
on_store_changed_cb (AmwWindow *self,
                     guint      flags)
{
  if (flags & AMW_CHANGE_DAMAGED)
    show_damage (self);
  update_main_page (self);
  if (flags & AMW_CHANGE_EXTERNAL)
    self->toasted_group = MAX (self->toasted_group, amw_store_peek_undo (self->store, NULL));
  else if (flags & AMW_CHANGE_HISTORY)
    offer_undo (self);
}

/* ---- actions ---- */

static void
back_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AmwWindow *self = AMW_WINDOW (widget);
  Place *place;

  if (self->history_pos == 0)
    return;
  place = g_ptr_array_index (self->history, --self->history_pos);
  show_place (self, place->view, place->id);
  update_navigation_actions (self);
}

static void
forward_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  AmwWindow *self = AMW_WINDOW (widget);
  Place *place;

  if (self->history_pos + 1 >= self->history->len)
    return;
  place = g_ptr_array_index (self->history, ++self->history_pos);
  show_place (self, place->view, place->id);
  update_navigation_actions (self);
}

static void
view_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  amw_window_show_view (AMW_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
search_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AmwWindow *self = AMW_WINDOW (widget);
  const char *view = amw_window_get_view (self);

  if (g_strcmp0 (view, "companies") == 0)
    amw_companies_view_focus_search (AMW_COMPANIES_VIEW (ensure_view (self, "companies")));
  else
    {
      amw_window_show_view (self, "articles");
      amw_articles_view_focus_search (AMW_ARTICLES_VIEW (self->articles_view));
    }
}

static void
undo_redo (AmwWindow *self,
           gboolean   undo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *description = NULL;
  g_autofree char *message = NULL;
  gboolean ok = undo ? amw_store_undo (self->store, &description, &error)
                     : amw_store_redo (self->store, &description, &error);

  if (!ok)
    {
      amw_window_toast (self, error->message);
      return;
    }
  /* TRANSLATORS: %s describes an edit, e.g. "Add tag “cloud” to 3 articles" */
  message = g_strdup_printf (undo ? _("Undone: %s") : _("Redone: %s"), description);
  amw_window_toast (self, message);
}

static void
undo_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  undo_redo (AMW_WINDOW (widget), TRUE);
}

static void
redo_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  undo_redo (AMW_WINDOW (widget), FALSE);
}

/* ---- window state ---- */

static GSettings *
open_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* Running uninstalled without the compiled schema must not abort the app. */
  if (source == NULL || (schema = g_settings_schema_source_lookup (source, AMW_APP_ID, TRUE)) == NULL)
    {
      g_message ("Schema %s not installed; window size will not be remembered", AMW_APP_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

static void
connect_view (AmwWindow *self,
              GtkWidget *view)
{
  g_signal_connect_swapped (view, "open-article", G_CALLBACK (on_open_article_cb), self);
  g_signal_connect_swapped (view, "open-company", G_CALLBACK (on_open_company_cb), self);
}

/* The companies and timeline views are made when first shown: at a million articles the
 * timeline alone reads for a second, which launching should not wait for. Their pages
 * hold an AdwBin until then. */
static GtkWidget *
ensure_view (AmwWindow  *self,
             const char *name)
{
  GtkWidget **slot;
  GtkWidget *bin;

  if (g_strcmp0 (name, "articles") == 0)
    return self->articles_view;
  if (g_strcmp0 (name, "companies") == 0)
    slot = &self->companies_view;
  else if (g_strcmp0 (name, "timeline") == 0)
    slot = &self->timeline_view;
  else
    return NULL;
  if (*slot != NULL || self->store == NULL)
    return *slot;

  if (slot == &self->companies_view)
    {
      *slot = amw_companies_view_new (self->store);
      g_signal_connect_swapped (*slot, "notify::company-id", G_CALLBACK (on_company_shown_cb), self);
    }
  else
    *slot = amw_timeline_view_new (self->store);
  connect_view (self, *slot);
  bin = adw_view_stack_get_child_by_name (self->view_stack, name);
  adw_bin_set_child (ADW_BIN (bin), *slot);
  return *slot;
}

static void
build_views (AmwWindow *self)
{
  AdwViewStackPage *page;

  self->articles_view = amw_articles_view_new (self->store);

  page = adw_view_stack_add_titled (self->view_stack, self->articles_view, "articles", _("Articles"));
  adw_view_stack_page_set_icon_name (page, "view-list-symbolic");
  page = adw_view_stack_add_titled (self->view_stack, adw_bin_new (), "companies", _("Companies"));
  adw_view_stack_page_set_icon_name (page, "system-users-symbolic");
  page = adw_view_stack_add_titled (self->view_stack, adw_bin_new (), "timeline", _("Timeline"));
  adw_view_stack_page_set_icon_name (page, "x-office-calendar-symbolic");

  connect_view (self, self->articles_view);
  g_signal_connect_swapped (self->articles_view, "notify::article-id", G_CALLBACK (on_article_selected_cb), self);
  g_signal_connect_swapped (amw_articles_view_get_model (AMW_ARTICLES_VIEW (self->articles_view)), "selection-changed",
                            G_CALLBACK (amw_window_edit_update_actions), self);
  push_place (self, "articles", NULL);
}

static void
on_verified_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Damage reaches the window as ::changed; other failures (the file vanished, I/O)
   * are left to the reads and writes that meet them. */
  if (!amw_store_verify_finish (AMW_STORE (source), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_message ("Could not check the database: %s", error->message);
}

/* After construction: GtkWindow:application is not a construct property. */
static void
setup (AmwWindow    *self,
       AmwStore     *store,
       const GError *store_error)
{
  self->settings = open_settings ();
  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-height", self, "default-height", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
    }
  else
    gtk_window_set_default_size (GTK_WINDOW (self), 1400, 900);

  g_set_object (&self->store, store);
  if (self->store != NULL)
    {
      build_views (self);
      self->toasted_group = amw_store_peek_undo (self->store, NULL);
      self->store_changed_id = g_signal_connect_swapped (self->store, "changed",
                                                         G_CALLBACK (on_store_changed_cb), self);
      if (amw_store_is_read_only (self->store))
        gtk_window_set_title (GTK_WINDOW (self), _("AMW Desk (read-only)"));
      /* A large file was not fully checked at opening: check it now, off the main
       * thread; damage found shows the banner through ::changed. */
      if (amw_store_needs_verify (self->store))
        {
          self->verify_cancellable = g_cancellable_new ();
          amw_store_verify_async (self->store, self->verify_cancellable, on_verified_cb, NULL);
        }
      show_damage (self);
    }
  else if (store_error != NULL)
    adw_status_page_set_description (self->error_page, store_error->message);
  update_main_page (self);
  update_navigation_actions (self);
}

static void
amw_window_dispose (GObject *object)
{
  AmwWindow *self = AMW_WINDOW (object);

  g_clear_signal_handler (&self->store_changed_id, self->store);
  g_cancellable_cancel (self->verify_cancellable);
  g_clear_object (&self->verify_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), AMW_TYPE_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_pointer (&self->history, g_ptr_array_unref);
  G_OBJECT_CLASS (amw_window_parent_class)->dispose (object);
}

static void
amw_window_class_init (AmwWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = amw_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Amw/amw-window.ui");
  gtk_widget_class_bind_template_child (widget_class, AmwWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AmwWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, AmwWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, AmwWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, AmwWindow, damage_revealer);
  gtk_widget_class_bind_template_child (widget_class, AmwWindow, damage_label);
  gtk_widget_class_bind_template_callback (widget_class, on_view_stack_visible_child_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_activated);
  gtk_widget_class_install_action (widget_class, "win.forward", NULL, forward_activated);
  gtk_widget_class_install_action (widget_class, "win.view", "s", view_activated);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_activated);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_activated);
  amw_window_io_install_actions (widget_class);
  amw_window_edit_install_actions (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "win.forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Back, 0, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Forward, 0, "win.forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "win.view", "s", "articles");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK, "win.view", "s", "companies");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK, "win.view", "s", "timeline");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
}

static void
amw_window_init (AmwWindow *self)
{
  self->history = g_ptr_array_new_with_free_func ((GDestroyNotify) place_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

AmwWindow *
amw_window_new (AmwApplication *app)
{
  g_return_val_if_fail (AMW_IS_APPLICATION (app), NULL);

  return amw_window_new_for_store (GTK_APPLICATION (app), amw_application_get_store (app),
                                   amw_application_get_store_error (app));
}

AmwWindow *
amw_window_new_for_store (GtkApplication *app,
                          AmwStore       *store,
                          const GError   *store_error)
{
  AmwWindow *self = g_object_new (AMW_TYPE_WINDOW, "application", app, NULL);

  setup (self, store, store_error);
  return self;
}

AmwStore *
amw_window_get_store (AmwWindow *self)
{
  g_return_val_if_fail (AMW_IS_WINDOW (self), NULL);
  return self->store;
}

GStrv
amw_window_get_selected_article_ids (AmwWindow *self)
{
  g_return_val_if_fail (AMW_IS_WINDOW (self), NULL);
  return amw_articles_view_get_selected_ids (AMW_ARTICLES_VIEW (self->articles_view));
}

AmwQuery *
amw_window_get_article_query (AmwWindow *self)
{
  g_return_val_if_fail (AMW_IS_WINDOW (self), NULL);
  return amw_articles_view_get_query (AMW_ARTICLES_VIEW (self->articles_view));
}

AdwToastOverlay *
amw_window_get_toast_overlay (AmwWindow *self)
{
  g_return_val_if_fail (AMW_IS_WINDOW (self), NULL);
  return self->toast_overlay;
}
