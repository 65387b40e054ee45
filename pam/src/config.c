#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { K_HOST, K_MACHINE, K_URL, K_CHAIN, K_TTL, K_COUNT };
#define REQUIRED_KEYS ((1u << K_HOST) | (1u << K_URL) | (1u << K_CHAIN))

static const char *const KEY_NAMES[K_COUNT] = {"host", "machine", "signing_url", "chain_id",
                                                "ttl_seconds"};

/* Keys of the removed per-account lockout: refused with a message that says so. */
static const char *const REMOVED_KEYS[] = {"max_failures", "lockout_seconds",
                                           "failure_window_seconds", "state_dir"};

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (err && errlen)
        vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return -1;
}

/* Host name with optional :port (EIP-4361 authority without userinfo). */
static int valid_host(const char *v)
{
    size_t n = strlen(v), colon = 0;
    if (n == 0 || n > 253 || v[0] == '.' || v[0] == '-' || v[0] == ':')
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = v[i];
        if (c == ':' && !colon) {
            colon = i;
            continue;
        }
        int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 (!colon && (c == '.' || c == '-'));
        if (!ok)
            return 0;
    }
    return !colon || (n - colon - 1 >= 1 && n - colon - 1 <= 5);
}

static int valid_url(const char *v)
{
    if (strncmp(v, "https://", 8) != 0 && strncmp(v, "http://", 7) != 0)
        return 0;
    if (strlen(v) < 9 || strchr(v, '#'))
        return 0;
    for (const char *p = v; *p; p++)
        if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f)
            return 0;
    return 1;
}

/* Plain decimal without sign, leading zeros or overflow, within [lo, hi]. */
static int parse_uint(const char *v, uint64_t lo, uint64_t hi, uint64_t *out)
{
    uint64_t x = 0;
    size_t n = strlen(v);
    if (n == 0 || n > 19 || (n > 1 && v[0] == '0'))
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i] < '0' || v[i] > '9')
            return 0;
        x = x * 10 + (uint64_t)(v[i] - '0');
    }
    if (x < lo || x > hi)
        return 0;
    *out = x;
    return 1;
}

static int set_string(char *dst, size_t cap, const char *v, int (*valid)(const char *))
{
    if (strlen(v) >= cap || !valid(v))
        return 0;
    memcpy(dst, v, strlen(v) + 1);
    return 1;
}

static int set_long(long *dst, const char *v, uint64_t lo, uint64_t hi)
{
    uint64_t x;
    if (!parse_uint(v, lo, hi, &x))
        return 0;
    *dst = (long)x;
    return 1;
}

static int apply_key(struct w3_config *cfg, int k, const char *v)
{
    switch (k) {
    case K_HOST: return set_string(cfg->host, sizeof cfg->host, v, valid_host);
    case K_MACHINE: return set_string(cfg->machine, sizeof cfg->machine, v, valid_host);
    case K_URL: return set_string(cfg->signing_url, sizeof cfg->signing_url, v, valid_url);
    case K_CHAIN: return parse_uint(v, 1, (1ULL << 53) - 1, &cfg->chain_id);
    case K_TTL: return set_long(&cfg->ttl_seconds, v, 1, 86400);
    }
    return 0;
}

static int find_key(const char *name)
{
    for (int k = 0; k < K_COUNT; k++)
        if (strcmp(name, KEY_NAMES[k]) == 0)
            return k;
    return -1;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
        *--e = '\0';
    return s;
}

/* One line, NUL-terminated, without its newline. */
static int parse_line(struct w3_config *cfg, char *line, int lineno, char *err, size_t errlen)
{
    char *s = trim(line);
    if (*s == '\0' || *s == '#')
        return 0;
    char *eq = strchr(s, '=');
    if (!eq)
        return fail(err, errlen, "line %d: expected key = value", lineno);
    *eq = '\0';
    char *key = trim(s), *val = trim(eq + 1);
    int k = find_key(key);
    for (size_t r = 0; k < 0 && r < sizeof REMOVED_KEYS / sizeof *REMOVED_KEYS; r++)
        if (strcmp(key, REMOVED_KEYS[r]) == 0)
            return fail(err, errlen, "line %d: %s was removed: pam_web3 has no lockout, "
                        "use sshd's MaxStartups and PerSourcePenalties", lineno, key);
    if (k < 0)
        return fail(err, errlen, "line %d: unknown key", lineno);
    if (cfg->seen & (1u << k))
        return fail(err, errlen, "line %d: duplicate key %s", lineno, KEY_NAMES[k]);
    if (!apply_key(cfg, k, val))
        return fail(err, errlen, "line %d: bad value for %s", lineno, KEY_NAMES[k]);
    cfg->seen |= 1u << k;
    return 0;
}

static void set_defaults(struct w3_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->ttl_seconds = 300;
}

static int finish(struct w3_config *cfg, char *err, size_t errlen)
{
    for (int k = 0; k < K_COUNT; k++)
        if ((REQUIRED_KEYS & (1u << k)) && !(cfg->seen & (1u << k)))
            return fail(err, errlen, "missing required key %s", KEY_NAMES[k]);
    if (cfg->machine[0] == '\0') {
        if (gethostname(cfg->machine, sizeof cfg->machine - 1) != 0 || !valid_host(cfg->machine))
            return fail(err, errlen, "no usable machine name");
    }
    return 0;
}

int config_parse(const char *buf, size_t len, struct w3_config *cfg, char *err, size_t errlen)
{
    char line[W3_MAX_LINE + 1];
    set_defaults(cfg);
    if (len > W3_MAX_CONFIG_BYTES)
        return fail(err, errlen, "configuration too large");
    for (size_t pos = 0, lineno = 1; pos < len; lineno++) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - (buf + pos)) : len - pos;
        if (n > W3_MAX_LINE || memchr(buf + pos, '\0', n))
            return fail(err, errlen, "line %zu: too long or contains NUL", lineno);
        memcpy(line, buf + pos, n);
        line[n] = '\0';
        if (parse_line(cfg, line, (int)lineno, err, errlen) != 0)
            return -1;
        pos += n + 1;
    }
    return finish(cfg, err, errlen);
}

static int check_file(int fd, char *err, size_t errlen, off_t *size)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return fail(err, errlen, "configuration is not a regular file");
    if (st.st_uid != 0 && st.st_uid != geteuid())
        return fail(err, errlen, "configuration has an untrusted owner");
    if (st.st_mode & (S_IWGRP | S_IWOTH))
        return fail(err, errlen, "configuration is writable by group or others");
    if (st.st_size > W3_MAX_CONFIG_BYTES)
        return fail(err, errlen, "configuration too large");
    *size = st.st_size;
    return 0;
}

static int read_all(int fd, char *buf, size_t size, size_t *got)
{
    *got = 0;
    while (*got < size) {
        ssize_t r = read(fd, buf + *got, size - *got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        *got += (size_t)r;
    }
    return 0;
}

int config_load(const char *path, struct w3_config *cfg, char *err, size_t errlen)
{
    off_t size = 0;
    size_t got = 0;
    set_defaults(cfg);
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return fail(err, errlen, "cannot open configuration: %s", strerror(errno));
    char *buf = NULL;
    int rc = check_file(fd, err, errlen, &size);
    if (rc == 0 && (buf = malloc((size_t)size + 1)) == NULL)
        rc = fail(err, errlen, "out of memory");
    if (rc == 0)
        read_all(fd, buf, (size_t)size, &got);
    close(fd);
    if (rc == 0 && got != (size_t)size)
        rc = fail(err, errlen, "short read on configuration");
    if (rc == 0)
        rc = config_parse(buf, got, cfg, err, errlen);
    free(buf);
    return rc;
}
