// SPDX-License-Identifier: GPL-2.0
/*
 * drmbench: how DRM dumb buffer mappings become present, per page.
 *
 * For bochs (TTM: system memory, and VRAM after a scan-out pin) and vgem
 * (GEM shmem), buffers of the given sizes, and three strategies:
 *   T  mmap, then touch (write) every page: one fault per page (TTM
 *      prefaults 16 pages per fault)
 *   M  mmap(MAP_POPULATE), then touch
 *   W  mmap, madvise(MADV_POPULATE_WRITE), then touch
 * Time per page of mmap + populate + touch + munmap, the median of
 * REPS runs [min-max], and the fault exceptions taken by the touch pass
 * (perf PERF_COUNT_SW_PAGE_FAULTS, user mode). Whether M and W go
 * through the driver's ->populate or (W) the generic fault path depends
 * on the kernel: run it on both and compare the ratios to T (the touch
 * path is the same code in both).
 *
 * Usage: drmbench [sizes-MiB [vram-sizes-MiB [reps]]]
 * Output: "drmcsv: " lines (CSV) and "# drm: " lines (a table).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/mman.h>
#include <linux/perf_event.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <drm/drm.h>
#include <drm/drm_mode.h>
#include "bench.h"

#define MAXREPS 15

static long psz;

static int drm_open(const char *name)
{
	char path[64], drv[64];
	int i, fd;

	for (i = 0; i < 16; i++) {
		struct drm_version v;

		snprintf(path, sizeof(path), "/dev/dri/card%d", i);
		fd = open(path, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			continue;
		memset(&v, 0, sizeof(v));
		memset(drv, 0, sizeof(drv));
		v.name = drv;
		v.name_len = sizeof(drv) - 1;
		if (!ioctl(fd, DRM_IOCTL_VERSION, &v) && !strcmp(drv, name))
			return fd;
		close(fd);
	}
	return -1;
}

struct bo {
	__u32 handle, pitch, width, height, fb_id;
	__u64 size, offset;
};

static int bo_create(int fd, __u32 width, __u32 height, struct bo *bo)
{
	struct drm_mode_create_dumb c = { .width = width, .height = height, .bpp = 32 };
	struct drm_mode_map_dumb m = { 0 };

	memset(bo, 0, sizeof(*bo));
	if (ioctl(fd, DRM_IOCTL_MODE_CREATE_DUMB, &c))
		return -errno;
	m.handle = c.handle;
	if (ioctl(fd, DRM_IOCTL_MODE_MAP_DUMB, &m))
		return -errno;
	bo->handle = c.handle;
	bo->pitch = c.pitch;
	bo->size = c.size;
	bo->width = width;
	bo->height = height;
	bo->offset = m.offset;
	return 0;
}

static void bo_destroy(int fd, struct bo *bo)
{
	struct drm_mode_destroy_dumb d = { .handle = bo->handle };

	if (bo->fb_id)
		ioctl(fd, DRM_IOCTL_MODE_RMFB, &bo->fb_id);
	ioctl(fd, DRM_IOCTL_MODE_DESTROY_DUMB, &d);
}

struct output {
	__u32 connector, crtc;
	struct drm_mode_modeinfo mode;
};

static int find_output(int fd, struct output *out)
{
	struct drm_mode_card_res res = { 0 };
	__u32 conns[8], crtcs[8], encs[8];
	unsigned int i;

	if (ioctl(fd, DRM_IOCTL_MODE_GETRESOURCES, &res) || !res.count_connectors ||
	    !res.count_crtcs || res.count_connectors > 8 || res.count_crtcs > 8 ||
	    res.count_encoders > 8)
		return -1;
	res.connector_id_ptr = (uintptr_t)conns;
	res.crtc_id_ptr = (uintptr_t)crtcs;
	res.encoder_id_ptr = (uintptr_t)encs;
	res.count_fbs = 0;
	if (ioctl(fd, DRM_IOCTL_MODE_GETRESOURCES, &res))
		return -1;
	for (i = 0; i < res.count_connectors; i++) {
		struct drm_mode_get_connector c = { .connector_id = conns[i] };
		struct drm_mode_modeinfo modes[64];

		if (ioctl(fd, DRM_IOCTL_MODE_GETCONNECTOR, &c) || !c.count_modes ||
		    c.count_modes > 64)
			continue;
		c.modes_ptr = (uintptr_t)modes;
		c.count_props = 0;
		c.count_encoders = 0;
		if (ioctl(fd, DRM_IOCTL_MODE_GETCONNECTOR, &c) || !c.count_modes)
			continue;
		out->connector = conns[i];
		out->crtc = crtcs[0];
		out->mode = modes[0];
		return 0;
	}
	return -1;
}

static int scanout(int fd, const struct output *out, struct bo *bo)
{
	struct drm_mode_fb_cmd f = {
		.width = bo->width, .height = bo->height, .pitch = bo->pitch,
		.bpp = 32, .depth = 24, .handle = bo->handle,
	};
	struct drm_mode_crtc c = { .crtc_id = out->crtc };
	__u32 conn = out->connector;

	if (!bo->fb_id) {
		if (ioctl(fd, DRM_IOCTL_MODE_ADDFB, &f))
			return -errno;
		bo->fb_id = f.fb_id;
	}
	c.fb_id = bo->fb_id;
	c.set_connectors_ptr = (uintptr_t)&conn;
	c.count_connectors = 1;
	c.mode = out->mode;
	c.mode_valid = 1;
	return ioctl(fd, DRM_IOCTL_MODE_SETCRTC, &c) ? -errno : 0;
}

static const char *const strat_name[] = { "T", "M", "W" };

/* One run of strategy @s on @bo: ns/page; *faults: faults while touching. */
static double run(int fd, struct bo *bo, int s, __u64 *nfaults)
{
	unsigned long pg, n = bo->size / psz;
	uint64_t t0, t1, f0, f1;
	char *p;

	t0 = now_ns();
	p = mmap(NULL, bo->size, PROT_READ | PROT_WRITE,
		 MAP_SHARED | (s == 1 ? MAP_POPULATE : 0), fd, bo->offset);
	if (p == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	if (s == 2 && madvise(p, bo->size, MADV_POPULATE_WRITE)) {
		perror("madvise");
		exit(1);
	}
	f0 = faults();
	for (pg = 0; pg < n; pg++)
		*(volatile __u64 *)(p + pg * psz) = pg;
	f1 = faults();
	munmap(p, bo->size);
	t1 = now_ns();
	*nfaults = f1 - f0;
	return (double)(t1 - t0) / n;
}

static void bench(int fd, const char *drv, const char *place, struct bo *bo,
		  unsigned long mib, int reps)
{
	double ns[3][MAXREPS], med[3];
	__u64 faults[3] = { 0 }, f;
	int s, r;
	char *keep;

	/* Keeps the pages allocated (TTM) and pinned (shmem) between runs. */
	keep = mmap(NULL, bo->size, PROT_READ, MAP_SHARED, fd, bo->offset);
	if (keep == MAP_FAILED) {
		perror("mmap");
		exit(1);
	}
	run(fd, bo, 0, &f);	/* warm-up: allocates a system memory bo */
	for (r = 0; r < reps; r++)
		for (s = 0; s < 3; s++) {
			ns[s][r] = run(fd, bo, s, &f);
			if (f > faults[s])
				faults[s] = f;
		}
	for (s = 0; s < 3; s++) {
		qsort(ns[s], reps, sizeof(double), cmp_double);
		med[s] = ns[s][reps / 2];
		printf("drmcsv: %s,%s,%lu,%s,%.0f,%.0f,%.0f,%llu\n", drv, place,
		       mib, strat_name[s], med[s],
		       ns[s][0], ns[s][reps - 1], (unsigned long long)faults[s]);
	}
	printf("# drm: | %s | %s | %lu | %.0f [%.0f-%.0f] | %.0f [%.0f-%.0f] | %.0f [%.0f-%.0f] | %llu / %llu / %llu | %.2f | %.2f |\n",
	       drv, place, mib,
	       med[0], ns[0][0], ns[0][reps - 1], med[1], ns[1][0], ns[1][reps - 1],
	       med[2], ns[2][0], ns[2][reps - 1],
	       (unsigned long long)faults[0], (unsigned long long)faults[1],
	       (unsigned long long)faults[2], med[0] / med[1], med[0] / med[2]);
	fflush(stdout);
	munmap(keep, bo->size);
}

/* @list: comma separated MiB; returns the count. */
static int parse(const char *list, unsigned long *v, int max)
{
	char *dup = strdup(list), *tok, *save = NULL;
	int n = 0;

	for (tok = strtok_r(dup, ",", &save); tok && n < max;
	     tok = strtok_r(NULL, ",", &save))
		v[n++] = strtoul(tok, NULL, 0);
	free(dup);
	return n;
}

int main(int argc, char **argv)
{
	unsigned long sizes[8], vsizes[8];
	int nsizes, nvsizes, reps, fd, i;
	struct output out;
	struct bo bo, first;

	psz = sysconf(_SC_PAGESIZE);
	nsizes = parse(argc > 1 ? argv[1] : "16,64,256", sizes, 8);
	nvsizes = parse(argc > 2 ? argv[2] : "4,8", vsizes, 8);
	reps = argc > 3 ? atoi(argv[3]) : 5;
	if (reps < 1 || reps > MAXREPS)
		reps = 5;
	bench_name = "drmbench";
	open_faults();
	printf("TAP version 13\n1..1\n");
	printf("# drm: T: mmap + touch; M: MAP_POPULATE + touch; W: MADV_POPULATE_WRITE + touch; ns/page, median of %d [min-max]\n",
	       reps);
	printf("# drm: | driver | placement | MiB | T touch | M MAP_POPULATE | W MADV_POPULATE_WRITE | faults on touch T / M / W | T/M | T/W |\n");
	printf("# drm: |---|---|---:|---:|---:|---:|---:|---:|---:|\n");
	printf("drmcsv: driver,placement,mib,strategy,ns_per_page,min,max,faults\n");

	fd = drm_open("vgem");
	for (i = 0; fd >= 0 && i < nsizes; i++) {
		/* 2048 pixels of 4 bytes: 8 KiB a line */
		if (bo_create(fd, 2048, sizes[i] << 7, &bo))
			continue;
		bench(fd, "vgem", "shmem", &bo, sizes[i], reps);
		bo_destroy(fd, &bo);
	}
	if (fd >= 0)
		close(fd);

	fd = drm_open("bochs-drm");
	if (fd < 0)
		goto out;
	for (i = 0; i < nsizes; i++) {
		if (bo_create(fd, 2048, sizes[i] << 7, &bo))
			continue;
		bench(fd, "bochs", "system", &bo, sizes[i], reps);
		bo_destroy(fd, &bo);
	}
	/* VRAM: set the mode once on a buffer of its own, then pin by flips. */
	if (find_output(fd, &out) ||
	    bo_create(fd, out.mode.hdisplay, out.mode.vdisplay, &first) ||
	    scanout(fd, &out, &first)) {
		printf("# drm: bochs: no mode set, no VRAM rows\n");
		goto out;
	}
	for (i = 0; i < nvsizes; i++) {
		__u32 h = (vsizes[i] << 20) / (out.mode.hdisplay * 4);

		if (h < out.mode.vdisplay || bo_create(fd, out.mode.hdisplay, h, &bo))
			continue;
		if (scanout(fd, &out, &bo)) {
			printf("# drm: bochs: %lu MiB do not fit in VRAM\n", vsizes[i]);
			bo_destroy(fd, &bo);
			continue;
		}
		bench(fd, "bochs", "vram", &bo, vsizes[i], reps);
		scanout(fd, &out, &first);
		bo_destroy(fd, &bo);
	}
out:
	printf("ok 1 drmbench\n");
	return 0;
}
