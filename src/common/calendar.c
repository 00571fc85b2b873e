/*
 * Months and days: include/tradeflow/calendar.h. Day numbers: Howard
 * Hinnant's days_from_civil / civil_from_days.
 */
#include <stdio.h>
#include <string.h>

#include "tradeflow/calendar.h"
#include "tradeflow/common.h"
#include "util.h"

long tf_day_number(const char *date)
{
    int y, m, d;
    if (!tf_date_valid(date) || sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return -1;
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void tf_date_of_day(long n, char out[11])
{
    n += 719468;
    long era = (n >= 0 ? n : n - 146096) / 146097;
    long doe = n - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp + (mp < 10 ? 3 : -9);
    tf_fmt(out, 11, "%04ld-%02ld-%02ld", y + (m <= 2), m, d);
}

/* 1970-01-01 was a Thursday (3). */
int tf_weekday(long n) { return (int)(((n % 7) + 10) % 7); }

int tf_month_days(const char *period, char first[11], char last[11])
{
    int idx = tf_period_index(period);
    if (idx < 0)
        return -1;
    char p[8], next[8], f[11];
    tf_period_from_index(idx, p);
    tf_period_from_index(idx + 1, next);
    tf_fmt(f, sizeof f, "%s-01", p);
    if (first)
        memcpy(first, f, 11);
    if (last && idx % 12 == 11) {
        tf_fmt(last, 11, "%s-31", p); /* December (2999-12: no next month) */
    } else if (last) {
        char nf[11];
        tf_fmt(nf, sizeof nf, "%s-01", next);
        tf_date_of_day(tf_day_number(nf) - 1, last);
    }
    return 0;
}
