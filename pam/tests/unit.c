/*
 * Unit tests. Usage: unit-tests TEST_MODULE.so MODULE.so VECTORS_DIR WORK_DIR
 * (TEST_MODULE.so is the -DPAM_WEB3_TESTING build, MODULE.so the production one)
 * Prints one PASS/FAIL/SKIP line per case; exit status 1 if any failed.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"

int t_failed_checks;
static int passed, failed;

void run_case(const char *name, test_fn fn)
{
    int before = t_failed_checks;
    fn();
    if (t_failed_checks == before) {
        passed++;
        printf("PASS: unit/%s\n", name);
    } else {
        failed++;
        printf("FAIL: unit/%s\n", name);
    }
    fflush(stdout);
}

void skip_case(const char *name, const char *why)
{
    printf("SKIP: unit/%s (%s)\n", name, why);
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: %s TEST_MODULE.so MODULE.so VECTORS_DIR WORK_DIR\n", argv[0]);
        return 2;
    }
    vector_tests(argv[3]);
    opnet_tests(argv[3]);
    module_tests(argv[1], argv[2], argv[4]);
    fprintf(stderr, "unit: %d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
