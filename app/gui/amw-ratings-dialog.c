/* amw-ratings-dialog.c — Novelty and Significance, each a row of linked toggle buttons
 * (Unrated, 1–5) with a scoring guide for the level shown below it.
 *
 * Keys: 1–5 set the scale that has the focus (the highlighted one), 0 clears it, Tab
 * switches scale, Enter or Ctrl+Return applies, Escape cancels. The keys are shortcuts of
 * widget actions ("ratings.rate", "ratings.switch-scale", "ratings.apply"), so what a key
 * does can be tested. With several articles rated differently a scale shows "Mixed"; a
 * scale the user did not touch is left as it is on every article. */
#include "amw-config.h"
#include "amw-ratings-dialog.h"

#include <glib/gi18n.h>

#include "amw-format.h"

#define N_LEVELS 6     /* Unrated, 1–5 */
#define MIXED    (-1)

typedef enum {
  SCALE_NOVELTY,
  SCALE_SIGNIFICANCE,
  N_SCALES
} ScaleKind;

typedef struct {
  const char *name;
  const char *guide;
} Level;

typedef struct {
  /* template widgets */
  GtkWidget       *section;
  GtkLabel        *title;
  GtkWidget       *buttons_box;
  GtkLabel        *level_label;
  GtkLabel        *guide_label;
  /* built here */
  GtkToggleButton *buttons[N_LEVELS];
  /* state */
  int              value;    /* 0–5, or MIXED */
  gboolean         chosen;   /* the user picked value */
} Scale;

struct _AmwRatingsDialog
{
  AdwWindow        parent_instance;

  /* template widgets */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  GtkLabel        *rated_label;
  GtkWidget       *cancel_button;
  GtkWidget       *apply_button;

  /* owned */
  AmwStore        *store;
  GStrv            article_ids;
  Scale            scales[N_SCALES];
  ScaleKind        current;
  gboolean         syncing;
};

G_DEFINE_FINAL_TYPE (AmwRatingsDialog, amw_ratings_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ARTICLE_IDS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Our own scoring guides: what each level means on the site. */
static const Level novelty_levels[N_LEVELS] = {
  { NC_("novelty", "Unrated"), N_("No novelty rating yet: leave it for later, or for another editor.") },
  { NC_("novelty", "Routine"), N_("Expected news: no new fact or angle.") },
  { NC_("novelty", "Incremental"), N_("A known story moves a step: a new detail, figure or quote.") },
  { NC_("novelty", "Notable"), N_("A real development: a new fact, deal or result worth following.") },
  { NC_("novelty", "Breakthrough"), N_("Something the field had not seen, or a sharp turn in a known story.") },
  { NC_("novelty", "First of its kind"), N_("Changes how the field is understood.") },
};

static const Level significance_levels[N_LEVELS] = {
  { NC_("significance", "Unrated"), N_("No significance rating yet: leave it for later, or for another editor.") },
  { NC_("significance", "Minor"), N_("Matters to few readers.") },
  { NC_("significance", "Moderate"), N_("Matters to one company, its customers or its investors.") },
  { NC_("significance", "Sector"), N_("Shapes a segment of the market: rivals and partners will react.") },
  { NC_("significance", "Major"), N_("Moves markets, regulators or several large players.") },
  { NC_("significance", "Industry-shaping"), N_("Changes strategy or policy across the industry.") },
};

static const char * const scale_contexts[N_SCALES] = { "novelty", "significance" };

/* ---- helpers ---- */

static const Level *
scale_levels (ScaleKind kind)
{
  return kind == SCALE_NOVELTY ? novelty_levels : significance_levels;
}

static const char *
level_name (ScaleKind kind,
            int       level)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, scale_contexts[kind], scale_levels (kind)[level].name);
}

static const char *
scale_name (ScaleKind kind)
{
  return kind == SCALE_NOVELTY ? _("Novelty") : _("Significance");
}

/* Shows @scale's value on its buttons and in its guide. */
static void
sync_scale (AmwRatingsDialog *self,
            ScaleKind         kind)
{
  Scale *scale = &self->scales[kind];

  self->syncing = TRUE;
  for (int level = 0; level < N_LEVELS; level++)
    gtk_toggle_button_set_active (scale->buttons[level], scale->value == level);
  self->syncing = FALSE;

  if (scale->value == MIXED)
    {
      gtk_label_set_text (scale->level_label, _("Mixed"));
      gtk_label_set_text (scale->guide_label,
                          _("The articles are rated differently. Choose a level to set it on all of them; "
                            "otherwise each keeps its own."));
    }
  else
    {
      g_autofree char *heading = NULL;

      if (scale->value == 0)
        heading = g_strdup (level_name (kind, 0));
      else
        /* TRANSLATORS: a rating level and its name, e.g. "4 · Breakthrough" */
        heading = g_strdup_printf (_("%d · %s"), scale->value, level_name (kind, scale->value));
      gtk_label_set_text (scale->level_label, heading);
      gtk_label_set_text (scale->guide_label, _(scale_levels (kind)[scale->value].guide));
    }
}

static void
set_current (AmwRatingsDialog *self,
             ScaleKind         kind)
{
  self->current = kind;
  for (ScaleKind k = 0; k < N_SCALES; k++)
    {
      if (k == kind)
        gtk_widget_add_css_class (GTK_WIDGET (self->scales[k].title), "accent");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->scales[k].title), "accent");
    }
}

static void
set_value (AmwRatingsDialog *self,
           ScaleKind         kind,
           int               value)
{
  self->scales[kind].value = value;
  self->scales[kind].chosen = TRUE;
  sync_scale (self, kind);
}

static void
focus_scale (AmwRatingsDialog *self,
             ScaleKind         kind)
{
  Scale *scale = &self->scales[kind];

  set_current (self, kind);
  gtk_widget_grab_focus (GTK_WIDGET (scale->buttons[scale->value == MIXED ? 0 : scale->value]));
}

static gboolean
scale_has_focus (AmwRatingsDialog *self,
                 ScaleKind        *kind)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));

  for (ScaleKind k = 0; focus != NULL && k < N_SCALES; k++)
    if (gtk_widget_is_ancestor (focus, self->scales[k].buttons_box))
      {
        if (kind != NULL)
          *kind = k;
        return TRUE;
      }
  return FALSE;
}

/* The values of the articles; MIXED where they differ. */
static void
load_ratings (AmwRatingsDialog *self)
{
  g_autoptr(AmwArticle) first = NULL;
  guint n_found = 0;
  gboolean editable;

  self->scales[SCALE_NOVELTY].value = 0;
  self->scales[SCALE_SIGNIFICANCE].value = 0;
  for (guint i = 0; self->store != NULL && self->article_ids != NULL && self->article_ids[i] != NULL; i++)
    {
      g_autoptr(AmwArticle) article = amw_store_get_article (self->store, self->article_ids[i], NULL);

      if (article == NULL)
        continue;
      if (n_found++ == 0)
        {
          self->scales[SCALE_NOVELTY].value = article->novelty;
          self->scales[SCALE_SIGNIFICANCE].value = article->significance;
          first = g_steal_pointer (&article);
          continue;
        }
      if (self->scales[SCALE_NOVELTY].value != article->novelty)
        self->scales[SCALE_NOVELTY].value = MIXED;
      if (self->scales[SCALE_SIGNIFICANCE].value != article->significance)
        self->scales[SCALE_SIGNIFICANCE].value = MIXED;
    }

  if (n_found == 1)
    {
      adw_window_title_set_title (self->window_title, _("Rate Article"));
      adw_window_title_set_subtitle (self->window_title, first->title);
      if (first->rated_by != NULL && first->rated_at != NULL)
        {
          g_autofree char *day = g_strndup (first->rated_at, 10);
          g_autofree char *when = amw_format_date (day, NULL);
          /* TRANSLATORS: "Rated by Dana Editor on 3 Nov 2026" */
          g_autofree char *text = g_strdup_printf (_("Rated by %s on %s"), first->rated_by, when);

          gtk_label_set_text (self->rated_label, text);
        }
      else
        gtk_label_set_text (self->rated_label, _("Not rated yet"));
    }
  else
    {
      g_autofree char *subtitle = g_strdup_printf (ngettext ("%u article", "%u articles", n_found), n_found);

      adw_window_title_set_title (self->window_title, _("Rate Articles"));
      adw_window_title_set_subtitle (self->window_title, subtitle);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->rated_label), n_found == 1);

  editable = n_found > 0 && !amw_store_is_read_only (self->store);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ratings.rate", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ratings.apply", editable);
  for (ScaleKind k = 0; k < N_SCALES; k++)
    {
      self->scales[k].chosen = FALSE;
      gtk_widget_set_sensitive (self->scales[k].buttons_box, editable);
      sync_scale (self, k);
    }
}

static void
build_buttons (AmwRatingsDialog *self,
               ScaleKind         kind)
{
  Scale *scale = &self->scales[kind];

  for (int level = 0; level < N_LEVELS; level++)
    {
      g_autofree char *number = g_strdup_printf ("%d", level);
      GtkWidget *button = gtk_toggle_button_new_with_label (level == 0 ? level_name (kind, 0) : number);
      g_autofree char *accessible = NULL;
      g_autofree char *tooltip = NULL;

      if (level == 0)
        {
          /* TRANSLATORS: accessible name of a rating button, e.g. "Novelty: Unrated" */
          accessible = g_strdup_printf (_("%s: %s"), scale_name (kind), level_name (kind, 0));
          tooltip = g_strdup_printf (_("%s (0)"), level_name (kind, 0));
        }
      else
        {
          /* TRANSLATORS: accessible name of a rating button, e.g. "Novelty 4: Breakthrough" */
          accessible = g_strdup_printf (_("%s %d: %s"), scale_name (kind), level, level_name (kind, level));
          tooltip = g_strdup_printf (_("%d · %s"), level, level_name (kind, level));
          gtk_widget_set_size_request (button, 40, -1);
          gtk_widget_add_css_class (button, "numeric");
        }
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      g_object_set_data (G_OBJECT (button), "scale", GINT_TO_POINTER (kind));
      g_object_set_data (G_OBJECT (button), "level", GINT_TO_POINTER (level));
      scale->buttons[level] = GTK_TOGGLE_BUTTON (button);
      gtk_box_append (GTK_BOX (scale->buttons_box), button);
    }
}

static void
apply (AmwRatingsDialog *self)
{
  Scale *novelty = &self->scales[SCALE_NOVELTY];
  Scale *significance = &self->scales[SCALE_SIGNIFICANCE];
  g_autoptr(GError) error = NULL;

  if ((novelty->chosen || significance->chosen) &&
      !amw_store_rate_articles (self->store, (const char * const *) self->article_ids,
                                novelty->chosen ? novelty->value : -1,
                                significance->chosen ? significance->value : -1,
                                &error))
    {
      /* A toast's title is Pango markup. */
      g_autofree char *markup = g_markup_escape_text (error->message, -1);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

/* ---- callbacks ---- */

static void
on_button_toggled_cb (GtkToggleButton  *button,
                      AmwRatingsDialog *self)
{
  ScaleKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "scale"));
  int level = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "level"));

  if (self->syncing)
    return;
  set_current (self, kind);
  /* Clicking the active button keeps it: one of them is always the choice. */
  set_value (self, kind, level);
}

static void
on_focus_changed_cb (AmwRatingsDialog *self)
{
  ScaleKind kind;

  if (scale_has_focus (self, &kind))
    set_current (self, kind);
}

static gboolean
on_tab_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  AmwRatingsDialog *self = AMW_RATINGS_DIALOG (widget);
  ScaleKind kind;

  if (!scale_has_focus (self, &kind))
    return FALSE;
  focus_scale (self, kind == SCALE_NOVELTY ? SCALE_SIGNIFICANCE : SCALE_NOVELTY);
  return TRUE;
}

static gboolean
on_enter_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  AmwRatingsDialog *self = AMW_RATINGS_DIALOG (widget);
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));

  /* Enter on Cancel cancels. */
  if (focus == self->cancel_button)
    return FALSE;
  return gtk_widget_activate_action (widget, "ratings.apply", NULL);
}

static void
rate_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AmwRatingsDialog *self = AMW_RATINGS_DIALOG (widget);
  int value = g_variant_get_int32 (parameter);

  if (value < 0 || value > 5)
    return;
  set_value (self, self->current, value);
}

static void
switch_scale_activated (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  AmwRatingsDialog *self = AMW_RATINGS_DIALOG (widget);

  focus_scale (self, self->current == SCALE_NOVELTY ? SCALE_SIGNIFICANCE : SCALE_NOVELTY);
}

static void
apply_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  apply (AMW_RATINGS_DIALOG (widget));
}

/* ---- GObject ---- */

static void
amw_ratings_dialog_constructed (GObject *object)
{
  AmwRatingsDialog *self = AMW_RATINGS_DIALOG (object);

  G_OBJECT_CLASS (amw_ratings_dialog_parent_class)->constructed (object);

  load_ratings (self);
  focus_scale (self, SCALE_NOVELTY);
}

static void
amw_ratings_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AmwRatingsDialog *self = AMW_RATINGS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ARTICLE_IDS:
      g_value_set_boxed (value, self->article_ids);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
amw_ratings_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AmwRatingsDialog *self = AMW_RATINGS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_ARTICLE_IDS:
      self->article_ids = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
amw_ratings_dialog_dispose (GObject *object)
{
  AmwRatingsDialog *self = AMW_RATINGS_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), AMW_TYPE_RATINGS_DIALOG);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (amw_ratings_dialog_parent_class)->dispose (object);
}

static void
amw_ratings_dialog_finalize (GObject *object)
{
  g_strfreev (AMW_RATINGS_DIALOG (object)->article_ids);
  G_OBJECT_CLASS (amw_ratings_dialog_parent_class)->finalize (object);
}

static void
add_shortcut (GtkShortcutController *controller,
              guint                  keyval,
              GdkModifierType        modifiers,
              GtkShortcutAction     *action,
              GVariant              *args)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers), action);

  if (args != NULL)
    gtk_shortcut_set_arguments (shortcut, args);
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

static void
amw_ratings_dialog_class_init (AmwRatingsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = amw_ratings_dialog_constructed;
  object_class->get_property = amw_ratings_dialog_get_property;
  object_class->set_property = amw_ratings_dialog_set_property;
  object_class->dispose = amw_ratings_dialog_dispose;
  object_class->finalize = amw_ratings_dialog_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, AMW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARTICLE_IDS] =
    g_param_spec_boxed ("article-ids", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Amw/amw-ratings-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AmwRatingsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AmwRatingsDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AmwRatingsDialog, rated_label);
  gtk_widget_class_bind_template_child (widget_class, AmwRatingsDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, AmwRatingsDialog, apply_button);
  gtk_widget_class_bind_template_child_full (widget_class, "novelty_section", FALSE,
                                             G_STRUCT_OFFSET (AmwRatingsDialog, scales[SCALE_NOVELTY].section));
  gtk_widget_class_bind_template_child_full (widget_class, "novelty_title", FALSE,
                                             G_STRUCT_OFFSET (AmwRatingsDialog, scales[SCALE_NOVELTY].title));
  gtk_widget_class_bind_template_child_full (widget_class, "novelty_buttons", FALSE,
                                             G_STRUCT_OFFSET (AmwRatingsDialog, scales[SCALE_NOVELTY].buttons_box));
  gtk_widget_class_bind_template_child_full (widget_class, "novelty_level", FALSE,
                                             G_STRUCT_OFFSET (AmwRatingsDialog, scales[SCALE_NOVELTY].level_label));
  gtk_widget_class_bind_template_child_full (widget_class, "novelty_guide", FALSE,
                                             G_STRUCT_OFFSET (AmwRatingsDialog, scales[SCALE_NOVELTY].guide_label));
  gtk_widget_class_bind_template_child_full (widget_class, "significance_section", FALSE,
                                             G_STRUCT_OFFSET (AmwRatingsDialog, scales[SCALE_SIGNIFICANCE].section));
  gtk_widget_class_bind_template_child_full (widget_class, "significance_title", FALSE,
                                             G_STRUCT_OFFSET (AmwRatingsDialog, scales[SCALE_SIGNIFICANCE].title));
  gtk_widget_class_bind_template_child_full (widget_class, "significance_buttons", FALSE,
                                             G_STRUCT_OFFSET (AmwRatingsDialog, scales[SCALE_SIGNIFICANCE].buttons_box));
  gtk_widget_class_bind_template_child_full (widget_class, "significance_level", FALSE,
                                             G_STRUCT_OFFSET (AmwRatingsDialog, scales[SCALE_SIGNIFICANCE].level_label));
  gtk_widget_class_bind_template_child_full (widget_class, "significance_guide", FALSE,
                                             G_STRUCT_OFFSET (AmwRatingsDialog, scales[SCALE_SIGNIFICANCE].guide_label));

  gtk_widget_class_install_action (widget_class, "ratings.rate", "i", rate_activated);
  gtk_widget_class_install_action (widget_class, "ratings.switch-scale", NULL, switch_scale_activated);
  gtk_widget_class_install_action (widget_class, "ratings.apply", NULL, apply_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
amw_ratings_dialog_init (AmwRatingsDialog *self)
{
  GtkEventController *controller;
  GtkShortcutController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  for (ScaleKind k = 0; k < N_SCALES; k++)
    {
      build_buttons (self, k);
      for (int level = 0; level < N_LEVELS; level++)
        g_signal_connect (self->scales[k].buttons[level], "toggled", G_CALLBACK (on_button_toggled_cb), self);
    }
  set_current (self, SCALE_NOVELTY);
  g_signal_connect_swapped (self, "notify::focus-widget", G_CALLBACK (on_focus_changed_cb), self);

  /* In the capture phase: before the focused toggle button takes Enter, and before the
   * window moves the focus on Tab. */
  controller = gtk_shortcut_controller_new ();
  shortcuts = GTK_SHORTCUT_CONTROLLER (controller);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (int level = 0; level < N_LEVELS; level++)
    {
      add_shortcut (shortcuts, GDK_KEY_0 + level, 0, gtk_named_action_new ("ratings.rate"),
                    g_variant_new_int32 (level));
      add_shortcut (shortcuts, GDK_KEY_KP_0 + level, 0, gtk_named_action_new ("ratings.rate"),
                    g_variant_new_int32 (level));
    }
  add_shortcut (shortcuts, GDK_KEY_Tab, 0, gtk_callback_action_new (on_tab_cb, NULL, NULL), NULL);
  add_shortcut (shortcuts, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK, gtk_callback_action_new (on_tab_cb, NULL, NULL), NULL);
  add_shortcut (shortcuts, GDK_KEY_Return, 0, gtk_callback_action_new (on_enter_cb, NULL, NULL), NULL);
  add_shortcut (shortcuts, GDK_KEY_KP_Enter, 0, gtk_callback_action_new (on_enter_cb, NULL, NULL), NULL);
  add_shortcut (shortcuts, GDK_KEY_ISO_Enter, 0, gtk_callback_action_new (on_enter_cb, NULL, NULL), NULL);
  add_shortcut (shortcuts, GDK_KEY_Return, GDK_CONTROL_MASK, gtk_named_action_new ("ratings.apply"), NULL);
  add_shortcut (shortcuts, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, gtk_named_action_new ("ratings.apply"), NULL);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* ---- public API ---- */

GtkWidget *
amw_ratings_dialog_new (GtkWindow          *parent,
                        AmwStore           *store,
                        const char * const *article_ids)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AMW_IS_STORE (store), NULL);

  return g_object_new (AMW_TYPE_RATINGS_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "article-ids", article_ids,
                       NULL);
}
