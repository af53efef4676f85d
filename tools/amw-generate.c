/* amw-generate.c — writes a synthetic AMW Desk database for benchmarks, through the real
 * core API (amw_store_open, amw_store_begin / amw_store_upsert_* / amw_store_commit).
 *
 *   amw-generate --out PATH [--articles N] [--seed S] [--batch B] [--force]
 *
 * Deterministic: every record is drawn from its own random stream, derived from the seed,
 * the kind of record and its index, so the same arguments give the same database
 * (whatever the batch size). Not a test; see tools/bench.sh and docs/PERFORMANCE.md.
 *
 * What it writes (defaults; all but the companies and areas scale with --articles):
 *   - N articles "gen-0000001"…, published 2015-01-01 … 2026-06-30 in random order,
 *     titles 40–160 characters, summaries 300–800, AMW Read 150–500 (empty for half of the
 *     drafts), words drawn from an AI-news word list with a Zipf-like frequency;
 *   - 20000 companies "co-000001"… with ~1.5 funding rounds each (~30000);
 *   - 2 tag links per article on average (200000 at N = 100000) over 2000 tags, the tag
 *     of each link drawn with a Zipf distribution (s = 1);
 *   - 1–2 knowledge areas per article from the 6 × 3 vocabulary;
 *   - 0–3 companies per article (Zipf: a few companies are in most of the news);
 *   - 100000 timeline events (N events at N = 100000; --events to change);
 *   - ~1 connection per article (70 % to an article, 30 % to an event).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "amw-store.h"

/* ---- random streams ---- */

typedef struct {
  guint64 state;
} Rng;

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

enum {
  STREAM_COMPANY = 1,
  STREAM_ARTICLE,
  STREAM_EVENT,
  STREAM_CONNECTION,
  STREAM_TAG_NAMES,
};

static Rng
rng_for (guint64 seed,
         guint   stream,
         guint64 index)
{
  Rng rng;
  guint64 mix = seed * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) ^ ((guint64) stream << 56) ^ index;

  rng.state = splitmix64 (&mix);
  splitmix64 (&rng.state);
  return rng;
}

static guint64
rng_next (Rng *rng)
{
  return splitmix64 (&rng->state);
}

static double
rng_unit (Rng *rng)
{
  return (rng_next (rng) >> 11) * (1.0 / 9007199254740992.0);
}

/* Uniform in [lo, hi]. */
static guint
rng_range (Rng  *rng,
           guint lo,
           guint hi)
{
  return lo + (guint) (rng_next (rng) % (guint64) (hi - lo + 1));
}

static gboolean
rng_chance (Rng    *rng,
            double  p)
{
  return rng_unit (rng) < p;
}

/* ---- Zipf-like sampling over ranks 0…n-1: P(k) ∝ 1 / (k + 1)^s ---- */

typedef struct {
  double *cdf;
  guint   n;
} Zipf;

static void
zipf_init (Zipf   *zipf,
           guint   n,
           double  s)
{
  double sum = 0;

  zipf->n = n;
  zipf->cdf = g_new (double, n);
  for (guint k = 0; k < n; k++)
    {
      sum += 1.0 / pow (k + 1, s);
      zipf->cdf[k] = sum;
    }
}

static guint
zipf_sample (const Zipf *zipf,
             Rng        *rng)
{
  double u = rng_unit (rng) * zipf->cdf[zipf->n - 1];
  guint lo = 0, hi = zipf->n - 1;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (zipf->cdf[mid] < u)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* ---- vocabulary ---- */

/* Roughly by frequency in AI-industry news: the first words are the most common. */
static const char * const words[] = {
  "the", "of", "and", "to", "in", "a", "for", "on", "with", "its", "model", "ai", "new",
  "as", "by", "is", "that", "from", "data", "company", "said", "models", "will", "training",
  "release", "an", "compute", "open", "research", "billion", "startup", "funding", "chips",
  "this", "more", "agents", "language", "inference", "cloud", "deal", "partnership", "safety",
  "which", "than", "enterprise", "launch", "policy", "market", "customers", "revenue", "after",
  "round", "investors", "valuation", "benchmark", "reasoning", "weights", "license", "access",
  "developers", "platform", "product", "releases", "released", "search", "users", "growth",
  "regulators", "rules", "lawsuit", "copyright", "hardware", "gpu", "datacenter", "power",
  "energy", "capacity", "contract", "agreement", "exclusive", "non-exclusive", "team", "lab",
  "labs", "researchers", "paper", "results", "evaluation", "evaluations", "alignment", "risk",
  "risks", "frontier", "scaling", "costs", "pricing", "api", "assistant", "assistants",
  "coding", "code", "tools", "workflow", "automation", "robotics", "vision", "speech", "audio",
  "video", "image", "multimodal", "context", "window", "tokens", "parameters", "fine-tuning",
  "distillation", "quantization", "latency", "throughput", "serving", "deployment",
  "infrastructure", "supply", "export", "controls", "government", "commission", "act",
  "european", "union", "federal", "state", "court", "ruling", "settlement", "hiring",
  "departure", "chief", "executive", "founder", "cofounder", "board", "acquisition",
  "acquires", "merger", "shares", "public", "listing", "ipo", "debt", "grant", "seed",
  "series", "led", "participation", "strategic", "investment", "invests", "backed", "raises",
  "raised", "million", "quarter", "annual", "report", "forecast", "demand", "shortage",
  "relationship", "relations", "relevant", "reliability", "reliable", "relaxed", "relay",
  "relocation", "reluctant", "rely", "relies", "relief", "religion", "relic", "relational",
  "modeling", "modelling", "modular", "moderate", "moderation", "modest", "modern", "mode",
  "microsoft", "openai", "google", "anthropic", "meta", "nvidia", "amazon", "apple", "mistral",
  "deepmind", "cohere", "inflection", "xai", "baidu", "alibaba", "tencent", "samsung", "intel",
  "amd", "arm", "tsmc", "oracle", "ibm", "salesforce", "databricks", "snowflake", "hugging",
  "face", "stability", "midjourney", "perplexity", "character", "adept", "runway",
  "scale", "labeling", "annotation", "synthetic", "dataset", "datasets", "corpus", "crawl",
  "privacy", "security", "jailbreak", "red-teaming", "watermark", "provenance", "disclosure",
  "transparency", "audit", "audits", "standards", "certification", "liability", "insurance",
  "healthcare", "finance", "legal", "education", "media", "news", "publishers", "licensing",
  "royalties", "creators", "artists", "music", "games", "search-engine", "browser", "phone",
  "device", "on-device", "edge", "chip", "accelerator", "memory", "bandwidth", "cluster",
  "supercomputer", "nuclear", "solar", "grid", "cooling", "water", "emissions", "climate",
  "sovereign", "national", "strategy", "summit", "pledge", "commitments", "voluntary",
  "framework", "guidance", "consultation", "draft", "bill", "senate", "parliament", "ministry",
  "agency", "office", "institute", "university", "academic", "student", "benchmarks",
  "leaderboard", "arena", "preview", "beta", "general", "availability", "version", "update",
  "upgrade", "roadmap", "delay", "outage", "incident", "recall", "bug", "vulnerability",
  "patch", "agentic", "autonomous", "planning", "memory-efficient", "retrieval", "rag",
  "embedding", "vector", "database", "orchestration", "evaluation-harness", "open-source",
  "open-weight", "closed", "proprietary", "rival", "competitor", "competition", "antitrust",
  "probe", "investigation", "fine", "penalty", "ban", "restriction", "tariff", "sanctions",
};

static const char * const areas[] = {
  "Foundation Models", "AI Infrastructure", "Applications", "Policy & Regulation",
  "Research", "Business & Funding",
};
static const char * const facets[] = { "Case Studies", "Recurring Patterns", "Open Debates" };

static const char * const sources[] = {
  "The Verge", "TechCrunch", "Reuters", "Bloomberg", "Financial Times", "The Information",
  "Wired", "Ars Technica", "VentureBeat", "MIT Technology Review", "The Register", "Axios",
  "CNBC", "Wall Street Journal", "New York Times", "Semafor", "Platformer", "Stratechery",
  "SiliconANGLE", "ZDNet", "Engadget", "Fortune", "Forbes", "Business Insider", "Nikkei Asia",
  "South China Morning Post", "Les Echos", "Handelsblatt", "Le Monde", "El País", "Heise",
  "Golem", "The Guardian", "BBC", "Politico", "Euractiv", "IEEE Spectrum", "Nature",
  "Science", "Company blog",
};

static const char * const statuses[] = { "draft", "in-review", "ready", "published", "archived" };
static const double status_weights[] = { 0.15, 0.10, 0.10, 0.60, 0.05 };

static const char * const event_kinds[] = {
  "funding", "partnership", "release", "policy", "people", "legal", "other",
};

static const char * const sectors[] = {
  "Foundation models", "AI infrastructure", "Chips", "Developer tools", "Robotics",
  "Healthcare AI", "Enterprise software", "Consumer apps", "Data labeling", "Security",
  "Autonomous vehicles", "Search", "Creative tools", "Legal tech", "Fintech",
};
static const char * const employee_ranges[] = {
  "1-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5001+",
};
static const char * const cities[][2] = {
  { "San Francisco", "US" }, { "New York", "US" }, { "Seattle", "US" }, { "Austin", "US" },
  { "Boston", "US" }, { "London", "GB" }, { "Paris", "FR" }, { "Berlin", "DE" },
  { "Munich", "DE" }, { "Zurich", "CH" }, { "Tel Aviv", "IL" }, { "Toronto", "CA" },
  { "Montreal", "CA" }, { "Beijing", "CN" }, { "Shanghai", "CN" }, { "Shenzhen", "CN" },
  { "Seoul", "KR" }, { "Tokyo", "JP" }, { "Singapore", "SG" }, { "Bangalore", "IN" },
};
static const char * const syllables[] = {
  "ve", "xa", "lo", "ra", "ne", "th", "qu", "an", "tu", "mi", "ko", "sy", "da", "ri", "on",
  "el", "ca", "de", "zo", "pa", "li", "ta", "ser", "nov", "mar", "cor", "lum", "ax", "ion",
  "ent", "vo", "kai",
};
static const char * const company_suffixes[] = {
  "AI", "Labs", "Systems", "Robotics", "Compute", "Data", "Intelligence", "Technologies",
  "Networks", "Dynamics", "Research", "Cloud",
};
static const char * const investors[] = {
  "Sequoia Capital", "Andreessen Horowitz", "Accel", "Index Ventures", "Lightspeed",
  "General Catalyst", "Kleiner Perkins", "Greylock", "Benchmark", "Thrive Capital",
  "Tiger Global", "SoftBank Vision Fund", "Insight Partners", "Coatue", "Founders Fund",
  "Khosla Ventures", "Balderton", "Atomico", "Northzone", "Eurazeo", "Microsoft", "Nvidia",
  "Google", "Amazon", "Salesforce Ventures", "Y Combinator", "Elad Gil", "Conviction",
  "Radical Ventures", "Lux Capital",
};

/* ---- generation context ---- */

typedef struct {
  guint64     seed;
  guint       n_articles;
  guint       n_companies;
  guint       n_events;
  guint       n_tags;
  guint64     n_tag_links;
  double      connections_per_article;
  guint       batch;

  Zipf        word_zipf;
  Zipf        tag_zipf;
  Zipf        company_zipf;
  char      **tag_names;
  char      **dates;       /* YYYY-MM-DD, one per day of the range */
  guint       n_dates;
  guint64     written_tag_links;
  guint64     written_connections;
  guint64     written_rounds;
} Gen;

static const char *
random_date (Gen *gen,
             Rng *rng)
{
  return gen->dates[rng_range (rng, 0, gen->n_dates - 1)];
}

/* Appends words up to a length in [min_len, max_len]; with @sentences, words form
 * capitalised sentences ending with a full stop. */
static void
append_text (Gen     *gen,
             Rng     *rng,
             GString *out,
             guint    min_len,
             guint    max_len,
             gboolean sentences)
{
  /* Words are at most 20 bytes: stopping when the next one does not fit the target lands
   * within [target - 21, target]. */
  guint target = rng_range (rng, MIN (min_len + 22, max_len), max_len);
  gsize start = out->len;
  guint in_sentence = 0, sentence_len = rng_range (rng, 8, 22);
  gboolean capital = TRUE;

  for (;;)
    {
      const char *word = words[zipf_sample (&gen->word_zipf, rng)];
      gsize wlen = strlen (word);
      gsize len = out->len - start;

      if (len + (len > 0) + wlen + 1 > target)
        break;
      if (len > 0)
        g_string_append_c (out, ' ');
      if (capital)
        {
          g_string_append_c (out, g_ascii_toupper (word[0]));
          g_string_append (out, word + 1);
          capital = FALSE;
        }
      else
        g_string_append (out, word);
      if (sentences && ++in_sentence == sentence_len)
        {
          g_string_append_c (out, '.');
          in_sentence = 0;
          sentence_len = rng_range (rng, 8, 22);
          capital = TRUE;
        }
    }
  if (sentences && out->len > start && out->str[out->len - 1] != '.')
    g_string_append_c (out, '.');
}

static char *
make_text (Gen     *gen,
           Rng     *rng,
           guint    min_len,
           guint    max_len,
           gboolean sentences)
{
  GString *text = g_string_sized_new (max_len + 1);

  append_text (gen, rng, text, min_len, max_len, sentences);
  return g_string_free (text, FALSE);
}

static char *
make_timestamp (const char *date,
                Rng        *rng)
{
  return g_strdup_printf ("%sT%02u:%02u:%02uZ", date, rng_range (rng, 6, 21),
                          rng_range (rng, 0, 59), rng_range (rng, 0, 59));
}

static char *
article_id (guint index)
{
  return g_strdup_printf ("gen-%07u", index + 1);
}

static char *
company_id (guint index)
{
  return g_strdup_printf ("co-%06u", index + 1);
}

static char *
event_id (guint index)
{
  return g_strdup_printf ("ev-%07u", index + 1);
}

/* A company drawn by popularity; ranks are spread over the ids. */
static guint
random_company (Gen *gen,
                Rng *rng)
{
  guint rank = zipf_sample (&gen->company_zipf, rng);

  return (guint) (((guint64) rank * 7919) % gen->n_companies);
}

static void
init_tags (Gen *gen)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  Rng rng = rng_for (gen->seed, STREAM_TAG_NAMES, 0);
  guint n_words = G_N_ELEMENTS (words);

  gen->tag_names = g_new0 (char *, gen->n_tags + 1);
  for (guint i = 0; i < gen->n_tags; i++)
    {
      char *name = NULL;

      for (guint attempt = 0; name == NULL; attempt++)
        {
          /* Skip the most common words and the short ones: "the of" is no tag. */
          const char *a = words[rng_range (&rng, 20, n_words - 1)];
          const char *b = words[rng_range (&rng, 20, n_words - 1)];
          char *candidate = (i < 300 && attempt < 4) ? g_strdup (a)
                            : attempt < 8 ? g_strdup_printf ("%s %s", a, b)
                            : g_strdup_printf ("%s %s %u", a, b, i);

          if (strlen (a) < 3 || strlen (b) < 3 || g_hash_table_contains (seen, candidate))
            g_free (candidate);
          else
            name = candidate;
        }
      g_hash_table_add (seen, name);
      gen->tag_names[i] = name;
    }
}

static void
init_dates (Gen *gen)
{
  g_autoptr(GDate) date = g_date_new_dmy (1, G_DATE_JANUARY, 2015);
  g_autoptr(GDate) last = g_date_new_dmy (30, G_DATE_JUNE, 2026);
  GPtrArray *dates = g_ptr_array_new ();

  while (g_date_compare (date, last) <= 0)
    {
      char buffer[16];

      g_date_strftime (buffer, sizeof buffer, "%Y-%m-%d", date);
      g_ptr_array_add (dates, g_strdup (buffer));
      g_date_add_days (date, 1);
    }
  gen->n_dates = dates->len;
  gen->dates = (char **) g_ptr_array_free (dates, FALSE);
}

/* ---- records ---- */

static AmwCompany *
make_company (Gen   *gen,
              guint  index)
{
  Rng rng = rng_for (gen->seed, STREAM_COMPANY, index);
  AmwCompany *company = amw_company_new ();
  GString *name = g_string_new (NULL);
  guint city = rng_range (&rng, 0, G_N_ELEMENTS (cities) - 1);
  guint n_syllables = rng_range (&rng, 2, 3);
  guint n_rounds;
  const char *first_date = NULL;

  for (guint i = 0; i < n_syllables; i++)
    g_string_append (name, syllables[rng_range (&rng, 0, G_N_ELEMENTS (syllables) - 1)]);
  name->str[0] = g_ascii_toupper (name->str[0]);
  g_string_append_printf (name, " %s", company_suffixes[rng_range (&rng, 0, G_N_ELEMENTS (company_suffixes) - 1)]);

  company->id = company_id (index);
  company->website = g_strdup_printf ("https://%s.example.com", company->id);
  if (rng_chance (&rng, 0.3))
    g_ptr_array_add (company->aliases, g_strdup_printf ("%s Inc.", name->str));
  if (rng_chance (&rng, 0.1))
    g_ptr_array_add (company->aliases, g_ascii_strdown (name->str, -1));
  company->name = g_string_free (name, FALSE);
  company->hq_city = g_strdup (cities[city][0]);
  company->hq_country = g_strdup (cities[city][1]);
  company->founded = (int) rng_range (&rng, 1995, 2025);
  company->status = g_strdup (rng_chance (&rng, 0.85) ? "active"
                              : rng_chance (&rng, 0.5) ? "acquired"
                              : rng_chance (&rng, 0.5) ? "public" : "closed");
  if (g_str_equal (company->status, "public"))
    company->ticker = g_strdup_printf ("X%c%c", 'A' + (int) (index % 26), 'A' + (int) (index / 26 % 26));
  company->sector = g_strdup (sectors[rng_range (&rng, 0, G_N_ELEMENTS (sectors) - 1)]);
  company->employees = g_strdup (employee_ranges[rng_range (&rng, 0, G_N_ELEMENTS (employee_ranges) - 1)]);
  company->description = make_text (gen, &rng, 80, 300, TRUE);
  company->last_verified = g_strdup (random_date (gen, &rng));
  first_date = random_date (gen, &rng);
  company->created_at = make_timestamp (first_date, &rng);
  company->updated_at = make_timestamp (company->last_verified, &rng);

  /* 0–3 rounds, 1.5 on average: ~30000 for 20000 companies. */
  n_rounds = rng_range (&rng, 0, 3);
  for (guint i = 0; i < n_rounds; i++)
    {
      static const char * const types[] = {
        "pre-seed", "seed", "series-a", "series-b", "series-c", "series-d", "series-e",
      };
      AmwFundingRound *round = amw_funding_round_new ();
      double usd = exp (log (2e5) + rng_unit (&rng) * (log (2e9) - log (2e5)));
      double rate = 1.0;

      round->id = g_strdup_printf ("%s-round-%u", company->id, i + 1);
      round->company_id = g_strdup (company->id);
      round->announced = g_strdup (random_date (gen, &rng));
      round->type = g_strdup (rng_chance (&rng, 0.1) ? "strategic" : types[MIN (i, G_N_ELEMENTS (types) - 1)]);
      round->has_amount = rng_chance (&rng, 0.9);
      if (round->has_amount)
        {
          double u = rng_unit (&rng);

          round->currency = g_strdup (u < 0.8 ? "USD" : u < 0.92 ? "EUR" : "GBP");
          rate = u < 0.8 ? 1.0 : u < 0.92 ? 1.08 : 1.27;
          round->amount_minor = (gint64) (usd / rate) * 100;
          round->has_amount_usd = TRUE;
          round->amount_usd_minor = (gint64) usd * 100;
        }
      round->has_post_money = round->has_amount && rng_chance (&rng, 0.5);
      if (round->has_post_money)
        {
          round->post_money_minor = round->amount_minor * (gint64) rng_range (&rng, 4, 12);
          round->post_money_currency = g_strdup (round->currency);
        }
      for (guint j = rng_range (&rng, 1, 2); j > 0; j--)
        g_ptr_array_add (round->lead_investors, g_strdup (investors[rng_range (&rng, 0, G_N_ELEMENTS (investors) - 1)]));
      for (guint j = rng_range (&rng, 0, 4); j > 0; j--)
        g_ptr_array_add (round->participants, g_strdup (investors[rng_range (&rng, 0, G_N_ELEMENTS (investors) - 1)]));
      if (rng_chance (&rng, 0.3))
        round->source_article = article_id (rng_range (&rng, 0, gen->n_articles - 1));
      g_ptr_array_add (company->funding_rounds, round);
    }
  return company;
}

static AmwArticle *
make_article (Gen   *gen,
              guint  index)
{
  Rng rng = rng_for (gen->seed, STREAM_ARTICLE, index);
  AmwArticle *article = amw_article_new ();
  double u = rng_unit (&rng), acc = 0;
  double mean_tags = (double) gen->n_tag_links / gen->n_articles;
  guint n_tags, n_areas, n_companies;
  guint status = 0;

  article->id = article_id (index);
  article->title = make_text (gen, &rng, 40, 160, FALSE);
  if (rng_chance (&rng, 0.95))
    article->source = g_strdup (sources[rng_range (&rng, 0, G_N_ELEMENTS (sources) - 1)]);
  article->url = g_strdup_printf ("https://news.example.com/%s", article->id);
  article->published = g_strdup (random_date (gen, &rng));
  for (status = 0; status < G_N_ELEMENTS (statuses) - 1; status++)
    if (u < (acc += status_weights[status]))
      break;
  article->status = g_strdup (statuses[status]);
  article->summary = make_text (gen, &rng, 300, 800, TRUE);
  if (status == 0 && rng_chance (&rng, 0.5))
    article->amw_read = g_strdup ("");
  else
    article->amw_read = make_text (gen, &rng, 150, 500, TRUE);
  article->notes = g_strdup ("");
  article->novelty = rng_chance (&rng, 0.8) ? (int) rng_range (&rng, 1, 5) : 0;
  article->significance = rng_chance (&rng, 0.8) ? (int) rng_range (&rng, 1, 5) : 0;

  n_areas = rng_range (&rng, 1, 2);
  for (guint i = 0; i < n_areas; i++)
    {
      guint area = rng_range (&rng, 0, G_N_ELEMENTS (areas) - 1);
      guint facet = rng_range (&rng, 0, G_N_ELEMENTS (facets) - 1);
      gboolean duplicate = FALSE;

      for (guint j = 0; j < article->areas->len; j++)
        {
          AmwPair *pair = g_ptr_array_index (article->areas, j);
          duplicate |= g_str_equal (pair->first, areas[area]) && g_str_equal (pair->second, facets[facet]);
        }
      if (!duplicate)
        g_ptr_array_add (article->areas, amw_pair_new (areas[area], facets[facet]));
    }

  /* Uniform in [0, 2 × mean]: the mean is what --tag-links asks for. */
  n_tags = (guint) floor (rng_unit (&rng) * (2 * mean_tags + 1));
  for (guint i = 0, tries = 0; i < n_tags && tries < 4 * n_tags + 8; tries++)
    {
      const char *name = gen->tag_names[zipf_sample (&gen->tag_zipf, &rng)];
      gboolean duplicate = FALSE;

      for (guint j = 0; j < article->tags->len; j++)
        duplicate |= g_ptr_array_index (article->tags, j) == name;
      if (duplicate)
        continue;
      g_ptr_array_add (article->tags, (gpointer) name);
      i++;
    }
  /* The array frees its strings: own copies, after the pointer comparisons above. */
  for (guint j = 0; j < article->tags->len; j++)
    article->tags->pdata[j] = g_strdup (article->tags->pdata[j]);
  gen->written_tag_links += article->tags->len;

  u = rng_unit (&rng);
  n_companies = u < 0.2 ? 0 : u < 0.6 ? 1 : u < 0.9 ? 2 : 3;
  for (guint i = 0; i < n_companies; i++)
    {
      g_autofree char *id = company_id (random_company (gen, &rng));
      gboolean duplicate = FALSE;

      for (guint j = 0; j < article->companies->len; j++)
        duplicate |= g_str_equal (((AmwPair *) g_ptr_array_index (article->companies, j))->first, id);
      if (!duplicate)
        g_ptr_array_add (article->companies, amw_pair_new (id, article->companies->len == 0 ? "subject" : "mentioned"));
    }
  article->created_at = make_timestamp (article->published, &rng);
  article->updated_at = g_strdup (article->created_at);
  return article;
}

static AmwEvent *
make_event (Gen   *gen,
            guint  index)
{
  Rng rng = rng_for (gen->seed, STREAM_EVENT, index);
  AmwEvent *event = amw_event_new ();
  const char *date = random_date (gen, &rng);
  double u = rng_unit (&rng);
  guint n_companies = rng_range (&rng, 1, 2);

  event->id = event_id (index);
  if (u < 0.8)
    {
      event->precision = g_strdup ("day");
      event->date = g_strdup (date);
    }
  else if (u < 0.95)
    {
      event->precision = g_strdup ("month");
      event->date = g_strdup_printf ("%.7s-01", date);
    }
  else
    {
      event->precision = g_strdup ("year");
      event->date = g_strdup_printf ("%.4s-01-01", date);
    }
  event->title = make_text (gen, &rng, 40, 120, FALSE);
  event->kind = g_strdup (event_kinds[rng_range (&rng, 0, G_N_ELEMENTS (event_kinds) - 1)]);
  for (guint i = 0; i < n_companies; i++)
    {
      char *id = company_id (random_company (gen, &rng));
      gboolean duplicate = FALSE;

      for (guint j = 0; j < event->companies->len; j++)
        duplicate |= g_str_equal (g_ptr_array_index (event->companies, j), id);
      if (duplicate)
        g_free (id);
      else
        g_ptr_array_add (event->companies, id);
    }
  if (rng_chance (&rng, 0.4))
    event->source_article = article_id (rng_range (&rng, 0, gen->n_articles - 1));
  event->created_at = make_timestamp (event->date, &rng);
  event->updated_at = g_strdup (event->created_at);
  return event;
}

/* Only id and connections are read by amw_store_upsert_connections. */
static AmwArticle *
make_connections (Gen   *gen,
                  guint  index)
{
  Rng rng = rng_for (gen->seed, STREAM_CONNECTION, index);
  AmwArticle *article = amw_article_new ();
  guint n = (guint) floor (rng_unit (&rng) * (2 * gen->connections_per_article + 1));

  article->id = article_id (index);
  for (guint i = 0; i < n; i++)
    {
      gboolean to_article = gen->n_events == 0 || rng_chance (&rng, 0.7);
      guint target = to_article ? rng_range (&rng, 0, gen->n_articles - 1)
                                : rng_range (&rng, 0, gen->n_events - 1);
      g_autofree char *id = to_article ? article_id (target) : event_id (target);
      const char *kind = to_article ? "article" : "event";
      gboolean duplicate = to_article && target == index;

      for (guint j = 0; j < article->connections->len; j++)
        {
          AmwPair *pair = g_ptr_array_index (article->connections, j);
          duplicate |= g_str_equal (pair->first, kind) && g_str_equal (pair->second, id);
        }
      if (!duplicate)
        g_ptr_array_add (article->connections, amw_pair_new (kind, id));
    }
  gen->written_connections += article->connections->len;
  return article;
}

/* ---- phases ---- */

typedef gboolean (*WriteFunc) (Gen *gen, AmwStore *store, guint index, GError **error);

static gboolean
write_company (Gen *gen, AmwStore *store, guint index, GError **error)
{
  g_autoptr(AmwCompany) company = make_company (gen, index);
  return amw_store_upsert_company (store, company, error);
}

static gboolean
write_rounds (Gen *gen, AmwStore *store, guint index, GError **error)
{
  g_autoptr(AmwCompany) company = make_company (gen, index);
  gen->written_rounds += company->funding_rounds->len;
  return amw_store_upsert_funding_rounds (store, company, error);
}

static gboolean
write_article (Gen *gen, AmwStore *store, guint index, GError **error)
{
  g_autoptr(AmwArticle) article = make_article (gen, index);
  return amw_store_upsert_article (store, article, error);
}

static gboolean
write_event (Gen *gen, AmwStore *store, guint index, GError **error)
{
  g_autoptr(AmwEvent) event = make_event (gen, index);
  return amw_store_upsert_event (store, event, error);
}

static gboolean
write_connections (Gen *gen, AmwStore *store, guint index, GError **error)
{
  g_autoptr(AmwArticle) article = make_connections (gen, index);
  if (article->connections->len == 0)
    return TRUE;
  return amw_store_upsert_connections (store, article, error);
}

/* Writes @n records in transactions of gen->batch records each. */
static gboolean
run_phase (Gen        *gen,
           AmwStore   *store,
           const char *name,
           guint       n,
           WriteFunc   write,
           GError    **error)
{
  gint64 start = g_get_monotonic_time ();
  gint64 last_report = start;

  for (guint first = 0; first < n; first += gen->batch)
    {
      guint end = MIN (n, first + gen->batch);
      gint64 now;

      if (!amw_store_begin (store, error))
        return FALSE;
      for (guint i = first; i < end; i++)
        if (!write (gen, store, i, error))
          {
            amw_store_rollback (store);
            g_prefix_error (error, "%s %u: ", name, i + 1);
            return FALSE;
          }
      if (!amw_store_commit (store, error))
        return FALSE;
      now = g_get_monotonic_time ();
      if (end == n || now - last_report > G_USEC_PER_SEC)
        {
          double seconds = (now - start) / 1e6;

          g_print ("  %-12s %9u / %-9u %7.1f s  %8.0f /s\n", name, end, n, seconds,
                   seconds > 0 ? end / seconds : 0.0);
          last_report = now;
        }
    }
  return TRUE;
}

static void
remove_database (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *out = NULL;
  gint64 seed = 1, tag_links = -1;
  int n_articles = 100000, n_companies = 20000, n_events = -1, n_tags = 2000, batch = 5000;
  double connections = 1.0;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, "Database to create", "PATH" },
    { "articles", 'n', 0, G_OPTION_ARG_INT, &n_articles, "Number of articles (100000)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Random seed (1)", "S" },
    { "companies", 0, 0, G_OPTION_ARG_INT, &n_companies, "Number of companies (20000)", "N" },
    { "events", 0, 0, G_OPTION_ARG_INT, &n_events, "Number of timeline events (100000)", "N" },
    { "tags", 0, 0, G_OPTION_ARG_INT, &n_tags, "Number of distinct tags (2000)", "N" },
    { "tag-links", 0, 0, G_OPTION_ARG_INT64, &tag_links, "Tag links in all (2 per article)", "N" },
    { "connections", 0, 0, G_OPTION_ARG_DOUBLE, &connections, "Connections per article (1.0)", "X" },
    { "batch", 'b', 0, G_OPTION_ARG_INT, &batch, "Records per transaction (5000)", "N" },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, "Replace PATH if it exists", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— write a synthetic AMW Desk database");
  g_autoptr(GError) error = NULL;
  g_autoptr(AmwStore) store = NULL;
  Gen gen = { 0 };
  gint64 start;
  double total;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("amw-generate: %s\n", error->message);
      return 2;
    }
  if (out == NULL || n_articles <= 0 || n_companies <= 0 || n_tags <= 0 || batch <= 0 ||
      connections < 0)
    {
      g_printerr ("amw-generate: --out PATH is required, and counts must be positive\n");
      return 2;
    }
  if (g_file_test (out, G_FILE_TEST_EXISTS))
    {
      if (!force)
        {
          g_printerr ("amw-generate: %s exists (use --force to replace it)\n", out);
          return 1;
        }
      remove_database (out);
    }

  gen.seed = (guint64) seed;
  gen.n_articles = (guint) n_articles;
  gen.n_companies = (guint) n_companies;
  gen.n_events = n_events >= 0 ? (guint) n_events : 100000;
  gen.n_tags = (guint) n_tags;
  gen.n_tag_links = tag_links >= 0 ? (guint64) tag_links : 2 * (guint64) n_articles;
  gen.connections_per_article = connections;
  gen.batch = (guint) batch;
  zipf_init (&gen.word_zipf, G_N_ELEMENTS (words), 1.0);
  zipf_init (&gen.tag_zipf, gen.n_tags, 1.0);
  zipf_init (&gen.company_zipf, gen.n_companies, 0.9);
  init_tags (&gen);
  init_dates (&gen);

  start = g_get_monotonic_time ();
  g_print ("amw-generate: %s, seed %" G_GINT64_FORMAT ": %u articles, %u companies, %u events,"
           " %u tags, %" G_GUINT64_FORMAT " tag links wanted, batches of %u\n",
           out, seed, gen.n_articles, gen.n_companies, gen.n_events, gen.n_tags, gen.n_tag_links, gen.batch);
  store = amw_store_open (out, &error);
  if (store == NULL ||
      !run_phase (&gen, store, "companies", gen.n_companies, write_company, &error) ||
      !run_phase (&gen, store, "articles", gen.n_articles, write_article, &error) ||
      !run_phase (&gen, store, "rounds", gen.n_companies, write_rounds, &error) ||
      !run_phase (&gen, store, "events", gen.n_events, write_event, &error) ||
      !run_phase (&gen, store, "connections", gen.n_articles, write_connections, &error))
    {
      g_printerr ("amw-generate: %s\n", error->message);
      return 1;
    }
  g_clear_object (&store);
  total = (g_get_monotonic_time () - start) / 1e6;
  {
    GStatBuf st;
    double size = g_stat (out, &st) == 0 ? st.st_size / 1048576.0 : 0;

    g_print ("amw-generate: done in %.1f s: %u articles, %u companies, %" G_GUINT64_FORMAT
             " funding rounds, %" G_GUINT64_FORMAT " tag links, %u events, %" G_GUINT64_FORMAT
             " connections; %s is %.0f MB\n", total, gen.n_articles, gen.n_companies,
             gen.written_rounds, gen.written_tag_links, gen.n_events, gen.written_connections,
             out, size);
  }
  return 0;
}
