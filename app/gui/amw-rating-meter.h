/* amw-rating-meter.h — a 1–5 rating drawn as five pips */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define AMW_TYPE_RATING_METER (amw_rating_meter_get_type ())
G_DECLARE_FINAL_TYPE (AmwRatingMeter, amw_rating_meter, AMW, RATING_METER, GtkWidget)

GtkWidget *amw_rating_meter_new       (void);
/* 0 = unrated, 1–5 */
int        amw_rating_meter_get_value (AmwRatingMeter *self);
void       amw_rating_meter_set_value (AmwRatingMeter *self,
                                       int             value);

G_END_DECLS
