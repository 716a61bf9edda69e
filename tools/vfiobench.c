// SPDX-License-Identifier: GPL-2.0
#define _GNU_SOURCE
/*
 * vfiobench: what it costs to map a vfio-pci BAR (QEMU's ivshmem-plain
 * BAR2, vfio no-IOMMU mode), per strategy and layout:
 *   touch  mmap, then touch every page (one fault per leaf)
 *   mapp   mmap(MAP_POPULATE): vfio's generic_populate_by_fault() hook
 *   madv   mmap, madvise(MADV_POPULATE_WRITE): the generic path
 *   eager  the test driver's remap_pfn_range() at mmap (4 KiB entries):
 *          the floor of a 4 KiB mapping, same size, for comparison
 * Layouts: "aligned" maps the BAR at an address aligned like its bus
 * address (PUD or PMD entries), "unaligned" 4 KiB off (4 KiB entries).
 *
 * vfiobench [MiB,...] [reps]   one CSV line per cell, prefixed "vfio: ",
 *                              and a KTAP result
 *
 * map_ns_per_mib: mmap + populate (touch: mmap + the touch pass), then
 * each page is touched once more: faults_per_page of that pass, and
 * entries = page table leaves mapping the range (TPP_IOC_PTE_INFO).
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
#include "mm/vfio_pci_util.h"
#include "bench.h"

#define MAX_REPS	64
#define SZ_4K		0x1000UL
#define SZ_2M		0x200000UL
#define SZ_1G		0x40000000UL

static struct vfio_pci_dev dev;
static int tpp = -1;

static void touch(const char *p, size_t len)
{
	volatile uint64_t sum = 0;
	size_t i;

	for (i = 0; i < len; i += SZ_4K)
		sum += *(const volatile uint64_t *)(p + i);
}

/* Page table leaves that map [p, p + len). */
static long leaves(const char *p, size_t len)
{
	struct tpp_pte_info info;
	size_t pos = 0, step;
	long n = 0;

	while (pos < len) {
		memset(&info, 0, sizeof(info));
		info.addr = (uintptr_t)(p + pos);
		if (ioctl(tpp, TPP_IOC_PTE_INFO, &info))
			die("TPP_IOC_PTE_INFO");
		if (!info.level)
			return -1;
		step = info.level == 3 ? SZ_1G : info.level == 2 ? SZ_2M : SZ_4K;
		pos += step - ((uintptr_t)(p + pos) & (step - 1));
		n++;
	}
	return n;
}

struct sample {
	double map_ns_per_mib;
	double faults_per_page;
	long entries;
};

static void run_one(const char *s, int aligned, size_t len, size_t align,
		    struct sample *out)
{
	size_t skew = aligned ? 0 : SZ_4K;
	uint64_t t0, t1, f0;
	int fd = -1;
	char *p;

	if (!strcmp(s, "eager")) {
		uint32_t mode = TPP_MODE_EAGER;

		fd = open(TPP_DEVICE, O_RDWR);
		if (fd < 0 || ioctl(fd, TPP_IOC_SET_MODE, &mode))
			die("open " TPP_DEVICE);
	}
	t0 = now_ns();
	if (fd >= 0)
		p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	else
		p = vfio_pci_mmap_bar(&dev, 0, len, align, skew,
				      PROT_READ | PROT_WRITE,
				      strcmp(s, "mapp") ? 0 : MAP_POPULATE);
	if (p == MAP_FAILED)
		die("mmap");
	if (!strcmp(s, "madv") && madvise(p, len, MADV_POPULATE_WRITE))
		die("madvise(MADV_POPULATE_WRITE)");
	if (!strcmp(s, "touch"))
		touch(p, len);
	t1 = now_ns();
	f0 = faults();
	touch(p, len);
	out->faults_per_page = (double)(faults() - f0) / (len / SZ_4K);
	out->map_ns_per_mib = (double)(t1 - t0) / (len >> 20);
	out->entries = leaves(p, len);
	munmap(p, len);
	if (fd >= 0)
		close(fd);
}

int main(int argc, char **argv)
{
	static const char *const strategies[] = { "touch", "mapp", "madv", "eager" };
	char *sizes = argc > 1 ? argv[1] : "256,1024", *tok;
	int reps = argc > 2 ? atoi(argv[2]) : 5;
	double ns[MAX_REPS];
	struct sample smp;
	char why[256];
	size_t align;
	unsigned int i;
	int aligned, r;

	bench_name = "vfiobench";
	if (reps < 1 || reps > MAX_REPS)
		reps = 5;
	printf("TAP version 13\n1..1\n");
	if (vfio_pci_open(&dev, IVSHMEM_VENDOR, IVSHMEM_DEVICE, IVSHMEM_BAR,
			  why, sizeof(why))) {
		fprintf(stderr, "vfiobench: %s\n", why);
		return 1;
	}
	if (vfio_pci_memory(&dev, true))
		die("enable memory decoding");
	tpp = open(TPP_DEVICE, O_RDWR);
	if (tpp < 0)
		die("open " TPP_DEVICE);
	open_faults();
	align = dev.bar.size >= SZ_1G && !(dev.bar_phys & (SZ_1G - 1)) ? SZ_1G : SZ_2M;
	printf("# bench: vfio %s BAR%d %llu MiB at %#llx\n", dev.bdf, IVSHMEM_BAR,
	       (unsigned long long)dev.bar.size >> 20,
	       (unsigned long long)dev.bar_phys);
	printf("vfio: strategy,layout,size_mib,reps,map_ns_per_mib_median,"
	       "map_ns_per_mib_min,map_ns_per_mib_max,entries,faults_per_page\n");
	for (tok = strtok(sizes, ","); tok; tok = strtok(NULL, ",")) {
		size_t len = strtoul(tok, NULL, 0) << 20;

		if (!len || len > dev.bar.size)
			continue;
		for (aligned = 1; aligned >= 0; aligned--) {
			for (i = 0; i < 4; i++) {
				/* The eager floor does not depend on the layout. */
				if (!aligned && !strcmp(strategies[i], "eager"))
					continue;
				for (r = 0; r < reps; r++) {
					run_one(strategies[i], aligned, len,
						len >= align ? align : SZ_2M, &smp);
					ns[r] = smp.map_ns_per_mib;
				}
				qsort(ns, reps, sizeof(ns[0]), cmp_double);
				printf("vfio: %s,%s,%zu,%d,%.0f,%.0f,%.0f,%ld,%.4f\n",
				       strategies[i],
				       aligned ? "aligned" : "unaligned",
				       len >> 20, reps, ns[reps / 2], ns[0],
				       ns[reps - 1], smp.entries,
				       smp.faults_per_page);
				fflush(stdout);
			}
		}
	}
	vfio_pci_close(&dev);
	printf("ok 1 vfiobench\n");
	return 0;
}
