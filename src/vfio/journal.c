// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * journal.c - the write-ahead attach journal (see journal.h). JSON through
 * json-c; the file is ours but still checked when read back: a damaged or
 * foreign file is reported, never replayed blindly.
 */
#define _GNU_SOURCE
#include "journal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "load.h" /* parse_bdf */

void journal_dir(char *buf, size_t len)
{
	const char *e = getenv("IOMMU_GROUPS_RUNDIR");

	snprintf(buf, len, "%s", e && *e ? e : "/run/iommu-groups");
}

static void file_path(const struct journal *j, const char *suffix, char *buf, size_t len)
{
	snprintf(buf, len, "%s/group-%d%s", j->dir, j->group, suffix);
}

int journal_open(struct journal *j, int group, char *err, size_t errlen)
{
	char path[2200];

	memset(j, 0, sizeof(*j));
	j->lockfd = -1;
	j->group = group;
	journal_dir(j->dir, sizeof(j->dir));
	if (mkdir(j->dir, 0700) && errno != EEXIST) {
		int e = errno;

		snprintf(err, errlen, "cannot create %s: %s", j->dir, strerror(e));
		return -e;
	}
	file_path(j, ".lock", path, sizeof(path));
	j->lockfd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (j->lockfd < 0) {
		int e = errno;

		snprintf(err, errlen, "cannot open %s: %s", path, strerror(e));
		return -e;
	}
	if (flock(j->lockfd, LOCK_EX | LOCK_NB)) {
		int e = errno;

		close(j->lockfd);
		j->lockfd = -1;
		if (e == EWOULDBLOCK) {
			snprintf(err, errlen,
				 "another iommu-groups process is working on group %d (lock %s)", group,
				 path);
			return -EBUSY;
		}
		snprintf(err, errlen, "cannot lock %s: %s", path, strerror(e));
		return -e;
	}
	return 0;
}

bool journal_exists(const struct journal *j)
{
	char path[2200];

	file_path(j, ".json", path, sizeof(path));
	return access(path, F_OK) == 0;
}

struct jmember *journal_add(struct journal *j, const struct jmember *m)
{
	struct jmember *v = realloc(j->members, (j->nmembers + 1) * sizeof(*v));

	if (!v)
		return NULL;
	j->members = v;
	v[j->nmembers] = *m;
	return &v[j->nmembers++];
}

static json_object *to_json(const struct journal *j)
{
	json_object *root = json_object_new_object(), *arr = json_object_new_array();
	char id[8];

	json_object_object_add(root, "schema", json_object_new_int(1));
	json_object_object_add(root, "boot_id", json_object_new_string(j->boot_id));
	json_object_object_add(root, "group", json_object_new_int(j->group));
	json_object_object_add(root, "pid", json_object_new_int64(j->pid));
	json_object_object_add(root, "kept", json_object_new_boolean(j->kept));
	for (size_t k = 0; k < j->nmembers; k++) {
		const struct jmember *m = &j->members[k];
		json_object *o = json_object_new_object();

		json_object_object_add(o, "bdf", json_object_new_string(m->bdf));
		snprintf(id, sizeof(id), "%04x", m->vendor);
		json_object_object_add(o, "vendor_id", json_object_new_string(id));
		snprintf(id, sizeof(id), "%04x", m->device);
		json_object_object_add(o, "device_id", json_object_new_string(id));
		json_object_object_add(o, "driver", m->driver[0] ? json_object_new_string(m->driver) : NULL);
		json_object_object_add(o, "driver_override",
				       m->override[0] ? json_object_new_string(m->override) : NULL);
		json_object_object_add(o, "move", json_object_new_boolean(m->move));
		json_object_object_add(o, "intent", json_object_new_int((int)m->intent));
		json_object_object_add(o, "done", json_object_new_int((int)m->done));
		json_object_array_add(arr, o);
	}
	json_object_object_add(root, "members", arr);
	return root;
}

static int write_all(int fd, const char *s, size_t len)
{
	while (len) {
		ssize_t n = write(fd, s, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return n < 0 ? -errno : -EIO;
		s += n;
		len -= (size_t)n;
	}
	return 0;
}

int journal_save(struct journal *j)
{
	char path[2200], tmp[2200];
	json_object *root = to_json(j);
	const char *s = json_object_to_json_string_ext(root, JSON_C_TO_STRING_PRETTY |
							     JSON_C_TO_STRING_NOSLASHESCAPE);
	int fd, dfd, rc;

	file_path(j, ".json", path, sizeof(path));
	file_path(j, ".json.tmp", tmp, sizeof(tmp));
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		rc = -errno;
		json_object_put(root);
		return rc;
	}
	rc = write_all(fd, s, strlen(s));
	if (!rc)
		rc = write_all(fd, "\n", 1);
	if (!rc && fsync(fd))
		rc = -errno;
	if (close(fd) && !rc)
		rc = -errno;
	json_object_put(root);
	if (!rc && rename(tmp, path))
		rc = -errno;
	if (rc) {
		unlink(tmp);
		return rc;
	}
	/* the rename itself is durable only once the directory is synced */
	dfd = open(j->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return -errno;
	rc = fsync(dfd) ? -errno : 0;
	close(dfd);
	return rc;
}

static const char *jstr(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

static bool jint(json_object *o, const char *key, int64_t *out)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_int))
		return false;
	*out = json_object_get_int64(v);
	return true;
}

/* A name from the file: short, printable, no path separators. */
static bool copy_name(char *dst, size_t len, const char *s)
{
	if (!s) {
		dst[0] = '\0';
		return true;
	}
	if (strlen(s) >= len || !*s)
		return false;
	for (const char *c = s; *c; c++)
		if (*c <= ' ' || *c > '~' || *c == '/')
			return false;
	snprintf(dst, len, "%s", s);
	return true;
}

static int parse(struct journal *j, json_object *root, char *err, size_t errlen)
{
	json_object *arr;
	int64_t v;
	const char *s;

	if (!jint(root, "schema", &v) || v != 1 || !jint(root, "group", &v) || v != j->group ||
	    !(s = jstr(root, "boot_id")) || !copy_name(j->boot_id, sizeof(j->boot_id), s) ||
	    !json_object_object_get_ex(root, "members", &arr) ||
	    !json_object_is_type(arr, json_type_array)) {
		snprintf(err, errlen, "journal of group %d is malformed", j->group);
		return -EINVAL;
	}
	if (jint(root, "pid", &v))
		j->pid = (long)v;
	json_object *kept;

	j->kept = json_object_object_get_ex(root, "kept", &kept) && json_object_get_boolean(kept);
	for (size_t k = 0; k < json_object_array_length(arr); k++) {
		json_object *o = json_object_array_get_idx(arr, k), *mv;
		struct jmember m = { 0 };
		uint32_t dom;
		uint8_t bus, devfn;
		int64_t intent, done;
		unsigned long vid, did;
		const char *bdf = jstr(o, "bdf"), *vs = jstr(o, "vendor_id"), *ds = jstr(o, "device_id");
		json_object *drv = NULL, *ovr = NULL;

		json_object_object_get_ex(o, "driver", &drv);
		json_object_object_get_ex(o, "driver_override", &ovr);
		if (!bdf || parse_bdf(bdf, &dom, &bus, &devfn) || strlen(bdf) >= sizeof(m.bdf) ||
		    !vs || !ds || sscanf(vs, "%lx", &vid) != 1 || sscanf(ds, "%lx", &did) != 1 ||
		    vid > 0xffff || did > 0xffff ||
		    (drv && !json_object_is_type(drv, json_type_string)) ||
		    (ovr && !json_object_is_type(ovr, json_type_string)) ||
		    !copy_name(m.driver, sizeof(m.driver), drv ? json_object_get_string(drv) : NULL) ||
		    !copy_name(m.override, sizeof(m.override), ovr ? json_object_get_string(ovr) : NULL) ||
		    !jint(o, "intent", &intent) || !jint(o, "done", &done) || intent < 0 || done < 0 ||
		    intent > 7 || done > 7) {
			snprintf(err, errlen, "journal of group %d: member %zu is malformed", j->group, k);
			return -EINVAL;
		}
		snprintf(m.bdf, sizeof(m.bdf), "%s", bdf);
		m.vendor = (uint16_t)vid;
		m.device = (uint16_t)did;
		m.move = json_object_object_get_ex(o, "move", &mv) && json_object_get_boolean(mv);
		m.intent = (unsigned int)intent;
		m.done = (unsigned int)done;
		if (!journal_add(j, &m)) {
			snprintf(err, errlen, "out of memory");
			return -ENOMEM;
		}
	}
	return 0;
}

int journal_load(struct journal *j, char *err, size_t errlen)
{
	char path[2200];
	json_object *root;
	int rc;

	file_path(j, ".json", path, sizeof(path));
	free(j->members);
	j->members = NULL;
	j->nmembers = 0;
	root = json_object_from_file(path);
	if (!root) {
		snprintf(err, errlen, "cannot read journal %s: %s", path,
			 access(path, F_OK) ? strerror(errno) : "not valid JSON");
		return access(path, F_OK) ? -ENOENT : -EINVAL;
	}
	rc = parse(j, root, err, errlen);
	json_object_put(root);
	return rc;
}

int journal_remove(struct journal *j)
{
	char path[2200];
	int dfd;

	file_path(j, ".json", path, sizeof(path));
	if (unlink(path) && errno != ENOENT)
		return -errno;
	dfd = open(j->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
}

void journal_close(struct journal *j)
{
	if (j->lockfd >= 0)
		close(j->lockfd);
	j->lockfd = -1;
	free(j->members);
	j->members = NULL;
	j->nmembers = 0;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

int journal_list(const char *dir, int **groups, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int *v = NULL;

	*groups = NULL;
	*n = 0;
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	while ((e = readdir(d))) {
		char tail[16];
		int g;
		int *nv;

		if (sscanf(e->d_name, "group-%d%15s", &g, tail) != 2 || strcmp(tail, ".json") || g < 0)
			continue;
		nv = realloc(v, (*n + 1) * sizeof(*v));
		if (!nv) {
			free(v);
			closedir(d);
			*n = 0;
			return -ENOMEM;
		}
		v = nv;
		v[(*n)++] = g;
	}
	closedir(d);
	if (*n)
		qsort(v, *n, sizeof(*v), cmp_int);
	*groups = v;
	return 0;
}
