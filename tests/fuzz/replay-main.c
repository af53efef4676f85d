/* replay-main.c — a main() for the libFuzzer harnesses without libFuzzer: runs every file
 * given (or every file of the folders given) through LLVMFuzzerTestOneInput once.
 *
 * The ordinary build links each harness with this file and runs it over its seed corpus
 * (tests/meson.build: fuzz-import-seeds, fuzz-search-seeds), so the harnesses keep
 * compiling and their invariants hold on the seeds in every `make check`, with no clang.
 * Files named crash-* are skipped there: they are the open bugs, replayed by
 * `tools/fuzz.sh --replay` under the sanitizers. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static guint
run_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      fprintf (stderr, "replay: %s\n", error->message);
      return 0;
    }
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0, n_args = 0;

  LLVMFuzzerInitialize (&argc, &argv);
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      n_args++;
      if (!g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          n += run_file (argv[i]);
          continue;
        }
      dir = g_dir_open (argv[i], 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);

          if (g_str_has_prefix (name, "crash-"))
            continue;
          n += run_file (path);
        }
    }
  printf ("replayed %u inputs\n", n);
  return n > 0 || n_args == 0 ? 0 : 1;
}
