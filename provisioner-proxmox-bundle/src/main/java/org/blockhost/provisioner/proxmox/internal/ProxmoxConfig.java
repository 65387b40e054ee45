package org.blockhost.provisioner.proxmox.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the Proxmox VE provisioner (PID {@code org.blockhost.provisioner.proxmox}). */
@ObjectClassDefinition(id = ProxmoxConfig.PID, name = "BlockHost Proxmox VE provisioner")
public @interface ProxmoxConfig {
    String PID = "org.blockhost.provisioner.proxmox";

    @AttributeDefinition(description = "PVE API URL, https://host:8006 (any node of the cluster)")
    String apiUrl() default "";

    @AttributeDefinition(description = "API token id, user@realm!name (privilege separated, see the README)")
    String tokenId() default "";

    @AttributeDefinition(description = "file holding the token secret (root:blockhost 0640)")
    String tokenSecretFile() default "/etc/blockhost/keys/proxmox-token.key";

    @AttributeDefinition(description = "PEM file of the cluster CA (/etc/pve/pve-root-ca.pem); or set fingerprint", required = false)
    String caFile() default "";

    @AttributeDefinition(description = "SHA-256 fingerprint of the API server certificate (AB:CD:...); or set caFile", required = false)
    String fingerprint() default "";

    @AttributeDefinition(description = "nodes VMs may be placed on (empty = every online node)", required = false)
    String[] nodes() default {};

    @AttributeDefinition(description = "resource pool the token is limited to; new VMs are put into it")
    String pool() default "blockhost";

    @AttributeDefinition(description = "bridge of the VMs' network device")
    String bridge() default "vmbr0";

    @AttributeDefinition(description = "storage counted for disk capacity (and where imported templates go)")
    String storage() default "local-lvm";

    @AttributeDefinition(description = "storage with content 'import' the template image is uploaded to")
    String importStorage() default "local";

    @AttributeDefinition(description = "directory of the template images ('blockhost template build' output)")
    String templateImageDir() default "/var/lib/blockhost/templates";

    @AttributeDefinition(description = "templates are on shared storage: a node without its own copy clones from another node's")
    boolean sharedTemplate() default false;

    @AttributeDefinition(description = "VMID of blockhost-N is vmidBase + N", min = "100")
    int vmidBase() default 100000;

    @AttributeDefinition(description = "guest user created by cloud-init (must match the core's guestUser)")
    String guestUser() default "user";

    @AttributeDefinition(description = "disk of the template that holds the root file system (resized to the plan)")
    String disk() default "scsi0";

    @AttributeDefinition(description = "IPv4 gateway for static addresses (empty = DHCP unless core gives an address)", required = false)
    String ipv4Gateway() default "";

    @AttributeDefinition(description = "prefix length of static IPv4 addresses", min = "8", max = "30")
    int ipv4PrefixLength() default 24;

    @AttributeDefinition(description = "DNS servers for cloud-init (space separated; empty = the host's)", required = false)
    String nameserver() default "";

    @AttributeDefinition(description = "vCPU overcommit ratio")
    double cpuOvercommit() default 4.0;

    @AttributeDefinition(description = "memory overcommit ratio")
    double memoryOvercommit() default 1.0;

    @AttributeDefinition(description = "disk overcommit ratio (linked clones are thin)")
    double diskOvercommit() default 1.0;

    @AttributeDefinition(description = "memory kept free on every node (MiB)")
    int nodeReservedMemoryMib() default 2048;

    @AttributeDefinition(description = "pam_web3 in the guests: SIWE host (host[:port]); empty = not set", required = false)
    String loginHost() default "";

    @AttributeDefinition(description = "pam_web3 in the guests: chain id (0 = not set)", min = "0")
    long loginChainId() default 0;

    @AttributeDefinition(description = "pam_web3 in the guests: http(s) URL of the signing page; empty = not set", required = false)
    String signingUrl() default "";

    @AttributeDefinition(description = "longest wait for a PVE task (seconds)", min = "5")
    int taskTimeoutSeconds() default 600;

    @AttributeDefinition(description = "timeout of one API request (seconds)", min = "1")
    int requestTimeoutSeconds() default 30;
}
