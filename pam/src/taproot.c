/* bech32m (BIP-350) for witness v1 / 32-byte programs only, written from the BIPs. */
#include "taproot.h"

#include <string.h>

static const char CHARSET[] = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
static const char *const HRPS[] = {"bc", "tb", "bcrt", "opt"};
#define BECH32M_CONST 0x2bc830a3u
#define DATA_LEN 53 /* version + 52 five-bit groups (256 bits + 4 zero bits) */
#define CHECK_LEN 6

static uint32_t polymod_step(uint32_t chk, uint8_t v)
{
    static const uint32_t GEN[5] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    uint32_t top = chk >> 25;
    chk = (chk & 0x1ffffff) << 5 ^ v;
    for (int i = 0; i < 5; i++)
        if ((top >> i) & 1)
            chk ^= GEN[i];
    return chk;
}

/* Checksum state over the expanded prefix and the data values. */
static uint32_t polymod(const char *hrp, const uint8_t *values, size_t n)
{
    uint32_t chk = 1;
    size_t h = strlen(hrp);
    for (size_t i = 0; i < h; i++)
        chk = polymod_step(chk, (uint8_t)((unsigned char)hrp[i] >> 5));
    chk = polymod_step(chk, 0);
    for (size_t i = 0; i < h; i++)
        chk = polymod_step(chk, (uint8_t)(hrp[i] & 31));
    for (size_t i = 0; i < n; i++)
        chk = polymod_step(chk, values[i]);
    return chk;
}

static int known_hrp(const char *hrp)
{
    for (size_t i = 0; i < sizeof HRPS / sizeof HRPS[0]; i++)
        if (strcmp(hrp, HRPS[i]) == 0)
            return 1;
    return 0;
}

/* Lower-case copy; -1 on mixed case or a byte outside printable ASCII. */
static int lower_copy(const char *s, size_t len, char *out)
{
    int lower = 0, upper = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 33 || c > 126)
            return -1;
        lower |= c >= 'a' && c <= 'z';
        upper |= c >= 'A' && c <= 'Z';
        out[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    out[len] = '\0';
    return lower && upper ? -1 : 0;
}

/* 52 five-bit groups -> 32 bytes; the 4 padding bits must be zero. */
static int regroup(const uint8_t *v, uint8_t key[32])
{
    uint32_t acc = 0;
    int bits = 0;
    size_t o = 0;
    for (int i = 0; i < DATA_LEN - 1; i++) {
        acc = acc << 5 | v[i];
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            key[o++] = (uint8_t)(acc >> bits);
            acc &= (1u << bits) - 1;
        }
    }
    return o == 32 && bits == 4 && acc == 0 ? 0 : -1;
}

static int decode(const char *text, size_t len, struct taproot_addr *out)
{
    uint8_t v[DATA_LEN + CHECK_LEN];
    const char *sep = strrchr(text, '1');
    if (!sep || (size_t)(sep - text) > TAPROOT_HRP_MAX || len - (size_t)(sep - text) - 1 != sizeof v)
        return -1;
    memcpy(out->hrp, text, (size_t)(sep - text));
    out->hrp[sep - text] = '\0';
    if (!known_hrp(out->hrp))
        return -1;
    for (size_t i = 0; i < sizeof v; i++) {
        const char *p = strchr(CHARSET, sep[1 + i]);
        if (!p || sep[1 + i] == '\0')
            return -1;
        v[i] = (uint8_t)(p - CHARSET);
    }
    if (polymod(out->hrp, v, sizeof v) != BECH32M_CONST || v[0] != 1)
        return -1;
    return regroup(v + 1, out->key);
}

int taproot_parse(const char *s, size_t len, struct taproot_addr *out)
{
    char text[TAPROOT_TEXT];
    memset(out, 0, sizeof *out);
    if (!s || len >= sizeof text || lower_copy(s, len, text) != 0 || decode(text, len, out) != 0) {
        memset(out, 0, sizeof *out);
        return -1;
    }
    return 0;
}

int taproot_format(const struct taproot_addr *a, char out[TAPROOT_TEXT])
{
    uint8_t v[DATA_LEN + CHECK_LEN] = {1};
    uint32_t acc = 0;
    int bits = 0;
    size_t o = 1, h = strlen(a->hrp);
    if (!known_hrp(a->hrp))
        return -1;
    for (int i = 0; i < 32; i++) {
        acc = (acc << 8 | a->key[i]) & 0xfff;
        for (bits += 8; bits >= 5; bits -= 5)
            v[o++] = (uint8_t)((acc >> (bits - 5)) & 31);
    }
    v[o++] = (uint8_t)((acc << (5 - bits)) & 31);
    uint32_t chk = polymod(a->hrp, v, DATA_LEN + CHECK_LEN) ^ BECH32M_CONST;
    for (int i = 0; i < CHECK_LEN; i++)
        v[DATA_LEN + i] = (uint8_t)((chk >> (5 * (5 - i))) & 31);
    memcpy(out, a->hrp, h);
    out[h] = '1';
    for (size_t i = 0; i < sizeof v; i++)
        out[h + 1 + i] = CHARSET[v[i]];
    out[h + 1 + sizeof v] = '\0';
    return (int)(h + 1 + sizeof v);
}
