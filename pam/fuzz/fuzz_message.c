/*
 * libFuzzer harness: message builder and link encoder with fuzzed fields.
 * Input is split on NUL into domain, user, machine, nonce, signing URL.
 * An accepted message must keep its line structure (no injected lines). The
 * top bit of the chain id selects the OPNet (Bitcoin, Taproot address) form.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/siwe.h"

static int count_lines(const char *s)
{
    int n = 1;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char buf[1024], *part[5] = {"", "", "", "", ""};
    static char msg[SIWE_MAX_MESSAGE], link[SIWE_MAX_LINK];
    if (size < 16 || size >= sizeof buf)
        return 0;
    memcpy(buf, data + 16, size - 16);
    buf[size - 16] = '\0';
    char *p = buf, *end = buf + (size - 16);
    for (int i = 0; i < 5 && p <= end; i++, p += strlen(p) + 1)
        part[i] = p;
    uint64_t chain;
    int64_t issued;
    memcpy(&chain, data, 8);
    memcpy(&issued, data + 8, 8);
    int btc = (int)(chain >> 63);
    chain &= ~(1ULL << 63);
    struct siwe_fields f = {.domain = part[0], .user = part[1], .machine = part[2],
                            .nonce = part[3], .bitcoin = btc,
                            .address = btc ? "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"
                                           : "0x14791697260E4c9A71f18484C9f997B308e59325",
                            .chain_id = chain, .issued_at = (time_t)(issued % 400000000000LL),
                            .expires_at = (time_t)(issued % 400000000000LL) + 300};
    int n = siwe_build(&f, msg, sizeof msg);
    if (n >= 0 && (count_lines(msg) != 11 - btc || (size_t)n != strlen(msg)))
        abort();
    if (n >= 0 && siwe_link(part[4][0] ? part[4] : "https://x/s", msg, link, sizeof link) >= 0 &&
        strchr(link, '\n'))
        abort();
    return 0;
}
