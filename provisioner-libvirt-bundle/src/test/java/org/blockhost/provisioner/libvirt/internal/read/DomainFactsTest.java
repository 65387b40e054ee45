package org.blockhost.provisioner.libvirt.internal.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class DomainFactsTest {
    static final String XML = "<domain type='qemu' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>"
            + "<name>blockhost-001</name><devices>"
            + "<disk type='file' device='disk'><source file='/v/blockhost-001.qcow2'/><target dev='vda' bus='virtio'/></disk>"
            + "<disk type='file' device='cdrom'><source file='/v/blockhost-001-seed.iso'/><target dev='sda'/></disk>"
            + "<interface type='network'><mac address='52:54:00:00:02:02'/><source network='default'/>"
            + "<target dev='vnet3'/></interface></devices>"
            + "<qemu:commandline><qemu:arg value='-netdev'/>"
            + "<qemu:arg value='user,id=bhfwd0,hostfwd=tcp:127.0.0.1:22001-:22'/></qemu:commandline></domain>";

    @Test
    void readsDisksNicsAndForward() {
        DomainFacts f = DomainFacts.parse(XML);
        assertEquals(List.of(new DomainFacts.Disk("/v/blockhost-001.qcow2", "vda"),
                new DomainFacts.Disk("/v/blockhost-001-seed.iso", "sda")), f.disks());
        assertEquals(List.of(new DomainFacts.Nic("52:54:00:00:02:02", "vnet3")), f.nics());
        assertEquals(OptionalInt.of(22001), f.loopbackSshPort());
    }

    @Test
    void noForwardWithoutCommandline() {
        DomainFacts f = DomainFacts.parse("<domain><devices/></domain>");
        assertTrue(f.disks().isEmpty());
        assertEquals(OptionalInt.empty(), f.loopbackSshPort());
    }

    @Test
    void failsClosedOnDtdsAndGarbage() {
        assertThrows(IllegalArgumentException.class, () -> DomainFacts.parse(
                "<?xml version='1.0'?><!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><domain>&x;</domain>"));
        assertThrows(IllegalArgumentException.class, () -> DomainFacts.parse("<domain>"));
        assertThrows(IllegalArgumentException.class, () -> DomainFacts.parse(""));
    }
}
