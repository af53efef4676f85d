/* amw-funding-chart.h — cumulative USD raised by one company, drawn as a step chart */
#pragma once

#include <gtk/gtk.h>

#include "amw-records.h"

G_BEGIN_DECLS

#define AMW_TYPE_FUNDING_CHART (amw_funding_chart_get_type ())
G_DECLARE_FINAL_TYPE (AmwFundingChart, amw_funding_chart, AMW, FUNDING_CHART, GtkWidget)

GtkWidget  *amw_funding_chart_new           (void);
/* @rounds: AmwFundingRound, in any order, or NULL to clear. The values are copied.
 * Rounds without a USD value or a readable date are skipped and counted in n-skipped. */
void        amw_funding_chart_set_rounds    (AmwFundingChart *self,
                                             GPtrArray       *rounds);
/* How many rounds are drawn as points. */
guint       amw_funding_chart_get_n_points  (AmwFundingChart *self);
/* How many rounds were left out (no USD value or no date). */
guint       amw_funding_chart_get_n_skipped (AmwFundingChart *self);
/* Sum of the drawn rounds in USD minor units (0 when there is none). */
gint64      amw_funding_chart_get_total     (AmwFundingChart *self);
/* The sentence given to assistive technologies, e.g.
 * "Cumulative funding: $25B over 1 round, latest 20 Apr 2026". */
const char *amw_funding_chart_get_summary   (AmwFundingChart *self);

G_END_DECLS
