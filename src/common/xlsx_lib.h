/* libxlsxwriter, loaded with dlopen when a workbook is written (internal;
 * lazylib.h): only `report --format xlsx` writes one, and libxlsxwriter with
 * minizip, zlib and libcrypto cost every other command ~0.7 ms of start-up.
 * report_xlsx.c (src/outputs) includes this header, which includes
 * xlsxwriter.h, and calls the library's names as before. */
#ifndef TF_COMMON_XLSX_LIB_H
#define TF_COMMON_XLSX_LIB_H

#include <xlsxwriter.h>

#include "lazylib.h"

#define TF_XLSX_FUNCTIONS(X) \
    X(chart_add_series) X(chart_axis_set_name) X(chart_axis_set_num_format) \
    X(chart_legend_set_position) X(chart_series_set_categories) \
    X(chart_series_set_invert_if_negative) X(chart_series_set_line) \
    X(chart_series_set_marker_type) X(chart_series_set_name_range) \
    X(chart_series_set_values) X(chart_set_series_gap) X(chart_show_blanks_as) \
    X(chart_title_set_name) X(format_set_align) X(format_set_bold) \
    X(format_set_font_size) X(format_set_num_format) X(format_set_text_wrap) \
    X(workbook_add_chart) X(workbook_add_format) X(workbook_add_worksheet) \
    X(workbook_close) X(workbook_new_opt) X(workbook_set_properties) \
    X(worksheet_activate) X(worksheet_fit_to_pages) X(worksheet_freeze_panes) \
    X(worksheet_insert_chart_opt) X(worksheet_merge_range) X(worksheet_print_area) \
    X(worksheet_repeat_rows) X(worksheet_set_column) X(worksheet_set_footer) \
    X(worksheet_set_h_pagebreaks) X(worksheet_set_header) X(worksheet_set_landscape) \
    X(worksheet_set_paper) X(worksheet_set_row) X(worksheet_write_formula_num) \
    X(worksheet_write_number) X(worksheet_write_string)

typedef struct tf_xlsx_fns {
    TF_XLSX_FUNCTIONS(TF_LAZY_MEMBER)
} tf_xlsx_fns;

/* The loaded functions: valid once tf_xlsx_load returned TF_OK. */
extern tf_xlsx_fns tf_xlsx;

/* Load libxlsxwriter.so.4 (Debian package libxlsxwriter4; $TF_LIBXLSXWRITER
 * names another file) once per process, thread-safe. Returns TF_OK, or
 * TF_ERR_IO with err->msg naming the library and the package; err may be
 * NULL. */
tf_status tf_xlsx_load(tf_error *err);

#ifndef TF_XLSX_LOADER
#define chart_add_series (tf_xlsx.chart_add_series)
#define chart_axis_set_name (tf_xlsx.chart_axis_set_name)
#define chart_axis_set_num_format (tf_xlsx.chart_axis_set_num_format)
#define chart_legend_set_position (tf_xlsx.chart_legend_set_position)
#define chart_series_set_categories (tf_xlsx.chart_series_set_categories)
#define chart_series_set_invert_if_negative (tf_xlsx.chart_series_set_invert_if_negative)
#define chart_series_set_line (tf_xlsx.chart_series_set_line)
#define chart_series_set_marker_type (tf_xlsx.chart_series_set_marker_type)
#define chart_series_set_name_range (tf_xlsx.chart_series_set_name_range)
#define chart_series_set_values (tf_xlsx.chart_series_set_values)
#define chart_set_series_gap (tf_xlsx.chart_set_series_gap)
#define chart_show_blanks_as (tf_xlsx.chart_show_blanks_as)
#define chart_title_set_name (tf_xlsx.chart_title_set_name)
#define format_set_align (tf_xlsx.format_set_align)
#define format_set_bold (tf_xlsx.format_set_bold)
#define format_set_font_size (tf_xlsx.format_set_font_size)
#define format_set_num_format (tf_xlsx.format_set_num_format)
#define format_set_text_wrap (tf_xlsx.format_set_text_wrap)
#define workbook_add_chart (tf_xlsx.workbook_add_chart)
#define workbook_add_format (tf_xlsx.workbook_add_format)
#define workbook_add_worksheet (tf_xlsx.workbook_add_worksheet)
#define workbook_close (tf_xlsx.workbook_close)
#define workbook_new_opt (tf_xlsx.workbook_new_opt)
#define workbook_set_properties (tf_xlsx.workbook_set_properties)
#define worksheet_activate (tf_xlsx.worksheet_activate)
#define worksheet_fit_to_pages (tf_xlsx.worksheet_fit_to_pages)
#define worksheet_freeze_panes (tf_xlsx.worksheet_freeze_panes)
#define worksheet_insert_chart_opt (tf_xlsx.worksheet_insert_chart_opt)
#define worksheet_merge_range (tf_xlsx.worksheet_merge_range)
#define worksheet_print_area (tf_xlsx.worksheet_print_area)
#define worksheet_repeat_rows (tf_xlsx.worksheet_repeat_rows)
#define worksheet_set_column (tf_xlsx.worksheet_set_column)
#define worksheet_set_footer (tf_xlsx.worksheet_set_footer)
#define worksheet_set_h_pagebreaks (tf_xlsx.worksheet_set_h_pagebreaks)
#define worksheet_set_header (tf_xlsx.worksheet_set_header)
#define worksheet_set_landscape (tf_xlsx.worksheet_set_landscape)
#define worksheet_set_paper (tf_xlsx.worksheet_set_paper)
#define worksheet_set_row (tf_xlsx.worksheet_set_row)
#define worksheet_write_formula_num (tf_xlsx.worksheet_write_formula_num)
#define worksheet_write_number (tf_xlsx.worksheet_write_number)
#define worksheet_write_string (tf_xlsx.worksheet_write_string)
#endif

#endif
