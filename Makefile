# relview: relationship views for SQLite.
#
#   make            relview.so (loadable) and librelview.a (-DSQLITE_CORE)
#   make test       build SQLite's testfixture, run test/*.test
#   make valgrind   the same suite under valgrind
#   make asan       the same suite, relview.so and testfixture built with
#                   AddressSanitizer and UndefinedBehaviorSanitizer
#   make matrix     the suite under the testfixtures of other SQLite
#                   versions (MATRIX="3.34.1 3.46.1 sid")
#   make compat     relview.so built against SQLite 3.26.0's headers, and
#                   a smoke test in a 3.26.0 shell
#   make difftest   the differential tester for MINUTES=20 minutes
#   make fuzz       the fuzz target for FUZZTIME seconds; make fuzz-replay
#                   runs its corpus and crash reproducers once (CI)
#   make demo       the teams/players walkthrough in the sqlite3 shell
#   make clean

CC      ?= cc
CFLAGS  ?= -O2 -g
RV_CFLAGS = -std=c99 -Wall -Wextra -fvisibility=hidden -Iinclude -Iext $(CFLAGS)
SRC     = ext/util.c ext/key.c ext/model.c ext/decl.c ext/stmt.c ext/plan.c \
          ext/cursor.c ext/store.c ext/write.c ext/pragma.c ext/relview.c
HDR     = include/relview.h ext/relviewInt.h ext/write.h
# make matrix: Debian versions or suites (sid: the newest in Debian)
MATRIX  = 3.34.1 3.46.1 sid
SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined \
            -fno-omit-frame-pointer

all: relview.so librelview.a

relview.so: $(SRC) $(HDR)
	$(CC) $(RV_CFLAGS) -fPIC -shared -o $@ $(SRC) -lm

librelview.a: $(SRC) $(HDR)
	@mkdir -p .cache/static
	cd .cache/static && for f in $(SRC); do \
	  $(CC) $(RV_CFLAGS:-I%=-I../../%) -DSQLITE_CORE -c ../../$$f || exit 1; \
	done
	rm -f $@ && ar rcs $@ $(patsubst ext/%.c,.cache/static/%.o,$(SRC))

# The suite runs a build with relview's assert()s (-DRELVIEW_DEBUG)
.cache/debug/relview.so: $(SRC) $(HDR)
	@mkdir -p .cache/debug
	$(CC) $(RV_CFLAGS) -DRELVIEW_DEBUG -fPIC -shared -o $@ $(SRC) -lm

test: relview.so librelview.a .cache/debug/relview.so
	tool/runtests.sh

valgrind: .cache/debug/relview.so
	RELVIEW_VALGRIND=1 tool/runtests.sh

.cache/asan/relview.so: $(SRC) $(HDR)
	@mkdir -p .cache/asan
	$(CC) -std=c99 -Wall -Wextra -fvisibility=hidden -Iinclude -Iext $(SAN_FLAGS) \
	  -DRELVIEW_DEBUG -fPIC -shared -o $@ $(SRC) -lm

# asan and matrix run the differential tester over 300 seeds (make test
# runs 1500); RELVIEW_DIFF_SEEDS=n chooses another number
asan: librelview.a .cache/asan/relview.so
	RELVIEW_DIFF_SEEDS=$${RELVIEW_DIFF_SEEDS:-300} RELVIEW_ASAN=1 tool/runtests.sh

matrix: .cache/debug/relview.so librelview.a
	RELVIEW_DIFF_SEEDS=$${RELVIEW_DIFF_SEEDS:-300} tool/matrix.sh $(MATRIX)

compat: relview.so
	tool/compat.sh

# The differential tester for MINUTES minutes (default 20)
difftest: .cache/debug/relview.so
	tool/difftest.sh $(if $(MINUTES),$(MINUTES)m,20m)

demo: relview.so
	tool/demo.sh

bench:
	BENCH_SCALE=$(if $(SCALE),$(SCALE),$${BENCH_SCALE:-1}) \
	BENCH_REPS=$(if $(REPS),$(REPS),$${BENCH_REPS:-5}) bench/run.sh

clean:
	rm -f relview.so librelview.a
	rm -rf .cache/static .cache/testrun .cache/asan .cache/compat/bld

.PHONY: all test valgrind asan matrix compat difftest demo clean bench

#--------------------------------------------------------------------------
# Fuzzing (test/fuzz/README.md): the libFuzzer target test/fuzz/fuzz_relview.c,
# built by clang with -fsanitize=fuzzer,address,undefined against SQLite's
# amalgamation (made from the testfixture's source tree in .cache/).
#
#   make fuzz                   fuzz for FUZZTIME seconds (default 60), one
#                               process; crashes in .cache/fuzz/crash-*
#   make fuzz FUZZTIME=1800     the 30-minute run
#   make fuzz-replay            run the seed corpus and test/fuzz/crashes/*
#                               once each, no fuzzing (CI)
FUZZTIME ?= 60

fuzz:
	tool/fuzz.sh run $(FUZZTIME)

fuzz-replay:
	tool/fuzz.sh replay

.PHONY: fuzz fuzz-replay
