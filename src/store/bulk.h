/*
 * The bulk buffer of an ingest (internal to the store): a file's records,
 * packed (figures plus NUL-separated text), sorted by the store's cell key so
 * they are merged against the clustered `cell` table in one ordered pass.
 * Memory is bounded by the caller: when tf_bulk_full() says so it merges and
 * clears the buffer, and the next records form the next sorted run.
 */
#ifndef TF_STORE_BULK_H
#define TF_STORE_BULK_H

#include <stddef.h>

#include "tradeflow/record.h"

typedef struct tf_bulk tf_bulk;

/* A buffer holding up to about limit bytes of packed records; NULL on no memory. */
tf_bulk *tf_bulk_new(size_t limit);
void tf_bulk_free(tf_bulk *b);

/* Append a record. Returns 0, or -1 when out of memory. */
int tf_bulk_add(tf_bulk *b, const tf_record *r);
size_t tf_bulk_count(const tf_bulk *b);
/* 1 when the buffer has reached its limit (merge it, then clear it). */
int tf_bulk_full(const tf_bulk *b);
void tf_bulk_clear(tf_bulk *b);

/* Sort by the cell key in the order of the store's clustered key
 * (classification, commodity, period, flow, reporter, partner, partner basis,
 * trade mode, province, currency; text compared bytewise as SQLite's BINARY
 * collation does), then by input line. */
void tf_bulk_sort(tf_bulk *b);

/* After tf_bulk_sort: the record repeating an earlier cell of this buffer
 * at the smallest input line. Returns 1 and sets *at (its index in sorted
 * order) and *first (the line of the cell's first record), 0 when every cell
 * is unique. */
int tf_bulk_duplicate(const tf_bulk *b, size_t *at, unsigned long *first);

/* The i-th record (in sorted order after tf_bulk_sort) into out. */
void tf_bulk_get(const tf_bulk *b, size_t i, tf_record *out);

#endif
