/* test-ui-files.c — every GtkBuilder file of the gresource builds without a warning.
 *
 * `gtk4-builder-tool validate` cannot load libadwaita types and needs a display, so the .ui
 * files are checked here instead, one test case per file, each in a subprocess (warnings and
 * criticals are fatal under g_test_init, and one broken file must not hide the others):
 *
 *  - a file whose root is a <template> is checked by instantiating its class with
 *    g_object_new(), which runs gtk_widget_init_template() on that file;
 *  - any other file is loaded with gtk_builder_add_from_resource().
 *
 * Template classes are found the way GtkBuilder finds them (AmwFooBar → amw_foo_bar_get_type,
 * looked up in the executable), so this test is linked with export_dynamic. It also checks
 * that every .ui file under ui/ is in the gresource, and that the symbolic app icon the empty
 * state uses is found through the application's resource icon path.
 *
 * Some views refuse to be built without their store (a construct-only "store" property):
 * they get an empty store in a scratch directory. */
#include <adwaita.h>

#include "amw-store.h"
#include "amw-test-utils.h"

#define RESOURCE_BASE "/com/example/Amw"

/* Helpers */

static void
collect_resources (const char *dir,
                   GPtrArray  *paths)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) children = g_resources_enumerate_children (dir, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                                           &error);

  g_assert_no_error (error);
  for (guint i = 0; children[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (dir, "/", children[i], NULL);

      if (g_str_has_suffix (children[i], "/"))
        {
          path[strlen (path) - 1] = '\0';
          collect_resources (path, paths);
        }
      else if (g_str_has_suffix (children[i], ".ui"))
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }
}

static void
collect_files (const char *dir,
               const char *relative,
               GPtrArray  *paths)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) d = g_dir_open (dir, 0, &error);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *rel = relative ? g_strconcat (relative, "/", name, NULL) : g_strdup (name);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_files (path, rel, paths);
      else if (g_str_has_suffix (name, ".ui"))
        g_ptr_array_add (paths, g_steal_pointer (&rel));
    }
}

typedef struct {
  int   depth;
  char *template_class;
} RootInfo;

static void
root_start_element (GMarkupParseContext  *context,
                    const char           *element_name,
                    const char          **attribute_names,
                    const char          **attribute_values,
                    gpointer              user_data,
                    GError              **error)
{
  RootInfo *info = user_data;

  /* <interface> is depth 1; a <template> is one of its children. */
  if (++info->depth == 2 && g_str_equal (element_name, "template") &&
      info->template_class == NULL)
    {
      for (guint i = 0; attribute_names[i] != NULL; i++)
        if (g_str_equal (attribute_names[i], "class"))
          info->template_class = g_strdup (attribute_values[i]);
    }
}

static void
root_end_element (GMarkupParseContext  *context,
                  const char           *element_name,
                  gpointer              user_data,
                  GError              **error)
{
  ((RootInfo *) user_data)->depth--;
}

/* Returns the class of the file's <template>, or NULL when it has none. */
static char *
find_template_class (GBytes *bytes)
{
  static const GMarkupParser parser = { root_start_element, root_end_element, NULL, NULL, NULL };
  RootInfo info = { 0, NULL };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, &info, NULL);
  g_autoptr(GError) error = NULL;
  gsize len;
  const char *text = g_bytes_get_data (bytes, &len);

  g_markup_parse_context_parse (context, text, len, &error);
  if (error == NULL)
    g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
  return info.template_class;
}

static void
destroy_toplevels (GtkBuilder *builder)
{
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);

  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_WINDOW (l->data))
      gtk_window_destroy (GTK_WINDOW (l->data));
}

static AmwStore *scratch_store;
static char *scratch_dir;

static AmwStore *
get_scratch_store (void)
{
  if (scratch_store == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;

      scratch_dir = amw_test_make_tmpdir ();
      path = g_build_filename (scratch_dir, "amw.db", NULL);
      scratch_store = amw_store_open (path, &error);
      g_assert_no_error (error);
    }
  return scratch_store;
}

/* g_object_new (type), giving an empty store to each construct property that takes one. */
static GObject *
new_with_store_properties (GType type)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (GValue));
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;
  GObject *object;

  g_array_set_clear_func (values, (GDestroyNotify) g_value_unset);
  pspecs = g_object_class_list_properties (G_OBJECT_CLASS (klass), &n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      GValue value = G_VALUE_INIT;

      if ((pspecs[i]->flags & (G_PARAM_CONSTRUCT | G_PARAM_CONSTRUCT_ONLY)) == 0 ||
          (pspecs[i]->flags & G_PARAM_WRITABLE) == 0 ||
          !g_type_is_a (AMW_TYPE_STORE, pspecs[i]->value_type) ||
          pspecs[i]->value_type == G_TYPE_OBJECT)
        continue;
      g_value_init (&value, pspecs[i]->value_type);
      g_value_set_object (&value, get_scratch_store ());
      g_ptr_array_add (names, (gpointer) pspecs[i]->name);
      g_array_append_val (values, value);
    }

  object = g_object_new_with_properties (type, names->len, (const char **) names->pdata,
                                         (const GValue *) values->data);
  return object;
}

/* Tests */

static void
check_ui_file (const char *resource)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, G_RESOURCE_LOOKUP_FLAGS_NONE,
                                                     &error);
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autofree char *template_class = NULL;

  g_assert_no_error (error);
  template_class = find_template_class (bytes);

  if (template_class != NULL)
    {
      GType type = gtk_builder_get_type_from_name (builder, template_class);
      GObject *object;

      if (type == G_TYPE_INVALID)
        g_error ("%s: template class %s is not known (is it linked into amw-gui?)",
                 resource, template_class);
      g_assert_true (g_type_is_a (type, GTK_TYPE_WIDGET));

      g_test_message ("%s: instantiating template class %s", resource, template_class);
      object = g_object_ref_sink (new_with_store_properties (type));
      if (GTK_IS_WINDOW (object))
        gtk_window_destroy (GTK_WINDOW (object));
      g_object_unref (object);
      g_clear_object (&scratch_store);
      if (scratch_dir != NULL)
        amw_test_remove_tree (scratch_dir);
      g_clear_pointer (&scratch_dir, g_free);
    }
  else
    {
      g_test_message ("%s: loading with GtkBuilder", resource);
      gtk_builder_add_from_resource (builder, resource, &error);
      g_assert_no_error (error);
      destroy_toplevels (builder);
    }

  /* Let idles queued during construction run: they may warn too. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_ui_file (gconstpointer data)
{
  const char *resource = data;

  if (g_test_subprocess ())
    {
      check_ui_file (resource);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT |
                                   G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_all_listed (void)
{
  const char *root = g_getenv ("AMW_SOURCE_ROOT");
  g_autofree char *ui_dir = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) resources = g_ptr_array_new_with_free_func (g_free);

  if (root == NULL)
    {
      g_test_skip ("AMW_SOURCE_ROOT is not set");
      return;
    }

  ui_dir = g_build_filename (root, "ui", NULL);
  collect_files (ui_dir, NULL, files);
  collect_resources (RESOURCE_BASE, resources);
  g_assert_cmpuint (files->len, >, 0);

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *resource = g_strconcat (RESOURCE_BASE "/", g_ptr_array_index (files, i),
                                               NULL);

      if (!g_ptr_array_find_with_equal_func (resources, resource, g_str_equal, NULL))
        g_error ("ui/%s is not in ui/amw.gresource.xml", (char *) g_ptr_array_index (files, i));
    }
}

static void
test_symbolic_icon (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  g_autoptr(GtkIconPaintable) icon = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *uri = NULL;

  /* What GtkApplication does with its resource-base-path at startup. */
  gtk_icon_theme_add_resource_path (theme, RESOURCE_BASE "/icons");
  g_assert_true (gtk_icon_theme_has_icon (theme, "com.example.Amw-symbolic"));

  icon = gtk_icon_theme_lookup_icon (theme, "com.example.Amw-symbolic", NULL, 16, 1,
                                     GTK_TEXT_DIR_NONE, 0);
  g_assert_true (gtk_icon_paintable_is_symbolic (icon));
  file = gtk_icon_paintable_get_file (icon);
  g_assert_nonnull (file);
  uri = g_file_get_uri (file);
  g_assert_true (g_str_has_prefix (uri, "resource://" RESOURCE_BASE "/icons/"));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) resources = g_ptr_array_new_with_free_func (g_free);

  amw_test_ignore_glib_quark_leak ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* In the parent, a failed file is reported and the next one still runs. */
  if (!g_test_subprocess ())
    g_test_set_nonfatal_assertions ();

  collect_resources (RESOURCE_BASE, resources);
  g_ptr_array_sort (resources, compare_strings);
  for (guint i = 0; i < resources->len; i++)
    {
      const char *resource = g_ptr_array_index (resources, i);
      g_autofree char *test_path = g_strconcat ("/ui-files", resource + strlen (RESOURCE_BASE),
                                                NULL);

      g_test_add_data_func (test_path, resource, test_ui_file);
    }
  g_test_add_func ("/ui-files-listed", test_all_listed);
  g_test_add_func ("/symbolic-icon", test_symbolic_icon);

  return g_test_run ();
}
