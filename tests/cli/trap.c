// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * trap.c - LD_PRELOAD shim for the CLI tests (after kmod's testsuite): every
 * path-taking call with an absolute path into /sys, /proc or /dev, or the
 * root directory itself, prints "iommu-groups-trap: CALL PATH" on stderr,
 * then goes ahead. With --sysroot every read must go through the sysroot
 * (shared/spec/cli.md: "Every read goes through it, libpci's included"),
 * so a case checks that no such line appears.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void check(const char *call, const char *path)
{
	static const char *const roots[] = { "/sys", "/proc", "/dev" };

	if (!path || path[0] != '/')
		return;
	if (path[1] == '\0') {
		static const char msg[] = "iommu-groups-trap: root directory\n";

		(void)!write(2, msg, sizeof(msg) - 1);
		(void)call;
		return;
	}
	for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
		size_t n = strlen(roots[i]);

		if (!strncmp(path, roots[i], n) && (path[n] == '/' || path[n] == '\0')) {
			char msg[512];
			int len = snprintf(msg, sizeof(msg), "iommu-groups-trap: %s %s\n", call, path);

			if (len > 0)
				(void)!write(2, msg, (size_t)len < sizeof(msg) ? (size_t)len : sizeof(msg));
			return;
		}
	}
}

#define NEXT(name) ((__typeof__(&name))dlsym(RTLD_NEXT, #name))

int open(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = (mode_t)va_arg(ap, int);
	va_end(ap);
	check("open", path);
	return NEXT(open)(path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = (mode_t)va_arg(ap, int);
	va_end(ap);
	check("open64", path);
	return NEXT(open64)(path, flags, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = (mode_t)va_arg(ap, int);
	va_end(ap);
	check("openat", path);
	return NEXT(openat)(dirfd, path, flags, mode);
}

int openat64(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	va_start(ap, flags);
	mode = (mode_t)va_arg(ap, int);
	va_end(ap);
	check("openat64", path);
	return NEXT(openat64)(dirfd, path, flags, mode);
}

FILE *fopen(const char *path, const char *mode)
{
	check("fopen", path);
	return NEXT(fopen)(path, mode);
}

FILE *fopen64(const char *path, const char *mode)
{
	check("fopen64", path);
	return NEXT(fopen64)(path, mode);
}

DIR *opendir(const char *path)
{
	check("opendir", path);
	return NEXT(opendir)(path);
}

ssize_t readlink(const char *path, char *buf, size_t len)
{
	check("readlink", path);
	return NEXT(readlink)(path, buf, len);
}

ssize_t readlinkat(int dirfd, const char *path, char *buf, size_t len)
{
	check("readlinkat", path);
	return NEXT(readlinkat)(dirfd, path, buf, len);
}

int stat(const char *path, struct stat *st)
{
	check("stat", path);
	return NEXT(stat)(path, st);
}

int lstat(const char *path, struct stat *st)
{
	check("lstat", path);
	return NEXT(lstat)(path, st);
}

int fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	check("fstatat", path);
	return NEXT(fstatat)(dirfd, path, st, flags);
}

int access(const char *path, int mode)
{
	check("access", path);
	return NEXT(access)(path, mode);
}

int faccessat(int dirfd, const char *path, int mode, int flags)
{
	check("faccessat", path);
	return NEXT(faccessat)(dirfd, path, mode, flags);
}
