/*
 * Tests of the crypto building blocks against the third-party vectors in
 * shared/vectors, plus parser edge cases that need no PAM stack.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/config.h"
#include "../src/eth.h"
#include "../src/gecos.h"
#include "../src/hex.h"
#include "../src/keccak.h"
#include "../src/siwe.h"
#include "../tools/signer.h"
#include "harness.h"

static const char *vdir;
static char *json; /* current vector file */

static char *slurp(const char *rel)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", vdir, rel);
    FILE *f = fopen(path, "re");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf)
        buf[n] = '\0';
    fclose(f);
    return buf;
}

/*
 * Tiny scanner for the flat vector files: find the next "key": "value" at or
 * after *pos (before limit), copy value, advance *pos. The values we read
 * contain no escapes.
 */
static int next_value(const char **pos, const char *limit, const char *key, char *out, size_t cap)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\"", key);
    const char *k = strstr(*pos, pat);
    if (!k || (limit && k >= limit))
        return 0;
    const char *q = strchr(k + strlen(pat), '"');
    const char *e = q ? strchr(q + 1, '"') : NULL;
    if (!e || (size_t)(e - q - 1) >= cap)
        return 0;
    memcpy(out, q + 1, (size_t)(e - q - 1));
    out[e - q - 1] = '\0';
    *pos = e + 1;
    return 1;
}

/* "0x..." hex text to bytes; returns length or -1. */
static long from_hex(const char *s, uint8_t *out, size_t cap)
{
    size_t n = strlen(s);
    if (n < 2 || n % 2 || (n - 2) / 2 > cap || hex_decode(s + 2, out, (n - 2) / 2) != 0)
        return -1;
    return (long)(n - 2) / 2;
}

static int hex_equals(const uint8_t *b, size_t n, const char *text)
{
    char h[300];
    hex_encode(b, n, h);
    return strlen(text) == 2 + 2 * n && strcasecmp(h, text + 2) == 0;
}

static void t_keccak_vectors(void)
{
    static char data[8192], want[80];
    static uint8_t buf[4096], out[32];
    int rows = 0;
    const char *p = json;
    CHECK(json != NULL);
    while (json && next_value(&p, NULL, "data", data, sizeof data) &&
           next_value(&p, NULL, "keccak256", want, sizeof want)) {
        long n = from_hex(data, buf, sizeof buf);
        CHECK(n >= 0);
        keccak256(buf, (size_t)n, out);
        CHECK(hex_equals(out, 32, want));
        rows++;
    }
    CHECK(rows == 257);
}

static void t_keccak_incremental(void)
{
    uint8_t data[1000], one[32], two[32];
    for (int i = 0; i < 1000; i++)
        data[i] = (uint8_t)(i * 7);
    keccak256(data, sizeof data, one);
    struct keccak_ctx c;
    keccak256_init(&c);
    for (size_t i = 0; i < sizeof data; i += 135)
        keccak256_update(&c, data + i, sizeof data - i < 135 ? sizeof data - i : 135);
    keccak256_final(&c, two);
    CHECK(memcmp(one, two, 32) == 0);
}

static void check_v5_entry(const char *hexmsg, const char *addr, const char *mhash,
                           const char *pkey, const char *sigtext)
{
    uint8_t msg[512], digest[32], key[32], sig[65], rec[20], want[20];
    long n = from_hex(hexmsg, msg, sizeof msg);
    CHECK(n >= 0);
    eth_eip191_hash(msg, (size_t)n, digest);
    CHECK(hex_equals(digest, 32, mhash));
    struct eth_sig s;
    CHECK(eth_sig_parse(sigtext, strlen(sigtext), &s) == SIG_OK);
    CHECK(eth_recover(digest, &s, rec) == SIG_OK);
    CHECK(eth_addr_parse(addr, strlen(addr), want) == 0);
    CHECK(memcmp(rec, want, 20) == 0);
    CHECK(signer_parse_key(pkey, key) == 0);
    CHECK(signer_sign(key, msg, (size_t)n, sig) == 0);
    CHECK(hex_equals(sig, 65, sigtext)); /* RFC 6979: deterministic */
}

static void t_personal_sign_vectors(void)
{
    char m[600], a[64], h[80], k[80], s[140];
    const char *p = json, *v6 = json ? strstr(json, "ethers_v6_hashMessage") : NULL;
    int rows = 0;
    CHECK(v6 != NULL);
    while (v6 && next_value(&p, v6, "message_hex", m, sizeof m) && next_value(&p, v6, "address", a, sizeof a) &&
           next_value(&p, v6, "messageHash", h, sizeof h) && next_value(&p, v6, "privateKey", k, sizeof k) &&
           next_value(&p, v6, "signature", s, sizeof s)) {
        check_v5_entry(m, a, h, k, s);
        rows++;
    }
    CHECK(rows == 3);
    for (rows = 0; v6 && next_value(&v6, NULL, "message_hex", m, sizeof m) &&
                   next_value(&v6, NULL, "hash", h, sizeof h); rows++) {
        uint8_t msg[512], digest[32];
        long n = from_hex(m, msg, sizeof msg);
        eth_eip191_hash(msg, (size_t)(n < 0 ? 0 : n), digest);
        CHECK(n >= 0 && hex_equals(digest, 32, h));
    }
    CHECK(rows == 3);
}

/* Every 42-char "0x..." string between from and to. */
static int each_address(const char *from, const char *to, int valid)
{
    int count = 0;
    for (const char *q = strstr(from, "\"0x"); q && (!to || q < to); q = strstr(q + 1, "\"0x")) {
        const char *e = strchr(q + 1, '"');
        if (!e || e - q - 1 != 42)
            continue;
        uint8_t addr[20];
        char back[ETH_ADDR_TEXT];
        int rc = eth_addr_parse(q + 1, 42, addr);
        if (valid) {
            eth_eip55(addr, back);
            CHECK(rc == 0 && memcmp(back, q + 1, 42) == 0);
        } else {
            CHECK(rc != 0);
        }
        count++;
    }
    return count;
}

static void t_eip55_vectors(void)
{
    const char *bad = json ? strstr(json, "\"invalid_checksum\"") : NULL;
    CHECK(bad != NULL);
    if (!bad)
        return;
    const char *valid = strstr(json, "\"valid_checksummed\"");
    CHECK(valid != NULL && valid < bad); /* the file lists valid entries first */
    if (valid && valid < bad)
        CHECK(each_address(valid, bad, 1) == 8);
    CHECK(each_address(bad, NULL, 0) == 1);
}

static void t_account_vectors(void)
{
    char k[80], a[64], text[ETH_ADDR_TEXT];
    uint8_t key[32], addr[20];
    int rows = 0;
    const char *p = json;
    CHECK(json != NULL);
    while (json && next_value(&p, NULL, "privateKey", k, sizeof k) &&
           next_value(&p, NULL, "address", a, sizeof a)) {
        CHECK(signer_parse_key(k, key) == 0 && signer_address(key, addr) == 0);
        eth_eip55(addr, text);
        CHECK(strcmp(text, a) == 0);
        rows++;
    }
    CHECK(rows == 259);
}

static void with_file(const char *name, const char *rel, test_fn fn)
{
    json = slurp(rel);
    if (!json) {
        fprintf(stderr, "  cannot read %s/%s\n", vdir, rel);
    }
    run_case(name, fn);
    free(json);
    json = NULL;
}

void parser_tests(void);

void vector_tests(const char *vectors_dir)
{
    vdir = vectors_dir;
    with_file("keccak256_vectors_257", "ethers/hashes.json", t_keccak_vectors);
    run_case("keccak256_incremental", t_keccak_incremental);
    with_file("eip191_personal_sign_vectors", "ethers/personal_sign.json", t_personal_sign_vectors);
    with_file("eip55_spec_vectors", "eip55/eip55_spec.json", t_eip55_vectors);
    with_file("account_key_to_address_vectors", "ethers/accounts.json", t_account_vectors);
    parser_tests();
}
