#include "eth.h"

#include "hex.h"
#include "keccak.h"

#include <secp256k1.h>
#include <secp256k1_recovery.h>
#include <stdio.h>
#include <string.h>

/* secp256k1 group order n and n/2 (big-endian). */
static const uint8_t CURVE_N[32] = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
    0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41};
static const uint8_t CURVE_HALF_N[32] = {
    0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0x5d, 0x57, 0x6e, 0x73, 0x57, 0xa4, 0x50, 0x1d, 0xdf, 0xe9, 0x2f, 0x46, 0x68, 0x1b, 0x20, 0xa0};

void eth_eip191_hash(const uint8_t *msg, size_t len, uint8_t out[32])
{
    char prefix[64];
    int n = snprintf(prefix, sizeof prefix, "\x19" "Ethereum Signed Message:\n%zu", len);
    struct keccak_ctx ctx;
    keccak256_init(&ctx);
    keccak256_update(&ctx, (const uint8_t *)prefix, (size_t)n);
    keccak256_update(&ctx, msg, len);
    keccak256_final(&ctx, out);
}

/* Big-endian compare of two 32-byte numbers: <0, 0, >0. Not secret data. */
static int cmp256(const uint8_t *a, const uint8_t *b)
{
    return memcmp(a, b, 32);
}

static int is_zero256(const uint8_t *a)
{
    uint8_t acc = 0;
    for (int i = 0; i < 32; i++)
        acc |= a[i];
    return acc == 0;
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Trim blanks and an optional 0x/0X; leaves [*p, *p + *len). */
void sig_trim(const char **p, size_t *len)
{
    while (*len > 0 && is_blank(**p)) {
        (*p)++;
        (*len)--;
    }
    while (*len > 0 && is_blank((*p)[*len - 1]))
        (*len)--;
    if (*len >= 2 && (*p)[0] == '0' && ((*p)[1] == 'x' || (*p)[1] == 'X')) {
        *p += 2;
        *len -= 2;
    }
}

static int sig_recid(uint8_t v)
{
    if (v == 0 || v == 1)
        return v;
    if (v == 27 || v == 28)
        return v - 27;
    return -1;
}

static int sig_ranges(const uint8_t *rs)
{
    if (is_zero256(rs) || cmp256(rs, CURVE_N) >= 0)
        return SIG_R_RANGE;
    if (is_zero256(rs + 32) || cmp256(rs + 32, CURVE_N) >= 0)
        return SIG_S_RANGE;
    if (cmp256(rs + 32, CURVE_HALF_N) > 0)
        return SIG_HIGH_S;
    return SIG_OK;
}

int eth_sig_parse(const char *text, size_t len, struct eth_sig *sig)
{
    uint8_t raw[65];
    memset(sig, 0, sizeof *sig);
    sig_trim(&text, &len);
    if (len != 130)
        return SIG_BAD_LENGTH;
    if (hex_decode(text, raw, sizeof raw) != 0)
        return SIG_BAD_HEX;
    int recid = sig_recid(raw[64]);
    int rc = recid < 0 ? SIG_BAD_V : sig_ranges(raw);
    if (rc == SIG_OK) {
        memcpy(sig->rs, raw, 64);
        sig->recid = recid;
    }
    explicit_bzero(raw, sizeof raw);
    return rc;
}

void eth_pubkey_address(const uint8_t pub[65], uint8_t addr[ETH_ADDR_LEN])
{
    uint8_t h[32];
    keccak256(pub + 1, 64, h);
    memcpy(addr, h + 12, ETH_ADDR_LEN);
}

int eth_recover(const uint8_t digest[32], const struct eth_sig *sig, uint8_t addr[ETH_ADDR_LEN])
{
    const secp256k1_context *ctx = secp256k1_context_static;
    secp256k1_ecdsa_recoverable_signature rsig;
    secp256k1_pubkey pk;
    uint8_t pub[65];
    size_t publen = sizeof pub;
    int ok = secp256k1_ecdsa_recoverable_signature_parse_compact(ctx, &rsig, sig->rs, sig->recid) &&
             secp256k1_ecdsa_recover(ctx, &pk, &rsig, digest) &&
             secp256k1_ec_pubkey_serialize(ctx, pub, &publen, &pk, SECP256K1_EC_UNCOMPRESSED);
    if (ok)
        eth_pubkey_address(pub, addr);
    explicit_bzero(&rsig, sizeof rsig);
    return ok ? SIG_OK : SIG_RECOVER;
}

void eth_eip55(const uint8_t addr[ETH_ADDR_LEN], char out[ETH_ADDR_TEXT])
{
    char lower[41];
    uint8_t h[32];
    hex_encode(addr, ETH_ADDR_LEN, lower);
    keccak256((const uint8_t *)lower, 40, h);
    out[0] = '0';
    out[1] = 'x';
    for (int i = 0; i < 40; i++) {
        int nibble = (i % 2 == 0) ? h[i / 2] >> 4 : h[i / 2] & 15;
        char c = lower[i];
        out[i + 2] = (c >= 'a' && nibble >= 8) ? (char)(c - 'a' + 'A') : c;
    }
    out[42] = '\0';
}

static int has_lower(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 'a' && s[i] <= 'f')
            return 1;
    return 0;
}

static int has_upper(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] >= 'A' && s[i] <= 'F')
            return 1;
    return 0;
}

int eth_addr_parse(const char *s, size_t len, uint8_t addr[ETH_ADDR_LEN])
{
    char canon[ETH_ADDR_TEXT];
    if (len != 42 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X'))
        return -1;
    if (hex_decode(s + 2, addr, ETH_ADDR_LEN) != 0)
        return -1;
    if (!(has_lower(s + 2, 40) && has_upper(s + 2, 40)))
        return 0;
    eth_eip55(addr, canon);
    if (memcmp(canon + 2, s + 2, 40) != 0) {
        memset(addr, 0, ETH_ADDR_LEN);
        return -1;
    }
    return 0;
}

int ct_equal(const uint8_t *a, const uint8_t *b, size_t n)
{
    volatile uint8_t acc = 0;
    for (size_t i = 0; i < n; i++)
        acc |= a[i] ^ b[i];
    return acc == 0;
}

const char *eth_sig_strerror(int err)
{
    switch (err) {
    case SIG_OK: return "ok";
    case SIG_BAD_LENGTH: return "bad length";
    case SIG_BAD_HEX: return "bad hex";
    case SIG_BAD_V: return "bad v";
    case SIG_R_RANGE: return "r out of range";
    case SIG_S_RANGE: return "s out of range";
    case SIG_HIGH_S: return "high s";
    case SIG_RECOVER: return "no recovery";
    case SIG_BAD_KEY: return "bad public key";
    case SIG_INVALID: return "signature does not verify";
    default: return "unknown";
    }
}
