/*
 * The bulk buffer of an ingest (internal to the store): a file's records,
 * packed (figures plus NUL-separated text), sorted by the store's cell key so
 * they are merged against the clustered `cell` table in one ordered pass.
 * Memory is bounded: when tf_bulk_full() says so the caller spills the buffer
 * to a temporary file as one sorted run (tf_bulk_spill); at the end the runs
 * and the buffer are merged into one stream in key order (tf_bulk_merge_begin,
 * tf_bulk_next).
 */
#ifndef TF_STORE_BULK_H
#define TF_STORE_BULK_H

#include <stddef.h>

#include "tradeflow/record.h"

typedef struct tf_bulk tf_bulk;

/* A buffer holding up to about limit bytes of packed records; NULL on no memory. */
tf_bulk *tf_bulk_new(size_t limit);
void tf_bulk_free(tf_bulk *b);
/* The limit it was made with. */
size_t tf_bulk_limit(const tf_bulk *b);

/* Append a record. Returns 0, or -1 when out of memory. */
int tf_bulk_add(tf_bulk *b, const tf_record *r);
size_t tf_bulk_count(const tf_bulk *b);
/* 1 when the buffer has reached its limit (spill it). */
int tf_bulk_full(const tf_bulk *b);
void tf_bulk_clear(tf_bulk *b);

/* Sort by the cell key in the order of the store's clustered key
 * (classification, commodity, period, flow, reporter, partner, partner basis,
 * trade mode, province, currency; text compared bytewise as SQLite's BINARY
 * collation does), then by input line. */
void tf_bulk_sort(tf_bulk *b);

/* Sort the buffer and write it to an unlinked temporary file as a sorted
 * run; the buffer is then empty. 0, or -1 (no memory, a write error). */
int tf_bulk_spill(tf_bulk *b);
/* Runs spilled so far. */
size_t tf_bulk_spilled(const tf_bulk *b);

/* Move src's records into dst: src's buffer is written out as a sorted run and
 * its runs join dst's (the merge orders records by key, then input line,
 * whatever run they come from); src is left empty. 0, or -1 (no memory, a
 * write error). */
int tf_bulk_adopt(tf_bulk *dst, tf_bulk *src);

/* Merge the spilled runs and the buffer (sorted here) into one stream in
 * key order, then by input line. 0, or -1 (no memory, a read error). */
int tf_bulk_merge_begin(tf_bulk *b);
/* The next record of the stream in *out (valid until the next call): 1, 0 at
 * its end, -1 on a read error. *repeat_of is 0 for a cell's first record,
 * else the input line of its first record (the cell is given twice). The
 * stream is merged on a thread of its own, a batch of records ahead. */
int tf_bulk_next(tf_bulk *b, const tf_record **out, unsigned long *repeat_of);

#endif
