/* The Chinese terms of the outputs (terms_zh.h). */
#include <stdio.h>
#include <string.h>

#include "terms_zh.h"
#include "util.h"

static const char *const terms[TF_ZH_COUNT] = {
    [TF_ZH_IMPORT] = "进口",          [TF_ZH_EXPORT] = "出口",
    [TF_ZH_NET_IMPORT] = "净进口",    [TF_ZH_NET_EXPORT] = "净出口",
    [TF_ZH_QUANTITY] = "量",          [TF_ZH_VALUE] = "金额",
    [TF_ZH_TONNE] = "吨",             [TF_ZH_CNY_PER_T] = "元/吨",
    [TF_ZH_OTHER] = "其他",           [TF_ZH_DATA_SOURCE] = "数据来源",
    [TF_ZH_IMPORT_PL] = "进口盈亏",   [TF_ZH_PUBLISHED] = "公布的序列",
    [TF_ZH_ROW_SOURCES] = "各行注明出处", [TF_ZH_HS_CODE] = "HS编码",
    [TF_ZH_YOY] = "同比",             [TF_ZH_YTD] = "累计",
};

const char *tf_zh(tf_zh_term t)
{
    return (int)t >= 0 && t < TF_ZH_COUNT && terms[t] ? terms[t] : "";
}

void tf_zh_month(char *buf, size_t len, const char *period)
{
    int y = 0, m = 0;
    int n = sscanf(period, "%d-%d", &y, &m);
    if (n == 2)
        tf_fmt(buf, len, "%d年%d月", y, m);
    else
        tf_fmt(buf, len, "%d年", y);
}

const char *tf_zh_unit(const char *unit)
{
    if (!strcmp(unit, "t"))
        return terms[TF_ZH_TONNE];
    if (!strcmp(unit, "CNY/t"))
        return terms[TF_ZH_CNY_PER_T];
    if (!strcmp(unit, "CNY"))
        return "元";
    if (!strcmp(unit, "USD"))
        return "美元";
    return unit;
}
