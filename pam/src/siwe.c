#include "siwe.h"

#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <errno.h>

#include "taproot.h"

static const char ALNUM[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

static int fill_random(uint8_t *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = getrandom(buf + got, n - got, 0);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        got += (size_t)r;
    }
    return 0;
}

int siwe_nonce(char out[SIWE_NONCE_LEN + 1])
{
    uint8_t pool[64];
    size_t produced = 0;
    while (produced < SIWE_NONCE_LEN) {
        if (fill_random(pool, sizeof pool) != 0) {
            explicit_bzero(pool, sizeof pool);
            return -1;
        }
        /* Rejection sampling: 248 = 4 * 62, so accepted bytes are uniform. */
        for (size_t i = 0; i < sizeof pool && produced < SIWE_NONCE_LEN; i++)
            if (pool[i] < 248)
                out[produced++] = ALNUM[pool[i] % 62];
    }
    out[SIWE_NONCE_LEN] = '\0';
    explicit_bzero(pool, sizeof pool);
    return 0;
}

int siwe_time(time_t t, char out[32])
{
    struct tm tm;
    if (!gmtime_r(&t, &tm) || tm.tm_year + 1900 < 1970 || tm.tm_year + 1900 > 9999)
        return -1;
    return strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 20 ? 0 : -1;
}

/* Letters, digits, '.', '-', optional ":port" (same rule as the config). */
static int is_authority(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > 253 || s[0] == '.' || s[0] == '-' || s[0] == ':')
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '-' || c == ':'))
            return 0;
    }
    return s[n - 1] != ':';
}

/* Portable user names: letters, digits, ".", "-", "_"; no leading "-". */
static int is_user(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n == 0 || n > 64 || s[0] == '-')
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '-' || c == '_'))
            return 0;
    }
    return 1;
}

static int is_eip55_text(const char *s)
{
    if (!s || strlen(s) != 42 || s[0] != '0' || s[1] != 'x')
        return 0;
    for (int i = 2; i < 42; i++)
        if (!strchr("0123456789abcdefABCDEF", s[i]))
            return 0;
    return 1;
}

static int is_nonce(const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n < 8 || n > 64)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!strchr(ALNUM, s[i]))
            return 0;
    return 1;
}

static int is_taproot_text(const char *s)
{
    struct taproot_addr t;
    return s && taproot_parse(s, strlen(s), &t) == 0;
}

static int valid_fields(const struct siwe_fields *f)
{
    int address_ok = f->bitcoin ? is_taproot_text(f->address) : is_eip55_text(f->address);
    return is_authority(f->domain) && address_ok && is_user(f->user) &&
           is_authority(f->machine) && is_nonce(f->nonce) && f->chain_id >= 1 &&
           f->chain_id < (1ULL << 53) && f->expires_at > f->issued_at;
}

int siwe_build(const struct siwe_fields *f, char *out, size_t cap)
{
    char issued[32], expires[32], chain[48] = "";
    if (!valid_fields(f) || siwe_time(f->issued_at, issued) || siwe_time(f->expires_at, expires))
        return -1;
    if (!f->bitcoin)
        snprintf(chain, sizeof chain, "Chain ID: %llu\n", (unsigned long long)f->chain_id);
    int n = snprintf(out, cap,
                     "%s wants you to sign in with your %s account:\n"
                     "%s\n\n"
                     "Log in to %s@%s over SSH.\n\n"
                     "URI: ssh://%s\n"
                     "Version: 1\n"
                     "%s"
                     "Nonce: %s\n"
                     "Issued At: %s\n"
                     "Expiration Time: %s",
                     f->domain, f->bitcoin ? "Bitcoin" : "Ethereum", f->address, f->user,
                     f->machine, f->domain, chain, f->nonce, issued, expires);
    if (n < 0 || (size_t)n >= cap)
        return -1;
    return n;
}

static int unreserved(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '.' || c == '_' || c == '~';
}

/* The base URL was validated by the config parser; re-check it stays printable. */
static int printable(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s <= 0x20 || (unsigned char)*s >= 0x7f)
            return 0;
    return 1;
}

int siwe_link(const char *base, const char *msg, char *out, size_t cap)
{
    static const char hexd[] = "0123456789ABCDEF";
    if (!printable(base))
        return -1;
    int n = snprintf(out, cap, "%s%cmessage=", base, strchr(base, '?') ? '&' : '?');
    if (n < 0 || (size_t)n >= cap)
        return -1;
    size_t pos = (size_t)n;
    for (const unsigned char *p = (const unsigned char *)msg; *p; p++) {
        if (pos + 4 > cap)
            return -1;
        if (unreserved(*p)) {
            out[pos++] = (char)*p;
            continue;
        }
        out[pos++] = '%';
        out[pos++] = hexd[*p >> 4];
        out[pos++] = hexd[*p & 15];
    }
    out[pos] = '\0';
    return (int)pos;
}
