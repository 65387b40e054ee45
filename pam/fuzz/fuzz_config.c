/* libFuzzer harness: configuration parser must never crash, and accepted configs are sane. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct w3_config cfg;
    char err[256];
    if (config_parse((const char *)data, size, &cfg, err, sizeof err) == 0) {
        if (cfg.host[0] == '\0' || cfg.signing_url[0] == '\0' || cfg.chain_id == 0 ||
            cfg.ttl_seconds < 1)
            abort();
    }
    return 0;
}
