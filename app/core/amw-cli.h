/* amw-cli.h — the headless command line: import and export without a display */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The options AmwApplication registers; amw_cli_run reads them back. */
const GOptionEntry *amw_cli_get_option_entries (void);

/* Runs --import/--export/--version from @options. Returns the exit status, or -1 when
 * nothing headless was asked for and the GUI should start. */
int amw_cli_run (GVariantDict *options);

G_END_DECLS
