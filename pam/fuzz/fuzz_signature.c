/* libFuzzer harness: signature parser + recovery over a fixed digest. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/eth.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint8_t digest[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
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
    return 0;
}
