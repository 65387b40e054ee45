/*
 * libFuzzer harness: both signature parsers (Ethereum: recovery over a fixed
 * digest; OPNet: BIP-340 check against a fixed output key) and the wallet
 * address parser (Ethereum and Taproot forms), on the same input.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/eth.h"
#include "../src/opnet.h"
#include "../src/wallet.h"

static void evm(const uint8_t *data, size_t size, const uint8_t digest[32])
{
    struct eth_sig sig;
    uint8_t addr[ETH_ADDR_LEN];
    int rc = eth_sig_parse((const char *)data, size, &sig);
    if (rc == SIG_OK) {
        if (sig.recid != 0 && sig.recid != 1)
            abort();
        if (sig.rs[32] > 0x7f) /* high-S must never get through */
            abort();
        (void)eth_recover(digest, &sig, addr);
    }
}

static void opnet(const uint8_t *data, size_t size, const uint8_t digest[32])
{
    /* BIP-341's NUMS point H: a valid x-only key with no known discrete logarithm */
    static const uint8_t q[32] = {0x50, 0x92, 0x9b, 0x74, 0xc1, 0xa0, 0x49, 0x54, 0xb7, 0x8b, 0x4b,
                                  0x60, 0x35, 0xe9, 0x7a, 0x5e, 0x07, 0x8a, 0x5a, 0x0f, 0x28, 0xec,
                                  0x96, 0xd5, 0x47, 0xbf, 0xee, 0x9a, 0xce, 0x80, 0x3a, 0xc0};
    struct opnet_sig sig;
    int rc = opnet_sig_parse((const char *)data, size, &sig);
    if (rc != SIG_OK && (sig.has_key || sig.sig[0] || sig.key_len))
        abort(); /* nothing kept from a refused answer */
    if (rc == SIG_OK && sig.has_key && sig.key_len != 32 && sig.key_len != 33)
        abort();
    if (rc == SIG_OK && opnet_verify(digest, &sig, q) == SIG_OK)
        abort(); /* a forgery */
}

static void address(const uint8_t *data, size_t size)
{
    struct wallet_id w, again;
    char text[WALLET_TEXT];
    if (wallet_parse((const char *)data, size, &w) != 0)
        return;
    /* an accepted address prints and parses back to itself */
    if (wallet_text(&w, text) != 0 || wallet_parse(text, strlen(text), &again) != 0 ||
        !wallet_equal(&w, &again))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint8_t digest[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    evm(data, size, digest);
    opnet(data, size, digest);
    address(data, size);
    return 0;
}
