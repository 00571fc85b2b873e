/*
 * tradeflow.h — umbrella header of libtradeflow.
 *
 * Data flow: readers (reader.h) -> store (store.h) -> statistics (stats.h,
 * and the import window, window.h) -> outputs (output.h), with reference
 * data (refdata.h) beside them.
 * Ownership: see tradeflow/common.h.
 */
#ifndef TRADEFLOW_H
#define TRADEFLOW_H

#include "tradeflow/common.h"
#include "tradeflow/calendar.h"
#include "tradeflow/record.h"
#include "tradeflow/refdata.h"
#include "tradeflow/reader.h"
#include "tradeflow/store.h"
#include "tradeflow/stats.h"
#include "tradeflow/mirror.h"
#include "tradeflow/hscodes.h"
#include "tradeflow/query.h"
#include "tradeflow/fetch.h"
#include "tradeflow/window.h"
#include "tradeflow/outlook.h"
#include "tradeflow/output.h"
#include "tradeflow/audit.h"
#include "tradeflow/note.h"

#endif
