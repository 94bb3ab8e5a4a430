// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pathtrap.so - an LD_PRELOAD trap for tests: any absolute path under /sys
 * or /proc (other than /proc/self, which the C library may use) opened,
 * read as a link, listed or stat'ed by the program aborts it, with the
 * path on stderr. Run with --sysroot, the program must never touch the
 * live system: everything goes through the rooted accessor.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static ssize_t syscall_readlink(const char *path, char *buf, size_t len)
{
	return syscall(SYS_readlink, path, buf, len);
}

static void check(const char *fn, const char *path)
{
	if (!path || path[0] != '/')
		return;
	if (!strncmp(path, "/proc/self/", 11))
		return;
	if (!strcmp(path, "/sys") || !strncmp(path, "/sys/", 5) || !strcmp(path, "/proc") ||
	    !strncmp(path, "/proc/", 6)) {
		fprintf(stderr, "pathtrap: %s(\"%s\") outside the sysroot\n", fn, path);
		abort();
	}
}

/* A path relative to a directory fd: where does it lead? (/proc/self/fd
 * is allowed: it names our own descriptors.) */
static void check_at(const char *fn, int dirfd, const char *path)
{
	char link[64], dir[4096], full[8192];
	ssize_t n;

	if (!path || path[0] == '/' || dirfd == AT_FDCWD) {
		check(fn, path);
		return;
	}
	snprintf(link, sizeof(link), "/proc/self/fd/%d", dirfd);
	n = syscall_readlink(link, dir, sizeof(dir) - 1);
	if (n <= 0)
		return;
	dir[n] = '\0';
	snprintf(full, sizeof(full), "%s/%s", strcmp(dir, "/") ? dir : "", path);
	check(fn, full);
}

#define REAL(name, ret, ...)                                                                      \
	static ret (*real_##name)(__VA_ARGS__);                                                   \
	if (!real_##name)                                                                         \
		real_##name = (ret(*)(__VA_ARGS__))dlsym(RTLD_NEXT, #name)

int open(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	REAL(open, int, const char *, int, ...);
	check("open", path);
	va_start(ap, flags);
	mode = (mode_t)va_arg(ap, int);
	va_end(ap);
	return real_open(path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	REAL(open64, int, const char *, int, ...);
	check("open64", path);
	va_start(ap, flags);
	mode = (mode_t)va_arg(ap, int);
	va_end(ap);
	return real_open64(path, flags, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
	va_list ap;
	mode_t mode;

	REAL(openat, int, int, const char *, int, ...);
	check_at("openat", dirfd, path);
	va_start(ap, flags);
	mode = (mode_t)va_arg(ap, int);
	va_end(ap);
	return real_openat(dirfd, path, flags, mode);
}

FILE *fopen(const char *path, const char *mode)
{
	REAL(fopen, FILE *, const char *, const char *);
	check("fopen", path);
	return real_fopen(path, mode);
}

FILE *fopen64(const char *path, const char *mode)
{
	REAL(fopen64, FILE *, const char *, const char *);
	check("fopen64", path);
	return real_fopen64(path, mode);
}

DIR *opendir(const char *path)
{
	REAL(opendir, DIR *, const char *);
	check("opendir", path);
	return real_opendir(path);
}

ssize_t readlink(const char *path, char *buf, size_t len)
{
	REAL(readlink, ssize_t, const char *, char *, size_t);
	check("readlink", path);
	return real_readlink(path, buf, len);
}

ssize_t readlinkat(int dirfd, const char *path, char *buf, size_t len)
{
	REAL(readlinkat, ssize_t, int, const char *, char *, size_t);
	check_at("readlinkat", dirfd, path);
	return real_readlinkat(dirfd, path, buf, len);
}

int access(const char *path, int mode)
{
	REAL(access, int, const char *, int);
	check("access", path);
	return real_access(path, mode);
}

int faccessat(int dirfd, const char *path, int mode, int flags)
{
	REAL(faccessat, int, int, const char *, int, int);
	check_at("faccessat", dirfd, path);
	return real_faccessat(dirfd, path, mode, flags);
}

int stat(const char *path, struct stat *st)
{
	REAL(stat, int, const char *, struct stat *);
	check("stat", path);
	return real_stat(path, st);
}

int lstat(const char *path, struct stat *st)
{
	REAL(lstat, int, const char *, struct stat *);
	check("lstat", path);
	return real_lstat(path, st);
}
