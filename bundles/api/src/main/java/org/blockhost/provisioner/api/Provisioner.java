package org.blockhost.provisioner.api;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A hypervisor backend (libvirt, Proxmox). Exactly one provisioner is active in a runtime; a
 * provisioner bundle registers its implementation as a service with the {@link ProvisionerId}
 * property.
 *
 * <p>Idempotency: {@link #create} is keyed by the VM name (creating an existing VM returns it);
 * {@link #destroy} of a missing VM succeeds. Every other write is safe to repeat.
 *
 * <p>Threading: thread-safe; calls for different VMs may run concurrently. Calls may block for
 * I/O; core fences each call with a timeout and marks the plugin failed if an unchecked exception
 * escapes. Expected failures (VM missing, capacity exhausted, hypervisor down) are
 * {@link ProvisionerException}s.
 */
@ConsumerType
public interface Provisioner {

    /** Stable identifier, for example {@code libvirt}; equals the {@link ProvisionerId} property. */
    String id();

    /** Creates and starts the VM described by the spec, or returns the existing one of that name. */
    VmInfo create(VmSpec spec) throws ProvisionerException;

    /** Boots a stopped VM. */
    void start(String name) throws ProvisionerException;

    /** Asks the guest to shut down (ACPI / guest agent). */
    void stop(String name) throws ProvisionerException;

    /** Powers the VM off at once; the disk is kept. */
    void kill(String name) throws ProvisionerException;

    /**
     * Suspends the VM (subscription expired): it stops holding RAM; its disk, and its memory image
     * where the hypervisor can save one, are kept. A VM that is already shut off is left off and
     * counts as suspended.
     */
    void suspend(String name) throws ProvisionerException;

    /** Runs a suspended, paused or shut-off VM again (subscription renewed); fails unless it ends up running. */
    void resume(String name) throws ProvisionerException;

    /** Removes the VM with its disks. Irreversible; succeeds when the VM does not exist. */
    void destroy(String name) throws ProvisionerException;

    /** The VM's state; {@link VmStatus#UNKNOWN} when the hypervisor cannot tell. */
    VmStatus status(String name) throws ProvisionerException;

    /** Every VM this provisioner manages (names starting with {@code blockhost-}). */
    List<VmInfo> list() throws ProvisionerException;

    /** Resource counters of a running VM. */
    VmMetrics metrics(String name) throws ProvisionerException;

    /**
     * Whether the guest finished its first boot, read through the guest agent (never guessed from
     * the hypervisor's run state). A guest agent that does not answer yet is
     * {@link GuestReadiness#NOT_READY}, not an error; a provisioner without a guest channel answers
     * {@link GuestReadiness#UNTRACKED} (core then waits for nothing).
     *
     * @since 1.2
     */
    default GuestReadiness readiness(String name) throws ProvisionerException {
        return GuestReadiness.UNTRACKED;
    }

    /**
     * Tells the tenant inside the guest when the subscription ends and where to renew (login banner,
     * or a message to logged-in users), through the guest agent. Safe to repeat: a banner replaces
     * the previous one. Returns false when the provisioner has no guest channel (core then does not
     * ask again for this notice); a guest that cannot be reached now is a {@link ProvisionerException}.
     *
     * @since 1.3
     */
    default boolean notifyExpiry(String name, ExpiryNotice notice) throws ProvisionerException {
        return false;
    }

    /**
     * Whether this provisioner can make a booted warm-pool VM a buyer's ({@link #assign}). Core keeps
     * a warm pool only for a provisioner that answers true.
     *
     * @since 1.4
     */
    default boolean assignsPoolVms() {
        return false;
    }

    /**
     * Makes a warm-pool VM the buyer's. The VM was made by {@link #create} with no owner (empty
     * {@code ownerWallet}) and no public port, and has finished its first boot; it keeps its name
     * {@code buyer.name()}. This sets the guest's host name and the machine id PAM shows to
     * {@code buyer.machineId()}, regenerates the guest's SSH host keys (so {@link #readiness} then
     * reports the new key), and applies {@code buyer.network()} (the public port) as {@link #create}
     * would. The owner binding follows through {@link #setOwner} as for any VM. Safe to repeat: a
     * repeat regenerates the host keys again. The default says "unsupported" (not retryable): core
     * then serves the purchase by the cold path.
     *
     * @since 1.4
     */
    default VmInfo assign(VmSpec buyer) throws ProvisionerException {
        throw new ProvisionerException("provisioner " + id() + " cannot assign warm-pool VMs", false);
    }

    /**
     * Where the cold path's time went in this provisioner's recent creates (for {@code /metrics}): per
     * step, in the order they happen, the seconds each recent create spent in it, oldest first. Steps
     * are short lower-case names of the provisioner's choosing (e.g. {@code overlay}, {@code first boot
     * finished}); times are measured by the provisioner and hold no VM names. The default measures
     * nothing (empty).
     *
     * @since 1.5
     */
    default Map<String, List<Double>> coldPathSeconds() {
        return Map.of();
    }

    /** Writes the owner binding into the guest user's GECOS ({@code wallet=<addr>,nft=<id>}). */
    void setOwner(String name, OwnerBinding owner) throws ProvisionerException;

    /** Builds (or reuses, when the recipe is unchanged) a guest template. */
    TemplateInfo buildTemplate(TemplateSpec spec) throws ProvisionerException;

    /**
     * The identity of the current build of a template (for example the SHA-256 of its image, as
     * {@link TemplateInfo#sha256()} reports it), or {@code ""} when this provisioner cannot tell. Core
     * records it on each warm-pool VM and replaces the unassigned ones made from an earlier build.
     *
     * @since 1.5
     */
    default String templateBuild(String template) throws ProvisionerException {
        return "";
    }

    /** Host capacity with the configured overcommit applied. */
    Capacity capacity() throws ProvisionerException;
}
