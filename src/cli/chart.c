/*
 * tradeflow chart KIND: one chart of the report as SVG.
 */
#include "cli.h"

const char usage_chart[] =
    "Usage: tradeflow chart KIND (--product NAME | --hs CODES) --period YYYY-MM [OPTIONS]\n"
    "\n"
    "Writes one chart of the report as SVG. KIND: seasonal-import, seasonal-export,\n"
    "seasonal-net-import (Jan-Dec, one line per year, the period's year and four before),\n"
    "partners (monthly imports by the top partners + other, last 24 months),\n"
    "net-import (monthly net imports, last 24 months, with the YTD), window (daily\n"
    "import P/L over six months, when prices or a published series are stored).\n"
    "Options as for report: --top N (partners drawn, default 5), --lang en|zh (zh:\n"
    "the chart in Chinese, its title, axes, legend and Source line in the note's terms),\n"
    "--partner-basis, --as-of, --reporter, --classification, --measure,\n"
    "--currency CNY|USD (the records whose values it reads), -o FILE (default '-').\n";

int cmd_chart(common *c, args *a)
{
    const char *kind = a->i < a->argc ? a->argv[a->i] : NULL;
    if (kind && (!strcmp(kind, "--help") || !strcmp(kind, "-h"))) {
        fputs(usage_chart, stdout);
        return EXIT_OK;
    }
    int k = kind ? tf_chart_kind_parse(kind) : -1;
    if (k < 0) {
        error("chart needs a KIND: seasonal-import, seasonal-export, seasonal-net-import, "
              "partners, net-import or window%s%s%s", kind ? " (not '" : "", kind ? kind : "",
              kind ? "')" : "");
        return EXIT_USAGE;
    }
    a->i++;
    return cmd_report_or_chart(c, a, k);
}

int cmd_report(common *c, args *a) { return cmd_report_or_chart(c, a, -1); }

