// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
/*
 * ppbench: measure how a device mapping of the test_pfnmap_populate driver
 * gets its pages, per strategy:
 *   A  mmap, then touch every page (one fault per page: the status quo)
 *   B  mmap(MAP_POPULATE) through ->populate, then touch every page
 *   C  mmap, madvise(MADV_POPULATE_WRITE) through ->populate, then touch
 *   G  mmap of a fault-only device, madvise(MADV_POPULATE_WRITE): the
 *      generic path (->fault per page, no exception), then touch
 *   D  eager remap_pfn_range() in ->mmap, then touch (the floor)
 *   R  anonymous mmap(MAP_POPULATE), then touch (core-mm reference)
 *
 * ppbench demo [MiB]               a small table for the README's demo
 * ppbench csv MiB,... ns,... reps  one CSV row per cell (the benchmark)
 *
 * Time is mmap + populate + touch, per page; faults are the real fault
 * exceptions of the touch pass (perf PERF_COUNT_SW_PAGE_FAULTS).
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/perf_event.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include "lib/test_pfnmap_populate_uapi.h"
#include "bench.h"

#define MAX_REPS 64

struct sample {
	double ns_per_page;
	double faults_per_page;
	struct tpp_stats stats;
};

static long page_size;

static int open_dev(int mode, uint64_t cost_ns)
{
	uint32_t m = mode;
	int fd = open(TPP_DEVICE, O_RDWR);

	if (fd < 0)
		die("open " TPP_DEVICE);
	if (ioctl(fd, TPP_IOC_SET_MODE, &m) || ioctl(fd, TPP_IOC_SET_COST, &cost_ns))
		die("configure device");
	return fd;
}

/* One run of strategy @s over @npages; fills @out. */
static void run_one(char s, size_t npages, uint64_t cost_ns, struct sample *out)
{
	size_t len = npages * page_size, i;
	int fd = -1, flags = MAP_SHARED;
	volatile uint64_t sum = 0;
	uint64_t t0, t1, f0, f1;
	char *p;

	switch (s) {
	case 'A':
		fd = open_dev(TPP_MODE_FAULT, cost_ns);
		break;
	case 'B':
		fd = open_dev(TPP_MODE_POPULATE, cost_ns);
		flags |= MAP_POPULATE;
		break;
	case 'C':
		fd = open_dev(TPP_MODE_POPULATE, cost_ns);
		break;
	case 'G':
		fd = open_dev(TPP_MODE_FAULT, cost_ns);
		break;
	case 'D':
		fd = open_dev(TPP_MODE_EAGER, cost_ns);
		break;
	case 'R':
		flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE;
		break;
	}

	t0 = now_ns();
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, flags, fd, 0);
	if (p == MAP_FAILED)
		die("mmap");
	if ((s == 'C' || s == 'G') && madvise(p, len, MADV_POPULATE_WRITE))
		die("madvise(MADV_POPULATE_WRITE)");
	f0 = faults();
	for (i = 0; i < len; i += page_size)
		sum += *(volatile uint64_t *)(p + i);
	f1 = faults();
	t1 = now_ns();

	out->ns_per_page = (double)(t1 - t0) / npages;
	out->faults_per_page = (double)(f1 - f0) / npages;
	memset(&out->stats, 0, sizeof(out->stats));
	if (fd >= 0 && ioctl(fd, TPP_IOC_GET_STATS, &out->stats))
		die("TPP_IOC_GET_STATS");
	munmap(p, len);
	if (fd >= 0)
		close(fd);
}

/* Median, min and max of @reps runs. */
static void run_cell(char s, size_t npages, uint64_t cost_ns, int reps,
		     double *med, double *min, double *max, struct sample *last)
{
	double v[MAX_REPS];
	int r;

	for (r = 0; r < reps; r++) {
		run_one(s, npages, cost_ns, last);
		v[r] = last->ns_per_page;
	}
	qsort(v, reps, sizeof(v[0]), cmp_double);
	*med = reps % 2 ? v[reps / 2] : (v[reps / 2 - 1] + v[reps / 2]) / 2;
	*min = v[0];
	*max = v[reps - 1];
}

static const char *const names[] = {
	['A'] = "touch (fault per page)",
	['B'] = "MAP_POPULATE (->populate)",
	['C'] = "MADV_POPULATE_WRITE",
	['G'] = "MADV_POPULATE_WRITE, ->fault",
	['D'] = "eager remap_pfn_range",
	['R'] = "anonymous MAP_POPULATE",
};

static void demo(size_t mib)
{
	size_t npages = (mib << 20) / page_size;
	static const char order[] = "ABCGDR";
	double med, min, max, a = 0, b = 0, g = 0, d = 0;
	struct sample last;
	int i;

	printf("# %zu MiB device mapping (%zu pages), simulated device cost 0, median of 3\n",
	       mib, npages);
	printf("# %-27s %12s %16s %10s %12s\n", "strategy", "ns/page",
	       "faults on touch", "->fault", "->populate");
	for (i = 0; order[i]; i++) {
		run_cell(order[i], npages, 0, 3, &med, &min, &max, &last);
		if (order[i] == 'A')
			a = med;
		if (order[i] == 'B')
			b = med;
		if (order[i] == 'G')
			g = med;
		if (order[i] == 'D')
			d = med;
		if (order[i] == 'R')
			printf("# %c %-25s %12.0f %16.0f %10s %12s\n", order[i],
			       names[(int)order[i]], med,
			       last.faults_per_page * npages, "-", "-");
		else
			printf("# %c %-25s %12.0f %16.0f %10llu %12llu\n",
			       order[i], names[(int)order[i]], med,
			       last.faults_per_page * npages,
			       (unsigned long long)last.stats.fault_calls,
			       (unsigned long long)last.stats.populate_calls);
	}
	printf("# MAP_POPULATE is %.1fx faster than faulting every page (A/B)\n", a / b);
	printf("# the generic path (no driver change) costs %.2f of touching (G/A), %.1fx the floor (G/D)\n",
	       g / a, g / d);
	printf("# batching in ->populate makes MAP_POPULATE %.1fx cheaper than the generic path (G/B)\n",
	       g / b);
	printf("ok 1 demo\n");
}

static int parse_list(char *s, uint64_t *v, int max)
{
	int n = 0;

	for (s = strtok(s, ","); s && n < max; s = strtok(NULL, ","))
		v[n++] = strtoull(s, NULL, 0);
	return n;
}

static void csv(char *sizes_arg, char *costs_arg, int reps)
{
	uint64_t sizes[16], costs[16];
	int ns = parse_list(sizes_arg, sizes, 16);
	int nc = parse_list(costs_arg, costs, 16);
	static const char order[] = "ABCGDR";
	int total = ns * nc * 6, done = 0, i, j, k;
	double med, min, max;
	struct sample last;

	printf("csv: strategy,size_mib,cost_ns,reps,ns_per_page_median,ns_per_page_min,ns_per_page_max,faults_per_page,populate_calls,fault_calls\n");
	for (j = 0; j < nc; j++) {
		for (i = 0; i < ns; i++) {
			size_t npages = (sizes[i] << 20) / page_size;

			for (k = 0; order[k]; k++) {
				char s = order[k];

				fprintf(stderr, "# bench: cell %d/%d: %c %llu MiB cost %llu ns\n",
					++done, total, s, (unsigned long long)sizes[i],
					(unsigned long long)costs[j]);
				run_cell(s, npages, costs[j], reps, &med, &min, &max, &last);
				printf("csv: %c,%llu,%llu,%d,%.1f,%.1f,%.1f,%.4f,%llu,%llu\n", s,
				       (unsigned long long)sizes[i],
				       (unsigned long long)costs[j], reps, med, min, max,
				       last.faults_per_page,
				       (unsigned long long)last.stats.populate_calls,
				       (unsigned long long)last.stats.fault_calls);
				fflush(stdout);
			}
		}
	}
	printf("ok 1 bench\n");
}

int main(int argc, char **argv)
{
	bench_name = "ppbench";
	page_size = sysconf(_SC_PAGESIZE);
	open_faults();
	printf("TAP version 13\n1..1\n");
	if (argc >= 2 && !strcmp(argv[1], "demo")) {
		demo(argc > 2 ? strtoul(argv[2], NULL, 0) : 64);
	} else if (argc == 5 && !strcmp(argv[1], "csv")) {
		int reps = atoi(argv[4]);

		if (reps < 1 || reps > MAX_REPS)
			reps = 5;
		csv(argv[2], argv[3], reps);
	} else {
		fprintf(stderr, "usage: ppbench demo [MiB] | csv MiB,... ns,... reps\n");
		return 2;
	}
	return 0;
}
