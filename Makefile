# journey: PGXS build.  The install script is generated from the per-feature
# SQL fragments in src/, concatenated in the order given by SQL_SRCS (types
# first, then aggregates, then tables and views).

EXTENSION = journey
EXTVERSION = $(shell grep default_version $(EXTENSION).control | sed -e "s/default_version[[:space:]]*=[[:space:]]*'\([^']*\)'/\1/")

MODULE_big = journey
OBJS = src/journey.o src/stats.o src/scores_core.o src/scores.o src/sketch_core.o src/sketch.o \
	src/placement_core.o src/placement.o src/session.o src/retention.o src/funnel_summary.o \
	src/funnel_core.o src/window_funnel.o src/paths.o

SQL_SRCS = src/journey.sql src/scores.sql src/sketch.sql src/event.sql src/placement.sql src/session.sql src/retention.sql src/funnel_summary.sql src/window_funnel.sql \
	src/paths.sql src/cohort.sql
DATA_built = $(EXTENSION)--$(EXTVERSION).sql

REGRESS = install test_helpers scores scores_stats scores_io scores_oracle sketch sketch_io event placement session retention funnel_summary equality window_funnel paths cohort window_use
REGRESS_OPTS = --inputdir=. --load-extension=$(EXTENSION)

PG_CONFIG ?= pg_config

# -Wall -Wextra by default (CI adds -Werror).  The server headers are read as
# system headers so that their own unused-parameter warnings stay out.
PG_CFLAGS ?= -Wall -Wextra
PG_CPPFLAGS = -isystem $(shell $(PG_CONFIG) --includedir-server)
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

$(EXTENSION)--$(EXTVERSION).sql: $(SQL_SRCS) $(EXTENSION).control
	cat $(SQL_SRCS) > $@

src/scores.o src/scores_core.o: src/scores_core.h src/journey.h src/stats.h
src/stats.o: src/stats.h
src/sketch.o src/sketch_core.o: src/sketch_core.h src/journey.h
src/placement.o src/placement_core.o: src/placement_core.h src/journey.h
src/journey.o: src/journey.h
src/window_funnel.o src/paths.o src/funnel_core.o src/funnel_summary.o: src/funnel_core.h src/journey.h
