/* amw-company-dialog.c — edit one company: facts, aliases and funding rounds
 *
 * The record is read once with amw_store_get_company(); the widgets hold the edit; Save
 * builds an edited AmwCompany from them and hands it whole to amw_store_edit_company(), so
 * the facts, the aliases and every round change as one command and one undo step.
 *
 * Each funding round is an AdwExpanderRow whose rows are its fields ("inline rows").
 * Values the dialog does not edit — a round's post-money valuation and other participants
 * — are carried over from the stored round unchanged.
 *
 * Money is typed as a decimal amount ("7400000000.00") and read digit by digit into
 * integer minor units: a double cannot hold every amount in cents exactly. */
#include "amw-config.h"
#include "amw-company-dialog.h"

#include <glib/gi18n.h>

#include "amw-entry-limits.h"
#include "amw-format.h"

/* Round types the combo offers, in the order rounds happen; a stored type outside this
 * list (a late series) is added to the editor of that round. */
static const char * const round_types[] = {
  "pre-seed", "seed", "series-a", "series-b", "series-c", "series-d", "series-e", "series-f",
  "series-g", "series-h", "strategic", "debt", "grant", "ipo", "other", NULL
};

/* Employee ranges the combo offers; "" is unknown. */
static const char * const employee_ranges[] = {
  "", "1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5001-10000", "10001+", NULL
};

/* One funding round as edited: its expander row and the rows of its fields. */
typedef struct {
  AmwCompanyDialog *dialog;        /* unowned: the dialog owns the editor */
  AmwFundingRound  *original;      /* the stored round, or NULL for a new one */
  GPtrArray        *types;         /* char *: the round type of each combo item */
  AdwExpanderRow   *row;
  AdwEntryRow      *date_row;
  AdwComboRow      *type_row;
  AdwEntryRow      *amount_row;
  AdwEntryRow      *currency_row;
  AdwEntryRow      *usd_row;
  AdwEntryRow      *leads_row;
  AdwEntryRow      *source_row;
  GtkWidget        *problem_icon;
} RoundEditor;

struct _AmwCompanyDialog
{
  AdwWindow             parent_instance;

  /* template widgets */
  AdwWindowTitle       *window_title;
  AdwEntryRow          *name_row;
  AdwEntryRow          *website_row;
  AdwEntryRow          *city_row;
  AdwEntryRow          *country_row;
  AdwEntryRow          *founded_row;
  AdwComboRow          *status_row;
  AdwEntryRow          *ticker_row;
  AdwEntryRow          *sector_row;
  AdwComboRow          *employees_row;
  GtkStringList        *employees_model;
  AdwEntryRow          *verified_row;
  GtkTextView          *description_view;
  GtkLabel             *facts_problem_label;
  GtkFlowBox           *aliases_box;
  AdwEntryRow          *alias_row;
  GtkLabel             *aliases_problem_label;
  GtkListBox           *rounds_list;
  GtkLabel             *rounds_problem_label;

  /* owned */
  AmwStore             *store;
  char                 *company_id;
  AmwCompany           *company;       /* as stored */
  GPtrArray            *employee_values; /* char *, parallel to employees_model */
  GPtrArray            *aliases;       /* char *, as edited */
  GPtrArray            *rounds;        /* RoundEditor, in list order */
  char                 *loaded_state;  /* snapshot() right after loading */
  gboolean              quiet;         /* checks nothing: while loading, and from dispose on */
  gboolean              valid;
};

G_DEFINE_FINAL_TYPE (AmwCompanyDialog, amw_company_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_COMPANY_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void validate (AmwCompanyDialog *self);

/* ---- money ---- */

guint
amw_currency_decimals (const char *currency)
{
  /* The same zero-decimal currencies amw_format_money() prints without cents. */
  static const char * const zero_decimal[] = { "JPY", "KRW", "VND", "CLP", "ISK", "XOF", "XAF", NULL };

  return currency != NULL && g_strv_contains (zero_decimal, currency) ? 0 : 2;
}

gboolean
amw_parse_decimal_amount (const char  *text,
                          guint        decimals,
                          gint64      *minor,
                          const char **problem)
{
  guint64 value = 0;
  guint fraction_digits = 0;
  gboolean point = FALSE;
  gboolean digits = FALSE;
  const char *p;

  g_return_val_if_fail (text != NULL && minor != NULL, FALSE);

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= '0' && c <= '9')
        {
          guint digit = c - '0';

          if (point && fraction_digits == decimals)
            {
              *problem = decimals == 0 ? _("this currency has no smaller unit: write whole amounts")
                                       : _("at most two digits after the point");
              return FALSE;
            }
          if (value > ((guint64) G_MAXINT64 - digit) / 10)
            goto too_large;
          value = value * 10 + digit;
          digits = TRUE;
          if (point)
            fraction_digits++;
        }
      else if (c == '.' && !point)
        point = TRUE;
      else if (c == ' ' || c == '_' || c == 0x00A0 || c == 0x202F)
        continue;
      else if (c == '-' && !digits)
        {
          *problem = _("must be 0 or more");
          return FALSE;
        }
      else
        {
          *problem = _("write digits with an optional decimal point, like 7400000000.00");
          return FALSE;
        }
    }
  if (!digits)
    {
      *problem = _("write digits with an optional decimal point, like 7400000000.00");
      return FALSE;
    }
  for (; fraction_digits < decimals; fraction_digits++)
    {
      if (value > (guint64) G_MAXINT64 / 10)
        goto too_large;
      value *= 10;
    }
  /* The format's largest amount (docs/JSON-FORMAT.md): more could not be exported and
   * imported again. */
  if (value > (guint64) AMW_MAX_MONEY_MINOR)
    goto too_large;
  *minor = (gint64) value;
  return TRUE;

too_large:
  *problem = decimals == 0 ? _("is too large: at most 1000000000000000")
                           : _("is too large: at most 10000000000000.00");
  return FALSE;
}

/* "7400000000.00": how an amount is typed, not how it reads in lists. */
static char *
minor_to_text (gint64      minor,
               const char *currency)
{
  if (amw_currency_decimals (currency) == 0)
    return g_strdup_printf ("%" G_GINT64_FORMAT, minor);
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", minor / 100, (int) (minor % 100));
}

/* ---- helpers ---- */

static const char *
company_status_label (const char *status)
{
  if (g_strcmp0 (status, "active") == 0) return C_("company status", "Active");
  if (g_strcmp0 (status, "acquired") == 0) return C_("company status", "Acquired");
  if (g_strcmp0 (status, "public") == 0) return C_("company status", "Public");
  if (g_strcmp0 (status, "closed") == 0) return C_("company status", "Closed");
  return status;
}

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* NULL for blank text. */
static char *
entry_value (AdwEntryRow *row)
{
  char *text = entry_text (row);

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
set_entry (AdwEntryRow *row,
           const char  *text)
{
  amw_editable_load_text (GTK_EDITABLE (row), text);
}

static char *
description_text (AmwCompanyDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
}

static const char *
selected_status (AmwCompanyDialog *self)
{
  guint i = adw_combo_row_get_selected (self->status_row);

  return i < g_strv_length ((char **) amw_company_statuses) ? amw_company_statuses[i] : "active";
}

static const char *
selected_employees (AmwCompanyDialog *self)
{
  guint i = adw_combo_row_get_selected (self->employees_row);

  return i < self->employee_values->len ? g_ptr_array_index (self->employee_values, i) : "";
}

/* Marks @row invalid with @problem (NULL: valid), for eyes and for screen readers. */
static void
mark_row (GtkWidget  *row,
          const char *problem)
{
  if (problem != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, problem);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      problem, -1);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
show_problems (GtkLabel *label,
               GString  *problems)
{
  gtk_label_set_text (label, problems->str);
  gtk_widget_set_visible (GTK_WIDGET (label), problems->len > 0);
}

static void
add_problem (GString    *problems,
             const char *field,
             const char *problem)
{
  if (problems->len > 0)
    g_string_append_c (problems, '\n');
  /* TRANSLATORS: a field and what is wrong with it: "Website: only http:// … allowed" */
  g_string_append_printf (problems, _("%s: %s"), field, problem);
}

static gboolean
is_valid_ticker (const char *ticker)
{
  if (strlen (ticker) > 12)
    return FALSE;
  for (const char *p = ticker; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-')
      return FALSE;
  return TRUE;
}

static GPtrArray *
split_names (const char *text)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = g_strsplit (text ? text : "", ",", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *name = g_strstrip (parts[i]);

      if (*name != '\0')
        g_ptr_array_add (names, g_strdup (name));
    }
  return names;
}

static char *
join_names (GPtrArray *names)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; names != NULL && i < names->len; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, g_ptr_array_index (names, i));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GPtrArray *
copy_strings (GPtrArray *strings)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; strings != NULL && i < strings->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (strings, i)));
  return copy;
}

static AmwFundingRound *
round_copy (const AmwFundingRound *round)
{
  AmwFundingRound *copy = amw_funding_round_new ();

  copy->id = g_strdup (round->id);
  copy->company_id = g_strdup (round->company_id);
  copy->announced = g_strdup (round->announced);
  copy->type = g_strdup (round->type);
  copy->has_amount = round->has_amount;
  copy->amount_minor = round->amount_minor;
  copy->currency = g_strdup (round->currency);
  copy->has_amount_usd = round->has_amount_usd;
  copy->amount_usd_minor = round->amount_usd_minor;
  copy->has_post_money = round->has_post_money;
  copy->post_money_minor = round->post_money_minor;
  copy->post_money_currency = g_strdup (round->post_money_currency);
  g_ptr_array_unref (copy->lead_investors);
  copy->lead_investors = copy_strings (round->lead_investors);
  g_ptr_array_unref (copy->participants);
  copy->participants = copy_strings (round->participants);
  copy->source_article = g_strdup (round->source_article);
  return copy;
}

/* ---- funding round editors ---- */

static void
round_editor_free (RoundEditor *editor)
{
  g_clear_pointer (&editor->original, amw_funding_round_free);
  g_ptr_array_unref (editor->types);
  g_free (editor);
}

static const char *
round_editor_type (RoundEditor *editor)
{
  guint i = adw_combo_row_get_selected (editor->type_row);

  return i < editor->types->len ? g_ptr_array_index (editor->types, i) : "other";
}

/* "Series A · 12 Mar 2026" */
static char *
round_editor_title (RoundEditor *editor)
{
  g_autofree char *type = amw_round_type_label (round_editor_type (editor));
  g_autofree char *announced = entry_text (editor->date_row);
  g_autofree char *date = NULL;

  if (!amw_is_valid_date (announced))
    return g_steal_pointer (&type);
  date = amw_format_date (announced, NULL);
  return g_strdup_printf ("%s · %s", type, date);
}

/* Checks the round's fields and marks them. Fills @round (optional) when they are valid;
 * returns the first problem, prefixed by its field, or NULL. */
static char *
round_editor_check (RoundEditor     *editor,
                    AmwFundingRound *round)
{
  AmwCompanyDialog *self = editor->dialog;
  g_autofree char *announced = entry_text (editor->date_row);
  g_autofree char *amount = entry_text (editor->amount_row);
  g_autofree char *currency = entry_text (editor->currency_row);
  g_autofree char *usd = entry_text (editor->usd_row);
  g_autofree char *leads = entry_text (editor->leads_row);
  g_autofree char *source = entry_text (editor->source_row);
  const char *date_problem = NULL, *amount_problem = NULL, *currency_problem = NULL;
  const char *usd_problem = NULL, *source_problem = NULL;
  gint64 amount_minor = 0, usd_minor = 0;
  g_autoptr(GString) problems = g_string_new (NULL);

  if (!amw_is_valid_date (announced))
    date_problem = _("must be a real date written YYYY-MM-DD");
  if (*amount != '\0' || *currency != '\0')
    {
      if (!amw_is_valid_currency (currency))
        currency_problem = _("must be an ISO 4217 code of three capital letters, like EUR");
      if (*amount == '\0')
        amount_problem = _("needs an amount, or leave the currency empty");
      else
        amw_parse_decimal_amount (amount, amw_currency_decimals (currency), &amount_minor, &amount_problem);
    }
  if (*usd != '\0')
    amw_parse_decimal_amount (usd, 2, &usd_minor, &usd_problem);
  if (*source != '\0' && (!amw_is_valid_slug (source) || !amw_store_has_article (self->store, source)))
    source_problem = _("no article has this id");

  mark_row (GTK_WIDGET (editor->date_row), date_problem);
  mark_row (GTK_WIDGET (editor->amount_row), amount_problem);
  mark_row (GTK_WIDGET (editor->currency_row), currency_problem);
  mark_row (GTK_WIDGET (editor->usd_row), usd_problem);
  mark_row (GTK_WIDGET (editor->source_row), source_problem);

  if (date_problem != NULL)
    add_problem (problems, _("Announced"), date_problem);
  if (amount_problem != NULL)
    add_problem (problems, _("Amount"), amount_problem);
  if (currency_problem != NULL)
    add_problem (problems, _("Currency"), currency_problem);
  if (usd_problem != NULL)
    add_problem (problems, _("USD value"), usd_problem);
  if (source_problem != NULL)
    add_problem (problems, _("Source article"), source_problem);
  if (problems->len > 0)
    return g_string_free (g_steal_pointer (&problems), FALSE);

  if (round != NULL)
    {
      amw_set_str (&round->announced, announced);
      amw_set_str (&round->type, round_editor_type (editor));
      round->has_amount = *amount != '\0';
      round->amount_minor = amount_minor;
      amw_set_str (&round->currency, round->has_amount ? currency : NULL);
      round->has_amount_usd = *usd != '\0';
      round->amount_usd_minor = usd_minor;
      /* A round in dollars is its own USD value. */
      if (!round->has_amount_usd && round->has_amount && g_str_equal (currency, "USD"))
        {
          round->has_amount_usd = TRUE;
          round->amount_usd_minor = amount_minor;
        }
      g_ptr_array_unref (round->lead_investors);
      round->lead_investors = split_names (leads);
      amw_set_str (&round->source_article, *source != '\0' ? source : NULL);
    }
  return NULL;
}

static void
round_editor_update_header (RoundEditor *editor,
                            const char  *problem)
{
  g_autofree char *title = round_editor_title (editor);
  g_autofree char *amount = entry_text (editor->amount_row);
  g_autofree char *currency = entry_text (editor->currency_row);
  g_autofree char *subtitle = NULL;
  gint64 minor;
  const char *ignored;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->row), title);
  if (problem != NULL)
    subtitle = g_strdelimit (g_strdup (problem), "\n", ' ');
  else if (*amount == '\0')
    subtitle = g_strdup (_("Amount undisclosed"));
  else if (amw_parse_decimal_amount (amount, amw_currency_decimals (currency), &minor, &ignored))
    subtitle = amw_format_money (minor, currency);
  adw_expander_row_set_subtitle (editor->row, subtitle ? subtitle : "");
  /* An icon, not the row's colour: the row's colour would redden every field in it. */
  gtk_widget_set_visible (editor->problem_icon, problem != NULL);
}

static void
on_field_changed_cb (AmwCompanyDialog *self)
{
  if (!self->quiet)
    validate (self);
}

static void
on_delete_round_clicked_cb (GtkButton        *button,
                            AmwCompanyDialog *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_EXPANDER_ROW);
  RoundEditor *editor = g_object_get_data (G_OBJECT (row), "editor");
  guint index;

  if (editor == NULL || !g_ptr_array_find (self->rounds, editor, &index))
    return;
  gtk_list_box_remove (self->rounds_list, row);
  g_ptr_array_remove_index (self->rounds, index);
  validate (self);
}

static AdwEntryRow *
round_field_new (RoundEditor *editor,
                 const char  *title,
                 const char  *text)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (adw_entry_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  set_entry (row, text);
  g_signal_connect_swapped (row, "changed", G_CALLBACK (on_field_changed_cb), editor->dialog);
  adw_expander_row_add_row (editor->row, GTK_WIDGET (row));
  return row;
}

static RoundEditor *
round_editor_new (AmwCompanyDialog      *self,
                  const AmwFundingRound *round)
{
  RoundEditor *editor = g_new0 (RoundEditor, 1);
  g_autoptr(GtkStringList) type_labels = gtk_string_list_new (NULL);
  g_autofree char *amount = NULL;
  g_autofree char *usd = NULL;
  g_autofree char *leads = NULL;
  const char *type = round ? round->type : "seed";
  GtkWidget *delete_button;
  guint selected = 0;

  editor->dialog = self;
  editor->original = round ? round_copy (round) : NULL;
  editor->types = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; round_types[i] != NULL; i++)
    {
      /* A late series (series-k) goes after the last one offered. */
      if (g_str_equal (round_types[i], "strategic") && !g_strv_contains (round_types, type))
        g_ptr_array_add (editor->types, g_strdup (type));
      g_ptr_array_add (editor->types, g_strdup (round_types[i]));
    }
  for (guint i = 0; i < editor->types->len; i++)
    {
      g_autofree char *label = amw_round_type_label (g_ptr_array_index (editor->types, i));

      gtk_string_list_append (type_labels, label);
      if (g_str_equal (g_ptr_array_index (editor->types, i), type))
        selected = i;
    }

  editor->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (editor->row), FALSE);
  g_object_set_data (G_OBJECT (editor->row), "editor", editor);

  editor->date_row = round_field_new (editor, _("Announced (YYYY-MM-DD)"), round ? round->announced : NULL);

  editor->type_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (editor->type_row), C_("funding round", "Round"));
  adw_combo_row_set_model (editor->type_row, G_LIST_MODEL (type_labels));
  adw_combo_row_set_selected (editor->type_row, selected);
  g_signal_connect_swapped (editor->type_row, "notify::selected", G_CALLBACK (on_field_changed_cb), self);
  adw_expander_row_add_row (editor->row, GTK_WIDGET (editor->type_row));

  if (round != NULL && round->has_amount)
    amount = minor_to_text (round->amount_minor, round->currency);
  editor->amount_row = round_field_new (editor, _("Amount (like 7400000000.00)"), amount);
  editor->currency_row = round_field_new (editor, _("Currency (ISO 4217, like EUR)"),
                                          round && round->has_amount ? round->currency : NULL);
  if (round != NULL && round->has_amount_usd)
    usd = minor_to_text (round->amount_usd_minor, "USD");
  editor->usd_row = round_field_new (editor, _("USD Value"), usd);
  leads = round ? join_names (round->lead_investors) : NULL;
  editor->leads_row = round_field_new (editor, _("Lead Investors (comma-separated)"), leads);
  editor->source_row = round_field_new (editor, _("Source Article ID (optional)"),
                                        round ? round->source_article : NULL);
  amw_editable_set_max_chars (GTK_EDITABLE (editor->source_row), AMW_LIMIT_ID_CHARS);

  delete_button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_valign (delete_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (delete_button, _("Delete Round"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (delete_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Delete this funding round"), -1);
  gtk_widget_add_css_class (delete_button, "flat");
  g_signal_connect (delete_button, "clicked", G_CALLBACK (on_delete_round_clicked_cb), self);
  adw_expander_row_add_action (editor->row, delete_button);

  /* An action, not a prefix: a hidden prefix would still indent the title. Actions are
   * prepended, so this one shows left of the delete button. */
  editor->problem_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (editor->problem_icon, "error");
  gtk_widget_set_visible (editor->problem_icon, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (editor->problem_icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("This round has a problem"), -1);
  adw_expander_row_add_action (editor->row, editor->problem_icon);
  return editor;
}

static RoundEditor *
add_round_editor (AmwCompanyDialog      *self,
                  const AmwFundingRound *round)
{
  RoundEditor *editor = round_editor_new (self, round);

  g_ptr_array_add (self->rounds, editor);
  gtk_list_box_append (self->rounds_list, GTK_WIDGET (editor->row));
  round_editor_update_header (editor, NULL);
  return editor;
}

/* A new round's id: "company-YYYY-MM-type", numbered when taken — by another round of
 * this edit, or by a round of another company. */
static char *
new_round_id (AmwCompanyDialog *self,
              GPtrArray        *rounds,
              AmwFundingRound  *round)
{
  g_autofree char *base = g_strdup_printf ("%s-%.7s-%s", self->company_id, round->announced, round->type);

  for (guint n = 1;; n++)
    {
      g_autofree char *id = n == 1 ? g_strdup (base) : g_strdup_printf ("%s-%u", base, n);
      g_autofree char *owner = NULL;
      gboolean taken = FALSE;

      for (guint i = 0; !taken && i < rounds->len; i++)
        taken = g_strcmp0 (((AmwFundingRound *) g_ptr_array_index (rounds, i))->id, id) == 0;
      if (!taken && amw_store_has_funding_round (self->store, id, &owner))
        taken = g_strcmp0 (owner, self->company_id) != 0;
      if (!taken)
        return g_steal_pointer (&id);
    }
}

/* ---- aliases ---- */

static gboolean
has_alias (AmwCompanyDialog *self,
           const char       *alias)
{
  g_autofree char *folded = g_utf8_casefold (alias, -1);

  for (guint i = 0; i < self->aliases->len; i++)
    {
      g_autofree char *other = g_utf8_casefold (g_ptr_array_index (self->aliases, i), -1);

      if (g_str_equal (folded, other))
        return TRUE;
    }
  return FALSE;
}

static void rebuild_aliases (AmwCompanyDialog *self);

static void
on_remove_alias_clicked_cb (GtkButton        *button,
                            AmwCompanyDialog *self)
{
  const char *alias = g_object_get_data (G_OBJECT (button), "alias");
  guint index;

  if (!g_ptr_array_find_with_equal_func (self->aliases, alias, g_str_equal, &index))
    return;
  g_ptr_array_remove_index (self->aliases, index);
  rebuild_aliases (self);
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->alias_row));
}

static void
rebuild_aliases (AmwCompanyDialog *self)
{
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self->aliases_box))) != NULL;)
    gtk_flow_box_remove (self->aliases_box, child);
  for (guint i = 0; i < self->aliases->len; i++)
    {
      const char *alias = g_ptr_array_index (self->aliases, i);
      GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
      GtkWidget *label = gtk_label_new (alias);
      GtkWidget *remove = gtk_button_new_from_icon_name ("window-close-symbolic");
      /* TRANSLATORS: accessible name of the button on an alias chip */
      g_autofree char *remove_label = g_strdup_printf (_("Remove alias “%s”"), alias);

      gtk_widget_add_css_class (chip, "tag-chip");
      gtk_widget_set_halign (chip, GTK_ALIGN_START);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_add_css_class (remove, "circular");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (remove, _("Remove Alias"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      remove_label, -1);
      g_object_set_data_full (G_OBJECT (remove), "alias", g_strdup (alias), g_free);
      g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_alias_clicked_cb), self);
      gtk_box_append (GTK_BOX (chip), label);
      gtk_box_append (GTK_BOX (chip), remove);
      gtk_flow_box_append (self->aliases_box, chip);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->aliases_box), self->aliases->len > 0);
}

/* The alias being typed: a problem when it cannot be added, else NULL. */
static const char *
typed_alias_problem (AmwCompanyDialog *self)
{
  g_autofree char *alias = entry_text (self->alias_row);
  g_autofree char *name = entry_text (self->name_row);

  if (*alias == '\0')
    return NULL;
  if (has_alias (self, alias))
    return _("is already an alias");
  if (g_utf8_collate (alias, name) == 0)
    return _("is the company’s name");
  return NULL;
}

static void
on_alias_row_apply_cb (AmwCompanyDialog *self,
                       AdwEntryRow      *row)
{
  g_autofree char *alias = entry_text (row);

  if (*alias == '\0' || typed_alias_problem (self) != NULL)
    return;
  g_ptr_array_add (self->aliases, g_steal_pointer (&alias));
  rebuild_aliases (self);
  set_entry (row, NULL);
  validate (self);
}

/* ---- the whole record ---- */

/* Checks every field and marks what is wrong; updates Save. */
static void
validate (AmwCompanyDialog *self)
{
  g_autofree char *name = entry_text (self->name_row);
  g_autofree char *website = entry_text (self->website_row);
  g_autofree char *founded = entry_text (self->founded_row);
  g_autofree char *ticker = entry_text (self->ticker_row);
  g_autofree char *verified = entry_text (self->verified_row);
  g_autoptr(GString) facts = g_string_new (NULL);
  g_autoptr(GString) rounds = g_string_new (NULL);
  g_autoptr(GString) aliases = g_string_new (NULL);
  const char *name_problem = NULL, *website_problem = NULL, *founded_problem = NULL;
  const char *ticker_problem = NULL, *verified_problem = NULL, *alias_problem = NULL;
  gboolean is_public = g_str_equal (selected_status (self), "public");
  gint64 year;

  if (*name == '\0')
    name_problem = _("must not be empty");
  if (*website != '\0' && !amw_is_web_url (website))
    website_problem = _("only http:// and https:// links are allowed");
  if (*founded != '\0' && !g_ascii_string_to_signed (founded, 10, 1800, 2100, &year, NULL))
    founded_problem = _("must be a year between 1800 and 2100");
  if (is_public && *ticker != '\0' && !is_valid_ticker (ticker))
    ticker_problem = _("letters, digits, dots and dashes only");
  if (*verified != '\0' && !amw_is_valid_date (verified))
    verified_problem = _("must be a real date written YYYY-MM-DD");
  alias_problem = typed_alias_problem (self);

  mark_row (GTK_WIDGET (self->name_row), name_problem);
  mark_row (GTK_WIDGET (self->website_row), website_problem);
  mark_row (GTK_WIDGET (self->founded_row), founded_problem);
  mark_row (GTK_WIDGET (self->ticker_row), ticker_problem);
  mark_row (GTK_WIDGET (self->verified_row), verified_problem);
  mark_row (GTK_WIDGET (self->alias_row), alias_problem);
  gtk_widget_set_sensitive (GTK_WIDGET (self->ticker_row), is_public);

  if (name_problem != NULL)
    add_problem (facts, _("Name"), name_problem);
  if (website_problem != NULL)
    add_problem (facts, _("Website"), website_problem);
  if (founded_problem != NULL)
    add_problem (facts, _("Founded"), founded_problem);
  if (ticker_problem != NULL)
    add_problem (facts, _("Ticker"), ticker_problem);
  if (verified_problem != NULL)
    add_problem (facts, _("Last verified"), verified_problem);
  if (alias_problem != NULL)
    {
      g_autofree char *alias = entry_text (self->alias_row);
      /* TRANSLATORS: %s is an alias being typed */
      g_autofree char *field = g_strdup_printf (_("“%s”"), alias);

      add_problem (aliases, field, alias_problem);
    }

  for (guint i = 0; i < self->rounds->len; i++)
    {
      RoundEditor *editor = g_ptr_array_index (self->rounds, i);
      g_autofree char *problem = round_editor_check (editor, NULL);

      round_editor_update_header (editor, problem);
      if (problem != NULL)
        {
          g_autofree char *title = round_editor_title (editor);
          g_auto(GStrv) lines = g_strsplit (problem, "\n", -1);

          for (guint j = 0; lines[j] != NULL; j++)
            {
              if (rounds->len > 0)
                g_string_append_c (rounds, '\n');
              /* TRANSLATORS: a funding round and what is wrong with it */
              g_string_append_printf (rounds, _("%s — %s"), title, lines[j]);
            }
        }
    }

  show_problems (self->facts_problem_label, facts);
  show_problems (self->aliases_problem_label, aliases);
  show_problems (self->rounds_problem_label, rounds);

  /* A half-typed alias that cannot be added does not block saving: it is not saved. */
  self->valid = self->company != NULL && facts->len == 0 && rounds->len == 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dialog.save",
                                 self->valid && amw_company_dialog_get_modified (self));
}

/* Everything the editor typed, to tell whether anything changed. */
static char *
snapshot (AmwCompanyDialog *self)
{
  AdwEntryRow *facts[] = {
    self->name_row, self->website_row, self->city_row, self->country_row, self->founded_row,
    self->ticker_row, self->sector_row, self->verified_row,
  };
  g_autoptr(GString) state = g_string_new (NULL);
  g_autofree char *description = description_text (self);

  for (guint i = 0; i < G_N_ELEMENTS (facts); i++)
    g_string_append_printf (state, "%s\x1e", gtk_editable_get_text (GTK_EDITABLE (facts[i])));
  g_string_append_printf (state, "%s\x1e%s\x1e%s\x1e", selected_status (self), selected_employees (self),
                          description);
  for (guint i = 0; i < self->aliases->len; i++)
    g_string_append_printf (state, "%s\x1f", (char *) g_ptr_array_index (self->aliases, i));
  g_string_append_c (state, '\x1e');
  for (guint i = 0; i < self->rounds->len; i++)
    {
      RoundEditor *editor = g_ptr_array_index (self->rounds, i);
      AdwEntryRow *fields[] = {
        editor->date_row, editor->amount_row, editor->currency_row, editor->usd_row,
        editor->leads_row, editor->source_row,
      };

      g_string_append_printf (state, "%s|%s|", editor->original ? editor->original->id : "(new)",
                              round_editor_type (editor));
      for (guint j = 0; j < G_N_ELEMENTS (fields); j++)
        g_string_append_printf (state, "%s\x1f", gtk_editable_get_text (GTK_EDITABLE (fields[j])));
      g_string_append_c (state, '\x1e');
    }
  return g_string_free (g_steal_pointer (&state), FALSE);
}

/* The record as edited, or NULL when something is invalid. */
static AmwCompany *
build_company (AmwCompanyDialog *self)
{
  g_autoptr(AmwCompany) edited = amw_company_new ();
  const AmwCompany *stored = self->company;
  g_autofree char *founded = entry_value (self->founded_row);
  g_autofree char *description = description_text (self);
  gint64 year = 0;

  if (stored == NULL || !self->valid)
    return NULL;
  edited->pk = stored->pk;
  edited->id = g_strdup (stored->id);
  edited->name = entry_value (self->name_row);
  edited->website = entry_value (self->website_row);
  edited->hq_city = entry_value (self->city_row);
  edited->hq_country = entry_value (self->country_row);
  if (founded != NULL)
    g_ascii_string_to_signed (founded, 10, 1800, 2100, &year, NULL);
  edited->founded = (int) year;
  edited->status = g_strdup (selected_status (self));
  /* Only a listed company has a ticker. */
  if (g_str_equal (edited->status, "public"))
    edited->ticker = entry_value (self->ticker_row);
  edited->sector = entry_value (self->sector_row);
  edited->employees = *selected_employees (self) != '\0' ? g_strdup (selected_employees (self)) : NULL;
  /* Nothing typed where there was nothing stays nothing, not an empty text. */
  if (*description != '\0' || stored->description != NULL)
    edited->description = g_steal_pointer (&description);
  edited->last_verified = entry_value (self->verified_row);
  edited->created_at = g_strdup (stored->created_at);
  edited->updated_at = g_strdup (stored->updated_at);
  g_ptr_array_extend (edited->aliases, self->aliases, (GCopyFunc) (void (*) (void)) g_strdup, NULL);

  for (guint i = 0; i < self->rounds->len; i++)
    {
      RoundEditor *editor = g_ptr_array_index (self->rounds, i);
      AmwFundingRound *round = editor->original ? round_copy (editor->original) : amw_funding_round_new ();
      g_autofree char *problem = NULL;

      amw_set_str (&round->company_id, stored->id);
      if ((problem = round_editor_check (editor, round)) != NULL)
        {
          amw_funding_round_free (round);
          return NULL;
        }
      g_ptr_array_add (edited->funding_rounds, round);
    }
  /* Ids for new rounds once every kept id is known. */
  for (guint i = 0; i < edited->funding_rounds->len; i++)
    {
      AmwFundingRound *round = g_ptr_array_index (edited->funding_rounds, i);

      if (round->id == NULL)
        round->id = new_round_id (self, edited->funding_rounds, round);
    }
  return g_steal_pointer (&edited);
}

static void
load (AmwCompanyDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *founded = NULL;
  const AmwCompany *company;
  guint status = 0;
  guint employees = 0;

  if (self->store == NULL || self->company_id == NULL)
    {
      validate (self);
      return;
    }
  self->company = amw_store_get_company (self->store, self->company_id, &error);
  if (self->company == NULL)
    {
      g_warning ("Could not read company %s: %s", self->company_id, error->message);
      validate (self);
      return;
    }
  company = self->company;

  self->quiet = TRUE;
  adw_window_title_set_subtitle (self->window_title, company->name);
  set_entry (self->name_row, company->name);
  set_entry (self->website_row, company->website);
  set_entry (self->city_row, company->hq_city);
  set_entry (self->country_row, company->hq_country);
  if (company->founded > 0)
    founded = g_strdup_printf ("%d", company->founded);
  set_entry (self->founded_row, founded);
  for (guint i = 0; amw_company_statuses[i] != NULL; i++)
    if (g_strcmp0 (amw_company_statuses[i], company->status) == 0)
      status = i;
  adw_combo_row_set_selected (self->status_row, status);
  set_entry (self->ticker_row, company->ticker);
  set_entry (self->sector_row, company->sector);
  if (!amw_is_blank (company->employees) &&
      !g_ptr_array_find_with_equal_func (self->employee_values, company->employees, g_str_equal, &employees))
    {
      /* A range of its own, kept as it is. */
      g_ptr_array_add (self->employee_values, g_strdup (company->employees));
      gtk_string_list_append (self->employees_model, company->employees);
      employees = self->employee_values->len - 1;
    }
  adw_combo_row_set_selected (self->employees_row, employees);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                            company->description ? company->description : "", -1);
  set_entry (self->verified_row, company->last_verified);

  g_ptr_array_extend (self->aliases, company->aliases, (GCopyFunc) (void (*) (void)) g_strdup, NULL);
  rebuild_aliases (self);
  for (guint i = 0; i < company->funding_rounds->len; i++)
    add_round_editor (self, g_ptr_array_index (company->funding_rounds, i));
  self->quiet = FALSE;

  self->loaded_state = snapshot (self);
  validate (self);
}

/* ---- callbacks ---- */

static void
on_verified_today_clicked_cb (AmwCompanyDialog *self,
                              GtkButton        *button)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  set_entry (self->verified_row, today);
}

static void
on_add_round_clicked_cb (AmwCompanyDialog *self,
                         GtkButton        *button)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  RoundEditor *editor;

  if (self->company == NULL)
    return;
  editor = add_round_editor (self, NULL);
  set_entry (editor->date_row, today);
  adw_expander_row_set_expanded (editor->row, TRUE);
  validate (self);
  gtk_widget_grab_focus (GTK_WIDGET (editor->date_row));
}

static gboolean
destroy_cb (gpointer data)
{
  gtk_window_destroy (GTK_WINDOW (data));
  return G_SOURCE_REMOVE;
}

static void
on_discard_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        AmwCompanyDialog *self)
{
  /* Not while the question is still answering: it is transient for this window. */
  if (g_str_equal (response, "discard"))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_cb, g_object_ref (self), g_object_unref);
}

static void
ask_discard (AmwCompanyDialog *self)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard Changes?"),
                                              _("This company has changes that are not saved."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  AmwCompanyDialog *self = AMW_COMPANY_DIALOG (widget);

  if (amw_company_dialog_get_modified (self))
    ask_discard (self);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  AmwCompanyDialog *self = AMW_COMPANY_DIALOG (widget);
  g_autoptr(AmwCompany) edited = NULL;
  g_autoptr(GError) error = NULL;

  validate (self);
  if (!self->valid || (edited = build_company (self)) == NULL)
    return;
  if (!amw_store_edit_company (self->store, edited, &error))
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could Not Save"), error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

/* ---- GObject ---- */

static gboolean
amw_company_dialog_close_request (GtkWindow *window)
{
  AmwCompanyDialog *self = AMW_COMPANY_DIALOG (window);

  if (amw_company_dialog_get_modified (self))
    {
      ask_discard (self);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (amw_company_dialog_parent_class)->close_request (window);
}

static void
amw_company_dialog_constructed (GObject *object)
{
  AmwCompanyDialog *self = AMW_COMPANY_DIALOG (object);

  G_OBJECT_CLASS (amw_company_dialog_parent_class)->constructed (object);
  load (self);
}

static void
amw_company_dialog_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  AmwCompanyDialog *self = AMW_COMPANY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_COMPANY_ID:
      g_value_set_string (value, self->company_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
amw_company_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  AmwCompanyDialog *self = AMW_COMPANY_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    case PROP_COMPANY_ID:
      amw_set_str (&self->company_id, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
amw_company_dialog_dispose (GObject *object)
{
  AmwCompanyDialog *self = AMW_COMPANY_DIALOG (object);

  /* Widgets going away may still say they changed: nothing is checked from now on. */
  self->quiet = TRUE;
  gtk_widget_dispose_template (GTK_WIDGET (self), AMW_TYPE_COMPANY_DIALOG);
  /* The editors point at rows that are gone now. */
  g_ptr_array_set_size (self->rounds, 0);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (amw_company_dialog_parent_class)->dispose (object);
}

static void
amw_company_dialog_finalize (GObject *object)
{
  AmwCompanyDialog *self = AMW_COMPANY_DIALOG (object);

  g_free (self->company_id);
  g_free (self->loaded_state);
  g_clear_pointer (&self->company, amw_company_free);
  g_ptr_array_unref (self->employee_values);
  g_ptr_array_unref (self->aliases);
  g_ptr_array_unref (self->rounds);
  G_OBJECT_CLASS (amw_company_dialog_parent_class)->finalize (object);
}

static void
amw_company_dialog_class_init (AmwCompanyDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = amw_company_dialog_constructed;
  object_class->get_property = amw_company_dialog_get_property;
  object_class->set_property = amw_company_dialog_set_property;
  object_class->dispose = amw_company_dialog_dispose;
  object_class->finalize = amw_company_dialog_finalize;
  window_class->close_request = amw_company_dialog_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, AMW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPANY_ID] =
    g_param_spec_string ("company-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Amw/amw-company-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyDialog, website_row);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyDialog, city_row);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyDialog, country_row);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyDialog, founded_row);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyDialog, ticker_row);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyDialog, sector_row);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyDialog, employees_row);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyDialog, employees_model);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyDialog, verified_row);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyDialog, description_view);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyDialog, facts_problem_label);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyDialog, aliases_box);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyDialog, alias_row);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyDialog, aliases_problem_label);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyDialog, rounds_list);
  gtk_widget_class_bind_template_child (widget_class, AmwCompanyDialog, rounds_problem_label);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_alias_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_verified_today_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_round_clicked_cb);

  gtk_widget_class_install_action (widget_class, "dialog.cancel", NULL, cancel_activated);
  gtk_widget_class_install_action (widget_class, "dialog.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dialog.cancel", NULL);
}

static void
amw_company_dialog_init (AmwCompanyDialog *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkShortcutTrigger *save;

  self->employee_values = g_ptr_array_new_with_free_func (g_free);
  self->aliases = g_ptr_array_new_with_free_func (g_free);
  self->rounds = g_ptr_array_new_with_free_func ((GDestroyNotify) round_editor_free);

  gtk_widget_init_template (GTK_WIDGET (self));
  /* No longer than the format allows: the export writes what the import takes back. */
  amw_editable_set_max_chars (GTK_EDITABLE (self->name_row), AMW_LIMIT_NAME_CHARS);
  amw_editable_set_max_chars (GTK_EDITABLE (self->website_row), AMW_LIMIT_URL_CHARS);
  amw_editable_set_max_chars (GTK_EDITABLE (self->city_row), AMW_LIMIT_NAME_CHARS);
  amw_editable_set_max_chars (GTK_EDITABLE (self->country_row), AMW_LIMIT_COUNTRY_CHARS);
  amw_editable_set_max_chars (GTK_EDITABLE (self->ticker_row), AMW_LIMIT_TICKER_CHARS);
  amw_editable_set_max_chars (GTK_EDITABLE (self->sector_row), AMW_LIMIT_NAME_CHARS);
  amw_editable_set_max_chars (GTK_EDITABLE (self->alias_row), AMW_LIMIT_NAME_CHARS);

  for (guint i = 0; amw_company_statuses[i] != NULL; i++)
    gtk_string_list_append (statuses, company_status_label (amw_company_statuses[i]));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  for (guint i = 0; employee_ranges[i] != NULL; i++)
    {
      g_ptr_array_add (self->employee_values, g_strdup (employee_ranges[i]));
      gtk_string_list_append (self->employees_model,
                              *employee_ranges[i] != '\0' ? employee_ranges[i] : C_("employees", "Unknown"));
    }

  {
    GtkWidget *none = gtk_label_new (_("No funding rounds recorded"));

    gtk_widget_set_margin_top (none, 18);
    gtk_widget_set_margin_bottom (none, 18);
    gtk_widget_add_css_class (none, "dim-label");
    gtk_list_box_set_placeholder (self->rounds_list, none);
  }
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->description_view), "changed",
                            G_CALLBACK (on_field_changed_cb), self);

  /* Ctrl+Return saves from anywhere, the description included: caught on the way down,
   * before the text view takes it for a new line. */
  save = gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Return, GDK_CONTROL_MASK),
                                     gtk_keyval_trigger_new (GDK_KEY_KP_Enter, GDK_CONTROL_MASK));
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (save, gtk_named_action_new ("dialog.save")));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

/* ---- public API ---- */

GtkWidget *
amw_company_dialog_new (GtkWindow  *parent,
                        AmwStore   *store,
                        const char *company_id)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AMW_IS_STORE (store), NULL);
  g_return_val_if_fail (company_id != NULL, NULL);

  return g_object_new (AMW_TYPE_COMPANY_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "company-id", company_id,
                       NULL);
}

const char *
amw_company_dialog_get_company_id (AmwCompanyDialog *self)
{
  g_return_val_if_fail (AMW_IS_COMPANY_DIALOG (self), NULL);
  return self->company_id;
}

gboolean
amw_company_dialog_get_valid (AmwCompanyDialog *self)
{
  g_return_val_if_fail (AMW_IS_COMPANY_DIALOG (self), FALSE);
  return self->valid;
}

gboolean
amw_company_dialog_get_modified (AmwCompanyDialog *self)
{
  g_autofree char *state = NULL;

  g_return_val_if_fail (AMW_IS_COMPANY_DIALOG (self), FALSE);

  if (self->loaded_state == NULL)
    return FALSE;
  state = snapshot (self);
  return !g_str_equal (state, self->loaded_state);
}
