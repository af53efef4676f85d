/* crash-bulk-edit.c — a helper of test-crash-safety: one bulk edit through the core API,
 * for the test to kill with SIGKILL while it runs.
 *
 *   crash-bulk-edit DB PREFIX N TAG
 *
 * Opens the store at DB and adds TAG to the articles PREFIX00001 … PREFIX<N> (five-digit
 * numbers) with one amw_store_add_tag call: one transaction, one undoable command.
 * Prints "editing" when it starts the edit and "done" after it. Exit status 0 on
 * success, 1 with the reason on stderr otherwise. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "amw-store.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwStore) store = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  guint n;

  setlocale (LC_ALL, "");
  if (argc != 5 || (n = (guint) g_ascii_strtoull (argv[3], NULL, 10)) == 0)
    {
      fprintf (stderr, "usage: crash-bulk-edit DB PREFIX N TAG\n");
      return 2;
    }
  for (guint i = 1; i <= n; i++)
    g_ptr_array_add (ids, g_strdup_printf ("%s%05u", argv[2], i));
  g_ptr_array_add (ids, NULL);

  store = amw_store_open (argv[1], &error);
  if (store == NULL)
    {
      fprintf (stderr, "crash-bulk-edit: %s\n", error->message);
      return 1;
    }
  amw_store_set_editor (store, "Crash Test");
  printf ("editing\n");
  fflush (stdout);
  if (!amw_store_add_tag (store, (const char * const *) ids->pdata, argv[4], &error))
    {
      fprintf (stderr, "crash-bulk-edit: %s\n", error->message);
      return 1;
    }
  printf ("done\n");
  return 0;
}
