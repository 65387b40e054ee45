/*
 * OPNet scheme building blocks: SHA-256 (NIST examples), BIP-340 verification
 * (shared/vectors/bip340), bech32m Taproot addresses, and logins signed by the
 * official SDK (tests/vectors/opnet-sdk-login.json, written by
 * tests/opnet-sdk/login-vector.mjs).
 */
#include <secp256k1.h>
#include <secp256k1_extrakeys.h>
#include <secp256k1_schnorrsig.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/eth.h"
#include "../src/hex.h"
#include "../src/opnet.h"
#include "../src/sha256.h"
#include "../src/taproot.h"
#include "../src/wallet.h"
#include "harness.h"

#define SDK_VECTORS "tests/vectors/opnet-sdk-login.json"

static const char *vdir;

static int hex_is(const uint8_t *b, size_t n, const char *want)
{
    char h[260];
    hex_encode(b, n, h);
    return strcasecmp(h, want) == 0;
}

static void t_sha256_nist(void)
{
    static const char *in[] = {"abc", "", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"};
    static const char *want[] = {
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"};
    uint8_t out[32], a[1000];
    for (int i = 0; i < 3; i++) {
        sha256((const uint8_t *)in[i], strlen(in[i]), out);
        CHECK(hex_is(out, 32, want[i]));
    }
    memset(a, 'a', sizeof a); /* one million 'a', fed in uneven pieces */
    struct sha256_ctx c;
    sha256_init(&c);
    for (size_t done = 0, step = 1; done < 1000000; done += step, step = step % 997 + 1)
        sha256_update(&c, a, done + step > 1000000 ? 1000000 - done : step);
    sha256_final(&c, out);
    CHECK(hex_is(out, 32, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
}

static char *slurp_path(const char *path)
{
    FILE *f = fopen(path, "re");
    if (!f)
        return NULL;
    char *buf = calloc(1, 1 << 20);
    size_t n = buf ? fread(buf, 1, (1 << 20) - 1, f) : 0;
    fclose(f);
    if (buf)
        buf[n] = '\0';
    return buf;
}

/* Split one CSV line (no quoting in the file) into at most max fields. */
static int split(char *line, char **field, int max)
{
    int n = 0;
    for (char *p = line; n < max; n++) {
        field[n] = p;
        p = strchr(p, ',');
        if (!p)
            return n + 1;
        *p++ = '\0';
    }
    return n;
}

/* Every row: verification as expected; rows with a key: libsecp256k1 signs the same bytes. */
static void bip340_row(char **f)
{
    uint8_t pub[32], msg[128], sig[64], key[32], aux[32], mine[64];
    size_t mlen = strlen(f[4]) / 2;
    int expect = strcmp(f[6], "TRUE") == 0;
    CHECK(hex_decode(f[2], pub, 32) == 0 && mlen <= sizeof msg && hex_decode(f[4], msg, mlen) == 0 &&
          hex_decode(f[5], sig, 64) == 0);
    CHECK(bip340_verify(pub, msg, mlen, sig) == expect);
    if (f[1][0] == '\0')
        return;
    secp256k1_context *ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    secp256k1_keypair kp;
    secp256k1_schnorrsig_extraparams ep = SECP256K1_SCHNORRSIG_EXTRAPARAMS_INIT;
    ep.ndata = aux;
    CHECK(hex_decode(f[1], key, 32) == 0 && hex_decode(f[3], aux, 32) == 0);
    CHECK(secp256k1_keypair_create(ctx, &kp, key) &&
          secp256k1_schnorrsig_sign_custom(ctx, mine, msg, mlen, &kp, &ep) && memcmp(mine, sig, 64) == 0);
    secp256k1_context_destroy(ctx);
}

static void t_bip340_vectors(void)
{
    char path[1024], *f[8];
    snprintf(path, sizeof path, "%s/bip340/test-vectors.csv", vdir);
    char *csv = slurp_path(path), *save = NULL;
    int rows = 0, valid = 0;
    CHECK(csv != NULL);
    for (char *line = csv ? strtok_r(csv, "\r\n", &save) : NULL; line; line = strtok_r(NULL, "\r\n", &save)) {
        if (strncmp(line, "index,", 6) == 0 || split(line, f, 8) < 7)
            continue;
        bip340_row(f);
        rows++;
        valid += strcmp(f[6], "TRUE") == 0;
    }
    CHECK(rows == 19 && valid == 9);
    free(csv);
}

/* BIP-350's Taproot example (program = x of G), case rules, every one-character change refused. */
static void t_taproot_addresses(void)
{
    static const char good[] = "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0";
    struct taproot_addr t;
    char text[TAPROOT_TEXT], up[sizeof good], bad[sizeof good];
    CHECK(taproot_parse(good, strlen(good), &t) == 0 && strcmp(t.hrp, "bc") == 0 &&
          hex_is(t.key, 32, "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"));
    CHECK(taproot_format(&t, text) == (int)strlen(good) && strcmp(text, good) == 0);
    for (size_t i = 0; i < sizeof good; i++)
        up[i] = (char)(good[i] >= 'a' && good[i] <= 'z' ? good[i] - 32 : good[i]);
    CHECK(taproot_parse(up, strlen(up), &t) == 0);
    up[5] = (char)(up[5] + 32); /* mixed case */
    CHECK(taproot_parse(up, strlen(up), &t) != 0);
    int refused = 0;
    for (size_t i = 0; i < strlen(good); i++) {
        memcpy(bad, good, sizeof good);
        bad[i] = bad[i] == 'q' ? 'p' : 'q';
        refused += taproot_parse(bad, strlen(bad), &t) != 0;
    }
    CHECK(refused == (int)strlen(good));
    const char *others[] = {
        "", "bc1", good + 1, "bc1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
        "ltc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", /* v0 P2WPKH */
        "0x14791697260e4c9a71f18484c9f997b308e59325"};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        CHECK(taproot_parse(others[i], strlen(others[i]), &t) != 0);
    struct wallet_id w;
    CHECK(wallet_parse(good, strlen(good), &w) == 0 && w.scheme == WALLET_OPNET);
    CHECK(wallet_parse(others[6], strlen(others[6]), &w) == 0 && w.scheme == WALLET_EVM);
}

static int json_field(const char *from, const char *key, char *out, size_t cap)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\"%s\": \"", key);
    const char *k = strstr(from, pat);
    if (!k)
        return 0;
    k += strlen(pat);
    size_t n = 0;
    for (; *k && *k != '"' && n + 1 < cap; k++) {
        if (k[0] == '\\' && k[1] == 'n')
            out[n++] = '\n', k++;
        else
            out[n++] = *k;
    }
    out[n] = '\0';
    return *k == '"';
}

struct sdk_vector {
    char p2tr[80], pub[80], tweaked[80], message[1024], sha[80], sig_internal[140], sig_tweaked[140];
};

static int read_vector(const char *p, struct sdk_vector *v)
{
    return json_field(p, "p2tr", v->p2tr, sizeof v->p2tr) &&
           json_field(p, "publicKey", v->pub, sizeof v->pub) &&
           json_field(p, "tweakedKey", v->tweaked, sizeof v->tweaked) &&
           json_field(p, "message", v->message, sizeof v->message) &&
           json_field(p, "sha256", v->sha, sizeof v->sha) &&
           json_field(p, "signatureInternal", v->sig_internal, sizeof v->sig_internal) &&
           json_field(p, "signatureTweaked", v->sig_tweaked, sizeof v->sig_tweaked);
}

static int verify_text(const char *answer, const char *message, const uint8_t q[32])
{
    struct opnet_sig s;
    uint8_t d[32];
    int rc = opnet_sig_parse(answer, strlen(answer), &s);
    sha256((const uint8_t *)message, strlen(message), d);
    return rc == SIG_OK ? opnet_verify(d, &s, q) : rc;
}

/* One SDK wallet: address -> tweaked key, both signature forms, refusals. */
static void check_sdk_vector(const struct sdk_vector *v, const uint8_t other_q[32])
{
    struct taproot_addr t;
    uint8_t d[32], p[32], q[32];
    char with_key[300];
    CHECK(taproot_parse(v->p2tr, strlen(v->p2tr), &t) == 0 && hex_is(t.key, 32, v->tweaked));
    CHECK(hex_decode(v->pub + 2, p, 32) == 0 && opnet_output_key(p, q) == 0 && hex_is(q, 32, v->tweaked));
    sha256((const uint8_t *)v->message, strlen(v->message), d);
    CHECK(hex_is(d, 32, v->sha) && strstr(v->message, v->p2tr) != NULL);
    CHECK(verify_text(v->sig_tweaked, v->message, t.key) == SIG_OK);
    CHECK(verify_text(v->sig_internal, v->message, t.key) == SIG_INVALID); /* P not named */
    snprintf(with_key, sizeof with_key, "%s:%s", v->pub, v->sig_internal);
    CHECK(verify_text(with_key, v->message, t.key) == SIG_OK);
    snprintf(with_key, sizeof with_key, " schnorr:%s:%s\n", v->pub + 2, v->sig_internal);
    CHECK(verify_text(with_key, v->message, t.key) == SIG_OK); /* x-only P */
    snprintf(with_key, sizeof with_key, "%s:%s", v->pub, v->sig_tweaked);
    CHECK(verify_text(with_key, v->message, t.key) == SIG_OK);
    /* the signing page's text for OP_WALLET (engine-opnet-bundle/web/src/op-wallet.js), either key signing */
    snprintf(with_key, sizeof with_key, "schnorr:%s:%s", v->pub, v->sig_internal);
    CHECK(verify_text(with_key, v->message, t.key) == SIG_OK);
    snprintf(with_key, sizeof with_key, "schnorr:%s:%s", v->pub, v->sig_tweaked);
    CHECK(verify_text(with_key, v->message, t.key) == SIG_OK);
    CHECK(verify_text(v->sig_tweaked, "vm1.test wants you", t.key) == SIG_INVALID);
    CHECK(verify_text(v->sig_tweaked, v->message, other_q) == SIG_INVALID);
    snprintf(with_key, sizeof with_key, "%s:%s", v->pub, v->sig_internal);
    CHECK(verify_text(with_key, v->message, other_q) == SIG_INVALID); /* P not linked to Q */
}

static void t_sdk_login_vectors(void)
{
    char *json = slurp_path(SDK_VECTORS);
    struct sdk_vector v[4];
    int n = 0;
    CHECK(json != NULL);
    for (const char *p = json ? strstr(json, "\"network\"") : NULL; p && n < 4;
         p = strstr(p + 1, "\"network\""))
        CHECK(read_vector(p, &v[n++]));
    CHECK(n == 4);
    for (int i = 0; i < n; i++) {
        struct taproot_addr other;
        CHECK(taproot_parse(v[(i + 1) % n].p2tr, strlen(v[(i + 1) % n].p2tr), &other) == 0);
        check_sdk_vector(&v[i], other.key);
    }
    free(json);
}

static void t_opnet_sig_parser(void)
{
    static const char sig[] = "e907831f80848d1069a5371b402410364bdf1c5f8307b0084c55f1ce2dca821525f66a4a85ea8b71e482a74f382d2ce5ebeee8fdb2172f477df4900d310536c0";
    static const char key33[] = "02f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9";
    char buf[400];
    struct opnet_sig s;
    CHECK(opnet_sig_parse(sig, strlen(sig), &s) == SIG_OK && !s.has_key);
    snprintf(buf, sizeof buf, "  0x%s\n", sig);
    CHECK(opnet_sig_parse(buf, strlen(buf), &s) == SIG_OK);
    snprintf(buf, sizeof buf, "%s:%s", key33, sig);
    CHECK(opnet_sig_parse(buf, strlen(buf), &s) == SIG_OK && s.has_key && s.key_len == 33);
    struct { const char *fmt; int err; } bad[] = {
        {"%.127s", SIG_BAD_LENGTH}, {"%s00", SIG_BAD_LENGTH}, {"", SIG_BAD_LENGTH},
        {"schnorr:%s", SIG_BAD_LENGTH}, {"04f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9:%s", SIG_BAD_KEY},
        {"f9308a:%s", SIG_BAD_LENGTH}, {"zz%.126s", SIG_BAD_HEX}, {"%.64s g%.63s", SIG_BAD_LENGTH},
        {"02f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9:%s:", SIG_BAD_LENGTH},
        {"::%s", SIG_BAD_LENGTH}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(buf, sizeof buf, bad[i].fmt, sig, sig + 64);
        CHECK(opnet_sig_parse(buf, strlen(buf), &s) == bad[i].err && !s.has_key && s.sig[0] == 0);
    }
    uint8_t q[32], d[32] = {0};
    memset(q, 0xff, 32); /* not an x coordinate */
    CHECK(opnet_sig_parse(sig, strlen(sig), &s) == SIG_OK && opnet_verify(d, &s, q) == SIG_BAD_KEY);
}

void opnet_tests(const char *vectors_dir)
{
    vdir = vectors_dir;
    run_case("sha256_nist_examples", t_sha256_nist);
    run_case("bip340_vectors_19", t_bip340_vectors);
    run_case("taproot_bech32m_addresses", t_taproot_addresses);
    run_case("opnet_signature_parser", t_opnet_sig_parser);
    run_case("opnet_sdk_signed_logins", t_sdk_login_vectors);
}
