/*
 * tradeflow/refdata.h — reference data: products (named HS sets), the GACC
 * partner crosswalk (GACC code <-> ISO alpha-3 <-> UN M49), trade modes and
 * provinces. The shipped tables (data/ (CSV files), sources in data/README.md) are
 * compiled into the library; users add products from their own CSV files.
 */
#ifndef TRADEFLOW_REFDATA_H
#define TRADEFLOW_REFDATA_H

#include "tradeflow/common.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tf_refdata tf_refdata;

typedef struct tf_product {
    const char *name;            /* e.g. "primary-aluminium" */
    const char *classification;  /* "HS" */
    const char *const *codes;    /* codes or prefixes, e.g. "76011010" */
    size_t n_codes;
    const char *description;
    const char *source;          /* where the definition comes from */
    const char *origin;          /* "built-in" or the user file's path */
    const char *name_en;         /* display name, "primary aluminium" ("" when the file has none) */
    const char *name_zh;         /* Chinese display name, "原铝" ("" when none) */
    const char *const *aliases;  /* other names in any language (column aliases, ';'-separated) */
    size_t n_aliases;
} tf_product;

typedef struct tf_partner {
    const char *gacc_code;  /* "344" */
    const char *iso3;       /* "RUS" */
    const char *m49;        /* "643" or "" */
    const char *name_en;
    const char *name_zh;
    const char *kind;       /* country|territory|aggregate */
    const char *const *aliases; /* other names, English or Chinese ("Russian Federation", "俄罗斯");
                                   short_zh among them */
    size_t n_aliases;
    const char *short_zh;   /* the short Chinese name notes write ("俄罗斯" for GACC's
                               official 俄罗斯联邦), "" where name_zh is already short */
} tf_partner;

typedef struct tf_trade_mode {
    const char *code;       /* "10" */
    const char *name_en;    /* "General trade" */
    const char *name_zh;
    const char *group;      /* general|processing|bonded|other */
} tf_trade_mode;

typedef struct tf_province {
    const char *code, *name_en, *name_zh;
} tf_province;

/* A row of data/window-params.csv: an import-window parameter in force from
 * a date (VAT %, duty % by HS prefix and origin group, misc CNY/t). */
typedef struct tf_window_param {
    const char *parameter;     /* "vat", "duty", "misc" */
    const char *hs;            /* HS prefix for duty, "" otherwise */
    const char *origin_group;  /* "MFN", "ASEAN", ... for duty, "" otherwise */
    const char *from;          /* "YYYY-MM-DD" */
    double value;
    const char *source;
    int user;                  /* 1: from the user's own file (takes precedence) */
} tf_window_param;

/* Load the built-in tables. Returns TF_OK or TF_ERR_NOMEM. */
TF_API tf_status tf_refdata_open(tf_refdata **out);
TF_API void tf_refdata_free(tf_refdata **ref);

/*
 * Add product definitions from a CSV file with the columns of
 * data/products.csv (name,classification,codes,description,source; optional
 * name_en,name_zh,aliases). A name
 * already defined is replaced (user definitions win). Returns TF_OK,
 * TF_ERR_IO, or TF_ERR_INPUT, the error in *err when non-NULL
 * (tradeflow/common.h: the file, line and column at fault, msg
 * "FILE:LINE:COL: message").
 */
TF_API tf_status tf_refdata_add_products(tf_refdata *ref, const char *path, tf_error *err);

TF_API size_t tf_refdata_product_count(const tf_refdata *ref);
TF_API const tf_product *tf_refdata_product_at(const tf_refdata *ref, size_t i);
/* NULL when unknown. */
TF_API const tf_product *tf_refdata_product(const tf_refdata *ref, const char *name);

/* The name a reader sees: name_en (lang "en") or name_zh ("zh"), falling
 * back to the other language and then to the slug. Never NULL. */
TF_API const char *tf_product_display_name(const tf_product *p, const char *lang);

/* A product by its slug, display name or alias (ASCII case-insensitive,
 * surrounding spaces ignored); NULL when no product has that name. */
TF_API const tf_product *tf_refdata_product_by_name(const tf_refdata *ref, const char *name);

/* A partner by its English or Chinese name or an alias (ASCII case-insensitive);
 * NULL when unknown. Names come from data/partners.csv (columns name_en,
 * name_zh, aliases). */
TF_API const tf_partner *tf_refdata_partner_by_name(const tf_refdata *ref, const char *name);
TF_API size_t tf_refdata_partner_count(const tf_refdata *ref);
TF_API const tf_partner *tf_refdata_partner_at(const tf_refdata *ref, size_t i);

/* Partner lookups; NULL when unknown. */
TF_API const tf_partner *tf_refdata_partner_by_gacc(const tf_refdata *ref, const char *code);
TF_API const tf_partner *tf_refdata_partner_by_iso3(const tf_refdata *ref, const char *iso3);

TF_API const tf_trade_mode *tf_refdata_trade_mode(const tf_refdata *ref, const char *code);

/* Add import-window parameters from a CSV file with the columns of
 * data/window-params.csv; they override the built-in ones where both apply
 * (same parameter, code, group and date). Errors as tf_refdata_add_products. */
TF_API tf_status tf_refdata_add_window_params(tf_refdata *ref, const char *path, tf_error *err);

TF_API size_t tf_refdata_window_param_count(const tf_refdata *ref);
TF_API const tf_window_param *tf_refdata_window_param_at(const tf_refdata *ref, size_t i);
TF_API const tf_province *tf_refdata_province(const tf_refdata *ref, const char *code);

/*
 * A UN Comtrade reporter/partner area (data/comtrade-areas.csv, derived from
 * the Comtrade country list; sources in data/README.md). Comtrade codes are
 * UN M49 numbers with Comtrade's own deviations (USA 842, France 251,
 * India 699, Norway 579, Switzerland 757, Italy 381). They are not GACC codes:
 * M49 344 is Hong Kong, GACC 344 is Russia.
 */
typedef struct tf_area {
    const char *m49;        /* "344" (no leading zeros; 0 = World) */
    const char *iso3;       /* ISO alpha-3 as the list gives it, "" for none */
    const char *partner;    /* code tradeflow stores: ISO alpha-3, "WLD" or "M49:nnn" */
    const char *gacc_code;  /* GACC partner code of the same country, "" for none */
    const char *name_en;    /* Comtrade's short name, e.g. "Other Asia, nes" */
    const char *kind;       /* world|country|nes|special|group|former|territory */
    const char *note;       /* what the area stands for, for a reader ("" none): the
                               report states it as a note where the area is a partner */
} tf_area;

/* Lookup by Comtrade numeric code ("344", "0", "004"); NULL when unknown. */
TF_API const tf_area *tf_refdata_area_by_m49(const tf_refdata *ref, const char *code);
/* Lookup by stored partner code ("HKG" -> 344, "M49:490" -> 490); NULL when unknown. */
TF_API const tf_area *tf_refdata_area_by_partner(const tf_refdata *ref, const char *partner);
/* The areas of data/comtrade-areas.csv in file order: count, and the i-th
 * (NULL when i >= count). Used by the audit to read every Comtrade area name. */
TF_API size_t tf_refdata_area_count(const tf_refdata *ref);
TF_API const tf_area *tf_refdata_area_at(const tf_refdata *ref, size_t i);

/* One pair of an HS edition crosswalk (data/hs-crosswalk.csv; format in
 * docs/hs-crosswalk.md): old_code of old_edition went (wholly or in part) to
 * new_code of new_edition. A split is several pairs with one old code, a merge
 * several with one new code. Codes are HS codes or national extensions (2 to
 * 10 digits) and stand for every code they begin. */
typedef struct tf_hs_pair {
    const char *old_edition;   /* "HS2017" */
    const char *old_code;      /* "854140" */
    const char *new_edition;   /* "HS2022" */
    const char *new_code;      /* "854141" */
    const char *source;        /* where the pair comes from */
    int user;                  /* 1: from a user's file */
} tf_hs_pair;

/* Add the pairs of a crosswalk file to the built-in ones. Errors, in *err
 * (NULL: the status only): TF_ERR_IO (cannot read), TF_ERR_INPUT
 * (FILE:LINE:COL: missing column, an edition that is not HS1992..HS2022 or
 * not after the old one, a code that is not 2 to 10 digits; nothing added),
 * TF_ERR_NOMEM. */
TF_API tf_status tf_refdata_add_crosswalk(tf_refdata *ref, const char *path, tf_error *err);
TF_API size_t tf_refdata_crosswalk_count(const tf_refdata *ref);
TF_API const tf_hs_pair *tf_refdata_crosswalk_at(const tf_refdata *ref, size_t i);

/* The HS edition (its year: 2017 for HS2017) of a record: UN Comtrade's H0..H6
 * name it; otherwise the edition in force in the period's year (HS2022 from
 * 2022-01-01, HS2017 from 2017, HS2012 from 2012, HS2007 from 2007; WCO
 * entry-into-force dates, which GACC's tables follow). */
TF_API int tf_hs_edition_of(const char *classification, const char *period);

#ifdef __cplusplus
}
#endif
#endif
