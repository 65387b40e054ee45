#include "gecos.h"

#include <string.h>

#define WALLET_KEY "wallet="
#define NFT_KEY ",nft="

/* Decimal token id: 1..20 digits, no leading zeros (except "0"), no overflow. */
static int parse_token_id(const char *s, uint64_t *out)
{
    size_t n = strlen(s);
    uint64_t x = 0;
    if (n == 0 || n > 20 || (n > 1 && s[0] == '0'))
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        uint64_t d = (uint64_t)(s[i] - '0');
        if (x > (UINT64_MAX - d) / 10)
            return -1;
        x = x * 10 + d;
    }
    *out = x;
    return 0;
}

int gecos_parse(const char *gecos, struct gecos_wallet *out)
{
    memset(out, 0, sizeof *out);
    if (!gecos || strncmp(gecos, WALLET_KEY, strlen(WALLET_KEY)) != 0)
        return -1;
    const char *addr = gecos + strlen(WALLET_KEY);
    size_t addr_len = strcspn(addr, ",");
    if (wallet_parse(addr, addr_len, &out->wallet) != 0)
        return -1;
    const char *rest = addr + addr_len;
    if (*rest == '\0')
        return 0;
    if (strncmp(rest, NFT_KEY, strlen(NFT_KEY)) != 0 ||
        parse_token_id(rest + strlen(NFT_KEY), &out->nft) != 0) {
        memset(out, 0, sizeof *out);
        return -1;
    }
    out->has_nft = 1;
    return 0;
}
