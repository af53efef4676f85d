/* amw-density-strip.c — entries per week as a strip of bars above the timeline
 *
 * A leaf widget drawn with GtkSnapshot: one bar per week (scaled to the busiest week),
 * month and year ticks under the bars. It only shows the counts it is given; the timeline
 * view asks the store for them, so no timeline row is loaded to draw it. */
#include "amw-config.h"
#include "amw-density-strip.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "amw-format.h"

struct _AmwDensityStrip
{
  GtkWidget  parent_instance;

  /* owned */
  GArray    *weeks;      /* AmwWeekCount, oldest first */
  guint      max_count;
  int        selected;   /* the keyboard week, -1 when none */
  int        hover;      /* the week under the pointer, -1 when none */
};

G_DEFINE_FINAL_TYPE (AmwDensityStrip, amw_density_strip, GTK_TYPE_WIDGET)

enum { SIGNAL_WEEK_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Height of the bars; the tick labels go below. Together about 48 px. */
#define BAR_AREA   30.0
#define TICK_SIZE   3.0
#define LABEL_GAP   1.0
#define LABEL_SPACE 8.0
#define MAX_BAR_WIDTH 24.0

/* ---- helpers ---- */

static GDate *
parse_week (const char *week_start)
{
  int year, month, day;

  if (week_start == NULL || sscanf (week_start, "%d-%d-%d", &year, &month, &day) != 3 ||
      !g_date_valid_dmy (day, month, year))
    return NULL;
  return g_date_new_dmy (day, month, year);
}

static const AmwWeekCount *
week_at (AmwDensityStrip *self,
         guint            index)
{
  return &g_array_index (self->weeks, AmwWeekCount, index);
}

static guint
n_weeks (AmwDensityStrip *self)
{
  return self->weeks != NULL ? self->weeks->len : 0;
}

static char *
describe_week (const AmwWeekCount *week)
{
  g_autofree char *date = amw_format_date (week->week_start, "day");

  /* TRANSLATORS: tooltip of a bar of the timeline's density strip; %s is a date */
  return g_strdup_printf (ngettext ("Week of %s: %u entry", "Week of %s: %u entries", week->count),
                          date, week->count);
}

static double
slot_width (AmwDensityStrip *self)
{
  return (double) gtk_widget_get_width (GTK_WIDGET (self)) / MAX (n_weeks (self), 1);
}

static int
index_at (AmwDensityStrip *self,
          double           x)
{
  guint n = n_weeks (self);

  if (n == 0)
    return -1;
  return CLAMP ((int) floor (x / slot_width (self)), 0, (int) n - 1);
}

static PangoLayout *
create_label_layout (AmwDensityStrip *self,
                     const char      *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  /* Tick labels are secondary: smaller than the body text, like a caption. */
  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  return layout;
}

static void
update_accessible (AmwDensityStrip *self)
{
  guint n = n_weeks (self);
  guint busiest = 0;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *peak = NULL;
  g_autofree char *label = NULL;

  if (n == 0)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Entries per week: none"),
                                      -1);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT);
      return;
    }

  for (guint i = 1; i < n; i++)
    if (week_at (self, i)->count > week_at (self, busiest)->count)
      busiest = i;
  first = amw_format_date (week_at (self, 0)->week_start, "day");
  last = amw_format_date (week_at (self, n - 1)->week_start, "day");
  peak = amw_format_date (week_at (self, busiest)->week_start, "day");
  /* TRANSLATORS: accessible name of the timeline's density strip; the %s are dates */
  label = g_strdup_printf (ngettext ("Entries per week, from %s to %s, busiest week %s with %u entry",
                                     "Entries per week, from %s to %s, busiest week %s with %u entries",
                                     week_at (self, busiest)->count),
                           first, last, peak, week_at (self, busiest)->count);

  /* A slider reads out the chosen week as the user moves it with Left/Right. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, (double) (n - 1),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW,
                                  (double) MAX (self->selected, 0),
                                  -1);
  if (self->selected >= 0)
    {
      g_autofree char *text = describe_week (week_at (self, self->selected));

      gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                      GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                      -1);
    }
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT);
}

static void
get_colors (AmwDensityStrip *self,
            GdkRGBA         *fg,
            GdkRGBA         *accent)
{
  GtkStyleContext *context;

  /* gtk_widget_get_color() is GTK 4.10; the style context gives the same in 4.8. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gtk_style_context_get_color (context, fg);
  if (!gtk_style_context_lookup_color (context, "accent_color", accent))
    *accent = *fg;
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static GdkRGBA
with_alpha (const GdkRGBA *color,
            float          alpha)
{
  GdkRGBA result = *color;

  result.alpha *= alpha;
  return result;
}

/* Where a label may go without touching those already placed. */
static gboolean
label_fits (GArray *placed,
            double  x,
            double  width,
            double  limit)
{
  if (x < 0 || x + width > limit)
    return FALSE;
  for (guint i = 0; i < placed->len; i += 2)
    {
      double start = g_array_index (placed, double, i);
      double end = g_array_index (placed, double, i + 1);

      if (x < end + LABEL_SPACE && x + width + LABEL_SPACE > start)
        return FALSE;
    }
  return TRUE;
}

static void
draw_label (AmwDensityStrip *self,
            GtkSnapshot     *snapshot,
            GArray          *placed,
            const char      *text,
            double           x,
            const GdkRGBA   *color)
{
  g_autoptr(PangoLayout) layout = create_label_layout (self, text);
  int width, height;
  double end;

  pango_layout_get_pixel_size (layout, &width, &height);
  if (!label_fits (placed, x, width, gtk_widget_get_width (GTK_WIDGET (self))))
    return;
  end = x + width;
  g_array_append_val (placed, x);
  g_array_append_val (placed, end);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, BAR_AREA + TICK_SIZE + LABEL_GAP));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

/* Labels the first of each month from @first on: January with its year when @years,
 * other months with their short name otherwise; ticks go with the years pass. */
static void
draw_months (AmwDensityStrip *self,
             GtkSnapshot     *snapshot,
             GArray          *placed,
             const GDate     *first,
             gboolean         years,
             const GdkRGBA   *fg)
{
  g_autoptr(GDate) month = g_date_new_dmy (1, g_date_get_month (first), g_date_get_year (first));
  guint32 first_julian = g_date_get_julian (first);
  guint32 end_julian = first_julian + 7 * n_weeks (self);
  double day_width = slot_width (self) / 7.0;
  GdkRGBA tick_color = with_alpha (fg, 0.35f);
  GdkRGBA label_color = with_alpha (fg, 0.7f);

  if (g_date_get_julian (month) < first_julian)
    g_date_add_months (month, 1);

  for (; g_date_get_julian (month) < end_julian; g_date_add_months (month, 1))
    {
      double x = round ((g_date_get_julian (month) - first_julian) * day_width);
      gboolean january = g_date_get_month (month) == G_DATE_JANUARY;
      char text[64];

      if (years)
        gtk_snapshot_append_color (snapshot, &tick_color,
                                   &GRAPHENE_RECT_INIT (x, BAR_AREA, 1, TICK_SIZE));
      if (years != january)
        continue;
      if (january)
        g_date_strftime (text, sizeof text, "%Y", month);
      else
        /* TRANSLATORS: a month tick under the density strip, see strftime(3) */
        g_date_strftime (text, sizeof text, C_("density strip", "%b"), month);
      draw_label (self, snapshot, placed, text, x + 2, &label_color);
    }
}

/* Ticks at the first of each month, placed by day within the weeks. Years are placed first,
 * then the start of the range, then month names where there is still room. */
static void
draw_ticks (AmwDensityStrip *self,
            GtkSnapshot     *snapshot,
            const GdkRGBA   *fg)
{
  g_autoptr(GDate) first = parse_week (week_at (self, 0)->week_start);
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GDateTime) first_time = NULL;
  g_autofree char *first_label = NULL;
  GdkRGBA label_color = with_alpha (fg, 0.7f);

  if (first == NULL)
    return;
  draw_months (self, snapshot, placed, first, TRUE, fg);

  first_time = g_date_time_new_local (g_date_get_year (first), g_date_get_month (first),
                                      g_date_get_day (first), 0, 0, 0);
  /* TRANSLATORS: the first label under the density strip, see strftime(3) */
  first_label = g_date_time_format (first_time, C_("density strip", "%b %Y"));
  /* Under the first bar, which is centred in its week when weeks are wide. */
  draw_label (self, snapshot, placed, first_label,
              MAX (0, floor ((slot_width (self) - MAX_BAR_WIDTH) / 2)), &label_color);

  draw_months (self, snapshot, placed, first, FALSE, fg);
}

static void
notify_week_changed (AmwDensityStrip *self)
{
  update_accessible (self);
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Moves the keyboard week by @delta (clamped to the ends); from no week, going back starts
 * at the newest week and going forward at the oldest. */
static void
move_selection (AmwDensityStrip *self,
                gint64           delta)
{
  gint64 n = n_weeks (self);

  if (n == 0)
    return;
  if (self->selected < 0)
    amw_density_strip_set_selected (self, delta < 0 ? n - 1 : 0);
  else
    amw_density_strip_set_selected (self, CLAMP (self->selected + delta, 0, n - 1));
}

/* ---- callbacks ---- */

static void
move_week_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  gint64 delta = g_variant_get_int32 (parameter);

  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    delta = -delta;
  move_selection (AMW_DENSITY_STRIP (widget), delta);
}

static void
activate_week_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  AmwDensityStrip *self = AMW_DENSITY_STRIP (widget);

  if (self->selected >= 0)
    amw_density_strip_activate_week (self, self->selected);
}

static void
on_click_pressed_cb (AmwDensityStrip *self,
                     int              n_press,
                     double           x,
                     double           y,
                     GtkGestureClick *gesture)
{
  int index = index_at (self, x);

  if (index < 0)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (gtk_widget_get_focus_on_click (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  amw_density_strip_activate_week (self, index);
}

static void
on_motion_motion_cb (AmwDensityStrip          *self,
                     double                    x,
                     double                    y,
                     GtkEventControllerMotion *motion)
{
  int index = index_at (self, x);

  if (index != self->hover)
    {
      self->hover = index;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_motion_leave_cb (AmwDensityStrip          *self,
                    GtkEventControllerMotion *motion)
{
  self->hover = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_focus_enter_cb (AmwDensityStrip         *self,
                   GtkEventControllerFocus *focus)
{
  /* Arriving with Tab shows a focused week at once: the newest, the list's top. */
  if (self->selected < 0 && n_weeks (self) > 0)
    amw_density_strip_set_selected (self, n_weeks (self) - 1);
}

/* ---- overrides ---- */

static void
amw_density_strip_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 600;
    }
  else
    {
      g_autoptr(PangoLayout) layout = create_label_layout (AMW_DENSITY_STRIP (widget), "2026");
      int height;

      pango_layout_get_pixel_size (layout, NULL, &height);
      *minimum = *natural = (int) (BAR_AREA + TICK_SIZE + LABEL_GAP) + height;
    }
}

static void
amw_density_strip_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  AmwDensityStrip *self = AMW_DENSITY_STRIP (widget);
  int width = gtk_widget_get_width (widget);
  guint n = n_weeks (self);
  double slot = slot_width (self);
  double gap = slot >= 4 ? 1 : 0;
  GdkRGBA fg, accent, baseline, hover, chosen;

  if (n == 0)
    return;
  get_colors (self, &fg, &accent);
  baseline = with_alpha (&fg, 0.15f);
  hover = with_alpha (&fg, 0.08f);
  chosen = with_alpha (&accent, 0.2f);

  if (self->hover >= 0)
    gtk_snapshot_append_color (snapshot, &hover,
                               &GRAPHENE_RECT_INIT (floor (self->hover * slot), 0,
                                                    MAX (ceil (slot), 1), BAR_AREA));
  if (self->selected >= 0)
    gtk_snapshot_append_color (snapshot, &chosen,
                               &GRAPHENE_RECT_INIT (floor (self->selected * slot), 0,
                                                    MAX (ceil (slot), 1), BAR_AREA));

  gtk_snapshot_append_color (snapshot, &baseline, &GRAPHENE_RECT_INIT (0, BAR_AREA - 1, width, 1));

  for (guint i = 0; i < n; i++)
    {
      guint count = week_at (self, i)->count;
      double x0 = floor (i * slot);
      double x1 = floor ((i + 1) * slot);
      double height, bar_width;

      if (count == 0 || self->max_count == 0)
        continue;
      /* At least 2 px, so a single entry still shows next to a busy week. */
      height = MAX (2.0, round ((BAR_AREA - 2) * count / self->max_count));
      /* A short range has wide slots: keep bars slim, centred on their week. */
      bar_width = MIN (MAX (x1 - x0 - gap, 1), MAX_BAR_WIDTH);
      gtk_snapshot_append_color (snapshot, &accent,
                                 &GRAPHENE_RECT_INIT (x0 + round ((x1 - x0 - bar_width) / 2),
                                                      BAR_AREA - height, bar_width, height));
    }

  /* The keyboard week gets a ring when the strip has visible focus. */
  if (self->selected >= 0 &&
      (gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_FOCUS_VISIBLE) != 0)
    {
      GskRoundedRect ring;
      const float widths[4] = { 2, 2, 2, 2 };
      const GdkRGBA colors[4] = { accent, accent, accent, accent };
      double x = floor (self->selected * slot);
      double w = MAX (ceil (slot), 4);

      gsk_rounded_rect_init_from_rect (&ring,
                                       &GRAPHENE_RECT_INIT (CLAMP (x - 1, 0, width - w - 2), 0,
                                                            w + 2, BAR_AREA),
                                       2);
      gtk_snapshot_append_border (snapshot, &ring, widths, colors);
    }

  draw_ticks (self, snapshot, &fg);
}

static gboolean
amw_density_strip_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard_mode,
                                 GtkTooltip *tooltip)
{
  AmwDensityStrip *self = AMW_DENSITY_STRIP (widget);
  int index = keyboard_mode ? self->selected : index_at (self, x);
  g_autofree char *text = NULL;
  double slot = slot_width (self);

  if (index < 0)
    return FALSE;
  text = describe_week (week_at (self, index));
  gtk_tooltip_set_text (tooltip, text);
  /* Limiting the tip to the bar makes the tooltip follow the pointer from week to week. */
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { floor (index * slot), 0,
                                                       MAX ((int) ceil (slot), 1),
                                                       gtk_widget_get_height (widget) });
  return TRUE;
}

static void
amw_density_strip_state_flags_changed (GtkWidget     *widget,
                                       GtkStateFlags  previous)
{
  GtkStateFlags changed = previous ^ gtk_widget_get_state_flags (widget);

  if (changed & (GTK_STATE_FLAG_FOCUS_VISIBLE | GTK_STATE_FLAG_FOCUSED))
    gtk_widget_queue_draw (widget);
  GTK_WIDGET_CLASS (amw_density_strip_parent_class)->state_flags_changed (widget, previous);
}

static void
amw_density_strip_css_changed (GtkWidget         *widget,
                               GtkCssStyleChange *change)
{
  /* Light/dark switches change the accent and text colours the bars are drawn with. */
  GTK_WIDGET_CLASS (amw_density_strip_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

static void
amw_density_strip_finalize (GObject *object)
{
  AmwDensityStrip *self = AMW_DENSITY_STRIP (object);

  g_clear_pointer (&self->weeks, g_array_unref);
  G_OBJECT_CLASS (amw_density_strip_parent_class)->finalize (object);
}

static void
amw_density_strip_class_init (AmwDensityStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = amw_density_strip_finalize;
  widget_class->measure = amw_density_strip_measure;
  widget_class->snapshot = amw_density_strip_snapshot;
  widget_class->query_tooltip = amw_density_strip_query_tooltip;
  widget_class->state_flags_changed = amw_density_strip_state_flags_changed;
  widget_class->css_changed = amw_density_strip_css_changed;

  /**
   * AmwDensityStrip::week-activated:
   * @week_start: the Monday of the week, YYYY-MM-DD
   */
  signals[SIGNAL_WEEK_ACTIVATED] =
    g_signal_new ("week-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /* The keys are bindings of actions, so that what a key does can be tested, and
   * used from elsewhere ("density.activate-week" after choosing a week). */
  gtk_widget_class_install_action (widget_class, "density.move-week", "i", move_week_action);
  gtk_widget_class_install_action (widget_class, "density.activate-week", NULL, activate_week_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "density.move-week", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "density.move-week", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "density.move-week", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "density.move-week", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "density.move-week", "i", -4);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "density.move-week", "i", 4);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "density.move-week", "i", -G_MAXINT32);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "density.move-week", "i", G_MAXINT32);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "density.activate-week", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "density.activate-week", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_ISO_Enter, 0, "density.activate-week", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "density.activate-week", NULL);

  gtk_widget_class_set_css_name (widget_class, "densitystrip");
  /* Left/Right choose a week like a slider's value; Enter acts on it. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SLIDER);
}

static void
amw_density_strip_init (AmwDensityStrip *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->selected = -1;
  self->hover = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_swapped (click, "pressed", G_CALLBACK (on_click_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect_swapped (motion, "motion", G_CALLBACK (on_motion_motion_cb), self);
  g_signal_connect_swapped (motion, "leave", G_CALLBACK (on_motion_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_focus_enter_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  update_accessible (self);
}

/* ---- public API ---- */

GtkWidget *
amw_density_strip_new (void)
{
  return g_object_new (AMW_TYPE_DENSITY_STRIP, NULL);
}

void
amw_density_strip_set_weeks (AmwDensityStrip *self,
                             GArray          *weeks)
{
  g_autofree char *selected_week = NULL;

  g_return_if_fail (AMW_IS_DENSITY_STRIP (self));
  g_return_if_fail (weeks == NULL || g_array_get_element_size (weeks) == sizeof (AmwWeekCount));

  if (self->selected >= 0)
    selected_week = g_strdup (week_at (self, self->selected)->week_start);

  g_clear_pointer (&self->weeks, g_array_unref);
  if (weeks != NULL)
    self->weeks = g_array_ref (weeks);

  self->max_count = 0;
  self->selected = -1;
  self->hover = -1;
  for (guint i = 0; i < n_weeks (self); i++)
    {
      self->max_count = MAX (self->max_count, week_at (self, i)->count);
      if (selected_week != NULL && g_str_equal (week_at (self, i)->week_start, selected_week))
        self->selected = i;
    }
  notify_week_changed (self);
}

guint
amw_density_strip_get_n_weeks (AmwDensityStrip *self)
{
  g_return_val_if_fail (AMW_IS_DENSITY_STRIP (self), 0);
  return n_weeks (self);
}

const AmwWeekCount *
amw_density_strip_get_week (AmwDensityStrip *self,
                            guint            index)
{
  g_return_val_if_fail (AMW_IS_DENSITY_STRIP (self), NULL);
  g_return_val_if_fail (index < n_weeks (self), NULL);
  return week_at (self, index);
}

int
amw_density_strip_get_selected (AmwDensityStrip *self)
{
  g_return_val_if_fail (AMW_IS_DENSITY_STRIP (self), -1);
  return self->selected;
}

void
amw_density_strip_set_selected (AmwDensityStrip *self,
                                int              index)
{
  g_return_if_fail (AMW_IS_DENSITY_STRIP (self));
  g_return_if_fail (index >= -1 && index < (int) n_weeks (self));

  if (index == self->selected)
    return;
  self->selected = index;
  notify_week_changed (self);
}

void
amw_density_strip_activate_week (AmwDensityStrip *self,
                                 guint            index)
{
  g_autofree char *week_start = NULL;

  g_return_if_fail (AMW_IS_DENSITY_STRIP (self));
  g_return_if_fail (index < n_weeks (self));

  amw_density_strip_set_selected (self, index);
  /* A copy: a handler may well replace the weeks while the signal runs. */
  week_start = g_strdup (week_at (self, index)->week_start);
  g_signal_emit (self, signals[SIGNAL_WEEK_ACTIVATED], 0, week_start);
}
