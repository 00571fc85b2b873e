/*
 * tradeflow/common.h — error codes, fixed-decimal numbers, flows, periods.
 *
 * Ownership, once for the whole library: every pointer a tf_* function
 * returns through an out-parameter belongs to the caller and is released
 * with the matching tf_*_free() (or tf_free() for plain strings); every
 * *_free(NULL) is harmless, and the tf_*_free(T **) forms clear the caller's
 * pointer. Strings passed in are borrowed for the duration of the call only.
 */
#ifndef TRADEFLOW_COMMON_H
#define TRADEFLOW_COMMON_H

#include <stddef.h>
#include <stdint.h>

/* Marks the public API: the only symbols libtradeflow.so exports (the
 * library is built with -fvisibility=hidden). */
#if defined(__GNUC__) || defined(__clang__)
#define TF_API __attribute__((visibility("default")))
#else
#define TF_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define TF_VERSION "0.1.0"

/* Error codes. 0 is success; numbers are never reused. */
typedef enum tf_status {
    TF_OK = 0,
    TF_ERR_NOMEM = 1,     /* allocation failed */
    TF_ERR_IO = 2,        /* file could not be opened, read or written */
    TF_ERR_DB = 3,        /* SQLite reported an error */
    TF_ERR_INPUT = 4,     /* bad input data; detail names file:line:column */
    TF_ERR_USAGE = 5,     /* bad argument from the caller */
    TF_ERR_NOT_FOUND = 6, /* unknown product, missing file or record */
    TF_ERR_NOT_TF_DB = 7, /* the file is not a tradeflow database */
    TF_ERR_DB_NEWER = 8   /* the database was written by a newer schema */
} tf_status;

/* Short English text for a status; never NULL. */
TF_API const char *tf_strerror(tf_status status);

/*
 * The error model, one for the whole library (docs/errors.md). A call that
 * can fail returns a tf_status; its detail is always a tf_error, found in
 * one of two places:
 *  - a handle carries the error of its last failed call: the database
 *    (tf_db_error(db), include/tradeflow/store.h) and a read's diagnostics
 *    (diag->error, include/tradeflow/reader.h; tf_db_ingest copies a
 *    reader's error into the database's);
 *  - a call that has no handle to carry it (opening a database, reading a
 *    note, running an audit, loading reference data, fetching, parsing a
 *    number, a period range or a window's inputs) fills the tf_error *err
 *    its caller passes as its last argument (NULL: only the status wanted).
 * A function never records an error on success, so a handle's error stays
 * that of its last failure (a read, tf_read or tf_db_ingest, starts by
 * clearing it); tf_error_clear resets one. Computations made through the
 * database (query, report, series, mirror, window, note) record theirs on it.
 */
typedef struct tf_error {
    tf_status status;        /* TF_OK: no error recorded */
    char file[512];          /* the input at fault (file name as given); "" when the
                                fault is not in an input file or none is known */
    unsigned long line;      /* 1-based line of file at fault; 0 = the whole file */
    unsigned long col;       /* 1-based column (field); 0 = the whole line */
    char msg[1024];          /* the whole message, as the CLI prints it:
                                "FILE:LINE:COL: text" when a place in an input is at
                                fault, "FILE: text" for a whole file, else the text */
} tf_error;

/* Reset e to "no error" (status TF_OK, every field empty); NULL is harmless. */
TF_API void tf_error_clear(tf_error *e);

/* Library version string, TF_VERSION. */
TF_API const char *tf_version(void);

/* Release memory the library returned as a plain string or array. */
TF_API void tf_free(void *p);

/*
 * Fixed decimal with three places: the integer 250500000 is 250500.000.
 * Quantities (kg, t, other units) and values (CNY, USD) are stored this way so
 * that sums are exact. Range: |x| < 9.2e15 units.
 */
typedef int64_t tf_milli;
#define TF_MILLI 1000
/* The largest figure one record may hold: 10^14 units (kg, CNY, USD ...),
 * far above any customs cell, so that sums of 90,000 of them stay exact. */
#define TF_MAX_FIGURE INT64_C(100000000000000000)

/* Format x with thousands separators and `decimals` places into buf
 * (1480411.2, 0 -> "1,480,411"; never "-0"). Used by the reports and by the
 * sentences the statistics write. */
TF_API void tf_format_number(char *buf, size_t len, double x, int decimals);

/*
 * Parse a decimal number "1234", "-5.5", "5,917,063,944" (thousands separators
 * accepted only when allow_thousands != 0 and in groups of three) into
 * thousandths. More than three decimal places, exponents, spaces, empty
 * strings and overflow are errors.
 * Returns TF_OK or TF_ERR_INPUT, the reason in err->msg (err may be NULL;
 * err->file stays "": the caller knows where the text came from).
 */
TF_API tf_status tf_milli_parse(const char *s, size_t len, int allow_thousands,
                                tf_milli *out, tf_error *err);

/* Trade flow, DOMAIN.md §2. TF_FLOW_OTHER holds a source's flow that is none
 * of the four (e.g. UN Comtrade "DX" domestic export, "MIP" import for inward
 * processing); readers keep the source's own flow code in trade_mode, and
 * import/export statistics never count it. */
typedef enum tf_flow {
    TF_FLOW_NONE = 0,
    TF_FLOW_IMPORT = 1,
    TF_FLOW_EXPORT = 2,
    TF_FLOW_REIMPORT = 3,
    TF_FLOW_REEXPORT = 4,
    TF_FLOW_OTHER = 5
} tf_flow;

/* "import", "export", "re-import", "re-export", "other"; "" for TF_FLOW_NONE. */
TF_API const char *tf_flow_name(tf_flow flow);
/* Parse the names above (case-insensitive; "reimport"/"reexport" accepted).
 * Returns TF_FLOW_NONE when unknown. */
TF_API tf_flow tf_flow_parse(const char *s, size_t len);

/*
 * Periods. A monthly period is "YYYY-MM", an annual one "YYYY" (DOMAIN.md §2).
 * tf_period_parse accepts "YYYY-MM", "YYYYMM" (GACC) and "YYYY" and writes the
 * canonical form into out (at least 8 bytes). Month must be 01..12, year
 * 1900..2999. Returns TF_OK or TF_ERR_INPUT.
 */
TF_API tf_status tf_period_parse(const char *s, size_t len, char out[8]);

/* 1 when s is a real calendar day "YYYY-MM-DD" (1900..2999), else 0. */
TF_API int tf_date_valid(const char *s);

/* Month index: year*12 + (month-1); -1 for an annual or invalid period. */
TF_API int tf_period_index(const char *period);
/* Write the period with index idx as "YYYY-MM" into out (8 bytes). */
TF_API void tf_period_from_index(int idx, char out[8]);

/*
 * A cumulative range of months "YYYY-MM..YYYY-MM" (a GACC query over several
 * months without the by-month breakdown, DOMAIN.md §3): both ends valid
 * months of the same calendar year (the platform's queries stay within one
 * year), the first before the last. Writes the canonical form (16 characters)
 * into out (at least 17 bytes). Returns TF_OK, or TF_ERR_INPUT with the
 * reason in err->msg (err may be NULL).
 */
TF_API tf_status tf_period_range_parse(const char *s, char out[17], tf_error *err);
/* 1 when period is a cumulative range as above (stored that way), else 0. */
TF_API int tf_period_is_range(const char *period);

#ifdef __cplusplus
}
#endif
#endif
