/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the benchmark programs in tools/ (ppbench, vfiobench, drmbench)
 * share: error exit, a monotonic clock, the page fault counter of the
 * calling thread (perf PERF_COUNT_SW_PAGE_FAULTS, user and kernel mode)
 * and a median sort.
 */
#ifndef PFNMAP_POPULATE_BENCH_H
#define PFNMAP_POPULATE_BENCH_H

#include <errno.h>
#include <linux/perf_event.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static const char *bench_name = "bench";	/* for error messages */
static int perf_fd = -1;

static void die(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", bench_name, what, strerror(errno));
	exit(1);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/* Open the fault counter of this thread; exit if perf cannot count. */
static void open_faults(void)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_SOFTWARE,
		.size = sizeof(attr),
		.config = PERF_COUNT_SW_PAGE_FAULTS,
		.exclude_hv = 1,
	};

	perf_fd = syscall(SYS_perf_event_open, &attr, 0, -1, -1, 0);
	if (perf_fd < 0)
		die("perf_event_open(PERF_COUNT_SW_PAGE_FAULTS)");
}

/* Page faults of this thread since open_faults(). */
static uint64_t faults(void)
{
	uint64_t n;

	if (read(perf_fd, &n, sizeof(n)) != sizeof(n))
		die("read perf counter");
	return n;
}

/* qsort() comparison of doubles, for medians. */
static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

#endif /* PFNMAP_POPULATE_BENCH_H */
