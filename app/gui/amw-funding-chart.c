/* amw-funding-chart.c — cumulative USD raised by one company, drawn as a step chart
 *
 * The chart draws with cairo inside the snapshot (GskPathBuilder is GTK 4.14) and takes
 * every color from the theme, so it reads in light and dark alike. */
#include "amw-config.h"
#include "amw-funding-chart.h"

#include <math.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "amw-format.h"

#define MIN_SPAN_DAYS    365   /* a single round still gets a year of context around it */
#define POINT_RADIUS     4.0
#define HOVER_RADIUS     6.0
#define HIT_DISTANCE     14.0
#define TICK_LENGTH      4.0

typedef struct {
  guint32  day;         /* Julian day of the announcement */
  gint64   usd_minor;
  gint64   cumulative;  /* total raised up to and including this round */
  char    *date;        /* ISO date, as stored */
  char    *type;        /* round type, as stored */
} ChartPoint;

struct _AmwFundingChart
{
  GtkWidget  parent_instance;

  /* owned */
  GArray    *points;    /* ChartPoint, oldest first */
  guint      n_skipped;
  char      *summary;

  /* geometry of the last snapshot, so that hover and tooltips hit what was drawn */
  graphene_rect_t plot;
  double     x_min;
  double     x_max;
  double     y_top;
  int        hover;     /* index of the point under the pointer, or -1 */
};

G_DEFINE_FINAL_TYPE (AmwFundingChart, amw_funding_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_N_POINTS,
  PROP_N_SKIPPED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const guint month_steps[] = { 1, 2, 3, 6, 12, 24, 60, 120 };

static void
chart_point_clear (gpointer data)
{
  ChartPoint *point = data;

  g_free (point->date);
  g_free (point->type);
}

static gboolean
parse_day (const char *iso,
           guint32    *day)
{
  int year = 0, month = 1, mday = 1;
  GDate date;

  /* Dates are YYYY-MM-DD; a month or a year alone still places a round on the axis. */
  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &year, &month, &mday) < 1)
    return FALSE;
  if (year < 1 || year > G_MAXUINT16 || !g_date_valid_dmy (mday, month, year))
    return FALSE;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, mday, month, year);
  *day = g_date_get_julian (&date);
  return TRUE;
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const ChartPoint *pa = a, *pb = b;

  if (pa->day != pb->day)
    return pa->day < pb->day ? -1 : 1;
  return g_strcmp0 (pa->date, pb->date);
}

/* 1, 2 or 5 times a power of ten: axis labels people can read at a glance. */
static double
nice_step (double raw)
{
  double magnitude, normal;

  if (raw <= 0)
    return 1;
  magnitude = pow (10, floor (log10 (raw)));
  normal = raw / magnitude;
  if (normal <= 1)
    return magnitude;
  if (normal <= 2)
    return 2 * magnitude;
  if (normal <= 5)
    return 5 * magnitude;
  return 10 * magnitude;
}

static PangoLayout *
create_axis_layout (GtkWidget  *widget,
                    const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  /* Tabular digits keep the amounts on the y axis aligned. */
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  pango_layout_set_attributes (layout, attrs);
  return layout;
}

static void
append_layout_at (GtkSnapshot   *snapshot,
                  PangoLayout   *layout,
                  double         x,
                  double         y,
                  const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((float) round (x), (float) round (y)));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

static char *
day_to_iso (guint32 day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

static guint32
month_start_day (int month_index)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, (GDateMonth) (month_index % 12 + 1), (GDateYear) (month_index / 12));
  return g_date_get_julian (&date);
}

static int
day_to_month_index (double day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) MAX (1.0, floor (day)));
  return g_date_get_year (&date) * 12 + (g_date_get_month (&date) - 1);
}

static double
x_for_day (AmwFundingChart *self,
           double           day)
{
  return self->plot.origin.x +
         (day - self->x_min) / (self->x_max - self->x_min) * self->plot.size.width;
}

static double
y_for_value (AmwFundingChart *self,
             double           value)
{
  return self->plot.origin.y + self->plot.size.height -
         value / self->y_top * self->plot.size.height;
}

static void
get_colors (GtkWidget *widget,
            GdkRGBA   *fg,
            GdkRGBA   *accent)
{
  GtkStyleContext *context;

  /* gtk_widget_get_color() is GTK 4.10; on 4.8 the style context is the way to the theme. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  context = gtk_widget_get_style_context (widget);
  gtk_style_context_get_color (context, fg);
  if (!gtk_style_context_lookup_color (context, "accent_color", accent))
    *accent = *fg;
  G_GNUC_END_IGNORE_DEPRECATIONS
}

static void
update_summary (AmwFundingChart *self)
{
  g_clear_pointer (&self->summary, g_free);

  if (self->points->len == 0)
    self->summary = g_strdup (_("No funding with a known USD value"));
  else
    {
      const ChartPoint *last = &g_array_index (self->points, ChartPoint, self->points->len - 1);
      g_autofree char *total = amw_format_money_short (last->cumulative, "USD");
      g_autofree char *date = amw_format_date (last->date, NULL);

      /* TRANSLATORS: read by screen readers for the funding chart:
       * "Cumulative funding: $25B over 1 round, latest 20 Apr 2026" */
      self->summary = g_strdup_printf (ngettext ("Cumulative funding: %s over %u round, latest %s",
                                                 "Cumulative funding: %s over %u rounds, latest %s",
                                                 self->points->len),
                                       total, self->points->len, date);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->summary,
                                  -1);
}

/* The point nearest to (x, y) within reach of a pointer, or -1. */
static int
find_point (AmwFundingChart *self,
            double           x,
            double           y)
{
  double best = HIT_DISTANCE * HIT_DISTANCE;
  int found = -1;

  if (self->points->len == 0 || self->x_max <= self->x_min || self->y_top <= 0)
    return -1;
  for (guint i = 0; i < self->points->len; i++)
    {
      const ChartPoint *point = &g_array_index (self->points, ChartPoint, i);
      double dx = x_for_day (self, point->day) - x;
      double dy = y_for_value (self, (double) point->cumulative) - y;

      if (dx * dx + dy * dy <= best)
        {
          best = dx * dx + dy * dy;
          found = (int) i;
        }
    }
  return found;
}

static void
set_hover (AmwFundingChart *self,
           int              hover)
{
  if (self->hover == hover)
    return;
  self->hover = hover;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion_cb (GtkEventControllerMotion *motion,
              double                    x,
              double                    y,
              AmwFundingChart          *self)
{
  set_hover (self, find_point (self, x, y));
}

static void
on_leave_cb (GtkEventControllerMotion *motion,
             AmwFundingChart          *self)
{
  set_hover (self, -1);
}

static gboolean
amw_funding_chart_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard_mode,
                                 GtkTooltip *tooltip)
{
  AmwFundingChart *self = AMW_FUNDING_CHART (widget);
  int index = find_point (self, x, y);
  const ChartPoint *point;
  g_autofree char *type = NULL;
  g_autofree char *date = NULL;
  g_autofree char *amount = NULL;
  g_autofree char *total = NULL;
  g_autofree char *text = NULL;

  if (index < 0)
    return FALSE;
  point = &g_array_index (self->points, ChartPoint, index);
  type = amw_round_type_label (point->type);
  date = amw_format_date (point->date, NULL);
  amount = amw_format_money_short (point->usd_minor, "USD");
  total = amw_format_money_short (point->cumulative, "USD");
  /* TRANSLATORS: tooltip of a point of the funding chart:
   * "Series A, 12 Mar 2025" then "$55M (total $355M)" */
  text = g_strdup_printf (_("%s, %s\n%s (total %s)"), type, date, amount, total);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
amw_funding_chart_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 480;
    }
  else
    {
      *minimum = 160;
      *natural = 220;
    }
}

static void
amw_funding_chart_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  AmwFundingChart *self = AMW_FUNDING_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  const ChartPoint *first, *last;
  g_autoptr(GPtrArray) y_layouts = NULL;
  g_autoptr(PangoLayout) probe = NULL;
  GdkRGBA fg, accent, grid, axis, text, fill;
  double step, span, x_label_height, y_label_width = 0, px_per_month;
  guint n_y_ticks, month_step = month_steps[G_N_ELEMENTS (month_steps) - 1];
  int label_w, label_h, first_month, last_month;
  cairo_t *cr;

  if (self->points->len == 0 || width < 80 || height < 80)
    return;

  get_colors (widget, &fg, &accent);
  grid = axis = text = fg;
  grid.alpha *= 0.12f;
  axis.alpha *= 0.35f;
  text.alpha *= 0.7f;
  fill = accent;
  fill.alpha *= 0.18f;

  first = &g_array_index (self->points, ChartPoint, 0);
  last = &g_array_index (self->points, ChartPoint, self->points->len - 1);

  /* y axis: zero to a round number above the total, in about four steps */
  step = nice_step ((double) last->cumulative / 4);
  /* About four; never more than ten, whatever the amounts (a database written by another
   * program may hold any). */
  n_y_ticks = (guint) CLAMP (ceil ((double) last->cumulative / step - 1e-9), 1, 10);
  self->y_top = n_y_ticks * step;

  y_layouts = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i <= n_y_ticks; i++)
    {
      /* A tick above the largest 64-bit amount is labelled with that amount. */
      g_autofree char *label = amw_format_money_short (i * step < 9.2e18 ? (gint64) llround (i * step) : G_MAXINT64,
                                                       "USD");
      PangoLayout *layout = create_axis_layout (widget, label);

      pango_layout_get_pixel_size (layout, &label_w, &label_h);
      y_label_width = MAX (y_label_width, label_w);
      g_ptr_array_add (y_layouts, layout);
    }
  x_label_height = label_h;

  /* x axis: the rounds with some air on both sides */
  span = (double) last->day - first->day;
  if (span < MIN_SPAN_DAYS)
    {
      self->x_min = first->day - (MIN_SPAN_DAYS - span) / 2;
      self->x_max = last->day + (MIN_SPAN_DAYS - span) / 2;
    }
  else
    {
      self->x_min = first->day - span * 0.06;
      self->x_max = last->day + span * 0.06;
    }

  self->plot = GRAPHENE_RECT_INIT ((float) (y_label_width + 10), (float) (label_h / 2.0 + 2),
                                   (float) (width - y_label_width - 10 - 12),
                                   (float) (height - label_h / 2.0 - 2 - x_label_height - 10));
  if (self->plot.size.width < 40 || self->plot.size.height < 40)
    return;

  /* Pick the smallest month step whose labels do not collide. */
  probe = create_axis_layout (widget, "Sep 2026");
  pango_layout_get_pixel_size (probe, &label_w, NULL);
  px_per_month = self->plot.size.width / ((self->x_max - self->x_min) / 30.44);
  for (guint i = 0; i < G_N_ELEMENTS (month_steps); i++)
    {
      /* Year labels are about half as wide as month labels. */
      double needed = (month_steps[i] >= 12 ? label_w * 0.6 : label_w) + 16;

      if (month_steps[i] * px_per_month >= needed)
        {
          month_step = month_steps[i];
          break;
        }
    }

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_width (cr, 1);

  /* grid lines and the zero line */
  for (guint i = 0; i <= n_y_ticks; i++)
    {
      double y = round (y_for_value (self, i * step)) + 0.5;

      gdk_cairo_set_source_rgba (cr, i == 0 ? &axis : &grid);
      cairo_move_to (cr, self->plot.origin.x, y);
      cairo_line_to (cr, self->plot.origin.x + self->plot.size.width, y);
      cairo_stroke (cr);
    }

  /* month or year ticks */
  first_month = day_to_month_index (self->x_min);
  last_month = day_to_month_index (self->x_max);
  gdk_cairo_set_source_rgba (cr, &axis);
  for (int m = first_month; m <= last_month; m++)
    {
      double day = month_start_day (m), x;

      if (m % (int) month_step != 0 || day < self->x_min || day > self->x_max)
        continue;
      x = round (x_for_day (self, day)) + 0.5;
      cairo_move_to (cr, x, self->plot.origin.y + self->plot.size.height);
      cairo_line_to (cr, x, self->plot.origin.y + self->plot.size.height + TICK_LENGTH);
      cairo_stroke (cr);
    }

  /* the step line: flat at zero until the first round, up at every round, flat to the end */
  cairo_move_to (cr, self->plot.origin.x, y_for_value (self, 0));
  {
    double value = 0;

    for (guint i = 0; i < self->points->len; i++)
      {
        const ChartPoint *point = &g_array_index (self->points, ChartPoint, i);
        double x = x_for_day (self, point->day);

        cairo_line_to (cr, x, y_for_value (self, value));
        value = (double) point->cumulative;
        cairo_line_to (cr, x, y_for_value (self, value));
      }
    cairo_line_to (cr, self->plot.origin.x + self->plot.size.width, y_for_value (self, value));
  }
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, 2);
  {
    cairo_path_t *line = cairo_copy_path (cr);

    /* close the same path down to the zero line for the area under it */
    cairo_line_to (cr, self->plot.origin.x + self->plot.size.width, y_for_value (self, 0));
    cairo_close_path (cr);
    gdk_cairo_set_source_rgba (cr, &fill);
    cairo_fill (cr);

    cairo_append_path (cr, line);
    gdk_cairo_set_source_rgba (cr, &accent);
    cairo_stroke (cr);
    cairo_path_destroy (line);
  }

  /* a point at each round */
  for (guint i = 0; i < self->points->len; i++)
    {
      const ChartPoint *point = &g_array_index (self->points, ChartPoint, i);

      cairo_arc (cr, x_for_day (self, point->day), y_for_value (self, (double) point->cumulative),
                 (int) i == self->hover ? HOVER_RADIUS : POINT_RADIUS, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  cairo_destroy (cr);

  /* labels go on top */
  for (guint i = 0; i <= n_y_ticks; i++)
    {
      PangoLayout *layout = g_ptr_array_index (y_layouts, i);
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      append_layout_at (snapshot, layout, y_label_width - w,
                        y_for_value (self, i * step) - h / 2.0, &text);
    }
  for (int m = first_month; m <= last_month; m++)
    {
      double day = month_start_day (m), x;
      g_autofree char *iso = NULL;
      g_autofree char *label = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      int w;

      if (m % (int) month_step != 0 || day < self->x_min || day > self->x_max)
        continue;
      iso = day_to_iso ((guint32) day);
      label = amw_format_date (iso, month_step >= 12 ? "year" : "month");
      layout = create_axis_layout (widget, label);
      pango_layout_get_pixel_size (layout, &w, NULL);
      x = CLAMP (x_for_day (self, day) - w / 2.0, 0, width - w);
      append_layout_at (snapshot, layout, x,
                        self->plot.origin.y + self->plot.size.height + TICK_LENGTH + 4, &text);
    }
}

static void
amw_funding_chart_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  AmwFundingChart *self = AMW_FUNDING_CHART (object);

  switch (prop_id)
    {
    case PROP_N_POINTS:
      g_value_set_uint (value, self->points->len);
      break;

    case PROP_N_SKIPPED:
      g_value_set_uint (value, self->n_skipped);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
amw_funding_chart_finalize (GObject *object)
{
  AmwFundingChart *self = AMW_FUNDING_CHART (object);

  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->summary, g_free);
  G_OBJECT_CLASS (amw_funding_chart_parent_class)->finalize (object);
}

static void
amw_funding_chart_class_init (AmwFundingChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = amw_funding_chart_finalize;
  object_class->get_property = amw_funding_chart_get_property;

  widget_class->measure = amw_funding_chart_measure;
  widget_class->snapshot = amw_funding_chart_snapshot;
  widget_class->query_tooltip = amw_funding_chart_query_tooltip;

  properties[PROP_N_POINTS] =
    g_param_spec_uint ("n-points", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_SKIPPED] =
    g_param_spec_uint ("n-skipped", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "fundingchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
amw_funding_chart_init (AmwFundingChart *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();

  self->points = g_array_new (FALSE, TRUE, sizeof (ChartPoint));
  g_array_set_clear_func (self->points, chart_point_clear);
  self->hover = -1;

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  update_summary (self);
}

GtkWidget *
amw_funding_chart_new (void)
{
  return g_object_new (AMW_TYPE_FUNDING_CHART, NULL);
}

void
amw_funding_chart_set_rounds (AmwFundingChart *self,
                              GPtrArray       *rounds)
{
  guint old_points, old_skipped;
  gint64 cumulative = 0;

  g_return_if_fail (AMW_IS_FUNDING_CHART (self));

  old_points = self->points->len;
  old_skipped = self->n_skipped;
  g_array_set_size (self->points, 0);
  self->n_skipped = 0;
  self->hover = -1;

  for (guint i = 0; rounds != NULL && i < rounds->len; i++)
    {
      const AmwFundingRound *round = g_ptr_array_index (rounds, i);
      ChartPoint point = { 0 };

      if (!round->has_amount_usd || round->amount_usd_minor < 0 ||
          !parse_day (round->announced, &point.day))
        {
          self->n_skipped++;
          continue;
        }
      point.usd_minor = round->amount_usd_minor;
      point.date = g_strdup (round->announced);
      point.type = g_strdup (round->type);
      g_array_append_val (self->points, point);
    }
  g_array_sort (self->points, compare_points);
  for (guint i = 0; i < self->points->len; i++)
    {
      ChartPoint *point = &g_array_index (self->points, ChartPoint, i);

      cumulative = amw_saturating_add (cumulative, point->usd_minor);
      point->cumulative = cumulative;
    }

  update_summary (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (old_points != self->points->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_POINTS]);
  if (old_skipped != self->n_skipped)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_SKIPPED]);
}

guint
amw_funding_chart_get_n_points (AmwFundingChart *self)
{
  g_return_val_if_fail (AMW_IS_FUNDING_CHART (self), 0);
  return self->points->len;
}

guint
amw_funding_chart_get_n_skipped (AmwFundingChart *self)
{
  g_return_val_if_fail (AMW_IS_FUNDING_CHART (self), 0);
  return self->n_skipped;
}

gint64
amw_funding_chart_get_total (AmwFundingChart *self)
{
  g_return_val_if_fail (AMW_IS_FUNDING_CHART (self), 0);
  if (self->points->len == 0)
    return 0;
  return g_array_index (self->points, ChartPoint, self->points->len - 1).cumulative;
}

const char *
amw_funding_chart_get_summary (AmwFundingChart *self)
{
  g_return_val_if_fail (AMW_IS_FUNDING_CHART (self), NULL);
  return self->summary;
}
