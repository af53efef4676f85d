/* amw-rating-meter.c — a 1–5 rating drawn as five pips in the accent colour.
 * It is a meter for assistive technologies, with its value as text ("3 of 5"). */
#include "amw-config.h"
#include "amw-rating-meter.h"

#include <glib/gi18n.h>

#define N_PIPS    5
#define PIP_WIDTH 8
#define PIP_GAP   3
#define PIP_HEIGHT 10

struct _AmwRatingMeter
{
  GtkWidget parent_instance;
  int       value;
};

G_DEFINE_FINAL_TYPE (AmwRatingMeter, amw_rating_meter, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_accessible (AmwRatingMeter *self)
{
  g_autofree char *text = self->value > 0
    ? g_strdup_printf (_("%d of 5"), self->value)
    : g_strdup (_("Unrated"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 5.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, (double) self->value,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), text);
}

static void
amw_rating_meter_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = N_PIPS * PIP_WIDTH + (N_PIPS - 1) * PIP_GAP;
  else
    *minimum = *natural = PIP_HEIGHT;
}

static void
amw_rating_meter_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  AmwRatingMeter *self = AMW_RATING_METER (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  int height = gtk_widget_get_height (widget);
  float y = (height - PIP_HEIGHT) / 2.0f;
  GdkRGBA accent, empty;

  /* GTK 4.8: the style context is how a widget reads theme colours. */
  if (!gtk_style_context_lookup_color (context, "accent_color", &accent))
    gdk_rgba_parse (&accent, "#3584e4");
  gtk_style_context_get_color (context, &empty);
  empty.alpha = 0.18f;

  for (int i = 0; i < N_PIPS; i++)
    {
      GskRoundedRect pip;
      graphene_rect_t bounds = GRAPHENE_RECT_INIT (i * (PIP_WIDTH + PIP_GAP), y, PIP_WIDTH, PIP_HEIGHT);

      gsk_rounded_rect_init_from_rect (&pip, &bounds, 3);
      gtk_snapshot_push_rounded_clip (snapshot, &pip);
      gtk_snapshot_append_color (snapshot, i < self->value ? &accent : &empty, &bounds);
      gtk_snapshot_pop (snapshot);
    }
}

static void
amw_rating_meter_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  AmwRatingMeter *self = AMW_RATING_METER (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_int (value, self->value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
amw_rating_meter_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  AmwRatingMeter *self = AMW_RATING_METER (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      amw_rating_meter_set_value (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
amw_rating_meter_class_init (AmwRatingMeterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = amw_rating_meter_get_property;
  object_class->set_property = amw_rating_meter_set_property;
  widget_class->measure = amw_rating_meter_measure;
  widget_class->snapshot = amw_rating_meter_snapshot;

  properties[PROP_VALUE] =
    g_param_spec_int ("value", NULL, NULL, 0, 5, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "ratingmeter");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_METER);
}

static void
amw_rating_meter_init (AmwRatingMeter *self)
{
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  update_accessible (self);
}

GtkWidget *
amw_rating_meter_new (void)
{
  return g_object_new (AMW_TYPE_RATING_METER, NULL);
}

int
amw_rating_meter_get_value (AmwRatingMeter *self)
{
  g_return_val_if_fail (AMW_IS_RATING_METER (self), 0);
  return self->value;
}

void
amw_rating_meter_set_value (AmwRatingMeter *self,
                            int             value)
{
  g_return_if_fail (AMW_IS_RATING_METER (self));

  value = CLAMP (value, 0, 5);
  if (self->value == value)
    return;
  self->value = value;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}
