#include "wallet.h"

#include "eth.h"

#include <string.h>

int wallet_parse(const char *s, size_t len, struct wallet_id *out)
{
    struct taproot_addr t;
    memset(out, 0, sizeof *out);
    if (s && len == 42 && eth_addr_parse(s, len, out->id) == 0) {
        out->scheme = WALLET_EVM;
        return 0;
    }
    memset(out, 0, sizeof *out);
    if (taproot_parse(s, len, &t) != 0)
        return -1;
    out->scheme = WALLET_OPNET;
    memcpy(out->id, t.key, sizeof t.key);
    memcpy(out->hrp, t.hrp, sizeof t.hrp);
    return 0;
}

int wallet_text(const struct wallet_id *w, char out[WALLET_TEXT])
{
    struct taproot_addr t;
    if (w->scheme == WALLET_EVM) {
        eth_eip55(w->id, out);
        return 0;
    }
    if (w->scheme != WALLET_OPNET)
        return -1;
    memcpy(t.hrp, w->hrp, sizeof t.hrp);
    memcpy(t.key, w->id, sizeof t.key);
    return taproot_format(&t, out) < 0 ? -1 : 0;
}

int wallet_equal(const struct wallet_id *a, const struct wallet_id *b)
{
    return (a->scheme == b->scheme) & ct_equal(a->id, b->id, sizeof a->id);
}
