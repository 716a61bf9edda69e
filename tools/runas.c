// SPDX-License-Identifier: GPL-2.0
/*
 * runas UID PROGRAM [ARG...]: run PROGRAM as user and group UID, without
 * supplementary groups or capabilities. The guest has no /etc/passwd, so
 * "sudo -u nobody" (as run_vmtests.sh runs on-fault-limit) is not there.
 */
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	uid_t uid;

	if (argc < 3) {
		fprintf(stderr, "usage: runas UID PROGRAM [ARG...]\n");
		return 2;
	}
	uid = (uid_t)strtoul(argv[1], NULL, 10);
	if (setgroups(0, NULL) || setgid(uid) || setuid(uid)) {
		perror("runas");
		return 2;
	}
	execvp(argv[2], argv + 2);
	perror(argv[2]);
	return 2;
}
