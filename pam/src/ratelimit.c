#include "ratelimit.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

struct rl_state {
    long count;        /* failures in the current window */
    long window_start; /* first failure of the window */
    long locked_until; /* 0 when not locked */
};

/* Create the state directory if missing; refuse anything not safely ours. */
static int open_dir(const char *path)
{
    if (mkdir(path, 0700) != 0 && errno != EEXIST)
        return -1;
    int dfd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    struct stat st;
    if (dfd < 0)
        return -1;
    if (fstat(dfd, &st) != 0 || st.st_uid != geteuid() || (st.st_mode & (S_IWGRP | S_IWOTH))) {
        close(dfd);
        return -1;
    }
    return dfd;
}

/* Open and exclusively lock the uid's state file. */
static int open_state(const struct w3_config *cfg, uid_t uid)
{
    char name[32];
    int dfd = open_dir(cfg->state_dir);
    if (dfd < 0)
        return -1;
    snprintf(name, sizeof name, "uid-%lu", (unsigned long)uid);
    int fd = openat(dfd, name, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    close(dfd);
    if (fd >= 0 && flock(fd, LOCK_EX) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* Empty file = fresh state; anything unparsable fails closed. */
static int read_state(int fd, struct rl_state *st)
{
    char buf[128];
    memset(st, 0, sizeof *st);
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    if (n < 0)
        return -1;
    if (n == 0)
        return 0;
    buf[n] = '\0';
    if (sscanf(buf, "v1 %ld %ld %ld", &st->count, &st->window_start, &st->locked_until) != 3)
        return -1;
    return st->count < 0 ? -1 : 0;
}

static int write_state(int fd, const struct rl_state *st)
{
    char buf[128];
    int n = snprintf(buf, sizeof buf, "v1 %ld %ld %ld\n", st->count, st->window_start,
                     st->locked_until);
    if (ftruncate(fd, 0) != 0 || pwrite(fd, buf, (size_t)n, 0) != n)
        return -1;
    return 0;
}

int rl_check(const struct w3_config *cfg, uid_t uid, time_t now)
{
    struct rl_state st;
    if (cfg->max_failures == 0)
        return RL_ALLOWED;
    int fd = open_state(cfg, uid);
    if (fd < 0)
        return RL_ERROR;
    int rc = read_state(fd, &st);
    close(fd);
    if (rc != 0)
        return RL_ERROR;
    return st.locked_until > (long)now ? RL_LOCKED : RL_ALLOWED;
}

static void count_failure(const struct w3_config *cfg, struct rl_state *st, long now)
{
    if (st->locked_until != 0 && st->locked_until <= now)
        st->locked_until = 0;
    if (st->count == 0 || now - st->window_start >= cfg->window_seconds) {
        st->count = 0;
        st->window_start = now;
    }
    if (++st->count >= cfg->max_failures) {
        st->locked_until = now + cfg->lockout_seconds;
        st->count = 0;
    }
}

int rl_record(const struct w3_config *cfg, uid_t uid, time_t now, int success)
{
    struct rl_state st;
    if (cfg->max_failures == 0)
        return 0;
    int fd = open_state(cfg, uid);
    if (fd < 0)
        return -1;
    int rc = read_state(fd, &st);
    if (rc == 0 && success) {
        memset(&st, 0, sizeof st);
    } else if (rc == 0) {
        count_failure(cfg, &st, (long)now);
    }
    if (rc == 0)
        rc = write_state(fd, &st);
    close(fd);
    return rc;
}
