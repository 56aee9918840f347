# relview: relationship views for SQLite.
#
#   make            relview.so (loadable) and librelview.a (-DSQLITE_CORE)
#   make test       build SQLite's testfixture, run test/*.test
#   make valgrind   the same suite under valgrind
#   make asan       the same suite, relview.so and testfixture built with
#                   AddressSanitizer and UndefinedBehaviorSanitizer
#   make matrix     the suite under the testfixtures of other SQLite
#                   versions (MATRIX="3.34.1 3.46.1 sid")
#   make cross-test the suite on arm64 and i386 (ARCHS=), cross-built and
#                   run under qemu-user; CROSS_TESTS="test/x.test ..." a part
#   make test-dqlite  relview on a 3-node dqlite cluster: writes, failover,
#                   catch-up (tool/dqlite); make bench-dqlite adds timings
#   make compat     relview.so built against SQLite 3.26.0's headers, and
#                   a smoke test in a 3.26.0 shell
#   make difftest   the differential tester for MINUTES=20 minutes
#   make fuzz       the fuzz target for FUZZTIME seconds; make fuzz-replay
#                   runs its corpus and crash reproducers once (CI)
#   make demo       the teams/players walkthrough in the sqlite3 shell
#   make install    relview.so where the loader finds it (.load relview from
#                   any directory), librelview.a, relview.h, relview.pc;
#                   PREFIX=/usr/local, DESTDIR honoured; make uninstall
#   make dist       dist/relview.c and dist/relview.h: one file for apps
#   make clean
#
# make demo and make test first install what they need (tool/setup.sh);
# on a machine without make, run "sh tool/setup.sh" once by hand.

CC      ?= cc
CFLAGS  ?= -O2 -g
RV_CFLAGS = -std=c99 -Wall -Wextra -fvisibility=hidden -Iinclude -Iext $(CFLAGS)
SRC     = ext/util.c ext/key.c ext/model.c ext/decl.c ext/stmt.c ext/plan.c ext/walk.c ext/graph.c \
          ext/cursor.c ext/store.c ext/write.c ext/automap.c ext/doctor.c ext/pragma.c \
          ext/relview.c
HDR     = include/relview.h ext/relviewInt.h ext/write.h
# make matrix: Debian versions or suites (sid: the newest in Debian)
MATRIX  = 3.34.1 3.46.1 sid
SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined \
            -fno-omit-frame-pointer

PREFIX  ?= /usr/local
LIBDIR  ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
VERSION = $(shell sed -n 's/^\#define RELVIEW_VERSION "\(.*\)"/\1/p' include/relview.h)

all: relview.so librelview.a

# make, a C compiler and SQLite's headers, where missing (apt-get)
setup:
	@sh tool/setup.sh

# The soname is the name SQLite's loader asks for: installed, ldconfig
# files it under that name, so .load relview finds it (make install)
relview.so: $(SRC) $(HDR) | setup
	$(CC) $(RV_CFLAGS) -fPIC -shared -Wl,-soname,relview.so -o $@ $(SRC) -lm

librelview.a: $(SRC) $(HDR) | setup
	@mkdir -p .cache/static
	cd .cache/static && for f in $(SRC); do \
	  $(CC) $(RV_CFLAGS:-I%=-I../../%) -DSQLITE_CORE -c ../../$$f || exit 1; \
	done
	rm -f $@ && ar rcs $@ $(patsubst ext/%.c,.cache/static/%.o,$(SRC))

# The suite runs a build with relview's assert()s (-DRELVIEW_DEBUG)
.cache/debug/relview.so: $(SRC) $(HDR) | setup
	@mkdir -p .cache/debug
	$(CC) $(RV_CFLAGS) -DRELVIEW_DEBUG -fPIC -shared -o $@ $(SRC) -lm

# The same for another architecture (make cross-test, CC= its compiler)
.cache/debug-%/relview.so: $(SRC) $(HDR) | setup
	@mkdir -p $(@D)
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

# The suite on other architectures, cross-built and run under qemu-user
# (10 to 20 times slower): ARCHS="arm64 i386" (a phone's; 32-bit),
# CROSS_TESTS= a subset of files; the differential tester over 100 seeds
ARCHS = arm64 i386
cross-test: librelview.a
	@status=0; for a in $(ARCHS); do echo "== $$a"; \
	  RELVIEW_DIFF_SEEDS=$${RELVIEW_DIFF_SEEDS:-100} RELVIEW_ARCH=$$a \
	  tool/runtests.sh $(CROSS_TESTS) || status=1; done; exit $$status

# relview on a 3-node dqlite cluster (tool/dqlite/test.sh; DQLITE_PORT=9101)
test-dqlite:
	tool/dqlite/test.sh

# ... and the writes of a view against native ones there
bench-dqlite:
	DQLITE_BENCH=$${DQLITE_BENCH:-2000} tool/dqlite/test.sh

# The differential tester for MINUTES minutes (default 20)
difftest: .cache/debug/relview.so
	tool/difftest.sh $(if $(MINUTES),$(MINUTES)m,20m)

demo: relview.so
	tool/demo.sh

bench:
	BENCH_SCALE=$(if $(SCALE),$(SCALE),$${BENCH_SCALE:-1}) \
	BENCH_REPS=$(if $(REPS),$(REPS),$${BENCH_REPS:-5}) bench/run.sh

# relview.so is installed as librelview.so.$(VERSION), whose soname is
# relview.so: ldconfig files only names that begin with "lib", under their
# soname, and SQLite's loader asks for relview.so.  The link relview.so is
# made here too, for a DESTDIR or a LIBDIR that ldconfig does not read.
# librelview.a is the library to link (-DSQLITE_CORE), relview.pc says how.
LDCONFIG_RUN = if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ] && \
                 command -v ldconfig >/dev/null; then ldconfig; fi
install: relview.so librelview.a
	install -d $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(PKGCONFIGDIR)
	install -m 755 relview.so $(DESTDIR)$(LIBDIR)/librelview.so.$(VERSION)
	ln -sf librelview.so.$(VERSION) $(DESTDIR)$(LIBDIR)/relview.so
	install -m 644 librelview.a $(DESTDIR)$(LIBDIR)/librelview.a
	install -m 644 include/relview.h $(DESTDIR)$(INCLUDEDIR)/relview.h
	printf '%s\n' 'prefix=$(PREFIX)' 'libdir=$(patsubst $(PREFIX)/%,$${prefix}/%,$(LIBDIR))' \
	  'includedir=$(patsubst $(PREFIX)/%,$${prefix}/%,$(INCLUDEDIR))' '' \
	  'Name: relview' \
	  'Description: relationship views for SQLite (a virtual-table module)' \
	  'Version: $(VERSION)' 'Requires: sqlite3' \
	  'Libs: -L$${libdir} -lrelview -lm' 'Cflags: -I$${includedir}' \
	  >$(DESTDIR)$(PKGCONFIGDIR)/relview.pc
	chmod 644 $(DESTDIR)$(PKGCONFIGDIR)/relview.pc
	@$(LDCONFIG_RUN)

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/librelview.so.$(VERSION) $(DESTDIR)$(LIBDIR)/relview.so \
	  $(DESTDIR)$(LIBDIR)/librelview.a $(DESTDIR)$(INCLUDEDIR)/relview.h \
	  $(DESTDIR)$(PKGCONFIGDIR)/relview.pc
	@$(LDCONFIG_RUN)

dist: dist/relview.c

dist/relview.c: $(SRC) $(HDR) tool/dist.sh Makefile
	tool/dist.sh

clean:
	rm -f relview.so librelview.a
	rm -rf .cache/static .cache/testrun .cache/asan .cache/compat/bld dist

.PHONY: all setup test valgrind asan matrix compat cross-test test-dqlite bench-dqlite \
        difftest demo install \
        uninstall dist clean bench

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
