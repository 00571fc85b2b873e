# tradeflow — build, test, demo, install.
# `make` builds build/tradeflow and build/libtradeflow.{a,so}; see README.md.

CC      ?= cc
PREFIX  ?= /usr/local
VERSION := 0.1.0
PKGS    := sqlite3 jansson libcrypto xlsxwriter gsl libpq
# libcurl: headers only; src/fetch/fetch.c loads it with dlopen when a fetch starts
CURL_CFLAGS := $(shell pkg-config --cflags libcurl 2>/dev/null)
WARN    := -std=c11 -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wno-format-nonliteral
CFLAGS  ?= -O2 -g
ALL_CFLAGS = $(WARN) $(CFLAGS) -pthread -Iinclude -fPIC -fvisibility=hidden $(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(CURL_CFLAGS)
# libpq: headers only; src/store/pg_lib.c loads it with dlopen when a postgresql://
# store is opened (tests that call libpq themselves link it: PQ_LIBS).
# GSL, libxlsxwriter and libcrypto: headers only too; src/common/gsl_lib.c loads GSL
# when an outlook is computed, src/common/xlsx_lib.c libxlsxwriter when a workbook is
# written, src/common/sha256.c libcrypto at the first SHA-256 (ingest, fetch)
LINKED  := $(filter-out libpq gsl xlsxwriter libcrypto,$(PKGS))
LIBS    = $(shell pkg-config --libs $(LINKED) 2>/dev/null || echo -lsqlite3 -ljansson) -lm -pthread
PQ_LIBS = $(shell pkg-config --libs libpq 2>/dev/null || echo -lpq)
# The command links SQLite and Jansson statically where their static libraries
# are installed (libsqlite3-dev and libjansson-dev ship them): two libraries fewer
# for the loader to map and relocate at every start (README, Benchmark).
# STATIC_DEPS=0, or either archive missing: linked as shared libraries.
STATIC_DEPS ?= 1
CLI_STATIC := $(if $(filter 1,$(STATIC_DEPS)),$(shell for l in sqlite3 jansson; do \
    f=$$($(CC) -print-file-name=lib$$l.a); [ -f "$$f" ] || exit 0; done; echo yes))
STATIC_LIBS := -Wl,-Bstatic -lsqlite3 -ljansson -Wl,-Bdynamic -lm -pthread -ldl
CLI_LIBS = $(if $(CLI_STATIC),$(STATIC_LIBS),$(LIBS))
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

# readers -> store -> statistics -> outputs, with reference data beside them
LIB_SRC := src/common/common.c src/common/calendar.c src/common/lazylib.c src/common/sha256.c \
           src/common/terms_zh.c \
           src/common/gsl_lib.c src/common/xlsx_lib.c \
           src/readers/csv.c src/readers/read.c src/readers/split.c src/readers/tfcsv.c src/readers/gacc.c src/readers/plseries.c src/readers/prices.c \
           src/readers/comtrade.c src/readers/jsonpos.c \
           src/refdata/refdata.c \
           src/store/store.c src/store/ingest.c src/store/bulk.c src/store/batch.c src/store/dict.c \
           src/store/pg.c src/store/pg_schema.c src/store/pg_ingest.c src/store/pg_lib.c \
           src/query/select.c \
           src/stats/stats.c src/stats/mirror.c src/stats/sources.c src/stats/outlook.c \
           src/stats/hscodes.c \
           src/fetch/fetch.c \
           src/window/window.c src/window/series.c \
           src/audit/note.c src/audit/extract.c src/audit/extract_zh.c src/audit/lexicon.c src/audit/check.c src/audit/audit.c \
           src/outputs/output.c src/outputs/report_text.c src/outputs/report_json.c \
           src/outputs/report_csv.c src/outputs/window_out.c src/outputs/audit_out.c \
           src/outputs/mirror_out.c src/outputs/outlook_out.c src/outputs/codes_out.c \
           src/note/model.c src/note/doc.c src/note/write_en.c src/note/write_zh.c \
           src/note/output.c
DATA    := data/products.csv data/partners.csv data/trade-modes.csv data/provinces.csv \
           data/window-params.csv data/comtrade-areas.csv data/audit-words.csv data/audit-lexicon.csv \
           data/hs-crosswalk.csv
GEN     := build/gen/embedded.c
HDRS    := $(wildcard include/*.h include/tradeflow/*.h src/*/*.h)

# charts (SVG), the HTML page and the Excel workbook (libxlsxwriter)
LIB_SRC += src/outputs/svg.c src/outputs/report_html.c src/outputs/report_xlsx.c \
           src/outputs/titles.c
OBJ      := $(patsubst src/%.c,build/obj/%.o,$(LIB_SRC)) build/obj/gen/embedded.o
SAN_OBJ  := $(patsubst src/%.c,build/san/obj/%.o,$(LIB_SRC)) build/san/obj/gen/embedded.o
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(patsubst tests/unit/%.c,build/tests/%,$(UNIT_SRC))
UNIT_SAN := $(patsubst tests/unit/%.c,build/san/tests/%,$(UNIT_SRC))

.PHONY: all deps test check demo install uninstall clean bench bench-data test-crash
all: build/tradeflow build/libtradeflow.a build/libtradeflow.so build/tradeflow.pc

deps:
	@scripts/install-deps

build/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) -O2 -o $@ $<

$(GEN): build/tools/embed $(DATA)
	@mkdir -p $(@D)
	build/tools/embed $@ tf_data_products=data/products.csv tf_data_partners=data/partners.csv \
	  tf_data_trade_modes=data/trade-modes.csv tf_data_provinces=data/provinces.csv \
	  tf_data_window_params=data/window-params.csv \
	  tf_data_comtrade_areas=data/comtrade-areas.csv tf_data_audit_words=data/audit-words.csv \
	  tf_data_audit_lexicon=data/audit-lexicon.csv \
	  tf_data_hs_crosswalk=data/hs-crosswalk.csv

build/obj/gen/embedded.o: $(GEN) Makefile
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<
build/san/obj/gen/embedded.o: $(GEN)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN) -c -o $@ $<

build/obj/%.o: src/%.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<
build/san/obj/%.o: src/%.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN) -c -o $@ $<

build/libtradeflow.a: $(OBJ)
	@rm -f $@
	ar rcs $@ $^
build/libtradeflow.so: $(OBJ)
	$(CC) -shared -Wl,-soname,libtradeflow.so.0 -o $@ $^ $(LIBS)
build/san/libtradeflow.a: $(SAN_OBJ)
	@mkdir -p $(@D)
	@rm -f $@
	ar rcs $@ $^

# the command-line interface: one file per command (src/cli/*.c, shared parts in cli.h)
CLI_SRC := $(wildcard src/cli/*.c)
build/tradeflow: $(patsubst src/%.c,build/obj/%.o,$(CLI_SRC)) build/libtradeflow.a
	$(CC) $(CFLAGS) -o $@ $^ $(CLI_LIBS)
build/san/tradeflow: $(patsubst src/%.c,build/san/obj/%.o,$(CLI_SRC)) build/san/libtradeflow.a
	$(CC) $(CFLAGS) $(SAN) -o $@ $^ $(LIBS)

# test_store calls libpq itself (a PostgreSQL store's tables seen from outside)
build/tests/test_store build/san/tests/test_store: TEST_LIBS = $(PQ_LIBS)
build/tests/%: tests/unit/%.c tests/unit/testutil.h build/libtradeflow.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< build/libtradeflow.a $(LIBS) $(TEST_LIBS) -lcmocka
build/san/tests/%: tests/unit/%.c tests/unit/testutil.h build/san/libtradeflow.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(SAN) -Isrc -o $@ $< build/san/libtradeflow.a $(LIBS) $(TEST_LIBS) -lcmocka

build/tradeflow.pc: tradeflow.pc.in
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' $< > $@

# The test suite: unit tests (plain and ASan+UBSan), CLI cases, real-data
# reader tests, README commands. Ends with "N passed, N failed".
test: deps
	$(MAKE) all $(UNIT_BIN) $(UNIT_SAN) build/san/tradeflow $(FUZZ_BIN) build/bench/gen
	tests/run-all.sh
# Fuzzing (libFuzzer, clang): one target per reader and parser, ASan + UBSan.
# `make fuzz FUZZ_SECONDS=N` runs each for N seconds (tests/fuzz/run.sh).
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := tfcsv gacc plseries prices auto note products comtrade_csv comtrade_json
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS  := -std=c11 -g -O1 -Iinclude $(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(FUZZ_SAN)
FUZZ_OBJ     := $(patsubst src/%.c,build/fuzz/obj/%.o,$(LIB_SRC)) build/fuzz/obj/gen/embedded.o
FUZZ_BIN     := $(patsubst %,build/fuzz/fuzz_%,$(FUZZ_TARGETS))

build/fuzz/obj/%.o: src/%.c $(HDRS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<
build/fuzz/obj/gen/embedded.o: $(GEN)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $<
build/fuzz/libtradeflow.a: $(FUZZ_OBJ)
	@rm -f $@
	ar rcs $@ $^
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h build/fuzz/libtradeflow.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Isrc -fsanitize=fuzzer -o $@ $< build/fuzz/libtradeflow.a $(LIBS)

.PHONY: fuzz fuzz-build
fuzz-build: deps $(FUZZ_BIN)
fuzz: fuzz-build
	tests/fuzz/run.sh $(FUZZ_SECONDS)

# Crash safety (slow, not in `make test`): 300,000 rows, SIGKILL at 120 random
# moments, a full disk, a read-only database, concurrent ingests.
test-crash: deps
	$(MAKE) build/tradeflow
	tests/crash/run.sh build $(CRASH_ROWS) $(CRASH_KILLS)
# Every CLI case and bad input under valgrind memcheck (slow, not in `make test`).
.PHONY: valgrind
valgrind: deps
	$(MAKE) build/tradeflow
	tests/valgrind/run.sh
CRASH_ROWS ?= 300000
CRASH_KILLS ?= 120

check: test

demo: deps
	$(MAKE) build/tradeflow
	@rm -f build/demo.db
	build/tradeflow --db build/demo.db ingest data/samples/cn-primary-aluminium.csv
	@if [ -f ../shared/data/prices/al-import-pl-daily.csv ]; then \
	  echo "build/tradeflow --db build/demo.db ingest ../shared/data/prices/al-import-pl-daily.csv"; \
	  build/tradeflow --db build/demo.db ingest ../shared/data/prices/al-import-pl-daily.csv; fi
	build/tradeflow --db build/demo.db report --product primary-aluminium --period 2025-04
	@build/tradeflow --db build/demo.db report --product primary-aluminium --period 2025-04 \
	  --format html -o build/demo-2025-04.html && echo "(with charts: build/demo-2025-04.html)"
	build/tradeflow --db build/demo.db note --product primary-aluminium --period 2025-04 --date 2025-05-29
	@build/tradeflow --db build/demo.db note --product primary-aluminium --period 2025-04 \
	  --date 2025-05-29 -o build/demo-note-2025-04.txt
	build/tradeflow --db build/demo.db audit build/demo-note-2025-04.txt
	build/tradeflow --db build/demo.db outlook --product primary-aluminium --period 2025-04
	build/tradeflow --db build/demo.db codes --product primary-aluminium --period 2025-04
	build/tradeflow --db build/demo.db history --product primary-aluminium --period 2025-04
	build/tradeflow window --date 2017-08-07 --lme-cash 1903 --premium 110 --fx 6.7289 \
	  --spot 14740 --lme-3m 1924.5 --fx-fwd 6.7619 --shfe 15080
	@rm -f build/demo-comtrade.db
	@if [ -f ../shared/data/comtrade/plus-download/china-2022-total.csv ]; then \
	  echo "build/tradeflow --db build/demo-comtrade.db ingest ../shared/data/comtrade/plus-download/china-2022-total.csv"; \
	  build/tradeflow --db build/demo-comtrade.db ingest ../shared/data/comtrade/plus-download/china-2022-total.csv && \
	  echo "build/tradeflow --db build/demo-comtrade.db mirror --reporter CHN --partner DEU --commodity TOTAL --period 2022" && \
	  build/tradeflow --db build/demo-comtrade.db mirror --reporter CHN --partner DEU --commodity TOTAL --period 2022; \
	else echo "(mirror statistics: ../shared/data/comtrade is absent, so the UN Comtrade demo is left out)"; fi

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	  $(DESTDIR)$(PREFIX)/include/tradeflow $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 build/tradeflow $(DESTDIR)$(PREFIX)/bin/tradeflow
	install -m 644 build/libtradeflow.a $(DESTDIR)$(PREFIX)/lib/libtradeflow.a
	install -m 755 build/libtradeflow.so $(DESTDIR)$(PREFIX)/lib/libtradeflow.so.0
	ln -sf libtradeflow.so.0 $(DESTDIR)$(PREFIX)/lib/libtradeflow.so
	install -m 644 include/tradeflow.h $(DESTDIR)$(PREFIX)/include/tradeflow.h
	install -m 644 include/tradeflow/*.h $(DESTDIR)$(PREFIX)/include/tradeflow/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' tradeflow.pc.in \
	  > $(DESTDIR)$(PREFIX)/lib/pkgconfig/tradeflow.pc
	install -m 644 docs/tradeflow.1 $(DESTDIR)$(PREFIX)/share/man/man1/tradeflow.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/tradeflow $(DESTDIR)$(PREFIX)/lib/libtradeflow.* \
	  $(DESTDIR)$(PREFIX)/lib/pkgconfig/tradeflow.pc $(DESTDIR)$(PREFIX)/share/man/man1/tradeflow.1 \
	  $(DESTDIR)$(PREFIX)/include/tradeflow.h
	rm -rf $(DESTDIR)$(PREFIX)/include/tradeflow

# The side-by-side benchmark (README.md, Benchmark): data of ROWS rows from the
# GACC code tables in ../shared, then tradeflow against DuckDB, pandas and sqlite3.
ROWS ?= 1000000
REPS ?= 3
build/bench/gen: bench/gen.c
	@mkdir -p $(@D)
	$(CC) $(WARN) -O2 -o $@ $< -lm
build/bench/tfbench: bench/tfbench.c build/libtradeflow.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< build/libtradeflow.a $(LIBS)
bench-data: build/bench/gen
	build/bench/gen --rows $(ROWS) --out bench/data
bench: deps
	$(MAKE) build/tradeflow build/bench/gen build/bench/tfbench
	ROWS=$(ROWS) REPS=$(REPS) TOOLS=$(TOOLS) bench/run.sh

clean:
	rm -rf build
