package org.blockhost.provisioner.libvirt.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the libvirt provisioner (PID {@code org.blockhost.provisioner.libvirt}). */
@ObjectClassDefinition(id = LibvirtConfig.PID, name = "BlockHost libvirt provisioner")
public @interface LibvirtConfig {
    String PID = "org.blockhost.provisioner.libvirt";

    @AttributeDefinition(description = "libvirt URI for the read-only connection (must match the root agent's)")
    String uri() default "qemu:///system";

    @AttributeDefinition(description = "directory of overlays and seed images (the root agent's vm-dir)")
    String vmDir() default "/var/lib/blockhost/vms";

    @AttributeDefinition(description = "directory of disk templates (the root agent's template-dir)")
    String templateDir() default "/var/lib/blockhost/templates";

    @AttributeDefinition(description = "network or bridge type", options = {
            @org.osgi.service.metatype.annotations.Option(value = "network"),
            @org.osgi.service.metatype.annotations.Option(value = "bridge")})
    String netType() default "network";

    @AttributeDefinition(description = "libvirt network or host bridge name; empty = no NIC")
    String network() default "default";

    @AttributeDefinition(description = "IPv4 pool CIDR for guest addresses (empty = addresses by DHCP)", required = false)
    String ipv4Pool() default "";

    @AttributeDefinition(description = "how VMs are reached: forward = single public address (the host forwards the"
            + " public port core allocates to each VM's ipv4Pool address, port 22; the NFT holds core's publicHost and"
            + " that port), pool = addresses from ipv4Pool (the NFT holds the VM's address), dhcp = the network's DHCP"
            + " (address unknown); empty = pool when ipv4Pool is set, else dhcp", required = false)
    String networkMode() default "";

    @AttributeDefinition(description = "allocation range inside ipv4Pool, first-last (empty = the whole pool)",
            required = false)
    String ipv4Range() default "";

    @AttributeDefinition(description = "the guests' IPv4 gateway inside ipv4Pool (empty = its first host)", required = false)
    String ipv4Gateway() default "";

    @AttributeDefinition(description = "the guests' DNS servers, 1 to 4 IPv4 addresses, comma-separated (empty = the gateway)",
            required = false)
    String ipv4Dns() default "";

    @AttributeDefinition(description = "IPv6 prefix (/48../112): each VM gets prefix + its number as a /128 with a host route (empty = no IPv6)", required = false)
    String ipv6Prefix() default "";

    @AttributeDefinition(description = "the host's uplink when the IPv6 prefix is on-link there, not routed to this host"
            + " (the root agent answers the provider's Neighbour Solicitations for each VM's /128 on it: proxy NDP);"
            + " empty = the prefix is routed to this host", required = false)
    String ipv6Uplink() default "";

    @AttributeDefinition(description = "first loopback port for QEMU user-net SSH forwards (0 = off; dev and tests)")
    int loopbackSshPortBase() default 0;

    @AttributeDefinition(description = "vCPU overcommit ratio")
    double cpuOvercommit() default 4.0;

    @AttributeDefinition(description = "memory overcommit ratio")
    double memoryOvercommit() default 1.0;

    @AttributeDefinition(description = "disk overcommit ratio (qcow2 overlays are thin)")
    double diskOvercommit() default 1.0;

    @AttributeDefinition(description = "host memory kept for the host itself (MiB)")
    int hostReservedMemoryMib() default 1024;

    @AttributeDefinition(description = "guest user created in every VM (must match the core's guestUser)")
    String guestUser() default "user";

    @AttributeDefinition(description = "QEMU virtualisation type: kvm, or qemu (TCG) where there is no KVM")
    String virtType() default "kvm";

    @AttributeDefinition(description = "the guest user may run sudo without a password (the tenant administers the VM)")
    boolean guestSudo() default true;

    @AttributeDefinition(description = "template built by 'blockhost template build' (<templateDir>/<name>.qcow2)")
    String templateName() default "debian-12";

    @AttributeDefinition(description = "extra Debian packages of that template", required = false)
    String[] templatePackages() default {};

    @AttributeDefinition(description = ".deb files in <templateDir>/packages/ installed into the template after "
            + "debootstrap (file names only, e.g. libpam-web3_0.1.0_amd64.deb)", required = false)
    String[] templateLocalPackages() default {};

    @AttributeDefinition(description = "pam_web3 in the guests: SIWE host (host[:port]); empty = not set", required = false)
    String loginHost() default "";

    @AttributeDefinition(description = "pam_web3 in the guests: chain id (0 = not set)", min = "0")
    long loginChainId() default 0;

    @AttributeDefinition(description = "pam_web3 in the guests: http(s) URL of the signing page; empty = not set",
            required = false)
    String signingUrl() default "";
}
