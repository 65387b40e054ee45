package org.blockhost.provisioner.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class VmSpecTest {
    private static final PlanResources SMALL = new PlanResources(1, 512, 10);

    @Test
    void namesFollowSubscriptionIds() {
        assertEquals("blockhost-001", VmSpec.nameFor(1));
        assertEquals("blockhost-1234", VmSpec.nameFor(1234));
        assertThrows(IllegalArgumentException.class, () -> VmSpec.nameFor(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"blockhost-1", "vm-001", "blockhost-001;rm", "blockhost-001\n", "../blockhost-001"})
    void rejectsBadNames(String name) {
        assertThrows(IllegalArgumentException.class, () -> spec(name, "user"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Root", "a b", "x;y", "", "0user"})
    void rejectsBadGuestUsers(String user) {
        assertThrows(IllegalArgumentException.class, () -> spec("blockhost-001", user));
    }

    @Test
    void ownerGecosHasFixedShape() {
        assertEquals("wallet=0xAbC1,nft=7", new OwnerBinding("0xAbC1", 7).gecos());
        assertThrows(IllegalArgumentException.class, () -> new OwnerBinding("0xab,nft=9", 7));
    }

    @Test
    void capacityFits() {
        Capacity c = new Capacity(4, 3, 4096, 3584, 100, 90);
        assertEquals(true, c.fits(SMALL));
        assertEquals(false, c.fits(new PlanResources(2, 512, 10)));
    }

    private static VmSpec spec(String name, String user) {
        return new VmSpec(name, "0xabc", SMALL, "debian-12", user, "m1", NetworkAllocation.dynamic());
    }
}
