/* amw-tags-dialog.c — the tags of one or many articles as chips, and an entry to add one.
 *
 * A tag on every selected article is a plain chip; a tag on only some of them is "mixed"
 * (dashed, with a tooltip saying on how many) and offers "add to all". Every action is one
 * store command, so it is applied at once and can be undone; the chips follow the store. */
#include "amw-config.h"
#include "amw-tags-dialog.h"

#include <glib/gi18n.h>

#include "amw-entry-limits.h"

struct _AmwTagsDialog
{
  AdwWindow           parent_instance;

  /* template widgets */
  AdwToastOverlay    *toast_overlay;
  AdwWindowTitle     *window_title;
  GtkEntry           *tag_entry;
  GtkLabel           *hint_label;
  GtkFlowBox         *chips_box;
  GtkLabel           *empty_label;
  GtkLabel           *legend_label;

  /* owned */
  AmwStore           *store;
  GStrv               article_ids;
  GtkListStore       *completions;   /* COLUMN_NAME, COLUMN_COUNT: every tag, most used first */
  GHashTable         *on_all;        /* case-folded names of the tags every article has */
  guint               n_articles;    /* how many of article_ids exist */
  gulong              store_changed_id;
};

/* One tag of the selection: how many of the articles have it. */
typedef struct {
  char  *name;
  guint  count;
} ChipInfo;

G_DEFINE_FINAL_TYPE (AmwTagsDialog, amw_tags_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ARTICLE_IDS,
  N_PROPS
};

enum {
  COLUMN_NAME,
  COLUMN_COUNT,
  N_COLUMNS
};

static GParamSpec *properties[N_PROPS];

/* ---- helpers ---- */

static char *
tag_key (const char *name)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name));

  return g_utf8_casefold (stripped, -1);
}

/* A toast's title is Pango markup: the message must be escaped. */
static void
toast (AmwTagsDialog *self,
       const char    *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
}

/* The stored spelling of @typed when such a tag exists (tags are unique case-insensitively),
 * else @typed, stripped. */
static char *
canonical_tag (AmwTagsDialog *self,
               const char    *typed)
{
  g_autofree char *key = tag_key (typed);
  GtkTreeModel *model = GTK_TREE_MODEL (self->completions);
  GtkTreeIter iter;

  for (gboolean ok = gtk_tree_model_get_iter_first (model, &iter); ok; ok = gtk_tree_model_iter_next (model, &iter))
    {
      g_autofree char *name = NULL;
      g_autofree char *other = NULL;

      gtk_tree_model_get (model, &iter, COLUMN_NAME, &name, -1);
      other = tag_key (name);
      if (g_str_equal (key, other))
        return g_steal_pointer (&name);
    }
  return g_strstrip (g_strdup (typed));
}

static gboolean
is_editable (AmwTagsDialog *self)
{
  return self->store != NULL && !amw_store_is_read_only (self->store) && self->n_articles > 0;
}

static void
add_tag (AmwTagsDialog *self,
         const char    *typed)
{
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;

  if (amw_is_blank (typed) || !is_editable (self))
    return;
  name = canonical_tag (self, typed);
  if (!amw_store_add_tag (self->store, (const char * const *) self->article_ids, name, &error))
    {
      toast (self, error->message);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->tag_entry), "");
}

/* ---- completion ---- */

static gboolean
completion_match (GtkEntryCompletion *completion,
                  const char         *key,
                  GtkTreeIter        *iter,
                  gpointer            user_data)
{
  AmwTagsDialog *self = user_data;
  g_autofree char *name = NULL;
  g_autofree char *name_key = NULL;
  g_autofree char *typed_key = NULL;

  gtk_tree_model_get (GTK_TREE_MODEL (self->completions), iter, COLUMN_NAME, &name, -1);
  if (name == NULL)
    return FALSE;
  name_key = tag_key (name);
  /* A tag every article already has is no suggestion. */
  if (self->on_all != NULL && g_hash_table_contains (self->on_all, name_key))
    return FALSE;
  /* @key is already normalised by GtkEntryCompletion, but not stripped. */
  typed_key = tag_key (gtk_editable_get_text (GTK_EDITABLE (self->tag_entry)));
  return typed_key[0] != '\0' && strstr (name_key, typed_key) != NULL;
}

static void
count_cell_data (GtkCellLayout   *layout,
                 GtkCellRenderer *cell,
                 GtkTreeModel    *model,
                 GtkTreeIter     *iter,
                 gpointer         user_data)
{
  guint count = 0;
  g_autofree char *text = NULL;

  gtk_tree_model_get (model, iter, COLUMN_COUNT, &count, -1);
  text = g_strdup_printf ("%u", count);
  g_object_set (cell, "text", text, NULL);
}

static gboolean
on_completion_match_selected_cb (GtkEntryCompletion *completion,
                                 GtkTreeModel       *model,
                                 GtkTreeIter        *iter,
                                 AmwTagsDialog      *self)
{
  g_autofree char *name = NULL;

  gtk_tree_model_get (model, iter, COLUMN_NAME, &name, -1);
  add_tag (self, name);
  return TRUE;
}

static void
load_completions (AmwTagsDialog *self)
{
  g_autoptr(GPtrArray) tags = NULL;
  g_autoptr(GError) error = NULL;

  gtk_list_store_clear (self->completions);
  if (self->store == NULL)
    return;
  tags = amw_store_list_tags (self->store, &error);
  if (tags == NULL)
    {
      g_warning ("Could not list the tags: %s", error->message);
      return;
    }
  for (guint i = 0; i < tags->len; i++)
    {
      AmwTagCount *tag = g_ptr_array_index (tags, i);

      gtk_list_store_insert_with_values (self->completions, NULL, -1,
                                         COLUMN_NAME, tag->name,
                                         COLUMN_COUNT, tag->count,
                                         -1);
    }
}

/* ---- chips ---- */

static void
chip_info_free (ChipInfo *info)
{
  g_free (info->name);
  g_free (info);
}

static void
on_chip_remove_clicked_cb (GtkButton     *button,
                           AmwTagsDialog *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "tag");
  g_autoptr(GError) error = NULL;

  gtk_widget_grab_focus (GTK_WIDGET (self->tag_entry));
  if (!amw_store_remove_tag (self->store, (const char * const *) self->article_ids, name, &error))
    toast (self, error->message);
}

static void
on_chip_add_clicked_cb (GtkButton     *button,
                        AmwTagsDialog *self)
{
  const char *name = g_object_get_data (G_OBJECT (button), "tag");
  g_autoptr(GError) error = NULL;

  gtk_widget_grab_focus (GTK_WIDGET (self->tag_entry));
  if (!amw_store_add_tag (self->store, (const char * const *) self->article_ids, name, &error))
    toast (self, error->message);
}

static GtkWidget *
chip_button (AmwTagsDialog *self,
             const char    *name,
             const char    *icon_name,
             const char    *tooltip,
             const char    *accessible,
             GCallback      callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_sensitive (button, is_editable (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data_full (G_OBJECT (button), "tag", g_strdup (name), g_free);
  g_signal_connect (button, "clicked", callback, self);
  return button;
}

static GtkWidget *
make_chip (AmwTagsDialog  *self,
           const ChipInfo *info)
{
  gboolean mixed = info->count < self->n_articles;
  GtkWidget *chip = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
  GtkWidget *label = gtk_label_new (info->name);
  /* TRANSLATORS: accessible name of a button; %s is a tag */
  g_autofree char *remove_label = g_strdup_printf (_("Remove “%s”"), info->name);

  gtk_widget_add_css_class (chip, "tag-chip");
  gtk_widget_add_css_class (chip, "tag-editor-chip");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
  gtk_box_append (GTK_BOX (chip), label);

  if (mixed)
    {
      /* TRANSLATORS: a tag is on some of the selected articles, e.g. "On 2 of 3 articles" */
      g_autofree char *tooltip = g_strdup_printf (ngettext ("On %u of %u article", "On %u of %u articles",
                                                            self->n_articles),
                                                  info->count, self->n_articles);
      g_autofree char *description = g_strdup_printf ("%s, %s", info->name, tooltip);
      /* TRANSLATORS: accessible name of a button; %s is a tag */
      g_autofree char *add_label = g_strdup_printf (_("Add “%s” to all articles"), info->name);

      gtk_widget_add_css_class (chip, "mixed");
      gtk_widget_set_tooltip_text (chip, tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (chip), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
      GtkWidget *add = chip_button (self, info->name, "list-add-symbolic", _("Add to All Articles"),
                                    add_label, G_CALLBACK (on_chip_add_clicked_cb));

      /* The plus reads larger than the close cross at the same size. */
      gtk_image_set_pixel_size (GTK_IMAGE (gtk_button_get_child (GTK_BUTTON (add))), 12);
      gtk_box_append (GTK_BOX (chip), add);
    }
  else if (self->n_articles > 1)
    {
      g_autofree char *tooltip = g_strdup_printf (ngettext ("On %u article", "On all %u articles", self->n_articles),
                                                  self->n_articles);
      gtk_widget_set_tooltip_text (chip, tooltip);
    }
  gtk_box_append (GTK_BOX (chip), chip_button (self, info->name, "window-close-symbolic",
                                               self->n_articles > 1 ? _("Remove from All Articles") : _("Remove"),
                                               remove_label, G_CALLBACK (on_chip_remove_clicked_cb)));
  return chip;
}

static void
update_hint (AmwTagsDialog *self)
{
  g_autofree char *hint = NULL;

  if (self->store != NULL && amw_store_is_read_only (self->store))
    hint = g_strdup (_("The database is read-only"));
  else if (self->n_articles == 0)
    hint = g_strdup (_("No article is selected"));
  else if (self->n_articles == 1)
    hint = g_strdup (_("Press Enter to add the tag, new or existing"));
  else
    hint = g_strdup_printf (ngettext ("Press Enter to add the tag to the article",
                                      "Press Enter to add the tag to all %u articles",
                                      self->n_articles),
                            self->n_articles);
  gtk_label_set_text (self->hint_label, hint);
}

/* Reads the articles again and rebuilds the chips: tags in the order they are first met. */
static void
load_chips (AmwTagsDialog *self)
{
  g_autoptr(GPtrArray) chips = g_ptr_array_new_with_free_func ((GDestroyNotify) chip_info_free);
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));
  gboolean had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->chips_box));
  guint n_mixed = 0;
  GtkWidget *child;

  self->n_articles = 0;
  for (guint i = 0; self->store != NULL && self->article_ids != NULL && self->article_ids[i] != NULL; i++)
    {
      g_autoptr(AmwArticle) article = amw_store_get_article (self->store, self->article_ids[i], NULL);
      g_autoptr(GHashTable) seen = NULL;

      if (article == NULL)
        continue;
      self->n_articles++;
      seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint j = 0; j < article->tags->len; j++)
        {
          const char *name = g_ptr_array_index (article->tags, j);
          char *key = tag_key (name);
          ChipInfo *info;

          if (!g_hash_table_add (seen, key))
            continue;
          info = g_hash_table_lookup (by_key, key);
          if (info == NULL)
            {
              info = g_new0 (ChipInfo, 1);
              info->name = g_strdup (name);
              g_hash_table_insert (by_key, g_strdup (key), info);
              g_ptr_array_add (chips, info);
            }
          info->count++;
        }
    }

  g_hash_table_remove_all (self->on_all);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->chips_box))) != NULL)
    gtk_flow_box_remove (self->chips_box, child);
  for (guint i = 0; i < chips->len; i++)
    {
      ChipInfo *info = g_ptr_array_index (chips, i);

      if (info->count < self->n_articles)
        n_mixed++;
      else
        g_hash_table_add (self->on_all, tag_key (info->name));
      gtk_flow_box_append (self->chips_box, make_chip (self, info));
    }
  /* Focus goes to the chips' buttons, not to the flow box children around them. */
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->chips_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);

  gtk_widget_set_visible (GTK_WIDGET (self->chips_box), chips->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), chips->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->legend_label), n_mixed > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->tag_entry), is_editable (self));
  update_hint (self);
  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self->tag_entry));
}

static void
update_title (AmwTagsDialog *self)
{
  guint n = self->article_ids ? g_strv_length (self->article_ids) : 0;

  if (n == 1 && self->store != NULL)
    {
      g_autoptr(AmwArticle) article = amw_store_get_article (self->store, self->article_ids[0], NULL);
      adw_window_title_set_subtitle (self->window_title, article ? article->title : "");
    }
  else
    {
      g_autofree char *subtitle = g_strdup_printf (ngettext ("%u article", "%u articles", n), n);
      adw_window_title_set_subtitle (self->window_title, subtitle);
    }
}

/* ---- callbacks ---- */

static void
on_store_changed_cb (AmwTagsDialog *self,
                     guint          flags)
{
  if (flags & AMW_CHANGE_TAGS)
    load_completions (self);
  if (flags & (AMW_CHANGE_ARTICLES | AMW_CHANGE_TAGS))
    {
      load_chips (self);
      update_title (self);
    }
}

static void
on_tag_entry_activate_cb (AmwTagsDialog *self)
{
  add_tag (self, gtk_editable_get_text (GTK_EDITABLE (self->tag_entry)));
}

static void
on_tag_entry_changed_cb (AmwTagsDialog *self)
{
  gboolean blank = amw_is_blank (gtk_editable_get_text (GTK_EDITABLE (self->tag_entry)));

  gtk_entry_set_icon_from_icon_name (self->tag_entry, GTK_ENTRY_ICON_SECONDARY,
                                     blank ? NULL : "list-add-symbolic");
}

static void
on_tag_entry_icon_release_cb (AmwTagsDialog        *self,
                              GtkEntryIconPosition  position)
{
  if (position == GTK_ENTRY_ICON_SECONDARY)
    add_tag (self, gtk_editable_get_text (GTK_EDITABLE (self->tag_entry)));
}

/* ---- GObject ---- */

static void
amw_tags_dialog_constructed (GObject *object)
{
  AmwTagsDialog *self = AMW_TAGS_DIALOG (object);

  G_OBJECT_CLASS (amw_tags_dialog_parent_class)->constructed (object);
  if (self->store != NULL)
    self->store_changed_id = g_signal_connect_swapped (self->store, "changed",
                                                       G_CALLBACK (on_store_changed_cb), self);
  load_completions (self);
  load_chips (self);
  update_title (self);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->tag_entry));
}

static void
amw_tags_dialog_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  AmwTagsDialog *self = AMW_TAGS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ARTICLE_IDS:
      g_value_set_boxed (value, self->article_ids);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
amw_tags_dialog_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  AmwTagsDialog *self = AMW_TAGS_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_ARTICLE_IDS:
      self->article_ids = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
amw_tags_dialog_dispose (GObject *object)
{
  AmwTagsDialog *self = AMW_TAGS_DIALOG (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->store_changed_id, self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), AMW_TYPE_TAGS_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->completions);
  G_OBJECT_CLASS (amw_tags_dialog_parent_class)->dispose (object);
}

static void
amw_tags_dialog_finalize (GObject *object)
{
  AmwTagsDialog *self = AMW_TAGS_DIALOG (object);

  g_strfreev (self->article_ids);
  g_hash_table_unref (self->on_all);
  G_OBJECT_CLASS (amw_tags_dialog_parent_class)->finalize (object);
}

static void
amw_tags_dialog_class_init (AmwTagsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = amw_tags_dialog_constructed;
  object_class->get_property = amw_tags_dialog_get_property;
  object_class->set_property = amw_tags_dialog_set_property;
  object_class->dispose = amw_tags_dialog_dispose;
  object_class->finalize = amw_tags_dialog_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, AMW_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARTICLE_IDS] =
    g_param_spec_boxed ("article-ids", NULL, NULL, G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/Amw/amw-tags-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, AmwTagsDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, AmwTagsDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, AmwTagsDialog, tag_entry);
  gtk_widget_class_bind_template_child (widget_class, AmwTagsDialog, hint_label);
  gtk_widget_class_bind_template_child (widget_class, AmwTagsDialog, chips_box);
  gtk_widget_class_bind_template_child (widget_class, AmwTagsDialog, empty_label);
  gtk_widget_class_bind_template_child (widget_class, AmwTagsDialog, legend_label);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tag_entry_icon_release_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
amw_tags_dialog_init (AmwTagsDialog *self)
{
  GtkEntryCompletion *completion;
  GtkCellRenderer *count_cell;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* A tag is at most AMW_LIMIT_TAG_CHARS long (the store refuses a longer one). */
  gtk_entry_set_max_length (self->tag_entry, AMW_LIMIT_TAG_CHARS);
  self->on_all = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Every tag, most used first; matched by substring, case-insensitively. */
  self->completions = gtk_list_store_new (N_COLUMNS, G_TYPE_STRING, G_TYPE_UINT);
  completion = gtk_entry_completion_new ();
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->completions));
  gtk_entry_completion_set_text_column (completion, COLUMN_NAME);
  gtk_entry_completion_set_match_func (completion, completion_match, self, NULL);
  gtk_entry_completion_set_minimum_key_length (completion, 1);
  gtk_entry_completion_set_popup_set_width (completion, TRUE);
  count_cell = gtk_cell_renderer_text_new ();
  g_object_set (count_cell, "xalign", 1.0, "foreground-rgba", &(GdkRGBA) { 0.5, 0.5, 0.5, 1.0 }, NULL);
  gtk_cell_layout_pack_end (GTK_CELL_LAYOUT (completion), count_cell, FALSE);
  gtk_cell_layout_set_cell_data_func (GTK_CELL_LAYOUT (completion), count_cell, count_cell_data, NULL, NULL);
  g_signal_connect (completion, "match-selected", G_CALLBACK (on_completion_match_selected_cb), self);
  gtk_entry_set_completion (self->tag_entry, completion);
  g_object_unref (completion);
}

/* ---- public API ---- */

GtkWidget *
amw_tags_dialog_new (GtkWindow          *parent,
                     AmwStore           *store,
                     const char * const *article_ids)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (AMW_IS_STORE (store), NULL);

  return g_object_new (AMW_TYPE_TAGS_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "article-ids", article_ids,
                       NULL);
}
