/*
 * The Chinese terms of tradeflow's outputs, one table for the note writer
 * (src/note/write_zh.c) and the charts (src/outputs/svg.c, titles.c), so a
 * chart and the note of the same month say 进口量, 净进口 and 元/吨 alike. The
 * terms are those Chinese market notes write (DOMAIN.md §8; the corpus's
 * Chinese notes: 进口量, 净进口, 进口盈亏, 数据来源). Internal.
 */
#ifndef TF_TERMS_ZH_H
#define TF_TERMS_ZH_H

#include <stddef.h>

typedef enum tf_zh_term {
    TF_ZH_IMPORT,        /* 进口 */
    TF_ZH_EXPORT,        /* 出口 */
    TF_ZH_NET_IMPORT,    /* 净进口 */
    TF_ZH_NET_EXPORT,    /* 净出口 */
    TF_ZH_QUANTITY,      /* 量 (after a flow: 进口量) */
    TF_ZH_VALUE,         /* 金额 (after a flow: 进口金额) */
    TF_ZH_TONNE,         /* 吨 */
    TF_ZH_CNY_PER_T,     /* 元/吨 */
    TF_ZH_OTHER,         /* 其他 */
    TF_ZH_DATA_SOURCE,   /* 数据来源 */
    TF_ZH_IMPORT_PL,     /* 进口盈亏 */
    TF_ZH_PUBLISHED,     /* 公布的序列 */
    TF_ZH_ROW_SOURCES,   /* 各行注明出处 */
    TF_ZH_HS_CODE,       /* HS编码 */
    TF_ZH_YOY,           /* 同比 */
    TF_ZH_YTD,           /* 累计 */
    TF_ZH_COUNT
} tf_zh_term;

/* The term t; "" for an unknown one. */
const char *tf_zh(tf_zh_term t);

/* "2025年4月" for the period "2025-04" (a year alone: "2025年"). */
void tf_zh_month(char *buf, size_t len, const char *period);

/* A unit as Chinese notes write it: t 吨, CNY/t 元/吨, CNY 元, USD 美元;
 * other units unchanged. */
const char *tf_zh_unit(const char *unit);

#endif
