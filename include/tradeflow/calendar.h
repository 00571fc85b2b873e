/*
 * tradeflow/calendar.h — months and days (proleptic Gregorian calendar).
 *
 * The one place that counts months and days: month indexes of "YYYY-MM"
 * periods (tradeflow/common.h: tf_period_index, tf_period_from_index), day
 * numbers of "YYYY-MM-DD" dates, weekdays and month ends. Day numbers use
 * Howard Hinnant's days-from-civil algorithm
 * (https://howardhinnant.github.io/date_algorithms.html).
 */
#ifndef TRADEFLOW_CALENDAR_H
#define TRADEFLOW_CALENDAR_H

#include "tradeflow/common.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Days since 1970-01-01 of a real calendar day "YYYY-MM-DD" (1900..2999);
 * -1 when the date is not one (tf_date_valid). */
TF_API long tf_day_number(const char *date);

/* The date "YYYY-MM-DD" of day number n (days since 1970-01-01) into out. */
TF_API void tf_date_of_day(long n, char out[11]);

/* Day of the week of day number n: 0 Monday .. 6 Sunday. */
TF_API int tf_weekday(long n);

/* First and last day "YYYY-MM-DD" of the month "YYYY-MM" into first and last
 * (either may be NULL). Returns 0, or -1 when period is not a valid month. */
TF_API int tf_month_days(const char *period, char first[11], char last[11]);

#ifdef __cplusplus
}
#endif
#endif
