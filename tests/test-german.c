/* test-german.c — the German catalogue of the build tree loads and reads as German:
 * contexts, plurals, the short relative dates and the labels of amw-format.c. */
#include "amw-config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "amw-format.h"

static void
test_messages (void)
{
  g_assert_cmpstr (_("The AMW Read"), ==, "Die AMW-Einschätzung");
  g_assert_cmpstr (_("How This Connects"), ==, "Zusammenhänge");
  g_assert_cmpstr (_("Novelty"), ==, "Neuheit");
  g_assert_cmpstr (_("Significance"), ==, "Bedeutung");
  g_assert_cmpstr (_("_Import JSON…"), ==, "JSON _importieren…");
  g_assert_cmpstr (_("translator-credits"), ==, "AMW Desk team");
  /* The same English word, told apart by its context. */
  g_assert_cmpstr (C_("event kind", "Other"), ==, "Sonstiges");
  g_assert_cmpstr (C_("round", "Other"), ==, "Sonstige");
  g_assert_cmpstr (C_("column", "Tags"), ==, "Schlagwörter");
}

static void
test_plurals (void)
{
  g_autofree char *one = g_strdup_printf (ngettext ("%u tag", "%u tags", 1), 1);
  g_autofree char *two = g_strdup_printf (ngettext ("%u tag", "%u tags", 2), 2);
  g_autofree char *none = g_strdup_printf (ngettext ("%u entry", "%u entries", 0), 0);

  g_assert_cmpstr (one, ==, "1 Schlagwort");
  g_assert_cmpstr (two, ==, "2 Schlagwörter");
  g_assert_cmpstr (none, ==, "0 Einträge");
}

static void
test_labels (void)
{
  g_autofree char *series = amw_round_type_label ("series-b");
  g_autofree char *ipo = amw_round_type_label ("ipo");

  g_assert_cmpstr (amw_status_label ("draft"), ==, "Entwurf");
  g_assert_cmpstr (amw_status_label ("in-review"), ==, "In Prüfung");
  g_assert_cmpstr (amw_status_label ("ready"), ==, "Bereit");
  g_assert_cmpstr (amw_status_label ("published"), ==, "Veröffentlicht");
  g_assert_cmpstr (amw_status_label ("archived"), ==, "Archiviert");
  g_assert_cmpstr (amw_event_kind_label ("people"), ==, "Personalien");
  g_assert_cmpstr (series, ==, "Series B");
  g_assert_cmpstr (ipo, ==, "Börsengang");
}

static void
test_relative_dates (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 11, 27, 12, 0, 0);
  struct { const char *date; const char *expected; } cases[] = {
    { "2026-11-27", "heute" },
    { "2026-11-26", "gestern" },
    { "2026-11-28", "morgen" },
    { "2026-11-24", "vor 3 T." },
    { "2026-11-30", "in 3 T." },
    { "2026-11-13", "vor 2 Wo." },
    { "2026-08-27", "vor 3 Mon." },
    { "2024-11-27", "vor 2 J." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = amw_format_relative_date (cases[i].date, now);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

/* Month names come from the C library's German locale, which may not be generated. */
static void
test_full_date (void)
{
  g_autofree char *date = NULL;

  if (setlocale (LC_TIME, "de_DE.UTF-8") == NULL)
    {
      g_test_skip ("the de_DE.UTF-8 locale is not generated (locale-gen)");
      return;
    }
  date = amw_format_date ("2026-03-05", NULL);
  setlocale (LC_TIME, "C.UTF-8");
  g_assert_cmpstr (date, ==, "5. Mär 2026");
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("AMW_BUILD_LOCALEDIR");

  /* gettext ignores LANGUAGE only in the "C" locale, not in C.UTF-8. */
  g_setenv ("LANGUAGE", "de", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/german/messages", test_messages);
  g_test_add_func ("/german/plurals", test_plurals);
  g_test_add_func ("/german/labels", test_labels);
  g_test_add_func ("/german/relative-dates", test_relative_dates);
  g_test_add_func ("/german/full-date", test_full_date);
  return g_test_run ();
}
